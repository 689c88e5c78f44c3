"""Extraction rules on hand-built Docs (no trained model): mentions, officials, relations, modality.

Each case is a sentence written for these tests, given as a token table (word pos tag dep head lemma
ent; "_" after a word = no space follows), as ``scripts/doc_table.py`` prints it. Building the Doc by
hand keeps the rules' tests independent of the model's version.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract import extract_doc
from kg.types import Source

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case, shape) without a model


def make_doc(table: str) -> Doc:
    words, spaces, pos, tags, deps, heads, lemmas, ents = [], [], [], [], [], [], [], []
    for line in table.strip().splitlines():
        word, p, tag, dep, head, lemma, ent = line.split()
        space = not word.endswith("_") or word == "_"
        words.append(word[:-1] if word.endswith("_") and word != "_" else word)
        spaces.append(space)
        pos.append(p)
        tags.append(tag)
        deps.append(dep)
        heads.append(int(head))
        lemmas.append(lemma)
        ents.append(ent)
    return Doc(VOCAB, words=words, spaces=spaces, pos=pos, tags=tags, deps=deps, heads=heads, lemmas=lemmas, ents=ents)


def run(table: str, date: str | None = "2018-03-12"):
    doc = make_doc(table)
    return extract_doc(doc, Source("t", doc.text, date=date))


def rels(result) -> set[tuple[str, str, str]]:
    return {(t.subject, t.relation, t.object) for t in result.triples}


NOMINAL_ACTORS = """
Pakistani ADJ JJ amod 1 pakistani B-NORP
officials NOUN NNS nsubj 2 official O
met VERB VBD ROOT 2 meet O
Chinese ADJ JJ amod 4 chinese B-NORP
diplomats NOUN NNS dobj 2 diplomat O
in ADP IN prep 2 in O
Beijing PROPN NNP pobj 5 Beijing B-GPE
on ADP IN prep 2 on O
Monday_ PROPN NNP pobj 7 Monday B-DATE
._ PUNCT . punct 2 . O
"""
PASSIVE = """
India PROPN NNP nsubjpass 2 India B-GPE
was AUX VBD auxpass 2 be O
attacked VERB VBN ROOT 2 attack O
by ADP IN agent 2 by O
Lashkar_ PROPN NNP compound 8 Lashkar B-PERSON
-_ PUNCT HYPH punct 4 - I-PERSON
e_ PROPN NNP nummod 4 e I-PERSON
-_ PROPN NNP conj 4 - I-PERSON
Taiba_ PROPN NNP pobj 3 Taiba I-PERSON
._ PUNCT . punct 2 . O
"""
CLAUSAL = """
Washington PROPN NNP nsubj 1 Washington B-GPE
demanded VERB VBD ROOT 1 demand O
that SCONJ IN mark 4 that O
Islamabad PROPN NNP nsubj 4 Islamabad B-GPE
arrest VERB VB ccomp 1 arrest O
the DET DT det 6 the O
militants_ NOUN NNS dobj 4 militant O
._ PUNCT . punct 1 . O
"""
LIGHT_VERB_CONJ = """
Britain PROPN NNP nsubj 3 Britain B-GPE
and CCONJ CC cc 0 and O
France PROPN NNP conj 0 France B-GPE
imposed VERB VBD ROOT 3 impose O
sanctions NOUN NNS dobj 3 sanction O
on ADP IN prep 4 on O
Iran_ PROPN NNP pobj 5 Iran B-GPE
._ PUNCT . punct 3 . O
"""
NEGATED = """
Pakistan PROPN NNP nsubj 3 Pakistan B-GPE
did AUX VBD aux 3 do O
not PART RB neg 3 not O
attack VERB VB ROOT 3 attack O
India_ PROPN NNP dobj 3 India B-GPE
._ PUNCT . punct 3 . O
"""
HYPOTHETICAL = """
Russia PROPN NNP nsubj 2 Russia B-GPE
could AUX MD aux 2 could O
attack VERB VB ROOT 2 attack O
Ukraine_ PROPN NNP dobj 2 Ukraine B-GPE
._ PUNCT . punct 2 . O
"""
OFFICIAL_TITLE = """
Canadian PROPN NNP compound 1 Canadian B-NORP
Minister PROPN NNP nmod 5 Minister O
of ADP IN prep 1 of O
Defence PROPN NNP pobj 2 Defence O
Claire PROPN NNP compound 5 Claire B-PERSON
Morel PROPN NNP nsubj 6 Morel I-PERSON
visited VERB VBD ROOT 6 visit O
Nairobi_ PROPN NNP dobj 6 Nairobi B-GPE
._ PUNCT . punct 6 . O
"""
GROUP_LEADER = """
Abubakar PROPN NNP compound 1 Abubakar B-PERSON
Shekau_ PROPN NNP nsubj 9 Shekau I-PERSON
, PUNCT , punct 1 , O
the DET DT det 4 the O
leader NOUN NN appos 1 leader O
of ADP IN prep 4 of O
Boko PROPN NNP compound 7 Boko B-PERSON
Haram_ PROPN NNP pobj 5 Haram I-PERSON
, PUNCT , punct 1 , O
threatened VERB VBD ROOT 9 threaten O
Nigeria_ PROPN NNP dobj 9 Nigeria B-GPE
._ PUNCT . punct 9 . O
"""
BASED_IN = """
The DET DT det 3 the O
Pakistani ADJ JJ amod 3 pakistani B-NORP
terror NOUN NN compound 3 terror O
group NOUN NN nsubj 9 group O
Lashkar_ PROPN NNP npadvmod 9 Lashkar B-PERSON
-_ PUNCT HYPH punct 4 - I-PERSON
e_ PROPN NNP nummod 4 e I-PERSON
-_ PROPN NNP nsubj 9 - I-PERSON
Taiba PROPN NNP nsubj 9 Taiba I-PERSON
attacked VERB VBD ROOT 9 attack O
India_ PROPN NNP dobj 9 India B-GPE
._ PUNCT . punct 9 . O
"""
REPORTED_FUTURE = """
China PROPN NNP nsubj 1 China B-GPE
said VERB VBD ROOT 1 say O
it PRON PRP nsubj 4 it O
would AUX MD aux 4 would O
support VERB VB ccomp 1 support O
Pakistan_ PROPN NNP dobj 4 Pakistan B-GPE
._ PUNCT . punct 1 . O
"""
RELATIVE = """
Turkey PROPN NNP nsubj 1 Turkey B-GPE
condemned VERB VBD ROOT 1 condemn O
the DET DT det 4 the O
Haqqani PROPN NNP compound 4 Haqqani B-PERSON
network_ NOUN NN dobj 1 network O
, PUNCT , punct 4 , O
which PRON WDT nsubj 7 which O
targets VERB VBZ relcl 4 target O
Americans_ PROPN NNPS dobj 7 Americans B-NORP
._ PUNCT . punct 1 . O
"""


MEMBERSHIP = """
The DET DT det 1 the O
UAE_ PROPN NNP nsubj 10 UAE B-ORG
, PUNCT , punct 1 , O
a DET DT det 4 a O
member NOUN NN appos 1 member O
of ADP IN prep 4 of O
the DET DT det 8 the B-ORG
Arab PROPN NNP compound 8 Arab I-ORG
League_ PROPN NNP pobj 5 League I-ORG
, PUNCT , punct 1 , O
backed VERB VBD ROOT 10 back O
Egypt_ PROPN NNP dobj 10 Egypt B-GPE
._ PUNCT . punct 10 . O
"""
REPLY = """
Ghana PROPN NNP nsubj 1 Ghana B-GPE
accused VERB VBD ROOT 1 accuse O
Togo PROPN NNP dobj 1 Togo B-PERSON
of ADP IN prep 1 of O
smuggling_ NOUN NN pobj 3 smuggling O
. PUNCT . punct 1 . O
Togo PROPN NNP nsubj 7 Togo B-PERSON
dismissed VERB VBD ROOT 7 dismiss O
the DET DT det 9 the O
allegations_ NOUN NNS dobj 7 allegation O
._ PUNCT . punct 7 . O
"""
REPORTED_DEMAND = """
Peru PROPN NNP nsubj 1 Peru B-GPE
said VERB VBD ROOT 1 say O
Ecuador PROPN NNP nsubj 4 Ecuador B-GPE
should AUX MD aux 4 should O
pay VERB VB ccomp 1 pay O
for ADP IN prep 4 for O
the DET DT det 7 the O
damage_ NOUN NN pobj 5 damage O
._ PUNCT . punct 1 . O
"""
CONDITIONAL_THREAT = """
Venezuela PROPN NNP nsubj 1 Venezuela B-GPE
threatened VERB VBD ROOT 1 threaten O
to PART TO aux 3 to O
cut VERB VB xcomp 1 cut O
oil NOUN NN compound 5 oil O
exports NOUN NNS dobj 3 export O
unless SCONJ IN mark 8 unless O
Colombia PROPN NNP nsubj 8 Colombia B-GPE
recalled VERB VBD advcl 3 recall O
its PRON PRP$ poss 10 its O
ambassador_ NOUN NN dobj 8 ambassador O
._ PUNCT . punct 1 . O
"""
WILLING = """
Vietnam PROPN NNP nsubj 1 Vietnam B-GPE
declared VERB VBD ROOT 1 declare O
that SCONJ IN mark 4 that O
it PRON PRP nsubj 4 it O
was AUX VBD ccomp 1 be O
willing ADJ JJ acomp 4 willing O
to PART TO aux 7 to O
withdraw VERB VB xcomp 5 withdraw O
from ADP IN prep 7 from O
Cambodia_ PROPN NNP pobj 8 Cambodia B-GPE
._ PUNCT . punct 1 . O
"""

VISITING_MINISTER = """
In ADP IN prep 5 in O
Chile PROPN NNP compound 2 Chile B-GPE
Minister PROPN NNP compound 4 Minister O
Ana PROPN NNP compound 4 Ana B-PERSON
Ruiz PROPN NNP nsubj 5 Ruiz I-PERSON
met VERB VBD ROOT 5 meet O
Bolivian ADJ JJ amod 7 bolivian B-NORP
diplomats_ NOUN NNS dobj 5 diplomat O
._ PUNCT . punct 5 . O
"""
HEAD_IN_SEAT = """
In ADP IN prep 6 in O
Lima_ PROPN NNP pobj 0 Lima B-GPE
, PUNCT , punct 6 , O
President PROPN NNP compound 5 President O
Juan PROPN NNP compound 5 Juan B-PERSON
Soto PROPN NNP nsubj 6 Soto I-PERSON
met VERB VBD ROOT 6 meet O
Chilean PROPN NNP compound 8 Chilean B-NORP
diplomats_ NOUN NNS dobj 6 diplomat O
._ PUNCT . punct 6 . O
"""
PRONOUN_SUBJECT = """
Once ADV RB mark 3 once O
Syrian ADJ JJ amod 2 syrian B-NORP
soldiers NOUN NNS nsubj 3 soldier O
came VERB VBD advcl 11 come O
under ADP IN prep 3 under O
attack NOUN NN pobj 4 attack O
from ADP IN prep 5 from O
Turkish ADJ JJ amod 8 turkish B-NORP
units_ NOUN NNS pobj 6 unit O
, PUNCT , punct 11 , O
they PRON PRP nsubj 11 they O
asked VERB VBD ROOT 11 ask O
Russia PROPN NNP dobj 11 Russia B-GPE
for ADP IN prep 11 for O
help_ NOUN NN pobj 13 help O
._ PUNCT . punct 11 . O
"""
RANK_WITHOUT_NAME = """
The DET DT det 1 the O
convoy NOUN NN nsubj 2 convoy O
reached VERB VBD ccomp 8 reach O
the DET DT det 4 the O
port NOUN NN dobj 2 port O
on ADP IN prep 2 on O
Sunday_ PROPN NNP pobj 5 Sunday B-DATE
, PUNCT , punct 8 , O
said VERB VBD ROOT 8 say O
Pentagon PROPN NNP compound 11 Pentagon B-ORG
press NOUN NN compound 11 press O
secretary NOUN NN compound 13 secretary O
Navy PROPN NNP compound 13 Navy B-PERSON
Capt_ PROPN NNP nsubj 8 Capt I-PERSON
. PUNCT . punct 8 . O
Ann PROPN NNP compound 16 Ann B-PERSON
Walsh_ PROPN NNP ROOT 16 Walsh I-PERSON
._ PUNCT . punct 16 . O
"""

PROTEST_PURPOSE = """
Chilean ADJ JJ amod 1 chilean B-NORP
students NOUN NNS nsubj 2 student O
began VERB VBD ROOT 2 begin O
a DET DT det 5 a O
hunger NOUN NN compound 5 hunger O
strike NOUN NN dobj 2 strike O
to PART TO aux 7 to O
demand VERB VB xcomp 2 demand O
that SCONJ IN mark 10 that O
Peru PROPN NNP nsubj 10 Peru B-GPE
free VERB VB ccomp 7 free O
their PRON PRP$ poss 12 their O
classmates_ NOUN NNS dobj 10 classmate O
._ PUNCT . punct 2 . O
"""
LOCATED_SUBJECT = """
Teachers NOUN NNS nsubj 3 teacher O
across ADP IN prep 0 across O
Bolivia PROPN NNP pobj 1 Bolivia B-GPE
blocked VERB VBD ROOT 3 block O
highways NOUN NNS dobj 3 highway O
to PART TO aux 6 to O
press VERB VB advcl 3 press O
their PRON PRP$ poss 8 their O
demands NOUN NNS dobj 6 demand O
on ADP IN prep 8 on O
Peru_ PROPN NNP pobj 9 Peru B-GPE
._ PUNCT . punct 3 . O
"""
CURFEW_IN_TOWN = """
Nigerian ADJ JJ amod 1 nigerian B-NORP
police NOUN NNS nsubj 2 police O
imposed VERB VBD ROOT 2 impose O
a DET DT det 4 a O
curfew NOUN NN dobj 2 curfew O
in ADP IN prep 2 in O
Jos_ PROPN NNP pobj 5 Jos B-GPE
, PUNCT , punct 6 , O
a DET DT det 9 a O
city NOUN NN appos 6 city O
in ADP IN prep 9 in O
central ADJ JJ amod 12 central O
Nigeria_ PROPN NNP pobj 10 Nigeria B-GPE
._ PUNCT . punct 2 . O
"""
PARTITIVE_OBJECT = """
Norway PROPN NNP nsubj 1 Norway B-GPE
suspended VERB VBD ROOT 1 suspend O
part NOUN NN dobj 1 part O
of ADP IN prep 2 of O
its PRON PRP$ poss 5 its O
funding NOUN NN pobj 3 funding O
for ADP IN prep 5 for O
Nicaragua_ PROPN NNP pobj 6 Nicaragua B-GPE
._ PUNCT . punct 1 . O
"""
WITHDRAW_OBSERVERS = """
Norway PROPN NNP nsubj 1 Norway B-GPE
said VERB VBD ROOT 1 say O
it PRON PRP nsubj 4 it O
would AUX MD aux 4 would O
withdraw VERB VB ccomp 1 withdraw O
its PRON PRP$ poss 6 its O
observers NOUN NNS dobj 4 observer O
from ADP IN prep 4 from O
Sri PROPN NNP compound 9 Sri B-GPE
Lanka_ PROPN NNP pobj 7 Lanka I-GPE
._ PUNCT . punct 1 . O
"""
ALLOWED = """
Egypt PROPN NNP nsubj 1 Egypt B-GPE
allowed VERB VBD ROOT 1 allow O
Hamas PROPN NNP compound 3 Hamas B-ORG
leaders NOUN NNS nsubj 5 leader O
to PART TO aux 5 to O
enter VERB VB ccomp 1 enter O
Cairo_ PROPN NNP dobj 5 Cairo B-GPE
._ PUNCT . punct 1 . O
"""
PEACEKEEPERS = """
A DET DT det 1 a O
contingent NOUN NN nsubj 5 contingent O
of ADP IN prep 1 of O
Nepalese ADJ JJ amod 4 nepalese B-NORP
peacekeepers NOUN NNS pobj 2 peacekeeper O
arrived VERB VBD ROOT 5 arrive O
in ADP IN prep 5 in O
South PROPN NNP compound 8 South B-LOC
Sudan PROPN NNP pobj 6 Sudan I-LOC
on ADP IN prep 5 on O
Friday_ PROPN NNP pobj 9 Friday B-DATE
._ PUNCT . punct 5 . O
"""
RENEWED_DEMAND = """
Ireland PROPN NNP nsubj 1 Ireland B-GPE
repeated VERB VBD ROOT 1 repeat O
its PRON PRP$ poss 3 its O
request NOUN NN dobj 1 request O
that SCONJ IN mark 6 that O
Britain PROPN NNP nsubj 6 Britain B-GPE
reopen VERB VB acl 3 reopen O
the DET DT det 8 the O
inquiry_ NOUN NN dobj 6 inquiry O
._ PUNCT . punct 1 . O
"""
REFUGEES_IN = """
Japan PROPN NNP nsubj 1 Japan B-GPE
delivered VERB VBD ROOT 1 deliver O
medical ADJ JJ amod 3 medical O
aid NOUN NN dobj 1 aid O
to ADP IN prep 1 to O
families NOUN NNS pobj 4 family O
sheltering VERB VBG acl 5 shelter O
in ADP IN prep 6 in O
Chad_ PROPN NNP pobj 7 Chad B-GPE
._ PUNCT . punct 1 . O
"""
MET_PARTNER_IN_CITY = """
Minister PROPN NNP compound 2 Minister O
Ana PROPN NNP compound 2 Ana B-PERSON
Ruiz PROPN NNP nsubj 3 Ruiz I-PERSON
met VERB VBD ROOT 3 meet O
the DET DT det 5 the O
visitors NOUN NNS dobj 3 visitor O
on ADP IN prep 3 on O
Monday PROPN NNP pobj 6 Monday B-DATE
in ADP IN prep 3 in O
Lima_ PROPN NNP pobj 8 Lima B-GPE
._ PUNCT . punct 3 . O
"""
MET_IN_CITY = """
Minister PROPN NNP compound 2 Minister O
Ana PROPN NNP compound 2 Ana B-PERSON
Ruiz PROPN NNP nsubj 3 Ruiz I-PERSON
met VERB VBD ROOT 3 meet O
in ADP IN prep 3 in O
Lima PROPN NNP pobj 4 Lima B-GPE
on ADP IN prep 3 on O
Monday_ PROPN NNP pobj 6 Monday B-DATE
._ PUNCT . punct 3 . O
"""
URGED_CONJ = """
Egypt PROPN NNP nsubj 1 Egypt B-GPE
urged VERB VBD ROOT 1 urge O
Jordan PROPN NNP dobj 1 Jordan B-GPE
to PART TO aux 4 to O
rearm VERB VB xcomp 1 rearm O
and CCONJ CC cc 4 and O
fight VERB VB conj 4 fight O
Israel_ PROPN NNP dobj 6 Israel B-GPE
._ PUNCT . punct 1 . O
"""
THREAT_CONJ = """
Iran PROPN NNP nsubj 1 Iran B-GPE
threatened VERB VBD ROOT 1 threaten O
to PART TO aux 3 to O
attack VERB VB xcomp 1 attack O
and CCONJ CC cc 3 and O
destroy VERB VB conj 3 destroy O
Israel_ PROPN NNP dobj 5 Israel B-GPE
._ PUNCT . punct 1 . O
"""
OBJECT_RELATIVE = """
Hamas_ PROPN NNP nsubj 8 Hamas B-ORG
, PUNCT , punct 0 , O
which PRON WDT dobj 4 which O
Israel PROPN NNP nsubj 4 Israel B-GPE
attacked VERB VBD relcl 0 attack O
on ADP IN prep 4 on O
Monday_ PROPN NNP pobj 5 Monday B-DATE
, PUNCT , punct 0 , O
fired VERB VBD ROOT 8 fire O
rockets_ NOUN NNS dobj 8 rocket O
._ PUNCT . punct 8 . O
"""
REPLY_RELATIVE = """
Chile PROPN NNP nsubj 1 Chile B-GPE
accused VERB VBD ROOT 1 accuse O
Peru PROPN NNP dobj 1 Peru B-GPE
of ADP IN prep 1 of O
spying_ VERB VBG pobj 3 spy O
. PUNCT . punct 1 . O
It PRON PRP nsubj 7 it O
was AUX VBD ROOT 7 be O
an DET DT det 9 an O
allegation NOUN NN attr 7 allegation O
that SCONJ IN dobj 12 that O
Lima PROPN NNP nsubj 12 Lima B-GPE
denied_ VERB VBD relcl 9 deny O
._ PUNCT . punct 7 . O
"""
ALLOWED_INSPECTORS = """
Iran PROPN NNP nsubj 1 Iran B-GPE
allowed VERB VBD ROOT 1 allow O
IAEA PROPN NNP compound 3 IAEA B-ORG
inspectors NOUN NNS nsubj 5 inspector O
to PART TO aux 5 to O
visit VERB VB ccomp 1 visit O
the DET DT det 7 the O
site_ NOUN NN dobj 5 site O
._ PUNCT . punct 1 . O
"""
IN_PROTEST_AT = """
Kenyan ADJ JJ amod 1 kenyan B-NORP
traders NOUN NNS nsubj 2 trader O
held VERB VBD ROOT 2 hold O
a DET DT det 4 a O
demonstration NOUN NN dobj 2 demonstration O
in ADP IN prep 4 in O
protest NOUN NN pobj 5 protest O
against ADP IN prep 6 against O
Uganda_ PROPN NNP poss 11 Uganda B-GPE
's PART POS case 8 's O
new ADJ JJ amod 11 new O
tariff_ NOUN NN pobj 7 tariff O
._ PUNCT . punct 2 . O
"""
MARCH_CALLING_FOR = """
Hundreds NOUN NNS nsubj 4 hundred B-CARDINAL
of ADP IN prep 0 of O
Turkish ADJ JJ amod 3 turkish B-NORP
workers NOUN NNS pobj 1 worker O
marched VERB VBD ROOT 4 march O
in ADP IN prep 4 in O
Ankara_ PROPN NNP pobj 5 Ankara B-GPE
, PUNCT , punct 4 , O
calling VERB VBG advcl 4 call O
for ADP IN prep 8 for O
the DET DT det 11 the O
resignation NOUN NN pobj 9 resignation O
of ADP IN prep 11 of O
the DET DT det 15 the O
Iranian ADJ JJ amod 15 iranian B-NORP
ambassador_ NOUN NN pobj 12 ambassador O
._ PUNCT . punct 4 . O
"""

@pytest.mark.parametrize(
    "table, expected",
    [
        (NOMINAL_ACTORS, {("state/PAK", "consult", "state/CHN")}),
        (PASSIVE, {("group/lashkar-e-taiba", "assault", "state/IND")}),
        (CLAUSAL, {("state/USA", "request", "state/PAK")}),
        (LIGHT_VERB_CONJ, {("state/GBR", "sanction", "state/IRN"), ("state/FRA", "sanction", "state/IRN")}),
        (HYPOTHETICAL, {("state/RUS", "assault", "state/UKR")}),
        (OFFICIAL_TITLE, {("person/claire-morel", "officialOf", "state/CAN"), ("person/claire-morel", "consult", "state/KEN")}),
        (GROUP_LEADER, {("person/abubakar-shekau", "leaderOf", "group/boko-haram"), ("person/abubakar-shekau", "threaten", "state/NGA")}),
        (BASED_IN, {("group/lashkar-e-taiba", "basedIn", "state/PAK"), ("group/lashkar-e-taiba", "assault", "state/IND")}),
        (REPORTED_FUTURE, {("state/CHN", "agree", "state/PAK")}),
        (RELATIVE, {("state/TUR", "accuse", "group/haqqani-network"), ("group/haqqani-network", "assault", "state/USA")}),
        (MEMBERSHIP, {("state/ARE", "memberOf", "group/arab-league"), ("state/ARE", "support", "state/EGY")}),
        (REPLY, {("state/GHA", "accuse", "state/TGO"), ("state/TGO", "reject", "state/GHA")}),
        (REPORTED_DEMAND, {("state/PER", "request", "state/ECU")}),
        (CONDITIONAL_THREAT, {("state/VEN", "threaten", "state/COL")}),
        (WILLING, {("state/VNM", "agree", "state/KHM")}),
        # a place after a sentence-level "in" is where a minister is, not the minister's state
        (VISITING_MINISTER, {("person/ana-ruiz", "consult", "state/BOL")}),
        # ... but a head of state in that state's capital holds office there
        (HEAD_IN_SEAT, {("person/juan-soto", "leaderOf", "state/PER"), ("person/juan-soto", "consult", "state/CHL")}),
        # "they" is the plural subject of the earlier clause, not the nearer actor in its prepositional phrase
        (PRONOUN_SUBJECT, {("state/SYR", "request", "state/RUS"), ("state/TUR", "assault", "state/SYR")}),  # under-fire
        # a protest's target is what it demands; the demand itself is part of the protest
        # students and workers are a collective of their country, not the state
        (PROTEST_PURPOSE, {("group/CHL-student", "protest", "state/PER"), ("group/CHL-student", "basedIn", "state/CHL")}),
        (IN_PROTEST_AT, {("state/KEN", "protest", "state/UGA")}),
        (MARCH_CALLING_FOR, {("group/TUR-worker", "protest", "state/IRN"), ("group/TUR-worker", "basedIn", "state/TUR")}),
        # blocking roads is a protest; "teachers across Bolivia" act for Bolivia
        (LOCATED_SUBJECT, {("state/BOL", "protest", "state/PER")}),
        # the town, not the subject's own state named in the same phrase
        (CURFEW_IN_TOWN, {("body/NGA-police", "coerce", "place/jos"), ("body/NGA-police", "partOf", "state/NGA")}),
        (PARTITIVE_OBJECT, {("state/NOR", "sanction", "state/NIC")}),
        # withdrawing observers reduces relations (sanction); announced, it is a threat
        (WITHDRAW_OBSERVERS, {("state/NOR", "threaten", "state/LKA")}),
        # permission yields to the one allowed
        (ALLOWED, {("state/EGY", "concede", "group/hamas")}),
        (ALLOWED_INSPECTORS, {("state/IRN", "concede", "group/international-atomic-energy-agency")}),
        # the ones a contingent is made of are the actor; peacekeepers arriving are AID
        (PEACEKEEPERS, {("state/NPL", "aid", "state/SSD")}),
        # the demanded release is no release
        (RENEWED_DEMAND, {("state/IRL", "request", "state/GBR")}),
        # people placed in a state by a participle stand for it as target
        (REFUGEES_IN, {("state/JPN", "aid", "state/TCD")}),
        # where a meeting took place stands for the hosts only when no partner is named
        (MET_PARTNER_IN_CITY, set()),
        (MET_IN_CITY, {("person/ana-ruiz", "consult", "state/PER")}),
        # a verb conjoined to an urged or threatened act is urged or threatened too
        (URGED_CONJ, {("state/EGY", "request", "state/JOR")}),
        (THREAT_CONJ, {("state/IRN", "threaten", "state/ISR")}),
        # a relative pronoun object stands for the noun it modifies
        (OBJECT_RELATIVE, {("state/ISR", "assault", "group/hamas")}),
        (REPLY_RELATIVE, {("state/CHL", "accuse", "state/PER"), ("state/PER", "reject", "state/CHL")}),
    ],
    ids=["nominal", "passive", "clausal", "light-verb-conj", "hypothetical", "official", "leader", "based-in",
         "reported-future", "relative", "membership", "reply", "reported-demand", "conditional-threat", "willing",
         "visiting-minister", "head-in-seat", "pronoun-subject", "protest-purpose", "in-protest-at",
         "march-calling-for", "located-subject",
         "curfew-in-town", "partitive-object", "withdraw-observers", "allowed", "allowed-inspectors", "peacekeepers",
         "renewed-demand", "refugees-in", "met-partner-in-city", "met-in-city",
         "urged-conj", "threat-conj", "object-relative", "reply-relative"],
)
def test_rules_relations(table, expected):
    assert rels(run(table)) == expected


def test_rules_sector_on_nominal_actor():
    (t,) = run(NOMINAL_ACTORS).triples
    assert t.sector == "GOV"
    assert t.rule and 0 < t.confidence <= 1
    assert t.evidence.startswith("Pakistani officials met") and (t.char_start, t.char_end) == (0, len(t.evidence))


def test_rules_date_from_weekday():
    (t,) = run(NOMINAL_ACTORS, date="2018-03-14").triples  # a Wednesday
    assert t.date == "2018-03-12"


def test_rules_negation_is_rejected_not_asserted():
    r = run(NEGATED)
    assert not r.triples
    assert [(x.subject, x.relation, x.object) for x in r.rejected] == [("state/PAK", "assault", "state/IND")]
    assert "not" in r.rejected[0].reason


@pytest.mark.parametrize("table, modality", [(HYPOTHETICAL, "hypothetical"), (REPORTED_FUTURE, "future"), (CLAUSAL, None)])
def test_rules_modality(table, modality):
    assert {t.modality for t in run(table).triples if t.relation not in ("officialOf", "basedIn")} == {modality}


def test_rules_official_entity():
    ents = {e.key: e for e in run(OFFICIAL_TITLE).entities}
    morel = ents["person/claire-morel"]
    assert morel.cls == "Official" and morel.title == "Minister of Defence"
    assert "Canadian Minister of Defence Claire Morel" in morel.alt_labels  # a titled name is a name
    assert ents["state/CAN"].iso == "CAN"
    assert not any(e.label == "Defence" for e in ents.values())  # a title word is never an entity


def test_rules_rank_without_name_is_no_entity():
    r = run(RANK_WITHOUT_NAME)
    assert not any(e.label.lower().startswith("navy") for e in r.entities)  # "Navy Capt." is a rank, not a person
    assert not any(t.relation == "officialOf" and "navy" in t.subject for t in r.triples)


def test_rules_seat_acting_is_state_else_place():
    ents = {e.key: e for e in run(CLAUSAL).entities}
    assert "state/PAK" in ents and "Islamabad" in ents["state/PAK"].alt_labels
    ents = {e.key: e for e in run(NOMINAL_ACTORS).entities}
    assert ents["place/beijing"].cls == "Place"


@pytest.mark.parametrize(
    "text, limit, pieces",
    [
        ("short text", 100, ["short text"]),
        ("one para.\n\ntwo para.\n\nthree para.", 14, ["one para.\n\n", "two para.\n\n", "three para."]),
        ("First one. Second one. Third one.", 20, ["First one. ", "Second one. ", "Third one."]),
        ("a" * 25, 10, ["a" * 10, "a" * 10, "a" * 5]),
    ],
)
def test_rules_split_text_keeps_offsets(text, limit, pieces):
    from kg.extract import split_text

    got = split_text(text, limit)
    assert [c for _, c in got] == pieces
    assert all(text[off : off + len(c)] == c for off, c in got)


DATELINE_HEAD = """
NAIROBI PROPN NNP npadvmod 8 Nairobi B-GPE
,_ PUNCT , punct 8 , O
May PROPN NNP npadvmod 8 May B-DATE
2 NUM CD nummod 2 2 I-DATE
— PUNCT : punct 8 — O
President PROPN NNP compound 7 president O
Omar PROPN NNP compound 7 Omar B-PERSON
Selim_ PROPN NNP nsubj 8 Selim I-PERSON
{verb} VERB VBD ROOT 8 {lemma} O
{obj} {opos} {otag} {odep} {ohead} {olemma} {oent}
{noun}_ NOUN NNS dobj 8 {nlemma} O
. PUNCT . punct 8 . O
"""


@pytest.mark.parametrize(
    "fill, attached",
    [
        # a head of state with no state in the text, datelined at a seat: that state's office
        (dict(verb="met", lemma="meet", obj="the", opos="DET", otag="DT", odep="det", ohead=10,
              olemma="the", oent="O", noun="diplomats", nlemma="diplomat"), True),
        # another state named in the sentence: the office may be that one, so none is guessed
        (dict(verb="met", lemma="meet", obj="Egyptian", opos="ADJ", otag="JJ", odep="amod", ohead=10,
              olemma="egyptian", oent="B-NORP", noun="officials", nlemma="official"), False),
    ],
)
def test_rules_head_of_state_from_dateline_seat(fill, attached):
    result = run(DATELINE_HEAD.format(**fill))
    got = {(s, r, o) for s, r, o in rels(result) if r in ("officialOf", "leaderOf")}
    assert bool({o for s, r, o in got if s.startswith("person/omar-selim") and o == "state/KEN"}) == attached
