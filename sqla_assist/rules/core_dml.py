"""SQ603 / SQ604 / SQ605 / SQ620: 1.x constructor arguments of `FromClause.select()` and DML."""

from __future__ import annotations

import ast
import re

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._sql_shapes import (
    DML_FUNCS,
    STRONG,
    WEAK,
    Shape,
    at,
    join_like,
    select_like,
    sqlish,
    table_like,
)

_DML_GUIDE = "SQLAlchemy 2.0 migration guide, “insert/update/delete DML no longer accept keyword constructor arguments”"
_DIALECT_KW = re.compile(r"^(mysql|mariadb|postgresql|sqlite|mssql|oracle)_\w+$")
_TABLE = 'users = Table("users", MetaData(), Column("id", Integer), Column("name", String))\n'


def fix_for(shape: Shape) -> FixSafety:
    return FixSafety.SAFE if shape.strong else FixSafety.UNSAFE


def dml_call(node: ast.Call, ctx: FileContext) -> tuple[str, Shape, int] | None:
    """(verb, evidence, positional arguments the 2.0 form takes) when `node` builds a DML statement.

    `insert(t)` takes the table; `t.insert()` takes nothing.
    """
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in ("insert", "update", "delete"):
        if ctx.is_sa(func, *DML_FUNCS):
            return func.attr, STRONG, 1
        shape = table_like(func.value, ctx)
        return (func.attr, shape, 0) if shape is not None else None
    if isinstance(func, ast.Name) and func.id and ctx.is_sa(func, *DML_FUNCS):
        qual = ctx.qualify(func) or ""
        return qual.rpartition(".")[2], STRONG, 1
    return None


_DML_KW = frozenset({"values", "whereclause", "inline", "returning", "return_defaults", "prefixes", "bind"})
_SELECT_KW = frozenset({"whereclause", "order_by", "group_by", "having", "limit", "offset", "distinct", "from_obj", "use_labels", "correlate", "for_update", "bind"})


# Keywords only SQLAlchemy's FROM-clause `.select()` took: enough, with a SQL-looking WHERE
# clause, to take an unknown receiver for a table (`self.db.model.builds.select(whereclause=w)`).
_SELECT_ONLY_KW = frozenset({"whereclause", "order_by", "group_by", "having", "from_obj", "use_labels", "correlate", "for_update"})
_DML_ONLY_KW = frozenset({"whereclause", "values", "inline", "returning", "return_defaults"})


def unknown_receiver(expr: ast.expr, ctx: FileContext) -> bool:
    """A name or attribute chain nothing is known about (a table reached through objects the
    analysis cannot follow, `tbl = self.db.model.builds`), as opposed to a known non-table."""
    return (
        isinstance(expr, ast.Name | ast.Attribute)
        and ctx.qualify(expr) is None  # not a module (`sa.select(...)`) nor an imported name
        and ctx.fact(expr).kind is None
    )


