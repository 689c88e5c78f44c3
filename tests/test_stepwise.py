"""The parser's and entity recognizer's loops run step by step with the GIL held (kg.extract.stepwise): the
same annotations as spaCy's own decoder — on small pipelines trained here (no model needed) and on the
trained one — and everything but decoding left to the wrapped component."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.training import Example

from kg.extract.stepwise import StepDecoder, decodable, install
from tests.conftest import load_model_or_skip

NAMED = [
    ("Ruritania and Freedonia signed a border accord in Port Elm.",
     [(0, 9, "GPE"), (14, 23, "GPE"), (50, 58, "GPE")]),
    ("The Northern Front attacked a convoy near Port Elm on Sunday.",
     [(4, 18, "ORG"), (42, 50, "GPE")]),
    ("Minister Ana Varga met the envoy of Freedonia.", [(9, 18, "PERSON"), (36, 45, "GPE")]),
    ("Freedonia accused the Northern Front of shelling the valley.", [(0, 9, "GPE"), (22, 36, "ORG")]),
]
PARSED = [
    ("Ruritania accused Freedonia", [1, 1, 1], ["nsubj", "ROOT", "dobj"]),
    ("The front attacked a convoy", [1, 2, 2, 4, 2], ["det", "nsubj", "ROOT", "det", "dobj"]),
    ("Varga met the envoy", [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"]),
]
TEXTS = [
    "Freedonia and Ruritania met in Port Elm. The Northern Front accused Ruritania.",
    "Minister Ana Varga attacked the envoy.",
    "",
    "Port Elm",
    "The envoy of the Northern Front met Minister Ana Varga in Freedonia on Sunday, and Ruritania accused them.",
] * 3


def trained(factory: str):
    """A blank English pipeline with one small ``factory`` component trained on the sentences above."""
    random.seed(3)
    spacy.util.fix_random_seed(3)
    nlp = spacy.blank("en")
    nlp.add_pipe(factory, config={"min_action_freq": 1} if factory == "parser" else {})
    if factory == "ner":
        examples = [Example.from_dict(nlp.make_doc(t), {"entities": ents}) for t, ents in NAMED]
    else:
        examples = [Example.from_dict(nlp.make_doc(t), {"heads": h, "deps": d}) for t, h, d in PARSED]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(15):
        nlp.update(examples, sgd=optimizer)
    return nlp


def annotations(docs) -> list:
    return [[(t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc] for doc in docs]


@pytest.mark.parametrize("factory", ["ner", "parser"])
def test_the_step_decoder_annotates_as_the_components_own_decoder(factory):
    nlp = trained(factory)
    component = nlp.get_pipe(factory)
    theirs = list(component.pipe([nlp.make_doc(t) for t in TEXTS], batch_size=4))
    decoder = StepDecoder(component)
    ours = list(decoder.pipe([nlp.make_doc(t) for t in TEXTS], batch_size=4))
    assert [d.text for d in ours] == TEXTS  # in the order given, although decoded by length
    assert annotations(ours) == annotations(theirs)
    assert any(t.ent_type_ or t.dep_ for d in ours for t in d)  # the small models do annotate
    one = decoder(nlp.make_doc(TEXTS[0]))
    assert annotations([one]) == annotations(theirs[:1])


def test_install_wraps_the_parser_and_ner_once_and_hands_the_rest_to_them():
    nlp = trained("ner")
    nlp.add_pipe("sentencizer")
    ner = nlp.get_pipe("ner")
    assert install(nlp) == ["ner"]
    wrapped = nlp.get_pipe("ner")
    assert isinstance(wrapped, StepDecoder) and wrapped.component is ner
    assert wrapped.labels == ner.labels and wrapped.moves is ner.moves  # everything but decoding is the component's
    assert install(nlp) == []  # already wrapped
    assert nlp.pipe_names == ["ner", "sentencizer"]
    doc = nlp("Ruritania and Freedonia met in Port Elm.")
    assert [e.label_ for e in doc.ents] and all(t.is_sent_start is not None for t in doc)


def test_beam_search_and_other_components_keep_their_own_decoder():
    nlp = trained("ner")
    ner = nlp.get_pipe("ner")
    assert decodable(ner)
    ner.cfg["beam_width"] = 4
    try:
        assert not decodable(ner) and install(nlp) == []
    finally:
        ner.cfg["beam_width"] = 1
    assert not decodable(nlp.add_pipe("sentencizer"))


def test_a_failing_batch_goes_to_the_components_error_handler_and_the_rest_continues():
    nlp = trained("ner")
    seen = []

    class Failing(StepDecoder):
        def predict(self, docs):
            if any("fail" in d.text for d in docs):
                raise ValueError("broken batch")
            return super().predict(docs)

    decoder = Failing(nlp.get_pipe("ner"))
    decoder.set_error_handler(lambda name, proc, docs, exc: seen.append((name, [d.text for d in docs], str(exc))))
    docs = [nlp.make_doc(t) for t in ("Ruritania met Freedonia.", "fail here", "Port Elm")]
    out = list(decoder.pipe(docs, batch_size=2))
    assert seen == [("ner", ["Ruritania met Freedonia.", "fail here"], "broken batch")]
    assert [d.text for d in out] == ["Port Elm"]


def test_the_loaded_pipeline_decodes_stepwise_and_annotates_as_plain_spacy():
    nlp = load_model_or_skip()
    assert all(isinstance(nlp.get_pipe(name), StepDecoder) for name in ("parser", "ner"))
    plain = spacy.load(f"{nlp.meta['lang']}_{nlp.meta['name']}", exclude=["senter"])
    texts = [
        "Foreign Minister Ana Varga of Ruritania accused the Northern Front of shelling Port Elm on Sunday.",
        "The front's commander said his fighters would not leave the valley until the talks resumed, and the "
        "United Nations envoy in Geneva urged both sides to respect the ceasefire agreed in March.",
        "Talks resumed.",
    ]
    ours = [(t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for d in nlp.pipe(texts) for t in d]
    theirs = [(t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for d in plain.pipe(texts) for t in d]
    assert ours == theirs
