import sqlalchemy as sa

# Bound twice at module level: not a plain alias of SQLAlchemy's `select`.
_select = sa.sql.select
_select = lambda cols: cols  # noqa: E731


def package_ids(col):
    return _select([col])