def guessed_dml(node: ast.Call, ctx: FileContext) -> tuple[str, Shape, int] | None:
    """`tbl.update(tbl.c.id == 5)` / `x.delete(whereclause=...)` on a receiver of unknown kind:
    a table, weakly, when the arguments are ones only SQLAlchemy's DML methods took (a WHERE
    clause over `.c.` columns, `whereclause=`/`values=`). `insert()` is left out: a dict passed to
    some other object's `insert()` (a Mongo collection's) looks the same."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in ("update", "delete")):
        return None
    if not unknown_receiver(func.value, ctx):
        return None
    if any(k.arg in _DML_ONLY_KW for k in node.keywords) or (node.args and _where_clause(node.args[0], ctx)):
        return func.attr, WEAK, 0
    return None


def _where_clause(expr: ast.expr, ctx: FileContext) -> bool:
    """A SQL condition built in place (`t.c.id == 5`, `and_(...)`, `a & b`): a bare column or
    name (`tags.update(Ctx.registered)`) is as likely a set's or dict's `update()` argument."""
    return not isinstance(expr, ast.Name | ast.Attribute | ast.Subscript) and sqlish(expr, ctx)


def _confirmed(verb: str, node: ast.Call, ctx: FileContext) -> bool:
    """A guessed receiver counts only with SQL-looking arguments (`cache.delete(key)` does not)."""
    if any(k.arg in _DML_KW for k in node.keywords):
        return True
    if not node.args:
        return False
    first = node.args[0]
    if verb == "insert":
        return isinstance(first, ast.Dict) or sqlish(first, ctx)
    return sqlish(first, ctx)


class FromClauseSelectArgs(Rule):
    id = "SQ603"
    name = "fromclause-select-arguments"
    title = "`table.select(whereclause)` → `table.select().where(whereclause)`"
    fix_class = "safe/typed"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_fromclause_select")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".select(",)
    what = (
        "Flags arguments given to `.select()` on a Table, alias, join or `exists()`; on a receiver "
        "of unknown kind (a table reached through objects, `self.db.model.logs`) only with "
        "`whereclause=`-like keywords or a WHERE clause over `.c.` columns, as weak evidence."
    )
    why = (
        "In 1.x `FromClause.select()` took a WHERE clause and select keywords (`order_by=`, "
        "`limit=`...). 2.0 takes none: `TypeError: FromClause.select() takes 1 positional argument "
        "but 2 were given`."
    )
    example = Example(
        before=_TABLE + "stmt = users.select(users.c.id == 5)",
        after=_TABLE + "stmt = users.select().where(users.c.id == 5)",
    )
    use_instead = "Call `.select()` with no arguments and chain `.where()`, `.order_by()`, `.limit()`..."
    fix_safety = (
        "Safe when the receiver is known to be a Table, `Model.__table__`, an alias, a join or "
        "`exists()`; `.select` is a common method name elsewhere (HTML soups, selectors), so a "
        "guessed receiver is unsafe. On a Select receiver see SQ613 instead."
    )
    references = (
        "SQLAlchemy 1.4 API: `FromClause.select()` (whereclause and **kwargs deprecated)",
        "SQLAlchemy 2.0 migration guide, “select() no longer accepts varied constructor arguments, columns are passed positionally”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "select") or not (node.args or node.keywords):
            return
        recv = func.value
        shape = table_like(recv, ctx) or join_like(recv, ctx)
        if shape is None and isinstance(recv, ast.Call) and ctx.is_sa(recv.func, "sqlalchemy.exists"):
            shape = STRONG
        if shape is None and unknown_receiver(recv, ctx) and (
            any(k.arg in _SELECT_ONLY_KW for k in node.keywords) or (node.args and _where_clause(node.args[0], ctx))
        ):
            shape = WEAK
        if shape is None:
            return
        sel = select_like(recv, ctx)
        if sel is not None and sel.strong:
            return
        if not shape.strong and not (
            any(k.arg in _SELECT_KW for k in node.keywords) or (node.args and sqlish(node.args[0], ctx))
        ):
            return
        ctx.report(
            self,
            at(node),
            "`.select()` on a FROM clause given 1.x arguments: use `.select().where(...)` and generative methods",
            fix=fix_for(shape),
            evidence=shape.evidence,
            via=shape.via,
        )


class DmlConstructorArgs(Rule):
    id = "SQ604"
    name = "dml-constructor-arguments"
    title = "`insert/update/delete(t, values, whereclause=...)` → generative `.values()` / `.where()`"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_dml_args")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"insert(", b"update(", b"delete(")
    what = (
        "Flags `insert()`, `update()`, `delete()` and `table.insert/update/delete()` called with a "
        "WHERE clause, values or 1.x keywords (`values=`, `whereclause=`, `inline=`, `returning=`, "
        "`return_defaults=`, `prefixes=`, `bind=`). On a receiver of unknown kind, `update()` and "
        "`delete()` count (weakly) only with those keywords or a WHERE clause over `.c.` columns."
    )
    why = (
        "2.0 DML constructors take only the table: `TypeError: insert() got an unexpected keyword "
        "argument 'values'` / `update() takes 1 positional argument but 3 were given`."
    )
    example = Example(
        before=_TABLE + 'stmt = users.update(users.c.id == 5, values={"name": "x"})',
        after=_TABLE + 'stmt = users.update().where(users.c.id == 5).values({"name": "x"})',
    )
    use_instead = (
        "`.values(...)`, `.where(...)`, `.inline()`, `.returning(...)`, `.return_defaults()`, "
        "`.prefix_with(...)`. Positions differ: for `insert` the 2nd argument was the values, for "
        "`update` the WHERE clause then the values, for `delete` the WHERE clause."
    )
    fix_safety = (
        "Safe: a purely syntactic move once the call is known to be SQLAlchemy's (an imported "
        "function, or a method on a known Table). `preserve_parameter_order=` is SQ605 and "
        "dialect keywords are SQ620."
    )
    references = (_DML_GUIDE,)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (node.args or node.keywords):
            return
        if isinstance(func, ast.Attribute) and func.attr not in ("insert", "update", "delete"):
            return
        found = dml_call(node, ctx) or guessed_dml(node, ctx)
        if found is None:
            return
        verb, shape, takes = found
        if not shape.strong and not _confirmed(verb, node, ctx):
            return
        extra_positional = len(node.args) > takes
        legacy_kw = [
            k.arg
            for k in node.keywords
            if k.arg is not None and k.arg != "preserve_parameter_order" and not _DIALECT_KW.match(k.arg)
        ]
        if not extra_positional and not legacy_kw:
            return
        parts = (["positional arguments after the table"] if extra_positional else []) + [f"{k}=" for k in legacy_kw]
        fix = fix_for(shape)
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            fix = FixSafety.MANUAL
        note = ""
        if fix is FixSafety.SAFE and "bind" in legacy_kw:
            # The fixer drops `bind=` (the engine asks first): the statement loses implicit execution.
            fix = FixSafety.UNSAFE
            note = "; unsafe to fix automatically: `bind=` is dropped, so implicit execution stops working (SQ421)"
        ctx.report(
            self,
            at(node),
            f"`{verb}()` given 1.x constructor arguments ({', '.join(parts)}): use generative methods{note}",
            fix=fix,
            evidence=shape.evidence,
            via=shape.via,
        )


def _values_here(node: ast.Call, found: tuple[str, Shape, int] | None) -> bool:
    """Are the ordered (column, value) pairs a list literal inside this constructor call?"""
    if found is None or found[0] != "update":
        return False
    values = next((k.value for k in node.keywords if k.arg == "values"), None)
    slot = found[2] + 1  # update(table, whereclause, values) / t.update(whereclause, values)
    if values is None and len(node.args) > slot:
        values = node.args[slot]
    return isinstance(values, ast.List | ast.Tuple)


class PreserveParameterOrder(Rule):
    id = "SQ605"
    name = "preserve-parameter-order"
    title = "`update(..., preserve_parameter_order=True)` → `.ordered_values(...)`"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_preserve_order")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"preserve_parameter_order",)
    what = (
        "Flags `preserve_parameter_order=True` on an UPDATE constructor, and in "
        "`Query.update(..., update_args={...})`."
    )
    why = (
        "The flag was removed in 2.0 (`TypeError: … unexpected keyword argument "
        "'preserve_parameter_order'`); ordered SET clauses have their own method."
    )
    example = Example(
        before=_TABLE + "stmt = users.update(preserve_parameter_order=True).values([(users.c.name, 'a'), (users.c.id, 2)])",
        after=_TABLE + "stmt = users.update().ordered_values((users.c.name, 'a'), (users.c.id, 2))",
    )
    use_instead = "`update(t).ordered_values((col, value), ...)` with the pairs as positional arguments."
    fix_safety = "Safe: the list of pairs passed to `.values()` becomes the positional arguments of `.ordered_values()`."
    references = (_DML_GUIDE, "SQLAlchemy Core API: `Update.ordered_values()`")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        for kw in node.keywords:
            if kw.arg == "preserve_parameter_order":
                found = dml_call(node, ctx)
                shape = found[1] if found else STRONG
                fix = fix_for(shape)
                if not _values_here(node, found):
                    fix = FixSafety.MANUAL  # `.values([...])` chained later is outside this call
                ctx.report(
                    self, at(node), "`preserve_parameter_order=` was removed: use `.ordered_values(...)`",
                    fix=fix, evidence=shape.evidence, via=shape.via,
                )
                return
            if kw.arg == "update_args" and isinstance(kw.value, ast.Dict):
                for key in kw.value.keys:
                    if isinstance(key, ast.Constant) and key.value == "preserve_parameter_order":
                        ctx.report(
                            self, at(node),
                            "`update_args={'preserve_parameter_order': ...}`: use an `update()` statement with `.ordered_values(...)`",
                        )
                        return


class DmlDialectKeywords(Rule):
    id = "SQ620"
    name = "dml-dialect-keywords"
    title = "`update(t, mysql_limit=10)` → `update(t).with_dialect_options(mysql_limit=10)`"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_dialect_kwargs")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"insert(", b"update(", b"delete(")
    what = "Flags dialect-specific keywords (`mysql_limit=`, `postgresql_…=`) passed to a DML constructor."
    why = "2.0 DML constructors take no keywords: `TypeError: update() got an unexpected keyword argument 'mysql_limit'`."
    example = Example(
        before=_TABLE + "stmt = update(users, mysql_limit=10).values(name='x')",
        after=_TABLE + "stmt = update(users).with_dialect_options(mysql_limit=10).values(name='x')",
    )
    use_instead = "`.with_dialect_options(<dialect>_<option>=...)` on the statement; the compiled SQL is the same."
    fix_safety = "Safe: the keywords move unchanged into `.with_dialect_options()`."
    references = (_DML_GUIDE, "SQLAlchemy Core API: `UpdateBase.with_dialect_options()`")

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        dialect = [k.arg for k in node.keywords if k.arg and _DIALECT_KW.match(k.arg)]
        if not dialect:
            return
        found = dml_call(node, ctx)
        if found is None:
            return
        verb, shape, _ = found
        ctx.report(
            self, at(node),
            f"dialect keywords {', '.join(f'{k}=' for k in dialect)} in `{verb}()`: use `.with_dialect_options(...)`",
            fix=fix_for(shape), evidence=shape.evidence, via=shape.via,
        )
