"""Parsed Doc → its typed mentions: token spans that name a State, Group, government body, person or place.

Sources, in order of trust: the gazetteer (``mentions.gazetteer_mentions``, a PhraseMatcher over state
names, short forms, demonyms, seats of government, government bodies and group aliases), spaCy's entities
(GPE, NORP, ORG, PERSON, LOC) filtered for fragments, cue patterns for groups the gazetteer lacks ("the
militant outfit X", "X, a terror group"), and misspelled states ("Ethopia"). Overlaps are resolved
longest-first (``find_mentions``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract import gazetteer as gz
from kg.extract import spelling
from kg.extract.mentions import (
    BODY,
    DEMONYM,
    GROUP,
    GROUP_CUE_MODS,
    GROUP_CUE_NOUNS,
    ORG,
    PERSON,
    PLACE,
    PLACE_NAME_NOUNS,
    PLACE_PREPS,
    SEAT,
    STATE,
    Mention,
    gazetteer_mentions,
    place_slot,
    plain,
)

# Words that are never an entity on their own, even when the tagger says so.
_NOT_NAMES = frozenset(
    "defense defence state treasury interior justice commerce energy foreign affairs home office "
    "government ministry department army navy police president minister secretary general "
    "congress parliament senate the a an he she it they we i you his her their its our".split()
)

# nouns that say what a name set beside them in apposition is: "the Foo Framework, the alliance of ..."
# ("X, an elite unit of the Y army": a unit of a larger force, also when the name is one word)
UNIT_NOUNS = frozenset("unit battalion brigade regiment division squadron detachment".split())
APPOSED_GROUP_NOUNS = GROUP_CUE_NOUNS | UNIT_NOUNS | frozenset("alliance coalition bloc umbrella militia".split())
# nouns that end a party's or movement's name: "the Umma (Nation) party"
PARTY_NOUNS = frozenset("party movement front alliance league union congress council coalition bloc".split())
# words that make a capitalized name an organization, never a place ("the Kabul Centre for Peace Research")
_ORG_WORDS = frozenset(
    "centre center institute foundation council ministry department office agency commission committee "
    "party front movement group network union league association company corporation bank university "
    "army forces force brigade command service services police court".split()
)
_UNIT_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve".split())
_ARTICLES = frozenset({"al", "el", "ul", "ad", "as", "ash", "ar", "an", "at", "az"})


def _trim(span: Span) -> Span | None:
    """Drop leading determiners/titles-free punctuation and a trailing possessive; None if nothing left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].lower_ == "'s"):
        end -= 1
    # an unbalanced bracket means the tagger cut a name in half: "Umma (Nation"
    texts = [t.text for t in doc[start:end]] if "(" in span.text or ")" in span.text else ()
    if texts and texts.count("(") != texts.count(")"):
        end = next(i for i in range(start, end) if doc[i].text in "()")
        while end > start and doc[end - 1].is_punct:
            end -= 1
    return doc[start:end] if end > start else None


def _looks_like_name(span: Span) -> bool:
    words = [t for t in span if not t.is_punct]
    if not words or not any(t.text[:1].isupper() for t in words):
        return False
    if len(words) == 1 and words[0].lower_ in _NOT_NAMES:
        return False
    if all(t.lower_ in _NOT_NAMES or t.is_stop for t in words):
        return False
    # a sentence-initial fragment such as "Trump's South Asia" (a possessive inside) is not a name
    return not any(t.tag_ == "POS" or t.lower_ == "'s" for t in span)


