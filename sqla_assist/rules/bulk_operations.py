"""SQ804: legacy Session bulk methods → ORM bulk `insert()` / `update()` statements."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.evidence import SESSIONLIKE
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._helpers import evidence_of, session_fact, via_for
from sqla_assist.rules._sq8_fixability import bulk_refusal

_METHODS = {
    "bulk_insert_mappings": "insert",
    "bulk_update_mappings": "update",
    "bulk_save_objects": "",
}


class BulkOperations(Rule):
    id = "SQ804"
    fixer = LazyFixer("sqla_assist.rules._fix_other:fix_bulk_mappings")
    name = "session-bulk-methods"
    title = "use `session.execute(insert(Entity), rows)` / `update(Entity)` instead of `bulk_*` Session methods"
    fix_class = "typed/manual"
    on_20 = "LEGACY"
    on_21 = "LEGACY"
    nodes = (ast.Call, ast.Expr)
    tokens = (b"bulk_",)
    what = "Flags `Session.bulk_insert_mappings()`, `bulk_update_mappings()` and `bulk_save_objects()`."
    why = (
        "The legacy bulk methods still work but are superseded by ORM-enabled `insert()` / "
        "`update()` statements executed with a list of parameter dictionaries, which batch the "
        "same way and support RETURNING."
    )
    example = Example(
        before=(
            'session.bulk_insert_mappings(User, [{"name": "a"}, {"name": "b"}])\n'
            'session.bulk_update_mappings(User, [{"id": 1, "name": "x"}])'
        ),
        after=(
            'session.execute(insert(User), [{"name": "a"}, {"name": "b"}])\n'
            'session.execute(update(User), [{"id": 1, "name": "x"}])'
        ),
    )
    use_instead = (
        "`session.execute(insert(Entity), list_of_dicts)`; bulk UPDATE by primary key is "
        "`session.execute(update(Entity), list_of_dicts)` with the key in every dict and no "
        "`.where()`. `return_defaults=True` becomes `.returning(...)`, `render_nulls=True` an "
        "execution option. `bulk_save_objects` takes objects (inserts and updates mixed): rewrite by hand."
    )
    fix_safety = (
        "Typed for the `*_mappings` forms (Session evidence needed; 2.0+ only); manual for "
        "`bulk_save_objects`. Neither form fires mapper events or cascades."
    )
    references = (
        "What's new in 2.0, “ORM-enabled Insert, Upsert, Update and Delete Statements, with ORM RETURNING”",
        "SQLAlchemy ORM querying guide, “ORM Bulk INSERT Statements”, “ORM Bulk UPDATE by Primary Key”",
    )

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        if isinstance(node, ast.Expr):
            # Seen before its value: a bulk call standing as a statement has its (None) result unused.
            if isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute):
                statements = ctx.memo.setdefault(("SQ804", "statements"), set())
                assert isinstance(statements, set)
                statements.add(id(node.value))
            return
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in _METHODS):
            return
        fact = session_fact(func.value, ctx)
        if fact is None:
            return
        stmt = _METHODS[func.attr]
        entity = ast.unparse(node.args[0]) if node.args and stmt else "Entity"
        if stmt:
            message = (
                f"`Session.{func.attr}()`: use `session.execute({stmt}({entity}), rows)` "
                "(ORM bulk statement, 2.0+)"
            )
            fix = FixSafety.SAFE
            refusal, guess = bulk_refusal(node, func.attr)
            statements = ctx.memo.get(("SQ804", "statements"))
            if refusal is None and not (isinstance(statements, set) and id(node) in statements):
                refusal = f"the value of `{func.attr}()` (None) is used: rewrite by hand"
            if refusal is not None:
                fix = FixSafety.MANUAL
                message += f"; not fixed automatically: {refusal}"
            elif guess is not None:
                fix = FixSafety.UNSAFE
                message += f"; unsafe to fix automatically: {guess}"
        else:
            message = (
                "`Session.bulk_save_objects()`: split into `session.execute(insert(Entity), rows)` / "
                "`update(Entity)` by hand, or `session.add_all()` when events are wanted"
            )
            fix = FixSafety.MANUAL
        ctx.report(self, node, message, fix=fix, evidence=evidence_of(fact), via=via_for(fact, SESSIONLIKE))
