"""Vocabulary names → IRIs: the closed ``gkg:`` namespace and the other namespaces geokg writes.

``GKG`` holds the terms of ``kg.vocab``, which mirrors ``ontologies/geokg.ttl`` term for term
(tests/test_vocab.py and tests/test_ontology.py check both ways). It is closed, so a misspelt term
fails at once instead of minting a new IRI:

>>> GKG.consult
rdflib.term.URIRef('https://w3id.org/geokg/ontology#consult')
>>> GKG.assualt
Traceback (most recent call last):
    ...
AttributeError: term 'assualt' not in namespace 'https://w3id.org/geokg/ontology#'
>>> PLOVER_QUAD["assault"]
'MaterialConflict'
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

from kg import vocab

__all__ = [
    "DOC",
    "ENTITIES_GRAPH",
    "GKG",
    "ID",
    "INTERACTIONS",
    "PLOVER_QUAD",
    "PROV",
    "QUAD_CLASSES",
    "STATS_GRAPH",
    "STRUCTURAL",
    "bind_prefixes",
]


class GKG(DefinedNamespace):
    """The geokg ontology, ``https://w3id.org/geokg/ontology#`` (prefix ``gkg``): the terms of ``kg.vocab``."""

    _fail = True
    _NS = Namespace(vocab.NAMESPACE)
    __annotations__ = {name: URIRef for name in vocab.terms()}


ID = Namespace("https://w3id.org/geokg/id/")
DOC = Namespace("https://w3id.org/geokg/doc/")
ENTITIES_GRAPH = URIRef("https://w3id.org/geokg/graph/entities")
"""The named graph holding each entity's description (type, label, ISO code, title) once for all documents."""
STATS_GRAPH = URIRef("https://w3id.org/geokg/graph/stats")
"""The named graph of derived per-actor counts (kg.rdf.stats); absent while they are being recomputed."""

STRUCTURAL = vocab.STRUCTURAL
PLOVER_QUAD = vocab.PLOVER_QUAD
INTERACTIONS = vocab.INTERACTIONS
QUAD_CLASSES: tuple[str, ...] = tuple(vocab.QUAD_CLASSES)

PREFIXES: dict[str, str] = {
    "gkg": str(GKG),
    "id": str(ID),
    "doc": str(DOC),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "owl": str(OWL),
}


"""The prefixes geokg writes and reads everywhere: serializations, the endpoint, tables and DataFrames."""


def shorten(iri: str, prefixes: dict[str, str] = PREFIXES) -> str:
    """``https://w3id.org/geokg/id/state/PAK`` → ``id:state/PAK`` (longest matching namespace wins).

    >>> shorten("https://w3id.org/geokg/ontology#consult")
    'gkg:consult'
    >>> shorten("http://example.org/x")
    'http://example.org/x'
    """
    best = max((ns for ns in prefixes.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in prefixes.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the geokg prefixes on ``graph`` (replacing other bindings of those prefixes); return it.

    >>> g = bind_prefixes(Graph())
    >>> dict(g.namespaces())["gkg"]
    rdflib.term.URIRef('https://w3id.org/geokg/ontology#')
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