def _entity_spans(doc: Doc) -> list[Span]:
    """spaCy's entities, with a person's name the tagger cut in two joined again: two person spans side by
    side are one name ("Abd-Rabbu" + "Mansour Hadi"); English never writes two people without a comma."""
    out: list[Span] = []
    for ent in doc.ents:
        prev = out[-1] if out else None
        if prev is not None and ent.label_ == prev.label_ == "PERSON" and ent.start == prev.end:
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def ner_mentions(doc: Doc, title_heads: frozenset[str] = frozenset()) -> list[Mention]:
    out = []
    for ent in _entity_spans(doc):
        span = _trim(ent)
        if span is None or not _looks_like_name(span):
            continue
        text = span.text
        if ent.label_ in ("GPE", "LOC"):
            iso = gz.lookup_state(text)
            if iso:
                out.append(Mention(span.start, span.end, STATE, str(iso), text))
                continue
            seat = gz.lookup_seat(text)
            if seat:
                out.append(Mention(span.start, span.end, SEAT, str(seat), text))
                continue
            typo = misspelled(span)
            out.append(typo or Mention(span.start, span.end, PLACE, text, text))
        elif ent.label_ == "NORP":
            iso = gz.lookup_state(text)
            if iso:
                out.append(Mention(span.start, span.end, DEMONYM, str(iso), text))
            elif (typo := misspelled(span)) is not None:
                out.append(typo)
            elif span.root.tag_ == "NNP" and place_slot(span):  # "the stronghold of Kidal" tagged a nationality
                out.append(Mention(span.start, span.end, PLACE, text, text))
        elif ent.label_ == "ORG":
            if span.end < len(doc) and doc[span.end].lower_ in _UNIT_NUMBERS and doc[span.end].text[:1].isupper():
                span = doc[span.start : span.end + 1]  # "Mobile Unit Two": the number is part of the name
                text = span.text
            if title_heads and (span.root.lower_ in title_heads or span.root.lemma_.lower() in title_heads):
                continue  # "High Representative for Foreign Affairs" is a title, not an organization
            g = gz.lookup_group(text)
            if g is not None:
                out.append(Mention(span.start, span.end, GROUP, g.name, text))
                continue
            body = gz.lookup_body(text)
            if body:
                out.append(Mention(span.start, span.end, BODY, plain(body), text))
                continue
            if len(span) == 1 and not text.isupper():
                typo = misspelled(span)  # "Quatar's emir": a state's name misspelled, tagged an organization
                if typo is not None:
                    out.append(typo)
                elif span.root.dep_ == "pobj" and span.root.head.lower_ in PLACE_PREPS - {"in", "at", "into"} \
                        and span.root.tag_ == "NNP":
                    # "the area around X", "near X": a town the tagger took for an organization
                    out.append(Mention(span.start, span.end, PLACE, text, text))
                continue  # a lone capitalized word tagged ORG ("Trump's", "Defense") is too often not one
            if place_slot(span, prepositions=False) and not any(t.lower_ in _ORG_WORDS for t in span):
                # "the Bab el-Mandeb strait", "the town of X": a place the tagger took for an organization
                if span.end < len(doc) and doc[span.end].lower_ in PLACE_NAME_NOUNS:
                    span = doc[span.start : span.end + 1]
                out.append(Mention(span.start, span.end, PLACE, span.text, span.text))
                continue
            out.append(Mention(span.start, span.end, ORG, text, text))
        elif ent.label_ == "PERSON":
            out.append(Mention(span.start, span.end, PERSON, text, text))
        elif ent.label_ == "FAC" and len(span) > 1 and span[-1].lower_ in _ORG_WORDS | {"group"}:
            # "the Foo Research Group", "the Bar Institute" typed as a facility: an organization
            out.append(Mention(span.start, span.end, ORG, text, text))
    return out


def misspelled(span: Span) -> Mention | None:
    """A one-word name one letter from a state's name or demonym ("Ethopia", "Ethiopean"): that state
    (``spelling.misspelled_state`` says which words never count)."""
    if len(span) != 1 or len(span[0].text) < spelling.FUZZY_MIN_LENGTH or span[0].pos_ not in ("PROPN", "ADJ", "NOUN"):
        return None
    st = spelling.misspelled_state(span.text)
    if st is None:
        return None
    kind = DEMONYM if spelling.misspells_demonym(span.text, st) else STATE
    return Mention(span.start, span.end, kind, str(st), span.text)


