import requests
from sqlalchemy.orm import Session


def modern(session: Session, pk):
    return session.get(User, pk)


def http():
    return requests.Session().get("https://example.invalid")


def mapping(d):
    return d.get("key")


def cache(config):
    return config.query(section="x").get("y")


def many_args(session: Session):
    return session.query(User).get(1, 2)
