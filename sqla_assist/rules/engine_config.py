"""SQ413, SQ414, SQ422–SQ424: imports, engine arguments and URLs that changed."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._engine_shapes import reads_url_text
from sqla_assist.rules._flow import ENGINE_CTORS, keyword, sa_qual


def _import_module(node: ast.AST) -> list[tuple[str, ast.AST]]:
    """(module, node) for `from M import ...` and each `import M`."""
    if isinstance(node, ast.ImportFrom):
        return [(node.module, node)] if node.module and not node.level else []
    if isinstance(node, ast.Import):
        return [(alias.name, node) for alias in node.names]
    return []


_FUTURE_REEXPORTS = frozenset({"select", "create_engine", "Engine", "Connection", "Result", "Row"})


class FutureImports(Rule):
    id = "SQ413"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_future_import")
    name = "sqlalchemy-future-import"
    title = "import from `sqlalchemy`, not `sqlalchemy.future`, after the 2.0 bump"
    fix_class = "safe"
    on_20 = "OK"
    on_21 = "OK"
    nodes = (ast.ImportFrom, ast.Import)
    tokens = (b"sqlalchemy.future",)
    what = "Flags imports from `sqlalchemy.future` and `sqlalchemy.future.orm` (the `future=True` flag is SQ203)."
    why = (
        "`sqlalchemy.future` was the 1.4 bridge to 2.0 APIs; on 2.x it only re-exports the normal "
        "names. `sqlalchemy.future.orm` never had a `Session`."
    )
    example = Example(
        before="from sqlalchemy.future import select, create_engine, Engine, Connection",
        after="from sqlalchemy import select, create_engine, Engine, Connection",
    )
    use_instead = "Import the same names from `sqlalchemy` (and `sqlalchemy.orm`)."
    fix_safety = (
        "Safe on 2.x only: on 1.4, `sqlalchemy.create_engine` without `future=True` is the legacy "
        "engine, so switch imports together with the version bump."
    )
    references = ("SQLAlchemy 2.0 migration guide, “Migration to 2.0 Step Four - Use the future flag on Engine”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        for module, where in _import_module(node):
            if module == "sqlalchemy.future" or module.startswith("sqlalchemy.future."):
                movable = (
                    isinstance(where, ast.ImportFrom)
                    and module == "sqlalchemy.future"
                    and all(a.name in _FUTURE_REEXPORTS for a in where.names)
                )
                ctx.report(
                    self, where, f"`{module}` only re-exports 2.0 names on 2.x: import from `sqlalchemy` "
                    "(after the version bump)" + ("" if movable else "; move these names by hand"),
                    fix=FixSafety.SAFE if movable else FixSafety.MANUAL,
                )


_SAFE_DROPS = {"convert_unicode", "empty_in_strategy"}
_REMOVED = ("encoding", "convert_unicode", "case_sensitive", "strategy", "empty_in_strategy")


class RemovedEngineArgs(Rule):
    id = "SQ414"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_removed_engine_arg")
    name = "create-engine-removed-args"
    title = "remove `encoding`, `convert_unicode`, `case_sensitive`, `strategy`, `empty_in_strategy` from `create_engine()`"
    fix_class = "safe/manual"
    on_20 = "ERROR/DEPRECATED"
    on_21 = "ERROR/DEPRECATED"
    nodes = (ast.Call,)
    tokens = (b"encoding", b"convert_unicode", b"case_sensitive", b"strategy")
    what = "Flags the arguments of `create_engine()` that 2.0 removed or ignores."
    why = (
        "`encoding`, `convert_unicode` and `case_sensitive` raise `TypeError: Invalid argument(s)` on "
        "2.0; `empty_in_strategy` is a deprecated no-op; `strategy=\"threadlocal\"` already failed on 1.4."
    )
    example = Example(
        before='engine = create_engine(url, encoding="utf-8", convert_unicode=True, empty_in_strategy="static")',
        after="engine = create_engine(url)",
    )
    use_instead = (
        "Delete them. A non-UTF-8 `encoding` moves to the driver (`connect_args={\"charset\": ...}`); "
        "`strategy=\"mock\"` becomes `create_mock_engine()`."
    )
    fix_safety = (
        "Safe for `convert_unicode`, `empty_in_strategy`, `encoding=\"utf-8\"` and `case_sensitive=True`; "
        "other values carry behaviour that has to be moved or given up by hand."
    )
    references = ("SQLAlchemy 1.4 API: `create_engine()` parameter deprecations",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        bad = [k for k in node.keywords if k.arg in _REMOVED]
        if not bad or sa_qual(node.func, ctx) not in ENGINE_CTORS:
            return
        for kw in bad:
            value = kw.value.value if isinstance(kw.value, ast.Constant) else None
            safe = (
                kw.arg in _SAFE_DROPS
                or (kw.arg == "encoding" and isinstance(value, str) and value.lower().replace("-", "") in ("utf8", "utf8mb4"))
                or (kw.arg == "case_sensitive" and value is True)
            )
            if safe:
                message = f"`{kw.arg}=` is gone in 2.0 and has no effect here: delete it"
            elif kw.arg == "strategy" and value == "mock":
                message = "`strategy=\"mock\"` was removed: use `create_mock_engine()`"
            else:
                message = f"`{kw.arg}=` raises on 2.0 and its value changes behaviour: move it to the driver or drop it knowingly"
            ctx.report(self, kw, message, fix=FixSafety.SAFE if safe else FixSafety.MANUAL)


_URL = ("sqlalchemy.engine.URL", "sqlalchemy.engine.url.URL", "sqlalchemy.URL")
_URL_FIELDS = frozenset({"drivername", "username", "password", "host", "port", "database", "query"})
_URL_MAKERS = ("sqlalchemy.engine.make_url", "sqlalchemy.engine.url.make_url", "sqlalchemy.make_url")


def _url_like(expr: ast.expr, ctx: FileContext) -> bool:
    """`engine.url`, `make_url(...)`, `URL.create(...)`, or a name assigned from one in this scope."""
    if isinstance(expr, ast.Attribute) and expr.attr == "url":
        return ctx.fact(expr.value).kind is Kind.ENGINE
    if isinstance(expr, ast.Call):
        qual = sa_qual(expr.func, ctx)
        return qual in _URL_MAKERS or (qual is not None and qual.endswith("URL.create"))
    if isinstance(expr, ast.Name):
        node = ctx.scope.node
        body = node.body if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef) else []
        for stmt in ast.walk(ast.Module(body=list(body), type_ignores=[])):
            if (
                isinstance(stmt, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == expr.id for t in stmt.targets)
                and not isinstance(stmt.value, ast.Name)
            ):
                return _url_like(stmt.value, ctx)
    return False


class UrlApi(Rule):
    id = "SQ422"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_url_create")
    name = "url-api"
    title = "`URL.create()` instead of `URL(...)`, `url.set()` instead of mutation, and `str(url)` hides the password"
    fix_class = "safe/typed"
    on_20 = "ERROR/SILENT"
    on_21 = "ERROR/SILENT"
    nodes = (ast.Call, ast.Assign)
    tokens = (b"URL", b"url")
    local_tokens = False  # the evidence is in other statements
    what = "Flags `URL(...)` construction, assignments to URL fields (`url.database = ...`) and `str(engine.url)` / `str(url)`."
    why = (
        "The URL object is immutable since 1.4: `URL(...)` raises `TypeError` and attribute assignment "
        "fails. Since 2.0 `str(url)` renders the password as `***`, so connecting with that string "
        "fails authentication, silently until runtime."
    )
    example = Example(
        before='url = URL("postgresql", username="u", password="p", host="h", database="d")\nurl.database = "other"',
        after='url = URL.create("postgresql", username="u", password="p", host="h", database="d")\nurl = url.set(database="other")',
    )
    use_instead = (
        "`URL.create(...)`, `url = url.set(field=...)`, and pass the URL object itself (or "
        "`url.render_as_string(hide_password=False)`) where a string was built."
    )
    fix_safety = "Safe for `URL(...)` and field assignment; `str(url)` is typed: only wrong when the string is used to connect."
    references = (
        "SQLAlchemy 1.4 migration notes, “The URL object is now immutable”",
        "SQLAlchemy 2.0 what's new, “str(engine.url) will obfuscate the password by default”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in _URL_FIELDS and _url_like(target.value, ctx):
                    ctx.report(
                        self, node, f"URL objects are immutable: `url = url.set({target.attr}=...)` instead of assigning "
                        "(by hand: other references to the same URL did see the change)",
                    )
            return
        assert isinstance(node, ast.Call)
        func = node.func
        if isinstance(func, ast.Name) and func.id == "str":
            if len(node.args) == 1 and _url_like(node.args[0], ctx):
                ctx.report(
                    self, node,
                    "`str(url)` masks the password as `***` on 2.x: pass the URL object or use "
                    "`render_as_string(hide_password=False)`",
                    evidence=Evidence.STRONG,
                )
            return
        if isinstance(func, ast.Name | ast.Attribute) and (node.args or node.keywords) and sa_qual(func, ctx) in _URL:
            ctx.report(self, node, "`URL(...)` cannot be constructed directly since 1.4: use `URL.create(...)`", fix=FixSafety.SAFE)


class DatabasesPackage(Rule):
    id = "SQ423"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_databases_import")
    name = "sqlalchemy-databases-import"
    title = "import dialects from `sqlalchemy.dialects`, not `sqlalchemy.databases`"
    fix_class = "safe"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.ImportFrom, ast.Import)
    tokens = (b"sqlalchemy.databases",)
    what = "Flags imports from the `sqlalchemy.databases` package."
    why = "The alias package was deprecated in 1.4 and removed in 2.0 (`ModuleNotFoundError`)."
    example = Example(before="from sqlalchemy.databases import postgres", after="from sqlalchemy.dialects import postgresql")
    use_instead = "`sqlalchemy.dialects.<name>`; `postgres` is `postgresql`."
    fix_safety = "Safe: the same dialect modules (rename `postgres` to `postgresql`)."
    references = ("SQLAlchemy 1.4 source: `sqlalchemy/databases/__init__.py` 2.0 deprecation",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        for module, where in _import_module(node):
            if module == "sqlalchemy.databases" or module.startswith("sqlalchemy.databases."):
                ctx.report(
                    self, where, f"`{module}` was removed in 2.0: import from `sqlalchemy.dialects`",
                    fix=FixSafety.SAFE if isinstance(where, ast.ImportFrom) else FixSafety.MANUAL,
                )


_SCHEMES = {"postgresql": "psycopg2", "postgres": "", "oracle": "cx_oracle"}


def _url_text(expr: ast.expr, ctx: FileContext) -> str | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.JoinedStr) and expr.values:
        first = expr.values[0]
        return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
    if isinstance(expr, ast.Name):
        for stmt in ctx.tree.body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == expr.id for t in stmt.targets):
                value = stmt.value
                if isinstance(value, ast.Constant | ast.JoinedStr):
                    return _url_text(value, ctx)
    return None


class DefaultDrivers21(Rule):
    id = "SQ424"
    fixer = LazyFixer("sqla_assist.rules._fix_engine:fix_pin_driver")
    name = "default-driver-21"
    title = "name the driver in `postgresql://` / `oracle://` URLs: 2.1 switches the defaults"
    fix_class = "safe"
    on_20 = "OK"
    on_21 = "CHANGED"
    nodes = (ast.Call,)
    tokens = (b"postgres", b"oracle")
    what = (
        "Flags `postgresql://`, `postgres://` and `oracle://` URLs without a `+driver` passed to "
        "`create_engine()`, `create_async_engine()`, `make_url()` or `URL.create()` (literals, "
        "f-strings and module-level constants)."
    )
    why = (
        "2.1 picks psycopg 3 for `postgresql://` (2.0: psycopg2) and python-oracledb for `oracle://` "
        "(2.0: cx_Oracle): an environment with only the old driver fails to connect. `postgres://` "
        "is not a valid scheme on any version."
    )
    example = Example(
        before='engine = create_engine("postgresql://u:p@h/db")',
        after='engine = create_engine("postgresql+psycopg2://u:p@h/db")',
    )
    use_instead = "Name the installed driver: `postgresql+psycopg2://`, `postgresql+psycopg://`, `oracle+cx_oracle://`, `oracle+oracledb://`."
    fix_safety = "Safe once the installed driver is known: pinning it gives identical behaviour on 2.0 and 2.1."
    references = (
        "SQLAlchemy 2.1 migration notes, “Default PostgreSQL driver changed to psycopg (psycopg 3)”",
        "SQLAlchemy 2.1 migration notes, “Default Oracle driver changed to python-oracledb”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        arg = node.args[0] if node.args else None
        if arg is None:
            kw = keyword(node, "url")
            arg = kw.value if kw is not None else None
        if arg is None:
            return
        qual = sa_qual(node.func, ctx)
        if qual is None:
            return
        if qual.endswith("URL.create"):
            scheme = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
        elif qual in ENGINE_CTORS - {"sqlalchemy.engine_from_config"} or qual in _URL_MAKERS:
            text = _url_text(arg, ctx)
            scheme = text.partition("://")[0] if text and "://" in text else None
        else:
            return
        if scheme not in _SCHEMES:
            return
        if scheme == "postgres":
            message = "`postgres://` is not a valid scheme (NoSuchModuleError on every version): use `postgresql+psycopg2://`"
        else:
            message = (
                f"`{scheme}://` defaults to a different driver on 2.1 (was `{_SCHEMES[scheme]}`): "
                f"write `{scheme}+<driver>://` for the driver you install"
            )
        # Pinning the 2.0 default keeps the driver the code ran with; only a literal is rewritten.
        exact = (
            scheme != "postgres"
            and isinstance(arg, ast.Constant)
            and qual != "sqlalchemy.ext.asyncio.create_async_engine"
        )
        if exact:
            message += f" (the fix pins `{scheme}+{_SCHEMES[scheme]}`, the driver 1.x/2.0 used)"
        fix = FixSafety.SAFE if exact else FixSafety.MANUAL
        if exact and reads_url_text(ctx.text):
            fix = FixSafety.UNSAFE  # the file reads the URL's drivername or renders it
        ctx.report(self, arg, message, fix=fix)
