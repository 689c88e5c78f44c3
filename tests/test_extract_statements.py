"""Events named around a noun phrase in statements and reports (kg/extract/statements.py; the join light verb
in kg/extract/relations.py), on hand-built Docs (no model).

Every sentence was written for these tests; the token tables are what ``scripts/doc_table.py`` printed
for them (word pos tag dep head lemma ent; "_" after a word = no space follows).
"""

from __future__ import annotations

import pytest
from test_extract_rules import run  # token tables → Docs → extract_doc (source "t", dated 2018-03-12)

from kg.extract.registry import RULES

TALKS_BETWEEN = """
Talks NOUN NNS nsubj 5 talk O
between ADP IN prep 0 between O
Armenia PROPN NNP pobj 1 Armenia B-GPE
and CCONJ CC cc 2 and O
Azerbaijan PROPN NNP conj 2 Azerbaijan B-GPE
resumed VERB VBD ROOT 5 resume O
in ADP IN prep 5 in O
Moscow_ PROPN NNP pobj 6 Moscow B-GPE
._ PUNCT . punct 5 . O
"""
UNDER_FIRE = """
Kenyan ADJ JJ amod 1 kenyan B-NORP
troops NOUN NNS nsubj 2 troop O
came VERB VBD ROOT 2 come O
under ADP IN prep 2 under O
fire NOUN NN pobj 3 fire O
from ADP IN prep 2 from O
al_ PROPN NNP compound 9 al B-ORG
-_ PROPN NNP compound 9 - I-ORG
Shabaab PROPN NNP amod 9 Shabaab I-ORG
fighters NOUN NNS pobj 5 fighter O
near ADP IN prep 9 near O
the DET DT det 12 the O
border_ NOUN NN pobj 10 border O
._ PUNCT . punct 2 . O
"""
RECEIVED_FIRE = """
Iraqi ADJ JJ amod 1 iraqi B-NORP
forces NOUN NNS nsubj 2 force O
received VERB VBD ROOT 2 receive O
heavy ADJ JJ amod 4 heavy O
fire NOUN NN dobj 2 fire O
from ADP IN prep 2 from O
ISIL PROPN NNP compound 7 ISIL B-NORP
fighters NOUN NNS pobj 5 fighter O
in ADP IN prep 2 in O
the DET DT det 11 the O
old ADJ JJ amod 11 old O
city_ NOUN NN pobj 8 city O
._ PUNCT . punct 2 . O
"""
WITH_THE_HELP_OF = """
He PRON PRP nsubjpass 2 he O
was AUX VBD auxpass 2 be O
arrested VERB VBN ROOT 2 arrest O
by ADP IN agent 2 by O
Kenyan ADJ JJ amod 5 kenyan B-NORP
police NOUN NNS pobj 3 police O
with ADP IN prep 2 with O
the DET DT det 8 the O
help NOUN NN pobj 6 help O
of ADP IN prep 8 of O
Ugandan PROPN NNP compound 12 Ugandan B-GPE
intelligence NOUN NN compound 12 intelligence O
officers_ NOUN NNS pobj 9 officer O
._ PUNCT . punct 2 . O
"""
AT_THE_REQUEST_OF = """
At ADP IN prep 9 at O
the DET DT det 2 the O
request NOUN NN pobj 0 request O
of ADP IN prep 2 of O
the DET DT det 6 the O
Malian ADJ JJ amod 6 malian B-NORP
government_ NOUN NN pobj 3 government O
, PUNCT , punct 9 , O
France PROPN NNP nsubj 9 France B-GPE
deployed VERB VBD ROOT 9 deploy O
troops NOUN NNS dobj 9 troop O
to ADP IN prep 9 to O
Mali_ PROPN NNP pobj 11 Mali B-PERSON
._ PUNCT . punct 9 . O
"""
PRESSED_FOR = """
Canada PROPN NNP nsubj 1 Canada B-GPE
pressed VERB VBD ROOT 1 press O
for SCONJ IN mark 5 for O
Iran PROPN NNP nsubj 5 Iran B-GPE
to PART TO aux 5 to O
free VERB VB advcl 1 free O
the DET DT det 7 the O
sailors_ NOUN NNS dobj 5 sailor O
._ PUNCT . punct 1 . O
"""
CALLS_FOR = """
The DET DT det 1 the O
EU PROPN NNP nsubj 2 EU B-ORG
calls VERB VBZ ROOT 2 call O
for SCONJ IN mark 6 for O
Russia PROPN NNP nsubj 6 Russia B-GPE
to PART TO aux 6 to O
withdraw VERB VB advcl 2 withdraw O
its PRON PRP$ poss 8 its O
troops NOUN NNS dobj 6 troop O
from ADP IN prep 6 from O
Georgia_ PROPN NNP pobj 9 Georgia B-GPE
._ PUNCT . punct 2 . O
"""
JOINED_THE_FIGHT = """
Niger PROPN NNP nsubj 1 Niger B-ORG
joined VERB VBD ROOT 1 join O
the DET DT det 3 the O
fight NOUN NN dobj 1 fight O
against ADP IN prep 3 against O
Boko PROPN NNP compound 6 Boko B-PERSON
Haram PROPN NNP pobj 4 Haram I-PERSON
in ADP IN prep 1 in O
2015_ NUM CD pobj 7 2015 B-DATE
._ PUNCT . punct 1 . O
"""
AGREEMENT_REACHED_BETWEEN = """
Britain PROPN NNP nsubj 1 Britain B-GPE
welcomed VERB VBD ROOT 1 welcome O
the DET DT det 3 the O
agreement NOUN NN dobj 1 agreement O
reached VERB VBN acl 3 reach O
between ADP IN prep 4 between O
Sudan PROPN NNP pobj 5 Sudan B-GPE
and CCONJ CC cc 6 and O
South PROPN NNP compound 9 South B-GPE
Sudan_ PROPN NNP conj 6 Sudan I-GPE
._ PUNCT . punct 1 . O
"""

