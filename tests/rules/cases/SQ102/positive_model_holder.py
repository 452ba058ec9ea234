"""A Query from the query property of a model class held in an attribute, stored then run."""

from sqlalchemy import func
from sqlalchemy.orm import joinedload


class UserDatastore:
    def __init__(self, db, user_model):
        self.user_model = user_model

    def find_user(self, case_insensitive=False, **kwargs):
        query = self.user_model.query
        query = query.options(joinedload(self.user_model.roles))
        if case_insensitive:
            return query.filter(func.lower(self.user_model.email) == "x").first()  # expect: SQ102 weak
        return query.filter_by(**kwargs).first()  # expect: SQ102 weak
