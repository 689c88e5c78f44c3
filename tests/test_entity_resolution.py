"""Entities in text nobody tuned on (kg/extract/mentions.py, entities.py, nominals.py, gazetteer.py): seats
that act for an organization or name another state's city, acronyms inside names, peoples living in
another state, organs inside longer noun phrases, misspelled states, bracketed party names, officials
listed under a plural title or placed by an "of" phrase, movements named by their modifier.

Every sentence was written for these tests and is given as the token table ``scripts/doc_table.py``
prints (word pos tag dep head lemma ent); the entity column keeps the tagger's typical mistakes.
"""

from __future__ import annotations

import pytest
from test_extract_rules import make_doc

from kg.extract import extract_doc, spelling
from kg.extract import gazetteer as gz
from kg.types import Source


def run(table: str, date: str | None = "2021-06-01"):
    doc = make_doc(table)
    return extract_doc(doc, Source("t", doc.text, date=date))


def keys(result) -> dict[str, str]:
    return {e.key: e.cls for e in result.entities}


def rels(result) -> set[tuple[str, str, str]]:
    return {(t.subject, t.relation, t.object) for t in result.triples}


# ------------------------------------------------------------------------- seats and cities

BRUSSELS_ACTS = """
Brussels PROPN NNP nsubj 1 Brussels B-GPE
brokered VERB VBD ROOT 1 broker O
a DET DT det 3 a O
truce NOUN NN dobj 1 truce O
between ADP IN prep 3 between O
Greece PROPN NNP pobj 4 Greece B-GPE
and CCONJ CC cc 5 and O
Turkey_ PROPN NNP conj 5 Turkey B-GPE
._ PUNCT . punct 1 . O
"""
BRUSSELS_VENUE = """
Talks NOUN NNS nsubj 7 talk O
in ADP IN prep 0 in O
Brussels PROPN NNP pobj 1 Brussels B-GPE
between ADP IN prep 0 between O
Greece PROPN NNP pobj 3 Greece B-GPE
and CCONJ CC cc 4 and O
Turkey PROPN NNP conj 4 Turkey B-GPE
ended VERB VBD ROOT 7 end O
without ADP IN prep 7 without O
a DET DT det 10 a O
deal_ NOUN NN pobj 8 deal O
._ PUNCT . punct 7 . O
"""
TRIPOLI_LEBANESE = """
Gunmen NOUN NNS nsubj 1 gunman O
clashed VERB VBD ccomp 8 clash O
in ADP IN prep 1 in O
Tripoli_ PROPN NNP pobj 2 Tripoli B-GPE
, PUNCT , punct 8 , O
the DET DT det 7 the O
Lebanese ADJ JJ amod 7 lebanese B-NORP
army NOUN NN nsubj 8 army O
said_ VERB VBD ROOT 8 say O
._ PUNCT . punct 8 . O
"""
TRIPOLI_ACTS = """
Tripoli PROPN NNP nsubj 1 Tripoli B-GPE
accused VERB VBD ROOT 1 accuse O
Cairo PROPN NNP dobj 1 Cairo B-GPE
of ADP IN prep 1 of O
arming VERB VBG pcomp 3 arm O
the DET DT det 6 the O
militias_ NOUN NNS dobj 4 militia O
._ PUNCT . punct 1 . O
"""


@pytest.mark.parametrize(
    "table, present, absent",
    [
        # a seat of an organization acting: the organization
        (BRUSSELS_ACTS, {"group/european-union": "InternationalOrganization"}, {"state/BEL"}),
        # ... where things happen: a place, and no state
        (BRUSSELS_VENUE, {"place/brussels": "Place", "state/GRC": "State"}, {"state/BEL", "group/european-union"}),
        # a seat that is a city of the state the sentence names: that city
        (TRIPOLI_LEBANESE, {"place/tripoli": "Place", "state/LBN": "State"}, {"state/LBY"}),
        # ... with no other state named, the seat's own state
        (TRIPOLI_ACTS, {"state/LBY": "State", "state/EGY": "State"}, {"place/tripoli"}),
    ],
    ids=["org-seat-acting", "org-seat-venue", "city-of-named-state", "seat-acting"],
)
def test_entities_seats_decided_by_construction_and_named_states(table, present, absent):
    found = keys(run(table))
    assert {k: found.get(k) for k in present} == present
    assert not absent & set(found)


