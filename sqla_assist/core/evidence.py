"""Receiver evidence: is `x` in `x.query(...)` a Session, an Engine, a Row — or something else?

Evidence is gathered per scope from assignments, `with ... as x`, `for x in ...`, parameter
annotations and defaults, and from names imported from other project modules (resolved
later, across files, by the scan's gathering pass). A variable's *name* alone is only weak
evidence; a known non-SQLAlchemy origin (`requests.Session()`, an Elasticsearch client) is
strong evidence against.
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqla_assist.core.findings import Evidence
from sqla_assist.core.imports import ImportMap

# Re-exported (`X as X`): rules import these from here; `gather` imports `kinds` alone.
from sqla_assist.core.kinds import (
    _ROW_METHODS as _ROW_METHODS,
)
from sqla_assist.core.kinds import (
    _ROWS_METHODS as _ROWS_METHODS,
)
from sqla_assist.core.kinds import (
    ALTERNATIVES as ALTERNATIVES,
)
from sqla_assist.core.kinds import CLASS_NAME
from sqla_assist.core.kinds import (
    ITERATE as ITERATE,
)
from sqla_assist.core.kinds import (
    QUERY_METHODS as QUERY_METHODS,
)
from sqla_assist.core.kinds import (
    SELECT_GENERATIVE as SELECT_GENERATIVE,
)
from sqla_assist.core.kinds import (
    SESSIONLIKE as SESSIONLIKE,
)
from sqla_assist.core.kinds import (
    Kind as Kind,
)
from sqla_assist.core.kinds import (
    method_result as method_result,
)


@dataclass(frozen=True, slots=True)
class Fact:
    """What an expression is, how sure we are, and (if it came from another module) from where."""

    kind: Kind | None
    evidence: Evidence
    via: str = ""

    @property
    def strong(self) -> bool:
        return self.kind is not None and self.evidence is Evidence.STRONG


UNKNOWN = Fact(None, Evidence.WEAK)

_CONSTRUCTORS: dict[str, Kind] = {
    "sqlalchemy.orm.Session": Kind.SESSION,
    "sqlalchemy.ext.asyncio.AsyncSession": Kind.SESSION,
    "sqlalchemy.orm.sessionmaker": Kind.SESSION_FACTORY,
    "sqlalchemy.ext.asyncio.async_sessionmaker": Kind.SESSION_FACTORY,
    "sqlalchemy.orm.scoped_session": Kind.SCOPED_SESSION,
    "sqlalchemy.ext.asyncio.async_scoped_session": Kind.SCOPED_SESSION,
    "sqlalchemy.orm.create_session": Kind.SESSION,
    "sqlalchemy.create_engine": Kind.ENGINE,
    "sqlalchemy.engine_from_config": Kind.ENGINE,
    "sqlalchemy.create_mock_engine": Kind.ENGINE,
    "sqlalchemy.ext.asyncio.create_async_engine": Kind.ENGINE,
    "sqlalchemy.MetaData": Kind.METADATA,
    "sqlalchemy.Table": Kind.TABLE,
    "sqlalchemy.table": Kind.TABLE,
    "sqlalchemy.Sequence": Kind.SCHEMA_ITEM,
    "sqlalchemy.Index": Kind.SCHEMA_ITEM,
    # A named ENUM type is created and dropped on its own (`enum.create()` needed a bound
    # MetaData in 1.x, a bind on 2.0).
    "sqlalchemy.Enum": Kind.SCHEMA_ITEM,
    "sqlalchemy.dialects.postgresql.ENUM": Kind.SCHEMA_ITEM,
    "sqlalchemy.select": Kind.SELECT,
    "sqlalchemy.union": Kind.SELECT,
    "sqlalchemy.union_all": Kind.SELECT,
    "sqlalchemy.orm.declarative_base": Kind.BASE,
    "sqlalchemy.ext.declarative.declarative_base": Kind.BASE,
    "flask_sqlalchemy.SQLAlchemy": Kind.FLASK_DB,
    # Alembic hands migration scripts the migration's Connection.
    "alembic.op.get_bind": Kind.CONNECTION,
    "alembic.context.get_bind": Kind.CONNECTION,
    # `t = op.create_table(...)` returns the Table it created (data migrations insert into it).
    "alembic.op.create_table": Kind.TABLE,
    # The Session an instance belongs to: `object_session(self).query(...)` in model methods.
    "sqlalchemy.orm.object_session": Kind.SESSION,
    "sqlalchemy.orm.session.object_session": Kind.SESSION,
    "sqlalchemy.orm.Session.object_session": Kind.SESSION,
    # oslo.db (every OpenStack service): `model_query(model, session, ...)` is
    # `session.query(model)` with soft-delete and project filters applied.
    "oslo_db.sqlalchemy.utils.model_query": Kind.QUERY,
}

# Methods whose `self.x = ...` assignments are evidence for the whole class, like `__init__`'s:
# dataclass / attrs post-init hooks and unittest / pytest set-up methods.
_INIT_LIKE = frozenset({"__init__", "__post_init__", "__attrs_post_init__", "setUp", "setup_method"})

# The `via` of string values: a literal and a built (formatted, joined, concatenated) string.
_STRINGS = frozenset({"<str>", "<fstr>"})
_TEXT_FILE = "<textfile>"  # what `open(path)` (not binary) returns
_STRS = "<strs>"  # a list or tuple of string literals
# `str` methods that return a string built from this one (`";".join(parts).replace("%", "%%")`).
_STRING_BUILDERS = frozenset({
    "format", "format_map", "join", "replace", "strip", "lstrip", "rstrip", "lower", "upper",
    # `string.Template(sql).substitute(...)` (a Template counts as the string it wraps).
    "substitute", "safe_substitute",
})

# Calls that hand back their first argument: `with closing(session_factory()) as session:`.
# Calls that return their first argument (refined): `closing(conn)`, oslo.db's
# `paginate_query(query, model, limit, sort_keys)`.
_PASSTHROUGH = frozenset({"contextlib.closing", "oslo_db.sqlalchemy.utils.paginate_query"})

_BASE_CLASSES = frozenset({"sqlalchemy.orm.DeclarativeBase", "sqlalchemy.orm.DeclarativeBaseNoMeta"})

_ANNOTATIONS: dict[str, Kind] = {
    "sqlalchemy.orm.Session": Kind.SESSION,
    "sqlalchemy.ext.asyncio.AsyncSession": Kind.SESSION,
    "sqlalchemy.orm.scoped_session": Kind.SCOPED_SESSION,
    "sqlalchemy.orm.sessionmaker": Kind.SESSION_FACTORY,
    "sqlalchemy.engine.Engine": Kind.ENGINE,
    "sqlalchemy.engine.Connection": Kind.CONNECTION,
    "sqlalchemy.ext.asyncio.AsyncEngine": Kind.ENGINE,
    "sqlalchemy.ext.asyncio.AsyncConnection": Kind.CONNECTION,
    "sqlalchemy.engine.Row": Kind.ROW,
    "sqlalchemy.engine.RowProxy": Kind.ROW,
    "sqlalchemy.engine.Result": Kind.RESULT,
    "sqlalchemy.engine.ResultProxy": Kind.RESULT,
    "sqlalchemy.engine.CursorResult": Kind.RESULT,
    "sqlalchemy.orm.Query": Kind.QUERY,
    "sqlalchemy.MetaData": Kind.METADATA,
    "sqlalchemy.Table": Kind.TABLE,
}

# The same types under the other spellings `imports.canonical` leaves them in (`from sqlalchemy
# import Row`, `from sqlalchemy.engine import ResultProxy`, `sqlalchemy.engine.cursor`).
_ANNOTATIONS.update(
    {
        "sqlalchemy.Row": Kind.ROW,
        "sqlalchemy.RowProxy": Kind.ROW,
        "sqlalchemy.LegacyRow": Kind.ROW,
        "sqlalchemy.engine.LegacyRow": Kind.ROW,
        "sqlalchemy.Result": Kind.RESULT,
        "sqlalchemy.ResultProxy": Kind.RESULT,
        "sqlalchemy.CursorResult": Kind.RESULT,
        "sqlalchemy.LegacyCursorResult": Kind.RESULT,
        "sqlalchemy.engine.LegacyCursorResult": Kind.RESULT,
        "sqlalchemy.engine.cursor.CursorResult": Kind.RESULT,
        "sqlalchemy.engine.cursor.LegacyCursorResult": Kind.RESULT,
        "sqlalchemy.engine.cursor.ResultProxy": Kind.RESULT,
    }
)


_WEAK_NAMES: dict[Kind, re.Pattern[str]] = {
    Kind.SESSION: re.compile(r"^(s|sess|session|db|dbsession|db_session|.*_session|.*_sess)$", re.I),
    Kind.CONNECTION: re.compile(r"^(conn|connection|cx|con|.*_conn|.*_connection)$", re.I),
    Kind.ENGINE: re.compile(r"^(engine|db_engine|eng|.*_engine)$", re.I),
    Kind.ROW: re.compile(r"^(row|r|record|rec|.*_row)$", re.I),
}


# Libraries whose objects have `.query`/`.execute`/`.get` methods that are not SQLAlchemy's.
_FOREIGN = frozenset(
    ["requests", "httpx", "aiohttp", "urllib3", "elasticsearch", "opensearchpy", "pymongo", "motor", "redis", "boto3", "botocore", "pandas", "numpy", "psycopg2", "psycopg", "pymysql", "MySQLdb", "mysql", "cx_Oracle", "oracledb", "pyodbc", "sqlite3", "asyncpg", "aiosqlite", "django", "peewee", "pony", "tortoise", "ldap3", "neo4j", "cassandra", "google", "azure", "influxdb", "clickhouse_driver", "clickhouse_connect", "snowflake", "duckdb", "pyspark", "graphene", "strawberry"]
)


def is_foreign_module(qual: str) -> bool:
    """True for names from libraries known not to hand out SQLAlchemy objects."""
    import sys

    top = qual.partition(".")[0]
    return top in _FOREIGN or (top in sys.stdlib_module_names and top != "typing")


# Names of variables and attributes that hold a model class: `self.user_model`, `model`,
# `blog_cls`, `entity_class`, `klass` (their `.query` is the query property).
MODEL_HOLDER = re.compile(r"^(cls|model|klass|entity|model_?cls|model_?class|\w+_model|\w+_cls|\w+_class)$", re.I)


def _model_holder(expr: ast.expr, imports: ImportMap) -> bool:
    name = terminal_name(expr)
    return name is not None and MODEL_HOLDER.match(name) is not None and imports.imports_sqlalchemy()


def weak_kind_of_name(name: str) -> Kind | None:
    for kind, pattern in _WEAK_NAMES.items():
        if pattern.match(name):
            return kind
    return None


def _text_mode(call: ast.Call) -> bool:
    """`open(path)` / `open(path, "r")`: a text file (a binary one reads bytes)."""
    mode: ast.expr | None = call.args[1] if len(call.args) > 1 else None
    for k in call.keywords:
        if k.arg == "mode":
            mode = k.value
    if mode is None:
        return True
    return isinstance(mode, ast.Constant) and isinstance(mode.value, str) and "b" not in mode.value


def enclosing_class(scope: Scope) -> str:
    """The name of the innermost class around `scope` ("" at module level)."""
    s: Scope | None = scope
    while s is not None:
        if isinstance(s.node, ast.ClassDef):
            return s.node.name
        s = s.parent
    return ""


def terminal_name(expr: ast.expr) -> str | None:
    """`self.db.session` → `session`; `sess` → `sess`."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return None


