"""The schema gate for typed-model fixes: a models file is written only if Alembic sees no change.

Typed-model rewrites (SQ3xx) look cosmetic but can change the DDL (RULES.md §4, traps 9–11).
Before such a proposal is accepted, `gate()` runs the Alembic preview on it: the models as
they are on disk versus the models with the proposed text. An empty autogenerate diff lets
the proposal through; anything else — operations, or a preview that could not run — holds
it until a person accepts it explicitly (`--unsafe` on the CLI, a confirmation in the app).

API for front ends: `gate(checkout, proposal, metadata_target=...) -> GateVerdict`, with
`verdict.needed` (the proposal has SQ3xx fixes), `verdict.ok` (may be accepted without
asking), `verdict.ops` (the rendered operations) and `verdict.explain()` (one paragraph).
`metadata_target_for(config_metadata, exports)` finds the target the way `sqla-assist alembic` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqla_assist.core.alembic_preview import (
    DEFAULT_TIMEOUT,
    AlembicPreview,
    PreviewError,
    Target,
    discover_target,
    preview,
)
from sqla_assist.core.checkout import Checkout
from sqla_assist.core.fix import FileProposal

GATED_PREFIX = "SQ3"
# SQ3xx fixes that edit no model: SQ318 deletes stub requirements / the mypy plugin from
# `setup.py`-style lists, and importing such a file for a preview would run it.
NOT_MODEL_CHANGES = frozenset({"SQ318"})


@dataclass(frozen=True)
class GateVerdict:
    """Whether a proposal may be accepted without a person looking at its schema effect."""

    path: str
    needed: bool
    preview: AlembicPreview | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        if not self.needed:
            return True
        return not self.error and self.preview is not None and self.preview.is_empty

    @property
    def ops(self) -> str:
        return self.preview.ops if self.preview is not None else ""

    def explain(self) -> str:
        if not self.needed:
            return f"{self.path}: no typed-model fixes, no schema check needed"
        if self.error:
            return f"{self.path}: the schema check could not run: {self.error}"
        assert self.preview is not None
        if self.preview.errors:
            return f"{self.path}: the schema check failed: " + "; ".join(self.preview.errors)
        if self.preview.is_empty:
            return f"{self.path}: Alembic autogenerate is empty: the typed-model fixes keep the schema"
        changes = "; ".join(self.preview.changes) or "see the operations"
        return f"{self.path}: the typed-model fixes would change the schema ({changes})"


def needs_gate(proposal: FileProposal) -> bool:
    """True when the proposal applies at least one typed-model (SQ3xx) fix that touches models."""
    return any(f.rule.startswith(GATED_PREFIX) and f.rule not in NOT_MODEL_CHANGES for f in proposal.fixed)


def metadata_target_for(
    config_metadata: str | None, exports: Mapping[str, Mapping[str, tuple[str, str]]]
) -> Target | str | None:
    """The configured `module:attr`, else the target guessed from the scan's exports."""
    if config_metadata:
        return config_metadata
    return discover_target(exports)


def gate(
    checkout: Checkout,
    proposal: FileProposal,
    *,
    metadata_target: Target | str | None,
    db_url: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> GateVerdict:
    """Run the Alembic preview on a proposal with typed-model fixes; no preview otherwise.

    Only the models-before → models-after comparison decides, and migrations are not run —
    unless the committed models do not load on 2.x at all (the very form the fix removes):
    then the proposal is compared with the database the project's migrations build.
    """
    if not needs_gate(proposal):
        return GateVerdict(proposal.path, needed=False)
    if metadata_target is None:
        return GateVerdict(
            proposal.path,
            needed=True,
            error="no metadata target: set `[tool.sqla-assist] metadata = \"pkg.models:Base.metadata\"`",
        )
    def run(migrations: bool) -> AlembicPreview:
        return preview(
            checkout,
            proposal.path,
            proposal.new_text,
            metadata_target=metadata_target,
            db_url=db_url,
            timeout=timeout,
            migrations=migrations,
            also={c.path: c.new_text for c in proposal.companions},
        )

    try:
        result = run(migrations=False)
        if result.model_diff is None and result.errors and all(e.startswith("before:") for e in result.errors):
            result = run(migrations=True)
    except PreviewError as exc:
        return GateVerdict(proposal.path, needed=True, error=str(exc))
    return GateVerdict(proposal.path, needed=True, preview=result)
