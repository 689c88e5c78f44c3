"""Argument linking by construction (kg/extract/relations.py): each construction a table of sentences.

Sentences written for these tests; each Doc is built by hand from the token table the trained model gives
for it (``scripts/doc_table.py``; word pos tag dep head lemma ent, "_" after a word = no space follows), so
the rules are tested on the parse they meet without loading the model. Each expectation names the rule
(registered in ``kg/extract/registry.py``) that must make the statement.
"""

from __future__ import annotations

import pytest

from kg.extract.registry import RULES
from tests.test_extract_rules import run


def statements(table: str) -> set[tuple[str, str, str, str]]:
    """The event statements of a table (structural ones, such as an organ's partOf, are other rules')."""
    return {(t.subject, t.relation, t.object, t.rule) for t in run(table).triples if RULES[t.rule].kind == "event"}


OFFENSIVE_AGAINST = """
Nigeria PROPN NNP nsubj 1 Nigeria O
launched VERB VBD ROOT 1 launch O
an DET DT det 3 an O
offensive NOUN NN dobj 1 offensive O
against ADP IN prep 3 against O
Boko PROPN NNP compound 6 Boko B-PERSON
Haram_ PROPN NNP pobj 4 Haram I-PERSON
._ PUNCT . punct 1 . O
"""
STRIKES_ON_POSITIONS = """
Israel PROPN NNP nsubj 1 Israel B-GPE
carried VERB VBD ROOT 1 carry O
out ADP RP prt 1 out O
strikes NOUN NNS dobj 1 strike O
on ADP IN prep 3 on O
Hezbollah PROPN NNP compound 6 Hezbollah B-ORG
positions NOUN NNS pobj 4 position O
in ADP IN prep 6 in O
Lebanon_ PROPN NNP pobj 7 Lebanon B-GPE
._ PUNCT . punct 1 . O
"""
SUPPORT_FROM = """
Mali PROPN NNP nsubj 1 Mali B-PERSON
requested VERB VBD ROOT 1 request O
support NOUN NN dobj 1 support O
from ADP IN prep 2 from O
Algeria_ PROPN NNP pobj 3 Algeria B-GPE
._ PUNCT . punct 1 . O
"""
OPPOSED_TO = """
Peru PROPN NNP nsubj 1 Peru B-GPE
is AUX VBZ auxpass 2 be O
opposed VERB VBN ROOT 2 oppose O
to ADP IN prep 2 to O
Chile_ PROPN NNP poss 6 Chile B-GPE
's PART POS case 4 's O
plan_ NOUN NN pobj 3 plan O
._ PUNCT . punct 2 . O
"""
HOSTILE_TO = """
Bolivia PROPN NNP nsubj 1 Bolivia B-GPE
is AUX VBZ ROOT 1 be O
hostile ADJ JJ acomp 1 hostile O
to ADP IN prep 2 to O
Paraguay_ PROPN NNP pobj 3 Paraguay B-ORG
._ PUNCT . punct 1 . O
"""
CRITICAL_OF = """
Uruguay PROPN NNP nsubj 1 Uruguay O
was AUX VBD ROOT 1 be O
critical ADJ JJ acomp 1 critical O
of ADP IN prep 2 of O
Brazil_ PROPN NNP pobj 3 Brazil B-GPE
._ PUNCT . punct 1 . O
"""
NOT_CRITICAL_OF = """
Uruguay PROPN NNP nsubj 1 Uruguay O
was AUX VBD ROOT 1 be O
not PART RB neg 1 not O
critical ADJ JJ acomp 1 critical O
of ADP IN prep 3 of O
Brazil_ PROPN NNP pobj 4 Brazil B-GPE
._ PUNCT . punct 1 . O
"""
STRIKES_CARRIED_OUT_BY = """
Strikes NOUN NNS nsubj 8 strike O
carried VERB VBN acl 0 carry O
out ADP RP prt 1 out O
by ADP IN agent 1 by O
Russia PROPN NNP pobj 3 Russia B-GPE
against ADP IN prep 1 against O
Ukrainian ADJ JJ amod 7 ukrainian B-GPE
cities NOUN NNS pobj 5 city O
killed VERB VBD ROOT 8 kill O
ten_ NUM CD dobj 8 ten B-CARDINAL
._ PUNCT . punct 8 . O
"""
ATTACKS_BY = """
Attacks NOUN NNS nsubj 5 attack O
by ADP IN prep 0 by O
Hamas PROPN NNP pobj 1 Hamas B-ORG
on ADP IN prep 0 on O
Israel PROPN NNP pobj 3 Israel B-GPE
continued_ VERB VBD ROOT 5 continue O
._ PUNCT . punct 5 . O
"""
MEDIATED_BY = """
Talks NOUN NNS nsubj 8 talk O
mediated VERB VBN acl 0 mediate O
by ADP IN agent 1 by O
Norway PROPN NNP pobj 2 Norway B-GPE
between ADP IN prep 1 between O
Colombia PROPN NNP pobj 4 Colombia B-GPE
and CCONJ CC cc 5 and O
Venezuela PROPN NNP conj 5 Venezuela B-GPE
resumed VERB VBD ROOT 8 resume O
on ADP IN prep 8 on O
Monday_ PROPN NNP pobj 9 Monday B-DATE
._ PUNCT . punct 8 . O
"""
HYPHEN_MEDIATED = """
A DET DT det 4 a O
Turkish_ ADJ JJ npadvmod 3 turkish B-NORP
-_ PUNCT HYPH punct 3 - O
mediated VERB VBN amod 4 mediate O
truce NOUN NN nsubj 9 truce O
between ADP IN prep 4 between O
Russia PROPN NNP pobj 5 Russia B-GPE
and CCONJ CC cc 6 and O
Ukraine PROPN NNP conj 6 Ukraine B-GPE
collapsed_ VERB VBD ROOT 9 collapse O
._ PUNCT . punct 9 . O
"""
BROKERED_BETWEEN = """
Egypt PROPN NNP nsubj 1 Egypt B-GPE
brokered VERB VBD ROOT 1 broker O
a DET DT det 3 a O
truce NOUN NN dobj 1 truce O
between ADP IN prep 3 between O
Israel PROPN NNP pobj 4 Israel B-GPE
and CCONJ CC cc 5 and O
Hamas_ PROPN NNP conj 5 Hamas B-ORG
._ PUNCT . punct 1 . O
"""
HOSTED_DINNER = """
Qatar PROPN NNP nsubj 1 Qatar B-GPE
hosted VERB VBD ROOT 1 host O
a DET DT det 3 a O
dinner NOUN NN dobj 1 dinner O
for ADP IN prep 3 for O
the DET DT det 6 the O
ministers_ NOUN NNS pobj 4 minister O
._ PUNCT . punct 1 . O
"""
CONDEMNED_AND_SANCTIONED = """
Kenya PROPN NNP nsubj 1 Kenya B-GPE
condemned VERB VBD ROOT 1 condemn O
and CCONJ CC cc 1 and O
sanctioned VERB VBN conj 1 sanction O
Uganda_ PROPN NNP dobj 3 Uganda B-GPE
._ PUNCT . punct 1 . O
"""
OWN_SUBJECTS = """
Russia PROPN NNP nsubj 1 Russia B-GPE
condemned VERB VBN ROOT 1 condemn O
and CCONJ CC cc 1 and O
Ukraine PROPN NNP conj 1 Ukraine B-GPE
welcomed VERB VBD conj 1 welcome O
the DET DT det 6 the O
vote_ NOUN NN dobj 4 vote O
._ PUNCT . punct 4 . O
"""
AGREED_EACH_OTHER = """
Peru PROPN NNP nsubj 3 Peru B-GPE
and CCONJ CC cc 0 and O
Chile PROPN NNP conj 0 Chile B-GPE
agreed VERB VBD ROOT 3 agree O
on ADP IN prep 3 on O
a DET DT det 7 a O
new ADJ JJ amod 7 new O
border_ NOUN NN pobj 4 border O
._ PUNCT . punct 3 . O
"""
MET_IN_GENEVA = """
India PROPN NNP nsubj 3 India B-GPE
and CCONJ CC cc 0 and O
China PROPN NNP conj 0 China B-GPE
met VERB VBD ROOT 3 meet O
in ADP IN prep 3 in O
Geneva_ PROPN NNP pobj 4 Geneva B-GPE
._ PUNCT . punct 3 . O
"""
TROOPS_CLASHED = """
Ethiopian ADJ JJ amod 3 ethiopian B-NORP
and CCONJ CC cc 0 and O
Eritrean ADJ JJ conj 0 eritrean B-NORP
troops NOUN NNS nsubj 4 troop O
clashed VERB VBD ROOT 4 clash O
near ADP IN prep 4 near O
the DET DT det 7 the O
border_ NOUN NN pobj 5 border O
._ PUNCT . punct 4 . O
"""
CRITICIZED_TOGETHER = """
Peru PROPN NNP nsubj 3 Peru B-GPE
and CCONJ CC cc 0 and O
Chile PROPN NNP conj 0 Chile B-GPE
criticized VERB VBD ROOT 3 criticize O
the DET DT det 5 the O
plan_ NOUN NN dobj 3 plan O
._ PUNCT . punct 3 . O
"""
BAN_ON_EXPORTS = """
Ghana PROPN NNP nsubj 1 Ghana B-GPE
imposed VERB VBD ROOT 1 impose O
a DET DT det 3 a O
ban NOUN NN dobj 1 ban O
on ADP IN prep 3 on O
Togo_ PROPN NNP poss 7 Togo B-PERSON
's PART POS case 5 's O
exports_ NOUN NNS pobj 4 export O
._ PUNCT . punct 1 . O
"""
PROTEST_OUTSIDE_EMBASSY = """
Ukrainian ADJ JJ amod 1 ukrainian B-NORP
students NOUN NNS nsubj 2 student O
staged VERB VBD ROOT 2 stag O
a DET DT det 4 a O
protest NOUN NN dobj 2 protest O
outside ADP IN prep 2 outside O
Russia_ PROPN NNP poss 8 Russia B-GPE
's PART POS case 6 's O
embassy_ NOUN NN pobj 5 embassy O
._ PUNCT . punct 2 . O
"""
TOLD_MUST = """
Russia PROPN NNP nsubj 1 Russia B-GPE
told VERB VBD ROOT 1 tell O
Ukraine PROPN NNP dobj 1 Ukraine B-GPE
it PRON PRP nsubj 5 it O
must AUX MD aux 5 must O
withdraw VERB VB ccomp 1 withdraw O
its PRON PRP$ poss 7 its O
troops_ NOUN NNS dobj 5 troop O
._ PUNCT . punct 1 . O
"""
WARNED_THAT = """
Iran PROPN NNP nsubj 1 Iran B-GPE
warned VERB VBD ROOT 1 warn O
Israel PROPN NNP dobj 1 Israel B-GPE
that SCONJ IN mark 7 that O
its PRON PRP$ poss 5 its O
forces NOUN NNS nsubj 7 force O
would AUX MD aux 7 would O
respond_ VERB VB ccomp 1 respond O
._ PUNCT . punct 1 . O
"""
TOLD_WOULD = """
Iran PROPN NNP nsubj 1 Iran B-GPE
told VERB VBD ROOT 1 tell O
Iraq PROPN NNP dobj 1 Iraq B-GPE
that SCONJ IN mark 6 that O
it PRON PRP nsubj 6 it O
would AUX MD aux 6 would O
retaliate_ VERB VB ccomp 1 retaliate O
._ PUNCT . punct 1 . O
"""
INSISTED_MUST = """
Ghana PROPN NNP nsubj 1 Ghana B-GPE
insisted VERB VBD ROOT 1 insist O
that SCONJ IN mark 5 that O
Nigeria PROPN NNP nsubj 5 Nigeria B-GPE
must AUX MD aux 5 must O
reopen VERB VB ccomp 1 reopen O
the DET DT det 7 the O
border_ NOUN NN dobj 5 border O
._ PUNCT . punct 1 . O
"""
INSTRUCTED_TO = """
Brazil PROPN NNP nsubj 1 Brazil B-GPE
instructed VERB VBD ROOT 1 instruct O
Paraguay PROPN NNP dobj 1 Paraguay B-ORG
to PART TO aux 4 to O
hand VERB VB xcomp 1 hand O
over ADP RP prt 4 over O
the DET DT det 7 the O
documents_ NOUN NNS dobj 4 document O
._ PUNCT . punct 1 . O
"""
DETAINED_IN = """
Two NUM CD nummod 2 two B-CARDINAL
Swedish ADJ JJ amod 2 swedish B-NORP
reporters NOUN NNS nsubjpass 4 reporter O
were AUX VBD auxpass 4 be O
detained VERB VBN ROOT 4 detain O
in ADP IN prep 4 in O
Eritrea_ PROPN NNP pobj 5 Eritrea B-GPE
._ PUNCT . punct 4 . O
"""
UNDER_ARREST_IN = """
Two NUM CD nummod 2 two B-CARDINAL
Swedish ADJ JJ amod 2 swedish B-NORP
reporters NOUN NNS nsubjpass 4 reporter O
were AUX VBD auxpass 4 be O
put VERB VBN ROOT 4 put O
under ADP IN prep 4 under O
arrest NOUN NN pobj 5 arrest O
in ADP IN prep 4 in O
Eritrea_ PROPN NNP pobj 7 Eritrea B-GPE
._ PUNCT . punct 4 . O
"""
PREPARING_TO_ATTACK = """
Chadian ADJ JJ amod 1 chadian B-NORP
troops NOUN NNS nsubj 3 troop O
were AUX VBD aux 3 be O
preparing VERB VBG ROOT 3 prepare O
to PART TO aux 5 to O
attack VERB VB xcomp 3 attack O
Sudanese ADJ JJ amod 7 sudanese B-NORP
positions_ NOUN NNS dobj 5 position O
._ PUNCT . punct 3 . O
"""
PREPARED_TO_ATTACK = """
Chad PROPN NNP nsubj 1 Chad B-PERSON
said VERB VBD ROOT 1 say O
it PRON PRP nsubj 3 it O
was AUX VBD ccomp 1 be O
prepared ADJ JJ acomp 3 prepared O
to PART TO aux 6 to O
attack VERB VB xcomp 4 attack O
Sudan_ PROPN NNP dobj 6 Sudan B-GPE
._ PUNCT . punct 1 . O
"""
AGREED_TO_ACT = """
Peru PROPN NNP nsubj 3 Peru B-GPE
and CCONJ CC cc 0 and O
Chile PROPN NNP conj 0 Chile B-GPE
agreed VERB VBD ROOT 3 agree O
to PART TO aux 5 to O
reopen VERB VB xcomp 3 reopen O
their PRON PRP$ poss 7 their O
border_ NOUN NN dobj 5 border O
._ PUNCT . punct 3 . O
"""
HELD_TALKS_WITH = """
Turkish ADJ JJ amod 1 turkish B-NORP
diplomats NOUN NNS nsubj 2 diplomat O
held VERB VBD ROOT 2 hold O
talks NOUN NNS dobj 2 talk O
with ADP IN prep 3 with O
Iran_ PROPN NNP pobj 4 Iran B-GPE
._ PUNCT . punct 2 . O
"""
HELD_TALKS_TOGETHER = """
Syria PROPN NNP nsubj 3 Syria B-GPE
and CCONJ CC cc 0 and O
Iraq PROPN NNP conj 0 Iraq B-GPE
held VERB VBD ROOT 3 hold O
talks NOUN NNS dobj 3 talk O
in ADP IN prep 4 in O
Baghdad_ PROPN NNP pobj 5 Baghdad B-GPE
._ PUNCT . punct 3 . O
"""


