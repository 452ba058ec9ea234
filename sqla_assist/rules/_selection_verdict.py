"""The gathering pass's side of `_selection_agree`: light enough for a cached rescan.

A warm rescan settles pending selections from the findings cache alone; this module imports
no analyser (the detector-side helpers live in `_selection_agree` / `_storedquery_shapes`,
which re-export these names).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from sqla_assist.core.findings import FixSafety, RawFinding
from sqla_assist.core.gather import PROJECT, ProjectFacts, settle
from sqla_assist.core.imports import absolutize
from sqla_assist.core.kinds import Kind

# -- the same question, three ways: known / only a guess / unknown --------------------------------
# `_fix_query._kind` calls an argument an entity or a column (the fix is safe), an entity by its
# name only or on weak evidence (`fx.unsafe`), or refuses. `Selection` records what decides it on
# the stdlib `ast`, so the detector can say SAFE, UNSAFE or MANUAL; where the answer rests on a
# name imported from another module (which the fixer resolves with the project's facts), the
# origins are kept and `decide` runs again once the gathering pass knows them.
KNOWN = "known"
GUESS = "guess"
UNKNOWN_KIND = "unknown"


@dataclass(frozen=True)
class Selection:
    """What `_fix_query._kind` looks at for one `query()` argument."""

    text: str
    call_known: bool | None = None  # a call: whether its function tells a column or an entity
    call_entity: bool = False  # ...an entity (`aliased()`, `with_polymorphic()`)
    kind: str = ""  # the argument's own Kind value, if known here
    weak: bool = False  # ...on weak evidence
    origin: str = ""  # where it comes from in another module, when its kind is not known here
    attribute: bool = False
    owner_kind: str = ""
    owner_origin: str = ""
    columns: bool = False  # `t.c.x` / `t.columns.x`
    attr_camel: bool = False
    owner_name_camel: bool = False
    name_camel: bool = False

    def pending(self) -> bool:
        return bool(self.origin or self.owner_origin)

    def to_json(self) -> list[object]:
        return [getattr(self, f) for f in _SELECTION_FIELDS]

    @classmethod
    def from_json(cls, data: list[object]) -> Selection:
        return cls(**dict(zip(_SELECTION_FIELDS, data, strict=True)))  # type: ignore[arg-type]

    def decide(self, kind: str = "", owner_kind: str = "") -> tuple[str, str]:
        """(KNOWN | GUESS | UNKNOWN_KIND, reason) given the kinds of the pending origins (if any)."""
        if self.call_known is not None:
            return (KNOWN, "") if self.call_known else (UNKNOWN_KIND, self._unknown())
        mine = self.kind or kind
        if mine == Kind.MODEL.value:
            if self.weak and not kind:
                return GUESS, f"`{self.text}` is taken to be a mapped class on weak evidence"
            return KNOWN, ""
        if mine == Kind.TABLE.value:
            return KNOWN, ""
        if self.attribute:
            if (self.owner_kind or owner_kind) in (Kind.MODEL.value, Kind.TABLE.value) or self.columns:
                return KNOWN, ""
            if self.attr_camel:
                return GUESS, self._name_only()
            if self.owner_name_camel:
                return KNOWN, ""
        if self.name_camel:
            return GUESS, self._name_only()
        return UNKNOWN_KIND, self._unknown()

    def entity(self, kind: str = "", owner_kind: str = "") -> bool:
        """Whether the fixer calls it an entity (known or guessed); False for a column or unknown."""
        if self.call_known is not None:
            return self.call_entity
        verdict, _ = self.decide(kind, owner_kind)
        return verdict == GUESS or (verdict == KNOWN and (self.kind or kind) == Kind.MODEL.value)

    def _name_only(self) -> str:
        return f"`{self.text}` is taken to be a mapped class by its name only"

    def _unknown(self) -> str:
        return f"cannot tell whether `{self.text}` selects an entity or a column"


_SELECTION_FIELDS = tuple(Selection.__dataclass_fields__)


SELECTION = PROJECT + "selection:"
UNSAFE_NOTE = "fixed only as an unsafe fix"


def verdict(message: str, fix: FixSafety, decided: list[tuple[str, str]]) -> tuple[str, FixSafety]:
    """The message and fix of a finding whose fix was `fix`, given each argument's verdict."""
    if fix is FixSafety.MANUAL:
        return message, fix
    unknown = [why for what, why in decided if what == UNKNOWN_KIND]
    if unknown:
        return f"{message}; not fixed automatically: {unknown[0]}", FixSafety.MANUAL
    guesses = [why for what, why in decided if what == GUESS]
    if guesses:
        return f"{message}; {UNSAFE_NOTE}: {'; '.join(guesses)}", FixSafety.UNSAFE
    return message, fix


def _decided(selections: list[Selection], kinds: list[tuple[str, str]], entity_only: str) -> list[tuple[str, str]]:
    out = []
    for sel, (kind, owner_kind) in zip(selections, kinds, strict=True):
        decided = sel.decide(kind, owner_kind)
        if entity_only and decided[0] != UNKNOWN_KIND and not sel.entity(kind, owner_kind):
            decided = (UNKNOWN_KIND, entity_only)
        out.append(decided)
    return out


def settle_selection(raw: RawFinding, facts: ProjectFacts, module: str, is_package: bool) -> RawFinding | None:
    """The gathering pass's verdict: the receiver's own `via`, then the pending selections."""
    if not raw.via.startswith(SELECTION):
        return replace(raw, via="")
    own_via, data, entity_only = json.loads(raw.via.removeprefix(SELECTION))
    settled = settle(replace(raw, via=own_via), facts, module, is_package)
    if settled is None:
        return None

    def kind_of(origin: str) -> str:
        if not origin:
            return ""
        kind = facts.resolve(absolutize(origin, module, is_package))
        return kind.value if kind is not None else ""

    selections = [Selection.from_json(item) for item in data]
    kinds = [(kind_of(s.origin), kind_of(s.owner_origin)) for s in selections]
    message, fix = verdict(settled.message, settled.fix, _decided(selections, kinds, entity_only))
    return replace(settled, message=message, fix=fix)
