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
aircraft NOUN NNS nsubj 2 aircraft O
conducted VERB VBD ROOT 2 conduct O
six NUM CD nummod 4 six B-CARDINAL
strikes NOUN NNS dobj 2 strike O
against ADP IN prep 4 against O
ISIS NOUN NN compound 7 isis B-ORG
fighters NOUN NNS pobj 5 fighter O
near ADP IN prep 7 near O
Hawija_ PROPN NNP pobj 8 Hawija B-GPE
._ PUNCT . punct 2 . O
"""
INCLUSION = """
Coalition NOUN NN compound 1 coalition O
members NOUN NNS nsubj 2 member O
include VERB VBP ROOT 2 include O
Norway_ PROPN NNP dobj 2 Norway B-GPE
, PUNCT , punct 3 , O
Italy PROPN NNP conj 3 Italy B-GPE
and CCONJ CC cc 5 and O
Spain_ PROPN NNP conj 5 Spain B-GPE
._ PUNCT . punct 2 . O
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
The DET DT det 3 the B-ORG
55th ADJ JJ amod 3 55th I-ORG
Fighter PROPN NNP compound 3 Fighter I-ORG
Squadron PROPN NNP nsubj 4 Squadron I-ORG
flew VERB VBD ROOT 4 fly O
missions NOUN NNS dobj 4 mission O
as ADP IN prep 4 as O
part NOUN NN pobj 6 part O
of ADP IN prep 7 of O
the DET DT det 12 the O
20th ADJ JJ amod 12 20th B-ORDINAL
Fighter PROPN NNP compound 12 Fighter O
Wing_ PROPN NNP pobj 8 Wing O
._ PUNCT . punct 4 . O
"""
IN_SUPPORT_OF = """
Norway PROPN NNP nsubj 1 Norway B-GPE
conducted VERB VBD ROOT 1 conduct O
airstrikes NOUN NNS dobj 1 airstrike O
in ADP IN prep 1 in O
support NOUN NN pobj 3 support O
of ADP IN prep 4 of O
the DET DT det 8 the O
Iraqi ADJ JJ amod 8 iraqi B-NORP
government_ NOUN NN pobj 5 government O
._ PUNCT . punct 1 . O
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
        (INCLUSION, {("state/NOR", "memberOf", "group/coalition"), ("state/ITA", "memberOf", "group/coalition"),
                     ("state/ESP", "memberOf", "group/coalition")}),
        (UNIT_DESIGNATION, {("group/2nd-battalion", "memberOf", "group/7th-marine-regiment")}),
        (PART_OF, {("group/55th-fighter-squadron", "memberOf", "group/20th-fighter-wing")}),
        (IN_SUPPORT_OF, {("state/NOR", "aid", "body/IRQ-government"), ("body/IRQ-government", "partOf", "state/IRQ")}),
    ],
    ids=["coalition-strikes", "inclusion-list", "unit-designation", "part-of", "in-support-of"],
)
def test_military_relations(table, expected):
    assert expected <= rels(run(table))


def test_coalition_surface_forms_are_kept():
    names = labels(run(COALITION_STRIKES))
    assert "Coalition aircraft" in names["group/coalition"]
    assert "ISIS fighters" in names["group/islamic-state"]
    assert "Coalition members" in labels(run(INCLUSION))["group/coalition"]


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
        ("The Coalition supports the Peshmerga with training and airstrikes.",
         ("group/coalition", "support", "group/peshmerga")),
        ("Iraqi troops conducted raids coordinated with the Peshmerga against ISIS hideouts.",
         ("body/IRQ-military", "cooperate", "group/peshmerga")),
        ("Norway sends instructors to Erbil as part of the Global Coalition.",
         ("state/NOR", "memberOf", "group/global-coalition-to-defeat-isis")),
        # commanders lead their command (a military body or a formation), not only serve a state
        ("Gen. Mary Stone, commander of U.S. Africa Command, said the raids would continue.",
         ("person/mary-stone", "leaderOf", "body/USA-u-s-africa-command")),
        ("Adm. Peter Lund, commander, U.S. Central Command, toured the base on Monday.",
         ("person/peter-lund", "leaderOf", "body/USA-u-s-central-command")),
        ("Brig. Gen. Ann Cole, commander, Combined Air Component Command, briefed reporters.",
         ("person/ann-cole", "leaderOf", "group/combined-air-component-command")),
        ("The task force CTF 151 is led by Commodore Ravi Shah, who arrived in Bahrain.",
         ("person/ravi-shah", "leaderOf", "group/ctf-151")),
        ("Colonel Jane Doe commands the 4th Infantry Brigade.",
         ("person/jane-doe", "leaderOf", "group/4th-infantry-brigade")),
        # a person in a group
        ("Ali Hassan, a member of Hezbollah, was arrested.", ("person/ali-hassan", "memberOf", "group/hezbollah")),
        ("Abu Omar was a militant active with al-Shabaab in the 2000s.",
         ("person/abu-omar", "memberOf", "group/al-shabaab")),
        ("Ali Hassan, a Hezbollah fighter, was arrested.", ("person/ali-hassan", "memberOf", "group/hezbollah")),
        # "which includes X", "made up of X": members of the group the clause describes
        ("Near Hasakah the alliance known as the SDF, which includes the Syrian Arab Coalition, cleared three villages.",
         ("group/syrian-arab-coalition", "memberOf", "group/syrian-democratic-forces")),
        ("Today the SDF, made up in part by the Syrian Arab Coalition, holds the dam.",
         ("group/syrian-arab-coalition", "memberOf", "group/syrian-democratic-forces")),
        # a service member "assigned to" a unit; a number word ends a unit's name
        ("Sgt. John Miller died on Monday. Miller was assigned to 3rd Battalion, 7th Special Forces Group.",
         ("person/john-miller", "memberOf", "group/3rd-battalion")),
        ("In 2015 Miller was assigned to Explosive Ordnance Disposal Mobile Unit Three at Norfolk.",
         ("person/miller", "memberOf", "group/explosive-ordnance-disposal-mobile-unit-three")),
        # an Arabic family name ("al-Kuwaiti", "al-Houthi") is part of a person's name, not a state or group
        ("Witnesses said Abu Jandal al-Kuwaiti, an ISIL gang leader, fled the city.",
         ("person/abu-jandal-al-kuwaiti", "leaderOf", "group/islamic-state")),
        ("Yemen's Houthi movement fired missiles. The movement's leader, Abdul-Malik al-Houthi, spoke on TV.",
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
            "Coalition aircraft later conducted five strikes against ISIS fighters.")
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
