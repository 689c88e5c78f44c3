"""`kg viz` and `KnowledgeGraph.to_pyvis`: both engines, what the page holds, one-line usage errors."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from kg.cli import app


def page_data(path) -> dict:
    text = path.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S).group(1)
    return json.loads(block)


def test_viz_reports_the_pages_counts_not_the_whole_graphs(tmp_path, graph_file):
    out = tmp_path / "p.html"
    argv = ["viz", "--graph", str(graph_file), "--out", str(out), "--focus", "Pakistan", "--hops", "1"]
    result = CliRunner().invoke(app, [*argv, "--min-evidence", "1"])
    assert result.exit_code == 0, result.output
    data = page_data(out)
    n, e = len(data["nodes"]), len(data["edges"])
    assert f"({n} entities, {e} relations; 1 hop around Pakistan)" in result.output
    whole = CliRunner().invoke(app, ["viz", "--graph", str(graph_file), "--out", str(tmp_path / "all.html")])
    everything = page_data(tmp_path / "all.html")
    assert n < len(everything["nodes"])  # the focused page is smaller than the graph, and says so
    assert f"({len(everything['nodes'])} entities, {len(everything['edges'])} relations" in whole.output


def test_viz_engine_pyvis_writes_an_offline_pyvis_page(tmp_path, graph_file):
    out = tmp_path / "pyvis.html"
    result = CliRunner().invoke(app, ["viz", "--graph", str(graph_file), "--out", str(out), "--engine", "pyvis"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "new vis.Network" in page and "kg-data" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I)
    assert "Lashkar-e-Taiba" in page and "entities" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--engine", "d3"], "error: invalid --engine 'd3'; valid: explorer, pyvis"),
        (
            ["--focus", "Pakistn"],
            "error: unknown entity 'Pakistn'; did you mean: 'Pakistan'? (valid: a label, alternative label or ISO code,"
            " any case, as `kg query actors` lists them, or an IRI)",
        ),
        (["--focus", "Pakistan", "--hops", "-1"], "error: invalid hops -1; valid: an integer >= 0"),
        (["--min-evidence", "0"], "error: invalid min_evidence 0; valid: an integer >= 1"),
    ],
)
def test_viz_invalid_values_are_one_line_usage_errors(tmp_path, graph_file, args, message):
    out = tmp_path / "p.html"
    result = CliRunner().invoke(app, ["viz", "--graph", str(graph_file), "--out", str(out), *args])
    assert result.exit_code == 2
    assert result.output.strip() == message
    assert not out.exists()


def test_notebook_to_pyvis_gives_a_pyvis_network_of_the_store(mem_store):
    from pyvis.network import Network

    from kg import KnowledgeGraph
    from kg.errors import KGError

    kg = KnowledgeGraph(mem_store)
    net = kg.to_pyvis()
    assert isinstance(net, Network)
    G = kg.to_networkx()
    assert len(net.nodes) == G.number_of_nodes() and len(net.edges) == G.number_of_edges()
    near = kg.to_pyvis("Lashkar-e-Taiba", hops=1)
    labels = {n["label"] for n in near.nodes}
    assert {"Lashkar-e-Taiba", "Pakistan", "Hafiz Saeed"} <= labels and "James Mattis" not in labels
    with pytest.raises(KGError, match="invalid hops -1"):
        kg.to_pyvis("Pakistan", hops=-1)
