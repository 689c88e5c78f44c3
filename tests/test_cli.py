"""User mistakes on the command line: one line naming the bad value, exit status 1, nothing created."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app


@pytest.mark.parametrize(
    "args, message",
    [
        (["export", "--store", "{missing}"], "no store at"),
        (["remove", "--store", "{missing}", "doc.txt"], "no store at"),
        (["query", "officials", "--store", "{missing}"], "no store at"),
        (["validate", "--store", "{missing}"], "no store at"),
        (["serve", "--store", "{missing}"], "no store at"),
        (["serve", "--store", "{missing}", "--port", "70000"], "invalid --port 70000"),
        (["build", "x.txt", "--out", "{tmp}/o", "--date", "2019-02-30"], "invalid --date '2019-02-30'"),
        (["build", "x.txt"], "give --out DIR, --store PATH, or both"),
        (["build", "x.txt", "--out", "{tmp}/o", "--jobs", "-2"], "invalid --jobs -2"),
        (["build", "x.txt", "--out", "{tmp}/o", "--engine", "spark"], "invalid --engine 'spark'"),
        (["query", "officials"], "give exactly one of --store PATH or --graph FILE"),
        (["query", "officials", "--graph", "{tmp}/g.ttl", "--format", "xlsx"], "invalid --format 'xlsx'"),
        (["export", "--store", "{tmp}", "--format", "xml"], "invalid --format 'xml'"),
        (["query", "officials", "--graph", "{tmp}/g.ttl", "-p", "org"], "-p needs two values"),
    ],
)
def test_cli_user_mistake_is_one_line(tmp_path, args, message):
    (tmp_path / "g.ttl").write_text("")
    argv = [a.format(missing=tmp_path / "missing", tmp=tmp_path) for a in args]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert len([ln for ln in result.output.splitlines() if ln.strip()]) == 1
    assert not (tmp_path / "missing").exists()
