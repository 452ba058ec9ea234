from sqlalchemy.orm import Session


def create_user(session: Session, name):
    session.add(User(name=name))
    session.commit()  # expect: SQ212


def guessed(session, name):
    session.add(User(name=name))
    try:
        session.flush()
    except Exception:
        session.rollback()  # expect: SQ212 weak
        raise


async def async_helper(db: "Session"):
    db.add(User())
    await db.commit()  # expect: SQ212
