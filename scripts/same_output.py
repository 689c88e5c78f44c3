#!/usr/bin/env python3
"""Extraction output of a fixed set of inputs → a snapshot file, or a comparison against one.

Usage: same_output.py save SNAPSHOT | same_output.py check SNAPSHOT [--bench-words N] [--build]

The inputs: the three dev sets (PLOVER and re3d from ../shared/eval beside this checkout, our
seeds gold), the seed articles (seeds/*.txt), and the benchmark corpus of bench/corpus.py (default
60,000 words). Every DocResult is kept whole: entities with labels, classes and alt labels, triples
with rules, confidences, dates and offsets, rejected candidates with reasons. ``check`` prints every
document whose result differs and exits 1 if any does. ``--build`` extracts as ``kg build --jobs 1``
does (chunks, memory zones). For changes meant to leave the output alone (speed work): save before,
check after each change.
"""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import articles  # noqa: E402

from kg import pipeline  # noqa: E402
from kg.extract import extract_sources  # noqa: E402
from kg.extract.nlp import load_nlp  # noqa: E402
from kg.types import Source  # noqa: E402

DEV_SETS = (
    ROOT.parent / "shared" / "eval" / "plover_dev.jsonl",
    ROOT.parent / "shared" / "eval" / "re3d_dev.jsonl",
    ROOT / "tests" / "gold" / "seeds_gold.jsonl",
)


def inputs(bench_words: int) -> dict[str, list[Source]]:
    sets: dict[str, list[Source]] = {}
    for path in DEV_SETS:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        sets[path.name] = [Source(str(r["id"]), r["text"], date=r.get("date")) for r in records]
    sets["seeds"] = [Source(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    sets["bench"] = [Source(r["id"], r["text"], date=r["date"]) for r in articles(bench_words)]
    return sets


def extract_all(bench_words: int, build: bool) -> dict[str, list]:
    """Each input set's DocResults: by ``extract_sources``, or (``build``) as ``kg build --jobs 1`` makes
    them (``kg.pipeline.extract_all``: chunks in memory zones, after the warm-up)."""
    if build:
        return {name: list(pipeline.extract_all(sources, jobs=1)) for name, sources in inputs(bench_words).items()}
    nlp = load_nlp()
    return {name: list(extract_sources(sources, nlp=nlp)) for name, sources in inputs(bench_words).items()}


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("save", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, snapshot = argv[0], Path(argv[1])
    bench_words = int(argv[argv.index("--bench-words") + 1]) if "--bench-words" in argv else 60_000
    results = extract_all(bench_words, build="--build" in argv)
    if mode == "save":
        snapshot.write_bytes(pickle.dumps(results))
        print(f"saved {sum(len(r) for r in results.values())} document results to {snapshot}")
        return 0
    before = pickle.loads(snapshot.read_bytes())
    differ = 0
    for name, now in results.items():
        then = before.get(name)
        if then is None or len(then) != len(now):
            print(f"{name}: {len(now)} results, snapshot has {len(then or [])}")
            differ += 1
            continue
        for old, new in zip(then, now, strict=True):
            if old != new:
                differ += 1
                print(f"{name} {new.source.identifier}: differs")
                for field in ("entities", "triples", "rejected", "words"):
                    a, b = getattr(old, field), getattr(new, field)
                    if a != b:
                        print(f"  {field}: before {a!r}\n  {'':{len(field)}}  after  {b!r}")
    total = sum(len(r) for r in results.values())
    print(f"{total} document results, {differ} differ from {snapshot}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
