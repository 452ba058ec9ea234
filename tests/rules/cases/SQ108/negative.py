import requests
from sqlalchemy import select
from sqlalchemy.orm import Session


def modern(session: Session):
    for u in session.scalars(select(User).where(User.active)):
        print(u)
    return session.scalars(select(User).order_by(User.id).slice(0, 3)).all()


def executed(session: Session):
    rows = session.query(User).all()
    for u in session.query(User).all():
        print(u)
    return rows[0], list(rows)


def other_apis(client, es):
    for hit in es.query(index="x")["hits"]:
        print(hit)
    for line in requests.Session().get("https://example.invalid").iter_lines():
        print(line)
    return list(client.query("SELECT 1"))


def unknown_variable(q):
    for item in q:
        print(item)
    return q[0]
