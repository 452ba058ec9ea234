import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker, Session as OrmSession

engine = sa.create_engine("sqlite://")
SessionLocal = sessionmaker(bind=engine, autocommit=True)  # expect: SQ201


class Repo:
    factory = sa.orm.sessionmaker(  # expect: SQ201
        bind=engine,
        autocommit=True,
    )


def make(flag):
    return OrmSession(engine, autocommit=flag)  # expect: SQ201 weak


async def make_scoped():
    return sa.orm.scoped_session(sessionmaker(), autocommit=True)  # expect: SQ201
