from sqlalchemy.orm import Session

from app.db import db
from sqlalchemy_searchable import search


def searched(session: Session):
    query = search(session.query(Item.id), "admin")  # expect: SQ109
    return query.count()


def keyword(session: Session, paginate):
    return paginate(query=session.query(Item).filter(Item.active))  # expect: SQ109


def other_module():
    return render(db.session.query(Item).order_by(Item.id))  # expect: SQ109 weak


def fixture_param(TextItem, session):
    return search(session.query(TextItem.id), "the")  # expect: SQ109 weak
