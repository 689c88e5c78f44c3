"""A token → the actor it stands for as an event argument (``actor``), or None.

A mention stands for its entity (a seat of government for its State when acting); an organ, a collective
or a people for what ``kg.extract.nominals`` made of it; "Pakistani officials" for Pakistan with a sector;
"the group" for the group named lately (``antecedent``); a pronoun for the speaker of its clause or the
nearest compatible actor; a title noun for the official of that title (``kg.extract.title_anaphora``);
with ``allow_modifier``, the actor behind a thing ("an Indian proposal").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract import actors, names, nominals, qualifiers, title_anaphora, tree
from kg.extract.mentions import (
    BODY,
    DEMONYM,
    GROUP,
    GROUP_CUE_NOUNS,
    ORG,
    PERSON,
    PLACE,
    SEAT,
    STATE,
    Mention,
)
from kg.extract.officials import head_of_state_title
from kg.extract.records import Actor
from kg.extract.tree import QUANTITY_NOUNS
from kg.vocab import ACTOR_CLASSES, GROUP_CLASSES

if TYPE_CHECKING:
    from kg.extract.entities import DocEntities

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
THING_PRONOUNS = frozenset({"it", "they", "them", "we", "us"})
GROUP_ANAPHORS = frozenset(
    "group movement network organization organisation militia outfit faction insurgency bloc alliance".split()
)


def anaphor(ents: DocEntities, tok: Token) -> bool:
    """ "the group", "the movement": a definite group noun with no name of its own."""
    return (
        tok.lemma_.lower() in GROUP_ANAPHORS
        and ents.mention_at(tok) is None
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        and not any(c.dep_ in ("compound", "amod", "appos", "poss") for c in tok.children)
    )


def antecedent(ents: DocEntities, tok: Token, groups_only: bool, within: int = 60) -> str | None:
    """The nearest group (or, unless ``groups_only``, state or group) named before ``tok``. "The group",
    "the movement" or "the militia" is a non-state group, not an international organization."""
    # "the bloc", "the alliance", "the organization" may be an organization of states; the others are not
    informal = tok.lemma_.lower() in GROUP_ANAPHORS and tok.lemma_.lower() not in ("organization", "organisation", "bloc", "alliance")
    cands = ents.before(tok.i, within)
    if groups_only:  # a group that was a clause subject lately is the topic ("The group, which ...")
        recent = tree.recent_start(ents.doc, tok)
        subjects = ("nsubj", "nsubjpass")
        cands = [m for m in cands if m.start >= recent and ents.doc[m.start : m.end].root.dep_ in subjects] + cands
    found: list[str] = []
    for m in cands:
        if tok.i - m.start > 400:
            break
        if m.kind in (GROUP, ORG) or (not groups_only and m.kind in (STATE, DEMONYM)):
            m = _apposed_to(ents, m) or m
            key = ents.key_of(m, acting=m.kind in (STATE, DEMONYM))
            if key and ents.ents[key].cls != "Person":
                if informal and (
                    ents.ents[key].cls in ("InternationalOrganization", "GovernmentBody") or qualifiers.state_force(m)
                ):
                    continue
                if not informal or m.start >= tree.recent_start(ents.doc, tok):
                    return key
                found.append(key)
    if not found:
        return None
    # "the group" with no group in this sentence or the one before: the group the text is about (named
    # most often so far), not whichever was named last in passing; the nearest wins a tie
    named = [m.extra.get("key") for m in ents.before(tok.i, 400) if m.kind in (GROUP, ORG)]
    return max(dict.fromkeys(found), key=named.count)


def _apposed_to(ents: DocEntities, m: Mention) -> Mention | None:
    """ "Al-Shabaab, al-Qaeda's affiliate", "X, a faction of the Taliban": a group named inside
    another group's apposition is not what a later "its" or "the group" refers to; the other is."""
    tok = ents.doc[m.start : m.end].root
    for anc in list(tok.ancestors)[:3]:
        if anc.dep_ == "appos":
            hm = ents.mention_at(anc.head)
            if hm is not None and hm is not m and hm.kind in (GROUP, ORG):
                return hm
            break
    return None


