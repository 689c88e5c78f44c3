"""Where graphs live: an in-memory rdflib Dataset, an embedded Oxigraph directory, or a remote SPARQL store.

Every store keeps one named graph per document (the graph name is the document IRI) plus the shared
entities graph (kg.rdf.namespace.ENTITIES_GRAPH, see kg.rdf.convert), and knows each document by its
identifier and content hash, so adding is idempotent: an unchanged document is skipped, a changed one
replaces its graph, and ``remove`` drops one document without touching the others; entity descriptions
no document mentions any more are deleted in the same update. Persistent stores also keep derived
counts (per actor, per document) in a stats graph (kg.rdf.stats): dropped by every write that changes
documents and recomputed when the writer closes the store.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import DCTERMS, RDFS, SKOS
from rdflib.query import Result

from kg.errors import StoreError
from kg.rdf.convert import all_quads, doc_hash, gc_entities_update
from kg.rdf.namespace import ENTITIES_GRAPH, GKG, PREFIXES, STATS_GRAPH, bind_prefixes
from kg.rdf.stats import DROP_STATS, current_query, refresh_update
from kg.rdf.substitute import fold_params
from kg.types import DocResult

EXPORT_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
DATASET_FORMATS = {"trig", "nq", "jsonld"}
COMPACT_GROWTH = 10  # close() compacts a persistent store when a writer wrote 1/COMPACT_GROWTH of its documents

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
_ENTITIES = ox.NamedNode(str(ENTITIES_GRAPH))
_STATS = ox.NamedNode(str(STATS_GRAPH))


def one_label(quads: list[ox.Quad], labels: dict[str, ox.Literal]) -> list[ox.Quad]:
    """Keep an entity to the preferred label it was first stored with.

    Documents name the same entity differently ("BAGHDAD" in a dateline, "Baghdad"; "Haider al-Abadi",
    "Haider Al Abadi"): the shared description keeps one rdfs:label, and a later document's different
    label becomes an skos:altLabel in that document's graph (so removing it removes the name).
    ``labels`` maps entity IRIs to their stored label; it is read and updated (documents in order).
    The document's own graph is the graph of the first quad (see kg.rdf.convert.all_quads).
    """
    doc_graph = quads[0].graph_name
    out = []
    for q in quads:
        if q.predicate == _LABEL and q.graph_name == _ENTITIES:
            first = labels.setdefault(q.subject.value, q.object)
            if first != q.object:
                out.append(ox.Quad(q.subject, _ALT_LABEL, q.object, doc_graph))
                continue
        out.append(q)
    return list(dict.fromkeys(out))


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


def serialize_quads(quads: Iterable[ox.Quad], fmt: str) -> bytes:
    """Serialize with Oxigraph's native writers; Turtle/N-Triples get the union of the graphs. The derived
    counts (stats graph) are left out: an export holds the documents and entities, the same from any store."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"invalid export format {fmt!r}; valid: {', '.join(EXPORT_FORMATS)}")
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


class OxResult(Result):
    """A SELECT result over pyoxigraph QuerySolutions that converts rows to rdflib terms only when read.

    It behaves as an rdflib Result (``vars``, iteration, ``row[var]``, ``bindings``, ``serialize``), but a
    caller that only renders it (``kg.rdf.sparql.format_result``) can take the solutions with ``take_ox``
    and write them straight from Oxigraph's terms, skipping one rdflib term per cell.
    """

    def __init__(self, solutions: ox.QuerySolutions):
        super().__init__("SELECT")
        self.vars = [Variable(v.value) for v in solutions.variables]
        self._ox_solutions: ox.QuerySolutions | None = solutions
        self.bindings = self._convert()

    def _convert(self):
        solutions, self._ox_solutions = self._ox_solutions, None
        if solutions is None:
            return
        names = self.vars
        for solution in solutions:
            yield {v: from_ox(t) for v, t in zip(names, solution, strict=True) if t is not None}

    def take_ox(self) -> ox.QuerySolutions | None:
        """The unread pyoxigraph solutions (once; None when rows were already read as rdflib terms)."""
        solutions, self._ox_solutions = self._ox_solutions, None
        if solutions is not None:
            self._genbindings = None
        return solutions


