from sqlalchemy import MetaData, create_engine
from sqlalchemy.orm import Session, declarative_base, scoped_session, sessionmaker

engine = create_engine("sqlite://")
metadata = MetaData(bind=engine)
Base = declarative_base(metadata=metadata)
Bound = sessionmaker(bind=engine)
Positional = Session(engine)
Routed = sessionmaker(binds={Base: engine})
Scoped = scoped_session(sessionmaker(bind=engine))
options = {"bind": engine}
FromOptions = sessionmaker(**options)
