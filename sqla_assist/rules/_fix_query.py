"""Fixers for `session.query(...)` chains: SQ101–SQ106 (terminals) and SQ107 (`get`).

Every trap of RULES.md §13.3 that touches a Query chain is handled here:
`first()` keeps its `LIMIT 1`; `scalar()` keeps the several-rows error
(`scalar_one_or_none`, never `Session.scalar`); `count()` counts the statement as a
subquery; one entity gives `scalars()`, columns keep rows; Query's de-duplication of rows
holding entities is kept with `.unique()` wherever rows could repeat (joins, several
elements, joined eager loading). Where the chain cannot be proven, no fix and a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from sqla_assist.core.evidence import Kind
from sqla_assist.core.findings import Evidence
from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.core.kinds import CLASS_NAME
from sqla_assist.rules._query_fixability import (
    DISTINCT_ON,
    FILTER_BY,
    JOIN_KW,
    JOIN_PAIR,
    JOINS,
    LINKS,
    MULTI_JOIN,
    ROOT_ARGS,
    STRING_JOIN,
    STRING_OPTION,
    SUBSCRIPT,
    VARIABLE,
    no_link,
)

_COLUMN_FUNCS = frozenset(
    {"sqlalchemy.literal_column", "sqlalchemy.literal", "sqlalchemy.cast", "sqlalchemy.distinct",
     "sqlalchemy.label", "sqlalchemy.case", "sqlalchemy.type_coerce", "sqlalchemy.null",
     "sqlalchemy.true", "sqlalchemy.false", "sqlalchemy.tuple_", "sqlalchemy.and_", "sqlalchemy.or_",
     "sqlalchemy.not_", "sqlalchemy.column"}
)
_CAMEL = CLASS_NAME
_EAGER_JOIN = re.compile(r"\b(joinedload|contains_eager|joinedload_all)\s*\(")


@dataclass
class Chain:
    session: cst.BaseExpression
    root: cst.Call
    links: list[tuple[cst.Call, str]]  # innermost first

    def methods(self) -> list[str]:
        return [name for _, name in self.links]


def _chain(expr: cst.BaseExpression) -> Chain:
    links: list[tuple[cst.Call, str]] = []
    node = expr
    while True:
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            name = node.func.attr.value
            if name == "query":
                links.reverse()
                return Chain(node.func.value, node, links)
            links.append((node, name))
            node = node.func.value
        elif isinstance(node, cst.Subscript):
            raise CannotFix(SUBSCRIPT)
        else:
            raise CannotFix(VARIABLE)


def _kind(arg: cst.Arg, fx: FixContext) -> str:
    """'entity' or 'column' for one `query()` argument; CannotFix when it cannot be told."""
    expr = arg.value
    text = fx.code(expr)
    if isinstance(expr, cst.Call):
        qual = fx.qualify(expr.func) or ""
        if qual.startswith("sqlalchemy.func") or qual in _COLUMN_FUNCS:
            return "column"
        if qual in ("sqlalchemy.orm.aliased", "sqlalchemy.orm.with_polymorphic"):
            return "entity"
        if isinstance(expr.func, cst.Attribute) and expr.func.attr.value in ("label", "distinct", "desc", "asc", "cast", "exists"):
            return "column"
        raise CannotFix(f"cannot tell whether `{text}` selects an entity or a column")
    fact = fx.fact(expr)
    if fact.kind is Kind.MODEL:
        if fact.evidence is Evidence.WEAK:
            fx.unsafe(f"`{text}` is taken to be a mapped class on weak evidence")
        return "entity"
    if fact.kind is Kind.TABLE:
        return "column"
    if isinstance(expr, cst.Attribute):
        owner = fx.fact(expr.value)
        if owner.kind in (Kind.MODEL, Kind.TABLE):
            return "column"
        if isinstance(expr.value, cst.Attribute) and expr.value.attr.value in ("c", "columns"):
            return "column"
        if _CAMEL.match(expr.attr.value):
            fx.unsafe(f"`{text}` is taken to be a mapped class by its name only")
            return "entity"
        if isinstance(expr.value, cst.Name) and _CAMEL.match(expr.value.value):
            return "column"
    if isinstance(expr, cst.Name) and _CAMEL.match(expr.value):
        fx.unsafe(f"`{text}` is taken to be a mapped class by its name only")
        return "entity"
    raise CannotFix(f"cannot tell whether `{text}` selects an entity or a column")


def _has_string(node: cst.CSTNode) -> bool:
    found: list[bool] = []

    class _V(cst.CSTVisitor):
        def visit_SimpleString(self, n: cst.SimpleString) -> None:
            found.append(True)

        def visit_FormattedString(self, n: cst.FormattedString) -> None:
            found.append(True)

    node.visit(_V())
    return bool(found)


def _check_links(chain: Chain, fx: FixContext, n_elements: int) -> None:
    methods = chain.methods()
    for call, name in chain.links:
        if name not in LINKS:
            raise CannotFix(no_link(name))
        if any(a.star for a in call.args):
            raise CannotFix(f"`.{name}(*...)`: rewrite by hand")
        if name == "filter_by" and (n_elements > 1 or any(m in JOINS for m in methods)):
            raise CannotFix(FILTER_BY)
        if name in JOINS:
            positional = [a for a in call.args if a.keyword is None]
            if any(_has_string(a.value) for a in positional) or any(isinstance(a.value, cst.Tuple) for a in positional):
                raise CannotFix(STRING_JOIN)
            if len(positional) > 2 or len(positional) == 0:
                raise CannotFix(MULTI_JOIN)
            if len(positional) == 2 and not isinstance(
                positional[1].value, cst.Comparison | cst.BooleanOperation | cst.Call
            ):
                raise CannotFix(JOIN_PAIR)
            if any(a.keyword is not None and a.keyword.value not in ("isouter", "full") for a in call.args):
                raise CannotFix(JOIN_KW)
        if name == "options" and _has_string(call):
            raise CannotFix(STRING_OPTION)
        if name == "distinct" and call.args:
            raise CannotFix(DISTINCT_ON)


def _attr_call(
    value: cst.BaseExpression, name: str, args: list[cst.Arg] | None = None, dot: cst.Dot | None = None
) -> cst.Call:
    return cst.Call(func=cst.Attribute(value=value, attr=cst.Name(name), dot=dot or cst.Dot()), args=args or [])


def _statement(chain: Chain, fx: FixContext) -> cst.BaseExpression:
    """The `select(...)` chain: the root becomes `select(...)`, links keep their layout."""
    select = fx.name("sqlalchemy", "select")
    expr: cst.BaseExpression = chain.root.with_changes(func=select)
    for call, name in chain.links:
        assert isinstance(call.func, cst.Attribute)
        expr = call.with_changes(func=call.func.with_changes(value=expr, attr=cst.Name(LINKS[name])))
    return expr


def _analyse(node: cst.CSTNode, fx: FixContext) -> tuple[Chain, bool, bool]:
    """(chain, single entity, needs .unique())."""
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute) or node.args:
        raise CannotFix("not a query terminal call")
    chain = _chain(node.func.value)
    root_args = chain.root.args
    if not root_args or any(a.keyword is not None or a.star for a in root_args):
        raise CannotFix(ROOT_ARGS)
    kinds = [_kind(a, fx) for a in root_args]
    _check_links(chain, fx, len(kinds))
    methods = chain.methods()
    has_entity = "entity" in kinds
    eager = any(name == "options" and _EAGER_JOIN.search(fx.code(call)) for call, name in chain.links)
    fans_out = any(m in JOINS or m == "select_from" for m in methods)
    unique = has_entity and (len(kinds) > 1 or fans_out or eager)
    single = kinds == ["entity"]
    return chain, single, unique


def fix_terminal(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`session.query(...)....<terminal>()` → `session.scalars/execute(select(...)...)...`."""
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        raise CannotFix("not a query terminal call")
    terminal = node.func.attr.value
    chain, single, unique = _analyse(node, fx)
    stmt = _statement(chain, fx)
    session = chain.session
    # The terminal's dot carries the line break and comment before it: it moves along.
    tdot = node.func.dot
    if terminal == "count":
        func = fx.name("sqlalchemy", "func")
        select = fx.name("sqlalchemy", "select")
        counting = cst.Call(func=select, args=[cst.Arg(_attr_call(func, "count"))])
        inner = _attr_call(counting, "select_from", [cst.Arg(_attr_call(stmt, "subquery"))])
        out = _attr_call(session, "scalar", [cst.Arg(inner)])
        return out.with_changes(lpar=node.lpar, rpar=node.rpar)
    if terminal == "first":
        stmt = _attr_call(stmt, "limit", [cst.Arg(cst.Integer("1"))], tdot)
        runner = "scalars" if single else "execute"
        result: cst.BaseExpression = _attr_call(session, runner, [cst.Arg(stmt)])
        out = _attr_call(result, "first")
        return out.with_changes(lpar=node.lpar, rpar=node.rpar)
    if terminal == "all":
        result = _attr_call(session, "scalars" if single else "execute", [cst.Arg(stmt)])
        if unique:
            result = _attr_call(result, "unique")
        return _attr_call(result, "all", dot=tdot).with_changes(lpar=node.lpar, rpar=node.rpar)
    if terminal in ("one", "one_or_none"):
        if single and unique:
            result = _attr_call(_attr_call(session, "scalars", [cst.Arg(stmt)]), "unique")
            method = terminal
        else:
            result = _attr_call(session, "execute", [cst.Arg(stmt)])
            if unique:
                result = _attr_call(result, "unique")
            method = f"scalar_{terminal}" if single else terminal
        return _attr_call(result, method, dot=tdot).with_changes(lpar=node.lpar, rpar=node.rpar)
    if terminal == "scalar":
        result = _attr_call(session, "execute", [cst.Arg(stmt)])
        if unique:
            result = _attr_call(result, "unique")
        return _attr_call(result, "scalar_one_or_none", dot=tdot).with_changes(lpar=node.lpar, rpar=node.rpar)
    raise CannotFix(f"no rewrite for `.{terminal}()`")


