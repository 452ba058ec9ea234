"""Findings in project configuration files: mypy settings and dependency lists.

Some migration steps live outside Python (the mypy plugin in `mypy.ini`, stub packages in
`requirements.txt`). A rule reaches them by setting `config_kinds` and implementing
`check_config(path, text)`, which returns `ConfigFinding`s. Each may carry line edits: its
safe fix, which the fix engine applies the same way it writes Python fixes.

The scanner treats these files like Python ones (one `git ls-files` listing, the same
blob-keyed cache, the same reports, baseline and state); only the analysis differs, and it is
cheap, so it runs in the calling process.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqla_assist.core.findings import Evidence, Finding, FixSafety, RawFinding

if TYPE_CHECKING:
    from sqla_assist.core.rule import Rule

# Kinds of configuration file, by how they are parsed.
MYPY_INI = "mypy-ini"  # mypy.ini, .mypy.ini
SETUP_CFG = "setup-cfg"
PYPROJECT = "pyproject"
REQUIREMENTS = "requirements"  # requirements*.txt, requirements/*.txt, constraints*.txt

_NAMED = {"mypy.ini": MYPY_INI, ".mypy.ini": MYPY_INI, "setup.cfg": SETUP_CFG, "pyproject.toml": PYPROJECT}
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def config_kind(path: str) -> str | None:
    """The kind of configuration file `path` is, or None for any other file."""
    if not path.endswith((".ini", ".cfg", ".toml", ".txt")):  # most files: decided at once
        return None
    folder, _, name = path.rpartition("/")
    if name in _NAMED:
        return _NAMED[name]
    if name.endswith(".txt") and (
        name.startswith(("requirements", "constraints")) or folder.rpartition("/")[2] == "requirements"
    ):
        return REQUIREMENTS
    return None


def is_config_file(path: str) -> bool:
    return config_kind(path) is not None


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split only at \\r\\n, \\r and \\n (line numbers as editors count)."""
    return _LINE.findall(text)


@dataclass(frozen=True, slots=True)
class LineEdit:
    """Replace lines `start`..`end` (1-based, inclusive) with `text` (endings included; "" deletes)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ConfigFinding:
    """What a rule reports in a configuration file (positions 1-based, end column exclusive).

    `scope` (the section or key) and `key` (the normalised entry) make the fingerprint, so it
    survives lines added above. `edits` is the fix; a SAFE finding without edits is shown as manual.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    fix: FixSafety
    scope: str
    key: str
    edits: tuple[LineEdit, ...] = ()


def parse_error(path: str, text: str) -> str | None:
    """Why the file cannot be read as its kind (None when it can): such files are not analysed."""
    kind = config_kind(path)
    if kind == PYPROJECT:
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            return f"invalid TOML: {exc}"
    elif kind in (MYPY_INI, SETUP_CFG):
        import configparser

        try:
            configparser.RawConfigParser(strict=False).read_string(text)
        except configparser.Error as exc:
            return "invalid INI: " + " ".join(str(exc).split())
    return None


def config_rules(rules: Iterable[Rule], path: str) -> list[Rule]:
    kind = config_kind(path)
    return [r for r in rules if kind in r.config_kinds]


def check_text(path: str, text: str, rules: Iterable[Rule]) -> list[tuple[Rule, ConfigFinding]]:
    """Every rule's findings in one configuration file's text."""
    return [(rule, f) for rule in config_rules(rules, path) for f in rule.check_config(path, text)]


