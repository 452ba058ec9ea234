"""Small screens: the reason prompt, the filter prompt and the bindings help."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label

from sqla_assist.tui.bindings import ACTIONS


class Prompt(ModalScreen[str | None]):
    """Ask for one line of text; dismisses with the text, or None on escape/empty."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Close without changing anything")]

    def __init__(self, title: str, placeholder: str = "", value: str = "", allow_empty: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder
        self.value = value
        self.allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(self.title_text, id="prompt-title")
            yield Input(
                value=self.value,
                placeholder=self.placeholder,
                id="prompt-input",
                # Blinking would make snapshots flaky.
                # (the app passes blink=False under tests and screenshots)
            )
            yield Label("enter to confirm · escape to cancel", id="prompt-hint")

    def on_mount(self) -> None:
        box = self.query_one(Input)
        box.cursor_blink = getattr(self.app, "blink", True)
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text and not self.allow_empty:
            self.notify("a reason is needed", severity="warning")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every binding from the one table, with its current key (after remapping)."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", tooltip="Back to where you were"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Label("Bindings  (remap by id in [tool.sqla-assist.keys])", id="help-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("key", "id", "what it does")
        keymap = getattr(self.app, "keymap", {}) or {}
        for action in ACTIONS:
            keys = keymap.get(action.id, action.key_display or action.keys)
            table.add_row(keys, action.id, action.tooltip)
        table.add_row("ctrl+p", "palette", "Command palette: every action, file and rule")
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
