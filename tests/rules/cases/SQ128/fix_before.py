from sqlalchemy import Column, Integer, String
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
    a = User.query.filter_by(email=e).first()
    b = User.query.get(5)
    c = Thing.query.filter(Thing.name == e).all()
    d = Custom.query.all()  # own query_class: left alone
    return a, b, c, d


def more(e):
    f = User.query.get_or_404(3)  # Flask's own method: only the root changes
    g = Thing.query.filter(Thing.id > 1).count()
    h = User.query
    return f, g, h
