"""The main job, top to bottom: inputs → Sources → (spaCy, in worker processes) → DocResults → store → outputs.

``build`` is what ``kg build`` and ``KnowledgeGraph.build`` call; it prints nothing and returns a
``BuildResult`` with the store and a report of what was done, skipped and rejected.

Everything streams: Sources are read one at a time, at most a few chunks of them are being parsed at
once, and results are committed to the store in batches (one transaction each). A document is
"done" only once its batch is committed, so an interrupted build run again skips exactly the
committed documents (identifier + content hash) and ends with the store an uninterrupted build gives.
A text longer than MAX_CHUNK_CHARS is parsed and written a piece at a time (``Piece``, ``_Writer``), its
identifier and content hash last, so memory does not grow with the length of a document either.
"""

from __future__ import annotations

import errno
import gc
import json
import logging
import time
import weakref
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError, StoreError
from kg.files import InputIssues, ReplaceTogether, iter_sources, not_a_store, output_folders
from kg.rdf.backend import Change, Store
from kg.rdf.convert import doc_hash, doc_iri, statement_quads
from kg.rdf.store import GraphStore, open_store
from kg.settings import BATCH_SIZE, MAX_CHUNK_CHARS, STORE_BATCH_DOCS
from kg.types import BuildReport, DocResult, Entity, Rejected, Skipped, Source, Triple

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from pebble import ProcessFuture

MAX_REPORTED_REJECTS = 2000
COMMIT_SECONDS = 10.0  # commit a partial batch after this long, so an interruption loses little work
TAIL_COMMIT_SECONDS = 1.0  # ... and after this long once every input has been read (up to 4 * jobs + 4 chunks
# still in flight: 0.35-0.4 s of loading after the last chunk in a 200k-word --jobs 2 build otherwise)
CHUNK_DOCS = 64  # documents per unit of work sent to a worker
# ... or fewer, when the documents are long (about 4,000 words, half a second of parsing). The chunk is one
# spaCy batch, and the parser's and NER's step-by-step loops (kg.extract.stepwise) pay per step for the
# batch: 24,000 characters took ~10% less CPU than 12,000 (real and generated text), 48,000 little less
CHUNK_CHARS = 24_000
PIECES_AT_ONCE = 1  # pieces of a long Source handed to extract_chunk whole that spaCy parses together
CHUNK_TIMEOUT_S = 300.0  # a worker's time for one chunk: this much ...
TIMEOUT_CHARS_PER_S = 2_000  # ... plus a second for every so many characters of the chunk's text


@dataclass(frozen=True)
class Piece:
    """One piece of a text longer than MAX_CHUNK_CHARS (``chunks``): ``text`` starts at ``start`` in the
    Source's text and is the ``index``-th of ``count``; ``digest`` is the Source's ``doc_hash``.

    Sent to a worker process without the Source's whole text (``__reduce__``): its own text is all that
    extracting it reads, and what comes back names the Source by identifier (``run`` holds the text)."""

    source: Source
    text: str
    start: int
    index: int
    count: int
    digest: str

    def __reduce__(self):
        return Piece, (replace(self.source, text=""), self.text, self.start, self.index, self.count, self.digest)

    @property
    def name(self) -> str:
        return self.source.origin or self.source.identifier


@dataclass(frozen=True)
class PieceResult:
    """What one piece of a long text gives (``kg.extract.extract_piece``): the entities and statements of that
    piece alone, offsets in the whole text. ``run`` writes it to the store as it comes."""

    piece: Piece
    result: DocResult


Extracted = DocResult | PieceResult | Skipped
Extractor = Callable[[Iterator[Source]], Iterator[Extracted]]
Unit = Source | Piece  # what a chunk holds: whole documents, or one piece of a long one


@dataclass
class BuildResult:
    store: GraphStore
    report: BuildReport


# ------------------------------------------------------------------------------------------------ inputs


