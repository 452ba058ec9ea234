"""`scan --format sarif`: valid SARIF 2.1.0 shape with our fingerprints and rule metadata."""

from __future__ import annotations

import json

from tests.conftest import CliRunner, Repo


def test_sarif_output(repo: Repo, cli: CliRunner) -> None:
    repo.write("q.py", "from sqlalchemy import select\nstmt = select([t.c.id])\n")
    repo.write("bad.py", "import sqlalchemy\ndef (:\n")
    repo.commit()
    sarif = json.loads(cli("scan", str(repo.root), "--format", "sarif").stdout)
    plain = json.loads(cli("scan", str(repo.root), "--format", "json").stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    (result,) = run["results"]
    assert result["ruleId"] == "SQ601"
    assert rules[result["ruleIndex"]]["id"] == "SQ601"
    assert "## Use instead" in rules[result["ruleIndex"]]["help"]["markdown"]
    assert result["level"] == "error"
    assert result["partialFingerprints"]["sqlaAssist/v1"] == plain["findings"][0]["fingerprint"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 8)
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "q.py"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"].startswith("bad.py: syntax error")
