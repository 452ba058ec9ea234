import sqlalchemy as sa
from sqlalchemy.orm import Session, scoped_session, sessionmaker

db_session = scoped_session(sessionmaker())


def update(session: Session):
    session.execute("UPDATE users SET active = :a WHERE id = :id", {"a": True, "id": 5})  # expect: SQ208


def count(table):
    return db_session.scalar(f"SELECT count(*) FROM {table}")  # expect: SQ208


async def guessed(session, name):
    sql = "SELECT * FROM users WHERE name = :n"
    return await session.execute(sql, {"n": name})  # expect: SQ208 weak


def create_tables(session: Session):
    # Each string of a literal list is raw SQL too.
    statements = [
        "CREATE TABLE a (id integer)",
        "CREATE TABLE b (id integer)",
    ]
    for sql in statements:
        session.execute(sql)  # expect: SQ208
    for sql in ("DROP TABLE a", "DROP TABLE b"):
        session.execute(sql)  # expect: SQ208


def count_versions(obj, table_name, criteria):
    # sqlalchemy-continuum: the finding starts where `text()` goes.
    session = sa.orm.object_session(obj)
    query = "SELECT COUNT(1) FROM %s WHERE %s" % (  # expect: SQ208
        table_name,
        " AND ".join(criteria),
    )
    return session.execute(query).scalar()
