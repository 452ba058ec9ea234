from sqlalchemy.orm import Session, scoped_session, sessionmaker

db_session = scoped_session(sessionmaker())


def update(session: Session):
    session.execute("UPDATE users SET active = :a WHERE id = :id", {"a": True, "id": 5})  # expect: SQ208


def count(table):
    return db_session.scalar(f"SELECT count(*) FROM {table}")  # expect: SQ208


async def guessed(session, name):
    sql = "SELECT * FROM users WHERE name = :n"
    return await session.execute(sql, {"n": name})  # expect: SQ208 weak
