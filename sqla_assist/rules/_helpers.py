"""Shapes several rules share: Query chains, Session/Connection receivers, string SQL."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import QUERY_METHODS, SESSIONLIKE, Fact, Kind, terminal_name
from sqla_assist.core.findings import Evidence
from sqla_assist.core.gather import OF_QUERY
from sqla_assist.core.kinds import CLASS_NAME

SELECT_FN = ("sqlalchemy.select",)

# Methods no other popular `.query()` API has: seeing one proves the chain is a Query.
QUERY_ONLY = frozenset(
    ["filter_by", "get", "one_or_none", "with_entities", "from_self", "select_entity_from", "options", "outerjoin", "populate_existing", "with_for_update", "enable_eagerloads", "add_columns", "add_entity", "with_parent", "with_polymorphic", "yield_per", "order_by", "group_by", "join", "first", "scalar", "one"]
)

_CAMEL = CLASS_NAME


@dataclass(frozen=True)
class QueryChain:
    """`<receiver>.query(<args>).<link>(...)....<terminal>(...)`, read left to right."""

    root: ast.Call  # the `.query(...)` call; None-like roots are not chains
    receiver: ast.expr
    links: tuple[ast.Call, ...]  # calls after the root, innermost first
    fact: Fact

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(c.func.attr for c in self.links if isinstance(c.func, ast.Attribute))


def query_chain(terminal: ast.Call, ctx: FileContext) -> QueryChain | None:
    """The Query chain that `terminal` ends, if its receiver is (or may be) a Session.

    Returns None when the receiver is known not to be a Session, or when nothing suggests a
    Query at all (unknown receiver, no Query-only method, argument not entity-like).
    """
    links: list[ast.Call] = []
    node: ast.expr = terminal
    while True:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "query" and node is not terminal:
                break
            if node is not terminal and node.func.attr not in QUERY_METHODS:
                helper = helper_query(node, ctx)
                if helper is not None:
                    return _variable_chain(node, links, helper)
            links.append(node)
            node = node.func.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return _from_query_variable(node, links, ctx)
    root = node
    assert isinstance(root.func, ast.Attribute)
    receiver = root.func.value
    links.reverse()
    fact = session_fact(receiver, ctx)
    if fact is None or (not fact.strong and literal_query_args(root)):
        return None
    chain = QueryChain(root, receiver, tuple(links), fact)
    if fact.kind in SESSIONLIKE or fact.via:
        return chain
    # Unknown receiver: only a chain that looks unmistakably like a Query counts (weakly).
    if set(chain.methods) & QUERY_ONLY and root.args and all(_entity_like(a) for a in root.args):
        return QueryChain(root, receiver, tuple(links), Fact(Kind.SESSION, Evidence.WEAK))
    return None


def _from_query_variable(node: ast.expr, links: list[ast.Call], ctx: FileContext) -> QueryChain | None:
    """`q = session.query(User)` ... `q.filter(...).all()`: the chain starts at a variable."""
    if not links:
        return None
    fact = helper_query(node, ctx) if isinstance(node, ast.Call) else ctx.fact(node)
    if fact is not None and fact.kind is None and _built_by_query_chain(fact.via):
        # `q = db.session.query(User)` / `q = User.query.filter(...)` with `db` or `User` from
        # another module: the chain's spelling says Query; weak, and left as it is.
        return _variable_chain(node, links, Fact(Kind.QUERY, Evidence.WEAK))
    if (
        fact is not None and fact.kind is None and not fact.via
        and _QUERY_VARIABLE.match(terminal_name(node) or "")
        and any(isinstance(c.func, ast.Attribute) and c.func.attr in _SQLALCHEMY_ONLY for c in links)
    ):
        # `def _get_existing_instance(self, query, value): query.filter_by(**keys).one()`: a
        # variable named for a query, refined with a method only SQLAlchemy's Query has.
        return _variable_chain(node, links, Fact(Kind.QUERY, Evidence.WEAK))
    if fact is None or (fact.kind is not Kind.QUERY and not fact.via.endswith(OF_QUERY)):
        return None
    return _variable_chain(node, links, fact)


_QUERY_VARIABLE = re.compile(r"^(q|qry|query|base_query|.*_query)$", re.I)
# Query methods no other popular library spells (unlike `filter`, `first`, `get`, `join`).
_SQLALCHEMY_ONLY = frozenset(
    {"filter_by", "one_or_none", "with_entities", "from_self", "select_entity_from", "populate_existing",
     "enable_eagerloads", "with_parent", "with_polymorphic", "add_entity"}
)


def _built_by_query_chain(via: str) -> bool:
    from sqla_assist.rules._query_family import _from_query_call  # imports this module

    return _from_query_call(via)


def _variable_chain(node: ast.expr, links: list[ast.Call], fact: Fact) -> QueryChain:
    """A chain on a Query held in a variable or returned by a helper: a synthetic root."""
    links.reverse()
    dummy = ast.Call(func=ast.Attribute(value=node, attr="query"), args=[], keywords=[])
    if fact.kind is Kind.QUERY:
        fact = Fact(Kind.SESSION, fact.evidence, fact.via)
    return QueryChain(dummy, node, tuple(links), fact)


def helper_query(call: ast.Call, ctx: FileContext) -> Fact | None:
    """`Trade.get_trades(...)`, `self.base_query()`, `get_query()`: a call that returns a Query.

    Local functions and methods answer through their return annotation (`-> Query[...]`) or
    their `return`s; a call into another project module gives a weak fact whose origin ends in
    `OF_QUERY`, so the gathering pass keeps it only if that module's helper returns a Query.
    """
    fact = ctx.fact(call)
    if fact.kind is Kind.QUERY:
        return fact
    if fact.kind is None and _IMPORTED_CALL.match(fact.via):
        return Fact(None, Evidence.WEAK, fact.via + OF_QUERY)
    return None


# `app.models.Trade.get_trades()`: one call of an imported name (not a chain of calls).
_IMPORTED_CALL = re.compile(r"^\.*[A-Za-z_][\w.]*\(\)$")


def session_fact(receiver: ast.expr, ctx: FileContext) -> Fact | None:
    """Evidence that `receiver` is a Session; None when it is known to be something else."""
    fact = ctx.fact(receiver)
    if fact.kind in SESSIONLIKE:
        return fact
    if fact.kind is Kind.FLASK_DB:
        return None
    if fact.kind is not None:
        return None
    if fact.via:
        return Fact(None, Evidence.WEAK, fact.via)
    return Fact(None, Evidence.WEAK)


# A variable holding the mapped class of generic code: `session.query(self.model)`,
# `query(related_model)`, `query(model_cls)`.
_MODEL_VARIABLE = re.compile(r"^(model|.*_model|model_cls|model_class|mapped_class|entity_cls|orm_class)$")


def _entity_like(arg: ast.expr) -> bool:
    """`User`, `User.name`, `func.count(...)`, `models.User`: what `.query()` is given."""
    if isinstance(arg, ast.Starred):
        return False
    if isinstance(arg, ast.Name):
        return bool(_CAMEL.match(arg.id) or _MODEL_VARIABLE.match(arg.id))
    if isinstance(arg, ast.Attribute):
        return _entity_like(arg.value) or bool(_CAMEL.match(arg.attr) or _MODEL_VARIABLE.match(arg.attr))
    if isinstance(arg, ast.Call):
        f = arg.func
        return (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in (
            "func", "sa", "sqlalchemy", "literal_column", "distinct"
        )) or (isinstance(f, ast.Name) and f.id in ("distinct", "literal_column", "aliased", "label"))
    return False


def is_query_chain_link(name: str) -> bool:
    return name in QUERY_METHODS


def via_for(fact: Fact, wants: frozenset[Kind]) -> str:
    """`session,scoped_session@app.db.SessionLocal()`: what to check across files, and where."""
    if not fact.via or (fact.kind in wants and fact.evidence is Evidence.STRONG):
        return ""
    return ",".join(sorted(k.value for k in wants)) + "@" + fact.via


def evidence_of(fact: Fact) -> Evidence:
    return Evidence.STRONG if fact.kind is not None and fact.evidence is Evidence.STRONG else Evidence.WEAK


def built_sql_span(arg: ast.expr, call: ast.Call, ctx: FileContext) -> ast.AST:
    """Where a finding on SQL built into a variable goes: from the variable's first assignment
    in this function (where `text()` is wrapped around it, sqlalchemy-continuum's
    `query = sa.text('SELECT ... %s' % ...)`) to the call; the call alone otherwise."""
    if not isinstance(arg, ast.Name):
        return call
    from sqla_assist.rules._flow import first_assignment, span  # imports this module

    first = first_assignment(arg.id, call, ctx)
    return span(first, call) if first is not None else call


def string_sql(arg: ast.expr, ctx: FileContext) -> str | None:
    """'literal' for a plain string, 'fstring'/'formatted' for built SQL, None otherwise."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return "literal"
    if isinstance(arg, ast.JoinedStr):
        return "fstring"
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mod | ast.Add):
        if string_sql(arg.left, ctx) is not None:
            return "formatted"
    if (
        isinstance(arg, ast.Call)
        and isinstance(arg.func, ast.Attribute)
        and arg.func.attr == "format"
        and string_sql(arg.func.value, ctx) is not None
    ):
        return "formatted"
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "str" and not ctx.shadowed("str"):
        return "formatted"  # `conn.execute(str(CreateTriggerSQL(**params)))`
    if isinstance(arg, ast.Name | ast.Call | ast.BinOp):
        # A variable holding a string, or one built by `str` methods (`";".join(sql).replace(...)`).
        fact = ctx.fact(arg)
        if fact.kind is Kind.OTHER and fact.via == "<str>":
            return "literal"
        if fact.kind is Kind.OTHER and fact.via == "<fstr>":
            return "fstring" if isinstance(arg, ast.Name) else "formatted"
    return None


def literal_query_args(call: ast.Call) -> bool:
    """`repo.query("name 2")`, `index.query(None, owner)`: `Session.query()` takes entities and
    column expressions, never a plain string, number or None, so on a receiver not known to be
    a Session this is some other `query()` (a repository's, a search client's)."""
    return any(isinstance(a, ast.Constant) for a in call.args)
