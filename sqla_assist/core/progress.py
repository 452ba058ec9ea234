"""Checklist progress, the CI ratchet and the burn-down, computed from findings and the state.

A finding is *done* when a decision closes it (accepted, manual-done, wont-fix) and it is still
present, or when it was in the baseline and the scan no longer sees it. History is read from the
state file's own git log, so a lead sees the burn-down from any clone without extra storage.
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from sqla_assist.core.checkout import Checkout
from sqla_assist.core.config import Config
from sqla_assist.core.findings import Category, Finding
from sqla_assist.core.state import STATE_FILE, DecisionKind, State, closes, parse_state

TOP_MODULES = 3


@dataclass(frozen=True)
class Gone:
    """A baselined finding the scan no longer sees: fixed, so it counts as done."""

    path: str
    fingerprint: str
    rule: str

    @property
    def category(self) -> Category:
        try:
            return Category.for_rule(self.rule)
        except (KeyError, IndexError):
            return Category.OTHER


@dataclass
class Item:
    """One checklist item's numbers."""

    id: str
    title: str
    total: int = 0
    done: int = 0
    owner: str = ""
    notes: str = ""
    modules: list[tuple[str, int]] = field(default_factory=list)
    """Modules with the most open work, (module, open count), most first."""

    @property
    def open(self) -> int:
        return self.total - self.done

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.done / self.total

    @property
    def complete(self) -> bool:
        return self.open == 0


@dataclass(frozen=True)
class HistoryPoint:
    commit: str
    date: str
    subject: str
    open: dict[str, int]
    done: dict[str, int]

    @property
    def open_total(self) -> int:
        return sum(self.open.values())


@dataclass
class Dashboard:
    overall: Item
    items: list[Item]
    modules: list[tuple[str, int]]
    owners: dict[str, tuple[int, int]]
    """CODEOWNERS owner -> (open, done)."""
    decisions: dict[str, int]
    history: list[HistoryPoint]
    baseline_size: int
    new: list[Finding]
    stale: list[Gone]


@dataclass
class Ratchet:
    """What `check` decides: findings the baseline and decisions do not cover, and stale entries."""

    new: list[Finding]
    stale: list[Gone]

    def passed(self, allow_stale: bool = False) -> bool:
        return not self.new and (allow_stale or not self.stale)


def is_done(finding: Finding, state: State) -> bool:
    return closes(state.decision_for(finding))


def gone_from_baseline(findings: Sequence[Finding], state: State, under: str | None = None) -> list[Gone]:
    present = {(f.path, f.fingerprint) for f in findings}
    return [
        Gone(p, fp, r)
        for p, fp, r in state.baseline_entries()
        if (p, fp) not in present and _under(p, under)
    ]


def _under(path: str, under: str | None) -> bool:
    if not under:
        return True
    prefix = under.rstrip("/")
    return path == prefix or path.startswith(prefix + "/")


def ratchet(findings: Sequence[Finding], state: State, under: str | None = None) -> Ratchet:
    """New = neither baselined nor decided (any kind: a skip is a recorded choice)."""
    new = [f for f in findings if not state.in_baseline(f) and state.decision_for(f) is None]
    return Ratchet(new=new, stale=gone_from_baseline(findings, state, under))


def _fill(item: Item, findings: Sequence[Finding], gone: Sequence[Gone], state: State) -> None:
    open_by_module: Counter[str] = Counter()
    for f in findings:
        item.total += 1
        if is_done(f, state):
            item.done += 1
        else:
            open_by_module[f.module] += 1
    item.total += len(gone)
    item.done += len(gone)
    item.modules = sorted(open_by_module.items(), key=lambda m: (-m[1], m[0]))[:TOP_MODULES]


def checklist(findings: Sequence[Finding], state: State, config: Config) -> list[Item]:
    """The built-in items (one per category) then the project's own from config."""
    gone = gone_from_baseline(findings, state)
    items: list[Item] = []
    for cat in Category:
        note = state.checklist.get(cat.value)
        item = Item(id=cat.value, title=cat.label, owner=note.owner if note else "", notes=note.notes if note else "")
        _fill(
            item,
            [f for f in findings if f.category is cat],
            [g for g in gone if g.category is cat],
            state,
        )
        items.append(item)
    for extra in config.checklist:
        note = state.checklist.get(extra.id)
        prefixes = tuple(r.upper() for r in extra.rules)
        item = Item(
            id=extra.id,
            title=extra.title,
            owner=(note.owner if note and note.owner else extra.owner),
            notes=note.notes if note else "",
        )
        _fill(
            item,
            [f for f in findings if prefixes and f.rule.startswith(prefixes)],
            [g for g in gone if prefixes and g.rule.startswith(prefixes)],
            state,
        )
        items.append(item)
    return items


