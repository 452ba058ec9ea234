"""Findings cache, keyed by content: (git blob id, rule-set version).

Lives in the repository's git directory (`.git/sqla-assist/`), so it is never committed and
is shared by worktrees. A second table remembers each path's stat so an unchanged tree is
rescanned without reading any source. The cache is disposable: any problem with it
(corrupt, read-only) means scanning without it, never an error.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

StatKey = tuple[int, int, int]  # size, mtime_ns, inode

_SCHEMA = """
CREATE TABLE IF NOT EXISTS stat (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, ino INTEGER, blob TEXT);
CREATE TABLE IF NOT EXISTS result (blob TEXT, version TEXT, payload TEXT, PRIMARY KEY (blob, version));
CREATE TABLE IF NOT EXISTS ruleset (version TEXT PRIMARY KEY, severities TEXT);
CREATE TABLE IF NOT EXISTS settled (key TEXT PRIMARY KEY, payload TEXT);
"""


class Cache:
    def __init__(self, git_dir: Path, version: str) -> None:
        self.version = version
        self.path = git_dir / "sqla-assist" / "cache.sqlite3"
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(exist_ok=True)
            self._db = self._open()
        except (OSError, sqlite3.Error):
            self._db = None

    def _open(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
            db.executescript(_SCHEMA)
            return db
        except sqlite3.DatabaseError:
            # Not a cache we can read (damaged, foreign): start afresh.
            with contextlib.suppress(OSError):
                self.path.unlink()
            db = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
            db.executescript(_SCHEMA)
            return db

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def stats(self) -> dict[str, tuple[StatKey, str]]:
        if self._db is None:
            return {}
        try:
            rows = self._db.execute("SELECT path, size, mtime, ino, blob FROM stat").fetchall()
        except sqlite3.Error:
            return {}
        return {p: ((s, m, i), b) for p, s, m, i, b in rows}

    def payloads(self) -> dict[str, dict[str, Any]]:
        if self._db is None:
            return {}
        try:
            rows = self._db.execute(
                "SELECT blob, payload FROM result WHERE version = ?", (self.version,)
            ).fetchall()
        except sqlite3.Error:
            return {}
        out: dict[str, dict[str, Any]] = {}
        for blob, payload in rows:
            with contextlib.suppress(ValueError):
                out[blob] = json.loads(payload)
        return out

    def severities(self) -> dict[str, str] | None:
        """rule id → severity for this rule-set version, so a warm scan need not import rules."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT severities FROM ruleset WHERE version = ?", (self.version,)).fetchone()
            value = json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def store_severities(self, severities: dict[str, str]) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("DELETE FROM ruleset WHERE version != ?", (self.version,))
                self._db.execute(
                    "INSERT OR REPLACE INTO ruleset VALUES (?, ?)",
                    (self.version, json.dumps(severities, sort_keys=True)),
                )
        except sqlite3.Error:
            pass

    def settled(self, key: str) -> dict[str, list[Any]] | None:
        """The gathering pass's output for a tree whose every (path, module, blob) hashes to `key`."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT payload FROM settled WHERE key = ?", (key,)).fetchone()
            value = json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def store_settled(self, key: str, payload: dict[str, list[Any]]) -> None:
        """Keep only the latest tree's: any change to any file makes a new key."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("DELETE FROM settled")
                self._db.execute(
                    "INSERT INTO settled VALUES (?, ?)", (key, json.dumps(payload, separators=(",", ":")))
                )
        except sqlite3.Error:
            pass

    def store(
        self,
        stats: Iterable[tuple[str, StatKey, str]],
        payloads: Iterable[tuple[str, dict[str, Any]]],
        prune_paths: Iterable[str] = (),
    ) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO stat VALUES (?, ?, ?, ?, ?)",
                    [(p, k[0], k[1], k[2], b) for p, k, b in stats],
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO result VALUES (?, ?, ?)",
                    [(b, self.version, json.dumps(d, separators=(",", ":"))) for b, d in payloads],
                )
                self._db.executemany("DELETE FROM stat WHERE path = ?", [(p,) for p in prune_paths])
                self._db.execute("DELETE FROM result WHERE version != ?", (self.version,))
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
