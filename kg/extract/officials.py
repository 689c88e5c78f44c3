"""Every placement read for a person (``kg.extract.titles``) → officialOf / leaderOf statements: where each
official serves, decided once per person from all their mentions, in order of trust (see
``place_officials``), and whether a title leads what it serves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from kg.extract import gazetteer as gz
from kg.extract import roles
from kg.extract.keys import slug
from kg.extract.mentions import (
    GROUP,
    GROUP_CUE_MODS,
    PERSON,
    Mention,
)
from kg.extract.records import Structural

if TYPE_CHECKING:
    from kg.extract.entities import DocEntities

LEADER_WORDS = frozenset(
    "leader chief head founder emir amir commander chairman chairperson chair president secretary-general "
    "director-general co-founder supremo".split()
)
# words of a title that say its holder holds no state office now, whatever a dated role says
NOT_IN_OFFICE = GROUP_CUE_MODS | {"former", "ex", "late", "opposition", "exiled"}
# heads of an international organization's secretariat: "Secretary-General X" serves the organization
ORGANIZATION_HEADS = ("secretary-general", "secretary general", "director-general", "director general")
HEAD_OF_STATE_WORDS = frozenset("president premier king queen emir amir sultan monarch chancellor".split())
# confidence of an officialOf/leaderOf statement by the evidence that placed the official
_TRUST = {
    "official-title": 0.85, "official-apposition": 0.85, "official-role": 0.7, "official-of-official": 0.7,
    "official-organization": 0.55, "official-locale": 0.6, "official-dateline": 0.55,
}  # fmt: skip


def place_officials(ents: DocEntities) -> None:
    """Where each person serves, decided once per person from every mention, in order of trust:

    1. the text's own titles: words of the title before the name ("Syrian Foreign Minister X", "Iran's
       foreign ministry spokesman X") and appositions or copulas ("X, Kenya's ambassador to ...",
       "X, a spokesman for the Taliban", "X is a deputy leader of Y"): every state or group they name;
    2. a dated role in the actor dictionary (``kg.extract.roles``) for a person no title places;
    3. whom they serve ("Kiir's chief of staff", "his envoy") or the organization a secretary-general heads;
    4. weak cues, kept only if they agree: a head of state in a sentence opened by a seat ("In Lusaka,
       President X"), and the dateline under the narrow condition of ``_dateline_seat``.

    A weaker kind of evidence is read only when no stronger one placed the person; a state unknown
    beats a wrong one, so two weak cues pointing at different states place the person nowhere.
    """
    first: dict[str, Mention] = {}  # each person's first mention (the evidence of a dated role)
    for m in ents.mentions:
        if id(m) in ents.person_keys:
            first.setdefault(ents.person_keys[id(m)], m)
    pending = []
    for key in [k for k in ents.ents if k.startswith("person/")]:
        strong = [p for p in ents.placements.get(key, ()) if p.rule in ("official-title", "official-apposition")]
        role = None if strong or key not in first else _dated_role(ents, key, first[key])
        if strong or role:
            _affiliate(ents, key, strong or [role])  # type: ignore[list-item]
        elif key in ents.untitled:
            pending.append(key)
    for key in pending:  # after the others: whom they serve must be placed first
        placement = _served_placement(ents, key)
        if placement is None:
            weak = [p for p in ents.placements.get(key, ()) if p.rule == "official-locale"]
            weak += [
                Placement(seat, title, "official-dateline", root.sent)
                for _, root, title, _ in ents.untitled[key]
                for seat in [_dateline_seat(ents, title, root)]
                if seat
            ]
            placement = weak[0] if len({p.aff for p in weak}) == 1 else None
        if placement is not None:
            _affiliate(ents, key, [placement])


def _served_placement(ents: DocEntities, key: str) -> Placement | None:
    """Whom an official with no state or group in their titles serves, or the organization they head."""
    for m, root, title, toks in ents.untitled[key]:
        aff = _served_official(ents, key, toks)
        if aff:
            return Placement(aff, title, "official-of-official", root.sent)
        org = _organization_head(ents, m, title)
        if org:
            return Placement(org, title, "official-organization", root.sent)
    return None


def _dated_role(ents: DocEntities, key: str, first: Mention) -> Placement | None:
    """The state office the actor dictionary gives a person on the document's date (any full name the
    document writes them by), with the text's title if it gives one; None unless all agree on one state."""
    b = ents.ents[key]
    said = {w for t in ents.titles.get(key, ()) for w in t.lower().replace("-", " ").split()}
    if said & NOT_IN_OFFICE:
        return None  # "former President X", "rebel leader X": the text says they hold no state office now
    forms = {b.label, *b.alts}
    states = {roles.office_state(f, ents.date) for f in forms if len(f.split()) >= 2} - {None}
    if len(states) != 1:
        return None
    return Placement(ents.state_key(states.pop()), b.title or "", "official-role", ents.doc[first.start].sent)


