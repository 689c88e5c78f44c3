"""A noun in the parse → what qualifies it and what organ it names: the state, group, people or place that
qualifies an organ or collective noun ("the Afghan government", "Pakistan's army", "police in Kenya",
"Kurdish rebels", "rebels in Darfur"), the organ a head noun ends ("the Interior Ministry"), and whether
the noun is bare ("the army"). ``kg.extract.nominals`` decides from these who each organ or collective is.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Token

from kg.extract import actors, names, tree
from kg.extract import gazetteer as gz
from kg.extract.mentions import DEMONYM, GROUP, ORG, PLACE, SEAT, STATE, Mention

if TYPE_CHECKING:
    from kg.extract.entities import DocEntities


# prepositions placing a collective in a state or place: "rebels in Darfur", "fighters from Chad"
COLLECTIVE_PLACE_PREPS = ("in", "from", "inside", "throughout", "across")
QUALIFIER_DEPS = ("amod", "compound", "nmod", "poss", "npadvmod")
COUNTING = frozenset("several many some few dozens hundreds thousands tens scores numerous".split())


@dataclass(frozen=True)
class Qualifier:
    kind: str  # "state" | "group" | "people" | "place"
    value: str  # ISO code, group key, people name or place key
    start: int  # first token of the name phrase it adds
    end: int  # one past its last token
    rule: str = "group-nationality"


def mention_of(ents: DocEntities, tok: Token) -> Mention | None:
    return ents.by_token[tok.i]


def is_state(ents: DocEntities, m: Mention | None) -> bool:
    return m is not None and m.kind in (STATE, DEMONYM, SEAT) and not ents.dateline(m) and not ents.ethnic(m)


def people_name(ents: DocEntities, tok: Token) -> str | None:
    """A nationality or people that is no state ("Kurdish", "Yoruba", "Shiite"), or an ethnic demonym."""
    m = mention_of(ents, tok)
    if m is not None:
        return m.text if m.kind == DEMONYM and ents.ethnic(m) else None
    if tok.ent_type_ == "NORP" and tok.pos_ in ("ADJ", "PROPN", "NOUN") and gz.lookup_state(tok.text) is None:
        return tok.text
    return None


def qualifier(ents: DocEntities, head: Token, organ: bool, groups: bool = True) -> Qualifier | None:
    """Whose the organ or collective is: a state, a group, a people, or (collectives) a place. Without
    ``groups`` a group is reported without its key (no entity is made: the officials are not read yet)."""
    mods = [c for c in head.children if c.dep_ in QUALIFIER_DEPS and c.i < head.i]
    mods += [g for c in list(mods) for g in c.children if g.dep_ in QUALIFIER_DEPS and g.i < c.i]
    for c in sorted(mods, key=lambda t: t.i):
        m = mention_of(ents, c)
        if is_state(ents, m):
            return Qualifier("state", str(m.ref), min(m.start, c.left_edge.i), head.i + 1)  # type: ignore[union-attr]
        if m is not None and m.kind in (GROUP, ORG) and not state_force(m):
            if not groups:
                return Qualifier("group", "", m.start, head.i + 1)
            key = ents.key_of(m, acting=True)
            if key and not key.startswith("body/"):
                return Qualifier("group", key, m.start, head.i + 1)
        people = people_name(ents, c)
        if people:
            start = m.start if m is not None else c.i
            if start > 0 and ents.doc[start - 1].lower_ == "ethnic":
                start -= 1
            return Qualifier("people", people, start, head.i + 1)
    for prep in _state_preps(ents, head, organ):
        for p in prep.children:
            m = mention_of(ents, p) if p.dep_ == "pobj" else None
            if m is None:
                continue
            rule = "group-nationality" if prep.lower_ == "of" else "collective-located"
            if is_state(ents, m):
                return Qualifier("state", str(m.ref), head.i, m.end, rule)
            if m.kind == PLACE and not organ and prep.lower_ != "of":
                return Qualifier("place", ents.key_of(m, acting=False) or "", head.i, m.end, "collective-located")
    return None


def _state_preps(ents: DocEntities, head: Token, organ: bool) -> list[Token]:
    """The prepositions on ``head`` that may name its state or place ("of Peru", "in Darfur"); for an organ
    also those on its portfolio ("the Ministry of Defence of Peru": "of Peru" hangs on "Defence")."""
    out = []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", *COLLECTIVE_PLACE_PREPS):
            continue
        out.append(prep)
        if organ and prep.lower_ == "of":
            out += [c for p in prep.children if p.dep_ == "pobj" and mention_of(ents, p) is None
                    for c in p.children if c.dep_ == "prep" and c.lower_ in ("of", "in")]  # fmt: skip
    return out


def outer_phrase(ents: DocEntities, tok: Token) -> Token | None:
    """The noun an organ phrase modifies, when that noun is a thing or people of the organ, not a title or
    an organ itself: "coast guard" in "Russian coast guard ships", "police" in "police officers"."""
    head = tok.head
    if tok.dep_ != "compound" or head.i <= tok.i or head.pos_ not in ("NOUN", "PROPN") or mention_of(ents, head) is not None:
        return None
    if names.is_title_token(head) or actors.organ([head.text]) is not None:
        return None  # "the army chief", "police forces": a title, or one organ's name
    return head


def organ_qualifier(ents: DocEntities, tok: Token, first: int, groups: bool = True) -> Qualifier | None:
    """Whose an organ is, read on the organ's noun, else on the noun its phrase modifies ("Russian coast
    guard ships", "Kenyan police officers": the state qualifies the whole phrase)."""
    q = qualifier(ents, tok, organ=True, groups=groups)
    outer = outer_phrase(ents, tok) if q is None else None
    if outer is None:
        return q
    q = qualifier(ents, outer, organ=True, groups=groups)
    return q if q is not None and q.start < first else None


