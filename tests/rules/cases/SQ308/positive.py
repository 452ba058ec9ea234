import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import declarative_base

from myproject.models import Base as SharedBase

Base = declarative_base()
db = SQLAlchemy()


class Timestamps:
    created = Column(sa.DateTime)  # expect: SQ308


class User(Timestamps, Base):
    __tablename__ = "user_account"
    id = Column(Integer, primary_key=True)  # expect: SQ308
    name = Column("user_name", String(30), nullable=False, index=True)  # expect: SQ308
    note = Column(  # expect: SQ308
        sa.Text,
        nullable=True,
    )


class Admin(User):
    level = sa.Column(sa.Integer)  # expect: SQ308


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)  # expect: SQ308


class Shared(SharedBase):
    id = Column(Integer, primary_key=True)  # expect: SQ308 weak


class Legacy(Unknown):
    __tablename__ = "legacy"
    id = Column(Integer, ForeignKey("user_account.id"), primary_key=True)  # expect: SQ308 weak


class AuditMixin(object):
    changed_by = Column(Integer)  # expect: SQ308 weak
