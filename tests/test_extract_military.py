"""Defence and security rules (kg/extract/military.py): coalitions, formations, memberships, partners.

Sentences written for these tests. Hand-built Docs use the token table of tests/test_extract_rules.py
(word pos tag dep head lemma ent; "_" after a word = no space follows); a few end-to-end cases run
the real model.
"""

from __future__ import annotations

import pytest

from kg.extract import extract_doc
from kg.types import Source
from tests.test_extract_rules import make_doc, rels


def run(table: str):
    doc = make_doc(table)
    return extract_doc(doc, Source("t", doc.text))


def labels(result) -> dict[str, set[str]]:
    return {e.key: {e.label, *e.alt_labels} for e in result.entities}


COALITION_STRIKES = """
Coalition NOUN NN compound 1 coalition O
warplanes NOUN NNS nsubj 2 warplane O
bombed VERB VBD ROOT 2 bomb O
ISIS PROPN NNP compound 4 ISIS B-ORG
fighters NOUN NNS dobj 2 fighter O
near ADP IN prep 2 near O
Hawija_ PROPN NNP pobj 5 Hawija B-GPE
._ PUNCT . punct 2 . O
"""
INCLUSION = """
Coalition NOUN NN compound 1 coalition O
nations NOUN NNS nsubj 5 nation O
that PRON WDT nsubj 3 that O
flew VERB VBD relcl 1 fly O
missions NOUN NNS dobj 3 mission O
include VERB VBP ROOT 5 include O
Norway PROPN NNP dobj 5 Norway B-GPE
and CCONJ CC cc 6 and O
Italy_ PROPN NNP conj 6 Italy B-GPE
._ PUNCT . punct 5 . O
"""
UNIT_DESIGNATION = """
Marines NOUN NNS nsubj 9 marine O
from ADP IN prep 0 from O
the DET DT det 4 the O
2nd ADJ JJ amod 4 2nd B-ORDINAL
Battalion_ PROPN NNP pobj 1 Battalion O
, PUNCT , punct 9 , O
7th PROPN NNP compound 7 7th B-ORG
Marine PROPN NNP compound 8 Marine I-ORG
Regiment PROPN NNP nsubj 9 Regiment I-ORG
patrolled VERB VBD ROOT 9 patrol O
the DET DT det 11 the O
valley_ NOUN NN dobj 9 valley O
._ PUNCT . punct 9 . O
"""
PART_OF = """
The DET DT det 3 the O
41st ADJ JJ amod 3 41st B-ORDINAL
Signal PROPN NNP compound 3 Signal B-ORG
Battalion PROPN NNP nsubj 4 Battalion I-ORG
trained VERB VBD ROOT 4 train O
recruits NOUN NNS dobj 4 recruit O
as ADP IN prep 4 as O
part NOUN NN pobj 6 part O
of ADP IN prep 7 of O
the DET DT det 12 the B-ORG
3rd PROPN NNP compound 12 3rd I-ORG
Infantry PROPN NNP compound 12 Infantry I-ORG
Division_ PROPN NNP pobj 8 Division I-ORG
._ PUNCT . punct 4 . O
"""
IN_SUPPORT_OF = """
Denmark PROPN NNP nsubj 1 Denmark B-GPE
flew VERB VBD ROOT 1 fly O
patrols NOUN NNS dobj 1 patrol O
in ADP IN prep 1 in O
support NOUN NN pobj 3 support O
of ADP IN prep 4 of O
the DET DT det 8 the O
Iraqi ADJ JJ amod 8 iraqi B-NORP
army_ NOUN NN pobj 5 army O
._ PUNCT . punct 1 . O
"""
CONSISTS_OF = """
ECOWAS NOUN NN nsubj 1 ecowas O
consists VERB VBZ ROOT 1 consist O
of ADP IN prep 1 of O
Ghana_ PROPN NNP pobj 2 Ghana B-GPE
, PUNCT , punct 3 , O
Togo PROPN NNP conj 3 Togo B-PERSON
and CCONJ CC cc 5 and O
Benin_ PROPN NNP conj 5 Benin B-GPE
._ PUNCT . punct 1 . O
"""
COMPOSED_OF = """
The DET DT det 2 the B-ORG
Arab PROPN NNP compound 2 Arab I-ORG
League PROPN NNP nsubjpass 4 League I-ORG
is AUX VBZ auxpass 4 be O
composed VERB VBN ROOT 4 compose O
of ADP IN prep 4 of O
Egypt PROPN NNP pobj 5 Egypt B-GPE
and CCONJ CC cc 6 and O
Jordan_ PROPN NNP conj 6 Jordan B-GPE
._ PUNCT . punct 4 . O
"""
INCLUDING = """
NATO PROPN NNP compound 1 NATO B-ORG
members_ NOUN NNS nsubj 8 member O
, PUNCT , punct 1 , O
including VERB VBG prep 1 include O
Norway PROPN NNP pobj 3 Norway B-GPE
and CCONJ CC cc 4 and O
Denmark_ PROPN NNP conj 4 Denmark B-GPE
, PUNCT , punct 1 , O
sent VERB VBD ROOT 8 send O
ships_ NOUN NNS dobj 8 ship O
._ PUNCT . punct 8 . O
"""
INCLUDED_PLACES = """
The DET DT det 1 the O
strikes NOUN NNS nsubj 2 strike O
included VERB VBD ROOT 2 include O
Mosul PROPN NNP dobj 2 Mosul B-GPE
and CCONJ CC cc 3 and O
Raqqa_ PROPN NNPS conj 3 Raqqa B-GPE
._ PUNCT . punct 2 . O
"""
SMALLER_PARENT = """
Soldiers NOUN NNS nsubj 8 soldier O
of ADP IN prep 0 of O
the DET DT det 4 the O
4th ADJ JJ amod 4 4th O
Brigade_ PROPN NNP pobj 1 Brigade O
, PUNCT , punct 8 , O
2nd PROPN NNP compound 7 2nd B-ORG
Battalion PROPN NNP nsubj 8 Battalion I-ORG
crossed_ VERB VBD ROOT 8 cross O
._ PUNCT . punct 8 . O
"""
LONGER_COALITION = """
The DET DT det 3 the B-ORG
Sinai PROPN NNP compound 3 Sinai I-ORG
Arab PROPN NNP compound 3 Arab I-ORG
Coalition PROPN NNP nsubj 4 Coalition I-ORG
attacked VERB VBD ROOT 4 attack O
the DET DT det 6 the O
base_ NOUN NN dobj 4 base O
._ PUNCT . punct 4 . O
"""


