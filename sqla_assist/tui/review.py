"""Review mode: module tree | diff, findings, Alembic tabs | rule documentation.

The widgets only show things and post messages (tree highlight, option highlight); this
screen decides what happens and calls the session, then redraws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.syntax import Syntax
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Header,
    LoadingIndicator,
    OptionList,
    ProgressBar,
    Static,
    TabbedContent,
    TabPane,
    Tree,
)
from textual.widgets.option_list import Option

from sqla_assist.core.config_files import is_config_file
from sqla_assist.core.findings import Finding, FixSafety
from sqla_assist.tui.bindings import bindings
from sqla_assist.tui.footer import QuietFooter
from sqla_assist.tui.messages import AlembicDone, FileRescanned, ProposalReady
from sqla_assist.tui.modals import Prompt
from sqla_assist.tui.render import Memo, diff_theme, highlight_diff, rule_doc
from sqla_assist.tui.session import ActionError, Session

if TYPE_CHECKING:
    from sqla_assist.tui.app import SqlaAssistApp

ALEMBIC_NO_MODELS = """\
{path}

This file defines no mapped classes and its proposed fixes change no model, so there is
nothing for Alembic to compare. The Alembic tab shows, for model files, what
`alembic revision --autogenerate` would emit if the converted models were the truth:
an empty migration means the typed-model conversion kept the schema.
"""


def render_alembic(result: Any, dark: bool, unchanged: bool = False) -> Any:
    """The verdict, the operations (highlighted Python) and the database comparisons.

    `unchanged`: no typed-model fix is proposed for the file, so the verdict is about its
    other fixes (if any) and the database comparison is the useful part.
    """
    from rich.console import Group

    if isinstance(result, str):
        return Text.assemble(("Alembic preview unavailable\n\n", "bold"), result)
    theme = diff_theme(dark)
    parts: list[Any] = [Text(f"{result.path}  ·  metadata {result.target}", "bold")]
    if unchanged:
        parts.append(Text("No typed-model fix is proposed for this file: its models as they are, vs the database.", "dim"))
    if result.errors:
        parts.append(Text("could not be previewed", "bold red"))
        parts += [Text(f"  · {e}") for e in result.errors]
    elif result.is_empty:
        parts.append(Text("✓ schema-neutral (empty autogenerate diff)", "bold green"))
    else:
        parts.append(Text(f"⚠ the proposal changes the schema ({len(result.changes)} change(s)):", "bold yellow"))
        parts += [Text(f"  · {c}", "yellow") for c in result.changes]
        parts.append(Text("accept-all (space/a) is blocked for this file; single hunks (y) stay possible", "italic"))
    parts += [Text(f"note: {n}", "dim") for n in result.notes]
    if result.ops:
        parts.append(Text(""))
        parts.append(Syntax("def upgrade():\n" + _indented(result.ops), "python", theme=theme, background_color="default"))
    parts.append(Text(""))
    parts.append(Text(f"Database: {result.database or 'none'}", "bold"))
    for comp in (result.db_before, result.db_after):
        if comp is None:
            continue
        if comp.error:
            parts.append(Text(f"  {comp.label}: error: {comp.error}"))
        elif comp.is_empty:
            parts.append(Text(f"  {comp.label}: in agreement (empty diff)"))
        else:
            parts.append(Text(f"  {comp.label}: {len(comp.changes)} difference(s)"))
            parts += [Text(f"    · {c}") for c in comp.changes]
            parts.append(Syntax("def upgrade():\n" + _indented(comp.ops), "python", theme=theme, background_color="default"))
    return Group(*parts)


def _indented(ops: str) -> str:
    return "\n".join(
        line if line.startswith(" ") or not line else f"    {line}" for line in ops.rstrip().splitlines()
    )


def _rules() -> dict[str, Any]:
    from sqla_assist.rules import rules_by_id

    return rules_by_id()


class FileTree(Tree[str]):
    """Packages → files, with a decision glyph and a count per file.

    Nodes are kept by path and package, so scan progress only adds or relabels the files
    that changed; a full rebuild happens only when the filter changes.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nodes: dict[str, Any] = {}
        self.packages: dict[str, Any] = {}
        self.counts: dict[str, int] = {}
        self.order: dict[str, list[tuple[str, str]]] = {}  # package → sorted (module, path)
        # The node the user last moved the cursor to. Textual also posts NodeHighlighted when
        # nodes are inserted above the cursor, which must not count as the user's choice.
        self.picked: Any = None
        self.where: dict[str, str] = {}  # path → package

    def rebuild(self, session: Session, keep: str | None) -> None:
        self.clear()
        self.nodes, self.packages, self.counts, self.order, self.where = {}, {}, {}, {}, {}
        self.update_paths(session, list(session.files))
        self.root.expand()
        self.select_path(keep)

    def _user_move(self, move: Any) -> None:
        move()
        self.picked = self.cursor_node

    def action_cursor_up(self) -> None:
        self._user_move(super().action_cursor_up)

    def action_cursor_down(self) -> None:
        self._user_move(super().action_cursor_down)

    def action_page_up(self) -> None:
        self._user_move(super().action_page_up)

    def action_page_down(self) -> None:
        self._user_move(super().action_page_down)

    def action_scroll_home(self) -> None:
        self._user_move(super().action_scroll_home)

    def action_scroll_end(self) -> None:
        self._user_move(super().action_scroll_end)

    def action_cursor_parent(self) -> None:
        self._user_move(super().action_cursor_parent)

    def action_cursor_next_sibling(self) -> None:
        self._user_move(super().action_cursor_next_sibling)

    def action_cursor_previous_sibling(self) -> None:
        self._user_move(super().action_cursor_previous_sibling)

    def action_cursor_parent_next_sibling(self) -> None:
        self._user_move(super().action_cursor_parent_next_sibling)

    def action_select_cursor(self) -> None:
        # a click runs this right after moving the cursor, before its NodeHighlighted is handled
        self.picked = self.cursor_node
        super().action_select_cursor()

    def select_path(self, path: str | None) -> None:
        """Put the cursor on `path`'s node (the tree's lines are built first, so new nodes have one)."""
        node = self.nodes.get(path or "")
        if node is None:
            return
        self._tree_lines  # noqa: B018 - builds the line index move_cursor reads
        if self.cursor_node is not node:
            self.move_cursor(node)

    def _label(self, session: Session, path: str, count: int) -> Text:
        glyph = session.glyph(path)
        return Text.assemble(
            (glyph.char + " ", f"glyph-{glyph.value}"),
            path if is_config_file(path) else path.rpartition("/")[2],  # requirements/dev.txt: say which
            (f" {count}", "dim"),
        )

    def update_paths(self, session: Session, paths: list[str]) -> None:
        """Add, relabel or remove the nodes of `paths` only."""
        import bisect

        touched: set[str] = set()
        for path in paths:
            kept = session.visible_in(path)
            node = self.nodes.get(path)
            if kept is None:
                if node is not None:
                    package = self._drop(path)
                    touched.add(package)
                continue
            package, module = session.place(path)
            if node is not None and self.counts.get(path) == len(kept) and self.where.get(path) == package:
                label = self._label(session, path, len(kept))
                if node.label != label:  # an unchanged label would still invalidate the tree
                    node.set_label(label)
                continue
            if node is not None:
                touched.add(self._drop(path))
            pnode = self.packages.get(package)
            if pnode is None:
                names = sorted(self.packages)
                i = bisect.bisect(names, package)
                before = self.packages[names[i]] if i < len(names) else None
                pnode = self.root.add(package, expand=True, before=before)
                self.packages[package] = pnode
                self.order[package] = []
            order = self.order[package]
            key = (module, path)
            i = bisect.bisect(order, key)
            before = self.nodes[order[i][1]] if i < len(order) else None
            order.insert(i, key)
            leaf = pnode.add_leaf(self._label(session, path, len(kept)), data=path, before=before)
            self.where[path] = package
            self.nodes[path] = leaf
            self.counts[path] = len(kept)
            touched.add(package)
        for package in touched:
            pnode = self.packages.get(package)
            if pnode is None:
                continue
            total = sum(self.counts[p] for _m, p in self.order[package])
            if str(pnode.label) != f"{package} ({total})":
                pnode.set_label(f"{package} ({total})")
        if touched or not paths:
            label = f"{len(self.nodes)} files · {sum(self.counts.values())} findings"
            if str(self.root.label) != label:
                self.root.set_label(label)

    def _drop(self, path: str) -> str:
        node = self.nodes.pop(path)
        package = self.where.pop(path)
        self.counts.pop(path, None)
        self.order[package] = [k for k in self.order[package] if k[1] != path]
        node.remove()
        if not self.order[package]:
            self.packages.pop(package).remove()
            del self.order[package]
        return package

    def get_label_width(self, node: Any) -> int:
        """The label's width without building it: Tree measures every line on every update."""
        width: int = node.label.cell_len
        if node.allow_expand:
            width += cell_len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE)
        return width

    def file_nodes(self) -> list[Any]:
        return [self.nodes[p] for package in sorted(self.order) for _m, p in self.order[package]]