def test_entities_org_seat_acting_consults_both_sides():
    assert {("group/european-union", "consult", "state/GRC"), ("group/european-union", "consult", "state/TUR")} <= rels(
        run(BRUSSELS_ACTS))


def test_gazetteer_seats_of_organizations_and_cities_of_other_states():
    assert gz.organization_seat("Brussels").name == "European Union"
    assert gz.organization_seat("Paris") is None
    assert gz.city_states("Tripoli") == ("LBN",)
    assert gz.city_states("Beirut") == ()


# ------------------------------------------------------------------------- names of organizations and places

UNSC_DOTTED = """
The DET DT det 3 the B-ORG
U.N. PROPN NNP compound 3 U.N. I-ORG
Security PROPN NNP compound 3 Security I-ORG
Council PROPN NNP nsubj 4 Council I-ORG
extended VERB VBD ROOT 4 extend O
the DET DT det 6 the O
mission NOUN NN dobj 4 mission O
in ADP IN prep 4 in O
Haiti_ PROPN NNP pobj 7 Haiti B-GPE
._ PUNCT . punct 4 . O
"""
UMMA_PARTY = """
The DET DT det 6 the O
fundamentalist ADJ JJ amod 6 fundamentalist O
Umma PROPN NNP nmod 6 Umma B-ORG
(_ PUNCT -LRB- punct 2 ( I-ORG
Nation_ PROPN NNP appos 2 Nation I-ORG
) PUNCT -RRB- punct 6 ) O
party NOUN NN nsubj 7 party O
won VERB VBD ROOT 7 win O
four NUM CD nummod 9 four B-CARDINAL
seats_ NOUN NNS dobj 7 seat O
._ PUNCT . punct 7 . O
"""
ONE_WORD_UNIT = """
Washington PROPN NNP nsubj 1 Washington B-GPE
trains VERB VBZ ROOT 1 train O
Falcon_ PROPN NNP dobj 1 Falcon B-PERSON
, PUNCT , punct 2 , O
an DET DT det 6 an O
elite ADJ JJ amod 6 elite O
unit NOUN NN appos 2 unit O
of ADP IN prep 6 of O
the DET DT det 11 the B-ORG
Somali PROPN NNP compound 11 Somali I-ORG
National PROPN NNP compound 11 National I-ORG
Army_ PROPN NNP pobj 7 Army I-ORG
._ PUNCT . punct 1 . O
"""
PEOPLE_OF_PLACE = """
Azerbaijan PROPN NNP nsubj 1 Azerbaijan B-GPE
accused VERB VBD ROOT 1 accuse O
Armenia PROPN NNP dobj 1 Armenia B-ORG
of ADP IN prep 1 of O
arming VERB VBG pcomp 3 arm O
the DET DT det 6 the O
Armenians PROPN NNPS dobj 4 Armenians B-NORP
of ADP IN prep 6 of O
Nagorno_ PROPN NNP compound 10 Nagorno B-ORG
-_ PUNCT HYPH punct 10 - I-ORG
Karabakh_ PROPN NNP pobj 7 Karabakh I-ORG
._ PUNCT . punct 1 . O
"""
AROUND_TOWN = """
Smugglers NOUN NNS nsubj 1 smuggler O
move VERB VBP ROOT 1 move O
goods NOUN NNS dobj 1 good O
through ADP IN prep 1 through O
villages NOUN NNS pobj 3 village O
near ADP IN prep 4 near O
Quetta_ PROPN NNP pobj 5 Quetta B-ORG
._ PUNCT . punct 1 . O
"""
REGION_AFTER_CITY = """
Herders NOUN NNS nsubj 1 herder O
fled VERB VBD ROOT 1 flee O
the DET DT det 5 the O
Upper PROPN NNP compound 4 Upper B-LOC
Juba PROPN NNP compound 5 Juba I-LOC
region_ NOUN NN dobj 1 region O
._ PUNCT . punct 1 . O
"""
FACILITY_GROUP = """
Analysts PROPN NNPS nsubj 7 analyst O
at ADP IN prep 0 at O
the DET DT det 6 the B-FAC
Red PROPN NNP compound 6 Red I-FAC
Sea PROPN NNP compound 6 Sea I-FAC
Shipping PROPN NNP compound 6 Shipping I-FAC
Group PROPN NNP pobj 1 Group I-FAC
warned VERB VBD ROOT 7 warn O
of ADP IN prep 7 of O
delays_ NOUN NNS pobj 8 delay O
._ PUNCT . punct 7 . O
"""


