from sqlalchemy import select
from sqlalchemy.orm import Session


def executed_now(session: Session):
    print(session.query(Item).count())
    return len(session.query(Item).all())


def union(session: Session):
    return session.query(Item).union(session.query(Other)).all()


def subquery(session: Session):
    return session.scalars(select(Other).where(Other.item_id.in_(session.query(Item.id)))).all()


def statement(session: Session):
    return helper(select(Item))


def guessed(client, es):
    return es.search(client.query(Item))


def guessed_session_no_entity(session, term):
    return search(session.query(term), "x")
