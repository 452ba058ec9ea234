import sqlalchemy as sa
from sqlalchemy.orm import backref, declarative_base, relationship

Base = declarative_base()


class User(Base):
    __tablename__ = "user"
    addresses = relationship("Address", backref="user", cascade_backrefs=False)  # expect: SQ315
    orders = sa.orm.relationship("Order", cascade_backrefs=True)  # expect: SQ315
    tags = relationship("Tag", backref=backref("users", cascade_backrefs=flag))  # expect: SQ315
