from contextlib import closing

from sqlalchemy.orm import Session


def clear_cache(engine):
    with closing(Session(engine)) as session:
        session.execute("UPDATE access_tokens SET permissions = NULL")  # expect: SQ208