CASES = {
    # a target in a prepositional phrase on the object noun
    "object-prep": [
        (OFFENSIVE_AGAINST, {("state/NGA", "assault", "group/boko-haram")}),
        (STRIKES_ON_POSITIONS, {("state/ISR", "assault", "group/hezbollah")}),
        (SUPPORT_FROM, {("state/MLI", "request", "state/DZA")}),
        (HELD_TALKS_WITH, {("state/TUR", "consult", "state/IRN")}),
        (BAN_ON_EXPORTS, {("state/GHA", "coerce", "state/TGO")}),  # "impose ban" is a verb–object pattern
    ],
    # an adjective of attitude, or an adjectival passive, with its complement
    "predicate-adjective": [
        (OPPOSED_TO, {("state/PER", "reject", "state/CHL")}),
        (HOSTILE_TO, {("state/BOL", "accuse", "state/PRY")}),
        (CRITICAL_OF, {("state/URY", "accuse", "state/BRA")}),
        (NOT_CRITICAL_OF, set()),  # negated: rejected, not asserted
    ],
    # the by-phrase of an event noun, or the agent of a participle on it
    "by-phrase": [
        (STRIKES_CARRIED_OUT_BY, {("state/RUS", "assault", "state/UKR")}),
        (ATTACKS_BY, {("group/hamas", "assault", "state/ISR")}),
    ],
    # the mediator or host consults each side named by "between"
    "mediation": [
        (MEDIATED_BY, {("state/NOR", "consult", "state/COL"), ("state/NOR", "consult", "state/VEN")}),
        (HYPHEN_MEDIATED, {("state/TUR", "consult", "state/RUS"), ("state/TUR", "consult", "state/UKR")}),
        (BROKERED_BETWEEN, {("state/EGY", "consult", "state/ISR"), ("state/EGY", "consult", "group/hamas")}),
        (HOSTED_DINNER, set()),  # nothing negotiated, no sides
    ],
    # a verb without an object shares the object of a later conjoined verb without its own subject
    "conjoined-verb": [
        (CONDEMNED_AND_SANCTIONED, {("state/KEN", "accuse", "state/UGA"), ("state/KEN", "sanction", "state/UGA")}),
        (OWN_SUBJECTS, set()),
    ],
    # an event noun after a light verb takes the verb's subject
    "light-verb": [
        (PROTEST_OUTSIDE_EMBASSY, {("group/UKR-student", "protest", "state/RUS")}),  # the premises' owner
    ],
    # the addressee of a reported threat or demand; else the reported clause's subject
    "reported-speech": [
        (TOLD_MUST, {("state/RUS", "request", "state/UKR")}),
        (WARNED_THAT, {("state/IRN", "threaten", "state/ISR")}),
        (TOLD_WOULD, {("state/IRN", "threaten", "state/IRQ")}),
    ],
    # a verb of demanding with a "that" clause: its subject is the target
    "clausal": [
        (INSISTED_MUST, {("state/GHA", "request", "state/NGA")}),  # "insist" demands (CAMEO 100)
    ],
    # object control of a directive verb is a demand
    "directive": [
        (INSTRUCTED_TO, {("state/BRA", "request", "state/PRY")}),
    ],
    # an agentless act of authority belongs to the state where it happens
    "authority-located": [
        (DETAINED_IN, {("state/ERI", "coerce", "state/SWE")}),
        (UNDER_ARREST_IN, {("state/ERI", "coerce", "state/SWE")}),
    ],
}


