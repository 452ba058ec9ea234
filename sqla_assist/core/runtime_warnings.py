"""Runtime evidence: SQLAlchemy 2.0 deprecation warnings captured from a test run.

Static analysis can miss legacy calls reached through indirection; a test run under
`SQLALCHEMY_WARN_20=1 pytest -W always ... 2>&1` cannot. Each warning is attributed to the
innermost frame inside the checkout (library frames are skipped), then matched to the static
finding whose span holds that line, or reported as runtime-only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqla_assist.core.checkout import Checkout
from sqla_assist.core.findings import Finding

_KINDS = r"(?:sqlalchemy\.exc\.)?(?:RemovedIn20Warning|MovedIn20Warning|LegacyAPIWarning|SADeprecationWarning|Base20DeprecationWarning)"
# `path.py:12: RemovedIn20Warning: message` (warnings.showwarning's format, also in pytest's summary)
_SHOWN = re.compile(rf"^\s*(?P<file>[^\s].*?\.py):(?P<line>\d+): (?P<kind>{_KINDS}): (?P<msg>.*)$")
# a traceback frame, then the exception line, when warnings were turned into errors
_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+\.py)", line (?P<line>\d+)')
_RAISED = re.compile(rf"^(?:E\s+)?(?P<kind>{_KINDS}): (?P<msg>.*)$")


@dataclass(frozen=True)
class RuntimeWarning20:
    path: str
    line: int
    kind: str
    message: str


@dataclass
class Ingested:
    seen: dict[Finding, int]
    """Static findings a warning pointed at, with how many times it fired."""
    runtime_only: dict[RuntimeWarning20, int]
    """Warnings at lines no static finding covers: legacy usage the scan did not see."""
    unattributed: int
    """Warnings with no frame in the checkout (raised from library code only)."""


def _in_checkout(checkout: Checkout, file: str, cwd: Path) -> str | None:
    path = Path(file)
    candidates = [path] if path.is_absolute() else [cwd / path, checkout.root / path]
    for cand in candidates:
        try:
            rel = checkout.relpath(cand)
        except ValueError:
            continue
        if (checkout.root / rel).is_file() and "site-packages/" not in rel:
            return rel
    return None


def parse_warnings(text: str, checkout: Checkout, cwd: Path | None = None) -> tuple[Counter[RuntimeWarning20], int]:
    where = cwd or checkout.root
    found: Counter[RuntimeWarning20] = Counter()
    unattributed = 0
    frames: list[tuple[str, int]] = []
    for raw in text.splitlines():
        shown = _SHOWN.match(raw)
        if shown:
            rel = _in_checkout(checkout, shown["file"], where)
            if rel is None:
                unattributed += 1
            else:
                found[RuntimeWarning20(rel, int(shown["line"]), _short(shown["kind"]), shown["msg"].strip())] += 1
            continue
        frame = _FRAME.match(raw)
        if frame:
            frames.append((frame["file"], int(frame["line"])))
            continue
        raised = _RAISED.match(raw.strip())
        if raised and frames:
            for file, line in reversed(frames):
                rel = _in_checkout(checkout, file, where)
                if rel is not None:
                    found[RuntimeWarning20(rel, line, _short(raised["kind"]), raised["msg"].strip())] += 1
                    break
            else:
                unattributed += 1
            frames = []
        elif raw.startswith("Traceback"):
            frames = []
    return found, unattributed


def _short(kind: str) -> str:
    return kind.rsplit(".", 1)[-1]


def ingest(text: str, findings: Sequence[Finding], checkout: Checkout, cwd: Path | None = None) -> Ingested:
    warnings, unattributed = parse_warnings(text, checkout, cwd)
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    seen: Counter[Finding] = Counter()
    runtime_only: dict[RuntimeWarning20, int] = {}
    for w, count in sorted(warnings.items(), key=lambda i: (i[0].path, i[0].line, i[0].message)):
        hits = [f for f in by_path.get(w.path, []) if f.line <= w.line <= f.end_line]
        if hits:
            for f in hits:
                seen[f] += count
        else:
            runtime_only[w] = count
    return Ingested(seen=dict(seen), runtime_only=runtime_only, unattributed=unattributed)
