"""The README's rule table is generated from the rule declarations and must be current."""

from __future__ import annotations

from sqla_assist.rules import all_rules
from sqla_assist.rules._readme import with_table
from tests.conftest import REPO_ROOT


def test_readme_rule_table_is_current() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert with_table(readme) == readme, "README's rule table is stale: run `make readme`"
    for rule in all_rules():
        assert f"| {rule.id} |" in readme


def test_every_catalogue_id_has_a_rule() -> None:
    """RULES.md §1 lists 152 ids, SQ101–SQ807; every one is a registered rule."""
    ranges = {"1": 28, "2": 19, "3": 19, "4": 25, "5": 10, "6": 29, "7": 15, "8": 7}
    expected = {f"SQ{c}{n:02d}" for c, count in ranges.items() for n in range(1, count + 1)}
    assert {r.id for r in all_rules()} == expected
