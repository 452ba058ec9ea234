"""Alembic's own `op.execute()` takes a SQL string and wraps it in `text()` itself."""
import sqlalchemy as sa
from alembic import op


def upgrade():
    op.execute("UPDATE users SET last_status_change = CURRENT_TIMESTAMP")
    bind = op.get_bind()
    bind.execute(sa.text("SELECT 1"))
