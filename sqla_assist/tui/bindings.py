"""The one bindings table: ids, keys, footer text and tooltips for every action.

Screens build their `BINDINGS` from here, the help screen lists it, and users remap keys by
id through `[tool.sqla-assist.keys]` (applied with `App.set_keymap`).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Action:
    id: str
    keys: str
    action: str
    description: str
    tooltip: str
    scope: str  # "app" | "review" | "dashboard"
    show: bool = True
    key_display: str | None = None

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            tooltip=self.tooltip,
            id=self.id,
        )


ACTIONS: tuple[Action, ...] = (
    Action("quit", "q", "quit", "Quit", "Leave the app; decisions are already saved", "app"),
    Action("help", "question_mark", "help", "Help", "Every binding, with what it does", "app", key_display="?"),
    Action("rescan", "R", "rescan", "Rescan", "Scan again, picking up edits made outside the app", "app"),
    Action("dashboard", "D", "dashboard", "Dashboard", "Toggle the progress dashboard", "app"),
    Action("accept", "space,a", "accept", "Accept", "Apply this file's safe fixes and record the decision", "review", key_display="space/a"),
    Action("skip", "s", "skip", "Skip", "Skip this file, with a reason", "review"),
    Action("accept_hunk", "y", "accept_hunk", "Accept hunk", "Apply only the hunk under the cursor", "review"),
    Action("skip_hunk", "x", "skip_hunk", "Skip hunk", "Skip only the hunk under the cursor, with a reason", "review"),
    Action("prev_hunk", "h", "prev_hunk", "Prev hunk", "Move to the previous hunk of the diff", "review", show=False),
    Action("next_hunk", "l", "next_hunk", "Next hunk", "Move to the next hunk of the diff", "review", show=False),
    Action("manual_done", "m", "manual_done", "Done by hand", "Mark the manual findings of this file as done by hand (toggle)", "review"),
    Action("undo", "z", "undo", "Undo", "Undo the last decision (restores the file if it was rewritten)", "review"),
    Action("next_file", "n", "next_file", "Next file", "Go to the next file with findings", "review"),
    Action("prev_file", "p", "prev_file", "Prev file", "Go to the previous file with findings", "review"),
    Action("filter", "slash", "filter", "Filter", "Filter the tree by category, rule, severity or path", "review", key_display="/"),
    Action("focus_tree", "1", "focus_panel('tree')", "Tree", "Focus the module tree", "review", show=False),
    Action("focus_main", "2", "focus_panel('main')", "Main", "Focus the diff / findings pane", "review", show=False),
    Action("focus_doc", "3", "focus_panel('doc')", "Docs", "Focus the rule documentation", "review", show=False),
    Action("cancel_work", "escape", "cancel_work", "Cancel", "Cancel the running Alembic preview", "review", show=False),
    Action("toggle_theme", "T", "toggle_dark", "Theme", "Switch between dark and light themes", "app", show=False),
)

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}


def bindings(scope: str) -> list[Binding]:
    return [a.binding() for a in ACTIONS if a.scope == scope]
