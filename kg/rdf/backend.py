"""DocResults → a store's updates: the interface every store implements, and what they share.

A store holds one named graph per document (the graph name is the document IRI) plus the shared entities
graph (kg.rdf.namespace.ENTITIES_GRAPH, see kg.rdf.convert), and knows each document by its identifier and
content hash, so adding is idempotent: an unchanged document is skipped, a changed one replaces its graph.
:class:`Store` is that contract. Its ``put`` is written once, here: it decides per document (added,
replaced, unchanged) and hands the changes to the store's own ``_write``. Two stores implement it:
kg.rdf.store.GraphStore (embedded Oxigraph, or in memory) and kg.rdf.remote.RemoteStore (a SPARQL 1.1
server); kg.rdf.store.open_store picks one from the location's scheme. Neither imports the other.

The rest are the pieces both use: the bridges between rdflib and Oxigraph terms, the SPARQL text of a
write (``INSERT DATA``, a document's removal or replacement), the one-label rule for entities, the export
formats, and the rdflib Dataset view over an Oxigraph store.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS
from rdflib.query import Result

from kg.errors import StoreError
from kg.rdf.convert import doc_hash, document_quads, entity_quads, gc_entities_update
from kg.rdf.namespace import GKG, PREFIXES, STATS_GRAPH, bind_prefixes
from kg.rdf.stats import DROP_STATS
from kg.types import DocResult

EXPORT_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
DATASET_FORMATS = {"trig", "nq", "jsonld"}

DOCS_QUERY = f"""
SELECT ?g ?id ?hash WHERE {{
  GRAPH ?g {{ ?g <{DCTERMS.identifier}> ?id ; <{GKG.contentHash}> ?hash }}
}}"""


# ------------------------------------------------------------------------------------------ term bridges


def to_ox(term):
    """rdflib term → pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term):
    """pyoxigraph term → rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"not an Oxigraph term: {term!r}")


_LABEL = ox.NamedNode(str(RDFS.label))
_ALT_LABEL = ox.NamedNode(str(SKOS.altLabel))
_STATS = ox.NamedNode(str(STATS_GRAPH))


# ----------------------------------------------------------------------------------------- write texts


def one_label(own: list[ox.Quad], described: list[ox.Quad],
              labels: dict[str, ox.Literal]) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """Keep an entity to the preferred label it was first stored with.

    Documents name the same entity differently ("BAGHDAD" in a dateline, "Baghdad"; "Haider al-Abadi",
    "Haider Al Abadi"): the shared description keeps one rdfs:label, and a later document's different
    label becomes an skos:altLabel in that document's graph (so removing it removes the name).
    ``own`` is the document's graph (its node first), ``described`` its entity descriptions (see
    kg.rdf.convert); returns both with the labels settled. ``labels`` maps entity IRIs to their stored
    label; it is read and updated (documents in order).
    """
    kept, moved = [], []
    for q in described:
        if q.predicate == _LABEL:
            first = labels.setdefault(q.subject.value, q.object)
            if first != q.object:
                moved.append(ox.Quad(q.subject, _ALT_LABEL, q.object, own[0].graph_name))
                continue
        kept.append(q)
    return (list(dict.fromkeys(own + moved)) if moved else own), kept


def insert_data(quads: Iterable[ox.Quad]) -> str:
    """``INSERT DATA`` for quads, terms written in N-Triples syntax by Oxigraph (escaping included)."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    body = "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())
    return f"INSERT DATA {{\n{body}\n}}"


def remove_graph_update(old_graph: str) -> str:
    """One SPARQL update that deletes the descriptions of entities only this document mentions, then drops
    the document's graph and the derived counts (kg.rdf.stats)."""
    return gc_entities_update(old_graph) + f" ;\nDROP SILENT GRAPH <{old_graph}> ;\n{DROP_STATS}"


def replace_graph_update(old_graph: str, quads: list[ox.Quad]) -> str:
    """One SPARQL update that removes a document's old graph (as remove_graph_update) and inserts its new
    quads: its own graph and its entity descriptions (which restores those the new version still mentions)."""
    return remove_graph_update(old_graph) + " ;\n" + insert_data(quads)


# --------------------------------------------------------------------------------------------- reading


