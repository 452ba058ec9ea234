"""Fixers for the loading rules: renamed loaders, join paths and tuples, loader paths.

SQ709 `eagerload` → `joinedload`; SQ704 `join(A.b, B.c)` and SQ705 `join((T, on), ...)` → one
`join()` per link; SQ714 `joinedload(A.b, B.c)` → `defaultload(A.b).joinedload(B.c)`; SQ708 `contains_eager(rel,
alias=a)` → `contains_eager(rel.of_type(a))`. Loaded lazily (libcst).
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules._fix_core import _method, _strip_trailing_comma

_ORM = "sqlalchemy.orm"
_ALL = {"eagerload_all": "joinedload", "joinedload_all": "joinedload", "subqueryload_all": "subqueryload",
        "selectinload_all": "selectinload", "defaultload_all": "defaultload"}


def _call(node: cst.CSTNode, what: str) -> cst.Call:
    if not isinstance(node, cst.Call):
        raise CannotFix(f"not a {what} call")
    return node


def _last_name(func: cst.BaseExpression) -> str:
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute):
        return func.attr.value
    raise CannotFix("not a named function")


def _renamed(func: cst.BaseExpression, new: str, fx: FixContext) -> cst.BaseExpression:
    """`eagerload` → the file's own spelling of `joinedload`; `orm.eagerload` → `orm.joinedload`."""
    if isinstance(func, cst.Attribute):
        return func.with_changes(attr=cst.Name(new))
    assert isinstance(func, cst.Name)
    fx.remove_import(_ORM, func.value)
    return fx.name(_ORM, new)


def _bare(args: Sequence[cst.Arg]) -> list[cst.Arg]:
    return [cst.Arg(value=a.value, keyword=a.keyword, equal=a.equal, star=a.star) for a in args]


def _chain_links(head: cst.BaseExpression, name: str, links: Sequence[cst.Arg], keywords: Sequence[cst.Arg]) -> cst.BaseExpression:
    """`head(first)` is built by the caller; each further link becomes `.name(link, **keywords)`."""
    expr = head
    for link in links:
        expr = _method(expr, name, [cst.Arg(value=link.value), *_bare(keywords)])
    return expr


