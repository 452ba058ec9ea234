from sqlalchemy import Column, Integer, String, func, select
from sqlalchemy.orm import declarative_base, scoped_session, sessionmaker
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
db_session = scoped_session(sessionmaker())
Base = declarative_base()
Base.query = db_session.query_property()


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)


class Thing(Base):
    __tablename__ = "things"
    id = Column(Integer, primary_key=True)
    name = Column(String)


class Custom(db.Model):
    query_class = object
    id = db.Column(db.Integer, primary_key=True)


def run(e):
    a = db.session.scalars(select(User).filter_by(email=e).limit(1)).first()
    b = db.session.get(User, 5)
    c = db_session.scalars(select(Thing).where(Thing.name == e)).all()
    d = Custom.query.all()  # own query_class: left alone
    return a, b, c, d


def more(e):
    f = db.session.query(User).get_or_404(3)  # Flask's own method: only the root changes
    g = db_session.scalar(select(func.count()).select_from(select(Thing).where(Thing.id > 1).subquery()))
    h = db.session.query(User)
    return f, g, h
