from sqlalchemy import Column, Integer, String, create_engine, select
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()
engine = create_engine("sqlite://")


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)


def scalars(session: Session):
    for user in session.scalars(select(User)):
        print(user.name)
    for row in session.execute(select(User)):
        print(row.User.name, row._mapping[User])
    for row in session.execute(select(User.id, User.name)):
        print(row.name)
    for row in session.execute(select(User, User.id)):
        print(row.name)
    for (user,) in session.execute(select(User)):
        print(user.name)


def core():
    with engine.connect() as conn:
        for row in conn.execute(select(User)):
            print(row.name)