def fix_eagerload(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ709: `eagerload(X.y)` → `joinedload(X.y)`; `joinedload_all(A.b, B.c)` → `joinedload(A.b).joinedload(B.c)`."""
    call = _call(node, "eagerload()")
    old = _last_name(call.func)
    if old == "eagerload":
        return call.with_changes(func=_renamed(call.func, "joinedload", fx))
    new = _ALL.get(old)
    if new is None:
        raise CannotFix(f"`{old}()` has no known replacement")
    positional = [a for a in call.args if a.keyword is None and not a.star]
    if len(positional) != len(call.args) or not positional:
        raise CannotFix(f"`{old}()` with keywords or `*args`: chain the options by hand")
    if any(not isinstance(a.value, cst.Attribute) for a in positional):
        raise CannotFix(f"`{old}()` given string names: chain `{new}()` with class-bound attributes by hand")
    first = call.with_changes(func=_renamed(call.func, new, fx), args=[cst.Arg(value=positional[0].value)])
    return _chain_links(first, new, positional[1:], [])


def fix_loader_path(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ714: `selectinload(A.b, B.c)` → `defaultload(A.b).selectinload(B.c)`.

    A positional path set the strategy on its last link only; the links before it kept their
    mapped loading (1.4 and 2.x `_from_keys(..., chained=False)`), exactly what `defaultload`
    says. Keywords belonged to the last link. `contains_eager` is the exception: it chained
    itself on every link (`chained=True`).
    """
    call = _call(node, "loader option")
    name = _last_name(call.func)
    if isinstance(call.func, cst.Attribute) and not (fx.qualify(call.func) or "").startswith("sqlalchemy"):
        raise CannotFix(f"`.{name}()` on an option chain takes one attribute; its second argument is not a path link")
    positional = [a for a in call.args if a.keyword is None and not a.star]
    keywords = [a for a in call.args if a.keyword is not None]
    if len(positional) < 2 or any(a.star for a in call.args):
        raise CannotFix("not a positional path of attributes")
    if name == "contains_eager":
        if keywords:
            raise CannotFix("`contains_eager()` path with keywords: decide which link they belong to by hand")
        first = call.with_changes(args=[cst.Arg(value=positional[0].value)])
        return _chain_links(first, name, positional[1:], [])
    head: cst.BaseExpression = cst.Call(func=fx.name(_ORM, "defaultload"), args=[cst.Arg(value=positional[0].value)])
    for link in positional[1:-1]:
        head = _method(head, "defaultload", [cst.Arg(value=link.value)])
    return _method(head, name, [cst.Arg(value=positional[-1].value), *_bare(keywords)])


_JOIN_KEYWORDS = frozenset({"isouter", "full"})


def _join_parts(call: cst.Call) -> tuple[cst.Attribute, list[cst.Arg], list[cst.Arg]]:
    if not isinstance(call.func, cst.Attribute) or call.func.attr.value not in ("join", "outerjoin"):
        raise CannotFix("not a `join()` / `outerjoin()` method call")
    if any(a.star for a in call.args):
        raise CannotFix("`join(*args)`: split the joins by hand")
    positional = [a for a in call.args if a.keyword is None]
    keywords = [a for a in call.args if a.keyword is not None]
    for kw in keywords:
        assert kw.keyword is not None
        if kw.keyword.value not in _JOIN_KEYWORDS:
            raise CannotFix(f"`join(..., {kw.keyword.value}=...)`: rewrite by hand (SQ706 for aliased=/from_joinpoint=)")
    return call.func, positional, keywords


def fix_join_chain(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ704: `q.join(User.orders, Order.items)` → `q.join(User.orders).join(Order.items)`.

    1.4 joined each relationship from the previous one's target, with the same outer-ness:
    one call per link does exactly that, and keywords (`isouter=`, `full=`) go to every link.
    """
    call = _call(node, "join()")
    func, positional, keywords = _join_parts(call)
    if len(positional) < 2:
        raise CannotFix("a single join target")
    if any(isinstance(a.value, cst.BaseString) for a in positional):
        raise CannotFix("a path given as relationship names (strings): resolve them (SQ703) before splitting")
    expr: cst.BaseExpression = func.value
    for link in positional:
        expr = _method(expr, func.attr.value, [cst.Arg(value=link.value), *_bare(keywords)])
    return expr


def fix_join_tuples(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ705: `q.join((Address, on1), (Order, on2))` → `q.join(Address, on1).join(Order, on2)`."""
    call = _call(node, "join()")
    func, positional, keywords = _join_parts(call)
    links: list[list[cst.Arg]] = []
    for arg in positional:
        value = arg.value
        if not (isinstance(value, cst.Tuple) and len(value.elements) == 2):
            raise CannotFix("`join()` mixes tuples with other arguments: split the joins by hand")
        if any(isinstance(e, cst.StarredElement) for e in value.elements):
            raise CannotFix("a starred element in a join tuple")
        links.append([cst.Arg(value=e.value) for e in value.elements])
    expr: cst.BaseExpression = func.value
    for args in links:
        expr = _method(expr, func.attr.value, [*args, *_bare(keywords)])
    return expr


def fix_contains_eager_alias(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """SQ708: `contains_eager(User.addresses, alias=aa)` → `contains_eager(User.addresses.of_type(aa))`."""
    call = _call(node, "contains_eager()")
    alias = next((a for a in call.args if a.keyword is not None and a.keyword.value == "alias"), None)
    if alias is None:
        raise CannotFix("no `alias=` argument")
    if isinstance(alias.value, cst.SimpleString | cst.ConcatenatedString | cst.FormattedString):
        raise CannotFix("`alias=` names an alias by string: build `aliased(Target, <that alias>)` and use `.of_type()` by hand")
    positional = [a for a in call.args if a.keyword is None]
    if len(positional) != 1 or positional[0].star or len(call.args) != 2:
        raise CannotFix("`contains_eager()` with a path or other arguments: apply `.of_type()` to the right link by hand")
    rel = positional[0].value
    typed = cst.Call(func=cst.Attribute(value=rel, attr=cst.Name("of_type")), args=[cst.Arg(value=alias.value)])
    return call.with_changes(args=_strip_trailing_comma([cst.Arg(value=typed)]))
