from sqlalchemy import orm
from sqlalchemy.orm import Session, with_parent

a = with_parent(user, "addresses")  # expect: SQ707
b = orm.with_parent(user, prop="addresses")  # expect: SQ707


def f(session: Session, user):
    return session.query(Address).with_parent(user, "addresses")  # expect: SQ707
