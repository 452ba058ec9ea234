"""SQ209 on the stdlib `ast`: which engine an unbound Session used through bound metadata.

The answer is project-wide (1.x found the engine through whichever `MetaData` the mapped
tables used), so it is settled in the gathering pass: every file exports the engines it binds
to metadata (`@bound-engine:<name>` entries, or `@bound-engine?<line>` with the reason a binding
cannot be used), and each finding carries what the factory's own file knows (its line, the
names bound around it). `verdict` turns both into the fix class; the detector (through
`settle_project`) and the fixer (`_fix_sessbind`) both ask it, so they cannot disagree.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from sqla_assist.core.analyze import FileContext, spans_a_line, token_lines
from sqla_assist.core.evidence import Kind
from sqla_assist.core.findings import Evidence, FixSafety, RawFinding
from sqla_assist.core.gather import PROJECT, ProjectFacts
from sqla_assist.core.imports import ImportMap

BOUND = "@bound-engine"
HEAD_END = "no longer supplies one on 2.0"  # every SQ209 message starts with text ending so
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_METADATA = ("sqlalchemy.MetaData", "sqlalchemy.schema.MetaData", "sqlalchemy.sql.schema.MetaData")
_BASES = ("sqlalchemy.orm.declarative_base", "sqlalchemy.ext.declarative.declarative_base")
_SESSIONS = ("sqlalchemy.orm.Session", "sqlalchemy.orm.sessionmaker")


@dataclass(frozen=True)
class Site:
    """What the factory's file knows about the place the factory is created."""

    top: int  # its line when it runs at import time (module or class body), else 0
    local: frozenset[str]  # names bound in the functions around it (they hide module names)
    names: dict[str, int] = field(default_factory=dict)  # module-level name → first line

    def encode(self) -> str:
        names = ",".join(f"{n}:{line}" for n, line in sorted(self.names.items()))
        return f"{PROJECT}SQ209|{self.top}|{','.join(sorted(self.local))}|{names}"

    @classmethod
    def decode(cls, via: str) -> Site | None:
        parts = via.removeprefix(PROJECT).split("|")
        if len(parts) != 4 or parts[0] != "SQ209":
            return None
        names = {}
        for item in filter(None, parts[3].split(",")):
            name, _, line = item.partition(":")
            names[name] = int(line)
        return cls(int(parts[1]), frozenset(filter(None, parts[2].split(","))), names)


@dataclass(frozen=True)
class Verdict:
    fix: FixSafety
    reason: str = ""  # why MANUAL, or what makes it UNSAFE
    engine: str = ""  # the expression to pass as `bind=`
    imports: tuple[str, str] | None = None  # (module, name) to import for it


# -- one file -----------------------------------------------------------------------------------
def _scoped(
    tree: ast.Module, lines: Sequence[int] | None = None
) -> Iterator[tuple[ast.AST, tuple[ast.AST, ...]]]:
    """Every node with the functions around it (innermost last); given sorted line numbers,
    only statements spanning one of them are entered (the rest cannot hold what is sought)."""
    stack: list[tuple[ast.AST, tuple[ast.AST, ...]]] = [(tree, ())]
    while stack:
        node, outer = stack.pop()
        if lines is not None and isinstance(node, ast.stmt) and not spans_a_line(node, lines):
            continue
        yield node, outer
        inner = (*outer, node) if isinstance(node, _SCOPES) else outer
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))


def _bound_here(fn: ast.AST) -> set[str]:
    """Names a function binds itself (parameters, assignments, imports), not nested functions'."""
    names: set[str] = set()
    if isinstance(fn, _SCOPES):
        args = fn.args
        names.update(a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs))
        names.update(a.arg for a in (args.vararg, args.kwarg) if a is not None)
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).partition(".")[0])
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
            continue
        if not isinstance(node, ast.Lambda):
            stack.extend(ast.iter_child_nodes(node))
    return names


def module_names(tree: ast.Module) -> dict[str, int]:
    """Names bound at module level (in nested if/try/with blocks too), with their first line;
    function and class bodies bind their own names, not the module's."""
    out: dict[str, int] = {}
    stack: list[ast.AST] = list(reversed(tree.body))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            out.setdefault(node.name, node.lineno)
            stack.extend(reversed([*node.decorator_list, *getattr(node, "bases", [])]))
            continue
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.setdefault(node.id, node.lineno)
        elif isinstance(node, ast.alias):
            out.setdefault((node.asname or node.name).partition(".")[0], getattr(node, "lineno", 0))
        stack.extend(reversed(list(ast.iter_child_nodes(node))))
    return out


