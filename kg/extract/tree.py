"""Dependency tree → the readings every rule module shares: a token's conjuncts, a preposition's objects,
the objects of a head's prepositions, a verb's children by relation and its passive agents.

Plain functions over spaCy tokens, no state: ``relations.py``, ``statements.py``, ``military.py`` and
``nominals.py`` read the tree through them, so that "A and B", "with A and B" and "by A" are expanded the
same way everywhere.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

from spacy.tokens import Doc, Token

from kg.extract.names import is_title_token

# word classes the readings of arguments share (coreference, relations, structure)
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# "a group of Moroccan diplomats", "thousands of Iraqi Kurds": the actor is inside the "of" phrase
QUANTITY_NOUNS = frozenset(
    "group number team couple dozen dozens hundreds thousands tens millions some many most several few "
    "members member contingent batch patch unit delegation handful majority part".split()
)


def conjuncts(tok: Token, appos: Literal["list", "any", "none"] = "list") -> list[Token]:
    """The token and everything conjoined to it ("India and Pakistan"), depth first. ``appos``: which
    appositions also continue the list: "list" (the default) a proper name in apposition to a proper
    name, unless it follows a title or is bracketed ("Chile, Peru, Bolivia", not "X, commander, U.S.
    Africa Command" nor "the Arab Monetary Fund (AMF)"); "any" every apposition; "none" none."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" or (c.dep_ == "appos" and _listed_apposition(tok, c, appos)):
            out.extend(conjuncts(c, appos))
    return out


def _listed_apposition(tok: Token, c: Token, appos: str) -> bool:
    if appos == "any":
        return True
    return appos == "list" and c.pos_ == "PROPN" and tok.pos_ == "PROPN" and not _after_title(c) and not _bracketed(c)


def _after_title(tok: Token) -> bool:
    """ "X, commander, U.S. Africa Command": a name right after a title and a comma is what the title
    holder commands or serves, not another member of a list."""
    start = tok.left_edge.i
    return start >= 2 and tok.doc[start - 1].text == "," and is_title_token(tok.doc[start - 2])


def _bracketed(tok: Token) -> bool:
    """Is ``tok``'s phrase in brackets ("the Arab Monetary Fund (AMF)")? Then it renames its head (an
    acronym, a translation): it is no other member of a list."""
    first = min(w.i for w in tok.subtree)
    return first > 0 and tok.doc[first - 1].text in ("(", "[")


def children(tok: Token, *deps: str) -> list[Token]:
    """The children of ``tok`` attached by one of ``deps``."""
    return [c for c in tok.children if c.dep_ in deps]


def pobjs(prep: Token) -> list[Token]:
    """The objects of a preposition (its pobj or pcomp), each with its conjuncts ("with A and B")."""
    out = []
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            out.extend(conjuncts(c))
    return out


def prep_objects(tok: Token, preps: str | Collection[str]) -> list[Token]:
    """The objects (with their conjuncts) of ``tok``'s prepositions ``preps`` (one word, or a collection of
    words): ``prep_objects(v, "by")`` of "attacked by A and B" → A, B."""
    wanted = (preps,) if isinstance(preps, str) else preps
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ in wanted for p in pobjs(c)]


def agents(v: Token) -> list[Token]:
    """The "by" phrase of a passive verb, also when the parser hung it on the object
    ("was named a sponsor of terrorism by Canada")."""
    found = [p for c in children(v, "agent") for p in pobjs(c)]
    if found or not children(v, "nsubjpass"):
        return found
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            found += pobjs(c)
        elif c.dep_ in ("dobj", "oprd", "attr"):
            found += prep_objects(c, "by")
    return found


def recent_start(doc: Doc, tok: Token) -> int:
    """Start of the sentence before ``tok``'s sentence."""
    return doc[tok.sent.start - 1].sent.start if tok.sent.start else 0


