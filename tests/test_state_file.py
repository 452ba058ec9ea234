"""The state file on real git repositories: merges, strict loading, the ratchet, the burn-down.

Invariants guarded here:
- two branches that decide on different files merge with plain git, no conflict;
- a damaged file is never rewritten: the command exits 2 naming the line, bytes unchanged;
- `check` turns red on new legacy usage and on a stale baseline, green after `baseline`;
- the history read from git falls as findings are fixed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sqla_assist import exit_codes
from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.findings import Category, Evidence, Finding, FixSafety, Severity
from sqla_assist.core.state import (
    STATE_FILE,
    Decision,
    DecisionKind,
    FileSummary,
    State,
    StateError,
    dump_state,
    git_identity,
    load_state,
    merge_texts,
    parse_state,
    save_state,
)
from tests.conftest import REPO_ROOT, CliRunner, Repo

HEADER = "from sqlalchemy.orm import Session\n"


def func(name: str) -> str:
    return f"\n\ndef {name}(session: Session):\n    return session.query(User).all()\n"


def finding(path: str, fp: str, rule: str = "SQ101") -> Finding:
    return Finding(
        rule=rule, category=Category.for_rule(rule), severity=Severity.LEGACY, path=path,
        module=path[:-3].replace("/", "."), line=1, column=0, end_line=1, end_column=1,
        message="m", fix=FixSafety.MANUAL, evidence=Evidence.STRONG, fingerprint=fp,
    )


def decide(repo: Repo, path: str, kind: DecisionKind, reason: str = "") -> None:
    """What the app does on accept/skip: load, decide, save with the current scan."""
    from sqla_assist.core.config import load_config
    from sqla_assist.core.scan import Scanner

    checkout = open_checkout(repo.root)
    state = load_state(repo.root)
    state.decide(Decision(kind, path, reason=reason, who=git_identity(checkout), date="2026-01-02"))
    findings = Scanner(checkout, load_config(repo.root), use_cache=False).run().findings
    save_state(repo.root, state, findings)


# -- the file itself ------------------------------------------------------------------------------
def test_round_trip_is_byte_stable_and_has_no_absolute_paths(tmp_path: Path) -> None:
    state = State()
    state.decide(Decision(DecisionKind.SKIPPED, "b.py", "ab" * 8, "SQ101", 'needs "care"\n', "A <a@x>", "2026-01-02"))
    state.decide(Decision(DecisionKind.ACCEPTED, "a dir/a.py", who="B <b@x>", date="2026-01-03"))
    state.set_baseline([finding("b.py", "cd" * 8), finding("a dir/a.py", "ef" * 8, "SQ601")])
    state.note("select").owner = "Team <t@x>"
    save_state(tmp_path, state, [finding("b.py", "cd" * 8), finding("b.py", "ab" * 8)])
    first = (tmp_path / STATE_FILE).read_bytes()
    again = load_state(tmp_path)
    save_state(tmp_path, again)
    assert (tmp_path / STATE_FILE).read_bytes() == first
    assert str(tmp_path) not in first.decode()
    assert again.decisions == state.decisions
    assert again.summary["b.py"].open == {"select": 2}  # baselined and skipped: both still open
    assert again.summary["b.py"].done == {}
    # a.py's baselined SQ601 no longer occurs: done; b.py's skipped finding stays open
    assert again.summary["a dir/a.py"].done == {"core": 1}
    assert again.totals() == {"open": {"select": 2}, "done": {"core": 1}}
    assert not list(tmp_path.glob("*.tmp"))


def test_decision_replaces_and_undo_and_finding_level_wins() -> None:
    state = State()
    state.decide(Decision(DecisionKind.WONT_FIX, "a.py", reason="vendored"))
    state.decide(Decision(DecisionKind.ACCEPTED, "a.py", "11" * 8))
    f1, f2 = finding("a.py", "11" * 8), finding("a.py", "22" * 8)
    assert state.decision_for(f1).kind is DecisionKind.ACCEPTED  # type: ignore[union-attr]
    assert state.decision_for(f2).kind is DecisionKind.WONT_FIX  # type: ignore[union-attr]
    state.decide(Decision(DecisionKind.MANUAL_DONE, "a.py"))
    assert state.file_decision("a.py").kind is DecisionKind.MANUAL_DONE  # type: ignore[union-attr]
    assert len(state.decisions) == 2
    assert state.undo("a.py", "11" * 8) is not None
    assert state.decision_for(f1).kind is DecisionKind.MANUAL_DONE  # type: ignore[union-attr]
    assert state.undo("a.py", "11" * 8) is None
    with pytest.raises(ValueError, match="needs a reason"):
        state.decide(Decision(DecisionKind.SKIPPED, "a.py", reason="  "))
    with pytest.raises(ValueError, match="repo-relative"):
        state.decide(Decision(DecisionKind.ACCEPTED, "/etc/passwd"))


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('kind = "skipped"', 'kind = "maybe"', "decision kind 'maybe'"),
        (', reason = "later"', "", "needs a reason"),
        ('"SQ101 cdcd', '"SQ101 zz', "baseline entry"),
        ("baseline = [", "baseline = ", "Invalid"),
        ('date = "2026-01-02"', 'date = "yesterday"', "YYYY-MM-DD"),
        ("open = { select = 1 }", "open = { selekt = 1 }", "open must map"),
        ('[files."b.py"]', '[files."/abs/b.py"]', "repo-relative"),
        ("schema = 1", "schema = 0", "not a valid version"),
        ("[files.", "[filez.", "unknown key 'filez'"),
    ],
)
def test_damaged_file_names_the_line(old: str, new: str, problem: str) -> None:
    state = State()
    state.decide(Decision(DecisionKind.SKIPPED, "b.py", "ab" * 8, reason="later", date="2026-01-02"))
    state.set_baseline([finding("b.py", "cd" * 8)])
    state.summary["b.py"] = FileSummary(open={"select": 1})
    text = dump_state(state)
    assert old in text
    damaged = text.replace(old, new)
    line = 1 + next(i for i, row in enumerate(text.splitlines()) if old in row)
    with pytest.raises(StateError) as err:
        parse_state(damaged)
    assert str(err.value).startswith(f"{STATE_FILE}:{line}: "), str(err.value)
    assert problem in str(err.value)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_text("schema = 2\n", encoding="utf-8")
    with pytest.raises(StateError, match=r":1: schema 2 was written by a newer sqla-assist"):
        load_state(tmp_path)


def test_missing_file_is_an_empty_state(tmp_path: Path) -> None:
    assert load_state(tmp_path) == State()


def test_three_way_union_keeps_both_sides_and_honours_removals() -> None:
    base = State()
    base.decide(Decision(DecisionKind.SKIPPED, "c.py", reason="later", date="2026-01-01"))
    base.set_baseline([finding("a.py", "11" * 8), finding("b.py", "22" * 8)])
    ours, theirs = parse_state(dump_state(base)), parse_state(dump_state(base))
    ours.decide(Decision(DecisionKind.ACCEPTED, "a.py", date="2026-01-02"))
    ours.baseline.pop("a.py")
    theirs.decide(Decision(DecisionKind.WONT_FIX, "b.py", reason="generated", date="2026-01-02"))
    theirs.decide(Decision(DecisionKind.ACCEPTED, "c.py", date="2026-01-03"))
    merged = parse_state(merge_texts(dump_state(base), dump_state(ours), dump_state(theirs)))
    assert {k: d.kind for k, d in merged.decisions.items()} == {
        ("a.py", ""): DecisionKind.ACCEPTED,
        ("b.py", ""): DecisionKind.WONT_FIX,
        ("c.py", ""): DecisionKind.ACCEPTED,
    }
    assert merged.baseline == {"b.py": {"22" * 8: "SQ101"}}


# -- real git ---------------------------------------------------------------------------------------
def two_module_repo(repo: Repo, names: tuple[str, ...] = ("alpha", "beta", "gamma")) -> None:
    repo.write("app/__init__.py", "")
    for name in names:
        repo.write(f"app/{name}.py", HEADER + func("load"))


def test_branches_deciding_on_different_files_merge_without_conflict(repo: Repo, cli: CliRunner) -> None:
    two_module_repo(repo)
    repo.commit("code")
    assert cli("baseline", str(repo.root)).returncode == 0
    repo.commit("baseline")
    repo.git("checkout", "-q", "-b", "one")
    decide(repo, "app/alpha.py", DecisionKind.ACCEPTED)
    repo.commit("alpha accepted")
    repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", "two")
    decide(repo, "app/gamma.py", DecisionKind.WONT_FIX, reason="legacy admin tool")
    repo.commit("gamma wont-fix")
    repo.git("checkout", "-q", "one")
    # plain git, no merge driver configured
    repo.git("merge", "-q", "--no-edit", "two")
    assert "<<<<<<<" not in (repo.root / STATE_FILE).read_text()
    state = load_state(repo.root)
    assert state.file_decision("app/alpha.py").kind is DecisionKind.ACCEPTED  # type: ignore[union-attr]
    gamma = state.file_decision("app/gamma.py")
    assert gamma is not None and gamma.kind is DecisionKind.WONT_FIX
    assert gamma.reason == "legacy admin tool" and gamma.who == "Test Author <author@example.invalid>"
    assert state.summary["app/beta.py"].open == {"select": 1}
    assert state.totals() == {"open": {"select": 1}, "done": {"select": 2}}


def test_merge_driver_resolves_what_plain_git_cannot(repo: Repo, cli: CliRunner) -> None:
    two_module_repo(repo, ("alpha",))
    repo.commit("code")
    repo.write(STATE_FILE, "schema = 1\n")
    repo.commit("empty state")
    repo.git("checkout", "-q", "-b", "one")
    decide(repo, "app/alpha.py", DecisionKind.ACCEPTED)
    repo.commit("one")
    repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", "two")
    repo.write("app/zeta.py", HEADER + func("z"))
    decide(repo, "app/zeta.py", DecisionKind.SKIPPED, reason="next sprint")
    repo.commit("two")
    repo.git("checkout", "-q", "one")
    install = cli("merge-driver")
    assert install.returncode == 0
    assert f"{STATE_FILE} merge=sqla-assist" in install.stdout
    assert 'merge.sqla-assist.driver "sqla-assist merge-driver run %O %A %B"' in install.stdout
    # both branches appended new tables after the same line: plain git conflicts here
    probe = subprocess.run(["git", "merge", "--no-commit", "two"], cwd=repo.root, capture_output=True, text=True)
    assert probe.returncode != 0
    repo.git("merge", "--abort")
    repo.write(".gitattributes", f"{STATE_FILE} merge=sqla-assist\n")
    repo.commit("attributes", ".gitattributes")
    driver = f"PYTHONPATH={REPO_ROOT} {sys.executable} -m sqla_assist merge-driver run %O %A %B"
    repo.git("config", "merge.sqla-assist.driver", driver)
    repo.git("merge", "-q", "--no-edit", "two")
    state = load_state(repo.root)
    assert state.file_decision("app/alpha.py").kind is DecisionKind.ACCEPTED  # type: ignore[union-attr]
    assert state.file_decision("app/zeta.py").reason == "next sprint"  # type: ignore[union-attr]


def test_damaged_file_exits_2_naming_the_line_and_is_left_untouched(repo: Repo, cli: CliRunner) -> None:
    two_module_repo(repo, ("alpha",))
    repo.commit()
    assert cli("baseline", str(repo.root)).returncode == 0
    path = repo.root / STATE_FILE
    text = path.read_text()
    lines = text.splitlines(keepends=True)
    bad_line = next(i for i, line in enumerate(lines) if line.startswith('  "SQ101 '))
    lines[bad_line] = '  "SQ101 not-a-fingerprint",\n'
    damaged = "".join(lines).encode()
    path.write_bytes(damaged)
    for args in (("check",), ("baseline",), ("baseline", "--update"), ("status",)):
        proc = cli(*args, str(repo.root))
        assert proc.returncode == exit_codes.USAGE, (args, proc.stderr)
        assert f"{STATE_FILE}:{bad_line + 1}: baseline entry" in proc.stderr
        assert "Traceback" not in proc.stderr
        assert path.read_bytes() == damaged


def test_newer_schema_refused_by_the_cli(repo: Repo, cli: CliRunner) -> None:
    repo.write(STATE_FILE, "# from the future\nschema = 9\n")
    proc = cli("status", str(repo.root))
    assert proc.returncode == exit_codes.USAGE
    assert f"{STATE_FILE}:2: schema 9 was written by a newer sqla-assist" in proc.stderr
    assert (repo.root / STATE_FILE).read_text() == "# from the future\nschema = 9\n"


def test_check_is_red_on_new_legacy_usage_and_green_after_baseline_update(repo: Repo, cli: CliRunner) -> None:
    repo.write("app/__init__.py", "")
    repo.write("app/users.py", HEADER + "\n\ndef count(session: Session):\n    return 1\n")
    repo.commit("clean code")
    assert cli("baseline", str(repo.root)).returncode == 0
    repo.commit("empty baseline")
    assert cli("check", str(repo.root)).returncode == exit_codes.OK
    repo.write("app/users.py", HEADER + "\n\ndef everyone(session: Session):\n    return session.query(User).all()\n")
    repo.commit("adds legacy usage")
    red = cli("check", str(repo.root))
    assert red.returncode == exit_codes.FINDINGS
    assert red.stdout.splitlines() == [
        "app/users.py:5:12 SQ101 `Query.all()`: use `session.scalars(select(...)).all()` (one entity) "
        "or `session.execute(select(...)).all()`; fixed only as an unsafe fix: `User` is taken to be a "
        "mapped class by its name only [new]"
    ]
    assert "1 new legacy finding" in red.stderr
    assert cli("baseline", str(repo.root), "--update").returncode == 0
    repo.commit("accept into baseline")
    assert cli("check", str(repo.root)).returncode == exit_codes.OK
    # moving the code (new lines above it) keeps it matched: fingerprints carry no line numbers
    repo.write("app/users.py", HEADER + "\n\nX = 1\nY = 2\n" + "\n\ndef everyone(session: Session):\n    return session.query(User).all()\n")
    assert cli("check", str(repo.root)).returncode == exit_codes.OK
    # a second identical snippet is new, even though its text matches the baselined one
    repo.write("app/users.py", HEADER + func("everyone") + func("again"))
    again = cli("check", str(repo.root))
    assert again.returncode == exit_codes.FINDINGS
    assert len(again.stdout.splitlines()) == 1


def test_stale_baseline_is_red_unless_allowed(repo: Repo, cli: CliRunner) -> None:
    two_module_repo(repo, ("alpha",))
    repo.commit()
    assert cli("baseline", str(repo.root)).returncode == 0
    repo.write("app/alpha.py", HEADER)
    stale = cli("check", str(repo.root))
    assert stale.returncode == exit_codes.FINDINGS
    assert "baseline is stale: 1 entry no longer occur" in stale.stderr
    assert stale.stdout == ""
    allowed = cli("check", str(repo.root), "--allow-stale")
    assert allowed.returncode == exit_codes.OK
    assert "warning: the baseline is stale" in allowed.stderr
    shrink = cli("baseline", str(repo.root))
    assert shrink.returncode == 0 and "baseline 1 → 0 entries" in shrink.stderr
    assert cli("check", str(repo.root)).returncode == exit_codes.OK


def burn_down_repo(repo: Repo, cli: CliRunner) -> None:
    """Five commits of the state file: 4 open findings, fixed one per commit."""
    names = ["a", "b", "c", "d"]
    repo.write("app/__init__.py", "")
    repo.write("app/q.py", HEADER + "".join(func(n) for n in names))
    repo.write("CODEOWNERS", "* @core-team\napp/ @data-team\n")
    repo.commit("legacy code")
    assert cli("baseline", str(repo.root)).returncode == 0
    repo.commit("baseline")
    for i in range(1, len(names) + 1):
        repo.write("app/q.py", HEADER + "".join(func(n) for n in names[i:]))
        assert cli("baseline", str(repo.root)).returncode == 0
        repo.commit(f"fix {i}")


def test_history_over_five_commits_falls(repo: Repo, cli: CliRunner) -> None:
    burn_down_repo(repo, cli)
    repo.write("README", "unrelated\n")
    repo.commit("does not touch the state file")
    doc = json.loads(cli("status", str(repo.root), "--format", "json").stdout)
    assert [p["open_total"] for p in doc["history"]] == [4, 3, 2, 1, 0]
    assert [p["subject"] for p in doc["history"]] == ["baseline", "fix 1", "fix 2", "fix 3", "fix 4"]
    assert [p["open"].get("select", 0) for p in doc["history"]] == [4, 3, 2, 1, 0]
    text = cli("status", str(repo.root)).stdout
    assert "burn-down (open findings over 5 state commits): █▆▅▃▁  4 → 0" in text


def test_status_counts_decisions_owners_and_checklist(repo: Repo, cli: CliRunner) -> None:
    repo.write("pyproject.toml", '[[tool.sqla-assist.checklist]]\nid = "queries"\ntitle = "Query API gone"\nrules = ["SQ1"]\nowner = "Ann"\n')
    repo.write("app/__init__.py", "")
    repo.write("app/a.py", HEADER + func("x") + func("y"))
    repo.write("lib/b.py", HEADER + func("z"))
    repo.write(".github/CODEOWNERS", "* @core\n/app/ @data\n")
    repo.commit()
    decide(repo, "app/a.py", DecisionKind.MANUAL_DONE)
    doc = json.loads(cli("status", str(repo.root), "--format", "json").stdout)
    assert (doc["overall"]["total"], doc["overall"]["done"], doc["overall"]["open"]) == (3, 2, 1)
    items = {i["id"]: i for i in doc["checklist"]}
    assert (items["select"]["done"], items["select"]["open"]) == (2, 1)
    assert items["select"]["modules"] == [{"module": "lib.b", "open": 1}]
    assert items["queries"]["title"] == "Query API gone" and items["queries"]["owner"] == "Ann"
    assert items["queries"]["percent"] == pytest.approx(66.7)
    assert items["models"]["total"] == 0 and items["models"]["percent"] == 100.0
    assert doc["owners"] == {"@core": {"open": 1, "done": 0}, "@data": {"open": 0, "done": 2}}
    assert doc["decisions"]["manual-done"] == 1
    md = cli("status", str(repo.root), "--format", "markdown").stdout
    assert "| select() normalisation | ▰▰▰▰▰▰▰▱▱▱ 67% | 2 | 1 |" in md
    assert "| Query API gone |" in md


def test_status_html_has_the_burn_down_svg(repo: Repo, cli: CliRunner) -> None:
    burn_down_repo(repo, cli)
    page = cli("status", str(repo.root), "--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>")
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert 'class="series-total" data-values="4,3,2,1,0"' in page
    assert str(repo.root) not in page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed (Debian package `chromium`)")
def test_status_html_renders_the_chart_in_headless_chromium(repo: Repo, cli: CliRunner, tmp_path: Path) -> None:
    burn_down_repo(repo, cli)
    page = tmp_path / "status.html"
    page.write_text(cli("status", str(repo.root), "--format", "html").stdout, encoding="utf-8")
    browser = _chromium()
    assert browser is not None
    base = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
    ]
    # a script in the page measures the drawn line: proof the browser laid out the SVG
    probe = tmp_path / "probe.html"
    probe.write_text(
        page.read_text(encoding="utf-8").replace(
            "</body>",
            "<script>const l = document.querySelector('polyline.series-total');"
            "document.body.setAttribute('data-drawn', l.getTotalLength() > 100 ? 'yes' : 'no');"
            "document.body.setAttribute('data-points', l.points.numberOfItems);</script></body>",
        ),
        encoding="utf-8",
    )
    dom = subprocess.run(
        [*base, "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert 'data-drawn="yes"' in dom.stdout
    assert 'data-points="5"' in dom.stdout
    assert "<polyline" in dom.stdout
    shot = tmp_path / "shot.png"
    subprocess.run(
        [*base, f"--screenshot={shot}", "--window-size=900,700", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plain_baseline_never_grows_an_existing_baseline(repo: Repo, cli: CliRunner) -> None:
    two_module_repo(repo, ("alpha",))
    repo.commit()
    assert cli("baseline", str(repo.root)).returncode == 0
    repo.write("app/alpha.py", HEADER)
    assert cli("baseline", str(repo.root)).returncode == 0  # shrinks to empty
    repo.write("app/beta.py", HEADER + func("b"))
    grown = cli("baseline", str(repo.root))
    assert "baseline 0 → 0 entries" in grown.stderr
    assert cli("check", str(repo.root)).returncode == exit_codes.FINDINGS
