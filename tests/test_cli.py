"""Command-line conventions, the same on every command: -h/--help, -V/--version, -v/--verbose, help without
type tags, exit status 2 for a usage mistake and 1 for a failure, one line per error of ours."""

from __future__ import annotations

import re

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import kg
from kg.cli import app

# A value for each required argument, so that what is tested is the option, not a missing argument.
ARGUMENTS = {"build": ["x.txt"], "remove": ["doc.txt"], "query": ["officials"]}


def commands() -> list[str]:
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def invoke(*args, **kwargs):
    return CliRunner().invoke(app, [str(a) for a in args], **kwargs)


def error_lines(result) -> list[str]:
    assert "Traceback" not in result.output
    return [ln for ln in result.output.splitlines() if ln.strip()]


# ------------------------------------------------------------------------- every command, walked


@pytest.mark.parametrize("name", ["", *commands()])
def test_cli_every_command_takes_h_as_help_without_type_tags(name):
    argv = [name] if name else []
    short, long = invoke(*argv, "-h"), invoke(*argv, "--help")
    assert short.exit_code == 0 and long.exit_code == 0, short.output
    assert short.output == long.output
    assert short.output.startswith(f"Usage: kg {name}".rstrip())
    assert "-h, --help" in short.output
    tags = re.findall(r"<[a-z][a-z_\[\], |]*>|\{[A-Za-z_.]+\}", short.output)  # <list[str]>, <path>, {QUERY}
    assert not tags, tags


@pytest.mark.parametrize("name", commands())
def test_cli_every_command_exits_2_on_an_unknown_option(name):
    result = invoke(name, *ARGUMENTS.get(name, []), "--bogus")
    assert result.exit_code == 2, result.output
    assert "No such option: --bogus" in result.output
    assert f"Try 'kg {name} -h' for help." in result.output


@pytest.mark.parametrize("name", commands())
def test_cli_every_command_takes_verbose(name):
    result = invoke(name, "-h")
    assert "-v, --verbose" in result.output


def test_cli_version():
    for flag in ("--version", "-V"):
        result = invoke(flag)
        assert result.exit_code == 0, result.output
        assert result.output == f"geokg {kg.__version__}\n"


# ------------------------------------------------------------------------- usage mistakes: exit 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["export", "--store", "{missing}"], "no store at"),
        (["remove", "--store", "{missing}", "doc.txt"], "no store at"),
        (["query", "officials", "--store", "{missing}"], "no store at"),
        (["validate", "--store", "{missing}"], "no store at"),
        (["serve", "--store", "{missing}"], "no store at"),
        (["query", "officials", "--graph", "{tmp}/nothing.ttl"], "invalid --graph"),
        (["query", "officials", "--store", "sparql+http:///sparql"], "invalid remote store 'sparql+http:///sparql': no host"),
        (["query", "officials", "--graph", "{tmp}/g.xml"], "invalid --graph"),
        (["serve", "--store", "{missing}", "--port", "70000"], "invalid --port 70000"),
        (["build", "x.txt", "--out", "{tmp}/o", "--date", "2019-02-30"], "invalid --date '2019-02-30'"),
        (["build", "x.txt"], "give --out DIR, --store PATH, or both"),
        (["build", "x.txt", "--out", "{tmp}/o", "--jobs", "-2"], "invalid --jobs -2"),
        (["build", "x.txt", "--out", "{tmp}/o", "--engine", "spark"], "invalid --engine 'spark'"),
        (["build", "x.txt", "--out", "{tmp}/o", "--without-rule", "no-such-rule"], "invalid rule 'no-such-rule'"),
        (["query", "officials"], "give exactly one of --store PATH or --graph FILE"),
        (["query", "officials", "--graph", "{tmp}/g.ttl", "--format", "xlsx"], "invalid --format 'xlsx'"),
        (["query", "officials", "--graph", "{tmp}/g.ttl", "--limit", "-1"], "invalid --limit -1"),
        (["query", "no-such-query", "--graph", "{tmp}/g.ttl"], "unknown query 'no-such-query'"),
        (["export", "--store", "{tmp}", "--format", "xml"], "invalid --format 'xml'"),
        (["export"], "give exactly one of --store PATH or --graph FILE"),
        (["analyze", "--graph", "{tmp}/g.ttl", "--format", "xml"], "invalid --format 'xml'"),
    ],
)
def test_cli_usage_mistake_is_one_line_and_exit_2(tmp_path, args, message):
    (tmp_path / "g.ttl").write_text("")
    (tmp_path / "g.xml").write_text("")
    argv = [a.format(missing=tmp_path / "missing", tmp=tmp_path) for a in args]
    result = invoke(*argv)
    assert result.exit_code == 2, result.output
    [line] = error_lines(result)
    assert line.startswith("error: ") and message in line
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["events", "-p", "from", "2019-13-01"], "invalid value for -p from '2019-13-01'; valid: a calendar date"),
        (["relations", "-p", "a", "<https://example.org/a b>"], "valid: an absolute IRI"),
        (["relations", "-p", "a", "Pakistn"], "unknown entity 'Pakistn' for ?a; did you mean: 'Pakistan'?"),
        (["events", "-p", "type", "bombard"], "invalid value for ?type 'bombard'"),
        (["relations"], "missing parameter a"),
        (["officials", "-p", "nope", "x"], "invalid parameter 'nope'"),
        (["SELECT ?s WHERE { ?s ?p }"], "invalid SPARQL"),
    ],
)
def test_cli_query_invalid_values_exit_2(graph_file, args, message):
    """-p values (dates, IRIs, names), parameter names and the query text are checked before any row is
    printed: one line naming the value, exit 2, no traceback, not "0 rows"."""
    result = invoke("query", *args, "--graph", graph_file)
    assert result.exit_code == 2, result.output
    [line] = error_lines(result)
    assert message in line


