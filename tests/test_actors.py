"""Organs of states and collectives beside them (kg/extract/actors.py, nominals.py) on hand-built Docs.

Every sentence was written for these tests and is given as the token table ``scripts/doc_table.py``
prints (word pos tag dep head lemma ent), so the rules are tested without the trained model. The
document identifier is "t": a collective the text does not qualify is keyed to it (``group/t/...``).
"""

from __future__ import annotations

import pytest
from test_extract_rules import make_doc

from kg.extract import actors, extract_doc, qualifiers
from kg.extract.entities import DocEntities, name_form
from kg.types import Source


def run(table: str):
    doc = make_doc(table)
    return extract_doc(doc, Source("t", doc.text))


def rels(result) -> set[tuple[str, str, str]]:
    return {(t.subject, t.relation, t.object) for t in result.triples}


def entities(result) -> dict:
    return {e.key: e for e in result.entities}


POLICE_DETAIN_WORKERS = """
Ghanaian ADJ JJ amod 1 ghanaian O
police NOUN NNS nsubj 2 police O
detained VERB VBD ROOT 2 detain O
dozens NOUN NNS dobj 2 dozen B-CARDINAL
of ADP IN prep 3 of O
striking VERB VBG amod 6 strike O
workers NOUN NNS pobj 4 worker O
near ADP IN prep 6 near O
the DET DT det 9 the O
port_ NOUN NN pobj 7 port O
._ PUNCT . punct 2 . O
"""
POSSESSIVE_ARMY = """
Kenya_ PROPN NNP poss 2 Kenya B-GPE
's PART POS case 0 's O
army NOUN NN nsubj 3 army O
accused VERB VBD ROOT 3 accuse O
the DET DT det 5 the O
opposition NOUN NN dobj 3 opposition O
of ADP IN prep 5 of O
inciting VERB VBG pcomp 6 incite O
violence_ NOUN NN dobj 7 violence O
._ PUNCT . punct 3 . O
"""
GOVERNMENT_OF = """
The DET DT det 1 the O
government NOUN NN nsubj 4 government O
of ADP IN prep 1 of O
Chile PROPN NNP pobj 2 Chile B-GPE
condemned VERB VBD ROOT 4 condemn O
the DET DT det 6 the O
protesters_ NOUN NNS dobj 4 protester O
._ PUNCT . punct 4 . O
"""
BARE_POLICE = """
Zambian ADJ JJ amod 1 zambian B-NORP
police NOUN NNS nsubj 2 police O
clashed VERB VBD ROOT 2 clash O
with ADP IN prep 2 with O
miners NOUN NNS pobj 3 miner O
on ADP IN prep 2 on O
Monday_ PROPN NNP pobj 5 Monday B-DATE
. PUNCT . punct 2 . O
The DET DT det 9 the O
police NOUN NNS nsubj 11 police O
later ADV RB advmod 11 later O
accused VERB VBD ROOT 11 accuse O
the DET DT det 13 the O
opposition NOUN NN dobj 11 opposition O
of ADP IN prep 13 of O
funding VERB VBG pcomp 14 fund O
them_ PRON PRP dobj 15 they O
._ PUNCT . punct 11 . O
"""
BARE_ARMY_NO_STATE = """
The DET DT det 1 the O
army NOUN NN nsubj 2 army O
attacked VERB VBD ROOT 2 attack O
rebels_ NOUN NNS dobj 2 rebel O
._ PUNCT . punct 2 . O
"""
BARE_GOVERNMENT_STATE_NAMED = """
Malawi PROPN NNP nsubj 2 Malawi B-PERSON
has AUX VBZ aux 2 have O
faced VERB VBN ROOT 2 face O
unrest NOUN NN dobj 2 unrest O
for ADP IN prep 2 for O
weeks_ NOUN NNS pobj 4 week B-DATE
. PUNCT . punct 2 . O
The DET DT det 8 the O
government NOUN NN nsubj 9 government O
accused VERB VBD ROOT 9 accuse O
the DET DT det 11 the O
opposition NOUN NN dobj 9 opposition O
of ADP IN prep 11 of O
plotting VERB VBG pcomp 12 plot O
a DET DT det 15 a O
coup_ NOUN NN dobj 13 coup O
._ PUNCT . punct 9 . O
"""
DEMONYM_REBELS = """
Sudanese ADJ JJ amod 1 sudanese B-NORP
rebels NOUN NNS nsubj 2 rebel O
ambushed VERB VBD ROOT 2 ambush O
Chadian ADJ JJ amod 4 chadian B-NORP
troops_ NOUN NNS dobj 2 troop O
._ PUNCT . punct 2 . O
"""
REBELS_LATER = """
Congolese ADJ JJ amod 1 congolese B-NORP
rebels NOUN NNS nsubj 2 rebel O
seized VERB VBD ROOT 2 seize O
a DET DT det 4 a O
town_ NOUN NN dobj 2 town O
. PUNCT . punct 2 . O
The DET DT det 7 the O
rebels NOUN NNS nsubj 9 rebel O
later ADV RB advmod 9 later O
attacked VERB VBD ROOT 9 attack O
Rwandan ADJ JJ amod 11 rwandan B-NORP
troops_ NOUN NNS dobj 9 troop O
._ PUNCT . punct 9 . O
"""
MILITANTS_IN = """
Militants NOUN NNS nsubj 3 militant O
in ADP IN prep 0 in O
Mali PROPN NNP pobj 1 Mali B-GPE
attacked VERB VBD ROOT 3 attack O
French ADJ JJ amod 5 french B-NORP
soldiers_ NOUN NNS dobj 3 soldier O
._ PUNCT . punct 3 . O
"""
GUNMEN = """
Gunmen NOUN NNS nsubj 1 gunman O
attacked VERB VBD ROOT 1 attack O
Kenyan ADJ JJ amod 3 kenyan B-NORP
police_ NOUN NNS dobj 1 police O
._ PUNCT . punct 1 . O
"""
SAME_COUNTRY = """
Ethiopian ADJ JJ amod 1 ethiopian B-NORP
troops NOUN NNS nsubj 2 troop O
fought VERB VBD ROOT 2 fight O
Ethiopian ADJ JJ amod 4 ethiopian B-NORP
rebels NOUN NNS dobj 2 rebel O
near ADP IN prep 2 near O
the DET DT det 7 the O
border_ NOUN NN pobj 5 border O
._ PUNCT . punct 2 . O
"""
POSSESSIVE_FOREIGN_OFFICE = """
Pakistan_ PROPN NNP poss 3 Pakistan B-GPE
's PART POS case 0 's O
Foreign PROPN NNP compound 3 Foreign B-ORG
Office PROPN NNP nsubj 4 Office I-ORG
summoned VERB VBD ROOT 4 summon O
the DET DT det 7 the O
Afghan ADJ JJ amod 7 afghan B-NORP
envoy_ NOUN NN dobj 4 envoy O
._ PUNCT . punct 4 . O
"""
FOREIGN_OFFICE_NO_STATE = """
The DET DT det 2 the B-ORG
Foreign PROPN NNP compound 2 Foreign I-ORG
Office PROPN NNP nsubj 3 Office I-ORG
summoned VERB VBD ROOT 3 summon O
the DET DT det 5 the O
envoy_ NOUN NN dobj 3 envoy O
._ PUNCT . punct 3 . O
"""
ONE_GOVERNMENT_TWO_NAMES = """
The DET DT det 2 the O
Afghan ADJ JJ amod 2 afghan B-NORP
government NOUN NN nsubj 3 government O
rejected VERB VBD ROOT 3 reject O
the DET DT det 5 the O
plan_ NOUN NN dobj 3 plan O
. PUNCT . punct 3 . O
The DET DT det 8 the O
government NOUN NN nsubj 12 government O
of ADP IN prep 8 of O
Afghanistan PROPN NNP pobj 9 Afghanistan B-GPE
later ADV RB advmod 12 later O
accepted VERB VBD ROOT 12 accept O
talks NOUN NNS dobj 12 talk O
with ADP IN prep 13 with O
the DET DT det 16 the O
Taliban_ PROPN NNP pobj 14 Taliban B-ORG
._ PUNCT . punct 12 . O
"""
COUNTED_TROOPS = """
Kenya PROPN NNP nsubj 1 Kenya B-GPE
sent VERB VBD ROOT 1 send O
300 NUM CD nummod 3 300 B-CARDINAL
troops NOUN NNS dobj 1 troop O
to ADP IN prep 1 to O
Somalia_ PROPN NNP pobj 4 Somalia B-GPE
._ PUNCT . punct 1 . O
"""
ARTILLERY = """
Turkish ADJ JJ amod 1 turkish B-NORP
artillery NOUN NN nsubj 2 artillery O
shelled VERB VBD ROOT 2 shell O
Kurdish ADJ JJ amod 4 kurdish B-NORP
villages_ NOUN NNS dobj 2 village O
._ PUNCT . punct 2 . O
"""
ORGAN_NAME = """
The DET DT det 3 the B-ORG
Somali PROPN NNP compound 3 Somali I-ORG
National PROPN NNP compound 3 National I-ORG
Army PROPN NNP nsubj 4 Army I-ORG
attacked VERB VBD ROOT 4 attack O
al_ PROPN NNP compound 7 al B-ORG
-_ PROPN NNP punct 7 - I-ORG
Shabaab_ PROPN NNP dobj 4 Shabaab I-ORG
._ PUNCT . punct 4 . O
"""
ETHNIC_PEOPLE = """
Ethnic ADJ JJ amod 1 ethnic O
Albanians PROPN NNPS nsubj 2 Albanians B-NORP
protested VERB VBD ROOT 2 protest O
against ADP IN prep 2 against O
Serbian ADJ JJ amod 5 serbian B-NORP
police_ NOUN NNS pobj 3 police O
._ PUNCT . punct 2 . O
"""
CLERICS = """
Shiite ADJ JJ amod 1 shiite B-NORP
clerics NOUN NNS nsubj 2 cleric O
criticised VERB VBD ROOT 2 criticise O
the DET DT det 5 the O
Iraqi ADJ JJ amod 5 iraqi B-NORP
government_ NOUN NN dobj 2 government O
._ PUNCT . punct 2 . O
"""

