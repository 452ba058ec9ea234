"""SQ506, SQ507, SQ509, SQ510: what `execute()` returns, and how long it lives."""

from __future__ import annotations

import ast
import re

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import SESSIONLIKE, Fact, Kind
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._fixers_b_shapes import ENTITY_ROWS_OTHER_USE, only_entity_attributes
from sqla_assist.rules._helpers import via_for
from sqla_assist.rules._rows import home_of, own_walk

_SELECT_LINKS = frozenset(
    ["where", "filter", "filter_by", "order_by", "limit", "offset", "join", "outerjoin", "options", "distinct", "group_by", "having", "execution_options", "join_from", "select_from"]
)
_ROW_ATTRS = frozenset({"_mapping", "_fields", "_asdict", "_t", "_tuple", "t", "tuple", "count", "index", "_replace"})
_ONE_ROW = frozenset({"first", "one", "one_or_none", "fetchone"})
_MANY_ROWS = frozenset({"all", "fetchall"})
_CAMEL = re.compile(r"^[A-Z][a-z0-9]+[A-Za-z0-9]*$")


def _select_entity(stmt: ast.expr, ctx: FileContext) -> tuple[ast.expr, Fact] | None:
    """The one entity of `select(E)[.where(...)...]`, with the evidence that it is mapped."""
    node = stmt
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _SELECT_LINKS:
        node = node.func.value
    if not isinstance(node, ast.Call) or ctx.qualify(node.func) != "sqlalchemy.select":
        return None
    if len(node.args) != 1 or node.keywords:
        return None
    arg = node.args[0]
    fact = ctx.fact(arg)
    if fact.kind is Kind.MODEL:
        return arg, fact
    name = arg.attr if isinstance(arg, ast.Attribute) else arg.id if isinstance(arg, ast.Name) else None
    if name is None or not _CAMEL.match(name) or fact.kind is not None:
        return None
    return arg, Fact(None, Evidence.WEAK, fact.via)


def _entity_execute(expr: ast.expr, ctx: FileContext, terminals: frozenset[str]) -> tuple[ast.Call, ast.expr, Fact, Fact] | None:
    """`<session>.execute(select(E))[.terminal()]`: (execute call, entity, entity fact, session fact)."""
    node = expr
    if isinstance(node, ast.Await):
        node = node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in terminals:
        node = node.func.value
        if isinstance(node, ast.Await):
            node = node.value
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "execute"):
        return None
    if not node.args:
        return None
    session = ctx.fact(node.func.value)
    if session.kind not in SESSIONLIKE:
        return None
    found = _select_entity(node.args[0], ctx)
    if found is None:
        return None
    return node, found[0], found[1], session


def _attr_uses(name: str, nodes: list[ast.AST], entity: str) -> list[str]:
    return sorted(
        {
            n.attr
            for n in nodes
            if isinstance(n, ast.Attribute)
            and isinstance(n.value, ast.Name)
            and n.value.id == name
            and n.attr not in _ROW_ATTRS
            and n.attr != entity
        }
    )


