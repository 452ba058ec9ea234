"""SQ201, SQ202, SQ203, SQ209, SQ219: how a Session / sessionmaker / Engine is configured."""

from __future__ import annotations

import ast
import re
from dataclasses import replace

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Kind, is_foreign_module, terminal_name
from sqla_assist.core.findings import Evidence, FixSafety, RawFinding
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.gather import PROJECT, ProjectFacts
from sqla_assist.core.imports import absolutize
from sqla_assist.core.rule import Example, Rule
from sqla_assist.core.session_wrappers import (
    AUTOCOMMIT_EXPORT,
    module_wrappers,
    parameter_defaults,
)
from sqla_assist.rules import _sessbind_shapes as sessbind
from sqla_assist.rules._flow import (
    ENGINE_CTORS,
    file_memo,
    is_const,
    keyword,
    sa_qual,
    session_ctor,
)

_MIGRATION_20 = "SQLAlchemy 2.0 migration guide"


# 1.x's `create_session()` defaulted to `autocommit=True` (2.0 keeps the function, not the mode).
_CREATE_SESSION = frozenset({"sqlalchemy.orm.create_session", "sqlalchemy.orm.session.create_session"})


# Session factory wrappers that pass `autocommit=` on to `sessionmaker` (oslo.db's EngineFacade).
_FACTORY_WRAPPERS = frozenset({"get_session", "make_session", "new_session", "open_session", "get_db_session"})


