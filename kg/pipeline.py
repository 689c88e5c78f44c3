"""The main job, top to bottom: inputs → Sources → (spaCy) → DocResults → store → outputs.

``build`` is what ``kg build`` and ``KnowledgeGraph.build`` call; it prints nothing and returns a
``BuildResult`` with the store and a report of what was done, skipped and rejected.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from kg.files import InputIssues, iter_sources, write_atomic
from kg.rdf.convert import doc_hash
from kg.rdf.store import GraphStore, open_store
from kg.settings import BATCH_SIZE, STORE_BATCH_DOCS
from kg.types import BuildReport, DocResult, Source

MAX_REPORTED_REJECTS = 2000


@dataclass
class BuildResult:
    store: GraphStore
    report: BuildReport


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


# ------------------------------------------------------------------------------------ extraction workers

_WORKER_NLP = None


def _worker_init(model: str | None) -> None:
    global _WORKER_NLP
    from kg.extract.nlp import load_nlp

    _WORKER_NLP = load_nlp(model)


def _worker_extract(sources: list[Source]) -> list[DocResult]:
    from kg.extract import extract_sources

    return list(extract_sources(sources, nlp=_WORKER_NLP, batch_size=BATCH_SIZE))


def extract_all(sources: Iterable[Source], jobs: int = 1, model: str | None = None) -> Iterator[DocResult]:
    """Parse and extract, streaming; ``jobs`` > 1 runs whole batches in worker processes."""
    if jobs <= 1:
        from kg.extract import extract_sources
        from kg.extract.nlp import load_nlp

        yield from extract_sources(sources, nlp=load_nlp(model), batch_size=BATCH_SIZE)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork" if os.name == "posix" else "spawn")
    with ctx.Pool(jobs, initializer=_worker_init, initargs=(model,)) as pool:
        for batch in pool.imap(_worker_extract, _chunks(sources, 16)):
            yield from batch


# -------------------------------------------------------------------------------------------- the build


def build(
    inputs: Iterable[str] | Iterable[Source],
    *,
    store: str | Path | GraphStore | None = None,
    out: str | Path | None = None,
    date: str | None = None,
    jobs: int = 1,
    model: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build a graph from paths (files, directories, globs, ``-``) or Source records.

    With ``store`` the documents are added to that store (idempotently); with ``out`` the graph files
    are written there. Bad inputs are skipped and reported, never raised.
    """
    issues = InputIssues()
    report = BuildReport()
    gs = store if isinstance(store, GraphStore) else open_store(store)

    items = list(inputs) if not isinstance(inputs, (list, tuple)) else inputs
    if items and all(isinstance(x, Source) for x in items):
        sources: Iterable[Source] = iter(items)  # type: ignore[arg-type]
    else:
        sources = iter_sources([str(x) for x in items], issues, default_date=date)

    def fresh(stream: Iterable[Source]) -> Iterator[Source]:
        seen: set[str] = set()
        for s in stream:
            if s.identifier in seen:
                issues.warn(s.origin or s.identifier, f"duplicate identifier {s.identifier!r}; later copy ignored")
                continue
            seen.add(s.identifier)
            if gs.is_current(s.identifier, doc_hash(s)):
                report.unchanged += 1
                continue
            yield s

    classes: dict[str, str] = {}
    relations: Counter[str] = Counter()
    done = 0
    for batch in _chunks(extract_all(fresh(sources), jobs=jobs, model=model), STORE_BATCH_DOCS):
        gs.put(batch)
        for r in batch:
            report.documents += 1
            report.words += r.words
            for e in r.entities:
                classes[e.key] = e.cls
            relations.update(t.relation for t in r.triples)
            room = MAX_REPORTED_REJECTS - len(report.rejected)
            if room > 0:
                report.rejected.extend(r.rejected[:room])
        done += len(batch)
        if on_progress:
            on_progress(done, report.words)
    gs.close()
    report.skipped = issues.skipped
    report.warnings = issues.warnings
    report.entities = len(classes)
    report.entity_classes = dict(Counter(classes.values()))
    report.relations = sum(relations.values())
    report.relation_types = dict(relations)
    result = BuildResult(gs, report)
    if out is not None:
        write_outputs(result, Path(out))
    return result


def write_outputs(result: BuildResult, out: Path) -> None:
    """graph.ttl (union), graph.trig (one graph per document), graph.html, report.json — each atomically."""
    from kg.network.html import render_html
    from kg.network.project import to_networkx

    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / "graph.ttl", result.store.export("ttl"))
    write_atomic(out / "graph.trig", result.store.export("trig"))
    graph = result.store.union_graph()
    write_atomic(out / "graph.html", render_html(to_networkx(graph), title="geokg"))
    write_atomic(out / "report.json", json.dumps(result.report.to_dict(), indent=1, ensure_ascii=False) + "\n")