def actor(ents: DocEntities, tok: Token, allow_pronoun: bool = True, allow_modifier: bool | str = False) -> Actor | None:
    """The entity a token stands for as an event argument, or None."""
    m = ents.mention_at(tok)
    if m is not None and ents.dateline(m):
        # "MOGADISHU, April 3 — Al-Shabaab fighters stormed ...": the dateline is no actor
        for app in tok.children:
            if app.dep_ == "appos" and app.ent_type_ not in ("DATE", "TIME"):
                return actor(ents, app, allow_pronoun, allow_modifier)
        return None
    if tok.i in ents.nominal:  # an organ, a collective or a people (kg.extract.nominals)
        return ents.nominal[tok.i]
    if m is not None and ents.ethnic(m):
        return None  # "ethnic Albanians in Serbia": a people, not the Albanian state
    if m is not None:
        if m.kind == PLACE:
            key = ents.key_of(m, acting=True)
            return Actor(key, None, "mention") if key else None
        key = ents.key_of(m, acting=True)
        if key is None:
            return None
        m.extra["acting"] = True
        sector = ents.body_sector.get(key) or ("GOV" if m.kind == SEAT else None)
        if m.kind == DEMONYM and tok.tag_ in ("NNPS", "NNS") and tok.dep_ not in ("amod", "compound", "nmod"):
            return Actor(key, sector, "people")  # "young Algerians": the state's people (see extract_doc)
        return Actor(key, sector, "mention")
    low = tok.lower_
    lemma = tok.lemma_.lower()
    if lemma in QUANTITY_NOUNS or low in QUANTITY_NOUNS:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        found = actor(ents, p, allow_pronoun=False, allow_modifier="state")
                        if found:
                            return found
    if anaphor(ents, tok):
        found = antecedent(ents, tok, groups_only=True)
        if found:
            return Actor(found, None, "anaphor")
    if lemma in GROUP_CUE_NOUNS:
        # "al-Qaeda's terror network", "the Haqqani network": the named group
        for c in tok.children:
            if c.dep_ in ("compound", "appos", "poss", "nmod"):
                cm = ents.mention_at(c)
                if cm is not None and cm.kind in (GROUP, ORG):
                    key = ents.key_of(cm, acting=True)
                    if key:
                        return Actor(key, None, "mention")
    # a title noun with a named person in apposition: "Pakistan's army chief, Gen. Bajwa"
    apposed = [c for c in tok.children if c.dep_ == "appos"]
    if names.is_title_token(tok) and tok.right_edge.i + 2 < len(ents.doc) and ents.doc[tok.right_edge.i + 1].text == ",":
        # the parser attached the name elsewhere: "met the Minister of Defence of Peru, Dr Luis Prado, in"
        after = ents.mention_at(ents.doc[tok.right_edge.i + 2])
        if after is not None and after.kind == PERSON:
            root = ents.doc[after.start : after.end].root
            if root.left_edge.i == tok.right_edge.i + 2 and root.dep_ in ("appos", "npadvmod", "dep"):
                apposed.append(root)
    for c in apposed:
        cm = ents.mention_at(c)
        if cm is not None and cm.kind == PERSON:
            key = ents.key_of(cm, acting=True)
            if key:
                return Actor(key, None, "mention")
    if lemma in GROUP_CUE_NOUNS and tok.i + 1 < len(ents.doc):
        nm = ents.mention_at(ents.doc[tok.i + 1])
        if nm is not None and nm.kind in (GROUP, ORG):  # "the terror group Lashkar-e-Taiba"
            key = ents.key_of(nm, acting=True)
            if key:
                return Actor(key, None, "mention")
    if lemma in nominals.LED_ORGAN_NOUNS:
        # "the Trump administration", "Khan's government": the state its head holds office in
        for c in tok.children:
            cm = ents.mention_at(c) if c.dep_ in ("compound", "poss") else None
            if cm is not None and cm.kind == PERSON:
                state = _office_of(ents, ents.person_keys.get(id(cm)))
                if state:
                    return Actor(state, "GOV", "nominal")
    if names.is_title_token(tok):  # "the US Secretary of State": the official of that title named nearby
        held = title_anaphora.title_anaphor(ents, tok, create=False)
        if held is not None:
            return held
    sector = actors.sector(tok.lower_, tok.lemma_.lower())
    if sector or names.is_title_token(tok) or (lemma in GROUP_CUE_NOUNS and not anaphor(ents, tok)):
        # people acting for a state or group: "Pakistani officials", "Taliban fighters", "officials of
        # Pakistan"; for an organ: "Afghan government officials". The phrase is no name of the state
        # or group (no alt label): "Israeli soldiers" is not a name of Israel.
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod", "poss") and ents.nominal.get(c.i) is not None:
                organ = ents.nominal[c.i]
                return Actor(organ.key, sector or organ.sector, "nominal")  # type: ignore[union-attr]
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod"):
                cm = ents.mention_at(c)
                if cm is not None and cm.kind in (STATE, DEMONYM, SEAT, GROUP, ORG, BODY) and not ents.ethnic(cm):
                    key = ents.key_of(cm, acting=True)
                    if key:
                        name_members(ents, key, tok, min(cm.start, c.left_edge.i), tok.i + 1)
                        return Actor(key, sector or ents.body_sector.get(key) or "GOV", "nominal")
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from", "in"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        cm = ents.mention_at(p)
                        if cm is not None and cm.kind in (STATE, DEMONYM, SEAT, GROUP, ORG, BODY):
                            key = ents.key_of(cm, acting=True)
                            if key:
                                name_members(ents, key, tok, tok.i, cm.end)
                                return Actor(key, sector or ents.body_sector.get(key) or "GOV", "nominal")
    if allow_pronoun and tok.pos_ == "PRON" and (low in PERSON_PRONOUNS or low in THING_PRONOUNS):
        found = _pronoun_antecedent(ents, tok)
        if found:
            return Actor(found, None, "pronoun")
    if allow_modifier:
        # "an Indian proposal", "Belarus's calls", "Israeli army bulldozers": the actor behind a thing
        kinds = (STATE, DEMONYM, SEAT, GROUP, ORG, BODY) + ((PERSON,) if allow_modifier != "state" else ())
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
        for c in mods:  # "Israeli army bulldozers", "Russian coast guard ships": the organ's, not the state's
            if ents.nominal.get(c.i) is not None:
                return Actor(ents.nominal[c.i].key, actors.sector(c.lower_, c.lemma_.lower()) or sector, "modifier")  # type: ignore[union-attr]
        for c in mods:
            for cc in [c] + [g for g in c.children if g.dep_ in ("amod", "compound", "nmod", "poss")]:
                cm = ents.mention_at(cc)
                if cm is not None and cm.kind in kinds and not ents.ethnic(cm):
                    key = ents.key_of(cm, acting=True)
                    if key:
                        return Actor(key, actors.sector(c.lower_, c.lemma_.lower()) or sector, "modifier")
    return title_anaphora.title_anaphor(ents, tok)