def conjoined_states(ents: DocEntities, head: Token) -> tuple[Mention | None, list[Mention]]:
    """The state modifying ``head`` that has conjuncts, and the states conjoined to it ("Ethiopian and
    Eritrean troops" → Ethiopia, [Eritrea]; "American and NATO troops" → the United States, [])."""
    for c in head.children:
        if c.dep_ not in QUALIFIER_DEPS or c.i > head.i or not is_state(ents, mention_of(ents, c)):
            continue
        if not any(x.dep_ == "conj" for x in c.children):
            continue
        out: list[Mention] = []
        for x in tree.conjuncts(c, appos="none")[1:]:
            m = mention_of(ents, x)
            if is_state(ents, m) and m not in out:
                out.append(m)  # type: ignore[arg-type]
        return mention_of(ents, c), out
    return None, []


def one_person(tok: Token) -> bool:
    """ "a Dutch aid worker", "one student": a single person, not the collective the plural names."""
    return tok.tag_ in ("NN", "NNP") and any(
        c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one", "another", "each", "every") for c in tok.children
    )


def counted(head: Token) -> bool:
    """ "200 Kenyan troops", "several soldiers", "thousands of troops": people counted, not an institution."""
    if any(c.dep_ in ("nummod", "quantmod") or (c.dep_ in ("amod", "det") and c.lower_ in COUNTING) for c in head.children):
        return True
    up = head.head
    return head.dep_ == "pobj" and up.lower_ == "of" and (up.head.pos_ == "NUM" or up.head.lower_ in COUNTING)


def organ_at(ents: DocEntities, head: Token) -> tuple[actors.Organ, int] | None:
    """The organ a noun heads, with the first token of its organ phrase ("security forces" → "security")."""
    if head.pos_ not in ("NOUN", "PROPN") or mention_of(ents, head) is not None:
        return None
    left = head.i
    while left > 0 and ents.doc[left - 1].head.i in (head.i, left) and ents.doc[left - 1].dep_ in ("compound", "amod") \
            and mention_of(ents, ents.doc[left - 1]) is None and left > head.i - 3:
        left -= 1
    words = [t.text for t in ents.doc[left : head.i + 1]]
    of = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    if of and mention_of(ents, of[0]) is None:  # "the ministry of defence", "the Ministry of Defence of Peru"
        portfolio = ents.doc[of[0].left_edge.i : of[0].i + 1]  # the noun and its modifiers, not what follows
        found = actors.organ([*words, "of", *[t.text for t in portfolio]])
        if found is not None and found.key.endswith("-ministry"):
            return found, head.i
    found = actors.organ(words)
    if found is None:
        return None
    if found.key == "military" and head.lower_ in ("troops", "forces", "force") and counted(head):
        return None
    return found, head.i + 1 - found.size


@functools.cache
def _organ_end_ids() -> np.ndarray:
    return np.array(sorted(get_string_id(w) for w in actors.organ_ends()), dtype=np.uint64)


def organ_heads(doc: Doc) -> set[int]:
    """The tokens ``organ_at`` can find an organ at, read from the Doc's arrays (no Token objects): nouns
    whose word an organ phrase can end in, and nouns with an "of" among the last three words of the phrase
    they head (``actors.organ`` reads a phrase only up to its first "of")."""
    if not len(doc):
        return set()
    pos, low = doc.to_array([POS, LOWER]).T
    of = low == get_string_id("of")
    near_of = of.copy()
    near_of[1:] |= of[:-1]
    near_of[2:] |= of[:-2]
    ends = (low[:, None] == _organ_end_ids()).any(axis=1)  # against each of the few end words: cheaper than np.isin
    heads = ((pos == NOUN) | (pos == PROPN)) & (ends | near_of)
    return set(np.flatnonzero(heads).tolist())


def org_organ(ents: DocEntities, m: Mention) -> tuple[str | None, actors.Organ] | None:
    """A name that is a state's organ: "Somali National Army", "Iraqi Security Forces" (the state), or an
    organ's bare name tagged as an organization ("Foreign Ministry", "Supreme Court") (no state)."""
    toks = [t for t in ents.doc[m.start : m.end] if not t.is_punct]
    if not toks:
        return None
    found = actors.organ([t.text for t in toks])
    if found is None:
        return None
    lead = toks[: len(toks) - found.size]
    iso = None
    rest = []
    for t in lead:
        st = gz.lookup_state(t.text)
        if iso is None and st is not None:
            iso = str(st)
        elif t.lower_ not in ("'s", "the") and not actors.name_word(t.text):
            rest.append(t)
    if rest:
        return None  # "Syrian Electronic Army", "Free Syrian Army": a name of its own
    return iso, found


def bare(head: Token, first: int) -> bool:
    """ "the government", "the army", "security forces": no modifier but the organ's own words."""
    if any(c.dep_ in ("poss", "nummod") for c in head.children):
        return False
    if any(c.dep_ in ("amod", "compound", "nmod") and c.i < first for c in head.children):
        return False  # "a foreign army", "rebel forces", "government forces" handled as "forces" is not bare
    det = [c for c in head.children if c.dep_ == "det"]
    if det:
        return det[0].lower_ == "the"
    # (bare "intelligence" is information shared or gathered, not the service)
    return head.tag_ in ("NNS", "NNPS") or head.lower_ in ("police", "military")


def state_force(m: Mention) -> bool:
    """ "the Somali National Army", "Iraqi Security Forces": a state's forces, never "the group"."""
    words = m.text.split()
    return (
        len(words) >= 2
        and words[-1].lower() in ("army", "forces", "police", "navy")
        and gz.lookup_state(words[0]) is not None
    )
