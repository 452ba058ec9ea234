from sqlalchemy import Column, Integer, MetaData, Table, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

events = Table("events", MetaData(), Column("user_id", Integer), Column("ts", postgresql.TIMESTAMP))
latest = select(events).distinct(events.c.user_id).order_by(events.c.user_id, events.c.ts.desc())
cols = [events.c.ts]
more = (
    select(events.c.user_id)
    .distinct(events.c.user_id, *cols)
)
maybe_empty = select(events).distinct(*cols)


def orm(session: Session, User):
    return session.query(User).distinct(User.name).all()
