# Rows handed back by a helper of this module (placement's `_get_all_by_filters_from_db`).
def _get_all_from_db(context, filters):
    if not filters:
        return []
    return context.session.execute(build(filters)).fetchall()


def get_all(context, filters=None):
    providers = _get_all_from_db(context, filters)
    return [Provider(context, **rp) for rp in providers]  # expect: SQ504 weak


def get_first(context, filters):
    rows = _get_all_from_db(context, filters)
    first = rows[0]
    return dict(first)  # expect: SQ504 weak
