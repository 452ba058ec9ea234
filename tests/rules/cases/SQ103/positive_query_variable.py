"""marshmallow-sqlalchemy's related field: generic code hands a Query of `self.related_model`
to a helper whose `query` parameter is refined with SQLAlchemy-only methods."""
from sqlalchemy.orm.exc import NoResultFound


class Related:
    def deserialize(self, value):
        try:
            return self._existing(self.session.query(self.related_model), value)
        except NoResultFound:
            return None

    def _existing(self, query, value):
        return query.filter_by(**value).one()  # expect: SQ103 weak
