"""Fixers for pure-syntax rules: SQ301 (import split), SQ601/SQ602 (select), SQ404 (raw SQL).

Loaded lazily by `LazyFixer`, so detection never imports libcst.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from sqla_assist.core.evidence import Kind
from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules.ext_declarative import MOVED

_ORM = "sqlalchemy.orm"


# -- SQ301 -----------------------------------------------------------------------------------
def fix_ext_declarative(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """Move the moved names to `sqlalchemy.orm`; `ConcreteBase` and friends stay."""
    if isinstance(node, cst.Attribute):
        return fx.name(_ORM, node.attr.value)
    if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar):
        raise CannotFix("a star import from `sqlalchemy.ext.declarative`: import the names from `sqlalchemy.orm` by hand")
    moved = [a for a in node.names if isinstance(a.name, cst.Name) and a.name.value in MOVED]
    kept = [a for a in node.names if a not in moved]
    if not kept:
        return node.with_changes(module=cst.parse_expression(_ORM))
    for alias in moved:
        assert isinstance(alias.name, cst.Name)
        asname = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else None
        fx.add_import(_ORM, alias.name.value, asname)
    last = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    names = [*kept[:-1], last]
    if node.rpar is not None and len(kept) > 1:
        names[-1] = kept[-1]  # a parenthesised list keeps its layout
    return node.with_changes(names=names)


# -- SQ601 / SQ602 ---------------------------------------------------------------------------
def _base_call(node: cst.BaseExpression) -> cst.Call:
    """The `select(...)` at the bottom of `select(...).where(...)...`."""
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Call):
        node = node.func.value
    if not isinstance(node, cst.Call):
        raise CannotFix("not a select() call")
    return node


def _replace_base(node: cst.BaseExpression, new: cst.Call) -> cst.BaseExpression:
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Call):
        return node.with_changes(func=node.func.with_changes(value=_replace_base(node.func.value, new)))
    return new


def _elements(value: cst.BaseExpression, fx: FixContext, what: str, *, guess_single: bool) -> list[cst.Arg]:
    """Arguments for a list-typed legacy parameter: a literal's elements, or a starred list."""
    if isinstance(value, cst.List | cst.Tuple):
        out: list[cst.Arg] = []
        for el in value.elements:
            if isinstance(el, cst.StarredElement):
                out.append(cst.Arg(value=el.value, star="*"))
            else:
                out.append(cst.Arg(value=el.value))
        return out
    fact = fx.fact(value)
    if fact.kind is Kind.SEQUENCE:
        return [cst.Arg(value=value, star="*")]
    if not guess_single:
        raise CannotFix(f"cannot tell whether `{fx.code(value)}` given to {what} is a list or a single value")
    if isinstance(value, cst.Name | cst.Subscript):
        fx.unsafe(f"`{fx.code(value)}` given to {what} is taken to be a single value, not a list")
    return [cst.Arg(value=value)]


