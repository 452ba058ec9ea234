"""`sqla-assist scan` as a user runs it: a subprocess on real git repositories."""

from __future__ import annotations

import json
from pathlib import Path

from sqla_assist import exit_codes
from tests.conftest import CliRunner, Repo

LEGACY = "from sqlalchemy import select\n\nstmt = select([users.c.id])\n"


def scan_json(cli: CliRunner, path: Path, *extra: str) -> dict:
    proc = cli("scan", str(path), "--format", "json", *extra)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_json_schema_and_fields(repo: Repo, cli: CliRunner) -> None:
    repo.write("app/__init__.py", "")
    repo.write("app/queries.py", LEGACY)
    repo.commit()
    doc = scan_json(cli, repo.root)
    assert doc["version"] == 1
    (finding,) = doc["findings"]
    assert set(finding) >= {
        "rule", "category", "path", "line", "column", "end_line", "end_column",
        "message", "fix", "fingerprint", "module",
    }
    assert finding["rule"] == "SQ601"
    assert finding["category"] == "core"
    assert finding["path"] == "app/queries.py"
    assert finding["module"] == "app.queries"
    assert (finding["line"], finding["column"]) == (3, 8)
    assert (finding["end_line"], finding["end_column"]) == (3, 28)  # exclusive, as ruff and SARIF
    assert finding["severity"] == "breaks"
    assert doc["summary"]["by_category"]["core"] == 1
    assert doc["errors"] == []


def test_nested_path_scans_only_below_it(repo: Repo, cli: CliRunner) -> None:
    repo.write("a/one.py", LEGACY)
    repo.write("b/two.py", LEGACY)
    repo.commit()
    doc = scan_json(cli, repo.root / "a")
    assert [f["path"] for f in doc["findings"]] == ["a/one.py"]


def test_untracked_scanned_ignored_not(repo: Repo, cli: CliRunner) -> None:
    repo.write(".gitignore", "build/\n")
    repo.write("tracked.py", LEGACY)
    repo.commit()
    repo.write("untracked.py", LEGACY)
    repo.write("build/generated.py", LEGACY)
    paths = {f["path"] for f in scan_json(cli, repo.root)["findings"]}
    assert paths == {"tracked.py", "untracked.py"}


def test_not_a_checkout(tmp_path: Path, cli: CliRunner) -> None:
    proc = cli("scan", str(tmp_path))
    assert proc.returncode == exit_codes.USAGE
    assert proc.stdout == ""
    assert "not inside a git checkout" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_missing_path(tmp_path: Path, cli: CliRunner) -> None:
    proc = cli("scan", str(tmp_path / "nope"))
    assert proc.returncode == exit_codes.USAGE
    assert "no such file" in proc.stderr


def test_bad_files_become_errors(repo: Repo, cli: CliRunner) -> None:
    repo.write("broken.py", "def f(:\n    pass\n" + LEGACY)
    repo.write("binary.py", b"\x00\x01\x02sqlalchemy select([x])\x00")
    repo.write("undecodable.py", b"# no cookie\nname = '\xe9t\xe9'\n" + LEGACY.encode())
    repo.write("good.py", LEGACY)
    repo.commit()
    doc = scan_json(cli, repo.root)
    errors = {e["path"]: e["message"] for e in doc["errors"]}
    assert errors["broken.py"].startswith("syntax error at line 1")
    assert "binary" in errors["binary.py"]
    assert "cannot decode as utf-8" in errors["undecodable.py"]
    assert [f["path"] for f in doc["findings"]] == ["good.py"]


def test_latin1_with_coding_cookie(repo: Repo, cli: CliRunner) -> None:
    text = "# -*- coding: latin-1 -*-\nfrom sqlalchemy import select\nlabel = 'caf\xe9'; stmt = select([t.c.x])\n"
    repo.write("latin.py", text.encode("latin-1"))
    repo.commit()
    doc = scan_json(cli, repo.root)
    assert doc["errors"] == []
    (finding,) = doc["findings"]
    assert finding["line"] == 3
    # Columns count characters, not bytes: `stmt` starts after 'café'; (16 chars + 1).
    assert finding["column"] == text.splitlines()[2].index("select") + 1


