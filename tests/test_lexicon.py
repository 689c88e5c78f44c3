"""The converted event lexicon: scripts/build_lexicon.py's parsing (on small dictionaries written here), CAMEO
code → PLOVER type, and trigger typing on hand-built Docs (no model)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract import gazetteer as gz
from kg.extract.triggers import Triggers, lexicon

_SPEC = importlib.util.spec_from_file_location("build_lexicon", Path(__file__).parents[1] / "scripts" / "build_lexicon.py")
build = importlib.util.module_from_spec(_SPEC)
sys.modules["build_lexicon"] = build  # dataclasses look their module up
_SPEC.loader.exec_module(build)


def lemma(word: str, pos: str) -> str:
    """A stand-in for spaCy's lemmatizer: plural nouns lose their -s."""
    return word[:-1] if pos == "NOUN" and word.endswith("s") and not word.endswith("ss") else word


SETS = {"&ARMY": ("troops", "soldiers", "armed forces"), "&TRUCE": ("truce", "armistice")}


# ------------------------------------------------------------------------------------------ pattern shapes


@pytest.mark.parametrize(
    ("text", "slots", "target"),
    [
        ("* (TO)", [{"k": "prep", "p": "to"}], "to"),
        ("* (AGAINST) +", [{"k": "prep", "p": "against"}], "against"),
        ("* COMPLAINT (AGAINST) +", [{"k": "obj", "w": ["complaint"], "m": []}, {"k": "prep", "p": "against"}], "against"),
        ("* SHELLS (AT +)", [{"k": "obj", "w": ["shell", "shells"], "m": []}, {"k": "prep", "p": "at"}], "at"),
        ("* {GRAIN SHIPMENT}", [{"k": "obj", "w": ["shipment"], "m": [["grain"]]}], None),
        ("* DOWN", [{"k": "prt", "w": ["down"]}], None),
        ("* OFF (FROM ^)", [{"k": "prt", "w": ["off"]}, {"k": "prep", "p": "from"}], None),
        ("* ON &TRUCE", [{"k": "prep", "p": "on", "w": ["armistice", "truce"], "m": []}], None),
        ("* FROM +", [{"k": "prep", "p": "from"}], "from"),
        ("* &ARMY (TO THE FRONT)", [{"k": "obj", "w": ["soldier", "soldiers", "troop", "troops"], "m": []},
                                    {"k": "prep", "p": "to", "w": ["front"], "m": []}], None),
        ("* +", [], None),
    ],
)  # fmt: skip
def test_lexicon_pattern_shapes(text, slots, target):
    got = build.parse_pattern(text, SETS, lemma)
    for s in got["slots"]:
        s.pop("raw", None)
    assert got == {"slots": slots, "target": target}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("&ARMY * (TO BORDER)", "words before the verb"),
        ("* WITHDRAWAL (OF $) (FROM +)", "actor marker inside a noun phrase"),
        ("* + SUMMIT", "target outside a prepositional phrase"),
        ("* NOT RENEW MANDATE", "negation"),
        ("* DEEPEN TIES (WITH +)", "two bare content words"),
        ("* (ASIDE QUARREL)", "prepositional phrase without a preposition"),
        ("* TRIP ^ TO +", "skip marker outside a prepositional phrase"),
        ("* (WITH &UNKNOWN)", "undefined synonym set"),
        ("* FUNDS {AID PACKAGE}", "two object phrases"),
    ],
)  # fmt: skip
def test_lexicon_pattern_shapes_rejected(text, reason):
    with pytest.raises(build.Reject, match=reason):
        build.parse_pattern(text, SETS, lemma)


def test_lexicon_specificity_counts_fixed_words():
    got = build.parse_pattern("* {GRAIN SHIPMENT} (TO BORDER)", SETS, lemma)
    assert sum(build.slot_weight(s) for s in got["slots"]) == 4  # grain, shipment, to, border


# ------------------------------------------------------------------------------------------ code → type

