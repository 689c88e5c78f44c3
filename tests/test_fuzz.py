"""Fuzzing the whole pipeline with the real model: hostile text never raises and always gives a valid graph.

Hypothesis draws texts from random unicode and from adversarial shapes (only punctuation, 10,000-character
tokens, emoji, mixed scripts, many short lines, NULs, lone surrogates, news sentences about actors with
hostile names) and runs ``kg.pipeline.build`` → ``graph.ttl``, ``graph.trig``, ``graph.html``,
``report.json``; every output must parse.
"""

from __future__ import annotations

import io
import json
import string
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.files import source_from_text
from kg.types import Source


def extraction_ready() -> bool:
    try:
        from kg.extract import extract_sources  # noqa: F401
        from kg.extract.entities import DocEntities  # noqa: F401
        from kg.extract.relations import Rules  # noqa: F401
    except ImportError:
        return False
    return True


pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not extraction_ready(), reason="kg.extract.extract_sources not landed yet"),
]

PUNCT = string.punctuation + "«»“”„‚‘’…–—¡¿،؛؟。、・«»‹›¶§†‡•"
EMOJI = ["🇵🇰", "🇮🇳", "🇺🇸", "💣", "🕊️", "👩‍👩‍👧", "🏳️‍🌈", "✊🏿", "🔥", "\u200d", "\ufe0f"]
SCRIPTS = ["Pakistan", "India", "باكستان", "الهند", "Пакистан", "Индия", "巴基斯坦", "印度", "पाकिस्तान",
           "भारत", "ישראל", "Ελλάδα", "ประเทศไทย", "Lashkar-e-Taiba", "Hafiz Saeed", "U.S.", "Mattis"]
HOSTILE_NAMES = ['"Pakistan"', "<b>India</b>", "Al-'Qaeda", "Hamas\u202e", "ISIS\x00", "Kabul\ufffd",
                 "{{Taliban}}", "NATO\\", "Iran\n", "Ιράν", "\u05d7\u05de\u05d0\u05e1", "</script>Modi"]
TEMPLATES = [
    "{a} accused {b} of backing {c}.",
    "{a} met {b} in {c} on 2019-02-14.",
    "Prime Minister {a} said {b} would sanction {c}.",
    "{a}, based in {b}, attacked {c} troops.",
    "U.S. Secretary of Defense {a} urged {b} to act against {c}.",
]

long_tokens = st.builds(lambda c, n: c * n, st.sampled_from(["a", "Pakistan", "٣", "-", ".", "\u0301", "x1"]),
                        st.integers(200, 10_000)).map(lambda s: s[:10_000])
# spaCy's tokenizer is quadratic in a run of emoji or quote characters; kg.extract.parseable breaks long
# runs before parsing, so 10,000 of them take no longer than ordinary text
emoji_runs = st.builds(lambda c, n: c * n, st.sampled_from(["🇵🇰", "🔥", '"', "«"]), st.integers(10, 5_000))
news = st.builds(
    lambda t, a, b, c: t.format(a=a, b=b, c=c),
    st.sampled_from(TEMPLATES),
    *[st.sampled_from(SCRIPTS + HOSTILE_NAMES)] * 3,
)
texts = st.one_of(
    st.text(max_size=300),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=200),  # lone surrogates too
    st.text(st.sampled_from(PUNCT), min_size=1, max_size=500),
    long_tokens,
    emoji_runs,
    st.lists(st.sampled_from(EMOJI + SCRIPTS + [" ", "."]), max_size=80).map(" ".join),
    st.lists(st.sampled_from(SCRIPTS + PUNCT.split() + ["met", "accused", "and", " "]), max_size=100).map("".join),
    st.lists(st.text(max_size=3), min_size=1, max_size=1500).map("\n".join),  # many short lines
    st.lists(news, min_size=1, max_size=6).map(" ".join),
    st.lists(st.one_of(news, st.sampled_from(["\x00", "\ud800", "\r\n", "\x0b", "\u2028", "\x85"])),
             max_size=12).map("".join),
)


def check_outputs(out: Path, n_docs: int) -> None:
    ttl = (out / "graph.ttl").read_bytes()
    trig = (out / "graph.trig").read_bytes()
    triples = list(ox.parse(io.BytesIO(ttl), format=ox.RdfFormat.TURTLE))
    quads = list(ox.parse(io.BytesIO(trig), format=ox.RdfFormat.TRIG))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(set(triples))
    docs = {q.subject for q in quads if q.predicate.value.endswith("#type") and q.object.value.endswith("#Document")}
    assert len(docs) == n_docs
    html = (out / "graph.html").read_text("utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["documents"] == n_docs


def run_build(sources: list[Source]) -> None:
    from kg.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        result = build(sources, out=out, jobs=1)
        check_outputs(out, len({s.identifier for s in sources}))
        assert result.report.documents == len(sources)


@given(batch=st.lists(texts, min_size=1, max_size=2))
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
def test_fuzz_pipeline_never_raises_and_writes_valid_graph(batch):
    """Texts as the Python API receives them (``KnowledgeGraph.build(["...", ...])``)."""
    run_build([source_from_text(t, n) for n, t in enumerate(batch)])


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00" * 50,
        "\n".join("ab" for _ in range(2000)),
        "Pakistan" * 1250,
        "🇵🇰" * 5000 + " India met Pakistan.",
        "".join(PUNCT) * 30,
        " ".join(t.format(a=a, b=b, c=c) for t in TEMPLATES for a, b, c in zip(HOSTILE_NAMES, SCRIPTS, SCRIPTS[3:], strict=False)),
    ],
    ids=["empty", "nuls", "short-lines", "10k-token", "emoji", "punctuation", "hostile-news"],
)
def test_fuzz_pipeline_on_raw_sources(text):
    """Source records handed straight to build (no cleaning by kg.files on the way)."""
    run_build([Source("raw.txt", text, title=text[:50] or None)])


def test_fuzz_raw_source_with_lone_surrogates():
    run_build([Source("raw.txt", "\ud800 India accused Pakistan \udfff of backing Lashkar-e-Taiba.")])
