"""The main job, top to bottom: inputs → Sources → (spaCy, in worker processes) → DocResults → store → outputs.

``build`` is what ``kg build`` and ``KnowledgeGraph.build`` call; it prints nothing and returns a
``BuildResult`` with the store and a report of what was done, skipped and rejected.

Everything streams: Sources are read one at a time, at most a few chunks of them are being parsed at
once, and results are committed to the store in batches (one transaction each). A document is
"done" only once its batch is committed, so an interrupted build run again skips exactly the
committed documents (identifier + content hash) and ends with the store an uninterrupted build gives.
"""

from __future__ import annotations

import errno
import json
import logging
import time
import weakref
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError, StoreError
from kg.files import InputIssues, ReplaceTogether, iter_sources, not_a_store, output_folders
from kg.rdf.convert import doc_hash
from kg.rdf.store import GraphStore, open_store
from kg.settings import BATCH_SIZE, MAX_CHUNK_CHARS, STORE_BATCH_DOCS
from kg.types import BuildReport, DocResult, Skipped, Source

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from pebble import ProcessFuture

MAX_REPORTED_REJECTS = 2000
COMMIT_SECONDS = 10.0  # commit a partial batch after this long, so an interruption loses little work
CHUNK_DOCS = 64  # documents per unit of work sent to a worker
CHUNK_CHARS = 12_000  # ... or fewer, when the documents are long (about 2,000 words, half a second of parsing)
PIECES_AT_ONCE = 1  # pieces (of up to MAX_CHUNK_CHARS) of one long text that spaCy parses together
CHUNK_TIMEOUT_S = 300.0  # a worker's time for one chunk: this much ...
TIMEOUT_CHARS_PER_S = 2_000  # ... plus a second for every so many characters of the chunk's text

Extracted = DocResult | Skipped
Extractor = Callable[[Iterator[Source]], Iterator[Extracted]]


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


def chunks(sources: Iterable[Source], max_docs: int | None = None, max_chars: int | None = None) -> Iterator[list[Source]]:
    """Consecutive runs of Sources, at most ``max_docs`` (CHUNK_DOCS) long and about ``max_chars`` (CHUNK_CHARS) of text.

    >>> [len(c) for c in chunks([Source(str(n), "x" * 10) for n in range(5)], max_docs=2)]
    [2, 2, 1]
    >>> [len(c) for c in chunks([Source(str(n), "x" * 10) for n in range(5)], max_chars=25)]
    [3, 2]

    A text longer than MAX_CHUNK_CHARS is a chunk of its own (``extract_chunk`` parses it in pieces):

    >>> [len(c) for c in chunks([Source("a", "x"), Source("long", "x" * (MAX_CHUNK_CHARS + 1)), Source("b", "x")])]
    [1, 1, 1]
    """
    max_docs = max_docs or CHUNK_DOCS
    max_chars = max_chars or CHUNK_CHARS
    chunk: list[Source] = []
    size = 0
    for s in sources:
        if len(s.text) > MAX_CHUNK_CHARS:  # a long text goes alone: its pieces are parsed one by one
            if chunk:
                yield chunk
                chunk, size = [], 0
            yield [s]
            continue
        chunk.append(s)
        size += len(s.text)
        if len(chunk) >= max_docs or size >= max_chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


# ------------------------------------------------------------------------------------------------ extraction


WARM_UP = Source("warm-up", "Pakistani Foreign Minister Imran Khan met U.S. officials in Islamabad on Monday. "
                   "India accused Lashkar-e-Taiba of the attack, and the United Nations imposed sanctions.")
_warm: weakref.WeakSet = weakref.WeakSet()


