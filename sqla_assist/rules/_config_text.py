"""Where the entries of configuration files sit, and how to delete one without a parser's rewrite.

Rules that read configuration files (SQ318, SQ807) need each entry's exact place — a plugin in
`plugins = a, b`, a requirement in a TOML array or a requirements file — and an edit that removes
it while every other byte stays as the user wrote it (comments, quoting, layout). Round-tripping
through tomllib/configparser would lose those, so this reads the text directly; the file has
already been validated by tomllib/configparser (core/config_files.py) before these run.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqla_assist.core.config_files import LineEdit, split_lines


@dataclass(frozen=True)
class Region:
    """Whole lines `start`..`end` (1-based) holding one key and its value."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Item:
    """One entry of a value: `value` is its meaning, `offset`/`stop` its span in `region.text`."""

    value: str
    offset: int
    stop: int
    region: Region
    scope: str  # section and key, e.g. "mypy.plugins" or "project.dependencies"

    def position(self) -> tuple[int, int, int, int]:
        """1-based line and column of the entry's first and one-past-last characters."""
        before = self.region.text[: self.offset]
        line = self.region.start + _newlines(before)
        col = len(before) - _line_start(before) + 1
        inside = self.region.text[self.offset : self.stop]
        end_line = line + _newlines(inside)
        upto = self.region.text[: self.stop]
        end_col = len(upto) - _line_start(upto) + 1
        return line, col, end_line, end_col


def _newlines(text: str) -> int:
    return len(split_lines(text + "x")) - 1


def _line_start(text: str) -> int:
    return max(text.rfind("\n"), text.rfind("\r")) + 1


def remove_items(region: Region, drop: Sequence[Item], others: int, delete_key_if_empty: bool) -> LineEdit:
    """The edit that removes `drop` from `region`, each with one separating comma.

    `others` is how many entries stay. A line left empty, or holding only the comment of a
    removed entry, goes; with nothing left and `delete_key_if_empty`, the whole key goes.
    """
    if others == 0 and delete_key_if_empty:
        return LineEdit(region.start, region.end, "")
    text = region.text
    for item in sorted(drop, key=lambda i: i.offset, reverse=True):
        start, stop = item.offset, item.stop
        after = _skip_blanks(text, stop)
        if after < len(text) and text[after] == ",":
            stop = _skip_blanks(text, after + 1)
        else:
            back = start
            while back > 0 and text[back - 1] in " \t\r\n":
                back -= 1
            if back > 0 and text[back - 1] == ",":
                start = back - 1
        text = text[:start] + _MARK + text[stop:]
    kept: list[str] = []
    for line in split_lines(text):
        if _MARK not in line:
            kept.append(line)
            continue
        body = line.rstrip("\r\n").replace(_MARK, "")
        if not body.strip() or body.strip().startswith(("#", ";")):
            continue  # the removed entry's own line, with its comment
        kept.append(body.rstrip(" \t") + line[len(line.rstrip("\r\n")) :])
    return LineEdit(region.start, region.end, "".join(kept))


_MARK = "\0"  # where an entry was removed (never in a decodable config file: NUL is refused)