class _Pending:
    """An assignment whose fact is worked out only if someone asks for the name."""

    __slots__ = ("compute", "previous")

    def __init__(self, compute: Callable[[], Fact], previous: Fact | _Pending | None) -> None:
        self.compute = compute
        self.previous = previous


class Bindings(dict[str, Any]):
    """name → Fact, where an assignment's Fact is computed on first lookup.

    Most bindings of most scopes are never asked about; inferring each one when the scope is
    entered was a tenth of the analysis. While a pending value is computed, its own name reads
    the binding it replaced, so `q = q.filter(...)` sees the earlier `q`. An assignment whose
    value proves not to be SQLAlchemy-ish removes the name, as an eager pass would have.
    """

    def pend(self, name: str, compute: Callable[[], Fact]) -> None:
        dict.__setitem__(self, name, _Pending(compute, dict.get(self, name)))

    def _resolve(self, name: str, value: object) -> Fact | None:
        while isinstance(value, _Pending):
            previous = value.previous
            if previous is None:
                dict.pop(self, name, None)
            else:
                dict.__setitem__(self, name, previous)
            fact = value.compute()
            if fact.kind is not None or fact.via:
                dict.__setitem__(self, name, fact)
                return fact
            dict.pop(self, name, None)
            return None
        assert value is None or isinstance(value, Fact)
        return value

    def get(self, name: str, default: Fact | None = None) -> Fact | None:  # type: ignore[override]
        value = dict.get(self, name)
        if isinstance(value, _Pending):
            value = self._resolve(name, value)
        return default if value is None else value

    def __getitem__(self, name: str) -> Fact:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def items(self) -> Iterator[tuple[str, Fact]]:  # type: ignore[override]
        for name in list(dict.keys(self)):
            fact = self.get(name)
            if fact is not None:
                yield name, fact


@dataclass
class Scope:
    """Bindings of one function, class or module body."""

    name: str
    node: ast.AST
    parent: Scope | None
    bindings: Bindings = field(default_factory=Bindings)
    functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = field(default_factory=dict)

    @property
    def qualname(self) -> str:
        parts: list[str] = []
        scope: Scope | None = self
        while scope is not None and scope.parent is not None:
            parts.append(scope.name)
            scope = scope.parent
        return ".".join(reversed(parts))

    def lookup(self, name: str) -> Fact | None:
        scope: Scope | None = self
        while scope is not None:
            fact = scope.bindings.get(name)
            if fact is not None:
                return fact
            scope = scope.parent
        return None


