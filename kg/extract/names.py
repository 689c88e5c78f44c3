"""Person names → the forms a news text refers to the same person by, and the words around a name that
are not part of it (string rules; a token is read only for its text and lemma).

A text introduces a person by the full name ("Recep Tayyip Erdogan") and then writes a shorter form:
the family name ("Erdogan", "ERDOGAN", "Erdogan's"), a family name with its particle ("al-Houthi",
"bin Salman", "de Mistura"), or the first and last names ("Tayyip Erdogan"). Forms are compared folded
(``kg.extract.gazetteer.fold``: case, accents, hyphens and periods do not count): ``words`` for the
text's names, ``person_key`` for the names of the actor dictionary (``kg.extract.roles``).

Before a name a text may write a form of address (``HONORIFICS``: "Sheikh", "Dr.") or a title
(``title_words``, from titles.yaml: "Foreign Minister", "Gen."); neither is part of the name.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from kg.extract import gazetteer as gz

if TYPE_CHECKING:
    from spacy.tokens import Token

# words that belong to the family name that follows them: "al-Houthi", "bin Salman", "van Rompuy"
PARTICLES = frozenset("al el ul bin ben ibn bint abu ould de da di del della du van von der den le la dos das".split())


# forms of address before a name, not part of it ("Mr. X", "Sheikh Sabah ..."), with or without their period
HONORIFICS = frozenset("mr mrs ms dr sir sheikh shaikh".split())
# ... and those the actor dictionary also drops from its names, which a text may keep as part of one
# ("Mullah Omar"; "he": H.E.): a dictionary name is looked up without them
DICTIONARY_HONORIFICS = HONORIFICS | frozenset("sheik mullah maulana haji hajji he".split())
# invisible format characters web text leaves inside words ("Minister\u200e"): no part of a word or a name
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))


@functools.lru_cache(maxsize=8192)
def words(name: str) -> tuple[str, ...]:
    """Folded, lower-cased words of a name ("Abdul-Malik al-Houthi" → abdul, malik, al, houthi)."""
    return tuple(gz.fold(name).lower().split())


def person_key(name: str) -> str:
    """The actor dictionary's form of a name: folded, lower-cased, without initials ("Vladimir V. Putin")
    or a leading form of address ("Sheikh", "Mullah"). scripts/build_officials.py stores names in this form."""
    found = [w for w in words(name) if len(w) > 1]
    while len(found) > 2 and found[0] in DICTIONARY_HONORIFICS:
        found.pop(0)
    return " ".join(found)


def honorific(word: str) -> bool:
    """Is ``word`` a form of address ("Mr.", "sheikh")?"""
    return word.lower().rstrip(".") in HONORIFICS


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


def is_title_token(tok: Token) -> bool:
    """Is the token a title's word ("minister", "Gen.", "spokesman")?"""
    found = title_words()
    if tok.lower_ in found or tok.lemma_.lower() in found:
        return True
    return not tok.text.isascii() and tok.lower_.translate(INVISIBLE) in found



@functools.cache
def title_words() -> frozenset[str]:
    """Lower-cased head words of titles ("secretary", "gen.", "minister", "chief"...).

    A multiword title contributes its head only ("Secretary of Defense" → "secretary", "Foreign
    Minister" → "minister"), so that "state" or "defense" alone never make a title.
    """
    raw = gz.titles()
    items = list(raw.keys() if isinstance(raw, dict) else raw)
    abbreviations = getattr(raw, "abbreviations", {}) or {}
    heads: set[str] = set()
    for t in [*items, *abbreviations]:
        parts = str(t).lower().split()
        if not parts:
            continue
        if len(parts) == 1:
            heads.add(parts[0])
        elif "of" in parts or "for" in parts:
            cut = parts.index("of") if "of" in parts else parts.index("for")
            heads.add(parts[cut - 1] if cut else parts[0])
        else:
            heads.add(parts[-1])
            if str(t) in abbreviations:
                heads.update(parts)  # "Lt. Gen." → "lt.", "gen."
        heads.add(str(t).lower())
    return frozenset(heads - _NOT_TITLE_HEADS)


# parts of titles that are ordinary words on their own ("major offensive", "the White House")
_NOT_TITLE_HEADS = frozenset("white rear vice elect deputy executive major justice member dep. sec. min. state".split())
