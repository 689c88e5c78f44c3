"""kg.network.pyvis_network: a real pyvis Network built from our graph, without touching it, written offline.

The page itself is opened in Chromium by tests/test_browser.py.
"""

from __future__ import annotations

import copy
import re

import networkx as nx
import pytest
from pyvis.network import Network

from kg.network.html import CLASS_STYLE, QUAD_COLOR
from kg.network.pyvis_network import LAYOUT_SEED, pyvis_html, to_pyvis, write_pyvis


def graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("id:usa", label="United States", cls="State", classes=["State"], iso="USA", alt_labels=["US"])
    G.add_node("id:pak", label="Pakistan", cls="State", classes=["State"], iso="PAK", alt_labels=[])
    G.add_node("id:let", label="Lashkar-e-Taiba", cls="ArmedGroup", classes=["ArmedGroup"], alt_labels=[])
    G.add_node("id:lahore", label="Lahore", cls="Place", classes=["Place"], alt_labels=[])
    ev = {"text": "Washington accused Islamabad.", "doc": "a.txt", "date": "2018-01-02", "confidence": 0.7}
    G.add_edge("id:usa", "id:pak", key="accuse", relation="accuse", quad="VerbalConflict", evidence=[ev, ev], weight=2)
    G.add_edge("id:pak", "id:usa", key="reject", relation="reject", quad="VerbalConflict", evidence=[ev], weight=1)
    G.add_edge("id:usa", "id:pak", key="sanction", relation="sanction", quad="MaterialConflict", evidence=[], weight=0)
    G.add_edge("id:let", "id:pak", key="basedIn", relation="basedIn", quad="Structural", evidence=[ev], weight=1)
    return G


def test_pyvis_network_has_every_entity_and_relation_with_legend_colours():
    net = to_pyvis(graph())
    assert isinstance(net, Network) and net.directed
    nodes = {n["label"]: n for n in net.nodes}
    assert set(nodes) == {"United States", "Pakistan", "Lashkar-e-Taiba", "Lahore"}
    assert (nodes["Pakistan"]["color"], nodes["Pakistan"]["shape"]) == CLASS_STYLE["State"]
    assert (nodes["Lashkar-e-Taiba"]["color"], nodes["Lashkar-e-Taiba"]["shape"]) == CLASS_STYLE["ArmedGroup"]
    assert nodes["Pakistan"]["iri"] == "id:pak" and "PAK" in nodes["Pakistan"]["title"]
    assert nodes["Lahore"]["size"] < nodes["Pakistan"]["size"]  # a place has no actor partners
    # parallel relations stay separate pyvis edges (pyvis merges them only in undirected networks)
    rels = sorted((e["label"], e["color"], e.get("dashes", False)) for e in net.edges)
    assert rels == [
        ("accuse", QUAD_COLOR["VerbalConflict"], False),
        ("basedIn", QUAD_COLOR["Structural"], True),
        ("reject", QUAD_COLOR["VerbalConflict"], False),
        ("sanction", QUAD_COLOR["MaterialConflict"], False),
    ]
    layout = net.options.layout
    assert layout.randomSeed == LAYOUT_SEED and layout.hierarchical.enabled is False


def test_pyvis_leaves_the_graph_alone():
    G = graph()
    before = (copy.deepcopy(dict(G.nodes(data=True))), copy.deepcopy(list(G.edges(keys=True, data=True))))
    to_pyvis(G, focus="Pakistan", hops=1)
    assert (dict(G.nodes(data=True)), list(G.edges(keys=True, data=True))) == before


def test_pyvis_focus_and_min_evidence_select_as_the_explorer_does():
    net = to_pyvis(graph(), min_evidence=2)
    assert [e["label"] for e in net.edges] == ["accuse"]
    net = to_pyvis(graph(), focus="Lashkar-e-Taiba", hops=1)
    assert sorted(n["label"] for n in net.nodes) == ["Lashkar-e-Taiba", "Pakistan"]
    with pytest.raises(ValueError, match="unknown entity 'Atlantis'"):
        to_pyvis(graph(), focus="Atlantis")


def test_pyvis_html_is_offline_and_still_styleable_with_pyvis():
    net = to_pyvis(graph())
    net.toggle_physics(False)  # pyvis's own API keeps working on what we return
    page = pyvis_html(net)
    assert "cdn.jsdelivr" not in page and "bootstrap" not in page.lower().split("<body")[0]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I)
    assert "vis-network" in page and '"physics": {' in page and '"enabled": false' in page
    assert pyvis_html(to_pyvis(graph())) == pyvis_html(to_pyvis(graph()))  # the same input, the same page


def test_pyvis_html_refuses_a_page_that_would_go_online():
    net = to_pyvis(graph())
    net.cdn_resources = "remote"
    with pytest.raises(ValueError, match="invalid cdn_resources 'remote'"):
        pyvis_html(net)


def test_pyvis_write_reports_counts(tmp_path):
    held = write_pyvis(graph(), tmp_path / "p.html", min_evidence=2)
    assert held == {"entities": 4, "relations": 1, "isolated": 2, "note": "edges with ≥ 2 sentences"}
    assert (tmp_path / "p.html").read_text(encoding="utf-8").startswith("<html>")