def _sources(
    inputs: Iterable[str] | Iterable[Source], issues: InputIssues, date: str | None, written: dict[Path, str]
) -> Iterator[Source]:
    """Source records as given, or read from paths; either way one at a time. The folders the build writes
    (``written``: --out, --store) are never read as input: an earlier build's graph files are not articles."""
    it = iter(inputs)
    first = next(it, None)
    if first is None:
        return iter(())
    if isinstance(first, Source):
        return chain([first], it)  # type: ignore[list-item]
    return iter_sources((str(x) for x in chain([first], it)), issues, default_date=date, exclude=written)


def _fresh(sources: Iterable[Source], gs: GraphStore, issues: InputIssues, report: BuildReport) -> Iterator[Source]:
    """Drop repeated identifiers and documents the store already holds unchanged."""
    seen: set[str] = set()
    for s in sources:
        if s.identifier in seen:
            issues.skip(s.origin or s.identifier, f"duplicate identifier {s.identifier!r}; the first document with it was kept")
            continue
        seen.add(s.identifier)
        if gs.is_current(s.identifier, doc_hash(s)):
            report.unchanged += 1
            log.debug("unchanged, not extracted again: %s", s.identifier)
            continue
        yield s


def chunks(sources: Iterable[Source], max_docs: int | None = None, max_chars: int | None = None) -> Iterator[list[Unit]]:
    """Consecutive runs of Sources, at most ``max_docs`` (CHUNK_DOCS) long and about ``max_chars`` (CHUNK_CHARS) of text.

    >>> [len(c) for c in chunks([Source(str(n), "x" * 10) for n in range(5)], max_docs=2)]
    [2, 2, 1]
    >>> [len(c) for c in chunks([Source(str(n), "x" * 10) for n in range(5)], max_chars=25)]
    [3, 2]

    A text longer than MAX_CHUNK_CHARS is cut into Pieces at paragraph breaks (else sentence ends, else
    spaces: ``kg.extract.split_text``), and each Piece is a chunk of its own:

    >>> long = Source("long", ("x" * 60_000 + "\\n\\n") * 3)
    >>> [[(type(u).__name__, len(u.text)) for u in c] for c in chunks([Source("a", "x"), long, Source("b", "x")])]
    [[('Source', 1)], [('Piece', 60002)], [('Piece', 60002)], [('Piece', 60002)], [('Source', 1)]]
    """
    from kg.extract import split_text

    max_docs = max_docs or CHUNK_DOCS
    max_chars = max_chars or CHUNK_CHARS
    chunk: list[Unit] = []
    size = 0
    for s in sources:
        if len(s.text) > MAX_CHUNK_CHARS:  # a long text goes a piece at a time
            if chunk:
                yield chunk
                chunk, size = [], 0
            pieces = split_text(s.text, MAX_CHUNK_CHARS)
            digest = doc_hash(s)
            for k, (start, text) in enumerate(pieces):
                yield [Piece(s, text, start, k, len(pieces), digest)]
            continue
        chunk.append(s)
        size += len(s.text)
        if len(chunk) >= max_docs or size >= max_chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def unit_key(unit: Unit) -> str:
    """What a unit of work is: its document's content hash, and for a Piece which one it is (the key of a
    dask task, kg.distributed).

    >>> pieces = [u for c in chunks([Source("long", ("x" * 60_000 + "\\n\\n") * 3)]) for u in c]
    >>> len({unit_key(p) for p in pieces}), unit_key(pieces[1]).endswith(":1")
    (3, True)
    """
    return f"{unit.digest}:{unit.index}" if isinstance(unit, Piece) else doc_hash(unit)


def _name(unit: Unit) -> str:
    return unit.name if isinstance(unit, Piece) else unit.origin or unit.identifier


# ------------------------------------------------------------------------------------------------ extraction


WARM_UP = Source("warm-up", "Pakistani Foreign Minister Imran Khan met U.S. officials in Islamabad on Monday. "
                   "India accused Lashkar-e-Taiba of the attack, and the United Nations imposed sanctions.")
_warm: weakref.WeakSet = weakref.WeakSet()


