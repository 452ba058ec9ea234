"""SQ408, SQ409, SQ415, SQ416: library-level autocommit is gone and Connections autobegin."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Fact, Kind, own_nodes, terminal_name, weak_kind_of_name
from sqla_assist.core.findings import Evidence
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._flow import (
    DDL_METHODS,
    FunctionIndex,
    before,
    ddl_bind,
    file_memo,
    is_write,
    scope_index,
    self_attr,
    span,
)
from sqla_assist.rules._handoff import enclosing_param_function, ended_in, unowned_connection
from sqla_assist.rules._helpers import evidence_of, via_for
from sqla_assist.rules._kept_connection import enclosing_class, kept_connection

_AUTOCOMMIT = "SQLAlchemy 2.0 migration guide, “Library-level (but not driver level) Autocommit removed from both Core and ORM”"
_CONN = frozenset({Kind.CONNECTION})


def _origin(name: str, idx: FunctionIndex) -> ast.expr | None:
    """Where a connection variable came from in this function: `engine.connect()` etc."""
    return idx.with_sources.get(name) or idx.assigned.get(name)


def _method_of(expr: ast.expr | None) -> str | None:
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
        return expr.func.attr
    return None


def _engine_fact(expr: ast.expr | None, ctx: FileContext) -> Fact | None:
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
        recv = expr.func.value
        fact = ctx.fact(recv)
        if fact.kind is Kind.ENGINE:
            return fact
        if fact.kind is None and isinstance(recv, ast.Call):
            # `self.placement_db.get_engine().connect()`: the factory's name is the evidence.
            name = terminal_name(recv.func)
            if name is not None and weak_kind_of_name(name) is Kind.ENGINE:
                return Fact(Kind.ENGINE, Evidence.WEAK)
    return None


class ImplicitAutocommit(Rule):
    id = "SQ408"
    name = "connection-implicit-autocommit"
    title = "commit writes on an `engine.connect()` connection: 2.x no longer autocommits them"
    fix_class = "manual"
    on_20 = "SILENT"
    on_21 = "SILENT"
    nodes = (ast.Call,)
    tokens = (b".execute(", b".exec_driver_sql(", b".create", b".drop")
    local_tokens = False  # the evidence is in other statements
    what = (
        "Flags a write (`insert`/`update`/`delete` construct, DDL, or SQL text starting with a write "
        "verb, also through a variable the function assigned; `create_all(conn)` and "
        "`table.create(bind=conn)` too) executed on a connection from "
        "`engine.connect()` in a function that never calls `commit()` or `begin()` on it: one "
        "finding per connection (`with engine.connect() as conn:` or `conn = engine.connect()`), "
        "spanning from where it is opened to its last write (writes through an SQLAlchemy "
        "`UpdateBase` subclass of the file count). A connection kept on the object (`self.conn = "
        "engine.connect()` in `setUp`) is flagged at that assignment and once per method that "
        "writes through it, spanning the method's statements. With weak evidence, the same on "
        "the connection a callback receives (`def thd(conn)` handed to a runner such as "
        "`pool.do(thd)`), since whoever runs it may or may not begin a transaction. And a write "
        "executed on a connection opened inline (`engine.connect().execute(t.insert())`)."
    )
    why = (
        "1.x committed each DML statement by itself (library-level autocommit). 2.x keeps the "
        "transaction open and rolls it back when the connection closes: the write is lost with no "
        "warning at all."
    )
    example = Example(
        before="with engine.connect() as conn:\n    conn.execute(users.insert().values(name='x'))",
        after="with engine.begin() as conn:\n    conn.execute(users.insert().values(name='x'))",
    )
    use_instead = (
        "`with engine.begin() as conn:` (commits on success), or call `conn.commit()` after the "
        "writes (2.x \"commit as you go\")."
    )
    fix_safety = (
        "Manual: 1.x committed per statement, so wrapping several writes in one transaction makes "
        "them atomic — usually the intent, but a behaviour change."
    )
    references = (_AUTOCOMMIT,)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not isinstance(func, ast.Attribute):
            return
        if _kept_receiver(node):
            self._kept(node, ctx)
            return
        ddl_on = _ddl_connection(node)
        if ddl_on is not None:
            name = ddl_on
        elif func.attr in ("execute", "exec_driver_sql") and node.args and _method_of(func.value) == "connect":
            self._inline(node, ctx)
            return
        elif func.attr in ("execute", "exec_driver_sql") and node.args and isinstance(func.value, ast.Name):
            name = func.value.id
        else:
            return
        idx = scope_index(ctx)
        origin = _origin(name, idx)
        if _method_of(origin) == "connect":
            engine = _engine_fact(origin, ctx)
            if engine is None:
                return
            source = "from `engine.connect()`"
            evidence, via = evidence_of(engine), via_for(engine, frozenset({Kind.ENGINE}))
        elif origin is None and (owner := enclosing_param_function(ctx, name)) is not None:
            # `def thd(conn): conn.execute(t.insert())` handed to `pool.do(thd)`: whoever runs it
            # opened the connection; 1.x committed the write whether or not they began a
            # transaction, 2.x only if they do.
            if not unowned_connection(owner, name, ctx) or ended_in(owner, name, ctx):
                return
            source = "handed"
            evidence, via = Evidence.WEAK, ""
        else:
            return
        if ddl_on is None and not is_write(node.args[0], ctx):
            return
        calls = idx.calls.get(name, [])
        if any(_method_of(c) in ("commit", "begin", "begin_twophase", "execution_options") for c in calls):
            return
        # `with engine.connect() as conn:` or `conn = engine.connect()`: one finding per
        # connection, from where it is opened.
        opened = idx.with_sources.get(name) or (origin if _method_of(origin) == "connect" else None)
        where: ast.AST = node
        what = "write"
        if opened is not None and opened.lineno <= node.lineno:
            # One finding per `with engine.connect() as conn:` block, from the `with` line (where
            # the fix goes: `engine.begin()`, or `conn.begin()` beside it) to its last write.
            writes = sorted(
                (c for cs in idx.calls.values() for c in cs if c.lineno >= opened.lineno and _is_write_call(c, name, ctx)),
                key=lambda c: (c.lineno, c.col_offset),
            )
            if writes and writes[0] is not node:
                return
            if len(writes) > 1:
                what = f"{len(writes)} writes"
            where = span(opened, writes[-1] if writes else node)
        ctx.report(
            self,
            where,
            (
                f"{what} on `{name}` {source} never committed here: 2.x rolls back at close; use "
                "`engine.begin()` / `with conn.begin():` or call `commit()`"
            ) if source != "handed" else (
                f"{what} on `{name}`, the connection this function is handed: 2.x keeps it only if "
                "whoever runs this function commits; otherwise `with conn.begin():` here"
            ),
            evidence=evidence,
            via=via,
            key_node=node,
        )

    def _inline(self, node: ast.Call, ctx: FileContext) -> None:
        """`engine.connect().execute(t.insert())`: a connection nobody keeps, so nothing can
        commit it; 2.x rolls the write back when the connection is collected."""
        assert isinstance(node.func, ast.Attribute)
        engine = _engine_fact(node.func.value, ctx)
        if engine is None or not is_write(node.args[0], ctx):
            return
        ctx.report(
            self,
            node,
            "write on a connection opened inline (`connect().execute(...)`) is never committed: 2.x "
            "rolls it back when the connection is closed or collected; use `with engine.begin() as conn:`",
            evidence=evidence_of(engine),
            via=via_for(engine, frozenset({Kind.ENGINE})),
        )

    def _kept(self, node: ast.Call, ctx: FileContext) -> None:
        """`self.conn = self.engine.connect()` in `setUp`, writes through `self.conn` in the
        tests: one finding at each such assignment and one per method that writes, spanning
        its statements on the connection (they all run in the transaction 2.x autobegins)."""
        owner = enclosing_class(ctx)
        if owner is None:
            return
        cls, method = owner
        func = node.func
        assert isinstance(func, ast.Attribute)
        assign = next(
            (a for a in own_nodes(method) if isinstance(a, ast.Assign) and a.value is node and len(a.targets) == 1),
            None,
        )
        attr = self_attr(assign.targets[0]) if assign is not None else self_attr(_statement_target(node))
        if attr is None:
            return
        kept = kept_connection(cls, attr, ctx)
        if kept is None or kept.ended or not kept.written:
            return
        # The engine behind the assignment, not `self.<attr>`'s fact: attribute facts are
        # file-wide, and another class's `self.conn` may be a DB-API connection.
        engine = _engine_fact(kept.assigned[0].value, ctx)
        if engine is None:
            return
        evidence, via = evidence_of(engine), via_for(engine, frozenset({Kind.ENGINE}))
        methods = sum(1 for stmts in kept.statements.values() if any(w for _, w in stmts))
        if assign is not None:
            ctx.report(
                self,
                assign,
                f"`self.{attr}` keeps an `engine.connect()` connection that {methods} method(s) write "
                "through and none commits: 1.x autocommitted each write; 2.x holds one transaction "
                "open and rolls it back at close. Open `with engine.begin() as conn:` where the work is "
                "done, or commit",
                evidence=evidence,
                via=via,
            )
            return
        statements = kept.statements.get(id(method), [])
        writes = [c for c, w in statements if w]
        if not writes or writes[0] is not node:
            return
        what = f"{len(writes)} writes" if len(writes) > 1 else "write"
        ctx.report(
            self,
            span(statements[0][0], statements[-1][0]),
            f"{what} on `self.{attr}` (kept from `engine.connect()`) never committed: 2.x runs this "
            "method's statements in the transaction it autobegins and rolls them back at close; use "
            "`with engine.begin() as conn:` here or call `commit()`",
            evidence=evidence,
            via=via,
            key_node=node,
        )


_REFLECT_OR_DDL = DDL_METHODS | {"reflect"}


def _run_through(ctx: FileContext, name: str) -> list[ast.Call]:
    """Calls of the current function that run SQL on the connection `name` without naming a
    method of it: `Table(..., autoload_with=conn)` (nova reflected its shadow tables so before
    `with conn.begin():`), `metadata.create_all(conn)`, `reflect(bind=conn)`."""
    node = ctx.scope.node
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return []
    memo = file_memo(ctx, "run_through")
    key = f"{id(node)}:{name}"
    found = memo.get(key)
    if isinstance(found, list):
        return found
    calls: list[ast.Call] = []
    for sub in own_nodes(node):
        if not isinstance(sub, ast.Call):
            continue
        on = next((k.value for k in sub.keywords if k.arg == "autoload_with"), None) or ddl_bind(sub, _REFLECT_OR_DDL)
        if isinstance(on, ast.Name) and on.id == name:
            calls.append(sub)
    memo[key] = calls
    return calls


def _statement_target(call: ast.Call) -> ast.expr | None:
    """The connection a statement call runs on: `self.conn.execute(...)`, `create_all(self.conn)`."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in ("execute", "exec_driver_sql"):
        return func.value
    return ddl_bind(call)


