"""The migration state file: baseline, decisions, checklist notes and a summary, in the repo.

The file is TOML we write ourselves so every save is byte-stable: sorted, one entry per line,
no absolute paths, no save timestamps. Everything about one source file lives in that file's own
`[files."path"]` table, including its summary counts, so two branches that work on different
files change different, non-adjacent lines and git merges them without a conflict. Totals are
summed on read, never stored. Cases that still conflict are resolved by `merge_texts`, the
union merge behind `sqla-assist merge-driver`.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Any

from sqla_assist.core.checkout import Checkout
from sqla_assist.core.findings import Category, Finding

STATE_FILE = ".sqla-assist.toml"
SCHEMA = 1

_HEADER = (
    "# sqla-assist migration state: baseline, decisions, checklist notes, summary.\n"
    "# Written by sqla-assist; commit it with your code. `sqla-assist merge-driver` explains\n"
    "# how to let git union two branches' decisions when they touch the same file.\n"
)


class StateError(Exception):
    """The state file cannot be read as written; the message names the line and the problem."""


class DecisionKind(StrEnum):
    ACCEPTED = "accepted"
    SKIPPED = "skipped"
    MANUAL_DONE = "manual-done"
    WONT_FIX = "wont-fix"

    @property
    def done(self) -> bool:
        """Kinds that close a finding for progress (skipped only postpones it)."""
        return self is not DecisionKind.SKIPPED


NEEDS_REASON = frozenset({DecisionKind.SKIPPED, DecisionKind.WONT_FIX})


@dataclass(frozen=True)
class Decision:
    kind: DecisionKind
    path: str
    fingerprint: str = ""
    rule: str = ""
    reason: str = ""
    who: str = ""
    date: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.path, self.fingerprint)


@dataclass
class ChecklistNote:
    """What a lead adds to a checklist item by hand."""

    owner: str = ""
    notes: str = ""


@dataclass
class FileSummary:
    """Counts per category for one file when the state was last saved with a scan."""

    open: dict[str, int] = field(default_factory=dict)
    done: dict[str, int] = field(default_factory=dict)


@dataclass
class State:
    schema: int = SCHEMA
    baseline: dict[str, dict[str, str]] = field(default_factory=dict)
    """path -> {fingerprint: rule} of legacy findings allowed to remain."""
    decisions: dict[tuple[str, str], Decision] = field(default_factory=dict)
    checklist: dict[str, ChecklistNote] = field(default_factory=dict)
    summary: dict[str, FileSummary] = field(default_factory=dict)

    # -- decisions ------------------------------------------------------------------------
    def decide(self, decision: Decision) -> None:
        """Record a decision, replacing any earlier one on the same file or finding."""
        _check_path(decision.path)
        if decision.kind in NEEDS_REASON and not decision.reason.strip():
            raise ValueError(f"a {decision.kind.value} decision needs a reason")
        self.decisions[decision.key] = decision

    def undo(self, path: str, fingerprint: str = "") -> Decision | None:
        return self.decisions.pop((path, fingerprint), None)

    def decision_for(self, finding: Finding) -> Decision | None:
        own = self.decisions.get((finding.path, finding.fingerprint))
        return own if own is not None else self.file_decision(finding.path)

    def file_decision(self, path: str) -> Decision | None:
        return self.decisions.get((path, ""))

    def decisions_in(self, path: str) -> list[Decision]:
        return [d for (p, _), d in sorted(self.decisions.items()) if p == path]

    # -- baseline -------------------------------------------------------------------------
    def in_baseline(self, finding: Finding) -> bool:
        return finding.fingerprint in self.baseline.get(finding.path, {})

    def baseline_entries(self) -> list[tuple[str, str, str]]:
        """(path, fingerprint, rule), sorted."""
        return sorted((p, fp, r) for p, fps in self.baseline.items() for fp, r in fps.items())

    def set_baseline(self, findings: Iterable[Finding]) -> None:
        self.baseline = {}
        for f in findings:
            self.baseline.setdefault(f.path, {})[f.fingerprint] = f.rule

    def note(self, item: str) -> ChecklistNote:
        return self.checklist.setdefault(item, ChecklistNote())

    def totals(self) -> dict[str, dict[str, int]]:
        """Summary counts summed over files: {"open": {category: n}, "done": {...}}."""
        out: dict[str, dict[str, int]] = {"open": {}, "done": {}}
        for s in self.summary.values():
            for which, counts in (("open", s.open), ("done", s.done)):
                for cat, n in counts.items():
                    out[which][cat] = out[which].get(cat, 0) + n
        return out


def closes(decision: Decision | None) -> bool:
    return decision is not None and decision.kind.done


def summarize(findings: Sequence[Finding], state: State) -> dict[str, FileSummary]:
    """Per-file open/done counts; a baselined finding that is gone counts as done."""
    out: dict[str, FileSummary] = {}
    present: set[tuple[str, str]] = set()
    for f in findings:
        present.add((f.path, f.fingerprint))
        s = out.setdefault(f.path, FileSummary())
        bucket = s.done if closes(state.decision_for(f)) else s.open
        bucket[f.category.value] = bucket.get(f.category.value, 0) + 1
    for path, fp, rule in state.baseline_entries():
        if (path, fp) not in present:
            cat = _category_of(rule).value
            s = out.setdefault(path, FileSummary())
            s.done[cat] = s.done.get(cat, 0) + 1
    return out


def _category_of(rule: str) -> Category:
    try:
        return Category.for_rule(rule)
    except (KeyError, IndexError):
        return Category.OTHER


# -- git identity -------------------------------------------------------------------------------
def git_identity(checkout: Checkout) -> str:
    """"Name <email>" from git config, or "" when neither is set."""
    try:
        reader = checkout.repo.config_reader()
        name = str(reader.get_value("user", "name", default="")).strip()
        email = str(reader.get_value("user", "email", default="")).strip()
    except Exception:  # a broken git config must not stop a decision being recorded
        return ""
    if name and email:
        return f"{name} <{email}>"
    return name or (f"<{email}>" if email else "")


# -- load -----------------------------------------------------------------------------------
def state_path(root: Path) -> Path:
    return root / STATE_FILE


def load_state(root: Path) -> State:
    path = state_path(root)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return State()
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise StateError(f"{STATE_FILE}:{line}: not UTF-8 text") from None
    except OSError as exc:
        raise StateError(f"{STATE_FILE}: cannot read: {exc.strerror}") from None
    return parse_state(text)


_TOML_POS = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


def parse_state(text: str, name: str = STATE_FILE) -> State:
    """Parse and validate the state file's text; every problem is a `StateError` with a line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_POS.search(msg)
        line = int(m.group(1)) if m and m.group(1) else text.count("\n") + 1
        problem = _TOML_POS.sub("", msg)
        raise StateError(f"{name}:{line}: {problem}") from None
    return _Validator(text, name).state(data)


