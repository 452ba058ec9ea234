"""Fixers for the row rules (SQ501, SQ502, SQ504, SQ505, SQ507): mapping access goes through
`row._mapping`, whose behaviour (keys, views, KeyError) is the 1.x `LegacyRow`'s own.

The detectors only offer these on Row evidence; weak evidence reaches a fixer only as an
unsafe fix. Loaded lazily (libcst).
"""

from __future__ import annotations

import ast

import libcst as cst

from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules.result_objects import _RENAMED

_STRINGS = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)


def _mapping(row: cst.BaseExpression) -> cst.Attribute:
    return cst.Attribute(value=row, attr=cst.Name("_mapping"))


def _certain_key(key: cst.BaseExpression) -> bool:
    """A key that cannot be an integer position: a string, `t.c.x`, `Model.attr`."""
    if isinstance(key, _STRINGS):
        return True
    if isinstance(key, cst.Attribute):
        owner = key.value
        if isinstance(owner, cst.Attribute) and owner.attr.value in ("c", "columns"):
            return True
        return isinstance(owner, cst.Name) and owner.value[:1].isupper()
    return False


def fix_row_index(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ501: `row["name"]` / `row[t.c.id]` → `row._mapping[...]` (same KeyError on a miss)."""
    if not isinstance(node, cst.Subscript) or len(node.slice) != 1:
        raise CannotFix("not a single-key subscript")
    index = node.slice[0].slice
    if not isinstance(index, cst.Index) or not _certain_key(index.value):
        raise CannotFix("the key may be an integer position (fine on 2.x as is): use `._mapping[...]` only for names")
    return node.with_changes(value=_mapping(node.value))


def _method_call(node: cst.CSTNode, names: tuple[str, ...]) -> tuple[cst.Call, cst.Attribute]:
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute) or node.func.attr.value not in names:
        raise CannotFix("not a row method call")
    return node, node.func


def fix_row_keys(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ502: `row.keys()` → `row._mapping.keys()`.

    1.4's `Row.keys()` returned the result's key view, which is what `_mapping.keys()` returns
    on every version (`row._fields` is a tuple: equal lists would compare unequal).
    """
    call, func = _method_call(node, ("keys",))
    if call.args:
        raise CannotFix("`keys()` with arguments is not `Row.keys()`")
    return call.with_changes(func=func.with_changes(value=_mapping(func.value)))


def fix_row_dict(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ504: `dict(row)` → `dict(row._mapping)`; `{**row}` → `{**row._mapping}`; `f(**row)` →
    `f(**row._mapping)` (string keys all)."""
    if isinstance(node, cst.Call):
        if len(node.args) != 1 or node.args[0].keyword is not None or node.args[0].star:
            raise CannotFix("not `dict(row)`")
        arg = node.args[0]
        return node.with_changes(args=[arg.with_changes(value=_mapping(arg.value))])
    if isinstance(node, cst.Dict):
        starred = [e for e in node.elements if isinstance(e, cst.StarredDictElement)]
        if len(starred) != 1:
            raise CannotFix("several `**` parts: wrap the row's in `._mapping` by hand")
        only = starred[0]
        return node.with_changes(
            elements=[e.with_changes(value=_mapping(e.value)) if e is only else e for e in node.elements]
        )
    if isinstance(node, cst.Name | cst.Attribute | cst.Subscript):
        return _mapping(node)  # the row of `f(**row)`
    raise CannotFix("not `dict(row)` or `{**row}`")


def fix_row_mapping_method(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ505: `row.items()` / `.values()` → `row._mapping.items()` / `.values()`;
    `row.iterkeys()` → `iter(row._mapping.keys())`; `row.has_key(k)` → `k in row._mapping`."""
    call, func = _method_call(node, ("items", "values", "has_key", "iterkeys", "itervalues"))
    method = func.attr.value
    mapping = _mapping(func.value)
    if method == "has_key":
        if len(call.args) != 1 or call.args[0].keyword is not None or call.args[0].star:
            raise CannotFix("`has_key()` takes one key")
        test = cst.Comparison(left=call.args[0].value, comparisons=[cst.ComparisonTarget(operator=cst.In(), comparator=mapping)])
        if _needs_parens(fx):
            test = test.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return test
    if call.args:
        raise CannotFix(f"`{method}()` with arguments")
    if method.startswith("iter"):
        view = cst.Call(func=cst.Attribute(value=mapping, attr=cst.Name(method.removeprefix("iter"))))
        return cst.Call(func=cst.Name("iter"), args=[cst.Arg(value=view)])
    return call.with_changes(func=func.with_changes(value=mapping))


# Places where a bare `k in m` reads the same as the call it replaces.
_LOOSE_PARENTS = (ast.If, ast.While, ast.Assign, ast.AnnAssign, ast.Return, ast.BoolOp, ast.keyword,
                  ast.Call, ast.Expr, ast.IfExp, ast.comprehension, ast.Assert, ast.List, ast.Tuple)


def _needs_parens(fx: FixContext) -> bool:
    """Does the finding's `row.has_key(k)` sit where `k in m` would bind differently (`== True`)?"""
    finding = fx.finding
    if finding is None:
        return True
    for parent in ast.walk(fx.tree):
        for child in ast.iter_child_nodes(parent):
            if (
                isinstance(child, ast.Call)
                and child.lineno == finding.line
                and child.end_lineno == finding.end_line
                and isinstance(child.func, ast.Attribute)
                and child.func.attr == "has_key"
            ):
                if isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not):
                    return False
                return not isinstance(parent, _LOOSE_PARENTS)
    return True


def fix_result_names(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ507: `from sqlalchemy.engine import ResultProxy` → `... import CursorResult as ResultProxy`.

    The alias keeps every use in the file (type hints, `isinstance`) meaning the same class
    without touching them; `sa.engine.ResultProxy` becomes `sa.engine.CursorResult`.
    """
    if isinstance(node, cst.Attribute):
        new = _RENAMED.get(node.attr.value)
        if new is None or " " in new:
            raise CannotFix("`Connectable` has no single replacement: `Engine | Connection` by intent")
        return fx.name("sqlalchemy.engine", new)
    if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar):
        raise CannotFix("not an import of names")
    moved: list[tuple[str, str]] = []
    kept: list[cst.ImportAlias] = []
    for alias in node.names:
        name = alias.name.value if isinstance(alias.name, cst.Name) else ""
        new = _RENAMED.get(name)
        if new is None:
            kept.append(alias)
            continue
        if " " in new:
            raise CannotFix("`Connectable` has no single replacement: `Engine | Connection` by intent")
        local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
        moved.append((new, local))
    if not moved:
        return node
    if not kept:
        names = [
            cst.ImportAlias(name=cst.Name(new), asname=None if new == local else cst.AsName(name=cst.Name(local)))
            for new, local in moved
        ]
        return node.with_changes(module=cst.parse_expression("sqlalchemy.engine"), names=names, relative=[],
                                 lpar=None, rpar=None)
    for new, local in moved:
        fx.add_import("sqlalchemy.engine", new, None if new == local else local)
    last = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return node.with_changes(names=[*kept[:-1], last])


def fix_tuple_helper(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ508: `row.t` / `row.tuple()` / `row._t` / `row._tuple()` / `result.tuples()` → `row` / `result`.

    Each helper returned the object itself (only its static type differed), so dropping it is
    exact. The replacement keeps the receiver's own brackets.
    """
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and not node.args:
        if node.func.attr.value in ("tuple", "_tuple", "tuples"):
            return _bare_receiver(node.func.value, node)
    if isinstance(node, cst.Attribute) and node.attr.value in ("t", "_t"):
        return _bare_receiver(node.value, node)
    raise CannotFix("not a row/result tuple helper")


def _bare_receiver(value: cst.BaseExpression, old: cst.BaseExpression) -> cst.BaseExpression:
    """`value` standing where `old` stood: an operand like `a + b` needs brackets there."""
    if isinstance(value, cst.Name | cst.Attribute | cst.Call | cst.Subscript) or value.lpar:
        return value.with_changes(lpar=[*old.lpar, *value.lpar], rpar=[*value.rpar, *old.rpar])
    return value.with_changes(lpar=[*old.lpar, cst.LeftParen()], rpar=[cst.RightParen(), *old.rpar])
