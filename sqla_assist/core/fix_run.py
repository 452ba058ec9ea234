"""One run of fixes over many files, written to disk or kept in memory.

`fix --write` proposes file after file; a fix may also edit another file (the reverse side of a
backref), so a file proposed later may already have been changed by an earlier fix and is
proposed again from its new bytes. `fix --diff` must show exactly that end state, each file
once: it runs the same loop against an `Overlay` that "writes" into memory and rescans from
memory, then diffs every changed file against its original bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace

from sqla_assist.core.analyze import analyze_source, decode_source
from sqla_assist.core.checkout import Checkout, blob_id, package_dirs_of
from sqla_assist.core.config_files import analyse_config, config_kind
from sqla_assist.core.findings import Finding
from sqla_assist.core.fix import (
    ApplyError,
    FileProposal,
    Hunk,
    StaleError,
    _diff,
    _encoding,
    _read,
    propose,
)
from sqla_assist.core.scan import Scanner, ScanResult, _payload

__all__ = ["Overlay", "Step", "run_fixes"]


@dataclass
class Step:
    """A proposal of the run, before the caller writes it (or decides not to)."""

    path: str
    proposal: FileProposal | None
    error: ApplyError | None = None  # the file could not be proposed (unreadable, edited meanwhile)


@dataclass
class Overlay:
    """Files as the fixes of this run leave them, held in memory; disk is only read."""

    checkout: Checkout
    scanner: Scanner
    original: dict[str, bytes] = field(default_factory=dict)
    current: dict[str, bytes] = field(default_factory=dict)
    fixed: dict[str, list[Finding]] = field(default_factory=dict)  # per file: the findings its changes resolve
    # per file: (fingerprints of one written hunk, the diff lines it added or removed)
    made: dict[str, list[tuple[tuple[str, ...], set[str]]]] = field(default_factory=dict)

    def read(self, path: str) -> bytes:
        if path in self.current:
            return self.current[path]
        return _read(self.checkout, path)

    def apply(self, proposal: FileProposal) -> None:
        """What `fix.apply` would write, kept here; stale inputs fail the same way."""
        group = [(p, self.read(p.path)) for p in (proposal, *proposal.companions)]
        for p, data in group:  # all or nothing, like `fix.apply`
            if blob_id(data) != p.blob:
                raise StaleError(f"{p.path}: changed on disk since scan, rescan")
        for p, data in group:
            self.original.setdefault(p.path, data)
            self.current[p.path] = p.new_text.encode(_encoding(data))
            shown = {fp for h in p.hunks for fp in h.fingerprints}
            self.fixed.setdefault(p.path, []).extend(f for f in proposal.fixed if p is proposal or f.fingerprint in shown)
            self.made.setdefault(p.path, []).extend((h.fingerprints, _changed_lines(h.text)) for h in p.hunks)

    def rescan(self, result: ScanResult) -> ScanResult:
        """`result` with the changed files analysed again from memory and settled across files."""
        everything = dict(result.all_files)
        packages = package_dirs_of(sorted(everything))
        changed = {}
        for path, data in self.current.items():
            payload = (
                analyse_config(path, data, self.scanner.rules)
                if config_kind(path)
                else _payload(analyze_source(data, self.scanner.rules))
            )
            res = self.scanner._result(path, blob_id(data), payload, packages, False)
            changed[path] = res
        everything.update(changed)
        self.scanner.settle(everything, only=set(changed))
        files = {p: everything[p] for p in result.files}
        return ScanResult(root=result.root, files=files, context=everything)

    def proposals(self) -> list[FileProposal]:
        """Each changed file once: its original bytes against its final bytes, path-sorted."""
        out = []
        for path in sorted(self.current):
            old, new = decode_source(self.original[path]), decode_source(self.current[path])
            if old == new:
                continue
            fixed = tuple(dict.fromkeys(self.fixed.get(path, [])))
            diff, hunks = _diff(path, old, new, fixed, set(), set())
            hunks = tuple(self._owned(path, h, fixed) for h in hunks)
            out.append(FileProposal(path, blob_id(self.original[path]), old, new, diff, hunks, fixed, ()))
        return out

    def _owned(self, path: str, hunk: Hunk, fixed: tuple[Finding, ...]) -> Hunk:
        """A merged hunk resolves the findings whose own hunks (own file or companion) made its lines.

        Line numbers cannot say it: a companion's findings are in another file, and a file
        proposed again after a companion edit was numbered differently.
        """
        shown = _changed_lines(hunk.text)
        fps = tuple(dict.fromkeys(fp for fps, lines in self.made.get(path, []) if lines & shown for fp in fps))
        return replace(hunk, fingerprints=fps or tuple(f.fingerprint for f in fixed), path=path)


def _changed_lines(text: str) -> set[str]:
    """A hunk's added or removed lines with content (blank ones say nothing about who made them)."""
    return {line for line in text.splitlines(keepends=True) if line[:1] in "+-" and line[1:].strip()}


def run_fixes(
    checkout: Checkout,
    result: ScanResult,
    rescan: Callable[[], ScanResult],
    *,
    rules: Collection[str] | None = None,
    unsafe: bool = False,
    read: Callable[[str], bytes] | None = None,
    written: set[str],
) -> Iterator[Step]:
    """Propose each scanned file in path order; the caller writes (or not) each step's proposal.

    The caller adds every file it writes (and its companions) to `written`. A file already
    changed by this run reads as stale: the project is rescanned (`rescan`) and the file
    proposed again from its new bytes. A file that cannot be proposed is a step with `error`.
    """
    for rel in sorted(result.files):
        try:
            try:
                proposal = propose(checkout, result, rel, rules=rules, unsafe=unsafe, read=read)
            except StaleError:
                if not written:
                    raise
                result = rescan()
                proposal = propose(checkout, result, rel, rules=rules, unsafe=unsafe, read=read)
        except ApplyError as exc:
            yield Step(rel, None, exc)
            continue
        if proposal is not None:
            yield Step(rel, proposal)
