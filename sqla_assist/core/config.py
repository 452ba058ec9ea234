"""Project configuration from `[tool.sqla-assist]` in the checkout's pyproject.toml."""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    """pyproject.toml exists but its `[tool.sqla-assist]` table is wrong."""


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    title: str
    rules: tuple[str, ...] = ()
    owner: str = ""


@dataclass(frozen=True)
class Config:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    metadata: str = ""
    # Interpreter that imports the project's models for the Alembic preview and the schema
    # gate (its dependencies and SQLAlchemy 2.x installed); empty means sqla-assist's own.
    python: str = ""
    max_file_bytes: int = 4 * 1024 * 1024
    checklist: tuple[ChecklistItem, ...] = field(default_factory=tuple)
    keys: dict[str, str] = field(default_factory=dict)

    def wants_path(self, path: str) -> bool:
        if self.include and not any(_match(path, g) for g in self.include):
            return False
        return not any(_match(path, g) for g in self.exclude)

    def wants_rule(self, rule_id: str) -> bool:
        if self.select and not any(rule_id.startswith(p) for p in self.select):
            return False
        return not any(rule_id.startswith(p) for p in self.ignore)


def _match(path: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    return (
        fnmatch.fnmatch(path, pattern)
        or fnmatch.fnmatch(path, f"{pattern}/*")
        or path.startswith(f"{pattern}/")
    )


def _strings(table: dict[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"[tool.sqla-assist] {key} must be a list of strings")
    return tuple(value)


def load_config(root: Path) -> Config:
    path = root / "pyproject.toml"
    if not path.is_file():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"pyproject.toml: {exc}") from None
    table = data.get("tool", {}).get("sqla-assist", {})
    if not isinstance(table, dict):
        raise ConfigError("[tool.sqla-assist] must be a table")
    items = []
    for raw in table.get("checklist", []):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise ConfigError("[[tool.sqla-assist.checklist]] entries need an `id` string")
        items.append(
            ChecklistItem(
                id=raw["id"],
                title=str(raw.get("title", raw["id"])),
                rules=_strings(raw, "rules"),
                owner=str(raw.get("owner", "")),
            )
        )
    max_bytes = table.get("max-file-bytes", Config.max_file_bytes)
    if not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ConfigError("[tool.sqla-assist] max-file-bytes must be a positive integer")
    keys = table.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError("[tool.sqla-assist.keys] maps binding ids to key strings")
    return Config(
        include=_strings(table, "include"),
        exclude=_strings(table, "exclude"),
        select=tuple(s.upper() for s in _strings(table, "select")),
        ignore=tuple(s.upper() for s in _strings(table, "ignore")),
        metadata=str(table.get("metadata", "")),
        python=str(table.get("python", "")),
        max_file_bytes=max_bytes,
        checklist=tuple(items),
        keys=dict(keys),
    )