class EntityRowsAsEntities(Rule):
    id = "SQ506"
    name = "execute-entity-rows"
    title = "rows of `session.execute(select(Entity))` used as entities → `session.scalars(...)`"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_b:fix_entity_rows")
    on_20 = "OK"
    on_21 = "OK"
    nodes = (ast.For, ast.AsyncFor, ast.Assign)
    tokens = (b".execute(",)
    what = (
        "Flags loops over (and `.first()`/`.one()` results of) `session.execute(select(Entity))` whose "
        "elements are then used like `Entity` objects (`user.name`)."
    )
    why = (
        "`Session.execute()` always returns rows, even for one entity: each element is a 1-tuple "
        "holding the object, so `user.name` raises `AttributeError: Could not locate column in row "
        "for column 'name'`. Half-migrated 1.4 code often assumes Query's behaviour."
    )
    example = Example(
        before="for user in session.execute(select(User)):\n    print(user.name)",
        after="for user in session.scalars(select(User)):\n    print(user.name)",
    )
    use_instead = (
        "`session.scalars(select(Entity))` (or `.execute(...).scalars()`), which yields the first "
        "column of each row: the objects."
    )
    fix_safety = (
        "Typed: only for a select of exactly one entity (`.scalars()` on a multi-entity select silently "
        "drops the other columns), and only when every use of the rows is an entity attribute the row "
        "lacks (each of those raised `AttributeError`): `.execute(...)` then becomes `.execute(...).scalars()`. "
        "Rows also used as rows (passed on, indexed, unpacked, truth-tested) are manual."
    )
    references = ("SQLAlchemy 2.0 migration guide, “ORM Query Unified with Core Select”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.For | ast.AsyncFor):
            if not isinstance(node.target, ast.Name):
                return
            found = _entity_execute(node.iter, ctx, _MANY_ROWS)
            if found is None:
                return
            nodes = [n for stmt in node.body for n in ast.walk(stmt)]
            self._judge(node.iter, node.target.id, nodes, found, ctx)
            return
        assert isinstance(node, ast.Assign)
        if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            return
        value = node.value
        inner = value.value if isinstance(value, ast.Await) else value
        if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and inner.func.attr in _ONE_ROW):
            return
        found = _entity_execute(value, ctx, _ONE_ROW)
        if found is None:
            return
        self._judge(value, node.targets[0].id, own_walk(home_of(ctx)), found, ctx)

    def _judge(
        self,
        where: ast.expr,
        name: str,
        nodes: list[ast.AST],
        found: tuple[ast.Call, ast.expr, Fact, Fact],
        ctx: FileContext,
    ) -> None:
        call, entity, entity_fact, session = found
        assert isinstance(call.func, ast.Attribute)
        entity_name = ast.unparse(entity)
        uses = _attr_uses(name, nodes, entity_name.rpartition(".")[2])
        if not uses:
            return
        strong = session.strong and entity_fact.strong
        via = via_for(entity_fact, frozenset({Kind.MODEL})) or via_for(session, SESSIONLIKE)
        message = (
            f"`{name}.{uses[0]}` on rows of `execute(select({entity_name}))`: each row is a 1-tuple; "
            f"use `{ast.unparse(call.func.value)}.scalars(...)` to get `{entity_name}` objects"
        )
        blocker = ""
        if not only_entity_attributes(name, own_walk(home_of(ctx)), _ROW_ATTRS, entity_name.rpartition(".")[2]):
            blocker = ENTITY_ROWS_OTHER_USE
        elif any(isinstance(n, ast.Await) for n in ast.walk(where)):
            blocker = "an awaited `execute()`: write `(await session.execute(...)).scalars()` by hand"
        elif _terminal(where) == "fetchone":
            blocker = "`.fetchone()` has no `ScalarResult` equivalent: use `.scalars().first()` by hand"
        ctx.report(
            self,
            where,
            f"{message}; {blocker}" if blocker else message,
            # Weak evidence makes a safe fix unsafe (RawFinding.effective_fix) until the gathering
            # pass confirms the imported entity or session.
            fix=FixSafety.MANUAL if blocker else FixSafety.SAFE,
            evidence=Evidence.STRONG if strong else Evidence.WEAK,
            via=via if not strong else "",
        )


def _terminal(expr: ast.expr) -> str:
    node = expr.value if isinstance(expr, ast.Await) else expr
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr != "execute":
        return node.func.attr
    return ""


_RENAMED: dict[str, str] = {
    "ResultProxy": "CursorResult",
    "RowProxy": "Row",
    "LegacyRow": "Row",
    "LegacyCursorResult": "CursorResult",
    "KeyedTuple": "Row",
    "BufferedRowResultProxy": "CursorResult",
    "Connectable": "Engine | Connection",
}


