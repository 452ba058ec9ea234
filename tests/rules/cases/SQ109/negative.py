from elasticsearch import Elasticsearch
from sqlalchemy import select
from sqlalchemy.orm import Session

es = Elasticsearch()


def modern(session: Session):
    stmt = select(User).where(User.active)
    return session.scalars(stmt).all()


def executed(session: Session):
    users = session.query(User).all()
    return users


def search():
    q = es.query(index="users")
    return q


def other_client(client):
    result = client.query("SELECT 1")
    return result


def continued_variable(session: Session, q):
    q = q.filter(User.active)
    return q.all()


class GenericInterface:
    def query(self, filters=None):
        query = self.session.query(self.obj)
        return query
