"""SQ128: `Model.query` — Flask-SQLAlchemy models and `scoped_session.query_property()`."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import MODEL_HOLDER, QUERY_METHODS, Kind, terminal_name
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.gather import REQUIRED
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._model_query_sessions import no_session, query_sessions
from sqla_assist.rules._query_family import (
    TERMINALS,
    declares_query_property,
    entity_name,
    model_query,
)

# What may follow `Model.query.` for a CamelCase name to count as (weak) evidence of a Query.
# `.session` is the Query's session: `Trade.query.session.add(t)` reaches it through the property.
_FOLLOWERS = QUERY_METHODS | TERMINALS | {"session"}


class ModelQuery(Rule):
    id = "SQ128"
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_model_query")
    name = "model-query"
    title = "use `session.scalars(select(Model)...)` / `session.get(Model, pk)` instead of `Model.query`"
    fix_class = "typed"
    on_20 = "LEGACY"
    on_21 = "LEGACY"
    nodes = (ast.Attribute, ast.For, ast.Assign, ast.AnnAssign)
    tokens = (b".query",)
    what = (
        "Flags `Model.query` (and `cls.query` in a model's classmethod) on Flask-SQLAlchemy "
        "models and on classes whose base was given "
        "`query = <scoped_session>.query_property()`; a CamelCase class's `.query.` followed by "
        "Query methods, or iterated (`for lock in PairLock.query:`), is reported with weak evidence "
        "unless the gathering pass shows a model. The definition sites are flagged too: "
        "`Base.query = Session.query_property()` and the typing declaration "
        "`query: ClassVar[QueryPropertyDescriptor]` and `del Model.query`, to remove once no "
        "`Model.query` is left."
    )
    why = (
        "`Model.query` is a legacy `Query` bound to a scoped session. Flask-SQLAlchemy 3.x and "
        "SQLAlchemy 2.0 steer towards `db.session.execute(select(...))`, `db.session.get()`, "
        "`db.get_or_404()`, `db.paginate(select(...))`; the terminal traps of SQ101–SQ107 apply."
    )
    example = Example(
        before=(
            "class User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n"
            "user = User.query.filter_by(email=e).first()"
        ),
        after=(
            "class User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n"
            "user = db.session.scalars(select(User).filter_by(email=e).limit(1)).first()"
        ),
    )
    use_instead = (
        "The session behind the property (`db.session`, or the scoped_session that created the "
        "`query_property()`) with `select()`: `session.scalars(select(Model)...)`, "
        "`session.get(Model, pk)`, `db.get_or_404(Model, pk)`, `db.first_or_404(select(...))`, "
        "`db.paginate(select(...))`."
    )
    fix_safety = (
        "Typed: the fix needs the session object behind the property (Flask-SQLAlchemy's `db`, or "
        "the gathered `query_property()` call); without it the finding is manual."
    )
    references = (
        "SQLAlchemy ORM API, `scoped_session.query_property()`",
        "Flask-SQLAlchemy 3.x documentation, “Legacy Query Interface”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.For):
            self._iterated(node.iter, ctx)
            return
        if isinstance(node, ast.Assign | ast.AnnAssign):
            self._definition(node, ctx)
            return
        assert isinstance(node, ast.Attribute)
        if node.attr == "query":
            if isinstance(node.ctx, ast.Del):
                self._deleted(node, ctx)
                return
            if isinstance(node.ctx, ast.Store):
                return
            found = model_query(node, ctx)
            if found is not None and found[0] is Evidence.STRONG:
                # Reported on the terminal that runs the chain, when there is one: the fix then
                # converts the whole chain (`User.query.get(1)` → `db.session.get(User, 1)`).
                self._report(node, ctx, Evidence.STRONG, "", at=_run_by(ctx).get(id(node)))
            elif found is None and _model_slot(node.value, ctx):
                self._report_slot(node, ctx)
            return
        inner = node.value
        if not (isinstance(inner, ast.Attribute) and inner.attr == "query"):
            return
        follower = node.attr in _FOLLOWERS
        if not follower and node.attr.startswith("_"):
            return
        found = model_query(inner, ctx)
        if found is None or found[0] is Evidence.STRONG:
            return
        if follower:
            self._report(inner, ctx, Evidence.WEAK, found[1], at=_run_by(ctx).get(id(inner)))
        elif found[1]:
            # `Sketch.query.get_with_acl(id)`: a method of the model's own Query subclass
            # (`query_class = AclBaseQuery`); only for a model the gathering pass confirms.
            self._report(inner, ctx, Evidence.WEAK, _required(found[1]))

    def _report_slot(self, node: ast.Attribute, ctx: FileContext) -> None:
        """`self.user_model.query`, `current_app.blog_cls.query`: a model class held in a
        variable or attribute. Which session the property uses is unknown here: manual."""
        model = ast.unparse(node.value)
        ctx.report(
            self,
            _run_by(ctx).get(id(node)) or node,
            f"`{model}.query` (a model class held in `{terminal_name(node.value)}`) is the legacy "
            f"Query API: use `session.scalars(select({model})...)` or `session.get({model}, pk)`",
            fix=FixSafety.MANUAL,
            evidence=Evidence.WEAK,
            key_node=node,
        )

    def _iterated(self, expr: ast.expr, ctx: FileContext) -> None:
        """`for lock in PairLock.query:` runs the whole-table Query; weak (with the model's
        origin for the gathering pass) when the class comes from another module."""
        if not (isinstance(expr, ast.Attribute) and expr.attr == "query"):
            return
        found = model_query(expr, ctx)
        if found is not None and found[0] is Evidence.WEAK and found[1]:
            # Only a model the gathering pass confirms: `for key in Config.query` is common.
            self._report(expr, ctx, Evidence.WEAK, _required(found[1]))

    def _deleted(self, node: ast.Attribute, ctx: FileContext) -> None:
        """`del Trade.query` (test teardown undoing `query_property()`): goes with the property."""
        found = model_query(node, ctx)
        if found is not None:
            ctx.report(
                self, node,
                f"`del {ast.unparse(node)}` removes the legacy `query_property()`: drop it together "
                "with the property once no `Model.query` use is left",
                evidence=found[0],
                via=_required(found[1]) if found[1] else "",
            )

    def _definition(self, node: ast.Assign | ast.AnnAssign, ctx: FileContext) -> None:
        """`Base.query = Session.query_property()`, `query = Session.query_property()` in a class
        body, and `query: ClassVar[QueryPropertyDescriptor]`: where `Model.query` comes from."""
        in_class = isinstance(ctx.scope.node, ast.ClassDef)
        if isinstance(node, ast.AnnAssign):
            if in_class and declares_query_property(node):
                ctx.report(
                    self, node,
                    "declares the legacy `Model.query` property (set by `query_property()`): remove it "
                    "once every `Model.query` use runs `select()` on the session",
                )
            return
        value = node.value
        if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
                and value.func.attr == "query_property"):
            return
        for target in node.targets:
            on_class = isinstance(target, ast.Attribute) and entity_name(target.value) is not None
            if (on_class and isinstance(target, ast.Attribute) and target.attr == "query") or (
                in_class and isinstance(target, ast.Name) and target.id == "query"
            ):
                session = ast.unparse(value.func.value)
                ctx.report(
                    self, node,
                    f"`{session}.query_property()` gives models the legacy `Model.query`: use "
                    f"`{session}.scalars(select(Model)...)` at every use, then remove the property",
                )
                return

    def _report(
        self, node: ast.Attribute, ctx: FileContext, evidence: Evidence, via: str, at: ast.AST | None = None
    ) -> None:
        model = ast.unparse(node.value)
        message = (
            f"`{model}.query` is the legacy Query API: use `session.scalars(select({model})...)` "
            f"(`db.session` with Flask-SQLAlchemy), or `session.get({model}, pk)` for lookups"
        )
        fix = FixSafety.SAFE
        if not (isinstance(node.value, ast.Name) and node.value.id in _sessions(ctx)):
            # The fixer names the session from this file only (`_model_query_sessions`).
            fix = FixSafety.MANUAL
            message += "; not fixed automatically: " + (
                no_session(model) if isinstance(node.value, ast.Name)
                else "`Model.query` on an expression: name the session by hand"
            )
        ctx.report(
            self,
            at or node,
            message,
            fix=fix,
            evidence=evidence,
            via=via,
            key_node=node,
        )


_RUNNERS = frozenset({"all", "first", "one", "one_or_none", "scalar", "count", "get"})


def _run_by(ctx: FileContext) -> dict[int, ast.Call]:
    """id of a `Model.query` attribute → the terminal call that runs its chain, in this file."""
    cached = ctx.memo.get(("model_query_run_by",))
    if isinstance(cached, dict):
        return cached
    found: dict[int, ast.Call] = {}
    for node in ctx.walk(ctx.tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _RUNNERS):
            continue
        inner = node.func.value
        while isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and inner.func.attr in QUERY_METHODS:
            inner = inner.func.value
        if isinstance(inner, ast.Attribute) and inner.attr == "query":
            found[id(inner)] = node
    ctx.memo[("model_query_run_by",)] = found
    return found




def _model_slot(value: ast.expr, ctx: FileContext) -> bool:
    """`<x>.query` where `<x>` is named as a model-class holder, in a SQLAlchemy module, and
    is not known to be anything else (a Session, an Engine, a string)."""
    name = terminal_name(value)
    if name in (None, "cls") or not MODEL_HOLDER.match(name or "") or not ctx.imports.imports_sqlalchemy():
        # (`cls.query` is judged by `model_query`, through the classmethod's class.)
        return False
    fact = ctx.fact(value)
    if fact.kind not in (None, Kind.MODEL):
        return False
    return id(value) not in _called_query(ctx)


def _called_query(ctx: FileContext) -> set[int]:
    """ids of `<x>` in `<x>.query(...)`: a called `query` is some object's method (an ML model's
    `self.model.query(prompt)`), never the query property."""
    cached = ctx.memo.get(("model_query_called",))
    if isinstance(cached, set):
        return cached
    found = {
        id(node.func.value) for node in ctx.walk(ctx.tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "query"
    }
    ctx.memo[("model_query_called",)] = found
    return found


def _required(via: str) -> str:
    """`via` that the gathering pass must confirm (dropped when it cannot), marked once."""
    return via if via.startswith(REQUIRED) else REQUIRED + via


def _sessions(ctx: FileContext) -> dict[str, str]:
    """This file's `Model.query` sessions (class name → session source), computed once."""
    key = ("SQ128", "sessions")
    found = ctx.memo.get(key)
    if not isinstance(found, dict):

        def is_flask_db(expr: ast.expr) -> bool:
            fact = ctx.inference.fact(expr, ctx.module_scope)
            return fact.kind is Kind.FLASK_DB and fact.strong

        found = ctx.memo[key] = query_sessions(ctx.tree, is_flask_db)
    return found