TABLE = build.parse_plover_table(
    """# a few lines in the table's format
04: CONSULT
042: CONSULT, visit,   # Make a visit
055: SUPPORT,  , diplomatic # Apolgize
03: AGREE
035: AGREE,  ,      # Express intent to yield
0353: AGREE,  ,   rights_freedoms # Express intent to release persons or property
036: AGREE,  , diplomatic # Express intent to meet or negotiate
08: CONCEDE
084: RETREAT,   ,  # Return, release
0813: RETREAT, ,   legal # Ease curfew
0814: RETREAT, ,   legal # Ease state of emergency or martial law
0871: RETREAT, ceasefire, military # Declare truce, ceasefire
116: ACCUSE, disapprove, legal # Find guilty or liable (legally)
163: COERCE, restrict,   diplomatic # Impose embargo, boycott, or sanctions
17: COERCE
174: COERCE, deport, legal            # Expel or deport individuals
1712: ASSAULT, seize, human_security  # Destroy property
"""
)


@pytest.mark.parametrize(
    ("code", "typ"),
    [
        ("042", "consult"), ("0421", "consult"), ("04", "consult"),  # exact, then the parent code
        ("0841", "retreat"), ("081", "concede"),
        ("163", "sanction"), ("1631", "sanction"),  # the manual's 'discontinue', not the table's COERCE
        ("116", "sanction"),  # the manual's mode 'convict'
        ("055", "concede"),  # regret or remorse
        ("0871", "concede"),  # a declared ceasefire is CONCEDE, an implemented one RETREAT
        ("035", "concede"), ("0353", "concede"),  # a promised concession or release is CONCEDE
        ("036", "agree"),  # an intent to meet stays AGREE
        ("0813", "concede"), ("0814", "concede"),  # lifting a curfew or an emergency is CONCEDE
        ("174", "coerce"), ("1712", "assault"), ("171", "coerce"),
        ("010", None), ("017", None),  # CAMEO 01: public statements, no event
        ("020", "request"), ("0233", "request"),  # CAMEO 02: appeals are request here
        ("---", None), (None, None), ("990", None),
    ],
)  # fmt: skip
def test_lexicon_code_to_type(code, typ):
    assert build.plover_type(code, TABLE) == typ


@pytest.mark.parametrize(("raw", "code"), [("042:043", "042"), ("190", "190"), (":110", None), ("---", "---")])
def test_lexicon_forward_code(raw, code):
    assert build.forward_code(raw) == code


# ------------------------------------------------------------------------------------------ conversion

DICTIONARY = """
####### SYNONYM SETS #######

&ARMY
+TROOPS
+SOLDIERS

####### VERB PATTERNS #######

---  PUMMEL   [190]  ---
PUMMEL
THRASH
BATTER [180]
+BEAT_UP {+BEATS_UP +BEATING_UP}
+HIT_AND {}
- * &ARMY (NEAR BORDER)                   [150]   # PUMMEL
- * (WITH ^)                              [---]   # THRASH
- &ARMY *                                 [154]   # PUMMEL
- * (AT HOME)                             [:190]  # BATTER

---  STAGE   [---]  ---
STAGE {STAGES STAGED STAGING}
MOUNT
- * SIT-IN (AGAINST +)                    [141]   # STAGE
- * SIT-IN                                [1411]  # MOUNT
- * {MOCK RAID}                           [150]   # STAGE
- * VIGIL                                 [017]   # STAGE
- * VIGIL                                 [141]   # MOUNT

---  CHOOSE   [---]  ---
CHOOSE   [030]
DECIDE   [030]

---  KNOCK_DOWN   [190]  ---
+KNOCK_DOWN

---  REMARK   [010]  ---
REMARK
VOICE    [111]
DECRY    [111]

######## TRANSFORMATIONS ##########
"""
ZIPF = {"pummel": 2.1, "thrash": 3.0, "batter": 3.2, "stage": 5.1, "mount": 4.0, "choose": 4.8, "decide": 5.0,
        "remark": 4.0, "voice": 4.9, "decry": 2.6}


@pytest.fixture(scope="module")
def converted():
    return build.convert(DICTIONARY, "\n".join(f"{c}: {t}" for c, t in (
        ("03", "AGREE"), ("11", "ACCUSE"), ("14", "PROTEST"), ("15", "MOBILIZE"), ("18", "ASSAULT"), ("19", "ASSAULT"))),
        lemma, ZIPF.__getitem__, frozenset({"decide"}))  # fmt: skip


