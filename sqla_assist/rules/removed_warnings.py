"""SQ803: references to `RemovedIn20Warning` and `SQLALCHEMY_WARN_20` (gone in 2.0)."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._sq8_fixability import warning_string_refusal

_WARNING = "sqlalchemy.exc.RemovedIn20Warning"


class RemovedIn20Warning(Rule):
    id = "SQ803"
    name = "removed-in-20-warning"
    title = "replace `RemovedIn20Warning` with `SADeprecationWarning`; drop `SQLALCHEMY_WARN_20`"
    fix_class = "safe"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.ImportFrom, ast.Attribute, ast.Constant)
    fixer = LazyFixer("sqla_assist.rules._fix_other:fix_removed_in_20_warning")
    tokens = (b"RemovedIn20Warning", b"SQLALCHEMY_WARN_20")
    what = (
        "Flags imports and uses of `sqlalchemy.exc.RemovedIn20Warning` and the string "
        "`SQLALCHEMY_WARN_20` (warning filters, environment set-up)."
    )
    why = (
        "The migration-gate warning class only existed in 1.4: on 2.x `sqlalchemy.exc` has no "
        "attribute `RemovedIn20Warning`, so warning filters that name it raise at import time. "
        "`SQLALCHEMY_WARN_20` no longer does anything."
    )
    example = Example(
        before=(
            "from sqlalchemy.exc import RemovedIn20Warning\n"
            'warnings.filterwarnings("error", category=RemovedIn20Warning)'
        ),
        after=(
            "from sqlalchemy.exc import SADeprecationWarning\n"
            'warnings.filterwarnings("error", category=SADeprecationWarning)'
        ),
    )
    use_instead = (
        "`sqlalchemy.exc.SADeprecationWarning` keeps \"deprecations are errors\" on 2.x; or delete "
        "the filter. `MovedIn20Warning` and `LegacyAPIWarning` still exist."
    )
    fix_safety = "Safe: a rename of the warning category (or deletion of the environment variable)."
    references = ("SQLAlchemy 2.0 migration guide, “Migration to 2.0 Step Two - Turn on RemovedIn20Warnings”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.ImportFrom):
            if node.module and node.module.startswith("sqlalchemy") and any(
                a.name == "RemovedIn20Warning" for a in node.names
            ):
                self._report(node, ctx, "`RemovedIn20Warning` cannot be imported on 2.x: import `SADeprecationWarning`")
        elif isinstance(node, ast.Attribute):
            if node.attr == "RemovedIn20Warning" and ctx.imports.qualify(node) == _WARNING:
                self._report(node, ctx, "`sqlalchemy.exc.RemovedIn20Warning` is gone on 2.x: use `SADeprecationWarning`")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = node.value
            if "SQLALCHEMY_WARN_20" in value:
                self._report(node, ctx, "`SQLALCHEMY_WARN_20` has no effect on 2.x: remove it", FixSafety.MANUAL)
            elif "RemovedIn20Warning" in value:
                refusal = warning_string_refusal(value)
                if refusal is not None:
                    self._report(node, ctx, f"the string names `RemovedIn20Warning`, which 2.x lacks; {refusal}", FixSafety.MANUAL)
                else:
                    self._report(node, ctx, "warning filter names `RemovedIn20Warning`, which 2.x lacks: use `SADeprecationWarning`")

    def _report(self, node: ast.AST, ctx: FileContext, message: str, fix: FixSafety = FixSafety.SAFE) -> None:
        # Setting the variable is harmless on 2.x; deleting the statement is left to a human.
        ctx.report(self, node, message, fix=fix)
