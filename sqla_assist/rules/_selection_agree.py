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
from dataclasses import replace
from typing import Any

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety, RawFinding
from sqla_assist.core.gather import PROJECT, ProjectFacts, settle
from sqla_assist.core.imports import absolutize
from sqla_assist.rules._query_fixability import REWRITTEN_FIRST, VARIABLE
from sqla_assist.rules._storedquery_shapes import (
    GUESS,
    UNKNOWN_KIND,
    Selection,
    links_blocker,
    selection,
)

SELECTION = PROJECT + "selection:"
UNSAFE_NOTE = "fixed only as an unsafe fix"


def verdict(message: str, fix: FixSafety, decided: list[tuple[str, str]]) -> tuple[str, FixSafety]:
    """The message and fix of a finding whose fix was `fix`, given each argument's verdict."""
    if fix is FixSafety.MANUAL:
        return message, fix
    unknown = [why for what, why in decided if what == UNKNOWN_KIND]
    if unknown:
        return f"{message}; not fixed automatically: {unknown[0]}", FixSafety.MANUAL
    guesses = [why for what, why in decided if what == GUESS]
    if guesses:
        return f"{message}; {UNSAFE_NOTE}: {'; '.join(guesses)}", FixSafety.UNSAFE
    return message, fix


def _decided(selections: list[Selection], kinds: list[tuple[str, str]], entity_only: str) -> list[tuple[str, str]]:
    out = []
    for sel, (kind, owner_kind) in zip(selections, kinds, strict=True):
        decided = sel.decide(kind, owner_kind)
        if entity_only and decided[0] != UNKNOWN_KIND and not sel.entity(kind, owner_kind):
            decided = (UNKNOWN_KIND, entity_only)
        out.append(decided)
    return out


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


def settle_selection(raw: RawFinding, facts: ProjectFacts, module: str, is_package: bool) -> RawFinding | None:
    """The gathering pass's verdict: the receiver's own `via`, then the pending selections."""
    if not raw.via.startswith(SELECTION):
        return replace(raw, via="")
    own_via, data, entity_only = json.loads(raw.via.removeprefix(SELECTION))
    settled = settle(replace(raw, via=own_via), facts, module, is_package)
    if settled is None:
        return None

    def kind_of(origin: str) -> str:
        if not origin:
            return ""
        kind = facts.resolve(absolutize(origin, module, is_package))
        return kind.value if kind is not None else ""

    selections = [Selection.from_json(item) for item in data]
    kinds = [(kind_of(s.origin), kind_of(s.owner_origin)) for s in selections]
    message, fix = verdict(settled.message, settled.fix, _decided(selections, kinds, entity_only))
    return replace(settled, message=message, fix=fix)


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