@pytest.mark.parametrize(
    "table, expected",
    [
        (COALITION_STRIKES, {("group/coalition", "assault", "group/islamic-state")}),
        (UNIT_DESIGNATION, {("group/2nd-battalion", "memberOf", "group/7th-marine-regiment")}),
        (PART_OF, {("group/41st-signal-battalion", "memberOf", "group/3rd-infantry-division")}),
        (IN_SUPPORT_OF, {("state/DNK", "aid", "body/IRQ-military"), ("body/IRQ-military", "partOf", "state/IRQ")}),
    ],
    ids=["coalition-strikes", "unit-designation", "part-of", "in-support-of"],
)
def test_military_relations(table, expected):
    assert expected <= rels(run(table))


@pytest.mark.parametrize(
    "table, expected",
    [
        (INCLUSION, {("state/NOR", "memberOf", "group/coalition"), ("state/ITA", "memberOf", "group/coalition")}),
        (CONSISTS_OF, {("state/GHA", "memberOf", "group/ecowas"), ("state/TGO", "memberOf", "group/ecowas"),
                       ("state/BEN", "memberOf", "group/ecowas")}),
        (COMPOSED_OF, {("state/EGY", "memberOf", "group/arab-league"), ("state/JOR", "memberOf", "group/arab-league")}),
        (INCLUDING, {("state/NOR", "memberOf", "group/nato"), ("state/DNK", "memberOf", "group/nato")}),
        (INCLUDED_PLACES, set()),  # only a group has members
    ],
    ids=["include", "consist-of", "composed-of", "including", "not-a-group"],
)
def test_military_membership_by_composition(table, expected):
    got = {(s, r, o) for s, r, o in rels(run(table)) if r == "memberOf"}
    assert got == expected
    assert all(t.rule == "inclusion-list" for t in run(table).triples if t.relation == "memberOf")


def test_military_unit_designation_needs_a_larger_parent():
    result = run(SMALLER_PARENT)
    keys = {e.key for e in result.entities}
    assert {"group/4th-brigade", "group/2nd-battalion"} <= keys  # both are formations ...
    assert not [t for t in result.triples if t.relation == "memberOf"]  # ... but a brigade is in no battalion


def test_coalition_surface_forms_are_kept():
    names = labels(run(COALITION_STRIKES))
    assert "Coalition warplanes" in names["group/coalition"]
    assert "ISIS fighters" in names["group/islamic-state"]
    assert "Coalition nations" in labels(run(INCLUSION))["group/coalition"]


def test_gazetteer_coalition_inside_a_longer_name_is_that_name():
    result = run(LONGER_COALITION)
    keys = {e.key for e in result.entities}
    assert "group/sinai-arab-coalition" in keys
    assert not any("saudi" in k for k in keys)


def test_unit_name_needs_a_formation_word():
    result = run("""
He PRON PRP nsubj 1 he O
finished VERB VBD ROOT 1 finish O
2nd ADJ JJ amod 3 2nd B-ORDINAL
Overall_ PROPN NNP dobj 1 Overall O
._ PUNCT . punct 1 . O
""")
    assert not [e for e in result.entities if e.key.startswith("group/")]


# ------------------------------------------------------------------------------------------ real model


@pytest.fixture(scope="module")
def nlp():
    from kg.extract.nlp import load_nlp

    return load_nlp()


