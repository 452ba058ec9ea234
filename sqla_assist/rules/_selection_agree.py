"""Detection and the Query fixers agree on what a `query()` argument selects.

`_fix_query._kind` decides at fix time whether each `query()` argument is an entity or a
column: known (the fix is safe), only guessed from a CamelCase name or weak evidence (the
fix is applied only as unsafe), or unknown (no fix). A detector that reports such a chain
calls `report_selecting` instead of `ctx.report`, so the finding says SAFE, UNSAFE or MANUAL
exactly as the fixer will act. An argument whose kind rests on a name imported from another
module is settled in the gathering pass (`settle_selection`, a rule's `settle_project`), with
the same project facts the fixer resolves it with.
"""

from __future__ import annotations

import ast
import json
from typing import Any

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.rules._query_fixability import REWRITTEN_FIRST, VARIABLE
from sqla_assist.rules._selection_verdict import (
    SELECTION,
    UNSAFE_NOTE,
    _decided,
    settle_selection,
    verdict,
)
from sqla_assist.rules._storedquery_shapes import links_blocker, selection

# The settling half lives in `_selection_verdict` (a cached rescan imports only that);
# detectors import these names from here.
__all__ = ["SELECTION", "UNSAFE_NOTE", "chain_blocker", "report_selecting", "settle_selection", "verdict"]


def report_selecting(
    rule: Any,
    ctx: FileContext,
    node: ast.AST,
    message: str,
    args: list[ast.expr],
    *,
    fix: FixSafety,
    evidence: Any,
    via: str = "",
    entity_only: str = "",
) -> None:
    """`ctx.report` for a finding whose fixer classifies `args` (the `query()` arguments).

    `entity_only`: the fixer refuses unless they are entities, with this reason."""
    if fix is FixSafety.MANUAL or rule.fixer is None:
        ctx.report(rule, node, message, fix=fix, evidence=evidence, via=via)
        return
    selections = [selection(a, ctx) for a in args]
    if any(s.pending() for s in selections):
        payload = json.dumps([via, [s.to_json() for s in selections], entity_only])
        ctx.report(rule, node, message, fix=fix, evidence=evidence, via=SELECTION + payload)
        return
    message, fix = verdict(message, fix, _decided(selections, [("", "")] * len(selections), entity_only))
    ctx.report(rule, node, message, fix=fix, evidence=evidence, via=via)


def chain_blocker(
    root: ast.expr, links: tuple[ast.Call, ...] | list[ast.Call], *, terminal: bool = False
) -> str | None:
    """Why `_fix_query_more._converted` would refuse the Query chain `root<links>`, or None.

    It rewrites only a `<session>.query(...)` call written where the chain is; a variable, a
    helper's result or `Model.query` is converted where it is built. `terminal`: the chain is
    converted by `_fix_query.fix_terminal`, after other fixers rewrote `REWRITTEN_FIRST` links."""
    if terminal:
        links = [c for c in links if not (isinstance(c.func, ast.Attribute) and c.func.attr in REWRITTEN_FIRST)]
    if not (isinstance(root, ast.Call) and isinstance(root.func, ast.Attribute) and root.func.attr == "query"):
        return VARIABLE
    return links_blocker(root, list(links))