def serialize_quads(quads: Iterable[ox.Quad], fmt: str, stats: bool = False) -> bytes:
    """Serialize with Oxigraph's native writers; Turtle/N-Triples get the union of the graphs. The derived
    counts (stats graph) are left out unless ``stats``: an export holds the documents and entities, the
    same from any store."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"invalid export format {fmt!r}; valid: {', '.join(EXPORT_FORMATS)}")
    if not stats:
        quads = (q for q in quads if q.graph_name != _STATS)
    if fmt == "jsonld":  # compact, with the geokg @context inline (kg.rdf.jsonld)
        from kg.rdf.jsonld import compact_jsonld

        return compact_jsonld(quads)
    prefixes = dict(PREFIXES)
    if fmt in DATASET_FORMATS:
        items: Iterable = quads
    else:
        items = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    if fmt in ("nq", "nt"):
        prefixes = {}
    out = ox.serialize(items, format=EXPORT_FORMATS[fmt], prefixes=prefixes or None)
    return out if out is not None else b""


def dataset_view(store: ox.Store) -> Dataset:
    """An rdflib Dataset (oxrdflib) over a pyoxigraph Store, geokg's prefixes bound; the default graph is the
    union of the named graphs."""
    from oxrdflib import OxigraphStore

    ds = Dataset(store=OxigraphStore(store=store), default_union=True)
    bind_prefixes(ds)
    return ds


def union_graph(quads: Iterable[ox.Quad]) -> Graph:
    """The triples of ``quads``, graphs merged, as a plain in-memory rdflib Graph with geokg's prefixes."""
    g = Graph()
    bind_prefixes(g)
    for q in quads:
        g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return g


# ------------------------------------------------------------------------------------------- the store


@dataclass(frozen=True)
class Change:
    """One document to write: its own graph's quads (the document node first) and its entity descriptions
    (kg.rdf.convert.document_quads and entity_quads), and, when it replaces a stored version, that
    version's graph IRI."""

    own: list[ox.Quad]
    described: list[ox.Quad]
    old_graph: str | None = None
    prior: int = 0  # quads its graph already holds, written a piece at a time (Store.put_piece): not in ``quads``

    @property
    def quads(self) -> list[ox.Quad]:
        """Everything the document contributes: its own graph's quads, then its entity descriptions."""
        return self.own + self.described

    @property
    def graph(self) -> str:
        return self.own[0].graph_name.value


