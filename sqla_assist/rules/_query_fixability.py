"""Which Query chains the SQ101–SQ107 fixers can rewrite, decided on the stdlib `ast`.

Detection uses this so that a finding is offered as a fix only when the fixer will take it;
otherwise it is manual and its message says why. The libcst fixers (`_fix_query`) apply the
same checks with the same reasons, plus the entity-vs-column evidence only known at fix time.
"""

from __future__ import annotations

import ast
from collections.abc import Collection

from sqla_assist.rules._helpers import QueryChain

# Query method → the `Select` method with the same behaviour.
LINKS = {
    "filter": "where",
    "where": "where",
    "filter_by": "filter_by",
    "join": "join",
    "outerjoin": "outerjoin",
    "order_by": "order_by",
    "group_by": "group_by",
    "having": "having",
    "limit": "limit",
    "offset": "offset",
    "slice": "slice",
    "distinct": "distinct",
    "options": "options",
    "with_for_update": "with_for_update",
    "execution_options": "execution_options",
    "select_from": "select_from",
    "correlate": "correlate",
    "prefix_with": "prefix_with",
    "suffix_with": "suffix_with",
    "with_hint": "with_hint",
    "with_statement_hint": "with_statement_hint",
}
JOINS = frozenset({"join", "outerjoin"})
# Links that another rule's fixer rewrites into LINKS before the terminal fixer runs
# (SQ115 moves entities into `query()`, SQ116 turns switches into execution options,
# SQ123 turns `with_parent()` into a filter). If that fixer refuses, so will the terminal's.
REWRITTEN_FIRST = frozenset(
    {"with_entities", "add_columns", "add_column", "add_entity", "populate_existing", "autoflush",
     "yield_per", "with_parent"}
)
# What the terminal fixers take on a chain written in one expression.
CHAIN_LINKS = frozenset(LINKS) | REWRITTEN_FIRST

VARIABLE = "the query is built in a variable or a helper: rewrite it where it is built and every place it is used"
ROOT_ARGS = "`query()` with no, starred or keyword arguments: rewrite by hand"
FILTER_BY = (
    "`filter_by()` with joins or several entities resolves names differently on 2.1's "
    "`select()`: write `where(Entity.attr == value)` (SQ110)"
)
STRING_JOIN = "string or tuple join targets were removed in 2.0: fix the join first (SQ701/SQ703)"
MULTI_JOIN = "`join()` with several targets: chain one `join()` per target (SQ704)"
JOIN_PAIR = "`join(A, B)`: cannot tell an ON clause from a second target"
JOIN_KW = "`join()` keywords other than isouter/full have no `select()` equivalent"
STRING_OPTION = "string loader paths were removed in 2.0: fix the loader options first (SQ701/SQ702)"
DISTINCT_ON = "`distinct(*cols)` is PostgreSQL's DISTINCT ON: rewrite it by hand (SQ625)"
SUBSCRIPT = "the chain indexes or slices the query: rewrite it by hand (SQ108)"


def no_link(name: str) -> str:
    return f"`.{name}()` has no one-to-one `select()` equivalent; rewrite this chain by hand"


def _has_string(node: ast.AST) -> bool:
    return any(
        isinstance(n, ast.JoinedStr) or (isinstance(n, ast.Constant) and isinstance(n.value, str))
        for n in ast.walk(node)
    )


def is_variable_chain(chain: QueryChain) -> bool:
    """`q.filter(...).all()`: `query_chain` gives such chains a synthetic root without a position."""
    return not hasattr(chain.root, "lineno")


def _subscripted(terminal: ast.Call) -> bool:
    node: ast.expr = terminal.func
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        if isinstance(node, ast.Subscript):
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
        if isinstance(node, ast.Attribute) and node.attr == "query":
            return False
    return False


def terminal_blocker(chain: QueryChain, terminal: ast.Call) -> str | None:
    """Why the terminal fixer would refuse this chain, or None if it can try."""
    if is_variable_chain(chain):
        return VARIABLE
    if _subscripted(terminal):
        return SUBSCRIPT
    return links_blocker(chain.root, [c for c in chain.links if c is not terminal], CHAIN_LINKS)


