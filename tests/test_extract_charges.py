"""What an accusation or a demand is about (``Triple.issue``, ``gkg:issue``) and the sponsorship an
accusation charges (rule ``alleged-act``: an aid statement with modality "alleged"), on hand-built Docs of
sentences written for these tests; then the issue and the modality through RDF and the named queries.
"""

from __future__ import annotations

import pytest

from kg.rdf.query import bind_params, run_query
from kg.rdf.sparql import named_queries
from kg.rdf.store import GraphStore
from kg.rdf.validate import format_report, validate_store
from kg.types import DocResult, Entity, Source, Triple
from tests.test_extract_rules import run

ACCUSED_OF_TWO = """
Chile PROPN NNP nsubj 1 Chile B-GPE
accused VERB VBD ROOT 1 accuse O
Peru PROPN NNP dobj 1 Peru B-GPE
of ADP IN prep 1 of O
sheltering VERB VBG pcomp 3 shelter O
the DET DT det 6 the O
Taliban PROPN NNP dobj 4 Taliban B-ORG
and CCONJ CC cc 3 and O
of ADP IN conj 3 of O
arming VERB VBG pcomp 8 arm O
Hezbollah_ PROPN NNP dobj 9 Hezbollah B-ORG
._ PUNCT . punct 1 . O
"""
CONDEMNED_FOR = """
Kenya PROPN NNP nsubj 1 Kenya B-GPE
condemned VERB VBD ROOT 1 condemn O
Somalia PROPN NNP dobj 1 Somalia B-GPE
for ADP IN prep 1 for O
harbouring VERB VBG pcomp 3 harbour O
al_ PROPN NNP compound 7 al B-ORG
-_ PROPN NNP punct 7 - I-ORG
Shabaab_ PROPN NNP dobj 4 Shabaab I-ORG
._ PUNCT . punct 1 . O
"""
PASSIVE_ACCUSED = """
Peru PROPN NNP nsubjpass 2 Peru B-GPE
was AUX VBD auxpass 2 be O
accused VERB VBN ROOT 2 accuse O
of ADP IN prep 2 of O
funding VERB VBG pcomp 3 fund O
Hezbollah_ PROPN NNP dobj 4 Hezbollah B-ORG
._ PUNCT . punct 2 . O
"""
NOT_ACCUSED = """
Chile PROPN NNP nsubj 3 Chile B-GPE
did AUX VBD aux 3 do O
not PART RB neg 3 not O
accuse VERB VB ROOT 3 accuse O
Peru PROPN NNP dobj 3 Peru B-GPE
of ADP IN prep 3 of O
arming VERB VBG pcomp 5 arm O
Hezbollah_ PROPN NNP dobj 6 Hezbollah B-ORG
._ PUNCT . punct 3 . O
"""
ACCUSED_OF_KILLING = """
Chile PROPN NNP nsubj 1 Chile B-GPE
accused VERB VBD ROOT 1 accuse O
Peru PROPN NNP dobj 1 Peru B-GPE
of ADP IN prep 1 of O
killing VERB VBG pcomp 3 kill O
civilians_ NOUN NNS dobj 4 civilian O
._ PUNCT . punct 1 . O
"""
BLAMED_FOR = """
Chile PROPN NNP nsubj 1 Chile B-GPE
blamed VERB VBD ROOT 1 blame O
Peru PROPN NNP dobj 1 Peru B-GPE
for ADP IN prep 1 for O
the DET DT det 5 the O
bombing NOUN NN pobj 3 bombing O
of ADP IN prep 5 of O
the DET DT det 8 the O
embassy_ NOUN NN pobj 6 embassy O
._ PUNCT . punct 1 . O
"""
CRITICIZED_FOR_A_TIME = """
Chile PROPN NNP nsubj 1 Chile B-GPE
criticized VERB VBD ROOT 1 criticize O
Peru PROPN NNP dobj 1 Peru B-GPE
for ADP IN prep 1 for O
the DET DT det 6 the O
second ADJ JJ amod 6 second B-ORDINAL
time_ NOUN NN pobj 3 time O
._ PUNCT . punct 1 . O
"""
URGED_TO = """
Chile PROPN NNP nsubj 1 Chile B-GPE
urged VERB VBD ROOT 1 urge O
Peru PROPN NNP dobj 1 Peru B-GPE
to PART TO aux 4 to O
close VERB VB xcomp 1 close O
the DET DT det 6 the O
camps_ NOUN NNS dobj 4 camp O
._ PUNCT . punct 1 . O
"""
CALLED_ON_TO = """
The DET DT det 2 the B-GPE
United PROPN NNP compound 2 United I-GPE
States PROPN NNP nsubj 3 States I-GPE
called VERB VBD ROOT 3 call O
on ADP IN prep 3 on O
Pakistan PROPN NNP pobj 4 Pakistan B-GPE
to PART TO aux 7 to O
act VERB VB xcomp 3 act O
against ADP IN prep 7 against O
the DET DT det 11 the O
Haqqani PROPN NNP compound 11 Haqqani B-ORG
network_ NOUN NN pobj 8 network O
._ PUNCT . punct 3 . O
"""
DEMANDED_THAT = """
Chile PROPN NNP nsubj 1 Chile B-GPE
demanded VERB VBD ROOT 1 demand O
that SCONJ IN mark 4 that O
Peru PROPN NNP nsubj 4 Peru B-GPE
extradite VERB VB ccomp 1 extradite O
the DET DT det 6 the O
leaders NOUN NNS dobj 4 leader O
of ADP IN prep 6 of O
Hezbollah_ PROPN NNP pobj 7 Hezbollah B-ORG
._ PUNCT . punct 1 . O
"""
SHELTERS = """
Peru PROPN NNP nsubj 1 Peru B-GPE
shelters VERB VBZ ccomp 6 shelter O
the DET DT det 3 the O
Taliban_ PROPN NNP dobj 1 Taliban B-ORG
, PUNCT , punct 6 , O
Chile PROPN NNP nsubj 6 Chile B-GPE
said_ VERB VBD ROOT 6 say O
._ PUNCT . punct 6 . O
"""
CONTINUING_TO = """
Chile PROPN NNP nsubj 1 Chile B-GPE
accused VERB VBD ROOT 1 accuse O
Peru PROPN NNP dobj 1 Peru B-GPE
of ADP IN prep 1 of O
continuing VERB VBG pcomp 3 continue O
to PART TO aux 6 to O
arm VERB VB xcomp 4 arm O
Hezbollah_ PROPN NNP dobj 6 Hezbollah B-ORG
._ PUNCT . punct 1 . O
"""
REFUSING_TO = """
Chile PROPN NNP nsubj 1 Chile B-GPE
accused VERB VBD ROOT 1 accuse O
Peru PROPN NNP dobj 1 Peru B-GPE
of ADP IN prep 1 of O
refusing VERB VBG pcomp 3 refuse O
to PART TO aux 6 to O
arm VERB VB xcomp 4 arm O
Hezbollah_ PROPN NNP dobj 6 Hezbollah B-ORG
._ PUNCT . punct 1 . O
"""
CONJOINED_ACTS = """
Bolivia PROPN NNP nsubj 1 Bolivia B-GPE
accused VERB VBD ROOT 1 accuse O
Peru PROPN NNP dobj 1 Peru B-GPE
of ADP IN prep 1 of O
secretly ADV RB advmod 5 secretly O
funding VERB VBG pcomp 3 fund O
and CCONJ CC cc 5 and O
training VERB VBG conj 5 train O
Hezbollah_ PROPN NNP dobj 7 Hezbollah B-ORG
._ PUNCT . punct 1 . O
"""
ACCUSATION_THAT = """
Bolivia PROPN NNP nsubj 1 Bolivia B-GPE
made VERB VBD ROOT 1 make O
the DET DT det 3 the O
accusation NOUN NN dobj 1 accusation O
that SCONJ IN mark 6 that O
Peru PROPN NNP nsubj 6 Peru B-GPE
funded VERB VBD ccomp 1 fund O
Hezbollah_ PROPN NNP dobj 6 Hezbollah B-ORG
._ PUNCT . punct 1 . O
"""
SAID_THAT = """
Bolivia PROPN NNP nsubj 1 Bolivia B-GPE
said VERB VBD ROOT 1 say O
that SCONJ IN mark 4 that O
Peru PROPN NNP nsubj 4 Peru B-GPE
funded VERB VBD ccomp 1 fund O
Hezbollah_ PROPN NNP dobj 4 Hezbollah B-ORG
._ PUNCT . punct 1 . O
"""
ISSUE_WITH_APPOSITION = """
Chile PROPN NNP nsubj 1 Chile B-GPE
accused VERB VBD ROOT 1 accuse O
Peru PROPN NNP dobj 1 Peru B-GPE
of ADP IN prep 1 of O
arming VERB VBG pcomp 3 arm O
the DET DT det 6 the O
gunmen NOUN NNS dobj 4 gunman O
behind ADP IN prep 4 behind O
the DET DT det 9 the O
raid_ NOUN NN pobj 7 raid O
, PUNCT , punct 9 , O
an DET DT det 12 an O
attack NOUN NN appos 9 attack O
that PRON WDT nsubj 14 that O
killed VERB VBD relcl 12 kill O
four NUM CD nummod 16 four B-CARDINAL
guards_ NOUN NNS dobj 14 guard O
._ PUNCT . punct 1 . O
"""