def _strip_trailing_comma(args: Sequence[cst.Arg]) -> list[cst.Arg]:
    out = list(args)
    if out:
        out[-1] = out[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return out


def fix_select_list(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`select([a, b])` → `select(a, b)`; `select(cols)` → `select(*cols)` for a known list."""
    if not isinstance(node, cst.BaseExpression):
        raise CannotFix("not an expression")
    call = _base_call(node)
    positional = [a for a in call.args if a.keyword is None and not a.star]
    keywords = [a for a in call.args if a not in positional]
    columns_kw = next((a for a in keywords if a.keyword is not None and a.keyword.value == "columns"), None)
    if columns_kw is not None:
        if positional:
            raise CannotFix("`select()` given both positional columns and `columns=`")
        cols = _elements(columns_kw.value, fx, "`columns=`", guess_single=False)
        rest = [a for a in keywords if a is not columns_kw]
    else:
        if not positional or call.args[0] is not positional[0]:
            raise CannotFix("no column list to unpack")
        if len(positional) > 1:
            raise CannotFix("the second positional argument is the WHERE clause: apply SQ602 as well")
        first = positional[0]
        if isinstance(first.value, cst.List | cst.Tuple):
            if not first.value.elements:
                raise CannotFix("`select([])` selects nothing; decide what it should select")
            cols = _elements(first.value, fx, "select()", guess_single=False)
        else:
            cols = _elements(first.value, fx, "select()", guess_single=False)
        rest = keywords
    new_args = _strip_trailing_comma([*cols, *rest])
    new = call.with_changes(args=new_args)
    assert isinstance(node, cst.BaseExpression)
    return _replace_base(node, new)


_SIMPLE = {"whereclause": "where", "having": "having", "limit": "limit", "offset": "offset"}
_LISTS = {"from_obj": "select_from", "order_by": "order_by", "group_by": "group_by"}


def _method(base: cst.BaseExpression, name: str, args: Sequence[cst.Arg]) -> cst.Call:
    return cst.Call(func=cst.Attribute(value=base, attr=cst.Name(name)), args=_strip_trailing_comma(args))


def _const(value: cst.BaseExpression) -> object:
    if isinstance(value, cst.Name) and value.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[value.value]
    if isinstance(value, cst.SimpleString):
        return value.evaluated_value
    return ...


def fix_select_kwargs(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`select(cols, where, order_by=..., ...)` → `select(cols).where(...).order_by(...)`."""
    if not isinstance(node, cst.Call):
        raise CannotFix("not a select() call")
    positional = [a for a in node.args if a.keyword is None and not a.star]
    chain: list[tuple[str, list[cst.Arg]]] = []
    kept: list[cst.Arg] = []
    if len(positional) >= 2 and isinstance(positional[0].value, cst.List | cst.Tuple):
        if len(positional) > 2:
            raise CannotFix("more than two positional arguments to `select()`")
        kept.append(cst.Arg(value=positional[0].value))
        chain.append(("where", [cst.Arg(value=positional[1].value)]))
    else:
        kept.extend(cst.Arg(value=a.value) for a in positional)
    for arg in node.args:
        if arg in positional:
            continue
        if arg.keyword is None:
            raise CannotFix("`select(*args)`: rewrite by hand")
        key, value = arg.keyword.value, arg.value
        const = _const(value)
        if key == "columns":
            kept.append(cst.Arg(keyword=arg.keyword, value=value, equal=arg.equal))
        elif key in _SIMPLE:
            chain.append((_SIMPLE[key], [cst.Arg(value=value)]))
        elif key in _LISTS:
            if const is None:
                continue
            chain.append((_LISTS[key], _elements(value, fx, f"`{key}=`", guess_single=True)))
        elif key == "distinct":
            if const is True:
                chain.append(("distinct", []))
            elif const is False or const is None:
                continue
            elif isinstance(value, cst.List | cst.Tuple):
                chain.append(("distinct", _elements(value, fx, "`distinct=`", guess_single=False)))
            else:
                raise CannotFix("`distinct=` with a non-literal value: use `.distinct()` or `.distinct(*cols)` by hand")
        elif key == "correlate":
            if const is False:
                chain.append(("correlate", [cst.Arg(value=cst.Name("None"))]))
            elif const is not True:
                raise CannotFix("`correlate=` with a non-literal value")
        elif key == "use_labels":
            if const is True:
                label = fx.name("sqlalchemy", "LABEL_STYLE_TABLENAME_PLUS_COL")
                chain.append(("set_label_style", [cst.Arg(value=label)]))
            elif const is not False:
                raise CannotFix("`use_labels=` with a non-literal value")
        elif key == "for_update":
            flags = {True: [], "nowait": ["nowait"], "read": ["read"], "read_nowait": ["read", "nowait"]}
            if const is False or const is None:
                continue
            if not isinstance(const, bool | str) or const not in flags:
                raise CannotFix("`for_update=` with a value that has no `with_for_update()` spelling")
            chain.append((
                "with_for_update",
                [cst.Arg(keyword=cst.Name(f), value=cst.Name("True"), equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
                )) for f in flags[const]],
            ))
        elif key in ("prefixes", "suffixes"):
            if not isinstance(value, cst.List | cst.Tuple):
                raise CannotFix(f"`{key}=` with a non-literal value")
            chain.append(("prefix_with" if key == "prefixes" else "suffix_with", _elements(value, fx, key, guess_single=False)))
        elif key in ("bind", "autocommit"):
            fx.unsafe(f"`{key}=` is dropped: implicit execution of this statement stops working (SQ421/SQ409)")
        else:
            raise CannotFix(f"`select({key}=...)` has no generative equivalent")
    # The arguments are laid out anew (one line); a comment among them makes the fix unsafe.
    expr: cst.BaseExpression = node.with_changes(
        args=_strip_trailing_comma(kept), whitespace_before_args=cst.SimpleWhitespace("")
    )
    # A call that spanned several lines becomes a parenthesised chain, one method a line.
    multiline = "\n" in fx.code(node)
    for name, args in chain:
        expr = _method(expr, name, args)
        if multiline:
            assert isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute)
            expr = expr.with_changes(func=expr.func.with_changes(dot=cst.Dot(whitespace_before=_break("    "))))
    if multiline and chain:
        expr = expr.with_changes(
            lpar=[cst.LeftParen(whitespace_after=_break("    "))],
            rpar=[cst.RightParen(whitespace_before=_break(""))],
        )
    return expr