class Store(ABC):
    """A named-graph-per-document store: what ``kg build``, the CLI, the notebook and the server use.

    Subclasses give the reads and the store-specific half of writing (``_write``: apply a list of
    Changes, raising StoreError when that fails); ``put`` is shared.
    """

    kind: str
    persistent: bool  # outlives this process (then the derived counts are kept up to date)
    write_batch: int | None = None  # quads of changes handed to one _write; None: all of one put at once

    # -- bookkeeping
    @abstractmethod
    def documents(self) -> dict[str, tuple[str, str]]:
        """identifier → (graph IRI, content hash) of every stored document (cached; ``put`` updates it)."""

    @abstractmethod
    def _forget_documents(self) -> None:
        """Drop the cached ``documents()``: after a failed write it is read again from the store."""

    def is_current(self, identifier: str, content_hash: str) -> bool:
        known = self.documents().get(identifier)
        return known is not None and known[1] == content_hash

    # -- writes
    def put(self, results: Iterable[DocResult]) -> dict[str, str]:
        """Add documents; returns identifier → "added" | "replaced" | "unchanged".

        Each new or changed document becomes a Change (``prepare``); they go to ``_write`` in order, all at
        once or, with ``write_batch``, whenever that many quads are pending. A document's entity descriptions
        keep the label first stored (``one_label``; the stored labels are read once per write).
        """
        status: dict[str, str] = {}
        pending: list[Change] = []
        size = 0
        for r in results:
            change = self.prepare(r)
            ident = r.source.identifier
            if change is None:
                status.setdefault(ident, "unchanged")
                continue
            status[ident] = "replaced" if change.old_graph else "added"
            pending.append(change)
            size += len(change.own) + len(change.described)
            if self.write_batch is not None and size >= self.write_batch:  # (a remote store: bounded requests)
                self.write(pending)
                pending, size = [], 0
        self.write(pending)
        return status

    def prepare(self, r: DocResult) -> Change | None:
        """The first half of ``put`` for one document: its Change (its quads), or None when the store holds
        it already (same identifier, same text). From here on ``documents()`` counts it as stored, so hand
        the Change to ``write`` next (``kg build`` converts each document as it comes and writes a batch
        at a time, so that no conversion waits for the batch's end)."""
        docs = self.documents()
        ident, h = r.source.identifier, doc_hash(r.source)
        if ident in docs and docs[ident][1] == h:
            return None
        change = Change(document_quads(r), entity_quads(r), docs[ident][0] if ident in docs else None)
        docs[ident] = (change.graph, h)
        return change

    def write(self, changes: list[Change], wait: bool = True) -> None:
        """The second half of ``put``: write prepared Changes, in order (``write_batch`` quads at a time).
        With ``wait=False`` a store may hand the write on and return before it is done (the embedded store
        bulk-loads in a thread); whatever uses the store next waits for it first, and ``settle`` does."""
        pending: list[Change] = []
        size = 0
        for change in changes:
            pending.append(change)
            size += len(change.own) + len(change.described)
            if self.write_batch is not None and size >= self.write_batch:
                self._write_labelled(pending, wait)
                pending, size = [], 0
        if pending:
            self._write_labelled(pending, wait)

    def settle(self) -> None:
        """Wait for a write handed on by ``write(..., wait=False)``; a StoreError if it failed (then none of
        that write's documents are stored and ``documents()`` is read from the store again). A store
        that always writes before returning has nothing to wait for."""
        return None

    # -- a long document, a piece at a time (kg.pipeline): ``drop_partial``, ``put_piece``s, ``finish_pieces``
    @abstractmethod
    def drop_partial(self, graph: str) -> None:
        """Remove the graph of a document written in part, if there is one: before its first piece (what a
        build killed mid-document left), or when a piece fails. A document written in pieces is not one of
        ``documents()`` until ``finish_pieces``, so a run stopped before that does it again from the start."""

    @abstractmethod
    def put_piece(self, graph: str, quads: list[ox.Quad]) -> None:
        """Add quads to the graph of a document being written in pieces (``graph``, its document IRI; not yet
        a stored document): a piece's relation statements (in one atomic step in the embedded store; to a
        remote one in requests of its batch size)."""

    def finish_pieces(self, result: DocResult, prior: int) -> str:
        """Make the document whose statements ``put_piece`` wrote (``prior`` distinct quads in its graph) a
        stored one: ``result`` holds the rest of it (its entities, merged over the pieces, and no triples),
        written as ``put`` writes a document, so the identifier and content hash come last, with its
        mentions, names and entity descriptions; a stored older version is replaced in the same write.
        Returns "added" or "replaced"."""
        docs = self.documents()
        ident, h = result.source.identifier, doc_hash(result.source)
        old = docs.get(ident)
        change = Change(document_quads(result), entity_quads(result), old[0] if old is not None else None, prior)
        self._write_labelled([change])
        docs[ident] = (change.graph, h)
        return "replaced" if change.old_graph else "added"

    def _write_labelled(self, changes: list[Change], wait: bool = True) -> None:
        labels = self.stored_labels({q.subject.value for c in changes for q in c.described if q.predicate == _LABEL})
        settled = []
        for c in changes:
            own, described = one_label(c.own, c.described, labels)
            settled.append(Change(own, described, c.old_graph, c.prior))
        try:
            self._write(settled, wait)
        except StoreError:
            self._forget_documents()
            raise

    @abstractmethod
    def _write(self, changes: list[Change], wait: bool = True) -> None:
        """Apply ``changes`` (labels settled): insert the new documents, replace the changed ones (with
        ``wait=False``, perhaps after returning: see ``write``)."""

    @abstractmethod
    def stored_labels(self, entities: Iterable[str]) -> dict[str, ox.Literal]:
        """The rdfs:label each of ``entities`` (IRIs) already has in the entities graph."""

    @abstractmethod
    def remove(self, identifier: str) -> int:
        """Drop one document's graph and the descriptions of entities only it mentioned; returns the number
        of quads removed. An unknown identifier is a StoreError naming some stored ones."""

    def unknown_document(self, identifier: str) -> StoreError:
        ids = sorted(self.documents())
        hint = ", ".join(ids[:5]) + (" ..." if len(ids) > 5 else "")
        return StoreError(f"no document {identifier!r} in the store; stored: {hint or '(none)'}")

    # -- reads
    @abstractmethod
    def __len__(self) -> int:
        """Quads in the store's graphs."""

    @abstractmethod
    def quads(self) -> Iterator[ox.Quad] | Iterable[ox.Quad]:
        """Every quad of the store's graphs (the stats graph included)."""

    @abstractmethod
    def export(self, fmt: str, stats: bool = False) -> bytes:
        """The store in ``fmt`` (EXPORT_FORMATS); the stats graph only with ``stats``."""

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, object] | None = None) -> Result:
        """SPARQL over the union of the documents, ``bindings`` as initBindings would bind them."""

    def union_graph(self) -> Graph:
        """All triples as a plain in-memory rdflib Graph (for small stores and tools that need one)."""
        return union_graph(self.quads())

    @abstractmethod
    def dataset(self) -> Dataset:
        """An rdflib Dataset of the store; the default graph is the union."""

    @abstractmethod
    def refresh_stats(self) -> bool:
        """Recompute the derived counts (kg.rdf.stats) unless they are current; True if it recomputed."""

    @abstractmethod
    def close(self) -> None:
        """Finish: recompute the counts if this writer changed documents (persistent stores)."""
