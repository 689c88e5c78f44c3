"""rdflib graph → networkx: the entity multigraph with evidence on every edge.

``to_networkx(graph)`` reads the RDF written by :mod:`kg.rdf.convert` (a plain ``Graph``, or a
``Dataset``/``ConjunctiveGraph`` whose named graphs are read as one union) and returns a
``nx.MultiDiGraph``:

- nodes are entities only, keyed by IRI string, with ``label``, ``cls`` (the most specific class, for
  display), ``classes`` (all of them), ``iso``, ``title`` and ``alt_labels``, and a state's outside
  codes ``iso2``, ``iso_numeric``, ``gw`` and ``cameo`` (None where absent, see :data:`COUNTRY_CODES`);
- one edge per ``(subject, relation, object)``, keyed by the relation name, with ``relation``,
  ``quad`` (PLOVER quad class, or ``"Structural"``), ``evidence`` (list of dicts, sorted) and
  ``weight`` (the number of evidence items).

The graph is read with one triple-pattern scan per predicate of interest, so cost grows with the
number of triples, never with a query per node. The input is never modified.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import unquote

import networkx as nx
from rdflib import ConjunctiveGraph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.rdf.namespace import GKG
from kg.vocab import ENTITY_CLASSES, QUAD_CLASSES, RELATION_QUAD

__all__ = ["QUADS", "to_networkx"]

QUADS: tuple[str, ...] = (*QUAD_CLASSES, "Structural")
"""The quad classes an edge can have: the four of the interactions, and "Structural"."""

_CLASS_IRIS: dict[URIRef, str] = {GKG[c]: c for c in ENTITY_CLASSES}
_RELATION_IRIS: dict[URIRef, str] = {GKG[r]: r for r in RELATION_QUAD}
_RANK = {c: i for i, c in enumerate(ENTITY_CLASSES)}

COUNTRY_CODES: dict[str, str] = {"iso2": "isoAlpha2", "iso_numeric": "isoNumeric", "gw": "gwCode", "cameo": "cameoCode"}
"""Node attribute → the gkg property of a state's code in an outside classification (kg.rdf.ids)."""


def country_code(attr: str, values: list[str]) -> str | int | None:
    """The first of a node's values of one code (an int for ``gw``), or None."""
    if not values:
        return None
    return int(values[0]) if attr == "gw" else values[0]


def to_networkx(graph: Any) -> nx.MultiDiGraph:
    """Project an rdflib graph onto its entities and relations.

    >>> from rdflib import Graph
    >>> g = Graph().parse(format="turtle", data='''
    ... @prefix gkg: <https://w3id.org/geokg/ontology#> . @prefix id: <https://w3id.org/geokg/id/> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... id:usa a gkg:State ; rdfs:label "United States" ; gkg:isoCode "USA" .
    ... id:pak a gkg:State ; rdfs:label "Pakistan" ; gkg:isoCode "PAK" .
    ... id:usa gkg:accuse id:pak .''')
    >>> G = to_networkx(g)
    >>> sorted(G.nodes[n]["label"] for n in G)
    ['Pakistan', 'United States']
    >>> [(d["relation"], d["quad"], d["weight"]) for _, _, d in G.edges(data=True)]
    [('accuse', 'VerbalConflict', 0)]
    """
    scan = _Scanner(graph)

    classes: dict[Node, set[str]] = defaultdict(set)
    for s, o in scan.pairs(RDF.type):
        if (cls := _CLASS_IRIS.get(o)) is not None:  # type: ignore[arg-type]
            classes[s].add(cls)

    edges: dict[tuple[Node, str, Node], list[dict[str, Any]]] = {}
    for p, rel in _RELATION_IRIS.items():
        for s, o in scan.pairs(p):
            edges.setdefault((s, rel, o), [])
    for key, ev in _evidence(scan).items():
        edges.setdefault(key, []).extend(ev)

    nodes: set[Node] = {n for n in classes if isinstance(n, URIRef)}
    nodes.update(n for s, _, o in edges for n in (s, o) if isinstance(n, URIRef))

    G = nx.MultiDiGraph()
    labels = _values(scan, RDFS.label, nodes, counted=True)
    alts = _values(scan, SKOS.altLabel, nodes)
    isos = _values(scan, GKG.isoCode, nodes)
    codes = {attr: _values(scan, GKG[prop], nodes) for attr, prop in COUNTRY_CODES.items()}
    titles = _values(scan, GKG.title, nodes)
    for n in sorted(nodes, key=str):
        label = labels[n][0] if labels[n] else _local_name(n)
        cls = sorted(classes[n], key=_RANK.__getitem__) or ["Actor"]
        G.add_node(
            str(n),
            label=label,
            cls=cls[0],
            classes=cls,
            iso=isos[n][0] if isos[n] else None,
            **{attr: country_code(attr, values[n]) for attr, values in codes.items()},
            title=titles[n][0] if titles[n] else None,
            alt_labels=sorted(set(alts[n] + labels[n][1:]) - {label}, key=_name_order),
        )
    for (s, rel, o), ev in sorted(edges.items(), key=lambda kv: (str(kv[0][0]), kv[0][1], str(kv[0][2]))):
        if str(s) not in G or str(o) not in G:
            continue  # a literal or blank node where an entity should be: not part of the network
        ev = _dedupe(ev)
        G.add_edge(
            str(s), str(o), key=rel, relation=rel, quad=RELATION_QUAD[rel], evidence=ev, weight=len(ev)
        )
    return G


