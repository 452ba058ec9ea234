"""`.query` on model-class-like names that is not the query property."""

from sqlalchemy import select


class Assistant:
    def __init__(self, llm_model, session):
        self.llm_model = llm_model
        self.session = session

    def ask(self, prompt):
        # A called `query` is the object's own method (here a language model's).
        return self.llm_model.query(prompt)

    def modern(self, user_model):
        return self.session.scalars(select(user_model)).all()


def request_args(request_model):
    return request_model.query_string