def untagged_misspellings(doc: Doc) -> list[Mention]:
    """Capitalized proper nouns the tagger left untyped that misspell a state ("Ethopia agreed ...")."""
    out = []
    for tok in doc:
        if tok.ent_type_ or tok.pos_ != "PROPN" or len(tok.text) < spelling.FUZZY_MIN_LENGTH or not tok.text[:1].isupper():
            continue
        if tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN" or tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
            continue  # part of a longer name
        found = misspelled(doc[tok.i : tok.i + 1])
        if found is not None:
            out.append(found)
    return out


def _propn_run(doc: Doc, i: int, step: int, limit: int) -> int:
    """Index one past the run of proper-noun tokens starting at i going in ``step`` direction."""
    j = i
    while 0 <= j < limit and (doc[j].pos_ == "PROPN" or doc[j].text in ("-",) and 0 <= j + step < limit):
        j += step
    return j


def _apposed_names(doc: Doc) -> list[Mention]:
    """A capitalized name the tagger left untyped, set in apposition to a group noun: "the Permanent
    Strategic Framework, the alliance of armed movements that ..." (armed when the apposition says so)."""
    out = []
    for tok in doc:
        if tok.dep_ != "appos" or tok.lemma_.lower() not in APPOSED_GROUP_NOUNS or tok.pos_ != "NOUN":
            continue
        head = tok.head
        unit = tok.lemma_.lower() in UNIT_NOUNS and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
        if head.pos_ != "PROPN" or (head.ent_type_ and not (unit and head.ent_type_ in ("PERSON", "ORG"))) \
                or not head.text[:1].isupper():
            continue
        start = head.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
                and doc[start - 1].head.i == head.i and not doc[start - 1].ent_type_:
            start -= 1
        if head.i - start < 1 and not unit:
            continue  # one word alone ("Anefis, a town") is too little to call a group; "X, a unit of Y" is one
        armed = any(t.lower_ in GROUP_CUE_MODS for t in tok.subtree)
        span = doc[start : head.i + 1]
        out.append(Mention(span.start, span.end, ORG, span.text, span.text, cue="armed" if armed else None))
    return out


def _translated_names(doc: Doc) -> list[Mention]:
    """A name with its translation in brackets before the noun that says what it is: "the Umma (Nation)
    party", "the Ennahda (Renaissance) Movement": one group, named with and without the translation."""
    out = []
    n = len(doc)
    for tok in doc:
        if tok.text != "(" or tok.i == 0 or doc[tok.i - 1].pos_ != "PROPN":
            continue
        close = tok.i + 1
        while close < n and close - tok.i <= 5 and doc[close].text != ")" and doc[close].text[:1].isupper():
            close += 1
        if close >= n - 1 or close == tok.i + 1 or doc[close].text != ")" or doc[close + 1].lower_ not in PARTY_NOUNS:
            continue
        start = _propn_run(doc, tok.i - 1, -1, n) + 1
        span = doc[start : close + 2]
        short = " ".join([doc[start : tok.i].text, doc[close + 1].text])
        out.append(Mention(span.start, span.end, ORG, span.text, span.text, extra={"alt": short}))
    return out


def cue_mentions(doc: Doc) -> list[Mention]:
    """Groups named next to a cue noun: "terror group Jaish-e-Foo", "the Foo militant network"."""
    out = _apposed_names(doc) + _translated_names(doc)
    n = len(doc)
    for tok in doc:
        if tok.lemma_.lower() not in GROUP_CUE_NOUNS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
        prev = doc[tok.i - 1] if tok.i else None
        if not (any(m.lower_ in GROUP_CUE_MODS for m in mods) or (prev is not None and prev.lower_ in GROUP_CUE_MODS)):
            continue
        # "terror group Foo Bar" (name after the cue) or "the Foo militant group" (name before the modifier)
        end = _propn_run(doc, tok.i + 1, 1, n)
        if end > tok.i + 1:
            out.append(Mention(tok.i + 1, end, ORG, doc[tok.i + 1 : end].text, doc[tok.i + 1 : end].text, cue="armed"))
            continue
        for child in tok.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                left = min(t.i for t in child.subtree if t.pos_ == "PROPN" or t.i == child.i)
                span = doc[left : child.i + 1]
                out.append(Mention(span.start, span.end, ORG, span.text, span.text, cue="armed"))
        first_mod = min((m.i for m in mods), default=tok.i)
        start = first_mod - 1
        if start >= 0 and doc[start].pos_ == "PROPN" and doc[start].head.i in (tok.i, first_mod):
            s = start
            while s > 0 and doc[s - 1].pos_ == "PROPN":
                s -= 1
            out.append(Mention(s, start + 1, ORG, doc[s : start + 1].text, doc[s : start + 1].text, cue="armed"))
    return out


