"""SQ209 fixer: give an unbound Session / sessionmaker the one engine the project binds to metadata.

The decision is `_sessbind_shapes.verdict`, the same one the gathering pass gave the finding,
recomputed here from the fix context's project facts and this file's own tree.
"""

from __future__ import annotations

import ast

import libcst as cst

from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.core.gather import ProjectFacts
from sqla_assist.rules._sessbind_shapes import site_of, verdict


def _call_at(fx: FixContext) -> ast.Call | None:
    finding = fx.finding
    if finding is None:
        return None
    for node in ast.walk(fx.tree):
        if (
            isinstance(node, ast.Call)
            and node.lineno == finding.line
            and node.col_offset + 1 == finding.column
            and node.end_lineno == finding.end_line
        ):
            return node
    return None


def fix_session_bind(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`sessionmaker()` → `sessionmaker(bind=engine)` (importing `engine` when it lives elsewhere)."""
    if not isinstance(node, cst.Call):
        raise CannotFix("not a call")
    call = _call_at(fx)
    if call is None:
        raise CannotFix("the factory call could not be matched")
    found = verdict(fx.facts or ProjectFacts(modules={}), fx.module, site_of(call, fx.tree))
    if found is None:
        raise CannotFix("no metadata is bound to an engine in this project")
    if found.fix is FixSafety.MANUAL:
        raise CannotFix(found.reason)
    if found.fix is FixSafety.UNSAFE:
        fx.unsafe(found.reason)
    if found.imports is not None:
        fx.add_import(*found.imports)
    bind = cst.Arg(
        keyword=cst.Name("bind"),
        value=cst.Name(found.engine),
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )
    return node.with_changes(args=_append(node, bind))


def _append(call: cst.Call, arg: cst.Arg) -> list[cst.Arg]:
    """`arg` as the new last argument, laid out like the ones before it (one per line stays one
    per line; a trailing comma and the space before `)` stay last)."""
    args = list(call.args)
    if not args:
        return [arg]
    last = args[-1]
    before = args[-2].comma if len(args) >= 2 else None
    if isinstance(before, cst.Comma):
        gap = before.whitespace_after
    elif isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace):
        gap = call.whitespace_before_args
    else:
        gap = cst.SimpleWhitespace(" ")
    arg = arg.with_changes(comma=last.comma, whitespace_after_arg=last.whitespace_after_arg)
    args[-1] = last.with_changes(
        comma=cst.Comma(whitespace_after=gap), whitespace_after_arg=cst.SimpleWhitespace("")
    )
    return [*args, arg]
