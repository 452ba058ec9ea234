from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import declarative_base, scoped_session, sessionmaker

db = SQLAlchemy()
db_session = scoped_session(sessionmaker())
Base = declarative_base()
Base.query = db_session.query_property()  # expect: SQ128


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)


class Admin(User):
    pass


class Item(Base):
    __tablename__ = "items"


def flask(email):
    return User.query.filter_by(email=email).first()  # expect: SQ128


def subclass(pk):
    return Admin.query.get(pk)  # expect: SQ128


def query_property():
    return Item.query.all()  # expect: SQ128


def passed_around():
    q = User.query  # expect: SQ128
    return q


def imported(pk):
    return models.Order.query.filter(models.Order.id == pk).one()  # expect: SQ128 weak


def imported_name():
    return (
        Product.query  # expect: SQ128 weak
        .order_by(Product.name)
        .all()
    )
