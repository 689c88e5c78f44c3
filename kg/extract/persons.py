"""The mentions of a document → one person key per person named, whatever form each mention uses.

A full name keys its person; a shorter writing of a longer full name joins it; a family name alone
("Erdogan", "ERDOGAN", "President Erdogan", "al-Houthi") joins the person of that family name written in
full nearest before it (else first after), also where the tagger typed it an organization or a place or
missed it. Titles and honorifics are stripped from names; towns the tagger took for persons become places.
Writes ``DocEntities.person_keys`` (id of a mention → key) and the entities of the persons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract import actors, names
from kg.extract import gazetteer as gz
from kg.extract.keys import slug
from kg.extract.mentions import (
    GROUP,
    ORG,
    PERSON,
    PLACE,
    PLACE_NAME_NOUNS,
    PLACE_PREPS,
    SEAT,
    STATE,
    Mention,
    place_slot,
)

if TYPE_CHECKING:
    from kg.extract.entities import DocEntities

# titles that are also common first names: right after another title, the first name
TITLES_AND_NAMES = frozenset({"amir", "emir", "sultan"})
# words that make a capitalized name an organization, not a person
ORG_WORDS = frozenset(
    "party front council ministry commission union army forces force organization organisation committee agency "
    "office department court bank movement group network league alliance coalition command brigade brigades "
    "battalion company corporation institute foundation association federation assembly parliament "
    "government administration police service services university news times post radio tv".split()
)


def resolve_persons(ents: DocEntities) -> None:
    """Person keys: one per person the document names, whatever form each mention uses.

    A full name (two words or more) keys its person; a shorter writing of one longer full name
    ("Tayyip Erdogan") joins it. A family name alone ("Erdogan", "ERDOGAN", "Erdogan's office",
    "President Erdogan", "al-Houthi") joins the person of that family name whose full name is written
    nearest before it (else first after it), also where the tagger typed it an organization or a
    place or missed it; a seat or state of that name ("Lima" after "Alberto Lima") only where it acts
    as a person (subject, possessor, agent). A single name no full name explains is a person of its own.
    """
    for m in ents.mentions:
        if m.kind == ORG and m.cue is None and _titled(ents, m):
            m.kind = PERSON  # the tagger's ORG for "Ali Reza Tabrizi, Iran's trade minister"
    _restore_person_names(ents)
    for m in ents.mentions:
        if m.kind == PERSON:
            name = _strip_titles(ents, m)
            m.kind, m.extra["name"] = (PERSON, name) if name is not None else ("dropped", None)
    _places_tagged_as_persons(ents)
    persons = [m for m in ents.mentions if m.kind == PERSON]
    multi = [m for m in persons if len(names.words(m.extra["name"])) >= 2]
    short = {f for m in multi for f in names.surname_forms(names.words(m.extra["name"]))}
    fulls = [m for m in multi if names.words(m.extra["name"]) not in short]  # "bin Salman" is no full name
    keys: dict[tuple[str, ...], str] = {}  # the words of a full name → its person's key
    for m in sorted(fulls, key=lambda m: -len(names.words(m.extra["name"]))):  # longest writing first
        w = names.words(m.extra["name"])
        if w not in keys:
            longer = {k for f, k in keys.items() if names.shorter_form(w, f)}
            keys[w] = longer.pop() if len(longer) == 1 else f"person/{slug(m.extra['name'])}"
            ents.add(keys[w], m.extra["name"], "Person")
    by_form: dict[tuple[str, ...], list[tuple[int, str]]] = {}  # family name → (where written in full, key)
    for m in fulls:
        key = keys[names.words(m.extra["name"])]
        ents.person_keys[id(m)] = ents.add(key, m.extra["name"], "Person", None, m.extra["name"])
        for f in names.surname_forms(names.words(m.extra["name"])):
            by_form.setdefault(f, []).append((m.start, key))
    for m in ents.mentions:
        if id(m) in ents.person_keys or m.kind == "dropped":
            continue
        text = m.extra["name"] if m.kind == PERSON else m.text
        key = _family_name(ents, by_form, names.words(text), m) if _may_be_person(ents, m) else None
        if key is not None:
            m.kind = PERSON
            ents.person_keys[id(m)] = ents.add(key, ents.ents[key].label, "Person", None, _name_alt(ents, key, text))
        elif m.kind == PERSON:
            name = m.extra["name"]
            ents.person_keys[id(m)] = ents.add(f"person/{slug(name)}", name, "Person", None, name)
    _untagged_family_names(ents, by_form)
    ents.mentions = [m for m in ents.mentions if m.kind != "dropped"]
    ents.mentions.sort(key=lambda m: m.start)


def _places_tagged_as_persons(ents: DocEntities) -> None:
    """Towns, districts and corridors the tagger typed as persons are places, where the sentence puts a
    place: beside a place noun ("the Lachin corridor", "the town of Anefis", "North Waziristan, a
    tribal district"), after a preposition of place or direction ("fighting in Kidal", "columns headed
    toward Gao"), after "from" a single name that is nobody's family name ("convoys from Gao"). A name
    with a title or honorific stays a person; a name a person is written in full by ("Alberto Lima",
    then "Lima") stays theirs. Every other mention of the same name follows ("aid could reach X" once
    "peacekeepers in X" said it is a place)."""
    persons = [m for m in ents.mentions if m.kind == PERSON]
    if not persons:
        return
    family = {f for m in persons for f in names.surname_forms(names.words(m.extra["name"]))}
    titled = {names.words(m.extra["name"]) for m in persons if m.extra["name"] != m.text or (
        m.start > 0 and (title_abbreviation(ents.doc[m.start - 1]) or names.honorific(ents.doc[m.start - 1].lower_)))}
    family |= {w[-1:] for w in titled}
    places = {names.words(m.text) for m in ents.mentions if m.kind == PLACE}
    for m in persons:
        w = names.words(m.extra["name"])
        if m.extra["name"] == m.text and w not in family and w not in titled and place_slot(ents.doc[m.start : m.end]):
            places.add(w)
    for m in persons:
        w = names.words(m.extra["name"])
        if w in places and w not in family and w not in titled:
            if m.end < len(ents.doc) and ents.doc[m.end].lower_ in PLACE_NAME_NOUNS and ents.by_token[m.end] is None:
                m.end += 1  # "the Lachin corridor": the noun is part of the place's name
                ents.by_token[m.end - 1] = m
                m.text = ents.doc[m.start : m.end].text
            m.kind, m.ref = PLACE, m.text


def _may_be_person(ents: DocEntities, m: Mention) -> bool:
    """Can this mention be a person's family name? A name, an untyped organization, a place not governed
    by a preposition of place; a seat or
    state only as a subject, possessor or agent ("Lima said", "Lima's office", "by Lima"); a group only
    with the particle of a family name before it ("al-Houthi")."""
    if m.kind == PERSON or (m.kind == ORG and m.cue is None):
        return True
    root = ents.doc[m.start : m.end].root
    if m.kind == PLACE:  # not where something happens: "fighting in Farah" after "Ali Farah"
        return not (root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS)
    if m.kind in (SEAT, STATE):
        return root.dep_ in ("nsubj", "nsubjpass", "poss") or (root.dep_ == "pobj" and root.head.lower_ == "by")
    return False


def _family_name(ents: DocEntities, by_form: dict, w: tuple[str, ...], m: Mention) -> str | None:
    """The person whose family name ``w`` is, written in full nearest before ``m`` (else first after)."""
    cands = by_form.get(w)
    if not cands:
        return None
    before = [c for c in cands if c[0] < m.start]
    return max(before)[1] if before else min(cands)[1]


def _name_alt(ents: DocEntities, key: str, text: str) -> str | None:
    """A surface form worth keeping as another name: not the capitals of a dateline or a headline."""
    return None if text.isupper() and not ents.ents[key].label.isupper() else text


def _untagged_family_names(ents: DocEntities, by_form: dict) -> None:
    """Family names the tagger did not mark ("Erdogan's office", "Griffiths met ..."), also with their
    particle ("al-Houthi", where the gazetteer took "Houthi" for the movement)."""
    doc = ents.doc
    last: dict[str, list[tuple[str, ...]]] = {}
    for f in sorted(by_form, key=len, reverse=True):
        last.setdefault(f[-1], []).append(f)
    if not last:
        return
    for tok in doc:
        if not (tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN")):
            continue
        for form in last.get(gz.fold(tok.text).lower(), ()):
            start = _written_before(ents, tok.i, form[:-1])
            if start is None:
                continue
            inside = {id(x): x for x in ents.by_token[start : tok.i + 1] if x is not None}
            if any(x.kind != GROUP or len(form) == 1 or x.start < start or x.end > tok.i + 1 for x in inside.values()):
                break  # a mention of its own (decided above), or a group named without the particle
            m = Mention(start, tok.i + 1, PERSON, doc[start : tok.i + 1].text, doc[start : tok.i + 1].text)
            for x in inside.values():
                x.kind = "dropped"
            ents.mentions.append(m)
            for i in range(m.start, m.end):
                ents.by_token[i] = m
            key = _family_name(ents, by_form, form, m)
            ents.person_keys[id(m)] = ents.add(key, ents.ents[key].label, "Person", None, _name_alt(ents, key, m.text))
            break


def _written_before(ents: DocEntities, i: int, particles: tuple[str, ...]) -> int | None:
    """Where the words ``particles`` start right before token ``i`` ("al" "-" before "Houthi"), or None."""
    start = i
    for word in reversed(particles):
        j = start - 2 if start > 1 and ents.doc[start - 1].text == "-" else start - 1
        if j < 0 or ents.doc[j].lower_ != word:
            return None
        start = j
    return start


def _restore_person_names(ents: DocEntities) -> None:
    """ "Alberto Lima", "Michael Jordan": a tagged person name whose last word the gazetteer matched as a
    seat or state (so the name was dropped for the place) is the person."""
    doc = ents.doc
    for ent in doc.ents:
        end = ent.end
        while end > ent.start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        if ent.label_ != "PERSON" or end - ent.start < 2:
            continue
        place = ents.by_token[end - 1]
        if place is None or place.kind not in (SEAT, STATE) or (place.start, place.end) != (end - 1, end):
            continue
        given = doc[ent.start : end - 1]
        if any(
            ents.by_token[t.i] is not None or t.pos_ != "PROPN" or not t.text[:1].isupper()
            or names.is_title_token(t) or names.honorific(t.lower_)
            for t in given
        ):
            continue
        m = Mention(ent.start, end, PERSON, doc[ent.start : end].text, doc[ent.start : end].text)
        ents.mentions[ents.mentions.index(place)] = m
        for i in range(m.start, m.end):
            ents.by_token[i] = m


def _titled(ents: DocEntities, m: Mention) -> bool:
    """Does a title stand next to this name ("President X", "X, the leader of Y", "Y's envoy, X")?"""
    span = ents.doc[m.start : m.end]
    words = [t for t in span if not t.is_punct]
    if len(words) < 2 or not all(t.pos_ == "PROPN" for t in words) or any(t.lower_ in ORG_WORDS for t in words):
        return False
    root = span.root
    if names.is_title_token(ents.doc[m.start]) or (m.start > 0 and names.is_title_token(ents.doc[m.start - 1])):
        return True
    if root.dep_ == "appos" and names.is_title_token(root.head) and ents.mention_at(root.head) is None:
        return True
    return any(c.dep_ == "appos" and names.is_title_token(c) and ents.mention_at(c) is None for c in root.children)


def first_name(ents: DocEntities, tok: Token) -> bool:
    """ "Gen. Amir Raza", "Minister Amir Hatami": a title word that is also a first name, right after
    another title, is the first name."""
    return tok.lower_ in TITLES_AND_NAMES and tok.i > 0 and title_abbreviation(ents.doc[tok.i - 1])


def _strip_titles(ents: DocEntities, m: Mention) -> str | None:
    """The name without leading title words or honorifics; None if nothing name-like remains."""
    toks = list(ents.doc[m.start : m.end])
    while toks and (names.is_title_token(toks[0]) or names.honorific(toks[0].lower_)):
        if first_name(ents, toks[0]):
            break
        toks.pop(0)
    words = [t for t in toks if not t.is_punct or t.text == "-"]
    if not words or not any(t.text[:1].isupper() for t in words):
        return None
    if len(words) == 1 and names.is_title_token(words[0]):
        return None
    if title_abbreviation(words[-1]) and all(
        title_abbreviation(w) or actors.sector(w.lower_, w.lemma_.lower()) or w.lower_ in ORG_WORDS for w in words
    ):
        return None  # "Navy Capt": a rank and a service, no name
    text = ents.doc[toks[0].i : toks[-1].i + 1].text
    return text


def title_abbreviation(tok: Token) -> bool:
    """A title word, also an abbreviated one whose period the tokenizer split off ("Capt" + ".")."""
    return names.is_title_token(tok) or (tok.lower_ + ".") in names.title_words()
