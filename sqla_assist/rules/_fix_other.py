"""Fixers for SQ8xx: SQ803 (`RemovedIn20Warning`) and SQ805 (automap `prepare()` arguments).

Loaded lazily by `LazyFixer`, so detection never imports libcst.
"""

from __future__ import annotations

import ast

import libcst as cst

from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules._sq8_fixability import bulk_refusal, prepare_refusal, warning_string_refusal

_OLD = "RemovedIn20Warning"
_NEW = "SADeprecationWarning"


# -- SQ803 -----------------------------------------------------------------------------------
def _name_used_elsewhere(fx: FixContext, name: str) -> bool:
    """Whether `name` is read as a bare name anywhere in the file (not just imported)."""
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(fx.tree))


def fix_removed_in_20_warning(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`RemovedIn20Warning` → `SADeprecationWarning`, its 2.x base class (still "deprecations")."""
    if isinstance(node, cst.Attribute):
        return node.with_changes(attr=cst.Name(_NEW))
    if isinstance(node, cst.SimpleString):
        if "SQLALCHEMY_WARN_20" in node.value:
            raise CannotFix("`SQLALCHEMY_WARN_20` does nothing on 2.x: delete the line that sets it")
        text = node.evaluated_value
        refusal = warning_string_refusal(text) if isinstance(text, str) else "not a text string: edit it by hand"
        if refusal is not None:
            raise CannotFix(refusal)
        return node.with_changes(value=node.value.replace(_OLD, _NEW))
    if isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar):
        names: list[cst.ImportAlias] = []
        for alias in node.names:
            if isinstance(alias.name, cst.Name) and alias.name.value == _OLD:
                if alias.asname is None and _name_used_elsewhere(fx, _OLD):
                    # The bare name is used below: keep it bound, now to the 2.x class.
                    alias = alias.with_changes(
                        name=cst.Name(_NEW), asname=cst.AsName(name=cst.Name(_OLD))
                    )
                else:
                    alias = alias.with_changes(name=cst.Name(_NEW))
            names.append(alias)
        return node.with_changes(names=names)
    raise CannotFix("this reference to `RemovedIn20Warning` has no mechanical rewrite: use `SADeprecationWarning`")


# -- SQ805 -----------------------------------------------------------------------------------
def _literal_bool(value: cst.BaseExpression) -> bool | None:
    if isinstance(value, cst.Name) and value.value in ("True", "False"):
        return value.value == "True"
    return None


def fix_automap_prepare(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`prepare(engine, reflect=True)` → `prepare(autoload_with=engine)`; `engine=` without reflect is dropped."""
    if not isinstance(node, cst.Call):
        raise CannotFix("not a prepare() call")
    call = fx.to_ast(node)
    refusal = prepare_refusal(call) if isinstance(call, ast.Call) else "not a prepare() call"
    if refusal is not None:  # the same answer detection gave (it reports these MANUAL)
        raise CannotFix(refusal)
    if any(a.star for a in node.args):
        raise CannotFix("`prepare(*args / **kwargs)`: rewrite by hand")
    positional = [a for a in node.args if a.keyword is None]
    if len(positional) > 1:
        raise CannotFix("`prepare()` with several positional arguments: name them by hand")
    # On 1.4 and 2.x the first positional parameter is `autoload_with` (it always reflects);
    # only the `engine=` keyword depends on `reflect=`.
    positional_engine = positional[0].value if positional else None
    engine: cst.BaseExpression | None = None
    reflect: bool | None = False
    rest: list[cst.Arg] = []
    for arg in node.args:
        if arg.keyword is None:
            continue
        key = arg.keyword.value
        if key == "engine":
            engine = arg.value
        elif key == "reflect":
            reflect = _literal_bool(arg.value)
            if reflect is None and positional_engine is None:
                raise CannotFix("`reflect=` is not a literal True/False: decide on `autoload_with=` by hand")
        elif key == "autoload_with":
            raise CannotFix("`autoload_with=` given together with the deprecated arguments: merge them by hand")
        else:
            rest.append(arg)
    if positional_engine is not None:
        if engine is not None:
            raise CannotFix("both a positional `autoload_with` and `engine=`: keep one by hand")
        engine, reflect = positional_engine, True
    args: list[cst.Arg] = []
    if reflect:
        if engine is None:
            raise CannotFix("`reflect=True` without an engine reflected through bound metadata: pass `autoload_with=<engine>`")
        eq = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
        args.append(cst.Arg(keyword=cst.Name("autoload_with"), value=engine, equal=eq))
    # Without reflection 1.4 ignored an `engine=` keyword; dropping it keeps behaviour.
    args.extend(rest)
    if args:
        args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return node.with_changes(args=args)


# -- SQ804 -----------------------------------------------------------------------------------
def _eq() -> cst.AssignEqual:
    return cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


def fix_bulk_mappings(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`session.bulk_insert_mappings(E, rows)` → `session.execute(insert(E)..., rows)` (2.0+).

    Kept from the legacy call: no autoflush before it (`autoflush=False`), and for updates no
    refresh of objects already in the session (`synchronize_session=False`), both verified
    against `bulk_*_mappings` on 1.4.
    """
    from sqla_assist.rules._fix_query_more import _finding_node

    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        raise CannotFix("not a bulk_*_mappings() call")
    method = node.func.attr.value
    call = fx.to_ast(node)
    refusal = bulk_refusal(call, method)[0] if isinstance(call, ast.Call) else "not a bulk_*_mappings() call"
    if refusal is not None:  # the answer detection gave too (it reports these MANUAL)
        raise CannotFix(refusal)
    verb = {"bulk_insert_mappings": "insert", "bulk_update_mappings": "update"}.get(method)
    if verb is None:
        raise CannotFix("`bulk_save_objects()` takes objects that may mix inserts and updates: rewrite by hand")
    if any(a.star for a in node.args):
        raise CannotFix(f"`{method}(*...)`: rewrite by hand")
    positional = [a for a in node.args if a.keyword is None]
    keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
    mapper = keywords.pop("mapper", None) or (positional.pop(0).value if positional else None)
    mappings = keywords.pop("mappings", None) or (positional.pop(0).value if positional else None)
    if mapper is None or mappings is None or positional:
        raise CannotFix(f"`{method}()` with unexpected arguments: rewrite by hand")
    options = [cst.Arg(keyword=cst.Name("autoflush"), value=cst.Name("False"), equal=_eq())]
    if verb == "insert":
        flag = keywords.pop("return_defaults", None)
        if flag is not None and _literal_bool(flag) is not False:
            raise CannotFix("`return_defaults=True` filled the dicts with new keys: use `insert(E).returning(...)` by hand")
        nulls = keywords.pop("render_nulls", None)
        if nulls is not None:
            value = _literal_bool(nulls)
            if value is None:
                raise CannotFix("`render_nulls=` is not a literal True/False: rewrite by hand")
            if value:
                options.append(cst.Arg(keyword=cst.Name("render_nulls"), value=cst.Name("True"), equal=_eq()))
        if not (isinstance(mappings, cst.List | cst.Tuple) and mappings.elements):
            fx.unsafe(
                f"`{fx.code(mappings)}` is taken to be non-empty: `session.execute(insert(E), [])` inserts "
                "one row of defaults where the legacy call inserted nothing"
            )
    else:
        options.append(cst.Arg(keyword=cst.Name("synchronize_session"), value=cst.Name("False"), equal=_eq()))
    if keywords:
        raise CannotFix(f"`{', '.join(sorted(keywords))}=` has no ORM bulk statement equivalent: rewrite by hand")
    found, parents = _finding_node(fx)
    if found is None or not isinstance(parents.get(id(found)), ast.Expr):
        raise CannotFix(f"the value of `{method}()` (None) is used: rewrite by hand")
    for i, opt in enumerate(options[:-1]):
        options[i] = opt.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    stmt = cst.Call(
        func=cst.Attribute(
            value=cst.Call(func=fx.name("sqlalchemy", verb), args=[cst.Arg(mapper)]),
            attr=cst.Name("execution_options"),
        ),
        args=options,
    )
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return node.with_changes(
        func=node.func.with_changes(attr=cst.Name("execute")),
        args=[cst.Arg(stmt, comma=comma), cst.Arg(mappings)],
    )
