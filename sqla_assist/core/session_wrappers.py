"""A module's own session helpers that default `autocommit=True` (oslo.db-era OpenStack code):
`def get_session(expire_on_commit=True, autocommit=True): return facade.get_session(...,
autocommit=autocommit)`. Every plain call of one gave an autocommit session, which 2.0 no
longer has. Found here, in core, because the gathering pass exports them for other modules'
calls (`db_api.get_session()`), and SQ201 asks the same question for calls in the module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

# Export key suffix: `get_session()!autocommit` in a module's exports marks such a helper.
AUTOCOMMIT_EXPORT = "()!autocommit"


def parameter_defaults(func: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, ast.expr]:
    """Parameter name -> its default value expression (parameters with one only)."""
    args = func.args
    positional = [*args.posonlyargs, *args.args]
    named = positional[len(positional) - len(args.defaults):]
    out = {a.arg: d for a, d in zip(named, args.defaults, strict=True)}
    out.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None})
    return out


def _passes_flag_on(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(
        isinstance(sub, ast.Call)
        and any(k.arg == "autocommit" and isinstance(k.value, ast.Name) and k.value.id == "autocommit" for k in sub.keywords)
        for sub in ast.walk(func)
    )


def _names_in(func: ast.expr) -> Iterator[str]:
    """The names a callee is spelt with: `db_session.EngineFacade.from_config` → from_config,
    EngineFacade, db_session."""
    while isinstance(func, ast.Attribute):
        yield func.attr
        func = func.value
    if isinstance(func, ast.Name):
        yield func.id


def _autocommit_facade(tree: ast.Module) -> bool:
    """Does the module build oslo.db's legacy facade in autocommit mode
    (`EngineFacade.from_config(CONF, autocommit=True)`, blazar's facade_wrapper; or
    `conf['autocommit'] = True` then `EngineFacade(url, **conf)`, designate's)?"""
    flagged_dicts: set[str] = set()
    facades: list[ast.Call] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and any(n.endswith("EngineFacade") for n in _names_in(node.func)):
            facades.append(node)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and node.value.value is True:
            for target in node.targets:
                if (
                    isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                    and isinstance(target.slice, ast.Constant) and target.slice.value == "autocommit"
                ):
                    flagged_dicts.add(target.value.id)
    for call in facades:
        for k in call.keywords:
            if k.arg == "autocommit" and isinstance(k.value, ast.Constant) and k.value.value is True:
                return True
            if k.arg is None and isinstance(k.value, ast.Name) and k.value.id in flagged_dicts:
                return True
    return False


def _hands_out_facade_session(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """`return _get_facade().get_session()`: the facade's own mode, unless told otherwise."""
    return any(
        isinstance(sub, ast.Call)
        and isinstance(sub.func, ast.Attribute)
        and sub.func.attr == "get_session"
        and not any(k.arg == "autocommit" for k in sub.keywords)
        for sub in ast.walk(func)
    )


def autocommit_wrappers(tree: ast.Module) -> frozenset[str]:
    """Names of the module-level functions that default `autocommit=True` and hand it on, or
    hand out sessions of an autocommit facade built in the same module."""
    found: set[str] = set()
    facade: bool | None = None
    for stmt in tree.body:
        if not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        default = parameter_defaults(stmt).get("autocommit")
        if isinstance(default, ast.Constant) and default.value is True and _passes_flag_on(stmt):
            found.add(stmt.name)
        elif default is None and _hands_out_facade_session(stmt):
            if facade is None:
                facade = _autocommit_facade(tree)
            if facade:
                found.add(stmt.name)
    return frozenset(found)


def module_wrappers(memo: dict[tuple[object, ...], object], tree: ast.Module) -> frozenset[str]:
    """`autocommit_wrappers(tree)` once per file analysis: SQ201 and the module's exports both
    ask (`memo` is the file context's)."""
    found = memo.get(_MEMO_KEY)
    if not isinstance(found, frozenset):
        found = memo[_MEMO_KEY] = autocommit_wrappers(tree)
    return found


_MEMO_KEY = ("session_wrappers", "autocommit")
