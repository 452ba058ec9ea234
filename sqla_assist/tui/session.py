"""What the app knows and does, without any widgets: findings, filter, decisions, writes.

The screens call these methods and redraw from the result; keeping the logic here means the
Pilot tests and the app agree on one implementation and the widgets stay thin. Fixing and
the state file come from `sqla_assist.core.fix` / `sqla_assist.core.state`.
"""

from __future__ import annotations

import datetime
import importlib
import os
import shutil
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any

from sqla_assist.core.checkout import Checkout
from sqla_assist.core.config import Config
from sqla_assist.core.config_files import is_config_file
from sqla_assist.core.findings import SEVERITY_ORDER, Category, Finding, FixSafety, Severity
from sqla_assist.core.scan import FileResult, ScanResult

# The tree group of mypy.ini, setup.cfg, pyproject.toml and requirements files (no dotted module).
CONFIG_GROUP = "(config files)"


class Glyph(StrEnum):
    """A file's decision as the tree shows it."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    SKIPPED = "skipped"
    APPLIED = "applied"
    FAILED = "failed"

    @property
    def char(self) -> str:
        return _GLYPH_CHARS[self]


_GLYPH_CHARS = {
    Glyph.PENDING: "○",
    Glyph.ACCEPTED: "✓",
    Glyph.SKIPPED: "–",
    Glyph.APPLIED: "●",
    Glyph.FAILED: "✗",
}


class ActionError(Exception):
    """A decision could not be carried out; the message is shown to the user as is."""


def _module(name: str) -> Any:
    """Import a core module that may not exist yet in this checkout of the code."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