class Inference:
    """Infers the Kind of expressions within one file."""

    def __init__(self, imports: ImportMap, module_facts: dict[str, Kind] | None = None) -> None:
        self.imports = imports
        # `self.<attr>` facts, per class: attr -> {class name ("" outside classes): fact}.
        self.self_attrs: dict[str, dict[str, Fact]] = {}
        self.module_facts = module_facts or {}
        self.builder: ScopeBuilder | None = None
        # Classes defined in this file (and the scope each was defined in): `Trade.get_trades()`
        # and `self.get_trades()` resolve to what the method returns.
        self.classes: dict[str, tuple[ast.ClassDef, Scope]] = {}
        self._method_facts: dict[tuple[int, str], Fact] = {}
        # For parameters that take their kind from this file's call sites (`passed_to`).
        self._calls: dict[str, list[tuple[ast.Call, tuple[ast.AST, ...]]]] | None = None
        self._caller_scopes: dict[int, Scope] = {}
        self._passing: set[tuple[int, str]] = set()
        # `rows = [dict(r) for r in rows]`: the `rows` a comprehension iterates is the binding
        # its own assignment replaces (id of that Name node -> the earlier binding).
        self.earlier: dict[int, object] = {}
        # The file's bytes, when known: a function whose name is spelt only by its `def` has
        # no callers here, and `passed_to` answers without indexing the file's calls.
        self.source: bytes | None = None

    def call_result(self, name: str, scope: Scope) -> Fact | None:
        """What calling a local function returns; computed on first use, then remembered."""
        s: Scope | None = scope
        key = f"{name}()"
        while s is not None:
            if key in s.bindings:
                known = s.bindings[key]
                return known if known is not UNKNOWN else None
            func = s.functions.get(name)
            if func is not None and self.builder is not None:
                s.bindings[key] = UNKNOWN  # recursion guard
                fact = self.builder.returns(func, s) or UNKNOWN
                s.bindings[key] = fact
                return fact if fact is not UNKNOWN else None
            s = s.parent
        return None

    def passed_to(
        self,
        func: ast.FunctionDef | ast.AsyncFunctionDef,
        param: str,
        module: Scope,
        cls: ast.ClassDef | None = None,
        within: ast.AST | None = None,
    ) -> Fact | None:
        """The kind every call of the module-level `func` in this file (or, for a method of
        `cls`, every `self.func(...)` in that class; for a function nested in `within`, every
        call inside that function) passes as `param` (see `ScopeBuilder._from_callers`); None
        when the callers disagree or none is strong."""
        key = (id(func), param)
        if key in self._passing:
            return None  # recursion: `f(x)` inside `g(x)` inside `f`
        if self.source is not None and self.source.count(func.name.encode()) < 2:
            return None
        self._passing.add(key)
        try:
            kinds: set[Kind] = set()
            vias: set[str] = set()
            strong = False
            if within is not None:
                calls = [(c, chain) for c, chain in self._calls_of(module).get(func.name, []) if within in chain]
            elif cls is None:
                calls = self._calls_of(module).get(func.name, [])
            else:
                calls = [(c, chain) for c, chain in self._calls_of(module).get("." + func.name, []) if cls in chain]
            for call, caller in calls:
                expr = _argument(call, func, param, bound=cls is not None)
                if expr is None:
                    continue
                fact = self.fact(expr, self._caller_scope(caller, module))
                if fact.kind is None:
                    continue
                kinds.add(fact.kind)
                strong = strong or fact.strong
                if not fact.strong:
                    vias.add(fact.via)
            if len(kinds) != 1 or Kind.OTHER in kinds:
                return None
            if strong:
                return Fact(kinds.pop(), Evidence.WEAK)
            # Every caller's value is built on the same object of another module
            # (`_shim.session.query()...`): the gathering pass settles this fact as it settles
            # theirs, and one of their chains stands for all.
            roots = {via.split("(", 1)[0] for via in vias}
            if len(roots) == 1 and "" not in roots:
                return Fact(kinds.pop(), Evidence.WEAK, min(vias))
            return None
        finally:
            self._passing.discard(key)

    def _calls_of(self, module: Scope) -> dict[str, list[tuple[ast.Call, tuple[ast.AST, ...]]]]:
        """Calls of plain names (and of `self.name` / `cls.name`, keyed `.name`) anywhere in
        the file, each with the chain of functions and classes it is in (outermost first;
        empty at module level); lambdas are left out. Built once per file, in one pass."""
        if self._calls is not None:
            return self._calls
        calls: dict[str, list[tuple[ast.Call, tuple[ast.AST, ...]]]] = {}
        defs = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        stack: list[tuple[ast.AST, tuple[ast.AST, ...]]] = [(module.node, ())]
        while stack:
            node, chain = stack.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, defs):
                    stack.append((child, (*chain, child)))
                    continue
                if isinstance(child, ast.Lambda):
                    continue
                if isinstance(child, ast.Call):
                    func = child.func
                    if isinstance(func, ast.Name):
                        calls.setdefault(func.id, []).append((child, chain))
                    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"):
                        calls.setdefault("." + func.attr, []).append((child, chain))
                stack.append((child, chain))
        self._calls = calls
        return calls

    def _caller_scope(self, chain: tuple[ast.AST, ...], module: Scope) -> Scope:
        """The scope of the innermost def in `chain`, entered (once) through its outer ones."""
        scope = module
        if self.builder is None:
            return scope
        for node in chain:
            found = self._caller_scopes.get(id(node))
            if found is None:
                name = getattr(node, "name", "")
                found = self.builder.enter(node, name, scope)
                self._caller_scopes[id(node)] = found
            scope = found
        return scope

    def class_call_result(self, owner: str, method: str, scope: Scope) -> Fact | None:
        """What `Cls.method()` / `self.method()` / `cls.method()` returns, for a class of this
        file: its return annotation, else its `return`s. Remembered per class and method."""
        found = self._class_of(owner, scope)
        if found is None:
            return None
        located = self._method(found[0], method, 0)
        if located is None:
            return None
        func, defined_in = located
        key = (id(func), method)
        known = self._method_facts.get(key)
        if known is None:
            self._method_facts[key] = UNKNOWN  # recursion guard
            known = self.annotation(func.returns) or UNKNOWN
            if known is UNKNOWN and self.builder is not None:
                known = self.builder.returns(func, defined_in) or UNKNOWN
            self._method_facts[key] = known
        return known if known is not UNKNOWN else None

    def unpacked(self, call: ast.Call, index: int, count: int, scope: Scope) -> Fact:
        """`shares, instances = self._load_data(engine)`: item `index` of the `count`-tuple a
        local function or method of this file returns."""
        func = call.func
        located: tuple[ast.FunctionDef | ast.AsyncFunctionDef, Scope] | None = None
        if isinstance(func, ast.Name) and self.imports.qualify(func) is None:
            s: Scope | None = scope
            while s is not None and located is None:
                found = s.functions.get(func.id)
                if found is not None:
                    located = (found, s)
                s = s.parent
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            owner = self._class_of(func.value.id, scope)
            if owner is not None:
                located = self._method(owner[0], func.attr, 0)
        if located is None or self.builder is None:
            return UNKNOWN
        return self.builder.returned_item(located[0], located[1], index, count)

    def bind_self_attr(self, attr: str, fact: Fact, scope: Scope, *, prefer_strong: bool = False) -> None:
        """Record `self.<attr>` for the class whose method `scope` is (first binding wins;
        `prefer_strong`: a later strong fact replaces a weak one)."""
        per_class = self.self_attrs.setdefault(attr, {})
        owner = enclosing_class(scope)
        known = per_class.setdefault(owner, fact)
        if prefer_strong and not known.strong and fact.strong and fact.kind is not Kind.OTHER:
            per_class[owner] = fact

    def self_attr(self, attr: str, scope: Scope) -> Fact | None:
        """`self.<attr>` as bound by this class or a base class defined in this file.

        Another class's binding does not count: neutron's test module sets `self.router` to a
        model in one test class while another class's `router()` is a context-manager method.
        """
        per_class = self.self_attrs.get(attr)
        if not per_class:
            return None
        owner = enclosing_class(scope)
        if not owner:
            return per_class.get("") or next(iter(per_class.values()))
        seen: set[str] = set()
        pending = [owner]
        while pending:
            name = pending.pop(0)
            if name in seen or len(seen) > 16:
                continue
            seen.add(name)
            if name in per_class:
                return per_class[name]
            found = self.classes.get(name)
            if found is not None:
                pending.extend(b.id for b in found[0].bases if isinstance(b, ast.Name))
        return None

    def _class_of(self, owner: str, scope: Scope) -> tuple[ast.ClassDef, Scope] | None:
        if owner in ("self", "cls"):
            s: Scope | None = scope
            while s is not None:
                if isinstance(s.node, ast.ClassDef):
                    return self.classes.get(s.node.name)
                s = s.parent
            return None
        found = self.classes.get(owner)
        if found is None or scope.lookup(owner) is not found[1].bindings.get(owner):
            return None  # a variable that shadows the class name
        s = scope
        while s is not None and s is not found[1]:
            node = s.node
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and any(
                a.arg == owner for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)
            ):
                return None  # a parameter that shadows the class name
            s = s.parent
        return found

    def _method(
        self, cls: ast.ClassDef, method: str, depth: int
    ) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef, Scope] | None:
        """The method's definition in `cls` or (through local base classes) a parent, with the
        scope the defining class was defined in."""
        for stmt in cls.body:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name == method:
                owner = self.classes.get(cls.name)
                return (stmt, owner[1]) if owner is not None else None
        if depth < 4:
            for base in cls.bases:
                parent = self.classes.get(base.id) if isinstance(base, ast.Name) else None
                if parent is not None and parent[0] is not cls:
                    found = self._method(parent[0], method, depth + 1)
                    if found is not None:
                        return found
        return None

    def method_exports(self, module_scope: Scope) -> dict[str, Fact]:
        """`Trade.get_trades()` → Query for module-level classes' methods whose return annotation
        names a SQLAlchemy type (annotations only: no body is walked for other modules)."""
        out: dict[str, Fact] = {}
        for name, (cls, defined_in) in self.classes.items():
            if defined_in is not module_scope:
                continue
            for stmt in cls.body:
                if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.returns is not None:
                    fact = self.annotation(stmt.returns)
                    if fact is not None:
                        out[f"{name}.{stmt.name}()"] = fact
        return out

    # -- expressions -------------------------------------------------------------------
    def fact(self, expr: ast.expr, scope: Scope) -> Fact:
        if isinstance(expr, ast.Name):
            bound = self._earlier(expr) if self.earlier else None
            if bound is None:
                bound = scope.lookup(expr.id)
            if bound is not None:
                if bound.kind is None and bound.via:
                    # Resolved across files later; meanwhile the name is a weak hint.
                    return Fact(weak_kind_of_name(expr.id), Evidence.WEAK, bound.via)
                return bound
            qual = self.imports.names.get(expr.id)
            if qual is not None and not qual.startswith("sqlalchemy"):
                if is_foreign_module(qual):
                    return Fact(Kind.OTHER, Evidence.STRONG)
                return Fact(weak_kind_of_name(expr.id), Evidence.WEAK, via=qual)
            return self._weak_by_name(expr.id)
        if isinstance(expr, ast.Attribute):
            return self._attribute(expr, scope)
        if isinstance(expr, ast.Call):
            return self._call(expr, scope)
        if isinstance(expr, ast.Await):
            return self.fact(expr.value, scope)
        if isinstance(expr, ast.List | ast.Tuple) and expr.elts and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in expr.elts
        ):
            # A list of SQL strings a loop runs one by one (`for sql in [...]: s.execute(sql)`).
            return Fact(Kind.SEQUENCE, Evidence.STRONG, via=_STRS)
        if isinstance(expr, ast.List | ast.Tuple | ast.ListComp):
            return Fact(Kind.SEQUENCE, Evidence.STRONG)
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return Fact(Kind.OTHER, Evidence.STRONG, via="<str>")
        if isinstance(expr, ast.JoinedStr):
            return Fact(Kind.OTHER, Evidence.STRONG, via="<fstr>")
        if isinstance(expr, ast.BinOp | ast.Subscript):
            return self._operation(expr, scope)
        return UNKNOWN

    def _earlier(self, expr: ast.Name) -> Fact | None:
        previous = self.earlier.get(id(expr))
        if isinstance(previous, _Pending):
            previous = previous.compute()
            self.earlier[id(expr)] = previous
        if isinstance(previous, Fact) and (previous.kind is not None or previous.via):
            return previous
        return None

    def _operation(self, expr: ast.BinOp | ast.Subscript, scope: Scope) -> Fact:
        """`"... {}".format(x)`'s kin `"... %s" % x` / `"a" + b` build a string (SQL a 1.x
        `execute()` took as is); `metadata.tables["users"]` is a Table."""
        if isinstance(expr, ast.BinOp):
            if isinstance(expr.op, ast.Mod | ast.Add) and self.fact(expr.left, scope).via in _STRINGS:
                return Fact(Kind.OTHER, Evidence.STRONG, via="<fstr>")
            return UNKNOWN
        tables = expr.value
        if isinstance(tables, ast.Attribute) and tables.attr == "tables":
            owner = self.fact(tables.value, scope)
            if owner.kind is Kind.METADATA:
                return Fact(Kind.TABLE, owner.evidence)
        key = expr.slice
        if isinstance(key, ast.UnaryOp) and isinstance(key.op, ast.USub):
            key = key.operand  # rows[-1]
        if isinstance(key, ast.Constant) and isinstance(key.value, int) and not isinstance(key.value, bool):
            # `rows[0]` of `conn.execute(...).fetchall()`: one row.
            rows = self.fact(tables, scope)
            if rows.kind is Kind.ROWS:
                return Fact(Kind.ROW, rows.evidence, f"{rows.via}.{ITERATE}()" if rows.via else "")
            return UNKNOWN
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.isidentifier():
            # `context["connection"]` (CKAN hands its Connection around in a dict): the key
            # is a name like a variable's, and as weak a hint.
            return self._weak_by_name(key.value)
        return UNKNOWN

    def _weak_by_name(self, name: str) -> Fact:
        kind = weak_kind_of_name(name)
        return Fact(kind, Evidence.WEAK) if kind else UNKNOWN

    def _attribute(self, expr: ast.Attribute, scope: Scope) -> Fact:
        base_is_self = isinstance(expr.value, ast.Name) and expr.value.id in ("self", "cls")
        if base_is_self:
            known = self.self_attr(expr.attr, scope)
            if known is not None:
                return known
            if expr.attr == "query" and _model_holder(expr.value, self.imports):
                # `cls.query` in a model's classmethod: the query property.
                return Fact(Kind.QUERY, Evidence.WEAK)
            return self._weak_by_name(expr.attr)
        base = self.fact(expr.value, scope)
        if expr.attr == "query" and base.kind in (None, Kind.MODEL) and _model_holder(expr.value, self.imports):
            # `self.user_model.query`: the query property of a model class held in a variable.
            return Fact(Kind.QUERY, Evidence.WEAK)
        if expr.attr == "query" and base.kind is Kind.MODEL:
            # `Proposal.query` (Flask-SQLAlchemy's query property, or `query_property()`): weak,
            # as a model may also map a column named `query`.
            return Fact(Kind.QUERY, Evidence.WEAK, base.via)
        if base.kind is Kind.FLASK_DB and expr.attr == "session":
            return Fact(Kind.SCOPED_SESSION, base.evidence, base.via)
        if base.kind in SESSIONLIKE and expr.attr == "bind":
            return Fact(Kind.ENGINE, base.evidence, base.via)
        if base.kind is Kind.METADATA and expr.attr == "bind":
            return Fact(Kind.ENGINE, base.evidence, base.via)
        # An attribute of something in another module (`model.Session` with `from ckan import
        # model`) is resolved across files later; meanwhile its name is a weak hint, as for an
        # imported name.
        if base.kind is None and base.via and not base.via.startswith("sqlalchemy"):
            return Fact(weak_kind_of_name(expr.attr), Evidence.WEAK, via=f"{base.via}.{expr.attr}")
        qual = self.imports.qualify(expr)
        if qual is not None and not qual.startswith("sqlalchemy") and "." in qual:
            if is_foreign_module(qual):
                return Fact(Kind.OTHER, Evidence.STRONG)
            return Fact(weak_kind_of_name(expr.attr), Evidence.WEAK, via=qual)
        return self._weak_by_name(expr.attr)

    def _call(self, expr: ast.Call, scope: Scope) -> Fact:
        func = expr.func
        qual = self.imports.qualify(func)
        if qual is not None:
            kind = _CONSTRUCTORS.get(qual)
            if kind is not None:
                return Fact(kind, Evidence.STRONG)
            if qual in _PASSTHROUGH and expr.args:
                return self.fact(expr.args[0], scope)
            if qual == "string.Template":
                return Fact(Kind.OTHER, Evidence.STRONG, via="<str>")
            if not qual.startswith(("sqlalchemy", "flask_sqlalchemy")):
                if is_foreign_module(qual):
                    return Fact(Kind.OTHER, Evidence.STRONG)
                # A call into another project module: resolved by the gathering pass;
                # meanwhile the function's name is a weak hint (`db.get_write_engine()`).
                return Fact(weak_kind_of_name(qual.rpartition(".")[2]), Evidence.WEAK, via=f"{qual}()")
        if (
            isinstance(func, ast.Attribute) and func.attr == "query" and qual is None
            and any(isinstance(a, ast.Constant) for a in expr.args)
            and not self.fact(func.value, scope).strong
        ):
            # `repo.query("name 2")`: `Session.query()` never takes a plain string, number or
            # None, so this is some other object's `query()` and its result no Query.
            return Fact(Kind.OTHER, Evidence.WEAK)
        if isinstance(func, ast.Name) and qual is None:
            returned = self.call_result(func.id, scope)
            if returned is not None:
                return returned
            if func.id == "open" and _text_mode(expr) and scope.lookup("open") is None:
                return Fact(Kind.OTHER, Evidence.STRONG, via=_TEXT_FILE)
        if isinstance(func, ast.Attribute) and (
            func.attr == "read_text" or (func.attr == "read" and self.fact(func.value, scope).via == _TEXT_FILE)
        ):
            # `schema = f.read()` of a text file, `Path(p).read_text()`: SQL loaded from a file
            # (kinto's schema.sql) is a plain string like a literal.
            return Fact(Kind.OTHER, Evidence.STRONG, via="<str>")
        if isinstance(func, ast.Attribute) and qual is None and isinstance(func.value, ast.Name):
            returned = self.class_call_result(func.value.id, func.attr, scope)
            if returned is not None:
                return returned
        if isinstance(func, ast.Name | ast.Attribute | ast.Call) and qual is None:
            # (A call's result called: `sessionmaker(bind=e)()`, zope.sqlalchemy's tests.)
            callee = self.fact(func, scope)
            if callee.kind in (Kind.SESSION_FACTORY, Kind.SCOPED_SESSION):
                return Fact(Kind.SESSION, callee.evidence, callee.via)
            if callee.via and callee.kind is None:
                return Fact(None, Evidence.WEAK, via=f"{callee.via}()")
        if (
            isinstance(func, ast.Attribute) and func.attr in _STRING_BUILDERS
            and self.fact(func.value, scope).via in _STRINGS
        ):
            return Fact(Kind.OTHER, Evidence.STRONG, via="<fstr>")
        if isinstance(func, ast.Attribute) and func.attr == "execute" and expr.args:
            executed = self.executed_statement(func.value, expr.args[0], scope)
            if executed is not None:
                return executed
        if isinstance(func, ast.Attribute) and func.attr in _TUPLE_TERMINALS and _tuple_query(func.value):
            # `session.query(Log).with_entities(*cols).one()`, `query(A.id, A.name).first()`:
            # a Query of columns gives Rows, not objects.
            recv = self.fact(func.value, scope)
            if recv.kind is Kind.QUERY:
                return Fact(_TUPLE_TERMINALS[func.attr], recv.evidence, "")
        if isinstance(func, ast.Attribute):
            recv = self.fact(func.value, scope)
            derived = method_result(recv.kind, func.attr)
            if derived is not None:
                via = f"{recv.via}.{func.attr}()" if recv.via else ""
                return Fact(derived, recv.evidence, via)
        if qual is not None and qual.startswith("sqlalchemy"):
            return UNKNOWN
        if qual is not None:
            return Fact(Kind.OTHER, Evidence.STRONG)
        return UNKNOWN

    def rows_of(self, iterable: ast.expr, scope: Scope) -> Fact:
        """Kind of the loop variable when iterating `iterable`."""
        src = self.fact(iterable, scope)
        if src.via == _STRS:
            return Fact(Kind.OTHER, Evidence.STRONG, via="<str>")
        if src.kind in (Kind.RESULT, Kind.ROWS):
            # Keep the origin, one step further, for the gathering pass to follow.
            return Fact(Kind.ROW, src.evidence, f"{src.via}.{ITERATE}()" if src.via else "")
        if src.kind is Kind.QUERY and _tuple_query(iterable):
            return Fact(Kind.ROW, src.evidence, "")  # `for info in session.query(A.id, A.uri)`
        if src.kind is None and src.via.endswith("()"):
            # `for row in store.load(db)`: what a function of another module returns is settled
            # by the gathering pass; keep the origin so it can.
            return Fact(None, Evidence.WEAK, f"{src.via}.{ITERATE}()")
        return UNKNOWN

    def annotation(self, ann: ast.expr | None) -> Fact | None:
        if ann is None:
            return None
        if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
            try:
                ann = ast.parse(ann.value, mode="eval").body
            except SyntaxError:
                return None
        if isinstance(ann, ast.Subscript):
            qual = self.imports.qualify(ann.value)
            if qual in ("typing.Optional", "typing.Union"):
                return self.annotation(ann.slice)
            if qual == "typing.Type" or (isinstance(ann.value, ast.Name) and ann.value.id == "type" and qual is None):
                # `Base: type[DeclarativeBase]` (a pytest fixture handing out the base class).
                if self.imports.qualify(ann.slice) in _BASE_CLASSES:
                    return Fact(Kind.BASE, Evidence.STRONG)
                return None
            if qual == "typing.Annotated":
                return self.annotation(ann.value)
            # `Query[User]`, `Result[Any]`: a parametrised SQLAlchemy type is still that type.
            kind = _ANNOTATIONS.get(qual) if qual is not None else None
            return Fact(kind, Evidence.STRONG) if kind else None
        if isinstance(ann, ast.BinOp) and isinstance(ann.op, ast.BitOr):
            return self.annotation(ann.left) or self.annotation(ann.right)
        qual = self.imports.qualify(ann)
        if qual is None:
            return None
        kind = _ANNOTATIONS.get(qual)
        return Fact(kind, Evidence.STRONG) if kind else None

    def executed_statement(self, recv: ast.expr, statement: ast.expr, scope: Scope) -> Fact | None:
        """`db.execute(table.select())` is a SQLAlchemy result even when `db` is only *named*
        like a session, provided `db` is an unannotated parameter the function never rebinds.

        No other library's `execute` accepts a SQLAlchemy statement (sqlite3 and DB-API cursors
        raise on it), so the statement proves the receiver. A receiver bound in the body, an
        attribute, a global or an import could be a project wrapper that returns something
        else, so those keep the evidence they had.
        """
        if not isinstance(recv, ast.Name):
            return None
        known = self.fact(recv, scope)
        if known.kind not in _EXECUTORS or known.strong or known.via:
            return None  # strong receivers are handled by `method_result`; others stay as they are
        if not self._sqlalchemy_statement(statement, scope) or not _plain_parameter(recv.id, scope):
            return None
        return Fact(Kind.RESULT, Evidence.STRONG)

    def _sqlalchemy_statement(self, statement: ast.expr, scope: Scope) -> bool:
        """A Core `select()`, `table.select()` (and their generative chains) or `text()`."""
        node = statement
        while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _TEXT_METHODS:
            node = node.func.value
        if isinstance(node, ast.Call) and self.imports.qualify(node.func) == "sqlalchemy.text":
            return True
        fact = self.fact(statement, scope)
        return fact.kind is Kind.SELECT and fact.strong


