"""Where the time goes in the spaCy pipeline: CPU seconds per component over the bench corpus's documents.

Usage: profile_components.py [--docs N] [--triage] [--real]

Runs the pipeline ``kg build`` uses (``load_nlp()`` with geokg's components) over the first N documents
of ``bench/corpus.py``'s article corpus, one component at a time over each batch, and prints each
component's CPU time and share. The tokenizer is timed as ``make_doc``. ``--triage``: the parse triage
(``geokg_triage``) instead of the parser. ``--real``: bench/corpus.py's real text (the seeds and the
development sets' texts) instead of the generated articles. CPU time of this process only, so other work on the machine
changes the figures less than wall time.
"""

from __future__ import annotations

import argparse
import sys
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import articles, real_articles  # noqa: E402

from kg.extract.components import TRIAGE, ensure  # noqa: E402
from kg.extract.nlp import load_nlp, one_blas_thread  # noqa: E402


def profile(texts: list[str], batch_size: int = 64, triage: bool = False) -> dict[str, float]:
    """CPU seconds by component (and ``tokenizer``) over ``texts``; ``triage``: the parse triage instead
    of the parser."""
    nlp = load_nlp()
    ensure(nlp)
    skip = "parser" if triage else TRIAGE
    pipeline = [(name, proc) for name, proc in nlp.pipeline if name != skip]
    cost = {"tokenizer": 0.0} | {name: 0.0 for name, _ in pipeline}
    for i in range(0, len(texts), batch_size):
        t = time.process_time()
        docs = [nlp.make_doc(x) for x in texts[i : i + batch_size]]
        cost["tokenizer"] += time.process_time() - t
        for name, proc in pipeline:
            t = time.process_time()
            docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            cost[name] += time.process_time() - t
    return cost


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--triage", action="store_true", help="the parse triage instead of the parser")
    ap.add_argument("--real", action="store_true", help="real text instead of the generated articles")
    args = ap.parse_args()
    corpus = real_articles(10_000_000) if args.real else articles(10_000_000)
    texts = [r["text"] for r in islice(corpus, args.docs)]
    words = sum(len(x.split()) for x in texts)
    with one_blas_thread():  # as kg build parses
        profile(texts[:8], triage=args.triage)  # warm up
        cost = profile(texts, triage=args.triage)
    total = sum(cost.values())
    print(f"{len(texts)} documents, {words:,} words; CPU seconds by component")
    for name, s in cost.items():
        print(f"  {name:16}{s:8.2f}  {100 * s / total:5.1f}%")
    print(f"  {'total':16}{total:8.2f}  ({words / total:,.0f} words per CPU second)")


if __name__ == "__main__":
    main()
