from graphene import ObjectType
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker


class Query(ObjectType):
    pass


class Other(Query):
    pass


SessionFactory = sessionmaker(query_cls=None)


@event.listens_for(Session, "do_orm_execute")
def criteria(state):
    pass
