from sqlalchemy.orm import Session


def legacy(session: Session):
    return session.query(Employee).with_polymorphic([Engineer, Manager]).filter(Engineer.lang == "py").all()  # expect: SQ124


def star(session: Session):
    q = session.query(Employee)
    return q.with_polymorphic("*")  # expect: SQ124