def links_blocker(root: ast.Call, links: list[ast.Call], allowed: Collection[str]) -> str | None:
    """Why the chain fixers would refuse `root` refined by `links`; `allowed` names the link
    methods they take (a stored Query's links, gathered from several statements, may not use
    the ones another fixer rewrites first)."""
    if not root.args or root.keywords or any(isinstance(a, ast.Starred) for a in root.args):
        return ROOT_ARGS
    methods = [c.func.attr for c in links if isinstance(c.func, ast.Attribute)]
    for i, call in enumerate(links):
        assert isinstance(call.func, ast.Attribute)
        name = call.func.attr
        if name not in allowed:
            return no_link(name)
        if name in ENTITY_METHODS:
            why = entities_link_blocker(call, methods[:i])
            if why:  # SQ115 would refuse to move the entities, and so the terminal's fixer
                return why
        if name == "with_parent":
            why = with_parent_link_blocker(call, root)
            if why:  # SQ123 would refuse to turn it into a filter, and so the terminal's fixer
                return why
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return f"`.{name}(*...)`: rewrite by hand"
        if name == "filter_by" and (len(root.args) > 1 or any(m in JOINS for m in methods)):
            return FILTER_BY
        if name in JOINS:
            if any(_has_string(a) or isinstance(a, ast.Tuple) for a in call.args):
                return STRING_JOIN
            if len(call.args) > 2 or not call.args:
                return MULTI_JOIN
            if len(call.args) == 2 and not isinstance(call.args[1], ast.Compare | ast.BoolOp | ast.Call):
                return JOIN_PAIR
            if any(k.arg not in ("isouter", "full") for k in call.keywords):
                return JOIN_KW
        if name == "options" and _has_string(call):
            return STRING_OPTION
        if name == "distinct" and call.args:
            return DISTINCT_ON
    return None


# The links `Session.get()` has an argument for (SQ107's fixer moves them there).
GET_LINKS = frozenset({"options", "populate_existing", "with_for_update", "execution_options"})


def get_blocker(chain: QueryChain) -> str | None:
    """Why the `Query.get()` fixer would refuse this chain, or None."""
    if is_variable_chain(chain):
        return VARIABLE
    for call in chain.links[:-1]:
        assert isinstance(call.func, ast.Attribute)
        if call.func.attr not in GET_LINKS or (call.func.attr == "populate_existing" and call.args):
            return f"`.{call.func.attr}()` before `.get()` has no `Session.get()` argument"
        if call.func.attr == "options" and _has_string(call):
            return STRING_OPTION
        if call.func.attr in ("with_for_update", "execution_options") and call.args:
            return f"`.{call.func.attr}()` with positional arguments: rewrite by hand"
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return f"`.{call.func.attr}(*...)`: rewrite by hand"
    return None


# The links `_fix_query_more.fix_query_entities` (SQ115) lets stand before the entities change.
ENTITY_NEUTRAL = frozenset(
    {"filter", "where", "join", "outerjoin", "order_by", "group_by", "having", "limit", "offset", "slice", "distinct"}
)
ENTITY_METHODS = frozenset({"with_entities", "add_columns", "add_column", "add_entity"})


def entities_link_blocker(call: ast.Call, before: list[str]) -> str | None:
    """Why SQ115's fixer would not move this `.with_entities()`-like link's entities into the
    query, given the link methods `before` it (the same checks and words as SQ115's detection)."""
    assert isinstance(call.func, ast.Attribute)
    name = call.func.attr
    if call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
        return f"`.{name}()` with keyword or starred arguments: rewrite by hand"
    if not call.args:
        return f"`.{name}()` without arguments"
    adding = name != "with_entities"
    allowed = ENTITY_NEUTRAL | {"filter_by", "options"} if adding else ENTITY_NEUTRAL
    bad = [m for m in before if m not in allowed]
    if bad and adding:
        return f"`.{bad[0]}()` before `.{name}()`: move the columns into `select(...)` by hand"
    if bad:
        return (
            f"`.{bad[0]}()` before `.{name}()` depends on the entities selected first: "
            "move the columns into `select(...)` by hand"
        )
    return None


def with_parent_link_blocker(call: ast.Call, root: ast.Call) -> str | None:
    """Why SQ123's fixer may not make this `.with_parent()` link a filter before the terminal's
    fixer runs. A string property waits for SQ707 (whose answer needs the file's models): the
    chain is manual until then, and SAFE on the rescan after SQ707's fix."""
    if len(call.args) != 2 or call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
        return "`with_parent()` without an explicit `Parent.relationship`: name the relationship attribute by hand (SQ707)"
    if not isinstance(call.args[1], ast.Attribute):
        return "`with_parent()` names the relationship as a string or an expression: fix it first (SQ707, SQ123)"
    if len(root.args) != 1 or not isinstance(root.args[0], ast.Name | ast.Attribute):
        return "`with_parent()` on a query of several entities or an alias: pass `from_entity` by hand"
    return None
