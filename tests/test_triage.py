"""The parse triage (kg.extract.triage): which sentences are parsed — rule tests on hand-built Docs (no
model) — and, with the model, the same triples with the triage on and off."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract import triage
from kg.extract.triage import rule_sentences, runs, select

VOCAB = spacy.blank("en").vocab


def doc_of(tagged: str) -> Doc:
    """A Doc from "word/TAG" (or "word/TAG/ENT", the entity label of a one-word entity) items."""
    words, tags, ents = [], [], []
    for item in tagged.split():
        word, tag, *ent = item.rsplit("/", 2) if item.count("/") >= 2 else (*item.rsplit("/", 1),)
        words.append(word)
        tags.append(tag)
        ents.append(f"B-{ent[0]}" if ent else "O")
    return Doc(VOCAB, words=words, tags=tags, ents=ents)


@pytest.mark.parametrize(
    "tagged, kept",
    [
        ("Zambia/NNP/GPE and/CC Malawi/NNP/GPE signed/VBD a/DT pact/NN ./.", True),  # two names
        ("The/DT harvest/NN was/VBD poor/JJ ./.", False),  # nobody
        ("Zambia/NNP/GPE held/VBD elections/NNS ./.", False),  # one name, nothing to relate it to
        ("Zambia/NNP/GPE said/VBD it/PRP would/MD retaliate/VB ./.", True),  # a name and a pronoun
        ("The/DT minister/NN arrived/VBD in/IN Lusaka/NNP/GPE ./.", True),  # a title and a name
        ("The/DT militia/NN is/VBZ based/VBN in/IN the/DT hills/NNS ./.", True),  # one actor, a structural cue
        ("Rain/NN is/VBZ based/VBN on/IN clouds/NNS ./.", False),  # a cue without an actor
        ("Soldiers/NNS fired/VBD on/IN protesters/NNS ./.", True),  # two actor nouns
    ],
)
def test_triage_keeps_sentences_that_can_hold_a_relation(tagged, kept):
    doc = doc_of(tagged)
    assert select(doc) == [kept]


def test_triage_keeps_the_context_of_a_pronoun():
    doc = doc_of(
        "Talks/NNS opened/VBD in/IN Oslo/NNP/GPE ./. Prices/NNS fell/VBD ./. Tea/NN was/VBD served/VBN ./. "
        "Bread/NN was/VBD cheap/JJ ./. They/PRP condemned/VBD Peru/NNP/GPE ./."
    )
    # the last sentence has a pronoun: the two before it are parsed with it, the first is not
    assert select(doc) == [False, False, True, True, True]
    sentences = rule_sentences(doc)
    assert runs(sentences, select(doc, sentences)) == [(sentences[2][0], len(doc))]


@pytest.mark.parametrize(
    "words, starts",
    [
        ("He left . Then she came .", [0, 3]),
        ("He left . then she came .", [0]),  # a lower-case word after a full stop goes on
        ('He said " no . " Then he left .', [0, 6]),  # the closing quote stays with its sentence
        ("Why ? Nobody knows !", [0, 2]),
        ("U.S. troops left . Kabul fell", [0, 4]),  # an abbreviation's full stop is in its token
        ("Lt . Gen. Ruto left . Kabul fell", [0, 6]),  # ... or split off it
        ("He said `` no . '' Then he left .", [0, 6]),
    ],
)
def test_triage_rule_sentences(words, starts):
    spaces = [not (w == "Lt" and i == 0) for i, w in enumerate(words.split())]  # "Lt." as the tokenizer splits it
    doc = Doc(VOCAB, words=words.split(), spaces=spaces)
    assert [s for s, _ in rule_sentences(doc)] == starts


def test_triage_rule_sentences_break_at_lines_and_keep_white_space():
    doc = Doc(VOCAB, words=["Kabul", "falls", "\n\n", "Troops", "left"], spaces=[True, False, False, True, False])
    assert rule_sentences(doc) == [(0, 3), (3, 5)]


TEXT = """Kenya's foreign minister Musalia Mudavadi met Ethiopian officials in Addis Ababa on Tuesday. The rains came late this year.

