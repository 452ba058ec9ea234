"""The project-wide gathering pass: settle evidence that crosses module boundaries.

Per-file analysis records, for a receiver it could not type locally, where the value came
from (`session@app.db.SessionLocal()`). Each file also exports its module-level facts
(`SessionLocal` is a session factory, `Base` a declarative base). Here the two meet: a
finding whose receiver resolves to what its rule needs becomes strong evidence; one whose
receiver resolves to something else is dropped; the rest stay weak.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqla_assist.core.findings import Evidence, FixSafety, RawFinding
from sqla_assist.core.imports import absolutize
from sqla_assist.core.kinds import ALTERNATIVES, SESSIONLIKE, Kind, method_result

Exports = dict[str, tuple[str, str]]

# Origin suffix: "the session of the Query this call returns" (`app.models.Trade.get_trades()`
# returning `Query`); a finding with it is kept only when the project confirms the Query.
OF_QUERY = "<query>"
# Prefix of `wants`: the finding stands only if the project confirms the origin's kind
# (`!model@app.config.Settings`); an unresolved origin drops it instead of leaving it weak.
REQUIRED = "!"
# Prefix of a `via` whose verdict needs every module's exports at once (SQ209: which engine the
# project binds to metadata); the rule's `settle_project(raw, facts, module, is_package)` decides.
PROJECT = "<project>"
# After PROJECT: a call through a project-level alias of a SQLAlchemy name (`settle_alias`).
ALIAS = "alias:"


@dataclass
class ProjectFacts:
    """Module-level facts of every scanned module, by dotted module name."""

    modules: dict[str, Exports]
    packages: frozenset[str] = frozenset()
    # Settling asks about the same few origins thousands of times (superset: 1,362 questions).
    _resolved: dict[str, Kind | None] = field(default_factory=dict, repr=False, compare=False)

    def add(self, module: str, exports: Exports, is_package: bool) -> None:
        self._resolved.clear()
        # Keep relative origins absolute from here on.
        self.modules[module] = {
            name: (kind, _absolutize(via, module, is_package) if via[:1] == "." or ALTERNATIVES in via else via)
            for name, (kind, via) in exports.items()
        }

    def resolve(self, path: str, depth: int = 0) -> Kind | None:
        """Kind of a dotted origin such as `app.db.SessionLocal()`, if the project tells."""
        if depth == 0:
            if path in self._resolved:
                return self._resolved[path]
            found = self._resolved[path] = self._resolve(path, 0)
            return found
        return self._resolve(path, depth)

    def _resolve(self, path: str, depth: int) -> Kind | None:
        if depth > 8 or not path:
            return None
        if ALTERNATIVES in path:
            # A class with several imported bases: mapped if any base is; else what the first tells.
            kinds = [self.resolve(alt, depth + 1) for alt in path.split(ALTERNATIVES)]
            return Kind.MODEL if Kind.MODEL in kinds else next((k for k in kinds if k is not None), None)
        tokens = path.split(".")
        for cut in range(len(tokens) - 1, 0, -1):
            module = ".".join(tokens[:cut])
            if module in self.modules:
                return self._follow(module, tokens[cut:], depth)
        return None

    def _follow(self, module: str, rest: list[str], depth: int) -> Kind | None:
        exports = self.modules[module]
        head, ops = rest[0], rest[1:]
        name, suffix = _split(head)
        if ops and not suffix:
            member = self._member(exports, name, ops, depth)
            if member is not None:
                return member
        kind: Kind | None = None
        if suffix == "()" and f"{name}()" in exports:
            kind = self._entry(exports[f"{name}()"], depth)
            suffix = ""
        elif name in exports:
            kind = self._entry(exports[name], depth)
        else:
            # `from app import models` then `models.User`: a submodule, not a name.
            sub = f"{module}.{name}"
            if sub in self.modules and (ops or suffix):
                return self._follow(sub, ops, depth + 1) if ops else None
            return self._through_stars(exports, rest, depth)
        kind = _apply(kind, suffix)
        for op in ops:
            attr, suffix = _split(op)
            if suffix == "()":
                kind = method_result(kind, attr)
            else:
                kind = _apply(_attr(kind, attr), suffix)
        return kind

    def sqlalchemy_name(self, path: str, depth: int = 0) -> str | None:
        """The SQLAlchemy name a project name stands for: `ckan.model.meta.mapper` (bound by
        `mapper = orm.mapper`, or re-exported by an import) → `sqlalchemy.orm.mapper`."""
        if path.startswith("sqlalchemy."):
            return path
        if depth > 8:
            return None
        tokens = path.split(".")
        for cut in range(len(tokens) - 1, 0, -1):
            module = ".".join(tokens[:cut])
            if module not in self.modules:
                continue
            name, rest = tokens[cut], tokens[cut + 1 :]
            kind, via = self.modules[module].get(name, ("", ""))
            if kind or not via or via.endswith(("()", "<subclass>")) or ALTERNATIVES in via:
                return None
            return self.sqlalchemy_name(".".join([via, *rest]), depth + 1)
        return None

    def _through_stars(self, exports: Exports, rest: list[str], depth: int) -> Kind | None:
        """A name the module does not bind itself may come from its `from x import *` lines."""
        if depth > 8:
            return None
        for key, (_, star) in exports.items():
            if key.startswith("*") and star in self.modules:
                kind = self._follow(star, rest, depth + 1)
                if kind is not None:
                    return kind
        return None

    def _member(self, exports: Exports, name: str, ops: list[str], depth: int) -> Kind | None:
        """`Trade.get_trades()...`: a class method whose return the module exported, here or in
        the module the name was imported from (a package `__init__` re-exporting `Trade`)."""
        attr, suffix = _split(ops[0])
        if suffix != "()":
            return None
        entry = exports.get(f"{name}.{attr}()")
        if entry is not None:
            kind = self._entry(entry, depth)
            for op in ops[1:]:
                attr, suffix = _split(op)
                kind = method_result(kind, attr) if suffix == "()" else _apply(_attr(kind, attr), suffix)
            return kind
        kind_text, via = exports.get(name, ("", ""))
        if via and not kind_text and not via.endswith(("()", "<subclass>")):
            return self.resolve(".".join([via, *ops]), depth + 1)
        return None

    def _entry(self, entry: tuple[str, str], depth: int) -> Kind | None:
        kind, via = entry
        if kind:
            return Kind(kind)
        return self.resolve(via, depth + 1)


def _split(token: str) -> tuple[str, str]:
    for suffix in ("()", "<subclass>"):
        if token.endswith(suffix):
            return token[: -len(suffix)], suffix
    return token, ""


def _apply(kind: Kind | None, suffix: str) -> Kind | None:
    if kind is None or not suffix:
        return kind
    if suffix == "()":
        if kind in (Kind.SESSION_FACTORY, Kind.SCOPED_SESSION):
            return Kind.SESSION
        return None
    if kind in (Kind.BASE, Kind.MODEL):
        return Kind.MODEL
    # A subclass of something known that is not a declarative base is not a model either.
    return Kind.OTHER


def _attr(kind: Kind | None, attr: str) -> Kind | None:
    if kind is Kind.FLASK_DB and attr == "session":
        return Kind.SCOPED_SESSION
    if kind is Kind.FLASK_DB and attr == "Model":
        # `class User(db.Model)` with `db` from another module: a declarative base.
        return Kind.BASE
    if kind in SESSIONLIKE and attr == "bind":
        return Kind.ENGINE
    if kind is Kind.METADATA and attr == "bind":
        return Kind.ENGINE
    return None


def settle(raw: RawFinding, facts: ProjectFacts, module: str, is_package: bool) -> RawFinding | None:
    """Upgrade, keep or drop one finding given the project's facts."""
    if raw.via.startswith(PROJECT):
        return _settle_by_rule(raw, facts, module, is_package)
    if raw.via.startswith(LOCATE):
        return _settle_locate(raw, facts, module, is_package)
    if not raw.via or "@" not in raw.via:
        return raw
    wants_text, _, origin = raw.via.partition("@")
    required = wants_text.startswith(REQUIRED)
    wants = {Kind(w) for w in wants_text.removeprefix(REQUIRED).split(",") if w}
    of_query = origin.endswith(OF_QUERY)
    if of_query:
        origin = origin.removesuffix(OF_QUERY)
    kind = facts.resolve(_absolutize(origin, module, is_package))
    if of_query:
        # The session behind a Query that a helper in another module returns: only when the
        # project shows the helper returns a Query; otherwise (unknown, third-party) drop it.
        kind = Kind.SESSION if kind is Kind.QUERY else Kind.OTHER
    if kind is None:
        return None if required else raw
    if kind in wants:
        return replace(raw, evidence=Evidence.STRONG, via="")
    return None


