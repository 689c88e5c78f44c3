"""Extraction results → RDF quads: one named graph per document, entities and relations with provenance.

Layout of a store:

* each document's named graph (graph name = document IRI) holds the document node, its relation triples,
  their ``rdf:Statement`` provenance, ``?doc gkg:mentions ?entity`` for every entity the document
  mentions, and the ``skos:altLabel`` surface forms seen in that document;
* one shared named graph, :data:`ENTITIES_GRAPH`, holds each entity's description once: ``rdf:type``,
  ``rdfs:label``, ``gkg:isoCode``, ``gkg:title``. A store deletes from it every entity that no document
  mentions any more after a removal or replacement (see :func:`gc_entities_update`).

The union default graph that queries see is a multiset (one copy per graph holding a triple), so keeping
descriptions once is what lets the named queries join on labels and types without multiplying rows.

Everything here is deterministic: the same entity key gives the same IRI in every document, and the same
document (identifier + text) gives the same graph, so re-adding it changes nothing.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.rdf.namespace import DOC, ENTITIES_GRAPH, GKG, ID
from kg.types import DocResult, Entity, Source, Triple

Quad = tuple[URIRef, URIRef, object, URIRef]

_SAFE = "-_.~/"
_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
MAX_SLUG = 80


def _slug_char(ch: str) -> str:
    """Letters, digits and combining marks (Devanagari vowel signs, Arabic harakat) stay; the rest is '-'."""
    return ch if unicodedata.category(ch)[0] in "LNM" else "-"


def slug(name: str) -> str:
    """A readable, stable IRI segment for any name (unicode kept, percent-encoded later; long names hashed).

    >>> slug("Lashkar-e-Taiba"), slug("U.S. Army"), slug("भारत"), slug("!!!")
    ('lashkar-e-taiba', 'u-s-army', 'भारत', 'x-9a7b006d203b')
    """
    norm = unicodedata.normalize("NFKC", name).casefold()
    norm = re.sub("-{2,}", "-", "".join(map(_slug_char, norm))).strip("-")
    if not norm:
        return "x-" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    if len(norm) > MAX_SLUG:
        digest = hashlib.sha1(norm.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        norm = norm[:MAX_SLUG].rstrip("-") + "-" + digest
    return norm


def _segment(part: str) -> str:
    # "." and ".." would be removed by IRI resolution (RFC 3986 5.2.4) in some parsers: encode them
    return part.replace(".", "%2E") if part in (".", "..") else part


@functools.lru_cache(maxsize=1 << 16)  # an entity recurs in many quads and documents
def entity_iri(key: str) -> URIRef:
    """IRI of an entity key such as ``state/PAK`` or ``person/james-mattis``; any key gives a valid IRI.

    >>> str(entity_iri("person/james-mattis")), str(entity_iri("place/پشاور"))
    ('https://w3id.org/geokg/id/person/james-mattis', 'https://w3id.org/geokg/id/place/%D9%BE%D8%B4%D8%A7%D9%88%D8%B1')
    """
    quoted = quote(key, safe=_SAFE, errors="surrogatepass")
    return URIRef(ID + "/".join(_segment(p) for p in quoted.split("/")))


def clean_literal(text: str) -> str:
    """Text safe for every RDF syntax: lone surrogates → U+FFFD, NUL and other C0 controls but tab/newline/CR → space."""
    text = re.sub("[\ud800-\udfff]", "\ufffd", text)
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)


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
    key = "\x1f".join(map(str, (t.subject, t.relation, t.object, t.char_start, t.char_end, t.rule)))
    return URIRef(f"{doc}/st/{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}")


def _date(value: str) -> Literal | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        return Literal(value, datatype=XSD.date)
    return None


def _entity_quads(e: Entity) -> Iterator[Quad]:
    """The shared description of an entity, in the entities graph."""
    node, g = entity_iri(e.key), ENTITIES_GRAPH
    yield node, RDF.type, GKG[e.cls], g
    yield node, RDFS.label, Literal(clean_literal(e.label)), g
    if e.iso:
        yield node, GKG.isoCode, Literal(e.iso), g
    if e.title:
        yield node, GKG.title, Literal(clean_literal(e.title)), g


def _mention_quads(e: Entity, doc: URIRef, g: URIRef) -> Iterator[Quad]:
    """What one document says about an entity it mentions, in the document's graph.

    skos:altLabel stays here rather than in the entities graph: alternative names are the surface forms
    seen in a document, so removing the document removes exactly the names only it used; and no named
    query joins on them (names are resolved to IRIs before a query runs, with SELECT DISTINCT), so their
    repetition across documents in the union default graph multiplies no rows.
    """
    node = entity_iri(e.key)
    yield doc, GKG.mentions, node, g
    for alt in sorted(e.alt_labels):
        if alt != e.label:
            yield node, SKOS.altLabel, Literal(clean_literal(alt)), g


def _triple_quads(t: Triple, doc: URIRef, g: URIRef) -> Iterator[Quad]:
    s, p, o = entity_iri(t.subject), GKG[t.relation], entity_iri(t.object)
    st = statement_iri(doc, t)
    yield s, p, o, g
    yield st, RDF.type, RDF.Statement, g
    yield st, RDF.subject, s, g
    yield st, RDF.predicate, p, g
    yield st, RDF.object, o, g
    yield st, GKG.evidence, Literal(clean_literal(t.evidence)), g
    yield st, PROV.wasDerivedFrom, doc, g
    yield st, GKG.charStart, Literal(t.char_start), g
    yield st, GKG.charEnd, Literal(t.char_end), g
    yield st, GKG.confidence, Literal(Decimal(str(round(t.confidence, 3)))), g
    yield st, GKG.rule, Literal(t.rule), g
    if t.date and (d := _date(t.date)) is not None:
        yield st, GKG.date, d, g
    if t.modality:
        yield st, GKG.modality, Literal(t.modality), g
    if t.sector:
        yield st, GKG.actorSector, Literal(t.sector), g


def document_quads(result: DocResult) -> list[Quad]:
    """The quads of one document's own named graph (graph name = document IRI); the document node first."""
    src = result.source
    doc = doc_iri(src)
    g = doc
    quads: list[Quad] = [
        (doc, RDF.type, GKG.Document, g),
        (doc, DCTERMS.identifier, Literal(clean_literal(src.identifier)), g),
        (doc, GKG.contentHash, Literal(doc_hash(src)), g),
    ]
    if src.title:
        quads.append((doc, DCTERMS.title, Literal(clean_literal(src.title)), g))
    if src.date and (d := _date(src.date)) is not None:
        quads.append((doc, DCTERMS.date, d, g))
    if src.url:
        url = clean_literal(src.url)
        node = URIRef(url) if _URL.fullmatch(url) else Literal(url, datatype=XSD.anyURI)
        quads.append((doc, DCTERMS.source, node, g))
    for e in result.entities:
        quads.extend(_mention_quads(e, doc, g))
    for t in result.triples:
        quads.extend(_triple_quads(t, doc, g))
    return list(dict.fromkeys(quads))


def entity_quads(result: DocResult) -> list[Quad]:
    """The descriptions of the document's entities, in the shared entities graph (:data:`ENTITIES_GRAPH`)."""
    return list(dict.fromkeys(q for e in result.entities for q in _entity_quads(e)))


def all_quads(result: DocResult) -> list[Quad]:
    """Everything a document contributes: its own graph's quads (first), then its entity descriptions."""
    return document_quads(result) + entity_quads(result)


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