@pytest.mark.parametrize(
    "table, present, absent",
    [
        # "U.N." inside the council's name: one organization, not the U.N. and a council
        (UNSC_DOTTED, {"group/un-security-council": "InternationalOrganization"}, {"group/united-nations"}),
        # a party name with its translation in brackets: one group
        (UMMA_PARTY, {"group/umma-nation-party": "Group"}, set()),
        # a one-word name apposed to "an elite unit of ...": a group, not a person
        (ONE_WORD_UNIT, {"group/falcon": "Group"}, {"person/falcon"}),
        # "the Armenians of X": X is where a people lives, a place
        (PEOPLE_OF_PLACE, {"place/nagorno-karabakh": "Place", "group/armenians": "Group"}, {"group/nagorno-karabakh"}),
        # a lone word tagged as an organization after "near": a town
        (AROUND_TOWN, {"place/quetta": "Place"}, set()),
        # a region named after a city is the region, not the city
        (REGION_AFTER_CITY, {"place/upper-juba": "Place"}, {"place/juba", "state/SSD"}),
        # a facility name ending in an organization word is an organization
        (FACILITY_GROUP, {"group/red-sea-shipping-group": "Group"}, set()),
    ],
    ids=["dotted-acronym", "bracketed-translation", "one-word-unit", "people-of-place", "near-town", "region",
         "facility-org"],
)
def test_entities_names_of_organizations_and_places(table, present, absent):
    found = keys(run(table))
    assert {k: found.get(k) for k in present} == present
    assert not absent & set(found)


def test_entities_bracketed_name_keeps_the_short_name():
    ent = next(e for e in run(UMMA_PARTY).entities if e.key == "group/umma-nation-party")
    assert ent.label == "Umma (Nation) party" and "Umma party" in ent.alt_labels


def test_entities_people_of_a_place_are_based_there():
    assert ("group/armenians", "basedIn", "place/nagorno-karabakh") in rels(run(PEOPLE_OF_PLACE))


# ------------------------------------------------------------------------- peoples living in another state

