"""Configuration-file fixes are data: tests/rules/config_cases/<case>/<file>.before → .after.

`__` in a fixture's name stands for `/` (`requirements__typing.txt` is `requirements/typing.txt`).
For each: the SQ318 proposal turns before into after exactly; the result still reads as its
kind (tomllib / configparser); a rescan shows no SQ318; and a second proposal changes nothing.
"""

from __future__ import annotations

import configparser
import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.fix import ApplyError, apply, propose
from sqla_assist.core.scan import Scanner
from tests.conftest import Repo

CASES = Path(__file__).parent / "config_cases"


def _cases() -> list[Path]:
    return sorted(CASES.glob("*/*.before"))


def _fix(repo: Repo, rel: str, text: str) -> tuple[str, int, int]:
    """(proposed text, SQ318 findings in the file, fixed)."""
    repo.write(rel, text)
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    assert not result.errors, result.errors
    found = sum(1 for f in result.findings if f.rule == "SQ318" and f.path == rel)
    proposal = propose(checkout, result, rel, rules=["SQ318"])
    if proposal is None:
        return text, found, 0
    return proposal.new_text, found, len(proposal.fixed)


@pytest.mark.parametrize("before", _cases(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_config_fix_case(before: Path, repo: Repo) -> None:
    rel = before.name.removesuffix(".before").replace("__", "/")
    expected = before.with_suffix(".after").read_text()
    fixed, found, n_fixed = _fix(repo, rel, before.read_text())
    assert found and n_fixed == found, "every SQ318 finding of the fixture is fixed"
    assert fixed == expected
    if rel.endswith(".toml"):
        tomllib.loads(fixed)
    elif rel.endswith((".ini", ".cfg")):
        configparser.RawConfigParser(strict=False).read_string(fixed)
    again, found_again, _ = _fix(repo, rel, fixed)
    assert (again, found_again) == (fixed, 0), "a second run finds and changes nothing"


def test_unrelated_plugin_settings_are_not_findings(repo: Repo) -> None:
    """Only mypy's own section counts, and only the SQLAlchemy plugin in it."""
    repo.write("mypy.ini", "[mypy]\nplugins = pydantic.mypy\n\n[mypy-app.*]\nplugins = sqlalchemy.ext.mypy.plugin\n")
    repo.write("pyproject.toml", '[tool.other]\nplugins = ["sqlalchemy.ext.mypy.plugin"]\n')
    repo.write("requirements-dev.txt", "sqlalchemy-utils==0.41\n# sqlalchemy2-stubs\n")
    result = Scanner(open_checkout(repo.root), use_cache=False).run()
    assert [f.location for f in result.findings if f.rule == "SQ318"] == []


def test_plugin_in_a_shared_toml_string_is_manual(repo: Repo) -> None:
    repo.write("pyproject.toml", '[tool.mypy]\nplugins = "pydantic.mypy, sqlalchemy.ext.mypy.plugin"\n')
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    [finding] = [f for f in result.findings if f.rule == "SQ318"]
    assert (finding.line, finding.column, finding.fix.value) == (2, 11, "manual")
    proposal = propose(checkout, result, "pyproject.toml")
    assert proposal is not None and not proposal.fixed and proposal.new_text == proposal.old_text


def test_sq807_reads_requirement_files(repo: Repo) -> None:
    """Legacy pins are reported where they are written (lint), stub packages are left to SQ318."""
    repo.write("requirements.txt", "pandas==1.5.3\nsqlalchemy2-stubs\nFlask-SQLAlchemy>=3.1\n")
    repo.write("setup.cfg", "[options]\ninstall_requires =\n    Flask-SQLAlchemy==2.5.1\n")
    repo.write("pyproject.toml", '[project]\nname = "x"\ndependencies = ["pandas<2"]\n')
    result = Scanner(open_checkout(repo.root), use_cache=False).run()
    got = sorted((f.location, f.fix.value) for f in result.findings if f.rule == "SQ807")
    assert got == [
        ("pyproject.toml:3:17", "manual"),
        ("requirements.txt:1:1", "manual"),
        ("setup.cfg:3:5", "manual"),
    ]


def test_cache_keeps_python_and_config_analyses_of_the_same_bytes_apart(repo: Repo) -> None:
    """`sqlalchemy2-stubs` is a valid Python expression too: one blob, two meanings, both cached."""
    repo.write("requirements.txt", "sqlalchemy2-stubs\n")
    repo.write("stubs.py", "sqlalchemy2-stubs\n")
    checkout = open_checkout(repo.root)
    for warm in (False, True):
        result = Scanner(checkout, use_cache=True).run()
        assert {p: r.cached for p, r in result.files.items()} == {"requirements.txt": warm, "stubs.py": warm}
        assert [(f.path, f.rule) for f in result.findings] == [("requirements.txt", "SQ318")]
        assert result.files["requirements.txt"].blob == result.files["stubs.py"].blob


def test_list_edits_keep_the_list_valid(repo: Repo) -> None:
    """An entry sharing a line with the brackets or the key: the rest of the line stays, valid."""
    repo.write(
        "pyproject.toml",
        '[project]\nname = "x"\ndependencies = ["sqlalchemy2-stubs",\n    "a"]\n'
        '[project.optional-dependencies]\nt = [\n    "b",\n    "types-SQLAlchemy"]\n',
    )
    repo.write("setup.cfg", "[mypy]\nplugins = sqlalchemy.ext.mypy.plugin,\n    pydantic.mypy\n[options]\ninstall_requires = sqlalchemy-stubs\n")
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    toml = propose(checkout, result, "pyproject.toml")
    cfg = propose(checkout, result, "setup.cfg")
    assert toml is not None and cfg is not None
    assert toml.new_text == '[project]\nname = "x"\ndependencies = [\n    "a"]\n[project.optional-dependencies]\nt = [\n    "b"]\n'
    assert tomllib.loads(toml.new_text)["project"]["optional-dependencies"] == {"t": ["b"]}
    assert cfg.new_text == "[mypy]\nplugins =\n    pydantic.mypy\n[options]\ninstall_requires =\n"


def test_apply_restores_a_config_file_whose_fix_would_not_load(repo: Repo) -> None:
    """The post-write check: TOML must still load and the fixed finding must be gone, else the bytes return."""
    original = '[tool.mypy]\nplugins = ["sqlalchemy.ext.mypy.plugin"]\nstrict = true\n'
    path = repo.write("pyproject.toml", original)
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    proposal = propose(checkout, result, "pyproject.toml")
    assert proposal is not None and proposal.new_text == "[tool.mypy]\nstrict = true\n"
    for broken, why in (("[tool.mypy\nstrict = true\n", "no longer valid (invalid TOML"), (original.replace("strict", "x"), "still shows SQ318")):
        with pytest.raises(ApplyError, match=re.escape(why)):
            apply(checkout, dataclasses.replace(proposal, new_text=broken))
        assert path.read_text() == original
    apply(checkout, proposal)
    assert path.read_text() == proposal.new_text


def test_utf16_requirements_are_read_and_left_to_people(repo: Repo) -> None:
    repo.write("requirements.txt", "pytest\r\nsqlalchemy2-stubs\r\n".encode("utf-16"))
    result = Scanner(open_checkout(repo.root), use_cache=False).run()
    assert not result.errors
    assert [(f.location, f.fix.value) for f in result.findings] == [("requirements.txt:2:1", "manual")]