class SessionAutocommitTrue(Rule):
    id = "SQ201"
    name = "session-autocommit-true"
    title = "`autocommit=True` on `Session` / `sessionmaker` is gone: demarcate transactions explicitly"
    fix_class = "manual"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call, ast.Assign, ast.FunctionDef, ast.AsyncFunctionDef, ast.Attribute)
    tokens = (b"autocommit", b"create_session", b"_session(")
    local_tokens = False  # `session = get_session()` of a wrapper that defaults `autocommit=True`
    what = (
        "Flags `Session(autocommit=True)`, `sessionmaker(autocommit=True)` and "
        "`scoped_session(..., autocommit=True)`; a non-literal value is flagged with weak evidence. "
        "Also `create_session(...)` without `autocommit=False`: 1.x made it an autocommit session. "
        "And, weakly, `autocommit=` given to a session factory wrapper (`get_session`, oslo.db's "
        "`EngineFacade.get_session`), and each plain call of a function of the same module that "
        "defaults `autocommit=True` and hands it on (`def get_session(autocommit=True)`). oslo.db's "
        "legacy `EngineFacade(autocommit=True)` (and `.from_config`) and enginefacade's "
        "`__autocommit` option ask for the same mode. Reading `session.autocommit` is flagged too: "
        "the attribute is gone."
    )
    why = (
        "2.0 removed the Session's autocommit mode (`ArgumentError: autocommit=True is no longer "
        "supported`). In that mode every flush and DML statement outside `begin()` committed on "
        "its own; a 2.0 Session autobegins and keeps the transaction open until `commit()`, so "
        "writes that relied on flush-commits are rolled back at `close()`."
    )
    example = Example(
        before="Session = sessionmaker(bind=engine, autocommit=True)\nsess = Session()\nsess.add(obj)\nsess.flush()",
        after="Session = sessionmaker(bind=engine)\nwith Session() as sess:\n    with sess.begin():\n        sess.add(obj)",
    )
    use_instead = (
        "Drop the flag and give every write a commit point: `with session.begin():` blocks or "
        "`session.commit()`. Explicit `begin()` still works on a fresh session thanks to autobegin."
    )
    fix_safety = "Manual: each write site needs a commit point chosen by someone who knows the intent."
    references = (
        f"{_MIGRATION_20}, “Autocommit mode removed from Session; autobegin support added”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Assign):
            self._oslo_option(node, ctx)
            return
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            self._wrapper_default(node, ctx)
            return
        if isinstance(node, ast.Attribute):
            if node.attr == "autocommit" and isinstance(node.ctx, ast.Load):
                self._mode_read(node, ctx)
            return
        assert isinstance(node, ast.Call)
        kw = keyword(node, "autocommit")
        if kw is not None and is_const(kw.value, False):
            return
        if self._oslo_facade(node, kw, ctx):
            return
        if ctx.qualify(node.func) in _CREATE_SESSION:
            ctx.report(
                self,
                node,
                "`create_session()` gave an autocommit session in 1.x (each flush committed on its "
                "own); on 2.0 it autobegins and keeps the transaction open until `commit()`: use "
                "`Session(bind)` with explicit `commit()` / `with session.begin():`",
            )
            return
        if kw is None:
            func = node.func
            qual = ctx.qualify(func) or _module_alias(func, ctx)
            name = terminal_name(func) or ""
            local = isinstance(func, ast.Name) and qual is None and name in _autocommit_wrappers(ctx)
            imported = qual is not None and (
                _project_wrapper(node, ctx) is not None
                # `from .facade import get_session as new_session`, `get_session = facade.get_session`
                or _wrapper_name(qual.rpartition(".")[2], qual)
            )
            if local or imported:
                # glance's `session = get_session()` with `def get_session(autocommit=True, ...)`
                # handing the flag to oslo.db: every such session was an autocommit one.
                ctx.report(
                    self,
                    node,
                    f"`{name}()` gives an autocommit session (it defaults `autocommit=True`, or hands "
                    "out an autocommit facade's sessions): 2.0 has no autocommit mode, so writes through it "
                    "need explicit `commit()` / `with session.begin():`",
                    evidence=Evidence.WEAK,
                    # Another module's helper: the gathering pass keeps this only if it is one.
                    via=_WRAPPER_SETTLE + (qual or "") if imported else "",
                )
            return
        ctor = session_ctor(node, ctx)
        if ctor is None:
            wrapper = _project_wrapper(node, ctx)
            if wrapper is not None:
                # oslo.db's `facade.get_session(autocommit=True)`, a project's own
                # `get_session(autocommit=...)`: the keyword is handed to `sessionmaker`.
                ctx.report(
                    self,
                    node,
                    f"`{wrapper}(autocommit=...)`: if this reaches SQLAlchemy's `sessionmaker`, 2.0 "
                    "raises; sessions autobegin there, so the code needs explicit `commit()` / "
                    "`with session.begin():` where it relied on autocommit",
                    evidence=Evidence.WEAK,
                )
            return
        literal = isinstance(kw.value, ast.Constant)
        ctx.report(
            self,
            node,
            f"`{ctor}(autocommit=...)` raises on 2.0: remove it and add explicit `commit()` / "
            "`with session.begin():` where the code relied on flush-time commits",
            evidence=Evidence.STRONG if literal else Evidence.WEAK,
        )


    def _mode_read(self, node: ast.Attribute, ctx: FileContext) -> None:
        """`if session.autocommit:` (neutron): 2.0 sessions have no such attribute."""
        fact = ctx.fact(node.value)
        if fact.kind in (Kind.SESSION, Kind.SCOPED_SESSION):
            ctx.report(
                self,
                node,
                "`Session.autocommit` is gone on 2.0 (`AttributeError`): sessions are never in "
                "autocommit mode; test `session.in_transaction()` if the code asks whether a "
                "transaction is open",
                evidence=fact.evidence,
                via=fact.via,
            )

    def _wrapper_default(self, node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext) -> None:
        """`def get_session(autocommit=True, expire_on_commit=False)` handing the flag on: the
        default is what makes every plain call an autocommit session (tacker, octavia)."""
        if node.name not in _autocommit_wrappers(ctx) or ctx.scope.parent is not None:
            return
        default = parameter_defaults(node).get("autocommit")
        if default is not None and is_const(default, True):
            ctx.report(
                self,
                default,
                f"`{node.name}()` defaults `autocommit=True` and hands it to the session factory: "
                "2.0 has no autocommit mode; drop the parameter and give its callers' writes a "
                "transaction",
                evidence=Evidence.WEAK,
            )

    def _oslo_facade(self, node: ast.Call, kw: ast.keyword | None, ctx: FileContext) -> bool:
        """oslo.db's `EngineFacade(..., autocommit=True)` / `.from_config(conf, autocommit=True)`
        and enginefacade's `configure(__autocommit=True)`: both hand the mode to `sessionmaker`."""
        hidden = keyword(node, _OSLO_OPTION)
        if hidden is not None and not is_const(hidden.value, False):
            self._report_oslo(node, f"`{_OSLO_OPTION}=`", hidden.value, ctx)
            return True
        qual = ctx.qualify(node.func) or ""
        if not qual.startswith("oslo_db.") or not qual.endswith(_OSLO_FACADES):
            return False
        if kw is not None:
            self._report_oslo(node, f"`{terminal_name(node.func)}(autocommit=...)`", kw.value, ctx)
        return True

    def _oslo_option(self, node: ast.Assign, ctx: FileContext) -> None:
        """`options['__autocommit'] = True` before `enginefacade.configure(**options)` (aodh);
        `opts['autocommit'] = True` before `EngineFacade(url, **opts)` (trove)."""
        for target in node.targets:
            if not (isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant)) or is_const(node.value, False):
                continue
            key = target.slice.value
            if key == _OSLO_OPTION or (key == "autocommit" and _unpacked_into_factory(target.value, ctx)):
                self._report_oslo(node, f"`[{key!r}]`", node.value, ctx)

    def _report_oslo(self, node: ast.AST, spelled: str, value: ast.expr, ctx: FileContext) -> None:
        ctx.report(
            self,
            node,
            f"oslo.db {spelled} asks for autocommit sessions (`sessionmaker(autocommit=True)`), "
            "which 2.0 removed: drop it and give every write a transaction "
            "(`with enginefacade.writer.using(context)`, `with session.begin():`)",
            evidence=Evidence.STRONG if isinstance(value, ast.Constant) else Evidence.WEAK,
        )