def facts(table: str) -> set[tuple]:
    return {(t.subject, t.relation, t.object, t.rule, t.modality, t.issue) for t in run(table).triples}


@pytest.mark.parametrize("table, expected", [
    (ACCUSED_OF_TWO, {
        ("state/CHL", "accuse", "state/PER", "active-verb", None, "sheltering the Taliban and of arming Hezbollah"),
        ("state/PER", "aid", "group/taliban", "alleged-act", "alleged", None),
        ("state/PER", "aid", "group/hezbollah", "alleged-act", "alleged", None),
    }),
    (CONDEMNED_FOR, {
        ("state/KEN", "accuse", "state/SOM", "active-verb", None, "harbouring al-Shabaab"),
        ("state/SOM", "aid", "group/al-shabaab", "alleged-act", "alleged", None),
    }),
    (PASSIVE_ACCUSED, {("state/PER", "aid", "group/hezbollah", "alleged-act", "alleged", None)}),
    (NOT_ACCUSED, set()),  # a denied accusation charges nothing
    # a charged act that is no sponsorship stays the accusation's issue
    (ACCUSED_OF_KILLING, {("state/CHL", "accuse", "state/PER", "active-verb", None, "killing civilians")}),
    (BLAMED_FOR, {("state/CHL", "accuse", "state/PER", "active-verb", None, "the bombing of the embassy")}),
    (CRITICIZED_FOR_A_TIME, {("state/CHL", "accuse", "state/PER", "active-verb", None, None)}),
    (URGED_TO, {("state/CHL", "request", "state/PER", "active-verb", None, "close the camps")}),
    (CALLED_ON_TO, {("state/USA", "request", "state/PAK", "active-phrase", None, "act against the Haqqani network")}),
    (DEMANDED_THAT, {("state/CHL", "request", "state/PER", "clausal", None, "Peru extradite the leaders of Hezbollah")}),
    (SHELTERS, {("state/PER", "aid", "group/taliban", "active-verb", None, None)}),  # PLOVER AID: asylum
    (CONTINUING_TO, {
        ("state/CHL", "accuse", "state/PER", "active-verb", None, "continuing to arm Hezbollah"),
        ("state/PER", "aid", "group/hezbollah", "alleged-act", "alleged", None),
    }),
    # refusing to arm is no arming
    (REFUSING_TO, {("state/CHL", "accuse", "state/PER", "active-verb", None, "refusing to arm Hezbollah")}),
    # an event in an accusation's "that" clause is alleged; in a plain report, reported
    (ACCUSATION_THAT, {
        ("state/BOL", "accuse", "state/PER", "light-verb", None, "Peru funded Hezbollah"),
        ("state/PER", "aid", "group/hezbollah", "active-verb", "alleged", None),
    }),
    (SAID_THAT, {("state/PER", "aid", "group/hezbollah", "active-verb", None, None)}),
    (CONJOINED_ACTS, {
        ("state/BOL", "accuse", "state/PER", "active-verb", None, "secretly funding and training Hezbollah"),
        ("state/PER", "aid", "group/hezbollah", "alleged-act", "alleged", None),
    }),
])
def test_charges_issue_and_alleged_act(table, expected):
    assert facts(table) == expected


