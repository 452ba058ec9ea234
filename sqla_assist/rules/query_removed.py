"""SQ121–SQ124: Query methods that were removed in 2.0 or take removed arguments.

`from_self()`, `select_entity_from()` and `with_polymorphic()` raise `AttributeError` on 2.0;
`with_parent()` survives as legacy but its string property form raises.
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example
from sqla_assist.rules._fixers_a_shapes import select_entity_from_refusal
from sqla_assist.rules._query_family import QueryMethodRule, QueryRef
from sqla_assist.rules._selection_agree import chain_blocker, settle_selection
from sqla_assist.rules._with_parent_shapes import COLUMNS as WITH_PARENT_COLUMNS
from sqla_assist.rules._with_parent_shapes import query_with_parent_refusal

_MIGRATION = "SQLAlchemy 2.0 migration guide"


class QueryFromSelf(QueryMethodRule):
    id = "SQ121"
    name = "query-from-self"
    title = "replace `Query.from_self()` with `aliased(Entity, stmt.subquery())` and a new `select()`"
    fix_class = "manual"
    on_20 = "ERROR"
    on_21 = "ERROR"
    methods = frozenset({"from_self"})
    distinctive = True
    tokens = (b"from_self",)
    what = "Flags `Query.from_self(...)`."
    why = (
        "`from_self()` was removed in 2.0 (`AttributeError: 'Query' object has no attribute "
        "'from_self'`). It silently re-pointed every later reference to the entities onto the "
        "subquery, which `select()` never does."
    )
    example = Example(
        before=(
            "q = (session.query(User, Address.email_address).join(User.addresses)\n"
            "     .from_self(User).order_by(Address.email_address))"
        ),
        after=(
            "subq = select(User, Address.email_address).join(User.addresses).subquery()\n"
            "ua, aa = aliased(User, subq), aliased(Address, subq)\n"
            "stmt = select(ua).order_by(aa.email_address)"
        ),
    )
    use_instead = (
        "Make the inner statement a `.subquery()`, alias each entity to it with "
        "`aliased(Entity, subq)`, and select from the aliases; every later criterion must name "
        "the aliases."
    )
    fix_safety = "Manual: each later `filter`/`order_by` must be re-pointed at the aliases by hand."
    references = (f"{_MIGRATION}, “Selecting from the query itself as a subquery, e.g. \"from_self()\"”",)

    def describe(self, node: ast.Call, ref: QueryRef, ctx: FileContext) -> tuple[str, FixSafety]:
        return (
            "`Query.from_self()` was removed in 2.0: turn the query into `stmt.subquery()`, "
            "select from `aliased(Entity, subq)` and point later criteria at the alias",
            FixSafety.MANUAL,
        )


class QuerySelectEntityFrom(QueryMethodRule):
    id = "SQ122"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_a:fix_select_entity_from")
    name = "query-select-entity-from"
    title = "replace `Query.select_entity_from(sq)` with `aliased(Entity, sq)`"
    on_20 = "ERROR"
    on_21 = "ERROR"
    methods = frozenset({"select_entity_from"})
    distinctive = True
    tokens = (b"select_entity_from",)
    what = "Flags `Query.select_entity_from(selectable)`."
    why = (
        "Removed in 2.0 (`AttributeError`). It adapted every reference to the entity onto the "
        "given selectable; in 2.0 that is spelled explicitly with `aliased()`."
    )
    example = Example(
        before=(
            'subq = session.query(User).filter(User.name.like("%x%")).subquery()\n'
            "u = session.query(User).select_entity_from(subq).order_by(User.id).first()"
        ),
        after=(
            'subq = select(User).where(User.name.like("%x%")).subquery()\n'
            "ua = aliased(User, subq)\n"
            "u = session.scalars(select(ua).order_by(ua.id).limit(1)).first()"
        ),
    )
    use_instead = "`ua = aliased(Entity, subq)` and `select(ua)`; later criteria use `ua.<attr>`."
    fix_safety = (
        "Typed: `session.query(E).select_entity_from(sq)` becomes `session.query(aliased(E, sq))` only "
        "when the chain then ends in `all()`/`first()`/`one()`/`one_or_none()`/`count()` and nothing "
        "after `select_entity_from` names `E` (1.x adapted `E.x` to the subquery; after the rewrite it "
        "would mean the table again). Otherwise every `E.x` must become `alias.x` by hand."
    )
    references = (f"{_MIGRATION}, “Selecting entities from alternative selectables; Query.select_entity_from()”",)

    def describe(self, node: ast.Call, ref: QueryRef, ctx: FileContext) -> tuple[str, FixSafety]:
        entity = ast.unparse(ref.entities[0]) if len(ref.entities) == 1 else "Entity"
        refusal = select_entity_from_refusal(node, ctx)
        return (
            f"`Query.select_entity_from()` was removed in 2.0: use `alias = aliased({entity}, <subquery>)` "
            "and `select(alias)`, naming the alias in later criteria" + (f" ({refusal})" if refusal else ""),
            FixSafety.MANUAL if refusal else FixSafety.SAFE,
        )


class QueryWithParent(QueryMethodRule):
    id = "SQ123"
    fixer = LazyFixer("sqla_assist.rules._fix_query_more:fix_query_with_parent")
    name = "query-with-parent"
    title = "use `.where(with_parent(obj, Parent.relationship))` instead of `Query.with_parent()`"
    on_20 = "LEGACY/ERROR"
    on_21 = "LEGACY/ERROR"
    methods = frozenset({"with_parent"})
    distinctive = True
    tokens = (b"with_parent",)
    what = "Flags `Query.with_parent(obj, prop)`; the string form of `prop` is an error on 2.0."
    why = (
        "The method is legacy (`LegacyAPIWarning`); the standalone `with_parent()` criterion "
        "works in any `select()`. Relationship names as strings were removed in 2.0."
    )
    example = Example(
        before='addrs = session.query(Address).with_parent(user, "addresses").all()',
        after="addrs = session.scalars(select(Address).where(with_parent(user, User.addresses))).all()",
    )
    use_instead = (
        "`select(Target).where(with_parent(obj, Parent.relationship))`; name the relationship by "
        "its class attribute."
    )
    fix_safety = (
        "Typed: a string or omitted property needs the parent's class from the model map; "
        "ambiguous relationships are left to a human."
    )
    references = (
        f"{_MIGRATION}, “ORM Query - Joining / loading on relationships uses attributes, not strings”",
    )

    def accepts(self, node: ast.Call) -> bool:
        return bool(node.args)

    def describe(self, node: ast.Call, ref: QueryRef, ctx: FileContext) -> tuple[str, FixSafety]:
        prop = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "property"), None)
        if isinstance(prop, ast.Constant) and isinstance(prop.value, str):
            message = (
                f"`Query.with_parent(..., {prop.value!r})`: string properties raise on 2.0; use "
                f"`.where(with_parent(obj, Parent.{prop.value}))`"
            )
        else:
            message = "`Query.with_parent()`: use `.where(with_parent(obj, Parent.relationship))`"
        why = query_with_parent_refusal(node, ref.root, ctx) or chain_blocker(ref.root, ref.links)
        if why:
            return f"{message}; not fixed automatically: {why}", FixSafety.MANUAL
        return message, FixSafety.SAFE

    def selecting(self, node: ast.Call, ref: QueryRef) -> list[ast.expr] | None:
        # The fixer asks whether the query's one argument is an entity (a column query is refused).
        root = ref.root
        if isinstance(root, ast.Call) and isinstance(root.func, ast.Attribute) and root.func.attr == "query":
            return list(root.args)
        return None

    def entity_only(self, node: ast.Call) -> str:
        return WITH_PARENT_COLUMNS

    settle_project = staticmethod(settle_selection)


class QueryWithPolymorphic(QueryMethodRule):
    id = "SQ124"
    name = "query-with-polymorphic"
    title = "replace `Query.with_polymorphic(...)` with the `with_polymorphic()` function"
    fix_class = "manual"
    on_20 = "ERROR"
    on_21 = "ERROR"
    methods = frozenset({"with_polymorphic"})
    distinctive = True
    tokens = (b"with_polymorphic",)
    what = "Flags the `Query.with_polymorphic(...)` method (not the standalone function)."
    why = (
        "Removed in 2.0 (`AttributeError`). The standalone `with_polymorphic(Base, [Sub, ...])` "
        "returns an entity whose sub-entity attributes carry the criteria."
    )
    example = Example(
        before='session.query(Employee).with_polymorphic([Engineer, Manager]).filter(Engineer.lang == "py")',
        after=(
            "emp = with_polymorphic(Employee, [Engineer, Manager])\n"
            'session.scalars(select(emp).where(emp.Engineer.lang == "py"))'
        ),
    )
    use_instead = (
        "`emp = with_polymorphic(Base, [Sub1, Sub2])`, `select(emp)`, and criteria written as "
        "`emp.Sub1.attr`."
    )
    fix_safety = (
        "Manual: criteria must move to the polymorphic alias. 2.1 also changed `with_polymorphic` "
        "on single-inheritance mappings to load all descendants."
    )
    references = ("SQLAlchemy ORM API, `with_polymorphic()`", "SQLAlchemy 2.1 changelog, ticket 12395")

    def describe(self, node: ast.Call, ref: QueryRef, ctx: FileContext) -> tuple[str, FixSafety]:
        entity = ast.unparse(ref.entities[0]) if len(ref.entities) == 1 else "Base"
        return (
            f"`Query.with_polymorphic()` was removed in 2.0: use `poly = with_polymorphic({entity}, [...])`, "
            "`select(poly)`, and criteria on `poly.<Subclass>.<attr>`",
            FixSafety.MANUAL,
        )