class LegacyResultNames(Rule):
    id = "SQ507"
    name = "legacy-result-names"
    title = "`ResultProxy`, `RowProxy`, `LegacyRow`, `LegacyCursorResult`, `KeyedTuple`, `BufferedRowResultProxy` → `CursorResult` / `Row`"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_rows:fix_result_names")
    on_20 = "LEGACY/ERROR"
    on_21 = "LEGACY/ERROR"
    nodes = (ast.ImportFrom, ast.Attribute)
    tokens = (b"ResultProxy", b"RowProxy", b"LegacyRow", b"LegacyCursorResult", b"KeyedTuple", b"Connectable")
    what = "Flags imports and module-attribute uses of the 1.x result and row class names (and `Connectable`)."
    why = (
        "1.4 renamed the result classes: `ResultProxy` survives only as an alias of `CursorResult`; "
        "`RowProxy` and `KeyedTuple` were already gone in 1.4, `LegacyRow` and `LegacyCursorResult` "
        "in 2.0 (`ImportError`). `Connectable` still imports but means something else now."
    )
    example = Example(
        before="from sqlalchemy.engine import ResultProxy, RowProxy\ndef f(r: ResultProxy) -> RowProxy: ...",
        after="from sqlalchemy.engine import CursorResult, Row\ndef f(r: CursorResult) -> Row: ...",
    )
    use_instead = (
        "`CursorResult` (or `Result`) for results, `Row` for rows. Type hints naming `Connectable` "
        "become `Engine | Connection`; code calling `.execute()` on one is SQ401."
    )
    fix_safety = "Safe for the class renames (type hints and `isinstance`); `Connectable` is manual."
    references = (
        "SQLAlchemy 1.4 migration notes, “RowProxy is no longer a “proxy”; is now called Row”",
        "SQLAlchemy 1.4 migration notes, “The “KeyedTuple” object returned by Query is replaced by Row”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.ImportFrom):
            if node.level or not (node.module or "").startswith("sqlalchemy"):
                return
            old = [a.name for a in node.names if a.name in _RENAMED]
            if old:
                self._report(node, old, ctx)
            return
        assert isinstance(node, ast.Attribute)
        if node.attr not in _RENAMED:
            return
        qual = ctx.qualify(node)
        if qual is not None and qual.startswith("sqlalchemy."):
            self._report(node, [node.attr], ctx)

    def _report(self, node: ast.AST, old: list[str], ctx: FileContext) -> None:
        pairs = ", ".join(f"`{o}` → `{_RENAMED[o]}`" for o in old)
        ctx.report(
            self,
            node,
            f"1.x result names: {pairs}",
            fix=FixSafety.MANUAL if "Connectable" in old else FixSafety.SAFE,
        )


_DML_SQL = re.compile(r"^\s*(insert|update|delete|create|drop|alter|truncate)\b", re.I)
_DML_FUNCS = ("sqlalchemy.insert", "sqlalchemy.update", "sqlalchemy.delete")


def _no_rows_statement(stmt: ast.expr, ctx: FileContext) -> str | None:
    """'INSERT'/'UPDATE'/... when `stmt` returns no rows (DML without RETURNING, DDL)."""
    names: list[str] = []
    node = stmt
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        names.append(node.func.attr)
        node = node.func.value
    if "returning" in names:
        return None
    if isinstance(node, ast.Call):
        qual = ctx.qualify(node.func)
        if qual in _DML_FUNCS:
            return qual.rpartition(".")[2].upper()
        if qual == "sqlalchemy.text" and node.args:
            node = node.args[0]
    if names and names[-1] in ("insert", "update", "delete") and not isinstance(node, ast.Call):
        return names[-1].upper()
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        m = _DML_SQL.match(node.value)
        if m and "returning" not in node.value.lower():
            return m.group(1).upper()
    return None


class KeysOnNoRowsResult(Rule):
    id = "SQ509"
    name = "result-keys-no-rows"
    title = "`result.keys()` on a statement that returns no rows"
    fix_class = "manual"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".keys(",)
    what = "Flags `.keys()` on the result of an INSERT/UPDATE/DELETE without RETURNING, or of DDL."
    why = (
        "Such a result is closed at once. 1.x returned an empty list (with a 2.0 deprecation warning); "
        "2.0 raises `ResourceClosedError: This result object does not return rows`."
    )
    example = Example(
        before="result = conn.execute(users.insert().values(name=\"x\"))\nprint(result.keys())",
        after="result = conn.execute(users.insert().values(name=\"x\"))\nprint(result.keys() if result.returns_rows else [])",
    )
    use_instead = "Drop the call, or guard it with `result.returns_rows`."
    fix_safety = "Manual: what the code wanted from an empty key list decides the change."
    references = ("SQLAlchemy 1.4 `_LegacyNoResultMetaData.keys` 2.0 deprecation",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "keys") or node.args:
            return
        recv = func.value
        call = recv if isinstance(recv, ast.Call) else None
        if isinstance(recv, ast.Name):
            for n in own_walk(home_of(ctx)):
                if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == recv.id for t in n.targets):
                    call = n.value if isinstance(n.value, ast.Call) else None
                elif isinstance(n, ast.Attribute) and n.attr == "returns_rows":
                    return  # guarded
        if call is None or not isinstance(call.func, ast.Attribute) or call.func.attr not in ("execute", "exec_driver_sql"):
            return
        if not call.args:
            return
        kind = _no_rows_statement(call.args[0], ctx)
        if kind is None:
            return
        owner = ctx.fact(call.func.value)
        if owner.kind not in (Kind.CONNECTION, Kind.ENGINE, Kind.SESSION, Kind.SCOPED_SESSION):
            return
        ctx.report(
            self,
            node,
            f"`.keys()` on the result of an {kind} without RETURNING raises ResourceClosedError on 2.0",
            evidence=Evidence.STRONG if owner.strong else Evidence.WEAK,
            via=via_for(owner, frozenset({Kind.CONNECTION, Kind.ENGINE, Kind.SESSION, Kind.SCOPED_SESSION})),
        )


