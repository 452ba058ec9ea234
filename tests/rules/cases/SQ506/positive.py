from sqlalchemy import Column, Integer, String, select
from sqlalchemy.orm import Session, declarative_base, sessionmaker

from myproject.models import Address

Base = declarative_base()
SessionLocal = sessionmaker()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)


def loop(session: Session):
    for user in session.execute(select(User)):  # expect: SQ506
        print(user.name)


def filtered():
    with SessionLocal() as session:
        for user in session.execute(select(User).where(User.id > 1).order_by(User.id)).all():  # expect: SQ506
            print(user.id)


def single(session: Session):
    user = session.execute(select(User).where(User.id == 1)).first()  # expect: SQ506
    return user.name


async def in_async(session: Session):
    for address in (await session.execute(select(Address))):  # expect: SQ506 weak
        print(address.email)


def weak_session(db_session):
    for u in db_session.execute(select(User)):  # expect: SQ506 weak
        print(u.name)
