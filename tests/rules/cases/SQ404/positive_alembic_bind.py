"""An Alembic migration: `op.get_bind()` is the migration's Connection (Marzban)."""
from alembic import context, op


def upgrade():
    bind = op.get_bind()
    q = bind.execute("SELECT id, settings FROM proxies")  # expect: SQ404
    for pid, settings in q.fetchall():
        bind.execute(f"UPDATE proxies SET settings = '{settings}' WHERE id = {pid}")  # expect: SQ404


def run_migrations_online():
    context.get_bind().execute("SELECT 1")  # expect: SQ404
