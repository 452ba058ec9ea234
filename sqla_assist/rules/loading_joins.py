"""SQ703 / SQ704 / SQ705 / SQ706 / SQ712: 1.x calling forms of `Query.join()` / `outerjoin()`.

`join` is one of the most common method names in Python (`", ".join`, `os.path.join`), so every
rule here first proves the call is on a Query chain (or a Select) before looking at arguments.
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._fixers_b_shapes import join_table_blocker
from sqla_assist.rules._loading_shapes import is_relationship_attr, orm_join
from sqla_assist.rules._path_models import unresolved
from sqla_assist.rules._path_roots import first_name_refusal, root_entity
from sqla_assist.rules._sql_shapes import (
    STRONG,
    WEAK,
    Shape,
    at,
    model_class,
    sa_name,
    table_like,
    weakest,
)

_ATTRS_NOT_STRINGS = "SQLAlchemy 2.0 migration guide, “ORM Query - Joining / loading on relationships uses attributes, not strings”"
_JOIN_API = "SQLAlchemy ORM querying guide, “Joins”"
_SESSION = "session = Session(engine)\n"


def _fix(shape: Shape) -> FixSafety:
    return FixSafety.SAFE if shape.strong else FixSafety.UNSAFE


def _odd_keywords(node: ast.Call) -> bool:
    """Keywords a split join cannot simply repeat on every link."""
    return any(k.arg not in ("isouter", "full") for k in node.keywords)


def _is_str(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and isinstance(expr.value, str)


class JoinString(Rule):
    id = "SQ703"
    name = "join-relationship-string"
    title = "`Query.join(\"relname\")` / `join(Target, \"relname\")` → class-bound attributes"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_paths:fix_join_strings")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"join(",)
    what = "Flags a relationship named by a string in `Query.join()` / `outerjoin()` (or `Select.join()`, `orm.join()`)."
    why = (
        "2.0 raises `ArgumentError: Join target, typically a FROM expression, or ORM relationship "
        "attribute expected, got 'addresses'.`"
    )
    example = Example(
        before=_SESSION + "q = session.query(User).join(\"addresses\")",
        after=_SESSION + "q = select(User).join(User.addresses)",
    )
    use_instead = (
        "The relationship attribute of the join's left side: `join(User.addresses)`, or "
        "`join(Address, User.addresses)`. The left side is the last joined entity (the 1.x "
        "joinpoint) or the first entity."
    )
    fix_safety = "Typed: the left entity of the join must be resolved to find the class that owns the relationship."
    references = (_ATTRS_NOT_STRINGS, _JOIN_API)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        strings = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        on_kw = next((k.value for k in node.keywords if k.arg == "onclause"), None)
        if isinstance(on_kw, ast.Constant) and isinstance(on_kw.value, str):
            strings.append(on_kw.value)
        if not strings:
            return
        func = node.func
        if isinstance(func, ast.Name | ast.Attribute) and sa_name(func, ctx, {"join", "outerjoin"}):
            shape: Shape | None = STRONG if (ctx.qualify(func) or "").startswith("sqlalchemy.orm") else None
        else:
            shape = orm_join(node, ctx)
        if shape is None:
            return
        message = f"relationship named by a string in `join()` ({', '.join(map(repr, strings))}): use the class-bound attribute"
        fix = _fix(shape)
        missing = unresolved(strings, ctx)
        if missing and fix is FixSafety.SAFE:
            fix = FixSafety.MANUAL
            message += f" (no model class in this file declares {', '.join(map(repr, missing))})"
        if fix is FixSafety.SAFE:
            why = _join_refusal(node, ctx)
            if why:
                fix = FixSafety.MANUAL
                message += f"; not fixed automatically: {why}"
        ctx.report(self, at(node), message, fix=fix, evidence=shape.evidence, via=shape.via)


def _join_refusal(node: ast.Call, ctx: FileContext) -> str:
    """Why `_fix_paths.fix_join_strings` would refuse: the class the first name resolves against."""
    if not isinstance(node.func, ast.Attribute):
        return "not a `join()` method call"
    if any(k.arg not in ("isouter", "full") for k in node.keywords):
        return "`join()` keywords other than `isouter=`/`full=` (SQ706)"
    if any(isinstance(a, ast.Starred) for a in node.args):
        return "`join(*args)`"
    entity, why = root_entity(node.func.value, ctx, first_column=True)
    if entity is None:
        return why
    texts = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
    if len(texts) == 2 and texts[0] is None and texts[1] is not None and "." not in texts[1]:
        return first_name_refusal(entity, texts[1], ctx)  # join(Target, "rel"): the ON clause
    first = texts[0] if texts else None
    return first_name_refusal(entity, first.split(".")[0], ctx) if first else ""


class JoinChain(Rule):
    id = "SQ704"
    name = "join-relationship-chain"
    title = "`Query.join(A.b, B.c, ...)` relationship path → one `join()` per link"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_loading:fix_join_chain")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"join(",)
    what = (
        "Flags `join()` given a chain of relationships as positional arguments (`join(User.orders, "
        "Order.items)`, `join(\"orders\", \"items\")`), or of mapped classes (`join(Task, Project)`)."
    )
    why = (
        "2.0 reads a second argument as the ON clause: `InvalidRequestError: No 'on clause' argument "
        "may be passed when joining to a relationship path as a target`."
    )
    example = Example(
        before=_SESSION + "q = session.query(User).join(User.orders, Order.items)",
        after=_SESSION + "q = select(User).join(User.orders).join(Order.items)",
    )
    use_instead = "Chain one `.join()` per relationship: `.join(User.orders).join(Order.items)`."
    fix_safety = (
        "Safe when the first argument is a relationship attribute. `join(Address, User.addresses)` "
        "(entity target plus relationship ON clause) is valid 2.0 and never flagged. A chain of "
        "entities is unsafe: 1.4 joined each from the previous target, 2.0 from whichever entity "
        "has the foreign key (it raises when several do)."
    )
    references = ("SQLAlchemy 2.0 migration guide, “ORM Query - Chaining using lists of attributes, rather than individual calls, removed”", _JOIN_API)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        args = node.args
        if len(args) < 2:
            return
        first, rest = args[0], args[1:]
        entities = False
        if _is_str(first):
            if not all(_is_str(a) for a in rest):
                return
        elif is_relationship_attr(first, ctx):
            if not all(_is_str(a) or is_relationship_attr(a, ctx) for a in rest):
                return
        elif all(model_class(a, ctx) is not None for a in args):
            # `query.join(Task, Project)`: a second entity is no ON clause, so 1.4 joined the
            # entities one after the other ("a chain of multiple join conditions").
            entities = True
        else:
            return
        shape = orm_join(node, ctx)
        func = node.func
        if (
            shape is None and entities and isinstance(func, ast.Attribute) and func.attr in ("join", "outerjoin")
            and not isinstance(func.value, ast.Constant | ast.JoinedStr) and ctx.qualify(func) is None
        ):
            # `def add_filter(self, query): query.join(Task, Project)`: two mapped classes make
            # the receiver a Query or a Select whatever it is named (weak).
            shape = weakest(*(s for s in (model_class(a, ctx) for a in args) if s is not None), WEAK)
        if shape is None:
            return
        if entities:
            message = (
                f"`join()` given {len(args)} entities: 2.0 reads the second as the ON clause; chain one "
                "`.join()` per entity (unsafe: 1.4 joined each from the previous one, 2.0 infers each "
                "ON clause from every entity already in the query)"
            )
            fix = FixSafety.MANUAL if _odd_keywords(node) else FixSafety.UNSAFE
            ctx.report(self, at(node), message, fix=fix, evidence=shape.evidence, via=shape.via)
            return
        message = f"`join()` given a path of {len(args)} relationships: chain one `.join()` per link"
        fix = _fix(shape)
        if not all(isinstance(a, ast.Attribute) for a in args):
            fix, message = FixSafety.MANUAL, message + " (name the relationships by attribute first, SQ703)"
        elif _odd_keywords(node):
            fix, message = FixSafety.MANUAL, message + " (keywords other than `isouter=`/`full=`)"
        ctx.report(self, at(node), message, fix=fix, evidence=shape.evidence, via=shape.via)


class JoinTuple(Rule):
    id = "SQ705"
    name = "join-tuple-argument"
    title = "`Query.join((Target, onclause))` tuple form → `join(Target, onclause)`"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_loading:fix_join_tuples")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"join(",)
    what = "Flags `(target, onclause)` tuples passed to `Query.join()` / `outerjoin()`."
    why = "2.0 raises `ArgumentError: Join target ... expected, got (<class 'Address'>, ...)`."
    example = Example(
        before=_SESSION + "q = session.query(User).join((Address, User.id == Address.user_id))",
        after=_SESSION + "q = select(User).join(Address, User.id == Address.user_id)",
    )
    use_instead = "One `.join(target, onclause)` call per tuple."
    fix_safety = "Safe: each tuple's two elements become the call's two arguments."
    references = ("SQLAlchemy 1.4 API: `Query.join()` (tuple arguments deprecated)", _JOIN_API)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not any(isinstance(a, ast.Tuple) and len(a.elts) == 2 for a in node.args):
            return
        shape = orm_join(node, ctx)
        if shape is None:
            return
        message = "`join()` given `(target, onclause)` tuples: pass them as separate `join()` calls"
        fix = _fix(shape)
        if not all(isinstance(a, ast.Tuple) and len(a.elts) == 2 for a in node.args):
            fix, message = FixSafety.MANUAL, message + " (tuples mixed with other arguments)"
        elif _odd_keywords(node):
            fix, message = FixSafety.MANUAL, message + " (keywords other than `isouter=`/`full=`)"
        ctx.report(self, at(node), message, fix=fix, evidence=shape.evidence, via=shape.via)


class JoinAliasedFlag(Rule):
    id = "SQ706"
    name = "join-aliased-flag"
    title = "`join(..., aliased=True)` / `join(..., from_joinpoint=True)` → explicit `aliased()`"
    fix_class = "manual"
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"aliased", b"from_joinpoint")
    what = "Flags `aliased=` and `from_joinpoint=` keywords of `Query.join()` / `outerjoin()`."
    why = (
        "Removed in 2.0 (`TypeError: Query.join() got an unexpected keyword argument 'aliased'`). "
        "`aliased=True` also silently re-pointed later `filter()` criteria at the alias."
    )
    example = Example(
        before=_SESSION + "q = session.query(Node).join(\"children\", aliased=True).filter(Node.name == \"child\")",
        after=_SESSION + "n1 = aliased(Node)\nstmt = select(Node).join(Node.children.of_type(n1)).where(n1.name == \"child\")",
    )
    use_instead = "Create the alias with `aliased(Entity)`, join with `rel.of_type(alias)` and re-point each criterion at it."
    fix_safety = "Manual: every criterion after the join may have to move to the alias."
    references = ("SQLAlchemy 2.0 migration guide, “ORM Query - join(..., aliased=True), from_joinpoint removed”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        flags = [k.arg for k in node.keywords if k.arg in ("aliased", "from_joinpoint")]
        if not flags:
            return
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in ("join", "outerjoin")):
            return
        shape = orm_join(node, ctx)
        if shape is None:
            if isinstance(func.value, ast.Constant | ast.JoinedStr):
                return
            shape = WEAK
        ctx.report(self, at(node), f"`join(..., {', '.join(f'{f}=' for f in flags if f)})` was removed: use an explicit `aliased()` entity",
                   evidence=shape.evidence, via=shape.via)


class JoinMappedTable(Rule):
    id = "SQ712"
    name = "join-mapped-table"
    title = "joining to a mapped class's Table via a relationship (automatic aliasing, `xaj1`)"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_b:fix_join_mapped_table")
    on_20 = "DEPRECATED"
    on_21 = "DEPRECATED"
    nodes = (ast.Call,)
    tokens = (b"join(",)
    what = "Flags `Query.join(Model.__table__, Parent.rel)`: a Table (or Table alias) as the target of a relationship join."
    why = (
        "The ORM has to alias the table behind the scenes, which is deprecated: \"An alias is being "
        "generated automatically against joined entity ... for raw clauseelement\" (code `xaj1`)."
    )
    example = Example(
        before=_SESSION + "a1 = Address.__table__\nq = session.query(User).join(Address.__table__, User.addresses)",
        after=_SESSION + "q = select(User).join(User.addresses)",
    )
    use_instead = (
        "Join the relationship itself (`join(User.addresses)`), or for an alias "
        "`a1 = aliased(Address)` and `join(User.addresses.of_type(a1))`; criteria then use "
        "`a1.email` instead of `a1.c.email`."
    )
    fix_safety = (
        "Typed: `join(Model.__table__, Owner.rel)` becomes `join(Owner.rel)` when `Owner.rel` is declared in "
        "the same file as a relationship to `Model` and the query selects `Owner` alone (the implicit alias "
        "then renders as the plain table, so the SQL is the same). Table aliases, self-referential joins and "
        "queries that already involve `Model` are manual: every `a1.c.x` reference changes."
    )
    references = ("SQLAlchemy error reference, “An alias is being generated automatically for raw clauseelement” (xaj1)",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if len(node.args) < 2 or not is_relationship_attr(node.args[1], ctx):
            return
        target = node.args[0]
        inner = target.func.value if (
            isinstance(target, ast.Call) and isinstance(target.func, ast.Attribute) and target.func.attr == "alias"
        ) else target
        dunder = isinstance(inner, ast.Attribute) and inner.attr == "__table__"
        table = table_like(inner, ctx)
        # Only `Model.__table__` or a Table built in this file: an imported name is usually the class.
        if table is None or not (dunder or (table.strong and not table.via)):
            return
        mapped = dunder and isinstance(inner, ast.Attribute) and model_class(inner.value, ctx) is not None
        shape = orm_join(node, ctx)
        if shape is None:
            return
        evidence = shape.evidence if mapped else WEAK.evidence
        message = "joining a mapped Table through a relationship makes the ORM alias it implicitly: join the relationship (or `aliased()`)"
        blocker = join_table_blocker(node, ctx)
        if blocker:
            ctx.report(self, at(node), f"{message}; {blocker}", evidence=evidence, via=shape.via)
            return
        # At the whole call (not the `.join` line): the fixer rewrites that node.
        ctx.report(self, node, message,
                   fix=FixSafety.SAFE if mapped and shape.strong else FixSafety.UNSAFE, evidence=evidence, via=shape.via)
