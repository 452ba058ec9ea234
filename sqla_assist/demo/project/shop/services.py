"""Service layer: the ORM the 1.x way."""

from sqlalchemy import func
from sqlalchemy.orm import Session, joinedload

from shop.db import SessionLocal, engine
from shop.models import Address, Order, Product, User


def get_user(session, user_id):
    return session.query(User).get(user_id)


def find_user_by_email(email):
    session = SessionLocal()
    try:
        return session.query(User).filter_by(email=email).first()
    finally:
        session.close()


def active_users(session: Session):
    return (
        session.query(User)
        .filter(User.is_active == True)  # noqa: E712
        .order_by(User.name)
        .all()
    )


def user_names(session: Session):
    return session.query(User.name).order_by(User.id).all()


def count_orders(session: Session, user_id):
    return session.query(Order).filter(Order.user_id == user_id).count()


def only_user(session: Session, email):
    return session.query(User).filter(User.email == email).one()


def maybe_user(session: Session, email):
    return session.query(User).filter(User.email == email).one_or_none()


def total_stock(session: Session):
    return session.query(func.sum(Product.stock)).scalar()


def users_with_addresses(session: Session):
    return session.query(User).options(joinedload(User.addresses)).all()


def recent_orders(user):
    # `orders` is lazy="dynamic": a Query, not a list.
    return user.orders.filter(Order.status == "new").all()


def deactivate_everyone():
    engine.execute("UPDATE users SET is_active = 0")


def bulk_import(rows):
    session = Session(bind=engine, autocommit=True)
    for row in rows:
        session.add(User(email=row["email"], name=row["name"]))
    session.flush()


def addresses_in(session: Session, city):
    return session.query(Address).filter_by(city=city).all()
