"""No SQLAlchemy import in the module: a `.query` on a model holder is some other library's."""

from elasticsearch_dsl import Search


class Index:
    def __init__(self, doc_model):
        self.doc_model = doc_model

    def find(self, text):
        return self.doc_model.query.filter(text).first()


def search():
    return Search().query("match", title="x")
