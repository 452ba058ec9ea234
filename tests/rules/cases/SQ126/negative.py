from sqlalchemy import LABEL_STYLE_TABLENAME_PLUS_COL, select
from sqlalchemy.orm import Bundle, Session


def modern(session: Session):
    stmt = select(User).set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)
    return session.execute(stmt)


def plain_bundle():
    return Bundle("b", User.id, single_entity=False), Bundle("c", User.id)


def cursor(cur):
    return cur.execute("select 1")


def select_labels():
    return select(User).apply_labels()
