"""The schema gate must not hold typed-model fixes back because some unrelated module of the
project cannot import in the gate's interpreter (freqtrade: `freqai/RL/*Env(BaseEnvironment)`
needs `gym`; a subclass of any project class is a model-module candidate).

Only the previewed file (and its companions) and the metadata module must import; the others
are skipped alike before and after, so they cannot hide a schema change.
"""

from __future__ import annotations

import subprocess

from sqla_assist.core.alembic_preview import discover_target, preview
from sqla_assist.core.checkout import Checkout, open_checkout
from sqla_assist.core.fix import propose
from sqla_assist.core.model_gate import gate
from sqla_assist.core.scan import Scanner


def _add_unimportable_plugin(demo: Checkout) -> None:
    shop = demo.root / "shop"
    (shop / "plugins.py").write_text("class Plugin:\n    pass\n")
    (shop / "rl_env.py").write_text(
        "import sqla_assist_test_missing_dependency\n"
        "from sqlalchemy import Column  # noqa: F401 (a file the scan reads for exports)\n\n"
        "from shop.plugins import Plugin\n\n\n"
        "class TradingEnv(Plugin):\n    pass\n"
    )
    subprocess.run(["git", "add", "-A"], cwd=demo.root, check=True)
    subprocess.run(["git", "commit", "-qm", "plugin needing an optional dependency"], cwd=demo.root, check=True)


def test_unimportable_non_model_module_does_not_hold_the_fix(demo: Checkout) -> None:
    _add_unimportable_plugin(demo)
    checkout = open_checkout(demo.root)
    result = Scanner(checkout, use_cache=False).run()
    target = discover_target({p: r.exports for p, r in result.all_files.items()})
    assert target is not None and "shop.rl_env" in target.imports  # the candidate the gate tries
    proposal = propose(checkout, result, "shop/models.py")
    assert proposal is not None and any(f.rule.startswith("SQ3") for f in proposal.fixed)

    verdict = gate(checkout, proposal, metadata_target=target)
    assert verdict.needed and verdict.ok, verdict.explain()


def test_the_previewed_file_itself_must_still_import(demo: Checkout) -> None:
    _add_unimportable_plugin(demo)
    checkout = open_checkout(demo.root)
    result = Scanner(checkout, use_cache=False).run()
    target = discover_target({p: r.exports for p, r in result.all_files.items()})
    assert target is not None
    text = (demo.root / "shop" / "rl_env.py").read_text() + "\n# edited\n"
    previewed = preview(checkout, "shop/rl_env.py", text, metadata_target=target, migrations=False)
    assert previewed.errors and not previewed.is_empty
    assert any("sqla_assist_test_missing_dependency" in e for e in previewed.errors)
