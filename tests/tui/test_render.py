"""The diff pane draws worker-highlighted Text; it must look exactly like the Syntax it replaced."""

from __future__ import annotations

import io
from typing import Any

import pytest
from rich.console import Console, Group, RenderableType
from rich.syntax import Syntax
from rich.text import Text

from sqla_assist.tui.render import Memo, highlight_diff, rule_doc

HUNKS = [
    "@@ -1,2 +1,2 @@\n-from sqlalchemy.orm import Query\n+from sqlalchemy import select\n",
    # a trailing context line that is blank (" "): Syntax draws a row for it
    "@@ -3,3 +3,3 @@\n \n-    q = session.query(User).get(1)\n+    q = session.get(User, 1)\n \n",
    # a line longer than the pane is cropped, not wrapped; tabs expand the same way
    "@@ -9 +9 @@\n-\tx = " + "y" * 90 + "\n+\tx = 1\n",
]


def _draw(renderable: RenderableType) -> str:
    console = Console(width=40, file=io.StringIO(), record=True, color_system="truecolor", force_terminal=True)
    console.print(Group(Text("above"), renderable, Text("below")))
    return console.export_text(styles=True)


@pytest.mark.parametrize("dark", [True, False])
@pytest.mark.parametrize("hunk", HUNKS)
def test_highlighted_hunk_draws_like_syntax(hunk: str, dark: bool) -> None:
    theme = "ansi_dark" if dark else "ansi_light"
    expected = _draw(Syntax(hunk.rstrip("\n"), "diff", theme=theme, background_color="default"))
    assert _draw(highlight_diff(hunk, dark)) == expected


RULE_PAGE = """\
# SQ102 `Query.get()`

Use `Session.get()`; the legacy call is **removed** in 2.0, and a long paragraph wraps at the
panel's width, so the page must be drawn again for every width it is shown at.

```python
user = session.query(User).get(5)
user = session.get(User, 5)
```
"""


def _draw_at(renderable: RenderableType, width: int) -> str:
    console = Console(width=width, file=io.StringIO(), record=True, color_system="truecolor", force_terminal=True)
    console.print(Group(Text("above"), renderable, Text("below")))
    return console.export_text(styles=True)


@pytest.mark.parametrize("dark", [True, False])
def test_memoised_rule_page_draws_like_markdown_at_every_width(dark: bool) -> None:
    from rich.markdown import Markdown

    theme = "ansi_dark" if dark else "ansi_light"
    page = rule_doc(RULE_PAGE, dark)
    assert isinstance(page, Memo)
    # each width twice: the second draw is replayed from the cache and must not differ
    for width in (30, 50, 30, 50, 72, 72):
        expected = _draw_at(Markdown(RULE_PAGE, code_theme=theme, inline_code_theme=theme), width)
        assert _draw_at(page, width) == expected


def test_memo_renders_once_per_width() -> None:
    renders: list[int] = []

    class Counted:
        def __rich_console__(self, console: Console, options: Any) -> Any:
            renders.append(options.max_width)
            yield Text("x" * 10)

    memo = Memo(Counted())
    for width in (20, 20, 30, 20, 30):
        _draw_at(memo, width)
    assert renders == [20, 30]
