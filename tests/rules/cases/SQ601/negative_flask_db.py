from flask_sqlalchemy import SQLAlchemy

from search import index

db = SQLAlchemy()


def counts(cls):
    # Already 2.0: columns passed positionally.
    return db.select(db.func.count(cls.id), cls.name)


def picker(options):
    # Someone else's `select()` taking a list (a UI widget, a search index).
    return index.select(["a", "b"])