# the state after a ministry's portfolio ("of Foreign Affairs of Ghana"), also inside the tagger's ORG span
MINISTRY_PORTFOLIO_OF_STATE = """
The DET DT det 1 the B-ORG
Ministry PROPN NNP nsubj 7 Ministry I-ORG
of ADP IN prep 1 of I-ORG
Foreign PROPN NNP compound 4 Foreign I-ORG
Affairs PROPN NNPS pobj 2 Affairs I-ORG
of ADP IN prep 4 of O
Ghana PROPN NNP pobj 5 Ghana B-GPE
criticised VERB VBD ROOT 7 criticise O
Togo_ PROPN NNP dobj 7 Togo B-GPE
._ PUNCT . punct 7 . O
"""
MINISTRY_PORTFOLIO_OF_STATE_IN_ORG = """
The DET DT det 1 the B-ORG
Ministry PROPN NNP nsubj 6 Ministry I-ORG
of ADP IN prep 1 of I-ORG
Defence PROPN NNP pobj 2 Defence I-ORG
of ADP IN prep 3 of I-ORG
Bolivia PROPN NNP pobj 4 Bolivia I-ORG
condemned VERB VBD ROOT 6 condemn O
Paraguay_ PROPN NNP dobj 6 Paraguay B-GPE
._ PUNCT . punct 6 . O
"""