def extract_chunk(sources: list[Source], nlp, without: frozenset[str] = frozenset()) -> list[Extracted]:
    """Parse and extract one chunk; a document whose extraction fails becomes a Skipped, not an error.

    A text longer than MAX_CHUNK_CHARS comes alone (``chunks``); ``extract_sources`` cuts it into pieces
    at paragraph breaks (else sentence ends, else spaces) and here they go to spaCy PIECES_AT_ONCE at a
    time, so parsing a document of any length holds a bounded number of parsed pieces; what grows with
    its length is only its text and what is extracted from it. Coreference ("the minister", "he") does
    not cross from one piece to the next. A text that fits in one piece is parsed as before.

    spaCy's ``memory_zone`` frees the strings the chunk added to the vocabulary, so a long build
    does not grow the StringStore with every new name it reads. What the extractor builds once per
    process (the gazetteer's PhraseMatcher) must outlive every zone, so the first call per pipeline
    extracts a warm-up document outside any zone; the words a chunk repeats are tokenized outside its
    zone too, so that the tokenizer's cache keeps them (``keep_repeated_words``).
    """
    from kg.extract import extract_sources, parseable
    from kg.extract.nlp import keep_repeated_words

    if nlp not in _warm:
        list(extract_sources([WARM_UP], nlp=nlp))
        _warm.add(nlp)
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
    except Exception as exc:  # noqa: BLE001 - raised with the first task, so the parent sees the message
        _WORKER_ERROR = exc


def _worker_extract(sources: list[Source]) -> list[Extracted]:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    return extract_chunk(sources, _WORKER_NLP, _WORKER_WITHOUT)


def chunk_timeout(chunk: list[Source]) -> float:
    """Seconds a worker may spend on one chunk before it is stopped: generous, and longer for longer text
    (a worker parses about 20,000 characters a second; this allows a tenth of that, on a loaded machine)."""
    return CHUNK_TIMEOUT_S + sum(len(s.text) for s in chunk) / TIMEOUT_CHARS_PER_S


def extract_all(
    sources: Iterable[Source], jobs: int = 1, model: str | None = None, without: frozenset[str] = frozenset()
) -> Iterator[Extracted]:
    """Parse and extract in input order, streaming; ``jobs`` > 1 runs chunks in worker processes.

    At most ``2 * jobs + 2`` chunks are in flight, so reading never runs ahead of parsing. The workers are
    a ``pebble.ProcessPool``: a chunk that runs past ``chunk_timeout`` has its worker ended (and replaced),
    as has one whose worker dies; its documents are then tried one at a time, and the one at fault is
    reported as skipped. On an early exit (an error, Ctrl-C) the pool is stopped and joined: every worker
    and every thread of the pool has ended before this generator returns.
    """
    if jobs <= 1:
        from kg.extract.nlp import load_nlp

        nlp = load_nlp(model)
        for chunk in chunks(sources):
            yield from extract_chunk(chunk, nlp, without)
        return

    import multiprocessing as mp
    import os

    from pebble import ProcessPool

    # fork: workers start at once and never re-run the caller's __main__ (a script without a main guard);
    # they touch nothing but spaCy, so the parent's threads (store, progress bar) do not matter
    ctx = mp.get_context("fork" if os.name == "posix" and "fork" in mp.get_all_start_methods() else "spawn")
    pool = ProcessPool(max_workers=jobs, initializer=_worker_init, initargs=(model, without), context=ctx)
    pending: deque[tuple[list[Source], ProcessFuture]] = deque()
    try:
        for chunk in chunks(sources):
            pending.append((chunk, _schedule(pool, chunk)))
            if len(pending) >= 2 * jobs + 2:
                yield from _results(pool, *pending.popleft())
        while pending:
            yield from _results(pool, *pending.popleft())
    finally:
        for _, future in pending:
            future.cancel()
        pool.stop()  # ends the workers (SIGTERM, then SIGKILL) without running what is queued
        pool.join()  # ... and waits for them and for the pool's own threads


def _schedule(pool, chunk: list[Source]) -> ProcessFuture:
    return pool.schedule(_worker_extract, args=(chunk,), timeout=chunk_timeout(chunk))


