"""The same neutrality on a second dialect: the demo migrated into a real PostgreSQL.

The cluster is started by `pg.running_postgres` (Debian's `postgresql` package); the demo's
own migrations build the schema there, and the preview only *reflects* it through
`db_url`. Skips, saying why, when PostgreSQL or a driver is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sqla_assist.core.alembic_preview import find_alembic_ini, preview, run_child
from sqla_assist.core.checkout import Checkout

from .conftest import DEMO_TARGET, case

pytestmark = pytest.mark.slow



@pytest.fixture
def migrated(demo: Checkout, pg_url: str, tmp_path: Path) -> Iterator[str]:
    """Run the demo's `alembic upgrade head` into PostgreSQL (setup only), then drop it all."""
    ini = find_alembic_ini(demo.root)
    assert ini is not None
    steps, err = run_child(demo.root, DEMO_TARGET, [{"op": "upgrade", "ini": str(ini), "url": pg_url}], workdir=tmp_path)
    assert err == "" and steps[0]["error"] == ""
    yield pg_url
    import sqlalchemy as sa

    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    engine.dispose()


def _tables(url: str) -> list[str]:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        return sorted(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_careful_conversion_is_neutral_on_postgresql(demo: Checkout, migrated: str) -> None:
    before = _tables(migrated)
    result = preview(demo, "shop/models.py", case("models_typed.py"), metadata_target=DEMO_TARGET, db_url=migrated)
    assert result.errors == ()
    assert result.is_empty
    assert result.database.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    assert result.db_before is not None and result.db_before.is_empty, result.db_before
    assert result.db_after is not None and result.db_after.is_empty, result.db_after
    assert _tables(migrated) == before == ["addresses", "alembic_version", "orders", "products", "users"]


def test_naive_conversion_alters_columns_on_postgresql(demo: Checkout, migrated: str) -> None:
    result = preview(demo, "shop/models.py", case("models_naive.py"), metadata_target=DEMO_TARGET, db_url=migrated)
    assert result.errors == ()
    assert not result.is_empty
    assert result.db_before is not None and result.db_before.is_empty
    assert result.db_after is not None
    changes = set(result.db_after.changes)
    assert "orders.user_id: nullable NULL → NOT NULL" in changes
    assert "users.name: nullable NULL → NOT NULL" in changes
    # Autogenerate's type comparison ignores a length dropped from the model on PostgreSQL too;
    # the exact model comparison is what reports it.
    assert not any(": type " in c for c in changes), changes
    assert "users.name: type String(length=50) → String()" in result.changes
    assert "op.alter_column('users', 'name'" in result.db_after.ops