class _Validator:
    """Turns parsed TOML into a State, pointing at the line of whatever is wrong."""

    def __init__(self, text: str, name: str) -> None:
        self.lines = text.splitlines()
        self.name = name

    def fail(self, line: int, problem: str) -> StateError:
        return StateError(f"{self.name}:{line}: {problem}")

    def line_of(self, *needles: str, after: int = 0) -> int:
        """First line (1-based) at or after `after` that holds each needle in turn."""
        at = after
        for needle in needles:
            for i in range(max(at - 1, 0), len(self.lines)):
                if needle in self.lines[i]:
                    at = i + 1
                    break
            else:
                return max(at, 1)
        return max(at, 1)

    def table_line(self, *keys: str) -> int:
        header = "[" + ".".join(_key(k) for k in keys) + "]"
        for i, line in enumerate(self.lines):
            if line.strip() == header:
                return i + 1
        return self.line_of(_key(keys[-1]))

    def state(self, data: dict[str, Any]) -> State:
        schema = data.get("schema")
        if not isinstance(schema, int) or isinstance(schema, bool):
            raise self.fail(self.line_of("schema"), "`schema = <number>` is missing or not a number")
        if schema > SCHEMA:
            raise self.fail(
                self.line_of("schema"),
                f"schema {schema} was written by a newer sqla-assist (this one reads up to "
                f"{SCHEMA}); upgrade sqla-assist, nothing was changed",
            )
        if schema < 1:
            raise self.fail(self.line_of("schema"), f"schema {schema} is not a valid version")
        unknown = sorted(set(data) - {"schema", "checklist", "files"})
        if unknown:
            raise self.fail(self.line_of(unknown[0]), f"unknown key {unknown[0]!r}")
        state = State(schema=SCHEMA)
        checklist = data.get("checklist", {})
        if not isinstance(checklist, dict):
            raise self.fail(self.line_of("checklist"), "`checklist` must be a table")
        for item, raw in checklist.items():
            where = self.table_line("checklist", item)
            if not isinstance(raw, dict):
                raise self.fail(where, f"checklist item {item!r} must be a table")
            extra = sorted(set(raw) - {"owner", "notes"})
            if extra:
                raise self.fail(self.line_of(extra[0], after=where), f"unknown checklist key {extra[0]!r}")
            for k in ("owner", "notes"):
                if not isinstance(raw.get(k, ""), str):
                    raise self.fail(self.line_of(k, after=where), f"checklist {k} must be a string")
            state.checklist[item] = ChecklistNote(owner=raw.get("owner", ""), notes=raw.get("notes", ""))
        files = data.get("files", {})
        if not isinstance(files, dict):
            raise self.fail(self.line_of("files"), "`files` must be a table of paths")
        for path, raw in files.items():
            self.file(state, path, raw)
        return state

    def file(self, state: State, path: str, raw: Any) -> None:
        where = self.table_line("files", path)
        if not isinstance(raw, dict):
            raise self.fail(where, f"files entry {path!r} must be a table")
        try:
            _check_path(path)
        except ValueError as exc:
            raise self.fail(where, str(exc)) from None
        extra = sorted(set(raw) - {"baseline", "decisions", "open", "done"})
        if extra:
            raise self.fail(self.line_of(extra[0], after=where), f"unknown key {extra[0]!r} for {path}")
        baseline = raw.get("baseline", [])
        if not isinstance(baseline, list):
            raise self.fail(self.line_of("baseline", after=where), "baseline must be a list")
        entries: dict[str, str] = {}
        for entry in baseline:
            m = re.fullmatch(r"([A-Z]{2}\d{3}) ([0-9a-f]{8,64})", entry) if isinstance(entry, str) else None
            if m is None:
                line = self.line_of(str(entry), after=where) if isinstance(entry, str) else self.line_of("baseline", after=where)
                raise self.fail(line, f"baseline entry {entry!r} is not \"RULE fingerprint\"")
            entries[m.group(2)] = m.group(1)
        if entries:
            state.baseline[path] = entries
        decisions = raw.get("decisions", [])
        if not isinstance(decisions, list):
            raise self.fail(self.line_of("decisions", after=where), "decisions must be a list")
        start = self.line_of("decisions", after=where)
        for d in decisions:
            state.decisions[(path, _str(d, "fingerprint"))] = self.decision(path, d, start)
        summary = FileSummary()
        for which in ("open", "done"):
            counts = raw.get(which, {})
            ok = isinstance(counts, dict) and all(
                k in Category.__members__.values() and isinstance(v, int) and not isinstance(v, bool) and v >= 0
                for k, v in counts.items()
            )
            if not ok:
                raise self.fail(
                    self.line_of(f"{which} =", after=where),
                    f"{which} must map categories ({', '.join(c.value for c in Category)}) to counts",
                )
            setattr(summary, which, dict(counts))
        if summary.open or summary.done:
            state.summary[path] = summary

    def decision(self, path: str, raw: Any, start: int) -> Decision:
        fp = _str(raw, "fingerprint")
        line = self.line_of(f'"{fp}"', after=start) if fp else self.line_of("kind", after=start)
        if not isinstance(raw, dict):
            raise self.fail(start, f"a decision for {path} must be an inline table")
        extra = sorted(set(raw) - {"kind", "fingerprint", "rule", "reason", "who", "date"})
        if extra:
            raise self.fail(line, f"unknown decision key {extra[0]!r}")
        if not all(isinstance(v, str) for v in raw.values()):
            raise self.fail(line, "decision values must be strings")
        try:
            kind = DecisionKind(raw.get("kind", ""))
        except ValueError:
            kinds = ", ".join(k.value for k in DecisionKind)
            raise self.fail(line, f"decision kind {raw.get('kind')!r} is not one of {kinds}") from None
        if kind in NEEDS_REASON and not raw.get("reason", "").strip():
            raise self.fail(line, f"a {kind.value} decision for {path} needs a reason")
        date = raw.get("date", "")
        if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise self.fail(line, f"date {date!r} is not YYYY-MM-DD")
        return Decision(
            kind=kind,
            path=path,
            fingerprint=fp,
            rule=raw.get("rule", ""),
            reason=raw.get("reason", ""),
            who=raw.get("who", ""),
            date=date,
        )