@pytest.mark.parametrize(
    "table, expected",
    [
        # an organ named with a demonym, a possessive or an "of" phrase is a body of that state
        (POLICE_DETAIN_WORKERS, {("body/GHA-police", "partOf", "state/GHA"), ("body/GHA-police", "coerce", "group/t/worker")}),
        (POSSESSIVE_ARMY, {("body/KEN-military", "partOf", "state/KEN"), ("body/KEN-military", "accuse", "group/t/opposition")}),
        (GOVERNMENT_OF, {("body/CHL-government", "partOf", "state/CHL"),
                         ("body/CHL-government", "accuse", "group/t/protester")}),
        # an organ's own proper name with the state's adjective in it
        (ORGAN_NAME, {("body/SOM-military", "partOf", "state/SOM"), ("body/SOM-military", "assault", "group/al-shabaab")}),
        # a bare organ: the one named in the sentence before
        (BARE_POLICE, {("body/ZMB-police", "partOf", "state/ZMB"), ("body/ZMB-police", "assault", "group/t/miner"),
                       ("body/ZMB-police", "accuse", "group/t/opposition")}),
        # ... no state anywhere: no one
        (BARE_ARMY_NO_STATE, set()),
        # ... a state named before, none of its organs: that state's organ, named as the text names it
        (BARE_GOVERNMENT_STATE_NAMED, {("body/MWI-government", "partOf", "state/MWI"),
                                       ("body/MWI-government", "accuse", "group/t/opposition")}),
        # collectives: qualified by a demonym, referred to again bare, placed by "in"
        (DEMONYM_REBELS, {("group/SDN-rebel", "basedIn", "state/SDN"), ("group/SDN-rebel", "assault", "body/TCD-military"),
                          ("body/TCD-military", "partOf", "state/TCD")}),
        (REBELS_LATER, {("group/COD-rebel", "basedIn", "state/COD"), ("group/COD-rebel", "assault", "body/RWA-military"),
                        ("body/RWA-military", "partOf", "state/RWA")}),
        (MILITANTS_IN, {("group/MLI-militant", "basedIn", "state/MLI"), ("group/MLI-militant", "assault", "state/FRA")}),
        (GUNMEN, {("group/t/gunman", "assault", "body/KEN-police"), ("body/KEN-police", "partOf", "state/KEN")}),
        # both sides of one country: the army against rebels of that country is an event, not a self-loop
        (SAME_COUNTRY, {("body/ETH-military", "assault", "group/ETH-rebel"), ("body/ETH-military", "partOf", "state/ETH"),
                        ("group/ETH-rebel", "basedIn", "state/ETH")}),
        # a people is no state: "ethnic Albanians" protest against Serbian police
        (ETHNIC_PEOPLE, {("group/albanians", "protest", "body/SRB-police"), ("body/SRB-police", "partOf", "state/SRB")}),
        # a people's clerics speak for it
        (CLERICS, {("group/shiite-cleric", "accuse", "body/IRQ-government"), ("body/IRQ-government", "partOf", "state/IRQ")}),
        # counted troops are people: the state acts
        (COUNTED_TROOPS, {("state/KEN", "mobilize", "state/SOM")}),
        # a generic gazetteer body belongs to the state named for it
        (POSSESSIVE_FOREIGN_OFFICE, {("body/PAK-foreign-ministry", "partOf", "state/PAK"),
                                     ("body/PAK-foreign-ministry", "accuse", "state/AFG")}),
        # ... or to no state (never to the gazetteer's by default)
        (FOREIGN_OFFICE_NO_STATE, set()),
        # a ministry named by its portfolio, then its state: the portfolio ends before "of <state>"
        (MINISTRY_PORTFOLIO_OF_STATE, {("body/GHA-foreign-ministry", "partOf", "state/GHA"),
                                       ("body/GHA-foreign-ministry", "accuse", "state/TGO")}),
        (MINISTRY_PORTFOLIO_OF_STATE_IN_ORG, {("body/BOL-defence-ministry", "partOf", "state/BOL"),
                                              ("body/BOL-defence-ministry", "accuse", "state/PRY")}),
    ],
    ids=["demonym", "possessive", "of-phrase", "organ-name", "bare-resolved", "bare-no-state", "bare-state-named",
         "demonym-collective", "bare-collective", "located-collective", "unqualified-collective", "same-country",
         "ethnic-people", "people-clerics", "counted-troops", "body-of-named-state", "body-of-no-state",
         "ministry-portfolio-of-state", "ministry-portfolio-of-state-in-org"],
)
def test_actors_relations(table, expected):
    assert rels(run(table)) == expected


