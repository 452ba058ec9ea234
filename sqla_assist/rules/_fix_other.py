"""Fixers for SQ8xx: SQ803 (`RemovedIn20Warning`) and SQ805 (automap `prepare()` arguments).

Loaded lazily by `LazyFixer`, so detection never imports libcst.
"""

from __future__ import annotations

import ast

import libcst as cst

from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix

_OLD = "RemovedIn20Warning"
_NEW = "SADeprecationWarning"


# -- SQ803 -----------------------------------------------------------------------------------
def _name_used_elsewhere(fx: FixContext, name: str) -> bool:
    """Whether `name` is read as a bare name anywhere in the file (not just imported)."""
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(fx.tree))


def fix_removed_in_20_warning(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`RemovedIn20Warning` → `SADeprecationWarning`, its 2.x base class (still "deprecations")."""
    if isinstance(node, cst.Attribute):
        return node.with_changes(attr=cst.Name(_NEW))
    if isinstance(node, cst.SimpleString):
        if "SQLALCHEMY_WARN_20" in node.value:
            raise CannotFix("`SQLALCHEMY_WARN_20` does nothing on 2.x: delete the line that sets it")
        return node.with_changes(value=node.value.replace(_OLD, _NEW))
    if isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar):
        names: list[cst.ImportAlias] = []
        for alias in node.names:
            if isinstance(alias.name, cst.Name) and alias.name.value == _OLD:
                if alias.asname is None and _name_used_elsewhere(fx, _OLD):
                    # The bare name is used below: keep it bound, now to the 2.x class.
                    alias = alias.with_changes(
                        name=cst.Name(_NEW), asname=cst.AsName(name=cst.Name(_OLD))
                    )
                else:
                    alias = alias.with_changes(name=cst.Name(_NEW))
            names.append(alias)
        return node.with_changes(names=names)
    raise CannotFix("this reference to `RemovedIn20Warning` has no mechanical rewrite: use `SADeprecationWarning`")


# -- SQ805 -----------------------------------------------------------------------------------
def _literal_bool(value: cst.BaseExpression) -> bool | None:
    if isinstance(value, cst.Name) and value.value in ("True", "False"):
        return value.value == "True"
    return None


def fix_automap_prepare(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`prepare(engine, reflect=True)` → `prepare(autoload_with=engine)`; `engine=` without reflect is dropped."""
    if not isinstance(node, cst.Call):
        raise CannotFix("not a prepare() call")
    if any(a.star for a in node.args):
        raise CannotFix("`prepare(*args / **kwargs)`: rewrite by hand")
    positional = [a for a in node.args if a.keyword is None]
    if len(positional) > 1:
        raise CannotFix("`prepare()` with several positional arguments: name them by hand")
    # On 1.4 and 2.x the first positional parameter is `autoload_with` (it always reflects);
    # only the `engine=` keyword depends on `reflect=`.
    positional_engine = positional[0].value if positional else None
    engine: cst.BaseExpression | None = None
    reflect: bool | None = False
    rest: list[cst.Arg] = []
    for arg in node.args:
        if arg.keyword is None:
            continue
        key = arg.keyword.value
        if key == "engine":
            engine = arg.value
        elif key == "reflect":
            reflect = _literal_bool(arg.value)
            if reflect is None and positional_engine is None:
                raise CannotFix("`reflect=` is not a literal True/False: decide on `autoload_with=` by hand")
        elif key == "autoload_with":
            raise CannotFix("`autoload_with=` given together with the deprecated arguments: merge them by hand")
        else:
            rest.append(arg)
    if positional_engine is not None:
        if engine is not None:
            raise CannotFix("both a positional `autoload_with` and `engine=`: keep one by hand")
        engine, reflect = positional_engine, True
    args: list[cst.Arg] = []
    if reflect:
        if engine is None:
            raise CannotFix("`reflect=True` without an engine reflected through bound metadata: pass `autoload_with=<engine>`")
        eq = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
        args.append(cst.Arg(keyword=cst.Name("autoload_with"), value=engine, equal=eq))
    # Without reflection 1.4 ignored an `engine=` keyword; dropping it keeps behaviour.
    args.extend(rest)
    if args:
        args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return node.with_changes(args=args)
