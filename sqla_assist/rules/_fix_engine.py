"""Fixers for the engine-execution rules that have an exact rewrite (RULES.md §5).

Import moves (SQ413, SQ423), renames (SQ420, SQ425, SQ419), argument shapes for
`Connection.execute()` (SQ405–SQ407), removed engine arguments (SQ414), `URL.create` (SQ422),
`autoload_with` (SQ412), branching (SQ417), and the statement-level rewrites of connectionless
execution into a `with engine.begin()/connect() as conn:` block (SQ401, SQ402, SQ418).
Loaded lazily by `LazyFixer`.
"""

from __future__ import annotations

import ast

import libcst as cst

from sqla_assist.core.evidence import Kind
from sqla_assist.core.fix import FixContext
from sqla_assist.core.fixer import CannotFix
from sqla_assist.rules._engine_shapes import CONSUMERS

_TOP_LEVEL_FUTURE = frozenset({"select", "create_engine", "Engine", "Connection", "Result", "Row"})
_EQ = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def _strip_trailing_comma(args: list[cst.Arg]) -> list[cst.Arg]:
    if args:
        args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return args


def _is_string(value: cst.BaseExpression, fx: FixContext) -> bool:
    if isinstance(value, cst.SimpleString | cst.ConcatenatedString | cst.FormattedString):
        return True
    return isinstance(value, cst.Name) and fx.fact(value).via in ("<str>", "<fstr>")


