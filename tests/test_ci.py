"""CI fails rather than skips: `.ci/run` exports CI=1, and with CI set a missing browser, model or tool is a
test failure; without it (a developer's machine) the same test is skipped with the reason."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import in_ci, load_model_or_skip, skip_unless_ci

ROOT = Path(__file__).resolve().parents[1]


def test_ci_run_exports_ci_before_the_tests():
    script = (ROOT / ".ci" / "run").read_text()
    export = re.search(r"^export CI=1$", script, re.MULTILINE)
    tests = re.search(r"^make test$", script, re.MULTILINE)
    assert export and tests and export.start() < tests.start()


@pytest.mark.parametrize("value, expected", [("1", True), ("true", True), ("", False), ("0", False), ("false", False)])
def test_ci_in_ci_reads_the_variable(monkeypatch, value, expected):
    monkeypatch.setenv("CI", value)
    assert in_ci() is expected


def test_ci_missing_tool_fails_in_ci_and_skips_outside(monkeypatch):
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="no browser here .CI is set"):
        skip_unless_ci("no browser here")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="no browser here"):
        skip_unless_ci("no browser here")


def test_ci_missing_model_fails_in_ci(monkeypatch):
    def no_model(name=None):
        raise OSError("no pipeline named en_core_web_sm")

    monkeypatch.setattr("kg.extract.nlp.load_nlp", no_model)
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="no spaCy pipeline: no pipeline named en_core_web_sm"):
        load_model_or_skip()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        load_model_or_skip()


@pytest.mark.slow
@pytest.mark.parametrize("ci, status, outcome", [("1", 1, "errors"), ("", 0, "skipped")])
def test_ci_missing_browser_fails_the_browser_tests(tmp_path, ci, status, outcome):
    env = {**os.environ, "CI": ci, "KG_TEST_CHROMIUM": str(tmp_path / "no-chromium")}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_browser.py"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == status, run.stdout + run.stderr
    summary = run.stdout.strip().splitlines()[-1]  # every browser test errors (CI) or skips, none passes
    assert re.search(rf"\b\d+ {outcome}", summary) and "passed" not in summary and "failed" not in summary, run.stdout
    assert "no-chromium not found" in run.stdout
