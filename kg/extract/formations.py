"""DocEntities of a defence or security text → the structural statements of its formations and people
(after DocEntities' own structural passes; ``structural(ents)``):

* "Coalition nations include A, B and C", "NATO comprises A", "Y consists of A", "Y, including A"
  → A memberOf the group (a group has members; only states and groups are members);
* "the 2nd Battalion, 7th Marine Regiment" (a unit, then its larger parent formation) → memberOf;
* "X ... as part of Y" (X and Y groups) → X memberOf Y; "X was assigned to Y" → memberOf;
* "the group is led by X", "X, the commander of Y", "a member of Y" → leaderOf / memberOf.

All word lists are module constants; nothing is compiled per document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from kg.extract import coref, tree
from kg.extract import gazetteer as gz
from kg.extract.mentions import BODY, DEMONYM, GROUP, ORG, PERSON, STATE, Mention
from kg.extract.military import LEAD_VERBS, UNIT_HEADS
from kg.extract.records import Structural

if TYPE_CHECKING:
    from kg.extract.entities import DocEntities

# "Coalition nations", "NATO members", "member states of the EU": the states that make up a group
MEMBER_WORDS = frozenset("nation country state member partner ally government".split())
# verbs of composition: "Y includes / comprises / consists of / is made up of / is composed of A, B and C"
COMPOSE_VERBS = frozenset({"include", "comprise", "consist", "compose", "make"})
# the size order of formations, smallest first: in a designation "2nd Battalion, 7th Marine Regiment"
# the parent named after the comma is the larger one
ECHELONS = {
    "team": 0, "detachment": 0, "platoon": 1, "company": 2, "battery": 2, "troop": 2,
    "battalion": 3, "squadron": 3, "regiment": 4, "group": 4, "marines": 4, "infantry": 4,
    "cavalry": 4, "artillery": 4, "brigade": 5, "wing": 5, "division": 6, "corps": 7, "fleet": 7,
    "army": 8, "command": 8,
}
# "commander of X", "X's commanding general", "X commander": the formation a commander leads
COMMAND_TITLES = frozenset({"commander", "commandant"})
COMMANDING = frozenset({"commanding"})  # "the commanding general / officer of X"
# "X, a member of Y", "X was a militant active with Y", "X, an ISIS fighter": a person in a group
PERSON_MEMBER_NOUNS = frozenset("member militant fighter operative militiaman jihadist recruit".split())


def _unit(m: Mention | None, doc: Doc) -> bool:
    return m is not None and m.kind in (ORG, GROUP) and doc[m.end - 1].lower_ in UNIT_HEADS


def _echelon(m: Mention, doc: Doc) -> int:
    """A formation's size rank from its head word (unknown heads rank above every known one)."""
    return ECHELONS.get(doc[m.end - 1].lower_, len(ECHELONS))


def _group_key(ents: DocEntities, tok: Token) -> str | None:
    a = ents.actor(tok, allow_pronoun=False)
    if a is None and tok.lemma_.lower() in MEMBER_WORDS:
        near = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
        near += [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "in") for p in c.children if p.dep_ == "pobj"]
        for c in near:
            m = ents.by_token[c.i]
            if m is not None and m.kind in (GROUP, ORG):
                key = ents.key_of(m, acting=True)
                if key and key.startswith("group/"):
                    coref.name_members(ents, key, tok, min(m.start, c.i), max(tok.i, c.i) + 1)
                    return key
    if a is None or not a.key.startswith("group/"):
        return None
    return a.key


