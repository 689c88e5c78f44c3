"""Entity typing on hand-built Docs: places the tagger typed as people or organizations, names it cut in two,
hyphenated words in labels, group names inside place names (kg/extract/mentions.py, entities.py, nominals.py).

Every sentence was written for these tests and is given as the token table ``scripts/doc_table.py``
prints (word pos tag dep head lemma ent); the entity column keeps the tagger's typical mistakes (a town
tagged PERSON or ORG, a name split into two PERSON spans), which is what the rules correct.
"""

from __future__ import annotations

import pytest
from test_extract_rules import make_doc

from kg.extract import extract_doc
from kg.types import Source


def run(table: str, date: str | None = None):
    doc = make_doc(table)
    return extract_doc(doc, Source("t", doc.text, date=date))


def classes(result) -> dict[str, str]:
    return {e.key: e.cls for e in result.entities}


def labels(result) -> dict[str, str]:
    return {e.key: e.label for e in result.entities}


TOWARD = """
Army NOUN NN compound 1 army O
columns NOUN NNS nsubj 2 column O
left VERB VBD ROOT 2 leave O
Menaka PROPN NNP dobj 2 Menaka B-GPE
and CCONJ CC cc 2 and O
headed VERB VBD conj 2 head O
toward ADP IN prep 5 toward O
Tessalit_ PROPN NNP pobj 6 Tessalit B-PERSON
._ PUNCT . punct 2 . O
"""
TOWN_OF = """
The DET DT det 1 the O
convoy NOUN NN nsubj 2 convoy O
reached VERB VBD ROOT 2 reach O
the DET DT det 4 the O
town NOUN NN dobj 2 town O
of ADP IN prep 4 of O
Aguelhok PROPN NNP pobj 5 Aguelhok B-PERSON
on ADP IN prep 2 on O
Friday_ PROPN NNP pobj 7 Friday B-DATE
._ PUNCT . punct 2 . O
"""
CORRIDOR = """
Police NOUN NNS nsubj 1 Police O
sealed VERB VBD ROOT 1 seal O
the DET DT det 4 the O
Zangezur PROPN NNP compound 4 Zangezur B-PERSON
corridor_ NOUN NN dobj 1 corridor O
._ PUNCT . punct 1 . O
"""
FROM_ONE_WORD = """
Tanks NOUN NNS nsubj 1 tank O
moved VERB VBD ROOT 1 move O
from ADP IN prep 1 from O
Gao PROPN NNP pobj 2 Gao B-PERSON
to ADP IN prep 1 to O
the DET DT det 6 the O
border_ NOUN NN pobj 4 border O
._ PUNCT . punct 1 . O
"""
APPOSED_TOWN = """
Traders NOUN NNS nsubj 8 trader O
in ADP IN prep 0 in O
Tinzaouaten_ PROPN NNP pobj 1 Tinzaouaten B-PERSON
, PUNCT , punct 0 , O
a DET DT det 6 a O
desert NOUN NN compound 6 desert O
town_ NOUN NN appos 2 town O
, PUNCT , punct 8 , O
fled_ VERB VBD ROOT 8 flee O
._ PUNCT . punct 8 . O
"""
# the second mention stands where a person could: it follows the first, which the text made a place
SAME_NAME_LATER = """
Fighting NOUN NN nsubj 1 fighting O
spread VERB VBD ROOT 1 spread O
into ADP IN prep 1 into O
Menaka_ PROPN NNP pobj 2 Menaka B-PERSON
. PUNCT . punct 1 . O
The DET DT det 6 the O
army NOUN NN nsubj 7 army O
said VERB VBD ROOT 7 say O
Menaka PROPN NNP nsubj 9 Menaka B-PERSON
was AUX VBD ccomp 7 be O
calm_ ADJ JJ acomp 9 calm O
._ PUNCT . punct 7 . O
"""
# people stay people: a full name after "from", a titled name after "in"
FROM_FULL_NAME = """
The DET DT det 1 the O
envoy NOUN NN nsubj 2 envoy O
carried VERB VBD ROOT 2 carry O
a DET DT det 4 a O
letter NOUN NN dobj 2 letter O
from ADP IN prep 4 from O
Amadou PROPN NNP compound 7 Amadou B-PERSON
Toure_ PROPN NNP pobj 5 Toure I-PERSON
._ PUNCT . punct 2 . O
"""
TITLED_IN = """
Voters NOUN NNS nsubj 1 voter O
trusted VERB VBD ROOT 1 trust O
in ADP IN prep 1 in O
President PROPN NNP compound 4 President O
Sangare_ PROPN NNP pobj 2 Sangare B-PERSON
._ PUNCT . punct 1 . O
"""
FAMILY_NAME_IN = """
Prime PROPN NNP compound 1 Prime O
Minister PROPN NNP compound 3 Minister O
Awa PROPN NNP compound 3 Awa B-PERSON
Kone PROPN NNP nsubj 4 Kone I-PERSON
spoke VERB VBD ROOT 4 speak O
. PUNCT . punct 4 . O
Critics NOUN NNS nsubj 7 critic O
lost VERB VBD ROOT 7 lose O
faith NOUN NN dobj 7 faith O
in ADP IN prep 8 in O
Kone_ PROPN NNP pobj 9 Kone B-PERSON
._ PUNCT . punct 7 . O
"""


