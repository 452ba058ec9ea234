from sqlalchemy.orm import Session

from models import Address, User


def labelled(session: Session):
    return session.query(User.id, Address.id).join(User.addresses).with_labels().all()


def labelled_statement(session: Session):
    return session.query(User).apply_labels().statement


def joined(session: Session):
    return session.query(User).join(User.addresses).reset_joinpoint().filter(Address.id > 2).all()


def still_manual(session: Session):
    a = session.query(User).join(User.addresses).reset_joinpoint().filter_by(id=5).all()
    q = session.query(User).join(User.addresses).reset_joinpoint()
    return a, q