def _results(pool, chunk: list[Source], future: ProcessFuture) -> list[Extracted]:
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
        if isinstance(exc, TimeoutError):
            why = f"extraction took longer than {chunk_timeout(chunk):.0f} s; its worker was stopped"
        else:
            why = f"the worker process extracting it died (exit code {exc.exitcode})"
        return [Skipped(s.origin or s.identifier, why)]


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
    return run(inputs, local_extractor(jobs, model, without), store=store, out=out, date=date, on_progress=on_progress)


def run(
    inputs: Iterable[str] | Iterable[Source],
    extract: Extractor,
    *,
    store: str | Path | GraphStore | None = None,
    out: str | Path | None = None,
    date: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """``build`` with any extraction engine: ``extract`` maps a stream of Sources to DocResults/Skipped."""
    issues = InputIssues()
    report = BuildReport()
    if isinstance(store, (str, Path)) and "://" not in str(store) and (why := not_a_store(store)):
        raise StoreError(f"invalid --store {str(store)!r}: {why}")
    gs = store if isinstance(store, GraphStore) else open_store(store)
    tally = _Tally(report)

    todo = _fresh(_sources(inputs, issues, date, output_folders(out, store)), gs, issues, report)
    with closing(extract(todo)) as results:  # type: ignore[type-var]
        for batch in _commit_batches(results, issues, tally, on_progress):
            try:
                gs.put(batch)  # one transaction: all of the batch or none of it
            except (OSError, StoreError) as exc:
                full = _disk_full(exc)
                if full is None:
                    raise
                raise StoreError(
                    f"cannot write to the store {str(store)!r}: {_os_reason(full)}; the {report.documents} "
                    f"document{'' if report.documents == 1 else 's'} committed before stay in it: make room and "
                    "run the same command again to resume"
                ) from exc
            for r in batch:
                tally.committed(r)
    if gs.persistent:  # also after an earlier run was interrupted between a write and its recount
        gs.refresh_stats()
    gs.close()
    report.skipped = issues.skipped
    report.warnings = issues.warnings
    tally.finish()
    result = BuildResult(gs, report)
    if out is not None:
        write_outputs(result, Path(out))
    return result


def _commit_batches(
    results: Iterable[Extracted],
    issues: InputIssues,
    tally: _Tally,
    on_progress: Callable[[int, int], None] | None,
) -> Iterator[list[DocResult]]:
    """DocResults in batches of STORE_BATCH_DOCS, or fewer after COMMIT_SECONDS; Skipped go to ``issues``."""
    batch: list[DocResult] = []
    since = time.monotonic()
    for r in results:
        if isinstance(r, Skipped):
            issues.skip(r.origin, r.reason)
            continue
        batch.append(r)
        tally.extracted(r)
        if on_progress:
            on_progress(tally.docs, tally.words)
        if len(batch) >= STORE_BATCH_DOCS or time.monotonic() - since >= COMMIT_SECONDS:
            yield batch
            batch, since = [], time.monotonic()
    if batch:
        yield batch


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

    def extracted(self, r: DocResult) -> None:
        self.docs += 1
        self.words += r.words

    def committed(self, r: DocResult) -> None:
        rep = self.report
        rep.documents += 1
        rep.words += r.words
        log.debug("stored %s: %d entities, %d relation statements, %d rejected candidates",
                  r.source.identifier, len(r.entities), len(r.triples), len(r.rejected))
        for e in r.entities:
            self.classes[e.key] = e.cls
        statements = set(r.triples)  # the same statement made twice in a document is stored once
        self.statements += len(statements)
        self.relations.update((t.subject, t.relation, t.object) for t in statements)
        self.rules.update(t.rule for t in statements)
        room = MAX_REPORTED_REJECTS - len(rep.rejected)
        if room > 0:
            rep.rejected.extend(list(dict.fromkeys(r.rejected))[:room])  # a candidate rejected twice, once

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
