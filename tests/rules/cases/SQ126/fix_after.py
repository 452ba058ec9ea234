from sqlalchemy import LABEL_STYLE_TABLENAME_PLUS_COL
from sqlalchemy.orm import Session

from models import Address, User


def labelled(session: Session):
    return session.query(User.id, Address.id).join(User.addresses).set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL).all()


def labelled_statement(session: Session):
    return session.query(User).set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL).statement


def joined(session: Session):
    return session.query(User).join(User.addresses).filter(Address.id > 2).all()


def still_manual(session: Session):
    a = session.query(User).join(User.addresses).reset_joinpoint().filter_by(id=5).all()
    q = session.query(User).join(User.addresses).reset_joinpoint()
    return a, q
