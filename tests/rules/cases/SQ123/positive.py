from sqlalchemy.orm import Session


def string_prop(session: Session, user):
    return session.query(Address).with_parent(user, "addresses").all()  # expect: SQ123


def attr_prop(session: Session, user):
    return session.query(Address).with_parent(user, User.addresses).all()  # expect: SQ123


def keyword(query, user):
    return query.with_parent(user, property="addresses")  # expect: SQ123 weak