def _bind_value(node: ast.AST, imports: ImportMap) -> tuple[ast.expr, bool] | None:
    """(engine expression, strong?) when `node` binds metadata to an engine."""
    if isinstance(node, ast.Call):
        qual = imports.qualify(node.func)
        bind = next((k.value for k in node.keywords if k.arg == "bind"), None)
        if qual in _METADATA:
            if bind is None and node.args and not isinstance(node.args[0], ast.Constant | ast.JoinedStr):
                bind = node.args[0]
            return (bind, True) if bind is not None else None
        if qual in _BASES and bind is not None:
            return bind, True
        return None
    if isinstance(node, ast.Assign) and not isinstance(node.value, ast.Constant):
        for target in node.targets:
            if isinstance(target, ast.Attribute) and target.attr == "bind":
                text = ast.unparse(target.value)
                if "metadata" in text.lower():
                    # `Base.metadata.bind = e` / `metadata.bind = e`: a MetaData by its spelling;
                    # only a `MetaData(...)` name or a `.metadata` attribute is sure.
                    strong = isinstance(target.value, ast.Attribute) and target.value.attr == "metadata"
                    return node.value, strong
    return None


def binding_lines(data: bytes, imports: ImportMap) -> list[int]:
    """Lines that can bind metadata to an engine: they spell `MetaData`, `declarative_base`,
    `.bind` or a local alias of the first two (`from sqlalchemy import MetaData as MD`)."""
    tokens = {b"MetaData", b"declarative_base", b".bind"}
    tokens.update(local.encode() for local, qual in imports.names.items() if qual in (*_METADATA, *_BASES))
    return token_lines(data, tokens)


def bindings(
    tree: ast.Module,
    imports: ImportMap,
    metadata_names: frozenset[str] = frozenset(),
    data: bytes | None = None,
) -> dict[str, tuple[str, str]]:
    """This file's export entries for every metadata binding (see the module docstring).

    With the file's bytes, only the statements on `binding_lines` are searched: most files
    bind nothing, and walking every node of every file was most of SQ209's cost.
    """
    lines = binding_lines(data, imports) if data is not None else None
    if lines == []:
        return {}
    top: dict[str, int] | None = None
    out: dict[str, tuple[str, str]] = {}
    for node, outer in _scoped(tree, lines):
        found = _bind_value(node, imports)
        if found is None:
            continue
        value, strong = found
        if outer and isinstance(node, ast.Call):
            # `MetaData(session.bind)` made inside a function is that function's own object (for
            # reflection, say): the project's sessions never found an engine through it.
            continue
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Attribute):
            owner = node.targets[0].value
            strong = strong or (isinstance(owner, ast.Name) and owner.id in metadata_names)
        line = getattr(node, "lineno", 0)
        if not isinstance(value, ast.Name):
            what = "created inline" if isinstance(value, ast.Call) else "not a plain name"
            out[f"{BOUND}?{line}"] = ("", f"the engine bound to metadata on line {line} is {what}: name it at module level first")
        elif any(value.id in _bound_here(fn) for fn in outer):
            out[f"{BOUND}?{line}"] = ("", f"the engine bound to metadata on line {line} (`{value.id}`) is created inside a function")
        elif value.id not in (top := top if top is not None else module_names(tree)):
            out[f"{BOUND}?{line}"] = ("", f"`{value.id}`, bound to metadata on line {line}, is not a module-level name")
        else:
            key = f"{BOUND}:{value.id}"
            if out.get(key, ("", "weak"))[1] != "strong":
                out[key] = ("", "strong" if strong else "weak")
    return out


def site_of(call: ast.Call, tree: ast.Module, names: dict[str, int] | None = None) -> Site:
    for node, outer in _scoped(tree):
        if node is call:
            local: set[str] = set()
            for fn in outer:
                local |= _bound_here(fn)
            return Site(0 if outer else call.lineno, frozenset(local), names if names is not None else module_names(tree))
    return Site(0, frozenset(), names or {})


def bound_at_call(factory: ast.Call, tree: ast.Module) -> bool:
    """`maker = sessionmaker()` whose sessions get their engine when made: `maker(bind=c)`,
    `maker(c)` (any call of the name with arguments)."""
    target = next(
        (
            n.targets[0].id
            for n in ast.walk(tree)
            if isinstance(n, ast.Assign) and n.value is factory and len(n.targets) == 1
            and isinstance(n.targets[0], ast.Name)
        ),
        None,
    )
    return target is not None and any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == target and (n.args or n.keywords)
        for n in ast.walk(tree)
    )


def configured(tree: ast.Module, data: bytes | None = None) -> bool:
    """A later `factory.configure(bind=...)` gives the Session its engine after all."""
    if data is not None and b"configure(" not in data:
        return False
    return any(
        isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr == "configure"
        and any(k.arg == "bind" for k in n.keywords)
        for n in ast.walk(tree)
    )


def unbound_factory(call: ast.Call, qual: str | None) -> bool:
    """`Session()` / `sessionmaker()` with no bind, no binds, no positional or `**` arguments."""
    if qual not in _SESSIONS or call.args:
        return False
    return not any(k.arg in (None, "bind", "binds") for k in call.keywords)


def file_context_exports(ctx: FileContext) -> dict[str, tuple[str, str]]:
    if not binding_lines(ctx.data, ctx.imports):
        return {}  # (and the module's facts, evaluated lazily, are not forced for nothing)
    metadata = frozenset(
        name for name, fact in ctx.module_scope.bindings.items() if fact.kind is Kind.METADATA
    )
    return bindings(ctx.tree, ctx.imports, metadata, ctx.data)


