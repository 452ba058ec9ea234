"""`query` attributes and loops that are not SQLAlchemy's `Model.query`."""
from app.search import Index


class Request:
    query = {}


class Api:
    def __init__(self, client):
        self.query = client.query_property()  # an instance attribute, not a model's property


query = Index.query_property()  # a module-level name is nobody's `Model.query`


def params(request):
    for key in Request.query:
        print(key)
    for row in request.query:
        print(row)


def clear(request, Config):
    del request.query
    del Request.query
