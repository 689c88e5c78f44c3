"""report.json counts what kg analyze counts: distinct relations, evidence statements, entities; a rejected
candidate once. Hand-made DocResults (no model), through pipeline.run with a stand-in extractor."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import run
from kg.types import DocResult, Entity, Rejected, Source, Triple

PAK = Entity("state/PAK", "Pakistan", "State", iso="PAK")
IND = Entity("state/IND", "India", "State", iso="IND")
USA = Entity("state/USA", "United States", "State", iso="USA")

HEADLINE = "Pakistan accuses India of shelling"
LEAD = "Pakistan accused India on Monday of shelling villages."
A = f"{HEADLINE}\n\n{LEAD} India denied any aid to rebels.\n\n"
B = "Pakistan accused India of lying. India met the United States."


def _t(s, rel, o, text, sentence) -> Triple:
    start = text.index(sentence)
    return Triple(s.key, rel, o.key, sentence, start, start + len(sentence), "test", 0.9)


def results() -> list[DocResult]:
    denied = Rejected(IND.key, "aid", "group/rebels", "India denied any aid to rebels.\n\n", "negated by 'denied'")
    a = DocResult(Source("a.txt", A), (PAK, IND), (
        _t(PAK, "accuse", IND, A, HEADLINE),  # the headline and the lead state the same relation:
        _t(PAK, "accuse", IND, A, LEAD),      # two statements (two sentences), one relation
        _t(PAK, "accuse", IND, A, LEAD),      # the same statement twice is stored once
    ), rejected=(denied, denied), words=len(A.split()))
    b = DocResult(Source("b.txt", B), (PAK, IND, USA), (
        _t(PAK, "accuse", IND, B, "Pakistan accused India of lying."),
        _t(IND, "consult", USA, B, "India met the United States."),
    ), words=len(B.split()))
    return [a, b]


def test_report_counts_agree_with_kg_analyze(tmp_path):
    docs = results()
    def extract(sources):  # a generator, as the real extractors are
        by_id = {d.source.identifier: d for d in docs}
        for source in sources:
            yield by_id[source.identifier]

    run([d.source for d in docs], extract, out=tmp_path)
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    analyzed = CliRunner().invoke(app, ["analyze", "--graph", str(tmp_path / "graph.trig"), "--format", "json"])
    assert analyzed.exit_code == 0, analyzed.output
    summary = json.loads(analyzed.stdout)["summary"]

    assert (report["relations"], report["statements"], report["entities"]) == (2, 4, 3)
    assert (summary["relations"], summary["evidence"], summary["entities"]) == (2, 4, 3)
    assert report["relation_types"] == summary["by_relation"] == {"accuse": 1, "consult": 1}
    assert report["rejected"] == [{"subject": "state/IND", "relation": "aid", "object": "group/rebels",
                                   "reason": "negated by 'denied'", "evidence": "India denied any aid to rebels."}]