@pytest.mark.parametrize(
    "table, key, cls",
    [
        (TOWARD, "place/tessalit", "Place"),
        (TOWN_OF, "place/aguelhok", "Place"),
        (CORRIDOR, "place/zangezur-corridor", "Place"),  # the place noun is part of the name
        (FROM_ONE_WORD, "place/gao", "Place"),
        (APPOSED_TOWN, "place/tinzaouaten", "Place"),
        (SAME_NAME_LATER, "place/menaka", "Place"),
        (FROM_FULL_NAME, "person/amadou-toure", "Person"),
        (TITLED_IN, "person/sangare", "Person"),
        (FAMILY_NAME_IN, "person/awa-kone", "Person"),
    ],
)
def test_entity_typing_places_tagged_as_people(table, key, cls):
    found = classes(run(table))
    if cls == "Place":
        assert found.get(key) == cls, found
        assert not any(k.startswith("person/") for k in found), found
    else:  # a person (an official, if a title or the actor dictionary says so), and no place of that name
        assert found.get(key) in ("Person", "Official"), found
        assert not any(k.startswith("place/") for k in found), found


def test_entity_typing_a_place_named_twice_is_one_place():
    found = classes(run(SAME_NAME_LATER))
    assert [k for k in found if "menaka" in k] == ["place/menaka"]


# the tagger cut the name in two person spans ("Abd-Rabbu" | "Mansour Hadi", "Ould" | "Sidi Yahya")
SPLIT_NAME = """
Envoys NOUN NNS nsubj 1 envoy O
met VERB VBD ROOT 1 meet O
President PROPN NNP compound 5 President O
Ould PROPN NNP compound 5 Ould B-PERSON
Sidi PROPN NNP compound 5 Sidi B-PERSON
Yahya_ PROPN NNP dobj 1 Yahya I-PERSON
._ PUNCT . punct 1 . O
"""
HYPHEN_SPLIT_NAME = """
Envoys NOUN NNS nsubj 1 envoy O
met VERB VBD ROOT 1 meet O
President PROPN NNP compound 7 President O
Abd PROPN NNP compound 5 Abd B-PERSON
-_ PUNCT HYPH punct 5 - I-PERSON
Karim PROPN NNP compound 7 Karim I-PERSON
Bashir PROPN NNP compound 7 Bashir B-PERSON
Nouri_ PROPN NNP dobj 1 Nouri I-PERSON
._ PUNCT . punct 1 . O
"""
# two people side by side are written with a comma or "and": they stay two
TWO_PEOPLE = """
Envoys NOUN NNS nsubj 1 envoy O
met VERB VBD ROOT 1 meet O
Sidi PROPN NNP compound 3 Sidi B-PERSON
Yahya PROPN NNP dobj 1 Yahya I-PERSON
and CCONJ CC cc 3 and O
Karim PROPN NNP compound 6 Karim B-PERSON
Nouri_ PROPN NNP conj 3 Nouri I-PERSON
._ PUNCT . punct 1 . O
"""


