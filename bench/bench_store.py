"""Benchmark: the embedded Oxigraph store vs rdflib's in-memory Dataset on a generated graph shaped like ours.

Generates documents (states, groups, officials, places; relations with full provenance) until the graph
holds --triples quads (default 1M), then, each side in its own process so peak memory is its own:

* embedded: ingest into an on-disk store as kg build writes: each document converted (GraphStore.prepare),
  one write per commit batch (STORE_BATCH_DOCS documents) whose bulk load goes on in a thread while the
  next batch is converted (write(..., wait=False)), closing included (load time, quads/s, CPU time), export to TriG,
  then, on the store opened anew (as a later `kg query` would), every shipped named query (median of
  --repeat runs) as `kg query NAME -f tsv` runs it: run_query, then format_result over every row;
* rdflib: parse the same data (N-Quads) into an in-memory Dataset (default_union) and run the same
  queries with the same bindings, each capped at --rdflib-timeout seconds (SIGALRM).

Prints a table with latencies and ratios; ``--json FILE`` also writes the figures. Not a test.
Run: ``python bench/bench_store.py [--triples N] [--rdflib-timeout S] [--skip-rdflib]``.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.types import DocResult, Entity, Source, Triple  # noqa: E402
from kg.vocab import INTERACTIONS  # noqa: E402

SEED = 7
STATES = ["Pakistan", "India", "United States", "Afghanistan", "China", "Russia", "Iran", "Yemen"]
PARAMS = {  # -p values for the named queries (resolved to IRIs by name, as the CLI does)
    "actors": [("class", "ArmedGroup")],
    "officials": [],
    "leaders": [],
    "based-in": [("state", "Pakistan")],
    "relations": [("a", "Pakistan"), ("b", "India")],
    "dyad-timeline": [("a", "Pakistan"), ("b", "India")],
    "most-connected": [],
    "state-sponsors": [],
    "events": [("type", "assault"), ("from", "2019-01-01"), ("to", "2019-03-31")],
    "mentions": [("actor", "Lashkar-e-Taiba")],
    "event-counts": [("actor", "Pakistan")],
    "documents": [],
}
EXTRA_CASES = [  # (label, named query, -p values, --limit): further cases worth timing
    ("officials -p org", "officials", [("org", "Pakistan")], None),  # "officials of a state", as the issue asks
    ("documents --limit 100", "documents", [], 100),  # one page of the long listings
    ("officials --limit 100", "officials", [], 100),
    # the roll-up switch both ways (dyad-timeline and event-counts roll up by default, the other two do not)
    ("dyad-timeline -p rollup false", "dyad-timeline", [("a", "Pakistan"), ("b", "India"), ("rollup", "false")], None),
    ("event-counts -p rollup false", "event-counts", [("actor", "Pakistan"), ("rollup", "false")], None),
    ("event-types -p rollup true", "event-types", [("rollup", "true")], None),
    ("state-sponsors -p rollup true", "state-sponsors", [("rollup", "true")], None),
    ("state-sponsors -p state", "state-sponsors", [("state", "Pakistan")], None),
]
JOIN_QUERIES = {"relations", "dyad-timeline", "state-sponsors", "events", "mentions", "based-in", "officials",
                "leaders", "most-connected"}
STRAY_TIES = 0.05  # officialOf/leaderOf statements tying an official to a random actor rather than his own
RELATIONS = list(INTERACTIONS)  # the synthetic events draw from the sixteen PLOVER types, in this order


def cases() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(label, query text, -p values): every shipped named query with its PARAMS, then EXTRA_CASES."""
    from kg.rdf.sparql import named_queries, page

    queries = named_queries()
    return ([(name, queries[name], PARAMS.get(name, [])) for name in sorted(queries)]
            + [(label, page(queries[name], limit), params) for label, name, params, limit in EXTRA_CASES])


# ----------------------------------------------------------------------------------------- generation


