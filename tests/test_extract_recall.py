"""Recall constructions on hand-built Docs (no model): mediation without a "between" phrase, "both sides",
object pronouns, the target of a threatened act, shows of force near a border, a place inside a topic, and
lexicon readings (a shifted particle, a request for an event noun, a relative clause's noun).

Each case is a sentence written for these tests, as ``scripts/doc_table.py`` prints it (word pos tag dep head
lemma ent; "_" after a word = no space follows).
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg.extract import extract_doc
from kg.types import Source
from tests.test_extract_rules import make_doc, rels, run

# ---------------------------------------------------------------------------------------------- mediation

FUSED_BROKERED = """
Ghana PROPN NNP nsubj 3 Ghana B-GPE
and CCONJ CC cc 0 and O
Togo PROPN NNP conj 0 Togo B-GPE
signed VERB VBD ROOT 3 sign O
a DET DT det 6 a O
U.S.-brokered ADJ JJ amod 6 u.s.-brokered O
truce NOUN NN dobj 3 truce O
on ADP IN prep 3 on O
Friday_ PROPN NNP pobj 7 Friday B-DATE
._ PUNCT . punct 3 . O
"""
BROKERED_BY_IN = """
Benin PROPN NNP nsubj 3 Benin B-GPE
and CCONJ CC cc 0 and O
Niger PROPN NNP conj 0 Niger B-GPE
signed VERB VBD ROOT 3 sign O
a DET DT det 5 a O
pact NOUN NN dobj 3 pact O
brokered VERB VBN acl 5 broker O
by ADP IN agent 6 by O
Nigeria PROPN NNP pobj 7 Nigeria B-GPE
in ADP IN prep 6 in O
Abuja_ PROPN NNP pobj 9 Abuja B-GPE
._ PUNCT . punct 3 . O
"""
BROKERED_TALKS_SUBJECT = """
Mali PROPN NNP nsubj 1 Mali B-GPE
accused VERB VBD ROOT 1 accuse O
Algeria PROPN NNP dobj 1 Algeria B-GPE
of ADP IN prep 1 of O
arming VERB VBG pcomp 3 arm O
rebels NOUN NNS dobj 4 rebel O
a DET DT det 7 a B-DATE
week NOUN NN npadvmod 4 week I-DATE
after SCONJ IN mark 13 after O
talks NOUN NNS nsubj 13 talk O
brokered VERB VBN acl 9 broker O
by ADP IN agent 10 by O
Qatar PROPN NNP pobj 11 Qatar B-GPE
collapsed_ VERB VBD advcl 4 collapse O
._ PUNCT . punct 1 . O
"""
ROUND_OF_TALKS = """
Senegal PROPN NNP nsubj 1 Senegal B-GPE
hosted VERB VBD ROOT 1 host O
a DET DT det 3 a O
round NOUN NN dobj 1 round O
of ADP IN prep 3 of O
talks NOUN NNS pobj 4 talk O
between ADP IN prep 5 between O
Gambia PROPN NNP pobj 6 Gambia B-GPE
and CCONJ CC cc 7 and O
Guinea_ PROPN NNP conj 7 Guinea B-GPE
._ PUNCT . punct 1 . O
"""


@pytest.mark.parametrize(
    ("table", "expected", "absent"),
    [
        # "X-brokered" as one token: the state before the suffix; the sides are the signing subjects
        (FUSED_BROKERED, {("state/USA", "consult", "state/GHA"), ("state/USA", "consult", "state/TGO")}, set()),
        # "brokered by X in Y": Y is where; the mediator is no party the signers support
        (BROKERED_BY_IN, {("state/NGA", "consult", "state/BEN"), ("state/NGA", "consult", "state/NER")},
         {("state/BEN", "support", "state/NGA"), ("state/NGA", "consult", "state/NGA")}),
        # brokered talks as a subject elsewhere: the two parties the sentence's main clause joins
        (BROKERED_TALKS_SUBJECT, {("state/QAT", "consult", "state/MLI"), ("state/QAT", "consult", "state/DZA")}, set()),
        # "a round of talks": the measured negotiation noun
        (ROUND_OF_TALKS, {("state/SEN", "consult", "state/GMB"), ("state/SEN", "consult", "state/GIN")}, set()),
    ],
)  # fmt: skip
def test_relations_mediation_sides(table, expected, absent):
    found = rels(run(table))
    assert expected <= found
    assert not absent & found


def test_relations_mediation_rule_name():
    assert {t.rule for t in run(FUSED_BROKERED).triples if t.relation == "consult"} == {"mediation"}


# ---------------------------------------------------------------------------------------------- both sides

BOTH_SIDES = """
Peru PROPN NNP nsubj 3 Peru B-GPE
and CCONJ CC cc 0 and O
Ecuador PROPN NNP conj 0 Ecuador B-GPE
exchanged VERB VBD ROOT 3 exchange O
fire NOUN NN dobj 3 fire O
on ADP IN prep 3 on O
the DET DT det 7 the O
border_ NOUN NN pobj 5 border O
. PUNCT . punct 3 . O
Chile PROPN NNP nsubj 10 Chile B-GPE
urged VERB VBD ROOT 10 urge O
both DET DT det 12 both O
sides NOUN NNS dobj 10 side O
to PART TO aux 14 to O
show VERB VB xcomp 10 show O
restraint_ NOUN NN dobj 14 restraint O
._ PUNCT . punct 10 . O
"""


def _with_paragraph_break(table: str, after: int) -> Doc:
    """The Doc of ``table`` with a blank line (a whitespace token) after token ``after``."""
    doc = make_doc(table)
    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    spaces[after] = False
    shift = [i if i <= after else i + 1 for i in range(len(doc))]
    at = after + 1
    return Doc(
        doc.vocab,
        words=words[:at] + ["\n\n"] + words[at:],
        spaces=spaces[:at] + [False] + spaces[at:],
        pos=[t.pos_ for t in doc][:at] + ["SPACE"] + [t.pos_ for t in doc][at:],
        tags=[t.tag_ for t in doc][:at] + ["_SP"] + [t.tag_ for t in doc][at:],
        deps=[t.dep_ for t in doc][:at] + ["dep"] + [t.dep_ for t in doc][at:],
        heads=[shift[t.head.i] for t in doc][:at] + [after] + [shift[t.head.i] for t in doc][at:],
        lemmas=[t.lemma_ for t in doc][:at] + ["\n\n"] + [t.lemma_ for t in doc][at:],
        ents=[(f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O") for t in doc][:at] + ["O"] + [
            (f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O") for t in doc][at:],
    )  # fmt: skip


def test_relations_both_sides_named_before():
    result = run(BOTH_SIDES)
    assert {("state/CHL", "request", "state/PER"), ("state/CHL", "request", "state/ECU")} <= rels(result)
    assert {t.rule for t in result.triples if t.subject == "state/CHL"} == {"both-sides"}


def test_relations_both_sides_not_across_paragraphs():
    # the same two sentences with a blank line between them: a new paragraph starts a new topic
    doc = _with_paragraph_break(BOTH_SIDES, 8)
    assert "border.\n\nChile" in doc.text
    result = extract_doc(doc, Source("t", doc.text, date="2018-03-12"))
    assert not any(t.subject == "state/CHL" for t in result.triples)


# ---------------------------------------------------------------------------------------------- pronouns

OBJECT_PRONOUN = """
Prime PROPN NNP compound 1 Prime O
Minister PROPN NNP compound 3 Minister O
Narendra PROPN NNP compound 3 Narendra B-PERSON
Modi PROPN NNP nsubj 4 Modi I-PERSON
met VERB VBD ROOT 4 meet O
President PROPN NNP compound 7 President O
Joe PROPN NNP compound 7 Joe B-PERSON
Biden PROPN NNP dobj 4 Biden I-PERSON
in ADP IN prep 4 in O
Delhi_ PROPN NNP pobj 8 Delhi B-GPE
. PUNCT . punct 4 . O
Modi PROPN NNP nsubj 12 Modi B-PERSON
pressed VERB VBD ROOT 12 press O
him PRON PRP dobj 12 he O
to PART TO aux 15 to O
lift VERB VB xcomp 12 lift O
the DET DT det 17 the O
tariffs_ NOUN NNS dobj 15 tariff O
._ PUNCT . punct 12 . O
"""


def test_relations_object_pronoun_is_not_the_subject():
    # "him" is not Modi (the clause's subject): the other person named before it
    assert ("person/narendra-modi", "request", "person/joe-biden") in rels(run(OBJECT_PRONOUN))


# ---------------------------------------------------------------------------------------------- threats

THREATENED_ACT = """
Iran PROPN NNP nsubj 1 Iran B-GPE
warned VERB VBD ROOT 1 warn O
that SCONJ IN mark 5 that O
it PRON PRP nsubj 5 it O
would AUX MD aux 5 would O
seize VERB VB ccomp 1 seize O
any DET DT det 8 any O
British ADJ JJ amod 8 british B-NORP
tanker_ NOUN NN dobj 5 tanker O
._ PUNCT . punct 1 . O
"""


def test_relations_threat_target_is_the_threatened_acts():
    result = run(THREATENED_ACT)
    assert [(t.subject, t.relation, t.object, t.rule) for t in result.triples] == [
        ("state/IRN", "threaten", "state/GBR", "reported-speech")
    ]


# ---------------------------------------------------------------------------------------------- shows of force

FORCES_TO_BORDER = """
Serbia PROPN NNP nsubj 1 Serbia B-GPE
moved VERB VBD ROOT 1 move O
tanks NOUN NNS dobj 1 tank O
to ADP IN prep 1 to O
its PRON PRP$ poss 5 its O
border NOUN NN pobj 3 border O
with ADP IN prep 5 with O
Kosovo_ PROPN NNP pobj 6 Kosovo B-GPE
._ PUNCT . punct 1 . O
"""
ALERT_NEAR_BORDER = """
Algeria PROPN NNP nsubj 1 Algeria B-GPE
put VERB VBD ROOT 1 put O
its PRON PRP$ poss 3 its O
army NOUN NN dobj 1 army O
on ADP IN prep 1 on O
alert NOUN NN pobj 4 alert O
near ADP IN prep 5 near O
the DET DT det 8 the O
border NOUN NN pobj 6 border O
with ADP IN prep 8 with O
Morocco_ PROPN NNP pobj 9 Morocco B-GPE
._ PUNCT . punct 1 . O
"""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (FORCES_TO_BORDER, ("state/SRB", "mobilize", "state/XKX")),  # moving weapons: the side beyond the border
        (ALERT_NEAR_BORDER, ("state/DZA", "mobilize", "state/MAR")),  # raised readiness, placed near a border
    ],
)
def test_relations_show_of_force_target(table, expected):
    found = rels(run(table))
    assert expected in found
    assert not any(o == expected[0] for _, _, o in found)  # one's own forces are never the target


# ---------------------------------------------------------------------------------------------- places in topics

TOPIC_PLACE = """
Kenya PROPN NNP nsubj 1 Kenya B-GPE
discussed VERB VBD ROOT 1 discuss O
the DET DT det 3 the O
drought NOUN NN dobj 1 drought O
in ADP IN prep 3 in O
Somalia_ PROPN NNP pobj 4 Somalia B-GPE
._ PUNCT . punct 1 . O
"""
SHELLED_PLACE = """
Rebels NOUN NNS nsubj 1 rebel O
shelled VERB VBD ROOT 1 shell O
villages NOUN NNS dobj 1 village O
in ADP IN prep 2 in O
Somalia_ PROPN NNP pobj 3 Somalia B-GPE
._ PUNCT . punct 1 . O
"""


@pytest.mark.parametrize(
    ("table", "relation", "expected"),
    [
        (TOPIC_PLACE, "consult", False),  # a meeting needs a party: the drought's setting is none
        (SHELLED_PLACE, "assault", True),  # an assault on villages there is one on Somalia
    ],
)
def test_relations_place_inside_object_by_type(table, relation, expected):
    assert any(r == relation and o == "state/SOM" for _, r, o in rels(run(table))) is expected


# ---------------------------------------------------------------------------------------------- lexicon readings

SHIFTED_PARTICLE = """
Peru PROPN NNP nsubj 1 Peru B-GPE
turned VERB VBD ROOT 1 turn O
the DET DT det 4 the O
Bolivian ADJ JJ amod 4 bolivian B-NORP
proposal NOUN NN dobj 1 proposal O
down_ ADP RP prt 4 down O
._ PUNCT . punct 1 . O
"""
SOUGHT_SUPPORT = """
Tunisia PROPN NNP nsubj 1 Tunisia B-GPE
sought VERB VBD ROOT 1 seek O
support NOUN NN dobj 1 support O
from ADP IN prep 2 from O
Egypt PROPN NNP pobj 3 Egypt B-GPE
for ADP IN prep 2 for O
the DET DT det 7 the O
plan_ NOUN NN pobj 5 plan O
._ PUNCT . punct 1 . O
"""
RELATIVE_EMBARGO = """
The DET DT det 1 the O
EU PROPN NNP nsubj 2 EU B-ORG
extended VERB VBD ROOT 2 extend O
the DET DT det 5 the O
arms NOUN NNS compound 5 arm O
embargo NOUN NN dobj 2 embargo O
that SCONJ IN dobj 8 that O
it PRON PRP nsubj 8 it O
imposed VERB VBD relcl 5 impose O
on ADP IN prep 8 on O
Belarus PROPN NNP pobj 9 Belarus B-GPE
in ADP IN prep 8 in O
2021_ NUM CD pobj 11 2021 B-DATE
._ PUNCT . punct 2 . O
"""
EXPRESSED_CONCERN = """
Chile PROPN NNP nsubj 1 Chile B-GPE
expressed VERB VBD ROOT 1 express O
concern NOUN NN dobj 1 concern O
about ADP IN prep 2 about O
Bolivia_ PROPN NNP pobj 3 Bolivia B-GPE
._ PUNCT . punct 1 . O
"""
BLOCKED_BID = """
Greece PROPN NNP nsubj 1 Greece B-GPE
blocked VERB VBD ROOT 1 block O
Turkey_ PROPN NNP poss 4 Turkey B-GPE
's PART POS case 2 's O
bid NOUN NN dobj 1 bid O
to PART TO aux 6 to O
join VERB VB acl 4 join O
the DET DT det 8 the O
bloc_ NOUN NN dobj 6 bloc O
._ PUNCT . punct 1 . O
"""
SET_FREE = """
Venezuela PROPN NNP nsubj 1 Venezuela B-GPE
set VERB VBD ROOT 1 set O
free ADJ JJ amod 5 free O
two NUM CD nummod 5 two B-CARDINAL
Colombian ADJ JJ amod 5 colombian B-NORP
soldiers_ NOUN NNS dobj 1 soldier O
._ PUNCT . punct 1 . O
"""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (SHIFTED_PARTICLE, {("state/PER", "reject", "state/BOL")}),  # "turned X down", particle parsed on X
        (SOUGHT_SUPPORT, {("state/TUN", "request", "state/EGY")}),  # asking for support is no support
        (RELATIVE_EMBARGO, {("group/european-union", "sanction", "state/BLR")}),  # the embargo it imposed on X
        (EXPRESSED_CONCERN, set()),  # "express" alone is a verb of saying: no accusation
        (BLOCKED_BID, {("state/GRC", "reject", "state/TUR")}),  # blocking X's bid refuses X
        (SET_FREE, {("state/VEN", "retreat", "state/COL")}),  # a release (RETREAT)
    ],
)  # fmt: skip
def test_relations_lexicon_readings(table, expected):
    assert rels(run(table)) == expected


# ---------------------------------------------------------------------------------------------- more readings

COALITION_ACCUSED_OF = """
The DET DT det 4 the O
Saudi_ PROPN NNP npadvmod 3 Saudi B-NORP
-_ PUNCT HYPH punct 3 - O
led VERB VBN amod 4 lead O
coalition NOUN NN nsubj 5 coalition O
struck VERB VBD ROOT 5 strike O
Sanaa_ PROPN NNP dobj 5 Sanaa B-GPE
. PUNCT . punct 5 . O
Iran PROPN NNP nsubj 9 Iran B-GPE
accused VERB VBD ROOT 9 accuse O
the DET DT det 11 the O
coalition NOUN NN dobj 9 coalition O
of ADP IN prep 11 of O
bombing VERB VBG pcomp 12 bomb O
schools_ NOUN NNS dobj 13 school O
._ PUNCT . punct 9 . O
"""
VISA_RESTRICTIONS = """
Canada PROPN NNP nsubj 1 Canada B-GPE
imposed VERB VBD ROOT 1 impose O
visa NOUN NN compound 3 visa O
restrictions NOUN NNS dobj 1 restriction O
on ADP IN prep 3 on O
Iranian ADJ JJ amod 6 iranian B-NORP
officials_ NOUN NNS pobj 4 official O
._ PUNCT . punct 1 . O
"""
MUST_REACH_AGREEMENT = """
Norway PROPN NNP nsubj 1 Norway B-GPE
said VERB VBD ROOT 1 say O
that SCONJ IN mark 7 that O
Sudan PROPN NNP nsubj 7 Sudan B-GPE
and CCONJ CC cc 3 and O
Chad PROPN NNP conj 3 Chad B-GPE
must AUX MD aux 7 must O
reach VERB VB ccomp 1 reach O
an DET DT det 9 an O
agreement_ NOUN NN dobj 7 agreement O
._ PUNCT . punct 1 . O
"""


def test_military_coalition_accused_of_gerund():
    # "the coalition of bombing ...": the "of" is the accusation's complement, not a description of the coalition
    assert any(r == "accuse" and s == "state/IRN" and "coalition" in o for s, r, o in rels(run(COALITION_ACCUSED_OF)))


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (VISA_RESTRICTIONS, {("state/CAN", "sanction", "state/IRN")}),  # visa restrictions on a state's officials
        # a demand that two sides reach an agreement: no agreement between them yet
        (MUST_REACH_AGREEMENT, {("state/NOR", "request", "state/SDN"), ("state/NOR", "request", "state/TCD")}),
    ],
)
def test_relations_demanded_and_sanctioned(table, expected):
    assert rels(run(table)) == expected


# ---------------------------------------------------------------------------------------------- document authors

REPORT_BY = """
A DET DT det 1 a O
report NOUN NN nsubj 6 report O
by ADP IN prep 1 by O
Human PROPN NNP compound 4 Human B-ORG
Rights PROPN NNPS compound 5 Rights I-ORG
Watch PROPN NNP pobj 2 Watch I-ORG
accused VERB VBD ROOT 6 accuse O
Ethiopia PROPN NNP dobj 6 Ethiopia B-GPE
of ADP IN prep 6 of O
blocking VERB VBG pcomp 8 block O
aid_ NOUN NN dobj 9 aid O
._ PUNCT . punct 6 . O
"""
STATEMENT_ISSUED_BY = """
A DET DT det 1 a O
statement NOUN NN nsubj 7 statement O
issued VERB VBN acl 1 issue O
by ADP IN agent 2 by O
the DET DT det 6 the B-ORG
African PROPN NNP compound 6 African I-ORG
Union PROPN NNP pobj 3 Union I-ORG
criticised VERB VBD ROOT 7 criticise O
Mali_ PROPN NNP dobj 7 Mali B-GPE
._ PUNCT . punct 7 . O
"""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (REPORT_BY, ("group/human-rights-watch", "accuse", "state/ETH", "document-author")),
        (STATEMENT_ISSUED_BY, ("group/african-union", "accuse", "state/MLI", "document-author")),
    ],
)
def test_relations_document_speaks_for_its_author(table, expected):
    assert expected in {(t.subject, t.relation, t.object, t.rule) for t in run(table).triples}
