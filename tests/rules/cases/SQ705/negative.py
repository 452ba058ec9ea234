from sqlalchemy.orm import Session


def f(session: Session):
    return session.query(User).join(Address, User.id == Address.user_id)


a = " ".join(("a", "b"))
worker.join((1, 2))