@pytest.mark.parametrize(
    "table, key, label, cls",
    [
        (POLICE_DETAIN_WORKERS, "body/GHA-police", "Ghanaian police", "GovernmentBody"),
        (POSSESSIVE_ARMY, "body/KEN-military", "Kenya's army", "GovernmentBody"),
        (GOVERNMENT_OF, "body/CHL-government", "government of Chile", "GovernmentBody"),
        (ORGAN_NAME, "body/SOM-military", "Somali National Army", "GovernmentBody"),
        # a collective is named as the text names it, with its describing words, without counts or articles
        (POLICE_DETAIN_WORKERS, "group/t/worker", "striking workers", "Group"),
        (MILITANTS_IN, "group/MLI-militant", "Militants in Mali", "ArmedGroup"),
        (DEMONYM_REBELS, "group/SDN-rebel", "Sudanese rebels", "ArmedGroup"),
        (ETHNIC_PEOPLE, "group/albanians", "Ethnic Albanians", "Group"),
        (FOREIGN_OFFICE_NO_STATE, "body/t/foreign-ministry", "Foreign Office", "GovernmentBody"),
        (MINISTRY_PORTFOLIO_OF_STATE, "body/GHA-foreign-ministry", "Ministry of Foreign Affairs of Ghana", "GovernmentBody"),
    ],
)
def test_actors_entity_label_and_class(table, key, label, cls):
    e = entities(run(table))[key]
    assert (e.label, e.cls, e.iso) == (label, cls, None)  # gkg:isoCode stays on states


