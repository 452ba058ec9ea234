from sqlalchemy.orm import Session


def save(session: Session, user):
    session.add(user)
    session.flush([user])  # expect: SQ217
    session.flush(objects=[user])  # expect: SQ217


def guessed(db_session, objs):
    db_session.flush(objs)  # expect: SQ217 weak
