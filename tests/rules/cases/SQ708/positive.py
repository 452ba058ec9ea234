from sqlalchemy.orm import Session, aliased, contains_eager

aa = aliased(Address)
a = contains_eager(User.addresses, alias=aa)  # expect: SQ708
b = contains_eager(User.addresses, alias="addr_alias")  # expect: SQ708


def f(session: Session):
    return session.query(User).options(contains_eager("addresses", alias=aa))  # expect: SQ708
