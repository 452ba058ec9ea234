from sqlalchemy.orm import Bundle, Session


def labels(session: Session):
    return session.query(User).join(User.addresses).reset_joinpoint().with_labels()  # expect: SQ126


def results(session: Session, cursor, it):
    q = session.query(User)
    a = q.instances(cursor)  # expect: SQ126
    b = q.merge_result(it)  # expect: SQ126
    c = q.with_session(session).all()  # expect: SQ126
    d = q.only_return_tuples(True)  # expect: SQ126
    return a, b, c, d


def transform(session: Session, fn):
    return session.query(User).enable_assertions(False).with_transformation(fn)  # expect: SQ126


def executed(session: Session):
    return session.query(User).execute()  # expect: SQ126


def bundle():
    return Bundle("b", User.id, User.name, single_entity=True)  # expect: SQ126
