"""Every `kg ...` command in the README's shell blocks runs on the demo build, exits 0 and answers something:
rows for a query, lines on stdout, or the non-empty files it writes. A command that needs a server, a dask
cluster or another build of the seeds is in SKIPPED with the reason; a README command in neither group
fails, and so does a SKIPPED entry the README no longer has.

The demo build is the README's own commands in a scratch directory: `kg build seeds --out out` (what `make
demo` runs) with `--store kgstore`, `articles/` a copy of the seeds and `my-question.rq` the README's first
SPARQL example.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text("utf-8")

pytestmark = [pytest.mark.model, pytest.mark.slow]

SKIPPED = {
    "kg build my-articles/ --out out": "the fixture's build is this command, on the seeds",
    "kg serve --store kgstore --allow-update --token T": "starts a server (tests/test_serve.py)",
    "KG_SPARQL_TOKEN=T kg build today/ --store sparql+http://127.0.0.1:7878/sparql": "needs kg serve running",
    "kg query officials --store sparql+http://127.0.0.1:7878/sparql": "needs kg serve running",
    "kg build seeds --store 'sparql+http://dba:dba@localhost:8890/sparql?update=/sparql-auth' --batch-quads 1000":
        "needs Virtuoso (tests/test_triplestores.py)",
    "kg query officials --store sparql+http://localhost:8890/sparql": "needs Virtuoso (tests/test_triplestores.py)",
    "kg build archive/ --store kgstore --engine dask --scheduler tcp://SCHEDULER:8786":
        "needs a dask scheduler (tests/test_distributed.py)",
}
WRITES = ("-o", "--output", "--out", "--graphml", "--gexf", "--edges-csv")  # options naming a file written


def code_blocks(language: str) -> list[str]:
    """The README's fenced blocks in ``language``, in order."""
    blocks, current, lang = [], None, ""
    for line in README.splitlines():
        if line.startswith("```"):
            if current is None:
                current, lang = [], line[3:].strip()
            else:
                if lang == language:
                    blocks.append("\n".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def readme_commands() -> list[str]:
    """Each `kg` command line of the README's sh blocks, as shlex writes it (comments and a trailing & off)."""
    found = []
    for body in code_blocks("sh"):
        for line in body.splitlines():
            if re.match(r"^\s*(\w+=\S*\s+)*kg\s", line):
                tokens = shlex.split(line, comments=True)
                found.append(shlex.join(tokens[:-1] if tokens[-1] == "&" else tokens))
    return found


COMMANDS = readme_commands()
RUN = [c for c in COMMANDS if c not in SKIPPED]

# The named-query table, each row run as written with its [optional] parts and without them.
TABLE = re.findall(r"^\| `(kg query [^`]+)` \|", README, re.M)
TABLE_RUNS = sorted({form for row in TABLE for form in (re.sub(r"\[([^]]*)\]", r"\1", row),
                                                       re.sub(r" ?\[[^]]*\]", "", row))})
# Rows that still answer nothing on the demo: each a known gap with the work that closes it. When one starts
# answering, its test fails (strict xfail): take it off this list.
EMPTY_ON_DEMO: dict[str, str] = {}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(REPO / "seeds", work / "articles")
    (work / "my-question.rq").write_text(code_blocks("sparql")[0], "utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(work)
        built = CliRunner().invoke(app, ["build", str(REPO / "seeds"), "--out", "out", "--store", "kgstore",
                                         "--jobs", "1", "-vv"])
        assert built.exit_code == 0, built.output
        # -vv: each document as it is stored, on stderr (kg.pipeline's logger)
        assert re.search(r"^debug: stored 01-us-pakistan-sanctuaries\.txt: \d+ entities", built.stderr, re.M)
        assert "debug:" not in built.stdout
        yield work


def test_readme_every_command_is_run_or_skipped_by_name():
    assert "kg query officials --graph out/graph.trig" in RUN and len(RUN) >= 15, COMMANDS
    gone = sorted(set(SKIPPED) - set(COMMANDS))
    assert not gone, f"SKIPPED lists commands the README no longer has: {gone}"
    assert len(TABLE) >= 10 and "kg query documents" in TABLE_RUNS, TABLE
    gone = sorted(set(EMPTY_ON_DEMO) - set(TABLE_RUNS))
    assert not gone, f"EMPTY_ON_DEMO lists queries the README no longer has: {gone}"


@pytest.mark.parametrize("command", RUN, ids=[f"{i:02d}" for i in range(len(RUN))])
def test_readme_command_answers_on_the_demo(demo, command):
    tokens = shlex.split(command)
    assert tokens[0] == "kg"
    result = CliRunner().invoke(app, tokens[1:])
    assert result.exit_code == 0, f"{command}\n{result.output}"
    assert "Traceback" not in result.output
    written = [demo / tokens[i + 1] for i, t in enumerate(tokens[:-1]) if t in WRITES]
    for path in written:
        assert path.is_file() and path.stat().st_size > 0, f"{command}: {path} is empty"
    if not written:
        assert result.stdout.strip(), f"{command} printed nothing"
    if tokens[1] == "query":
        assert "(0 rows)" not in result.stdout, f"{command} returns no rows on the demo"
        if "--format" in tokens and tokens[tokens.index("--format") + 1] == "json":
            assert json.loads(result.stdout)["results"]["bindings"], command
        if "--format" in tokens and tokens[tokens.index("--format") + 1] == "csv":
            assert len(result.stdout.strip().splitlines()) > 1, command


@pytest.mark.parametrize("command", [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=EMPTY_ON_DEMO[c])) if c in EMPTY_ON_DEMO else c
    for c in TABLE_RUNS
])
def test_readme_named_query_returns_rows_on_the_demo(demo, command):
    tokens = shlex.split(command)
    result = CliRunner().invoke(app, [*tokens[1:], "--graph", "out/graph.trig"])
    assert result.exit_code == 0, f"{command}\n{result.output}"
    assert re.search(r"^\(\d+ rows?\)$", result.stdout, re.M), result.stdout
    assert "(0 rows)" not in result.stdout, f"{command} returns no rows on the demo"