def warm_up(nlp) -> None:
    """Extract the warm-up document once per pipeline, outside any memory zone (see ``extract_chunk``)."""
    from kg.extract import extract_sources

    if nlp not in _warm:
        list(extract_sources([WARM_UP], nlp=nlp))
        _warm.add(nlp)


def _settle(nlp) -> None:
    """Warm the pipeline up, then set everything the process holds apart from the garbage collector's full
    passes (``gc.freeze``): the pipeline, its vocabulary and what warming it up built live as long as the
    build, yet each full pass walked them all again (a 200k-word build, --jobs 1: seven full passes,
    0.71 -> 0.22 s). A process that goes on after the build (a notebook) undoes it (``gc.unfreeze``)."""
    warm_up(nlp)
    gc.freeze()


def extract_chunk(sources: list[Unit], nlp, without: frozenset[str] = frozenset()) -> list[Extracted]:
    """Parse and extract one chunk; a document whose extraction fails becomes a Skipped, not an error.

    A text longer than MAX_CHUNK_CHARS comes a Piece at a time (``chunks``), each a chunk of its own, and
    gives a PieceResult: parsing a document of any length holds one parsed piece, and what is extracted
    from it goes to the store before the next piece is read (``run``). Coreference ("the minister", "he")
    does not cross from one piece to the next. A text that fits in one piece is parsed as before. (A long
    Source handed here whole is cut by ``extract_sources``, its pieces parsed PIECES_AT_ONCE at a time, and
    gives one merged DocResult.)

    spaCy's ``memory_zone`` frees the strings the chunk added to the vocabulary, so a long build
    does not grow the StringStore with every new name it reads. What the extractor builds once per
    process (the gazetteer's PhraseMatcher) must outlive every zone, so the first call per pipeline
    extracts a warm-up document outside any zone; the words a chunk repeats are tokenized outside its
    zone too, so that the tokenizer's cache keeps them (``keep_repeated_words``).
    """
    from kg.extract import extract_sources, parseable
    from kg.extract.nlp import keep_repeated_words

    warm_up(nlp)
    if len(sources) == 1 and isinstance(sources[0], Piece):
        return [_extract_piece(sources[0], nlp, without)]
    long_text = any(len(s.text) > MAX_CHUNK_CHARS for s in sources)
    batch = PIECES_AT_ONCE if long_text else BATCH_SIZE
    try:
        # (of a long text its first piece only: the words it repeats are known by then, and counting the
        # words of the whole text would take memory that grows with its length)
        keep_repeated_words(nlp, (parseable(s.text[:MAX_CHUNK_CHARS]) for s in sources))
        with nlp.memory_zone():
            return list(extract_sources(sources, nlp=nlp, batch_size=batch, without=without))
    except Exception:  # noqa: BLE001 - isolate the document that fails, keep the rest
        out: list[Extracted] = []
        for s in sources:
            try:
                with nlp.memory_zone():
                    out.extend(extract_sources([s], nlp=nlp, batch_size=batch, without=without))
            except Exception as exc:  # noqa: BLE001
                out.append(Skipped(s.origin or s.identifier, f"extraction failed: {type(exc).__name__}: {exc}"))
        return out


def _extract_piece(piece: Piece, nlp, without: frozenset[str]) -> PieceResult | Skipped:
    import kg.extract
    from kg.extract import parseable
    from kg.extract.nlp import keep_repeated_words

    try:
        keep_repeated_words(nlp, [parseable(piece.text)])
        with nlp.memory_zone():
            return PieceResult(piece, kg.extract.extract_piece(piece.source, piece.text, piece.start, nlp, without))
    except Exception as exc:  # noqa: BLE001 - the document is skipped, the build goes on
        return Skipped(piece.name, f"extraction failed in piece {piece.index + 1} of {piece.count}: "
                                   f"{type(exc).__name__}: {exc}")


_WORKER_NLP = None
_WORKER_WITHOUT: frozenset[str] = frozenset()
_WORKER_ERROR: Exception | None = None


