"""Tokens → what the event rules read in their words: the PLOVER lexicon indexed for lookup, the word
classes the rules test (verbs of speech, aspect, ending, mediation; nouns of frames, premises, sides...),
and small tests on a token and its children that use them.

Nothing here knows the document's entities; ``kg.extract.relations`` (the rules) and
``kg.extract.statements`` read these, and ``kg.extract.extract_doc`` reads the aspect verbs and the
ending of cooperation.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from kg.extract import tree
from kg.extract.records import Candidate
from kg.extract.tree import RELATIVE_PRONOUNS
from kg.vocab import PLOVER_QUAD

# event types by their quad class (kg.vocab): verbal and material cooperation, verbal and material conflict
COOPERATIVE = frozenset(t for t, quad in PLOVER_QUAD.items() if quad.endswith("Cooperation"))


CONFLICT = frozenset(t for t, quad in PLOVER_QUAD.items() if quad.endswith("Conflict"))


TYPES = COOPERATIVE | CONFLICT


SPEECH_VERBS = frozenset(
    "say tell announce state declare insist add report claim stress note confirm reiterate assert "
    "write argue warn conclude believe think".split()
)


# speech verbs whose object is the one spoken to: "told Y", "warned Y", "assured Y"
ADDRESSEE_VERBS = frozenset("tell warn inform remind assure caution notify advise".split())


# verbs whose xcomp clause is the event ("tried to hack", "began shelling", "decided to allow")
ASPECT_VERBS = frozenset(
    "try attempt begin start continue resume decide seek plan intend want prepare move manage "
    "hope aim expect agree offer promise pledge vow threaten refuse decline fail swear".split()
)


# verbs whose own meaning is carried by a nominal object ("held talks", "imposed sanctions")
LIGHT_VERBS = frozenset(
    "hold conduct launch carry impose make issue stage mount pay begin start continue resume lodge "
    "file open step intensify level extend provide give deliver sign reach express voice have take "
    "announce order step put place slap renew reiterate repeat restate join".split()
)


# clauses that say what an action is for: "struck to demand", "marched, calling for"
PURPOSE_LINKS = ("advcl", "xcomp", "acl", "conj")


# granting permission yields to the one allowed (CONCEDE); the permitted act is still coded
PERMISSIVE = frozenset({"allow", "permit"})


# directive verbs: "ordered X to appear", "instructed X to leave" is a REQUEST of X (PLOVER: "All requests,
# demands, and orders") when the ordered act is no event of its own
DIRECTIVE_VERBS = frozenset({"order", "instruct", "direct", "command", "tell"})


# acts of state authority: without a "by" agent, the state where they happen did them (PLOVER COERCE
# arrest/deport, ACCUSE investigate/allege)
AUTHORITY_VERBS = frozenset(
    "arrest detain jail imprison sentence charge indict prosecute deport expel convict investigate summon".split()
)


# "placed under arrest", "held under investigation": the act of authority is the noun after "under"
AUTHORITY_NOUNS = frozenset("arrest detention investigation custody surveillance".split())


# predicate adjectives and their complement prepositions: "X is critical of Y" (ACCUSE: "express
# disapprovals ... criticize"), "hostile to Y" (ACCUSE disapprove), "supportive of Y" (SUPPORT: "express
# support for ... actor"), "opposed to Y" read as an adjective (REJECT: "all rejections")
PREDICATE_ADJECTIVES: dict[str, tuple[str, tuple[str, ...]]] = {
    "critical": ("accuse", ("of",)),
    "hostile": ("accuse", ("to", "toward", "towards")),
    "supportive": ("support", ("of",)),
    "opposed": ("reject", ("to",)),
}


# participles that name the subject's own stance, not something done to it: "X is opposed to Y",
# "X is allied with Y" (an adjectival passive: its subject is the actor)
STATIVE_PARTICIPLES = frozenset({"oppose", "ally"})


# reciprocal events: "X and Y met / agreed / cooperated" with no other party named have all parties as
# actor and no recipient (PLOVER manual, "Compound and Reciprocal Actors"); violence is two-sided only for
# verbs that name both sides fighting (ASSAULT: "where the violence is two-sided, all participants are
# coded in the actor field")
RECIPROCAL_TYPES = frozenset({"consult", "agree", "cooperate"})


SYMMETRIC_VERBS = frozenset("clash fight battle skirmish".split())


# a third party bringing sides together: CAMEO 045 "engage in mediation" → PLOVER CONSULT
MEDIATE_VERBS = frozenset({"mediate", "broker", "facilitate", "host", "sponsor", "arrange"})


# a modifier fused to a participle of mediation, one token: "U.S.-brokered", "EU-mediated", "Qatar-hosted"
HYPHEN_MEDIATION = {"brokered": "broker", "mediated": "mediate", "sponsored": "sponsor", "hosted": "host",
                    "facilitated": "facilitate", "led": "lead"}  # fmt: skip


# nouns measuring a negotiation noun: "a round of talks", "a series of meetings"
MEASURE_NOUNS = frozenset("round series session sessions cycle".split())


# what a mediator or host brings about ("talks hosted by X", "an X-led peace process")
NEGOTIATION_NOUNS = frozenset(
    "talk talks negotiation dialogue truce ceasefire cease-fire deal agreement accord settlement summit "
    "meeting process conference".split()
)


# nouns naming another party by its relation to the one they are said of: "Russia's allies", "the allies of
# Russia", "Iran's proxies" are not Russia or Iran, so such a noun is not read through its possessor or complement
RELATIONAL_NOUNS = frozenset(
    "ally allies proxy proxies partner partners neighbour neighbours neighbor neighbors rival rivals enemy "
    "enemies foe foes adversary adversaries opponent opponents friend friends backer backers patron patrons "
    "sponsor sponsors client clients".split()
)


# nouns that frame an event noun compounded on them and carry its arguments: "launched a mediation effort
# between A and B", "a bombing campaign against X", "an aid mission to X"
FRAME_NOUNS = frozenset(
    "effort campaign mission operation drive bid initiative programme program attempt push plan".split()
)


# verbs that end or call off what their object names: a cooperative event noun under one is a reduction of
# relations (SANCTION: "All reductions in existing, routine, or cooperative relations", modes withdraw
# "from a ... mediation activity" and discontinue "terminate diplomatic, commercial, or material
# exchanges"), and a cancelled meeting or visit a REJECT ("Cancellation of meetings are REJECT")
ENDING_VERBS = frozenset("end halt stop suspend sever cut freeze terminate cancel scrap abandon quit discontinue".split())


ENDING_PARTICLES = {"break": "off", "call": "off"}  # "broke off talks", "called off the visit"


CANCELLING_VERBS = frozenset({"cancel", "call", "scrap", "postpone"})


MEETING_NOUNS = frozenset("meeting visit summit trip conference tour talks".split())


# the event types such a verb discontinues
DISCONTINUABLE = frozenset({"agree", "consult", "support", "cooperate", "aid"})


# a protest at someone's premises is aimed at them: "staged a protest outside X's embassy"
PREMISES_NOUNS = frozenset("embassy consulate mission headquarters office offices compound".split())


PREMISES_PREPS = ("outside", "at", "near", "to", "toward", "towards", "before")


PEACEKEEPING = frozenset({"peacekeeping", "peacekeeper", "peacekeepers", "peace-keeping", "blue-helmet"})


# where a common noun's people are, acting from there ("students throughout X", "a group based in X"): the
# prepositions, and the participles placing them (cf. entities.BASE_VERBS: a group's base)
RESIDENCE_PREPS = ("in", "throughout", "across", "inside")


RESIDENCE_VERBS = ("base", "station", "operate", "live")


# event types whose target may be a place, standing for the people or forces there (PLOVER codes "shelled
# villages in X", "imposed a curfew in X", "deployed troops in X", "protests in X" with X as recipient). For
# the others a place inside the object's phrase is the topic's setting, not a party: "discussed the crisis in
# X" is no meeting with X, "raised the situation in X" no request of X.
PLACE_TARGET_TYPES = frozenset({"assault", "coerce", "mobilize", "protest", "aid", "sanction", "retreat", "threaten"})


OBJECT_CONTROL = frozenset("urge ask call press force order allow persuade pressure encourage tell invite push".split())


GENERIC_PREPS = ("against", "on", "with", "to", "into", "at", "upon", "toward", "towards", "from", "over", "for")


MODALS_REQUEST = frozenset({"must", "should"})


MODALS_INTENT = frozenset({"will", "would", "shall", "'ll"})


# replies to an earlier event: "Pakistan rejected the accusations", "X condemned the attack"
REPLY_TYPES = frozenset({"reject", "accuse", "concede", "support", "agree"})


EVENT_NOUNS = frozenset(
    "accusation charge claim allegation demand suggestion proposal offer call request decision move "
    "resolution listing ultimatum plan measure criticism remark statement finding complaint step "
    "action warning threat".split()
)


TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN"})


def relative_head(obj: Token) -> Token:
    """The noun a relative pronoun object stands for: "the group that India blames" → group (→ the named
    group it is in apposition to: "Hamas, the movement that ..."); any other token unchanged."""
    v = obj.head
    if obj.lower_ not in RELATIVE_PRONOUNS or v.dep_ != "relcl" or obj.i > v.i:
        return obj
    head = v.head
    return head.head if head.dep_ == "appos" and head.head.pos_ == "PROPN" else head


def that_clause(c: Token) -> bool:
    return any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)


def ending_verb(v: Token) -> bool:
    """Does ``v`` end or call off what its object names ("halted", "broke off", "called off")?"""
    lemma = v.lemma_.lower()
    if v.pos_ not in ("VERB", "AUX"):
        return False
    if lemma in ENDING_PARTICLES:
        return any(c.dep_ == "prt" and c.lower_ == ENDING_PARTICLES[lemma] for c in v.children)
    return lemma in ENDING_VERBS or lemma == "postpone"


def discontinued(trigger: Token) -> bool:
    """Is ``trigger`` a verb of ending, or an event noun it ends ("halted cooperation with X")?"""
    if ending_verb(trigger):
        return True
    return trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass") and ending_verb(trigger.head)


def light_verb(v: Token) -> bool:
    """``v`` is a light verb; also when the lemmatizer cut a past tense badly ("staged" → "stag")."""
    low = v.lower_
    return v.lemma_.lower() in LIGHT_VERBS or (
        v.tag_ in ("VBD", "VBN") and (low[:-1] in LIGHT_VERBS or low[:-2] in LIGHT_VERBS)
    )


def content_objects(clause: Token) -> list[Token]:
    """The objects of a reported act: direct objects and targeted prepositions of the clause's verb and of
    the verbs it chains to ("would shoot down any X plane", "would strike X", "will retaliate against X")."""
    verbs = [clause] + [c for c in clause.children if c.dep_ in ("xcomp", "conj") and c.pos_ in ("VERB", "AUX")]
    out = [o for v in verbs for d in tree.children(v, "dobj") for o in tree.conjuncts(d)]
    out += [p for v in verbs for d in v.children if d.dep_ == "prep" and d.lower_ in ("against", "on", "at", "upon") for p in tree.pobjs(d)]
    return out


FRONTIER_NOUNS = frozenset("border borders frontier boundary".split())


# moving forces or weapons is a show of force (MOBILIZE modes troops: "Mobilize armed personnel or units";
# weapons: "Mobilizing weapons, ships, or vehicles"), whatever the verb of moving: "sent tanks", "moved units"
FORCE_MOVING_VERBS = frozenset("move send dispatch rush shift redeploy transfer bring ship fly".split())


FORCE_NOUNS = frozenset(
    "troop troops soldier soldiers force forces unit units battalion battalions brigade brigades division "
    "divisions tank tanks artillery armour armor warship warships destroyer destroyers frigate frigates jet jets "
    "fighter-jets bomber bombers aircraft helicopter helicopters missile missiles launcher launchers "
    "reinforcements paratroopers marines".split()
)


FRONTIER_PREPS = ("near", "along", "toward", "towards", "to", "at", "on", "across")


def frontier_objects(heads: list[Token]) -> list[Token]:
    """Where a show of force is massed: "near X", "along X", "to the border with X" (the side beyond the
    border, not the border itself)."""
    out = []
    for h in heads:
        for c in h.children:
            if c.dep_ != "prep" or c.lower_ not in FRONTIER_PREPS:
                continue
            for p in tree.pobjs(c):
                if p.lemma_.lower() in FRONTIER_NOUNS:
                    out += [q for d in p.children if d.dep_ == "prep" and d.lower_ == "with" for q in tree.pobjs(d)]
                else:
                    out.append(p)
    return out


OBJECT_PRONOUNS = frozenset({"him", "her", "them"})


# documents that speak for their authors: "a report by X accused Y"
DOCUMENT_NOUNS = frozenset(
    "report statement communique communiqué letter declaration memorandum study survey editorial tweet post".split()
)


# a phrase standing for the two sides named around it: "both sides", "the two sides", "both leaders"
SIDE_NOUNS = frozenset(
    "side sides party parties leader leaders country countries government governments delegation delegations "
    "neighbour neighbours neighbor neighbors rival rivals state states nation nations capital capitals".split()
)


def both_sides(t: Token) -> bool:
    """ "both sides", "the two sides", "both delegations": a plural side noun with "both" or "two"."""
    if t.pos_ != "NOUN" or t.lower_ not in SIDE_NOUNS or t.tag_ != "NNS":
        return False
    return any((c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both") or (c.dep_ == "nummod" and c.lower_ == "two")
               for c in t.children)  # fmt: skip


def sides_rule(c: Candidate) -> Candidate:
    """A candidate whose argument is "both sides" read as the two parties named around it carries the rule
    that read it (``both-sides``), one whose subject is a document's author ``document-author``; a
    mediator's sides stay the mediation's."""
    if c.subject.via == "author":
        return dataclasses.replace(c, rule="document-author")
    if c.rule in ("mediation", "reciprocal") or not (c.subject.via == "sides" or (c.object is not None and c.object.via == "sides")):
        return c
    return dataclasses.replace(c, rule="both-sides")


def mediating_lemma(v: Token) -> str:
    """The verb of mediation a token is: its lemma, or for a fused "X-brokered" the suffix's verb."""
    low = v.lower_
    if "-" in low and v.pos_ in ("ADJ", "VERB", "NOUN", "PROPN"):
        return HYPHEN_MEDIATION.get(low.rsplit("-", 1)[1], v.lemma_.lower())
    return v.lemma_.lower()


def premises(heads: list[Token]) -> list[Token]:
    """ "protested outside X's embassy", "marched to the X consulate": the owner of the premises a protest
    is held at (the noun itself; its modifier reads as the actor)."""
    return [
        p
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in PREMISES_PREPS
        for p in tree.pobjs(c)
        if p.lemma_.lower() in PREMISES_NOUNS
    ]