def _affiliate(ents: DocEntities, key: str, placements: list[Placement]) -> None:
    """officialOf each state or group placed; leaderOf where one of its titles leads it (a head of state
    or government for a state, "leader", "chief", "founder"... for a group)."""
    by_aff: dict[str, list[Placement]] = {}
    for p in placements:
        by_aff.setdefault(p.aff, []).append(p)
    for aff, ps in by_aff.items():
        state = aff.startswith("state/")
        lead = any(head_of_state_title(p.title) if state else leader_title(p.title) for p in ps)
        p = ps[0]
        ents.link(Structural(key, "leaderOf" if lead else "officialOf", aff, p.sent, p.rule, _TRUST[p.rule]))


def _served_official(ents: DocEntities, key: str, toks: list[Token]) -> str | None:
    """ "Kiir's chief of staff", "the spokesman for President X", "his special envoy":
    the state or group of the official served."""
    for t in toks:
        other = None
        pm = ents.mention_at(t)
        if pm is not None and pm.kind == PERSON and (t.dep_ == "poss" or t.head.lower_ in ("for", "to")):
            other = ents.person_keys.get(id(pm))
        elif t.dep_ == "poss" and t.lower_ in ("his", "her"):
            for o in ents.before(t.i, 30):
                ok = ents.person_keys.get(id(o)) if o.kind == PERSON else None
                if ok and ok != key and ents.ents[ok].cls == "Official":
                    other = ok
                    break
        if other and other != key:
            for st in ents.structural:
                if st.subject == other and st.relation in ("officialOf", "leaderOf"):
                    return st.object
    return None


def _organization_head(ents: DocEntities, m: Mention, title: str) -> str | None:
    """ "Secretary-General X" with no organization named: the organization the document is about (the
    first international organization it names, or the whole that organization is part of)."""
    if not any(w in title.lower() for w in ORGANIZATION_HEADS):
        return None
    for o in ents.mentions:
        if o.kind == GROUP:
            info = gz.group_info(str(o.ref))
            if getattr(info, "type", None) != "InternationalOrganization":
                continue
            whole = gz.group_info(info.part_of) if info.part_of else None
            if whole is not None:
                return ents.add(f"group/{slug(whole.name)}", whole.name, whole.type)
            return ents.key_of(o, acting=False)
    return None


def _dateline_seat(ents: DocEntities, title: str, root: Token) -> str | None:
    """ "NAIROBI, May 2 — President X ...": the dateline's state for a head of state or government or a
    minister the text names with no state, only in a document that names no other state.

    A dateline says where the story was filed, not whose official a person is: visits, summits and
    talks are reported from the host's capital, and those stories name the visitors' states. Where the
    text names no state but the dateline's, no other state is offered, and such an office (one held at
    home, unlike an envoy's or a spokesman's) is that state's. Anything wider placed visitors in their
    hosts' states ("Putin leaderOf Turkey" in a story filed from Ankara). Nor where the official acts
    on the dateline's state ("Foreign Minister X met Indian officials"): that is a visitor.
    """
    words = title.lower().replace("-", " ").split()
    if not (head_of_state_title(title) or "minister" in words):
        return None
    if ents.sole_dateline is None:
        return None
    seat, mentions = ents.sole_dateline
    for x in mentions:
        xr = ents.doc[x.start : x.end].root
        xr = xr.head if xr.dep_ in ("amod", "compound", "nmod") else xr  # "Indian officials"
        if in_object(xr) and root.dep_ in ("nsubj", "nsubjpass") and root.head in xr.ancestors:
            return None  # "Foreign Minister X met Indian officials": a visitor acting on the host
    return ents.key_of(seat, acting=True)


def head_of_state_title(title: str | None) -> bool:
    """ "President", "Prime Minister", "King": a title that makes its holder the head of a state."""
    words = (title or "").lower().replace(".", "").split()
    if not words or any(w in ("vice", "deputy", "former", "ex") for w in words):
        return False
    return words[-1] in HEAD_OF_STATE_WORDS or words[-2:] == ["prime", "minister"]


def leader_title(title: str | None) -> bool:
    """ "leader", "chief", "supreme leader", "chairperson of X" lead; "chief spokesman" and "Secretary-General"
    do not (the head word, the last before an "of"/"for" complement, decides)."""
    words = before_complement((title or "").lower().split())
    # the head of an organization's secretariat serves it ("Secretary-General X"): officialOf
    return bool(words) and words[-1] in LEADER_WORDS and words[-1] not in ORGANIZATION_HEADS


def before_complement(words: list[str]) -> list[str]:
    """A title's words up to its "of"/"for" complement: the head word is then the last."""
    for cut in ("of", "for"):
        if cut in words[1:]:
            words = words[: words.index(cut, 1)]
    return words


def in_object(tok: Token) -> bool:
    """Is the token (inside) an object phrase: "India", "the AU and the United States", "Pakistan's envoy"?
    ("Egyptian officials" as an object stays ambiguous: whose office the title is, is not said.)"""
    for _ in range(5):
        if tok.dep_ in ("dobj", "pobj", "dative"):
            return True
        if tok.dep_ not in ("conj", "appos", "poss") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


@dataclass(frozen=True)
class Placement:
    """One piece of evidence of where a person serves: the state or group, the title read, the rule."""

    aff: str
    title: str
    rule: str
    sent: Span


