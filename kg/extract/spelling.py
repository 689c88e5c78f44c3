"""A capitalized word → the state it misspells by one letter ("Ethopia", "Quatar", "Ethiopean"), or None.

Apart from the gazetteer because it also reads the actor dictionary (``kg.extract.roles``): a word of a
person's name there is never a misspelled state.
"""

from __future__ import annotations

import functools

from kg.extract import gazetteer as gz
from kg.extract import roles

FUZZY_MIN_LENGTH = 6  # shorter words are too often other words one letter away ("Iran"/"Iraq", "Mali"/"Bali")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@functools.cache
def _fuzzy_index() -> dict[str, frozenset[tuple[str, str]]]:
    """One-letter deletions of every one-word state name and demonym (5 letters or more) → (name, ISO)."""
    index: dict[str, set[tuple[str, str]]] = {}
    for iso, st in gz.states().items():
        for name in (*st.names, *st.demonyms):
            low = gz.fold(name).casefold()
            if len(low) < 5 or not low.isalpha():
                continue
            for key in (low, *_deletions(low)):
                index.setdefault(key, set()).add((low, iso))
    return {k: frozenset(v) for k, v in index.items()}


@functools.cache
def _not_misspellings() -> frozenset[str]:
    """Words that are other places or people's names, never a misspelled state (read on a first candidate)."""
    import pycountry

    known = {gz.fold(sub.name).casefold() for sub in pycountry.subdivisions if " " not in sub.name}
    known |= {w for name in roles.table() for w in name.split()}  # "Cameron", "Hollande": people's names
    known |= {gz.fold(w).casefold() for w in gz.spelling_exceptions()}
    return frozenset(known)


def _one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours apart (and not equal)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short in _deletions(long_)


def misspells_demonym(word: str, state: gz.StateInfo) -> bool:
    """Is ``word`` (a misspelling of ``state``) one edit from one of its demonyms ("Ethiopean")?"""
    low = gz.fold(word).casefold()
    return any(_one_edit(low, gz.fold(d).casefold()) for d in state.demonyms)


def misspelled_state(word: str) -> gz.StateInfo | None:
    """The state a capitalized word misspells by one letter ("Ethopia", "Quatar", "Ethiopean"), or None.

    The word must be at least ``FUZZY_MIN_LENGTH`` letters, keep the name's first letter, be no name the
    gazetteer knows, no region or province of any state (pycountry's subdivisions: "Indiana" is no
    misspelling of "Indian"), no word of a person's name in the actor dictionary ("Cameron", "Hollande")
    and no word listed as a people or language of its own (spelling.yaml ``not_misspellings``: "Syriac",
    "Romani"); and it must be one edit from the names of one state only.
    A precomputed index of one-letter deletions finds the candidates without scanning the names.
    """
    low = gz.fold(word).casefold()
    if len(low) < FUZZY_MIN_LENGTH or not low.isalpha() or not word[:1].isupper():
        return None
    if gz.known_name(word):
        return None
    index = _fuzzy_index()
    cands = set(index.get(low, ()))
    for d in _deletions(low):
        cands |= index.get(d, frozenset())
    isos = {iso for name, iso in cands if name[0] == low[0] and _one_edit(low, name)}
    if len(isos) != 1 or low in _not_misspellings():
        return None
    return gz.states()[isos.pop()]
