"""kg/extract/tree.py on hand-built Docs: conjuncts, prepositional objects, passive agents."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract import tree

VOCAB = spacy.blank("en").vocab


def make_doc(words, heads, deps, pos) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos)


# "Talks with Chile, Peru and Bolivia resumed in Lima and Quito."
TALKS = make_doc(
    ["Talks", "with", "Chile", ",", "Peru", "and", "Bolivia", "resumed", "in", "Lima", "and", "Quito", "."],
    [7, 0, 1, 2, 2, 4, 4, 7, 7, 8, 9, 9, 7],
    ["nsubj", "prep", "pobj", "punct", "appos", "cc", "conj", "ROOT", "prep", "pobj", "cc", "conj", "punct"],
    ["NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "ADP", "PROPN", "CCONJ", "PROPN", "PUNCT"],
)


def test_tree_conjuncts_follow_listed_appositions_as_asked():
    chile = TALKS[2]
    assert [t.text for t in tree.conjuncts(chile)] == ["Chile", "Peru", "Bolivia"]
    assert [t.text for t in tree.conjuncts(chile, appos="any")] == ["Chile", "Peru", "Bolivia"]
    assert [t.text for t in tree.conjuncts(chile, appos="none")] == ["Chile"]


def test_tree_prep_objects_by_word_or_words():
    assert [t.text for t in tree.prep_objects(TALKS[0], "with")] == ["Chile", "Peru", "Bolivia"]
    assert [t.text for t in tree.prep_objects(TALKS[7], ("in", "at"))] == ["Lima", "Quito"]
    assert tree.prep_objects(TALKS[7], "i") == []  # one word is matched whole, not as a substring


def test_tree_agents_also_on_the_object():
    # "Chad was named a sponsor by Niger": the "by" phrase hung on the object
    doc = make_doc(["Chad", "was", "named", "a", "sponsor", "by", "Niger", "."], [2, 2, 2, 4, 2, 4, 5, 2],
                   ["nsubjpass", "auxpass", "ROOT", "det", "oprd", "prep", "pobj", "punct"],
                   ["PROPN", "AUX", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"])  # fmt: skip
    assert [t.text for t in tree.agents(doc[2])] == ["Niger"]
    assert [t.text for t in tree.children(doc[2], "nsubjpass", "auxpass")] == ["Chad", "was"]
