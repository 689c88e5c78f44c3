"""kg.network.project and kg.network.metrics on small hand-written graphs (no spaCy, no browser)."""

from __future__ import annotations

import copy
import csv
import io
import json

import networkx as nx
import pytest
from rdflib import ConjunctiveGraph, Dataset, Graph

from kg.network import metrics
from kg.network.metrics import (
    CSV_COLUMNS,
    UnknownEntityError,
    centrality,
    communities,
    edges_csv,
    ego,
    filter_min_evidence,
    find_node,
    pagerank,
    paths_between,
    summary,
    write_gexf,
    write_graphml,
)
from kg.network.project import to_networkx

ID = "https://w3id.org/geokg/id/"

PREFIXES = """
@prefix gkg: <https://w3id.org/geokg/ontology#> .
@prefix id: <https://w3id.org/geokg/id/> .
@prefix doc: <https://w3id.org/geokg/doc/> .
@prefix st: <https://w3id.org/geokg/doc/st/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# Two documents, each in its own named graph; entities repeat across them as the pipeline writes them.
DEMO_TRIG = (
    PREFIXES
    + """
doc:a {
  doc:a a gkg:Document ; dcterms:identifier "a.txt" ; dcterms:title "Mattis presses Pakistan" ;
        dcterms:date "2018-01-05"^^xsd:date ; dcterms:source <https://example.org/a> .
  id:usa a gkg:State ; rdfs:label "United States" ; skos:altLabel "US", "Washington" ; gkg:isoCode "USA" .
  id:pak a gkg:State ; rdfs:label "Pakistan" ; gkg:isoCode "PAK" .
  id:mattis a gkg:Official, gkg:Person ; rdfs:label "Jim Mattis" ; skos:altLabel "Mattis" ;
        gkg:title "Secretary of Defense" .
  id:haqqani a gkg:ArmedGroup, gkg:Group ; rdfs:label "Haqqani network" ; skos:altLabel "Haqqanis" .
  id:mattis gkg:officialOf id:usa .
  id:usa gkg:accuse id:pak .
  id:usa gkg:sanction id:pak .
  id:pak gkg:aid id:haqqani .
  st:a1 a rdf:Statement ; rdf:subject id:usa ; rdf:predicate gkg:accuse ; rdf:object id:pak ;
        gkg:evidence "Washington accused Pakistan of sheltering the Haqqanis." ; prov:wasDerivedFrom doc:a ;
        gkg:charStart 0 ; gkg:charEnd 56 ; gkg:confidence 0.9 ; gkg:rule "svo-active" .
  st:a2 a rdf:Statement ; rdf:subject id:usa ; rdf:predicate gkg:sanction ; rdf:object id:pak ;
        gkg:evidence "The US will cut aid to Pakistan." ; prov:wasDerivedFrom doc:a ; gkg:charStart 57 ;
        gkg:charEnd 89 ; gkg:confidence 0.7 ; gkg:rule "svo-active" ; gkg:modality "future" .
  st:a3 a rdf:Statement ; rdf:subject id:pak ; rdf:predicate gkg:aid ; rdf:object id:haqqani ;
        gkg:evidence "Pakistani officials gave the Haqqani network sanctuary." ; prov:wasDerivedFrom doc:a ;
        gkg:charStart 90 ; gkg:charEnd 145 ; gkg:confidence 0.6 ; gkg:rule "svo-active" ;
        gkg:actorSector "GOV" ; gkg:date "2017-12-30"^^xsd:date .
  st:a4 a rdf:Statement ; rdf:subject id:mattis ; rdf:predicate gkg:officialOf ; rdf:object id:usa ;
        gkg:evidence "Defense Secretary Jim Mattis said so." ; prov:wasDerivedFrom doc:a ;
        gkg:charStart 146 ; gkg:charEnd 182 ; gkg:confidence 1.0 ; gkg:rule "title-apposition" .
}
doc:b {
  doc:b a gkg:Document ; dcterms:identifier "b.txt" ; dcterms:date "2018-03-12"^^xsd:date .
  id:usa a gkg:State ; rdfs:label "United States" ; gkg:isoCode "USA" .
  id:pak a gkg:State ; rdfs:label "Pakistan" ; skos:altLabel "Islamabad" ; gkg:isoCode "PAK" .
  id:afg a gkg:State ; rdfs:label "Afghanistan" ; gkg:isoCode "AFG" .
  id:kabul a gkg:Place ; rdfs:label "Kabul" .
  id:haqqani a gkg:ArmedGroup ; rdfs:label "Haqqani network" .
  id:kabul gkg:locatedIn id:afg .
  id:haqqani gkg:assault id:kabul .
  id:usa gkg:accuse id:pak .
  id:pak gkg:reject id:usa .
  st:b1 a rdf:Statement ; rdf:subject id:usa ; rdf:predicate gkg:accuse ; rdf:object id:pak ;
        gkg:evidence "The United States again accused Pakistan." ; prov:wasDerivedFrom doc:b ;
        gkg:charStart 0 ; gkg:charEnd 42 ; gkg:confidence 0.8 ; gkg:rule "svo-active" .
  st:b2 a rdf:Statement ; rdf:subject id:haqqani ; rdf:predicate gkg:assault ; rdf:object id:kabul ;
        gkg:evidence "The Haqqani network attacked Kabul." ; prov:wasDerivedFrom doc:b ;
        gkg:charStart 43 ; gkg:charEnd 78 ; gkg:confidence 0.8 ; gkg:rule "svo-active" .
  st:b3 a rdf:Statement ; rdf:subject id:pak ; rdf:predicate gkg:reject ; rdf:object id:usa ;
        gkg:evidence "Islamabad rejected the accusation." ; prov:wasDerivedFrom doc:b ;
        gkg:charStart 79 ; gkg:charEnd 112 ; gkg:confidence 0.8 ; gkg:rule "svo-active" .
}
"""
)
ENTITIES = {ID + n for n in ("usa", "pak", "mattis", "haqqani", "afg", "kabul")}


def demo_dataset() -> Dataset:
    ds = Dataset()
    ds.parse(data=DEMO_TRIG, format="trig")
    return ds


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return to_networkx(demo_dataset())


def _union_graph() -> Graph:
    g = Graph()
    for s, p, o, _ in demo_dataset().quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _conjunctive() -> ConjunctiveGraph:
    cg = ConjunctiveGraph()
    cg.parse(data=DEMO_TRIG, format="trig")
    return cg


def _edge_view(G: nx.MultiDiGraph) -> list[tuple]:
    return sorted(
        (u, k, v, d["weight"], json.dumps(d["evidence"], sort_keys=True))
        for u, v, k, d in G.edges(keys=True, data=True)
    )


# ---------------------------------------------------------------------------------------- projection


def test_project_nodes_are_entities_only(G):
    assert set(G) == ENTITIES
    assert not any("/doc/" in n or "ontology#" in n for n in G)


def test_project_node_attributes(G):
    mattis = G.nodes[ID + "mattis"]
    assert mattis["label"] == "Jim Mattis"
    assert mattis["cls"] == "Official"
    assert mattis["classes"] == ["Official", "Person"]
    assert mattis["title"] == "Secretary of Defense"
    assert mattis["iso"] is None
    assert G.nodes[ID + "haqqani"]["cls"] == "ArmedGroup"
    assert G.nodes[ID + "kabul"]["cls"] == "Place"
    pak = G.nodes[ID + "pak"]
    assert (pak["iso"], pak["alt_labels"]) == ("PAK", ["Islamabad"])
    assert G.nodes[ID + "usa"]["alt_labels"] == ["US", "Washington"]


def test_project_one_edge_per_relation_with_sorted_evidence(G):
    assert G.number_of_edges() == 7
    accuse = G.edges[ID + "usa", ID + "pak", "accuse"]
    assert accuse["relation"] == "accuse"
    assert accuse["quad"] == "VerbalConflict"
    assert accuse["weight"] == 2
    assert [e["doc"] for e in accuse["evidence"]] == ["a.txt", "b.txt"]  # by date: document dates here
    first = accuse["evidence"][0]
    assert first["text"] == "Washington accused Pakistan of sheltering the Haqqanis."
    assert first["title"] == "Mattis presses Pakistan"
    assert first["date"] == "2018-01-05"
    assert first["rule"] == "svo-active"
    assert first["confidence"] == pytest.approx(0.9)
    assert first["url"] == "https://example.org/a"
    assert {"text", "doc", "title", "date", "rule", "confidence", "modality", "sector"} <= set(first)


@pytest.mark.parametrize(
    "u, rel, v, quad, field, value",
    [
        ("usa", "sanction", "pak", "MaterialConflict", "modality", "future"),
        ("pak", "aid", "haqqani", "MaterialCooperation", "sector", "GOV"),
        ("pak", "aid", "haqqani", "MaterialCooperation", "date", "2017-12-30"),  # statement date wins
        ("mattis", "officialOf", "usa", "Structural", "rule", "title-apposition"),
        ("kabul", "locatedIn", "afg", "Structural", None, None),
    ],
)
def test_project_edge_fields(G, u, rel, v, quad, field, value):
    edge = G.edges[ID + u, ID + v, rel]
    assert edge["quad"] == quad
    if field is None:
        assert edge["evidence"] == [] and edge["weight"] == 0
    else:
        assert edge["evidence"][0][field] == value


@pytest.mark.parametrize("make", [_union_graph, _conjunctive], ids=["Graph", "ConjunctiveGraph"])
def test_project_reads_any_graph_like_the_dataset(G, make):
    H = to_networkx(make())
    assert set(H) == set(G)
    assert _edge_view(H) == _edge_view(G)
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))


def test_project_does_not_mutate_input():
    ds = demo_dataset()
    before = sorted(ds.quads((None, None, None, None)))
    to_networkx(ds)
    assert sorted(ds.quads((None, None, None, None))) == before


def test_project_empty_graph():
    G = to_networkx(Graph())
    assert (G.number_of_nodes(), G.number_of_edges()) == (0, 0)
    assert summary(G)["entities"] == 0
    assert communities(G) == []
    assert centrality(G)["pagerank"] == []


# ------------------------------------------------------------------------------------------ metrics


def test_metrics_summary_counts(G):
    s = summary(G)
    assert s["entities"] == 6 and s["relations"] == 7 and s["evidence"] == 7 and s["documents"] == 2
    assert s["classes"] == {"ArmedGroup": 1, "Official": 1, "Place": 1, "State": 3}
    assert s["by_relation"] == {
        "accuse": 1,
        "aid": 1,
        "assault": 1,
        "locatedIn": 1,
        "officialOf": 1,
        "reject": 1,
        "sanction": 1,
    }
    assert s["by_quad"] == {
        "MaterialConflict": 2,
        "MaterialCooperation": 1,
        "Structural": 2,
        "VerbalConflict": 2,
    }
    assert s["evidence_by_quad"]["VerbalConflict"] == 3


def test_metrics_centrality_top(G):
    c = centrality(G, top=3)
    assert set(c) == {"degree", "pagerank", "betweenness"}
    assert all(len(v) == 3 for v in c.values())
    assert c["degree"][0]["label"] == "Pakistan"  # 5 relations
    # the graph is a chain Mattis - US - Pakistan - Haqqani - Kabul - Afghanistan: two middles tie, by label
    assert [r["label"] for r in c["betweenness"][:2]] == ["Haqqani network", "Pakistan"]
    assert c["pagerank"][0]["label"] == "Pakistan"  # accused twice and sanctioned by the US, which it rejects
    assert set(c["pagerank"][0]) == {"id", "label", "cls", "value"}


def test_metrics_pagerank_matches_reference(G):
    ranks = pagerank(G)
    assert sum(ranks.values()) == pytest.approx(1.0)
    reference = getattr(nx.algorithms.link_analysis.pagerank_alg, "_pagerank_python", None)
    if reference is None:
        pytest.skip("networkx no longer ships its pure-Python PageRank")
    D = nx.DiGraph()
    D.add_nodes_from(G)
    for u, v, w in G.edges(data="weight"):
        D.add_edge(u, v, weight=D.get_edge_data(u, v, {"weight": 0})["weight"] + max(w, 1))
    expected = reference(D, weight="weight", tol=1e-12, max_iter=500)
    assert ranks == pytest.approx(expected, abs=1e-6)


def test_metrics_betweenness_is_sampled_above_threshold(G, monkeypatch):
    """Above the threshold betweenness comes from BETWEENNESS_SAMPLES seeded sources; at or below it, exact."""
    real = nx.betweenness_centrality
    samples: list[int | None] = []

    def spy(U, k=None, seed=None, **kwargs):
        samples.append(k)
        return real(U, k=k, seed=seed, **kwargs)

    monkeypatch.setattr(metrics.nx, "betweenness_centrality", spy)
    monkeypatch.setattr(metrics, "BETWEENNESS_SAMPLES", 3)
    U = metrics.undirected(G)

    def scores(**kw) -> dict[str, float]:
        return {r["id"]: r["value"] for r in centrality(G, top=len(G), **kw)["betweenness"]}

    monkeypatch.setattr(metrics, "EXACT_BETWEENNESS_MAX_NODES", len(U) - 1)
    sampled = scores()
    assert samples == [3]
    assert sampled == pytest.approx(real(U, k=3, seed=42))
    assert scores() == sampled  # seeded: the same sources every time
    assert scores(seed=7) == pytest.approx(real(U, k=3, seed=7))

    monkeypatch.setattr(metrics, "EXACT_BETWEENNESS_MAX_NODES", len(U))
    exact = scores()
    assert samples[-1] is None
    assert exact == pytest.approx(real(U))
    assert exact != pytest.approx(sampled)  # three of the sources do not give the exact values here


def test_metrics_communities_deterministic(G):
    first = communities(G, seed=42)
    assert first == communities(G, seed=42)
    assert sorted(n for c in first for n in c["nodes"]) == sorted(G)
    assert [c["size"] for c in first] == sorted((c["size"] for c in first), reverse=True)
    assert set(first[0]) == {"id", "size", "labels", "nodes"}


def test_metrics_paths_between_lists_relations_both_ways(G):
    paths = paths_between(G, "united states", "Haqqanis")
    assert [p["nodes"] for p in paths] == [["United States", "Pakistan", "Haqqani network"]]
    first_hop = paths[0]["hops"][0]
    assert [(r["source"], r["relation"], r["target"]) for r in first_hop["relations"]] == [
        ("United States", "accuse", "Pakistan"),
        ("Pakistan", "reject", "United States"),
        ("United States", "sanction", "Pakistan"),
    ]
    assert first_hop["relations"][0]["evidence"] == 2


def test_metrics_paths_between_respects_max_hops(G):
    assert paths_between(G, "Jim Mattis", "Kabul", max_hops=3) == []
    [path] = paths_between(G, "Jim Mattis", "Kabul", max_hops=4)
    assert path["nodes"] == ["Jim Mattis", "United States", "Pakistan", "Haqqani network", "Kabul"]


@pytest.mark.parametrize(
    "name, iri",
    [
        ("Pakistan", "pak"),
        ("pakistan", "pak"),
        ("ISLAMABAD", "pak"),
        ("pak", "pak"),
        ("  Washington ", "usa"),
        (ID + "kabul", "kabul"),
    ],
)
def test_metrics_find_node(G, name, iri):
    assert find_node(G, name) == ID + iri


def test_metrics_unknown_name_names_close_matches(G):
    with pytest.raises(UnknownEntityError, match=r"unknown entity 'Pakistn'; did you mean: 'Pakistan'"):
        paths_between(G, "Pakistn", "Kabul")
    with pytest.raises(ValueError, match=r"unknown entity 'Zzyzx'; no entity has a similar name"):
        find_node(G, "Zzyzx")


def test_metrics_ego_and_min_evidence_copy(G):
    snapshot = copy.deepcopy(dict(G.nodes(data=True))), _edge_view(G)
    E = ego(G, "Kabul", 1)
    assert {G.nodes[n]["label"] for n in E} == {"Kabul", "Afghanistan", "Haqqani network"}
    F = filter_min_evidence(G, 2)
    assert [(d["relation"]) for _, _, d in F.edges(data=True)] == ["accuse"]
    assert set(F) == set(G)  # nodes stay
    assert filter_min_evidence(G, 1).number_of_edges() == G.number_of_edges()
    assert (dict(G.nodes(data=True)), _edge_view(G)) == snapshot


# ------------------------------------------------------------------------------------------ exports


@pytest.mark.parametrize("write, read", [(write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)])
def test_metrics_exports_round_trip(G, tmp_path, write, read):
    path = tmp_path / "g.out"
    write(G, path)
    H = read(path)
    assert set(H) == set(G)
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes[ID + "usa"]["alt_labels"] == "US; Washington"
    assert H.nodes[ID + "mattis"]["classes"] == "Official; Person"
    data = [d for _, _, d in H.edges(data=True) if d["relation"] == "accuse"]
    assert len(json.loads(data[0]["evidence"])) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["g.out"]  # no temporary file left behind


@pytest.mark.parametrize("write, read", [(write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)])
def test_metrics_exports_drop_characters_xml_cannot_hold(tmp_path, write, read):
    G = nx.MultiDiGraph()
    G.add_node("a", label="x\x0by\x00z\ud800", alt_labels=["<b>&"])
    G.add_edge(
        "a", "a", key="aid", relation="aid", quad="MaterialCooperation", evidence=[{"text": "\x01\ud800"}]
    )
    write(G, tmp_path / "g")
    H = read(tmp_path / "g")
    assert (H.nodes["a"]["label"], H.nodes["a"]["alt_labels"]) == ("xyz", "<b>&")
    [(_, _, d)] = H.edges(data=True)
    assert json.loads(d["evidence"]) == [{"text": "\x01"}]


def test_metrics_edges_csv_one_row_per_evidence(G):
    rows = list(csv.DictReader(io.StringIO(edges_csv(G))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert CSV_COLUMNS[:8] == ("source", "relation", "target", "quad", "evidence", "document", "date", "rule")
    assert len(rows) == 8  # 7 evidence sentences + the locatedIn edge, which has none
    accuse = [r for r in rows if r["relation"] == "accuse"]
    assert [(r["source"], r["target"], r["document"], r["date"]) for r in accuse] == [
        ("United States", "Pakistan", "a.txt", "2018-01-05"),
        ("United States", "Pakistan", "b.txt", "2018-03-12"),
    ]
    assert [r["evidence"] for r in rows if r["relation"] == "locatedIn"] == [""]


def test_project_alt_labels_differing_only_in_case_keep_one_order():
    """The explorer lists "Al-Shabaab" and "al-Shabaab" in the same order in every run (not by set order)."""
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import RDF, RDFS, SKOS

    gkg = Namespace("https://w3id.org/geokg/ontology#")
    node = URIRef(ID + "shabaab")
    orders = []
    for alts in (["al-Shabaab", "Al-Shabaab", "AL-SHABAAB"], ["AL-SHABAAB", "Al-Shabaab", "al-Shabaab"]):
        g = Graph()
        g.add((node, RDF.type, gkg.ArmedGroup))
        g.add((node, RDFS.label, Literal("Harakat al-Shabaab")))
        for a in alts:
            g.add((node, SKOS.altLabel, Literal(a)))
        orders.append(to_networkx(g).nodes[str(node)]["alt_labels"])
    assert orders[0] == orders[1] == ["AL-SHABAAB", "Al-Shabaab", "al-Shabaab"]