Al-Shabaab is based in Somalia. The market was crowded and noisy. Farmers sold maize and beans at the market.
The group attacked Kenyan troops near the border. It later said it had captured two soldiers."""


@pytest.mark.model
@pytest.mark.parametrize("whole", [1.01, triage.PARSE_WHOLE])  # only the kept runs parsed; the Doc whole
def test_triage_on_and_off_give_the_same_triples(monkeypatch, whole):
    from kg.extract import extract_sources
    from kg.extract.nlp import load_nlp
    from kg.types import Source

    monkeypatch.setattr(triage, "PARSE_WHOLE", whole)
    nlp = load_nlp()
    off, on = (list(extract_sources([Source("t", TEXT)], nlp, triage=t))[0] for t in (False, True))
    assert off.triples and on.triples == off.triples
    assert {e.key for e in on.entities} == {e.key for e in off.entities}


@pytest.mark.model
def test_triage_parses_only_the_kept_sentences(monkeypatch):
    from kg.extract.components import ensure
    from kg.extract.nlp import load_nlp

    monkeypatch.setattr(triage, "PARSE_WHOLE", 1.01)  # this text is mostly kept: no whole-Doc parse
    nlp = load_nlp()
    ensure(nlp)
    doc = next(nlp.pipe([TEXT], disable=["parser"]))
    flat = [s.text.strip() for s in doc.sents if all(t.dep_ in ("dep", "ROOT") for t in s)]
    assert flat == ["The rains came late this year."]
    # the two sentences before "The group attacked ..." are parsed for coreference to read
    assert next(t for t in doc if t.text == "Farmers").dep_ == "nsubj"
    parsed = next(s for s in doc.sents if s.text.startswith("The group attacked"))
    assert {t.dep_ for t in parsed} >= {"nsubj", "dobj"}
    # a Doc the parser parsed is left as it is
    full = next(nlp.pipe([TEXT]))
    assert next(t for t in full if t.text == "rains").dep_ == "nsubj"


@pytest.mark.model
def test_triage_parses_a_mostly_kept_doc_whole():
    from kg.extract.components import ensure
    from kg.extract.nlp import load_nlp

    nlp = load_nlp()
    ensure(nlp)
    doc = next(nlp.pipe([TEXT], disable=["parser", "geokg_triage", "geokg_entities", "geokg_relations"]))
    sentences = rule_sentences(doc)
    kept = sum(e - s for s, e in runs(sentences, select(doc, sentences)))
    assert triage.PARSE_WHOLE * len(doc) <= kept < len(doc)  # a sentence is skipped, but too little of the Doc
    triaged = next(nlp.pipe([TEXT], disable=["parser"]))
    full = next(nlp.pipe([TEXT]))
    assert [(t.dep_, t.head.i) for t in triaged] == [(t.dep_, t.head.i) for t in full]


def test_triage_gazetteer_mentions_found_ahead_are_taken_once():
    from kg.extract.mentions import gazetteer_mentions

    doc = doc_of("Zambia/NNP and/CC Malawi/NNP met/VBD ./.")
    ahead = gazetteer_mentions(doc, keep=True)
    assert [(m.start, m.end) for m in ahead] == [(0, 1), (2, 3)]
    assert gazetteer_mentions(doc) is ahead  # the entities take the triage's list
    again = gazetteer_mentions(doc)
    assert again is not ahead and [(m.start, m.end) for m in again] == [(0, 1), (2, 3)]


@pytest.mark.parametrize("value, on", [("1", True), ("on", True), ("0", False), ("off", False), ("", False)])
def test_triage_switch_from_the_environment(monkeypatch, value, on):
    from kg import settings

    monkeypatch.setenv(settings.TRIAGE_ENV, value)
    assert settings.triage() is (on if value else settings.TRIAGE)