_EXECUTORS = frozenset({Kind.SESSION, Kind.SCOPED_SESSION, Kind.CONNECTION, Kind.ENGINE})
_TEXT_METHODS = frozenset({"bindparams", "columns", "execution_options"})


def enumerated(target: ast.expr, iterated: ast.expr) -> tuple[ast.expr, ast.expr]:
    """`for i, row in enumerate(result)`: the loop variable that holds the rows, and what it
    iterates (`row`, `result`); any other loop unchanged."""
    if (
        isinstance(iterated, ast.Call)
        and isinstance(iterated.func, ast.Name)
        and iterated.func.id == "enumerate"
        and iterated.args
        and isinstance(target, ast.Tuple)
        and len(target.elts) == 2
    ):
        return target.elts[1], iterated.args[0]
    return target, iterated


def _vague(annotation: ast.expr) -> bool:
    """`Any` / `typing.Any` / `t.Any`: an annotation that says nothing about the kind."""
    return (isinstance(annotation, ast.Name) and annotation.id == "Any") or (
        isinstance(annotation, ast.Attribute) and annotation.attr == "Any"
    )


def _first_param(func: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    positional = [*func.args.posonlyargs, *func.args.args]
    return positional[0].arg if positional else None


def _decorator_named(decorator: ast.expr, name: str) -> bool:
    return (isinstance(decorator, ast.Name) and decorator.id == name) or (
        isinstance(decorator, ast.Attribute) and decorator.attr == name
    )


def _argument(
    call: ast.Call, func: ast.FunctionDef | ast.AsyncFunctionDef, param: str, *, bound: bool = False
) -> ast.expr | None:
    """The expression `call` passes as `func`'s parameter `param`, when it can be told
    (`bound`: a method called on `self`/`cls`, whose first parameter the call does not pass)."""
    for kw in call.keywords:
        if kw.arg == param:
            return kw.value
    args = func.args
    positional = [a.arg for a in (*args.posonlyargs, *args.args)][1 if bound else 0 :]
    if param not in positional:
        return None
    index = positional.index(param)
    for i, arg in enumerate(call.args):
        if isinstance(arg, ast.Starred):
            return None
        if i == index:
            return arg
    return None


def _plain_parameter(name: str, scope: Scope) -> bool:
    """True when `name`, seen from `scope`, is an unannotated parameter of the enclosing
    function that nothing in that function (or a comprehension on the way) rebinds."""
    s: Scope | None = scope
    while s is not None:
        node = s.node
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            if any(_stores(gen.target, name) for gen in node.generators):
                return False
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            args = node.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
            match = [a for a in params if a.arg == name]
            if match:
                return match[0].annotation is None and not any(
                    isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store | ast.Del)
                    for n in own_nodes(node)
                )
            if any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) for n in own_nodes(node)):
                return False  # a local of this function, not a parameter of an outer one
        else:
            return False  # a class body or the module: a global, which anything may rebind
        s = s.parent
    return False


