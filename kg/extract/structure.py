"""Mentions of groups, states and their forces → the structural statements the text makes about them:
basedIn ("the Somali militant group X", "X, based in Y"), memberOf ("the UAE, a member of the coalition",
"Kuwait and Oman belong to the GCC") and memberOf by troop contribution ("Kenya, which contributes troops
to AMISOM").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract import actors, coref
from kg.extract.mentions import (
    DEMONYM,
    GROUP,
    GROUP_CUE_NOUNS,
    ORG,
    PLACE,
    SEAT,
    STATE,
)
from kg.extract.records import Structural
from kg.extract.tree import RELATIVE_PRONOUNS

if TYPE_CHECKING:
    from kg.extract.entities import DocEntities

CONTRIBUTE_VERBS = frozenset({"contribute", "commit", "deploy", "provide", "send"})
BASE_VERBS = frozenset("base headquarter station operate locate".split())
MEMBER_NOUNS = frozenset("member affiliate faction wing branch offshoot franchise part component signatory".split())


def based_in(ents: DocEntities) -> None:
    """ "the Somali militant group al-Shabaab", "Yemen-based AQAP" → basedIn Somalia / Yemen."""
    doc = ents.doc
    for m in ents.mentions:
        if m.kind not in (GROUP, ORG):
            continue
        gkey = ents.key_of(m, acting=False)
        if gkey is None or ents.ents[gkey].cls not in ("ArmedGroup", "Group"):
            continue
        root = doc[m.start : m.end].root
        cands = [t for t in root.subtree if t.i < m.start]
        # "al-Shabaab, a Somali militant group" / "the Somali group al-Shabaab"
        anchor = None
        for c in root.children:
            if c.dep_ == "appos" and c.lemma_.lower() in GROUP_CUE_NOUNS:
                anchor = c
        if root.dep_ in ("appos", "compound") and root.head.lemma_.lower() in GROUP_CUE_NOUNS:
            anchor = root.head
        if anchor is not None:
            cands += [t for t in anchor.subtree if t.i < anchor.i]
        # the parse of long transliterated names is often broken: also read the words just before
        lo = m.start
        while lo > 0 and m.start - lo < 5 and not doc[lo - 1].is_punct and doc[lo - 1].pos_ not in ("VERB", "AUX", "ADP"):
            lo -= 1
        cands += [t for t in doc[lo : m.start] if t not in cands]
        if lo > 1 and doc[lo - 1].text == "-" and doc[lo].lower_ == "based":
            cands.append(doc[lo - 2])
        # "Jaish-e-Mohammed, a militant group based in Pakistan", "LeT, headquartered in Muridke"
        for head in [root] + ([anchor] if anchor is not None else []):
            for acl in head.children:
                if acl.dep_ in ("acl", "relcl") and acl.lemma_.lower() in BASE_VERBS:
                    place = _place_of(ents, acl)
                    if place:
                        ents.link(Structural(gkey, "basedIn", place, root.sent, "group-based-in", 0.8))
        based = [t for t in cands if t.lower_ == "based"]
        cue = anchor is not None or any(t.lemma_.lower() in GROUP_CUE_NOUNS for t in cands)
        if not (based or cue):
            continue
        for t in cands:
            sm = ents.mention_at(t)
            if sm is not None and sm.kind in (STATE, DEMONYM):
                skey = ents.key_of(sm, acting=True)
                if skey:
                    ents.link(Structural(gkey, "basedIn", skey, root.sent, "group-nationality", 0.8))
                break


def _place_of(ents: DocEntities, verb: Token) -> str | None:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "at", "out"):
            for p in prep.children:
                pm = ents.mention_at(p) if p.dep_ == "pobj" else None
                if pm is not None and pm.kind in (STATE, DEMONYM, SEAT, PLACE):
                    return ents.key_of(pm, acting=pm.kind != SEAT)
    return None


def membership(ents: DocEntities) -> None:
    """ "the UAE, a leading member of the coalition", "Al-Shabaab, al-Qaeda's affiliate",
    "Kuwait and Oman belong to the Gulf Cooperation Council" → memberOf."""
    doc = ents.doc
    for m in ents.mentions:
        if m.kind not in (STATE, GROUP, ORG):
            continue
        root = doc[m.start : m.end].root
        members = [m]
        heads = [c for c in root.children if c.dep_ == "appos" and c.lemma_.lower() in MEMBER_NOUNS]
        if root.dep_ == "nsubj":
            verb = root.head
            heads += [c for c in verb.children if c.dep_ == "attr" and c.lemma_.lower() in MEMBER_NOUNS]
            if verb.lemma_.lower() in ("belong", "join"):
                heads.append(verb)
            members += [ents.mention_at(c) for c in root.children if c.dep_ == "conj" and ents.mention_at(c)]
            # "Kuwait and Oman, like Qatar, belong to ...": the compared state belongs too
            members += [
                ents.mention_at(p)
                for c in root.children
                if c.dep_ == "prep" and c.lower_ == "like"
                for p in c.children
                if p.dep_ == "pobj" and ents.mention_at(p) is not None and ents.mention_at(p).kind == STATE
            ]
        for h in heads:
            target = None
            for c in h.children:
                if c.dep_ == "poss":
                    cm = ents.mention_at(c)
                    target = cm if cm is not None and cm.kind in (GROUP, ORG) else None
                elif c.dep_ in ("prep", "dobj") and (c.lower_ in ("of", "to") or c.dep_ == "dobj"):
                    for p in ([c] if c.dep_ == "dobj" else [x for x in c.children if x.dep_ == "pobj"]):
                        cm = ents.mention_at(p)
                        if cm is None:  # "the six-member Gulf Cooperation Council" parsed around its head
                            cm = next((ents.mention_at(x) for x in p.children if x.dep_ == "compound" and ents.mention_at(x)), None)
                        target = cm if cm is not None and cm.kind in (GROUP, ORG) else target
                if target is not None:
                    break
            if target is None:
                continue
            tkey = ents.key_of(target, acting=False)
            for mem in members:
                mkey = ents.key_of(mem, acting=mem.kind == STATE) if mem else None
                if mkey and tkey and mkey != tkey:
                    ents.link(Structural(mkey, "memberOf", tkey, root.sent, "membership", 0.75))


def contributions(ents: DocEntities) -> None:
    """ "Kenya, which contributes 3,600 troops to AMISOM", "Ugandan troops serving with AMISOM": a state
    whose forces serve in an international mission or coalition is a member of it."""
    verbs = CONTRIBUTE_VERBS | {"serve"}
    for tok in ents.doc:
        lemma = tok.lemma_.lower()
        if lemma not in verbs or tok.pos_ != "VERB":
            continue
        preps = ("with", "in", "under") if lemma == "serve" else ("to",)
        groups = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children if p.dep_ == "pobj"]
        gm = next((ents.mention_at(g) for g in groups if ents.mention_at(g) is not None), None)
        gkey = ents.key_of(gm, acting=False) if gm is not None and gm.kind in (GROUP, ORG) else None
        if gkey is None or ents.ents[gkey].cls not in ("InternationalOrganization", "Group"):
            continue
        if lemma == "serve":  # "<Ugandan troops> serving with X"
            forces = [tok.head] if tok.dep_ in ("acl", "relcl") else [c for c in tok.children if c.dep_ == "nsubj"]
        else:
            if not any(c.dep_ == "dobj" and actors.sector(c.lower_, c.lemma_.lower()) == "MIL" for c in tok.children):
                continue
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            forces = [tok.head] if tok.dep_ == "relcl" and (subj is None or subj.lower_ in RELATIVE_PRONOUNS) else [subj]
        for f in forces:
            if f is None or (lemma == "serve" and actors.sector(f.lower_, f.lemma_.lower()) != "MIL"):
                continue
            a = coref.actor(ents, f, allow_pronoun=False)
            state = ents.state_of(a.key) if a is not None else None
            if state is not None:
                ents.link(Structural(state, "memberOf", gkey, tok.sent, "troop-contribution", 0.7))


