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
from sqla_assist.core.gather import locate_model
from sqla_assist.rules._backref_fix import placeable_class


def other_class(
    fx: FixContext, call: ast.Call, owner: str, target: str, by_hand: str
) -> tuple[FixContext, ast.ClassDef]:
    """The context of the module defining `target` and the class there, or CannotFix saying why.

    The module is found by `locate_model`, the question the gathering pass answered when it
    settled the finding; the class by `placeable_class`, as for a class in the same file.
    """
    if fx.facts is None:
        raise CannotFix(f"`{target}` is not defined in this file: {by_hand}")
    first = call.args[0] if call.args else None
    qual = fx.imports.qualify(first) if isinstance(first, ast.Name | ast.Attribute) else None
    if isinstance(first, ast.Name | ast.Attribute) and not qual:
        raise CannotFix(f"`{ast.unparse(first)}` is not a mapped class of a scanned module: {by_hand}")
    module, why = locate_model(fx.facts, fx.module, fx.is_package, owner, target, qual)
    if module is None:
        raise CannotFix(f"{why}; {by_hand}")
    other = fx.other_file(module)
    cls, why = placeable_class(other.tree, target)
    if cls is None:
        raise CannotFix(f"{why or f'`{module}` does not define class `{target}`'}; {by_hand}")
    return other, cls