ETHNIC_MAYORS = """
Ethnic ADJ JJ amod 1 ethnic O
Albanian ADJ JJ amod 2 albanian B-NORP
mayors NOUN NNS nsubj 3 mayor O
took VERB VBD ROOT 3 take O
office NOUN NN dobj 3 office O
in ADP IN prep 3 in O
the DET DT det 7 the O
north_ NOUN NN pobj 5 north O
._ PUNCT . punct 3 . O
"""
LEADERS_IN_OTHER_STATE = """
Serb ADJ JJ amod 1 serb B-NORP
leaders NOUN NNS nsubj 5 leader O
in ADP IN prep 1 in O
northern ADJ JJ amod 4 northern O
Kosovo PROPN NNP pobj 2 Kosovo B-GPE
rejected VERB VBD ROOT 5 reject O
the DET DT det 7 the O
election_ NOUN NN dobj 5 election O
._ PUNCT . punct 5 . O
"""
STATE_BEFORE_PEOPLE = """
Kosovo PROPN NNP compound 1 Kosovo B-PERSON
Serbs PROPN NNPS nsubj 2 Serbs I-PERSON
attacked VERB VBD ROOT 2 attack O
the DET DT det 5 the O
Kosovo PROPN NNP compound 5 Kosovo B-GPE
police_ NOUN NNS dobj 2 police O
._ PUNCT . punct 2 . O
"""
PEOPLE_THEN_BARE = """
Serbs PROPN NNPS nsubj 4 Serbs B-NORP
in ADP IN prep 0 in O
Kosovo PROPN NNP pobj 1 Kosovo B-GPE
have AUX VBP aux 4 have O
protested VERB VBN ROOT 4 protest O
for ADP IN prep 4 for O
weeks_ NOUN NNS pobj 5 week O
._ PUNCT . punct 4 . O
Serbs PROPN NNPS nsubj 9 Serbs B-NORP
blocked VERB VBD ROOT 9 block O
two NUM CD nummod 11 two B-CARDINAL
bridges_ NOUN NNS dobj 9 bridge O
._ PUNCT . punct 9 . O
"""
STATE_TROOPS = """
Serbian ADJ JJ amod 1 serbian B-NORP
troops NOUN NNS nsubj 2 troop O
moved VERB VBD ROOT 2 move O
to ADP IN prep 2 to O
the DET DT det 5 the O
border_ NOUN NN pobj 3 border O
._ PUNCT . punct 2 . O
"""


@pytest.mark.parametrize(
    "table, present, absent",
    [
        # an ethnic demonym names a people, and makes no state
        (ETHNIC_MAYORS, {"group/albanian-mayor": "Group"}, {"state/ALB"}),
        # a people's leaders placed in another state
        (LEADERS_IN_OTHER_STATE, {"group/serb-leader": "Group", "state/XKX": "State"}, {"state/SRB"}),
        # the state they live in named before the people
        (STATE_BEFORE_PEOPLE, {"group/XKX-serbs": "Group", "body/XKX-police": "GovernmentBody"}, {"state/SRB"}),
        # once placed, the same plural demonym stays the people
        (PEOPLE_THEN_BARE, {"group/XKX-serbs": "Group"}, {"state/SRB"}),
        # a demonym before an organ is the state's
        (STATE_TROOPS, {"body/SRB-military": "GovernmentBody", "state/SRB": "State"}, set()),
    ],
    ids=["ethnic", "leaders-in-other-state", "state-before-people", "placed-then-bare", "state-troops"],
)
def test_entities_peoples_living_in_another_state(table, present, absent):
    found = keys(run(table))
    assert {k: found.get(k) for k in present} == present
    assert not absent & set(found)


def test_entities_a_people_and_its_leaders_are_placed():
    assert ("group/serb-leader", "basedIn", "state/XKX") in rels(run(LEADERS_IN_OTHER_STATE))
    assert ("group/XKX-serbs", "assault", "body/XKX-police") in rels(run(STATE_BEFORE_PEOPLE))


# ------------------------------------------------------------------------- organs inside a longer noun phrase

