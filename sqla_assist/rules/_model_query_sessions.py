"""Which session stands behind `Model.query`, as found in one file: one answer for SQ128's
detection and its fixer (`_fix_query_more.fix_model_query`). Pure `ast`, no libcst.

The session is the receiver of a `query_property()` call assigned to the class (or to a base
as `Base.query = ...`), or `db.session` for a Flask-SQLAlchemy `db.Model` subclass; a class
that sets its own `query_class` has none we can name.
"""

from __future__ import annotations

import ast
from collections.abc import Callable


def _prop_session(value: ast.expr) -> str | None:
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "query_property"
        and not value.args
        and not value.keywords
        and isinstance(value.func.value, ast.Name | ast.Attribute)
    ):
        return ast.unparse(value.func.value)
    return None


def query_sessions(tree: ast.Module, is_flask_db: Callable[[ast.expr], bool]) -> dict[str, str]:
    """class name → source of the session behind its `query` property, as found in `tree`.

    `is_flask_db(expr)`: is `expr` (the `db` of `db.Model`) strongly a Flask-SQLAlchemy object?
    """
    sessions: dict[str, str] = {}
    custom: set[str] = set()
    classes: list[ast.ClassDef] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            classes.append(node)
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "query" for t in stmt.targets):
                    found = _prop_session(stmt.value)
                    if found:
                        sessions[node.name] = found
                if isinstance(stmt, ast.Assign | ast.AnnAssign):
                    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                    if any(isinstance(t, ast.Name) and t.id == "query_class" for t in targets):
                        custom.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "query" and isinstance(target.value, ast.Name):
                    found = _prop_session(node.value)
                    if found:
                        sessions[target.value.id] = found
    changed = True
    while changed:
        changed = False
        for cls in classes:
            if cls.name in sessions:
                continue
            for base in cls.bases:
                inherited: str | None = None
                if isinstance(base, ast.Name) and base.id in sessions:
                    inherited = sessions[base.id]
                elif isinstance(base, ast.Attribute) and base.attr == "Model" and is_flask_db(base.value):
                    inherited = f"{ast.unparse(base.value)}.session"
                if inherited is not None:
                    sessions[cls.name] = inherited
                    changed = True
                    break
    for name in custom:
        sessions.pop(name, None)
    return sessions


def no_session(model: str) -> str:
    return (
        f"the session behind `{model}.query` (Flask-SQLAlchemy `db`, or the `query_property()` "
        "call) is not visible in this file, or the model sets its own `query_class`: "
        f"write `<session>.scalars(select({model})...)` by hand"
    )
