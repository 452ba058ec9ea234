"""The Alembic preview on the demo project: real models, real migrations, real SQLite.

Invariant guarded here: a typed-model conversion is accepted as schema-neutral only when
autogenerate (plus the exact model comparison) is empty; the naive conversion of RULES.md
§13.3 traps 9 and 11 is caught; the user's checkout is left exactly as it was.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from sqla_assist.core.alembic_preview import (
    Target,
    discover_target,
    model_files,
    preview,
    render_text,
)
from sqla_assist.core.checkout import Checkout
from sqla_assist.core.scan import Scanner

from .conftest import DEMO_TARGET, case


def _status(checkout: Checkout) -> str:
    out = subprocess.run(
        ["git", "status", "--porcelain", "--ignored"], cwd=checkout.root, capture_output=True, text=True, check=True
    )
    return out.stdout


def test_naive_conversion_shows_not_null_and_lost_lengths(demo: Checkout) -> None:
    result = preview(demo, "shop/models.py", case("models_naive.py"), metadata_target=DEMO_TARGET)
    assert result.errors == ()
    assert not result.is_empty
    changes = set(result.changes)
    assert {
        "users.name: nullable NULL → NOT NULL",
        "users.bio: nullable NULL → NOT NULL",
        "users.created_at: nullable NULL → NOT NULL",
        "addresses.city: nullable NULL → NOT NULL",
        "orders.user_id: nullable NULL → NOT NULL",  # the FK trap
        "orders.status: nullable NULL → NOT NULL",
        "users.name: type String(length=50) → String()",  # the dropped length
        "orders.status: type String(length=20) → String()",
    } == changes
    assert "op.alter_column('orders', 'user_id'" in result.ops
    assert "nullable=False" in result.ops
    assert "type_=sa.String()" in result.ops
    # The migrated database disagrees with the naive models, and agreed with the old ones.
    assert result.db_before is not None and result.db_before.is_empty
    assert result.db_after is not None and "orders.user_id: nullable NULL → NOT NULL" in result.db_after.changes


def test_careful_conversion_is_schema_neutral(demo: Checkout) -> None:
    result = preview(demo, "shop/models.py", case("models_typed.py"), metadata_target=DEMO_TARGET)
    assert result.errors == ()
    assert result.is_empty, result.changes
    assert result.ops == ""
    assert result.db_before is not None and result.db_before.is_empty
    assert result.db_after is not None and result.db_after.is_empty
    assert "schema-neutral" in render_text(result)


def test_declarative_base_class_is_schema_neutral(demo: Checkout) -> None:
    result = preview(demo, "shop/db.py", case("db_typed.py"), metadata_target=DEMO_TARGET)
    assert result.errors == () and result.is_empty


def test_demo_migrations_agree_with_demo_models(demo: Checkout) -> None:
    text = (demo.root / "shop/models.py").read_text(encoding="utf-8")
    result = preview(demo, "shop/models.py", text, metadata_target=DEMO_TARGET)
    assert "alembic upgrade head" in result.database
    assert result.db_before is not None and result.db_before.is_empty
    assert result.db_before.error == ""


def test_migrations_that_disagree_with_models_are_reported(demo: Checkout) -> None:
    migration = demo.root / "alembic/versions/0002_products_orders.py"
    migration.write_text(
        migration.read_text(encoding="utf-8").replace(
            'sa.Column("status", sa.String(length=20), nullable=True),\n', ""
        ),
        encoding="utf-8",
    )
    text = (demo.root / "shop/models.py").read_text(encoding="utf-8")
    result = preview(demo, "shop/models.py", text, metadata_target=DEMO_TARGET)
    assert result.is_empty  # the models themselves did not change
    assert result.db_before is not None
    assert result.db_before.changes == ("add column orders.status (VARCHAR(20))",)
    assert "op.add_column('orders'" in result.db_before.ops


def test_checkout_is_left_untouched_and_no_revision_written(demo: Checkout) -> None:
    preview(demo, "shop/models.py", case("models_naive.py"), metadata_target=DEMO_TARGET)
    assert _status(demo) == ""
    versions = sorted(p.name for p in (demo.root / "alembic/versions").iterdir())
    assert versions == ["0001_users_addresses.py", "0002_products_orders.py"]


def test_import_error_is_one_readable_line(demo: Checkout) -> None:
    broken = "import shop.no_such_module\n" + case("models_typed.py")
    result = preview(demo, "shop/models.py", broken, metadata_target=DEMO_TARGET)
    assert not result.is_empty
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.startswith("after: importing shop.models: ModuleNotFoundError")
    assert "(shop/models.py:1 in <module>)" in error
    assert "Traceback" not in error


def test_bad_target_is_explained(demo: Checkout) -> None:
    text = (demo.root / "shop/models.py").read_text(encoding="utf-8")
    result = preview(demo, "shop/models.py", text, metadata_target=Target("shop.db:engine"))
    assert result.errors == ("before: shop.db:engine is a Engine, not a sqlalchemy MetaData",)


def test_slow_import_times_out(demo: Checkout) -> None:
    hanging = "import time\ntime.sleep(60)\n" + case("models_typed.py")
    result = preview(demo, "shop/models.py", hanging, metadata_target=DEMO_TARGET, timeout=5)
    assert result.errors == ("after: loading the models timed out after 5 s",)


def test_target_discovered_from_the_scan(demo: Checkout) -> None:
    scan = Scanner(demo, None, use_cache=False).run()
    exports = {p: r.exports for p, r in scan.files.items()}
    assert discover_target(exports) == DEMO_TARGET
    assert model_files(exports) == ["shop/models.py"]


def test_env_py_that_ignores_the_url_is_reported(demo: Checkout) -> None:
    env = demo.root / "alembic/env.py"
    env.write_text(
        env.read_text(encoding="utf-8").replace(
            'config.get_section(config.config_ini_section)',
            '{"sqlalchemy.url": "sqlite:///elsewhere.db"}',
        ),
        encoding="utf-8",
    )
    text = (demo.root / "shop/models.py").read_text(encoding="utf-8")
    result = preview(demo, "shop/models.py", text, metadata_target=DEMO_TARGET)
    # The migrations failed, not the models: the verdict on the change still stands.
    assert result.errors == () and result.is_empty
    assert result.db_after is None
    assert result.db_before is not None and result.db_before.error == (
        "alembic upgrade head: alembic upgrade head did not write to the temporary database: "
        "env.py seems to ignore the `sqlalchemy.url` option"
    )
    assert "models before vs database" in render_text(result)


def test_cancelling_kills_the_model_loading_child(demo: Checkout, tmp_path: Path) -> None:
    """A preview nobody waits for stops at once: its child (here stuck importing models) is killed."""
    import threading
    import time

    from sqla_assist.core.alembic_preview import PreviewCancelled

    marker = tmp_path / "child.pid"
    hanging = f"import os, time\nopen({str(marker)!r}, 'w').write(str(os.getpid()))\ntime.sleep(60)\n"
    (demo.root / "shop/models.py").write_text(hanging + case("models_typed.py"), encoding="utf-8")
    stop = threading.Event()

    def cancel_once_the_child_runs() -> None:
        deadline = time.monotonic() + 20
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()

    threading.Thread(target=cancel_once_the_child_runs, daemon=True).start()
    start = time.monotonic()
    try:
        preview(demo, "shop/models.py", case("models_typed.py"), metadata_target=DEMO_TARGET, cancelled=stop.is_set)
    except PreviewCancelled:
        pass
    else:
        raise AssertionError("a cancelled preview must raise PreviewCancelled")
    assert time.monotonic() - start < 30
    pid = int(marker.read_text())
    time.sleep(0.2)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        pass
    else:
        raise AssertionError(f"the model-loading child {pid} still runs")
