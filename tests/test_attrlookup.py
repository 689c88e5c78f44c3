"""The attribute ruler's matches by table lookup equal spaCy's Matcher's, on hand-built Docs (no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract.attrlookup import LookupMatcher, speed_up

PATTERNS = [  # the shapes the trained English ruler uses, with values of our own
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "holds"}]], "attrs": {"LEMMA": "hold"}},
    {"patterns": [[{"LOWER": "envoy"}]], "attrs": {"LEMMA": "envoy"}},
    {"patterns": [[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
     "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"IS_SPACE": True, "TAG": "_SP"}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{"TAG": "NN", "DEP": {"NOT_IN": ["nsubj"]}}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
]
WORDS = ["There", "is", "an", "envoy", "who", "holds", "talks", "\n", "we", "ai", "n't", "gon", "na", "wait"]
TAGS = ["EX", "VBZ", "DT", "NN", "WP", "VBZ", "NNS", "_SP", "PRP", "VBP", "RB", "VBG", "TO", "VB"]
DEPS = ["expl", "ROOT", "det", "nsubj", "nsubj", "relcl", "dobj", "dep", "nsubj", "ROOT", "neg", "aux", "aux",
        "xcomp"]
HEADS = [1, 1, 3, 1, 5, 3, 5, 5, 9, 9, 9, 13, 13, 9]


def ruler_and_doc():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    doc = Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS)
    return nlp, ruler, doc


def test_attrlookup_finds_what_the_matcher_finds():
    _, ruler, doc = ruler_and_doc()
    expected = sorted(set(ruler.match(doc)))
    assert len(expected) >= 7  # every pattern shape above matches somewhere
    assert LookupMatcher(ruler)(doc) == expected


def test_attrlookup_speed_up_keeps_the_ruler_s_annotations():
    nlp, ruler, doc = ruler_and_doc()
    plain = ruler(Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=HEADS))
    assert speed_up(nlp)
    fast = ruler(doc)
    assert [(t.pos_, t.lemma_, str(t.morph)) for t in fast] == [(t.pos_, t.lemma_, str(t.morph)) for t in plain]
    assert fast[1].pos_ == "VERB" and fast[9].lemma_ == "be" and fast[12].lemma_ == "to"


def test_attrlookup_leaves_a_ruler_with_patterns_it_does_not_read():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [[{"SHAPE": "Xxxx"}]], "attrs": {"POS": "PROPN"}}])
    assert not speed_up(nlp)


def test_attrlookup_a_repeated_row_still_tests_the_rest_of_a_longer_pattern_where_it_occurs():
    # "gon" starts "gon na" twice, but only the first is followed by "na"; the second doc reuses the rows kept
    nlp, ruler, _ = ruler_and_doc()
    words = ["gon", "na", "go", "gon", "go", "There", "is", "There", "was"]
    tags = ["VBG", "TO", "VB", "VBG", "VB", "EX", "VBZ", "EX", "VBD"]
    deps = ["aux", "aux", "ROOT", "aux", "dep", "expl", "dep", "expl", "dep"]
    heads = [2, 2, 2, 4, 2, 6, 2, 8, 2]
    matcher = LookupMatcher(ruler)
    for _ in range(2):
        doc = Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)
        found = matcher(doc)
        assert found == sorted(set(ruler.match(doc)))
        assert sorted((start, end) for _, _, start, end in found if end - start == 2) == [(0, 2), (5, 7)]
