import sqlite3
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")


def modern():
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        conn.exec_driver_sql("SELECT 1")


def dbapi():
    conn = sqlite3.connect(":memory:")
    conn.execute("SELECT 1")


def orm(session: Session):
    session.execute(text("SELECT 1"))
