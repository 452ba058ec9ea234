from sqlalchemy import orm, select
from sqlalchemy.orm import Session, with_parent


def modern(session: Session, user):
    return session.scalars(select(Address).where(with_parent(user, User.addresses))).all()


def module_function(user):
    return select(Address).where(orm.with_parent(user, User.addresses))


def unrelated(widget, parent):
    return widget.with_parent(parent)
