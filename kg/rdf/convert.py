"""Extraction results → RDF quads: one named graph per document, entities and relations with provenance.

Layout of a store:

* each document's named graph (graph name = document IRI) holds the document node, its relation triples,
  their ``rdf:Statement`` provenance, ``?doc gkg:mentions ?entity`` for every entity the document
  mentions, and the ``skos:altLabel`` surface forms seen in that document;
* one shared named graph, :data:`ENTITIES_GRAPH`, holds each entity's description once: ``rdf:type``,
  ``rdfs:label``, ``gkg:isoCode`` and a state's other codes (``gkg:isoAlpha2``, ``gkg:isoNumeric``,
  ``gkg:gwCode``, ``gkg:cameoCode``; kg.rdf.ids), ``gkg:title``. A store deletes from it every entity
  that no document mentions any more after a removal or replacement (see :func:`gc_entities_update`).

The union default graph that queries see is a multiset (one copy per graph holding a triple), so keeping
descriptions once is what lets the named queries join on labels and types without multiplying rows.

Everything here is deterministic: the same entity key gives the same IRI in every document, and the same
document (identifier + text) gives the same graph, so re-adding it changes nothing.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.rdf.ids import state_ids
from kg.rdf.namespace import DOC, ENTITIES_GRAPH, GKG, ID
from kg.types import DocResult, Entity, Source, Triple

_SAFE = "-_.~/"
_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
def _segment(part: str) -> str:
    # "." and ".." would be removed by IRI resolution (RFC 3986 5.2.4) in some parsers: encode them
    return part.replace(".", "%2E") if part in (".", "..") else part


def entity_iri(key: str) -> URIRef:
    """IRI of an entity key such as ``state/PAK`` or ``person/james-mattis``; any key gives a valid IRI.

    >>> str(entity_iri("person/james-mattis")), str(entity_iri("place/پشاور"))
    ('https://w3id.org/geokg/id/person/james-mattis', 'https://w3id.org/geokg/id/place/%D9%BE%D8%B4%D8%A7%D9%88%D8%B1')
    """
    quoted = quote(key, safe=_SAFE, errors="surrogatepass")
    return URIRef(ID + "/".join(_segment(p) for p in quoted.split("/")))


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_literal(text: str) -> str:
    """Text safe for every RDF syntax: lone surrogates → U+FFFD, NUL and other C0 controls but tab/newline/CR → space."""
    if text.isprintable():  # neither a surrogate nor a control character: the common case, left as it is
        return text
    return _CONTROL.sub(" ", _SURROGATE.sub("\ufffd", text))


def doc_hash(source: Source) -> str:
    """Content hash of a document: identifier and text together."""
    h = hashlib.sha256()
    h.update(source.identifier.encode("utf-8", "surrogatepass"))
    h.update(b"\x00")
    h.update(source.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


def doc_iri(source: Source) -> URIRef:
    return URIRef(DOC + doc_hash(source))


def statement_iri(doc: URIRef, t: Triple) -> URIRef:
    return URIRef(f"{doc}/st/{_statement_key(t)}")


def _statement_key(t: Triple) -> str:
    key = "\x1f".join(map(str, (t.subject, t.relation, t.object, t.char_start, t.char_end, t.rule)))
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# The quads are made as Oxigraph terms, the store's own: building rdflib terms to convert them would cost
# as much again. Lexical forms are those rdflib gives the same values (integers, decimals as ``f"{d:f}"``).
_TYPE = ox.NamedNode(str(RDF.type))
_LABEL = ox.NamedNode(str(RDFS.label))
_ALT_LABEL = ox.NamedNode(str(SKOS.altLabel))
_STATEMENT = ox.NamedNode(str(RDF.Statement))
_SUBJECT, _PREDICATE, _OBJECT = (ox.NamedNode(str(t)) for t in (RDF.subject, RDF.predicate, RDF.object))
_DERIVED_FROM = ox.NamedNode(str(PROV.wasDerivedFrom))
_IDENTIFIER, _TITLE, _DATE, _SOURCE = (ox.NamedNode(str(t)) for t in (DCTERMS.identifier, DCTERMS.title,
                                                                       DCTERMS.date, DCTERMS.source))
_XSD_DATE, _XSD_INTEGER, _XSD_DECIMAL, _XSD_ANY_URI = (ox.NamedNode(str(t)) for t in (XSD.date, XSD.integer,
                                                                                       XSD.decimal, XSD.anyURI))
_ENTITIES = ox.NamedNode(str(ENTITIES_GRAPH))
_MENTIONS = ox.NamedNode(str(GKG.mentions))
_EVIDENCE, _CHAR_START, _CHAR_END, _CONFIDENCE, _RULE, _STATEMENT_DATE, _MODALITY, _SECTOR, _ISSUE = (
    ox.NamedNode(str(GKG[name])) for name in ("evidence", "charStart", "charEnd", "confidence", "rule", "date",
                                              "modality", "actorSector", "issue"))


@functools.lru_cache(maxsize=256)
def _gkg(name: str) -> ox.NamedNode:
    """A term of the closed ontology namespace (a class or property name)."""
    return ox.NamedNode(str(GKG[name]))


@functools.lru_cache(maxsize=1 << 16)
def _entity_node(key: str) -> ox.NamedNode:
    return ox.NamedNode(str(entity_iri(key)))


def _text(value: str) -> ox.Literal:
    return ox.Literal(clean_literal(value))


@functools.lru_cache(maxsize=4096)
def _date(value: str) -> ox.Literal | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        return ox.Literal(value, datatype=_XSD_DATE)
    return None


def _entity_quads(e: Entity) -> tuple[ox.Quad, ...]:
    """The shared description of an entity, in the entities graph."""
    return _description(e.key, e.cls, e.label, e.iso, e.title)


@functools.lru_cache(maxsize=4096)  # the entities that recur (states, big groups); bounded: ~500 bytes a quad
def _description(key: str, cls: str, label: str, iso: str | None, title: str | None) -> tuple[ox.Quad, ...]:
    """Made once per distinct description: every document that mentions an entity describes it again."""
    node, g = _entity_node(key), _ENTITIES
    quads = [ox.Quad(node, _TYPE, _gkg(cls), g), ox.Quad(node, _LABEL, _text(label), g)]
    if iso:
        quads.append(ox.Quad(node, _gkg("isoCode"), ox.Literal(iso), g))
        quads.extend(_country_code_quads(node, iso, g))
    if title:
        quads.append(ox.Quad(node, _gkg("title"), _text(title), g))
    return tuple(quads)


def _country_code_quads(node: ox.NamedNode, iso: str, g: ox.NamedNode) -> Iterator[ox.Quad]:
    """A state's codes in outside classifications (kg.rdf.ids); a code its source lacks is left out."""
    ids = state_ids(iso)
    for name, value in (("isoAlpha2", ids.alpha2), ("isoNumeric", ids.numeric), ("cameoCode", ids.cameo)):
        if value is not None:
            yield ox.Quad(node, _gkg(name), ox.Literal(value), g)
    if ids.gw is not None:
        yield ox.Quad(node, _gkg("gwCode"), ox.Literal(str(ids.gw), datatype=_XSD_INTEGER), g)