def test_lexicon_convert_verbs(converted):
    assert converted["verbs"] == {"pummel": "assault", "batter": "assault", "choose": "agree", "decry": "accuse"}
    # thrash only inherits its block's code: it triggers through a pattern; "decided to" is a complement verb;
    # "beat up" inherits the code of another verb's synonym block; "voice" is a frequent verb of saying
    # (a CAMEO 01 block) whose own code is one reading: all need a pattern
    assert converted["counts"]["verbs_only_through_patterns"] == 4
    assert converted["phrasal"] == [["knock", ["down"], "assault"]]  # the phrasal verb its block is named after
    assert converted["counts"]["dropped"]["multiword verb joined by and/or"] == 1


def test_lexicon_convert_patterns(converted):
    blocks = {b["name"]: b for b in converted["blocks"]}
    pummel = blocks["PUMMEL"]
    assert ["beat", ["up"]] in pummel["verbs"] and ["thrash", []] in pummel["verbs"]
    by_src = {p["src"]: p for p in pummel["patterns"]}
    assert by_src["* &ARMY (NEAR BORDER) [150]"]["t"] == "mobilize"
    assert by_src["* (WITH ^) [---]"]["t"] is None  # kept: it blocks the verb
    assert len(by_src) == 2  # the subject pattern and the reverse-only code are dropped
    dropped = converted["counts"]["dropped"]
    assert dropped["words before the verb"] == 1 and dropped["reverse direction only"] == 1
    # the same shape listed with an event and a no-event code is ambiguous
    assert not any(p["src"].startswith("* VIGIL") for p in blocks["STAGE"]["patterns"])


def test_lexicon_convert_event_nouns(converted):
    # a noun needs two light verbs agreeing on its type; the target's preposition comes from the pattern
    assert converted["nouns"] == {"sit-in": ["protest", ["against"]]}


OWN_SENSE = """
####### VERB PATTERNS #######

---  REPROACH   [112]  ---
REPROACH
CENSURE  [112]
JAIL     [173]
- * (FOR FRAUD)                           [173]   # JAIL
- * (FOR FRAUD)                           [112]   # CENSURE
- * (IN PUBLIC)                           [173]   # REPROACH
- * (AT DAWN)                             [112]   # JAIL

######## TRANSFORMATIONS ##########
"""


def test_lexicon_convert_pattern_of_a_verb_of_its_own_kind():
    """A pattern written for a block verb whose own code has another type than the block's describes that
    verb's sense: jailed for fraud is COERCE, reproached or censured for fraud is an accusation."""
    from kg.extract import lexicon as lexpat

    converted = build.convert(OWN_SENSE, "11: ACCUSE\n17: COERCE", lemma, lambda w: 2.0)
    (block,) = converted["blocks"]
    by_src = {p["src"]: p for p in block["patterns"]}
    assert by_src["* (FOR FRAUD) [173]"]["v"] == ["jail", []]
    assert "v" not in by_src["* (FOR FRAUD) [112]"]  # censure's own type is the block's: the block's pattern
    assert "v" not in by_src["* (IN PUBLIC) [173]"]  # reproach has no code of its own
    assert "v" not in by_src["* (AT DAWN) [112]"]  # written for jail, but of the block's type, not jail's
    assert converted["counts"]["patterns_for_one_verb"] == 1
    patterns = lexpat.compile_patterns({}, converted)
    for form, verb, typ in (("censured", "censure", "accuse"), ("reproached", "reproach", "accuse"),
                            ("jailed", "jail", "coerce")):  # fmt: skip
        doc = make_doc(f"Critics NOUN nsubj 1 critic\n{form} VERB ROOT 1 {verb}\nthe DET det 3 the\n"
                       "mayor NOUN dobj 1 mayor\nfor ADP prep 1 for\nfraud NOUN pobj 4 fraud")
        assert lexpat.match(doc[1], patterns[verb])[0].typ == typ, verb


# ------------------------------------------------------------------------------------------ shipped data


