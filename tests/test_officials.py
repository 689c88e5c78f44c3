"""Officials on hand-built Docs (no model): placement by evidence (kg/extract/entities.py), dated roles
of the actor dictionary (kg/extract/roles.py, scripts/build_officials.py), names across sentences
(kg/extract/names.py), title anaphora and clean titles.

Every sentence was written for these tests; the token tables are what ``scripts/doc_table.py`` printed
for them (word pos tag dep head lemma ent; "_" after a word = no space follows).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from test_extract_rules import make_doc, rels, run  # token tables → Docs → extract_doc (dated 2018-03-12)

from kg.extract import names, roles

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------------------------ the tables

# a minister of state A quoted in a story datelined in state B is A's; his accusation of B stands
HADDAD_ARRIVES = """
DAMASCUS_ PROPN NNP npadvmod 10 DAMASCUS O
, PUNCT , punct 0 , O
May PROPN NNP npadvmod 0 May B-DATE
3 NUM CD nummod 2 3 I-DATE
— PUNCT : punct 10 — O
Jordanian ADJ JJ amod 7 jordanian B-NORP
Foreign PROPN NNP compound 7 Foreign O
Minister PROPN NNP compound 9 Minister O
Karim PROPN NNP compound 9 Karim B-PERSON
Haddad PROPN NNP nsubj 10 Haddad I-PERSON
arrived VERB VBD ROOT 10 arrive O
on ADP IN prep 10 on O
Monday_ PROPN NNP pobj 11 Monday B-DATE
. PUNCT . punct 10 . O
"""
VISITOR_UNDER_DATELINE = HADDAD_ARRIVES + """\
Foreign PROPN NNP compound 15 Foreign O
Minister PROPN NNP compound 16 Minister O
Haddad PROPN NNP nsubj 17 Haddad B-PERSON
accused VERB VBD ROOT 17 accuse O
Syria PROPN NNP dobj 17 Syria B-GPE
of ADP IN prep 17 of O
shelling VERB VBG pcomp 19 shell O
the DET DT det 22 the O
border_ NOUN NN dobj 20 border O
._ PUNCT . punct 17 . O
"""
# ... and a later mention with a bare title does not add the dateline's state
VISITOR_NAMED_AGAIN = HADDAD_ARRIVES + """\
Foreign PROPN NNP compound 15 Foreign O
Minister PROPN NNP compound 16 Minister O
Haddad PROPN NNP nsubj 17 Haddad B-PERSON
praised VERB VBD ROOT 17 praise O
the DET DT det 19 the O
army_ NOUN NN dobj 17 army O
._ PUNCT . punct 17 . O
"""
POSSESSIVE_TITLE = """
Iran_ PROPN NNP poss 4 Iran B-GPE
's PART POS case 0 's O
foreign PROPN NNP compound 3 foreign B-ORG
ministry PROPN NNP compound 4 ministry I-ORG
spokesman NOUN NN compound 6 spokesman O
Reza PROPN NNP compound 6 Reza B-PERSON
Tavakoli PROPN NNP nsubj 7 Tavakoli I-PERSON
condemned VERB VBD ROOT 7 condemn O
the DET DT det 9 the O
raid_ NOUN NN dobj 7 raid O
._ PUNCT . punct 7 . O
"""
APPOSED_AMBASSADOR = """
Grace PROPN NNP compound 1 Grace B-PERSON
Mwangi_ PROPN NNP nsubj 9 Mwangi I-PERSON
, PUNCT , punct 1 , O
Kenya_ PROPN NNP poss 5 Kenya B-GPE
's PART POS case 3 's O
ambassador NOUN NN appos 1 ambassador O
to ADP IN prep 5 to O
Ethiopia_ PROPN NNP pobj 6 Ethiopia B-GPE
, PUNCT , punct 1 , O
criticised VERB VBD ROOT 9 criticise O
Somalia_ PROPN NNP dobj 9 Somalia B-GPE
._ PUNCT . punct 9 . O
"""
GROUP_SPOKESMAN = """
Abu PROPN NNP compound 1 Abu B-PERSON
Omar_ PROPN NNP nsubj 9 Omar I-PERSON
, PUNCT , punct 1 , O
a DET DT det 4 a O
spokesman NOUN NN appos 1 spokesman O
for ADP IN prep 4 for O
the DET DT det 7 the O
Taliban_ PROPN NNP pobj 5 Taliban B-ORG
, PUNCT , punct 1 , O
threatened VERB VBD ROOT 9 threaten O
Kabul_ PROPN NNP dobj 9 Kabul B-GPE
._ PUNCT . punct 9 . O
"""
# a head of state the dictionary knows, in a story filed from another state's capital
HEAD_OF_STATE_ABROAD = """
ANKARA_ PROPN NNP npadvmod 8 ANKARA B-GPE
, PUNCT , punct 0 , O
March PROPN NNP npadvmod 0 March B-DATE
3 NUM CD nummod 2 3 I-DATE
— PUNCT : punct 8 — O
President PROPN NNP compound 7 President O
Vladimir PROPN NNP compound 7 Vladimir B-PERSON
Putin PROPN NNP nsubj 8 Putin I-PERSON
met VERB VBD ROOT 8 meet O
Turkish ADJ JJ amod 10 turkish B-NORP
officials_ NOUN NNS dobj 8 official O
._ PUNCT . punct 8 . O
"""
# two weak cues that disagree: "In Nairobi, President X", then "In Kampala, President X"
DISAGREEING_LOCALES = """
In ADP IN prep 6 in O
Nairobi_ PROPN NNP pobj 0 Nairobi B-GPE
, PUNCT , punct 6 , O
President PROPN NNP compound 5 President O
Omar PROPN NNP compound 5 Omar B-PERSON
Selim PROPN NNP nsubj 6 Selim I-PERSON
met VERB VBD ROOT 6 meet O
donors_ NOUN NNS dobj 6 donor O
. PUNCT . punct 6 . O
In ADP IN prep 14 in O
Kampala_ PROPN NNP pobj 9 Kampala B-GPE
, PUNCT , punct 14 , O
President PROPN NNP compound 13 President O
Selim PROPN NNP nsubj 14 Selim B-PERSON
met VERB VBD ROOT 14 meet O
traders_ NOUN NNS dobj 14 trader O
._ PUNCT . punct 14 . O
"""
ONE_LOCALE = "\n".join(DISAGREEING_LOCALES.strip().splitlines()[:9]) + "\n"
SERVED_OFFICIAL = """
Kenyan ADJ JJ amod 1 kenyan B-NORP
President PROPN NNP compound 3 President O
John PROPN NNP compound 3 John B-PERSON
Mwangi PROPN NNP nsubj 4 Mwangi I-PERSON
met VERB VBD ROOT 4 meet O
donors_ NOUN NNS dobj 4 donor O
. PUNCT . punct 4 . O
Peter PROPN NNP compound 8 Peter B-PERSON
Otieno_ PROPN NNP nsubj 15 Otieno I-PERSON
, PUNCT , punct 8 , O
Mwangi_ PROPN NNP poss 13 Mwangi B-PERSON
's PART POS case 10 's O
security NOUN NN compound 13 security O
adviser_ NOUN NN appos 8 adviser O
, PUNCT , punct 8 , O
criticised VERB VBD ROOT 15 criticise O
Somalia_ PROPN NNP dobj 15 Somalia B-GPE
._ PUNCT . punct 15 . O
"""
PLAIN_NAME = """
Sergei PROPN NNP compound 1 Sergei B-PERSON
Lavrov PROPN NNP nsubj 2 Lavrov I-PERSON
criticised VERB VBD ROOT 2 criticise O
Ukraine_ PROPN NNP dobj 2 Ukraine B-GPE
._ PUNCT . punct 2 . O
"""
FORMER_MINISTER = """
Former ADJ JJ amod 2 former O
Foreign PROPN NNP compound 2 Foreign O
Minister PROPN NNP compound 4 Minister O
Sergei PROPN NNP compound 4 Sergei B-PERSON
Lavrov PROPN NNP nsubj 5 Lavrov I-PERSON
criticised VERB VBD ROOT 5 criticise O
Ukraine_ PROPN NNP dobj 5 Ukraine B-GPE
._ PUNCT . punct 5 . O
"""
# the family name in the second sentence: {ent} is how the tagger typed it
FATHY_MEETS = """
Egyptian ADJ JJ amod 1 egyptian B-NORP
President PROPN NNP compound 3 President O
Omar PROPN NNP compound 3 Omar B-PERSON
Fathy PROPN NNP nsubj 4 Fathy I-PERSON
met VERB VBD ROOT 4 meet O
donors NOUN NNS dobj 4 donor O
on ADP IN prep 4 on O
Monday_ PROPN NNP pobj 6 Monday B-DATE
. PUNCT . punct 4 . O
"""
FAMILY_NAME = FATHY_MEETS + """\
{name} PROPN NNP nsubj 11 {name} {ent}
later ADV RB advmod 11 later O
accused VERB VBD ROOT 11 accuse O
Ethiopia PROPN NNP dobj 11 Ethiopia B-GPE
of ADP IN prep 11 of O
stalling_ VERB VBG pcomp 13 stall O
._ PUNCT . punct 11 . O
"""
FAMILY_NAME_GOVERNMENT = FATHY_MEETS + """\
Fathy_ PROPN NNP poss 11 Fathy B-PERSON
's PART POS case 9 's O
government NOUN NN nsubj 13 government O
later ADV RB advmod 13 later O
accused VERB VBD ROOT 13 accuse O
Ethiopia PROPN NNP dobj 13 Ethiopia B-GPE
of ADP IN prep 13 of O
stalling_ VERB VBG pcomp 15 stall O
._ PUNCT . punct 13 . O
"""
# a family name that is also a seat of government
FAMILY_NAME_IS_A_CAPITAL = """
Brazilian ADJ JJ amod 2 brazilian B-NORP
Foreign PROPN NNP compound 2 Foreign O
Minister PROPN NNP compound 4 Minister O
Alberto PROPN NNP compound 4 Alberto B-PERSON
Lima PROPN NNP nsubj 5 Lima I-PERSON
arrived VERB VBD ROOT 5 arrive O
on ADP IN prep 5 on O
Monday_ PROPN NNP pobj 6 Monday B-DATE
. PUNCT . punct 5 . O
Lima PROPN NNP nsubj 11 Lima B-GPE
later ADV RB advmod 11 later O
accused VERB VBD ROOT 11 accuse O
Venezuela PROPN NNP dobj 11 Venezuela B-GPE
of ADP IN prep 11 of O
stalling_ VERB VBG pcomp 13 stall O
._ PUNCT . punct 11 . O
"""
# ... but a place of that name where something happens stays a place
FAMILY_NAME_IS_A_TOWN = """
Somali ADJ JJ amod 1 somali O
commander NOUN NN compound 3 commander O
Ali PROPN NNP compound 3 Ali B-PERSON
Farah PROPN NNP nsubj 4 Farah I-PERSON
met VERB VBD ROOT 4 meet O
elders_ NOUN NNS dobj 4 elder O
. PUNCT . punct 4 . O
Fighting NOUN NN nsubj 8 fighting O
broke VERB VBD ROOT 8 break O
out ADP RP prt 8 out O
in ADP IN prep 8 in O
Farah_ PROPN NNP pobj 10 Farah B-GPE
._ PUNCT . punct 8 . O
"""
# a hyphenated name with a particle: "al-Ahmar" is the family name
PARTICLE_NAME = """
Houthi PROPN NNP compound 1 Houthi O
leader NOUN NN compound 7 leader O
Abdul_ PROPN NNP compound 7 Abdul B-PERSON
-_ PUNCT HYPH punct 7 - I-PERSON
Karim PROPN NNP compound 7 Karim I-PERSON
al_ PROPN NNP compound 7 al I-PERSON
-_ PROPN NNP compound 7 - I-PERSON
Ahmar PROPN NNP nsubj 8 Ahmar I-PERSON
spoke VERB VBD ROOT 8 speak O
on ADP IN prep 8 on O
Monday_ PROPN NNP pobj 9 Monday B-DATE
. PUNCT . punct 8 . O
Al_ PROPN NNP compound 14 Al B-PERSON
-_ PUNCT HYPH punct 14 - I-PERSON
Ahmar PROPN NNP nsubj 15 Ahmar I-PERSON
threatened VERB VBD ROOT 15 threaten O
Riyadh_ PROPN NNP dobj 15 Riyadh B-GPE
._ PUNCT . punct 15 . O
"""
TITLE_ANAPHOR = """
Kenyan PROPN NNP amod 2 Kenyan B-NORP
Foreign PROPN NNP compound 2 Foreign O
Minister PROPN NNP compound 4 Minister O
Rachel PROPN NNP compound 4 Rachel B-PERSON
Wanjiru PROPN NNP nsubj 5 Wanjiru I-PERSON
arrived VERB VBD ROOT 5 arrive O
in ADP IN prep 5 in O
Kampala_ PROPN NNP pobj 6 Kampala B-GPE
. PUNCT . punct 5 . O
The DET DT det 11 the O
foreign ADJ JJ amod 11 foreign O
minister NOUN NN nsubj 12 minister O
criticised VERB VBD ROOT 12 criticise O
Uganda_ PROPN NNP dobj 12 Uganda B-GPE
._ PUNCT . punct 12 . O
"""
# "the minister" after two ministers: no one in particular
AMBIGUOUS_TITLE_ANAPHOR = """
Foreign PROPN NNP compound 1 Foreign O
Minister PROPN NNP compound 3 Minister O
Rachel PROPN NNP compound 3 Rachel B-PERSON
Wanjiru PROPN NNP nmod 8 Wanjiru I-PERSON
and CCONJ CC cc 3 and O
Defence PROPN NNP compound 6 Defence B-ORG
Minister PROPN NNP conj 3 Minister O
Paul PROPN NNP compound 8 Paul B-PERSON
Kiprop PROPN NNP nsubj 9 Kiprop I-PERSON
arrived VERB VBD ROOT 9 arrive O
in ADP IN prep 9 in O
Kampala_ PROPN NNP pobj 10 Kampala B-GPE
. PUNCT . punct 9 . O
The DET DT det 14 the O
minister NOUN NN nsubj 15 minister O
criticised VERB VBD ROOT 15 criticise O
Uganda_ PROPN NNP dobj 15 Uganda B-GPE
._ PUNCT . punct 15 . O
"""
# a title word that is also a first name, after another title, is the first name
FIRST_NAME_AFTER_TITLE = """
Iranian ADJ JJ amod 2 iranian B-NORP
Defence PROPN NNP compound 2 Defence O
Minister PROPN NNP compound 4 Minister O
Amir PROPN NNP compound 4 Amir B-PERSON
Tabrizi PROPN NNP nsubj 5 Tabrizi I-PERSON
criticised VERB VBD ROOT 5 criticise O
Israel_ PROPN NNP dobj 5 Israel B-GPE
._ PUNCT . punct 5 . O
"""
COPULAR_TITLE = """
Musa PROPN NNP compound 1 Musa B-PERSON
Bello PROPN NNP nsubj 2 Bello I-PERSON
is AUX VBZ ROOT 2 be O
a DET DT det 5 a O
deputy NOUN NN compound 5 deputy O
leader NOUN NN attr 2 leader O
of ADP IN prep 5 of O
Boko PROPN NNP compound 8 Boko B-PERSON
Haram_ PROPN NNP pobj 6 Haram I-PERSON
, PUNCT , punct 8 , O
which PRON WDT nsubj 11 which O
controls VERB VBZ relcl 8 control O
the DET DT det 13 the O
forest_ NOUN NN dobj 11 forest O
._ PUNCT . punct 2 . O
"""


# ------------------------------------------------------------------------------------ placement


@pytest.mark.parametrize(
    "table, expected, unexpected",
    [
        # the title's adjective beats the dateline, and the accusation of the dateline's state stands
        (VISITOR_UNDER_DATELINE,
         {("person/karim-haddad", "officialOf", "state/JOR"), ("person/karim-haddad", "accuse", "state/SYR")},
         {("person/karim-haddad", "officialOf", "state/SYR")}),
        (VISITOR_NAMED_AGAIN, {("person/karim-haddad", "officialOf", "state/JOR")},
         {("person/karim-haddad", "officialOf", "state/SYR")}),
        # a possessive before the title
        (POSSESSIVE_TITLE, {("person/reza-tavakoli", "officialOf", "state/IRN")}, set()),
        # an apposition: the state whose ambassador, not the state of the posting
        (APPOSED_AMBASSADOR,
         {("person/grace-mwangi", "officialOf", "state/KEN"), ("person/grace-mwangi", "accuse", "state/SOM")},
         {("person/grace-mwangi", "officialOf", "state/ETH")}),
        # the group a spokesman speaks for
        (GROUP_SPOKESMAN,
         {("person/abu-omar", "officialOf", "group/taliban"), ("person/abu-omar", "threaten", "state/AFG")}, set()),
        # a dated role beats the dateline; a head of state by the text's title
        (HEAD_OF_STATE_ABROAD, {("person/vladimir-putin", "leaderOf", "state/RUS")},
         {("person/vladimir-putin", "leaderOf", "state/TUR"), ("person/vladimir-putin", "officialOf", "state/TUR")}),
        # whom they serve
        (SERVED_OFFICIAL, {("person/peter-otieno", "officialOf", "state/KEN")}, set()),
        # "Amir" is his first name: a minister, not an emir leading the state
        (FIRST_NAME_AFTER_TITLE, {("person/amir-tabrizi", "officialOf", "state/IRN")},
         {("person/amir-tabrizi", "leaderOf", "state/IRN")}),
        # one weak cue places; two that disagree place nowhere
        (ONE_LOCALE, {("person/omar-selim", "leaderOf", "state/KEN")}, set()),
        (DISAGREEING_LOCALES, set(),
         {("person/omar-selim", "leaderOf", "state/KEN"), ("person/omar-selim", "leaderOf", "state/UGA")}),
    ],
    ids=["title-adjective-vs-dateline", "named-again-under-dateline", "possessive", "apposition", "spokesman-for-group", "dated-role-vs-dateline",
         "served-official", "first-name-after-title", "one-locale", "disagreeing-locales"],
)
def test_officials_placed_by_evidence(table, expected, unexpected):
    got = rels(run(table))
    assert expected <= got
    assert not unexpected & got


@pytest.mark.parametrize(
    "table, date, expected",
    [
        (PLAIN_NAME, "2018-03-12", ("state/RUS", "official-role")),  # in office then
        (PLAIN_NAME, "1990-06-01", None),  # before the first dated role
        (PLAIN_NAME, None, ("state/RUS", "official-role")),  # no date: every role in one state
        (FORMER_MINISTER, "2018-03-12", None),  # the text says he holds no office now
    ],
    ids=["in-office", "before-office", "undated", "former"],
)
def test_officials_dated_role(table, date, expected):
    placed = {(t.object, t.rule) for t in run(table, date).triples if t.relation in ("officialOf", "leaderOf")}
    assert placed == ({expected} if expected else set())


@pytest.mark.parametrize(
    "name, date, state",
    [
        ("Vladimir Putin", "2019-03-01", "RUS"),
        ("Vladimir V. Putin", None, "RUS"),  # initials do not count
        ("Sheikh Sabah al-Ahmad al-Jabir al-Sabah", "2019-01-01", "KWT"),  # nor a form of address, accents, hyphens
        ("Nawaz Sharif", "1995-01-01", None),  # between two terms: out of office
        ("Nawaz Sharif", "1998-01-01", "PAK"),
        ("Antonio Guterres", "2018-01-01", None),  # a former head of government holds no office of the state
        ("Julian Francis", "2005-01-01", None),  # two people of that name in offices of two states
        ("Julian Francis", "2008-01-01", "VCT"),  # only one in office then
        ("Putin", "2019-01-01", None),  # a family name alone is looked up through the full name only
    ],
)
def test_officials_roles_office_state(name, date, state):
    assert roles.office_state(name, date) == state


@pytest.mark.parametrize(
    "family, date, state",
    [
        ("Putin", "2019-01-01", "RUS"),  # everyone of that family name in office then serves one state
        ("Putin", None, None),  # no date: no office
        ("Vladimir Putin", "2019-01-01", None),  # a family name is one word
    ],
)
def test_officials_roles_surname_office(family, date, state):
    assert roles.surname_office(family, date) == state


def _converter():
    spec = importlib.util.spec_from_file_location("build_officials", ROOT / "scripts" / "build_officials.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


@pytest.mark.parametrize(
    "code, parsed",
    [
        ("[PAKGOV 901106-930418]", ("PAK", "GOV", 19901106, 19930418)),  # YY above 30: 19YY
        ("[RUSGOV >080508]", ("RUS", "GOV", 20080508, None)),  # YY 00-30: 20YY
        ("[PAKGOV >20130605]", ("PAK", "GOV", 20130605, None)),
        ("[TMPOCC <990830]", ("TMP", "OCC", None, 19990830)),
        ("[PAKELI]", ("PAK", "ELI", None, None)),
        ("[GBRGOV >201005011]", ("GBR", "GOV", 20100501, None)),  # past eight digits: the first eight
        ("[ARMUNR 9008223-911221]", None),  # seven digits: no date
        ("[---]", None),
    ],
)
def test_officials_phoenix_codes(code, parsed):
    assert _converter().parse_code(code) == parsed


def test_officials_data_file_is_the_converters_output(tmp_path):
    conv = _converter()
    if not conv.DEFAULT_SOURCE.exists():
        pytest.skip(f"{conv.DEFAULT_SOURCE} is not here")
    out = tmp_path / "officials.tsv"
    conv.main(["--out", str(out)])
    assert out.read_text(encoding="utf-8") == (ROOT / "kg" / "data" / "officials.tsv").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------ names across sentences


@pytest.mark.parametrize(
    "table, expected, unexpected",
    [
        # the family name untagged, tagged as an organization in capitals, or as a possessor
        (FAMILY_NAME.format(name="Fathy", ent="O"), ("person/omar-fathy", "accuse", "state/ETH"), None),
        (FAMILY_NAME.format(name="FATHY", ent="B-ORG"), ("person/omar-fathy", "accuse", "state/ETH"), None),
        (FAMILY_NAME.format(name="Fathy", ent="B-GPE"), ("person/omar-fathy", "accuse", "state/ETH"), None),
        # "Fathy's government": the government (an organ) of the state the text makes him the leader of
        (FAMILY_NAME_GOVERNMENT, ("body/EGY-government", "accuse", "state/ETH"), None),
        # a family name that is a capital: the person, not Peru
        (FAMILY_NAME_IS_A_CAPITAL, ("person/alberto-lima", "accuse", "state/VEN"), ("state/PER", "accuse", "state/VEN")),
        # the particle belongs to the family name
        (PARTICLE_NAME, ("person/abdul-karim-al-ahmar", "threaten", "state/SAU"), None),
    ],
    ids=["untagged", "capitals-org", "tagged-place", "possessor", "name-is-a-capital", "particle"],
)
def test_officials_family_name_across_sentences(table, expected, unexpected):
    got = rels(run(table))
    assert expected in got
    assert unexpected not in got


def test_officials_place_named_like_a_person_stays_a_place():
    ents = {e.key: e for e in run(FAMILY_NAME_IS_A_TOWN).entities}
    assert ents["place/farah"].cls == "Place"
    assert "Farah" not in ents["person/ali-farah"].alt_labels


def test_officials_family_name_alt_labels():
    ents = {e.key: e for e in run(FAMILY_NAME.format(name="FATHY", ent="B-ORG")).entities}
    assert ents["person/omar-fathy"].label == "Omar Fathy"
    assert "FATHY" not in ents["person/omar-fathy"].alt_labels  # the capitals of a headline are no other name
    assert not any(k.startswith("person/") and k != "person/omar-fathy" for k in ents)


@pytest.mark.parametrize(
    "full, forms",
    [
        ("Recep Tayyip Erdogan", [("erdogan",)]),
        ("Abdul-Malik al-Houthi", [("al", "houthi"), ("houthi",)]),  # "Houthi" the movement stays a group
        ("Mohammed bin Salman", [("bin", "salman"), ("salman",)]),
        ("Staffan de Mistura", [("de", "mistura"), ("mistura",)]),
        ("Erdogan", []),
    ],
)
def test_officials_names_surname_forms(full, forms):
    assert names.surname_forms(names.words(full)) == forms


@pytest.mark.parametrize(
    "short, full, same",
    [
        ("Tayyip Erdogan", "Recep Tayyip Erdogan", True),
        ("Recep Erdogan", "Recep Tayyip Erdogan", True),
        ("Mohammed Al Thani", "Tamim bin Hamad Al Thani", False),  # another man of the family
        ("Erdogan", "Recep Tayyip Erdogan", False),  # one word: a family name, matched by surname_forms
    ],
)
def test_officials_names_shorter_form(short, full, same):
    assert names.shorter_form(names.words(short), names.words(full)) == same


# ------------------------------------------------------------------------------------ title anaphora


@pytest.mark.parametrize(
    "table, expected",
    [
        (TITLE_ANAPHOR, {("person/rachel-wanjiru", "accuse", "state/UGA")}),
        (AMBIGUOUS_TITLE_ANAPHOR, set()),  # two ministers: "the minister" is neither
    ],
    ids=["unique", "ambiguous"],
)
def test_officials_title_anaphor(table, expected):
    assert {r for r in rels(run(table)) if r[1] == "accuse"} == expected


def test_officials_title_anaphor_is_marked():
    from kg.extract.entities import DocEntities

    doc = make_doc(TITLE_ANAPHOR)
    ents = DocEntities(doc, "2018-03-12")
    found = ents.actor(doc[11])  # "minister"
    assert found is not None and (found.key, found.via) == ("person/rachel-wanjiru", "title-anaphor")


# ------------------------------------------------------------------------------------ clean titles


@pytest.mark.parametrize(
    "table, key, title",
    [
        (COPULAR_TITLE, "person/musa-bello", "deputy leader"),  # not "deputy leader which"
        (POSSESSIVE_TITLE, "person/reza-tavakoli", "foreign ministry spokesman"),  # not "Iran 's ..."
        (SERVED_OFFICIAL, "person/peter-otieno", "security adviser"),  # not "Mwangi security adviser"
        (APPOSED_AMBASSADOR, "person/grace-mwangi", "ambassador"),  # not "ambassador to"
        (FORMER_MINISTER, "person/sergei-lavrov", "Former Foreign Minister"),
        (FIRST_NAME_AFTER_TITLE, "person/amir-tabrizi", "Defence Minister"),  # not "Defence Minister Amir"
    ],
)
def test_officials_clean_titles(table, key, title):
    ents = {e.key: e for e in run(table).entities}
    assert ents[key].cls == "Official" and ents[key].title == title


@pytest.mark.parametrize(
    "table, key, kept, not_kept",
    [
        # a title written as part of the name is a name; an apposition is a phrase
        (TITLE_ANAPHOR, "person/rachel-wanjiru", "Kenyan Foreign Minister Rachel Wanjiru", None),
        (APPOSED_AMBASSADOR, "person/grace-mwangi", None, "Grace Mwangi, Kenya's ambassador to Ethiopia"),
        (POSSESSIVE_TITLE, "person/reza-tavakoli", None, "Iran's foreign ministry spokesman Reza Tavakoli"),
        (AMBIGUOUS_TITLE_ANAPHOR, "person/paul-kiprop", "Defence Minister Paul Kiprop",
         "Foreign Minister Rachel Wanjiru and Defence Minister Paul Kiprop"),
    ],
)
def test_officials_alt_labels_are_names(table, key, kept, not_kept):
    alts = {e.key: e.alt_labels for e in run(table).entities}[key]
    assert kept is None or kept in alts
    assert not_kept not in alts
    assert not any("," in a or "'s" in a for a in alts)


# ------------------------------------------------------------------- a body every state has ("Foreign Office")

FOREIGN_OFFICE_OTHER_STATE = """
Pakistan PROPN NNP nsubj 1 Pakistan B-GPE
rejected VERB VBD ROOT 1 reject O
the DET DT det 3 the O
charge NOUN NN dobj 1 charge O
on ADP IN prep 1 on O
Friday_ PROPN NNP pobj 4 Friday B-DATE
. PUNCT . punct 1 . O
A DET DT det 10 a O
Foreign PROPN NNP compound 9 Foreign B-ORG
Office PROPN NNP compound 10 Office I-ORG
spokesman_ NOUN NN nsubj 15 spokesman O
, PUNCT , punct 10 , O
Tariq PROPN NNP compound 13 Tariq B-PERSON
Qazi_ PROPN NNP appos 10 Qazi I-PERSON
, PUNCT , punct 10 , O
said VERB VBD ROOT 15 say O
India PROPN NNP nsubj 18 India B-GPE
had AUX VBD aux 18 have O
offered VERB VBN ccomp 15 offer O
no DET DT det 20 no O
evidence_ NOUN NN dobj 18 evidence O
._ PUNCT . punct 15 . O
"""
FOREIGN_OFFICE_LATER = """
A DET DT det 3 a O
Foreign PROPN NNP compound 2 Foreign B-ORG
Office PROPN NNP compound 3 Office I-ORG
spokesman_ NOUN NN nsubj 8 spokesman O
, PUNCT , punct 3 , O
James PROPN NNP compound 6 James B-PERSON
Hartley_ PROPN NNP appos 3 Hartley I-PERSON
, PUNCT , punct 3 , O
said VERB VBD ROOT 8 say O
{state} PROPN NNP nsubj 11 {state} B-GPE
would AUX MD aux 11 would O
respond_ VERB VB ccomp 8 respond O
._ PUNCT . punct 8 . O
"""


@pytest.mark.parametrize(
    "table, person, state",
    [
        # the Foreign Office of the state the text is about, not the gazetteer's United Kingdom
        (FOREIGN_OFFICE_OTHER_STATE, "person/tariq-qazi", "state/PAK"),
        # its own state, named later in the sentence where no other state comes before
        (FOREIGN_OFFICE_LATER.format(state="Britain"), "person/james-hartley", "state/GBR"),
        # another state named after it says nothing of whose office it is: no state
        (FOREIGN_OFFICE_LATER.format(state="Pakistan"), "person/james-hartley", None),
    ],
)
def test_officials_generic_body_spokesman_placed_by_the_text(table, person, state):
    placed = {(s, o) for s, p, o in rels(run(table)) if s == person and p in ("officialOf", "leaderOf")}
    assert placed == ({(person, state)} if state else set())


# ------------------------------------------------------- a spokesman of an organ or of "the bloc" named before

ARMY_SPOKESMAN = """
Chadian ADJ JJ amod 1 chadian B-NORP
troops NOUN NNS nsubj 2 troop O
entered VERB VBD ROOT 2 enter O
the DET DT det 4 the O
town_ NOUN NN dobj 2 town O
. PUNCT . punct 2 . O
Col. PROPN NNP compound 8 Col. O
Idriss PROPN NNP compound 8 Idriss B-PERSON
Mahamat_ PROPN NNP nsubj 16 Mahamat I-PERSON
, PUNCT , punct 8 , O
the DET DT det 11 the O
army_ NOUN NN poss 14 army O
's PART POS case 11 's O
chief ADJ JJ amod 14 chief O
spokesman_ NOUN NN appos 8 spokesman O
, PUNCT , punct 8 , O
denied VERB VBD ROOT 16 deny O
the DET DT det 18 the O
report_ NOUN NN dobj 16 report O
._ PUNCT . punct 16 . O
"""
BLOC_PRESIDENT = """
ECOWAS PROPN NNP nsubj 1 ECOWAS B-ORG
met VERB VBD ROOT 1 meet O
on ADP IN prep 1 on O
Monday_ PROPN NNP pobj 2 Monday B-DATE
. PUNCT . punct 1 . O
Omar PROPN NNP compound 6 Omar B-PERSON
Toure_ PROPN NNP nsubj 14 Toure I-PERSON
, PUNCT , punct 6 , O
the DET DT det 9 the O
bloc_ NOUN NN poss 12 bloc O
's PART POS case 9 's O
commission NOUN NN compound 12 commission O
president_ NOUN NN appos 6 president O
, PUNCT , punct 6 , O
urged VERB VBD ROOT 14 urge O
Niger PROPN NNP dobj 14 Niger B-GPE
to PART TO aux 17 to O
free VERB VB xcomp 14 free O
the DET DT det 19 the O
detainees_ NOUN NNS dobj 17 detainee O
._ PUNCT . punct 14 . O
"""


@pytest.mark.parametrize(
    "table, expected",
    [
        # "the army's chief spokesman": the state whose army the text has named
        (ARMY_SPOKESMAN, ("person/idriss-mahamat", "officialOf", "state/TCD")),
        # "the bloc's commission president": the organization of states named before
        (BLOC_PRESIDENT, ("person/omar-toure", "leaderOf", "group/ecowas")),
    ],
)
def test_officials_placed_by_an_organ_or_bloc_they_speak_for(table, expected):
    assert expected in rels(run(table))
