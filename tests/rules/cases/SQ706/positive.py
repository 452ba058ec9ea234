from sqlalchemy.orm import Session


def f(session: Session):
    return (
        session.query(Node)
        .join("children", aliased=True)  # expect: SQ706
        .filter(Node.name == "child")
        .join("children", from_joinpoint=True, aliased=True)  # expect: SQ706
    )


q = query.join(Node.children, aliased=True)  # expect: SQ706 weak
