import sqlalchemy.orm as orm
from sqlalchemy.orm import Load, Session, joinedload, load_only
from sqlalchemy.orm import selectinload as sel


def users(session: Session):
    return session.query(User).options(
        joinedload("addresses"),  # expect: SQ701
        load_only("name", "email"),  # expect: SQ701
    )


a = Load(User).joinedload("orders").defer("description")  # expect: SQ701
b = sel("orders")  # expect: SQ701
c = orm.subqueryload("items")  # expect: SQ701
d = joinedload(User.orders).defer("note")  # expect: SQ701
e = orm.contains_eager("addresses")  # expect: SQ701
