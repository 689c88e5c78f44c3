"""End to end through the trained pipeline: short sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import load_model_or_skip

from kg.types import Source

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return load_model_or_skip()


def extract(nlp, text: str, date: str | None = "2019-03-15"):
    from kg.extract import extract_sources

    (result,) = extract_sources([Source("t.txt", text, date=date)], nlp=nlp)
    return result


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Pakistani officials met Chinese diplomats in Beijing on Monday.", ("state/PAK", "consult", "state/CHN")),
        ("The Indian army was attacked by Jaish-e-Mohammed on Friday.", ("group/jaish-e-mohammed", "assault", "body/IND-military")),
        ("Washington demanded that Islamabad arrest the militants.", ("state/USA", "request", "state/PAK")),
        ("Britain imposed new sanctions on Iran.", ("state/GBR", "sanction", "state/IRN")),
        ("Hafiz Saeed, the leader of Lashkar-e-Taiba, criticised India.", ("person/hafiz-saeed", "leaderOf", "group/lashkar-e-taiba")),
        ("Kenya accused al-Shabaab of attacking its troops.", ("state/KEN", "accuse", "group/al-shabaab")),
        ("NAIROBI, May 2, 2019 — Al-Shabaab fighters attacked a Kenyan base on Tuesday.",
         ("group/al-shabaab", "assault", "state/KEN")),
        # a repeated demand or offer is made again by the one repeating it
        ("The IMF renewed its call that Zambia trim its budget deficit.",
         ("group/international-monetary-fund", "request", "state/ZMB")),
        ("Norway repeated its offer of aid to Sudan.", ("state/NOR", "agree", "state/SDN")),
        # put or placed under investigation or arrest somewhere, with no agent: that state's act
        ("Prosecutors said a Dutch aid worker was placed under investigation in Turkey on Friday.",
         ("state/TUR", "accuse", "state/NLD")),
        ("A French journalist was placed under arrest in Iran on Monday.", ("state/IRN", "coerce", "state/FRA")),
        # opening an embassy is the mirror of closing one
        ("Chile has opened an embassy in Hanoi.", ("state/CHL", "support", "state/VNM")),
    ],
)
def test_model_sentence_gives_triple(nlp, text, triple):
    got = {(t.subject, t.relation, t.object) for t in extract(nlp, text).triples}
    assert triple in got


def test_model_official_with_title_and_evidence(nlp):
    text = "Nothing changed. U.S. Secretary of Defense James Mattis visited Islamabad on Monday."
    r = extract(nlp, text, date="2018-03-14")
    mattis = next(e for e in r.entities if e.key == "person/james-mattis")
    assert mattis.cls == "Official" and mattis.title == "Secretary of Defense"
    visit = next(t for t in r.triples if t.relation == "consult")
    assert (visit.subject, visit.object) == ("person/james-mattis", "state/PAK")
    assert text[visit.char_start : visit.char_end] == visit.evidence and "Mattis" in visit.evidence
    assert visit.date == "2018-03-12"
    assert ("person/james-mattis", "officialOf", "state/USA") in {(t.subject, t.relation, t.object) for t in r.triples}


def test_model_dateline_is_not_an_actor(nlp):
    r = extract(nlp, "NAIROBI, May 2, 2019 — Al-Shabaab fighters attacked a Kenyan base on Tuesday.")
    assert not [t for t in r.triples if t.subject == "state/KEN"]


def test_model_negation_and_modality(nlp):
    r = extract(nlp, "India did not attack Pakistan. Russia could attack Ukraine.")
    assert ("state/IND", "assault", "state/PAK") in {(x.subject, x.relation, x.object) for x in r.rejected}
    (t,) = [t for t in r.triples if t.subject == "state/RUS"]
    assert t.modality == "hypothetical"


def test_model_no_entity_from_title_word_or_possessive(nlp):
    r = extract(nlp, "Trump's South Asia strategy worried the Defense officials in Kabul.")
    labels = {e.label for e in r.entities}
    assert "Defense" not in labels and not any("'s" in x for x in labels)
    r = extract(nlp, "Trump's South Asia strategy angered Islamabad.")
    assert not [e for e in r.entities if e.cls in ("Group", "ArmedGroup", "Official")]


@pytest.mark.parametrize(
    "text, key, title, state, full",
    [
        ("British Defence Secretary Tom King will visit the garrison in Belize next week.",
         "person/tom-king", "Defence Secretary", "state/GBR", "British Defence Secretary Tom King"),
        ("Gen. John Nicholson, the commander of U.S. forces in Afghanistan, accused Pakistan of lying.",
         "person/john-nicholson", "commander", "state/USA", "Gen. John Nicholson"),
        ("Pakistan's army chief, Gen. Qamar Javed Bajwa, met the envoy on Monday.",
         "person/qamar-javed-bajwa", "army chief", "state/PAK", None),
    ],
)
def test_model_officials(nlp, text, key, title, state, full):
    r = extract(nlp, text)
    official = next(e for e in r.entities if e.key == key)
    assert official.cls == "Official" and official.title == title
    assert (key, "officialOf", state) in {(t.subject, t.relation, t.object) for t in r.triples}
    if full:
        assert full in official.alt_labels


def test_model_long_text_is_chunked_with_offsets(nlp, monkeypatch):
    import kg.extract as ex

    monkeypatch.setattr(ex, "MAX_CHUNK_CHARS", 200)
    para = "Pakistani officials met Chinese diplomats in Beijing on Monday."
    text = "\n\n".join([para] * 8)
    r = extract(nlp, text)
    starts = sorted({t.char_start for t in r.triples})
    assert len(starts) == 8
    for t in r.triples:
        assert text[t.char_start : t.char_end] == t.evidence
