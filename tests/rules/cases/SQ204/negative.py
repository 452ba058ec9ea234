import threading
from sqlalchemy.orm import Session

lock = threading.Lock()


def method_b(session: Session, obj):
    with session.begin():
        session.add(obj)


def nested(session: Session):
    with session.begin_nested():
        pass