def _str(raw: Any, key: str) -> str:
    value = raw.get(key, "") if isinstance(raw, dict) else ""
    return value if isinstance(value, str) else ""


def _check_path(path: str) -> None:
    p = PurePosixPath(path)
    if not path or p.is_absolute() or ".." in p.parts or "\\" in path or re.match(r"^[A-Za-z]:", path):
        raise ValueError(f"{path!r} is not a repo-relative path")


# -- save -------------------------------------------------------------------------------------
def save_state(root: Path, state: State, findings: Sequence[Finding] | None = None) -> None:
    """Write atomically (temp file in the same folder, then rename); refresh the summary from
    `findings` when given, else keep the summary as loaded."""
    if findings is not None:
        state.summary = summarize(findings, state)
    data = dump_state(state).encode("utf-8")
    target = state_path(root)
    fd, tmp = tempfile.mkstemp(prefix=f".{STATE_FILE}.", suffix=".tmp", dir=root)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else _quote(key)


def _quote(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _inline(pairs: Iterable[tuple[str, str | int]]) -> str:
    parts = [f"{_key(k)} = {_quote(v) if isinstance(v, str) else v}" for k, v in pairs]
    return "{ " + ", ".join(parts) + " }" if parts else "{}"


def dump_state(state: State) -> str:
    """The file's text: a pure function of the state, so equal states give equal bytes."""
    out = [_HEADER, f"schema = {SCHEMA}\n"]
    for item in sorted(state.checklist):
        note = state.checklist[item]
        if not (note.owner or note.notes):
            continue
        out.append(f"\n[checklist.{_key(item)}]\n")
        if note.owner:
            out.append(f"owner = {_quote(note.owner)}\n")
        if note.notes:
            out.append(f"notes = {_quote(note.notes)}\n")
    paths = set(state.baseline) | set(state.summary) | {p for p, _ in state.decisions}
    for path in sorted(paths):
        out.append(f"\n[files.{_key(path)}]\n")
        summary = state.summary.get(path)
        if summary is not None:
            for which in ("open", "done"):
                counts = getattr(summary, which)
                if counts:
                    out.append(f"{which} = {_inline(sorted(counts.items()))}\n")
        base = state.baseline.get(path, {})
        if base:
            out.append("baseline = [\n")
            out.extend(f'  "{rule} {fp}",\n' for fp, rule in sorted(base.items(), key=lambda i: (i[1], i[0])))
            out.append("]\n")
        decisions = state.decisions_in(path)
        if decisions:
            out.append("decisions = [\n")
            for d in decisions:
                pairs: list[tuple[str, str | int]] = [("kind", d.kind.value)]
                pairs += [(k, getattr(d, k)) for k in ("fingerprint", "rule", "reason", "who", "date") if getattr(d, k)]
                out.append(f"  {_inline(pairs)},\n")
            out.append("]\n")
    return "".join(out)


# -- merge --------------------------------------------------------------------------------------
def merge_states(base: State, ours: State, theirs: State) -> State:
    """Three-way union: each side's additions kept, each side's removals honoured.

    Where both sides changed the same decision differently, the later date wins (ours on a
    tie): the last person to look at a finding is the best guess. A baseline entry stays only
    if neither side removed it, so the ratchet keeps turning one way.
    """
    out = State()
    out.decisions = _merge_maps(base.decisions, ours.decisions, theirs.decisions, _newer)
    flat = {
        name: {(p, fp): r for p, fps in s.baseline.items() for fp, r in fps.items()}
        for name, s in (("b", base), ("o", ours), ("t", theirs))
    }
    merged = _merge_maps(flat["b"], flat["o"], flat["t"], lambda a, _b: a)
    for (p, fp), rule in merged.items():
        out.baseline.setdefault(p, {})[fp] = rule
    out.checklist = _merge_maps(base.checklist, ours.checklist, theirs.checklist, lambda a, _b: a)
    out.summary = _merge_maps(base.summary, ours.summary, theirs.summary, lambda a, _b: a)
    return out


def _newer(a: Decision, b: Decision) -> Decision:
    return b if b.date > a.date else a


def _merge_maps(base: dict[Any, Any], ours: dict[Any, Any], theirs: dict[Any, Any], pick: Any) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    for key in set(base) | set(ours) | set(theirs):
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        if o == t:
            value = o
        elif o == b:
            value = t
        elif t == b:
            value = o
        elif o is None or t is None:
            value = o if o is not None else t
        else:
            value = pick(o, t)
        if value is not None:
            out[key] = value
    return out


def merge_texts(base: str, ours: str, theirs: str) -> str:
    """Merge three versions of the file's text; raises StateError if one cannot be read."""
    states = [
        parse_state(t, name) if t.strip() else State()
        for t, name in ((base, "base"), (ours, "ours"), (theirs, "theirs"))
    ]
    return dump_state(merge_states(*states))


def stamped(decision: Decision, checkout: Checkout, today: str) -> Decision:
    """The decision with who/date filled in where the caller left them empty."""
    return replace(
        decision,
        who=decision.who or git_identity(checkout),
        date=decision.date or today,
    )
