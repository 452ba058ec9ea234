"""Fixers for the Core construct rules (SQ603–SQ629): constructor arguments become methods.

Each fixer receives the call the finding spans. Several rules can flag one DML constructor
(SQ604 values/where, SQ605 `preserve_parameter_order`, SQ620 dialect keywords); each moves only
its own arguments, into methods chained right after the constructor, so they compose in any
order and a rule fixed alone leaves the others' findings in place. Loaded lazily (libcst).
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from sqla_assist.core.evidence import Kind
from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules._fix_core import (
    _const,
    _elements,
    _method,
    _strip_trailing_comma,
    fix_select_kwargs,
    fix_select_list,
)

_DIALECT_PREFIXES = ("mysql_", "mariadb_", "postgresql_", "sqlite_", "mssql_", "oracle_")


def _call(node: cst.CSTNode, what: str) -> cst.Call:
    if not isinstance(node, cst.Call):
        raise CannotFix(f"not a {what} call")
    return node


def _positional(values: Sequence[cst.BaseExpression]) -> list[cst.Arg]:
    return [cst.Arg(value=v) for v in values]


def _unpacked(value: cst.BaseExpression, fx: FixContext, what: str) -> list[cst.Arg]:
    """A list argument as positional ones: literal elements, `*comprehension`, `*known_list`."""
    if isinstance(value, cst.ListComp | cst.GeneratorExp):
        return [cst.Arg(value=value, star="*")]
    return _elements(value, fx, what, guess_single=False)


def _keyword(call: cst.Call, name: str) -> cst.Arg | None:
    return next((a for a in call.args if a.keyword is not None and a.keyword.value == name), None)


# -- SQ606 -----------------------------------------------------------------------------------
def fix_case_whens(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`case([(c, v), ...], ...)` / `case(whens=...)` → `case((c, v), ..., ...)`.

    A dict (`case({5: "five"}, value=col)`) is one positional argument, never starred.
    """
    call = _call(node, "case()")
    whens_kw = _keyword(call, "whens")
    if whens_kw is not None:
        if any(a.keyword is None and not a.star for a in call.args):
            raise CannotFix("`case()` given both positional WHENs and `whens=`")
        value = whens_kw.value
        rest = [a for a in call.args if a is not whens_kw]
    else:
        first = call.args[0] if call.args else None
        if first is None or first.keyword is not None or first.star:
            raise CannotFix("no list of WHEN pairs to unpack")
        value = first.value
        rest = list(call.args[1:])
    if isinstance(value, cst.Dict | cst.DictComp):
        whens = [cst.Arg(value=value)]
    elif isinstance(value, cst.List | cst.Tuple | cst.ListComp | cst.GeneratorExp):
        whens = _unpacked(value, fx, "`case()`")
    else:
        if fx.fact(value).kind is Kind.SEQUENCE:
            whens = [cst.Arg(value=value, star="*")]
        else:
            raise CannotFix(f"cannot tell whether `{fx.code(value)}` is a list of WHEN pairs or a dict")
    if not whens:
        raise CannotFix("`case([])` has no WHEN pairs; decide what it should return")
    return call.with_changes(args=_strip_trailing_comma([*whens, *rest]))