@dataclass
class Filter:
    """`/` filter: `category:select rule:SQ1 severity:breaks path:shop/`, bare words match paths."""

    text: str = ""

    def terms(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for word in self.text.split():
            key, sep, value = word.partition(":")
            out.append((key.lower(), value) if sep else ("path", word))
        return out

    def matches(self, finding: Finding) -> bool:
        for key, value in self.terms():
            v = value.lower()
            if key in ("category", "cat", "c"):
                ok = finding.category.value.startswith(v)
            elif key in ("rule", "r"):
                ok = finding.rule.lower().startswith(v)
            elif key in ("severity", "sev", "s"):
                ok = finding.severity.value.startswith(v)
            elif key in ("path", "p"):
                ok = v in finding.path.lower()
            else:
                ok = False
            if not ok:
                return False
        return True


@dataclass
class Outcome:
    """The result of one action, for the status line and the undo stack."""

    message: str
    path: str
    old_text: str | None = None
    new_text: str | None = None
    fingerprints: tuple[str, ...] = ()
    superseded: tuple[Any, ...] = ()  # decisions this one replaced, restored by undo
    prev_glyph: Glyph | None = None
    rescan: bool = False  # the file was rewritten: scan it again (in a worker)
    old_bytes: bytes = b""  # the file before and after a rewrite, so undo restores it exactly
    new_bytes: bytes = b""
    # Other files the same fix rewrote (a backref's reverse side): (path, before, after); undo
    # restores them with `path`, and they are rescanned with it.
    companions: tuple[tuple[str, bytes, bytes], ...] = ()


@dataclass
class Session:
    checkout: Checkout
    config: Config
    files: dict[str, FileResult] = field(default_factory=dict)
    filter: Filter = field(default_factory=Filter)
    scanning: bool = False
    settled: bool = False
    total: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    applied: set[str] = field(default_factory=set)
    undo_stack: list[Outcome] = field(default_factory=list)
    _state: Any = None
    _proposals: dict[str, Any] = field(default_factory=dict)
    # path → (previewed text, AlembicPreview or an error message); valid while the text matches
    alembic: dict[str, tuple[str, Any]] = field(default_factory=dict)
    alembic_pending: dict[str, str] = field(default_factory=dict)
    generation: dict[str, int] = field(default_factory=dict)  # bumped each time a file's result is replaced
    latest: dict[str, Glyph] = field(default_factory=dict)  # this session's newest decision per file
    rescanning: dict[str, int] = field(default_factory=dict)  # path → generation of its pending rescan
    # path → (generation, text on disk or None): read by the proposal worker, not the UI thread
    _disk_text: dict[str, tuple[int, str | None]] = field(default_factory=dict)

    # -- scan results -------------------------------------------------------------------------
    def reset(self) -> None:
        self.files = {}
        self.settled = False
        self.total = 0
        self._proposals.clear()
        self.alembic_pending.clear()
        self.failed.clear()  # failures of the old scan's proposals and writes; new ones recur

    def add(self, results: list[FileResult]) -> None:
        for res in results:
            self.files[res.path] = res
            self._proposals.pop(res.path, None)
            self.failed.pop(res.path, None)  # about the bytes before this scan
            self.generation[res.path] = self.generation.get(res.path, 0) + 1
            # a proposal that also edits this file was made from its old bytes
            for path, proposal in list(self._proposals.items()):
                if any(c.path == res.path for c in getattr(proposal, "companions", ())):
                    del self._proposals[path]

    def forget_written(self, paths: list[str]) -> None:
        """Drop proposals made from the old bytes of files just written: of those files, and any
        that edits one of them as a companion. Their rescans bring the new results."""
        written = set(paths)
        for path, proposal in list(self._proposals.items()):
            if path in written or any(c.path in written for c in getattr(proposal, "companions", ())):
                del self._proposals[path]

    def forget_proposals(self) -> None:
        """Drop cached proposals: evidence changed (the gathering pass ran), recompute on demand."""
        self._proposals.clear()

    def result(self) -> ScanResult:
        return ScanResult(root=self.checkout.root, files=self.files)

    @property
    def findings(self) -> list[Finding]:
        return self.result().findings

    def visible(self) -> dict[str, list[Finding]]:
        """Files with findings that pass the filter, path-sorted."""
        out: dict[str, list[Finding]] = {}
        for path in sorted(self.files):
            kept = [f for f in self.files[path].findings if self.filter.matches(f)]
            # a file fixed in this session stays in view, so its glyph and undo remain reachable
            if kept or (path in self.applied and not self.filter.text):
                out[path] = kept
        return out

    def visible_in(self, path: str) -> list[Finding] | None:
        """`visible()` for one file: its findings that pass the filter, or None when it is not shown."""
        res = self.files.get(path)
        if res is None:
            return None
        kept = [f for f in res.findings if self.filter.matches(f)]
        if kept or (path in self.applied and not self.filter.text):
            return kept
        return None

    def place(self, path: str) -> tuple[str, str]:
        """(package, module) of a file, as the tree groups it; configuration files have a group of their own."""
        if is_config_file(path):
            return CONFIG_GROUP, path
        module = self.files[path].module or PurePosixPath(path).stem
        return module.rpartition(".")[0] or "(top level)", module

    def tree(self) -> dict[str, dict[str, list[str]]]:
        """package → module → files, for the visible files."""
        out: dict[str, dict[str, list[str]]] = {}
        for path in self.visible():
            package, module = self.place(path)
            out.setdefault(package, {}).setdefault(module, []).append(path)
        return out

    # -- state ----------------------------------------------------------------------------------
    @property
    def state(self) -> Any:
        if self._state is None:
            mod = _module("sqla_assist.core.state")
            if mod is None:
                return None
            self._state = mod.load_state(self.checkout.root)
        return self._state

    def reload_state(self) -> None:
        self._state = None

    def glyph(self, path: str) -> Glyph:
        if path in self.failed:
            return Glyph.FAILED
        if path in self.latest:
            return self.latest[path]
        if path in self.applied:
            return Glyph.APPLIED
        state = self.state
        if state is None:
            return Glyph.PENDING
        kinds = {str(d.kind.value) for d in state.decisions_in(path)}
        if "skipped" in kinds or "wont-fix" in kinds:
            return Glyph.SKIPPED
        if kinds:
            return Glyph.ACCEPTED
        return Glyph.PENDING

    def decision_text(self, finding: Finding) -> str:
        state = self.state
        if state is None:
            return ""
        decision = state.decision_for(finding)
        if decision is None:
            return ""
        kind = str(getattr(decision.kind, "value", decision.kind))
        return f"{kind}{': ' + decision.reason if decision.reason else ''}"

    def _save(self) -> None:
        mod = _module("sqla_assist.core.state")
        assert mod is not None
        mod.save_state(self.checkout.root, self._state, findings=self.findings)

    def _decide(self, kind: str, path: str, fingerprint: str = "", rule: str = "", reason: str = "") -> None:
        mod = _module("sqla_assist.core.state")
        if mod is None or self.state is None:
            raise ActionError("the state file support (sqla_assist.core.state) is not available")
        decision = mod.Decision(
            kind=getattr(mod.DecisionKind, kind), path=path, fingerprint=fingerprint, rule=rule, reason=reason
        )
        self.state.decide(mod.stamped(decision, self.checkout, datetime.date.today().isoformat()))

    # -- fixes ----------------------------------------------------------------------------------
    def proposal(self, path: str) -> Any:
        """The proposed fix for `path` (safe and unsafe hunks), or None; cached until rescan.

        Computes it in the calling thread when missing; the screens draw from `has_proposal`
        / `compute_proposal` in a worker instead, so libcst never runs on the UI thread.
        """
        if path in self.rescanning:
            return None  # written since its scan (maybe as another fix's companion): wait for the rescan
        if path in self._proposals:
            return self._proposals[path]
        if path not in self.files:
            return None
        proposal, error = self.compute_proposal(path, dict(self.files))
        self.store_proposal(path, proposal, error)
        return proposal

    def has_proposal(self, path: str) -> bool:
        return path in self._proposals or path not in self.files

    def compute_proposal(self, path: str, files: dict[str, FileResult]) -> tuple[Any, str]:
        """(proposal or None, error text) from a snapshot of the results; safe in a worker thread."""
        fix = _module("sqla_assist.core.fix")
        if fix is None:
            return None, ""
        try:
            return fix.propose(self.checkout, ScanResult(root=self.checkout.root, files=files), path, unsafe=True), ""
        except Exception as exc:  # a fixer bug must not take the app down
            return None, f"cannot propose fixes: {exc}"

    def store_proposal(self, path: str, proposal: Any, error: str) -> None:
        if error:
            self.failed[path] = error
        self._proposals[path] = proposal

    def _apply(self, path: str, fingerprints: tuple[str, ...] | None, unsafe: bool) -> Outcome | None:
        fix = _module("sqla_assist.core.fix")
        if fix is None:
            raise ActionError("the fixer (sqla_assist.core.fix) is not available")
        full = self.checkout.abspath(path)
        try:
            proposal = fix.propose(self.checkout, self.result(), path, fingerprints=fingerprints, unsafe=unsafe)
            if proposal is None or not proposal.hunks:
                return None
            others = [(c.path, self.checkout.abspath(c.path)) for c in getattr(proposal, "companions", ())]
            old_bytes = full.read_bytes()
            old_others = [f.read_bytes() for _, f in others]
            fix.apply(self.checkout, proposal)
            new_bytes = full.read_bytes()
            companions = tuple((p, old, f.read_bytes()) for (p, f), old in zip(others, old_others, strict=True))
            self.forget_written([path, *(p for p, _ in others)])
        except fix.ApplyError as exc:
            self.failed[path] = str(exc)
            raise ActionError(f"{path}: not written: {exc}") from None
        except OSError as exc:
            self.failed[path] = f"cannot read: {exc.strerror}"
            raise ActionError(f"{path}: not written: cannot read: {exc.strerror}") from None
        self.failed.pop(path, None)
        self.applied.add(path)
        fps = tuple(f.fingerprint for f in proposal.fixed)
        return Outcome(
            "", path, proposal.old_text, proposal.new_text, fps, old_bytes=old_bytes, new_bytes=new_bytes,
            companions=companions,
        )

    # -- Alembic preview ------------------------------------------------------------------------
    def model_fixes(self, path: str) -> list[Finding]:
        """Typed-model (SQ3xx) findings the proposal for `path` fixes."""
        proposal = self.proposal(path)
        if proposal is None:
            return []
        return [f for f in proposal.fixed if f.category is Category.MODELS]

    def defines_models(self, path: str) -> bool:
        res = self.files.get(path)
        if res is None:
            return False
        from sqla_assist.core.alembic_preview import model_files

        return bool(model_files({path: res.exports}))

    def alembic_text(self, path: str) -> str | None:
        """The text the preview compares against the file on disk, or None when there is nothing to preview."""
        if not (self.model_fixes(path) or self.defines_models(path)):
            return None
        proposal = self.proposal(path)
        if proposal is not None:
            return str(proposal.new_text)
        cached = self._disk_text.get(path)
        if cached is not None and cached[0] == self.generation.get(path, 0):
            return cached[1]
        return self._read_text(path)

    def _read_text(self, path: str) -> str | None:
        try:
            return self.checkout.abspath(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def prefetch_text(self, path: str, gen: int) -> None:
        """Read `path` (as scanned at generation `gen`) for `alembic_text`; from a worker thread."""
        self._disk_text[path] = (gen, self._read_text(path))

    def alembic_target(self) -> Any:
        """`[tool.sqla-assist] metadata` if set, else the scan's guess; None when neither exists."""
        from sqla_assist.core import alembic_preview as ap

        if self.config.metadata:
            return str(self.config.metadata)
        return ap.discover_target({p: r.exports for p, r in self.files.items()})

    def alembic_result(self, path: str) -> Any:
        """The finished preview (or error text) for the current proposal of `path`, else None."""
        text = self.alembic_text(path)
        cached = self.alembic.get(path)
        if text is None or cached is None or cached[0] != text:
            return None
        return cached[1]

    def schema_changed(self, path: str) -> bool:
        result = self.alembic_result(path)
        return result is not None and not isinstance(result, str) and not result.errors and not result.is_empty

    def accept_blocked(self, path: str) -> str:
        """Why accept-all must not write `path` now ("" when it may): the Alembic verdict gates model changes."""
        if not self.model_fixes(path):
            return ""
        if self.schema_changed(path):
            return (
                f"{path}: the typed-model changes alter the schema (see the Alembic tab); "
                "accept single hunks with y after checking them"
            )
        if self.alembic_result(path) is None:
            return f"{path}: the Alembic preview of its model changes has not finished; wait, or accept single hunks with y"
        return ""

    def accept_file(self, path: str) -> Outcome:
        """Apply the file's safe fixes and record one accepted decision per fixed finding."""
        self._check_fresh(path)  # first: the Alembic gate below reads the proposal
        blocked = self.accept_blocked(path)
        if blocked:
            raise ActionError(blocked)
        prev = self.glyph(path)
        applied = self._apply(path, None, unsafe=False)
        by_fp = {f.fingerprint: f for f in self.files[path].findings}
        # accepting a file supersedes an earlier skip of the whole file
        skip = self.state.file_decision(path) if self.state is not None else None
        superseded: tuple[Any, ...] = ()
        if skip is not None and str(skip.kind.value) in ("skipped", "wont-fix"):
            self.state.undo(path, "")
            superseded = (skip,)
        if applied is None:
            self._decide("ACCEPTED", path)
            outcome = Outcome(f"{path}: accepted (no safe fixes to write)", path)
            self.latest[path] = Glyph.ACCEPTED
        else:
            for fp in applied.fingerprints:
                self._decide("ACCEPTED", path, fp, by_fp[fp].rule if fp in by_fp else "")
            outcome = applied
            outcome.message = f"{path}: {len(applied.fingerprints)} fix(es) written"
            outcome.rescan = True
            self.latest[path] = Glyph.APPLIED
        outcome.superseded, outcome.prev_glyph = superseded, prev
        self._save()
        self.undo_stack.append(outcome)
        return outcome

    def _check_fresh(self, path: str) -> None:
        if path in self.rescanning:
            raise ActionError(f"{path}: still being rescanned after the last write; try again in a moment")

    def accept_hunk(self, path: str, hunk: Any) -> Outcome:
        self._check_fresh(path)
        prev = self.glyph(path)
        applied = self._apply(path, tuple(hunk.fingerprints), unsafe=bool(hunk.unsafe))
        if applied is None:
            raise ActionError(f"{path}: that hunk no longer applies; rescan (R)")
        by_fp = {f.fingerprint: f for f in self.files[path].findings}
        for fp in applied.fingerprints:
            self._decide("ACCEPTED", path, fp, by_fp[fp].rule if fp in by_fp else "")
        applied.message = f"{path}: hunk written"
        applied.rescan, applied.prev_glyph = True, prev
        self.latest[path] = Glyph.APPLIED
        self._save()
        self.undo_stack.append(applied)
        return applied

    def skip_file(self, path: str, reason: str) -> Outcome:
        prev = self.glyph(path)
        self._decide("SKIPPED", path, reason=reason)
        self.latest[path] = Glyph.SKIPPED
        self._save()
        outcome = Outcome(f"{path}: skipped ({reason})", path, prev_glyph=prev)
        self.undo_stack.append(outcome)
        return outcome

    def skip_hunk(self, path: str, hunk: Any, reason: str) -> Outcome:
        by_fp = {f.fingerprint: f for f in self.files[path].findings}
        for fp in hunk.fingerprints:
            self._decide("SKIPPED", path, fp, by_fp[fp].rule if fp in by_fp else "", reason)
        self._save()
        outcome = Outcome(f"{path}: hunk skipped ({reason})", path, fingerprints=tuple(hunk.fingerprints))
        self.undo_stack.append(outcome)
        return outcome

    def toggle_manual(self, path: str) -> Outcome:
        """Mark the file's manual findings done by hand, or undo that mark if all are marked."""
        manual = [f for f in self.files[path].findings if f.fix is FixSafety.MANUAL]
        if not manual:
            raise ActionError(f"{path}: no manual findings")
        state = self.state
        if state is None:
            raise ActionError("the state file support (sqla_assist.core.state) is not available")
        done = [f for f in manual if "manual" in self.decision_text(f).lower()]
        if len(done) == len(manual):
            for f in manual:
                state.undo(path, f.fingerprint)
            self._save()
            return Outcome(f"{path}: manual findings marked open again", path)
        for f in manual:
            if f not in done:
                self._decide("MANUAL_DONE", path, f.fingerprint, f.rule)
        self._save()
        outcome = Outcome(f"{path}: {len(manual)} manual finding(s) done by hand", path,
                          fingerprints=tuple(f.fingerprint for f in manual))
        self.undo_stack.append(outcome)
        return outcome

    def undo(self) -> Outcome:
        """Undo the newest decision of this session; a rewrite is reverted if the file is unchanged since."""
        if not self.undo_stack:
            raise ActionError("nothing to undo")
        index = len(self.undo_stack) - 1
        last = self.undo_stack[index]
        path = last.path
        rewritten = last.new_text is not None and last.old_text is not None
        if rewritten:
            files = [(path, last.old_bytes, last.new_bytes), *last.companions]
            for p, _, new in files:  # all or nothing: a pair is never half reverted
                if self.checkout.abspath(p).read_bytes() != new:
                    raise ActionError(f"{p}: changed on disk since the fix; not reverted")
            for p, old, _ in files:
                full = self.checkout.abspath(p)
                tmp = full.with_name(f".{full.name}.sqla-assist-undo")
                tmp.write_bytes(old)
                shutil.copymode(full, tmp)
                os.replace(tmp, full)
            self.applied.discard(path)
        del self.undo_stack[index]
        state = self.state
        if state is not None:
            for fp in last.fingerprints or ("",):
                state.undo(path, fp)
            for decision in last.superseded:
                state.decide(decision)
            self._save()
        if last.prev_glyph is None or last.prev_glyph is Glyph.PENDING:
            self.latest.pop(path, None)
        else:
            self.latest[path] = last.prev_glyph
        return Outcome(f"{path}: undone", path, rescan=rewritten, companions=last.companions if rewritten else ())

    def rescan_file(self, path: str) -> None:
        """Scan `path` again in this thread (the app uses `scan_file` from a worker instead)."""
        self.add(self.scan_file(path, dict(self.files), self.settled))

    def scan_file(self, path: str, files: dict[str, FileResult], settled: bool) -> list[FileResult]:
        """Scan one file; settle its cross-module evidence against `files` (a snapshot, not mutated).

        Safe to call from a worker thread: it reads the snapshot and returns new results only.
        """
        from sqla_assist.core.scan import Scanner

        scanner = Scanner(self.checkout, self.config, workers=1, use_cache=False)
        results = list(scanner.iter_files(paths=[path]))
        if settled:
            scanner.settle({**files, **{r.path: r for r in results}}, only={r.path for r in results})
        return results

    # -- dashboard -------------------------------------------------------------------------------
    def is_open(self, finding: Finding) -> bool:
        return not self.decision_text(finding)

    def dashboard(self) -> dict[str, Any]:
        """The dashboard numbers, from `core.progress` when present, else from the findings."""
        progress = _module("sqla_assist.core.progress")
        if progress is not None and self.state is not None:
            findings = self.findings
            d = progress.dashboard(findings, self.state, self.config, self.checkout)
            severity = Counter(f.severity for f in findings if not progress.is_done(f, self.state))
            return {
                "checklist": [(i.title, i.done, i.total) for i in d.items if i.total or i.owner],
                "severity": [(s.label, severity.get(s, 0)) for s in SEVERITY_ORDER],
                "modules": d.modules[:8],
                "owners": [(o, n_open) for o, (n_open, _done) in d.owners.items()],
                "history": [(h.date[:10], h.open_total) for h in d.history],
                "files": len(self.files),
                "findings": len(findings),
            }
        findings = self.findings
        per_cat: dict[Category, list[int]] = {}
        for f in findings:
            row = per_cat.setdefault(f.category, [0, 0])
            row[1] += 1
            if not self.is_open(f):
                row[0] += 1
        severity = Counter(f.severity for f in findings if self.is_open(f))
        modules = Counter(f.module or f.path for f in findings if self.is_open(f))
        owners: Counter[str] = Counter()
        for item in self.config.checklist:
            owners[item.owner or "(nobody)"] += sum(
                1 for f in findings if self.is_open(f) and any(f.rule.startswith(r) for r in item.rules)
            )
        return {
            "checklist": [(c.label, done, total) for c, (done, total) in sorted(per_cat.items(), key=lambda kv: list(Category).index(kv[0]))],
            "severity": [(s.label, severity.get(s, 0)) for s in SEVERITY_ORDER],
            "modules": modules.most_common(8),
            "owners": sorted(owners.items()),
            "history": [],
            "files": len(self.files),
            "findings": len(findings),
        }


def severity_rank(severity: Severity) -> int:
    return SEVERITY_ORDER.index(severity)
