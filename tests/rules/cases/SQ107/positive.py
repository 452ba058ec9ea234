from sqlalchemy import orm
from sqlalchemy.orm import Session as S, joinedload


def plain(session: S, user_id):
    return session.query(User).get(user_id)  # expect: SQ107


def with_options(session: S):
    return session.query(User).options(joinedload(User.addresses)).populate_existing().get(5)  # expect: SQ107


def after_filter(session: S):
    return session.query(User).filter(User.active).get(5)  # expect: SQ107


def weak(db, pk):
    return db.query(User).get(pk)  # expect: SQ107 weak


def via_module_alias(pk):
    s = orm.Session()
    return s.query(User).get(pk)  # expect: SQ107
