"""Flask-AppBuilder-style filters: they refine the Query the framework hands them, so their
`-> Query` follows the caller's signature, not a Query they build."""
from typing import Optional

from flask_appbuilder.models.filters import BaseFilter
from sqlalchemy.orm import Query


class StatusFilter(BaseFilter):
    def apply(self, query: Query, value) -> Query:
        return query.filter_by(status=value)


def only_active(query: Optional[Query] = None, *, active: bool = True) -> "Query":
    return query.filter_by(active=active)
