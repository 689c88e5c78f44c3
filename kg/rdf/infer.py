"""A store + the geokg ontology → an in-memory copy with the RDFS closure added (for ``kg query --infer``).

The rules applied, in an order that reaches the fixpoint in one pass for RDFS over our ontology:
rdfs7 (sub-property), rdfs2/rdfs3 (domain, range; named classes only), rdfs9 (sub-class, transitively).
Axiomatic triples and ``rdfs:Resource`` typing are left out: they answer no analyst's question.
The source store is never modified; the ontology and the inferred triples go into their own named graphs.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.errors import StoreError
from kg.rdf.ontology import ontology_path

ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/geokg/ontology")
INFERRED_GRAPH = ox.NamedNode("https://w3id.org/geokg/inferred")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

_P = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
SUB_PROPERTY = _P + """SELECT DISTINCT ?s ?super ?o WHERE {
  ?p rdfs:subPropertyOf+ ?super . ?s ?p ?o . FILTER(isIRI(?super) && ?p != ?super)
}"""
DOMAIN_RANGE = _P + """SELECT DISTINCT ?x ?c WHERE {
  { ?p rdfs:domain ?c . ?x ?p ?o } UNION { ?p rdfs:range ?c . ?s ?p ?x . FILTER(!isLiteral(?x)) }
  FILTER(isIRI(?c))
}"""
SUB_CLASS = _P + """SELECT DISTINCT ?x ?super WHERE {
  ?c rdfs:subClassOf+ ?super . ?x a ?c . FILTER(isIRI(?super) && ?c != ?super)
}"""


def rdfs_closure(store: ox.Store) -> int:
    """Add the RDFS consequences of everything in ``store`` (union of graphs) to INFERRED_GRAPH."""
    before = len(store)
    rows = store.query(SUB_PROPERTY, use_default_graph_as_union=True)
    store.extend(ox.Quad(r["s"], r["super"], r["o"], INFERRED_GRAPH) for r in rows)
    for query in (DOMAIN_RANGE, SUB_CLASS):
        rows = store.query(query, use_default_graph_as_union=True)
        store.extend(ox.Quad(r[0], RDF_TYPE, r[1], INFERRED_GRAPH) for r in rows)
    return len(store) - before


def inferred_store(source):
    """An in-memory GraphStore with ``source``'s quads, the ontology and their RDFS closure."""
    from kg.rdf.store import GraphStore

    if not isinstance(source, GraphStore) or type(source) is not GraphStore:
        raise StoreError(
            f"--infer needs an embedded store or a graph file, not {getattr(source, 'url', source)!r}; "
            "for a remote store, enable RDFS reasoning on the server"
        )
    copy = GraphStore(None)
    copy.add_quads(source.quads())
    copy.load_file(ontology_path(), ox.RdfFormat.TURTLE, ONTOLOGY_GRAPH)
    rdfs_closure(copy.oxigraph)
    return copy
