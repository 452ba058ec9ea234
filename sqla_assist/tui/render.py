"""Renderables the screens draw, prepared so the UI thread does as little as possible.

The app stays responsive while a scan runs only if no single step of the event loop is long
(issue #6). First uses are the expensive part: Pygments compiles a lexer's regular expressions
the first time the lexer is made (about 100 ms for Python on a loaded machine), and importing
the rules, the fixer or the state module takes as long. `warm_up` does all of that in a
background thread while the app starts; `highlight_diff` lets workers hand the UI thread
ready-made `Text` instead of a `Syntax` that lexes on every paint.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.syntax import Syntax
from rich.text import Text
from rich.theme import Theme

# Modules the UI thread needs soon after the first findings arrive, the soonest first.
_WARM_MODULES = (
    "rich.markdown",
    "sqla_assist.rules._loaded",
    "sqla_assist.core.alembic_preview",
    "sqla_assist.core.state",
)
# Lexers the rule pages (`python`) and the diff pane (`diff`) use.
_WARM_LEXERS = ("python", "diff")


def diff_theme(dark: bool) -> str:
    return "ansi_dark" if dark else "ansi_light"


def highlight_diff(text: str, dark: bool) -> Text:
    """A diff hunk as highlighted `Text`; draws exactly like `Syntax(text, "diff", ...)` (no wrapping)."""
    code = text.rstrip("\n")
    out = Syntax(code, "diff", theme=diff_theme(dark), background_color="default").highlight(code)
    out.no_wrap = True
    out.overflow = "crop"
    if out.plain.endswith("\n"):  # Syntax draws no row for the final newline
        out.right_crop(1)
    return out


def _warm() -> None:
    # a warm-up only saves time: the real use reports any error
    for lexer in _WARM_LEXERS:
        with contextlib.suppress(Exception):
            Syntax("x = 1\n", lexer).highlight("x = 1\n")
    for name in _WARM_MODULES:
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def warm_up() -> threading.Thread:
    """Start importing and compiling, off the UI thread, what the first drawn finding needs."""
    thread = threading.Thread(target=_warm, name="sqla-assist-warm-up", daemon=True)
    thread.start()
    return thread


# Rich's default Markdown styles put inline code on a black background, which is wrong in a
# light theme; these use only text attributes, so every theme works.
MARKDOWN_STYLES = Theme({"markdown.code": "bold", "markdown.h1": "bold", "markdown.h2": "bold underline"})


def rule_doc(markdown: str, dark: bool) -> Any:
    """A rule page as one Rich renderable: one widget to lay out, not a widget per paragraph."""
    from rich.markdown import Markdown

    return Memo(Markdown(markdown, code_theme=diff_theme(dark), inline_code_theme=diff_theme(dark)))


class Memo:
    """A renderable drawn once per width, then replayed.

    Textual renders a widget's content once to measure its height and again to paint it, on
    every reflow of the screen, and while a scan streams in every tree update reflows it. A rule
    page (Markdown, its code blocks lexed by Pygments) or a diff of many hunks cost 10-40 ms
    per render on a loaded machine; replayed segments cost next to nothing. The content is
    immutable, so the cache never goes stale; a new page is a new `Memo`. For content whose
    lines depend on the width only: the height Textual passes (it measures without one and
    paints with one) is left out of the key, so measuring and painting share one render.
    """

    _KEEP = 4  # widths kept: the panel is resized rarely

    def __init__(self, renderable: Any) -> None:
        self.renderable = renderable
        self._segments: dict[tuple[Any, ...], list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (
            options.max_width, options.min_width, options.justify, options.overflow,
            options.no_wrap, options.highlight, options.markup,
        )
        segments = self._segments.get(key)
        if segments is None:
            segments = list(console.render(self.renderable, options))
            if len(self._segments) >= self._KEEP:
                self._segments.clear()
            self._segments[key] = segments
        yield from segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)
