"""A bare title ("the ambassador", "the foreign minister", "the US Secretary of State") → the one official
the document gave that title to, named shortly before (or in the next sentences), else an unnamed
official of the document; and a capitalized title used as a name ("Foreign Secretary").
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract import gazetteer as gz
from kg.extract import names
from kg.extract.keys import slug
from kg.extract.mentions import (
    DEMONYM,
    PERSON,
    SEAT,
    STATE,
)
from kg.extract.officials import before_complement
from kg.extract.records import Actor

if TYPE_CHECKING:
    from kg.extract.entities import DocEntities

TITLE_ANAPHOR_WINDOW = 250  # tokens (about ten sentences) back to the official a bare title refers to


def title_anaphor(ents: DocEntities, tok: Token, create: bool = True) -> Actor | None:
    """ "the ambassador", "the foreign minister", "the US Secretary of State": a definite singular title
    with no name of its own stands for the one official the document gave that title to (with these
    modifiers and, where a state qualifies it, placed in that state), named within the last
    ``TITLE_ANAPHOR_WINDOW`` tokens, else in the next sentences (a lead that gives the title before
    the name); none if two fit. A capitalized title used so is a name of its holder ("the Foreign
    Secretary"); one that fits no named official is an official of its own, kept to the document."""
    if tok.tag_ not in ("NN", "NNP") or ents.mention_at(tok) is not None or tok.i in ents.title_span:
        return None
    if not names.is_title_token(tok) or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    if any(c.dep_ in ("poss", "appos", "nummod") for c in tok.children):
        return None  # "the group's spokesman": whose office is said otherwise
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
    states: set[str] = set()
    for c in mods:
        for x in c.subtree:
            xm = ents.mention_at(x)
            if xm is None:
                continue
            if xm.kind not in (STATE, DEMONYM) or ents.ethnic(xm):
                return None  # "the Taliban commander", "the ministry spokesman": not a state's office
            states.add(ents.state_key(xm.ref))  # type: ignore[arg-type]
    complement, where = _title_complement(ents, tok)
    if complement is None:
        return None  # "the minister of defence", "the envoy to Yemen": a role, perhaps someone new
    states |= where
    if len(states) > 1:
        return None
    wanted = [w for c in mods if ents.mention_at(c) is None for w in c.lower_.split("-")] + [tok.lower_]
    found = _title_holder(ents, tok, wanted, complement, next(iter(states), None))
    name = designation(ents, tok)
    if found is None:
        if states or name is None or not create:
            return None
        # "The Prime Minister met ...", no prime minister named: the holder of that office, unnamed
        found = ents.add(f"person/{ents.scope_slug}/{slug(name)}", name, "Official")
        ents.ents[found].title = ents.ents[found].title or name
        ents.unnamed.add(found)
        return Actor(found, None, "title-anaphor")
    if name is not None:
        ents.ents[found].alts.add(name)
    return Actor(found, None, "title-anaphor")


def _title_complement(ents: DocEntities, tok: Token) -> tuple[list[str] | None, set[str]]:
    """The capitalized "of"/"for" complement of a title ("Secretary of State", "Minister for the Middle
    East", "Minister of Defence of Peru"): its lower-cased words and the states it names; None
    for a complement that describes ("the minister of defence", "the envoy to Yemen")."""
    words: list[str] = []
    states: set[str] = set()
    for c in tok.children:
        if c.dep_ != "prep":
            continue
        if c.lower_ not in ("of", "for"):
            return None, set()
        for x in c.subtree:
            if x.i == c.i or x.lower_ in ("of", "for", "the", "and") or x.is_punct:
                continue
            xm = ents.mention_at(x)
            if xm is not None and xm.kind in (STATE, DEMONYM, SEAT):
                states.add(ents.state_key(xm.ref))  # type: ignore[arg-type]
            elif not x.text[:1].isupper():
                return None, set()
            else:
                words.append(x.lower_)
    return words, states


def _title_holder(ents: DocEntities, tok: Token, wanted: list[str], complement: list[str], state: str | None) -> str | None:
    """The one person given a title that fits, named before ``tok`` (else shortly after), in ``state``."""
    checked: dict[str, bool] = {}  # a person named again within the window is judged once

    def fits(key: str) -> bool:
        if key not in checked:
            titles = ents.titles.get(key, ())
            checked[key] = any(
                title_fits(wanted, t) and all(w in t.lower() for w in complement) for t in titles
            ) and (state is None or any(
                st.subject == key and st.object == state and st.relation in ("officialOf", "leaderOf")
                for st in ents.structural
            ))  # fmt: skip
        return checked[key]

    found: set[str] = set()
    for m in ents.before(tok.i, 60):
        if tok.i - m.end > TITLE_ANAPHOR_WINDOW:
            break
        key = ents.person_keys.get(id(m)) if m.kind == PERSON else None
        if key and fits(key):
            found.add(key)
    if not found:  # a lead that gives the title first: the next two sentences
        sent = tok.sent
        end = sent.end
        for _ in range(2):
            if end < len(ents.doc):
                end = ents.doc[end].sent.end
        found = {
            k for m in ents.between(tok.i + 1, end) if m.kind == PERSON
            for k in [ents.person_keys.get(id(m))] if k and fits(k)
        }
    return found.pop() if len(found) == 1 else None


def designation(ents: DocEntities, head: Token, exclude: Token | None = None) -> str | None:
    """A capitalized title as the text writes it, used as a name: "Foreign Secretary", "US Secretary of
    State", "Minister of Defence of Peru" (no determiner, possessive, clause or punctuation; every
    word capitalized but "of", "for", "the", "and"); None for a description ("the foreign minister")."""
    doc = ents.doc
    skip: set[int] = set()
    for t in head.subtree:
        if exclude is not None and (t.i == exclude.i or exclude.is_ancestor(t)):
            skip.update(x.i for x in t.subtree)
        elif t.i != head.i and t.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj", "poss", "case"):
            skip.update(x.i for x in t.subtree)
    toks = [t for t in head.subtree if t.i not in skip]
    while toks and toks[0].dep_ == "det":
        toks.pop(0)
    if not toks or not 1 <= len(toks) <= 8 or toks[-1].i - toks[0].i + 1 != len(toks):
        return None
    if any(not (t.text[:1].isupper() or t.lower_ in ("of", "for", "the", "and") or t.text == "-") for t in toks):
        return None
    if toks[-1].lower_ in ("of", "for", "the", "and"):
        return None
    return "".join(t.text_with_ws for t in doc[toks[0].i : toks[-1].i + 1]).strip() or None


@functools.cache
def abbreviations() -> dict[str, str]:
    """Abbreviated title word (lower case, no period) → the full title: "gen" → "General"."""
    return {k.lower().rstrip("."): v for k, v in (gz.titles().abbreviations or {}).items()}


def title_fits(wanted: list[str], title: str) -> bool:
    """Does "the foreign minister" (``wanted``: modifiers and head, lower-cased) fit the title "Foreign
    Minister"? The head must be the title's head (abbreviations expanded: "Gen." is "general") and every
    modifier one of its words; "the minister" fits "Foreign Minister", "the secretary" "Secretary of State"."""
    expand = abbreviations()
    words = [w for part in title.split() for w in expand.get(part.lower().rstrip("."), part).lower().split()]
    words = before_complement([w for part in words for w in part.split("-")])
    return bool(words) and words[-1] == wanted[-1] and all(w in words for w in wanted[:-1])
