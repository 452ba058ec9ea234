"""`cls.query` outside SQLAlchemy modules is no query property (a search DSL's class attribute)."""

from elasticsearch_dsl import Search


class Report:
    query = Search()

    @classmethod
    def narrowed(cls):
        base = cls.query.filter("term", kind="x")
        return base.extra(size=0).from_self()