@pytest.mark.parametrize(
    "table, expected",
    [
        (SPLIT_NAME, {"person/ould-sidi-yahya"}),
        (HYPHEN_SPLIT_NAME, {"person/abd-karim-bashir-nouri"}),
        (TWO_PEOPLE, {"person/sidi-yahya", "person/karim-nouri"}),
    ],
)
def test_entity_typing_a_name_cut_in_two_is_one_person(table, expected):
    assert {k for k in classes(run(table)) if k.startswith("person/")} == expected


HYPHENATED_COLLECTIVE = """
Troops NOUN NNS nsubj 1 troop O
repelled VERB VBD ROOT 1 repel O
Fulani_ PROPN NNP npadvmod 4 Fulani B-NORP
-_ PUNCT HYPH punct 4 - O
led VERB VBN amod 5 lead O
militias_ NOUN NNS dobj 1 militia O
._ PUNCT . punct 1 . O
"""


def test_entity_typing_hyphenated_word_stays_whole_in_a_label():
    found = labels(run(HYPHENATED_COLLECTIVE))
    assert "Fulani-led militias" in found.values(), found


# a group's name (gazetteer: "Azov Brigade", weak alias "Azov") inside a place name the tagger gives whole
SEA_OF = """
Warships NOUN NNS nsubjpass 2 warship O
were AUX VBD auxpass 2 be O
sent VERB VBN ROOT 2 send O
into ADP IN prep 2 into O
the DET DT det 5 the B-LOC
Sea PROPN NNP pobj 3 Sea I-LOC
of ADP IN prep 5 of I-LOC
Azov_ PROPN NNP pobj 6 Azov I-LOC
._ PUNCT . punct 2 . O
"""
# a strait the tagger took for an organization
STRAIT_AS_ORG = """
Tankers NOUN NNS nsubj 1 tanker O
avoided VERB VBD ROOT 1 avoid O
the DET DT det 6 the B-ORG
Bab PROPN NNP compound 6 Bab I-ORG
el_ PROPN NNP compound 6 el I-ORG
-_ PUNCT HYPH punct 6 - I-ORG
Mandeb PROPN NNP compound 7 Mandeb I-ORG
strait_ NOUN NN dobj 1 strait O
._ PUNCT . punct 1 . O
"""
# ... but an organization "at" or "in" a place stays one
INSTITUTE = """
She PRON PRP nsubj 1 she O
works VERB VBZ ROOT 1 work O
at ADP IN prep 1 at O
the DET DT det 5 the B-ORG
Sahel PROPN NNP compound 5 Sahel I-ORG
Institute_ PROPN NNP pobj 2 Institute I-ORG
._ PUNCT . punct 1 . O
"""
# a town the tagger took for a nationality
STRONGHOLD_OF = """
Troops NOUN NNS nsubj 1 troop O
entered VERB VBD ROOT 1 enter O
the DET DT det 4 the O
rebel NOUN NN compound 4 rebel O
stronghold NOUN NN dobj 1 stronghold O
of ADP IN prep 4 of O
Tidjit_ PROPN NNP pobj 5 Tidjit B-NORP
._ PUNCT . punct 1 . O
"""


