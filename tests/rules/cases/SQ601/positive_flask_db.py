from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def counts(cls, unnest):
    return db.select([db.func.array_agg(cls.name), unnest.column])  # expect: SQ601
