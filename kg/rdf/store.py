"""A location → a store: ``open_store`` (the one place a location's scheme picks the kind of store), and the
embedded one, GraphStore: an Oxigraph directory, or in memory (also for graph files, ``load_graph_file``).

Every store implements kg.rdf.backend.Store: one named graph per document (the graph name is the document
IRI) plus the shared entities graph (kg.rdf.namespace.ENTITIES_GRAPH, see kg.rdf.convert), each document
known by its identifier and content hash, so adding is idempotent: an unchanged document is skipped, a
changed one replaces its graph, and ``remove`` drops one document without touching the others; entity
descriptions no document mentions any more are deleted in the same update. Persistent stores also keep
derived counts (per actor, per document) in a stats graph (kg.rdf.stats): dropped by every write that
changes documents and recomputed when the writer closes the store. The remote store (``sparql+http(s)://``)
is kg.rdf.remote.RemoteStore, imported only when such a location is opened.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, Variable
from rdflib.namespace import RDFS
from rdflib.query import Result

from kg.errors import StoreError
from kg.rdf.backend import (
    DOCS_QUERY,
    EXPORT_FORMATS,
    Change,
    Store,
    dataset_view,
    from_ox,
    remove_graph_update,
    replace_graph_update,
    serialize_quads,
    to_ox,
)
from kg.rdf.bulk import bulk_add, nquads
from kg.rdf.integrity import check_store, cut_short, still_there
from kg.rdf.namespace import ENTITIES_GRAPH, STATS_GRAPH, bind_prefixes
from kg.rdf.sparql import names_dataset
from kg.rdf.stats import DROP_STATS, current_query, refresh_embedded
from kg.rdf.substitute import fold_params

BULK_QUADS = 500_000  # quads of one bulk load: under the loader's batch (1M), so that each is one atomic ingest
HELD_BULK_QUADS = 40_000  # ... handed as quads (``bulk_extend``, which holds Python's lock to its end, ~7 us a
# quad): kg build --jobs 2's workers wait meanwhile, their results unread (0.3-1.0 s of each worker idle
# in a 200k-word build with loads of up to 500k quads, 0.1-0.3 s with these; runs this small load as fast,
# but leave RocksDB more table files to merge in the background: its threads 0.68 -> 1.09 s of CPU there)
DROP_STEP_QUADS = 50_000  # quads deleted by one transaction when a partly written document's graph is removed
MAX_DESCRIBED = 20_000  # entity-description quads remembered as stored, ~500 bytes each (then forgotten and
# written again): enough for the recurring entities, small enough that a long build's memory stays flat
COMPACT_GROWTH = 10  # close() compacts a persistent store when a writer wrote 1/COMPACT_GROWTH of its documents
COMPACT_MIN_BYTES = 1 << 30  # ... and its table files hold at least this much (about three million quads)

_LABEL = ox.NamedNode(str(RDFS.label))
_ENTITIES = ox.NamedNode(str(ENTITIES_GRAPH))
_STATS = ox.NamedNode(str(STATS_GRAPH))


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
        self.described: set[ox.Quad] = set()  # entity-description quads known to be stored: a document's
        # own are not written again (emptied by every replacement or removal, which may delete some)
        self.labels: dict[str, ox.Literal] = {}  # entity IRI -> its stored rdfs:label (emptied with described)
        self.loading: threading.Thread | None = None  # a bulk load handed on by a write (wait=False)
        self.load_failed: Exception | None = None  # ... and why it failed, until the store is next used

    def remember(self, quads: Iterable[ox.Quad]) -> None:
        """Entity-description quads now stored: not written again, their labels not looked up again."""
        for q in quads:
            self.described.add(q)
            if q.predicate == _LABEL:
                self.labels[q.subject.value] = q.object

    def load(self, texts: list[tuple[bytes | None, list[ox.Quad] | None]], flush: bool) -> None:
        """Bulk-load runs of quads (in a thread: ``GraphStore._write`` with wait=False); a failure is kept
        for ``settle``."""
        try:
            for text, quads in texts:
                bulk_add(self.ox, text, quads)
            if flush:
                self.ox.flush()
        except Exception as exc:  # noqa: BLE001 - raised by the next use of the store (settle)
            self.load_failed = exc

    def settle(self, path: Path | None) -> None:
        """Wait for the bulk load in progress, if any; a StoreError if it failed (its documents are not
        stored: what this handle knew of the documents and descriptions is read again)."""
        loading, self.loading = self.loading, None
        if loading is not None:
            loading.join()
        failed, self.load_failed = self.load_failed, None
        if failed is not None:
            self.forget_described()
            self.docs = None
            raise StoreError(f"cannot write to store {str(path)!r}: {failed}") from failed

    def forget_described(self) -> None:
        """After a write that may have deleted entity descriptions (or failed): nothing is known stored."""
        self.described.clear()
        self.labels.clear()


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
        unfinished = check_store(path)  # a damaged table file is an error here, not a runaway read later
        try:
            store = ox.Store(str(path))
        except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB reports corruption so
            if unfinished and "Corruption" in str(exc):  # a live table cut short (RocksDB checks sizes)
                raise cut_short(path, unfinished[0]) from exc
            raise StoreError(open_error(path, exc)) from exc
        try:
            still_there(path, unfinished)  # the unfinished files RocksDB did not delete on opening are live
        except StoreError:
            del store
            raise
        handle = _OPEN[key] = _Handle(store, _identity(path))  # the directory exists now, if it did not
        for stray in path.glob("bulk-*.sst"):  # a killed bulk load's files, never ingested (we hold the lock)
            stray.unlink(missing_ok=True)
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


class GraphStore(Store):
    """A named-graph-per-document store backed by a pyoxigraph Store (in memory or on disk).

    GraphStores opened on the same directory in one process share one Oxigraph handle (see ``_OPEN``).
    """

    kind = "oxigraph"

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else None
        self._handle = _open_handle(self.path)
        # new documents go to the bulk loader as N-Quads text, which it parses without holding Python's
        # lock, so that a load in a thread runs on another core beside the caller (kg build --jobs 1, an
        # ingest); False: as quads (``bulk_extend``, holding the lock), which takes less CPU in all
        # (169k quads: 0.60 s against 0.85-0.92 s with making the text), for a process whose other cores
        # are busy anyway (kg build --jobs 2 and up, where the workers parse on every core)
        self.bulk_text = True

    @property
    def _ox(self) -> ox.Store:
        """The Oxigraph store, once a bulk load handed on by the last write has finished (``settle``)."""
        handle = self._handle
        if handle.loading is not None or handle.load_failed is not None:
            handle.settle(self.path)
        return handle.ox

    @_ox.setter
    def _ox(self, store: ox.Store) -> None:  # (tests wrap the store to watch it)
        self._handle.ox = store

    def settle(self) -> None:
        self._handle.settle(self.path)

    @property
    def persistent(self) -> bool:  # type: ignore[override]
        """Whether the store outlives this process (only persistent stores keep derived counts up to date)."""
        return self.path is not None

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph Store underneath, for engines that run SPARQL on it directly (kg.querypool) and
        for derived copies (kg.rdf.infer). Documents are written through ``put`` and ``remove`` only."""
        return self._ox

    # -- bookkeeping
    def documents(self) -> dict[str, tuple[str, str]]:
        """identifier → (graph IRI, content hash) of every stored document."""
        handle = self._handle
        if handle.docs is None:
            handle.docs = {row["id"].value: (row["g"].value, row["hash"].value) for row in self._ox.query(DOCS_QUERY)}
        return handle.docs

    def _forget_documents(self) -> None:
        self._handle.docs = None

    # -- writes
    def _write(self, changes: list[Change], wait: bool = True) -> None:
        """New documents are added by Oxigraph's bulk loader, at most BULK_QUADS quads a call, split
        between documents; each changed document is replaced atomically (its old graph dropped, the new one
        inserted and orphaned entity descriptions deleted by a single SPARQL update), so a reader never
        sees a document missing or doubled.

        A bulk load of fewer quads than the loader's batch (a million) is one atomic step: the loader
        sorts them into one table file per index and RocksDB ingests the files of every index at once
        (one manifest record), so the documents of a call are all there or none (tests/test_store_bulk.py
        kills writers to check it). It skips what a transaction pays for every quad (a locked read to see
        whether the quad is there, a write-ahead log entry, the memtable). Entity descriptions this handle
        knows are stored (``described``) are not written again, nor their labels looked up again
        (``labels``, see stored_labels).

        With ``wait=False`` (``kg build``'s commits) the loads of new documents go on in a thread after this
        returns, while the caller parses on; the next use of the store waits for them (``_ox``, ``settle``)
        and raises their failure. The quads' text is made before waiting for the previous load."""
        handle = self._handle
        described = handle.described
        added = [c.own + [q for q in c.described if q not in described] for c in changes if c.old_graph is None]
        texts = [(text, None if text is not None else run)  # (the quads themselves only for bulk_extend)
                 for run in _runs(added, BULK_QUADS if self.bulk_text else HELD_BULK_QUADS)
                 for text in [nquads(run) if self.bulk_text else None]]  # made while a previous load runs
        replacing = any(c.old_graph is not None for c in changes)
        try:
            store = self._ox  # (the previous load finished)
            if added and store.contains_named_graph(_STATS):  # dropped once, until close() recounts
                store.update(DROP_STATS)
            if wait or replacing:
                handle.load(texts, flush=False)
                handle.settle(self.path)
            if replacing:
                handle.forget_described()  # a replacement may delete entity descriptions
            for c in changes:
                if c.old_graph is not None:
                    store.update(replace_graph_update(c.old_graph, c.quads))
        except OSError as exc:
            handle.forget_described()
            raise StoreError(f"cannot write to store {str(self.path)!r}: {exc}") from exc
        if len(described) > MAX_DESCRIBED:
            handle.forget_described()
        for c in changes:
            if c.old_graph is None:
                handle.remember(q for q in c.described if q not in described)
        handle.dirty = True
        handle.written += len(changes)
        if not wait and not replacing:  # the load goes on in a thread; the next use of the store waits for it
            handle.loading = threading.Thread(target=handle.load, args=(texts, self.path is not None),
                                              name="kg-store-load")
            handle.loading.start()
        elif self.path is not None:
            store.flush()

    def drop_partial(self, graph: str) -> None:
        """Remove a partly written document's graph (kg.rdf.backend.Store.drop_partial) in steps of at most
        DROP_STEP_QUADS quads, so that removing a very long document's graph does not hold it all in one
        transaction."""
        node = ox.NamedNode(graph)
        if not self._ox.contains_named_graph(node):
            return
        step = (f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ "
                f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} LIMIT {DROP_STEP_QUADS} }}")
        while next(self._ox.quads_for_pattern(None, None, None, node), None) is not None:
            self._ox.update(step)
        self._ox.remove_graph(node)
        self._handle.dirty = True
        if self.path is not None:
            self._ox.flush()

    def put_piece(self, graph: str, quads: list[ox.Quad]) -> None:
        """Add a piece of a document being written in pieces (kg.rdf.backend.Store.put_piece) by the bulk
        loader: one atomic step when under BULK_QUADS quads, as a piece of MAX_CHUNK_CHARS is by far."""
        try:
            if self._ox.contains_named_graph(_STATS):  # dropped once, until close() recounts
                self._ox.update(DROP_STATS)
            self._ox.bulk_extend(quads)
        except OSError as exc:
            raise StoreError(f"cannot write to store {str(self.path)!r}: {exc}") from exc
        self._handle.dirty = True
        if self.path is not None:
            self._ox.flush()

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads as they are, outside the document bookkeeping: for in-memory copies made from another
        store (kg.rdf.infer, RemoteStore.dataset)."""
        self._ox.bulk_extend(quads)

    def load_file(self, path: str | Path, fmt: ox.RdfFormat, graph: ox.NamedNode | None = None) -> None:
        """Load an RDF file, its triples into ``graph`` when given (datasets keep their graphs)."""
        self._ox.load(path=str(path), format=fmt, **({"to_graph": graph} if graph is not None else {}))

    def stored_labels(self, entities: Iterable[str]) -> dict[str, ox.Literal]:
        """The rdfs:label each of ``entities`` (IRIs) already has in the entities graph (those this handle
        wrote or read before are not looked up again)."""
        known = self._handle.labels
        out: dict[str, ox.Literal] = {}
        for iri in set(entities):
            stored = known.get(iri)
            if stored is None:
                quad = next(self._ox.quads_for_pattern(ox.NamedNode(iri), _LABEL, None, _ENTITIES), None)
                if quad is None:
                    continue
                stored = known[iri] = quad.object
            out[iri] = stored
        return out

    def remove(self, identifier: str) -> int:
        """Drop one document's graph and the descriptions of entities only it mentioned (one atomic
        update); returns the number of quads removed."""
        known = self.documents().get(identifier)
        if known is None:
            raise self.unknown_document(identifier)
        n = self._count(known[0]) + self._count(str(ENTITIES_GRAPH))
        self._ox.update(remove_graph_update(known[0]))
        n -= self._count(str(ENTITIES_GRAPH))
        self._handle.forget_described()
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

    def export(self, fmt: str, stats: bool = False) -> bytes:
        """Every graph in ``fmt`` (EXPORT_FORMATS); the stats graph only with ``stats``."""
        return serialize_quads(self.quads(), fmt, stats=stats)

    def dataset(self) -> Dataset:
        """An rdflib Dataset view (oxrdflib) over the same Oxigraph store; the default graph is the union."""
        return dataset_view(self._ox)

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None) -> Result:
        """SPARQL over the union of all documents (or the dataset its FROM clauses name), user values bound
        with initBindings.

        Runs on pyoxigraph directly and returns an rdflib Result whose SELECT rows are converted lazily
        (OxResult). The values are written into the query as constants where that means the same
        (kg.rdf.substitute: Oxigraph then plans around them), else passed as Oxigraph ``substitutions``."""
        union = not names_dataset(sparql)  # a query's own FROM / FROM NAMED is its dataset
        folded = fold_params(sparql, bindings or {})
        if folded is not None:
            try:
                return ox_query_result(self._ox.query(folded, use_default_graph_as_union=union,
                                                      prefixes=query_prefixes()))
            except SyntaxError:
                pass  # a value where SPARQL takes no constant (a literal as a graph name): substitute it
        subs = {ox.Variable(str(k).lstrip("?$")): to_ox(v) for k, v in (bindings or {}).items()}
        return ox_query_result(self._ox.query(sparql, use_default_graph_as_union=union, prefixes=query_prefixes(),
                                              substitutions=subs))

    def refresh_stats(self) -> bool:
        """Recompute the derived counts (kg.rdf.stats) unless they are current; True if it recomputed."""
        if self._ox.query(current_query()):
            return False
        refresh_embedded(self._ox)
        self._handle.dirty = False
        return True

    def close(self) -> None:
        """Recompute the counts if this writer changed documents (persistent stores), and flush.

        A writer that wrote at least a tenth of the store's documents also compacts it (RocksDB's files merged
        into one sorted run) once it holds about three million quads (COMPACT_MIN_BYTES of table files): index
        lookups are then 10-40 % faster at 10M quads (bench/RESULTS.md), for about 1.5 s of compaction per
        million quads; below that the gain is within the noise (1M quads, 333 MB of tables: every named
        query as fast without it, and the ingest 92k -> 115k quads/s), and the compaction only lengthens
        the end of a build. The compaction runs while the counts are made."""
        handle = self._handle
        store = self._ox  # (a bulk load in progress has finished)
        compacting = None
        if (self.path is not None and handle.written
                and handle.written * COMPACT_GROWTH >= max(len(self.documents()), 1)
                and _table_bytes(self.path) >= COMPACT_MIN_BYTES):
            # in a thread (Oxigraph compacts without holding Python's lock) while the counts are made: 10M
            # quads, compaction then counts 13.8 s, both at once 8.9 s
            compacting = threading.Thread(target=_compact, args=(store, self.path), name="kg-store-compact")
            compacting.start()
        try:
            if handle.dirty and self.persistent:
                self.refresh_stats()
        finally:
            if compacting is not None:
                compacting.join()
        if self.path is not None:
            handle.written = 0
            store.flush()


def _compact(store: ox.Store, path: Path) -> None:
    try:
        store.optimize()
    except (OSError, RuntimeError) as exc:  # e.g. no room for the merged files: the data is safe
        logging.getLogger("kg").warning("could not compact store %s: %s", path, exc)


def _table_bytes(path: Path) -> int:
    """The size of a store's table files (its data, compressed); a file RocksDB deletes meanwhile (merged into
    another by its background work) counts as nothing."""
    total = 0
    for f in path.glob("*.sst"):
        try:
            total += f.stat().st_size
        except FileNotFoundError:
            pass
    return total


def _runs(documents: list[list[ox.Quad]], size: int) -> Iterator[list[ox.Quad]]:
    """The documents' quads in runs of at most ``size`` quads, never splitting a document (one larger
    than ``size`` is a run of its own)."""
    run: list[ox.Quad] = []
    for quads in documents:
        if run and len(run) + len(quads) > size:
            yield run
            run = []
        run.extend(quads)
    if run:
        yield run


def open_store(location: str | Path | Store | None, batch_quads: int | None = None) -> Store:
    """A store for a directory path (embedded Oxigraph), ``sparql+http(s)://...`` (remote; ``batch_quads``
    per update request) or None (memory). A store given instead of a location is returned as it is."""
    if location is None:
        return GraphStore(None)
    if not isinstance(location, (str, Path)):
        return location
    loc = str(location)
    if loc.startswith(("sparql+http://", "sparql+https://")):
        from kg.rdf.remote import BATCH_QUADS, RemoteStore

        return RemoteStore(loc, batch_quads=batch_quads or BATCH_QUADS)
    if "://" in loc:
        raise StoreError(f"invalid store {loc!r}; valid: a directory path or sparql+http(s)://host:port/path")
    p = Path(loc)
    if p.exists() and not p.is_dir():
        raise StoreError(f"invalid store {loc!r}: it is a file; valid: a directory (created if missing)")
    return GraphStore(p)


GRAPH_FILE_FORMATS = {f".{name}": fmt for name, fmt in EXPORT_FORMATS.items()}
"""Graph file suffix → format: the export formats, each read from a file named after it."""


def load_graph_file(path: str | Path, default_graph: bool = False) -> GraphStore:
    """An in-memory store holding a graph file (Turtle, TriG, N-Quads, N-Triples or JSON-LD).

    A file of triples (Turtle, N-Triples: a union export) goes into one named graph named by the file's
    URI, so that queries matching "a statement and its triple in the same graph" (relations,
    dyad-timeline) read it as one document of everything; with ``default_graph`` (a format conversion:
    ``kg export --graph``) into the default graph instead. Datasets keep their graphs."""
    p = Path(path)
    fmt = GRAPH_FILE_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise StoreError(f"invalid graph file {str(p)!r}; valid suffixes: {', '.join(GRAPH_FILE_FORMATS)}")
    if not p.is_file():
        raise StoreError(f"graph file {str(p)!r} not found")
    store = GraphStore(None)
    try:
        if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES) and not default_graph:
            store.load_file(p, fmt, ox.NamedNode(p.resolve().as_uri()))
        else:
            store.load_file(p, fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"cannot parse graph file {str(p)!r}: {str(exc).splitlines()[0]}") from exc
    return store
