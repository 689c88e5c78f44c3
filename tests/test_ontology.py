"""The ontology, its SHACL shapes and the closed GKG namespace agree with each other and with CONTRACT.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_type_hints

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, XSD

from kg.rdf.namespace import DOC, GKG, ID, INTERACTIONS, PLOVER_QUAD, STRUCTURAL, bind_prefixes
from kg.rdf.ontology import load_ontology, load_shapes, ontology_path, shapes_path

REPO = Path(__file__).resolve().parents[1]
NS = str(GKG)


def gkg_names(uris) -> set[str]:
    return {str(u)[len(NS) :] for u in uris if isinstance(u, URIRef) and str(u).startswith(NS)}


def defined_terms(graph: Graph) -> set[str]:
    """Local names of gkg: IRIs that the graph types (classes, properties, individuals)."""
    return gkg_names(graph.subjects(RDF.type, None))


def namespace_terms() -> set[str]:
    return {name for name in get_type_hints(GKG) if not name.startswith("_")}


CLASSES = [
    "Actor", "State", "Group", "ArmedGroup", "InternationalOrganization", "GovernmentBody",
    "Person", "Official", "Place", "Document", "QuadClass",
]  # fmt: skip


# --- the namespace and the ontology file agree ---------------------------------------------------


def test_ontology_terms_equal_namespace_terms():
    assert defined_terms(load_ontology()) == namespace_terms()


def test_ontology_uses_only_defined_gkg_terms():
    graph = load_ontology()
    used = gkg_names(term for triple in graph for term in triple)
    assert used <= namespace_terms()


def test_ontology_shapes_use_only_defined_gkg_terms():
    graph = load_shapes()
    used = gkg_names(term for triple in graph for term in triple)
    assert used and used <= namespace_terms()


@pytest.mark.parametrize("name", ["assualt", "Country", "consults", "iso_code"])
def test_ontology_namespace_is_closed(name):
    with pytest.raises(AttributeError, match=name):
        getattr(GKG, name)


def test_ontology_namespace_iris():
    assert GKG.consult == URIRef("https://w3id.org/geokg/ontology#consult")
    assert ID["pakistan"] == URIRef("https://w3id.org/geokg/id/pakistan")
    assert DOC["a.txt"] == URIRef("https://w3id.org/geokg/doc/a.txt")


def test_ontology_bind_prefixes():
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    assert prefixes["gkg"] == NS
    assert prefixes["id"] == str(ID)
    assert prefixes["doc"] == str(DOC)
    assert {"prov", "dcterms", "skos", "rdfs", "rdf", "xsd", "owl"} <= prefixes.keys()


# --- the ontology is documented and shaped as the contract says ----------------------------------


def test_ontology_header():
    graph = load_ontology()
    (onto,) = graph.subjects(RDF.type, OWL.Ontology)
    assert graph.value(onto, OWL.versionInfo) is not None
    assert graph.value(onto, DCTERMS.description) is not None


@pytest.mark.parametrize("name", sorted(namespace_terms()))
def test_ontology_term_has_label_and_comment(name):
    graph = load_ontology()
    assert graph.value(GKG[name], RDFS.label) is not None
    assert graph.value(GKG[name], RDFS.comment) is not None


@pytest.mark.parametrize("name", sorted(namespace_terms() - set(CLASSES) - set(PLOVER_QUAD.values())))
def test_ontology_property_has_domain_and_range(name):
    graph = load_ontology()
    assert graph.value(GKG[name], RDFS.domain) is not None
    assert graph.value(GKG[name], RDFS.range) is not None


@pytest.mark.parametrize("name", CLASSES)
def test_ontology_class_is_owl_class(name):
    assert (GKG[name], RDF.type, OWL.Class) in load_ontology()


@pytest.mark.parametrize(
    "sub, sup",
    [
        ("State", "Actor"),
        ("Group", "Actor"),
        ("ArmedGroup", "Group"),
        ("InternationalOrganization", "Group"),
        ("GovernmentBody", "Group"),
        ("Official", "Person"),
        ("Official", "Actor"),
    ],
)
def test_ontology_class_hierarchy(sub, sup):
    assert (GKG[sub], RDFS.subClassOf, GKG[sup]) in load_ontology()


@pytest.mark.parametrize(
    "prop, parent",
    [(name, "structuralRelation") for name in STRUCTURAL if name != "leaderOf"]
    + [("leaderOf", "officialOf")]
    + [(name, "interaction") for name in INTERACTIONS],
)
def test_ontology_property_hierarchy(prop, parent):
    assert (GKG[prop], RDFS.subPropertyOf, GKG[parent]) in load_ontology()


def test_ontology_plover_quad_classes_match_namespace_table():
    graph = load_ontology()
    table = {
        str(prop)[len(NS) :]: str(quad)[len(NS) :] for prop, quad in graph.subject_objects(GKG.quadClass)
    }
    assert table == PLOVER_QUAD
    assert set(PLOVER_QUAD.values()) == gkg_names(graph.subjects(RDF.type, GKG.QuadClass))


@pytest.mark.parametrize("name", INTERACTIONS)
def test_ontology_interaction_has_plover_code_and_actor_range(name):
    graph = load_ontology()
    assert graph.value(GKG[name], GKG.plover) == Literal(name.upper())
    assert graph.value(GKG[name], RDFS.domain) == GKG.Actor
    assert graph.value(GKG[name], RDFS.range) == GKG.Actor


@pytest.mark.parametrize(
    "name, datatype",
    [
        ("isoCode", XSD.string),
        ("title", XSD.string),
        ("contentHash", XSD.string),
        ("evidence", XSD.string),
        ("charStart", XSD.integer),
        ("charEnd", XSD.integer),
        ("confidence", XSD.decimal),
        ("rule", XSD.string),
        ("date", XSD.date),
        ("modality", XSD.string),
        ("actorSector", XSD.string),
    ],
)
def test_ontology_datatype_property_range(name, datatype):
    graph = load_ontology()
    assert (GKG[name], RDF.type, OWL.DatatypeProperty) in graph
    assert graph.value(GKG[name], RDFS.range) == datatype


# --- the one source -------------------------------------------------------------------------------


def test_ontology_is_read_from_the_top_level_directory():
    """In a checkout the loader reads ontologies/ (the only copy; the wheel's is made at build time)."""
    assert ontology_path() == REPO / "ontologies" / "geokg.ttl"
    assert shapes_path() == REPO / "ontologies" / "geokg-shapes.ttl"
    assert not (REPO / "kg" / "ontologies").exists()


def test_ontology_loader_is_cached():
    assert load_ontology() is load_ontology()
    assert load_shapes() is load_shapes()


# --- SHACL shapes ---------------------------------------------------------------------------------

VALID = """
@prefix gkg: <https://w3id.org/geokg/ontology#> .
@prefix id: <https://w3id.org/geokg/id/> .
@prefix doc: <https://w3id.org/geokg/doc/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

doc:a.txt a gkg:Document ; dcterms:identifier "a.txt" ; dcterms:title "Talks in Islamabad" .

id:pakistan a gkg:State ; rdfs:label "Pakistan" ; skos:altLabel "Islamic Republic of Pakistan" ;
    gkg:isoCode "PAK" .
id:united_states a gkg:State ; rdfs:label "United States" ; gkg:isoCode "USA" .
id:hegseth a gkg:Official ; rdfs:label "Pete Hegseth" ; gkg:title "Secretary of Defense" ;
    gkg:officialOf id:united_states .
id:islamabad a gkg:Place ; rdfs:label "Islamabad" ; gkg:locatedIn id:pakistan .

id:hegseth gkg:consult id:pakistan .

id:s1 a rdf:Statement ;
    rdf:subject id:hegseth ; rdf:predicate gkg:consult ; rdf:object id:pakistan ;
    gkg:evidence "Hegseth met Pakistani officials in Islamabad." ;
    prov:wasDerivedFrom doc:a.txt ;
    gkg:charStart 0 ; gkg:charEnd 45 ;
    gkg:confidence "0.8"^^xsd:decimal ;
    gkg:rule "svo" ;
    gkg:date "2025-03-01"^^xsd:date ;
    gkg:actorSector "GOV" .
"""

S1 = ID["s1"]
PAK = ID["pakistan"]


def parse(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def violations(data: Graph) -> set[tuple[URIRef, URIRef]]:
    """(focus node, result path) of each violation; empty when the graph conforms."""
    conforms, report, _ = pyshacl.validate(data, shacl_graph=load_shapes(), inference="none")
    found = {
        (report.value(result, SH.focusNode), report.value(result, SH.resultPath))
        for result in report.subjects(RDF.type, SH.ValidationResult)
    }
    assert conforms == (not found)
    return found


def test_ontology_shapes_parse():
    graph = parse(shapes_path().read_text(encoding="utf-8"))
    assert len(set(graph.subjects(RDF.type, SH.NodeShape))) >= 4


def test_ontology_shapes_every_constraint_has_message():
    graph = load_shapes()
    for prop_shape in graph.objects(None, SH.property):
        assert graph.value(prop_shape, SH.message) is not None, graph.value(prop_shape, SH.path)


def test_ontology_valid_graph_conforms():
    assert violations(parse(VALID)) == set()


def test_ontology_valid_graph_with_ontology_conforms():
    data = parse(VALID)
    data += load_ontology()
    assert violations(data) == set()


def local(value: object) -> str:
    """Short test id: the local name of an IRI, the lexical form of a literal."""
    if isinstance(value, URIRef):
        return re.split(r"[/#]", value)[-1]
    return repr(str(value)) if isinstance(value, Literal) else str(value)


@pytest.mark.parametrize(
    "op, node, prop, value",
    [
        ("set", PAK, GKG.isoCode, Literal("pk")),
        ("set", PAK, GKG.isoCode, Literal("PK")),
        ("remove", PAK, GKG.isoCode, None),
        ("add", PAK, GKG.isoCode, Literal("PSE")),
        ("remove", PAK, RDFS.label, None),
        ("add", ID["islamabad"], RDFS.label, Literal("Islamabad Capital")),
        ("add", ID["hegseth"], RDFS.label, Literal("Hegseth")),
        ("remove", S1, GKG.evidence, None),
        ("set", S1, GKG.evidence, Literal("")),
        ("remove", S1, PROV.wasDerivedFrom, None),
        ("set", S1, PROV.wasDerivedFrom, DOC["missing.txt"]),
        ("remove", S1, GKG.charStart, None),
        ("set", S1, GKG.charStart, Literal(-1)),
        ("set", S1, GKG.charStart, Literal("0")),
        ("set", S1, GKG.charStart, Literal(50)),
        ("remove", S1, GKG.charEnd, None),
        ("set", S1, GKG.confidence, Literal("1.5", datatype=XSD.decimal)),
        ("set", S1, GKG.confidence, Literal(0.5)),  # a Python float is xsd:double
        ("add", S1, GKG.confidence, Literal("0.4", datatype=XSD.decimal)),
        ("remove", S1, GKG.rule, None),
        ("set", S1, GKG.date, Literal("March 2025")),
        ("set", S1, GKG.modality, Literal("negated")),
        ("remove", S1, RDF.subject, None),
        ("remove", DOC["a.txt"], DCTERMS.identifier, None),
    ],
    ids=local,
)
def test_ontology_invalid_graph_is_reported(op, node, prop, value):
    data = parse(VALID)
    if op == "remove":
        data.remove((node, prop, None))
    else:
        getattr(data, op)((node, prop, value))
    assert violations(data) == {(node, prop)}


def test_ontology_contract_example_invalid_graph_does_not_conform():
    """The example from the brief: a lower-case ISO code and a statement without evidence."""
    data = parse(VALID)
    data.set((PAK, GKG.isoCode, Literal("pk")))
    data.remove((S1, GKG.evidence, None))
    assert violations(data) == {(PAK, GKG.isoCode), (S1, GKG.evidence)}


def test_ontology_modality_values_accepted():
    for value in ("hypothetical", "future"):
        data = parse(VALID)
        data.set((S1, GKG.modality, Literal(value)))
        assert violations(data) == set()