def _defines_model(facts: ProjectFacts, entry: tuple[str, str]) -> bool:
    """Is this export a mapped class written in its own module (not a name imported from elsewhere)?"""
    kind, via = entry
    if kind == Kind.MODEL.value and not via:
        return True
    return via.endswith("<subclass>") and facts.resolve(via) is Kind.MODEL


def model_modules(facts: ProjectFacts, name: str) -> list[str]:
    """Modules that define a mapped class called `name`, sorted: where a cross-file fix edits it."""
    return sorted(
        module
        for module, exports in facts.modules.items()
        if name in exports and _defines_model(facts, exports[name])
    )


def defining_module(facts: ProjectFacts, qualname: str, depth: int = 0) -> str | None:
    """The module that defines the mapped class `qualname` (`app.models.User`), following re-exports."""
    module, _, name = qualname.rpartition(".")
    exports = facts.modules.get(module)
    if depth > 8 or exports is None or name not in exports:
        return None
    if _defines_model(facts, exports[name]):
        return module
    kind, via = exports[name]
    return defining_module(facts, via, depth + 1) if via and not kind else None


def declarative_base_of(facts: ProjectFacts, module: str, name: str, depth: int = 0) -> str | None:
    """`app.db.Base` for a mapped class `name` of `module` (following re-exports), None if unknown.

    Two classes under different bases live in different registries, where a relationship's
    string target does not resolve.
    """
    entry = facts.modules.get(module, {}).get(name)
    if depth > 8 or entry is None:
        return None
    kind, via = entry
    if kind == Kind.BASE.value and not via:
        return f"{module}.{name}"
    if ALTERNATIVES in via and not kind:
        return _first_base(facts, via, depth)
    origin = via.removesuffix("<subclass>")
    if not origin or kind:
        return None
    owner, _, attr = origin.rpartition(".")
    if owner not in facts.modules:
        return None
    return declarative_base_of(facts, owner, attr, depth + 1)