# -- SQ610 / SQ617 ---------------------------------------------------------------------------
def fix_first_list(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`with_only_columns([a, b])` / `exists([a])` → positional columns."""
    call = _call(node, "column-list")
    first = call.args[0] if call.args else None
    if first is None or first.keyword is not None or first.star:
        raise CannotFix("no column list to unpack")
    if len([a for a in call.args if a.keyword is None]) > 1:
        raise CannotFix("more positional arguments after the column list")
    cols = _unpacked(first.value, fx, "the column list")
    if not cols:
        raise CannotFix("an empty column list; decide what it should select")
    return call.with_changes(args=_strip_trailing_comma([*cols, *call.args[1:]]))


# -- SQ611 / SQ622 / SQ608 -------------------------------------------------------------------
def _rename(node: cst.CSTNode, old: str, new: str) -> cst.Call:
    call = _call(node, f"`{old}()`")
    if not isinstance(call.func, cst.Attribute) or call.func.attr.value != old:
        raise CannotFix(f"not a `.{old}()` call")
    return call.with_changes(func=call.func.with_changes(attr=cst.Name(new)))


def fix_as_scalar(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`.as_scalar()` → `.scalar_subquery()` (the detector leaves `.subquery().as_scalar()` manual).

    SQ118 may have rewritten the same call first (`session.query(...).as_scalar()` →
    `select(...).scalar_subquery()`): then there is nothing left to rename.
    """
    call = _call(node, "`as_scalar()`")
    if isinstance(call.func, cst.Attribute) and call.func.attr.value == "scalar_subquery":
        return call
    return _rename(node, "as_scalar", "scalar_subquery")


def fix_tometadata(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`Table.tometadata(m)` → `Table.to_metadata(m)`; same parameters."""
    return _rename(node, "tometadata", "to_metadata")


def fix_apply_labels(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`.apply_labels()` / `.with_labels()` / `select(..., use_labels=True)` → `.set_label_style(...)`."""
    call = _call(node, "label")
    style = cst.Arg(value=fx.name("sqlalchemy", "LABEL_STYLE_TABLENAME_PLUS_COL"))
    if isinstance(call.func, cst.Attribute) and call.func.attr.value in ("apply_labels", "with_labels"):
        return call.with_changes(func=call.func.with_changes(attr=cst.Name("set_label_style")), args=[style])
    base = _base(call)
    use_labels = _keyword(base, "use_labels")
    if use_labels is None:
        return call  # SQ602's rewrite of the same select() already moved it
    const = _const(use_labels.value)
    if const is not True and const is not False:
        raise CannotFix("`use_labels=` with a non-literal value")
    new_base = base.with_changes(args=_strip_trailing_comma([a for a in base.args if a is not use_labels]))
    head: cst.BaseExpression = _method(new_base, "set_label_style", [style]) if const else new_base
    return _replace_base(call, head)


# -- SQ629 -----------------------------------------------------------------------------------
def fix_drop_quoting(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """MySQL `ENUM(..., quoting=...)` → without it: the argument was already ignored in 1.4."""
    call = _call(node, "ENUM()")
    return call.with_changes(args=_strip_trailing_comma([a for a in call.args if not (a.keyword and a.keyword.value == "quoting")]))


# -- SQ616 -----------------------------------------------------------------------------------
def fix_set_op_kwargs(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`union(s1, s2, order_by=..., limit=...)` → `union(s1, s2).order_by(...).limit(...)`."""
    call = _call(node, "set operation")
    kept = [a for a in call.args if a.keyword is None]
    if any(a.star == "**" for a in call.args):
        raise CannotFix("`**kwargs` given to a set operation: chain the methods by hand")
    chain: list[tuple[str, list[cst.Arg]]] = []
    for arg in call.args:
        if arg.keyword is None:
            continue
        key, value = arg.keyword.value, arg.value
        const = _const(value)
        if key in ("limit", "offset"):
            if const is not None:
                chain.append((key, [cst.Arg(value=value)]))
        elif key in ("order_by", "group_by"):
            if const is not None:
                chain.append((key, _elements(value, fx, f"`{key}=`", guess_single=True)))
        elif key == "use_labels":
            if const is True:
                chain.append(("set_label_style", [cst.Arg(value=fx.name("sqlalchemy", "LABEL_STYLE_TABLENAME_PLUS_COL"))]))
            elif const is not False:
                raise CannotFix("`use_labels=` with a non-literal value")
        elif key in ("bind", "autocommit"):
            fx.unsafe(f"`{key}=` is dropped: implicit execution of this statement stops working (SQ421/SQ409)")
        else:
            raise CannotFix(f"`{key}=` given to a set operation has no generative equivalent")
    expr: cst.BaseExpression = call.with_changes(args=_strip_trailing_comma(kept))
    for name, args in chain:
        expr = _method(expr, name, args)
    return expr


# -- SQ621 -----------------------------------------------------------------------------------
def fix_standalone_subquery(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`subquery(name, [cols], where, **kw)` → `select(cols).where(where)....subquery(name)`.

    1.4 built `select([cols], where, **kw).subquery(name)`; the select part reuses SQ601/SQ602.
    """
    call = _call(node, "subquery()")
    if any(a.star for a in call.args):
        raise CannotFix("`subquery(*args)`: rewrite by hand")
    positional = [a for a in call.args if a.keyword is None]
    keywords = [a for a in call.args if a.keyword is not None]
    if len(positional) < 2 or len(positional) > 3:
        raise CannotFix("`subquery()` without a name and a column list: rewrite by hand")
    name, cols, *where = positional
    if not isinstance(cols.value, cst.List | cst.Tuple):
        raise CannotFix(f"cannot tell whether `{fx.code(cols.value)}` is a list of columns")
    select_args = _strip_trailing_comma([cst.Arg(value=cols.value), *(cst.Arg(value=w.value) for w in where), *keywords])
    select = cst.Call(func=fx.name("sqlalchemy", "select"), args=select_args)
    built = fix_select_kwargs(select, fx) if len(select_args) > 1 else select
    assert isinstance(built, cst.BaseExpression)
    built = fix_select_list(built, fx)
    assert isinstance(built, cst.BaseExpression)
    if isinstance(call.func, cst.Name):
        fx.remove_import("sqlalchemy", call.func.value)
        fx.remove_import("sqlalchemy.sql", call.func.value)
        fx.remove_import("sqlalchemy.sql.expression", call.func.value)
        fx.remove_import("sqlalchemy.sql.selectable", call.func.value)
    return _method(built, "subquery", [cst.Arg(value=name.value)])


# -- SQ603 / SQ604 / SQ605 / SQ620 -----------------------------------------------------------
def _base(node: cst.BaseExpression) -> cst.Call:
    """The constructor at the bottom of `ctor(...).m1(...).m2(...)`."""
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Call):
        node = node.func.value
    if not isinstance(node, cst.Call):
        raise CannotFix("not a constructor call")
    return node


def _replace_base(node: cst.BaseExpression, new: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Call):
        return node.with_changes(func=node.func.with_changes(value=_replace_base(node.func.value, new)))
    return new


def _verb(base: cst.Call, fx: FixContext) -> tuple[str, int]:
    """("insert"|"update"|"delete", positional arguments the 2.0 constructor keeps)."""
    func = base.func
    qual = fx.qualify(func) or ""
    if qual.startswith("sqlalchemy") and qual.rpartition(".")[2] in ("insert", "update", "delete"):
        return qual.rpartition(".")[2], 1
    if isinstance(func, cst.Attribute) and func.attr.value in ("insert", "update", "delete"):
        return func.attr.value, 0
    raise CannotFix("not an insert(), update() or delete() constructor")


# The legacy positional parameters after the table, by verb.
_DML_POSITIONAL = {
    "insert": ("values", "inline"),
    "update": ("whereclause", "values", "inline"),
    "delete": ("whereclause",),
}


def _dml_parts(base: cst.Call, fx: FixContext) -> tuple[list[cst.Arg], dict[str, cst.Arg], str]:
    """(arguments the 2.0 constructor keeps, legacy arguments by parameter name, verb)."""
    verb, takes = _verb(base, fx)
    if any(a.star for a in base.args):
        raise CannotFix("`*args` / `**kwargs` given to a DML constructor: rewrite by hand")
    positional = [a for a in base.args if a.keyword is None]
    kept = positional[:takes]
    legacy: dict[str, cst.Arg] = {}
    extra = positional[takes:]
    names = _DML_POSITIONAL[verb]
    if len(extra) > len(names):
        raise CannotFix(f"too many positional arguments to `{verb}()`")
    for name, arg in zip(names, extra, strict=False):
        legacy[name] = arg
    for arg in base.args:
        if arg.keyword is not None:
            legacy[arg.keyword.value] = arg
    return kept, legacy, verb


def _rebuild(base: cst.Call, kept: Sequence[cst.Arg], legacy: dict[str, cst.Arg], moved: set[str]) -> cst.Call:
    """The constructor without the `moved` legacy arguments.

    Legacy arguments that stay (for another rule's fixer) become keywords, so moving an
    earlier positional one never shifts them into the wrong parameter.
    """
    rest = [
        arg if arg.keyword is not None else cst.Arg(keyword=cst.Name(name), value=arg.value, equal=_EQ)
        for name, arg in legacy.items()
        if name not in moved
    ]
    args = [cst.Arg(value=a.value) for a in kept] + [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in rest]
    return base.with_changes(args=_strip_trailing_comma(args), whitespace_before_args=cst.SimpleWhitespace(""))


_EQ = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


def _dml_methods(legacy: dict[str, cst.Arg], fx: FixContext, verb: str) -> tuple[list[tuple[str, list[cst.Arg]]], set[str]]:
    chain: list[tuple[str, list[cst.Arg]]] = []
    moved: set[str] = set()
    for name, arg in legacy.items():
        value = arg.value
        const = _const(value)
        if name == "preserve_parameter_order" or name.startswith(_DIALECT_PREFIXES):
            continue
        moved.add(name)
        if name == "whereclause":
            if const is not None:
                chain.append(("where", [cst.Arg(value=value)]))
        elif name == "values":
            if const is not None:
                chain.append(("values", [cst.Arg(value=value)]))
        elif name in ("inline", "return_defaults"):
            if const is True:
                chain.append((name, []))
            elif const is not False and const is not None:
                raise CannotFix(f"`{name}=` with a non-literal value")
        elif name in ("returning", "prefixes"):
            if const is None:
                continue
            method = "returning" if name == "returning" else "prefix_with"
            chain.append((method, _elements(value, fx, f"`{name}=`", guess_single=name == "returning")))
        elif name == "bind":
            fx.unsafe("`bind=` is dropped: implicit execution of this statement stops working (SQ421)")
        else:
            raise CannotFix(f"`{verb}({name}=...)` has no generative equivalent")
    return chain, moved


def _attach(call: cst.BaseExpression, base: cst.Call, new_base: cst.Call, chain: Sequence[tuple[str, list[cst.Arg]]]) -> cst.BaseExpression:
    head: cst.BaseExpression = new_base
    for name, args in chain:
        head = _method(head, name, args)
    return _replace_base(call, head)


def fix_dml_args(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ604: `update(t, where, values)` → `update(t).where(where).values(values)` (and friends)."""
    if not isinstance(node, cst.BaseExpression):
        raise CannotFix("not an expression")
    base = _base(node)
    kept, legacy, verb = _dml_parts(base, fx)
    # With preserve_parameter_order= the values become ordered_values(): SQ605's part.
    ours = {k: v for k, v in legacy.items() if not (k == "values" and "preserve_parameter_order" in legacy)}
    chain, moved = _dml_methods(ours, fx, verb)
    if not moved:
        return node
    return _attach(node, base, _rebuild(base, kept, legacy, moved), chain)


def fix_dialect_kwargs(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ620: dialect keywords → `.with_dialect_options(...)` right after the constructor."""
    if not isinstance(node, cst.BaseExpression):
        raise CannotFix("not an expression")
    base = _base(node)
    kept, legacy, _ = _dml_parts(base, fx)
    dialect = {k: a for k, a in legacy.items() if k.startswith(_DIALECT_PREFIXES)}
    if not dialect:
        return node
    options = [cst.Arg(keyword=cst.Name(k), value=a.value, equal=a.equal) for k, a in dialect.items()]
    return _attach(node, base, _rebuild(base, kept, legacy, set(dialect)), [("with_dialect_options", options)])


def fix_preserve_order(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ605: `update(t, values=[pairs], preserve_parameter_order=True)` → `.ordered_values(*pairs)`.

    Only when the pairs are in the constructor (the finding's span): a later `.values([...])`
    is outside it and has to move by hand.
    """
    if not isinstance(node, cst.BaseExpression):
        raise CannotFix("not an expression")
    base = _base(node)
    kept, legacy, _ = _dml_parts(base, fx)
    flag = legacy.get("preserve_parameter_order")
    if flag is None:
        return node
    const = _const(flag.value)
    if const is False:
        return _attach(node, base, _rebuild(base, kept, legacy, {"preserve_parameter_order"}), [])
    if const is not True:
        raise CannotFix("`preserve_parameter_order=` with a non-literal value")
    values = legacy.get("values")
    if values is None:
        raise CannotFix("the ordered values are passed later (`.values([...])`): call `.ordered_values(*pairs)` there instead")
    if not isinstance(values.value, cst.List | cst.Tuple):
        raise CannotFix(f"cannot tell whether `{fx.code(values.value)}` is a list of (column, value) pairs")
    pairs = _elements(values.value, fx, "`values=`", guess_single=False)
    return _attach(
        node, base, _rebuild(base, kept, legacy, {"preserve_parameter_order", "values"}), [("ordered_values", pairs)]
    )


def fix_fromclause_select(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ603: `table.select(where, order_by=...)` → `table.select().where(where).order_by(...)`.

    `FromClause.select(whereclause, **kw)` built `select([self], whereclause, **kw)` in 1.4, so
    the arguments map exactly as SQ602's do.
    """
    call = _call(node, "`.select()`")
    if not isinstance(call.func, cst.Attribute):
        raise CannotFix("not a `.select()` method call")
    positional = [a for a in call.args if a.keyword is None]
    if len(positional) > 1:
        raise CannotFix("more than one positional argument to `.select()`")
    # Borrow SQ602's mapping: pretend the receiver is the column list, then swap it back.
    marker = cst.List(elements=[])
    legacy = cst.Call(func=cst.Name("select"), args=[cst.Arg(value=marker), *(cst.Arg(value=a.value) for a in positional), *[a for a in call.args if a.keyword is not None]])
    built = fix_select_kwargs(legacy, fx)
    assert isinstance(built, cst.BaseExpression)
    base = _base(built)
    if base.args and base.args[0].value is marker and len(base.args) == 1:
        return _replace_base(built, call.with_changes(args=[]))
    raise CannotFix("`.select()` given arguments that stay on the constructor: rewrite by hand")


# -- SQ609 / SQ613 / SQ614 / SQ615 -----------------------------------------------------------
def fix_select_column(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ609: `s.column(x)` → `s.add_columns(x)`: both return a new Select with one more column.

    The `append_*()` mutators are left to the detector's manual guidance: they need a statement
    (`s = s.where(...)`) and proof that nothing else holds the mutated Select.
    """
    call = _call(node, "`.column()`")
    if not isinstance(call.func, cst.Attribute) or call.func.attr.value != "column":
        raise CannotFix("`append_*()` changed the Select in place: reassign `s = s.<method>(...)` by hand")
    return call.with_changes(func=call.func.with_changes(attr=cst.Name("add_columns")))


def _subquery(expr: cst.BaseExpression) -> cst.Call:
    if not isinstance(expr, cst.Name | cst.Attribute | cst.Call | cst.Subscript) and not expr.lpar:
        expr = expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return cst.Call(func=cst.Attribute(value=expr, attr=cst.Name("subquery")))


def fix_select_select(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ613: `stmt.select()` → `stmt.subquery().select()`: the anonymous subquery made explicit."""
    call = _call(node, "`.select()`")
    if not isinstance(call.func, cst.Attribute) or call.args:
        raise CannotFix("`Select.select()` with arguments: build `stmt.subquery().select()` and chain them by hand")
    return call.with_changes(func=call.func.with_changes(value=_subquery(call.func.value)))


def fix_select_as_from(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ614: a Select given as a FROM / join target → `stmt.subquery()` (1.4 made the same anonymous subquery)."""
    if not isinstance(node, cst.BaseExpression):
        raise CannotFix("not an expression")
    return _subquery(node)


def fix_in_subquery(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ615: `col.in_(stmt.subquery())` → `col.in_(stmt)`; `col.in_(sq)` → `col.in_(sq.element)`.

    IN coerced a Subquery back to the Select it wraps (its `.element`), so both are exact.
    """
    call = _call(node, "`in_()`")
    if len(call.args) != 1 or call.args[0].keyword is not None or call.args[0].star:
        raise CannotFix("`in_()` with more than one argument")
    arg = call.args[0]
    value = arg.value
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "subquery":
        new: cst.BaseExpression = value.func.value
    elif isinstance(value, cst.Name):
        new = cst.Attribute(value=value, attr=cst.Name("element"))
    else:
        raise CannotFix("the subquery is not a name or an inline `.subquery()` call")
    return call.with_changes(args=[arg.with_changes(value=new)])