def test_charges_issue_leaves_out_what_a_comma_adds():
    [accusation] = [t for t in run(ISSUE_WITH_APPOSITION).triples if t.relation == "accuse"]
    assert accusation.issue == "arming the gunmen behind the raid"


def test_charges_alleged_act_can_be_switched_off():
    from kg.extract import extract_doc
    from tests.test_extract_rules import make_doc

    doc = make_doc(ACCUSED_OF_TWO)
    got = extract_doc(doc, Source("t", doc.text), without=frozenset({"alleged-act"}))
    assert {(t.relation, t.rule) for t in got.triples} == {("accuse", "active-verb")}


# ---------------------------------------------------------------- through RDF and the named queries

CHL = Entity("state/CHL", "Chile", "State", iso="CHL")
PER = Entity("state/PER", "Peru", "State", iso="PER")
BOL = Entity("state/BOL", "Bolivia", "State", iso="BOL")
FRONT = Entity("group/sierra-front", "Sierra Front", "ArmedGroup")
CHARGE = "Chile accused Peru of arming the Sierra Front."
ARMS = "Bolivia arms the Sierra Front."
TEXT = CHARGE + " " + ARMS


def _docs() -> list[DocResult]:
    b = len(CHARGE) + 1
    return [DocResult(Source("charge.txt", TEXT, date="2021-04-02"), (CHL, PER, BOL, FRONT), (
        Triple(CHL.key, "accuse", PER.key, CHARGE, 0, len(CHARGE), "active-verb", 0.7,
               issue="arming the Sierra Front"),
        Triple(PER.key, "aid", FRONT.key, CHARGE, 0, len(CHARGE), "alleged-act", 0.55, modality="alleged"),
        Triple(BOL.key, "aid", FRONT.key, ARMS, b, b + len(ARMS), "active-verb", 0.7),
    ))]


