"""spaCy's rule lemmatizer with its answers remembered per (word, part of speech, morphology)
(kg.extract.lemmas): the same lemmas as the lemmatizer itself, preset lemmas kept, strings valid across
memory zones."""

from __future__ import annotations

import spacy
from spacy.lookups import Lookups
from spacy.tokens import Doc

from kg.extract.lemmas import CachedLemmatizer, install
from tests.conftest import load_model_or_skip

SENTENCES = [
    (["Rebels", "attacked", "two", "convoys", "and", "were", "fleeing"],
     ["NOUN", "VERB", "NUM", "NOUN", "CCONJ", "AUX", "VERB"],
     ["Number=Plur", "Tense=Past|VerbForm=Fin", "", "Number=Plur", "", "Tense=Past|VerbForm=Fin", "VerbForm=Ger"]),
    (["The", "envoy", "met", "envoys", "of", "Ruritania"],
     ["DET", "NOUN", "VERB", "NOUN", "ADP", "PROPN"],
     ["", "Number=Sing", "Tense=Past|VerbForm=Fin", "Number=Plur", "", "Number=Sing"]),
    (["Convoys", "convoys", "attacked", "  "], ["NOUN", "NOUN", "VERB", "SPACE"],
     ["Number=Plur", "Number=Plur", "VerbForm=Part", ""]),
]


def pipeline():
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""]], "verb": [["ed", ""], ["ing", ""], ["ed", "e"]]})
    lookups.add_table("lemma_index", {"noun": ["convoy", "envoy", "rebel"], "verb": ["attack", "flee"]})
    lookups.add_table("lemma_exc", {"verb": {"met": ["meet"], "were": ["be"]}, "aux": {"were": ["be"]}})
    lemmatizer.initialize(lookups=lookups)
    return nlp, lemmatizer


def docs(nlp, preset: bool = False) -> list[Doc]:
    out = []
    for words, pos, morphs in SENTENCES:
        lemmas = ["PRESET" if preset and w == "met" else "" for w in words] if preset else None
        out.append(Doc(nlp.vocab, words=words, pos=pos, morphs=morphs, lemmas=lemmas))
    return out


def lemmas_of(docs_: list[Doc]) -> list[list[str]]:
    return [[t.lemma_ for t in d] for d in docs_]


def test_the_cached_lemmatizer_gives_the_lemmatizers_own_lemmas_and_remembers_them():
    nlp, lemmatizer = pipeline()
    theirs = lemmas_of([lemmatizer(d) for d in docs(nlp)])
    assert theirs[0][:4] == ["rebel", "attack", "two", "convoy"] and theirs[1][2] == "meet"  # the tables apply
    cached = CachedLemmatizer(lemmatizer)
    assert lemmas_of(list(cached.pipe(docs(nlp)))) == theirs
    kept = len(cached.lemmas)
    assert kept and lemmas_of([cached(d) for d in docs(nlp)]) == theirs  # from memory the second time
    assert len(cached.lemmas) == kept


def test_preset_lemmas_are_kept_unless_the_lemmatizer_overwrites():
    nlp, lemmatizer = pipeline()
    cached = CachedLemmatizer(lemmatizer)
    assert lemmas_of([cached(d) for d in docs(nlp, preset=True)]) == lemmas_of([lemmatizer(d) for d in docs(nlp, preset=True)])
    assert lemmas_of([cached(d) for d in docs(nlp, preset=True)])[1][2] == "PRESET"
    lemmatizer.overwrite = True
    assert lemmas_of([cached(d) for d in docs(nlp, preset=True)])[1][2] == "meet"


def test_lemmas_stay_readable_after_a_memory_zone_drops_their_strings():
    nlp, lemmatizer = pipeline()
    cached = CachedLemmatizer(lemmatizer)
    with nlp.memory_zone():
        first = lemmas_of([cached(Doc(nlp.vocab, words=["Zorvians", "fled"], pos=["NOUN", "VERB"]))])
    with nlp.memory_zone():  # "zorvian" was added in the first zone and left with it: added again here
        again = lemmas_of([cached(Doc(nlp.vocab, words=["Zorvians", "fled"], pos=["NOUN", "VERB"]))])
    assert first == again == [["zorvian", "fl"]]  # "-ed" stripped by the table's rule, as the lemmatizer does


def test_install_wraps_a_rule_lemmatizer_once():
    nlp, lemmatizer = pipeline()
    assert install(nlp) and isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)
    assert nlp.get_pipe("lemmatizer").mode == "rule"  # the rest is the wrapped lemmatizer's
    assert not install(nlp)
    lookup = spacy.blank("en")
    lookup.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not install(lookup)  # another mode: left alone


def test_the_loaded_pipeline_lemmatizes_as_plain_spacy():
    nlp = load_model_or_skip()
    assert isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)
    plain = spacy.load(f"{nlp.meta['lang']}_{nlp.meta['name']}", exclude=["senter"])
    texts = [
        "The envoys were meeting the rebels' leaders, who had fled the besieged towns.",
        "Ruritania's ministers accused the Northern Front of shelling villages; the front denied it.",
    ] * 2
    assert [t.lemma_ for d in nlp.pipe(texts) for t in d] == [t.lemma_ for d in plain.pipe(texts) for t in d]
