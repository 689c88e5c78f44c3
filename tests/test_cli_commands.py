"""`kg viz`, `kg analyze` and `kg build --model` through the CLI: what they write, print and refuse."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
from kg.rdf.namespace import ID


def invoke(*args) -> object:
    return CliRunner().invoke(app, [str(a) for a in args])


def one_error_line(result, code: int = 1) -> str:
    """The one line the user sees: the CLI's own message, or a KGError that kg.cli.main prints as one line."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    if isinstance(result.exception, KGError):
        message = str(result.exception)
        assert "\n" not in message
        return message
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


# ---------------------------------------------------------------------------------------------- viz


def test_cli_viz_writes_the_explorer(graph_file, tmp_path):
    out = tmp_path / "graph.html"
    result = invoke("viz", "--graph", graph_file, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"wrote {out} (11 entities, 14 relations; 2 entities without relations, hidden until shown)"
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    for label in ("Pakistan", "Lashkar-e-Taiba", "James Mattis"):
        assert label in page


def test_cli_viz_focus_keeps_the_neighbourhood(graph_file, tmp_path):
    whole, focused = tmp_path / "all.html", tmp_path / "focus.html"
    assert invoke("viz", "--graph", graph_file, "--out", whole).exit_code == 0
    result = invoke("viz", "--graph", graph_file, "--out", focused, "--focus", "LeT", "--hops", "1")
    assert result.exit_code == 0, result.output
    page = focused.read_text(encoding="utf-8")
    for near in ("Lashkar-e-Taiba", "Pakistan", "India", "Hafiz Saeed"):  # the group and its neighbours
        assert f'"{near}"' in page, near
    for far in ("United States", "James Mattis"):  # two hops away and more
        assert f'"{far}"' in whole.read_text(encoding="utf-8") and f'"{far}"' not in page, far


@pytest.mark.parametrize("args, message", [
    (["--focus", "Pakistn"], "unknown entity 'Pakistn'; did you mean: 'Pakistan'?"),
    (["--focus", "Nowhere"], "unknown entity 'Nowhere'; no entity has a similar name"),
    (["--min-evidence", "0"], "invalid min_evidence 0"),
])
def test_cli_viz_bad_values_are_one_line(graph_file, tmp_path, args, message):
    out = tmp_path / "graph.html"
    line = one_error_line(invoke("viz", "--graph", graph_file, "--out", out, *args), code=2)  # a usage mistake
    assert message in line
    assert not out.exists()


# ---------------------------------------------------------------------------------------------- analyze


def test_cli_analyze_json(graph_file):
    result = invoke("analyze", "--graph", graph_file, "--format", "json", "--top", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"summary", "centrality", "communities"}
    assert data["summary"]["entities"] == 11 and data["summary"]["relations"] == 14
    assert data["summary"]["classes"] == {"ArmedGroup": 2, "InternationalOrganization": 1, "Official": 4,
                                          "Place": 1, "State": 3}
    assert {name: len(ranking) for name, ranking in data["centrality"].items()} == {
        "degree": 3, "pagerank": 3, "betweenness": 3}
    assert data["centrality"]["degree"][0]["label"] == "Pakistan"
    assert len(data["communities"]) <= 3
    nodes = sum(c["size"] for c in data["communities"])
    assert 0 < nodes <= 11


def test_cli_analyze_table(graph_file):
    result = invoke("analyze", "--graph", graph_file, "--top", "2")
    assert result.exit_code == 0, result.output
    assert "Pakistan" in result.output
    assert "{" not in result.output.splitlines()[0]  # a table, not JSON


def test_cli_analyze_between_lists_paths(graph_file):
    result = invoke("analyze", "--graph", graph_file, "--format", "json", "--between", "United States", "LeT")
    assert result.exit_code == 0, result.output
    paths = json.loads(result.output)["paths"]
    assert paths, "the United States reaches Lashkar-e-Taiba through Pakistan"
    assert all(p["ids"][0] == ID + "state/USA" and p["ids"][-1] == ID + "group/lashkar-e-taiba"
               for p in paths), paths
    assert ["United States", "Pakistan", "Lashkar-e-Taiba"] in [p["nodes"] for p in paths]


def test_cli_analyze_exports(graph_file, tmp_path):
    graphml, gexf, edges = tmp_path / "g.graphml", tmp_path / "g.gexf", tmp_path / "edges.csv"
    result = invoke("analyze", "--graph", graph_file, "--graphml", graphml, "--gexf", gexf, "--edges-csv", edges)
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(graphml).number_of_nodes() == 11
    assert nx.read_gexf(gexf).number_of_nodes() == 11
    rows = list(csv.DictReader(io.StringIO(edges.read_text(encoding="utf-8"))))
    assert len(rows) == 14  # one row per evidence sentence
    assert {"source": "Lashkar-e-Taiba", "relation": "assault", "target": "India"}.items() <= rows[0].items()


@pytest.mark.parametrize("args, message", [
    (["--format", "xml"], "invalid --format 'xml'; valid: table, json"),
    (["--top", "-1"], "invalid --top -1"),
    (["--between", "Atlantis", "Pakistan"], "unknown entity 'Atlantis'"),
])
def test_cli_analyze_bad_values_are_one_line(graph_file, args, message):
    assert message in one_error_line(invoke("analyze", "--graph", graph_file, *args), code=2)  # usage mistakes


# ---------------------------------------------------------------------------------------------- --model


TEXT = "Pakistan accused India of shelling villages near the border on Monday.\n"


def test_cli_build_model_that_does_not_load_is_one_line(tmp_path, monkeypatch):
    """--model wins over $KG_SPACY_MODEL and the defaults: a name that does not load is the error."""
    monkeypatch.delenv("KG_SPACY_MODEL", raising=False)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    line = one_error_line(invoke("build", tmp_path / "a.txt", "--out", tmp_path / "out", "--jobs", "1",
                                 "--model", "no_such_pipeline"))
    assert "no spaCy pipeline could be loaded; tried no_such_pipeline;" in line
    assert not (tmp_path / "out" / "graph.trig").exists()


@pytest.mark.model
@pytest.mark.slow
def test_cli_build_model_by_path_is_the_pipeline_used(tmp_path, monkeypatch):
    """A pipeline saved to a directory and named with --model builds; $KG_SPACY_MODEL naming a missing one
    does not matter then."""
    import spacy

    from kg.extract.nlp import load_nlp

    load_nlp().to_disk(tmp_path / "pipeline")
    monkeypatch.setenv("KG_SPACY_MODEL", "no_such_pipeline")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    loaded: list[str] = []
    real_load = spacy.load

    def spy(name, *args, **kwargs):
        loaded.append(str(name))
        return real_load(name, *args, **kwargs)

    monkeypatch.setattr(spacy, "load", spy)
    load_nlp.cache_clear()
    try:
        result = invoke("build", tmp_path / "a.txt", "--out", tmp_path / "out", "--jobs", "1",
                        "--model", tmp_path / "pipeline")
    finally:
        load_nlp.cache_clear()  # the next test loads the default pipeline again, not the spy's
    assert result.exit_code == 0, result.output
    assert loaded == [str(tmp_path / "pipeline")]
    ds = Dataset(default_union=True).parse(tmp_path / "out" / "graph.trig", format="trig")
    accuse = "https://w3id.org/geokg/ontology#accuse"
    assert {(str(s), str(o)) for s, p, o in ds.triples((None, None, None)) if str(p) == accuse} == {
        (ID + "state/PAK", ID + "state/IND")}
