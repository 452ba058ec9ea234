"""Command line: a thin shell over `sqla_assist.core`. stdout carries data; stderr diagnostics."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from sqla_assist import __version__, exit_codes
from sqla_assist.core.checkout import Checkout, NotACheckout, open_checkout
from sqla_assist.core.config import Config, ConfigError, load_config
from sqla_assist.core.findings import Category, Finding, Severity


def fail(message: str, code: int = exit_codes.USAGE) -> NoReturn:
    click.echo(f"sqla-assist: {message}", err=True)
    sys.exit(code)


def checkout_and_config(path: str) -> tuple[Checkout, Config]:
    try:
        checkout = open_checkout(path)
        return checkout, load_config(checkout.root)
    except NotACheckout as exc:
        fail(str(exc))
    except ConfigError as exc:
        fail(str(exc))


class _Main(click.Group):
    """`sqla-assist [PATH]` opens the app; `sqla-assist COMMAND ...` runs a command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and not args[0].startswith("-")):
            args = ["open", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sqla-assist")
def main() -> None:
    """Find, fix and track SQLAlchemy 1.x legacy code on the way to 2.0.

    Run without a command to open the full-screen app on PATH (default: here).
    """


@main.command("open", hidden=True)
@click.argument("path", default=".", type=click.Path())
def open_app(path: str) -> None:
    """Open the full-screen app on PATH."""
    checkout, config = checkout_and_config(path)
    from sqla_assist.tui.app import run_app

    run_app(checkout, config)


@main.command()
@click.argument("path", default=".", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True)
@click.option("--rule", "rules", multiple=True, metavar="ID", help="Only these rules (repeatable; prefixes like SQ1 work).")
@click.option("--category", "categories", multiple=True, type=click.Choice([c.value for c in Category]), help="Only these checklist categories.")
@click.option("--severity", "severities", multiple=True, type=click.Choice([s.value for s in Severity]), help="Only these severities.")
@click.option("--group", type=click.Choice(["module", "category"]), default="module", show_default=True, help="Text output grouping.")
@click.option("--no-cache", is_flag=True, help="Ignore and do not update the findings cache.")
def scan(
    path: str,
    fmt: str,
    rules: tuple[str, ...],
    categories: tuple[str, ...],
    severities: tuple[str, ...],
    group: str,
    no_cache: bool,
) -> None:
    """Scan PATH's git checkout for SQLAlchemy 1.x legacy constructs."""
    from sqla_assist.core.report import to_json, to_text
    from sqla_assist.core.scan import Scanner

    checkout, config = checkout_and_config(path)
    sub = _subpath(checkout, path)
    result = Scanner(checkout, config, use_cache=not no_cache, opt_in=rules).run(paths=[sub] if sub else None)
    findings = _filter(result.findings, rules, categories, severities)
    errors = result.errors
    if fmt == "json":
        click.echo(to_json(findings, errors, len(result.files)), nl=False)
    elif fmt == "sarif":
        from sqla_assist.core.sarif import to_sarif

        click.echo(to_sarif(findings, errors), nl=False)
    else:
        click.echo(to_text(findings, errors, len(result.files), group=group), nl=False)


def _checkout_path(checkout: Checkout, name: str) -> str:
    """A path given on the command line: relative to the cwd, else to the checkout's root."""
    here = Path(name)
    if not here.is_absolute() and not here.exists() and (checkout.root / here).exists():
        here = checkout.root / here
    return checkout.relpath(here.resolve())


def _subpath(checkout: Checkout, path: str) -> str | None:
    rel = checkout.relpath(Path(path).resolve())
    return None if rel in (".", "") else rel


def _filter(
    findings: Sequence[Finding],
    rules: Sequence[str],
    categories: Sequence[str],
    severities: Sequence[str],
) -> list[Finding]:
    out = list(findings)
    if rules:
        wanted = tuple(r.upper() for r in rules)
        out = [f for f in out if f.rule.startswith(wanted)]
    if categories:
        out = [f for f in out if f.category.value in categories]
    if severities:
        out = [f for f in out if f.severity.value in severities]
    return out


@main.command("rules")
@click.argument("rule_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules_cmd(rule_id: str | None, fmt: str) -> None:
    """List the rules, or print one rule's documentation."""
    import json

    from sqla_assist.rules import all_rules, get_rule

    if rule_id:
        rule = get_rule(rule_id)
        if rule is None:
            fail(f"no rule {rule_id!r}; `sqla-assist rules` lists them")
        if fmt == "json":
            click.echo(json.dumps(_rule_json(rule), indent=2))
        else:
            click.echo(rule.doc_markdown(), nl=False)
        return
    rules = all_rules()
    if fmt == "json":
        click.echo(json.dumps([_rule_json(r) for r in rules], indent=2))
    elif fmt == "markdown":
        from sqla_assist.rules._readme import rules_table

        click.echo(rules_table(), nl=False)
    else:
        for r in rules:
            click.echo(f"{r.id}  {r.name:<34} {r.category.label:<24} {r.fix_class:<12} {r.severity.value:<10} {r.title}")


def _rule_json(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "title": rule.title,
        "category": rule.category.value,
        "fix": rule.fix_class,
        "severity": rule.severity.value,
        "on_20": rule.on_20,
        "on_21": rule.on_21,
        "has_fixer": rule.fixer is not None,
        "doc": rule.doc_markdown(),
    }


@main.command()
@click.option("--dest", type=click.Path(file_okay=False), help="Create the demo repository here instead of a temporary folder.")
@click.option("--no-open", is_flag=True, help="Create the repository and print its path; do not open the app.")
def demo(dest: str | None, no_open: bool) -> None:
    """Copy the bundled 1.x-era demo project into a fresh git repository and open it."""
    from sqla_assist.demo import make_demo_repo

    try:
        root = make_demo_repo(Path(dest) if dest else None)
    except (OSError, FileExistsError) as exc:
        fail(f"cannot create the demo repository: {exc}")
    if no_open:
        click.echo(str(root))
        return
    click.echo(f"demo repository: {root}", err=True)
    checkout, config = checkout_and_config(str(root))
    if not sys.stdout.isatty():
        from sqla_assist.core.report import to_text
        from sqla_assist.core.scan import Scanner

        result = Scanner(checkout, config).run()
        click.echo(to_text(result.findings, result.errors, len(result.files)), nl=False)
        return
    from sqla_assist.tui.app import run_app

    run_app(checkout, config)


@main.command("alembic")
@click.argument("path", default=".", type=click.Path())
@click.option("--file", "files", multiple=True, metavar="MODELS.py", help="Model file to preview (repeatable; default: every file that defines models).")
@click.option("--new-text", type=click.Path(exists=True, dir_okay=False), help="Proposed text for the one --file (default: the fixers' proposal, if any).")
@click.option("--db-url", help="Compare with this database (read-only) instead of a temp SQLite built by the project's migrations.")
@click.option("--metadata", "metadata", metavar="MODULE:ATTR", help="Where the MetaData lives, e.g. shop.db:Base.metadata.")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds allowed for each model-loading process.")
@click.option("--python", "python", metavar="PATH", help="Interpreter that imports the models (the project's own environment, with SQLAlchemy 2.x); default: [tool.sqla-assist] python, else sqla-assist's.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def alembic_cmd(
    path: str,
    files: tuple[str, ...],
    new_text: str | None,
    db_url: str | None,
    metadata: str | None,
    timeout: float,
    python: str | None,
    fmt: str,
) -> None:
    """Show what Alembic autogenerate would emit for the proposed model changes.

    Exit 1 when a proposed change alters the schema, 0 when every change is neutral,
    2 when the models could not be loaded. Never writes a revision or touches a database
    other than a temporary SQLite file unless --db-url names one (then it only reflects).
    """
    import dataclasses
    import json

    from sqla_assist.core import alembic_preview as ap

    checkout, config = checkout_and_config(path)
    exports: dict[str, dict[str, tuple[str, str]]] | None = None
    spec = metadata or config.metadata
    target: ap.Target | None = None
    scanned: Any = None
    if not spec or not files or new_text is None:
        from sqla_assist.core.scan import Scanner

        scanned = Scanner(checkout, config).run()
        exports = {p: r.exports for p, r in scanned.files.items()}
        if not spec:
            target = ap.discover_target(exports)
            if target is None:
                fail("no declarative base or MetaData found; pass --metadata MODULE:ATTR")
    rels = [_alembic_rel(checkout, f) for f in files] or ap.model_files(exports or {})
    if not rels:
        fail("no model files found; pass --file MODELS.py")
    if new_text is not None and len(rels) != 1:
        fail("--new-text needs exactly one --file")
    previews = []
    for rel in rels:
        text = _proposed_text(checkout, rel, new_text, scanned)
        tgt: ap.Target | str = target if target is not None else spec
        try:
            previews.append(
                ap.preview(checkout, rel, text, metadata_target=tgt, db_url=db_url, timeout=timeout, python=python)
            )
        except ap.PreviewError as exc:
            fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps([dict(dataclasses.asdict(p), is_empty=p.is_empty) for p in previews], indent=2))
    else:
        click.echo("\n".join(ap.render_text(p) for p in previews), nl=False)
    if any(p.errors for p in previews):
        sys.exit(exit_codes.USAGE)
    sys.exit(exit_codes.OK if all(p.is_empty for p in previews) else exit_codes.FINDINGS)


def _alembic_rel(checkout: Checkout, file: str) -> str:
    candidate = Path(file)
    if not candidate.exists():
        candidate = checkout.root / file
    try:
        rel = checkout.relpath(candidate.resolve())
    except ValueError as exc:
        fail(str(exc))
    if not (checkout.root / rel).is_file():
        fail(f"{file}: no such file in the checkout")
    return rel


def _proposed_text(checkout: Checkout, rel: str, new_text: str | None, scanned: Any) -> str:
    """--new-text, else the fixers' proposal for the file (safe fixes), else the file unchanged."""
    if new_text is not None:
        return Path(new_text).read_text(encoding="utf-8")
    if scanned is not None:
        from sqla_assist.core.fix import ApplyError, propose

        try:
            proposal = propose(checkout, scanned, rel)
        except ApplyError as exc:
            fail(str(exc))
        if proposal is not None and proposal.fixed:
            click.echo(f"{rel}: previewing the fixers' proposal ({len(proposal.fixed)} fix(es))", err=True)
            return proposal.new_text
    click.echo(f"{rel}: no proposal; comparing the models with the database only", err=True)
    return (checkout.root / rel).read_text(encoding="utf-8")


@main.command()
@click.argument("path", default=".", type=click.Path())
@click.option("--rule", "rules", multiple=True, metavar="ID", help="Only these rules (repeatable; prefixes like SQ1 work).")
@click.option("--file", "files", multiple=True, metavar="PATH", help="Only these files (repeatable).")
@click.option("--unsafe", is_flag=True, help="Also apply fixes marked unsafe (guesses, dropped comments).")
@click.option("--diff", "mode", flag_value="diff", default=True, help="Print the unified diff; change nothing (default).")
@click.option("--write", "mode", flag_value="write", help="Apply the fixes to the files.")
def fix(path: str, rules: tuple[str, ...], files: tuple[str, ...], unsafe: bool, mode: str) -> None:
    """Fix what can be fixed without changing behaviour: print the diff, or --write it."""
    from sqla_assist.core.fix import ApplyError, apply
    from sqla_assist.core.fix_run import Overlay, run_fixes
    from sqla_assist.core.scan import Scanner, ScanResult

    checkout, config = checkout_and_config(path)
    sub = _subpath(checkout, path)
    try:
        wanted = [_checkout_path(checkout, f) for f in files] or ([sub] if sub else None)
    except ValueError as exc:
        fail(str(exc))
    scanner = Scanner(checkout, config, opt_in=rules)
    result = scanner.run(paths=wanted)
    failed = 0
    written: set[str] = set()  # files this run changed, also as another file's companion
    # --diff runs the --write loop against files kept in memory, then shows each file once as
    # the whole run leaves it (its own fixes and other files' edits to it merged).
    overlay = Overlay(checkout, scanner) if mode != "write" else None

    def rescan() -> ScanResult:
        if overlay is not None:
            return overlay.rescan(result)
        return Scanner(checkout, config, opt_in=rules).run(paths=wanted)

    read = overlay.read if overlay is not None else None
    for step in run_fixes(checkout, result, rescan, rules=rules or None, unsafe=unsafe, read=read, written=written):
        rel, proposal = step.path, step.proposal
        try:
            if step.error is not None:
                raise step.error
            assert proposal is not None
            for finding, reason in proposal.not_fixed:
                click.echo(f"{finding.location}: {finding.rule} not fixed: {reason}", err=True)
            if not proposal.fixed:
                continue
            if overlay is not None:
                overlay.apply(proposal)
                written.update([rel, *(c.path for c in proposal.companions)])
                continue
            if not unsafe and not _schema_gate(checkout, config, result, proposal):
                failed += 1
                continue
            apply(checkout, proposal)
            also = [c.path for c in proposal.companions]
            written.update([rel, *also])
            click.echo(
                f"{rel}: fixed {len(proposal.fixed)} finding(s)" + (f" (and edited {', '.join(also)})" if also else ""),
                err=True,
            )
        except ApplyError as exc:
            failed += 1
            click.echo(f"sqla-assist: {exc}", err=True)
    if overlay is not None:
        for merged in overlay.proposals():
            click.echo(merged.diff, nl=False)
    if failed:
        sys.exit(exit_codes.FINDINGS)


def _schema_gate(checkout: Checkout, config: Any, result: Any, proposal: Any) -> bool:
    """Typed-model fixes are written only when Alembic sees no schema change (else say what it sees)."""
    from sqla_assist.core import model_gate

    if not model_gate.needs_gate(proposal):
        return True
    exports = {p: r.exports for p, r in result.all_files.items()}
    target = model_gate.metadata_target_for(getattr(config, "metadata", None), exports)
    verdict = model_gate.gate(checkout, proposal, metadata_target=target)
    if verdict.ok:
        click.echo(verdict.explain(), err=True)
        return True
    click.echo(f"sqla-assist: {verdict.explain()}; not written (review it, or use --unsafe)", err=True)
    if verdict.ops:
        click.echo(verdict.ops, err=True)
    return False


if __name__ == "__main__":  # pragma: no cover
    main()


# -- state file: check, baseline, status, merge-driver -----------------------------------------
def _load_state(checkout: Checkout) -> Any:
    from sqla_assist.core.state import StateError, load_state

    try:
        return load_state(checkout.root)
    except StateError as exc:
        fail(f"{exc}\nThe file was left as it is; fix that line (or restore it from git) and rerun.")


def _scan_all(checkout: Checkout, config: Config, sub: str | None = None) -> list[Finding]:
    from sqla_assist.core.scan import Scanner

    result = Scanner(checkout, config).run(paths=[sub] if sub else None)
    for path, message in result.errors:
        click.echo(f"sqla-assist: {path}: {message}", err=True)
    return result.findings


@main.command()
@click.argument("path", default=".", type=click.Path())
@click.option("--allow-stale", is_flag=True, help="Pass even when the baseline holds findings that are gone.")
def check(path: str, allow_stale: bool) -> None:
    """CI ratchet: fail when PATH has legacy usage that neither the baseline nor a decision covers.

    Exit 0 when nothing is new; 1 when a change added legacy usage (each new finding is listed)
    or when the baseline is stale (run `sqla-assist baseline` to shrink it); 2 on bad input.
    """
    from sqla_assist.core.progress import ratchet

    checkout, config = checkout_and_config(path)
    state = _load_state(checkout)
    sub = _subpath(checkout, path)
    findings = _scan_all(checkout, config, sub)
    result = ratchet(findings, state, sub)
    for f in result.new:
        click.echo(f"{f.location} {f.rule} {f.message} [new]")
    if result.new:
        click.echo(
            f"sqla-assist: {len(result.new)} new legacy finding(s) not in the baseline; migrate them, "
            "or record a decision, or accept them with `sqla-assist baseline --update`",
            err=True,
        )
    if result.stale:
        verb = "warning" if allow_stale else "error"
        click.echo(
            f"sqla-assist: {verb}: the baseline is stale: {len(result.stale)} entr{'y' if len(result.stale) == 1 else 'ies'} "
            "no longer occur (fixed?); run `sqla-assist baseline` to shrink it and commit the state file",
            err=True,
        )
        for g in result.stale:
            click.echo(f"  gone: {g.path} {g.rule} {g.fingerprint}", err=True)
    if not result.passed(allow_stale):
        sys.exit(exit_codes.FINDINGS)
    click.echo(f"sqla-assist: ok: {len(findings)} finding(s), none new", err=True)


@main.command()
@click.argument("path", default=".", type=click.Path())
@click.option("--update", is_flag=True, help="Set the baseline to every current finding (accepts new ones).")
def baseline(path: str, update: bool) -> None:
    """Write the baseline, or shrink it to the findings that still occur.

    Without --update the baseline only shrinks (it is created when there is no state file yet);
    with --update it is replaced by the current findings, which accepts new legacy usage: an act
    for review, so it is never done implicitly.
    """
    from sqla_assist.core.state import STATE_FILE, save_state, state_path

    checkout, config = checkout_and_config(path)
    state = _load_state(checkout)
    findings = _scan_all(checkout, config)
    before = len(state.baseline_entries())
    if update or not state_path(checkout.root).exists():
        state.set_baseline(findings)
    else:
        current = {(f.path, f.fingerprint) for f in findings}
        state.baseline = {
            p: kept
            for p, fps in state.baseline.items()
            if (kept := {fp: r for fp, r in fps.items() if (p, fp) in current})
        }
    save_state(checkout.root, state, findings)
    after = len(state.baseline_entries())
    click.echo(f"sqla-assist: {STATE_FILE}: baseline {before} → {after} entries", err=True)


@main.command()
@click.argument("path", default=".", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "html"]), default="text", show_default=True)
def status(path: str, fmt: str) -> None:
    """The lead's dashboard: checklist progress, open work, owners, decisions, burn-down."""
    from sqla_assist.core import status_report
    from sqla_assist.core.progress import dashboard

    checkout, config = checkout_and_config(path)
    state = _load_state(checkout)
    findings = _scan_all(checkout, config)
    board = dashboard(findings, state, config, checkout)
    render = {
        "text": status_report.to_text,
        "markdown": status_report.to_markdown,
        "json": status_report.to_json,
        "html": status_report.to_html,
    }[fmt]
    click.echo(render(board), nl=False)


