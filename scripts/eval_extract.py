#!/usr/bin/env python3
"""Extraction only → a minimal TriG the shared scorer reads (no pipeline, no store).

Usage: eval_extract.py INPUT.jsonl|DIR OUT.trig [--time]

Each JSONL record (``id``, ``text``, optional ``date``) or ``.txt`` file in DIR becomes a document;
every triple is written as a direct triple plus an rdf:Statement with provenance, entities typed and
labelled as CONTRACT.md says. ``--time`` also reports plain ``nlp.pipe`` time against extraction.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rdflib import RDF, RDFS, Dataset, Literal, URIRef  # noqa: E402
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD  # noqa: E402

from kg.extract import extract_sources  # noqa: E402
from kg.extract.nlp import load_nlp  # noqa: E402
from kg.rdf.namespace import DOC, GKG, ID  # noqa: E402
from kg.types import Source  # noqa: E402



def read(path: str) -> list[Source]:
    p = Path(path)
    if p.is_dir():
        return [Source(f.name, f.read_text(encoding="utf-8")) for f in sorted(p.glob("*.txt"))]
    out = []
    for line in p.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out.append(Source(str(r["id"]), r["text"], date=r.get("date")))
    return out


def to_trig(results) -> Dataset:
    ds = Dataset()
    for n, res in enumerate(results):
        doc = URIRef(f"{DOC}{n}")
        g = ds.graph(doc)
        g.add((doc, RDF.type, GKG.Document))
        g.add((doc, DCTERMS.identifier, Literal(res.source.identifier)))
        for e in res.entities:
            node = ID[e.key]
            g.add((node, RDF.type, GKG[e.cls]))
            g.add((node, RDFS.label, Literal(e.label)))
            for a in e.alt_labels:
                g.add((node, SKOS.altLabel, Literal(a)))
            if e.iso:
                g.add((node, GKG.isoCode, Literal(e.iso)))
            if e.title:
                g.add((node, GKG.title, Literal(e.title)))
        for i, t in enumerate(res.triples):
            s, p, o = ID[t.subject], GKG[t.relation], ID[t.object]
            g.add((s, p, o))
            st = URIRef(f"{doc}/st{i}")
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, s))
            g.add((st, RDF.predicate, p))
            g.add((st, RDF.object, o))
            g.add((st, PROV.wasDerivedFrom, doc))
            g.add((st, GKG.evidence, Literal(t.evidence)))
            g.add((st, GKG.rule, Literal(t.rule)))
            g.add((st, GKG.confidence, Literal(t.confidence)))
            g.add((st, GKG.charStart, Literal(t.char_start)))
            g.add((st, GKG.charEnd, Literal(t.char_end)))
            if t.date:
                g.add((st, GKG.date, Literal(t.date, datatype=XSD.date)))
            if t.modality:
                g.add((st, GKG.modality, Literal(t.modality)))
            if t.sector:
                g.add((st, GKG.actorSector, Literal(t.sector)))
    return ds


def main(argv: list[str]) -> None:
    timing = "--time" in argv
    args = [a for a in argv if not a.startswith("--")]
    sources = read(args[0])
    nlp = load_nlp()
    if timing:
        t0 = time.perf_counter()
        for _ in nlp.pipe((s.text for s in sources), batch_size=64):
            pass
        parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    results = list(extract_sources(sources, nlp=nlp))
    total = time.perf_counter() - t0
    ds = to_trig(results)
    Path(args[1]).parent.mkdir(parents=True, exist_ok=True)
    ds.serialize(args[1], format="trig")
    ntrip = sum(len(r.triples) for r in results)
    print(f"{len(results)} docs, {ntrip} triples, {sum(len(r.rejected) for r in results)} rejected", file=sys.stderr)
    if timing:
        print(f"nlp.pipe {parse:.2f}s, with extraction {total:.2f}s, overhead {100 * (total - parse) / parse:.1f}%", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