def _stores(target: ast.expr, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target))


def own_nodes(func: ast.AST) -> list[ast.AST]:
    """Nodes of a function body, not descending into nested functions or classes."""
    out: list[ast.AST] = []
    stack = list(ast.iter_child_nodes(func))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        out.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return out


_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def sub_blocks(node: ast.AST) -> Iterator[list[ast.AST]]:
    """The statement lists nested directly in `node`; an except handler or a match case is a
    container of its own `body`. Searches that only care about statements walk these instead
    of every expression node."""
    for name in _BLOCKS:
        block = getattr(node, name, None)
        if isinstance(block, list):
            yield block


def _returned(body: list[ast.stmt]) -> list[ast.expr]:
    """Values of `return x` and `yield x` statements of a body, not of nested defs.

    Returns and yields are statements (`yield` as an expression statement), so a search of
    the statement blocks finds them all.
    """
    out: list[ast.expr] = []
    stack: list[ast.AST] = list(reversed(body))
    while stack:
        stmt = stack.pop()
        if isinstance(stmt, ast.Return):
            if stmt.value is not None:
                out.append(stmt.value)
        elif isinstance(stmt, ast.Expr):
            if isinstance(stmt.value, ast.Yield) and stmt.value.value is not None:
                out.append(stmt.value.value)
        elif not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            for block in sub_blocks(stmt):
                stack.extend(reversed(block))
    return out