MERGE_DRIVER_HELP = """\
# Let git union two branches' sqla-assist decisions and baselines instead of conflicting.
# 1. Commit this line in .gitattributes:
{state} merge=sqla-assist
# 2. Each clone runs once (git does not share merge drivers through the repository):
git config merge.sqla-assist.name "sqla-assist state file union"
git config merge.sqla-assist.driver "sqla-assist merge-driver run %O %A %B"
"""


@main.command("merge-driver")
@click.argument("args", nargs=-1, metavar="[run BASE OURS THEIRS]")
def merge_driver(args: tuple[str, ...]) -> None:
    """Print how to install the state-file merge driver, or run it (`run %O %A %B`).

    The driver does a three-way union of decisions, baselines and checklist notes and writes the
    result over OURS; when a version cannot be read it exits 1 and git reports a conflict.
    """
    from sqla_assist.core.state import STATE_FILE, StateError, merge_texts

    if not args:
        click.echo(MERGE_DRIVER_HELP.format(state=STATE_FILE), nl=False)
        return
    if args[0] != "run" or len(args) != 4:
        fail("usage: sqla-assist merge-driver [run BASE OURS THEIRS]")
    base, ours, theirs = (Path(a) for a in args[1:])
    try:
        texts = [p.read_text(encoding="utf-8") if p.exists() else "" for p in (base, ours, theirs)]
        merged = merge_texts(*texts)
    except (StateError, OSError, UnicodeDecodeError) as exc:
        fail(f"merge-driver: {exc}", exit_codes.FINDINGS)
    tmp = ours.with_name(ours.name + ".sqla-merge")
    tmp.write_text(merged, encoding="utf-8")
    tmp.replace(ours)


