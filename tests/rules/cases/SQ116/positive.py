from sqlalchemy.orm import Session


def switches(session: Session):
    return session.query(User).populate_existing().autoflush(False).yield_per(500)  # expect: SQ116


def eagerloads(session: Session):
    return session.query(User).enable_eagerloads(False).subquery()  # expect: SQ116


def passed_in(query):
    return query.yield_per(100)  # expect: SQ116 weak