# -- CODEOWNERS -------------------------------------------------------------------------------
CODEOWNERS_PLACES = ("CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")


def read_codeowners(checkout: Checkout) -> list[tuple[str, tuple[str, ...]]]:
    for place in CODEOWNERS_PLACES:
        path = checkout.root / place
        if path.is_file():
            rules = []
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                line = line.split("#", 1)[0].strip()
                if not line or line.startswith("["):
                    continue
                pattern, *owners = line.split()
                rules.append((pattern, tuple(owners)))
            return rules
    return []


def owners_of(path: str, rules: Sequence[tuple[str, tuple[str, ...]]]) -> tuple[str, ...]:
    """CODEOWNERS semantics: the last matching pattern wins."""
    found: tuple[str, ...] = ()
    for pattern, owners in rules:
        if _codeowners_match(path, pattern):
            found = owners
    return found


def _codeowners_match(path: str, pattern: str) -> bool:
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    pat = pattern.strip("/")
    if pattern.endswith("/") or not any(ch in pat for ch in "*?["):
        # a directory (or a plain name): everything below it
        if anchored:
            return path == pat or path.startswith(pat + "/")
        parts = PurePosixPath(path).parts
        return pat in parts
    if pat == "*":
        return True
    if anchored:
        return fnmatch.fnmatchcase(path, pat) or any(
            fnmatch.fnmatchcase(str(parent), pat) for parent in PurePosixPath(path).parents
        )
    return any(fnmatch.fnmatchcase(part, pat) for part in PurePosixPath(path).parts)


# -- history ----------------------------------------------------------------------------------
def history(checkout: Checkout, limit: int = 200) -> list[HistoryPoint]:
    """Summary totals at each commit that changed the state file, oldest first.

    Versions that cannot be parsed (a commit that broke the file) are left out, not fatal.
    """
    repo = checkout.repo
    try:
        out = repo.git.log(
            "--follow", f"-n{limit}", "--format=%x1e%H%x1f%cs%x1f%s", "--name-only", "--", STATE_FILE
        )
    except Exception:  # no commits yet, or the file never committed
        return []
    points: list[HistoryPoint] = []
    for record in out.split("\x1e"):
        if not record.strip():
            continue
        head, _, names = record.partition("\n")
        sha, date, subject = head.split("\x1f", 2)
        name = next((n for n in names.splitlines() if n.strip()), STATE_FILE)
        try:
            text = repo.git.show(f"{sha}:{name}")
            state = parse_state(text, name)
        except Exception:  # a version that does not parse is skipped, not fatal
            continue
        totals = state.totals()
        points.append(HistoryPoint(sha, date, subject, totals["open"], totals["done"]))
    points.reverse()
    return points


# -- the whole dashboard ----------------------------------------------------------------------
def dashboard(
    findings: Sequence[Finding],
    state: State,
    config: Config,
    checkout: Checkout | None = None,
    with_history: bool = True,
) -> Dashboard:
    items = checklist(findings, state, config)
    builtin = items[: len(Category)]
    overall = Item(id="overall", title="overall")
    overall.total = sum(i.total for i in builtin)
    overall.done = sum(i.done for i in builtin)
    open_modules: Counter[str] = Counter(f.module for f in findings if not is_done(f, state))
    overall.modules = sorted(open_modules.items(), key=lambda m: (-m[1], m[0]))[:TOP_MODULES]
    owners: dict[str, tuple[int, int]] = {}
    if checkout is not None:
        rules = read_codeowners(checkout)
        if rules:
            counts: dict[str, list[int]] = {}
            for f in findings:
                for owner in owners_of(f.path, rules) or ("(unowned)",):
                    c = counts.setdefault(owner, [0, 0])
                    c[1 if is_done(f, state) else 0] += 1
            for g in gone_from_baseline(findings, state):
                for owner in owners_of(g.path, rules) or ("(unowned)",):
                    counts.setdefault(owner, [0, 0])[1] += 1
            owners = {k: (v[0], v[1]) for k, v in sorted(counts.items())}
    kinds = Counter(d.kind.value for d in state.decisions.values())
    rat = ratchet(findings, state)
    return Dashboard(
        overall=overall,
        items=items,
        modules=sorted(open_modules.items(), key=lambda m: (-m[1], m[0]))[:10],
        owners=owners,
        decisions={k.value: kinds.get(k.value, 0) for k in DecisionKind},
        history=history(checkout) if (checkout is not None and with_history) else [],
        baseline_size=len(state.baseline_entries()),
        new=rat.new,
        stale=rat.stale,
    )
