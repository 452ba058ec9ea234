"""The fixer contract, without importing libcst (rules are loaded in every scan worker).

A rule's `fixer` is called as `fixer(node, fx)` with the libcst node whose span equals the
finding's span and a `sqla_assist.core.fix.FixContext`. It returns the replacement node, or
raises `CannotFix(reason)`; the reason is shown to the user as manual guidance. A fixer that
rests on a guess calls `fx.unsafe(reason)` before returning.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


class CannotFix(Exception):
    """The rewrite cannot be proven to keep behaviour; the message says why."""


@dataclass(frozen=True)
class LazyFixer:
    """`"module:function"`, imported on first use so detection never pays for libcst.

    `order` sorts fixers that target the same node (lower runs first). A `statement` fixer is
    given the whole simple statement (a `libcst.SimpleStatementLine`) that contains the
    finding's span, and may return any statement (e.g. a `with` block) in its place.
    `keeps_comments` promises that comments inside the span survive the rewrite.
    """

    target: str
    order: int = 0
    statement: bool = False
    # The rewrite keeps every comment inside the finding's span (it edits around them). Otherwise
    # detection reports a span holding a comment as an unsafe fix, as the engine will judge it.
    keeps_comments: bool = False

    def __call__(self, node: Any, fx: Any) -> Any:
        module, _, name = self.target.partition(":")
        return getattr(importlib.import_module(module), name)(node, fx)
