"""SQ805: `automap_base().prepare(engine, reflect=True)` → `prepare(autoload_with=engine)`."""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.core.findings import Evidence, FixSafety
from sqla_assist.core.fixer import LazyFixer
from sqla_assist.core.rule import Example, Rule
from sqla_assist.rules._sq8_fixability import prepare_refusal

_AUTOMAP = "sqlalchemy.ext.automap.automap_base"


def _automap_names(ctx: FileContext) -> set[str]:
    """Names bound to `automap_base(...)` anywhere in the file."""
    names: set[str] = set()
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            if ctx.imports.qualify(node.value.func) == _AUTOMAP:
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


class AutomapPrepareReflect(Rule):
    id = "SQ805"
    name = "automap-prepare-reflect"
    title = "use `Base.prepare(autoload_with=engine)` instead of `prepare(engine, reflect=True)`"
    fix_class = "safe"
    on_20 = "DEPRECATED"
    on_21 = "DEPRECATED"
    nodes = (ast.Call,)
    tokens = (b"prepare(",)
    fixer = LazyFixer("sqla_assist.rules._fix_other:fix_automap_prepare")
    what = "Flags `prepare()` on an automap base given `reflect=True` or the engine positionally / as `engine=`."
    why = (
        "The `engine` and `reflect` parameters of `AutomapBase.prepare()` are deprecated since "
        "1.4; `autoload_with=engine` both reflects and names the engine."
    )
    example = Example(
        before="from sqlalchemy.ext.automap import automap_base\n\nBase = automap_base()\nBase.prepare(engine, reflect=True)",
        after="from sqlalchemy.ext.automap import automap_base\n\nBase = automap_base()\nBase.prepare(autoload_with=engine)",
    )
    use_instead = "`Base.prepare(autoload_with=engine)`; without reflection, `Base.prepare()`."
    fix_safety = "Safe: the keyword rename keeps behaviour (`reflect=False` with an engine just drops the engine)."
    references = ("SQLAlchemy source, `ext/automap.py` `AutomapBase.prepare` (deprecated `engine` / `reflect`)",)

    def check(self, node: ast.AST, ctx: FileContext) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "prepare"):
            return
        reflect = any(kw.arg == "reflect" for kw in node.keywords)
        engine_kw = any(kw.arg == "engine" for kw in node.keywords)
        if not (reflect or engine_kw or node.args):
            return
        receiver = func.value
        is_automap = (
            isinstance(receiver, ast.Call) and ctx.imports.qualify(receiver.func) == _AUTOMAP
        ) or (isinstance(receiver, ast.Name) and receiver.id in _automap_names(ctx))
        if not is_automap and not reflect:
            # `DeferredReflection.prepare(engine)` is the current API: positional engines need proof.
            return
        evidence = Evidence.STRONG if is_automap else Evidence.WEAK
        engine = next((ast.unparse(kw.value) for kw in node.keywords if kw.arg == "engine"), None)
        if engine is None and node.args:
            engine = ast.unparse(node.args[0])
        refusal = prepare_refusal(node)
        ctx.report(
            self,
            node,
            f"`prepare({'engine, ' if engine else ''}reflect=...)` is deprecated: use "
            f"`prepare(autoload_with={engine or 'engine'})`" + (f"; not fixed automatically: {refusal}" if refusal else ""),
            fix=FixSafety.MANUAL if refusal else FixSafety.SAFE,
            evidence=evidence,
        )
