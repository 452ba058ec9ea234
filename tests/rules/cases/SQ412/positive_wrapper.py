# A project's `Table` wrapper that hands its arguments to `sqlalchemy.Table`.
import sqlalchemy as sa

from app.util import sautils

metadata = sa.MetaData()
projects = sautils.Table("projects", metadata, autoload=True)  # expect: SQ412
