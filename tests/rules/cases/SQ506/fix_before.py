from sqlalchemy import Column, Integer, String, select
from sqlalchemy.orm import Session, declarative_base, sessionmaker

Base = declarative_base()
SessionLocal = sessionmaker()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)


def loop(session: Session):
    for user in session.execute(select(User)):
        print(user.name)


def filtered():
    with SessionLocal() as session:
        for user in session.execute(select(User).where(User.id > 1).order_by(User.id)).all():
            print(user.id, user.name)


def single(session: Session):
    user = session.execute(select(User).where(User.id == 1)).first()
    if user is None:
        return None
    return user.name


def passed_on(session: Session, out: list):
    for user in session.execute(select(User)):
        print(user.name)
        out.append(user)
