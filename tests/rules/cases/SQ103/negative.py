from sqlalchemy import func, select
from sqlalchemy.orm import Session
import pandas as pd


def modern(session: Session):
    return session.execute(select(User).filter_by(name="ed")).one()


def frame(conn):
    return pd.read_sql("SELECT * FROM users", conn)


def result_method(session: Session):
    result = session.execute(select(func.count()).select_from(User))
    return result.one()


def unrelated(api):
    return api.query().one()