COAST_GUARD_SHIPS = """
Russian ADJ JJ amod 3 russian B-NORP
coast NOUN NN compound 2 coast B-ORG
guard PROPN NNP compound 3 guard I-ORG
ships NOUN NNS nsubj 4 ship O
seized VERB VBD ROOT 4 seize O
three NUM CD nummod 7 three B-CARDINAL
Ukrainian ADJ JJ amod 7 ukrainian B-NORP
vessels_ NOUN NNS dobj 4 vessel O
._ PUNCT . punct 4 . O
"""
POLICE_OFFICERS = """
Kenyan ADJ JJ amod 2 kenyan B-NORP
police NOUN NN compound 2 police O
officers NOUN NNS nsubj 3 officer O
arrested VERB VBD ROOT 3 arrest O
two NUM CD nummod 5 two B-CARDINAL
Ugandan ADJ JJ amod 6 ugandan B-NORP
traders_ NOUN NNS dobj 3 trader O
._ PUNCT . punct 3 . O
"""
BORDER_GUARDS = """
Azerbaijani ADJ JJ amod 2 azerbaijani B-NORP
border NOUN NN compound 2 border O
guards NOUN NNS nsubj 3 guard O
turned VERB VBD ROOT 3 turn O
back ADV RB advmod 3 back O
the DET DT det 6 the O
trucks_ NOUN NNS dobj 3 truck O
._ PUNCT . punct 3 . O
"""
ARMY_CHIEF = """
The DET DT det 3 the O
Pakistani ADJ JJ amod 3 pakistani B-NORP
army NOUN NN compound 3 army O
chief NOUN NN nsubj 4 chief O
visited VERB VBD ROOT 4 visit O
Kabul_ PROPN NNP dobj 4 Kabul B-GPE
._ PUNCT . punct 4 . O
"""


@pytest.mark.parametrize(
    "table, present, absent",
    [
        # the ships are the coast guard's: the organ acts
        (COAST_GUARD_SHIPS, {"body/RUS-coast-guard": "GovernmentBody"}, set()),
        # officers of a state's police
        (POLICE_OFFICERS, {"body/KEN-police": "GovernmentBody"}, set()),
        # border guards are people of the state, like soldiers: no organ
        (BORDER_GUARDS, {"state/AZE": "State"}, {"body/AZE-border-guard"}),
        # a title after the organ word: an official's title, no organ phrase
        (ARMY_CHIEF, {"state/PAK": "State"}, {"body/PAK-military"}),
    ],
    ids=["coast-guard-ships", "police-officers", "border-guards", "army-chief"],
)
def test_entities_organs_inside_longer_noun_phrases(table, present, absent):
    found = keys(run(table))
    assert {k: found.get(k) for k in present} == present
    assert not absent & set(found)


def test_entities_the_organ_behind_its_things_acts():
    result = rels(run(COAST_GUARD_SHIPS))
    assert ("body/RUS-coast-guard", "coerce", "state/UKR") in result
    assert ("body/RUS-coast-guard", "partOf", "state/RUS") in result
    assert ("body/KEN-police", "partOf", "state/KEN") in rels(run(POLICE_OFFICERS))
    ent = next(e for e in run(POLICE_OFFICERS).entities if e.key == "body/KEN-police")
    assert ent.label == "Kenyan police"


# ------------------------------------------------------------------------- misspelled states

MISSPELLED_UNTAGGED = """
Ethopia PROPN NNP nsubj 1 Ethopia O
agreed VERB VBD ROOT 1 agree O
to PART TO aux 3 to O
reopen VERB VB xcomp 1 reopen O
its PRON PRP$ poss 5 its O
border NOUN NN dobj 3 border O
with ADP IN prep 5 with O
Eritrea_ PROPN NNP pobj 6 Eritrea B-GPE
._ PUNCT . punct 1 . O
"""


def test_entities_a_misspelled_state_is_that_state():
    result = run(MISSPELLED_UNTAGGED)
    ent = next(e for e in result.entities if e.key == "state/ETH")
    assert ent.label == "Ethiopia" and "Ethopia" in ent.alt_labels
    assert ("state/ETH", "agree", "state/ERI") in rels(result)


@pytest.mark.parametrize(
    "word, iso",
    [
        ("Ethopia", "ETH"),  # a letter dropped
        ("Quatar", "QAT"),  # a letter added
        ("Venezuala", "VEN"),  # a letter changed
        ("Afgahnistan", "AFG"),  # two neighbours swapped
        ("Ethiopean", "ETH"),  # a demonym
        ("Pakistan", None),  # the name itself: the gazetteer's exact lookup, not a misspelling
        ("Lybia", None),  # five letters: too short to trust
        ("Indiana", None),  # a region of another state ("Indian" + a letter)
        ("Cameron", None),  # a person's name ("Cameroon" less a letter)
        ("Syriac", None),  # a people and language of its own ("Syrian")
        ("Romani", None),
        ("Phillipines", None),  # two edits away
        ("Bolivia", None),  # exact
        ("Olivian", None),  # the first letter differs from "Bolivian"
        ("ethopia", None),  # not capitalized
    ],
)
def test_gazetteer_misspelled_state(word, iso):
    found = spelling.misspelled_state(word)
    assert (str(found) if found is not None else None) == iso


