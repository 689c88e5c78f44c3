"""Benchmark: a generated 5,000-entity, 15,000-relation graph → RDF → networkx → HTML → headless Chromium.

Prints the time of each stage, the page size, and how long the page takes in Chromium until the
network is drawn and answers (a ``page.evaluate`` round trip, then a search that focuses an entity).
The issue's target: load and respond within 10 s on the project machine.

    python bench/bench_viz.py [--nodes 5000] [--edges 15000] [--keep out.html]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.network.html import render_html
from kg.network.project import ENTITY_CLASSES, RELATION_QUAD, to_networkx
from kg.rdf.namespace import DOC, GKG, ID

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def synthetic_rdf(n_nodes: int, n_edges: int, seed: int = 1) -> Graph:
    """Entities in communities of ~100 (80 % of relations inside one), each relation with 1-2 statements."""
    rng = random.Random(seed)
    g = Graph()
    classes = [c for c in ENTITY_CLASSES if c not in ("Actor", "Group")]
    relations = list(RELATION_QUAD)
    docs = [URIRef(f"{DOC}bench-{i}") for i in range(200)]
    for i, d in enumerate(docs):
        g.add((d, RDF.type, GKG.Document))
        g.add((d, DCTERMS.identifier, Literal(f"article-{i}.txt")))
        g.add((d, DCTERMS.title, Literal(f"Generated article {i}")))
        g.add((d, DCTERMS.date, Literal(f"2020-01-{1 + i % 28:02d}", datatype=XSD.date)))
    ents = [URIRef(f"{ID}e{i}") for i in range(n_nodes)]
    for i, e in enumerate(ents):
        g.add((e, RDF.type, GKG[rng.choice(classes)]))
        g.add((e, RDFS.label, Literal(f"Entity {i}")))
        g.add((e, SKOS.altLabel, Literal(f"E{i}")))
    seen: set[tuple[int, str, int]] = set()
    group = 100
    while len(seen) < n_edges:
        a = rng.randrange(n_nodes)
        if rng.random() < 0.8:
            base = a - a % group
            b = rng.randrange(base, min(base + group, n_nodes))
        else:
            b = rng.randrange(n_nodes)
        rel = rng.choice(relations)
        if a == b or (a, rel, b) in seen:
            continue
        seen.add((a, rel, b))
        s, p, o = ents[a], GKG[rel], ents[b]
        g.add((s, p, o))
        for k in range(rng.randint(1, 2)):
            st = URIRef(f"{ID}st/{a}-{rel}-{b}-{k}")
            doc = rng.choice(docs)
            for pred, obj in (
                (RDF.type, RDF.Statement),
                (RDF.subject, s),
                (RDF.predicate, p),
                (RDF.object, o),
                (
                    GKG.evidence,
                    Literal(f"Entity {a} was reported to {rel} Entity {b} in a generated sentence {k}."),
                ),
                (PROV.wasDerivedFrom, doc),
                (GKG.charStart, Literal(100 * k)),
                (GKG.charEnd, Literal(100 * k + 80)),
                (GKG.confidence, Literal(0.7)),
                (GKG.rule, Literal("svo-active")),
            ):
                g.add((st, pred, obj))
    return g


def timed(label: str, fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    print(f"{label:<34} {time.perf_counter() - t:7.2f} s", flush=True)
    return out


def browse(path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        t0 = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load", timeout=120_000)
        t_load = time.perf_counter() - t0
        page.wait_for_function("() => window.__kg && window.__kg.ready", timeout=120_000, polling=50)
        t_drawn = time.perf_counter() - t0
        marks = page.evaluate("window.__kg.timings")
        count = page.evaluate("window.__kg.nodes.length")
        t_eval = time.perf_counter() - t0
        found = page.evaluate("window.__kg.search('Entity 4321')")
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        t_search = time.perf_counter() - t0
        panel = page.inner_text("#kg-details")
        browser.close()
    print(f"{'browser: load event':<34} {t_load:7.2f} s")
    print(f"{'browser: network drawn':<34} {t_drawn:7.2f} s")
    inside = ", ".join(f"{k} {v / 1000:.2f}" for k, v in marks.items())
    print(f"{'  in page (s since navigation)':<34} {inside}")
    print(f"{'browser: evaluate round trip':<34} {t_eval:7.2f} s  ({count} nodes in the DataSet)")
    print(f"{'browser: search + focus + repaint':<34} {t_search:7.2f} s  (found id {found})")
    print(
        f"requests: {len(requests)} ({', '.join(sorted({u.split(':', 1)[0] for u in requests}))}); page errors: {len(errors)}"
    )
    if "Entity 4321" not in panel or errors or any(not u.startswith("file:") for u in requests):
        sys.exit("FAILED: search did not focus the entity, or the page erred or made a network request")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=15000)
    ap.add_argument("--keep", type=Path, help="also keep the page here")
    args = ap.parse_args()

    rdf = timed("generate RDF", synthetic_rdf, args.nodes, args.edges)
    print(f"{'  triples':<34} {len(rdf):7d}")
    G = timed("to_networkx", to_networkx, rdf)
    page = timed("render_html (layout included)", render_html, G, title="bench")
    print(f"{'  html size':<34} {len(page.encode()) / 1e6:7.2f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.html"
        path.write_text(page, encoding="utf-8")
        if args.keep:
            args.keep.write_text(page, encoding="utf-8")
        if not os.path.exists(CHROMIUM):
            sys.exit(f"{CHROMIUM} not found: apt-get install chromium")
        browse(path)


if __name__ == "__main__":
    main()
