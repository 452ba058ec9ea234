from sqlalchemy import orm


def legacy(session: orm.Session, uid):
    session.query(Address).filter(Address.user_id == uid).delete(synchronize_session=False)  # expect: SQ114


def counted(uid):
    s = orm.Session()
    n = (
        s.query(Address)  # expect: SQ114
        .filter(Address.user_id == uid)
        .delete()
    )
    return n


def weak(db):
    db.query(Address).filter_by(user_id=1).delete()  # expect: SQ114 weak