class ResultAfterClose(Rule):
    id = "SQ510"
    name = "result-outlives-connection"
    title = "a result returned out of the `with` block that closes its connection"
    fix_class = "lint"
    on_20 = "mixed"
    on_21 = "mixed"
    nodes = (ast.Return,)
    tokens = (b"execute",)
    local_tokens = False  # the evidence is in other statements
    what = (
        "Flags `return <result>` where the result comes from a connection or session opened by a "
        "`with` block of the same function, without being materialised first."
    )
    why = (
        "The `with` block closes the connection when the function returns; reading the result later "
        "works on some drivers (SQLite buffers rows) and fails on others or with server-side cursors. "
        "1.x `engine.execute()` results kept their connection until exhausted, so converted code hits this."
    )
    example = Example(
        before="def load(engine):\n    with engine.connect() as conn:\n        return conn.execute(select(users))",
        after="def load(engine):\n    with engine.connect() as conn:\n        return conn.execute(select(users)).all()",
    )
    use_instead = "Materialise inside the block: `.all()`, `.mappings().all()`, `.scalars().all()` or `.freeze()`."
    fix_safety = "Lint: whether to return rows, mappings or objects is the caller's contract."
    references = ("SQLAlchemy 2.0 migration guide, ““Implicit” and “Connectionless” execution, “bound metadata” removed”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Return)
        value = node.value
        if value is None or not isinstance(value, ast.Name | ast.Call):
            return
        fact = ctx.fact(value)
        if fact.kind is not Kind.RESULT:
            return
        home = home_of(ctx)
        if not isinstance(home, ast.FunctionDef | ast.AsyncFunctionDef):
            return
        lines = self._with_spans(home, ctx)
        if not lines:
            return
        at = node.lineno
        if isinstance(value, ast.Name):
            for n in own_walk(home):
                if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == value.id for t in n.targets):
                    at = n.lineno
        if not any(start <= at <= end for start, end in lines):
            return
        ctx.report(
            self,
            node,
            "result returned after its `with` block closes the connection: materialise it first (`.all()`, `.freeze()`)",
            evidence=Evidence.STRONG if fact.strong else Evidence.WEAK,
        )

    @staticmethod
    def _with_spans(func: ast.AST, ctx: FileContext) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for n in own_walk(func):
            if not isinstance(n, ast.With | ast.AsyncWith):
                continue
            for item in n.items:
                expr = item.context_expr
                closing = False
                if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in ("connect", "begin"):
                    closing = ctx.fact(expr).kind in (Kind.CONNECTION, Kind.SESSION) or ctx.fact(expr.func.value).kind is Kind.ENGINE
                elif ctx.fact(expr).kind in (Kind.CONNECTION, Kind.SESSION):
                    closing = True
                if closing:
                    spans.append((n.lineno, n.end_lineno or n.lineno))
                    break
        return spans
