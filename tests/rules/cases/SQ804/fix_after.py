from sqlalchemy import Column, ForeignKey, Integer, String, func, insert, update
from sqlalchemy.orm import Session, declarative_base, joinedload, relationship

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    addresses = relationship("Address")


class Address(Base):
    __tablename__ = "addresses"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"))
    email = Column(String)


def run(session: Session, rows, objs):
    session.execute(insert(User).execution_options(autoflush=False), [{"name": "a"}, {"name": "b"}])
    session.bulk_insert_mappings(User, rows, render_nulls=True)
    session.execute(update(User).execution_options(autoflush=False, synchronize_session=False), [{"id": 1, "name": "x"}])
    session.bulk_insert_mappings(User, [{"name": "c"}], return_defaults=True)  # left alone
    session.bulk_save_objects(objs)  # manual
