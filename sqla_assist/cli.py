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
    result = Scanner(checkout, config, use_cache=not no_cache).run(paths=[sub] if sub else None)
    findings = _filter(result.findings, rules, categories, severities)
    errors = result.errors
    if fmt == "json":
        click.echo(to_json(findings, errors, len(result.files)), nl=False)
    elif fmt == "sarif":
        from sqla_assist.core.sarif import to_sarif

        click.echo(to_sarif(findings, errors), nl=False)
    else:
        click.echo(to_text(findings, errors, len(result.files), group=group), nl=False)


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
        click.echo("| id | rule | category | fix | severity |\n|---|---|---|---|---|")
        for r in rules:
            click.echo(f"| {r.id} | {r.title} | {r.category.label} | {r.fix_class} | {r.severity.label} |")
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



@main.command()
@click.argument("path", default=".", type=click.Path())
@click.option("--rule", "rules", multiple=True, metavar="ID", help="Only these rules (repeatable; prefixes like SQ1 work).")
@click.option("--file", "files", multiple=True, metavar="PATH", help="Only these files (repeatable).")
@click.option("--unsafe", is_flag=True, help="Also apply fixes marked unsafe (guesses, dropped comments).")
@click.option("--diff", "mode", flag_value="diff", default=True, help="Print the unified diff; change nothing (default).")
@click.option("--write", "mode", flag_value="write", help="Apply the fixes to the files.")
def fix(path: str, rules: tuple[str, ...], files: tuple[str, ...], unsafe: bool, mode: str) -> None:
    """Fix what can be fixed without changing behaviour: print the diff, or --write it."""
    from sqla_assist.core.fix import ApplyError, apply, propose
    from sqla_assist.core.scan import Scanner

    checkout, config = checkout_and_config(path)
    sub = _subpath(checkout, path)
    try:
        wanted = [checkout.relpath(Path(f).resolve()) for f in files] or ([sub] if sub else None)
    except ValueError as exc:
        fail(str(exc))
    result = Scanner(checkout, config).run(paths=wanted)
    failed = 0
    for rel in sorted(result.files):
        try:
            proposal = propose(checkout, result, rel, rules=rules or None, unsafe=unsafe)
            if proposal is None:
                continue
            for finding, reason in proposal.not_fixed:
                click.echo(f"{finding.location}: {finding.rule} not fixed: {reason}", err=True)
            if not proposal.fixed:
                continue
            if mode == "write":
                apply(checkout, proposal)
                click.echo(f"{rel}: fixed {len(proposal.fixed)} finding(s)", err=True)
            else:
                click.echo(proposal.diff, nl=False)
        except ApplyError as exc:
            failed += 1
            click.echo(f"sqla-assist: {exc}", err=True)
    if failed:
        sys.exit(exit_codes.FINDINGS)


if __name__ == "__main__":  # pragma: no cover
    main()