def _worker_init(model: str | None, without: frozenset[str] = frozenset()) -> None:
    import signal

    global _WORKER_NLP, _WORKER_ERROR, _WORKER_WITHOUT
    _WORKER_WITHOUT = without
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from kg.extract.nlp import load_nlp

    try:
        _WORKER_NLP = load_nlp(model)
        _settle(_WORKER_NLP)  # for the worker's life
    except Exception as exc:  # noqa: BLE001 - raised with the first task, so the parent sees the message
        _WORKER_ERROR = exc


def _worker_extract(sources: list[Unit]) -> list[Extracted]:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    return extract_chunk(sources, _WORKER_NLP, _WORKER_WITHOUT)


def chunk_timeout(chunk: list[Unit]) -> float:
    """Seconds a worker may spend on one chunk before it is stopped: generous, and longer for longer text
    (a worker parses about 20,000 characters a second; this allows a tenth of that, on a loaded machine)."""
    return CHUNK_TIMEOUT_S + sum(len(s.text) for s in chunk) / TIMEOUT_CHARS_PER_S


def extract_all(
    sources: Iterable[Source], jobs: int = 1, model: str | None = None, without: frozenset[str] = frozenset()
) -> Iterator[Extracted]:
    """Parse and extract in input order, streaming; ``jobs`` > 1 runs chunks in worker processes.

    At most ``4 * jobs + 4`` chunks are in flight (enough for the workers to go on while a commit is
    written), so reading never runs far ahead of parsing. The workers are a ``pebble.ProcessPool``: a
    chunk that runs past ``chunk_timeout`` has its worker ended (and replaced), as has one whose worker
    dies; its documents are then tried one at a time, and the one at fault is reported as skipped. On an
    early exit (an error, Ctrl-C) the pool is stopped and joined: every worker and every thread of the pool
    has ended before this generator returns.
    """
    if jobs <= 1:
        from kg.extract.nlp import load_nlp

        nlp = load_nlp(model)
        _settle(nlp)
        try:
            for chunk in chunks(sources):
                yield from extract_chunk(chunk, nlp, without)
        finally:
            gc.unfreeze()
        return

    import multiprocessing as mp
    import os

    from pebble import ProcessPool

    # fork: workers start at once and never re-run the caller's __main__ (a script without a main guard);
    # they touch nothing but spaCy, so the parent's threads (store, progress bar) do not matter
    ctx = mp.get_context("fork" if os.name == "posix" and "fork" in mp.get_all_start_methods() else "spawn")
    pool = ProcessPool(max_workers=jobs, initializer=_worker_init, initargs=(model, without), context=ctx)
    pending: deque[tuple[list[Unit], ProcessFuture]] = deque()
    try:
        for chunk in chunks(sources):
            pending.append((chunk, _schedule(pool, chunk)))
            if len(pending) >= 4 * jobs + 4:
                yield from _results(pool, *pending.popleft())
        while pending:
            yield from _results(pool, *pending.popleft())
    finally:
        for _, future in pending:
            future.cancel()
        pool.stop()  # ends the workers (SIGTERM, then SIGKILL) without running what is queued
        pool.join()  # ... and waits for them and for the pool's own threads


def _schedule(pool, chunk: list[Unit]) -> ProcessFuture:
    return pool.schedule(_worker_extract, args=(chunk,), timeout=chunk_timeout(chunk))


def _results(pool, chunk: list[Unit], future: ProcessFuture) -> list[Extracted]:
    """The results of one chunk; a chunk whose worker timed out or died is tried again one document at a
    time, so that only the document at fault is lost (and reported)."""
    from pebble import ProcessExpired

    try:
        return future.result()
    except (TimeoutError, ProcessExpired) as exc:
        if len(chunk) > 1:
            retries = [([s], _schedule(pool, [s])) for s in chunk]
            return [r for c, f in retries for r in _results(pool, c, f)]
        s = chunk[0]
        piece = f"piece {s.index + 1} of {s.count}" if isinstance(s, Piece) else None
        if isinstance(exc, TimeoutError):
            why = (f"extraction{f' of {piece}' if piece else ''} took longer than {chunk_timeout(chunk):.0f} s; "
                   "its worker was stopped")
        else:
            why = f"the worker process extracting {piece or 'it'} died (exit code {exc.exitcode})"
        return [Skipped(_name(s), why)]


