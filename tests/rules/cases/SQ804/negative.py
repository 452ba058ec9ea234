import requests
from sqlalchemy import insert
from sqlalchemy.orm import Session


def modern(session: Session, rows):
    session.execute(insert(User), rows)


def elastic(helpers, es, actions):
    helpers.bulk(es, actions)


def http(rows):
    requests.Session().bulk_insert_mappings(rows)
