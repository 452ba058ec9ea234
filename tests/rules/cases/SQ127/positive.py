from sqlalchemy.orm import Session, sessionmaker

SessionLocal = sessionmaker()


def inline(session: Session):
    return session.execute(session.query(User).filter_by(active=True))  # expect: SQ127


def variable():
    s = SessionLocal()
    q = s.query(User.id).filter(User.active)
    return s.execute(q).all()  # expect: SQ127


def weak(db):
    return db.execute(db.query(User).filter_by(id=1)).first()  # expect: SQ127 weak
