from sqlalchemy.orm import Session, aliased


def f(session: Session):
    n1 = aliased(Node)
    return session.query(Node).join(Node.children.of_type(n1))


x = aliased(Node, name="n")