# -- SQ107 -----------------------------------------------------------------------------------
def _kwarg(name: str, value: cst.BaseExpression) -> cst.Arg:
    eq = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
    return cst.Arg(keyword=cst.Name(name), value=value, equal=eq)


def _as_dict(call: cst.Call, what: str) -> cst.Dict:
    if any(a.keyword is None or a.star for a in call.args):
        raise CannotFix(f"`.{what}()` with positional or ** arguments: rewrite by hand")
    return cst.Dict(
        elements=[cst.DictElement(key=cst.SimpleString(f'"{a.keyword.value}"'), value=a.value) for a in call.args if a.keyword]
    )


def fix_query_get(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`session.query(E)[.options(...)...].get(pk)` → `session.get(E, pk, options=[...], ...)`."""
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute) or len(node.args) != 1:
        raise CannotFix("not a `.get(pk)` call")
    chain = _chain(node.func.value)
    if len(chain.root.args) != 1 or chain.root.args[0].keyword or chain.root.args[0].star:
        raise CannotFix("`query()` must name exactly one entity")
    options: list[cst.BaseElement] = []
    extra: dict[str, cst.BaseExpression] = {}
    for call, name in chain.links:
        if name == "options":
            if any(a.keyword or a.star == "**" for a in call.args):
                raise CannotFix("`.options(**...)`: rewrite by hand")
            options.extend(cst.Element(value=a.value) if not a.star else cst.StarredElement(value=a.value) for a in call.args)
        elif name == "populate_existing" and not call.args:
            extra["populate_existing"] = cst.Name("True")
        elif name == "with_for_update" and "with_for_update" not in extra:
            extra["with_for_update"] = _as_dict(call, name) if call.args else cst.Name("True")
        elif name == "execution_options" and "execution_options" not in extra:
            extra["execution_options"] = _as_dict(call, name)
        else:
            raise CannotFix(f"`.{name}()` before `.get()` has no `Session.get()` argument")
    args = [cst.Arg(chain.root.args[0].value), cst.Arg(node.args[0].value)]
    if options:
        args.append(_kwarg("options", cst.List(elements=options)))
    args.extend(_kwarg(k, v) for k, v in extra.items())
    return _attr_call(chain.session, "get", args).with_changes(lpar=node.lpar, rpar=node.rpar)
