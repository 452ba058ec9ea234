import datetime

from sqlalchemy import func

from app import db


class BaseMixin(object):
    # Mixed into every `db.Model` (zou's models): its classmethods' `cls.query` is the
    # models' query property.
    id = db.Column(db.Integer, primary_key=True)
    created_at = db.Column(db.DateTime, default=datetime.datetime.utcnow)

    @classmethod
    def get(cls, id):
        return cls.query.get(id)  # expect: SQ128 weak

    @classmethod
    def count(cls):
        return db.session.query(func.count(cls.id)).scalar()
