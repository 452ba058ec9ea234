from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")


def modern(session: Session, stmt):
    return session.execute(stmt, bind_arguments={"mapper": User})


def conn_params():
    with engine.connect() as conn:
        return conn.execute(text("select :bind"), bind=1)


def celery(task):
    return task.execute(bind=True)
