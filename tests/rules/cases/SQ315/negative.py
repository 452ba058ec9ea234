from sqlalchemy.orm import declarative_base, relationship

from myproject.graph import link

Base = declarative_base()


class User(Base):
    __tablename__ = "user"
    addresses = relationship("Address", backref="user", cascade="all, delete-orphan")


edge = link("a", cascade_backrefs=False)