def test_lexicon_shipped_file_carries_the_licences():
    notice = " ".join(gz.cameo_lexicon()["notice"])
    assert "CC BY-SA 4.0" in notice and "openeventdata/PLOVER" in notice
    assert "The MIT License" in notice and "Open Event Data Alliance" in notice
    licences = (Path(gz.__file__).parents[1] / "data" / "LICENSES.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in licences and "Permission is hereby granted" in licences


def test_lexicon_hand_entries_win():
    cameo, lex, verbs = gz.cameo_lexicon(), gz.plover_lexicon(), lexicon().verbs
    assert cameo["verbs"]["sue"] == "coerce" and verbs["sue"] == "accuse"  # the manual: "Sue"
    assert verbs["ambush"] == "assault"  # converted only
    assert "ambush" not in lex["assault"].hand_verbs and "ambush" in lex["assault"].verbs
    # the manual's types over the converted ones: resignations are RETREAT, regret CONCEDE, reparations
    # AID, bargaining CONSULT, objections ACCUSE
    for verb, typ in [("resign", "retreat"), ("regret", "concede"), ("compensate", "aid"), ("bargain", "consult"),
                      ("object", "accuse")]:  # fmt: skip
        assert cameo["verbs"].get(verb) != typ and verbs[verb] == typ


# ------------------------------------------------------------------------------------------ triggers

VOCAB = spacy.blank("en").vocab


def make_doc(table: str) -> Doc:
    """One token a line: word POS dep head lemma."""
    rows = [line.split() for line in table.strip().splitlines()]
    return Doc(VOCAB, words=[r[0] for r in rows], pos=[r[1] for r in rows], deps=[r[2] for r in rows],
               heads=[int(r[3]) for r in rows], lemmas=[r[4] for r in rows])  # fmt: skip


def trigger(table: str, i: int):
    return Triggers().trigger(make_doc(table)[i])  # the trigger needs the lexicon only, no entities


BANDITS_AMBUSHED = """
Bandits NOUN nsubj 1 bandit
ambushed VERB ROOT 1 ambush
a DET det 3 a
patrol NOUN dobj 1 patrol
"""
GUARDS_CORDONED = """
Guards NOUN nsubj 1 guard
cordoned VERB ROOT 1 cordon
off ADP prt 1 off
the DET det 4 the
square NOUN dobj 1 square
"""
UNIONS_STAGED = """
Unions NOUN nsubj 1 union
staged VERB ROOT 1 stage
a DET det 3 a
demonstration NOUN dobj 1 demonstration
"""
DEFENDANTS_APPEARED = """
Two NUM nummod 1 two
defendants NOUN nsubj 2 defendant
appeared VERB ROOT 2 appear
in ADP prep 2 in
court NOUN pobj 3 court
"""
MAYOR_SIDED = """
The DET det 1 the
mayor NOUN nsubj 2 mayor
sided VERB ROOT 2 side
with ADP prep 2 with
Lagos PROPN pobj 3 Lagos
"""
FIRM_SUED = """
A DET det 1 a
firm NOUN nsubj 2 firm
sued VERB ROOT 2 sue
the DET det 4 the
port NOUN dobj 2 port
for ADP prep 2 for
losses NOUN pobj 5 loss
"""
PARTY_AFFIRMED_CLAIM = """
The DET det 1 the
party NOUN nsubj 2 party
affirmed VERB ROOT 2 affirm
the DET det 4 the
allegation NOUN dobj 2 allegation
"""
PARTY_AFFIRMED_TIES = """
The DET det 1 the
party NOUN nsubj 2 party
affirmed VERB ROOT 2 affirm
its PRON poss 4 its
ties NOUN dobj 2 tie
"""
COUNCIL_REPEATED_OFFER = """
The DET det 1 the
council NOUN nsubj 2 council
repeated VERB ROOT 2 repeat
its PRON poss 4 its
offer NOUN dobj 2 offer
"""
ENVOY_TOOK = """
The DET det 1 the
envoy NOUN nsubj 2 envoy
took VERB ROOT 2 take
the DET det 4 the
papers NOUN dobj 2 paper
"""
THE_INCURSION = """
the DET det 1 the
incursion NOUN ROOT 1 incursion
into ADP prep 1 into
the DET det 4 the
valley NOUN pobj 2 valley
"""
THE_TALKS = """
the DET det 1 the
talks NOUN nsubj 4 talk
with ADP prep 1 with
Quito PROPN pobj 2 Quito
stalled VERB ROOT 4 stall
"""


@pytest.mark.parametrize(
    ("table", "i", "expected"),
    [
        (BANDITS_AMBUSHED, 1, ("assault", (), "verb")),  # a converted verb
        (GUARDS_CORDONED, 1, ("coerce", ("off",), "phrase")),  # a hand phrase (manual: "cordoning off areas")
        (UNIONS_STAGED, 1, ("protest", (), "phrase")),  # verb + object pattern under a light verb
        (DEFENDANTS_APPEARED, 2, ("coerce", (), "phrase")),  # verb + prepositional phrase: "appear in court"
        (MAYOR_SIDED, 2, ("support", ("with",), "phrase")),  # the phrase's preposition introduces the target
        (FIRM_SUED, 2, ("accuse", (), "verb")),  # a bare-preposition pattern does not retype a hand verb
        (PARTY_AFFIRMED_CLAIM, 2, None),  # a no-event pattern (CAMEO 01x) blocks a converted verb
        (PARTY_AFFIRMED_TIES, 2, ("support", (), "verb")),
        (COUNCIL_REPEATED_OFFER, 2, None),  # "repeat offer" (CAMEO 02) yields to the hand noun's AGREE
        (ENVOY_TOOK, 2, None),  # a frequent verb with only its block's code needs a pattern
        (THE_INCURSION, 1, ("assault", ("into",), "noun")),  # a converted event noun with its preposition
        (THE_TALKS, 1, ("consult", ("with",), "noun")),  # a hand-written event noun
    ],
)  # fmt: skip
def test_lexicon_triggers_typed(table, i, expected):
    assert trigger(table, i) == expected


def test_lexicon_most_specific_pattern_wins():
    from kg.extract import lexicon as lexpat

    converted = {"phrasal": [], "blocks": [{"name": "STAGE", "verbs": [["stage", []]], "patterns": [
        {"t": "protest", "w": 1, "p": None, "s": [{"k": "obj", "w": ["rally"], "m": []}]},
        {"t": "support", "w": 3, "p": None, "s": [{"k": "obj", "w": ["rally"], "m": []},
                                                 {"k": "prep", "p": "in", "w": ["support"], "m": []}]},
        {"t": None, "w": 2, "p": None, "s": [{"k": "obj", "w": ["rally"], "m": [["mock"]]}]},
    ]}]}  # fmt: skip
    patterns = lexpat.compile_patterns({}, converted)["stage"]
    plain = make_doc("Unions NOUN nsubj 1 union\nstaged VERB ROOT 1 stage\na DET det 3 a\nrally NOUN dobj 1 rally")
    assert lexpat.match(plain[1], patterns)[0].typ == "protest"
    backing = make_doc("Unions NOUN nsubj 1 union\nstaged VERB ROOT 1 stage\na DET det 3 a\nrally NOUN dobj 1 rally\n"
                       "in ADP prep 3 in\nsupport NOUN pobj 4 support")
    assert lexpat.match(backing[1], patterns)[0].typ == "support"
    mock = make_doc("Cadets NOUN nsubj 1 cadet\nstaged VERB ROOT 1 stage\na DET det 4 a\nmock ADJ amod 4 mock\n"
                    "rally NOUN dobj 1 rally")
    assert lexpat.match(mock[1], patterns)[0].typ is None  # a no-event pattern: the verb triggers nothing


@pytest.mark.parametrize(
    ("verb", "lemma_", "prep", "expected"),
    [
        ("accused", "accuse", "of", "accuse"),  # an accusation of a crime, not a conviction
        ("blamed", "blame", "for", "accuse"),
        ("convicted", "convict", "of", "coerce"),  # CONVICT's own pattern: a legal action
    ],
)  # fmt: skip
def test_lexicon_accused_of_an_offence_stays_an_accusation(verb, lemma_, prep, expected):
    table = (f"Prosecutors NOUN nsubj 1 prosecutor\n{verb} VERB ROOT 1 {lemma_}\nthe DET det 3 the\n"
             f"smugglers NOUN dobj 1 smuggler\n{prep} ADP prep 1 {prep}\noffences NOUN pobj 4 offence")  # fmt: skip
    assert trigger(table, 1)[0] == expected