def iso(i: int) -> str:
    return "".join(chr(65 + (i // 26**k) % 26) for k in (2, 1, 0))


SYLLABLES = ["al", "an", "bar", "da", "ha", "ir", "ka", "lam", "mir", "na", "qa", "ra", "sha", "tar", "zu",
             "ben", "kor", "vel", "mo", "ste"]


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def names(rng: random.Random, n: int, make) -> list[str]:
    """``n`` distinct names from ``make(rng)`` (a name seen twice is redrawn)."""
    seen: dict[str, None] = {}
    while len(seen) < n:
        seen.setdefault(make(rng))
    return list(seen)


def entities(rng: random.Random) -> dict[str, list[Entity]]:
    """Names about as long as real ones: as in our seed and re3d builds, ~40 % of officials' names and
    ~30 % of groups' are over 15 bytes, the longest string Oxigraph stores inline (longer ones are looked
    up in its string table whenever a query reads or compares them)."""
    state_names = STATES + names(rng, 200 - len(STATES), lambda r: r.choice(
        [word(r, 2)] * 6 + [word(r, 3)] * 3 + [f"Republic of {word(r, 2)}"]))
    states = [Entity(f"state/S{i}", name, "State", iso=iso(i)) for i, name in enumerate(state_names)]
    armed = [Entity("group/let", "Lashkar-e-Taiba", "ArmedGroup", alt_labels=frozenset({"LeT"}))]
    armed += [Entity(f"group/a{i}", name, "ArmedGroup") for i, name in enumerate(names(rng, 399, lambda r: (
        f"{word(r, 2)} {r.choice(['Liberation Front', 'Brigades', 'Army', 'Movement', 'Jamaat'])}")), 1)]
    orgs = [Entity(f"org/o{i}", name, "InternationalOrganization") for i, name in enumerate(names(rng, 100, lambda r: (
        f"{r.choice(['Council', 'Union', 'Organization', 'Commission'])} of {word(r, 2)} States")))]
    bodies = [Entity(f"body/b{i}", name, "GovernmentBody") for i, name in enumerate(names(rng, 500, lambda r: (
        f"Ministry of {r.choice(['Defence', 'Interior', 'Foreign Affairs', 'Finance'])} of {word(r, 2)}")))]
    officials = [Entity(f"person/p{i}", name, "Official", title=rng.choice(
        ["Prime Minister", "Minister of Defence", "Foreign Minister", "Commander", "Spokesman"]))
        for i, name in enumerate(names(rng, 3000, lambda r: (
            f"{word(r, 2)} {r.choice(['', '', 'al-', 'bin '])}{word(r, r.choice([2, 3, 3]))}")))]
    places = [Entity(f"place/c{i}", name, "Place") for i, name in enumerate(names(rng, 500, lambda r: (
        word(r, 3) + r.choice(["abad", "pur", " Province", " District"]))))]
    return {"State": states, "ArmedGroup": armed, "Org": orgs, "Body": bodies, "Official": officials,
            "Place": places}


def zipf_pick(rng: random.Random, items: list, cum_weights: list[float]):
    return rng.choices(items, cum_weights=cum_weights)[0]


def generate(target_quads: int) -> list[DocResult]:
    """Documents until about ``target_quads`` quads; hubs (Pakistan, India, LeT) are mentioned most."""
    from kg.rdf.convert import document_quads, entity_quads

    rng = random.Random(SEED)
    ents = entities(rng)
    actors = ents["State"] + ents["ArmedGroup"] + ents["Org"] + ents["Body"] + ents["Official"]
    weights = list(itertools.accumulate(1.0 / (i + 1) ** 0.8 for i in range(len(actors))))
    # An official serves one state or group (commanders a group, the others a state), and a few statements
    # in a corpus tie him elsewhere (extraction errors, a post changed): drawn apart from the main stream
    ties = random.Random(SEED + 1)
    home = {o.key: ties.choice(ents["ArmedGroup"] if o.title == "Commander" else ents["State"])
            for o in ents["Official"]}
    docs: list[DocResult] = []
    total, n = 0, 0
    described: set = set()  # entity descriptions are stored once, in the shared entities graph
    while total < target_quads:
        n += 1
        date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sentences, triples, used = [], [], {}
        offset = 0
        for _ in range(rng.randint(4, 12)):
            kind = rng.random()
            if kind < 0.12:
                o = rng.choice(ents["Official"])
                s = rng.choice(ents["State"] + ents["ArmedGroup"] + ents["Body"])  # (drawn as before: same stream)
                if ties.random() >= STRAY_TIES:
                    s = home[o.key]
                rel = "leaderOf" if rng.random() < 0.3 else "officialOf"
                a, b = o, s
            elif kind < 0.18:
                a, b, rel = rng.choice(ents["ArmedGroup"]), zipf_pick(rng, ents["State"], weights[:200]), "basedIn"
            else:
                a, b = zipf_pick(rng, actors, weights), zipf_pick(rng, actors, weights)
                if a is b:
                    continue
                rel = rng.choice(RELATIONS)
            text = f"{a.label} {rel} {b.label} in sentence {len(sentences)} of document {n}."
            sentences.append(text)
            used[a.key], used[b.key] = a, b
            triples.append(Triple(a.key, rel, b.key, text, offset, offset + len(text), "bench", 0.8,
                                  date=date if rng.random() < 0.3 else None))
            offset += len(text) + 1
        first = triples[0] if triples else None
        headline = f"{used[first.subject].label} and {used[first.object].label}" if first else "Briefing"
        src = Source(f"{date}-report-{n:07d}.txt", " ".join(sentences), title=f"{headline}: report {n}",
                     date=date, url=f"https://news.example/{date[:4]}/{n}")
        doc = DocResult(src, tuple(used.values()), tuple(triples))
        fresh = set(entity_quads(doc)) - described
        described |= fresh
        total += len(document_quads(doc)) + len(fresh)
        docs.append(doc)
    return docs


# ------------------------------------------------------------------------------------------ the sides


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        rows = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), rows


def timed_close(store, out: dict) -> None:
    """``store.close()``, with the time of its compaction and of its counts in ``out``."""
    inner, refresh = store._ox, store.refresh_stats
    spent = {"compact_s": 0.0, "counts_s": 0.0}

    def timed(key, call):
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                spent[key] += time.perf_counter() - start
        return run

    class Timed:  # the pyoxigraph store, its optimize() timed
        def __getattr__(self, name):
            return timed("compact_s", inner.optimize) if name == "optimize" else getattr(inner, name)

    store._ox, store.refresh_stats = Timed(), timed("counts_s", refresh)
    try:
        store.close()
    finally:
        store._ox, store.refresh_stats = inner, refresh
    out.update(spent)


def side_embedded(args) -> dict:
    from kg.rdf.convert import all_quads
    from kg.rdf.query import bind_params, run_query
    from kg.rdf.sparql import format_result, named_queries
    from kg.rdf.stats import DROP_STATS
    from kg.rdf.store import GraphStore
    from kg.settings import STORE_BATCH_DOCS

    docs = generate(args.triples)
    batch = args.batch_docs or STORE_BATCH_DOCS
    out: dict = {"documents": len(docs), "batch_docs": batch}
    t = time.perf_counter()
    for d in docs:  # the conversion alone (put does it again): its share of the ingest
        all_quads(d)
    out["convert_s"] = time.perf_counter() - t
    store = GraphStore(Path(args.workdir) / "store")
    gc.collect()
    # The generated documents are this bench's own (kg build holds one commit batch at a time): set apart from
    # the garbage collector, whose full passes would otherwise walk all of them again and again (at 10M
    # quads, 90k documents and their triples) and be timed as ingest
    gc.freeze()
    out["load_avg_before"] = os.getloadavg()[0]
    t, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(docs), batch):  # as kg build commits: each document prepared, one write per batch,
        changes = [c for c in map(store.prepare, docs[i : i + batch]) if c is not None]  # its bulk load
        store.write(changes, wait=False)  # going on in a thread while the next batch is converted
    store.settle()
    t_stats = time.perf_counter()
    timed_close(store, out)  # closing: compaction, then the derived counts (kg.rdf.stats), flush
    out["puts_s"] = t_stats - t
    out["stats_s"] = time.perf_counter() - t_stats  # the whole closing
    out["load_s"] = time.perf_counter() - t
    out["load_cpu_s"] = time.process_time() - cpu  # every thread of the process (the loader's, RocksDB's)
    out["load_avg"] = os.getloadavg()[0]
    gc.unfreeze()
    out["quads"] = len(store)
    t = time.perf_counter()
    again = store.put(docs[:2000])
    out["reput_2000_unchanged_s"] = time.perf_counter() - t
    assert set(again.values()) == {"unchanged"} and len(store) == out["quads"]
    t = time.perf_counter()
    data = store.export("trig")
    out["export_trig_s"] = time.perf_counter() - t
    if not args.skip_rdflib:
        nq = Path(args.workdir) / "data.nq"
        nq.write_bytes(store.export("nq"))
    del data
    # Queries run on the store opened anew, as `kg query` opens it after `kg build` has ended.
    del store, again
    gc.collect()
    store = GraphStore(Path(args.workdir) / "store")
    queries = named_queries()
    out["queries"], out["bindings"] = {}, {}
    for label, text, params in cases():
        bindings = bind_params(store, text, params)
        out["bindings"][label] = {k: v.n3() for k, v in bindings.items()}
        secs, rows = timed(lambda text=text, b=bindings: format_result(run_query(store, text, b), "tsv").count("\n") - 1,
                           args.repeat)
        out["queries"][label] = {"s": secs, "rows": rows}
    store._ox.update(DROP_STATS)  # most-connected while the counts are absent (mid-build, or a graph file)
    secs, rows = timed(lambda: format_result(run_query(store, queries["most-connected"], {}), "tsv").count("\n") - 1,
                       args.repeat)
    out["queries"]["most-connected (no counts)"] = {"s": secs, "rows": rows}
    out["peak_mb"] = peak_mb()
    return out


class Timeout(Exception):
    pass


def side_rdflib(args) -> dict:
    from rdflib import Dataset
    from rdflib.util import from_n3

    bindings_n3 = json.loads(Path(args.workdir, "bindings.json").read_text())
    out: dict = {}
    t = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(str(Path(args.workdir) / "data.nq"), format="nquads")
    out["load_s"] = time.perf_counter() - t

    def alarm(signum, frame):
        raise Timeout()

    signal.signal(signal.SIGALRM, alarm)
    out["queries"] = {}
    for name, text, _ in cases():
        b = {k: from_n3(v) for k, v in bindings_n3.get(name, {}).items()}
        signal.setitimer(signal.ITIMER_REAL, args.rdflib_timeout)
        t = time.perf_counter()
        try:
            rows = sum(1 for _ in ds.query(text, initBindings=b))
            out["queries"][name] = {"s": time.perf_counter() - t, "rows": rows}
        except Timeout:
            out["queries"][name] = {"s": None, "timeout": args.rdflib_timeout}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        print(json.dumps({"progress": name, **out["queries"][name]}), file=sys.stderr, flush=True)
    out["peak_mb"] = peak_mb()
    return out


# ------------------------------------------------------------------------------------------ driver


def run_side(side: str, args, workdir: str, budget: float) -> dict | None:
    cmd = [sys.executable, __file__, "--side", side, "--workdir", workdir, "--triples", str(args.triples),
           "--repeat", str(args.repeat), "--rdflib-timeout", str(args.rdflib_timeout),
           "--batch-docs", str(args.batch_docs),
           *(["--skip-rdflib"] if args.skip_rdflib else [])]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=budget)
    except subprocess.TimeoutExpired:
        print(f"{side}: stopped after {budget:.0f} s", file=sys.stderr)
        return None
    if done.returncode != 0:
        print(f"{side} failed:\n{done.stderr[-3000:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def fmt_s(x: float | None) -> str:
    if x is None:
        return "timeout"
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def report(emb: dict, rdf: dict | None, args) -> str:
    lines = [f"graph: {emb['quads']:,} quads in {emb['documents']:,} documents (generated, seed {SEED})",
             f"embedded Oxigraph: ingest {emb['load_s']:.1f} s ({emb['quads'] / emb['load_s']:,.0f} quads/s; "
             f"of which closing {emb.get('stats_s', 0):.2f} s: counts {emb.get('counts_s', 0):.2f} s, compaction "
             f"{emb.get('compact_s', 0):.2f} s; CPU {emb['load_cpu_s']:.1f} s, "
             f"{emb['quads'] / emb['load_cpu_s']:,.0f} quads per CPU second; writes of {emb['batch_docs']} documents; "
             f"conversion alone {emb['convert_s']:.1f} s; load average {emb['load_avg']:.1f}), "
             f"re-put 2000 unchanged docs {emb['reput_2000_unchanged_s'] * 1000:.0f} ms, "
             f"export TriG {emb['export_trig_s']:.1f} s, peak RSS {emb['peak_mb']:.0f} MB"]
    if rdf:
        lines.append(f"rdflib in-memory Dataset: parse N-Quads {rdf['load_s']:.1f} s, peak RSS {rdf['peak_mb']:.0f} MB")
    lines.append("")
    lines.append(f"{'query':30} {'rows':>6} {'embedded':>10} {'rdflib':>10} {'ratio':>8}  target")
    for name, e in emb["queries"].items():
        r = (rdf or {}).get("queries", {}).get(name)
        if r is None:
            rs, ratio = "-", "-"
        elif r.get("s") is None:
            rs, ratio = f">{r['timeout']:g} s", f">{r['timeout'] / e['s']:,.0f}x"
        else:
            rs, ratio = fmt_s(r["s"]), f"{r['s'] / e['s']:,.0f}x"
        ok = ["<100ms" if e["s"] < 0.1 else "SLOW"]
        if name.split()[0] in JOIN_QUERIES and r is not None:
            ok.append(">=20x" if (r.get("s") is None or r["s"] / e["s"] >= 20) else "<20x")
        lines.append(f"{name:30} {e['rows']:>6} {fmt_s(e['s']):>10} {rs:>10} {ratio:>8}  {' '.join(ok)}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rdflib-timeout", type=float, default=60.0)
    ap.add_argument("--skip-rdflib", action="store_true")
    ap.add_argument("--batch-docs", type=int, default=0,
                    help="documents per put (default: kg build's commit batch, kg.settings.STORE_BATCH_DOCS)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--budget", type=float, default=3600.0, help="seconds allowed for the embedded side")
    ap.add_argument("--side", choices=["embedded", "rdflib"], help=argparse.SUPPRESS)
    ap.add_argument("--workdir", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.side:
        result = side_embedded(args) if args.side == "embedded" else side_rdflib(args)
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as workdir:
        print(f"generating and loading {args.triples:,} quads ...", file=sys.stderr)
        emb = run_side("embedded", args, workdir, budget=args.budget)
        if emb is None:
            sys.exit(1)
        Path(workdir, "bindings.json").write_text(json.dumps(emb["bindings"]))
        rdf = None
        if not args.skip_rdflib:
            print("rdflib side (slow) ...", file=sys.stderr)
            budget = 1800 + len(emb["queries"]) * (args.rdflib_timeout + 5)
            rdf = run_side("rdflib", args, workdir, budget=budget)
    text = report(emb, rdf, args)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"embedded": emb, "rdflib": rdf}, indent=1))


if __name__ == "__main__":
    main()
