"""The rule registry: every statement names a registered rule, and any rule can be switched off."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.errors import KGError
from kg.extract import extract_doc
from kg.extract.registry import RULES, check_rules, known, rule_names
from kg.types import Source

VOCAB = spacy.blank("en").vocab

# "Kenya accused Somalia of ..." reduced to the tokens the rules read
WORDS = ["Kenya", "accused", "Somalia", "."]
HEADS = [1, 1, 1, 1]
DEPS = ["nsubj", "ROOT", "dobj", "punct"]


def _doc() -> Doc:
    return Doc(VOCAB, words=WORDS, heads=HEADS, deps=DEPS, pos=["PROPN", "VERB", "PROPN", "PUNCT"],
               tags=["NNP", "VBD", "NNP", "."], lemmas=["Kenya", "accuse", "Somalia", "."],
               ents=["B-GPE", "O", "B-GPE", "O"], spaces=[True, True, False, False])


def test_registry_every_rule_has_kind_and_summary():
    assert rule_names()
    for r in RULES.values():
        assert r.kind in ("structural", "event") and r.summary


def test_registry_unknown_rule_is_an_error_naming_the_valid_ones():
    with pytest.raises(KGError, match=r"invalid rule 'no-such-rule'.*active-verb"):
        check_rules(["active-verb", "no-such-rule"])
    with pytest.raises(KeyError):
        known("no-such-rule")


def test_registry_switching_a_rule_off_drops_its_statements():
    doc = _doc()
    on = extract_doc(doc, Source("t", doc.text))
    rules = {t.rule for t in on.triples}
    assert ("state/KEN", "accuse", "state/SOM") in {(t.subject, t.relation, t.object) for t in on.triples}
    assert rules and all(r in RULES for r in rules)
    off = extract_doc(doc, Source("t", doc.text), without=frozenset(rules))
    assert off.triples == ()
    assert {e.key for e in off.entities} == {e.key for e in on.entities}  # entities are still found


def _ended_cooperation() -> Doc:
    """ "Chad ended its security cooperation with Sudan." as parsed."""
    words = ["Chad", "ended", "its", "security", "cooperation", "with", "Sudan", "."]
    return Doc(VOCAB, words=words, heads=[1, 1, 4, 4, 1, 4, 5, 1],
               deps=["nsubj", "ROOT", "poss", "compound", "dobj", "prep", "pobj", "punct"],
               pos=["PROPN", "VERB", "PRON", "NOUN", "NOUN", "ADP", "PROPN", "PUNCT"],
               tags=["NNP", "VBD", "PRP$", "NN", "NN", "IN", "NNP", "."],
               lemmas=["Chad", "end", "its", "security", "cooperation", "with", "Sudan", "."],
               ents=["B-GPE", "O", "O", "O", "O", "O", "B-GPE", "O"], spaces=[True] * 6 + [False, False])  # fmt: skip


def test_registry_a_rule_switched_off_reports_no_withheld_candidate():
    """The partner phrase of an ended cooperation is withheld (reported as rejected, 'ended by'); with its
    rule switched off it is not proposed at all, so nothing is reported for it."""
    doc = _ended_cooperation()
    on = extract_doc(doc, Source("t", doc.text))
    assert ("state/TCD", "cooperate", "state/SDN", "ended by 'ended'") in {
        (r.subject, r.relation, r.object, r.reason) for r in on.rejected}  # fmt: skip
    off = extract_doc(doc, Source("t", doc.text), without=frozenset({"partner-phrase"}))
    assert not any(r.reason.startswith("ended by") for r in off.rejected)
    assert {(t.subject, t.relation, t.object) for t in off.triples} == {("state/TCD", "sanction", "state/SDN")}