def _unpacked_into_factory(holder: ast.expr, ctx: FileContext) -> bool:
    """Is the dict named `holder` handed as `**holder` to oslo.db's facade or a sessionmaker
    in the same function (or module)?"""
    if not isinstance(holder, ast.Name):
        return False
    where = ctx.scope.node if isinstance(ctx.scope.node, ast.FunctionDef | ast.AsyncFunctionDef) else ctx.tree
    for sub in ast.walk(where):
        if isinstance(sub, ast.Call) and any(
            k.arg is None and isinstance(k.value, ast.Name) and k.value.id == holder.id for k in sub.keywords
        ):
            qual = ctx.qualify(sub.func) or ""
            if (qual.startswith("oslo_db.") and qual.endswith(_OSLO_FACADES)) or session_ctor(sub, ctx) is not None:
                return True
    return False


# oslo.db's legacy facades; `__autocommit` is enginefacade's private spelling of the mode.
_OSLO_FACADES = ("EngineFacade", "EngineFacade.from_config", "LegacyEngineFacade", "LegacyEngineFacade.from_config")
_OSLO_OPTION = "__autocommit"


def _project_wrapper(call: ast.Call, ctx: FileContext) -> str | None:
    """The name of a session factory wrapper (`get_session`, ...) of the project's own or
    oslo.db's that `call` calls; None for SQLAlchemy's and other libraries' functions."""
    name = terminal_name(call.func) or ""
    return name if _wrapper_name(name, ctx.qualify(call.func) or "") else None


def _wrapper_name(name: str, qual: str) -> bool:
    """Is `name` (bound to `qual`) a session factory wrapper's, not SQLAlchemy's or a library's?"""
    return name in _FACTORY_WRAPPERS and not is_foreign_module(qual) and not qual.startswith("sqlalchemy")


