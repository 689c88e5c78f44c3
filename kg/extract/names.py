"""Person names → the forms a news text refers to the same person by (spaCy-free string rules).

A text introduces a person by the full name ("Recep Tayyip Erdogan") and then writes a shorter form:
the family name ("Erdogan", "ERDOGAN", "Erdogan's"), a family name with its particle ("al-Houthi",
"bin Salman", "de Mistura"), or the first and last names ("Tayyip Erdogan"). Forms are compared folded
(``kg.extract.gazetteer.fold``: case, accents, hyphens and periods do not count).
"""

from __future__ import annotations

import functools

from kg.extract import gazetteer as gz

# words that belong to the family name that follows them: "al-Houthi", "bin Salman", "van Rompuy"
PARTICLES = frozenset("al el ul bin ben ibn bint abu ould de da di del della du van von der den le la dos das".split())


@functools.lru_cache(maxsize=8192)
def words(name: str) -> tuple[str, ...]:
    """Folded, lower-cased words of a name ("Abdul-Malik al-Houthi" → abdul, malik, al, houthi)."""
    return tuple(gz.fold(name).lower().split())


def surname_forms(full: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Short forms of a full name that name the person alone: the last word, and the particle with the
    last word when a particle precedes it ("al abadi", "abadi"). The bare word may also name something
    else ("Houthi", the movement): the caller merges it only where it can be a person's name."""
    if len(full) < 2:
        return []
    if full[-2] in PARTICLES:
        return [full[-2:], full[-1:]] if len(full) > 2 else []
    return [full[-1:]]


def shorter_form(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Is ``short`` (two words or more) a shorter writing of ``full``: its words in order, ending with the
    same family name ("Tayyip Erdogan", "Recep Erdogan" of "Recep Tayyip Erdogan")?"""
    if not 2 <= len(short) < len(full) or short[-1] != full[-1]:
        return False
    it = iter(full)
    return all(w in it for w in short)
