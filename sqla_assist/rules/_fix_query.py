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

# Query method → the `Select` method with the same behaviour.
_LINKS = {
    "filter": "where",
    "where": "where",
    "filter_by": "filter_by",
    "join": "join",
    "outerjoin": "outerjoin",
    "order_by": "order_by",
    "group_by": "group_by",
    "having": "having",
    "limit": "limit",
    "offset": "offset",
    "slice": "slice",
    "distinct": "distinct",
    "options": "options",
    "with_for_update": "with_for_update",
    "execution_options": "execution_options",
    "select_from": "select_from",
    "correlate": "correlate",
    "prefix_with": "prefix_with",
    "suffix_with": "suffix_with",
    "with_hint": "with_hint",
    "with_statement_hint": "with_statement_hint",
}
_JOINS = frozenset({"join", "outerjoin"})
_COLUMN_FUNCS = frozenset(
    {"sqlalchemy.literal_column", "sqlalchemy.literal", "sqlalchemy.cast", "sqlalchemy.distinct",
     "sqlalchemy.label", "sqlalchemy.case", "sqlalchemy.type_coerce", "sqlalchemy.null",
     "sqlalchemy.true", "sqlalchemy.false", "sqlalchemy.tuple_", "sqlalchemy.and_", "sqlalchemy.or_",
     "sqlalchemy.not_", "sqlalchemy.column"}
)
_CAMEL = re.compile(r"^_?[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$")
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
            raise CannotFix("the chain indexes or slices the query: rewrite it by hand (SQ108)")
        else:
            raise CannotFix(
                "the query is built in a variable or a helper: rewrite it where it is built and every place it is used"
            )


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
        if name not in _LINKS:
            raise CannotFix(f"`.{name}()` has no one-to-one `select()` equivalent; rewrite this chain by hand")
        if any(a.star for a in call.args):
            raise CannotFix(f"`.{name}(*...)`: rewrite by hand")
        if name == "filter_by" and (n_elements > 1 or any(m in _JOINS for m in methods)):
            raise CannotFix(
                "`filter_by()` with joins or several entities resolves names differently on 2.1's "
                "`select()`: write `where(Entity.attr == value)` (SQ110)"
            )
        if name in _JOINS:
            positional = [a for a in call.args if a.keyword is None]
            if any(_has_string(a.value) for a in positional) or any(isinstance(a.value, cst.Tuple) for a in positional):
                raise CannotFix("string or tuple join targets were removed in 2.0: fix the join first (SQ701/SQ703)")
            if len(positional) > 2 or len(positional) == 0:
                raise CannotFix("`join()` with several targets: chain one `join()` per target (SQ704)")
            if len(positional) == 2 and not isinstance(
                positional[1].value, cst.Comparison | cst.BooleanOperation | cst.Call
            ):
                raise CannotFix("`join(A, B)`: cannot tell an ON clause from a second target")
            if any(a.keyword is not None and a.keyword.value not in ("isouter", "full") for a in call.args):
                raise CannotFix("`join()` keywords other than isouter/full have no `select()` equivalent")
        if name == "options" and _has_string(call):
            raise CannotFix("string loader paths were removed in 2.0: fix the loader options first (SQ701/SQ702)")
        if name == "distinct" and call.args:
            raise CannotFix("`distinct(*cols)` is PostgreSQL's DISTINCT ON: rewrite it by hand (SQ625)")


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
        expr = call.with_changes(func=call.func.with_changes(value=expr, attr=cst.Name(_LINKS[name])))
    return expr


def _analyse(node: cst.CSTNode, fx: FixContext) -> tuple[Chain, bool, bool]:
    """(chain, single entity, needs .unique())."""
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute) or node.args:
        raise CannotFix("not a query terminal call")
    chain = _chain(node.func.value)
    root_args = chain.root.args
    if not root_args or any(a.keyword is not None or a.star for a in root_args):
        raise CannotFix("`query()` with no, starred or keyword arguments: rewrite by hand")
    kinds = [_kind(a, fx) for a in root_args]
    _check_links(chain, fx, len(kinds))
    methods = chain.methods()
    has_entity = "entity" in kinds
    eager = any(name == "options" and _EAGER_JOIN.search(fx.code(call)) for call, name in chain.links)
    fans_out = any(m in _JOINS or m == "select_from" for m in methods)
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