# -- SQ413 / SQ423: import moves -------------------------------------------------------------
def fix_future_import(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`from sqlalchemy.future import select, create_engine` → `from sqlalchemy import ...`."""
    if not isinstance(node, cst.ImportFrom) or node.relative or _dotted(node.module or cst.Name("")) != "sqlalchemy.future":
        raise CannotFix("only `from sqlalchemy.future import ...` is moved automatically")
    if isinstance(node.names, cst.ImportStar):
        raise CannotFix("a star import: import the names from `sqlalchemy` by hand")
    names = [a.name.value for a in node.names if isinstance(a.name, cst.Name)]
    odd = [n for n in names if n not in _TOP_LEVEL_FUTURE]
    if odd or len(names) != len(node.names):
        raise CannotFix(f"`{', '.join(odd) or 'a dotted name'}` is not a plain re-export of `sqlalchemy`: move it by hand")
    return node.with_changes(module=cst.Name("sqlalchemy"))


def fix_databases_import(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`sqlalchemy.databases[.x]` → `sqlalchemy.dialects[.x]`, `postgres` → `postgresql`."""
    if not isinstance(node, cst.ImportFrom) or node.relative or node.module is None:
        raise CannotFix("only `from sqlalchemy.databases... import ...` is moved automatically")
    module = _dotted(node.module)
    parts = module.split(".")
    if parts[:2] != ["sqlalchemy", "databases"]:
        raise CannotFix("not an import from `sqlalchemy.databases`")
    parts[1] = "dialects"
    if len(parts) > 2 and parts[2] == "postgres":
        parts[2] = "postgresql"
    new_module = cst.parse_expression(".".join(parts))
    assert isinstance(new_module, cst.Name | cst.Attribute)
    if isinstance(node.names, cst.ImportStar):
        return node.with_changes(module=new_module)
    names = []
    for alias in node.names:
        if len(parts) == 2 and isinstance(alias.name, cst.Name) and alias.name.value == "postgres":
            # keep the local name the code uses
            asname = alias.asname or cst.AsName(name=cst.Name("postgres"))
            alias = alias.with_changes(name=cst.Name("postgresql"), asname=asname)
        names.append(alias)
    return node.with_changes(module=new_module, names=names)


# -- SQ420 -----------------------------------------------------------------------------------
def fix_inspector(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`Inspector.from_engine(e)` / `Inspector(e)` → `inspect(e)`; `reflecttable` → `reflect_table`."""
    if not isinstance(node, cst.Call):
        raise CannotFix("not a call")
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value == "reflecttable":
        return node.with_changes(func=func.with_changes(attr=cst.Name("reflect_table")))
    if len(node.args) != 1 or node.args[0].keyword is not None or node.args[0].star:
        raise CannotFix("`inspect()` takes exactly the engine or connection")
    return node.with_changes(func=fx.name("sqlalchemy", "inspect"))


# -- SQ425 -----------------------------------------------------------------------------------
def fix_execute_sequence(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`conn.execute(Sequence(...))` → `conn.scalar(Sequence(...))`: both return the next value."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "execute"):
        raise CannotFix("not an execute() call")
    if len(node.args) != 1:
        raise CannotFix("parameters given along with the Sequence")
    return node.with_changes(func=node.func.with_changes(attr=cst.Name("scalar")))


# -- SQ414 -----------------------------------------------------------------------------------
def fix_removed_engine_arg(node: cst.CSTNode, fx: FixContext) -> cst.RemovalSentinel:
    """Drop an engine argument that had no effect (`convert_unicode`, utf-8 `encoding`, ...)."""
    if not isinstance(node, cst.Arg) or node.keyword is None:
        raise CannotFix("not a keyword argument")
    name, value = node.keyword.value, node.value
    literal = value.evaluated_value if isinstance(value, cst.SimpleString) else None
    if name in ("convert_unicode", "empty_in_strategy"):
        return cst.RemoveFromParent()
    if name == "encoding" and isinstance(literal, str) and literal.lower().replace("-", "") in ("utf8", "utf8mb4"):
        return cst.RemoveFromParent()
    if name == "case_sensitive" and isinstance(value, cst.Name) and value.value == "True":
        return cst.RemoveFromParent()
    raise CannotFix(f"`{name}=` with this value changes behaviour: move it to the driver's options by hand")


# -- SQ405 / SQ406 / SQ407: parameter shapes --------------------------------------------------
def _already_driver_sql(node: cst.Call) -> bool:
    return isinstance(node.func, cst.Attribute) and node.func.attr.value == "exec_driver_sql"


def _receiver_is_engine(node: cst.Call, fx: FixContext) -> bool:
    return isinstance(node.func, cst.Attribute) and fx.fact(node.func.value).kind is Kind.ENGINE


def fix_execute_kwargs(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`conn.execute(stmt, id=1, name="x")` → `conn.execute(stmt, {"id": 1, "name": "x"})`."""
    if not isinstance(node, cst.Call):
        raise CannotFix("not an execute() call")
    if _already_driver_sql(node):
        return node  # SQ404's fixer already made the parameters one dict
    options = {"execution_options", "bind_arguments", "params"}
    positional = [a for a in node.args if a.keyword is None and a.star != "**"]
    params = [a for a in node.args if a not in positional and not (a.keyword and a.keyword.value in options)]
    others = [a for a in node.args if a not in positional and a not in params]
    if len(positional) != 1 or positional[0].star:
        raise CannotFix("positional parameters next to keyword ones: build one dict by hand")
    if others:
        raise CannotFix("`execution_options=` / `params=` were bind parameters in 1.x: decide what they mean")
    if len(params) == 1 and params[0].star == "**":
        value: cst.BaseExpression = params[0].value
    else:
        elements: list[cst.BaseDictElement] = []
        for a in params:
            if a.star == "**":
                elements.append(cst.StarredDictElement(value=a.value))
            else:
                assert a.keyword is not None
                elements.append(cst.DictElement(key=cst.SimpleString(f'"{a.keyword.value}"'), value=a.value))
        value = cst.Dict(elements=elements)
    first = positional[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return node.with_changes(args=[first, cst.Arg(value=value, comma=node.args[-1].comma)])


def fix_execute_multi(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`conn.execute(stmt, d1, d2)` → `conn.execute(stmt, [d1, d2])`; `*rows` → `list(rows)`."""
    if not isinstance(node, cst.Call):
        raise CannotFix("not an execute() call")
    if _already_driver_sql(node):
        return node
    first, rest = node.args[0], list(node.args[1:])
    if _is_string(first.value, fx):
        raise CannotFix("a raw SQL string: `exec_driver_sql()` takes the list (SQ404 / SQ401)")
    if any(a.keyword is not None for a in rest):
        raise CannotFix("keyword arguments next to the parameter sets")
    if len(rest) == 1 and rest[0].star == "*":
        value = rest[0].value
        if not isinstance(value, cst.List | cst.Tuple | cst.ListComp):
            fx.unsafe(f"`{fx.code(value)}` is taken to hold dicts")
        new: cst.BaseExpression = cst.Call(func=cst.Name("list"), args=[cst.Arg(value=value)])
    elif rest and all(isinstance(a.value, cst.Dict) and not a.star for a in rest):
        new = cst.List(elements=[cst.Element(value=a.value) for a in rest])
    else:
        raise CannotFix("the parameter sets are not all dict literals")
    return node.with_changes(
        args=[first.with_changes(comma=cst.MaybeSentinel.DEFAULT), cst.Arg(value=new, comma=node.args[-1].comma)]
    )


def fix_execute_positional(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """Positional parameters belong to the driver: `exec_driver_sql(sql, (a, b))` (SQ404's rewrite)."""
    if not isinstance(node, cst.Call):
        raise CannotFix("not an execute() call")
    if _already_driver_sql(node):
        return node
    if not node.args or not _is_string(node.args[0].value, fx):
        raise CannotFix("positional parameters never worked with a SQL construct: pass a dict of named parameters")
    if _receiver_is_engine(node, fx):
        raise CannotFix("an `Engine` has no `exec_driver_sql()`: fixed together with SQ401")
    from sqla_assist.rules._fix_core import fix_raw_sql_execute

    return fix_raw_sql_execute(node, fx)


# -- SQ419 -----------------------------------------------------------------------------------
def fix_engine_inspection(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`engine.table_names()` → `inspect(engine).get_table_names()`; `has_table` likewise."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
        raise CannotFix("not a method call")
    method = node.func.attr.value
    receiver = node.func.value
    if method == "exists":
        raise CannotFix("`Table.exists()` needs the engine: `inspect(engine).has_table(t.name, schema=t.schema)`")
    if any(a.keyword is not None and a.keyword.value == "connection" for a in node.args):
        raise CannotFix("`connection=` given: call `inspect(connection)` by hand")
    if method == "has_table" and not (node.args and node.args[0].keyword is None):
        raise CannotFix("`has_table()` without a table name")
    new_method = "get_table_names" if method == "table_names" else "has_table"
    inspected = cst.Call(func=fx.name("sqlalchemy", "inspect"), args=[cst.Arg(value=receiver)])
    return node.with_changes(func=cst.Attribute(value=inspected, attr=cst.Name(new_method)))


# -- SQ417 -----------------------------------------------------------------------------------
def fix_branch(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`branch = conn.connect()` → `branch = conn` (the detector checked no `branch.close()`)."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)) or node.args:
        raise CannotFix("not a `connect()` call")
    return node.func.value.with_changes(lpar=[], rpar=[]) if isinstance(node.func.value, cst.Name) else node.func.value


# -- SQ422 -----------------------------------------------------------------------------------
def fix_url_create(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`URL(drivername, ...)` → `URL.create(drivername, ...)`."""
    if not isinstance(node, cst.Call):
        raise CannotFix("`str(url)` now masks the password: use `url.render_as_string(hide_password=False)` where the real URL is needed")
    if not isinstance(node.func, cst.Name | cst.Attribute) or _dotted(node.func).endswith(".create"):
        raise CannotFix("not a `URL(...)` constructor")
    return node.with_changes(func=cst.Attribute(value=node.func, attr=cst.Name("create")))


# -- SQ412 -----------------------------------------------------------------------------------
def fix_table_autoload(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode | cst.RemovalSentinel:
    """`autoload=True` → `autoload_with=<engine the MetaData is bound to>`; next to an existing
    `autoload_with=` it is just dropped."""
    from sqla_assist.rules._engine_shapes import bound_engine_of, table_metadata_arg

    if not (isinstance(node, cst.Arg) and node.keyword is not None and node.keyword.value == "autoload"):
        raise CannotFix("not an `autoload=` argument")
    call = _ast_call_with_keyword(fx, "autoload")
    if call is None:
        raise CannotFix("the `Table(...)` call could not be found")
    if any(k.arg == "autoload_with" for k in call.keywords):
        return cst.RemoveFromParent()
    if not (isinstance(node.value, cst.Name) and node.value.value == "True"):
        raise CannotFix("`autoload=` is not the literal True")
    metadata = table_metadata_arg(call)
    engine = bound_engine_of(metadata, _AstCtx(fx)) if metadata is not None else None  # type: ignore[arg-type]
    if engine is None:
        raise CannotFix("which engine to reflect from is not provable here: pass `autoload_with=engine`")
    return node.with_changes(keyword=cst.Name("autoload_with"), value=cst.Name(engine))


def _ast_call_with_keyword(fx: FixContext, name: str) -> ast.Call | None:
    """The ast call owning the keyword the current finding points at."""
    finding = fx.finding
    if finding is None:
        return None
    for node in ast.walk(fx.tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == name and kw.lineno == finding.line and kw.col_offset + 1 == finding.column:
                    return node
    return None


# -- SQ401 / SQ402 / SQ418: statements into `with` blocks -------------------------------------
def _fresh_name(fx: FixContext, base: str = "conn") -> str:
    used = {n.id for n in ast.walk(fx.tree) if isinstance(n, ast.Name)} | {
        a.arg for a in ast.walk(fx.tree) if isinstance(a, ast.arg)
    }
    for candidate in (base, "connection", f"{base}_", f"{base}2", f"{base}3"):
        if candidate not in used:
            return candidate
    raise CannotFix("no free name for the connection")


def _calls(node: cst.CSTNode, methods: frozenset[str]) -> list[cst.Call]:
    found: list[cst.Call] = []

    class _Find(cst.CSTVisitor):
        def visit_Call(self, call: cst.Call) -> None:
            if isinstance(call.func, cst.Attribute) and call.func.attr.value in methods:
                found.append(call)

    node.visit(_Find())
    return found


def _is_read(stmt_arg: cst.BaseExpression, fx: FixContext) -> bool:
    from sqla_assist.rules._engine_shapes import is_read

    expr = fx.to_ast(stmt_arg)
    if expr is None:
        return False
    return is_read(expr, _AstCtx(fx))  # type: ignore[arg-type]


class _AstCtx:
    """Just enough of a FileContext for the shared ast checks, from the fixer's context."""

    def __init__(self, fx: FixContext) -> None:
        self.fx = fx
        self.imports = fx.imports
        self.tree = fx.tree
        self.memo: dict[tuple[object, ...], object] = {}  # as FileContext.memo: per-file indexes

    def fact(self, expr: ast.expr):  # type: ignore[no-untyped-def]
        return self.fx.inference.fact(expr, self.fx._scope_at(self.fx.finding.line if self.fx.finding else 0))


def _wrap(
    line: cst.SimpleStatementLine, inner: cst.BaseSmallStatement, receiver: cst.BaseExpression, block: str, name: str
) -> cst.With:
    body = cst.IndentedBlock(body=[cst.SimpleStatementLine(body=[inner], trailing_whitespace=line.trailing_whitespace)])
    item = cst.WithItem(
        item=cst.Call(func=cst.Attribute(value=receiver, attr=cst.Name(block))),
        asname=cst.AsName(name=cst.Name(name)),
    )
    return cst.With(items=[item], body=body, leading_lines=line.leading_lines)


def _single(line: cst.CSTNode) -> cst.BaseSmallStatement:
    if not isinstance(line, cst.SimpleStatementLine):
        raise CannotFix("not a simple statement")
    if len(line.body) != 1:
        raise CannotFix("several statements on one line: split them first")
    return line.body[0]


def _shape_ok(small: cst.BaseSmallStatement, call: cst.Call, scalar: bool) -> bool:
    def consumed(value: cst.BaseExpression | None) -> bool:
        if value is call:
            return scalar
        return (
            isinstance(value, cst.Call)
            and not value.args
            and isinstance(value.func, cst.Attribute)
            and value.func.value is call
            and value.func.attr.value in CONSUMERS
        )

    if isinstance(small, cst.Expr):
        return small.value is call
    if isinstance(small, cst.Assign):
        return len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name) and consumed(small.value)
    if isinstance(small, cst.Return):
        return consumed(small.value)
    return False


def _replace(tree: cst.CSTNode, old: cst.CSTNode, new: cst.CSTNode) -> cst.CSTNode:
    result = tree.deep_replace(old, new)
    assert isinstance(result, cst.CSTNode)
    return result


def fix_engine_execute(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`engine.execute(stmt)` → `with engine.begin() as conn: conn.execute(stmt)` (reads: connect())."""
    return _connectionless(node, fx, "execute")


def fix_engine_scalar(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`x = engine.scalar(stmt)` → `with engine.connect() as conn: x = conn.scalar(stmt)`."""
    return _connectionless(node, fx, "scalar")


def _connectionless(line: cst.CSTNode, fx: FixContext, method: str) -> cst.CSTNode:
    small = _single(line)
    assert isinstance(line, cst.SimpleStatementLine)
    calls = [
        c
        for c in _calls(small, frozenset({method}))
        if isinstance(c.func, cst.Attribute) and fx.fact(c.func.value).kind is Kind.ENGINE
    ]
    if len(calls) != 1:
        raise CannotFix(f"{'no' if not calls else 'several'} `Engine.{method}()` calls in this statement")
    call = calls[0]
    assert isinstance(call.func, cst.Attribute)
    if not _shape_ok(small, call, scalar=method == "scalar"):
        raise CannotFix("the result is used beyond this statement: consume it inside a `with engine.connect()` block by hand")
    if not call.args or call.args[0].keyword is not None or any(a.star for a in call.args):
        raise CannotFix("no plain statement argument")
    name = _fresh_name(fx)
    receiver = call.func.value
    new_call = call.with_changes(func=call.func.with_changes(value=cst.Name(name)))
    if method == "execute" and _is_string(call.args[0].value, fx):
        from sqla_assist.rules._fix_core import fix_raw_sql_execute

        converted = fix_raw_sql_execute(new_call, fx)
        assert isinstance(converted, cst.Call)
        new_call = converted
    elif method == "scalar" and _is_string(call.args[0].value, fx):
        raise CannotFix("raw SQL given to `Engine.scalar()`: use `conn.exec_driver_sql(sql).scalar()` by hand")
    block = "connect" if _is_read(call.args[0].value, fx) else "begin"
    inner = _replace(small, call, new_call)
    assert isinstance(inner, cst.BaseSmallStatement)
    return _wrap(line, inner, receiver, block, name)


def fix_transaction_callable(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`engine.transaction(fn, *a)` → `with engine.begin() as conn: fn(conn, *a)`;
    `conn.run_callable(fn, *a)` → `fn(conn, *a)` (it only called `fn` with the connection)."""
    small = _single(node)
    assert isinstance(node, cst.SimpleStatementLine)
    calls = _calls(small, frozenset({"transaction", "run_callable"}))
    calls = [
        c
        for c in calls
        if c.args and isinstance(c.func, cst.Attribute) and fx.fact(c.func.value).kind in (Kind.ENGINE, Kind.CONNECTION)
    ]
    if len(calls) != 1:
        raise CannotFix("not exactly one `transaction()` / `run_callable()` call in this statement")
    call = calls[0]
    assert isinstance(call.func, cst.Attribute)
    kind = fx.fact(call.func.value).kind
    method = call.func.attr.value
    fn, rest = call.args[0], list(call.args[1:])
    if fn.keyword is not None or fn.star:
        raise CannotFix("the callable is not the first positional argument")
    if kind is Kind.CONNECTION:
        if method == "transaction":
            raise CannotFix(
                "`conn.transaction(fn)` began a (possibly nested) transaction: use `with conn.begin():` "
                "at the outermost level by hand"
            )
        direct = cst.Call(func=fn.value, args=[cst.Arg(value=call.func.value), *rest])
        new = _replace(small, call, direct)
        return node.with_changes(body=[new])
    if method == "run_callable":
        raise CannotFix(
            "`engine.run_callable(fn)` ran `fn` on a 1.x connection that autocommitted writes: use "
            "`with engine.connect() as conn:` and commit where `fn` writes"
        )
    if not (isinstance(small, cst.Expr) and small.value is call) and not (
        isinstance(small, cst.Assign | cst.Return) and small.value is call
    ):
        raise CannotFix("the call is part of a larger expression: wrap it in `with engine.begin() as conn:` by hand")
    if isinstance(small, cst.Assign) and not (len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name)):
        raise CannotFix("the result is assigned to something other than one name")
    name = _fresh_name(fx)
    direct = cst.Call(func=fn.value, args=[cst.Arg(value=cst.Name(name)), *rest])
    inner = _replace(small, call, direct)
    assert isinstance(inner, cst.BaseSmallStatement)
    return _wrap(node, inner, call.func.value, "begin", name)


# -- SQ424 -----------------------------------------------------------------------------------
_DEFAULT_20 = {"postgresql": "psycopg2", "oracle": "cx_oracle"}


def fix_pin_driver(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`"postgresql://..."` → `"postgresql+psycopg2://..."`: the driver 1.x and 2.0 picked, so 2.1's
    new default (psycopg 3 / python-oracledb) does not silently take over."""
    if isinstance(node, cst.Arg):  # a positional argument has the same span as its value
        return node.with_changes(value=fix_pin_driver(node.value, fx))
    if not isinstance(node, cst.SimpleString):
        raise CannotFix("the URL is not a string literal: name the driver where it is built")
    value = node.evaluated_value
    if not isinstance(value, str):
        raise CannotFix("a bytes literal")
    scheme, sep, _ = value.partition("://")
    if not sep:
        scheme = value  # URL.create("postgresql", ...)
    if scheme not in _DEFAULT_20:
        raise CannotFix(f"`{scheme}` has no 2.0 default driver to pin")
    pinned = f"{scheme}+{_DEFAULT_20[scheme]}"
    from sqla_assist.rules._engine_shapes import reads_url_text

    if reads_url_text(fx.text):
        fx.unsafe("this file reads the URL's `drivername` or renders it: those now include the driver name")
    raw = node.value
    at = raw.find(scheme)
    if at < 0 or "\\" in raw[: at + len(scheme)]:
        raise CannotFix("the scheme is written with escapes")
    return node.with_changes(value=raw[:at] + pinned + raw[at + len(scheme):])


# -- SQ410 / SQ411: bound metadata -----------------------------------------------------------
def _ast_call_at(fx: FixContext) -> ast.Call | None:
    finding = fx.finding
    if finding is None:
        return None
    for node in ast.walk(fx.tree):
        if isinstance(node, ast.Call) and node.lineno == finding.line and node.col_offset + 1 == finding.column:
            if node.end_lineno == finding.end_line and (node.end_col_offset or 0) + 1 == finding.end_column:
                return node
    return None


def fix_unbind_metadata(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`MetaData(bind=engine)` / `MetaData(engine)` → `MetaData()`, once nothing in the file still
    reaches the engine through the binding (the detector's check, repeated on the fixer's text)."""
    from sqla_assist.rules._engine_shapes import metadata_unbind_refusal

    if not isinstance(node, cst.Call):
        raise CannotFix("`metadata.bind = engine`: delete the assignment by hand once every use has the engine")
    call = _ast_call_at(fx)
    if call is None:
        raise CannotFix("the MetaData(...) call could not be found")
    refusal = metadata_unbind_refusal(call, _AstCtx(fx))  # type: ignore[arg-type]
    if refusal is not None:
        raise CannotFix(refusal)
    keyword_bind = [a for a in node.args if a.keyword is not None and a.keyword.value == "bind"]
    if keyword_bind:
        args = [a for a in node.args if a is not keyword_bind[0]]
    else:
        positional = [a for a in node.args if a.keyword is None]
        if len(positional) != 1 or positional[0].star:
            raise CannotFix("more positional arguments after the engine: name them (`schema=`, ...) by hand")
        args = [a for a in node.args if a is not positional[0]]
    return node.with_changes(args=_strip_trailing_comma(list(args)))


def fix_schema_op_bind(node: cst.CSTNode, fx: FixContext) -> cst.CSTNode:
    """`metadata.create_all()` → `metadata.create_all(engine)` with the engine it is bound to here."""
    from sqla_assist.rules._engine_shapes import bind_in_scope, schema_op_engine

    if not isinstance(node, cst.Call):
        raise CannotFix("not a call")
    call = _ast_call_at(fx)
    engine = schema_op_engine(call, _AstCtx(fx)) if call is not None else None  # type: ignore[arg-type]
    bind: cst.BaseExpression
    if engine is not None:
        bind = cst.Name(engine)
    else:
        guess = bind_in_scope(call, _AstCtx(fx)) if call is not None else None  # type: ignore[arg-type]
        if guess is None:
            raise CannotFix("which engine the metadata is bound to is not provable in this file: pass it by hand")
        fx.unsafe(f"`{guess}` is a guess from what this function uses, not provably the engine the metadata was bound to")
        bind = cst.parse_expression(guess)
    first = cst.Arg(value=bind)
    if node.args:
        first = first.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return node.with_changes(args=[first, *node.args])


# -- SQ421 -----------------------------------------------------------------------------------
def fix_construct_bind(node: cst.CSTNode, fx: FixContext) -> cst.RemovalSentinel:
    """Drop `bind=` from a construct that is only ever executed explicitly (the binding was unused)."""
    from sqla_assist.rules._engine_shapes import construct_bind_refusal

    if not (isinstance(node, cst.Arg) and node.keyword is not None and node.keyword.value == "bind"):
        raise CannotFix("not a `bind=` argument")
    call = _ast_call_with_keyword(fx, "bind")
    if call is None:
        raise CannotFix("the construct's call could not be found")
    refusal = construct_bind_refusal(call, _AstCtx(fx))  # type: ignore[arg-type]
    if refusal is not None:
        raise CannotFix(refusal)
    return cst.RemoveFromParent()
