"""Where `kg build --jobs 1 --store DIR` spends its time, stage by stage, on bench/corpus.py's article corpus
(or, ``--real``, its real text: the seeds and the development sets' texts, repeated).

Runs the stages of a build in this one process, in the order and with the functions the build uses, and
times each (CPU and wall seconds):

* start-up: loading the spaCy pipeline (``load_nlp``) and the first document (gazetteer, lexicon);
* read: the corpus file into Sources (``kg.files.iter_sources``, as ``kg build FILE`` reads it);
* parse: ``extract_chunk`` (spaCy's tokenizer, tagger, parser, NER, ... and the merging of results) less
* extract: geokg's components (``geokg_entities``, ``geokg_relations``), timed inside those calls;
* convert: DocResults to quads (``kg.rdf.convert.all_quads``);
* write: ``GraphStore.put`` per commit batch (STORE_BATCH_DOCS documents), less its conversion;
* close: ``GraphStore.close`` (derived counts, compaction).

The extract stage's timers cost a little themselves. Not a test. Run: ``python bench/bench_stages.py [--words N] [--real]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import articles, real_articles, write_jsonl  # noqa: E402


class Clock:
    """Accumulates (CPU, wall) seconds per stage."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)

    def timed(self, stage: str, fn, *args, **kwargs):
        c, w = time.process_time(), time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            self.cpu[stage] += time.process_time() - c
            self.wall[stage] += time.perf_counter() - w


def time_our_components(clock: Clock) -> None:
    """Count the calls of geokg's two extraction components as the extract stage (class-level wrappers)."""
    from kg.extract.components import EntityResolver, RelationExtractor

    for cls in (EntityResolver, RelationExtractor):
        def call(self, doc, *args, _inner=cls.__call__, **kwargs):
            return clock.timed("extract", _inner, self, doc, *args, **kwargs)
        cls.__call__ = call


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=100_000)
    ap.add_argument("--real", action="store_true", help="real text instead of the generated articles")
    args = ap.parse_args()

    from kg.extract.nlp import load_nlp
    from kg.files import InputIssues, iter_sources
    from kg.pipeline import WARM_UP, chunks, extract_chunk
    from kg.rdf.convert import all_quads
    from kg.rdf.store import GraphStore
    from kg.settings import STORE_BATCH_DOCS
    from kg.types import DocResult

    clock = Clock()
    tmp = Path(tempfile.mkdtemp(prefix="kg-stages-"))
    corpus = tmp / "corpus.jsonl"
    docs, words = write_jsonl((real_articles if args.real else articles)(args.words), corpus)
    start_c, start_w = time.process_time(), time.perf_counter()
    nlp = clock.timed("start-up", load_nlp)
    clock.timed("start-up", extract_chunk, [WARM_UP], nlp)
    time_our_components(clock)
    store = GraphStore(tmp / "store")
    sources = clock.timed("read", lambda: list(iter_sources([str(corpus)], InputIssues())))
    results: list[DocResult] = []
    for chunk in chunks(sources):
        results.extend(r for r in clock.timed("parse", extract_chunk, chunk, nlp) if isinstance(r, DocResult))
    clock.cpu["parse"] -= clock.cpu["extract"]
    clock.wall["parse"] -= clock.wall["extract"]
    for r in results:
        clock.timed("convert", all_quads, r)
    for i in range(0, len(results), STORE_BATCH_DOCS):  # put converts again: the write is put less convert
        clock.timed("write", store.put, results[i : i + STORE_BATCH_DOCS])
    clock.cpu["write"] -= clock.cpu["convert"]
    clock.wall["write"] -= clock.wall["convert"]
    clock.timed("close", store.close)
    total_c, total_w = time.process_time() - start_c, time.perf_counter() - start_w
    print(f"{docs} documents, {words:,} words; kg build --jobs 1 stages in one process")
    print(f"{'stage':12}{'CPU s':>8}{'share':>8}{'wall s':>9}")
    for stage in ("start-up", "read", "parse", "extract", "convert", "write", "close"):
        print(f"{stage:12}{clock.cpu[stage]:>8.2f}{100 * clock.cpu[stage] / total_c:>7.1f}%{clock.wall[stage]:>9.2f}")
    print(f"{'total':12}{total_c:>8.2f}{100.0:>7.1f}%{total_w:>9.2f}   ({words / total_w:,.0f} words/s wall)")


if __name__ == "__main__":
    main()