def test_actors_one_organ_under_two_names():
    ents = entities(run(ONE_GOVERNMENT_TWO_NAMES))
    gov = ents["body/AFG-government"]
    assert gov.label == "Afghan government" and gov.alt_labels == {"government of Afghanistan"}
    assert not any(k.startswith("body/") and k != "body/AFG-government" for k in ents)


def test_actors_sector_stays_on_the_statement():
    sectors = {(t.subject, t.sector) for t in run(BARE_POLICE).triples if t.relation != "partOf"}
    assert sectors == {("body/ZMB-police", "COP")}
    (t,) = [t for t in run(MILITANTS_IN).triples if t.relation == "assault"]
    assert t.sector == "REB"


def test_actors_people_and_equipment_are_no_names_of_the_state():
    result = run(ARTILLERY)
    assert "Turkish artillery" not in entities(result)["state/TUR"].alt_labels
    assert not any(k.startswith("group/") for k in entities(result))  # villages are no people's voice


def test_actors_unnamed_collective_only_as_an_argument():
    # "the opposition" takes part in the event; a collective said in passing is no entity
    assert "group/t/opposition" in entities(run(POSSESSIVE_ARMY))
    assert "group/t/rebel" not in entities(run(BARE_ARMY_NO_STATE))


@pytest.mark.parametrize(
    "text, name",
    [
        ("The Kremlin spokesman, Dmitry Peskov", None),  # an apposition is no name
        ("the ministry which", None),
        ("deputy leader of the", None),
        ("the Afghan government", "Afghan government"),
        ("U.S. Secretary of Defense Jane Roe", "U.S. Secretary of Defense Jane Roe"),
        ("Kenya's army", "Kenya's army"),
    ],
)
def test_actors_alternative_labels_are_names(text, name):
    assert name_form(text) == name


@pytest.mark.parametrize(
    "words, key",
    [
        (["Foreign", "Office"], "foreign-ministry"),
        (["ministry", "of", "foreign", "affairs"], "foreign-ministry"),
        (["Interior", "Ministry"], "interior-ministry"),
        (["Afghan", "National", "Army"], "military"),
        (["security", "forces"], "security-forces"),
        (["air", "force"], "air-force"),
        (["Supreme", "Court"], "judiciary"),
        (["officials"], None),
        (["rebels"], None),
    ],
)
def test_actors_organ_words(words, key):
    found = actors.organ(words)
    assert (found.key if found else None) == key


# a headline whose parse hangs "OF" on nothing but the organ word before it: the organ phrase ends in "OF"
HEADLINE_OF = """
ARMY PROPN NNP compound 1 army O
OF PROPN NNP nsubj 2 of O
DENIES VERB VBZ ROOT 2 deny O
REPORT NOUN NN dobj 2 report O
"""