def analyse_config(path: str, data: bytes, rules: Sequence[Rule]) -> dict[str, Any]:
    """The scanner's cache payload for one configuration file (same shape as a Python file's)."""
    # Imported here: the scanner imports this module for `config_kind`, and a warm rescan
    # must not load the analyser.
    from sqla_assist.core.analyze import SourceError, decode_source

    # `pip freeze > requirements.txt` in PowerShell writes UTF-16: read it, but leave edits to people.
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    try:
        text = data.decode("utf-16") if utf16 else decode_source(data)
    except (SourceError, UnicodeDecodeError) as exc:
        return {"f": [], "x": {}, "e": str(exc)}
    error = parse_error(path, text)
    if error:
        return {"f": [], "x": {}, "e": error}
    try:
        found = check_text(path, text, rules)
    except Exception as exc:  # a rule's reader fails on some valid file: that file's error, not the scan's
        return {"f": [], "x": {}, "e": f"internal error while reading it: {type(exc).__name__}: {exc}"}
    raws = []
    for rule, f in found:
        fix = f.fix if f.fix is not FixSafety.SAFE or (f.edits and not utf16) else FixSafety.MANUAL
        raws.append(
            RawFinding(
                rule.id, f.line, f.column, f.end_line, f.end_column, f.message, fix, Evidence.STRONG, f.scope, f.key
            )
        )
    return {"f": [r.to_json() for r in raws], "x": {}, "e": None}


def cache_key(path: str, blob: str) -> str:
    """The cache's key for a file's analysis: the blob, plus the kind for configuration files.

    The same bytes mean different things as `pyproject.toml`, `requirements.txt` or Python.
    """
    kind = config_kind(path)
    return f"{blob}:{kind}" if kind else blob


def fix_text(
    path: str, text: str, findings: Sequence[Finding], rules: Iterable[Rule]
) -> tuple[str, list[Finding], list[tuple[Finding, str]]]:
    """Apply the edits of the SAFE `findings`: (new text, fixed, not fixed with the reason).

    An empty reason means the finding is manual (no edit): the fix engine gives the rule's advice.
    """
    found = {(rule.id, f.line, f.column): f for rule, f in check_text(path, text, rules)}
    lines = split_lines(text)
    taken: set[int] = set()
    edits: list[LineEdit] = []
    fixed: list[Finding] = []
    not_fixed: list[tuple[Finding, str]] = []
    for finding in findings:
        cf = found.get((finding.rule, finding.line, finding.column))
        if finding.fix is not FixSafety.SAFE or cf is None or not cf.edits:
            not_fixed.append((finding, ""))  # manual: the caller words the rule's guidance
            continue
        if set(cf.edits) <= set(edits):  # the same edit fixes several entries of one list
            fixed.append(finding)
            continue
        span = {n for e in cf.edits for n in range(e.start, e.end + 1)}
        if span & taken:
            not_fixed.append((finding, "another fix edits the same lines; run the fix again"))
            continue
        taken |= span
        edits.extend(cf.edits)
        fixed.append(finding)
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        lines[edit.start - 1 : edit.end] = [edit.text] if edit.text else []
    return "".join(lines), fixed, not_fixed


def verify(path: str, old: bytes, new: bytes, fixed: Sequence[Finding], rules: Sequence[Rule]) -> str:
    """Empty if the written file still reads as its kind and the fixed findings are gone."""
    from sqla_assist.core.analyze import SourceError, decode_source

    try:
        text = decode_source(new)
    except SourceError as exc:
        return f"the fixed file cannot be read ({exc})"
    error = parse_error(path, text)
    if error:
        return f"the fixed file is no longer valid ({error})"
    before = analyse_config(path, old, rules)["f"]
    after = analyse_config(path, new, rules)["f"]
    # (rule, scope, key) are items 0, 8 and 9 of a RawFinding's JSON form.
    was = Counter((r[0], r[8], r[9]) for r in before)
    now = Counter((r[0], r[8], r[9]) for r in after)
    gone = Counter((f.rule, f.scope, _key_at(before, f)) for f in fixed)
    for ident, n in gone.items():
        if now[ident] > was[ident] - n:
            return f"a rescan still shows {ident[0]} at a fixed place"
    return ""


def _key_at(raws: list[list[Any]], finding: Finding) -> str:
    for r in raws:
        if r[0] == finding.rule and r[1] == finding.line and r[2] == finding.column:
            return str(r[9])
    return ""
