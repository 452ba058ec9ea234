from app import search


def lookup(term):
    # `search.index.query` is not a model's `Model.query` (lower-case owner): not a Query.
    hits = search.index.query.filter(term)
    return hits.all()


def grouped(records):
    rows = records.filter(1)
    return rows.all()