def _office_of(ents: DocEntities, person: str | None) -> str | None:
    """The state a person is a head of state or government of (by title), if the document says so."""
    b = ents.ents.get(person) if person else None
    if b is None or b.cls != "Official" or not head_of_state_title(b.title):
        return None
    return next(
        (st.object for st in ents.structural if st.subject == person and st.object.startswith("state/")), None
    )


def name_members(ents: DocEntities, key: str, head: Token, start: int, end: int) -> None:
    """Keep "ISIL fighters", "Taliban negotiators", "Coalition nations" as a surface form of the group
    they stand for: a group's members acting as the group. A state's people or equipment ("Pakistani
    officials", "Turkish artillery") name no one (the statement's sector says who acted), and a state's
    organ ("Iraqi security forces") is a body with its own label."""
    doc = ents.doc
    if names.is_title_token(head) and head.tag_ in ("NN", "NNP"):
        return  # "the Taliban spokesman", "the brigade commander": one person of it, no name of the group
    if start >= head.i:  # "the federal government of Iraq": the head's own modifiers belong to the name
        start = min([start] + [c.left_edge.i for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i])
    while start < end and (doc[start].dep_ in ("det", "punct") or doc[start].tag_ == "POS"):
        start += 1
    if not (0 < end - start <= 8 and key in ents.ents):
        return
    cls = ents.ents[key].cls
    if cls in ACTOR_CLASSES - {"Official", "State", "GovernmentBody"}:
        ents.ents[key].alts.add(doc[start:end].text)


def _pronoun_antecedent(ents: DocEntities, tok: Token) -> str | None:
    """Speaker of the governing speech verb, else the nearest earlier compatible actor in the sentence."""
    low = tok.lower_
    personal = low in PERSON_PRONOUNS
    # "X said it would ...": the subject of the verb that governs this clause
    verb = tok.head
    gov = verb.head if verb.dep_ in ("ccomp", "xcomp", "advcl", "conj") else None
    if gov is not None and gov.i != verb.i:
        for c in gov.children:
            if c.dep_ == "nsubj" and c.i != tok.i:
                found = actor(ents, c, allow_pronoun=False)
                if found and _compatible(ents, found.key, personal):
                    return found.key
    sent = tok.sent
    # "after X came under fire from Y, they asked Z for help": the subject of an earlier clause
    # (third person only: "we" is the speaker's side, not the last subject)
    found = _subject_antecedent(ents, tok, personal) if low not in ("we", "us") else None
    if found:
        return found
    for i in range(tok.i - 1, sent.start - 1, -1):
        m = ents.by_token[i]
        if m is None or m.kind in (PLACE,):
            continue
        key = ents.key_of(m, acting=True)
        if key and _compatible(ents, key, personal):
            return key
    return None


def _subject_antecedent(ents: DocEntities, tok: Token, personal: bool) -> str | None:
    """The nearest earlier clause subject (this sentence, then the one before) that agrees with the
    pronoun: "they" a plural noun, conjoined subjects or a group; "it" a singular; "he"/"she" a person."""
    sent = tok.sent
    sents = [sent]
    if sent.start > 0:
        sents.append(ents.doc[sent.start - 1].sent)
    for sp in sents:
        subjects = [t for t in sp if t.i < tok.i and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"]
        for t in reversed(subjects):
            if t.head.i == tok.head.i:
                continue  # a subject of the pronoun's own verb is not its antecedent
            found = actor(ents, t, allow_pronoun=False)
            if found and _compatible(ents, found.key, personal) and _agrees(ents, tok, t, found.key):
                return found.key
    return None


def _agrees(ents: DocEntities, pron: Token, t: Token, key: str) -> bool:
    """Number agreement of a pronoun with a subject token standing for ``key``."""
    low = pron.lower_
    if low in PERSON_PRONOUNS:
        return True
    plural = t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children)
    cls = ents.ents[key].cls if key in ents.ents else ""
    if low in ("they", "them"):
        return plural or cls in GROUP_CLASSES
    if low == "it":
        return not plural
    return True


def _compatible(ents: DocEntities, key: str, personal: bool) -> bool:
    cls = ents.ents[key].cls if key in ents.ents else ""
    return (cls in ("Official", "Person")) == personal