class ScopeBuilder:
    """Collects a scope's bindings before its body is visited, so order of use does not matter."""

    def __init__(self, inference: Inference) -> None:
        self.inf = inference
        inference.builder = self
        self._bodies: dict[int, Scope] = {}  # functions entered to read a returned tuple

    def enter(self, node: ast.AST, name: str, parent: Scope | None) -> Scope:
        scope = Scope(name=name, node=node, parent=parent)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            self._params(node, scope)
        body = getattr(node, "body", [])
        if isinstance(body, list):
            for stmt in body:
                self._stmt(stmt, scope)
        return scope

    def _params(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, scope: Scope) -> None:
        args = node.args
        positional = [*args.posonlyargs, *args.args]
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        pairs = list(zip(positional, defaults, strict=True)) + list(
            zip(args.kwonlyargs, args.kw_defaults, strict=True)
        )
        listener = _listener_connection(node, self.inf.imports) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else None
        for index, (arg, default) in enumerate(pairs):
            if index == listener:
                # `@event.listens_for(Table, "after_create") def f(target, connection, **kw)`.
                scope.bindings[arg.arg] = Fact(Kind.CONNECTION, Evidence.STRONG)
                continue
            fact = self.inf.annotation(arg.annotation)
            if fact is None and default is not None and not isinstance(default, ast.Constant):
                guessed = self.inf.fact(default, scope)
                fact = guessed if guessed.kind else None
            if fact is None:
                kind = weak_kind_of_name(arg.arg)
                fact = Fact(kind, Evidence.WEAK) if kind else None
            if fact is not None:
                scope.bindings[arg.arg] = fact
            elif arg.annotation is None or _vague(arg.annotation):
                self._from_callers(node, arg.arg, scope)

    def _from_callers(self, func: ast.AST, param: str, scope: Scope) -> None:
        """`def paginate(query, n): query.count()` called in this module as `paginate(q, 10)`
        with `q` a Query: the parameter holds a Query too (RULES.md SQ109's helper functions).

        Only module-level functions, asked lazily; every call site in the module that passes
        something known must agree on its kind and one must be strong. The result stays weak
        evidence (another module may call the helper with something else), so it adds findings
        but never an automatic fix.
        """
        owner = scope.parent
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef) or owner is None:
            return
        within: ast.AST | None = None
        if isinstance(owner.node, ast.FunctionDef | ast.AsyncFunctionDef):
            # A function nested in another (geoalchemy2's `dispatch(event, table, bind)`
            # inside `_setup_ddl_event_listeners`): called by its siblings, by name.
            within = owner.node
            while owner is not None and not isinstance(owner.node, ast.Module):
                owner = owner.parent
            if owner is None:
                return
        if isinstance(owner.node, ast.Module):
            module, cls = owner, None
        elif isinstance(owner.node, ast.ClassDef) and owner.parent is not None and isinstance(owner.parent.node, ast.Module):
            # A method of a module-level class, called as `self.name(...)` in that class.
            module, cls = owner.parent, owner.node
            if param == _first_param(func) or any(_decorator_named(d, "staticmethod") for d in func.decorator_list):
                return
        else:
            return
        inf = self.inf
        scope.bindings.pend(param, lambda: inf.passed_to(func, param, module, cls, within) or UNKNOWN)

    def _bind(self, target: ast.expr, fact: Fact, scope: Scope) -> None:
        if isinstance(target, ast.Name):
            if fact.kind is not None or fact.via:
                scope.bindings[target.id] = fact
            else:
                scope.bindings.pop(target.id, None)
        elif (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "self"
            and (fact.kind is not None or fact.via)
        ):
            # `self.engine = maybe_ref(engine)` in one branch, `create_engine(url)` in the
            # other: the attribute holds an Engine on at least one path.
            self.inf.bind_self_attr(target.attr, fact, scope, prefer_strong=True)

    def _handed_back(self, value: ast.expr, name: str, scope: Scope) -> Fact:
        """`query = add_identity_filter(query, node_id)`: a function that is handed a statement
        and whose result replaces it is a query-building helper (a filter, a paginator), so the
        name keeps holding a Query or Select — weakly, since the helper is not read."""
        return _or_builder_before(self.inf.fact(value, scope), name, scope)

    def _handed_back_item(self, value: ast.Call, index: int, count: int, name: str, scope: Scope) -> Fact:
        """`q, count, pages = self.add_pagination_to_query(q, pagination)` (mealie): the name
        that went in comes back in the tuple, as for `_handed_back`."""
        return _or_builder_before(self.inf.unpacked(value, index, count, scope), name, scope)

    def _bind_later(self, target: ast.expr, compute: Callable[[], Fact], scope: Scope) -> None:
        """Bind a plain name lazily; `self.x` targets feed a file-wide table and stay eager."""
        if isinstance(target, ast.Name):
            scope.bindings.pend(target.id, compute)
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
            self._bind(target, compute(), scope)

    def _stmt(self, stmt: ast.stmt, scope: Scope) -> None:
        inf = self.inf
        if isinstance(stmt, ast.Assign):
            value = stmt.value
            for target in stmt.targets:
                if isinstance(target, ast.Name) and isinstance(value, _COMPREHENSIONS):
                    previous = dict.get(scope.bindings, target.id)
                    if previous is not None:
                        for gen in value.generators:
                            if isinstance(gen.iter, ast.Name) and gen.iter.id == target.id:
                                inf.earlier[id(gen.iter)] = previous
                if (
                    isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple)
                    and len(target.elts) == len(value.elts)
                    and not any(isinstance(e, ast.Starred) for e in (*target.elts, *value.elts))
                ):
                    # `tm1, s1, s2 = self.tm1, self.s1, self.s2`: element by element.
                    for elt, part in zip(target.elts, value.elts, strict=True):
                        self._bind_later(elt, partial(inf.fact, part, scope), scope)
                    continue
                if (
                    isinstance(target, ast.Tuple) and isinstance(value, ast.Call)
                    and all(isinstance(e, ast.Name) for e in target.elts)
                ):
                    count = len(target.elts)
                    for index, elt in enumerate(target.elts):
                        assert isinstance(elt, ast.Name)
                        if _hands_on(value, elt.id):
                            compute = partial(self._handed_back_item, value, index, count, elt.id, scope)
                            scope.bindings.pend(elt.id, compute)
                        else:
                            scope.bindings.pend(elt.id, partial(inf.unpacked, value, index, count, scope))
                    continue
                if isinstance(target, ast.Name) and _hands_on(value, target.id):
                    scope.bindings.pend(target.id, partial(self._handed_back, value, target.id, scope))
                    continue
                self._bind_later(target, partial(inf.fact, value, scope), scope)
        elif isinstance(stmt, ast.AnnAssign):
            annotated = inf.annotation(stmt.annotation)
            if annotated is not None:
                self._bind(stmt.target, annotated, scope)
            elif stmt.value is not None:
                assigned = stmt.value
                self._bind_later(stmt.target, partial(inf.fact, assigned, scope), scope)
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            for item in stmt.items:
                if item.optional_vars is not None:
                    context = item.context_expr
                    self._bind_later(item.optional_vars, partial(inf.fact, context, scope), scope)
            self._block(stmt.body, scope)
        elif isinstance(stmt, ast.For | ast.AsyncFor):
            target, iterated = enumerated(stmt.target, stmt.iter)
            self._bind_later(target, partial(inf.rows_of, iterated, scope), scope)
            self._block(stmt.body, scope)
            self._block(stmt.orelse, scope)
        elif isinstance(stmt, ast.If | ast.While):
            self._block(stmt.body, scope)
            self._block(stmt.orelse, scope)
        elif isinstance(stmt, ast.Try | ast.TryStar):
            for block in (stmt.body, stmt.orelse, stmt.finalbody):
                self._block(block, scope)
            for handler in stmt.handlers:
                self._block(handler.body, scope)
        elif isinstance(stmt, ast.Match):
            for case in stmt.cases:
                self._block(case.body, scope)
        elif isinstance(stmt, ast.ClassDef):
            self.inf.classes.setdefault(stmt.name, (stmt, scope))
            self._class_kind(stmt, scope)
        elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            if stmt.name in _INIT_LIKE:
                # `self.session = Session()` in __init__ is evidence for the whole class.
                inner = Scope(name=stmt.name, node=stmt, parent=scope)
                self._params(stmt, inner)
                self._block(stmt.body, inner)
            else:
                scope.functions[stmt.name] = stmt
                if isinstance(scope.node, ast.ClassDef) and stmt.returns is not None and _is_property(stmt):
                    # `@property def session(self) -> Session:` makes `self.session` a Session.
                    annotated = inf.annotation(stmt.returns)
                    if annotated is not None:
                        inf.bind_self_attr(stmt.name, annotated, scope)

    def returns(self, func: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope) -> Fact | None:
        """`def get_db(): return SessionLocal()` (or `yield`): calls of it give a session.
        A return annotation naming a SQLAlchemy type (`-> Query`) is taken at its word."""
        annotated = self.inf.annotation(func.returns) if func.returns is not None else None
        if annotated is not None:
            return annotated
        # `return self._engine` (a lazily created attribute, CKAN's `_get_engine()`) too.
        generator = any(isinstance(n, ast.Yield | ast.YieldFrom) for n in ast.walk(func))
        values = [
            v for v in _returned(func.body)
            if isinstance(v, ast.Call | ast.Name)
            or (isinstance(v, ast.Attribute) and isinstance(v.value, ast.Name) and v.value.id in ("self", "cls"))
            # `return "SELECT ... %s" % name`: a helper that builds SQL for `execute()`.
            or (not generator and (isinstance(v, ast.JoinedStr | ast.BinOp) or _is_str(v)))
        ]
        if not values:
            return None
        inner = Scope(name=func.name, node=func, parent=scope)
        self._params(func, inner)
        self._block(func.body, inner)
        for value in values:
            fact = self.inf.fact(value, inner)
            if (fact.kind is not None and fact.kind is not Kind.OTHER) or fact.via:
                return fact
        return None

    def returned_item(
        self, func: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope, index: int, count: int
    ) -> Fact:
        """What item `index` of the `return a, b` tuples of `func` is."""
        values = [v for v in _returned(func.body) if isinstance(v, ast.Tuple) and len(v.elts) == count]
        if not values:
            return UNKNOWN
        inner = self._bodies.get(id(func))
        if inner is None:
            inner = Scope(name=func.name, node=func, parent=scope)
            self._bodies[id(func)] = inner
            self._params(func, inner)
            self._block(func.body, inner)
        for value in values:
            fact = self.inf.fact(value.elts[index], inner)
            if (fact.kind is not None and fact.kind is not Kind.OTHER) or fact.via:
                return fact
        return UNKNOWN

    def _block(self, stmts: list[ast.stmt], scope: Scope) -> None:
        for stmt in stmts:
            self._stmt(stmt, scope)

    def _class_kind(self, cls: ast.ClassDef, scope: Scope) -> None:
        for deco in cls.decorator_list:
            # `@as_declarative()` makes the class a declarative base.
            target = deco.func if isinstance(deco, ast.Call) else deco
            deco_qual = self.inf.imports.qualify(target) or ""
            if deco_qual.startswith("sqlalchemy.") and deco_qual.endswith(".as_declarative"):
                scope.bindings[cls.name] = Fact(Kind.BASE, Evidence.STRONG)
                return
        unresolved: list[str] = []
        for base in cls.bases:
            fact = self.inf.fact(base, scope)
            if fact.kind in (Kind.BASE, Kind.MODEL):
                scope.bindings[cls.name] = Fact(Kind.MODEL, fact.evidence, fact.via)
                return
            qual = self.inf.imports.qualify(base)
            if qual in ("sqlalchemy.orm.DeclarativeBase", "sqlalchemy.orm.DeclarativeBaseNoMeta"):
                scope.bindings[cls.name] = Fact(Kind.BASE, Evidence.STRONG)
                return
            if isinstance(base, ast.Attribute) and base.attr == "Model":
                owner = self.inf.fact(base.value, scope)
                if owner.kind is Kind.FLASK_DB:
                    scope.bindings[cls.name] = Fact(Kind.MODEL, owner.evidence, owner.via)
                    return
            if fact.via:
                unresolved.append(fact.via)
        if unresolved:
            # `class Product(BaseModel, CapacityMixin)` with both imported: any of them may be the
            # mapped base, so the gathering pass tries each alternative (`a<subclass>|b<subclass>`).
            alternatives = [alt for via in unresolved for alt in via.split(ALTERNATIVES)]
            scope.bindings[cls.name] = Fact(
                None, Evidence.WEAK, via=ALTERNATIVES.join(f"{alt}<subclass>" for alt in alternatives)
            )


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)
# Statements that query-building helpers take and hand back refined.
_BUILDERS = frozenset({Kind.QUERY, Kind.SELECT})
# Builtins whose result is never the statement they are handed (`q = str(q)`).
_NOT_HELPERS = frozenset(dir(builtins))