class _Scanner:
    """Triple-pattern scans over a Graph, or over every named graph of a Dataset/ConjunctiveGraph."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph
        self.union = isinstance(graph, ConjunctiveGraph)

    def pairs(self, predicate: URIRef) -> Iterator[tuple[Node, Node]]:
        if self.union:
            for s, _, o, _ in self.graph.quads((None, predicate, None, None)):
                yield s, o
        else:
            for s, _, o in self.graph.triples((None, predicate, None)):
                yield s, o

    def by_subject(self, predicate: URIRef) -> dict[Node, Node]:
        return dict(self.pairs(predicate))


def _name_order(name: str) -> tuple[str, str]:
    """Names in dictionary order, and names that differ only in case always in the same order."""
    return name.casefold(), name


def _values(
    scan: _Scanner, predicate: URIRef, nodes: set[Node], *, counted: bool = False
) -> defaultdict[Node, list[str]]:
    """String values of ``predicate`` per node; with ``counted``, the most frequent value first."""
    seen: defaultdict[Node, Counter[str]] = defaultdict(Counter)
    for s, o in scan.pairs(predicate):
        if s in nodes and isinstance(o, Literal):
            seen[s][str(o)] += 1
    out: defaultdict[Node, list[str]] = defaultdict(list)
    for s, counts in seen.items():
        if counted:
            out[s] = sorted(counts, key=lambda v: (-counts[v], len(v), v))
        else:
            out[s] = sorted(counts, key=_name_order)
    return out


def _evidence(scan: _Scanner) -> dict[tuple[Node, str, Node], list[dict[str, Any]]]:
    """Evidence items from the rdf:Statement nodes, grouped by the (s, relation, o) they support."""
    predicates = {st: o for st, o in scan.pairs(RDF.predicate)}
    subjects = scan.by_subject(RDF.subject)
    objects = scan.by_subject(RDF.object)
    props = {
        name: scan.by_subject(p)
        for name, p in {
            "text": GKG.evidence,
            "doc": PROV.wasDerivedFrom,
            "start": GKG.charStart,
            "end": GKG.charEnd,
            "confidence": GKG.confidence,
            "rule": GKG.rule,
            "date": GKG.date,
            "modality": GKG.modality,
            "sector": GKG.actorSector,
        }.items()
    }
    docs = _documents(scan)

    out: dict[tuple[Node, str, Node], list[dict[str, Any]]] = defaultdict(list)
    for st, p in predicates.items():
        rel = _RELATION_IRIS.get(p)  # type: ignore[arg-type]
        if rel is None or st not in subjects or st not in objects:
            continue
        doc_node = props["doc"].get(st)
        doc = docs.get(doc_node, {}) if doc_node is not None else {}
        date = _text(props["date"].get(st)) or doc.get("date")
        out[(subjects[st], rel, objects[st])].append(
            {
                "text": _text(props["text"].get(st)) or "",
                "doc": doc.get("identifier") or (_text(doc_node) or ""),
                "title": doc.get("title"),
                "url": doc.get("url"),
                "date": date,
                "rule": _text(props["rule"].get(st)),
                "confidence": _number(props["confidence"].get(st), float),
                "modality": _text(props["modality"].get(st)),
                "sector": _text(props["sector"].get(st)),
                "start": _number(props["start"].get(st), int),
                "end": _number(props["end"].get(st), int),
            }
        )
    return out


def _documents(scan: _Scanner) -> dict[Node, dict[str, str | None]]:
    fields = {
        "identifier": DCTERMS.identifier,
        "title": DCTERMS.title,
        "date": DCTERMS.date,
        "url": DCTERMS.source,
    }
    values = {name: scan.by_subject(p) for name, p in fields.items()}
    docs = {s for s, o in scan.pairs(RDF.type) if o == GKG.Document}
    docs.update(values["identifier"])
    return {d: {name: _text(values[name].get(d)) for name in fields} for d in docs}


def _dedupe(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same statement may be read from several named graphs: keep one, in a stable order."""
    unique = {tuple(sorted((k, str(v)) for k, v in item.items())): item for item in items}
    return sorted(unique.values(), key=_evidence_order)


def _evidence_order(item: dict[str, Any]) -> tuple[Any, ...]:
    return (
        item["date"] or "9999",
        item["doc"],
        item["start"] if item["start"] is not None else -1,
        item["text"],
        item["rule"] or "",
    )


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _number(node: Node | None, kind: type) -> Any:
    if not isinstance(node, Literal):
        return None
    try:
        return kind(node.toPython())
    except (TypeError, ValueError):
        return None


def _local_name(node: Node) -> str:
    text = str(node).rstrip("/#")
    return unquote(text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]).replace("_", " ") or text
