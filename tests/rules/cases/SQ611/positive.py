from sqlalchemy import select

a = select(t.c.x).as_scalar()  # expect: SQ611
b = session.query(User.id).filter(User.id == 1).as_scalar()  # expect: SQ611
c = select(t.c.x).subquery().as_scalar()  # expect: SQ611
