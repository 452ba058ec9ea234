from flask_sqlalchemy import BaseQuery
from sqlalchemy import event
from sqlalchemy.orm import Query, sessionmaker
import sqlalchemy.orm as orm


class SoftDeleteQuery(Query):  # expect: SQ802
    pass


class TenantQuery(orm.Query):  # expect: SQ802
    pass


class FlaskQuery(BaseQuery):  # expect: SQ802
    pass


Session = sessionmaker(query_cls=SoftDeleteQuery)  # expect: SQ802
db = SQLAlchemy(query_class=FlaskQuery)  # expect: SQ802


@event.listens_for(Query, "before_compile", retval=True)  # expect: SQ802
def no_deleted(query):
    return query


event.listen(Query, "before_compile", no_deleted)  # expect: SQ802
