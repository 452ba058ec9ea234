from elasticsearch_dsl import Search
from sqlalchemy import select


class Settings:
    query = "x"


def modern(db):
    return db.session.scalars(select(User)).all()


def aiohttp_handler(request):
    return request.query.get("page")


def search():
    return Search().query("match", title="x")


def plain_class():
    return Settings.query


def unknown_camel():
    return Config.query


def table_query(t):
    return t.query
