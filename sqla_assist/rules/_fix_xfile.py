"""SQ313 across files: find the backref's target class in another module and check what may move there.

The forward side stays in the finding's file; the reverse side is written into the module that
defines the target class, located through the gathering pass (`model_modules` /
`defining_module`), never by guessing a path. The engine opens that file as it was scanned
(`FixContext.other_file`) and writes both files together. Whatever the reverse side would need
that the other file cannot name (a table variable, a callable in a keyword) is refused.
"""

from __future__ import annotations

import ast

from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.core.gather import declarative_base_of, defining_module, model_modules
from sqla_assist.core.imports import absolutize


def other_class(
    fx: FixContext, call: ast.Call, owner: str, target: str, by_hand: str
) -> tuple[FixContext, ast.ClassDef]:
    """The context of the module defining `target` and the class there, or CannotFix saying why."""
    if fx.facts is None:
        raise CannotFix(f"`{target}` is not defined in this file: {by_hand}")
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Name | ast.Attribute):
        qual = fx.imports.qualify(first)
        module = defining_module(fx.facts, absolutize(qual, fx.module, fx.is_package)) if qual else None
        if module is None:
            raise CannotFix(f"`{ast.unparse(first)}` is not a mapped class of a scanned module: {by_hand}")
    else:
        found = model_modules(fx.facts, target)
        if not found:
            raise CannotFix(f"no scanned module defines a mapped class `{target}`: {by_hand}")
        if len(found) > 1:
            raise CannotFix(f"`{target}` is defined in {len(found)} modules ({', '.join(found)}): {by_hand}")
        module = found[0]
    mine, theirs = declarative_base_of(fx.facts, fx.module, owner), declarative_base_of(fx.facts, module, target)
    if mine and theirs and mine != theirs:
        raise CannotFix(
            f"`{owner}` ({mine}) and `{target}` ({theirs}) have different declarative bases: "
            f"`relationship(\"{owner}\")` would not resolve there; {by_hand}"
        )
    other = fx.other_file(module)
    classes = [
        s for s in other.tree.body if isinstance(s, ast.ClassDef) and s.name == target
    ]
    if len(classes) != 1:
        raise CannotFix(f"`{module}` does not define class `{target}` once at module level: {by_hand}")
    return other, classes[0]


def check_portable(target: str, secondary: ast.keyword | None, extra: list[ast.keyword]) -> None:
    """The reverse side may only repeat what reads the same in the other file: literals."""
    if secondary is not None and not (isinstance(secondary.value, ast.Constant) and isinstance(secondary.value.value, str)):
        raise CannotFix(
            f"`secondary={ast.unparse(secondary.value)}` would have to be imported into `{target}`'s module: "
            "write the reverse side by hand (or name the table as a string)"
        )
    for k in extra:
        if not isinstance(k.value, ast.Constant):
            raise CannotFix(
                f"`{k.arg}={ast.unparse(k.value)}` may not mean the same in `{target}`'s module: write the reverse side by hand"
            )
