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


def dynamic_columns(session, columns_to_join=None):
    if columns_to_join is None:
        columns_to_join = ["addresses", "orders"]
    query = session.query(User)
    for column in columns_to_join:
        query = query.options(joinedload(column))  # expect: SQ701
    for column in ["addresses"]:
        query = query.options(orm.subqueryload(column))  # expect: SQ701
    for column in columns_to_join:
        attr = getattr(User, column)
        query = query.options(joinedload(attr))
    return query