def _kept_receiver(call: ast.Call) -> bool:
    """A statement on `self.<attr>`, or a `<x>.connect()` that may be assigned to one."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr == "connect":
        return not call.args
    return self_attr(_statement_target(call)) is not None


def _is_write_call(call: ast.Call, name: str, ctx: FileContext) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in ("execute", "exec_driver_sql") and call.args:
        return isinstance(func.value, ast.Name) and func.value.id == name and is_write(call.args[0], ctx)
    return _ddl_connection(call) == name


def _ddl_connection(call: ast.Call) -> str | None:
    """`metadata.create_all(conn)`, `table.create(bind=conn)`: DDL run on the connection `conn`
    (a write 1.x autocommitted like any other)."""
    bind = ddl_bind(call)
    return bind.id if isinstance(bind, ast.Name) else None


def _has_autocommit(call: ast.Call) -> ast.AST | None:
    for kw in call.keywords:
        if kw.arg == "autocommit":
            return kw
        if kw.arg == "execution_options" and isinstance(kw.value, ast.Dict):
            for k in kw.value.keys:
                if isinstance(k, ast.Constant) and k.value == "autocommit":
                    return kw
    return None


class AutocommitExecutionOption(Rule):
    id = "SQ409"
    name = "autocommit-execution-option"
    title = "`execution_options(autocommit=True)` is ignored on 2.x: commit explicitly"
    fix_class = "manual"
    on_20 = "SILENT"
    on_21 = "SILENT"
    nodes = (ast.Call,)
    tokens = (b"autocommit",)
    what = "Flags `.execution_options(autocommit=...)` and `execution_options={\"autocommit\": ...}` arguments."
    why = (
        "The option asked 1.x to commit after the statement. 2.x accepts it and does nothing, so "
        "the statement's effects are rolled back when the connection closes."
    )
    example = Example(
        before='conn.execute(text("EXEC my_proc()").execution_options(autocommit=True))',
        after='with engine.begin() as conn:\n    conn.execute(text("EXEC my_proc()"))',
    )
    use_instead = (
        "Run it inside `engine.begin()` or follow it with `conn.commit()`. Statements that cannot run "
        "in a transaction (VACUUM, CREATE DATABASE) need `execution_options(isolation_level=\"AUTOCOMMIT\")`."
    )
    fix_safety = "Manual: choose between a transaction and true driver-level autocommit."
    references = (
        _AUTOCOMMIT,
        "SQLAlchemy Core docs, “Setting Transaction Isolation Levels including DBAPI Autocommit”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not node.keywords:
            return
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        found = _has_autocommit(node)
        if found is None:
            return
        if name != "execution_options" and not (isinstance(found, ast.keyword) and found.arg == "execution_options"):
            return
        if name == "execution_options" and isinstance(func, ast.Attribute):
            if ctx.fact(func.value).kind is Kind.OTHER:
                return
        ctx.report(
            self,
            node,
            "the `autocommit` execution option is silently ignored on 2.x: run the statement in "
            "`engine.begin()` / call `commit()`, or use `isolation_level=\"AUTOCOMMIT\"`",
        )


class ConnectionBeginAfterWork(Rule):
    id = "SQ415"
    name = "connection-begin-in-transaction"
    title = "`conn.begin()` inside a transaction that is already running raises"
    fix_class = "manual"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".begin(",)
    what = (
        "Flags `conn.begin()` on a Connection that came from `engine.begin()`, already executed a "
        "statement (reflection with `autoload_with=conn` and DDL on it included) or called "
        "`begin()` earlier in the same function, spanning from that statement; with weak evidence when the "
        "connection is a parameter (the caller may already have used it)."
    )
    why = (
        "2.x connections autobegin on the first `execute()`, and `begin()` inside a running "
        "transaction raises `InvalidRequestError` (1.x returned a \"marker\" sub-transaction)."
    )
    example = Example(
        before="with engine.connect() as conn:\n    conn.execute(select(t))\n    trans = conn.begin()",
        after="with engine.connect() as conn:\n    conn.execute(select(t))\n    conn.commit()\n    trans = conn.begin()",
    )
    use_instead = (
        "One `with conn.begin():` at the outermost level; after reads, `conn.commit()` (or "
        "`rollback()`) before beginning again; `begin_nested()` for a real SAVEPOINT."
    )
    fix_safety = "Manual: the transaction boundaries need restructuring."
    references = (
        "SQLAlchemy 1.4 Core docs, “Arbitrary Transaction Nesting as an Antipattern”",
        "SQLAlchemy 1.4 Core docs, “Migrating from the nesting pattern”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "begin") or node.args or node.keywords:
            return
        if not isinstance(func.value, ast.Name):
            return
        idx = scope_index(ctx)
        fact = ctx.fact(func.value)
        if fact.kind is not Kind.CONNECTION:
            return
        name = func.value.id
        origin = _origin(name, idx)
        where: ast.AST = node
        if _method_of(origin) == "begin" and _engine_fact(origin, ctx) is not None:
            reason = "the connection came from `engine.begin()`, which already began a transaction"
        else:
            earlier = sorted(
                [
                    c for c in idx.calls.get(name, [])
                    if _method_of(c) in ("execute", "exec_driver_sql", "scalar", "scalars", "begin") and before(node, c)
                ] + [c for c in _run_through(ctx, name) if before(node, c)],
                key=lambda c: (c.lineno, c.col_offset),
            )
            ends = [c for c in idx.calls.get(name, []) if _method_of(c) in ("commit", "rollback") and before(node, c)]
            if earlier and not (ends and before(ends[-1], earlier[-1])):
                reason = f"`{name}` already autobegan at line {earlier[0].lineno}"
                # From the statement that autobegins: that is where the transaction has to
                # start (or end) instead.
                where = span(earlier[0], node)
            elif name in idx.params and origin is None:
                ctx.report(
                    self, node,
                    f"`{name}.begin()` on a connection received as a parameter raises on 2.x if the caller "
                    "already used it: begin at the outermost level",
                    evidence=Evidence.WEAK,
                )
                return
            else:
                return
        ctx.report(
            self,
            where,
            f"`{name}.begin()` raises on 2.x: {reason}; commit first or begin once at the outermost level",
            evidence=evidence_of(fact),
            via=via_for(fact, _CONN),
            key_node=node,
        )


class BeginNestedWithoutOuter(Rule):
    id = "SQ416"
    name = "connection-begin-nested-no-outer"
    title = "`conn.begin_nested()` without an outer `begin()` is a SAVEPOINT on 2.x, not a commit-able transaction"
    fix_class = "manual"
    on_20 = "SILENT"
    on_21 = "SILENT"
    nodes = (ast.Call,)
    tokens = (b".begin_nested(",)
    what = "Flags `begin_nested()` on a connection from `engine.connect()` that has not called `begin()` before it."
    why = (
        "In 1.x this returned the root transaction, so its `commit()` committed to the database. "
        "On 2.x it is a SAVEPOINT inside the autobegun transaction: its `commit()` only releases the "
        "savepoint, and the data is rolled back at close unless the connection commits."
    )
    example = Example(
        before="with engine.connect() as conn:\n    t = conn.begin_nested()\n    conn.execute(stmt)\n    t.commit()",
        after="with engine.connect() as conn:\n    with conn.begin():\n        with conn.begin_nested():\n            conn.execute(stmt)",
    )
    use_instead = "Open the outer transaction explicitly (`with conn.begin():` or `engine.begin()`) around `begin_nested()`."
    fix_safety = "Manual: decide where the outer transaction starts and ends."
    references = ("SQLAlchemy 1.4 API: `Connection.begin_nested()` 2.0 deprecation",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "begin_nested") or not isinstance(func.value, ast.Name):
            return
        idx = scope_index(ctx)
        name = func.value.id
        origin = _origin(name, idx)
        if _method_of(origin) != "connect":
            return
        engine = _engine_fact(origin, ctx)
        if engine is None:
            return
        if any(_method_of(c) in ("begin", "commit") and before(node, c) for c in idx.calls.get(name, [])):
            return
        ctx.report(
            self,
            node,
            f"`{name}.begin_nested()` without an outer `begin()` is only a SAVEPOINT on 2.x: committing it "
            "does not commit; wrap it in `with conn.begin():`",
            evidence=evidence_of(engine),
            via=via_for(engine, frozenset({Kind.ENGINE})),
        )