def test_huge_file_is_an_error_not_a_crash(repo: Repo, cli: CliRunner) -> None:
    repo.write("pyproject.toml", '[tool.sqla-assist]\nmax-file-bytes = 1000\n')
    repo.write("big.py", LEGACY + "x = 1\n" * 400)
    repo.commit()
    doc = scan_json(cli, repo.root)
    assert doc["errors"][0]["path"] == "big.py"
    assert "too large" in doc["errors"][0]["message"]


def test_text_output_groups_by_module_and_category(repo: Repo, cli: CliRunner) -> None:
    repo.write("pkg/__init__.py", "")
    repo.write("pkg/q.py", LEGACY + "from sqlalchemy.ext.declarative import declarative_base\n")
    repo.commit()
    proc = cli("scan", str(repo.root))
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0] == "pkg.q (2)"
    assert any(line.startswith("  pkg/q.py:3:8 SQ601 ") for line in lines)
    assert "2 finding(s) in 1 of 2 file(s)" in proc.stdout
    by_cat = cli("scan", str(repo.root), "--group", "category").stdout.splitlines()
    assert by_cat[0] == "typed models (1)"


def test_filters(repo: Repo, cli: CliRunner) -> None:
    repo.write("q.py", LEGACY + "from sqlalchemy.ext.declarative import declarative_base\n")
    repo.commit()
    assert [f["rule"] for f in scan_json(cli, repo.root, "--rule", "SQ301")["findings"]] == ["SQ301"]
    assert [f["rule"] for f in scan_json(cli, repo.root, "--category", "core")["findings"]] == ["SQ601"]
    assert [f["rule"] for f in scan_json(cli, repo.root, "--severity", "legacy")["findings"]] == ["SQ301"]


def test_warm_rescan_uses_cache_and_sees_edits(repo: Repo, cli: CliRunner) -> None:
    repo.write("q.py", LEGACY)
    repo.commit()
    first = scan_json(cli, repo.root)
    assert (repo.root / ".git" / "sqla-assist" / "cache.sqlite3").is_file()
    assert scan_json(cli, repo.root) == first
    repo.write("q.py", LEGACY + "stmt2 = select([users.c.name])\n")
    assert len(scan_json(cli, repo.root)["findings"]) == 2


def test_rules_command(cli: CliRunner) -> None:
    proc = cli("rules")
    assert proc.returncode == 0
    assert "SQ601" in proc.stdout and "SQ107" in proc.stdout
    one = cli("rules", "sq601")
    for heading in ("## What it does", "## Why is this legacy?", "## Example", "## Use instead", "## Fix safety", "## References"):
        assert heading in one.stdout
    missing = cli("rules", "SQ999")
    assert missing.returncode == exit_codes.USAGE
    assert "no rule" in missing.stderr


TYPED = """\
from typing import Optional
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[Optional[str]] = mapped_column(String(50), nullable=True)
"""


def test_opt_in_rule_runs_only_when_named(repo: Repo, cli: CliRunner) -> None:
    repo.write("models.py", TYPED)
    repo.commit()
    assert "SQ310" not in {f["rule"] for f in scan_json(cli, repo.root)["findings"]}
    named = scan_json(cli, repo.root, "--rule", "SQ310")["findings"]
    assert [f["rule"] for f in named] == ["SQ310"]
    repo.write("pyproject.toml", '[tool.sqla-assist]\nselect = ["SQ3"]\n')
    assert "SQ310" not in {f["rule"] for f in scan_json(cli, repo.root)["findings"]}
    repo.write("pyproject.toml", '[tool.sqla-assist]\nselect = ["SQ310", "SQ1"]\n')
    assert "SQ310" in {f["rule"] for f in scan_json(cli, repo.root)["findings"]}
