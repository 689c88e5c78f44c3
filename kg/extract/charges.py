"""An accusation or a demand → what it is about: the issue phrase of its statement ("accused X of
sheltering militants" → "sheltering militants"; "urged X to close the camps" → "close the camps"), and
the act an accusation charges: when it is sponsorship, a statement of its own ("accused X of arming Y" →
X aid Y, modality "alleged"; rule ``alleged-act``); an event stated in an accusation's "that" clause
("charged that X had armed Y") is alleged too (``charged``). Reads only the dependency tree around the
trigger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract import tree
from kg.extract.modality import negation
from kg.extract.records import Candidate

if TYPE_CHECKING:
    from kg.extract.relations import Rules

# "accused / blamed / condemned / criticized X of / for ...": the prepositions that name the charge
CHARGE_PREPS = ("of", "for")

# "criticized X for the second time", "condemned X for days": a time, not a charge
_TIME_WORDS = frozenset({"time", "times", "day", "days", "week", "weeks", "month", "months", "year", "years"})
_TIME_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL"})

# The charged acts that are coded as statements of their own: a state's provision of aid, support or
# cooperation to an armed group is what ``kg query state-sponsors`` reads, and an accusation is how news
# text reports most of it. PLOVER manual (../shared/resources/plover/PLOVER_MANUAL.tex), AID: "Military
# and police assistance including arms and personnel", "Monetary aid", "Asylum" (sheltering, harbouring);
# SUPPORT and COOPERATE likewise have the accused as source. Other charged acts ("accused X of killing
# civilians") stay the accusation's issue only: coded as events they would count in timelines and event
# counts, which read no modality.
SPONSORSHIP = frozenset({"aid", "support", "cooperate"})

# "accused X of continuing to arm Y": verbs of aspect whose infinitive is the charged act (not "refusing
# to", "failing to", which deny it)
_CONTINUING = frozenset({"continue", "keep", "resume", "begin", "start"})


def issue(trigger: Token, relation: str) -> str | None:
    """The phrase an accusation or a demand is about, as the text words it, or None.

    ACCUSE: the object of "of" / "for" on the verb ("accused X of sheltering militants", "blamed X for the
    attack"). REQUEST: the infinitive ("urged X to close the camps", "called on X to act", "its request to
    Y to act"). Either: a "that" clause on the verb or on its event noun ("demanded that X withdraw",
    "charged that X had armed Y", "repeated its demand that X withdraw", "the accusation that X armed Y")."""
    if relation not in ("accuse", "request"):
        return None
    verb = trigger.pos_ in ("VERB", "AUX")
    if relation == "accuse" and verb:
        for p in _charge_preps(trigger):
            return _text(p.doc[p.i + 1 : p.right_edge.i + 1])
    heads = [trigger]
    if verb:
        preps = [p for p in trigger.children if p.dep_ == "prep"]  # "called on X to act"
        heads += preps + [o for p in preps for o in tree.pobjs(p)] + tree.children(trigger, "dobj")
    for h in heads:
        for c in h.children:
            if c.pos_ not in ("VERB", "AUX"):
                continue
            to = [a for a in tree.children(c, "aux") if a.lower_ == "to"]
            if relation == "request" and to and c.dep_ in ("xcomp", "advcl", "ccomp", "acl"):
                return _text(c.doc[to[0].i + 1 : c.right_edge.i + 1])
            mark = [m for m in c.children if m.dep_ == "mark" and m.lower_ == "that"]
            if mark and c.dep_ in ("ccomp", "acl", "advcl") and (h is trigger or h.pos_ == "NOUN"):
                return _text(c.doc[mark[0].i + 1 : c.right_edge.i + 1])
    return None


def alleged(rules: Rules, v: Token) -> list[Candidate]:
    """The sponsorship an accusation charges: "X accused Y of arming Z" → Y aid Z, "Y was accused of
    sheltering Z" → Y aid Z, each with modality "alleged" (the accuser's claim, not a reported fact). The
    accusation itself is the verb's own statement (active-verb, passive)."""
    if negation(v, rules.lex.negation):
        return []  # "did not accuse X of arming Y"
    acts = [g for p in _charge_preps(v) for c in tree.children(p, "pcomp") if c.pos_ == "VERB"
            for g in tree.conjuncts(c, "none")]
    acts += [x for g in acts if g.lemma_.lower() in _CONTINUING for x in tree.children(g, "xcomp")]
    if not acts:
        return []
    accused = rules.resolve([o for c in tree.children(v, "dobj", "nsubjpass") for o in tree.conjuncts(c)], modifier=False)
    own = frozenset(a.key for a in accused)
    out = []
    for g in acts:
        hit = rules.trigger(g)
        if hit is None or hit[2] == "noun" or hit[0] not in SPONSORSHIP:
            continue
        objs = rules.objects(g, hit[0], hit[1], exclude=own)
        out += [Candidate(a, hit[0], o, g, "alleged-act", 0.55, modality="alleged") for a in accused for o in objs if a.key != o.key]
    return out


def charged(trigger: Token, trigger_of) -> bool:
    """Is the event at ``trigger`` what an accusation charges, stated in its "that" clause ("X charged that
    Y had armed Z", "the accusation that Y armed Z")? Then it is alleged by the accuser, not reported.
    ``trigger_of``: the lexicon's reading of a token (``Triggers.trigger``)."""
    if trigger.dep_ not in ("ccomp", "acl", "advcl") or trigger.head.i == trigger.i:
        return False
    if not any(m.dep_ == "mark" and m.lower_ == "that" for m in trigger.children):
        return False
    h = trigger.head
    # the clause on the accusation, or on the verb whose object the accusation is ("made the accusation
    # that ...", as parsed)
    nouns = [h] + [d for d in tree.children(h, "dobj") if d.i < trigger.i]
    return any((hit := trigger_of(n)) is not None and hit[0] == "accuse" for n in nouns)


def _charge_preps(v: Token) -> list[Token]:
    """The verb's "of" / "for" phrases naming a charge, with conjoined ones ("of X and of Y"); not a
    time ("for the second time")."""
    out = []
    for p in v.children:
        if p.dep_ != "prep" or p.lower_ not in CHARGE_PREPS:
            continue
        for q in [p] + [d for d in p.children if d.dep_ == "conj" and d.lower_ in CHARGE_PREPS]:
            objs = [o for o in q.children if o.dep_ in ("pobj", "pcomp")]
            if objs and not any(o.lower_ in _TIME_WORDS or o.ent_type_ in _TIME_ENTS for o in objs):
                out.append(q)
    return out


def _text(span) -> str | None:
    """The phrase without what a comma adds to it ("the raid on the camp, an attack that killed 11"): an
    apposition or a clause set off by a comma comments on the issue and is not part of it."""
    doc = span.doc
    for t in span:
        first = t.left_edge.i
        if t.dep_ in _ASIDES and first > span.start and doc[first - 1].text == "," and span.start <= t.head.i < first:
            span = doc[span.start : first]
            break
    text = " ".join(span.text.split()).rstrip(" ,;:.")
    return text or None


# what a comma sets off inside a phrase: an apposition, a non-restrictive relative or participle clause
_ASIDES = frozenset({"appos", "relcl", "acl", "advcl"})
