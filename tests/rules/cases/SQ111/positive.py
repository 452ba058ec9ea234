from sqlalchemy.orm import Session, aliased


def joined(session: Session):
    return session.query(User).join(User.addresses).filter(Address.email.like("%@x")).all()  # expect: SQ111


def outer_one(session: Session, uid):
    return session.query(User).outerjoin(User.orders).filter(User.id == uid).one()  # expect: SQ111


def module_entity(session: Session):
    return (
        session.query(models.User)  # expect: SQ111
        .join(models.Address)
        .one_or_none()
    )


def weak(db):
    return db.query(User).join(User.addresses).all()  # expect: SQ111 weak
