from main import db


def counts(cls):
    # `db` from another module: the gathering pass confirms it is a Flask-SQLAlchemy `db`.
    return db.select([db.func.count(cls.id)])  # expect: SQ601 weak