def _module_alias(func: ast.expr, ctx: FileContext) -> str | None:
    """`get_session = facade_wrapper.get_session` at module level (blazar's db api): the
    imported name the local one stands for, as the module's evidence records it."""
    if not isinstance(func, ast.Name):
        return None
    fact = ctx.module_scope.bindings.get(func.id)
    via = fact.via if fact is not None else ""
    return via if _DOTTED.match(via) else None


_DOTTED = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$")


def _autocommit_wrappers(ctx: FileContext) -> frozenset[str]:
    return module_wrappers(ctx.memo, ctx.tree)


_WRAPPER_SETTLE = PROJECT + "autocommit:"


def settle_autocommit_wrapper(raw: RawFinding, facts: ProjectFacts, module: str, is_package: bool) -> RawFinding | None:
    """Keep a call of an imported session helper when the project shows the helper defaults
    `autocommit=True` (its module exports the mark), following re-exports."""
    origin = absolutize(raw.via.removeprefix(_WRAPPER_SETTLE), module, is_package)
    owner, _, name = origin.rpartition(".")
    for _ in range(8):
        exports = facts.modules.get(owner)
        if exports is None:
            return None
        if name + AUTOCOMMIT_EXPORT in exports:
            return replace(raw, via="")
        kind, via = exports.get(name, ("", ""))
        if kind or not via:
            return None
        owner, _, name = via.rpartition(".")
    return None