def _mention_quads(e: Entity, doc: ox.NamedNode) -> Iterator[ox.Quad]:
    """What one document says about an entity it mentions, in the document's graph.

    skos:altLabel stays here rather than in the entities graph: alternative names are the surface forms
    seen in a document, so removing the document removes exactly the names only it used; and no named
    query joins on them (names are resolved to IRIs before a query runs, with SELECT DISTINCT), so their
    repetition across documents in the union default graph multiplies no rows.
    """
    node = _entity_node(e.key)
    yield ox.Quad(doc, _MENTIONS, node, doc)
    if e.alt_labels:
        for alt in sorted(e.alt_labels):
            if alt != e.label:
                yield ox.Quad(node, _ALT_LABEL, _text(alt), doc)


def _triple_quads(t: Triple, key: str, doc_uri: str, doc: ox.NamedNode, relation: bool = True) -> list[ox.Quad]:
    """A relation triple (unless ``relation`` is false: the document states it already) and its
    ``rdf:Statement`` (provenance, named by ``key``: _statement_key), in the document's graph. These are the
    quads of every triple of every document, so written for speed (the recurring terms are made once)."""
    s, p, o = _entity_node(t.subject), _gkg(t.relation), _entity_node(t.object)
    st = ox.NamedNode(f"{doc_uri}/st/{key}")
    quad = ox.Quad
    quads = [quad(s, p, o, doc)] if relation else []
    quads += [
        quad(st, _TYPE, _STATEMENT, doc),
        quad(st, _SUBJECT, s, doc),
        quad(st, _PREDICATE, p, doc),
        quad(st, _OBJECT, o, doc),
        quad(st, _EVIDENCE, _text(t.evidence), doc),
        quad(st, _DERIVED_FROM, doc, doc),
        quad(st, _CHAR_START, ox.Literal(str(t.char_start), datatype=_XSD_INTEGER), doc),
        quad(st, _CHAR_END, ox.Literal(str(t.char_end), datatype=_XSD_INTEGER), doc),
        quad(st, _CONFIDENCE, _confidence(t.confidence), doc),
        quad(st, _RULE, _plain(t.rule), doc),
    ]
    if t.date and (d := _date(t.date)) is not None:
        quads.append(quad(st, _STATEMENT_DATE, d, doc))
    if t.modality:
        quads.append(quad(st, _MODALITY, _plain(t.modality), doc))
    if t.sector:
        quads.append(quad(st, _SECTOR, _plain(t.sector), doc))
    if t.issue:
        quads.append(quad(st, _ISSUE, _text(t.issue), doc))
    return quads


