"""Dashboard mode: the checklist with progress bars, severity counts, hot modules, owners."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, ProgressBar, Static

from sqla_assist.tui.bindings import bindings
from sqla_assist.tui.footer import QuietFooter
from sqla_assist.tui.session import Session


class DashboardScreen(Screen[None]):
    BINDINGS = bindings("dashboard")

    def __init__(self, session: Session) -> None:
        self._ready = False
        super().__init__(id="dashboard")
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="dash"):
            yield Static("", id="dash-summary")
            with Horizontal(id="dash-top"):
                yield Vertical(id="checklist", classes="panel")
                yield Static("", id="severity", classes="panel")
            with Horizontal(id="dash-bottom"):
                yield Static("", id="hot-modules", classes="panel")
                yield Static("", id="owners", classes="panel")
                yield Static("", id="burndown", classes="panel")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#checklist").border_title = "Checklist"
        self.query_one("#severity").border_title = "Open by severity"
        self.query_one("#hot-modules").border_title = "Most open work"
        self.query_one("#owners").border_title = "Per owner"
        self.query_one("#burndown").border_title = "Burn-down"
        self._ready = True
        self.refresh_all()

    def refresh_all(self) -> None:
        if not self._ready:
            return  # on_mount draws it
        data = self.session.dashboard()
        done = sum(d for _, d, _ in data["checklist"])
        total = sum(t for _, _, t in data["checklist"])
        scanning = " (scan running…)" if self.session.scanning else ""
        self.query_one("#dash-summary", Static).update(
            f"{data['findings']} finding(s) in {data['files']} file(s) · {done}/{total} decided{scanning}"
        )
        box = self.query_one("#checklist", Vertical)
        box.remove_children()
        rows = []
        for label, d, t in data["checklist"]:
            bar = ProgressBar(total=max(t, 1), show_eta=False, classes="dash-bar")
            bar.progress = d
            rows += [Label(f"{label}  {d}/{t}", classes="dash-label"), bar]
        if not rows:
            rows = [Label("nothing to do yet")]
        box.mount_all(rows)
        self.query_one("#severity", Static).update(
            "\n".join(f"{label:<22}{n:>5}" for label, n in data["severity"])
        )
        self.query_one("#hot-modules", Static).update(
            "\n".join(f"{name:<30}{n:>5}" for name, n in data["modules"]) or "no open work"
        )
        self.query_one("#owners", Static).update(
            "\n".join(f"{owner:<22}{n:>5}" for owner, n in data["owners"])
            or "no owners (CODEOWNERS)"
        )
        history = data.get("history", [])
        peak = max((n for _, n in history), default=0) or 1
        self.query_one("#burndown", Static).update(
            "\n".join(f"{date} {'█' * round(12 * n / peak):<12} {n}" for date, n in history[-10:])
            or "no history yet: commit the state file"
        )