class RuleDoc(Static):
    """The rule page: one Static holding a Rich Markdown renderable.

    Textual's Markdown widget mounts a widget per block, and every full-screen reflow during a
    scan then lays all of them out again; it also lexes code on the UI thread.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.markdown = ""

    def show(self, markdown: str, dark: bool) -> None:
        self.markdown = markdown
        self.update(rule_doc(markdown, dark))

    def placeholder(self, text: str) -> None:
        """Plain text (no Markdown import or parse on the UI thread while the app starts)."""
        self.markdown = text
        self.update(text)


class ReviewScreen(Screen[None]):
    BINDINGS = bindings("review")

    def __init__(self, session: Session) -> None:
        self._ready = False
        super().__init__(id="review")
        self.session = session
        self.path: str | None = None
        self.hunk = 0
        self.finding: Finding | None = None
        self._doc_rule: str | None = "?"
        self._proposing: tuple[str, int] | None = None
        # (hunk text, dark theme) → highlighted Text, made by the proposal worker
        self._highlighted: dict[tuple[str, bool], Text] = {}
        # The user picked the file on screen (tree, n/p, palette) since the scan started; if not,
        # the finished scan shows the tree's first file, whichever file streamed in first.
        self.chosen = False
        self._follow_pending = False  # `_follow_soon` has a redraw scheduled
        self._follow_redraw = False

    @property
    def sapp(self) -> SqlaAssistApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="panels"):
            with Vertical(id="tree-panel", classes="panel"):
                yield FileTree("files", id="tree")
            with Vertical(id="right"):
                with TabbedContent(id="main", initial="tab-diff"):
                    with TabPane("Diff", id="tab-diff"), VerticalScroll(id="diff-scroll"):
                        yield Static("", id="diff")
                    with TabPane("Findings", id="tab-findings"):
                        yield OptionList(id="findings")
                    with TabPane("Alembic", id="tab-alembic"), VerticalScroll(id="alembic-scroll"):
                        yield LoadingIndicator(id="alembic-busy")
                        yield Static("", id="alembic")
                with VerticalScroll(id="doc-panel", classes="panel"):
                    yield RuleDoc(id="doc")
        with Horizontal(id="statusbar"):
            yield Static("", id="status")
            yield ProgressBar(id="progress", show_eta=False, show_percentage=True)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#tree-panel").border_title = "1 Files"
        self.query_one("#main").border_title = "2"
        self.query_one("#doc-panel").border_title = "3 Rule"
        self.query_one(FileTree).focus()
        self._ready = True
        self.refresh_all()

    # -- drawing ------------------------------------------------------------------------------
    def refresh_all(self) -> None:
        """Rebuild everything (filter change, rescan, decisions)."""
        if not self._ready:
            return  # on_mount draws it
        tree = self.query_one(FileTree)
        tree.rebuild(self.session, self.path)
        self._follow(tree, redraw=True)
        self.update_status()

    def files_changed(self, paths: list[str]) -> None:
        """Scan progress: touch only the tree nodes of `paths`; redraw the panes only if they show one."""
        if not self._ready:
            return
        tree = self.query_one(FileTree)
        tree.update_paths(self.session, paths)
        self._follow_soon(redraw=self.path in set(paths))
        self.update_status()

    def scan_finished(self) -> None:
        """Redraw from the settled results, on the tree's first file unless the user chose one.

        The tree is updated in place, not rebuilt: most files keep their label, and the ones
        the gathering pass changed (or left without findings) are relabelled or dropped.
        """
        if not self._ready:
            return
        if not self.chosen:
            self.path = None
        tree = self.query_one(FileTree)
        stale = [p for p in tree.nodes if p not in self.session.files]
        tree.update_paths(self.session, [*self.session.files, *stale])
        self._follow_soon(redraw=True)
        self.update_status()

    def _follow_soon(self, redraw: bool) -> None:
        """Draw the panes for the tree's new state after the tree itself has been painted.

        A scan update that changes the tree and the panes in one step makes Textual lay out
        and paint the whole screen at once (100-300 ms on a loaded machine with the scan and
        proposal threads sharing the GIL); in two steps, keys are answered in between.
        """
        self._follow_redraw = self._follow_redraw or redraw
        if not self._follow_pending:
            self._follow_pending = True
            self.call_after_refresh(self._follow_now)

    def _follow_now(self) -> None:
        redraw, self._follow_redraw, self._follow_pending = self._follow_redraw, False, False
        self._follow(self.query_one(FileTree), redraw)

    def _follow(self, tree: FileTree, redraw: bool) -> None:
        if self.path is None or self.path not in tree.nodes:
            nodes = tree.file_nodes()
            first = nodes[0].data if nodes else None
            # "No findings yet" is already drawn: redrawing it per scan batch reflows the screen
            if first is not None or self.path is not None or redraw:
                self.show_file(first)
        elif redraw:
            self.show_file(self.path)
        tree.select_path(self.path)

    def update_status(self, message: str = "") -> None:
        s = self.session
        bar = self.query_one(ProgressBar)
        if s.scanning:
            bar.display = True
            bar.update(total=max(s.total, 1), progress=len(s.files))
            text = f"scanning {len(s.files)}/{s.total} files…"
        else:
            bar.display = False
            text = f"{len(s.files)} files scanned" + ("" if s.settled else " (not settled)")
        if s.filter.text:
            text += f" · filter: {s.filter.text}"
        if message:
            text = message
        status = self.query_one("#status", Static)
        if status.content != text:
            status.update(text, layout=False)  # fixed-size bar: no reflow of the screen

    def show_file(self, path: str | None) -> None:
        changed = path != self.path
        self.path = path
        if changed:
            self.hunk = 0
            self.query_one(FileTree).select_path(path)
        self.draw_findings()
        self.draw_diff()
        self.draw_alembic()

    def draw_findings(self) -> None:
        options = self.query_one("#findings", OptionList)
        options.clear_options()
        findings = self.session.visible().get(self.path or "", [])
        for f in findings:
            decided = self.session.decision_text(f)
            head = Text.assemble(
                (f"{f.line}:{f.column} ", "bold"),
                (f.rule, "bold"),
                f"  {f.severity.label} · fix: {f.fix.value} · evidence: {f.evidence.value}",
                (f"  [{decided}]" if decided else "", "italic"),
            )
            body = Text(f.message)
            parts = [head, Text("\n"), body]
            if f.fix is FixSafety.MANUAL:
                rule = _rules().get(f.rule)
                guidance = rule.use_instead.strip().splitlines()[0] if rule else ""
                done = "x" if "manual" in decided.lower() else " "
                parts += [Text(f"\n[{done}] done by hand (m) · {guidance}", "dim")]
            options.add_option(Option(Text.assemble(*parts), id=f.fingerprint))
        if findings:
            options.highlighted = 0
        self.finding = findings[0] if findings else None
        self.draw_doc()

    def hunks(self) -> list[Any]:
        if self.path is None:
            return []
        proposal = self.session.proposal(self.path)
        if proposal is None:
            return []
        # a fix that edits another file too shows (and accepts) those hunks here, with their path
        return [*proposal.hunks, *(h for c in getattr(proposal, "companions", ()) for h in c.hunks)]

    def draw_diff(self) -> None:
        diff = self.query_one("#diff", Static)
        if self.path is None:
            diff.update("No findings" + (" match the filter" if self.session.filter.text else " yet"))
            return
        if self.path in self.session.rescanning:
            diff.update(f"{self.path}\n\nRescanning after the write…")
            return
        if not self.session.has_proposal(self.path):
            if self.session.scanning and not self.chosen:
                # A proposal made now rests on unsettled evidence and is dropped when the scan
                # ends; making it costs the worker a second of GIL time (libcst, the fixers)
                # that the event loop needs to keep up with the scan (issue #6). A file the
                # user picked is still worth it; the one the scan happened to show first is not.
                diff.update(f"{self.path}\n\nThe proposed fixes are prepared when the scan has finished…")
                return
            diff.update(f"{self.path}\n\nPreparing the proposed fixes…")
            # started once this pane is painted: the worker's first second (libcst, the fixers)
            # competes with the UI thread for the GIL
            self.call_after_refresh(self._start_proposal_if_shown, self.path)
            return
        hunks = self.hunks()
        if not hunks:
            why = self.session.failed.get(self.path, "")
            findings = self.session.visible().get(self.path, [])
            manual = sum(1 for f in findings if f.fix is FixSafety.MANUAL)
            diff.update(
                f"{self.path}\n\nNo automatic fix proposed for this file"
                + (f": {why}" if why else ".")
                + (f"\n{manual} finding(s) need a manual change; see the Findings tab." if manual else "")
            )
            return
        self.hunk = max(0, min(self.hunk, len(hunks) - 1))
        dark = self.app.current_theme.dark
        from rich.console import Group

        parts: list[Any] = [Text(f"{self.path}  ·  hunk {self.hunk + 1}/{len(hunks)}  (h/l move, y accept, x skip)", "bold")]
        blocked = self.session.accept_blocked(self.path)
        if blocked:
            parts.append(Text(f"⚠ accept-all blocked: {blocked}", "bold yellow"))
        schema = self.session.schema_changed(self.path)
        model_fps = {f.fingerprint for f in self.session.model_fixes(self.path)}
        for i, hunk in enumerate(hunks):
            mark = "▶ " if i == self.hunk else "  "
            where = f"{hunk.path}  " if getattr(hunk, "path", "") not in ("", self.path) else ""
            label = f"{mark}{where}{hunk.header}" + ("  [unsafe: review before accepting]" if hunk.unsafe else "")
            if schema and model_fps & set(hunk.fingerprints):
                label += "  [⚠ schema change: see the Alembic tab]"
            parts.append(Text(label, "reverse" if i == self.hunk else ("bold" if not hunk.unsafe else "italic")))
            parts.append(self._hunk_text(hunk.text, dark))
        diff.update(Memo(Group(*parts)))  # measured on every reflow of the screen: render once

    def _hunk_text(self, text: str, dark: bool) -> Text:
        """The hunk highlighted by the proposal worker, or here if the theme changed since."""
        found = self._highlighted.get((text, dark))
        if found is None:
            found = self._highlighted[(text, dark)] = highlight_diff(text, dark)
        return found

    def draw_doc(self) -> None:
        rule_id = self.finding.rule if self.finding else None
        if rule_id == self._doc_rule:
            return  # Markdown.update is costly: only when the rule changes
        self._doc_rule = rule_id
        # a frame after the panes that asked for it: its first render (Markdown, Pygments) is
        # then laid out and painted on its own, not in the same step as theirs
        self.call_after_refresh(self._show_doc, rule_id)

    def _show_doc(self, rule_id: str | None) -> None:
        if rule_id != self._doc_rule:
            return  # another rule was asked for meanwhile; its own call draws it
        rule = _rules().get(rule_id) if rule_id else None
        doc = self.query_one("#doc", RuleDoc)
        if rule is None:
            doc.placeholder("Select a file with findings to read the rule's page.")
        else:
            doc.show(rule.doc_markdown(), self.app.current_theme.dark)

    # -- proposals (libcst) run in a worker ------------------------------------------------------
    def _start_proposal_if_shown(self, path: str) -> None:
        if path == self.path and not self.session.has_proposal(path) and path not in self.session.rescanning:
            self.start_proposal(path)

    def start_proposal(self, path: str) -> None:
        gen = self.session.generation.get(path, 0)
        if self._proposing == (path, gen):
            return
        self._proposing = (path, gen)
        self._propose(path, gen, dict(self.session.files), self.app.current_theme.dark)

    @work(thread=True, exclusive=True, group="propose")
    def _propose(self, path: str, gen: int, files: dict[str, Any], dark: bool) -> None:
        """The proposal, its hunks highlighted and the file's text read, all off the UI thread."""
        from textual.worker import get_current_worker

        proposal, error = self.session.compute_proposal(path, files)
        hunks = [*getattr(proposal, "hunks", ()), *(h for c in getattr(proposal, "companions", ()) for h in c.hunks)]
        highlighted = {(h.text, dark): highlight_diff(h.text, dark) for h in hunks}
        self.session.prefetch_text(path, gen)
        if not get_current_worker().is_cancelled:
            self.post_message(ProposalReady(path, gen, proposal, error, highlighted))

    @on(ProposalReady)
    def _proposal_ready(self, message: ProposalReady) -> None:
        if self._proposing == (message.path, message.gen):
            self._proposing = None
        if self.session.generation.get(message.path, 0) != message.gen or message.path in self.session.rescanning:
            return  # the file was scanned again meanwhile, or was written and its rescan is pending
        self.session.store_proposal(message.path, message.proposal, message.error)
        if len(self._highlighted) > 2000:
            self._highlighted.clear()
        self._highlighted.update(message.highlighted)
        if message.path == self.path:
            self.draw_diff()
            self.draw_alembic()

    # -- Alembic --------------------------------------------------------------------------------
    def draw_alembic(self, start: bool = True) -> None:
        """Show the preview for the current file, starting the worker when it is wanted and missing."""
        pane = self.query_one("#alembic", Static)
        busy = self.query_one("#alembic-busy", LoadingIndicator)
        busy.display = False
        path = self.path
        if path is None:
            pane.update("No file selected.")
            return
        if not self.session.has_proposal(path):
            pane.update(f"{path}\n\nPreparing the proposed fixes…")
            return  # drawn again when the proposal arrives
        text = self.session.alembic_text(path)
        if text is None:
            pane.update(ALEMBIC_NO_MODELS.format(path=path))
            return
        result = self.session.alembic_result(path)
        if result is None:
            wanted = self.query_one(TabbedContent).active == "tab-alembic" or bool(self.session.model_fixes(path))
            if self.session.alembic_pending.get(path) != text and start and wanted:
                self.start_alembic(path, text)
            if self.session.alembic_pending.get(path) == text:
                busy.display = True
                pane.update(f"{path}\n\nRunning Alembic autogenerate on the models before and after the proposal… (escape cancels)")
            else:
                pane.update(f"{path}\n\nOpen this tab to run the Alembic preview.")
            return
        proposal = self.session.proposal(path)
        unchanged = proposal is None or not self.session.model_fixes(path)
        pane.update(Memo(render_alembic(result, self.app.current_theme.dark, unchanged)))

    def start_alembic(self, path: str, text: str) -> None:
        target = self.session.alembic_target()
        if target is None:
            self.session.alembic[path] = (
                text,
                "no declarative base or MetaData found; set `[tool.sqla-assist] metadata = \"pkg.models:Base.metadata\"`",
            )
            return
        self.session.alembic_pending.clear()
        self.session.alembic_pending[path] = text
        self._alembic(path, text, target)

    @work(thread=True, exclusive=True, group="alembic")
    def _alembic(self, path: str, text: str, target: Any) -> None:
        from textual.worker import get_current_worker

        from sqla_assist.core import alembic_preview as ap

        worker = get_current_worker()
        result: object
        try:
            proposal = self.session.proposal(path)
            # A fix's edits to other files (the reverse side of a relationship) are previewed with it.
            also = {c.path: c.new_text for c in proposal.companions} if proposal is not None else {}
            result = ap.preview(
                self.session.checkout, path, text, metadata_target=target, also=also,
                cancelled=lambda: worker.is_cancelled,  # escape, or another preview: kill the child
            )
        except ap.PreviewCancelled:
            return
        except ap.PreviewError as exc:
            result = str(exc)
        except Exception as exc:  # the user's models may fail in any way; show it, never crash
            result = f"the preview failed: {exc}"
        if not worker.is_cancelled:
            self.post_message(AlembicDone(path, text, result))

    @on(AlembicDone)
    def _alembic_done(self, message: AlembicDone) -> None:
        if self.session.alembic_pending.get(message.path) == message.text:
            del self.session.alembic_pending[message.path]
        self.session.alembic[message.path] = (message.text, message.result)
        if message.path == self.path:
            self.draw_alembic(start=False)
            self.draw_diff()

    def action_cancel_work(self) -> None:
        """Cancel a running Alembic preview; its result is dropped."""
        if self.session.alembic_pending:
            self.workers.cancel_group(self, "alembic")
            self.session.alembic_pending.clear()
            self.draw_alembic(start=False)
            self.update_status("Alembic preview cancelled")

    @on(TabbedContent.TabActivated, "#main")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if self._ready and event.pane.id == "tab-alembic":
            self.draw_alembic()

    # -- messages from the widgets --------------------------------------------------------------
    @on(Tree.NodeHighlighted, "#tree")
    def _tree_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node is not event.control.cursor_node:
            return  # stale: the cursor moved on (the screen's own moves post these too)
        if event.node.data and event.node.data != self.path:
            if event.node is not event.control.picked:
                return  # the tree moved under a still cursor (nodes inserted above it)
            self.chosen = True  # the screen's own moves put the cursor on `self.path` first
            self.show_file(event.node.data)

    @on(OptionList.OptionHighlighted, "#findings")
    def _finding_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        findings = {f.fingerprint: f for f in self.session.visible().get(self.path or "", [])}
        self.finding = findings.get(event.option.id or "")
        self.draw_doc()

    # -- actions --------------------------------------------------------------------------------
    def _run(self, fn: Any, *args: Any) -> None:
        try:
            outcome = fn(*args)
        except ActionError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            self.refresh_all()
            self.update_status(str(exc))
            return
        if outcome.rescan:
            self.start_rescan(outcome.path, outcome.message)
            for other, _, _ in outcome.companions:
                self.start_rescan(other, outcome.message)
        self.refresh_all()
        self.update_status(outcome.message)

    def start_rescan(self, path: str, message: str) -> None:
        gen = self.session.rescanning.get(path, 0) + 1
        self.session.rescanning[path] = gen
        self._rescan_file(path, gen, dict(self.session.files), self.session.settled, message)

    @work(thread=True, group="rescan")
    def _rescan_file(self, path: str, gen: int, files: dict[str, Any], settled: bool, message: str) -> None:
        try:
            results = self.session.scan_file(path, files, settled)
        except Exception as exc:  # shown, never a crash; the old findings stay
            results, message = [], f"{path}: rescan failed: {exc}"
        self.post_message(FileRescanned(results, message, path, gen))

    @on(FileRescanned)
    def _file_rescanned(self, message: FileRescanned) -> None:
        if self.session.rescanning.get(message.path) != message.gen:
            return  # a newer write of the same file is being rescanned
        del self.session.rescanning[message.path]
        self.session.add(message.results)
        if self.session.state is not None:
            self.session._save()  # the summary counts follow the new findings
        self.refresh_all()
        self.update_status(message.message)

    def action_accept(self) -> None:
        if self.path:
            self._run(self.session.accept_file, self.path)

    def action_skip(self) -> None:
        path = self.path
        if not path:
            return

        def done(reason: str | None) -> None:
            if reason:
                self._run(self.session.skip_file, path, reason)

        self.app.push_screen(Prompt(f"Skip {path}: why?", "e.g. owned by another team"), done)

    def _current_hunk(self) -> Any:
        hunks = self.hunks()
        if not hunks:
            self.notify("no hunk under the cursor", severity="warning")
            return None
        return hunks[max(0, min(self.hunk, len(hunks) - 1))]

    def action_accept_hunk(self) -> None:
        hunk = self._current_hunk()
        if hunk is not None and self.path:
            self._run(self.session.accept_hunk, self.path, hunk)

    def action_skip_hunk(self) -> None:
        hunk = self._current_hunk()
        path = self.path
        if hunk is None or not path:
            return

        def done(reason: str | None) -> None:
            if reason:
                self._run(self.session.skip_hunk, path, hunk, reason)

        self.app.push_screen(Prompt(f"Skip hunk {hunk.header}: why?"), done)

    def _move_hunk(self, step: int) -> None:
        hunks = self.hunks()
        if hunks:
            self.hunk = (self.hunk + step) % len(hunks)
            fps = set(hunks[self.hunk].fingerprints)
            for f in self.session.visible().get(self.path or "", []):
                if f.fingerprint in fps:
                    self.finding = f
                    self.draw_doc()
                    break
            self.draw_diff()

    def action_next_hunk(self) -> None:
        self._move_hunk(1)

    def action_prev_hunk(self) -> None:
        self._move_hunk(-1)

    def action_manual_done(self) -> None:
        if self.path:
            self._run(self.session.toggle_manual, self.path)

    def action_undo(self) -> None:
        if self.session.undo_stack:
            self.path = self.session.undo_stack[-1].path
        self._run(self.session.undo)

    def _move_file(self, step: int) -> None:
        tree = self.query_one(FileTree)
        nodes = tree.file_nodes()
        if not nodes:
            return
        paths = [n.data for n in nodes]
        index = paths.index(self.path) + step if self.path in paths else 0
        node = nodes[index % len(nodes)]
        self.chosen = True
        self.show_file(node.data)
        tree.select_path(node.data)

    def action_next_file(self) -> None:
        self._move_file(1)

    def action_prev_file(self) -> None:
        self._move_file(-1)

    def go_to(self, path: str) -> None:
        """Show `path` (from the command palette), clearing a filter that hides it."""
        if self.session.visible_in(path) is None and self.session.filter.text:
            self.session.filter.text = ""
            self.refresh_all()
        self.chosen = True
        self.show_file(path)
        self.query_one(FileTree).select_path(path)
        self.query_one(FileTree).focus()

    def action_filter(self) -> None:
        def done(text: str | None) -> None:
            if text is not None:
                self.session.filter.text = text
                self.refresh_all()

        self.app.push_screen(
            Prompt(
                "Filter: category:select rule:SQ1 severity:breaks path:shop/ (words match paths)",
                value=self.session.filter.text,
                allow_empty=True,
            ),
            done,
        )

    def action_focus_panel(self, panel: str) -> None:
        target = {"tree": "#tree", "main": "#main", "doc": "#doc-panel"}[panel]
        if panel == "main":
            active = self.query_one(TabbedContent).active
            target = "#findings" if active == "tab-findings" else "#diff-scroll"
        self.query_one(target).focus()