# `via` prefixes (after PROJECT) → the function that settles them, as "module:function". Looked
# up by prefix, not through the rule registry: a warm rescan then imports one small module
# instead of every rule (~0.1 s).
PROJECT_HOOKS = {
    "selection:": "sqla_assist.rules._selection_verdict:settle_selection",
    "SQ209|": "sqla_assist.rules._sessbind_shapes:settle_project",
    ALIAS: "sqla_assist.core.gather:settle_alias",
    "autocommit:": "sqla_assist.rules.session_config:settle_autocommit_wrapper",
}


def settle_alias(raw: RawFinding, facts: ProjectFacts, module: str, is_package: bool) -> RawFinding | None:
    """A call through a project name (`meta.mapper(...)`) stands when that name is the
    SQLAlchemy one the rule asked about: `via = PROJECT + ALIAS + "<sqlalchemy name>@<origin>"`."""
    wanted, _, origin = raw.via.removeprefix(PROJECT + ALIAS).partition("@")
    if facts.sqlalchemy_name(absolutize(origin, module, is_package)) != wanted:
        return None
    return replace(raw, via="")


def _settle_by_rule(raw: RawFinding, facts: ProjectFacts, module: str, is_package: bool) -> RawFinding | None:
    """Hand a project-wide verdict to the function its `via` names (imported on first need)."""
    import importlib

    rest = raw.via.removeprefix(PROJECT)
    target = next((path for prefix, path in PROJECT_HOOKS.items() if rest.startswith(prefix)), None)
    if target is None:
        return replace(raw, via="")
    module_name, _, function = target.partition(":")
    hook = getattr(importlib.import_module(module_name), function)
    settled: RawFinding | None = hook(raw, facts, module, is_package)
    return settled


# -- the class another module's fix writes into (SQ313's reverse side) ---------------------------
# A finding whose fix edits a mapped class in another module carries
# `via = LOCATE + "owner\ttarget\tqualified-name-or-empty"`; settling keeps it as it is when the
# class is found (once, under the same declarative base) and makes it MANUAL, saying why, when
# not. The fixer asks `locate_model` the same question, so scan and fix agree.
LOCATE = "locate-model:"


def locate_model(
    facts: ProjectFacts, module: str, is_package: bool, owner: str, target: str, qual: str | None
) -> tuple[str | None, str]:
    """(the module defining mapped class `target`, "") or (None, why it cannot be edited)."""
    if qual:
        found = defining_module(facts, absolutize(qual, module, is_package))
        if found is None:
            return None, f"`{qual}` is not a mapped class of a scanned module"
    else:
        modules = model_modules(facts, target)
        if not modules:
            return None, f"no scanned module defines a mapped class `{target}`"
        if len(modules) > 1:
            return None, f"`{target}` is defined in {len(modules)} modules ({', '.join(modules)})"
        found = modules[0]
    mine, theirs = declarative_base_of(facts, module, owner), declarative_base_of(facts, found, target)
    if mine and theirs and mine != theirs:
        return None, (
            f"`{owner}` ({mine}) and `{target}` ({theirs}) have different declarative bases: "
            f"`relationship(\"{owner}\")` would not resolve there"
        )
    return found, ""


def _settle_locate(raw: RawFinding, facts: ProjectFacts, module: str, is_package: bool) -> RawFinding:
    owner, target, qual = [*raw.via.removeprefix(LOCATE).split("\t"), "", "", ""][:3]
    found, why = locate_model(facts, module, is_package, owner, target, qual or None)
    if found is not None:
        return replace(raw, via="")
    return replace(raw, via="", fix=FixSafety.MANUAL, message=f"{raw.message}; not fixed automatically: {why}")


def _first_base(facts: ProjectFacts, via: str, depth: int) -> str | None:
    """The declarative base behind the first of a class's imported bases that has one."""
    for alt in via.split(ALTERNATIVES):
        owner, _, attr = alt.removesuffix("<subclass>").rpartition(".")
        if owner in facts.modules:
            base = declarative_base_of(facts, owner, attr, depth + 1)
            if base is not None:
                return base
    return None


def _absolutize(via: str, module: str, is_package: bool) -> str:
    """`absolutize` for each alternative of a class with several bases (`.a.X<subclass>|.Y<subclass>`)."""
    return ALTERNATIVES.join(absolutize(alt, module, is_package) for alt in via.split(ALTERNATIVES))
