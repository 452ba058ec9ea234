"""Messages the scan worker posts to the app (thread-safe: `post_message` from the worker)."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from sqla_assist.core.scan import FileResult


class ScanStarted(Message):
    def __init__(self, total: int) -> None:
        super().__init__()
        self.total = total


class ScanProgress(Message):
    """A coalesced batch of results: one message per ~250 ms, not one per file."""

    def __init__(self, results: list[FileResult], done: int, total: int) -> None:
        super().__init__()
        self.results = results
        self.done = done
        self.total = total


class ScanFinished(Message):
    """The scan ended; `results` are every file's settled results (the gathering pass ran)."""

    def __init__(
        self, seconds: float, cancelled: bool = False, error: str = "", results: list[FileResult] | None = None
    ) -> None:
        super().__init__()
        self.seconds = seconds
        self.cancelled = cancelled
        self.error = error
        self.results = results or []


class SessionChanged(Message):
    """Findings or decisions changed; screens redraw what they show."""


class AlembicDone(Message):
    """The Alembic preview of `text` for `path` finished: an AlembicPreview or an error message."""

    def __init__(self, path: str, text: str, result: object) -> None:
        super().__init__()
        self.path = path
        self.text = text
        self.result = result


class FileRescanned(Message):
    """A file was scanned again after the app rewrote it (or undid a rewrite)."""

    def __init__(self, results: list[FileResult], message: str, path: str, gen: int) -> None:
        super().__init__()
        self.results = results
        self.message = message
        self.path = path
        self.gen = gen


class ProposalReady(Message):
    """The fixers' proposal for `path` (as scanned at generation `gen`) was computed in a worker."""

    def __init__(
        self, path: str, gen: int, proposal: object, error: str, highlighted: dict[tuple[str, bool], Any] | None = None
    ) -> None:
        super().__init__()
        self.path = path
        self.gen = gen
        self.proposal = proposal
        self.error = error
        self.highlighted = highlighted or {}  # (hunk text, dark) → Text, highlighted in the worker