@functools.lru_cache(maxsize=1024)
def _confidence(value: float) -> ox.Literal:
    return ox.Literal(f"{Decimal(str(round(value, 3))):f}", datatype=_XSD_DECIMAL)


@functools.lru_cache(maxsize=1024)
def _plain(value: str) -> ox.Literal:
    """A literal from a small closed set (rule names, modalities, sectors): made once each."""
    return ox.Literal(value)


def document_quads(result: DocResult) -> list[ox.Quad]:
    """The quads of one document's own named graph (graph name = document IRI); the document node first."""
    src = result.source
    content_hash = doc_hash(src)
    doc_uri = f"{DOC}{content_hash}"  # doc_iri(src), without an rdflib term
    doc = ox.NamedNode(doc_uri)
    quads: list[ox.Quad] = [
        ox.Quad(doc, _TYPE, _gkg("Document"), doc),
        ox.Quad(doc, _IDENTIFIER, _text(src.identifier), doc),
        ox.Quad(doc, _gkg("contentHash"), ox.Literal(content_hash), doc),
    ]
    if src.title:
        quads.append(ox.Quad(doc, _TITLE, _text(src.title), doc))
    if src.date and (d := _date(src.date)) is not None:
        quads.append(ox.Quad(doc, _DATE, d, doc))
    if src.url:
        url = clean_literal(src.url)
        node = ox.NamedNode(url) if _URL.fullmatch(url) else ox.Literal(url, datatype=_XSD_ANY_URI)
        quads.append(ox.Quad(doc, _SOURCE, node, doc))
    for e in result.entities:
        quads.extend(_mention_quads(e, doc))
    # No quad twice, without hashing every quad: only a relation stated twice (its relation quad is then
    # written once, here), an entity listed twice or a statement made twice (same key) can repeat quads; the
    # last two are rare, and then every quad is hashed
    relations: set[tuple[str, str, str]] = set()
    statements: set[str] = set()
    repeated = len({e.key for e in result.entities}) < len(result.entities)
    for t in result.triples:
        key, relation = _statement_key(t), (t.subject, t.relation, t.object)
        repeated = repeated or key in statements
        quads.extend(_triple_quads(t, key, doc_uri, doc, relation not in relations))
        relations.add(relation)
        statements.add(key)
    return list(dict.fromkeys(quads)) if repeated else quads


def entity_quads(result: DocResult) -> list[ox.Quad]:
    """The descriptions of the document's entities, in the shared entities graph (:data:`ENTITIES_GRAPH`)."""
    return list(dict.fromkeys(q for e in result.entities for q in _entity_quads(e)))


def all_quads(result: DocResult) -> list[ox.Quad]:
    """Everything a document contributes: its own graph's quads (first), then its entity descriptions."""
    return document_quads(result) + entity_quads(result)


def statement_quads(doc_uri: URIRef, triples: Iterable[Triple]) -> list[ox.Quad]:
    """The relation statements' quads in the graph of document ``doc_uri`` (``doc_iri``): what
    ``document_quads`` makes of the triples, for a long document written a piece at a time (kg.pipeline)."""
    doc = ox.NamedNode(str(doc_uri))
    return list(dict.fromkeys(q for t in triples for q in _triple_quads(t, _statement_key(t), str(doc_uri), doc)))


def gc_entities_update(removed_graph: str | None = None) -> str:
    """SPARQL update deleting from the entities graph every entity no document mentions any more.

    With ``removed_graph`` (a document graph about to be dropped: run this first, then DROP it), only the
    entities that document mentions are checked and its own mentions do not count, so the cost follows the
    document's size, not the store's. Without it, every entity in the entities graph is checked.
    """
    e, mentions = f"<{ENTITIES_GRAPH}>", f"<{GKG.mentions}>"
    if removed_graph is None:
        return (f"DELETE {{ GRAPH {e} {{ ?e ?p ?o }} }}\nWHERE {{\n  GRAPH {e} {{ ?e ?p ?o }}\n"
                f"  FILTER NOT EXISTS {{ GRAPH ?g {{ ?d {mentions} ?e }} }}\n}}")
    old = f"<{removed_graph}>"
    return (f"DELETE {{ GRAPH {e} {{ ?e ?p ?o }} }}\nWHERE {{\n  GRAPH {old} {{ {old} {mentions} ?e }}\n"
            f"  GRAPH {e} {{ ?e ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?g {{ ?d {mentions} ?e }} FILTER(?g != {old}) }}\n}}")