@pytest.mark.parametrize(
    "table, organs, heads",
    [
        # "workers" comes two words after an "of": kept for the tree to decide
        (POLICE_DETAIN_WORKERS, {"police"}, {"police", "workers"}),
        (POSSESSIVE_ARMY, {"army"}, {"army", "violence"}),
        (GOVERNMENT_OF, {"government"}, {"government", "Chile"}),
        (BARE_POLICE, {"police"}, {"police"}),
        (COUNTED_TROOPS, set(), {"troops"}),  # counted troops are people
        (HEADLINE_OF, {"ARMY", "OF"}, {"ARMY", "OF", "REPORT"}),
    ],
)
def test_actors_organ_heads_keep_every_organ(table, organs, heads):
    """``organ_heads`` reads from the Doc's arrays the nouns an organ phrase can end in (or with an "of"
    inside the phrase): every token where ``organ_at`` finds an organ, and few others."""
    doc = make_doc(table)
    ents = DocEntities(doc, "t")
    assert {tok.text for tok in doc if qualifiers.organ_at(ents, tok) is not None} == organs
    assert {doc[i].text for i in qualifiers.organ_heads(doc)} == heads


@pytest.mark.parametrize(
    "lower, lemma, expected",
    [
        ("rebels", "rebel", ("rebel", True)),
        ("guerillas", "guerilla", ("guerilla", True)),  # the dictionary's spelling variants
        ("gunmen", "gunman", ("gunman", True)),
        ("opposition", "opposition", ("opposition", False)),
        ("protesters", "protester", ("protester", False)),
        ("officials", "official", None),
        ("soldiers", "soldier", None),
        ("troops", "troop", None),  # an organ noun (the armed forces), not a collective
    ],
)
def test_actors_collective_words(lower, lemma, expected):
    assert actors.collective(lower, lemma) == expected


@pytest.mark.parametrize(
    "noun, sector",
    [("police", "COP"), ("policemen", "COP"), ("insurgents", "REB"), ("officials", "GOV"), ("lawmakers", "LEG"),
     ("judges", "JUD"), ("gendarmerie", "COP"), ("spokesmen", "GOV")],
)
def test_actors_agent_sectors(noun, sector):
    assert actors.agent_sectors()[noun] == sector


