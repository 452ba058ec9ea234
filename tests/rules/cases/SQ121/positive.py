from sqlalchemy.orm import Session


def legacy(session: Session):
    q = (
        session.query(User, Address.email_address)  # expect: SQ121
        .join(User.addresses)
        .from_self(User)
        .order_by(Address.email_address)
    )
    return q


def helper(query):
    return query.filter(User.active).from_self()  # expect: SQ121 weak