@pytest.mark.parametrize(
    "table, key, cls",
    [
        (SEA_OF, "place/sea-of-azov", "Place"),
        (STRAIT_AS_ORG, "place/bab-el-mandeb-strait", "Place"),
        (INSTITUTE, "group/sahel-institute", "Group"),
        (STRONGHOLD_OF, "place/tidjit", "Place"),
    ],
)
def test_entity_typing_places_named_like_groups(table, key, cls):
    found = classes(run(table))
    assert found.get(key) == cls, found
    if cls == "Place":
        assert not any(k.startswith("group/") for k in found), found


# "the X administration": the government of the state X leads, by the text or the actor dictionary
LED_BY_TEXT = """
Kenyan ADJ JJ amod 1 kenyan B-NORP
President PROPN NNP compound 3 President O
Daniel PROPN NNP compound 3 Daniel B-PERSON
Kiprotich PROPN NNP nsubj 4 Kiprotich I-PERSON
spoke VERB VBD ROOT 4 speak O
on ADP IN prep 4 on O
Monday_ PROPN NNP pobj 5 Monday B-DATE
. PUNCT . punct 4 . O
The DET DT det 10 the O
Kiprotich PROPN NNP compound 10 Kiprotich B-PERSON
administration NOUN NN nsubj 11 administration O
froze VERB VBD ROOT 11 freeze O
the DET DT det 13 the O
accounts NOUN NNS dobj 11 account O
of ADP IN prep 13 of O
the DET DT det 16 the O
opposition_ NOUN NN pobj 14 opposition O
._ PUNCT . punct 11 . O
"""
LED_BY_DICTIONARY = """
The DET DT det 2 the O
Biden PROPN NNP compound 2 Biden B-PERSON
administration NOUN NN nsubj 3 administration O
imposed VERB VBD ROOT 3 impose O
sanctions NOUN NNS dobj 3 sanction O
on ADP IN prep 4 on O
Iran_ PROPN NNP pobj 5 Iran B-GPE
._ PUNCT . punct 3 . O
"""
LED_BY_NOBODY_KNOWN = """
The DET DT det 2 the O
Zorvath PROPN NNP compound 2 Zorvath B-PERSON
administration NOUN NN nsubj 3 administration O
denied VERB VBD ROOT 3 deny O
the DET DT det 5 the O
report_ NOUN NN dobj 3 report O
._ PUNCT . punct 3 . O
"""


@pytest.mark.parametrize(
    "table, date, body, label, state",
    [
        (LED_BY_TEXT, "2019-05-01", "body/KEN-government", "Kiprotich administration", "state/KEN"),
        (LED_BY_DICTIONARY, "2023-08-08", "body/USA-government", "Biden administration", "state/USA"),
        (LED_BY_NOBODY_KNOWN, "2023-08-08", None, None, None),
    ],
)
def test_entity_typing_an_administration_is_the_government_its_head_leads(table, date, body, label, state):
    result = run(table, date)
    found = {e.key: e for e in result.entities}
    bodies = [k for k in found if k.startswith("body/")]
    if body is None:
        assert bodies == [] and not any(k.startswith("state/") for k in found), found
        return
    assert bodies == [body] and found[body].label == label and found[body].cls == "GovernmentBody"
    assert (body, "partOf", state) in {(t.subject, t.relation, t.object) for t in result.triples}


def test_entity_typing_the_administration_acts_as_the_government():
    triples = {(t.subject, t.relation, t.object) for t in run(LED_BY_DICTIONARY, "2023-08-08").triples}
    assert ("body/USA-government", "sanction", "state/IRN") in triples, triples