def test_actors_converter_reads_the_dictionary_format():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("build_agents", Path(__file__).parents[1] / "scripts" / "build_agents.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    text = """!PERSON! = MAN, MEN
# COMMENTED [~GOV]
RIOT_POLICE {} [~COP]
WATCH!PERSON! [~CVL]
LAWMAN {LAWMEN} [~COP]
REBEL_ARMY [~REB]
TRUCE_MONITOR [IGO~]
NAVY_SEAL [~MILSPY] # a note
"""
    table, _ = mod.convert(text)
    assert table == {
        "riot police": ("COP", "COP"), "watchman": ("CVL", "CVL"), "watchmen": ("CVL", "CVL"),
        "lawman": ("COP", "COP"), "lawmen": ("COP", "COP"), "rebel army": ("REB", "REB"),
        "rebel armies": ("REB", "REB"), "navy seal": ("MIL", "MILSPY"), "navy seals": ("MIL", "MILSPY"),
    }


PEOPLE_PLACED_THEN_BARE = """
Albanians PROPN NNPS nsubj 3 Albanians B-NORP
in ADP IN prep 0 in O
Macedonia PROPN NNP pobj 1 Macedonia B-GPE
closed VERB VBD ROOT 3 close O
their PRON PRP$ poss 5 their O
shops NOUN NNS dobj 3 shop O
on ADP IN prep 3 on O
Monday_ PROPN NNP pobj 6 Monday B-DATE
. PUNCT . punct 3 . O
Albanians NOUN NNS nsubj 11 albanian B-NORP
later ADV RB advmod 11 later O
protested VERB VBD ROOT 11 protest O
against ADP IN prep 11 against O
the DET DT det 14 the O
police_ NOUN NN pobj 12 police O
._ PUNCT . punct 11 . O
"""
PEOPLE_PLACED_TWICE_THEN_BARE = """
Albanians PROPN NNPS nsubj 3 Albanians B-NORP
in ADP IN prep 0 in O
Macedonia PROPN NNP pobj 1 Macedonia B-GPE
closed VERB VBD ROOT 3 close O
their PRON PRP$ poss 5 their O
shops_ NOUN NNS dobj 3 shop O
. PUNCT . punct 3 . O
Albanians PROPN NNPS nsubj 10 Albanians B-NORP
in ADP IN prep 7 in O
Serbia PROPN NNP pobj 8 Serbia B-GPE
marched_ VERB VBD ROOT 10 march O
. PUNCT . punct 10 . O
Albanians NOUN NNS nsubj 14 albanian B-NORP
later ADV RB advmod 14 later O
protested VERB VBD ROOT 14 protest O
against ADP IN prep 14 against O
the DET DT det 17 the O
police_ NOUN NN pobj 15 police O
._ PUNCT . punct 14 . O
"""


def test_actors_people_placed_once_is_one_node():
    """A people the text placed in one state is that people when named again bare; placed in two states,
    the bare name picks neither."""
    result = run(PEOPLE_PLACED_THEN_BARE)
    assert ("group/MKD-albanians", "protest", "body/MKD-police") in rels(result)
    assert "group/albanians" not in entities(result)
    twice = rels(run(PEOPLE_PLACED_TWICE_THEN_BARE))
    assert ("group/albanians", "protest", "body/SRB-police") in twice
    assert {("group/MKD-albanians", "basedIn", "state/MKD"), ("group/SRB-albanians", "basedIn", "state/SRB")} <= twice


# a bare organ resolved once is what the same bare organ refers to when two states are in view
BARE_ARMY_AGAIN = """
Ghana PROPN NNP nsubj 1 Ghana B-GPE
said VERB VBD ROOT 1 say O
the DET DT det 3 the O
army NOUN NN nsubj 4 army O
shelled VERB VBD ccomp 1 shell O
rebels NOUN NNS dobj 4 rebel O
near ADP IN prep 5 near O
Togo PROPN NNP pobj 6 Togo B-GPE
on ADP IN prep 4 on O
Monday_ PROPN NNP pobj 8 Monday B-DATE
. PUNCT . punct 1 . O
Ghana PROPN NNP nsubj 12 Ghana B-GPE
said VERB VBD ROOT 12 say O
the DET DT det 14 the O
army NOUN NN nsubj 15 army O
shelled VERB VBD ccomp 12 shell O
rebels NOUN NNS dobj 15 rebel O
near ADP IN prep 16 near O
Togo PROPN NNP pobj 17 Togo B-GPE
again ADV RB advmod 15 again O
on ADP IN prep 15 on O
Tuesday_ PROPN NNP pobj 20 Tuesday B-DATE
._ PUNCT . punct 12 . O
"""


def test_actors_bare_organ_resolved_before_is_remembered():
    result = run(BARE_ARMY_AGAIN)
    shelled = [t for t in result.triples if (t.subject, t.relation) == ("body/GHA-military", "assault")]
    assert len({t.char_start for t in shelled}) == 2  # both sentences, not only the first


# conjoined nationalities on one organ noun: each state's organ acts, not only the first's
THREE_ARMIES = """
The DET DT det 6 the O
Malian PROPN NNP nmod 6 Malian B-NORP
and CCONJ CC cc 1 and O
Nigerien PROPN NNP conj 1 Nigerien B-GPE
and CCONJ CC cc 3 and O
Chadian ADJ JJ conj 3 chadian B-NORP
armies NOUN NNS nsubj 7 army O
attacked VERB VBD ROOT 7 attack O
Boko PROPN NNP compound 9 Boko B-ORG
Haram PROPN NNP compound 10 Haram I-ORG
positions NOUN NNS dobj 7 position O
near ADP IN prep 10 near O
Lake PROPN NNP compound 13 Lake B-LOC
Chad_ PROPN NNP pobj 11 Chad I-LOC
._ PUNCT . punct 7 . O
"""


def test_actors_conjoined_nationalities_each_act():
    found = rels(run(THREE_ARMIES))
    assert {(f"body/{iso}-military", "assault", "group/boko-haram") for iso in ("MLI", "NER", "TCD")} <= found
