"""A footer that rebuilds itself only when the keys it shows change.

Textual's `Footer` recomposes (removes and mounts a widget per key, then styles and lays out
each) on every bindings refresh, and a refresh is published on every focus change and screen
resume, whether or not the shown keys differ. While the app starts and the first findings
arrive that is three or four rebuilds of 100-300 ms each on a loaded machine: the longest
stalls of the event loop (issue #6).
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer

# The first build waits this long (seconds) instead of running right after the screen's first
# paint: mounting a widget per key, then laying the footer out, would otherwise share one turn
# of the event loop with that paint and the start-up resize (a 150-250 ms stall, issue #6).
FIRST_BUILD_DELAY = 0.25


def shown_keys(screen: Screen[Any]) -> tuple[tuple[Any, ...], ...]:
    """What the footer would draw for `screen`: every shown binding, its state and key text."""
    app = screen.app
    palette = app.COMMAND_PALETTE_BINDING
    return tuple(
        (
            key, binding.action, binding.description, binding.group, enabled, tooltip,
            app.get_key_display(binding),
        )
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show or key == palette
    )


class QuietFooter(Footer):
    """`Footer`, minus the rebuilds that would draw the same keys again."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: tuple[tuple[Any, ...], ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            keys = shown_keys(screen)
            if keys == self._drawn:
                return
            first, self._drawn = self._drawn is None, keys
            if first:
                self._bindings_ready = True
                self.set_timer(FIRST_BUILD_DELAY, self.recompose)
                return
        super().bindings_changed(screen)
