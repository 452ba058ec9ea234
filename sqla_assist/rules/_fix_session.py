"""Fixers for the session-rescoping rules that have an exact rewrite (RULES.md §3).

SQ202 / SQ203 drop a no-op argument, SQ210 renames a call, SQ219 names positional arguments,
SQ208 wraps a raw string in `text()` (1.4's Session already did exactly that), SQ207 moves
bind keywords into `bind_arguments`. Loaded lazily by `LazyFixer`.
"""

from __future__ import annotations

import libcst as cst

from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix

_ORM = "sqlalchemy.orm"

# 1.4's Session.__init__ order; 2.0 takes only `bind` positionally.
_SESSION_ORDER_14 = ("bind", "autoflush", "future", "expire_on_commit", "autocommit", "twophase", "binds")
_BIND_KW = ("mapper", "bind", "clause")
# Keywords 1.4's Session.execute/scalar/scalars took for themselves (not bind arguments).
_OWN_KW = frozenset({"params", "execution_options", "bind_arguments"})


def _is_literal(value: cst.BaseExpression, literal: str) -> bool:
    return isinstance(value, cst.Name) and value.value == literal


# -- SQ202 / SQ203 ---------------------------------------------------------------------------
def fix_drop_autocommit_false(node: cst.CSTNode, fx: FixContext) -> cst.RemovalSentinel:
    """`autocommit=False` is ignored by 1.4, 2.0 and 2.1 alike: the argument goes."""
    if not (isinstance(node, cst.Arg) and node.keyword is not None and node.keyword.value == "autocommit"):
        raise CannotFix("not an `autocommit=` argument")
    if not _is_literal(node.value, "False"):
        raise CannotFix("`autocommit=` is not the literal False")
    return cst.RemoveFromParent()


def fix_drop_future_true(node: cst.CSTNode, fx: FixContext) -> cst.RemovalSentinel:
    """`future=True` is a no-op on 2.x (the fix is for after the version bump)."""
    if not (isinstance(node, cst.Arg) and node.keyword is not None and node.keyword.value == "future"):
        raise CannotFix("not a `future=` argument")
    if not _is_literal(node.value, "True"):
        raise CannotFix("`future=` is not the literal True: migrate the 1.x usages it keeps alive first")
    return cst.RemoveFromParent()


# -- SQ210 -----------------------------------------------------------------------------------
def fix_close_all(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`Session.close_all()` → `close_all_sessions()`: the classmethod only ever called it."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "close_all"):
        raise CannotFix("not a `close_all()` call")
    if node.args:
        raise CannotFix("`close_all()` with arguments")
    if not isinstance(node.func.value, cst.Name | cst.Attribute):
        raise CannotFix("the receiver is an expression with possible side effects")
    return node.with_changes(func=fx.name(_ORM, "close_all_sessions"))


# -- SQ219 -----------------------------------------------------------------------------------
def fix_session_positional(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`Session(engine, False, True)` → `Session(engine, autoflush=False, future=True)` (1.4 order)."""
    if not isinstance(node, cst.Call):
        raise CannotFix("not a `Session(...)` call")
    positional = [a for a in node.args if a.keyword is None]
    if any(a.star for a in node.args if a.keyword is None):
        raise CannotFix("a `*args` splat: the positions cannot be named")
    if any(a.keyword is not None for a in node.args[: len(positional)]):
        raise CannotFix("positional arguments after keywords")
    if len(positional) > len(_SESSION_ORDER_14):
        raise CannotFix("more positional arguments than the 1.4 signature names here: name them by hand")
    taken = {a.keyword.value for a in node.args if a.keyword is not None}
    new_args: list[cst.Arg] = [positional[0]]
    for name, arg in zip(_SESSION_ORDER_14[1:], positional[1:], strict=False):
        if name in taken:
            raise CannotFix(f"`{name}` is given both positionally and as a keyword")
        new_args.append(
            arg.with_changes(
                keyword=cst.Name(name),
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
                ),
            )
        )
    return node.with_changes(args=[*new_args, *node.args[len(positional):]])


# -- SQ208 -----------------------------------------------------------------------------------
def fix_session_execute_string(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`session.execute("...")` → `session.execute(text("..."))`: 1.4 coerced it with text()."""
    if not (isinstance(node, cst.Call) and node.args and node.args[0].keyword is None and not node.args[0].star):
        raise CannotFix("no statement argument to wrap")
    first = node.args[0]
    if isinstance(first.value, cst.Name):
        fact = fx.fact(first.value)
        if fact.via != "<str>":
            raise CannotFix(f"`{first.value.value}` is not known to hold a plain string literal")
    elif not isinstance(first.value, cst.SimpleString | cst.ConcatenatedString):
        raise CannotFix("the SQL is not a plain string literal (built SQL is an injection risk): use text() with bound parameters")
    if isinstance(first.value, cst.ConcatenatedString) and any(
        isinstance(part, cst.FormattedString) for part in (first.value.left, first.value.right)
    ):
        raise CannotFix("the SQL is built with an f-string: use text() with bound parameters")
    wrapped = cst.Call(func=fx.name("sqlalchemy", "text"), args=[cst.Arg(value=first.value)])
    return node.with_changes(args=[first.with_changes(value=wrapped), *node.args[1:]])


# -- SQ207 -----------------------------------------------------------------------------------
def fix_session_bind_kwargs(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`session.execute(stmt, mapper=User)` → `session.execute(stmt, bind_arguments={"mapper": User})`."""
    if not isinstance(node, cst.Call):
        raise CannotFix("not an execute() call")
    moved = [a for a in node.args if a.keyword is not None and a.keyword.value in _BIND_KW]
    if not moved:
        raise CannotFix("no bind keyword to move")
    for arg in node.args:
        if arg.star == "**":
            raise CannotFix("a `**kwargs` splat may hold more bind arguments: merge them into `bind_arguments` by hand")
        if arg.keyword is not None and arg.keyword.value == "bind_arguments":
            raise CannotFix("`bind_arguments=` is already given: merge the keywords into it by hand")
        if arg.keyword is not None and arg.keyword.value not in _BIND_KW and arg.keyword.value not in _OWN_KW:
            raise CannotFix(
                f"`{arg.keyword.value}=` was taken as a bind argument by 1.4 too, so this call never worked: decide what it means"
            )
    elements = [
        cst.DictElement(key=cst.SimpleString(f'"{a.keyword.value}"'), value=a.value)  # type: ignore[union-attr]
        for a in moved
    ]
    bind_arguments = cst.Arg(
        keyword=cst.Name("bind_arguments"),
        value=cst.Dict(elements=elements),
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )
    kept = [a for a in node.args if a not in moved]
    first_moved = node.args.index(moved[0])
    before = [a for a in kept if node.args.index(a) < first_moved]
    after = [a for a in kept if node.args.index(a) > first_moved]
    new_args = [*before, bind_arguments, *after]
    comma_style = node.args[-1].comma
    if new_args[-1] is not bind_arguments and isinstance(new_args[-1].comma, cst.Comma):
        new_args[-1] = new_args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    new_args[-1] = new_args[-1].with_changes(comma=comma_style)
    if len(before) and isinstance(before[-1].comma, cst.MaybeSentinel):
        new_args[len(before) - 1] = before[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return node.with_changes(args=new_args)
