from sqlalchemy import Column, Integer, MetaData, Table, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

metadata = MetaData()
users = Table("users", metadata, Column("id", Integer, primary_key=True))


def reset(session: Session):
    users.drop(checkfirst=True)
    users.create()
    session.commit()


def rebuild(conn: Connection):
    metadata.create_all()
    conn.execute(users.select())


def migrate(db, logger):
    if not inspect(db.bind).has_table("users"):
        return
    rows = db.execute(users.select()).fetchall()
    logger.info(len(rows))
    users.drop()


def two(session: Session, conn: Connection):
    users.create()
    session.commit()
    conn.execute(users.select())


def later(factory):
    users.create()
    with factory() as s:
        s.execute(users.select())
        s.commit()