def local_exports(ctx: FileContext) -> dict[str, tuple[str, str]]:
    """The module-level kinds and imports of this file, as the gathering pass will see them."""
    out = {name: ("", qual) for name, qual in ctx.imports.names.items() if not qual.startswith("sqlalchemy")}
    for name, fact in ctx.module_scope.bindings.items():
        if fact.kind is not None and fact.evidence is Evidence.STRONG:
            out[name] = (fact.kind.value, "")
    return out


# -- the project --------------------------------------------------------------------------------
def _origin(facts: ProjectFacts, module: str, name: str, depth: int = 0) -> tuple[str, bool]:
    """(`defining.module.name`, is it known to be an Engine?) for a module-level name."""
    exports = facts.modules.get(module)
    entry = exports.get(name) if exports is not None else None
    if entry is None or depth > 8:
        return f"{module}.{name}", False
    kind, via = entry
    if kind:
        return f"{module}.{name}", kind == Kind.ENGINE.value
    if via and not via.endswith(("()", "<subclass>")):
        owner, _, attr = via.rpartition(".")
        if owner in facts.modules:
            return _origin(facts, owner, attr, depth + 1)
        return via, False
    return f"{module}.{name}", False


def _imports_of(facts: ProjectFacts, module: str) -> set[str]:
    out: set[str] = set()
    for key, (_, via) in facts.modules.get(module, {}).items():
        if key.startswith(BOUND) or not via:
            continue
        path = via.removesuffix("()").removesuffix("<subclass>")
        tokens = path.split(".")
        for cut in range(len(tokens), 0, -1):
            candidate = ".".join(tokens[:cut])
            if candidate in facts.modules:
                out.add(candidate)
                break
    return out


def _reaches(facts: ProjectFacts, start: str, goal: str) -> bool:
    """Does importing `start` import `goal` (through the project's own modules)?"""
    seen, stack = {start}, [start]
    while stack:
        for nxt in _imports_of(facts, stack.pop()):
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def verdict(facts: ProjectFacts, module: str, site: Site) -> Verdict | None:
    """How the factory in `module` at `site` gets its engine; None: the project binds no metadata."""
    engines: dict[str, bool] = {}
    refusals: list[str] = []
    for owner, exports in sorted(facts.modules.items()):
        for key, (_, via) in sorted(exports.items()):
            if key.startswith(f"{BOUND}?"):
                refusals.append(f"{via} (in `{owner}`)")
            elif key.startswith(f"{BOUND}:"):
                origin, engine = _origin(facts, owner, key.partition(":")[2])
                engines[origin] = engines.get(origin, False) or (engine and via == "strong")
    if not engines and not refusals:
        return None
    if len(engines) > 1:
        names = ", ".join(f"`{e}`" for e in sorted(engines))
        return Verdict(FixSafety.MANUAL, f"several engines are bound to metadata in this project ({names}): pass the right one by hand")
    if refusals:
        return Verdict(FixSafety.MANUAL, refusals[0])
    origin, strong = next(iter(engines.items()))
    fix = FixSafety.SAFE if strong else FixSafety.UNSAFE
    weak = "" if strong else "the bound engine or the metadata it is bound to is only guessed"
    for name, line in sorted(site.names.items()):
        if _origin(facts, module, name)[0] != origin:
            continue
        if name in site.local:
            return Verdict(FixSafety.MANUAL, f"`{name}` means something else inside the function that creates the factory")
        if site.top and line >= site.top:
            return Verdict(FixSafety.MANUAL, f"`{name}` is defined after the factory (line {line}): move the factory below it")
        return Verdict(fix, weak, name)
    home, _, name = origin.rpartition(".")
    if name in site.names or name in site.local:
        return Verdict(FixSafety.MANUAL, f"`{name}` already means something else here: import `{origin}` under another name")
    if home == module or _reaches(facts, home, module):
        return Verdict(FixSafety.MANUAL, f"importing `{name}` from `{home}` would make an import cycle")
    return Verdict(fix, weak, name, (home, name))


def settle_project(raw: RawFinding, facts: ProjectFacts, module: str, is_package: bool) -> RawFinding | None:
    """The gathering pass's verdict on one SQ209 finding (dropped when nothing is bound)."""
    site = Site.decode(raw.via)
    if site is None:
        return replace(raw, via="")
    found = verdict(facts, module, site)
    if found is None:
        return None
    return replace(raw, via="", fix=found.fix, evidence=Evidence.STRONG, message=message(raw.message, found))


def message(head: str, found: Verdict) -> str:
    """The finding's text for a verdict; `head` may already carry an earlier verdict's tail."""
    head = head.partition(HEAD_END)[0] + HEAD_END
    if found.fix is FixSafety.MANUAL:
        return f"{head} ({found.reason})"
    where = f", imported from `{found.imports[0]}`" if found.imports else ""
    tail = f"; {found.reason}" if found.reason else ""
    return f"{head}: pass `bind={found.engine}`{where}{tail}"
