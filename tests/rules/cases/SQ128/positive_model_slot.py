"""Model classes held in attributes and variables (a datastore over configurable models)."""

from flask import current_app
from sqlalchemy import func


class UserDatastore:
    def __init__(self, db, user_model, role_model):
        self.db = db
        self.user_model = user_model
        self.role_model = role_model

    def find_user(self, **kwargs):
        query = self.user_model.query  # expect: SQ128 weak
        attr, value = kwargs.popitem()
        return query.filter(func.lower(getattr(self.user_model, attr)) == func.lower(value)).first()

    def find_role(self, role):
        return self.role_model.query.filter_by(name=role).first()  # expect: SQ128 weak


def get_blog(bid):
    return current_app.blog_cls.query.get(bid)  # expect: SQ128 weak


def count_rows(model):
    return model.query.count()  # expect: SQ128 weak