def extract(nlp, text):
    return extract_doc(nlp(text), Source("t", text))


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Coalition has backed the Peshmerga with advisers since 2015.",
         ("group/coalition", "support", "group/peshmerga")),
        ("Iraqi units mounted patrols in coordination with the Peshmerga near Kirkuk.",
         ("state/IRQ", "cooperate", "group/peshmerga")),
        ("Norway patrols the Baltic as part of NATO.", ("state/NOR", "memberOf", "group/nato")),
        # commanders lead their command (a military body or a formation), not only serve a state
        ("Gen. Mary Stone, commander of U.S. Africa Command, said the raids would continue.",
         ("person/mary-stone", "leaderOf", "body/USA-u-s-africa-command")),
        ("Adm. Peter Lund, commander, U.S. Central Command, toured the base on Monday.",
         ("person/peter-lund", "leaderOf", "body/USA-u-s-central-command")),
        ("Brig. Gen. Ann Cole, commander, Combined Air Component Command, briefed reporters.",
         ("person/ann-cole", "leaderOf", "group/combined-air-component-command")),
        ("The counter-piracy force CTF 151 was led last year by Commodore Ravi Shah of Pakistan.",
         ("person/ravi-shah", "leaderOf", "group/ctf-151")),
        ("Colonel Jane Doe commands the 4th Infantry Brigade.",
         ("person/jane-doe", "leaderOf", "group/4th-infantry-brigade")),
        # a person in a group
        ("Ali Hassan, a member of Hezbollah, was arrested.", ("person/ali-hassan", "memberOf", "group/hezbollah")),
        ("Abu Omar was a fighter active in al-Shabaab until 2012.",
         ("person/abu-omar", "memberOf", "group/al-shabaab")),
        ("Ali Hassan, a Hezbollah fighter, was arrested.", ("person/ali-hassan", "memberOf", "group/hezbollah")),
        # "which includes X", "made up of X": members of the group the clause describes
        ("The SDF, which now also includes the Syrian Arab Coalition, holds Manbij.",
         ("group/syrian-arab-coalition", "memberOf", "group/syrian-democratic-forces")),
        ("The SDF is made up of the YPG and the Syrian Arab Coalition.",
         ("group/syrian-arab-coalition", "memberOf", "group/syrian-democratic-forces")),
        # a service member "assigned to" a unit; a number word ends a unit's name
        ("Sgt. John Miller had been assigned to 3rd Battalion, 7th Special Forces Group since 2016.",
         ("person/john-miller", "memberOf", "group/3rd-battalion")),
        ("In 2015 Miller was assigned to Naval Mobile Construction Battalion Four at Gulfport.",
         ("person/miller", "memberOf", "group/naval-mobile-construction-battalion-four")),
        # an Arabic family name ("al-Kuwaiti", "al-Houthi") is part of a person's name, not a state or group
        ("Abu Talha al-Kuwaiti, an ISIL cell leader, fled the city, witnesses said.",
         ("person/abu-talha-al-kuwaiti", "leaderOf", "group/islamic-state")),
        ("Yemen's Houthi movement fired missiles. Abdul-Malik al-Houthi, the movement's leader, spoke on TV.",
         ("person/abdul-malik-al-houthi", "leaderOf", "group/houthis")),
        # a hyphen in the text where the gazetteer has an en dash
        ("The briefing was given by Lt. Gen. Paul Reed, commander of Combined Joint Task Force - Operation Inherent Resolve.",
         ("person/paul-reed", "leaderOf", "group/combined-joint-task-force-operation-inherent-resolve")),
    ],
)
def test_end_to_end(nlp, text, expected):
    assert expected in rels(extract(nlp, text))


@pytest.mark.model
def test_known_coalition_corefers(nlp):
    text = ("The Global Coalition to Defeat ISIS met in Rome. "
            "Coalition jets later bombed ISIS depots near Mosul.")
    found = rels(extract(nlp, text))
    assert ("group/global-coalition-to-defeat-isis", "assault", "group/islamic-state") in found
    assert not any(s == "group/coalition" for s, _, _ in found)


@pytest.mark.model
def test_x_led_coalition_is_a_group(nlp):
    keys = {e.key for e in extract(nlp, "Officials said the U.S.-led coalition will stay.").entities}
    assert "group/u-s-led-coalition" in keys


@pytest.mark.model
def test_commander_of_a_command_leads_an_organ_of_the_state(nlp):
    found = rels(extract(nlp, "Gen. Mary Stone, the commander of U.S. Africa Command, said the raids would continue."))
    assert ("person/mary-stone", "leaderOf", "body/USA-u-s-africa-command") in found
    assert ("body/USA-u-s-africa-command", "partOf", "state/USA") in found


@pytest.mark.model
def test_led_needs_a_person_and_a_formation(nlp):
    found = rels(extract(nlp, "Pakistan led the talks with the Taliban."))
    assert not any(p == "leaderOf" for _, p, _ in found)


@pytest.mark.model
def test_member_of_a_non_group_is_nothing(nlp):
    found = rels(extract(nlp, "John Smith, a member of the audience, asked a question about NATO."))
    assert not any(p == "memberOf" for _, p, _ in found)
