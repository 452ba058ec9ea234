from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

other = create_engine("sqlite://")


def run(session: Session, stmt, params):
    session.execute(stmt, params, bind_arguments={"mapper": object})
    session.execute(text("select 1"), bind_arguments={"bind": other})
    session.scalar(select(1), execution_options={"x": 1}, bind_arguments={"bind": other})
    session.execute(stmt, bind=other, bind_arguments={"mapper": object})
