"""`.query` of a model holder outside SQLAlchemy modules, and a called `query()` method."""

from elasticsearch_dsl import Search


class Index:
    def __init__(self, doc_model, search_model):
        self.doc_model = doc_model
        self.search_model = search_model

    def find(self, text):
        hits = self.doc_model.query
        return hits.filter(text).first()

    def ask(self):
        return Search().query("match", title="x").first()
