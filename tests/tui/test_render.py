"""The diff pane draws worker-highlighted Text; it must look exactly like the Syntax it replaced."""

from __future__ import annotations

import io

import pytest
from rich.console import Console, Group, RenderableType
from rich.syntax import Syntax
from rich.text import Text

from sqla_assist.tui.render import highlight_diff

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