def structural(ents: DocEntities) -> None:
    """memberOf from inclusion lists, unit designations and "as part of"; commanders of formations."""
    commanders(ents)
    person_memberships(ents)
    doc = ents.doc
    for m in ents.mentions:
        # "2nd Battalion, 7th Marine Regiment": the unit, then the larger formation it belongs to
        if m.end + 1 < len(doc) and doc[m.end].text == "," and _unit(m, doc):
            nxt = ents.by_token[m.end + 1]
            if nxt is not None and nxt.start == m.end + 1 and _unit(nxt, doc) and _echelon(m, doc) < _echelon(nxt, doc):
                a, b = ents.key_of(m, acting=False), ents.key_of(nxt, acting=False)
                if a and b and a != b:
                    ents.link(Structural(a, "memberOf", b, doc[m.start].sent, "unit-designation", 0.75))
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma in COMPOSE_VERBS and tok.pos_ == "VERB":
            _composition(ents, tok)
        elif lemma == "assign" and tok.pos_ == "VERB":
            # "Cpl. X was assigned to 4th Battalion, 3rd Marine Regiment": a member of that unit
            persons = [ents.by_token[c.i] for c in tok.children if c.dep_ == "nsubjpass"]
            if persons and persons[0] is None and tok.dep_ == "relcl":
                persons = [ents.by_token[tok.head.i]]
            units = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
            for pm in persons:
                pkey = ents.key_of(pm, acting=True) if pm is not None and pm.kind == PERSON else None
                for ut in units:
                    ukey = _commands(ents, ents.by_token[ut.i])
                    if pkey and ukey and ukey != pkey:
                        ents.link(Structural(pkey, "memberOf", ukey, tok.sent, "assigned-to", 0.75))
        elif lemma in LEAD_VERBS and tok.pos_ == "VERB":
            # "the task force is led by Commodore X" / "Gen. X commands the brigade" → X leaderOf it
            if any(c.dep_ == "nsubjpass" for c in tok.children):
                leaders = [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
                units = [u for c in tok.children if c.dep_ == "nsubjpass" for u in tree.conjuncts(c, appos="any")]
                if tok.dep_ == "relcl" and all(u.lower_ in ("which", "that", "who") for u in units):
                    units = [tok.head]  # "the brigade, which was led until May by X"
            else:
                leaders = [c for c in tok.children if c.dep_ == "nsubj"]
                units = [c for c in tok.children if c.dep_ == "dobj"]
            for lt in leaders:
                lm = ents.by_token[lt.i]
                if lm is None or lm.kind != PERSON:
                    continue
                lkey = ents.key_of(lm, acting=True)
                for ut in units:
                    ukey = _commands(ents, ents.by_token[ut.i])
                    if ukey is None and coref.anaphor(ents, ut):  # "the group ... is led by X"
                        ukey = coref.antecedent(ents, ut, groups_only=True)
                    if lkey and ukey and ukey != lkey:
                        ents.link(Structural(lkey, "leaderOf", ukey, tok.sent, "led-by", 0.75))
        elif lemma == "part" and tok.dep_ == "pobj" and tok.head.lower_ == "as":
            # "the battalion trains recruits as part of the 3rd Division"
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            whole = next((p for p in of.children if p.dep_ == "pobj"), None) if of is not None else None
            wkey = _group_key(ents, whole) if whole is not None else None
            verb = tok.head.head
            if wkey is None or verb.pos_ not in ("VERB", "AUX"):
                continue
            subs = [c for c in verb.children if c.dep_ == "nsubj"]
            if verb.dep_ == "relcl" and all(s.lower_ in ("who", "which", "that") for s in subs):
                subs = [verb.head]
            for s in subs:
                actor = ents.actor(s, allow_pronoun=False)
                skey = actor.key if actor is not None and actor.key.startswith(("group/", "state/")) else None
                if skey and skey != wkey:
                    ents.link(Structural(skey, "memberOf", wkey, tok.sent, "part-of", 0.7))


def _composition(ents: DocEntities, tok: Token) -> None:
    """Membership by composition: "Y includes / comprises / consists of / is made up of / is composed of
    A, B and C", "Y, which includes A", "Y, including A and B". Only a group (a named group, or a member
    noun of one: "Coalition nations", "NATO members") has members, and only states and groups are
    members."""
    lemma = tok.lemma_.lower()
    preps = [c for c in tok.children if c.dep_ in ("prep", "agent")]
    if lemma == "make":  # "made up of X", "made up largely by X"
        if not any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
            return
        objs = [p for c in preps if c.lower_ in ("of", "by") for p in c.children if p.dep_ == "pobj"]
    elif lemma in ("consist", "compose"):  # "consists of X", "is composed of X"
        objs = [p for c in preps if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    elif tok.dep_ == "prep":  # "Y, including A and B"
        objs = [p for p in tok.children if p.dep_ == "pobj"]
    else:
        objs = [c for c in tok.children if c.dep_ == "dobj"]
    if tok.dep_ == "prep":
        whole = tok.head
    else:
        whole = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (whole is None or whole.lower_ in ("which", "that")) and tok.dep_ in ("relcl", "acl"):
            whole = tok.head  # "the SDF, which includes X" / "the SDF, made up of X and Y"
    gkey = _group_key(ents, whole) if whole is not None else None
    if gkey is None:
        return
    for obj in objs:
        for member in tree.conjuncts(obj, appos="any"):
            mm = ents.by_token[member.i]
            if mm is None or mm.kind not in (STATE, DEMONYM, GROUP, ORG):
                continue
            mkey = ents.key_of(mm, acting=mm.kind in (STATE, DEMONYM))
            if mkey and mkey != gkey and mkey.startswith(("state/", "group/")):
                ents.link(Structural(mkey, "memberOf", gkey, tok.sent, "inclusion-list", 0.75))


def _commands(ents: DocEntities, m: Mention | None) -> str | None:
    """The key of a formation a commander can lead: a military body ("U.S. Central Command"), a unit
    or a group; a state is no command ("commander of U.S. forces" serves the state)."""
    if m is None:
        return None
    if m.kind == BODY:
        hit = gz.lookup_body_info(str(m.ref[1]) if isinstance(m.ref, tuple) else m.text)
        military = hit is not None and getattr(hit[1], "sector", None) == "MIL"
        if not military and ents.doc[m.end - 1].lower_ not in UNIT_HEADS:
            return None
        return ents.key_of(m, acting=False)
    if m.kind in (ORG, GROUP):
        return ents.key_of(m, acting=False)
    return None


def _command_titles(doc: Doc) -> list[Token]:
    """Title nouns of a command, in document order: "commander", "commandant", and a noun that a
    "commanding" modifies ("the commanding general"), found from the modifier (no walk over every
    noun's children)."""
    out = {}
    for tok in doc:
        low = tok.lower_
        if low in COMMAND_TITLES or tok.lemma_.lower() in COMMAND_TITLES:
            out[tok.i] = tok
        elif low in COMMANDING and tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN":
            out[tok.head.i] = tok.head
    return [out[i] for i in sorted(out)]


def _titled_person(ents: DocEntities, tok: Token) -> Mention | None:
    """The person a title noun names: "X, commander, ..." / "the commander, X" / "Y commander X"."""
    cands = [tok.head] if tok.dep_ in ("appos", "compound") else []
    cands += [c for c in tok.children if c.dep_ == "appos"]
    for c in cands:
        m = ents.by_token[c.i]
        if m is not None and m.kind == PERSON:
            return m
    return None


def _commanded(ents: DocEntities, tok: Token) -> Mention | None:
    """The formation after "commander": "of X", "X's", an apposition, a compound, or ", X" right after."""
    doc = ents.doc
    cands: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            cands += [p for p in c.children if p.dep_ == "pobj"]
        elif c.dep_ in ("poss", "compound", "nmod") and c.i < tok.i:
            cands.append(c)
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," and tok.i + 2 < tok.sent.end:
        cands.append(doc[tok.i + 2])  # "X, commander, U.S. Africa Command, said"
    for c in tok.children:
        if c.dep_ == "appos" and ents.by_token[c.i] is not None and ents.by_token[c.i].kind != PERSON:
            cands.append(c)
    for c in cands:
        m = ents.by_token[c.i]
        if m is not None and m.kind != PERSON:
            return m
    return None


def _group_in(ents: DocEntities, tok: Token) -> str | None:
    m = ents.by_token[tok.i]
    if m is None:  # "the ISIS Shura Council" parsed around its head
        m = next((ents.by_token[c.i] for c in tok.children if c.dep_ == "compound" and ents.by_token[c.i]), None)
    if m is None or m.kind not in (GROUP, ORG):
        return None
    key = ents.key_of(m, acting=False)
    return key if key and key.startswith("group/") else None


def person_memberships(ents: DocEntities) -> None:
    doc = ents.doc
    for m in ents.mentions:
        if m.kind != PERSON:
            continue
        root = doc[m.start : m.end].root
        heads = [c for c in root.children if c.dep_ == "appos" and c.lemma_.lower() in PERSON_MEMBER_NOUNS]
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            heads += [c for c in root.head.children if c.dep_ == "attr" and c.lemma_.lower() in PERSON_MEMBER_NOUNS]
        pkey = ents.key_of(m, acting=True) if heads else None
        for h in heads:
            found = None
            places = [h] + [c for c in h.children if c.dep_ == "amod" and c.lower_ in ("active", "involved")]
            for x in places:
                for c in x.children:
                    if c.dep_ in ("poss", "compound") and x is h:
                        found = found or _group_in(ents, c)
                    elif c.dep_ == "prep" and c.lower_ in (("of", "in", "within") if x is h else ("with", "in", "within")):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                found = found or _group_in(ents, p)
            if pkey and found and pkey != found:
                ents.link(Structural(pkey, "memberOf", found, root.sent, "person-member", 0.7))
                break


def commanders(ents: DocEntities) -> None:
    """ "Gen. X, commander of U.S. Africa Command" / "X, commander, Task Force 50" → X leaderOf the
    command (besides any officialOf the state that the title rules give)."""
    doc = ents.doc
    have = {(st.subject, st.object) for st in ents.structural}
    for tok in _command_titles(doc):
        if ents.by_token[tok.i] is not None:
            continue
        pm = _titled_person(ents, tok)
        if pm is None:
            continue
        pkey = ents.key_of(pm, acting=True)
        ckey = _commands(ents, _commanded(ents, tok))
        if not pkey or not ckey or ckey == pkey:
            continue
        # a leader of this very group already stated as its official: the leadership replaces it
        ents.unlink(pkey, "officialOf", ckey)
        if (pkey, ckey) in have and any(
            st.subject == pkey and st.object == ckey and st.relation == "leaderOf" for st in ents.structural
        ):
            continue
        ents.link(Structural(pkey, "leaderOf", ckey, tok.sent, "commander-of", 0.8))
        have.add((pkey, ckey))
