from sqlalchemy.orm import Session, scoped_session, sessionmaker

db_session = scoped_session(sessionmaker())


class User(db.Model):
    pass


def legacy(session: Session):
    return session.query(User).filter(User.name == "foo").update(  # expect: SQ113
        {"fullname": "Foo Bar"}, synchronize_session="evaluate"
    )


def scoped(uid):
    db_session.query(User).filter_by(id=uid).update({User.active: False})  # expect: SQ113


def model_query(uid):
    User.query.filter(User.id == uid).update({"active": True})  # expect: SQ113


def weak(db):
    db.query(Item).filter(Item.sold).update({"price": 0}, synchronize_session=False)  # expect: SQ113 weak
