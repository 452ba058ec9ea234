import requests
from elasticsearch import Elasticsearch
from sqlalchemy import select
from sqlalchemy.orm import Session

es = Elasticsearch()


def modern(session: Session):
    return session.scalars(select(User)).all()


def search():
    return es.query(index="users", body={}).all()


def http():
    s = requests.Session()
    return s.query("x").all()


def results(session: Session):
    return session.execute(select(User.id)).all()


def other_orm(client):
    return client.query("SELECT 1").all()
