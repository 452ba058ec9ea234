from sqlalchemy import select
from sqlalchemy.orm import aliased


def modern():
    subq = select(User, Address.email_address).join(User.addresses).subquery()
    ua = aliased(User, subq)
    return select(ua)


def unrelated(obj):
    return obj.from_self()
