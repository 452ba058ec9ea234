"""SQ501–SQ505, SQ508: a 2.x `Row` is a named tuple, not a mapping."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import Fact, Kind
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._fixers_b_shapes import CORE_ROWS, row_origin
from sqla_assist.rules._helpers import via_for
from sqla_assist.rules._rows import row_evidence, row_fact, row_via

_REFS_ROWS = (
    "SQLAlchemy 2.0 migration guide, “Result rows act like named tuples”",
    "SQLAlchemy 1.4 migration notes, “RowProxy is no longer a “proxy”; is now called Row and behaves like an enhanced named tuple”",
)


def _fix(fact: Fact) -> FixSafety:
    # A row whose origin the gathering pass still has to settle reports SAFE with weak evidence:
    # weak evidence keeps it unsafe (RawFinding.effective_fix) unless the project proves a Row.
    return FixSafety.SAFE if fact.strong or row_via(fact) else FixSafety.UNSAFE


def _string_key(key: ast.expr) -> bool:
    """A key that is certainly not an integer: a string, or a column such as `users.c.id`."""
    if isinstance(key, ast.Constant):
        return isinstance(key.value, str)
    if isinstance(key, ast.JoinedStr):
        return True
    if isinstance(key, ast.Attribute):
        return (isinstance(key.value, ast.Attribute) and key.value.attr in ("c", "columns")) or (
            isinstance(key.value, ast.Name) and key.value.id[:1].isupper()
        )
    return False


class RowStringIndex(Rule):
    id = "SQ501"
    name = "row-mapping-index"
    title = "`row[\"col\"]` / `row[table.c.col]` → `row._mapping[\"col\"]`"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_rows:fix_row_index")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Subscript,)
    tokens = (b"execute", b"fetch", b"row", b"Row", b"record", b"first(", b"one(")
    local_tokens = False  # the evidence is in other statements
    what = "Flags a `Row` indexed by a string or a column instead of an integer position."
    why = (
        "2.x rows are named tuples: `row[\"name\"]` raises `TypeError: tuple indices must be integers "
        "or slices, not str`. 1.x Core rows were mapping-like and accepted keys."
    )
    example = Example(
        before="for row in conn.execute(select(users)):\n    print(row[\"name\"], row[users.c.id])",
        after="for row in conn.execute(select(users)):\n    print(row._mapping[\"name\"], row._mapping[users.c.id])",
    )
    use_instead = (
        "`row._mapping[key]` is always exact; `row.name` reads better for identifier keys that do not "
        "collide with `Row` methods (`count`, `index`). ORM rows: `row._mapping[User]` or `row.User`."
    )
    fix_safety = (
        "Typed: needs Row evidence. With a variable key the key may be an integer (fine as is), so "
        "such findings are unsafe."
    )
    references = _REFS_ROWS

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Subscript)
        if not isinstance(node.ctx, ast.Load) or isinstance(node.slice, ast.Slice):
            return
        key = node.slice
        certain = _string_key(key)
        if not certain and not isinstance(key, ast.Name | ast.Attribute):
            return
        fact = row_fact(node.value, ctx)
        if fact is None:
            return
        if not certain and not fact.strong:
            return
        evidence = row_evidence(fact) if certain else Evidence.WEAK
        fix = _fix(fact) if certain else FixSafety.UNSAFE
        what = "a string" if isinstance(key, ast.Constant) else "a column" if certain else "a key that may be a string"
        ctx.report(
            self,
            node,
            f"`Row` indexed by {what}: use `{ast.unparse(node.value)}._mapping[{ast.unparse(key)}]`",
            fix=fix,
            evidence=evidence,
            via=row_via(fact),
        )


def _method_on_row(node: ast.Call, ctx: FileContext, names: frozenset[str]) -> tuple[str, Fact] | None:
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in names:
        return None
    fact = row_fact(func.value, ctx)
    return (func.attr, fact) if fact is not None else None


class RowKeys(Rule):
    id = "SQ502"
    name = "row-keys"
    title = "`row.keys()` → `row._fields`"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_rows:fix_row_keys")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".keys(",)
    what = "Flags `.keys()` called on a `Row` (not on a `Result`, where it is fine)."
    why = (
        "`Row.keys()` was deprecated in 1.4 and is gone in 2.0: attribute lookup treats `keys` as a "
        "column name and raises `AttributeError: Could not locate column in row for column 'keys'`."
    )
    example = Example(
        before="row = conn.execute(select(users)).first()\ncols = row.keys()",
        after="row = conn.execute(select(users)).first()\ncols = row._fields",
    )
    use_instead = "`row._fields` (a tuple of names) or `row._mapping.keys()`."
    fix_safety = "Typed: needs Row evidence; `Result.keys()` stays."
    references = ("SQLAlchemy 1.4 `Row.keys` deprecation: “Use the namedtuple standard accessor Row._fields”",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        found = _method_on_row(node, ctx, frozenset({"keys"}))
        if found is None or node.args:
            return
        fact = found[1]
        ctx.report(
            self,
            node,
            "`Row.keys()` is removed: use `._fields` (or `._mapping.keys()`)",
            fix=_fix(fact),
            evidence=row_evidence(fact),
            via=row_via(fact),
        )


class RowContainsKey(Rule):
    id = "SQ503"
    name = "row-in-test"
    title = "`\"col\" in row` → `\"col\" in row._mapping`"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_fixers_b:fix_row_in")
    on_20 = "SILENT"
    on_21 = "SILENT"
    nodes = (ast.Compare,)
    tokens = (b"execute", b"fetch", b"row", b"Row", b"record", b"first(", b"one(")
    local_tokens = False  # the evidence is in other statements
    what = "Flags `\"key\" in row` / `\"key\" not in row` membership tests on a `Row`."
    why = (
        "A 1.x Core row tested its keys; a 2.x row is a tuple and tests its values. `'name' in row` "
        "flips from True to False with no error and no warning."
    )
    example = Example(
        before="row = conn.execute(select(users)).first()\nif \"email\" in row:\n    send(row.email)",
        after="row = conn.execute(select(users)).first()\nif \"email\" in row._mapping:\n    send(row.email)",
    )
    use_instead = (
        "`key in row._mapping`, which answers from the same keys (strings and Column objects) as the "
        "1.x row did; `key in row._fields` for string keys only."
    )
    fix_safety = (
        "Typed: needs Row evidence, a key-like left operand (a string or a column) and a row of Core "
        "execution (`Connection`/`Engine.execute`). Rows from a Session or Query already tested values "
        "on 1.4, so those, and rows of unknown origin, are manual."
    )
    references = _REFS_ROWS

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Compare)
        if len(node.ops) != 1 or not isinstance(node.ops[0], ast.In | ast.NotIn):
            return
        if not _string_key(node.left):
            return
        fact = row_fact(node.comparators[0], ctx)
        if fact is None:
            return
        row = ast.unparse(node.comparators[0])
        origin = row_origin(node.comparators[0], ctx)
        message = f"`in {row}` tests values on 2.x, not keys: use `in {row}._mapping`"
        ctx.report(
            self,
            node,
            message if origin == CORE_ROWS else f"{message}; {origin}",
            fix=_fix(fact) if origin == CORE_ROWS else FixSafety.MANUAL,
            evidence=row_evidence(fact),
            via=row_via(fact),
        )


class RowToDict(Rule):
    id = "SQ504"
    name = "row-dict"
    title = "`dict(row)` → `row._asdict()` / `dict(row._mapping)`"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_rows:fix_row_dict")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call, ast.Dict)
    # `dict(` and `**`: a row passed in (`def dump(result: CursorResult)`) spells no result word.
    tokens = (b"execute", b"fetch", b"row", b"Row", b"record", b"first(", b"one(", b"dict(", b"**")
    what = "Flags `dict(row)`, `{**row}` and `f(**row)` on a `Row`."
    why = (
        "A 2.x row is a tuple of values, so `dict(row)` fails with `TypeError: cannot convert dictionary "
        "update sequence element #0 to a sequence`. ORM column rows broke the same way."
    )
    example = Example(
        before="data = [dict(r) for r in conn.execute(select(users))]",
        after="data = [r._asdict() for r in conn.execute(select(users))]",
    )
    use_instead = (
        "`row._asdict()` or `dict(row._mapping)` (string keys either way); or ask for mappings up "
        "front: `conn.execute(stmt).mappings().all()`."
    )
    fix_safety = "Typed: needs Row evidence."
    references = _REFS_ROWS

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values, strict=True):
                if k is None:
                    fact = row_fact(v, ctx)
                    if fact is not None:
                        self._report(node, v, fact, ctx)
            return
        assert isinstance(node, ast.Call)
        for kw in node.keywords:
            if kw.arg is None:
                # `ResourceProvider(context, **row)`: keyword unpacking needs a mapping too.
                fact = row_fact(kw.value, ctx)
                if fact is not None:
                    self._report(kw.value, kw.value, fact, ctx)
        func = node.func
        if not (isinstance(func, ast.Name) and func.id == "dict") or len(node.args) != 1 or node.keywords:
            return
        if "dict" in ctx.imports.names:
            return
        fact = row_fact(node.args[0], ctx)
        if fact is not None:
            self._report(node, node.args[0], fact, ctx)

    def _report(self, node: ast.AST, row: ast.expr, fact: Fact, ctx: FileContext) -> None:
        name = ast.unparse(row)
        ctx.report(
            self,
            node,
            f"a `Row` is not a mapping on 2.x: use `{name}._asdict()` or `dict({name}._mapping)`",
            fix=_fix(fact),
            evidence=row_evidence(fact),
            via=row_via(fact),
        )


_LEGACY_MAPPING = frozenset({"items", "values", "has_key", "iterkeys", "itervalues"})


class RowMappingMethods(Rule):
    id = "SQ505"
    name = "row-mapping-methods"
    title = "`row.items()` / `.values()` / `.has_key()` / `.iterkeys()` / `.itervalues()` → `row._mapping`"
    fix_class = "typed"
    fixer = LazyFixer("sqla_assist.rules._fix_rows:fix_row_mapping_method")
    on_20 = "ERROR"
    on_21 = "ERROR"
    nodes = (ast.Call,)
    tokens = (b".items(", b".values(", b".has_key(", b".iterkeys(", b".itervalues(")
    what = "Flags the 1.x mapping methods called on a `Row`."
    why = (
        "These were `LegacyRow` methods, deprecated in 1.4. On 2.x the names are looked up as columns: "
        "`AttributeError: Could not locate column in row for column 'items'`."
    )
    example = Example(
        before="row = conn.execute(select(users)).first()\nfor k, v in row.items():\n    print(k, v)",
        after="row = conn.execute(select(users)).first()\nfor k, v in row._mapping.items():\n    print(k, v)",
    )
    use_instead = (
        "Go through `row._mapping`: `.items()`, `.values()`, `.keys()`; `key in row._mapping` for `has_key`."
    )
    fix_safety = "Typed: needs Row evidence."
    references = ("SQLAlchemy 1.4 `LegacyRow.has_key/items/iterkeys/itervalues/values` deprecations",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        found = _method_on_row(node, ctx, _LEGACY_MAPPING)
        if found is None:
            return
        method, fact = found
        row = ast.unparse(node.func.value) if isinstance(node.func, ast.Attribute) else "row"
        if method == "has_key":
            instead = f"`<key> in {row}._mapping`"
        else:
            instead = f"`{row}._mapping.{method.removeprefix('iter')}()`"
        ctx.report(
            self,
            node,
            f"`Row.{method}()` is removed: use {instead}",
            fix=_fix(fact),
            evidence=row_evidence(fact),
            via=row_via(fact),
        )


_TUPLE_ATTRS = frozenset({"t", "_t"})
_TUPLE_METHODS = frozenset({"tuple", "_tuple"})


class RowTupleHelpers(Rule):
    id = "SQ508"
    name = "row-tuple-helpers"
    title = "`row.tuple()` / `row.t` / `row._tuple()` / `row._t` / `.tuples()` → the row itself"
    fix_class = "safe"
    fixer = LazyFixer("sqla_assist.rules._fix_rows:fix_tuple_helper")
    on_20 = "DEPRECATED/OK"
    on_21 = "DEPRECATED"
    nodes = (ast.Attribute, ast.Call)
    tokens = (b".tuple", b"._tuple", b".t\n", b".t\r", b".t)", b".t,", b".t ", b".t[", b".t.", b".t:", b"._t", b"tuples(")
    what = (
        "Flags the 2.0-era typing helpers: `Row.tuple()`/`Row.t` (deprecated in 2.0.19), "
        "`Row._tuple()`/`Row._t` and `Result.tuples()`/`Query.tuples()` (deprecated in 2.1)."
    )
    why = (
        "They existed so type checkers could see a row's column types. In 2.1 a `Row` carries its "
        "column types itself, and all these helpers are deprecated."
    )
    example = Example(
        before="ids = session.execute(select(User.id, User.name)).tuples().all()",
        after="ids = session.execute(select(User.id, User.name)).all()",
    )
    use_instead = "Use the row (or the result) directly: `x, y = row`."
    fix_safety = "Safe on Row/Result evidence: the helpers return the object itself, typed differently."
    references = (
        "SQLAlchemy 2.1 migration notes, “Row now represents individual column types directly without Tuple”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        # Methods are reported on their call (the fix drops the call); `t` / `_t` on the attribute.
        target: ast.AST = node
        if isinstance(node, ast.Call):
            if node.args or node.keywords or not isinstance(node.func, ast.Attribute):
                return
            if node.func.attr == "tuples":
                self._tuples(node, node.func, ctx)
                return
            if node.func.attr not in _TUPLE_METHODS:
                return
            node, target = node.func, node
        assert isinstance(node, ast.Attribute)
        attr = node.attr
        if attr not in (_TUPLE_ATTRS if target is node else _TUPLE_METHODS) or not isinstance(node.ctx, ast.Load):
            return
        fact = row_fact(node.value, ctx)
        if fact is None:
            return
        row = ast.unparse(node.value)
        shown = f"{attr}()" if attr in _TUPLE_METHODS else attr
        ctx.report(
            self,
            target,
            f"`Row.{shown}` is deprecated: use `{row}` itself (it is a tuple)",
            fix=_fix(fact),
            evidence=row_evidence(fact),
            via=row_via(fact),
        )

    def _tuples(self, call: ast.Call, node: ast.Attribute, ctx: FileContext) -> None:
        recv = node.value
        fact = ctx.fact(recv)
        if fact.kind in (Kind.RESULT, Kind.QUERY):
            strong = fact.strong
        elif isinstance(recv, ast.Call) and isinstance(recv.func, ast.Attribute) and recv.func.attr in ("execute", "query"):
            strong = False
        else:
            return
        ctx.report(
            self,
            call,
            "`.tuples()` is deprecated in 2.1: rows are typed tuples already",
            fix=FixSafety.SAFE if strong else FixSafety.UNSAFE,
            evidence=Evidence.STRONG if strong else Evidence.WEAK,
            via=via_result(fact),
        )


def via_result(fact: Fact) -> str:
    return via_for(fact, frozenset({Kind.RESULT, Kind.QUERY}))