class SessionAutocommitFalse(Rule):
    id = "SQ202"
    fixer = LazyFixer("sqla_assist.rules._fix_session:fix_drop_autocommit_false")
    name = "session-autocommit-false"
    title = "delete the redundant `autocommit=False` from `Session` / `sessionmaker`"
    fix_class = "safe"
    on_20 = "OK"
    on_21 = "OK"
    nodes = (ast.Call,)
    tokens = (b"autocommit",)
    what = (
        "Flags `autocommit=False` passed to `Session`, `sessionmaker` or `scoped_session`; with weak "
        "evidence and no fix, also to a project's session helper (`get_session(autocommit=False)`), "
        "whose parameter goes once the helper drops autocommit mode."
    )
    why = (
        "`autocommit=False` was already the default in 1.x and is accepted and ignored on 2.x. "
        "Leaving it suggests the mode still exists and hides the harmful `autocommit=True` among "
        "look-alikes."
    )
    example = Example(
        before="SessionLocal = sessionmaker(autocommit=False, autoflush=False, bind=engine)",
        after="SessionLocal = sessionmaker(autoflush=False, bind=engine)",
    )
    use_instead = "Remove the argument."
    fix_safety = "Safe: the argument has no effect on 1.4, 2.0 or 2.1."
    references = (f"{_MIGRATION_20}, “Autocommit mode removed from Session; autobegin support added”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not node.keywords:
            return
        kw = keyword(node, "autocommit")
        if kw is None or not is_const(kw.value, False):
            return
        ctor = session_ctor(node, ctx)
        if ctor is None:
            name = _project_wrapper(node, ctx)
            if name is not None:
                # octavia's `db_apis.get_session(autocommit=False)`: once the project's helper
                # drops the flag 2.0 no longer has, its callers stop passing it.
                ctx.report(
                    self,
                    kw,
                    f"`autocommit=False` is the only mode left: once `{name}()` stops taking the flag "
                    "(SQ201), delete it here",
                    evidence=Evidence.WEAK,
                    fix=FixSafety.MANUAL,
                )
            return
        ctx.report(self, kw, f"`autocommit=False` is the only mode left; delete it from `{ctor}(...)`", fix=FixSafety.SAFE)


class FutureFlag(Rule):
    id = "SQ203"
    fixer = LazyFixer("sqla_assist.rules._fix_session:fix_drop_future_true")
    name = "future-flag"
    title = "delete `future=True` from `Session` / `sessionmaker` / `create_engine` after the 2.0 bump"
    fix_class = "safe/manual"
    on_20 = "OK/ERROR"
    on_21 = "OK/ERROR"
    nodes = (ast.Call,)
    tokens = (b"future=", b"future =")
    what = "Flags the `future=` argument of `Session`, `sessionmaker`, `create_engine` and `create_async_engine`."
    why = (
        "On 1.4 `future=True` switched on 2.0 behaviour; on 2.x it is a no-op. `future=False` "
        "asks for 1.x behaviour that no longer exists: `Session(future=False)` raises "
        "`ArgumentError` on 2.x."
    )
    example = Example(
        before="engine = create_engine(url, future=True)\nSession = sessionmaker(engine, future=True)",
        after="engine = create_engine(url)\nSession = sessionmaker(engine)",
    )
    use_instead = (
        "Remove `future=True` once the project requires SQLAlchemy 2.x. For `future=False`, "
        "migrate the legacy usages first (the other SQ2xx/SQ4xx rules), then drop the flag."
    )
    fix_safety = (
        "Safe for `future=True` on 2.x only (on 1.4 removing it brings back legacy behaviour); "
        "`future=False` or a variable is manual."
    )
    references = (f"{_MIGRATION_20}, “Migration to 2.0 Step Four - Use the future flag on Engine”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not node.keywords:
            return
        kw = keyword(node, "future")
        if kw is None:
            return
        target = session_ctor(node, ctx)
        if target is None:
            qual = sa_qual(node.func, ctx)
            if qual not in ENGINE_CTORS:
                return
            target = qual.rpartition(".")[2]
        if is_const(kw.value, True):
            ctx.report(
                self, kw, f"`future=True` is a no-op on 2.x: delete it from `{target}(...)` after the version bump",
                fix=FixSafety.SAFE,
            )
        else:
            ctx.report(
                self,
                kw,
                f"`{target}(future=...)` without a literal True relies on 1.x behaviour "
                "(`future=False` raises on 2.x for sessions): migrate the legacy usage, then remove it",
            )


class SessionPositionalArgs(Rule):
    id = "SQ219"
    fixer = LazyFixer("sqla_assist.rules._fix_session:fix_session_positional")
    name = "session-positional-args"
    title = "pass `Session(...)` options after `bind` as keywords"
    fix_class = "safe"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"Session(",)
    what = "Flags `Session(bind, autoflush, ...)` calls with more than one positional argument."
    why = (
        "1.4's `Session.__init__` took `bind, autoflush, future, expire_on_commit, autocommit, "
        "twophase, ...` positionally; 2.0 accepts only `bind` positionally (`TypeError: ... takes "
        "from 1 to 2 positional arguments`)."
    )
    example = Example(
        before="s = Session(engine, False, True, False)",
        after="s = Session(engine, autoflush=False, future=True, expire_on_commit=False)",
    )
    use_instead = "Name every argument after `bind`, using the 1.4 parameter order to pick the names."
    fix_safety = "Safe: the 1.4 parameter order maps each positional value to one keyword."
    references = ("SQLAlchemy 1.4 and 2.0 API: `Session.__init__` signatures",)

    _ORDER_14 = ("bind", "autoflush", "future", "expire_on_commit", "autocommit", "twophase", "binds")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if len(node.args) < 2 or any(isinstance(a, ast.Starred) for a in node.args):
            return
        if session_ctor(node, ctx) != "Session":
            return
        names = ", ".join(f"`{n}`" for n in self._ORDER_14[1 : len(node.args)])
        given = {k.arg for k in node.keywords}
        exact = len(node.args) <= len(self._ORDER_14) and not given & set(self._ORDER_14[1 : len(node.args)])
        ctx.report(
            self,
            node,
            f"`Session()` takes only `bind` positionally on 2.0: pass {names} as keywords"
            + ("" if exact else " (more positions than the 1.4 order names here, or a name given twice: by hand)"),
            fix=FixSafety.SAFE if exact else FixSafety.MANUAL,
        )


class SessionBoundMetadata(Rule):
    id = "SQ209"
    fixer = LazyFixer("sqla_assist.rules._fix_sessbind:fix_session_bind")
    local_tokens = False  # the binding that decides is in other statements (or other files)
    name = "session-bound-metadata"
    title = "give the Session a `bind`: bound metadata no longer supplies one"
    fix_class = "typed"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call, ast.Assign)
    tokens = (b"bind", b"Session(", b"sessionmaker(")
    what = (
        "Flags `Session()` / `sessionmaker()` / `scoped_session(sessionmaker())` created without a "
        "bind in a project whose `MetaData` or declarative base is bound to an engine (in a file "
        "that never calls `.configure(bind=...)`)."
    )
    why = (
        "1.x found the engine through the mapped tables' bound `MetaData`; 2.0 removed bound "
        "metadata, so such a Session raises `UnboundExecutionError` on first use."
    )
    example = Example(
        before="metadata = MetaData(bind=engine)\nBase = declarative_base(metadata=metadata)\nSession = sessionmaker()",
        after="metadata = MetaData()\nBase = declarative_base(metadata=metadata)\nSession = sessionmaker(bind=engine)",
    )
    use_instead = "Pass the engine explicitly: `sessionmaker(bind=engine)` / `Session(engine)`, and unbind the metadata (SQ410)."
    fix_safety = (
        "Typed: safe when the whole project binds exactly one engine to metadata, that engine is a "
        "module-level `create_engine(...)` name the factory can reach (imported from its module when "
        "needed, never making an import cycle); unsafe when the engine or the metadata is only "
        "guessed; manual with several engines or an engine made inside a function."
    )
    references = (
        "SQLAlchemy error reference, “A bind was located via legacy bound metadata, but since future=True is set on this Session, this bind is ignored.”",
        f"{_MIGRATION_20}, “Implicit and Connectionless execution, bound metadata removed”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        memo = file_memo(ctx, "SQ209")
        if "exports" not in memo:
            # Every file tells the gathering pass which engines it binds to metadata.
            memo["exports"] = True
            ctx.extra_exports.update(sessbind.file_context_exports(ctx))
            memo["configured"] = sessbind.configured(ctx.tree, ctx.data)
        if not isinstance(node, ast.Call):
            return
        func = node.func
        last = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if last not in ("Session", "sessionmaker") or memo["configured"]:
            return
        if isinstance(func, ast.Name) and ctx.shadowed(func.id):
            return  # `Session = getattr(settings, "Session")`: the project's own factory
        if not sessbind.unbound_factory(node, sa_qual(func, ctx)) or sessbind.bound_at_call(node, ctx.tree):
            return
        if "names" not in memo:
            memo["names"] = sessbind.module_names(ctx.tree)
        names = memo["names"]
        assert isinstance(names, dict)
        site = sessbind.site_of(node, ctx.tree, names)
        head = f"`{last}()` has no bind, and bound metadata no longer supplies one on 2.0"
        # The project decides (settle_project); on this file alone, treat it as the project.
        facts = ProjectFacts(modules={"": {**sessbind.local_exports(ctx), **ctx.extra_exports}})
        found = sessbind.verdict(facts, "", site)
        fix = found.fix if found is not None else FixSafety.MANUAL
        shown = sessbind.message(head, found) if found is not None else f"{head} (if the project binds its metadata elsewhere)"
        ctx.report(self, node, shown, fix=fix, evidence=Evidence.STRONG if found else Evidence.WEAK, via=site.encode())

    def settle_project(self, raw: RawFinding, facts: ProjectFacts, module: str, is_package: bool) -> RawFinding | None:
        return sessbind.settle_project(raw, facts, module, is_package)
