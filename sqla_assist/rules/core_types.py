"""SQ623 / SQ624 / SQ627 / SQ628 / SQ629: types, operators and DDL whose meaning changed silently."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._fixers_b_shapes import (
    DIVISION_BACKEND,
    integer_division_backend,
    integer_operand,
)
from sqla_assist.rules._sql_shapes import Shape, at, column_like, is_sa_call, weakest

_ENUMS = ("sqlalchemy.Enum", "sqlalchemy.dialects.postgresql.ENUM", "sqlalchemy.dialects.mysql.ENUM")
_PY_ENUM_BASES = ("enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag")
_TABLE = 't = Table("t", MetaData(), Column("count", Integer), Column("size", Integer))\n'


def _enum_has_aliases(name: str, ctx: FileContext) -> bool:
    """Does this file define `class <name>(enum.Enum)` with two members of the same value?"""
    for stmt in ctx.tree.body:
        if not (isinstance(stmt, ast.ClassDef) and stmt.name == name):
            continue
        if not any(ctx.imports.qualify(b) in _PY_ENUM_BASES for b in stmt.bases):
            return False
        seen: set[object] = set()
        for item in stmt.body:
            if isinstance(item, ast.Assign) and isinstance(item.value, ast.Constant):
                value = item.value.value
                if value in seen:
                    return True
                seen.add(value)
        return False
    return False


class EnumAliases(Rule):
    id = "SQ623"
    name = "enum-omit-aliases"
    title = "`Enum(PyEnum)` with aliased members: `omit_aliases` now defaults to True"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_b:fix_enum_omit_aliases")
    on_20 = "SILENT"
    on_21 = "SILENT"
    nodes = (ast.Call,)
    tokens = (b"Enum(", b"ENUM(")
    what = "Flags `Enum(SomeEnum)` where `SomeEnum` (defined in the same file) has alias members and `omit_aliases=` is not given."
    why = (
        "2.0 flipped the default of `omit_aliases` to True: alias names silently disappear from "
        "the type's accepted values, CHECK constraint and native ENUM labels."
    )
    example = Example(
        before=(
            "import enum\nclass Status(enum.Enum):\n    a = 1\n    b = 1\n"
            "status = Column(Enum(Status))"
        ),
        after=(
            "import enum\nclass Status(enum.Enum):\n    a = 1\n    b = 1\n"
            "status = Column(Enum(Status, omit_aliases=False))"
        ),
    )
    use_instead = "`Enum(SomeEnum, omit_aliases=False)` to keep the 1.x values (or accept the new ones and migrate the DDL)."
    fix_safety = "Safe to add `omit_aliases=False` when the enum class is known to have aliases; it restores 1.x DDL exactly."
    references = ("SQLAlchemy 1.4 API: `Enum(omit_aliases=...)` (default changes to True in 2.0)",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not node.args or not isinstance(node.args[0], ast.Name):
            return
        if any(k.arg == "omit_aliases" for k in node.keywords) or not ctx.is_sa(node.func, *_ENUMS):
            return
        name = node.args[0].id
        if _enum_has_aliases(name, ctx):
            # `**kw` may already carry `omit_aliases`: a second one would be a TypeError.
            spread = any(k.arg is None for k in node.keywords)
            ctx.report(self, at(node), f"`{name}` has alias members, which 2.0 omits: add `omit_aliases=False` to keep them"
                       + ("; `**` arguments may already set it, so add it by hand" if spread else ""),
                       fix=FixSafety.MANUAL if spread else FixSafety.SAFE)


def _is_float(expr: ast.expr, ctx: FileContext) -> bool:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, float):
        return True
    if isinstance(expr, ast.Call) and ctx.is_sa(expr.func, "sqlalchemy.cast", "sqlalchemy.type_coerce"):
        if len(expr.args) >= 2:
            target = expr.args[1]
            if isinstance(target, ast.Call):
                target = target.func
            qual = ctx.qualify(target) or ""
            return qual.rpartition(".")[2] in ("Float", "Numeric", "REAL", "DOUBLE", "Double", "DECIMAL", "FLOAT", "NUMERIC", "DOUBLE_PRECISION")
    return False


class TrueDivision(Rule):
    id = "SQ624"
    name = "sql-true-division"
    title = "Python `/` between SQL integer expressions is true division in 2.0"
    fix_class = "typed/lint"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_b:fix_floor_division")
    on_20 = "SILENT"
    on_21 = "SILENT"
    nodes = (ast.BinOp,)
    tokens = (b"sqlalchemy", b".c.", b"func.", b"query", b"select", b"filter", b"column", b"Column")
    local_tokens = False  # the evidence is in other statements
    what = "Flags `/` where an operand is a SQL column expression (a table or model column, `func.*()`, `cast()`)."
    why = (
        "2.0 made `/` true division on every backend: `a / b` between integers renders "
        "`a / CAST(b AS NUMERIC)`, so code that relied on integer division (PostgreSQL, SQL Server, "
        "SQLite in 1.x) now gets fractions."
    )
    example = Example(
        before=_TABLE + "per_page = t.c.count / 10",
        after=_TABLE + "per_page = t.c.count // 10",
    )
    use_instead = "`//` (2.0+, renders `FLOOR(a / b)` where needed) if integer semantics were intended; keep `/` otherwise."
    fix_safety = (
        "`/` becomes `//` when both sides are integers this file declares (integer columns of its own "
        "Tables or models, int literals) and the file names only PostgreSQL, SQLite or SQL Server: there "
        "1.x integer `/` and 2.x `//` render the same SQL. On MySQL and Oracle 1.x `/` was already true "
        "division; anything else needs intent and stays a review item."
    )
    references = ("SQLAlchemy 2.0 what's new, “Python division operator performs true division for all backends; added floor division”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.BinOp)
        if not isinstance(node.op, ast.Div):
            return
        left, right = node.left, node.right
        if _is_float(left, ctx) or _is_float(right, ctx):
            return
        if any(isinstance(e, ast.JoinedStr) or (isinstance(e, ast.Constant) and isinstance(e.value, str)) for e in (left, right)):
            return  # `"a" / x`: pathlib-style, not arithmetic
        shapes = [s for s in (_operand(left, ctx), _operand(right, ctx)) if s is not None]
        if not shapes:
            return
        shape = weakest(*shapes) if len(shapes) == 2 else shapes[0]
        message = "`/` on SQL expressions is true division in 2.0: use `//` if integer division was intended"
        if integer_operand(left, ctx) and integer_operand(right, ctx):
            if integer_division_backend(ctx):
                ctx.report(self, at(node), f"{message} (both sides are integers: `//` keeps the 1.x SQL)",
                           fix=FixSafety.SAFE, evidence=shape.evidence, via=shape.via)
                return
            message = f"{message}; {DIVISION_BACKEND}"
        ctx.report(self, at(node), message, evidence=shape.evidence, via=shape.via)


def _operand(expr: ast.expr, ctx: FileContext) -> Shape | None:
    if isinstance(expr, ast.BinOp) and not isinstance(expr.op, ast.Add | ast.Sub | ast.Mult | ast.Mod | ast.FloorDiv):
        return None
    shape = column_like(expr, ctx)
    if shape is None or (shape.evidence is not Evidence.STRONG and not shape.via):
        return None
    return shape


class SequenceStart(Rule):
    id = "SQ627"
    name = "sequence-without-start"
    title = "`Sequence(\"x\")` without `start=`: 1.4 emitted `START WITH 1`, 2.0 emits none"
    fix_class = "lint"
    on_20 = "SILENT"
    on_21 = "SILENT"
    nodes = (ast.Call,)
    tokens = (b"Sequence(",)
    what = "Flags `Sequence(...)` constructed without a `start` value."
    why = (
        "2.0 no longer adds `START WITH 1` to CREATE SEQUENCE. Most databases still start at 1, "
        "but SQL Server then starts at -2**63, so new sequences there hand out negative ids."
    )
    example = Example(
        before='id = Column(Integer, Sequence("user_id_seq"), primary_key=True)',
        after='id = Column(Integer, Sequence("user_id_seq", start=1), primary_key=True)',
    )
    use_instead = "`Sequence(\"name\", start=1)` to keep the 1.x DDL on every backend."
    fix_safety = "Detect-and-explain: only DDL of newly created sequences changes, and only on some backends."
    references = ("SQLAlchemy 2.0 what's new, “The Sequence construct reverts to not having any explicit default start value; impacts MS SQL Server”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if len(node.args) >= 2 or any(k.arg in ("start", None) for k in node.keywords):
            return
        if is_sa_call(node.func, ctx, "sqlalchemy.Sequence"):
            ctx.report(self, at(node), "`Sequence()` without `start=`: 2.0 DDL no longer says `START WITH 1`")


class ConstraintDefaults13(Rule):
    id = "SQ628"
    name = "enum-boolean-constraint-defaults"
    title = "1.3-era code: `Enum`/`Boolean` no longer create a CHECK constraint by default"
    fix_class = "lint"
    on_20 = "SILENT"
    on_21 = "SILENT"
    nodes = (ast.Call,)
    tokens = (b"Boolean(", b"Enum(")
    what = (
        "Flags `Boolean(name=...)` and non-native `Enum(..., native_enum=False)` without "
        "`create_constraint=`: code that named or relied on the CHECK constraint 1.3 created."
    )
    why = (
        "Since 1.4, `Enum` and `Boolean` create no CHECK constraint unless asked. Codebases that "
        "jump from 1.3 lose the constraint in DDL of new tables (and Alembic may want to drop it)."
    )
    example = Example(
        before='flag = Column(Boolean(name="ck_flag"))',
        after='flag = Column(Boolean(name="ck_flag", create_constraint=True))',
    )
    use_instead = "`create_constraint=True` where the CHECK constraint is wanted."
    fix_safety = "Detect-and-explain: only matters for projects that skip 1.4; the constraint is a schema decision."
    references = ("SQLAlchemy 1.4 migration notes, “Enum and Boolean datatypes no longer default to create constraint”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        kws = {k.arg for k in node.keywords}
        if "create_constraint" in kws or None in kws:
            return
        if "name" in kws and ctx.is_sa(node.func, "sqlalchemy.Boolean"):
            ctx.report(self, at(node), "`Boolean(name=...)` names a CHECK constraint that 1.4+ no longer creates: add `create_constraint=True`")
            return
        non_native = any(
            k.arg == "native_enum" and isinstance(k.value, ast.Constant) and k.value.value is False for k in node.keywords
        )
        if non_native and ctx.is_sa(node.func, "sqlalchemy.Enum"):
            ctx.report(self, at(node), "non-native `Enum` relies on a CHECK constraint that 1.4+ no longer creates: add `create_constraint=True`")


class MysqlEnumQuoting(Rule):
    id = "SQ629"
    name = "mysql-enum-quoting"
    title = "MySQL `ENUM(..., quoting=...)` / `SET(..., quoting=...)`: delete the argument"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_constructs:fix_drop_quoting")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b"quoting",)
    what = "Flags the `quoting=` keyword of the MySQL `ENUM` and `SET` types."
    why = (
        "The parameter had no effect since 1.4 and was removed in 2.0: `TypeError: "
        "String.__init__() got an unexpected keyword argument 'quoting'`."
    )
    example = Example(
        before='from sqlalchemy.dialects.mysql import ENUM\nkind = Column(ENUM("a", "b", quoting="quoted"))',
        after='from sqlalchemy.dialects.mysql import ENUM\nkind = Column(ENUM("a", "b"))',
    )
    use_instead = "Drop `quoting=`; values are always quoted as needed."
    fix_safety = "Safe: the argument was already ignored."
    references = ("SQLAlchemy 1.4 API: MySQL `ENUM` / `SET` (`quoting` deprecated)",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        if not any(k.arg == "quoting" for k in node.keywords):
            return
        qual = ctx.qualify(node.func) or ""
        if qual.startswith("sqlalchemy.dialects.mysql") and qual.rpartition(".")[2] in ("ENUM", "SET"):
            ctx.report(self, at(node), "`quoting=` was removed from MySQL ENUM/SET: delete it", fix=FixSafety.SAFE)