def _or_builder_before(fact: Fact, name: str, scope: Scope) -> Fact:
    """What a helper's result is known to be, else (weakly) the Query or Select that `name`
    held before the helper was handed it (`scope.bindings.get` sees that binding while the
    new one resolves)."""
    if fact.kind not in (None, Kind.OTHER):
        return fact
    previous = scope.bindings.get(name)
    if previous is not None and previous.kind in _BUILDERS:
        return Fact(previous.kind, Evidence.WEAK, previous.via)
    return fact


def _hands_on(value: ast.expr, name: str) -> bool:
    """`name = helper(name, ...)` (or a method, `self._filters(name, ...)`): `name` goes in and
    the result comes back under the same name."""
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    if isinstance(func, ast.Name) and func.id in _NOT_HELPERS:
        return False
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == name:
        return False  # `q = q.filter(...)`: a method of the statement itself
    args = [*value.args, *(k.value for k in value.keywords)]
    return any(isinstance(a, ast.Name) and a.id == name for a in args)


# Event listeners whose arguments include a Connection, with its position: DDL events on a
# Table / MetaData (`target, connection, **kw`) and the Connection's own events.
_LISTENER_CONNECTION = {
    "before_create": 1, "after_create": 1, "before_drop": 1, "after_drop": 1,
    "engine_connect": 0, "before_execute": 0, "after_execute": 0, "before_cursor_execute": 0,
    "after_cursor_execute": 0, "begin": 0, "commit": 0, "rollback": 0,
}


