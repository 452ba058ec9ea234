from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase

from myproject.factories import declarative_base


class Base(DeclarativeBase):
    pass


Other = declarative_base()
db = SQLAlchemy()
Model = db.Model
base, extra = make_bases()
