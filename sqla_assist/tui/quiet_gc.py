"""Keep CPython's full garbage collections out of the way of a streaming scan (issue #6).

A full (generation 2) collection walks every tracked object and holds the GIL throughout: with
the imported modules, the scan's results and Textual's per-reflow garbage it took 60-300 ms on
a loaded machine, three to five times per scan of a large tree, and was the longest stall the
event loop saw. Two measures, both undone by nothing but the process's end or the scan's:

- `freeze_startup`: what the app has imported when it is built (modules, classes, ~40,000
  objects that live as long as the process) moves to the permanent generation, so no later
  collection walks it. Once per process, after a collection, so no garbage is frozen.
- `pause_full` / `resume_full`: while a scan runs, only the young generations are collected
  (Textual's reflow garbage dies there); the full collection waits for the scan's end, when
  CPython runs it by its usual rule.
"""

from __future__ import annotations

import gc

# Generation-2 threshold while paused: far more young collections than any scan makes.
_NEVER = 1_000_000

_frozen = False
_saved: tuple[int, int, int] | None = None  # the thresholds `pause_full` replaced


def freeze_startup() -> None:
    global _frozen
    if _frozen:
        return
    _frozen = True
    gc.collect()
    gc.freeze()


def pause_full() -> None:
    """No automatic full collection until `resume_full` (idempotent; young ones continue)."""
    global _saved
    if _saved is None:
        _saved = gc.get_threshold()
        gc.set_threshold(_saved[0], _saved[1], _NEVER)


def resume_full() -> None:
    global _saved
    if _saved is not None:
        gc.set_threshold(*_saved)
        _saved = None


def full_paused() -> bool:
    return _saved is not None