def _nisba(doc: Doc, inner: Mention, person: Mention) -> bool:
    """A name inside a person's name after an Arabic article ("al-Houthi", "al Kuwaiti") is a family name."""
    if not (person.start < inner.start and inner.end == person.end and len(person) - len(inner) >= 2):
        return False
    before = doc[inner.start - 1]
    if before.text == "-" and inner.start - 2 > person.start:
        before = doc[inner.start - 2]
    return before.lower_ in _ARTICLES


def find_mentions(
    doc: Doc, sector_nouns: frozenset[str] = frozenset(), title_heads: frozenset[str] = frozenset()
) -> list[Mention]:
    """All mentions of the Doc, non-overlapping, in text order.

    Gazetteer groups and bodies beat cue patterns, which beat spaCy's entities. A spaCy ORG that
    contains a state name plus more words ("U.S. Central Command") replaces the state mention, unless
    the rest is only sector nouns ("the Afghan government"): that is a nominal actor of the State.
    """
    gaz = gazetteer_mentions(doc)
    owner: list[Mention | None] = [None] * len(doc)
    for m in gaz:
        for i in range(m.start, m.end):
            owner[i] = m
    chosen = {id(m): m for m in gaz}
    for m in cue_mentions(doc) + ner_mentions(doc, title_heads) + untagged_misspellings(doc):
        inside = {id(o): o for o in owner[m.start : m.end] if o is not None}
        if not inside:
            pass
        elif m.kind == PERSON and all(_nisba(doc, o, m) for o in inside.values()):
            for o in inside.values():  # "Abdul-Malik al-Houthi", "Abu Omar al-Kuwaiti": a name, not the group/state
                chosen.pop(id(o), None)
        elif m.kind == PLACE and m.end < len(doc) and doc[m.end].lower_ in PLACE_NAME_NOUNS and all(
            o.kind in (SEAT, STATE) and len(o) < len(m) and m.start <= o.start and o.end <= m.end for o in inside.values()
        ):
            for o in inside.values():  # "the Middle Juba region": a region named after a city, not the city
                chosen.pop(id(o), None)
        elif m.kind == PLACE and all(o.kind == GROUP and len(o) < len(m) for o in inside.values()):
            for o in inside.values():  # "the Sea of Azov": a place named after a word that is also a group's
                chosen.pop(id(o), None)
        elif m.kind in (ORG, PERSON) and all(
            o.kind in (STATE, DEMONYM, SEAT) and m.start <= o.start and o.end <= m.end and len(o) < len(m)
            and o.end < m.end  # "Radical French": the state word is the head, not a modifier
            for o in inside.values()
        ) and not (m.end < len(doc) and doc[m.end].lower_ in title_heads):  # "British Defence Secretary"
            rest = [t for t in doc[m.start : m.end] if owner[t.i] is None and not t.is_punct]
            if m.kind == ORG and rest and all(t.lemma_.lower() in sector_nouns or t.lower_ in sector_nouns for t in rest):
                continue
            for o in inside.values():
                chosen.pop(id(o), None)
        else:
            if m.cue == "armed":
                for o in inside.values():
                    if o.kind == GROUP:
                        o.cue = "armed"
            continue
        for i in range(m.start, m.end):
            owner[i] = m
        chosen[id(m)] = m
    return sorted(chosen.values(), key=lambda m: m.start)
