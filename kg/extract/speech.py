"""A directive or speech verb that triggers no event itself → candidates aimed at the one ordered or
addressed: "X ordered Y to ..." (rule ``directive``: an order is a REQUEST), "X told Y it must ...", "X said
Y must ..." (a REQUEST), "X told Y that it would close the border" (the announced act, toward Y; rule
``reported-speech``). Functions over the document's ``Rules``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract import tree
from kg.extract.eventwords import (
    ADDRESSEE_VERBS,
    MODALS_INTENT,
    MODALS_REQUEST,
)
from kg.extract.records import Candidate

if TYPE_CHECKING:
    from kg.extract.relations import Rules


def directive(rules: Rules, v: Token) -> list[Candidate]:
    """Object control of a directive verb: "X ordered Y to appear in court" → request X → Y (PLOVER
    REQUEST: "all requests, demands, and orders"). An ordered event ("ordered troops to attack Y") is
    coded as that event instead."""
    acts = [c for c in v.children if c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in tree.children(c, "aux"))]
    if not acts or any(rules.trigger(a) is not None for a in acts) or rules.embedded_in_trigger(v):
        return []
    subs = rules.resolve(rules.subjects(v), modifier="state", subject=True)
    objs = rules.resolve([o for c in tree.children(v, "dobj") for o in tree.conjuncts(c)], modifier=False)
    return [Candidate(s, "request", o, v, "directive", 0.6) for s in subs for o in objs if s.key != o.key]


def reported(rules: Rules, v: Token) -> list[Candidate]:
    """A demand or threat reported through a speech verb that is no trigger itself. Its target is the one
    addressed ("X told Y it must withdraw" → request Y; "X told Y that it would close the border" → the
    announced act toward Y), else the subject of the reported clause ("X said Y must leave")."""
    clauses = tree.children(v, "ccomp")
    if not clauses:
        return []
    speakers = rules.resolve(rules.subjects(v), modifier=False)
    if not speakers:
        return []
    own = frozenset(s.key for s in speakers)
    addressed = []
    if v.lemma_.lower() in ADDRESSEE_VERBS:
        addressed = rules.resolve([o for c in tree.children(v, "dobj", "dative") for o in tree.conjuncts(c)], modifier=False, exclude=own)
    out = []
    for c in clauses:
        aux = {a.lower_ for a in tree.children(c, "aux")}
        clause_subjects = [o for s in tree.children(c, "nsubj") for o in tree.conjuncts(s)]
        if aux & MODALS_REQUEST:
            objs = addressed or rules.resolve(clause_subjects, modifier=False, exclude=own)
            out += [Candidate(s, "request", o, v, "reported-speech", 0.6) for s in speakers for o in objs if s.key != o.key]
            continue
        hit = rules.trigger(c)
        if not addressed or hit is None or not aux & MODALS_INTENT or hit[2] == "noun":
            continue
        # "told Y that it would close the border": the speaker's announced act, aimed at the one told
        # when the clause names no other target (its modality makes it a threat or a promise)
        doers = rules.resolve(clause_subjects, modifier=False)
        if not doers or any(d.key not in own for d in doers) or rules.objects(c, hit[0], hit[1], exclude=own):
            continue
        out += [Candidate(s, hit[0], o, c, "reported-speech", 0.6) for s in speakers for o in addressed if s.key != o.key]
    return out