def _listener_connection(func: ast.FunctionDef | ast.AsyncFunctionDef, imports: ImportMap) -> int | None:
    """Position of the Connection parameter of an `@event.listens_for(x, "after_create")` listener."""
    for decorator in func.decorator_list:
        if not (isinstance(decorator, ast.Call) and len(decorator.args) >= 2):
            continue
        if imports.qualify(decorator.func) != "sqlalchemy.event.listens_for":
            continue
        name = decorator.args[1]
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            return _LISTENER_CONNECTION.get(name.value)
    return None


_TUPLE_TERMINALS = {"one": Kind.ROW, "first": Kind.ROW, "one_or_none": Kind.ROW, "all": Kind.ROWS}
_COLUMNS_LINKS = frozenset({"with_entities", "add_columns", "add_column", "values"})
_CLASSLIKE = CLASS_NAME


def _column_arg(arg: ast.expr) -> bool:
    """`User.id`, `models.User.name`, `func.count(User.id)`: a column, not an entity."""
    if isinstance(arg, ast.Attribute) and arg.attr[:1].islower():
        owner = arg.value
        name = owner.attr if isinstance(owner, ast.Attribute) else owner.id if isinstance(owner, ast.Name) else ""
        return bool(_CLASSLIKE.match(name))
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute):
        root = arg.func.value
        return isinstance(root, ast.Name) and root.id == "func"
    return False


def _tuple_query(expr: ast.expr) -> bool:
    """Is `expr` a `.query(...)` chain that selects columns (several entities, a column, or
    `with_entities(...)` / `add_columns(...)` on the way)?"""
    node = expr
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        attr = node.func.attr
        if attr in _COLUMNS_LINKS:
            return True
        if attr == "query":
            args = [a for a in node.args if not isinstance(a, ast.Starred)]
            return len(node.args) >= 2 or any(_column_arg(a) for a in args)
        node = node.func.value
    return False


def _is_str(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and isinstance(expr.value, str)


def _is_property(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Decorated `@property` or `@cached_property` (`functools.` spelled or not)."""
    for deco in func.decorator_list:
        name = deco.attr if isinstance(deco, ast.Attribute) else deco.id if isinstance(deco, ast.Name) else ""
        if name in ("property", "cached_property"):
            return True
    return False
