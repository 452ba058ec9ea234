"""Where the SQ803 / SQ805 fixers refuse, answered on the stdlib `ast` for detection and fixer alike.

Detection reports MANUAL with the same reason the fixer would raise, so `scan` never shows as
SAFE a fix that `fix` then declines. No libcst here: detection imports this module.
"""

from __future__ import annotations

import ast
import re

# A warning-filter spec (`error::sqlalchemy.exc.RemovedIn20Warning`, `-W` values) or a dotted name.
FILTER_SPEC = re.compile(r"^(?:[a-z]*:[^:]*:)?(?:[\w.]+\.)?RemovedIn20Warning(?::[^\s]*)*$")


def warning_string_refusal(text: str) -> str | None:
    """Why a string naming `RemovedIn20Warning` is not renamed automatically, or None."""
    if "SQLALCHEMY_WARN_20" in text:
        return "`SQLALCHEMY_WARN_20` does nothing on 2.x: delete the line that sets it"
    if not FILTER_SPEC.match(text.strip()):
        return "the string mentions `RemovedIn20Warning` in prose, not as a warning filter: edit it by hand"
    return None


def _literal_bool(value: ast.expr) -> bool | None:
    return value.value if isinstance(value, ast.Constant) and isinstance(value.value, bool) else None


def prepare_refusal(call: ast.Call) -> str | None:
    """Why `automap.prepare(...)`'s arguments have no mechanical `autoload_with=` form, or None."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return "`prepare(*args / **kwargs)`: rewrite by hand"
    if len(call.args) > 1:
        return "`prepare()` with several positional arguments: name them by hand"
    engine: ast.expr | None = None
    reflect: bool | None = False
    for keyword in call.keywords:
        if keyword.arg == "engine":
            engine = keyword.value
        elif keyword.arg == "reflect":
            reflect = _literal_bool(keyword.value)
            if reflect is None and not call.args:
                return "`reflect=` is not a literal True/False: decide on `autoload_with=` by hand"
        elif keyword.arg == "autoload_with":
            return "`autoload_with=` given together with the deprecated arguments: merge them by hand"
    if call.args:
        if engine is not None:
            return "both a positional `autoload_with` and `engine=`: keep one by hand"
        engine, reflect = call.args[0], True
    if reflect and engine is None:
        return "`reflect=True` without an engine reflected through bound metadata: pass `autoload_with=<engine>`"
    return None


_BULK_VERBS = {"bulk_insert_mappings": "insert", "bulk_update_mappings": "update"}


def bulk_refusal(call: ast.Call, method: str) -> tuple[str | None, str | None]:
    """(why `session.<method>(...)` is not rewritten at all, why the rewrite would be a guess).

    The guess: `execute(insert(E), rows)` with an empty `rows` inserts one row of defaults where
    `bulk_insert_mappings` inserted nothing, so only a non-empty literal list is certain.
    """
    verb = _BULK_VERBS.get(method)
    if verb is None:
        return "`bulk_save_objects()` takes objects that may mix inserts and updates: rewrite by hand", None
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return f"`{method}(*...)`: rewrite by hand", None
    positional = list(call.args)
    keywords = {k.arg: k.value for k in call.keywords if k.arg is not None}
    mapper = keywords.pop("mapper", None) or (positional.pop(0) if positional else None)
    mappings = keywords.pop("mappings", None) or (positional.pop(0) if positional else None)
    if mapper is None or mappings is None or positional:
        return f"`{method}()` with unexpected arguments: rewrite by hand", None
    guess = None
    if verb == "insert":
        flag = keywords.pop("return_defaults", None)
        if flag is not None and _literal_bool(flag) is not False:
            return "`return_defaults=True` filled the dicts with new keys: use `insert(E).returning(...)` by hand", None
        nulls = keywords.pop("render_nulls", None)
        if nulls is not None and _literal_bool(nulls) is None:
            return "`render_nulls=` is not a literal True/False: rewrite by hand", None
        if not (isinstance(mappings, ast.List | ast.Tuple) and mappings.elts):
            guess = (
                f"`{ast.unparse(mappings)}` is taken to be non-empty: `session.execute(insert(E), [])` inserts "
                "one row of defaults where the legacy call inserted nothing"
            )
    if keywords:
        return f"`{', '.join(sorted(keywords))}=` has no ORM bulk statement equivalent: rewrite by hand", None
    return None, guess