def _skip_blanks(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t":
        at += 1
    return at


# -- requirements files ------------------------------------------------------------------------
def requirement_lines(text: str) -> Iterator[Item]:
    """Each requirement of a pip requirements file; a `\\`-continued requirement is one item."""
    lines = split_lines(text)
    i = 0
    while i < len(lines):
        first = i
        while lines[i].rstrip("\r\n").endswith("\\") and i + 1 < len(lines):
            i += 1
        region = Region(first + 1, i + 1, "".join(lines[first : i + 1]))
        i += 1
        head = lines[first].rstrip("\r\n")
        body = head.rstrip("\\")
        cut = re.search(r"(^|\s)#", body)
        if cut:
            body = body[: cut.start()]
        value = body.strip()
        if not value or value.startswith("-"):
            continue
        offset = len(body) - len(body.lstrip())
        yield Item(value, offset, offset + len(value), region, "requirements")


# -- INI (mypy.ini, setup.cfg) -----------------------------------------------------------------
_SECTION = re.compile(r"^\[([^\]]+)\]")
_KEY = re.compile(r"^([^\s=:\[#;][^=:]*?)\s*[=:]\s*")


@dataclass(frozen=True)
class IniKey:
    section: str
    key: str
    region: Region
    value_offset: int  # where the value starts in region.text


def ini_keys(text: str) -> Iterator[IniKey]:
    """Every `key = value` of an INI file with its continuation lines, as configparser reads them."""
    lines = split_lines(text)
    section = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        head = _SECTION.match(line)
        if head:
            section = head.group(1).strip()
            i += 1
            continue
        m = _KEY.match(line)
        if not m or not section:
            i += 1
            continue
        end = i
        j = i + 1
        while j < len(lines):
            body = lines[j].strip()
            if not body or body.startswith(("#", ";")):
                j += 1
                continue
            if lines[j][0] in " \t":
                end = j
                j += 1
                continue
            break
        yield IniKey(section, m.group(1).strip().lower(), Region(i + 1, end + 1, "".join(lines[i : end + 1])), m.end())
        i = end + 1


def ini_items(key: IniKey, separators: str) -> list[Item]:
    """The entries of an INI value split at `separators` (mypy: commas; setuptools: newlines, `;`)."""
    items: list[Item] = []
    text = key.region.text
    start = key.value_offset
    pattern = re.compile(f"[{re.escape(separators)}\r\n]")
    scope = f"{key.section}.{key.key}"
    pos = start
    while pos <= len(text):
        m = pattern.search(text, pos)
        stop = m.start() if m else len(text)
        chunk = text[pos:stop]
        value = chunk.strip()
        if value and not value.startswith(("#", ";")):
            lead = len(chunk) - len(chunk.lstrip())
            items.append(Item(value, pos + lead, pos + lead + len(value), key.region, scope))
        if m is None:
            break
        pos = m.end()
    return items


# -- TOML --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TomlKey:
    path: str  # table and key joined with dots, quotes removed
    region: Region
    strings: tuple[Item, ...]  # the strings of an array value, or the one string value
    is_array: bool


def toml_keys(text: str) -> Iterator[TomlKey]:
    """Each key/value at table level, with the string elements of array values located.

    The text is valid TOML (checked before rules run), which keeps this scanner small.
    """
    lines = split_lines(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    table = ""
    pos = 0
    n = len(text)
    while pos < n:
        pos = _skip(text, pos, newlines=True)
        if pos >= n:
            break
        line_no = _line_of(starts, pos)
        if text[pos] == "[":
            close = text.index("]", pos)
            inner = text[pos + 1 : close].strip("[] \t")
            table = _dotted(inner)
            pos = text.find("\n", close)
            pos = n if pos < 0 else pos + 1
            continue
        eq = _key_end(text, pos)
        key = _dotted(text[pos:eq])
        value_start = _skip(text, eq + 1, newlines=False)
        value_stop, strings, is_array = _value(text, value_start)
        end_line = _line_of(starts, max(value_stop - 1, value_start))
        region_start, region_stop = starts[line_no], starts[end_line + 1]
        region = Region(line_no + 1, end_line + 1, text[region_start:region_stop])
        path = f"{table}.{key}" if table else key
        items = tuple(
            Item(value, s - region_start, e - region_start, region, path) for s, e, value in strings
        )
        yield TomlKey(path, region, items, is_array)
        pos = region_stop


def _line_of(starts: list[int], offset: int) -> int:
    """0-based line holding `offset`."""
    lo, hi = 0, len(starts) - 1
    while lo < hi - 1:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid
    return lo


def _dotted(raw: str) -> str:
    parts = re.findall(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[^.\s]+', raw)
    return ".".join(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _key_end(text: str, pos: int) -> int:
    while text[pos] != "=":
        if text[pos] in "\"'":
            pos = _string_end(text, pos)
        else:
            pos += 1
    return pos


def _skip(text: str, pos: int, *, newlines: bool) -> int:
    """Past blanks and comments (and newlines, if asked)."""
    blanks = " \t\r\n" if newlines else " \t"
    while pos < len(text):
        if text[pos] in blanks:
            pos += 1
        elif text[pos] == "#":
            while pos < len(text) and text[pos] not in "\r\n":
                pos += 1
        else:
            break
    return pos


def _string_end(text: str, pos: int) -> int:
    quote = text[pos]
    if text.startswith(quote * 3, pos):
        close = text.index(quote * 3, pos + 3)
        while text.startswith(quote, close + 3):  # up to two quotes may end the content
            close += 1
        return close + 3
    pos += 1
    while text[pos] != quote:
        pos += 2 if quote == '"' and text[pos] == "\\" else 1
    return pos + 1


def _value(text: str, pos: int) -> tuple[int, list[tuple[int, int, str]], bool]:
    """(end of the value, its strings (one, or an array's direct elements), is it an array)."""
    c = text[pos]
    if c in "\"'":
        stop = _string_end(text, pos)
        return stop, [(pos, stop, _decode(text[pos:stop]))], False
    if c in "[{":
        close = "]" if c == "[" else "}"
        strings: list[tuple[int, int, str]] = []
        pos += 1
        while True:
            pos = _skip(text, pos, newlines=True)
            if text[pos] == close:
                return pos + 1, strings, c == "["
            if text[pos] == ",":
                pos += 1
                continue
            if c == "{":  # inline table: `key = value` pairs
                pos = _skip(text, _key_end(text, pos) + 1, newlines=False)
            stop, inner, _ = _value(text, pos)
            if c == "[" and text[pos] in "\"'":
                strings.extend(inner)
            pos = stop
    stop = pos
    while stop < len(text) and text[stop] not in ",]}#\r\n":
        stop += 1
    return stop, [], False


def _decode(raw: str) -> str:
    value = tomllib.loads(f"v = {raw}")["v"]
    return value if isinstance(value, str) else ""


# -- requirement lists, wherever they are --------------------------------------------------------
@dataclass(frozen=True)
class RequirementGroup:
    """Requirements that one edit can touch: a key's list, or one line of a requirements file.

    `whole` says the group is one requirement whose lines go with it (a requirements-file line,
    a Poetry `name = "^1.0"` key).
    """

    region: Region
    items: tuple[Item, ...]
    whole: bool


_SETUP_CFG_KEYS = frozenset({"install_requires", "tests_require", "setup_requires"})
_POETRY = re.compile(r"^tool\.poetry\.(?:dependencies|dev-dependencies|group\.[^.]+\.dependencies)\.([^.]+)$")


def requirement_groups(kind: str, text: str) -> Iterator[RequirementGroup]:
    """The dependency lists of a requirements file, `setup.cfg` or `pyproject.toml`."""
    if kind == "requirements":
        for item in requirement_lines(text):
            yield RequirementGroup(item.region, (item,), True)
    elif kind == "setup-cfg":
        for key in ini_keys(text):
            if (key.section == "options" and key.key in _SETUP_CFG_KEYS) or key.section == "options.extras_require":
                items = tuple(_uncomment(i) for i in ini_items(key, ""))
                yield RequirementGroup(key.region, items, False)
    elif kind == "pyproject":
        for entry in toml_keys(text):
            path = entry.path
            if entry.is_array and (
                path == "project.dependencies"
                or path.startswith(("project.optional-dependencies.", "dependency-groups."))
            ):
                yield RequirementGroup(entry.region, entry.strings, False)
            poetry = _POETRY.match(path)
            if poetry:
                name = poetry.group(1)
                raw = entry.region.text
                offset = raw.find(name) if name in raw else len(raw) - len(raw.lstrip())
                yield RequirementGroup(entry.region, (Item(name, offset, offset + len(name), entry.region, path),), True)


def _uncomment(item: Item) -> Item:
    """A setup.cfg requirement without its trailing ` # comment`."""
    cut = re.search(r"\s#", item.value)
    if not cut:
        return item
    value = item.value[: cut.start()].rstrip()
    return Item(value, item.offset, item.offset + len(value), item.region, item.scope)
