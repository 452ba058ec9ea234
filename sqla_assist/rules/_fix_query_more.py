"""Fixers for the remaining Query methods: SQ108, SQ113/SQ114, SQ116, SQ118, SQ127, SQ128.

They reuse the chain analysis of `_fix_query` (the same one-to-one `select()` links and the
same entity-vs-column evidence), so a chain is converted by the same rules everywhere.
Where a rewrite is not provably the same, `CannotFix` says what to do by hand.
"""

from __future__ import annotations

import ast

import libcst as cst

from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules._fix_query import (
    _EAGER_JOIN,
    Chain,
    _attr_call,
    _chain,
    _check_links,
    _kind,
    _kwarg,
    _statement,
)
from sqla_assist.rules._model_query_sessions import no_session, query_sessions
from sqla_assist.rules._query_fixability import JOINS as _JOINS


# -- shared ----------------------------------------------------------------------------------
def _finding_node(fx: FixContext) -> tuple[ast.AST | None, dict[int, ast.AST]]:
    """The `ast` node of the current finding and a child → parent map of the file."""
    parents: dict[int, ast.AST] = {}
    found: ast.AST | None = None
    f = fx.finding
    lines = fx.text.splitlines()

    def char_col(line: int, byte_col: int) -> int:
        if 1 <= line <= len(lines):
            return len(lines[line - 1].encode("utf-8")[:byte_col].decode("utf-8", "replace"))
        return byte_col

    for node in ast.walk(fx.tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
        if f is None or found is not None or not isinstance(node, ast.expr):
            continue
        if node.lineno == f.line and node.end_lineno == f.end_line:
            if (
                char_col(node.lineno, node.col_offset) + 1 == f.column
                and char_col(node.end_lineno, node.end_col_offset or 0) + 1 == f.end_column
            ):
                found = node
    return found, parents


def _converted(query: cst.BaseExpression, fx: FixContext) -> tuple[Chain, cst.BaseExpression]:
    """The `select()` chain for a `session.query(...)` chain, links checked."""
    chain = _chain(query)
    args = chain.root.args
    if not args or any(a.keyword is not None or a.star for a in args):
        raise CannotFix("`query()` with no, starred or keyword arguments: rewrite by hand")
    _check_links(chain, fx, len(args))
    return chain, _statement(chain, fx)


def _rows(chain: Chain, fx: FixContext) -> tuple[bool, bool]:
    """(one full entity → scalars, rows holding entities need `.unique()` as Query de-duplicated)."""
    kinds = [_kind(a, fx) for a in chain.root.args]
    methods = chain.methods()
    eager = any(name == "options" and _EAGER_JOIN.search(fx.code(call)) for call, name in chain.links)
    fans_out = any(m in _JOINS or m == "select_from" for m in methods)
    unique = "entity" in kinds and (len(kinds) > 1 or fans_out or eager)
    return kinds == ["entity"], unique


# -- SQ116 -----------------------------------------------------------------------------------
_SWITCHES = {"populate_existing": "populate_existing", "autoflush": "autoflush", "yield_per": "yield_per"}


def fix_loading_switch(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`.populate_existing()` / `.autoflush(f)` / `.yield_per(n)` → `.execution_options(...)`.

    The execution option means the same on a Query and on a `select()`, so the link is
    renamed in place and the chain's later conversion (SQ101–SQ106) carries it along.
    """
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        raise CannotFix("not a Query method call")
    name = node.func.attr.value
    if name not in _SWITCHES:
        raise CannotFix("`enable_eagerloads()` has no `select()` equivalent")
    if any(a.star or a.keyword is not None for a in node.args):
        raise CannotFix(f"`.{name}()` with keyword or starred arguments: rewrite by hand")
    found, parents = _finding_node(fx)
    outer = parents.get(id(parents.get(id(found), found))) if found is not None else None
    if isinstance(outer, ast.Call) and isinstance(outer.func, ast.Attribute) and outer.func.attr == "get":
        raise CannotFix("the chain ends in `.get()`: SQ107 turns it into `Session.get(..., populate_existing=True)`")
    if name == "populate_existing":
        if node.args:
            raise CannotFix("`populate_existing()` takes no arguments")
        value: cst.BaseExpression = cst.Name("True")
    else:
        if len(node.args) != 1:
            raise CannotFix(f"`.{name}()` needs exactly one argument")
        value = node.args[0].value
    return node.with_changes(
        func=node.func.with_changes(attr=cst.Name("execution_options")), args=[_kwarg(_SWITCHES[name], value)]
    )


# -- SQ118 -----------------------------------------------------------------------------------
def _literal(value: cst.BaseExpression) -> object:
    if isinstance(value, cst.Name) and value.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[value.value]
    return ...


def fix_query_construct(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`session.query(...)...subquery()/cte()/label()/as_scalar()/.statement` → the `select()` form."""
    if isinstance(node, cst.Attribute):
        if node.attr.value not in ("statement", "selectable"):
            raise CannotFix("not `.statement`")
        _, stmt = _converted(node.value, fx)
        return stmt.with_changes(lpar=node.lpar, rpar=node.rpar) if node.lpar else stmt
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        raise CannotFix("not a Query method call")
    name = node.func.attr.value
    _, stmt = _converted(node.func.value, fx)
    if any(a.star for a in node.args):
        raise CannotFix(f"`.{name}(*...)`: rewrite by hand")
    args = list(node.args)
    if name == "subquery":
        kept: list[cst.Arg] = []
        for arg in args:
            key = arg.keyword.value if arg.keyword is not None else None
            if key in ("with_labels", "reduce_columns"):
                flag = _literal(arg.value)
                if not isinstance(flag, bool):
                    raise CannotFix(f"`{key}=` is not a literal True/False: rewrite by hand")
                if flag and key == "with_labels":
                    style = fx.name("sqlalchemy", "LABEL_STYLE_TABLENAME_PLUS_COL")
                    stmt = _attr_call(stmt, "set_label_style", [cst.Arg(style)])
                elif flag:
                    stmt = _attr_call(stmt, "reduce_columns")
            elif key in (None, "name"):
                kept.append(arg)
            else:
                raise CannotFix(f"`subquery({key}=...)` has no `Select.subquery()` equivalent")
        args = kept
        if any(a.keyword is None for a in args) and any(a.keyword is not None for a in args):
            raise CannotFix("`subquery()` arguments mixed after removing flags: rewrite by hand")
    elif name == "as_scalar":
        name = "scalar_subquery"
    elif name not in ("cte", "label", "scalar_subquery"):
        raise CannotFix(f"no rewrite for `.{name}()`")
    if args:
        args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    out = cst.Call(func=cst.Attribute(value=stmt, attr=cst.Name(name), dot=node.func.dot), args=args)
    return out.with_changes(lpar=node.lpar, rpar=node.rpar)


# -- SQ127 -----------------------------------------------------------------------------------
def fix_execute_query(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`session.execute(<Query>)` → `session.execute(select(...))`, or `<query>.statement`."""
    if not isinstance(node, cst.Call) or not node.args or node.args[0].keyword is not None or node.args[0].star:
        raise CannotFix("not `execute(<query>, ...)`")
    first = node.args[0]
    query = first.value
    try:
        _, stmt = _converted(query, fx)
    except CannotFix:
        # A Query built elsewhere (or with links `select()` lacks): its `.statement` is exactly
        # what 1.4/2.0 coerced it to.
        if not isinstance(query, cst.Name | cst.Attribute | cst.Call):
            raise
        stmt = cst.Attribute(value=query, attr=cst.Name("statement"))
    return node.with_changes(args=[first.with_changes(value=stmt), *node.args[1:]])


# -- SQ113 / SQ114 ---------------------------------------------------------------------------
_DML_LINKS = {"filter": "where", "where": "where", "filter_by": "filter_by"}


def _listener_in_file(fx: FixContext, event: str) -> bool:
    return event in fx.text


def fix_query_dml(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`session.query(E).filter(...).update(values, synchronize_session=s)` → an `update()` statement.

    `Query.update()/delete()` returned the matched row count; the statement's result gives it
    as `.rowcount`, added wherever the value is used. An explicit `synchronize_session` becomes
    an execution option; the default is left alone, as RULES.md SQ113 says.
    """
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        raise CannotFix("not a Query update()/delete() call")
    verb = node.func.attr.value
    if verb not in ("update", "delete"):
        raise CannotFix("not a Query update()/delete() call")
    if _listener_in_file(fx, f"after_bulk_{verb}"):
        raise CannotFix(
            f"this file mentions `after_bulk_{verb}`: the statement form does not fire it; move the "
            "listener to `do_orm_execute` first"
        )
    chain = _chain(node.func.value)
    root_args = chain.root.args
    if len(root_args) != 1 or root_args[0].keyword is not None or root_args[0].star:
        raise CannotFix(f"`Query.{verb}()` on a query that names more than one entity: rewrite by hand")
    if _kind(root_args[0], fx) != "entity":
        raise CannotFix(f"`Query.{verb}()` on a column query: name the entity in `{verb}()` by hand")
    # Positional/keyword arguments of the legacy call.
    if any(a.star for a in node.args):
        raise CannotFix(f"`.{verb}(*...)`: rewrite by hand")
    positional = [a for a in node.args if a.keyword is None]
    keywords = {a.keyword.value: a for a in node.args if a.keyword is not None}
    values: cst.BaseExpression | None = None
    sync: cst.BaseExpression | None = None
    if verb == "update":
        if "values" in keywords:
            values = keywords.pop("values").value
        elif positional:
            values = positional.pop(0).value
        if values is None:
            raise CannotFix("`Query.update()` without values")
    if positional:
        sync = positional.pop(0).value
    if positional:
        raise CannotFix(f"too many positional arguments to `Query.{verb}()`")
    if "synchronize_session" in keywords:
        sync = keywords.pop("synchronize_session").value
    if keywords:
        extra = ", ".join(sorted(keywords))
        raise CannotFix(
            f"`{extra}=`: `update_args`/`delete_args` become `.ordered_values()` / "
            "`.with_dialect_options()` by hand"
        )
    if isinstance(values, cst.List | cst.Tuple):
        raise CannotFix("a list of (column, value) pairs: use `.ordered_values(*pairs)` by hand")
    expr: cst.BaseExpression = cst.Call(func=fx.name("sqlalchemy", verb), args=[cst.Arg(root_args[0].value)])
    for call, name in chain.links:
        if name not in _DML_LINKS:
            raise CannotFix(f"`.{name}()` before `.{verb}()` has no `{verb}()` statement equivalent")
        if any(a.star == "*" for a in call.args):
            raise CannotFix(f"`.{name}(*...)`: rewrite by hand")
        assert isinstance(call.func, cst.Attribute)
        expr = call.with_changes(func=call.func.with_changes(value=expr, attr=cst.Name(_DML_LINKS[name])))
    if values is not None:
        expr = _attr_call(expr, "values", [cst.Arg(values)])
    if sync is not None:
        expr = _attr_call(expr, "execution_options", [_kwarg("synchronize_session", sync)])
    out: cst.BaseExpression = _attr_call(chain.session, "execute", [cst.Arg(expr)])
    found, parents = _finding_node(fx)
    if found is None:
        raise CannotFix("could not tell whether the returned count is used")
    if not isinstance(parents.get(id(found)), ast.Expr):
        out = cst.Attribute(value=out, attr=cst.Name("rowcount"))  # the int Query returned
    return out.with_changes(lpar=node.lpar, rpar=node.rpar)


# -- SQ108 -----------------------------------------------------------------------------------
def _int(value: cst.BaseExpression | None) -> int | None:
    if isinstance(value, cst.Integer):
        return int(value.value)
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus) and isinstance(value.expression, cst.Integer):
        return -int(value.expression.value)
    return None


def _result(chain: Chain, stmt: cst.BaseExpression, fx: FixContext) -> cst.BaseExpression:
    single, unique = _rows(chain, fx)
    out: cst.BaseExpression = _attr_call(chain.session, "scalars" if single else "execute", [cst.Arg(stmt)])
    return _attr_call(out, "unique") if unique else out


def fix_query_iteration(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`for x in q` → `for x in session.scalars(stmt)`; `q[a:b]` → `....slice(a, b)).all()`; `q[i]` likewise."""
    if isinstance(node, cst.Subscript):
        chain, stmt = _converted(node.value, fx)
        if len(node.slice) != 1:
            raise CannotFix("a Query indexed with a tuple")
        index = node.slice[0].slice
        if isinstance(index, cst.Slice):
            if index.step is not None:
                raise CannotFix("a slice with a step fetched every row in Python: rewrite by hand")
            lo, hi = index.lower, index.upper
            for bound in (lo, hi):
                if bound is None:
                    continue
                value = _int(bound)
                if value is None:
                    fx.unsafe(f"`{fx.code(bound)}` is taken to be non-negative (a negative bound raises on 2.x)")
                elif value < 0:
                    raise CannotFix("negative slice bounds raise on 2.x: reverse the ORDER BY and slice from the start")
            if hi is None:
                stmt = _attr_call(stmt, "offset", [cst.Arg(lo or cst.Integer("0"))])
            else:
                stmt = _attr_call(stmt, "slice", [cst.Arg(lo or cst.Integer("0")), cst.Arg(hi)])
            return _attr_call(_result(chain, stmt, fx), "all").with_changes(lpar=node.lpar, rpar=node.rpar)
        value = _int(index.value) if isinstance(index, cst.Index) else None
        if value is None:
            raise CannotFix("a Query indexed with a non-literal: a negative index raises on 2.x; use `.offset(i).limit(1)` by hand")
        if value < 0:
            raise CannotFix("negative indexes raise on 2.x: reverse the ORDER BY and use `.limit(1)`")
        stmt = _attr_call(stmt, "slice", [cst.Arg(cst.Integer(str(value))), cst.Arg(cst.Integer(str(value + 1)))])
        # `.all()[0]` keeps Query's IndexError on an empty result.
        listed = _attr_call(_result(chain, stmt, fx), "all")
        return cst.Subscript(
            value=listed, slice=[cst.SubscriptElement(cst.Index(cst.Integer("0")))], lpar=node.lpar, rpar=node.rpar
        )
    if not isinstance(node, cst.Call):
        raise CannotFix("the Query is held in a variable: convert it where it is built")
    chain, stmt = _converted(node, fx)
    return _result(chain, stmt, fx).with_changes(lpar=node.lpar, rpar=node.rpar)


# -- SQ128 -----------------------------------------------------------------------------------
def _query_sessions(fx: FixContext) -> dict[str, str]:
    """class name → source of the session behind its `query` property, as found in this file."""
    from sqla_assist.core.evidence import Kind

    def is_flask_db(expr: ast.expr) -> bool:
        fact = fx.inference.fact(expr, fx._module_scope)
        return fact.kind is Kind.FLASK_DB and fact.strong

    return query_sessions(fx.tree, is_flask_db)


def _model_root(node: cst.BaseExpression) -> tuple[cst.Attribute, list[cst.Call]]:
    """The `Model.query` at the bottom of a chain, and the calls above it (innermost first)."""
    calls: list[cst.Call] = []
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        calls.append(node)
        node = node.func.value
    if not (isinstance(node, cst.Attribute) and node.attr.value == "query"):
        raise CannotFix("not a `Model.query` chain")
    calls.reverse()
    return node, calls


def fix_model_query(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`Model.query...` → `<session>.query(Model)...`, converted to `select()` when the chain allows.

    Flask-SQLAlchemy's `Model.query` is `db.session.query(Model)` (the session is created with
    the same `query_cls`), and `query_property()` gives `<scoped>.query(Model)`. When the
    finding is the terminal that runs the chain, the chain is then converted exactly as
    SQ101–SQ107 convert a Session query; if that cannot be proven, only the root changes.
    """
    from sqla_assist.rules._fix_query import fix_query_get, fix_terminal

    if not isinstance(node, cst.BaseExpression):
        raise CannotFix("not an expression")
    attr, calls = (node, []) if isinstance(node, cst.Attribute) else _model_root(node)
    if not isinstance(attr.value, cst.Name):
        raise CannotFix("`Model.query` on an expression: name the session by hand")
    model = attr.value.value
    session = _query_sessions(fx).get(model)
    if session is None:
        raise CannotFix(no_session(model))
    expr: cst.BaseExpression = _attr_call(cst.parse_expression(session), "query", [cst.Arg(cst.Name(model))])
    expr = expr.with_changes(lpar=attr.lpar, rpar=attr.rpar)
    for call in calls:
        assert isinstance(call.func, cst.Attribute)
        expr = call.with_changes(func=call.func.with_changes(value=expr))
    if not calls:
        return expr
    pending, reasons = len(fx.pending), len(fx.reasons)
    try:
        converter = fix_query_get if calls[-1].func.attr.value == "get" else fix_terminal  # type: ignore[attr-defined]
        return converter(expr, fx)
    except CannotFix:
        # Keep only the exact root change; forget imports and doubts of the failed attempt.
        del fx.pending[pending:]
        del fx.reasons[reasons:]
        return expr


# -- SQ115 -----------------------------------------------------------------------------------
# Links that mean the same whatever the Query selects (criteria and joins are resolved when
# the statement compiles, against the final SELECT list).
_ENTITY_NEUTRAL = frozenset(
    {"filter", "where", "join", "outerjoin", "order_by", "group_by", "having", "limit", "offset", "slice", "distinct"}
)


def _root_with(chain: Chain, args: list[cst.Arg]) -> cst.Call:
    args = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in args]
    return chain.root.with_changes(args=[a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for a in args[:-1]] + args[-1:])


def _rebuilt(chain: Chain, root: cst.Call) -> cst.BaseExpression:
    expr: cst.BaseExpression = root
    for call, _ in chain.links:
        assert isinstance(call.func, cst.Attribute)
        expr = call.with_changes(func=call.func.with_changes(value=expr))
    return expr


def fix_query_entities(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """Move `with_entities`/`add_column(s)`/`add_entity` into `query(...)`; `values`/`value` → `select()`.

    A Query keeps one SELECT list that compiles with the criteria and joins, so
    `session.query(A).filter(c).with_entities(B)` is `session.query(B).filter(c)`; the chain
    is then an ordinary one that SQ101–SQ108 convert with the right entity-vs-row handling.
    """
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        raise CannotFix("not a Query method call")
    name = node.func.attr.value
    if any(a.star or a.keyword is not None for a in node.args):
        raise CannotFix(f"`.{name}()` with keyword or starred arguments: rewrite by hand")
    if not node.args:
        raise CannotFix(f"`.{name}()` without arguments")
    chain = _chain(node.func.value)
    old = list(chain.root.args)
    if not old or any(a.keyword is not None or a.star for a in old):
        raise CannotFix("`query()` with no, starred or keyword arguments: rewrite by hand")
    methods = chain.methods()
    new_args = [cst.Arg(a.value) for a in node.args]
    if name in ("add_columns", "add_column", "add_entity"):
        bad = [m for m in methods if m not in _ENTITY_NEUTRAL | {"filter_by", "options"}]
        if bad:
            raise CannotFix(f"`.{bad[0]}()` before `.{name}()`: move the columns into `select(...)` by hand")
        return _rebuilt(chain, _root_with(chain, [*old, *new_args])).with_changes(lpar=node.lpar, rpar=node.rpar)
    bad = [m for m in methods if m not in _ENTITY_NEUTRAL]
    if bad:
        raise CannotFix(
            f"`.{bad[0]}()` before `.{name}()` depends on the entities selected first: "
            "move the columns into `select(...)` by hand"
        )
    root = _root_with(chain, new_args)
    if name == "with_entities":
        return _rebuilt(chain, root).with_changes(lpar=node.lpar, rpar=node.rpar)
    # values()/value(): run the statement now, as these did.
    converted, stmt = _converted(_rebuilt(chain, root), fx)
    if name == "value":
        if len(new_args) != 1:
            raise CannotFix("`value()` takes one column")
        # Query.value() read the first row without a several-rows check, as Session.scalar does.
        out: cst.BaseExpression = _attr_call(converted.session, "scalar", [cst.Arg(stmt)])
    else:
        out = _attr_call(converted.session, "execute", [cst.Arg(stmt)])
    return out.with_changes(lpar=node.lpar, rpar=node.rpar)


# -- SQ117 -----------------------------------------------------------------------------------
def fix_query_exists(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`session.query(E).filter(c).exists()` → `select(E).where(c).exists()` (same EXISTS truth)."""
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute) or node.args:
        raise CannotFix("not `.exists()`")
    _, stmt = _converted(node.func.value, fx)
    out = cst.Call(func=cst.Attribute(value=stmt, attr=cst.Name("exists"), dot=node.func.dot))
    return out.with_changes(lpar=node.lpar, rpar=node.rpar)


# -- SQ123 -----------------------------------------------------------------------------------
def fix_query_with_parent(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`.with_parent(obj, Parent.rel)` → `.filter(with_parent(obj, Parent.rel))`, on the same Query.

    Exact when the query selects the relationship's target entity itself (Query passed its
    first entity as `from_entity`, which for a plain mapped class is the default).
    """
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        raise CannotFix("not `.with_parent()`")
    args = node.args
    if len(args) != 2 or any(a.keyword is not None or a.star for a in args):
        raise CannotFix(
            "`with_parent()` without an explicit `Parent.relationship` (or with `from_entity=`): "
            "name the relationship attribute by hand (SQ707)"
        )
    prop = args[1].value
    if not isinstance(prop, cst.Attribute):
        raise CannotFix("the relationship is given as a string or an expression: use `Parent.relationship` (SQ707)")
    chain = _chain(node.func.value)
    root = chain.root.args
    if len(root) != 1 or root[0].keyword is not None or root[0].star or not isinstance(root[0].value, cst.Name | cst.Attribute):
        raise CannotFix("`with_parent()` on a query of several entities or an alias: pass `from_entity` by hand")
    if _kind(root[0], fx) != "entity":
        raise CannotFix("`with_parent()` on a column query: rewrite by hand")
    criterion = cst.Call(
        func=fx.name("sqlalchemy.orm", "with_parent"),
        args=[cst.Arg(args[0].value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), cst.Arg(prop)],
    )
    return node.with_changes(func=node.func.with_changes(attr=cst.Name("filter")), args=[cst.Arg(criterion)])


# -- SQ111 / SQ112 ---------------------------------------------------------------------------
def fix_unique(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """Keep Query's de-duplication: convert the Query terminal (which adds `.unique()`), or add
    `.unique()` before the terminal of an executed `select()`."""
    from sqla_assist.rules._fix_query import fix_terminal

    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        raise CannotFix("not a result terminal")
    try:
        _chain(node.func.value)
    except CannotFix:
        pass
    else:
        return fix_terminal(node, fx)
    inner: cst.BaseExpression = node.func.value
    probe = inner
    while isinstance(probe, cst.Call) and isinstance(probe.func, cst.Attribute):
        method = probe.func.attr.value
        if method == "unique":
            return node  # already de-duplicated (e.g. by the Query terminal's own fix)
        if method in ("scalars", "execute"):
            break
        probe = probe.func.value
    else:
        raise CannotFix("the result is built elsewhere: call `.unique()` on it by hand")
    return node.with_changes(func=node.func.with_changes(value=_attr_call(inner, "unique")))


# -- SQ120 -----------------------------------------------------------------------------------
def fix_from_statement(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`session.query(E).from_statement(t).<terminal>()` → `session.scalars(select(E).from_statement(t))...`.

    Legacy Query de-duplicated entity rows even here, so entity results get `.unique()`;
    `first()` on a from_statement Query added no LIMIT, so none is added.
    """
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute) or node.args:
        raise CannotFix("`from_statement()` not followed by a terminal: convert it where it is executed")
    terminal = node.func.attr.value
    inner = node.func.value
    if not (isinstance(inner, cst.Call) and isinstance(inner.func, cst.Attribute) and inner.func.attr.value == "from_statement"):
        raise CannotFix("not `....from_statement(...).<terminal>()`")
    if len(inner.args) != 1 or inner.args[0].keyword is not None or inner.args[0].star:
        raise CannotFix("`from_statement()` with other than one statement: rewrite by hand")
    chain = _chain(inner.func.value)
    if chain.links:
        raise CannotFix(f"`.{chain.links[0][1]}()` before `from_statement()` is ignored by the legacy Query: remove it by hand")
    root = chain.root.args
    if not root or any(a.keyword is not None or a.star for a in root):
        raise CannotFix("`query()` with no, starred or keyword arguments: rewrite by hand")
    kinds = [_kind(a, fx) for a in root]
    single, unique = kinds == ["entity"], "entity" in kinds
    select = cst.Call(func=fx.name("sqlalchemy", "select"), args=[a.with_changes() for a in root])
    stmt = _attr_call(select, "from_statement", [cst.Arg(inner.args[0].value)])
    result: cst.BaseExpression = _attr_call(chain.session, "scalars" if single else "execute", [cst.Arg(stmt)])
    if unique:
        result = _attr_call(result, "unique")
    method = {"scalar": "one_or_none"}.get(terminal, terminal) if single else terminal
    if not single and terminal == "scalar":
        method = "scalar_one_or_none"
    if terminal not in ("all", "first", "one", "one_or_none", "scalar"):
        raise CannotFix(f"no rewrite for `.{terminal}()` after `from_statement()`")
    return _attr_call(result, method, dot=node.func.dot).with_changes(lpar=node.lpar, rpar=node.rpar)


# -- SQ119 -----------------------------------------------------------------------------------
_SET_MEMBER_LINKS = frozenset({"filter", "where", "filter_by", "join", "outerjoin"})


def fix_set_operation(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`q1.union(q2).<terminal>()` → `session.scalars(select(E).from_statement(union(s1, s2))).unique()...`.

    Entities come back through `from_statement` (executing the union alone gives plain rows)
    and `.unique()` keeps Query's de-duplication by identity; column queries run the union.
    """
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute) or node.args:
        raise CannotFix("the set operation is not run by a terminal here: convert it where it is executed")
    terminal = node.func.attr.value
    inner = node.func.value
    if not (isinstance(inner, cst.Call) and isinstance(inner.func, cst.Attribute)):
        raise CannotFix("not `<query>.union(...).<terminal>()`")
    op = inner.func.attr.value
    if not inner.args or any(a.keyword is not None or a.star for a in inner.args):
        raise CannotFix(f"`.{op}()` with keyword or starred arguments: rewrite by hand")
    members = [inner.func.value, *(a.value for a in inner.args)]
    statements: list[cst.BaseExpression] = []
    first: Chain | None = None
    for member in members:
        chain, stmt = _converted(member, fx)
        bad = [m for m in chain.methods() if m not in _SET_MEMBER_LINKS]
        if bad:
            raise CannotFix(f"`.{bad[0]}()` inside a set operation member: rewrite the union by hand")
        if first is None:
            first = chain
        elif fx.code(chain.session) != fx.code(first.session):
            raise CannotFix("the queries of the set operation use different sessions")
        statements.append(stmt)
    assert first is not None
    kinds = [_kind(a, fx) for a in first.root.args]
    if "entity" in kinds and kinds != ["entity"]:
        raise CannotFix("a set operation over several entities: use `aliased(E, u.subquery())` by hand")
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    compound: cst.BaseExpression = cst.Call(
        func=fx.name("sqlalchemy", op),
        args=[cst.Arg(s, comma=comma) for s in statements[:-1]] + [cst.Arg(statements[-1])],
    )
    if terminal == "first":
        # Query.first() put LIMIT 1 on the wrapped union; on the compound it limits the same rows.
        compound = _attr_call(compound, "limit", [cst.Arg(cst.Integer("1"))])
    elif terminal not in ("all", "one", "one_or_none", "scalar"):
        raise CannotFix(f"no rewrite for `.{terminal}()` after `.{op}()`")
    session = first.session
    if kinds == ["entity"]:
        entity = first.root.args[0].value
        stmt = _attr_call(cst.Call(func=fx.name("sqlalchemy", "select"), args=[cst.Arg(entity)]), "from_statement", [cst.Arg(compound)])
        result = _attr_call(_attr_call(session, "scalars", [cst.Arg(stmt)]), "unique")
        method = "one_or_none" if terminal == "scalar" else terminal
    else:
        result = _attr_call(session, "execute", [cst.Arg(compound)])
        method = "scalar_one_or_none" if terminal == "scalar" else terminal
    return _attr_call(result, method, dot=node.func.dot).with_changes(lpar=node.lpar, rpar=node.rpar)
