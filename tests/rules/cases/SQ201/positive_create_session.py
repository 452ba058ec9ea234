"""1.x `create_session()`: an autocommit session by default (Alembic data migrations used it)."""

import sqlalchemy as sa
from alembic import op
from sqlalchemy import orm
from sqlalchemy.orm import create_session


def upgrade():
    bind = op.get_bind()
    session = orm.create_session(bind)  # expect: SQ201
    other = sa.orm.create_session(bind=bind, autoflush=True)  # expect: SQ201
    third = create_session()  # expect: SQ201
    session.flush()
    other.flush()
    third.close()
