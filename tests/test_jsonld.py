"""`kg export --format jsonld`: compact JSON-LD with the shipped geokg @context written inline, read back by
rdflib and by Oxigraph (offline) into the same quads as the N-Quads export."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from rdflib.namespace import OWL, RDF, RDFS, XSD
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.jsonld import compact_jsonld, jsonld_context
from kg.rdf.namespace import GKG
from kg.rdf.ontology import load_ontology
from kg.rdf.store import GraphStore
from kg.types import DocResult, Entity, Source, Triple

PAK = Entity("state/PAK", "Pakistan", "State", iso="PAK", alt_labels=frozenset({"Islamabad"}))
IND = Entity("state/IND", "India", "State", iso="IND")
XKX = Entity("state/XKX", "Kosovo", "State", iso="XKX")
MODI = Entity("person/narendra-modi", "Narendra Modi", "Official", title="Prime Minister")
ODD = Entity("group/x", 'Odd "quoted" <b>name</b> with ünïcode', "Group", alt_labels=frozenset({"line\nbreak"}))


def triple(s, rel, o, text, start, **kw):
    return Triple(s.key, rel, o.key, text, start, start + len(text), "test", kw.pop("confidence", 0.8), **kw)


DOCS = [
    DocResult(
        Source("a.txt", "x" * 200, title="Modi warns", date="2019-02-20", url="https://example.org/a"),
        (PAK, IND, MODI),
        (
            triple(MODI, "leaderOf", IND, "Prime Minister Narendra Modi of India spoke.", 0),
            triple(MODI, "threaten", PAK, "Modi warned Pakistan of a fitting reply.", 50, date="2019-02-18"),
            triple(IND, "accuse", PAK, "India accused Pakistan.", 100, confidence=0.55, modality="hypothetical"),
        ),
    ),
    DocResult(
        Source("b.txt", "y" * 100),
        (XKX, ODD, PAK),
        (triple(ODD, "protest", XKX, 'They said "no" to Kosovo.', 0, sector="OPP"),),
    ),
]


@pytest.fixture
def store() -> GraphStore:
    s = GraphStore(None)
    s.put(DOCS)
    return s


def _quads(data: bytes, fmt: str) -> set:
    ds = Dataset()
    ds.parse(data=data.decode("utf-8"), format=fmt)
    return set(ds.quads())


def test_jsonld_export_is_compact_with_the_context_inline(store):
    doc = json.loads(store.export("jsonld"))
    assert set(doc) == {"@context", "@graph"}
    assert doc["@context"] == jsonld_context()  # inline: no URL to fetch
    assert doc["@context"]["gkg"] == str(GKG)
    nodes: dict[str, dict] = {}
    for graph in doc["@graph"]:
        for node in graph["@graph"]:
            nodes.setdefault(node["@id"], {}).update(node)
    pak = nodes["id:state/PAK"]
    assert pak["@type"] == "State" and pak["label"] == "Pakistan"
    assert (pak["isoCode"], pak["isoAlpha2"], pak["isoNumeric"], pak["gwCode"], pak["cameoCode"]) == (
        "PAK", "PK", "586", "770", "PAK",
    )
    assert nodes["id:person/narendra-modi"]["threaten"] == "id:state/PAK"
    statements = [n for n in nodes.values() if n.get("@type") == "Statement"]
    assert {s["confidence"] for s in statements} >= {"0.55"}
    assert all(s["wasDerivedFrom"].startswith("doc:") for s in statements)
    # every key is a term, a keyword or a compact IRI: nothing left expanded
    keys = {k for n in nodes.values() for k in n}
    assert not [k for k in keys if k.startswith("http")], keys


def test_jsonld_export_reads_back_into_the_same_quads(store):
    assert _quads(store.export("jsonld"), "json-ld") == _quads(store.export("nq"), "nquads")


def test_jsonld_export_reads_back_in_oxigraph(store):
    expected = set(ox.parse(store.export("nq"), format=ox.RdfFormat.N_QUADS))
    assert set(ox.parse(store.export("jsonld"), format=ox.RdfFormat.JSON_LD)) == expected


def test_jsonld_is_deterministic(store):
    quads = list(store.quads())
    assert compact_jsonld(quads) == compact_jsonld(reversed(quads)) == store.export("jsonld")


def test_jsonld_values_outside_the_terms_types_keep_their_own():
    g = ox.NamedNode("https://w3id.org/geokg/graph/entities")
    s = ox.NamedNode("https://w3id.org/geokg/id/state/PAK")
    quads = [
        ox.Quad(s, ox.NamedNode(str(GKG.gwCode)), ox.Literal("770"), g),  # a string where an integer belongs
        ox.Quad(s, ox.NamedNode(str(RDFS.label)), ox.Literal("Pakistan", language="en"), g),
        ox.Quad(s, ox.NamedNode("http://example.org/p"), ox.NamedNode("http://example.org//x"), g),
        ox.Quad(s, ox.NamedNode(str(GKG.accuse)), ox.BlankNode("b0"), ox.DefaultGraph()),
    ]
    data = compact_jsonld(quads)
    assert set(ox.parse(data, format=ox.RdfFormat.JSON_LD)) - {quads[3]} == set(quads[:3])
    node = json.loads(data)["@graph"][1]["@graph"][0]
    assert node["gwCode"] == {"@value": "770"}
    assert node["label"] == {"@value": "Pakistan", "@language": "en"}


def test_jsonld_context_has_every_ontology_term_with_its_value_type():
    onto = load_ontology()
    context = jsonld_context()
    ns = str(GKG)
    for term in {s for s in onto.subjects(RDF.type, None) if str(s).startswith(ns)}:
        name = str(term)[len(ns) :]
        definition = context[name]
        iri, kind = (definition, None) if isinstance(definition, str) else (definition["@id"], definition.get("@type"))
        assert iri == f"gkg:{name}"
        types = set(onto.objects(term, RDF.type))
        rng = onto.value(term, RDFS.range)
        if OWL.ObjectProperty in types:
            assert kind == "@id", name
        elif OWL.DatatypeProperty in types and rng not in (XSD.string, RDFS.Literal):
            assert kind == "xsd:" + str(rng)[len(str(XSD)) :], name
        elif OWL.DatatypeProperty in types:
            assert kind is None, name


def test_jsonld_cli_export(tmp_path):
    path = tmp_path / "store"
    s = GraphStore(path)
    s.put(DOCS)
    s.close()
    out = tmp_path / "all.jsonld"
    r = CliRunner().invoke(app, ["export", "--store", str(path), "--format", "jsonld", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "@context" in json.loads(out.read_text(encoding="utf-8"))
    r = CliRunner().invoke(app, ["query", "SELECT ?n WHERE { ?s gkg:gwCode ?n } ORDER BY ?n", "--graph", str(out),
                                 "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert r.output.split() == ["n", "347", "750", "770"]


def test_jsonld_doctests():
    import doctest

    import kg.rdf.jsonld

    result = doctest.testmod(kg.rdf.jsonld)
    assert result.attempted and not result.failed
