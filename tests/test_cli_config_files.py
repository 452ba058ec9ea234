"""The CLI on configuration files (mypy.ini, pyproject.toml, requirements), in real git repositories."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import CliRunner, Repo

MYPY_INI = "[mypy]\nstrict = True\nplugins = pydantic.mypy, sqlalchemy.ext.mypy.plugin\n"


def _scan(cli: CliRunner, repo: Repo, *args: str) -> dict[str, Any]:
    out = cli("scan", "--format", "json", *args, str(repo.root))
    assert out.returncode == 0, out.stderr
    doc: dict[str, Any] = json.loads(out.stdout)
    return doc


def test_scan_reports_config_findings_with_place_and_stable_fingerprint(cli: CliRunner, repo: Repo) -> None:
    repo.write("mypy.ini", MYPY_INI)
    repo.write("app/__init__.py", "")
    repo.commit()
    doc = _scan(cli, repo)
    [finding] = [f for f in doc["findings"] if f["rule"] == "SQ318"]
    assert (finding["path"], finding["module"], finding["line"], finding["column"]) == ("mypy.ini", "mypy.ini", 3, 26)
    assert finding["end_column"] == 26 + len("sqlalchemy.ext.mypy.plugin") and finding["fix"] == "safe"

    # Lines added above move the finding, not its identity (cache on: the new blob is analysed).
    repo.write("mypy.ini", "# checked in CI\n\n" + MYPY_INI)
    [moved] = [f for f in _scan(cli, repo)["findings"] if f["rule"] == "SQ318"]
    assert moved["line"] == 5 and moved["fingerprint"] == finding["fingerprint"]

    sarif = json.loads(cli("scan", "--format", "sarif", str(repo.root)).stdout)
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "SQ318"]
    where = result["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "mypy.ini" and where["region"]["startLine"] == 5


def test_fix_write_rewrites_and_second_run_is_a_no_op(cli: CliRunner, repo: Repo) -> None:
    repo.write("mypy.ini", MYPY_INI)
    repo.write("requirements/dev.txt", "pytest\nsqlalchemy2-stubs>=0.0.2a38\n")
    repo.write("app.py", "import sqlalchemy\n")
    repo.commit()
    diff = cli("fix", "--diff", str(repo.root))
    assert diff.returncode == 0, diff.stderr
    assert "-plugins = pydantic.mypy, sqlalchemy.ext.mypy.plugin\n+plugins = pydantic.mypy\n" in diff.stdout
    assert "-sqlalchemy2-stubs>=0.0.2a38\n" in diff.stdout
    assert (repo.root / "mypy.ini").read_text() == MYPY_INI, "--diff changes nothing"

    wrote = cli("fix", "--write", str(repo.root))
    assert wrote.returncode == 0, wrote.stderr
    assert (repo.root / "mypy.ini").read_text() == "[mypy]\nstrict = True\nplugins = pydantic.mypy\n"
    assert (repo.root / "requirements/dev.txt").read_text() == "pytest\n"
    again = cli("fix", "--write", str(repo.root))
    assert again.returncode == 0 and again.stdout == "" and "fixed" not in again.stderr
    assert [f for f in _scan(cli, repo)["findings"] if f["rule"] == "SQ318"] == []


def test_fix_rule_and_file_select_the_config_file(cli: CliRunner, repo: Repo) -> None:
    repo.write("mypy.ini", MYPY_INI)
    repo.write("requirements.txt", "sqlalchemy-stubs\n")
    repo.commit()
    out = cli("fix", "--write", "--rule", "SQ318", "--file", "mypy.ini", str(repo.root))
    assert out.returncode == 0, out.stderr
    assert "plugins = pydantic.mypy\n" in (repo.root / "mypy.ini").read_text()
    assert (repo.root / "requirements.txt").read_text() == "sqlalchemy-stubs\n", "--file keeps the others"
    assert cli("fix", "--rule", "SQ1", str(repo.root)).stdout == "", "other rules do not touch config files"


def test_newlines_bom_and_mode_are_kept(cli: CliRunner, repo: Repo) -> None:
    path = repo.write("requirements.txt", b"\xef\xbb\xbfSQLAlchemy>=1.4\r\nsqlalchemy2-stubs\r\nalembic\r\n")
    path.chmod(0o640)
    repo.commit()
    out = cli("fix", "--write", str(repo.root))
    assert out.returncode == 0, out.stderr
    assert path.read_bytes() == b"\xef\xbb\xbfSQLAlchemy>=1.4\r\nalembic\r\n"
    assert path.stat().st_mode & 0o777 == 0o640


def test_ignored_config_file_is_not_scanned(cli: CliRunner, repo: Repo) -> None:
    repo.write(".gitignore", "requirements-local.txt\n")
    repo.write("requirements-local.txt", "sqlalchemy2-stubs\n")
    repo.write("constraints.txt", "sqlalchemy2-stubs==0.0.2a38\n")  # untracked, not ignored: scanned
    repo.commit("ignore", ".gitignore")
    paths = {f["path"] for f in _scan(cli, repo)["findings"]}
    assert paths == {"constraints.txt"}


def test_broken_toml_is_a_per_file_error(cli: CliRunner, repo: Repo) -> None:
    """A nested project's broken pyproject.toml is that file's error; the rest is scanned and fixed.

    (The root pyproject.toml is also sqla-assist's own configuration: broken, it stops every
    command with exit 2 before any scan, as before.)
    """
    repo.write("services/api/pyproject.toml", '[tool.mypy]\nplugins = ["sqlalchemy.ext.mypy.plugin"\n')
    repo.write("requirements.txt", "types-SQLAlchemy\n")
    repo.commit()
    doc = _scan(cli, repo)
    assert [e["path"] for e in doc["errors"]] == ["services/api/pyproject.toml"]
    assert doc["errors"][0]["message"].startswith("invalid TOML")
    assert [f["path"] for f in doc["findings"]] == ["requirements.txt"]
    fixed = cli("fix", "--write", str(repo.root))
    assert fixed.returncode == 0, fixed.stderr
    assert (repo.root / "requirements.txt").read_text() == ""


def test_check_gates_new_config_findings_against_the_baseline(cli: CliRunner, repo: Repo) -> None:
    repo.write("requirements.txt", "sqlalchemy2-stubs\n")
    repo.commit()
    assert cli("baseline", str(repo.root)).returncode == 0
    assert cli("check", str(repo.root)).returncode == 0
    repo.write("mypy.ini", MYPY_INI)
    out = cli("check", str(repo.root))
    assert out.returncode == 1
    assert out.stdout.startswith("mypy.ini:3:26 SQ318 ")