def local_extractor(jobs: int = 1, model: str | None = None, without: frozenset[str] = frozenset()) -> Extractor:
    return lambda sources: extract_all(sources, jobs=jobs, model=model, without=without)


# -------------------------------------------------------------------------------------------- the build


def build(
    inputs: Iterable[str] | Iterable[Source],
    *,
    store: str | Path | GraphStore | None = None,
    out: str | Path | None = None,
    date: str | None = None,
    jobs: int = 1,
    model: str | None = None,
    without_rules: Iterable[str] = (),
    on_progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build a graph from paths (files, directories, globs, ``-``) or Source records.

    With ``store`` the documents are added to that store (idempotently); with ``out`` the graph files
    are written there. Bad inputs are skipped and reported, never raised. ``jobs`` worker processes
    parse and extract; this process reads inputs and writes the store. ``on_progress(documents, words)``
    is called as documents are extracted. ``without_rules`` names extraction rules to switch off
    (``kg.extract.registry``; an unknown name is a KGError).
    """
    from kg.extract.registry import check_rules

    without = check_rules(without_rules)
    return run(inputs, local_extractor(jobs, model, without), store=store, out=out, date=date,
               on_progress=on_progress, busy_cores=jobs > 1)


def run(
    inputs: Iterable[str] | Iterable[Source],
    extract: Extractor,
    *,
    store: str | Path | GraphStore | None = None,
    out: str | Path | None = None,
    date: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    busy_cores: bool = False,
) -> BuildResult:
    """``build`` with any extraction engine: ``extract`` maps a stream of Sources to DocResults/Skipped.
    ``busy_cores``: extraction runs on every core of this machine (worker processes), so the store's writes
    should take the least CPU rather than run beside this process's own work (``GraphStore.bulk_text``)."""
    issues = InputIssues()
    report = BuildReport()
    if isinstance(store, (str, Path)) and "://" not in str(store) and (why := not_a_store(store)):
        raise StoreError(f"invalid --store {str(store)!r}: {why}")
    gs = store if isinstance(store, GraphStore) else open_store(store)
    lean = busy_cores and isinstance(gs, GraphStore) and gs.bulk_text
    if lean:
        gs.bulk_text = False
    tally = _Tally(report)

    todo = _fresh(_sources(inputs, issues, date, output_folders(out, store)), gs, issues, report)
    writer = _Writer(gs, str(store), issues, tally, on_progress)
    gc.freeze()  # what the process held before the build (its modules, a notebook's objects) is not
    try:  # walked again by every full collection during it (see _settle)
        with closing(extract(writer.noting_long(todo))) as results:  # type: ignore[type-var]
            for r in results:
                writer.take(r)
            writer.finish()
    finally:
        gc.unfreeze()
        if lean:  # (a store the caller passed in writes as before afterwards, also after a failure)
            gs.bulk_text = True
    gs.close()  # recounts if this build wrote (a compaction, if one is due, runs meanwhile)
    if gs.persistent:  # also after an earlier run was interrupted between a write and its recount
        gs.refresh_stats()
    report.skipped = issues.skipped
    report.warnings = issues.warnings
    tally.finish()
    result = BuildResult(gs, report)
    if out is not None:
        write_outputs(result, Path(out))
    return result


class _Writer:
    """Writes what extraction gives to the store, in input order.

    Whole documents go in batches of STORE_BATCH_DOCS, or fewer after COMMIT_SECONDS, one ``put`` each (one
    transaction: all of the batch or none of it). A long document (PieceResults) goes a piece at a time:
    each piece's statements into the document's graph as soon as it is extracted (``Store.put_piece``),
    then, after its last piece, the rest of it in one write that makes it a stored document
    (``Store.finish_pieces``: entities merged over the pieces, names, identifier and content hash). So
    neither the document's results nor its quads are ever held whole, and a run stopped part way leaves a
    graph that is not yet a document: the next run removes it and does the document again.
    """

    def __init__(self, gs: Store, where: str, issues: InputIssues, tally: _Tally,
                 on_progress: Callable[[int, int], None] | None) -> None:
        self.gs, self.where, self.issues, self.tally, self.on_progress = gs, where, issues, tally, on_progress
        # the batch's documents, as the tally counts them (identifier, entities, counts: not the whole result)
        self.batch: list[tuple[str, Iterable[Entity], _DocCounts]] = []
        self.changes: list[Change] = []  # the batch's documents as the store will write them (Store.prepare)
        self.unconfirmed: list[tuple[str, Iterable[Entity], _DocCounts]] = []  # the last batch written, until
        # its write is seen finished
        self.since = time.monotonic()
        self.long: _LongDocument | None = None  # the long document being written
        self.long_texts: dict[str, Source] = {}  # long Sources given to extraction, by identifier (``noting_long``)
        self.failed: str | None = None  # the last skipped input: the other pieces of a long one are not reported
        self.input_read = False  # every source handed to extraction (``noting_long``)

    def noting_long(self, sources: Iterable[Source]) -> Iterator[Source]:
        """``sources`` as they are, the long ones noted: their pieces come back from workers without the
        text, which the document's IRI (its content hash) needs. Once they are all read, what is pending is
        committed every TAIL_COMMIT_SECONDS (``take``)."""
        for s in sources:
            if len(s.text) > MAX_CHUNK_CHARS:
                self.long_texts[s.identifier] = s
            yield s
        self.input_read = True

    def take(self, r: Extracted) -> None:
        if isinstance(r, PieceResult):
            self._piece(r)
            return
        if isinstance(r, Skipped):
            if r.origin != self.failed:  # (a long document's other failing pieces are not reported again)
                self.issues.skip(r.origin, r.reason)
            if self.long is not None:  # results come in input order: one of its pieces failed
                self._abandon()
            self.failed = r.origin
            return
        if self.long is not None:
            self._lost()
        self.failed = None
        self.batch.append((r.source.identifier, r.entities, _DocCounts.of(r)))
        change = self.gs.prepare(r)  # converted now, while the workers parse on, not all at the commit
        if change is not None:
            self.changes.append(change)
        self._progress(r.words, 1)
        waited = time.monotonic() - self.since
        if (len(self.batch) >= STORE_BATCH_DOCS or waited >= COMMIT_SECONDS
                or (self.input_read and waited >= TAIL_COMMIT_SECONDS)):
            # (with all input read, what is pending goes every TAIL_COMMIT_SECONDS: each load overlaps the
            # chunks the workers still have, and what is left for the end is only the last second's)
            self.commit()

    def commit(self) -> None:
        """Write the batch. Its bulk load goes on in a thread while the parse goes on (``Store.write`` with
        wait=False); the batch counts as committed once the next commit (or ``settle``) has seen it done."""
        if self.batch:
            self.settle()
            with self._writing():
                self.gs.write(self.changes, wait=False)
            self.unconfirmed = self.batch
        self.batch, self.changes, self.since = [], [], time.monotonic()

    def settle(self) -> None:
        """Wait for the last batch's write (raising if it failed) and count its documents as committed."""
        if self.unconfirmed:
            with self._writing():
                self.gs.settle()
            for identifier, entities, counts in self.unconfirmed:
                self.tally.committed(identifier, entities, counts)
            self.unconfirmed = []

    def finish(self) -> None:
        """Commit what is pending. A long document whose last piece never came is not a document: removed."""
        if self.long is not None:
            self._lost()
        self.commit()
        self.settle()

    def _piece(self, r: PieceResult) -> None:
        p = r.piece
        if p.index == 0:
            self.commit()  # the documents before it go first
            self.settle()
            if self.long is not None:
                self._lost()
            self.failed = None
            self.long = _LongDocument(self.long_texts.pop(p.source.identifier, p.source))
            with self._writing():
                self.gs.drop_partial(self.long.graph)  # what a build stopped mid-document left
        elif self.long is None or self.long.source.identifier != p.source.identifier or p.index != self.long.next:
            self.long_texts.pop(p.source.identifier, None)
            return  # a piece of a document one of whose earlier pieces failed
        long = self.long
        quads = long.add(r.result)
        if quads:
            with self._writing():
                self.gs.put_piece(long.graph, quads)
        self._progress(r.result.words, int(p.index == p.count - 1))
        if p.index == p.count - 1:
            with self._writing():
                self.gs.finish_pieces(long.rest(), long.prior)
            self.tally.committed(long.source.identifier, long.entities.values(), long.counts)
            self.long = None

    def _lost(self) -> None:
        assert self.long is not None
        self.issues.skip(self.long.name, "its extraction ended before its last piece")
        self._abandon()

    def _abandon(self) -> None:
        """Remove the graph of the long document being written: it will not be complete."""
        assert self.long is not None
        with self._writing():
            self.gs.drop_partial(self.long.graph)
        self.long = None

    def _progress(self, words: int, documents: int) -> None:
        self.tally.extracted(words, documents)
        if self.on_progress:
            self.on_progress(self.tally.docs, self.tally.words)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A full disk is one line naming the store, and saying that what was committed stays."""
        try:
            yield
        except (OSError, StoreError) as exc:
            full = _disk_full(exc)
            if full is None:
                raise
            n = self.tally.report.documents
            raise StoreError(
                f"cannot write to the store {self.where!r}: {_os_reason(full)}; the {n} "
                f"document{'' if n == 1 else 's'} committed before stay in it: make room and "
                "run the same command again to resume"
            ) from exc


class _LongDocument:
    """A document written a piece at a time: what must be known of it as a whole, and no more.

    Its entities are merged over the pieces as ``kg.extract.merge_chunks`` merges them (first label, an
    Official if any piece made it one, every name), and its statements are the pieces' ``distinct_triples``
    (pieces share no sentence), so the graph it ends with is the one a single write of the merged
    DocResult gives. What is kept grows with the entities and distinct (subject, relation, object) it
    names, not with its length: its statement quads are only counted (``prior``, which a remote store
    checks its graph against)."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.name = source.origin or source.identifier
        self.doc_uri = doc_iri(source)
        self.graph = str(self.doc_uri)
        self.next = 0  # the index of the piece it takes next
        self.entities: dict[str, Entity] = {}
        self.counts = _DocCounts()
        self.reified_quads = 0  # its statements' quads but the (subject, relation, object) triples

    def add(self, result: DocResult) -> list:
        """Take one piece's results; returns the quads that piece adds to the document's graph."""
        from kg.extract import distinct_triples, merge_entity

        for e in result.entities:
            old = self.entities.get(e.key)
            self.entities[e.key] = e if old is None else merge_entity(old, e)
        triples = list(distinct_triples(result.triples).values())
        self.counts.add(triples, result.rejected, result.words)
        quads = statement_quads(self.doc_uri, triples)
        self.reified_quads += len(quads) - len({(t.subject, t.relation, t.object) for t in triples})
        self.next += 1
        return quads

    @property
    def prior(self) -> int:
        """Distinct quads in its graph so far: its statements', and one per distinct (subject, relation, object)."""
        return self.reified_quads + len(self.counts.relations)

    def rest(self) -> DocResult:
        """What its last write adds: the document, its merged entities; no statements (already written)."""
        return DocResult(self.source, tuple(self.entities.values()), (), (), self.counts.words)


@dataclass
class _DocCounts:
    """What a document adds to the report, gathered over its pieces: statements (the same one twice in a
    document counts once), distinct (subject, relation, object), statements per rule, and its distinct
    rejected candidates, the first MAX_REPORTED_REJECTS (no more can be reported)."""

    words: int = 0
    statements: int = 0
    relations: set[tuple[str, str, str]] = field(default_factory=set)
    rules: Counter[str] = field(default_factory=Counter)
    rejected: dict[Rejected, None] = field(default_factory=dict)

    @classmethod
    def of(cls, r: DocResult) -> _DocCounts:
        counts = cls()
        counts.add(r.triples, r.rejected, r.words)
        return counts

    def add(self, triples: Iterable[Triple], rejected: Iterable[Rejected], words: int) -> None:
        statements = set(triples)
        self.statements += len(statements)
        self.relations.update((t.subject, t.relation, t.object) for t in statements)
        self.rules.update(t.rule for t in statements)
        for r in rejected:
            if len(self.rejected) >= MAX_REPORTED_REJECTS:
                break
            self.rejected.setdefault(r, None)
        self.words += words


class _Tally:
    """Counts for the report, kept small: one entry per distinct entity, rejected candidates capped."""

    def __init__(self, report: BuildReport) -> None:
        self.report = report
        self.docs = 0
        self.words = 0
        self.classes: dict[str, str] = {}
        self.relations: set[tuple[str, str, str]] = set()  # distinct (subject, relation, object), as kg analyze
        self.statements = 0  # relation statements: one per sentence and document (kg analyze's "evidence")
        self.rules: Counter[str] = Counter()

    def extracted(self, words: int, documents: int) -> None:
        self.docs += documents
        self.words += words

    def committed(self, identifier: str, entities: Iterable[Entity], counts: _DocCounts) -> None:
        rep = self.report
        rep.documents += 1
        rep.words += counts.words
        n = 0
        for e in entities:
            self.classes[e.key] = e.cls
            n += 1
        log.debug("stored %s: %d entities, %d relation statements, %d rejected candidates",
                  identifier, n, counts.statements, len(counts.rejected))
        self.statements += counts.statements
        self.relations.update(counts.relations)
        self.rules.update(counts.rules)
        room = MAX_REPORTED_REJECTS - len(rep.rejected)
        if room > 0:
            rep.rejected.extend(list(counts.rejected)[:room])  # a candidate rejected twice, once

    def finish(self) -> None:
        rep = self.report
        rep.entities = len(self.classes)
        rep.entity_classes = dict(Counter(self.classes.values()))
        rep.relations = len(self.relations)
        rep.statements = self.statements
        rep.relation_types = dict(Counter(relation for _, relation, _ in self.relations))
        rep.rules = dict(self.rules)


def _disk_full(exc: BaseException) -> OSError | None:
    """The "no space left" OSError behind ``exc`` (itself or its cause), if that is what it is."""
    for e in (exc, exc.__cause__):
        if isinstance(e, OSError) and (e.errno == errno.ENOSPC or "No space left on device" in str(e)):
            return e
    return None


def _os_reason(exc: OSError) -> str:
    """What went wrong, in one line: 'disk full' said plainly, else the system's message."""
    if _disk_full(exc):
        return "the disk is full (No space left on device)"
    return " ".join((exc.strerror or str(exc)).split())


def write_outputs(result: BuildResult, out: Path) -> None:
    """graph.ttl (union), graph.trig (one graph per document), graph.html, report.json, all or nothing: the
    four are written beside their targets first and renamed into place only when all four are written."""
    from kg.network.html import render_html
    from kg.network.project import to_networkx

    try:
        out.mkdir(parents=True, exist_ok=True)
        with ReplaceTogether() as files:  # one at a time into temporaries; renamed only once all are written
            files.write(out / "graph.ttl", result.store.export("ttl"))
            files.write(out / "graph.trig", result.store.export("trig"))
            graph = result.store.union_graph()
            files.write(out / "graph.html", render_html(to_networkx(graph), title="geokg"))
            files.write(out / "report.json", json.dumps(result.report.to_dict(), indent=1, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise KGError(f"cannot write the graph files to {str(out)!r}: {_os_reason(exc)}; "
                      "the files there are as they were (none of the four was replaced)") from exc
