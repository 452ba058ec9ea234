"""Which class a string loader option (SQ701) or string join (SQ703) resolves against, on `ast`.

The fixers (`_fix_paths`) resolve the first name of a path against the one mapped class the
query selects (a join, against its first entity or the class of its first column) and refuse
when that class is not a model of this file or does not declare the name. Detection asks the
same questions, so those shapes are MANUAL with the fixer's reason. (Later names of a dotted
path follow relationship targets; detection still checks them only against all classes.)
"""

from __future__ import annotations

import ast

from sqla_assist.core.analyze import FileContext
from sqla_assist.rules._fixers_b_shapes import parents
from sqla_assist.rules._with_parent_shapes import declares, is_model

_SELECTS = ("sqlalchemy.select", "sqlalchemy.future.select", "sqlalchemy.sql.expression.select")
_RESELECT = ("select_from", "with_entities", "add_entity", "add_columns", "from_self", "select_entity_from")


def _single_entity(call: ast.Call, ctx: FileContext, first_column: bool) -> tuple[str | None, str]:
    if first_column and call.args and not call.keywords:
        first = call.args[0]
        if isinstance(first, ast.Attribute) and isinstance(first.value, ast.Name):
            first = first.value
        if isinstance(first, ast.Name) and is_model(first.id, ctx):
            return first.id, ""
    if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.Name):
        return None, "the query selects more than one entity (or not a class): say which by hand"
    name = call.args[0].id
    if not is_model(name, ctx):
        return None, f"`{name}` is not a model class defined in this file"
    return name, ""


def root_entity(chain: ast.expr, ctx: FileContext, *, first_column: bool = False) -> tuple[str | None, str]:
    """(the single mapped class the query chain starts from, or None with the fixer's reason)."""
    node = chain
    while True:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in _RESELECT:
                return None, f"`.{node.func.attr}()` changes which entity a string name refers to"
            if node.func.attr == "query":
                return _single_entity(node, ctx, first_column)
            node = node.func.value
        elif isinstance(node, ast.Call) and ctx.imports.qualify(node.func) in _SELECTS:
            return _single_entity(node, ctx, first_column)
        elif isinstance(node, ast.Attribute) and node.attr == "query" and isinstance(node.value, ast.Name):
            if is_model(node.value.id, ctx):
                return node.value.id, ""
            return None, "the query's entity is not a model class defined in this file"
        else:
            return None, "the query this option belongs to is not visible here"


def option_root(call: ast.Call, ctx: FileContext) -> tuple[str | None, str]:
    """The class the query around loader option `call` selects (climbing chained options)."""
    up = parents(ctx)
    node: ast.AST = call
    while True:
        parent = up.get(id(node))
        grand = up.get(id(parent)) if parent is not None else None
        if isinstance(parent, ast.Attribute) and isinstance(grand, ast.Call) and grand.func is parent and parent.attr != "options":
            node = grand
            continue
        break
    holder = up.get(id(node))
    if not (isinstance(holder, ast.Call) and isinstance(holder.func, ast.Attribute) and holder.func.attr == "options"
            and node in holder.args):
        return None, "the option is not written inside `.options(...)` of a query here, so its entity is unknown"
    return root_entity(holder.func.value, ctx)


def first_name_refusal(entity: str, name: str, ctx: FileContext) -> str:
    """The fixer's reason when `entity` (or its bases in this file) does not declare `name`."""
    if declares(entity, name, ctx):
        return ""
    return f"`{entity}` has no attribute `{name}` declared in this file (a backref or inherited name?)"