_PREFIX_MAP: dict[str, str] | None = None


def query_prefixes() -> dict[str, str]:
    """The prefixes a query may use without declaring them (rdflib's defaults plus geokg's), as oxrdflib gives."""
    global _PREFIX_MAP
    if _PREFIX_MAP is None:
        ds = Dataset()
        bind_prefixes(ds)
        _PREFIX_MAP = {p: str(ns) for p, ns in ds.namespaces()}
    return _PREFIX_MAP


def ox_query_result(result) -> Result:
    """A pyoxigraph query result as an rdflib Result (SELECT rows converted lazily, see OxResult)."""
    if isinstance(result, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(result)
        return out
    if isinstance(result, ox.QuerySolutions):
        return OxResult(result)
    out = Result("CONSTRUCT")
    out.graph = Graph()
    out.graph += (tuple(from_ox(t) for t in (tr.subject, tr.predicate, tr.object)) for tr in result)
    return out


# ------------------------------------------------------------------------------------------------ stores


class _Handle:
    """One open Oxigraph store and what is known of its documents, shared by every GraphStore on it."""

    def __init__(self, store: ox.Store, directory: tuple[int, int] | None = None):
        self.ox = store
        self.directory = directory  # (device, inode) of the directory it opened
        self.docs: dict[str, tuple[str, str]] | None = None  # identifier -> (graph IRI, hash)
        self.dirty = False  # documents changed since opened: close() recomputes the stats
        self.written = 0  # documents added, replaced or removed since the last close(), which compacts
        # the store when they are a tenth of it


_OPEN: weakref.WeakValueDictionary[str, _Handle] = weakref.WeakValueDictionary()
"""Directories open in this process. RocksDB lets one handle at a time hold a directory, so a second
GraphStore on the same path (a notebook cell run again) shares the first one's handle; it is released
when no GraphStore uses it any more."""


def _open_handle(path: Path | None) -> _Handle:
    if path is None:
        return _Handle(ox.Store())
    key, directory = str(path.resolve()), _identity(path)
    handle = _OPEN.get(key)
    if handle is None or handle.directory != directory:  # not open, or deleted and made anew since
        try:
            store = ox.Store(str(path))
        except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB reports corruption so
            raise StoreError(open_error(path, exc)) from exc
        handle = _OPEN[key] = _Handle(store, _identity(path))  # the directory exists now, if it did not
    return handle


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def open_error(path: Path, exc: Exception) -> str:
    """The one-line message for a directory Oxigraph cannot open; a held lock says who to wait for."""
    if "lock hold by current process" in str(exc):
        return (f"store {str(path)!r} is still open in this process (a query result or an object made from "
                "an earlier KnowledgeGraph or GraphStore on it is alive); use that, or delete it first")
    if "LOCK" in str(exc):
        return (f"store {str(path)!r} is in use by another process (an embedded store has one user at a time: "
                "a running kg build, kg serve or notebook holds it); wait for it to finish, or, while kg serve "
                "runs on it, go through the server: --store sparql+http://127.0.0.1:PORT/sparql (writing needs "
                "kg serve --allow-update --token T and KG_SPARQL_TOKEN=T)")
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return f"cannot open store {str(path)!r}: {reason}; give a directory path or sparql+http://..."


class GraphStore:
    """A named-graph-per-document store backed by a pyoxigraph Store (in memory or on disk).

    GraphStores opened on the same directory in one process share one Oxigraph handle (see ``_OPEN``).
    """

    kind = "oxigraph"

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else None
        self._handle = _open_handle(self.path)
        self._ox = self._handle.ox

    @property
    def persistent(self) -> bool:
        """Whether the store outlives this process (only persistent stores keep derived counts up to date)."""
        return self.path is not None

    # -- bookkeeping
    def documents(self) -> dict[str, tuple[str, str]]:
        """identifier → (graph IRI, content hash) of every stored document."""
        handle = self._handle
        if handle.docs is None:
            handle.docs = {row["id"].value: (row["g"].value, row["hash"].value) for row in self._ox.query(DOCS_QUERY)}
        return handle.docs

    def is_current(self, identifier: str, content_hash: str) -> bool:
        known = self.documents().get(identifier)
        return known is not None and known[1] == content_hash

    # -- writes
    def put(self, results: Iterable[DocResult]) -> dict[str, str]:
        """Add documents; returns identifier → "added" | "replaced" | "unchanged".

        New documents are inserted in one transaction (their entity descriptions merge into the shared
        entities graph: a quad already there is not added twice); each changed document is replaced
        atomically (its old graph dropped, the new one inserted and orphaned entity descriptions deleted by
        a single SPARQL update), so a reader never sees a document missing or doubled.
        """
        docs = self.documents()
        status: dict[str, str] = {}
        added: list[ox.Quad] = []
        replaced: list[tuple[str, list[ox.Quad]]] = []
        labels: dict[str, ox.Literal] = {}
        for r in results:
            ident, h = r.source.identifier, doc_hash(r.source)
            if ident in docs and docs[ident][1] == h:
                status.setdefault(ident, "unchanged")
                continue
            qs = all_quads(r)
            labels.update(self.stored_labels(
                q.subject.value for q in qs if q.graph_name == _ENTITIES and q.subject.value not in labels))
            qs = one_label(qs, labels)
            if ident in docs:
                replaced.append((docs[ident][0], qs))
                status[ident] = "replaced"
            else:
                added.extend(qs)
                status[ident] = "added"
            docs[ident] = (qs[0].graph_name.value, h)
        try:
            if added:
                self._ox.update(DROP_STATS)
                self._ox.bulk_extend(added) if self.path is None else self._ox.extend(added)
            for old_graph, qs in replaced:
                self._ox.update(replace_graph_update(old_graph, qs))
        except OSError as exc:
            self._handle.docs = None
            raise StoreError(f"cannot write to store {str(self.path)!r}: {exc}") from exc
        self._handle.dirty = self._handle.dirty or bool(added or replaced)
        self._handle.written += sum(1 for v in status.values() if v != "unchanged")
        if self.path is not None:
            self._ox.flush()
        return status

    def stored_labels(self, entities: Iterable[str]) -> dict[str, ox.Literal]:
        """The rdfs:label each of ``entities`` (IRIs) already has in the entities graph."""
        out: dict[str, ox.Literal] = {}
        for iri in set(entities):
            stored = next(self._ox.quads_for_pattern(ox.NamedNode(iri), _LABEL, None, _ENTITIES), None)
            if stored is not None:
                out[iri] = stored.object
        return out

    def remove(self, identifier: str) -> int:
        """Drop one document's graph and the descriptions of entities only it mentioned (one atomic
        update); returns the number of quads removed."""
        known = self.documents().get(identifier)
        if known is None:
            ids = sorted(self.documents())
            hint = ", ".join(ids[:5]) + (" ..." if len(ids) > 5 else "")
            raise StoreError(f"no document {identifier!r} in the store; stored: {hint or '(none)'}")
        n = self._count(known[0]) + self._count(str(ENTITIES_GRAPH))
        self._ox.update(remove_graph_update(known[0]))
        n -= self._count(str(ENTITIES_GRAPH))
        del self.documents()[identifier]
        self._handle.dirty = True
        self._handle.written += 1
        if self.path is not None:
            self._ox.flush()
        return n

    # -- reads
    def _count(self, graph: str) -> int:
        return sum(1 for _ in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def __len__(self) -> int:
        return len(self._ox)

    def quads(self) -> Iterable[ox.Quad]:
        return self._ox.quads_for_pattern(None, None, None, None)

    def export(self, fmt: str) -> bytes:
        return serialize_quads(self.quads(), fmt)

    def dataset(self) -> Dataset:
        """An rdflib Dataset view (oxrdflib) over the same Oxigraph store; the default graph is the union."""
        from oxrdflib import OxigraphStore

        ds = Dataset(store=OxigraphStore(store=self._ox), default_union=True)
        bind_prefixes(ds)
        return ds

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None) -> Result:
        """SPARQL over the union of all documents, user values bound with initBindings.

        Runs on pyoxigraph directly and returns an rdflib Result whose SELECT rows are converted lazily
        (OxResult). The values are written into the query as constants where that means the same
        (kg.rdf.substitute: Oxigraph then plans around them), else passed as Oxigraph ``substitutions``."""
        folded = fold_params(sparql, bindings or {})
        if folded is not None:
            try:
                return ox_query_result(self._ox.query(folded, use_default_graph_as_union=True,
                                                      prefixes=query_prefixes()))
            except SyntaxError:
                pass  # a value where SPARQL takes no constant (a literal as a graph name): substitute it
        subs = {ox.Variable(str(k).lstrip("?$")): to_ox(v) for k, v in (bindings or {}).items()}
        return ox_query_result(self._ox.query(sparql, use_default_graph_as_union=True, prefixes=query_prefixes(),
                                              substitutions=subs))

    def union_graph(self) -> Graph:
        """All triples as a plain in-memory rdflib Graph (for small stores and tools that need one)."""
        g = Graph()
        bind_prefixes(g)
        for q in self._ox.quads_for_pattern(None, None, None, None):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return g

    def refresh_stats(self) -> bool:
        """Recompute the derived counts (kg.rdf.stats) unless they are current; True if it recomputed."""
        if self._ox.query(current_query()):
            return False
        self._ox.update(refresh_update())
        self._handle.dirty = False
        return True

    def close(self) -> None:
        """Recompute the counts if this writer changed documents (persistent stores), and flush.

        A writer that wrote at least a tenth of the store's documents also compacts it (RocksDB's files merged
        into one sorted run): index lookups are then 10-25 % faster (1M quads: based-in, events,
        event-counts; bench/RESULTS.md), for about 1.6 s of compaction per million quads."""
        handle = self._handle
        if handle.dirty and self.persistent:
            self.refresh_stats()
        if self.path is not None:
            if handle.written and handle.written * COMPACT_GROWTH >= max(len(self.documents()), 1):
                try:
                    self._ox.optimize()
                except (OSError, RuntimeError) as exc:  # e.g. no room for the merged files: the data is safe
                    logging.getLogger("kg").warning("could not compact store %s: %s", self.path, exc)
            handle.written = 0
            self._ox.flush()


def open_store(location: str | Path | None) -> GraphStore:
    """A store for a directory path (embedded Oxigraph), ``sparql+http(s)://...`` (remote) or None (memory)."""
    if location is None:
        return GraphStore(None)
    loc = str(location)
    if loc.startswith(("sparql+http://", "sparql+https://")):
        from kg.rdf.remote import RemoteStore

        return RemoteStore(loc)
    if "://" in loc:
        raise StoreError(f"invalid store {loc!r}; valid: a directory path or sparql+http(s)://host:port/path")
    p = Path(loc)
    if p.exists() and not p.is_dir():
        raise StoreError(f"invalid store {loc!r}: it is a file; valid: a directory (created if missing)")
    return GraphStore(p)


GRAPH_FILE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def load_graph_file(path: str | Path) -> GraphStore:
    """An in-memory store holding a graph file (Turtle, TriG, N-Quads, N-Triples or JSON-LD).

    A file of triples (Turtle, N-Triples: a union export) goes into one named graph named by the file's
    URI, so that queries matching "a statement and its triple in the same graph" (relations,
    dyad-timeline) read it as one document of everything; datasets keep their graphs."""
    p = Path(path)
    fmt = GRAPH_FILE_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise StoreError(f"invalid graph file {str(p)!r}; valid suffixes: {', '.join(GRAPH_FILE_FORMATS)}")
    if not p.is_file():
        raise StoreError(f"graph file {str(p)!r} not found")
    store = GraphStore(None)
    try:
        if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
            store._ox.load(path=str(p), format=fmt, to_graph=ox.NamedNode(p.resolve().as_uri()))
        else:
            store._ox.load(path=str(p), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"cannot parse graph file {str(p)!r}: {str(exc).splitlines()[0]}") from exc
    return store
