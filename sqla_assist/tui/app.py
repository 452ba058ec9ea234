"""The app: one factory (`create_app`) for the CLI, the tests and the screenshot exporter.

The scan runs in a thread worker that streams results as coalesced messages; only the
message handlers touch the session the screens draw from.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from itertools import islice
from typing import Any

from textual import on, work
from textual.app import App, SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.timer import Timer

from sqla_assist.core.checkout import Checkout
from sqla_assist.core.config import Config
from sqla_assist.core.scan import FileResult, ScanCancelled, Scanner
from sqla_assist.tui.bindings import ACTIONS, bindings
from sqla_assist.tui.dashboard import DashboardScreen
from sqla_assist.tui.messages import ScanFinished, ScanProgress, ScanStarted
from sqla_assist.tui.modals import HelpScreen
from sqla_assist.tui.quiet_gc import freeze_startup, pause_full, resume_full
from sqla_assist.tui.render import MARKDOWN_STYLES, warm_up
from sqla_assist.tui.review import ReviewScreen
from sqla_assist.tui.session import Session

# One progress message per quarter second from the scan worker; the first findings skip the wait.
_COALESCE_SECONDS = 0.25
# The tree (and dashboard) follow the scan at most this often. A tree change costs Textual a
# full-screen reflow and repaint (tens to hundreds of ms on a loaded machine, and it holds the
# GIL the scan needs), so the interval grows with what the last update cost: redraws take at
# most about 1/_UI_DUTY of the UI thread, and keys are answered between them.
_UI_MIN_SECONDS = 0.1
_UI_MAX_SECONDS = 1.0
_UI_DUTY = 4.0
# At most this many files join the tree per update; a larger batch (a burst of cached results,
# a slow flush on a loaded machine) is spread over several event-loop turns, one repaint each.
_UI_BATCH = 64
# The scan's pool workers run at a lower CPU priority than the app: with every core busy
# analysing, the event loop would otherwise wait its turn for the CPU (stalls of 0.5 s+).
_WORKER_NICE = 10


class FilesAndRules(Provider):
    """Command palette entries for every file with findings and every rule."""

    def _entries(self) -> list[tuple[str, str, Any]]:
        from sqla_assist.rules import all_rules

        app: SqlaAssistApp = self.app  # type: ignore[assignment]
        out: list[tuple[str, str, Any]] = []
        for path, findings in app.session.visible().items():
            out.append((f"file: {path}", f"{len(findings)} finding(s)", partial(app.open_file, path)))
        for rule in all_rules():
            out.append((f"rule: {rule.id} {rule.name}", rule.title, partial(app.filter_rule, rule.id)))
        return out

    async def discover(self) -> Hits:
        for text, help_text, command in self._entries():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, command in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, help=help_text)


def start_process_helpers() -> None:
    """Start multiprocessing's forkserver and resource tracker while stderr is a real file.

    The scan's process pool uses the forkserver; started lazily from the scan worker, it would
    pass `sys.stderr.fileno()` to the child, and under Textual stderr is a capture object
    (fileno -1): "bad value(s) in fds_to_keep", and a cold scan fails. Starting it here, in a
    separate process, also lets it import the rules while the app draws its first screen.
    """
    if os.name != "posix":
        return
    from multiprocessing import forkserver, resource_tracker

    try:
        # Children fork from a server that has already imported the rules, so the pool's
        # first batch does not wait for every worker to import 150 rule modules.
        forkserver.set_forkserver_preload(["sqla_assist.rules._loaded"])
        resource_tracker.ensure_running()
        forkserver.ensure_running()
    except (OSError, ValueError):  # the pool will report it; the app still starts
        pass


class SqlaAssistApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "sqla-assist"
    BINDINGS = bindings("app")
    COMMANDS = App.COMMANDS | {FilesAndRules}

    def __init__(
        self,
        checkout: Checkout,
        config: Config,
        *,
        theme: str | None = None,
        blink: bool = True,
        use_cache: bool = True,
        workers: int | None = None,
    ) -> None:
        super().__init__()
        self.console.push_theme(MARKDOWN_STYLES)
        self.session = Session(checkout, config)
        self.blink = blink
        self.use_cache = use_cache
        self.scan_workers = workers
        if workers != 1:
            start_process_helpers()
        freeze_startup()  # before the warm-up thread starts allocating
        warm_up()
        self.scan_done = threading.Event()
        self._cancel = threading.Event()
        # Scan results the screens have not drawn yet (paths, in arrival order), and the timer
        # that will draw them; see `_flush_scan`.
        self._undrawn: dict[str, None] = {}
        self._flush_timer: Timer | None = None
        self._ui_interval = _UI_MIN_SECONDS
        self._drew_findings = False
        self.scan_redraws = 0  # tree/dashboard updates made for scan progress (tests bound it)
        self.sub_title = checkout.root.name
        if theme:
            self.theme = theme
        if config.keys:
            self.set_keymap(dict(config.keys))

    # -- screens ----------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.install_screen(ReviewScreen(self.session), "review")
        self.install_screen(DashboardScreen(self.session), "dashboard")
        self.push_screen("review")
        self.start_scan()

    def _redraw(self) -> None:
        screen = self.screen
        if isinstance(screen, ReviewScreen | DashboardScreen):
            screen.refresh_all()

    def action_dashboard(self) -> None:
        if isinstance(self.screen, DashboardScreen):
            self.switch_screen("review")
        else:
            self.switch_screen("dashboard")
        self._redraw()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"
        self._redraw()

    def action_quit(self) -> None:  # type: ignore[override]
        self._cancel.set()
        self.exit()

    def on_unmount(self) -> None:
        resume_full()  # the app may exit mid-scan; the process may go on (tests, embedding)

    def open_file(self, path: str) -> None:
        if not isinstance(self.screen, ReviewScreen):
            self.switch_screen("review")
        review = self.get_screen("review")
        assert isinstance(review, ReviewScreen)
        review.go_to(path)

    def filter_rule(self, rule_id: str) -> None:
        self.session.filter.text = f"rule:{rule_id}"
        self.open_file(next(iter(self.session.visible()), ""))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        review = self.get_screen("review")
        for action in ACTIONS:
            if action.scope == "app":
                target: Any = self
            elif isinstance(screen, ReviewScreen):
                target = review
            else:
                continue
            yield SystemCommand(
                action.description, action.tooltip, partial(self._run_action, target, action.action)
            )

    def _run_action(self, target: Any, action: str) -> None:
        self.call_later(self.run_action, action, target)

    def busy(self) -> bool:
        """Background work whose result will change the screen: scan, proposal, Alembic, rescan."""
        s = self.session
        if not self.scan_done.is_set() or s.alembic_pending or s.rescanning:
            return True
        review = self.get_screen("review")
        return isinstance(review, ReviewScreen) and review.path is not None and not s.has_proposal(review.path)

    # -- scanning ---------------------------------------------------------------------------------
    def start_scan(self) -> None:
        self._cancel.set()
        self._cancel = threading.Event()
        self._drop_undrawn()
        review = self.get_screen("review") if self.is_screen_installed("review") else None
        if isinstance(review, ReviewScreen):
            review.chosen = False
        self.scan_done.clear()
        self.session.reset()
        self.session.reload_state()
        self.session.scanning = True
        pause_full()  # resumed when the scan's results are in (or the app exits)
        self._scan(self._cancel)

    def action_rescan(self) -> None:
        self.start_scan()
        self._redraw()

    @work(thread=True, exclusive=True, group="scan")
    def _scan(self, cancel: threading.Event) -> None:
        start = time.perf_counter()
        # The state file is read here, not on the UI thread when the first file's glyph is drawn.
        _ = self.session.state
        scanner = Scanner(
            self.session.checkout, self.session.config, use_cache=self.use_cache, workers=self.scan_workers,
            nice=_WORKER_NICE,
        )
        files: dict[str, FileResult] = {}
        batch: list[FileResult] = []
        total = 0
        last = time.perf_counter()

        def post(message: Any) -> None:
            message.token = cancel  # lets handlers drop messages from a superseded scan
            self.post_message(message)

        def on_total(n: int) -> None:
            nonlocal total
            total = n
            post(ScanStarted(n))

        try:
            shown = False  # no finding on screen yet
            for res in scanner.iter_files(cancel=cancel, on_total=on_total):
                files[res.path] = res
                batch.append(res)
                now = time.perf_counter()
                if now - last >= _COALESCE_SECONDS or (not shown and res.findings):
                    shown = shown or any(r.findings for r in batch)
                    post(ScanProgress(batch, len(files), total))
                    batch, last = [], now
            if batch:
                post(ScanProgress(batch, len(files), total))
            # Settle copies: the session's results are read by the UI thread meanwhile, and the
            # settled ones replace them in one step when ScanFinished is handled.
            settled = {p: replace(r) for p, r in files.items()}
            scanner.settle(settled)
        except ScanCancelled:
            post(ScanFinished(time.perf_counter() - start, cancelled=True))
            return
        except Exception as exc:  # shown to the user, never a crash
            post(ScanFinished(time.perf_counter() - start, error=str(exc)))
            return
        post(ScanFinished(time.perf_counter() - start, results=list(settled.values())))

    @on(ScanStarted)
    def _scan_started(self, message: ScanStarted) -> None:
        if getattr(message, "token", None) is not self._cancel:
            return
        self.session.total = message.total
        self._update_status()  # nothing to draw yet: the status line only

    def _update_status(self) -> None:
        screen = self.screen
        if isinstance(screen, ReviewScreen):
            screen.update_status()

    @on(ScanProgress)
    def _scan_progress(self, message: ScanProgress) -> None:
        """Record the batch at once (cheap); draw it with the next coalesced flush."""
        if getattr(message, "token", None) is not self._cancel:
            return
        self.session.add(message.results)
        self._undrawn.update(dict.fromkeys(r.path for r in message.results))
        self._update_status()  # a repaint of the status bar, no reflow
        if not self._drew_findings and any(r.findings for r in message.results):
            self._flush_scan()  # the first findings are drawn without waiting
        elif self._flush_timer is None:
            self._flush_timer = self.set_timer(self._ui_interval, self._flush_scan)

    def _flush_scan(self) -> None:
        """Draw the results that arrived since the last flush: at most `_UI_BATCH` files per
        tree update, the rest once that update has been painted."""
        self._drop_timer()
        if not self._undrawn:
            return
        paths = list(islice(self._undrawn, _UI_BATCH))
        for path in paths:
            del self._undrawn[path]
        if self._undrawn:
            self.call_after_refresh(self._flush_rest, self._cancel)
        start = time.perf_counter()
        # under a modal (help, a prompt), the screen below it follows the scan too
        screen = next((s for s in reversed(self.screen_stack) if isinstance(s, ReviewScreen | DashboardScreen)), None)
        if isinstance(screen, ReviewScreen):
            screen.files_changed(paths)
        elif isinstance(screen, DashboardScreen):
            screen.refresh_all()
        self.scan_redraws += 1
        self._drew_findings = self._drew_findings or any(self.session.files[p].findings for p in paths)
        self.call_after_refresh(self._flushed, start)

    def _flush_rest(self, token: threading.Event) -> None:
        if token is self._cancel and self._flush_timer is None:
            self._flush_scan()

    def _flushed(self, start: float) -> None:
        """The flush has been laid out and painted: space the next one by what it cost."""
        cost = time.perf_counter() - start
        self._ui_interval = min(_UI_MAX_SECONDS, max(_UI_MIN_SECONDS, _UI_DUTY * cost))

    def _drop_timer(self) -> None:
        if self._flush_timer is not None:
            self._flush_timer.stop()
            self._flush_timer = None

    def _drop_undrawn(self) -> None:
        self._drop_timer()
        self._undrawn = {}
        self._drew_findings = False

    @on(ScanFinished)
    def _scan_finished(self, message: ScanFinished) -> None:
        if message.cancelled or getattr(message, "token", None) is not self._cancel:
            return
        self._drop_undrawn()  # the full redraw below shows them
        if message.results:
            self.session.add(message.results)
        self.session.scanning = False
        resume_full()
        self.session.settled = not message.error
        # Proposals made while results streamed in rest on unsettled (weaker) evidence.
        self.session.forget_proposals()
        review = self.get_screen("review")
        if isinstance(review, ReviewScreen):
            review.scan_finished()
        if not isinstance(self.screen, ReviewScreen):
            self._redraw()
        if message.error:
            self.notify(f"scan failed: {message.error}", severity="error")
        self.scan_done.set()


def create_app(checkout: Checkout, config: Config, **options: Any) -> SqlaAssistApp:
    """The one way to build the app: CLI, tests and screenshots pass options, not subclasses."""
    return SqlaAssistApp(checkout, config, **options)


def run_app(checkout: Checkout, config: Config) -> None:
    create_app(checkout, config).run()