@pytest.mark.parametrize(
    "rule, table, expected",
    [(rule, table, expected) for rule, cases in CASES.items() for table, expected in cases],
    ids=[f"{rule}-{i}" for rule, cases in CASES.items() for i in range(len(cases))],
)
def test_linking_construction(rule, table, expected):
    assert rule in RULES
    assert statements(table) == {(s, r, o, rule) for s, r, o in expected}


@pytest.mark.parametrize(
    "table, pairs",
    [
        (AGREED_EACH_OTHER, {("state/PER", "agree", "state/CHL")}),
        (MET_IN_GENEVA, {("state/IND", "consult", "state/CHN")}),  # the city is where they met
        (TROOPS_CLASHED, {("body/ETH-military", "assault", "body/ERI-military")}),  # two-sided violence
        (HELD_TALKS_TOGETHER, {("state/SYR", "consult", "state/IRQ")}),
        (CRITICIZED_TOGETHER, set()),  # criticism is no reciprocal event
        (AGREED_TO_ACT, set()),  # what was agreed may be aimed at a third party: no pairing
    ],
    ids=["agreed", "met-in", "clashed", "held-talks", "criticized", "agreed-to-act"],
)
def test_linking_reciprocal_event_is_each_sides(table, pairs):
    """A reciprocal event has all its parties as actors (PLOVER, "Compound and Reciprocal Actors"): each
    party's event with each other party, in both directions, and no venue as a party."""
    found = {(t.subject, t.relation, t.object) for t in run(table).triples if t.rule == "reciprocal"}
    assert found == pairs | {(b, r, a) for a, r, b in pairs}


def test_linking_negated_adjective_is_rejected():
    r = run(NOT_CRITICAL_OF)
    assert [(x.subject, x.relation, x.object) for x in r.rejected] == [("state/URY", "accuse", "state/BRA")]


@pytest.mark.parametrize(
    "table, relation",
    [
        # force being readied for an attack is MOBILIZE; a stated readiness is a THREAT
        (PREPARING_TO_ATTACK, ("body/TCD-military", "mobilize", "state/SDN")),  # Chadian troops: the armed forces
        (PREPARED_TO_ATTACK, ("state/TCD", "threaten", "state/SDN")),
    ],
    ids=["preparing", "prepared"],
)
def test_linking_readiness(table, relation):
    assert {(s, r, o) for s, r, o, _ in statements(table)} == {relation}
