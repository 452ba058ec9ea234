"""SQ701 / SQ702 / SQ707–SQ711 / SQ713–SQ715: loader options and relationship references.

1.x accepted relationship and column names as strings (`joinedload("addresses")`,
`with_parent(obj, "children")`); 2.0 wants class-bound attributes. A few option forms were
removed (`eagerload`, `defer(a, b)`, `MapperOption`) or changed meaning (`noload`, deep paths).
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import SESSIONLIKE
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._helpers import query_chain, via_for
from sqla_assist.rules._loading_shapes import loader_call, loader_links, string_args
from sqla_assist.rules._path_models import unresolved
from sqla_assist.rules._path_roots import first_name_refusal, option_root
from sqla_assist.rules._sql_shapes import assigned_value, at, is_wildcard, sa_name
from sqla_assist.rules._with_parent_shapes import string_prop_refusal

_ATTRS_NOT_STRINGS = "SQLAlchemy 2.0 migration guide, “ORM Query - Joining / loading on relationships uses attributes, not strings”"
_LOADER_API = "SQLAlchemy ORM API: relationship loader options (`joinedload()`, `selectinload()`, `Load`)"
_MODELS = (
    "class User(Base):\n    __tablename__ = 'user'\n    id = Column(Integer, primary_key=True)\n"
    "    addresses = relationship('Address')\n"
)


def _string_paths(node: ast.Call) -> list[str]:
    return [s for s in string_args(node) if not is_wildcard(s)]


class LoaderStringAttribute(Rule):
    id = "SQ701"
    name = "loader-option-string"
    title = "string attribute names in loader options → class-bound attributes"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_paths:fix_loader_strings")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"load(", b"load_only(", b"defer(", b"contains_eager(", b"selectin_polymorphic(")
    what = (
        "Flags loader options given attribute names as strings: `joinedload(\"addresses\")`, "
        "`load_only(\"name\")`, `Load(User).defer(\"bio\")`, and a variable that holds one "
        "(`for column in [\"metadata\", \"info_cache\"]: q.options(joinedload(column))`)."
    )
    why = (
        "2.0 raises `ArgumentError: Strings are not accepted for attribute names in loader options; "
        "please use class-bound attributes directly.` (`load_only`: `expected ORM mapped attribute "
        "for loader strategy argument`)."
    )
    example = Example(
        before=_MODELS + "q = session.query(User).options(joinedload(\"addresses\"))",
        after=_MODELS + "q = select(User).options(joinedload(User.addresses))",
    )
    use_instead = (
        "The class-bound attribute of the entity the option applies to: the query's first entity at "
        "the top level, the previous link's target class inside a chain "
        "(`joinedload(User.orders).defer(\"note\")` → `defer(Order.note)`)."
    )
    fix_safety = (
        "Typed: the owning class has to be resolved from the query and the model graph. Wildcards "
        "(`raiseload(\"*\")`, `defer(\"*\")`) and `undefer_group(\"name\")` are valid 2.0 and never flagged."
    )
    references = (_ATTRS_NOT_STRINGS, _LOADER_API)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not node.args:
            return
        names = [s for s in _string_paths(node) if "." not in s]
        if not names:
            self._held(node, ctx)
            return
        loader = loader_call(node, ctx)
        if loader is None or loader == "undefer_group" or loader == "with_expression":
            return
        shown = ", ".join(repr(n) for n in names)
        message = f"`{loader}()` given attribute names as strings ({shown}): use class-bound attributes"
        missing = unresolved(names, ctx)
        if missing:
            ctx.report(self, at(node), message + f" (no model class in this file declares {', '.join(map(repr, missing))})")
            return
        why = option_refusal(node, ctx)
        if why:
            ctx.report(self, at(node), f"{message}; not fixed automatically: {why}")
        else:
            ctx.report(self, at(node), message, fix=FixSafety.SAFE)


    def _held(self, node: ast.Call, ctx: FileContext) -> None:
        """`for column in ["metadata", "info_cache"]: q = q.options(joinedload(column))`: the
        name arrives in a variable that holds a string (a literal, or an item of a literal list)."""
        held = [a.id for a in node.args if isinstance(a, ast.Name) and ctx.fact(a).via in ("<str>", "<fstr>")]
        if not held:
            return
        loader = loader_call(node, ctx)
        if loader is None or loader in ("undefer_group", "with_expression"):
            return
        ctx.report(
            self,
            at(node),
            f"`{loader}()` given an attribute name as a string (`{held[0]}`): use the class-bound "
            f"attribute, e.g. `getattr(Model, {held[0]})` for the entity it applies to",
            fix=FixSafety.MANUAL,
        )


def option_refusal(node: ast.Call, ctx: FileContext) -> str:
    """Why `_fix_paths.fix_loader_strings` would refuse: the class the option's first string name
    resolves against (the query's one entity), when the option chain starts with a string."""
    first = node
    while isinstance(first.func, ast.Attribute) and isinstance(first.func.value, ast.Call):
        first = first.func.value
    head = first.func.attr if isinstance(first.func, ast.Attribute) else first.func.id if isinstance(first.func, ast.Name) else ""
    if head == "Load" or (ctx.qualify(first.func) or "").endswith(".Load"):
        return ""
    texts = [a.value for a in first.args if isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value != "*"]
    if not texts:
        return ""
    entity, why = option_root(node, ctx)
    if entity is None:
        return why
    return first_name_refusal(entity, texts[0].split(".")[0], ctx)


class LoaderDottedPath(Rule):
    id = "SQ702"
    name = "loader-option-dotted-path"
    title = "dotted string paths in loader options → chained options"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_paths:fix_loader_strings")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"load(", b"contains_eager(", b"defer(", b"load_only(")
    what = "Flags `joinedload(\"orders.items\")`-style dotted paths in loader options."
    why = (
        "Strings are rejected in 2.0 (as SQ701). The dotted form set the strategy on the last link "
        "only; intermediate links kept their default loading."
    )
    example = Example(
        before=_MODELS + "q = session.query(User).options(joinedload(\"orders.items\"))",
        after=_MODELS + "q = select(User).options(defaultload(User.orders).joinedload(Order.items))",
    )
    use_instead = (
        "`defaultload()` for every link but the last, then the original strategy: "
        "`defaultload(User.orders).defaultload(Order.items).joinedload(Item.keywords)`. "
        "`joinedload(...).joinedload(...)` for every link would join all of them and change the SQL."
    )
    fix_safety = "Typed: each link's class comes from the model graph; the exact rewrite uses `defaultload` for inner links."
    references = (_ATTRS_NOT_STRINGS, _LOADER_API)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not node.args:
            return
        paths = [s for s in _string_paths(node) if "." in s]
        if not paths:
            return
        loader = loader_call(node, ctx)
        if loader is None or loader in ("undefer_group", "with_expression"):
            return
        message = f"`{loader}({paths[0]!r})`: a dotted string path; chain `defaultload()` links with class-bound attributes"
        missing = unresolved(paths, ctx)
        if missing:
            ctx.report(self, at(node), message + f" (no model class in this file declares {', '.join(map(repr, missing))})")
            return
        why = option_refusal(node, ctx)
        if why:
            ctx.report(self, at(node), f"{message}; not fixed automatically: {why}")
        else:
            ctx.report(self, at(node), message, fix=FixSafety.SAFE)


class WithParentString(Rule):
    id = "SQ707"
    name = "with-parent-string"
    title = "`with_parent(obj, \"relname\")` → `with_parent(obj, Parent.relname)`"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_paths:fix_with_parent_string", order=-1)
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"with_parent(",)
    what = "Flags `with_parent()` (function or `Query.with_parent()`) given the relationship as a string."
    why = "2.0 raises `ArgumentError: with_parent() accepts class-bound mapped attributes, not strings`."
    example = Example(
        before="crit = with_parent(user, \"addresses\")",
        after="crit = with_parent(user, User.addresses)",
    )
    use_instead = "The relationship attribute of the parent's class: `with_parent(user, User.addresses)`."
    fix_safety = "Typed: the class of the parent object must be known."
    references = (_ATTRS_NOT_STRINGS, "SQLAlchemy ORM API: `with_parent()`")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        prop: ast.expr | None = node.args[1] if len(node.args) >= 2 else None
        for kw in node.keywords:
            if kw.arg in ("prop", "property"):
                prop = kw.value
        if not (isinstance(prop, ast.Constant) and isinstance(prop.value, str)):
            return
        if isinstance(func, ast.Attribute) and func.attr == "with_parent" and not sa_name(func, ctx, {"with_parent"}):
            chain = query_chain(node, ctx)
            if chain is None:
                return
            evidence = Evidence.STRONG if chain.fact.strong else Evidence.WEAK
            message, fix = _with_parent_verdict(node, prop.value, ctx)
            ctx.report(self, at(node), f"`Query.with_parent(obj, {prop.value!r})`: use the class-bound relationship attribute{message}",
                       fix=fix, evidence=evidence, via=via_for(chain.fact, SESSIONLIKE))
            return
        if sa_name(func, ctx, {"with_parent"}):
            message, fix = _with_parent_verdict(node, prop.value, ctx)
            ctx.report(self, at(node), f"`with_parent(obj, {prop.value!r})`: use the class-bound relationship attribute{message}",
                       fix=fix)


def _with_parent_verdict(node: ast.Call, text: str, ctx: FileContext) -> tuple[str, FixSafety]:
    """(message tail, fix) for SQ707: manual where the fixer cannot find the parent's class."""
    if unresolved([text], ctx):
        return "", FixSafety.MANUAL
    why = string_prop_refusal(node, text, ctx)
    return (f"; not fixed automatically: {why}", FixSafety.MANUAL) if why else ("", FixSafety.SAFE)


class ContainsEagerAlias(Rule):
    id = "SQ708"
    name = "contains-eager-alias"
    title = "`contains_eager(rel, alias=...)` → `contains_eager(rel.of_type(alias))`"
    fix_class = "safe/typed"
    fixer = LazyFixer("sqla_assist.rules._fix_loading:fix_contains_eager_alias")
    on_20 = "DEPRECATED/OK"
    on_21 = "DEPRECATED/OK"
    nodes = (ast.Call,)
    tokens = (b"contains_eager(",)
    what = "Flags the `alias=` argument of `contains_eager()`."
    why = (
        "A string alias name is deprecated since 1.4; `of_type()` is the one way to say which "
        "alias a path loads from, shared with joins."
    )
    example = Example(
        before="aa = aliased(Address)\nopt = contains_eager(User.addresses, alias=aa)",
        after="aa = aliased(Address)\nopt = contains_eager(User.addresses.of_type(aa))",
    )
    use_instead = "`contains_eager(User.addresses.of_type(aa))`, joined with `.join(User.addresses.of_type(aa))`."
    fix_safety = "Safe when the alias is an `aliased()` object; a string alias name must first be resolved to its alias (typed)."
    references = ("SQLAlchemy ORM API: `contains_eager()` (`alias` deprecated)", _LOADER_API)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        alias = next((k.value for k in node.keywords if k.arg == "alias"), None)
        if alias is None or loader_call(node, ctx) != "contains_eager":
            return
        if isinstance(alias, ast.Constant) and isinstance(alias.value, str):
            ctx.report(self, at(node), "`contains_eager(..., alias=\"name\")` is deprecated: use `.of_type(aliased_entity)` "
                       "(the named alias has to be rebuilt as an `aliased()` entity by hand)")
            return
        value = assigned_value(alias.id, ctx) if isinstance(alias, ast.Name) else alias
        is_aliased = isinstance(value, ast.Call) and bool(sa_name(value.func, ctx, {"aliased"}))
        single = len(node.args) == 1 and len(node.keywords) == 1
        if is_aliased and single:
            ctx.report(self, at(node), "`contains_eager(..., alias=...)`: use `rel.of_type(alias)`", fix=FixSafety.SAFE)
        else:
            why = "a path or other arguments" if is_aliased else "the alias is not known to be an `aliased()` entity"
            ctx.report(self, at(node), f"`contains_eager(..., alias=...)`: use `rel.of_type(alias)` ({why})")


_EAGER = frozenset(
    ["eagerload", "eagerload_all", "joinedload_all", "subqueryload_all", "selectinload_all", "defaultload_all"]
)


class EagerloadRenamed(Rule):
    id = "SQ709"
    name = "eagerload-renamed"
    title = "`eagerload(...)` → `joinedload(...)`; `*_all()` variants → chained options"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_loading:fix_eagerload")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"eagerload", b"load_all(")
    what = "Flags `eagerload()` and the pre-1.4 `joinedload_all()` / `subqueryload_all()` / `eagerload_all()` / `defaultload_all()`."
    why = "`eagerload` was an alias removed in 2.0 (`ImportError`); the `*_all` functions were removed before 1.4."
    example = Example(
        before="from sqlalchemy.orm import eagerload\nq = session.query(User).options(eagerload(User.addresses))",
        after="from sqlalchemy.orm import joinedload\nq = session.query(User).options(joinedload(User.addresses))",
    )
    use_instead = (
        "`joinedload()`. A `*_all(\"a.b\")` applied the strategy to every link: "
        "`joinedload(A.a).joinedload(B.b)` (unlike a plain dotted path, see SQ702)."
    )
    fix_safety = "Safe: a rename for `eagerload`; `*_all` becomes one chained call per link."
    references = ("SQLAlchemy 1.4 API: `eagerload()` deprecated (“Please use joinedload()”)", _LOADER_API)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not isinstance(func, ast.Name | ast.Attribute):
            return
        name = sa_name(func, ctx, _EAGER)
        if name is None:
            return
        what = "use `joinedload()`" if name == "eagerload" else "chain one option per link"
        fix = FixSafety.SAFE
        if name != "eagerload" and (node.keywords or not node.args or not all(isinstance(a, ast.Attribute) for a in node.args)):
            fix, what = FixSafety.MANUAL, what + " with class-bound attributes"
        ctx.report(self, at(node), f"`{name}()` no longer exists: {what}", fix=fix)


class DeferSeveral(Rule):
    id = "SQ710"
    name = "defer-several-arguments"
    title = "`defer(a, b)` / `undefer(a, b)` with several positional arguments"
    fix_class = "manual"
    on_20 = "DEPRECATED"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"defer(",)
    what = "Flags `defer()` / `undefer()` given more than one positional argument."
    why = (
        "The extra arguments were a *path* (`defer(User.orders, Order.notes)`), not a list of "
        "columns; 2.0 warns and 2.1 raises `TypeError: defer() takes 1 positional argument`."
    )
    example = Example(
        before="opt = defer(User.orders, Order.notes)",
        after="opt = defaultload(User.orders).defer(Order.notes)",
    )
    use_instead = (
        "For a path: `defaultload(User.orders).defer(Order.notes)`. For several columns: "
        "`defer(User.bio), defer(User.photo)` or `load_only(...)` for the complement."
    )
    fix_safety = "Manual: the intent (path or column list) decides the rewrite; a column list never worked."
    references = ("SQLAlchemy 2.1 changelog, ticket 12441 (multiple arguments to defer()/undefer() removed)",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if len(node.args) < 2:
            return
        loader = loader_call(node, ctx)
        if loader in ("defer", "undefer"):
            ctx.report(self, at(node), f"`{loader}()` with several positional arguments is a path, not a column list: rewrite by intent")


_RELATIONSHIP_FUNCS = frozenset({"relationship", "relation", "backref", "dynamic_loader"})


class NoLoad(Rule):
    id = "SQ711"
    name = "noload"
    title = "`noload()` / `lazy=\"noload\"` → `lazyload()`, `raiseload()` or `lazy=\"write_only\"`"
    fix_class = "manual"
    on_20 = "OK"
    on_21 = "DEPRECATED"
    nodes = (ast.Call,)
    tokens = (b"noload",)
    what = "Flags the `noload()` option and `relationship(..., lazy=\"noload\")`."
    why = "2.1 deprecates `noload`: it produces incorrect results by returning None / empty for related items that exist."
    example = Example(
        before="q = session.query(User).options(noload(User.addresses))",
        after="q = select(User).options(raiseload(User.addresses))",
    )
    use_instead = "`lazyload()` (load on access), `raiseload()` (forbid access) or `lazy=\"write_only\"` for large collections."
    fix_safety = "Manual: each replacement behaves differently from \"pretend it is empty\"."
    references = ("SQLAlchemy 2.1 changelog, ticket 11045 (noload deprecated)",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        for kw in node.keywords:
            if kw.arg == "lazy" and isinstance(kw.value, ast.Constant) and kw.value.value == "noload":
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
                if name in _RELATIONSHIP_FUNCS:
                    ctx.report(self, at(node), "`lazy=\"noload\"` is deprecated in 2.1: choose `\"select\"`, `\"raise\"` or `\"write_only\"`")
                return
        if loader_call(node, ctx) == "noload":
            ctx.report(self, at(node), "`noload()` is deprecated in 2.1: use `lazyload()` or `raiseload()`")


_WILDCARD_ENDS = frozenset({"raiseload", "lazyload", "defer", "noload", "undefer"})


def _owner(arg: ast.expr) -> str | None:
    if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name):
        return arg.value.id
    return None


class DeepPathTopLevel(Rule):
    id = "SQ713"
    name = "deep-loader-path-top-level"
    title = "2.1: loader options from a deeper path no longer apply to the top-level object"
    fix_class = "lint"
    on_20 = "OK"
    on_21 = "CHANGED"
    nodes = (ast.Call,)
    tokens = (b"(\"*\")", b"('*')")
    what = "Flags option chains that come back to the top-level entity and end in a wildcard (`raiseload(\"*\")`, `lazyload(\"*\")`, `defer(\"*\")`)."
    why = (
        "Until 2.0 a wildcard at the end of `joinedload(A.bs).joinedload(B.a).raiseload(\"*\")` also "
        "applied to the top-level `A` objects (the same identities); 2.1 applies it only along the path."
    )
    example = Example(
        before="opt = joinedload(User.orders).joinedload(Order.user).raiseload(\"*\")",
        after="opts = [joinedload(User.orders).joinedload(Order.user).raiseload(\"*\"), raiseload(\"*\")]",
    )
    use_instead = "Give the top-level entity its own option (`raiseload(\"*\")` at the top) if it relied on the deep one."
    fix_safety = "Detect-and-explain: whether the top level relied on the deep option needs a human."
    references = ("SQLAlchemy 2.1 migration notes, “Loader options from a deeper path no longer apply to an object loaded at the top”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in _WILDCARD_ENDS) or string_args(node) != ["*"]:
            return
        links = loader_links(node)
        if len(links) < 3 or loader_call(node, ctx) is None:
            return
        root = links[0]
        root_cls = _owner(root.args[0]) if root.args else None
        if root_cls is None and root.args and isinstance(root.args[0], ast.Name):
            root_cls = root.args[0].id  # Load(User)
        if root_cls is None:
            return
        owners = [_owner(link.args[0]) if link.args else None for link in links[1:-1]]
        last = links[-2].args[0] if links[-2].args else None
        back_home = root_cls in owners[1:] or (
            isinstance(last, ast.Attribute) and last.attr.lower().rstrip("s") == root_cls.lower()
        )
        if back_home:
            ctx.report(self, at(node), f"this option path returns to `{root_cls}`; on 2.1 the wildcard no longer affects top-level `{root_cls}` objects",
                       evidence=Evidence.WEAK)


_PATH_LOADERS = frozenset(
    {"joinedload", "subqueryload", "selectinload", "lazyload", "immediateload", "defaultload", "contains_eager", "raiseload", "noload"}
)


class MultiAttributeLoaderPath(Rule):
    id = "SQ714"
    name = "multi-attribute-loader-path"
    title = "`joinedload(A.b, B.c)` positional paths → chained `defaultload(A.b).joinedload(B.c)`"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_loading:fix_loader_path")
    on_20 = "OK"
    on_21 = "OK"
    nodes = (ast.Call,)
    tokens = (b"load(", b"contains_eager(")
    what = "Flags loader options given a path of several class-bound attributes as positional arguments."
    why = (
        "Still accepted, but it reads like \"load every link\" while it sets the strategy on the last "
        "link only; the chained form says which strategy applies to which link and avoids the "
        "`defer(a, b)` confusion (SQ710) where the extra arguments are a path, not a list."
    )
    example = Example(
        before="opt = selectinload(Address.user, User.addresses)",
        after="opt = defaultload(Address.user).selectinload(User.addresses)",
    )
    use_instead = (
        "One option call per link, chained: `defaultload()` for every link but the last, then the "
        "original strategy (`contains_eager` repeats itself on every link)."
    )
    fix_safety = (
        "Safe: a positional path set the strategy on its last link only (earlier links kept their "
        "mapped loading, like SQ702's dotted strings); `defaultload` says exactly that. "
        "`selectinload(A.b).selectinload(B.c)` would load every link eagerly (verified on 1.4)."
    )
    references = (_LOADER_API,)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if len(node.args) < 2 or not all(isinstance(a, ast.Attribute) for a in node.args):
            return
        loader = loader_call(node, ctx)
        if loader not in _PATH_LOADERS:
            return
        message = f"`{loader}()` given a path of {len(node.args)} attributes: chain one call per link"
        fix = FixSafety.SAFE
        if isinstance(node.func, ast.Attribute) and not sa_name(node.func, ctx, _PATH_LOADERS):
            fix, message = FixSafety.MANUAL, message + " (on an option chain the second argument is not a path link)"
        elif loader == "contains_eager" and node.keywords:
            fix, message = FixSafety.MANUAL, message + " (keywords: decide which link they belong to)"
        ctx.report(self, at(node), message, fix=fix)


class MapperOptionSubclass(Rule):
    id = "SQ715"
    name = "mapper-option"
    title = "`MapperOption` subclasses, `AliasOption` / `contains_alias()`"
    fix_class = "manual"
    on_20 = "DEPRECATED"
    on_21 = "DEPRECATED"
    nodes = (ast.ClassDef, ast.Call)
    tokens = (b"MapperOption", b"contains_alias", b"AliasOption")
    what = "Flags classes deriving from `MapperOption` and uses of `contains_alias()` / `AliasOption`."
    why = (
        "`MapperOption` is deprecated (subclassing it warns nothing, but its hooks belong to the "
        "legacy Query); `contains_alias()` warns and does nothing with `from_statement()`."
    )
    example = Example(
        before="from sqlalchemy.orm.interfaces import MapperOption\nclass TenantOption(MapperOption):\n    pass",
        after=(
            "from sqlalchemy.orm import UserDefinedOption\nclass TenantOption(UserDefinedOption):\n    pass\n"
            "# consumed in a do_orm_execute event handler"
        ),
    )
    use_instead = "A `UserDefinedOption` read by a `do_orm_execute` event handler; delete `contains_alias()`."
    fix_safety = "Manual: the option's behaviour moves into an event handler."
    references = ("SQLAlchemy ORM API: `UserDefinedOption`, `SessionEvents.do_orm_execute`", "SQLAlchemy 1.4 API: `MapperOption` deprecated")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                if sa_name(base, ctx, {"MapperOption"}):
                    ctx.report(self, at(node), f"`{node.name}` subclasses the deprecated `MapperOption`: use `UserDefinedOption` + `do_orm_execute`")
                    return
            return
        assert isinstance(node, ast.Call)
        func = node.func
        if isinstance(func, ast.Name | ast.Attribute):
            name = sa_name(func, ctx, {"contains_alias", "AliasOption"})
            if name:
                ctx.report(self, at(node), f"`{name}()` is deprecated and has no effect with `from_statement()`: delete it")
