"""Demonym mentions → which of them name a people, not its state ("ethnic Albanians", "Bosnian Serbs",
"Serbs in Kosovo", "local Serbs"): marked ``ethnic`` on the mention, so no state is read from them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract.mentions import (
    DEMONYM,
    PLACE,
    SEAT,
    STATE,
    Mention,
)

if TYPE_CHECKING:
    from kg.extract.entities import DocEntities

# nouns for a people's members and representatives: "Serb leaders in Kosovo" are the Serbs' leaders there
PEOPLE_HEADS = frozenset(
    "leader leadership community minority population resident villager mayor politician people representative "
    "family families protester demonstrator".split()
)


def mark_peoples(ents: DocEntities) -> None:
    """Demonyms that name a people, not its state: marked "ethnic" ("ethnic Albanians", "ethnic
    Albanian mayors"), placed in another state or in a place ("Bosnian Serbs", "Kosovo Serbs", "Serbs in
    Kosovo", "Serb leaders in northern Kosovo", "Kurds living in Syria", "the Armenians of Karabakh") or as
    its local people ("local Serbs").
    Once the text has made a plural demonym a people, its other plural uses ("Serbs blocked the
    roads") are that people too, and so is the same word modifying a people noun ("Serb mayors")."""
    people: set[str] = set()
    for m in ents.mentions:
        if m.kind == DEMONYM and _people_mention(ents, m):
            m.extra["ethnic"] = True
            people.add(m.text.lower().removesuffix("s"))
    if not people:
        return
    for m in ents.mentions:
        if m.kind != DEMONYM or m.extra.get("ethnic") or m.text.lower().removesuffix("s") not in people:
            continue
        root = ents.doc[m.start : m.end].root
        if _people_noun(root) or (root.dep_ in ("amod", "compound") and root.head.lemma_.lower() in PEOPLE_HEADS):
            m.extra["ethnic"] = True


def _people_noun(tok: Token) -> bool:
    """A plural demonym used as a noun: "Serbs", "the Kurds" (not "Serbian troops")."""
    return tok.tag_ in ("NNPS", "NNS") and tok.dep_ not in ("amod", "compound", "nmod")


def _people_mention(ents: DocEntities, m: Mention) -> bool:
    doc = ents.doc
    if m.start > 0 and doc[m.start - 1].lower_ == "ethnic":
        return True
    root = doc[m.start : m.end].root
    before = ents.by_token[m.start - 1] if m.start > 0 else None
    if before is not None and before.kind in (STATE, DEMONYM) and before.ref != m.ref and before.end == m.start \
            and doc[m.end - 1].tag_ in ("NNPS", "NNS"):
        return True  # "Bosnian Serbs", "Kosovo Serbs"
    if _people_noun(root):
        head = root
    elif root.dep_ in ("amod", "compound") and root.head.lemma_.lower() in PEOPLE_HEADS:
        head = root.head  # "Serb leaders in Kosovo"
    else:
        return False
    if any(c.dep_ == "amod" and c.lower_ == "local" for c in head.children):
        return True
    for prep in head.children:  # "the Armenians of Karabakh", "Russians in Crimea": a place not a state
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in") and any(
            p.dep_ == "pobj" and (pm := ents.mention_at(p)) is not None and pm.kind == PLACE for p in prep.children
        ):
            return True
    where = people_state(ents, head)
    return where is not None and where != str(m.ref)


def people_state(ents: DocEntities, head: Token) -> str | None:
    """The state a people noun is placed in by "in" ("Serbs in Kosovo", "Kurds living in Syria")."""
    preps = [c for c in head.children if c.dep_ == "prep"]
    preps += [p for c in head.children if c.dep_ in ("acl", "relcl") for p in c.children if p.dep_ == "prep"]
    for prep in preps:
        if prep.lower_ not in ("in", "inside"):
            continue
        for p in prep.children:
            pm = ents.mention_at(p) if p.dep_ == "pobj" else None
            if pm is not None and pm.kind in (STATE, SEAT) and not ents.dateline(pm):
                return str(pm.ref)
    return None


