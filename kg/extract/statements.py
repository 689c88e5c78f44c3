"""Sentence + Rules → event candidates that statements carry in a noun or adverbial phrase, not in a verb.

Government statements, press releases and reports name many events around a noun ("welcomes the agreement
between A and B", "at the request of X", "X's campaign to defeat Y", "came under fire from Y"), where the
verb rules of ``relations.py`` find no subject and object of their own. Each construction is a named rule
(``registry.py``):

- ``between-parties``  an event noun with its sides in a "between" phrase and no actor of its own ("talks
  between A and B", "the agreement reached between A and B", "clashes between A and B"): each side toward
  the other (PLOVER manual, "Compound and Reciprocal Actors"). Violence counts only for nouns that name
  both sides fighting (clash, fighting, battle...).
- ``under-fire``      "X came under fire from Y", "X received fire from Y", "X came under attack by Y": the
  one firing assaults X. The verb ("receive") is then no event of its own.
- ``help-of``         "X did V with the help / aid / assistance / support of Y": Y aids (supports) X.
- ``at-request``      "at the request / urging / behest of Y, X did V": Y asked it of X (REQUEST).
- ``for-clause``      "X called / pressed / appealed for Y to V": X asks it of Y (REQUEST); the asked act is
  not done (see ``relations.Rules.embedded_in_trigger``).

All word lists are module constants; nothing is compiled per document.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract import eventwords, military, tree
from kg.extract.records import Candidate

# event types that are mutual when two sides are named between them (a truce is kept by both)
MUTUAL_TYPES = frozenset({"consult", "agree", "cooperate", "retreat"})
# nouns of violence that name both sides fighting
FIGHTING_NOUNS = frozenset("clash clashes fighting battle battles skirmish skirmishes hostilities war conflict".split())
# what comes at a unit from an enemy: "came under fire", "received fire", "took mortar fire"
FIRE_NOUNS = frozenset("fire attack attacks shelling bombardment assault barrage gunfire rocket rockets".split())
RECEIVE_VERBS = frozenset({"receive", "take", "draw", "face", "sustain", "suffer", "endure"})
# "with the help of Y" → AID; "with the support / backing of Y" → SUPPORT
HELP_NOUNS = {"help": "aid", "aid": "aid", "assistance": "aid", "support": "support", "backing": "support"}
REQUEST_NOUNS = frozenset({"request", "urging", "behest", "demand", "insistence"})
# "called for Y to V": verbs of asking whose "for" clause names the one asked
ASKING_VERBS = frozenset("call press push appeal lobby plead campaign argue ask".split())


def relations(rules, sent: Span) -> tuple[list, set[int]]:
    """Candidates of the constructions above, and the tokens of verbs they replace as triggers."""
    out: list = []
    replaced: set[int] = set()
    for tok in sent:
        low = tok.lower_
        if low == "between" and tok.dep_ == "prep":  # on the noun, or on a participle after it ("reached between")
            holder = tok.head
            noun = holder.head if holder.dep_ == "acl" and holder.tag_ == "VBN" else holder
            if noun.pos_ in ("NOUN", "PROPN") and tok.i == min(c.i for c in noun.subtree if c.lower_ == "between"):
                out += _between_parties(rules, noun)
        elif low == "for" and tok.dep_ == "mark" and tok.head.head.lemma_.lower() in ASKING_VERBS:
            out += _for_clause(rules, tok.head.head)
        elif low == "of" and tok.dep_ == "prep" and tok.head.dep_ == "pobj":
            n = tok.head
            lemma = n.lemma_.lower()
            if lemma in HELP_NOUNS and n.head.lower_ == "with":
                out += _of_phrase(rules, n, HELP_NOUNS[lemma], "help-of")
            elif lemma in REQUEST_NOUNS and n.head.lower_ == "at":
                out += _of_phrase(rules, n, "request", "at-request")
        elif low in FIRE_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
            found = _under_fire(rules, tok)
            if found:
                out += found
                replaced.add(found[0].trigger.i)
    return out, replaced


def _between(tok: Token) -> list[Token]:
    """The sides in a "between" phrase on the noun or on a participle that modifies it ("reached between")."""
    holders = [tok] + [c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    return [p for h in holders for p in tree.prep_objects(h, "between")]


def _between_parties(rules, n: Token) -> list:
    sides_tok = _between(n)
    if len(sides_tok) < 2:
        return []
    hit = rules.trigger(n)
    if hit is None or hit[2] != "noun":
        return []
    if any(eventwords.mediating_lemma(t) in eventwords.MEDIATE_VERBS for t in [n.head, *n.children]):
        return []  # "talks mediated by X between A and B", "a U.S.-brokered truce": the mediator's event (rule mediation)
    typ = hit[0]
    if typ not in MUTUAL_TYPES and not (typ == "assault" and (n.lower_ in FIGHTING_NOUNS or n.lemma_.lower() in FIGHTING_NOUNS)):
        return []
    sides = rules.resolve(sides_tok, modifier="state")
    if len(sides) < 2:
        return []
    return [Candidate(a, typ, b, n, "between-parties", 0.6) for a in sides for b in sides if a.key != b.key]


def _under_fire(rules, n: Token) -> list:
    """ "X came under fire from Y" (fire: pobj of "under" on "come") / "X received heavy fire from Y"."""
    head = n.head
    if n.dep_ == "pobj" and head.lower_ == "under" and head.head.lemma_.lower() == "come":
        verb = head.head
    elif n.dep_ == "dobj" and head.lemma_.lower() in RECEIVE_VERBS:
        verb = head
    else:
        return []
    shooters = [p for h in (n, verb, head) for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by") for p in tree.pobjs(c)]
    if not shooters:
        return []
    targets = rules.resolve(rules.subjects(verb), modifier="state", subject=True)
    own = frozenset(t.key for t in targets)
    firing = rules.resolve(shooters, modifier="state", exclude=own)
    return [Candidate(f, "assault", t, verb, "under-fire", 0.65) for f in firing for t in targets if f.key != t.key]


def _of_phrase(rules, n: Token, typ: str, rule: str) -> list:
    """ "with the help of Y" / "at the request of Y" on a clause: Y's act (``typ``) toward the clause's
    subjects ("captured by X with the aid of Y": the agent X)."""
    others_tok = tree.prep_objects(n, "of")
    verb = military.acting_verb(n.head) if others_tok else None
    if verb is None or verb.pos_ not in ("VERB", "AUX") or rules.embedded_in_trigger(verb):
        return []
    doers = rules.resolve(rules.subjects(verb), modifier="state", subject=True)
    others = rules.resolve(others_tok, modifier="state", exclude=frozenset(d.key for d in doers))
    return [Candidate(o, typ, d, n, rule, 0.6) for o in others for d in doers if o.key != d.key]


def _for_clause(rules, v: Token) -> list:
    """ "X called for Y to V": the clause's "for" marks the one asked."""
    clauses = [
        c for c in v.children
        if c.dep_ in ("advcl", "ccomp", "xcomp")
        and any(m.lower_ == "for" for m in c.children if m.dep_ == "mark")
        and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")
    ]
    if not clauses or rules.embedded_in_trigger(v):
        return []
    subs = rules.resolve(rules.subjects(v), modifier="state", subject=True)
    own = frozenset(s.key for s in subs)
    asked = rules.resolve([s for c in clauses for s in c.children if s.dep_ == "nsubj"], modifier=False, exclude=own)
    return [Candidate(s, "request", a, v, "for-clause", 0.6) for s in subs for a in asked if s.key != a.key]