@pytest.fixture(scope="module")
def store():
    s = GraphStore(None)
    s.put(_docs())
    return s


def rows(store, name: str, **params: str) -> list[dict[str, str]]:
    text = named_queries()[name]
    result = run_query(store, text, bind_params(store, text, list(params.items())))
    return [{str(v): "" if r[v] is None else str(r[v]) for v in result.vars} for r in result]


def test_charges_state_sponsors_marks_alleged_rows(store):
    got = {(r["stateName"], r["relation"], r["groupName"], r["modality"]) for r in rows(store, "state-sponsors")}
    assert got == {("Peru", "aid", "Sierra Front", "alleged"), ("Bolivia", "aid", "Sierra Front", "reported")}


@pytest.mark.parametrize("name, params", [
    ("relations", {"a": "Chile", "b": "Peru"}),
    ("dyad-timeline", {"a": "Chile", "b": "Peru"}),
    ("events", {"type": "accuse"}),
])
def test_charges_issue_column_in_event_queries(store, name, params):
    assert [r["issue"] for r in rows(store, name, **params)] == ["arming the Sierra Front"]


@pytest.mark.parametrize("name, params", [
    ("relations", {"a": "Peru", "b": "Sierra Front"}),
    ("dyad-timeline", {"a": "Peru", "b": "Sierra Front"}),
    ("events", {"type": "aid"}),
])
def test_charges_modality_column_marks_the_alleged_statement(store, name, params):
    got = {(r.get("subject"), r["modality"]) for r in rows(store, name, **params)}
    assert ("Peru", "alleged") in got and all(m in ("alleged", "") for _, m in got)
    if name == "events":
        assert ("Bolivia", "") in got  # a reported fact has no modality


def test_charges_issue_and_alleged_modality_conform_to_the_shapes(store):
    report = validate_store(store)
    assert report.conforms, format_report(report)
