from sqlalchemy import delete
from sqlalchemy.orm import Session


def modern(session: Session, uid):
    session.execute(delete(Address).where(Address.user_id == uid))


def unit_of_work(session: Session, obj):
    session.delete(obj)


def http(client):
    client.delete("/users/1")


def table(addresses):
    return addresses.delete().where(addresses.c.id == 1)


def cache(redis):
    redis.delete("key")