@main.command("ingest-warnings")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.argument("path", default=".", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def ingest_warnings(file: str, path: str, fmt: str) -> None:
    """Match SQLAlchemy 2.0 warnings from a test run (FILE, `-` for stdin) to static findings.

    Capture them with `SQLALCHEMY_WARN_20=1 pytest -W always ... 2>&1 | tee warnings.txt`.
    Relative paths in FILE are read from the current directory, then the checkout root.
    """
    import json

    from sqla_assist.core.runtime_warnings import ingest

    checkout, config = checkout_and_config(path)
    with click.open_file(file, encoding="utf-8", errors="replace") as fh:
        text = fh.read()
    result = ingest(text, _scan_all(checkout, config), checkout, Path.cwd())
    if fmt == "json":
        doc = {
            "seen_at_runtime": [{**f.to_json(), "times": n} for f, n in result.seen.items()],
            "runtime_only": [
                {"path": w.path, "line": w.line, "warning": w.kind, "message": w.message, "times": n}
                for w, n in result.runtime_only.items()
            ],
            "unattributed": result.unattributed,
        }
        click.echo(json.dumps(doc, indent=2))
        return
    for f, n in result.seen.items():
        click.echo(f"{f.location} {f.rule} {f.message} [seen at runtime ×{n}]")
    for w, n in result.runtime_only.items():
        click.echo(f"{w.path}:{w.line} {w.kind}: {w.message} [runtime only ×{n}]")
    click.echo(
        f"sqla-assist: {len(result.seen)} finding(s) seen at runtime, {len(result.runtime_only)} "
        f"warning site(s) the scan missed, {result.unattributed} warning(s) outside the checkout",
        err=True,
    )