# a state's people (its plural demonym) against their own government: kept, unlike a state and its own organ
PEOPLE_AGAINST_GOVERNMENT = """
Kenyan ADJ JJ amod 1 kenyan B-NORP
President PROPN NNP compound 3 President O
Daniel PROPN NNP compound 3 Daniel B-PERSON
Kiprotich PROPN NNP nsubj 4 Kiprotich I-PERSON
spoke VERB VBD ROOT 4 speak O
on ADP IN prep 4 on O
Monday_ PROPN NNP pobj 5 Monday B-DATE
. PUNCT . punct 4 . O
Young PROPN NNP compound 9 Young O
Kenyans PROPN NNPS nsubj 10 Kenyans B-NORP
protested VERB VBD ROOT 10 protest O
against ADP IN prep 10 against O
Kiprotich_ PROPN NNP poss 14 Kiprotich B-PERSON
's PART POS case 12 's O
government_ NOUN NN pobj 11 government O
._ PUNCT . punct 10 . O
"""


def test_entity_typing_a_people_against_its_own_government():
    triples = {(t.subject, t.relation, t.object) for t in run(PEOPLE_AGAINST_GOVERNMENT, "2019-05-01").triples}
    assert ("state/KEN", "protest", "body/KEN-government") in triples, triples


def triples_of(result) -> set[tuple[str, str, str]]:
    return {(t.subject, t.relation, t.object) for t in result.triples}


# "his Nigerien counterpart, X": X is Niger's official, with the title of the one whose counterpart he is
COUNTERPART = """
Foreign PROPN NNP compound 1 Foreign O
Minister PROPN NNP compound 3 Minister O
Amadou PROPN NNP compound 3 Amadou B-PERSON
Sy PROPN NNP nsubj 4 Sy I-PERSON
telephoned VERB VBD ROOT 4 telephone O
his PRON PRP$ poss 7 his O
Nigerien PROPN NNP compound 7 Nigerien B-NORP
counterpart_ NOUN NN dobj 4 counterpart O
, PUNCT , punct 7 , O
Bakary PROPN NNP compound 10 Bakary B-PERSON
Sangare_ PROPN NNP appos 7 Sangare I-PERSON
. PUNCT . punct 4 . O
The DET DT det 13 the O
minister NOUN NN nsubj 15 minister O
later ADV RB advmod 15 later O
accused VERB VBD ROOT 15 accuse O
Chad PROPN NNP dobj 15 Chad B-GPE
of ADP IN prep 15 of O
meddling_ NOUN NN pobj 17 meddling O
._ PUNCT . punct 15 . O
"""


def test_entity_typing_a_counterpart_is_placed_and_titled_like_his_counterpart():
    result = run(COUNTERPART, "2023-10-10")
    found = triples_of(result)
    assert ("person/bakary-sangare", "officialOf", "state/NER") in found, found
    assert {e.key: e.title for e in result.entities}["person/bakary-sangare"] == "Foreign Minister"


# "CITY, Country, Date —": the country after the dateline's city is part of the dateline, no actor
DATELINE_WITH_STATE = """
SKOPJE_ PROPN NNP npadvmod 12 SKOPJE B-ORG
, PUNCT , punct 0 , O
North PROPN NNP compound 3 North B-GPE
Macedonia_ PROPN NNP npadvmod 0 Macedonia I-GPE
, PUNCT , punct 3 , O
May PROPN NNP appos 3 May B-DATE
31_ NUM CD nummod 5 31 I-DATE
, PUNCT , punct 5 , I-DATE
2023 NUM CD nummod 5 2023 I-DATE
— PUNCT : punct 12 — O
Kosovo PROPN NNP compound 11 Kosovo B-GPE
police NOUN NNS nsubj 12 police O
fired VERB VBD ROOT 12 fire O
tear ADJ JJ amod 14 tear O
gas NOUN NN dobj 12 gas O
at ADP IN prep 12 at O
the DET DT det 17 the O
protesters_ NOUN NNS pobj 15 protester O
._ PUNCT . punct 12 . O
"""


def test_entity_typing_the_state_after_a_dateline_is_no_actor():
    found = triples_of(run(DATELINE_WITH_STATE, "2023-05-31"))
    assert not any("state/MKD" in (s, o) for s, _, o in found), found


