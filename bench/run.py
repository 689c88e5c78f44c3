"""`make bench`: run every bench/bench_*.py in turn, each in its own process, print what it prints, then one
table of the issue's ratios beside their targets, the anchors side by side (plain spaCy for the build, rdflib's
in-memory Dataset for the store) and the machine's load, and append that table to bench/RESULTS.md.

A benchmark that fails or runs past its time limit is reported and the next one runs; the exit status
is 1 if any of them failed. ``BENCH_TIMEOUT`` (seconds, default 1800) limits each one;
``python bench/run.py scale store`` runs only the named ones; ``--no-record`` leaves RESULTS.md alone.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
WITH_JSON = {"scale", "store"}  # the benchmarks whose figures go into the table (``--json FILE``)
LISTINGS = {"documents", "officials"}  # full listings: every row, no default page; their first page is timed


def main(only: list[str], record: bool = True) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if only:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in only]
    timeout = float(os.environ.get("BENCH_TIMEOUT", "1800"))
    failed = []
    loads = [os.getloadavg()[0]]
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-run-") as tmp:
        for script in scripts:
            name = script.stem.removeprefix("bench_")
            print(f"\n=== {script.name} ===", flush=True)
            out = Path(tmp, f"{name}.json")
            cmd = [sys.executable, str(script), *(["--json", str(out)] if name in WITH_JSON else [])]
            start = time.monotonic()
            # its own process group, so that a benchmark stopped for time takes its children with it
            proc = subprocess.Popen(cmd, cwd=HERE.parent, start_new_session=True)
            try:
                code = proc.wait(timeout=timeout)
                status = "ok" if code == 0 else f"FAILED (exit status {code})"
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                status = f"FAILED (stopped after {timeout:.0f} s)"
            except KeyboardInterrupt:
                os.killpg(proc.pid, signal.SIGKILL)
                raise
            loads.append(os.getloadavg()[0])
            if status != "ok":
                failed.append(script.name)
            elif out.exists():
                figures[name] = json.loads(out.read_text())
            print(f"=== {script.name}: {status} in {time.monotonic() - start:.0f} s ===", flush=True)
    if figures:
        table = summary(figures, loads)
        print("\n" + table, flush=True)
        if record:
            stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
            with (HERE / "RESULTS.md").open("a", encoding="utf-8") as fh:
                fh.write(f"\n## `make bench`, {stamp}\n\n{table}\n")
    if failed:
        print(f"\nfailed: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:,.1f} ms"


def _met(ok: bool | None) -> str:
    return "-" if ok is None else ("yes" if ok else "**no**")


def summary(figures: dict[str, dict], loads: list[float]) -> str:
    """The issue's targets as one Markdown table: measure, value, target, met; then the anchors."""
    rows: list[tuple[str, str, str, str]] = []
    anchors: list[tuple[str, str, str]] = []
    scale = figures.get("scale")
    if scale:
        words = scale["words"]
        plain, j1, j2 = (words / scale[k] for k in ("plain_s", "jobs1_s", "jobs2_s"))
        rows.append(("kg build --jobs 1 / plain spaCy (words/s)", f"{j1 / plain:.2f}", ">= 1.2", _met(j1 / plain >= 1.2)))
        rows.append(("  the same by CPU time", f"{scale['plain_cpu'] / scale['jobs1_cpu']:.2f}", "", ""))
        rows.append(("kg build --jobs 2 / --jobs 1 (words/s)", f"{j2 / j1:.2f}", ">= 1.8", _met(j2 / j1 >= 1.8)))
        if "rss_ratio" in scale:
            rows.append(("peak RSS, 20,000 / 1,000 documents", f"{scale['rss_ratio']:.2f}", "<= 1.3",
                         _met(scale["rss_ratio"] <= 1.3)))
        anchors.append((f"build, {words:,} words ({scale['documents']} documents)", f"plain spaCy nlp.pipe "
                        f"{plain:,.0f} words/s", f"kg build --jobs 1 {j1:,.0f}, --jobs 2 {j2:,.0f} words/s"))
        real = scale.get("real")
        if real:  # the same on real text (seeds and the development sets' texts, repeated)
            rwords = real["words"]
            rp, r1, r2 = (rwords / real[k] for k in ("plain_s", "jobs1_s", "jobs2_s"))
            rows.append(("  real text: --jobs 1 / plain spaCy", f"{r1 / rp:.2f}", ">= 1.2", _met(r1 / rp >= 1.2)))
            rows.append(("  real text: --jobs 2 / --jobs 1", f"{r2 / r1:.2f}", ">= 1.8", _met(r2 / r1 >= 1.8)))
            anchors.append((f"build, real text, {rwords:,} words ({real['documents']} documents)",
                            f"plain spaCy nlp.pipe {rp:,.0f} words/s",
                            f"kg build --jobs 1 {r1:,.0f}, --jobs 2 {r2:,.0f} words/s"))
    store = figures.get("store")
    if store:
        emb, rdf = store["embedded"], store.get("rdflib") or {}
        rate = emb["quads"] / emb["load_s"]
        rows.append((f"store ingest, {emb['quads']:,} quads (closing included)", f"{rate:,.0f} quads/s", ">= 100,000",
                     _met(rate >= 100_000)))
        rows.append(("  the same per CPU second", f"{emb['quads'] / emb['load_cpu_s']:,.0f} quads/s", "", ""))
        queries = emb["queries"]
        named = [q for q in queries if " " not in q]
        slow = [q for q in named if q not in LISTINGS and queries[q]["s"] >= 0.1]
        rows.append((f"named queries < 100 ms (all but the {len(LISTINGS)} full listings)",
                     f"{len(named) - len(LISTINGS) - len(slow)} of {len(named) - len(LISTINGS)}",
                     "all", _met(not slow) + (f" ({', '.join(slow)})" if slow else "")))
        for q in sorted(LISTINGS):
            page = queries.get(f"{q} --limit 100")
            if page:
                rows.append((f"first 100-row page of {q}", _ms(page["s"]), "< 100 ms", _met(page["s"] < 0.1)))
        rdf_load = f"rdflib Dataset: parse {rdf['load_s']:.1f} s" if rdf.get("load_s") else "rdflib: not run"
        anchors.append((f"store, {emb['quads']:,} quads", rdf_load,
                        f"embedded Oxigraph: ingest {emb['load_s']:.1f} s"))
        for q, e in queries.items():
            r = (rdf.get("queries") or {}).get(q)
            rs = "-" if r is None else (f"> {r['timeout']:g} s" if r.get("s") is None else _ms(r["s"]))
            anchors.append((f"  {q} ({e['rows']:,} rows)", f"rdflib {rs}", f"embedded {_ms(e['s'])}"))
    lines = ["| measure | value | target | met |", "|---|---:|---|:-:|"]
    lines += [f"| {m} | {v} | {t} | {ok} |" for m, v, t, ok in rows]
    lines += ["", "| anchors | anchor | geokg |", "|---|---:|---:|"]
    lines += [f"| {what} | {a} | {g} |" for what, a, g in anchors]
    lines += ["", f"Load average (1 min) on this {os.cpu_count()}-core machine, before and after each benchmark: "
              + ", ".join(f"{x:.1f}" for x in loads) + ". Other work on the machine slows the wall-clock figures."]
    return "\n".join(lines)


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main([a for a in args if a != "--no-record"], record="--no-record" not in args))
