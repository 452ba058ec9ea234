# A helper of this module that returns plain dicts.
def _load(context, filters):
    return [{"id": 1, "name": "a"} for _ in filters]


def get_all(context, filters=None):
    return [Provider(context, **rp) for rp in _load(context, filters)]


def get_first(context, filters):
    rows = _load(context, filters)
    row = rows[0]
    return dict(row)