# wire datelines written with a bracketed agency or a dash after the city, or the state then a dash
DATELINE_AGENCY = """
KAMPALA PROPN NNP ROOT 0 KAMPALA B-ORG
(_ PUNCT -LRB- punct 0 ( O
AFP_ PROPN NNP appos 0 AFP O
) PUNCT -RRB- punct 0 ) O
- PUNCT : punct 0 - O
Police PROPN NNP nsubj 6 Police O
detained VERB VBD ROOT 6 detain O
two NUM CD nummod 8 two B-CARDINAL
reporters NOUN NNS dobj 6 reporter O
on ADP IN prep 6 on O
Friday_ PROPN NNP pobj 9 Friday B-DATE
._ PUNCT . punct 6 . O
"""
DATELINE_STATE_DASH = """
KAMPALA_ PROPN NNP nsubj 5 KAMPALA B-ORG
, PUNCT , punct 5 , O
Uganda PROPN NNP compound 4 Uganda B-GPE
- PUNCT HYPH punct 4 - O
Police PROPN NNP nsubj 5 Police O
detained VERB VBD ROOT 5 detain O
two NUM CD nummod 7 two B-CARDINAL
reporters NOUN NNS dobj 5 reporter O
on ADP IN prep 5 on O
Friday_ PROPN NNP pobj 8 Friday B-DATE
._ PUNCT . punct 5 . O
"""
DATELINE_DASH = """
KAMPALA NOUN NNS dep 3 KAMPALA O
— PUNCT : punct 0 — O
Police NOUN NNS nsubj 3 Police O
detained VERB VBD ROOT 3 detain O
two NUM CD nummod 5 two B-CARDINAL
reporters NOUN NNS dobj 3 reporter O
on ADP IN prep 3 on O
Friday_ PROPN NNP pobj 6 Friday B-DATE
._ PUNCT . punct 3 . O
"""


@pytest.mark.parametrize("table", [DATELINE_AGENCY, DATELINE_STATE_DASH, DATELINE_DASH], ids=["agency", "state-dash", "dash"])
def test_entity_typing_a_dateline_names_no_state_for_a_bare_organ(table):
    result = run(table, "2023-05-31")
    assert not any("UGA" in s or "UGA" in o for s, _, o in triples_of(result))
    assert not any(e.key.startswith("body/UGA") for e in result.entities)


# a capitalized name the tagger left untyped, in apposition to "an alliance of armed movements": a group
APPOSED_ALLIANCE = """
The DET DT det 1 the O
army NOUN NN nsubj 2 army O
shelled VERB VBD ROOT 2 shell O
the DET DT det 6 the O
Liptako PROPN NNP compound 6 Liptako O
Salvation PROPN NNP compound 6 Salvation O
Council_ PROPN NNP dobj 2 Council O
, PUNCT , punct 6 , O
an DET DT det 9 an O
alliance NOUN NN appos 6 alliance O
of ADP IN prep 9 of O
armed ADJ JJ amod 12 armed O
movements_ NOUN NNS pobj 10 movement O
. PUNCT . punct 2 . O
Its PRON PRP$ poss 15 its O
spokesman_ NOUN NN nsubj 20 spokesman O
, PUNCT , punct 15 , O
Ousmane PROPN NNP compound 18 Ousmane B-PERSON
Dicko_ PROPN NNP appos 15 Dicko I-PERSON
, PUNCT , punct 15 , O
warned VERB VBD ROOT 20 warn O
the DET DT det 22 the O
army_ NOUN NN dobj 20 army O
._ PUNCT . punct 20 . O
"""


def test_entity_typing_a_name_apposed_to_a_group_noun_is_a_group():
    result = run(APPOSED_ALLIANCE)
    assert classes(result).get("group/liptako-salvation-council") == "ArmedGroup", classes(result)
    assert ("person/ousmane-dicko", "officialOf", "group/liptako-salvation-council") in triples_of(result)