# a mediator fused to its participle in one token: the mediator's event, not also a truce of the sides
FUSED_BROKERED_TRUCE = """
A DET DT det 2 a O
U.S.-brokered ADJ JJ amod 2 u.s.-brokered O
truce NOUN NN nsubj 7 truce O
between ADP IN prep 2 between O
Georgia PROPN NNP pobj 3 Georgia B-GPE
and CCONJ CC cc 4 and O
Russia PROPN NNP conj 4 Russia B-GPE
took VERB VBD ROOT 7 take O
effect NOUN NN dobj 7 effect O
on ADP IN prep 7 on O
Friday_ PROPN NNP pobj 9 Friday B-DATE
._ PUNCT . punct 7 . O
"""


def statements(table: str) -> set[tuple[str, str, str, str]]:
    return {(t.subject, t.relation, t.object, t.rule) for t in run(table).triples if t.rule != "state-organ"}


@pytest.mark.parametrize(
    "table, expected",
    [
        # an event noun with its sides after "between": each side toward the other
        (TALKS_BETWEEN, {("state/ARM", "consult", "state/AZE", "between-parties"),
                         ("state/AZE", "consult", "state/ARM", "between-parties")}),
        (AGREEMENT_REACHED_BETWEEN, {("state/SDN", "agree", "state/SSD", "between-parties"),
                                     ("state/SSD", "agree", "state/SDN", "between-parties")}),
        # coming under fire from Y, receiving fire from Y: Y assaults the subject (and no one "receives" Y)
        (UNDER_FIRE, {("group/al-shabaab", "assault", "body/KEN-military", "under-fire")}),
        (RECEIVED_FIRE, {("group/islamic-state", "assault", "body/IRQ-military", "under-fire")}),
        # a helper is no target of the act it helps
        (WITH_THE_HELP_OF, {("body/UGA-intelligence", "aid", "body/KEN-police", "help-of")}),
        (AT_THE_REQUEST_OF, {("body/MLI-government", "request", "state/FRA", "at-request"),
                             ("state/FRA", "mobilize", "state/MLI", "active-phrase")}),
        # the one a "for" clause names is asked; the asked act is not done
        (PRESSED_FOR, {("state/CAN", "request", "state/IRN", "for-clause")}),
        (CALLS_FOR, {("group/european-union", "request", "state/RUS", "for-clause")}),
        # joining a fight is fighting
        (JOINED_THE_FIGHT, {("state/NER", "assault", "group/boko-haram", "light-verb")}),
        # a brokered truce between two sides is the broker's (rule mediation), also written as one token
        (FUSED_BROKERED_TRUCE, {("state/USA", "consult", "state/GEO", "mediation"),
                                ("state/USA", "consult", "state/RUS", "mediation")}),
    ],
    ids=["talks-between", "agreement-between", "under-fire", "received-fire", "help-of", "at-request",
         "pressed-for", "calls-for", "joined-fight", "fused-mediator"],
)
def test_statements_construction(table, expected):
    assert {rule for *_, rule in expected} <= set(RULES)
    assert statements(table) == expected


# conjoined subjects of a meeting: a topic's modifier or the venue is no party; the sides met each other
DISCUSSED_TOPIC = """
Ghana PROPN NNP nsubj 3 Ghana B-GPE
and CCONJ CC cc 0 and O
Togo PROPN NNP conj 0 Togo B-NORP
discussed VERB VBD ROOT 3 discuss O
Iranian ADJ JJ amod 5 iranian B-NORP
trade_ NOUN NN dobj 3 trade O
._ PUNCT . punct 3 . O
"""
MET_IN_A_CAPITAL = """
Ghana PROPN NNP nsubj 3 Ghana B-GPE
and CCONJ CC cc 0 and O
Togo PROPN NNP conj 0 Togo B-NORP
met VERB VBD ROOT 3 meet O
in ADP IN prep 3 in O
Abuja_ PROPN NNP pobj 4 Abuja B-GPE
._ PUNCT . punct 3 . O
"""


@pytest.mark.parametrize("table", [DISCUSSED_TOPIC, MET_IN_A_CAPITAL], ids=["topic", "venue"])
def test_statements_reciprocal_sides_not_topic_or_venue(table):
    assert statements(table) == {("state/GHA", "consult", "state/TGO", "reciprocal"),
                                 ("state/TGO", "consult", "state/GHA", "reciprocal")}
