from sqlalchemy import text
from sqlalchemy.orm import Session


def update(session: Session, table: str):
    session.execute(text("UPDATE users SET active = :a WHERE id = :id"), {"a": True, "id": 5})
    sql = "SELECT count(*) FROM users"
    n = session.scalar(text(sql))
    session.execute(f"DELETE FROM {table}")
    return n