def _break(extra: str) -> cst.ParenthesizedWhitespace:
    """A line break inside brackets, indented `extra` deeper than the enclosing block."""
    return cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(), empty_lines=[], indent=True, last_line=cst.SimpleWhitespace(extra)
    )


# -- SQ404 -----------------------------------------------------------------------------------
def _is_scalar_literal(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Integer | cst.Float | cst.SimpleString | cst.ConcatenatedString) or (
        isinstance(value, cst.Name) and value.value in ("True", "False", "None")
    )


def fix_raw_sql_execute(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`conn.execute("...", params)` → `conn.exec_driver_sql("...", params)`: 1.x semantics."""
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        raise CannotFix("not an execute() call")
    if fx.fact(node.func.value).kind is Kind.ENGINE:
        raise CannotFix("`Engine` has no `exec_driver_sql()`: open a connection first (SQ401)")
    args = list(node.args)
    if any(a.star for a in args):
        raise CannotFix("`execute()` with `*args` / `**kwargs`: pass one tuple or dict by hand")
    positional = [a for a in args if a.keyword is None]
    keywords = [a for a in args if a.keyword is not None]
    sql, params = positional[0], positional[1:]
    if params and keywords:
        raise CannotFix("positional and keyword parameters together: pass one dict by hand")
    new_params: list[cst.Arg] = []
    if keywords:
        pairs = [
            cst.DictElement(key=cst.SimpleString(f'"{a.keyword.value}"'), value=a.value)
            for a in keywords
            if a.keyword is not None
        ]
        new_params = [cst.Arg(value=cst.Dict(elements=pairs))]
    elif len(params) == 1:
        value = params[0].value
        if _is_scalar_literal(value):
            new_params = [cst.Arg(value=cst.Tuple(elements=[cst.Element(value=value)]))]
        else:
            if not isinstance(value, cst.Tuple | cst.List | cst.Dict | cst.ListComp | cst.DictComp):
                fx.unsafe(f"`{fx.code(value)}` is passed on as one parameter set (tuple, dict or list of them)")
            new_params = [cst.Arg(value=value)]
    elif len(params) > 1:
        values = [p.value for p in params]
        if all(isinstance(v, cst.Dict) for v in values) or all(isinstance(v, cst.Tuple) for v in values):
            new_params = [cst.Arg(value=cst.List(elements=[cst.Element(value=v) for v in values]))]
        elif not any(isinstance(v, cst.Tuple | cst.List | cst.Dict) for v in values):
            new_params = [cst.Arg(value=cst.Tuple(elements=[cst.Element(value=v) for v in values]))]
        else:
            raise CannotFix("mixed parameter sets: pass one tuple, dict or list of them by hand")
    new_args = _strip_trailing_comma([sql.with_changes(comma=cst.MaybeSentinel.DEFAULT), *new_params])
    if not new_params:
        new_args = _strip_trailing_comma([sql])
    return node.with_changes(func=node.func.with_changes(attr=cst.Name("exec_driver_sql")), args=new_args)