# ------------------------------------------------------------------------- officials and movements

LISTED_UNDER_TITLE = """
Finland PROPN NNP nsubj 2 Finland B-GPE
will AUX MD aux 2 will O
receive VERB VB ROOT 2 receive O
the DET DT det 6 the O
two NUM CD nummod 6 two B-CARDINAL
defence NOUN NN compound 6 defence O
ministers_ NOUN NNS dobj 2 minister O
, PUNCT , punct 6 , O
Lena PROPN NNP compound 9 Lena B-PERSON
Dorr PROPN NNP conj 6 Dorr I-PERSON
and CCONJ CC cc 9 and O
Piet PROPN NNP compound 12 Piet B-PERSON
Aalst_ PROPN NNP conj 9 Aalst I-PERSON
._ PUNCT . punct 2 . O
"""
TITLE_NAME_OF_STATE = """
President PROPN NNP compound 2 President O
Ali PROPN NNP compound 2 Ali B-PERSON
Hassan PROPN NNP nsubj 5 Hassan I-PERSON
of ADP IN prep 2 of O
Somalia PROPN NNP pobj 3 Somalia B-GPE
condemned VERB VBD ROOT 5 condemn O
the DET DT det 7 the O
raid_ NOUN NN dobj 5 raid O
._ PUNCT . punct 5 . O
"""
MEDIATOR = """
U.N. PROPN NNP compound 1 U.N. B-ORG
mediator NOUN NN compound 3 mediator O
Ana PROPN NNP compound 3 Ana B-PERSON
Ruiz PROPN NNP nsubj 4 Ruiz I-PERSON
met VERB VBD ROOT 4 meet O
rebel ADJ JJ amod 6 rebel O
leaders NOUN NNS dobj 4 leader O
in ADP IN prep 4 in O
Bangui_ PROPN NNP pobj 7 Bangui B-GPE
._ PUNCT . punct 4 . O
"""
MOVEMENT_LEADERSHIP = """
The DET DT det 2 the O
rebel ADJ JJ amod 2 rebel O
leadership NOUN NN nsubj 5 leadership O
in ADP IN prep 2 in O
Goma PROPN NNP pobj 3 Goma B-PERSON
rejected VERB VBD ROOT 5 reject O
the DET DT det 7 the O
offer_ NOUN NN dobj 5 offer O
._ PUNCT . punct 5 . O
"""


def test_entities_officials_listed_under_a_plural_title():
    result = run(LISTED_UNDER_TITLE)
    found = {e.key: (e.cls, e.title) for e in result.entities if e.key.startswith("person/")}
    assert found == {"person/lena-dorr": ("Official", "defence minister"),
                     "person/piet-aalst": ("Official", "defence minister")}
    assert not any(t.relation in ("officialOf", "leaderOf") for t in result.triples)  # whose is not said


def test_entities_title_name_of_state_places_the_official():
    assert ("person/ali-hassan", "leaderOf", "state/SOM") in rels(run(TITLE_NAME_OF_STATE))


def test_entities_a_mediator_serves_the_organization_in_the_title():
    assert ("person/ana-ruiz", "officialOf", "group/united-nations") in rels(run(MEDIATOR))


def test_entities_leaders_of_a_movement_named_by_its_modifier():
    result = run(MOVEMENT_LEADERSHIP)
    ent = next(e for e in result.entities if e.key.startswith("group/t/rebel"))
    assert ent.cls == "ArmedGroup" and "rebel leadership" in ent.alt_labels
    assert (ent.key, "basedIn", "place/goma") in rels(result)