def test_cli_query_ambiguous_name_exits_2(tmp_path, graph_file):
    ttl = graph_file.read_text("utf-8") + (
        '\n<https://w3id.org/geokg/id/place/pakistan> a <https://w3id.org/geokg/ontology#Place> ;'
        ' <http://www.w3.org/2000/01/rdf-schema#label> "Pakistan" .\n')
    (tmp_path / "two.ttl").write_text(ttl, "utf-8")
    result = invoke("query", "relations", "-p", "a", "Pakistan", "--graph", tmp_path / "two.ttl")
    assert result.exit_code == 2, result.output
    [line] = error_lines(result)
    assert "ambiguous name 'Pakistan'" in line


def test_cli_query_param_without_value_is_a_usage_error(graph_file):
    result = invoke("query", "officials", "--graph", graph_file, "-p", "org")
    assert result.exit_code == 2
    assert "Option '-p' requires 2 arguments" in result.output


# ------------------------------------------------------------------------- failures: exit 1


def test_cli_failure_while_working_exits_1(tmp_path):
    """A file that exists but does not parse is a failure (1), not a usage mistake (2)."""
    (tmp_path / "broken.ttl").write_text("this is not turtle <", "utf-8")
    for command in (["query", "officials"], ["export"], ["analyze"], ["validate"]):
        result = invoke(*command, "--graph", tmp_path / "broken.ttl")
        assert result.exit_code == 1, (command, result.output)
        [line] = error_lines(result)
        assert line.startswith("error: cannot parse graph file")


def test_cli_remove_unknown_document_exits_2(disk_store):
    result = invoke("remove", "--store", disk_store, "nothing.txt")
    assert result.exit_code == 2, result.output
    [line] = error_lines(result)
    assert "no document 'nothing.txt' in the store; stored: kashmir.txt, mattis.txt, un.txt" in line


# ------------------------------------------------------------------------- stdin, conversion, logging


def test_cli_query_dash_reads_the_query_from_stdin(graph_file):
    sparql = "SELECT ?o WHERE { ?s gkg:sanction ?o }"
    result = invoke("query", "-", "--graph", graph_file, "--format", "csv", input=sparql)
    assert result.exit_code == 0, result.output
    assert [ln for ln in result.stdout.splitlines() if ln] == ["o", "https://w3id.org/geokg/id/group/lashkar-e-taiba"]
    empty = invoke("query", "-", "--graph", graph_file, input="  \n")
    assert empty.exit_code == 2 and "no query on stdin" in empty.output


@pytest.mark.parametrize("fmt, parse_as", [("nq", "nquads"), ("trig", "trig"), ("jsonld", "json-ld"),
                                           ("ttl", "turtle")])
def test_cli_export_graph_converts_without_a_store(tmp_path, mem_store, fmt, parse_as):
    """kg export --graph FILE: the same triples in another format; a Turtle file's stay in the default graph."""
    source = tmp_path / "all.trig"
    source.write_bytes(mem_store.export("trig"))
    out = tmp_path / f"converted.{fmt}"
    result = invoke("export", "--graph", source, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    expected = Dataset().parse(source, format="trig")
    got = Dataset().parse(out, format=parse_as)
    assert isomorphic(Graph().parse(data=expected.serialize(format="nt"), format="nt"),
                      Graph().parse(data=got.serialize(format="nt"), format="nt"))


def test_cli_export_turtle_to_nquads_keeps_the_default_graph(graph_file):
    result = invoke("export", "--graph", graph_file, "--format", "nq")
    assert result.exit_code == 0, result.output
    assert result.stdout.count(" .\n") == len(Graph().parse(graph_file))
    assert "file:" not in result.stdout  # no named graph made up from the file's path


def test_cli_verbose_logs_through_logging(graph_file):
    quiet = invoke("query", "officials", "--graph", graph_file)
    before = invoke("-v", "query", "officials", "--graph", graph_file)
    after = invoke("query", "officials", "--graph", graph_file, "--verbose")
    assert quiet.exit_code == before.exit_code == after.exit_code == 0
    assert "info:" not in quiet.output
    for result in (before, after):
        assert re.search(r"^info: read .*graph\.ttl: \d+ quads", result.stderr, re.M), result.stderr
        assert "info:" not in result.stdout  # the rows stay clean for a pipe
