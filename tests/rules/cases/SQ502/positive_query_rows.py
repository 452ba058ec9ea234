"""A Query of columns returns Rows (aiida's migration tests read `.keys()` of one)."""
from sqlalchemy.orm import Session


def serialized(session: Session, cols):
    data = session.query(Log).filter(Log.objpk == 1).with_entities(*cols).one()
    return dict(zip(data.keys(), data))  # expect: SQ502


def names(session: Session):
    row = session.query(User.id, User.name).first()
    return row.keys()  # expect: SQ502


def entity(session: Session):
    user = session.query(User).first()
    return user.keys()  # a mapped object's own method
