import sqlalchemy as sa
from sqlalchemy import create_engine
from sqlalchemy.ext.declarative import as_declarative, declarative_base

engine = create_engine("sqlite://")
Base = declarative_base(bind=engine)  # expect: SQ303
Other = sa.orm.declarative_base(  # expect: SQ303
    bind=engine,
    name="Other",
)


@as_declarative(bind=engine)  # expect: SQ303
class Root:
    pass
