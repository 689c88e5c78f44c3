"""A token of mediation → CONSULT candidates of the mediator with each side: "X mediated between A and B",
"X brokered a truce between A and B", "talks hosted by X between A and B", "an X-mediated truce between
A and B", "X-led talks between A and B" (rule ``mediation``; CAMEO 045 "engage in mediation" → PLOVER
CONSULT). Functions over the document's ``Rules``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract import gazetteer as gz
from kg.extract import tree
from kg.extract.eventwords import (
    MEASURE_NOUNS,
    NEGOTIATION_NOUNS,
    mediating_lemma,
)
from kg.extract.keys import slug
from kg.extract.records import Actor, Candidate

if TYPE_CHECKING:
    from kg.extract.relations import Rules


def relations(rules: Rules, v: Token) -> list[Candidate]:
    """A third party bringing two sides together consults each of them (CAMEO 045 "engage in mediation"
    → CONSULT): "X mediated between A and B", "X brokered a truce between A and B", "talks hosted by X
    between A and B", "an X-mediated truce between A and B", "X-led talks between A and B", "a round of
    talks brokered by X", a one-token "X-brokered" whose modifier names a state or group.

    The sides: the "between" phrase; else the partner of the brokered noun and the subject of the verb
    that governs it ("A signed a deal with B brokered by X"), or that verb's conjoined subjects ("A and
    B signed an X-brokered truce"); else the two parties named in the sentence or the one before
    ("A accused B ... after talks brokered by X ended"). A place named with the mediator ("brokered by
    X in Y") is where it happened."""
    lemma = mediating_lemma(v)
    noun = v.head if v.dep_ in ("acl", "amod", "compound") and v.head.pos_ == "NOUN" else None
    objs = [d for c in tree.children(v, "dobj") for d in tree.conjuncts(c)]
    if noun is None and objs and objs[0].pos_ == "NOUN":
        noun = objs[0]
    if noun is not None and noun.lemma_.lower() in MEASURE_NOUNS:
        # "mediated a round of talks", "a series of meetings hosted by X": the measured noun
        noun = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in tree.pobjs(c)), noun)
    if lemma != "mediate" and not (
        noun is not None and (noun.lemma_.lower() in NEGOTIATION_NOUNS or noun.lower_ in NEGOTIATION_NOUNS or rules.trigger(noun) is not None)
    ):
        return []  # "hosted a dinner", "arranged flights": no sides brought together
    if v.lemma_.lower() != lemma and noun is not None:
        mediators = _hyphen_mediator(rules, v)  # "U.S.-brokered": one token
    elif v.dep_ in ("amod", "compound") and noun is not None and v.head.i == noun.i:
        # "Turkish-mediated", "Qatari-brokered": the modifier before the hyphen
        mods = [c for c in v.children if c.dep_ in ("npadvmod", "amod", "compound", "nmod") and c.i < v.i]
        mediators = [a for c in mods if (a := rules.ents.actor(c, allow_pronoun=False, allow_modifier=True))]
    elif tree.agents(v):
        mediators = rules.resolve(tree.agents(v), modifier="state")
    else:
        mediators = rules.resolve(rules.subjects(v), modifier="state", subject=True)
    if not mediators:
        return []
    own = frozenset(m.key for m in mediators)
    holders = [v] + ([noun] if noun is not None else []) + tree.agents(v) + objs
    sides = [p for h in holders for p in tree.prep_objects(h, "between")]
    parties = rules.resolve(sides, modifier="state", exclude=own)
    if not sides and noun is not None:
        parties = _brokered_sides(rules, noun, own)
    return [Candidate(m, "consult", p, v, "mediation", 0.65) for m in mediators for p in parties if m.key != p.key]


def _brokered_sides(rules: Rules, noun: Token, own: frozenset[str]) -> list[Actor]:
    """The sides of a brokered noun with no "between" phrase (see ``relations``)."""
    partners = tree.prep_objects(noun, "with")
    gov = noun.head
    governing = [] if noun.dep_ not in ("dobj", "attr") or gov.pos_ not in ("VERB", "AUX") else rules.subjects(gov)
    if partners and governing:
        found = rules.resolve(governing + partners, modifier="state", exclude=own)
        return found if len(found) >= 2 else []
    if len(governing) > 1:
        found = rules.resolve(governing, modifier="state", exclude=own)
        return found if len(found) >= 2 else []
    return rules.args.two_parties(noun, own)


def _hyphen_mediator(rules: Rules, v: Token) -> list[Actor]:
    """ "U.S.-brokered", "EU-mediated" as one token: the state, seat or organisation the part before the
    suffix names, or nothing."""
    prefix = v.text.rsplit("-", 1)[0]
    state = gz.lookup_state(prefix) or gz.lookup_seat(prefix)
    if state is not None:
        return [Actor(rules.ents.state_key(state.iso, prefix), None, "modifier")]
    group = gz.lookup_group(prefix)
    if group is not None:
        cls = group.type if group.type in ("ArmedGroup", "InternationalOrganization", "Group", "GovernmentBody") else "Group"
        return [Actor(rules.ents.add(f"group/{slug(group.name)}", group.name, cls, None, prefix), None, "modifier")]
    return []
