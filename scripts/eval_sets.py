#!/usr/bin/env python3
"""Extraction scores by half and by rule: gold JSONL sets → tables of typed/pair P/R/F1.

Usage: eval_sets.py [EVAL_DIR] [--rules] [--sources] [--json OUT] [--set NAME]

Each development set is split by record order into half A (records 1, 3, 5, ...: the half rules and
entries are decided on) and half B (records 2, 4, 6, ...: treated as unseen). For every set it prints
typed and pair F1 on the whole set and on each half; ``--sources`` adds re3d scored one source at a time
(its halves share sources); ``--rules`` adds each extraction rule's contribution: the required relations
found only with that rule's statements, and its false positives.

Scoring uses the shared scorer (``EVAL_DIR/score.py``) on an in-memory graph built as the contract
says (``scripts/eval_extract.py``), so the numbers equal ``kg build`` + ``score.py``. A set whose gold
asks for entity scores (``score_entities``, our seed articles) is scored one document at a time, each
against the graph of that document alone (as ``kg build ARTICLE`` + ``score.py`` on a one-document gold:
the scorer reads every entity of the graph it is given as the document's), and micro-averaged.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_extract import to_trig  # noqa: E402

from kg.extract import extract_sources  # noqa: E402
from kg.extract.nlp import load_nlp  # noqa: E402
from kg.rdf.namespace import ID  # noqa: E402
from kg.types import Source  # noqa: E402


def load_scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("geokg_score", eval_dir / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def read_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(scorer, golds: list[dict], ents, by_doc: dict[str, set]) -> dict:
    """``ents``: the system's entities, for the whole graph or (a dict by document id) per document."""
    acc = {"typed": defaultdict(int), "pair": defaultdict(int), "ent": defaultdict(int),
           "fp_list": [], "fn_list": [], "ent_missing": [], "ent_fp": []}  # fmt: skip
    for gold in golds:
        doc_ents = ents.get(str(gold["id"]), {}) if isinstance(ents, PerDoc) else ents
        scorer.score_doc(gold, doc_ents, by_doc.get(gold["id"], set()), acc, False)
    out = {}
    for key in ("typed", "pair"):
        a = acc[key]
        p, r, f = scorer.prf(a["tp"], a["fp"], a["found"], a["required"])
        out[key] = {"p": p, "r": r, "f1": f, "found": a["found"], "required": a["required"], "fp": a["fp"]}
    if acc["ent"]["required"]:
        a = acc["ent"]
        out["entities"] = dict(zip(("p", "r", "f1"), scorer.prf(a["tp"], a["fp"], a["tp"], a["required"]), strict=True))
    return out


class PerDoc(dict):
    """Document id → the system's entities read from that document's graph alone."""


def system_entities(scorer, results: list, per_doc: bool):
    if not per_doc:
        ds = to_trig(results)
        ds.default_union = True  # the scorer reads the union of the documents' graphs
        return scorer.system_view(ds)[0]
    out = PerDoc()
    for res in results:
        ds = to_trig([res])
        ds.default_union = True
        out[res.source.identifier] = scorer.system_view(ds)[0]
    return out


def run_set(scorer, nlp, name: str, path: Path, rules: bool, sources: bool) -> dict:
    golds = read_gold(path)
    srcs = [Source(str(r["id"]), r["text"], date=r.get("date")) for r in golds]
    results = list(extract_sources(srcs, nlp=nlp))
    ents = system_entities(scorer, results, any(g.get("score_entities") for g in golds))
    by_doc: dict[str, set] = {}
    by_rule: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for res in results:
        doc = res.source.identifier
        for t in res.triples:
            triple = (ID[t.subject], t.relation, ID[t.object])
            by_doc.setdefault(doc, set()).add(triple)
            by_rule[t.rule][doc].add(triple)
    halves = {"all": golds, "A": golds[0::2], "B": golds[1::2]}
    out: dict = {"set": name, "halves": {h: score(scorer, g, ents, by_doc) for h, g in halves.items()}}
    if sources:
        groups: dict[str, list] = defaultdict(list)
        for g in golds:
            groups[g.get("source", "?")].append(g)
        out["sources"] = {s: score(scorer, g, ents, by_doc) for s, g in sorted(groups.items())}
    if rules:
        out["rules"] = {}
        for rule, docs in sorted(by_rule.items()):
            alone = score(scorer, golds, ents, docs)["typed"]
            out["rules"][rule] = {"statements": sum(len(v) for v in docs.values()), "found": alone["found"], "fp": alone["fp"]}
    return out


def fmt(name: str, s: dict) -> str:
    t, p = s["typed"], s["pair"]
    ent = f"  entF1 {s['entities']['f1']:.2f}" if "entities" in s else ""
    return (f"  {name:<34} typed P {t['p']:.2f} R {t['r']:.2f} F1 {t['f1']:.2f} ({t['found']}/{t['required']}, fp {t['fp']})"
            f"  pair F1 {p['f1']:.2f}{ent}")


def main(argv: list[str]) -> int:
    flags = {a for a in argv if a.startswith("--")}
    args = [a for a in argv if not a.startswith("--")]
    json_out = None
    if "--json" in flags:
        json_out = Path(argv[argv.index("--json") + 1])
        args.remove(str(json_out))
    only = None
    if "--set" in flags:
        only = argv[argv.index("--set") + 1]
        args.remove(only)
    eval_dir = Path(args[0]) if args else ROOT.parent / "shared" / "eval"
    scorer = load_scorer(eval_dir)
    sets = [("plover", eval_dir / "plover_dev.jsonl"), ("re3d", eval_dir / "re3d_dev.jsonl"),
            ("seeds", ROOT / "tests" / "gold" / "seeds_gold.jsonl"),
            ("sentences", ROOT / "tests" / "gold" / "sentences_gold.jsonl")]  # fmt: skip
    nlp = load_nlp()
    report = []
    for name, path in sets:
        if only and name != only:
            continue
        r = run_set(scorer, nlp, name, path, "--rules" in flags, "--sources" in flags and name == "re3d")
        report.append(r)
        print(f"{name}:")
        for h, s in r["halves"].items():
            print(fmt({"all": "whole set", "A": "half A (odd records: tuned on)", "B": "half B (even records)"}[h], s))
        for src, s in r.get("sources", {}).items():
            print(fmt(f"source: {src[:26]}", s))
        if r.get("rules"):
            print("  per rule (statements, required relations found by the rule alone, false positives):")
            for rule, c in sorted(r["rules"].items(), key=lambda kv: -kv[1]["statements"]):
                print(f"    {rule:<28} {c['statements']:>5} {c['found']:>5} {c['fp']:>5}")
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
