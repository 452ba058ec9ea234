from sqlalchemy import func, select
from sqlalchemy.orm import Session


def modern():
    return select(User.id).subquery(), select(User.id).cte("ids")


def column_label():
    return User.name.label("n"), func.count().label("c")


def statement_attr(parser):
    return parser.statement


def executed(session: Session):
    return session.query(User).all()
