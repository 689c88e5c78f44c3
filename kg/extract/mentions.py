"""Parsed Doc → typed mentions: token spans that name a State, Group, government body, person or place.

Sources, in order of trust: the gazetteer (a PhraseMatcher over state names, short forms, demonyms,
seats of government, government bodies and group aliases, built once per process), spaCy's entities
(GPE, NORP, ORG, PERSON, LOC) filtered for fragments, and cue patterns for groups the gazetteer lacks
("the militant outfit X", "X, a terror group"). Overlaps are resolved longest-first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract import gazetteer as gz

# Mention kinds: what the words name, before we know how they are used.
STATE, DEMONYM, SEAT, BODY, GROUP, PERSON, ORG, PLACE = (
    "state", "demonym", "seat", "body", "group", "person", "org", "place",
)
_PRIORITY = {GROUP: 0, BODY: 1, STATE: 2, SEAT: 3, DEMONYM: 4, "weak_group": 5, "weak_state": 6, "weak_seat": 7}
# gazetteer surface-form kinds → mention kinds; weak ones must match with the exact case ("IS", "Emirates")
_FORM_KINDS = {
    "state": STATE, "demonym": DEMONYM, "seat": SEAT, "body": BODY, "group": GROUP,
    "weak_state": "weak_state", "ambiguous_seat": "weak_seat", "weak_group": "weak_group",
}  # fmt: skip
_WEAK = {"weak_state": STATE, "weak_seat": SEAT, "weak_group": GROUP}


def _plain(ref: object) -> object:
    """ISO codes as plain strings (the gazetteer's StateInfo formats as its code)."""
    if isinstance(ref, tuple):
        return (str(ref[0]), str(ref[1]))
    return str(ref)

GROUP_CUE_NOUNS = frozenset(
    "group outfit organization organisation militia faction movement network front army wing brigade "
    "brigades insurgency".split()
)
GROUP_CUE_MODS = frozenset(
    "terror terrorist militant jihadist jihadi extremist insurgent rebel armed separatist islamist "
    "sectarian guerrilla guerilla paramilitary".split()
)
# Words that are never an entity on their own, even when the tagger says so.
_NOT_NAMES = frozenset(
    "defense defence state treasury interior justice commerce energy foreign affairs home office "
    "government ministry department army navy police president minister secretary general "
    "congress parliament senate the a an he she it they we i you his her their its our".split()
)
_CAPITALIZED = re.compile(r"^[A-Z0-9]")


@dataclass
class Mention:
    """A span of the Doc and what it names. ``ref`` is an ISO code, a GroupInfo name, (iso, body) or a name."""

    start: int
    end: int
    kind: str
    ref: object
    text: str
    cue: str | None = None  # "armed" when a cue pattern marks a group as armed
    extra: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return self.end - self.start


def slug(text: str) -> str:
    """Lower-case ASCII slug for entity keys: "Lashkar-e-Taiba" → "lashkar-e-taiba"."""
    import unicodedata

    base = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    ascii_ = base.encode("ascii", "ignore").decode()
    if sum(c.isalnum() for c in base) != sum(c.isalnum() for c in ascii_):
        # Non-Latin letters ("Москва", "北京"): keep them (percent-encoded in the IRI), never collapse to "x".
        from kg.rdf.convert import slug as unicode_slug

        return unicode_slug(text)
    s = ascii_.lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


# ------------------------------------------------------------------------------- the gazetteer matcher


_MATCHERS: dict[int, tuple[object, PhraseMatcher, dict]] = {}


def _matcher(vocab) -> tuple[PhraseMatcher, dict[int, list[tuple[str, object, str]]]]:
    """One case-insensitive PhraseMatcher over every gazetteer name, built once per vocab (per process)."""
    hit = _MATCHERS.get(id(vocab))
    if hit is not None and hit[0] is vocab:
        return hit[1], hit[2]
    if len(_MATCHERS) > 4:
        _MATCHERS.clear()
    matcher, by_key = _build_matcher(vocab)
    _MATCHERS[id(vocab)] = (vocab, matcher, by_key)
    return matcher, by_key


def _variants(name: str) -> set[str]:
    """Spellings the tokenizer splits differently: "al-Qaeda" / "al Qaeda", "Lashkar e Taiba"."""
    out = {name}
    if "." in name and name.replace(".", "").replace(" ", "").isalpha():
        out.add(name.replace(".", ""))  # "U.S." → "US"
    if name.isupper() and name.isalpha() and 2 <= len(name) <= 4:
        out.add(".".join(name) + ".")  # "UN" → "U.N."
    if "-" in name:
        out.add(name.replace("-", " "))
    if "\u2013" in name:  # an en dash in the gazetteer, a hyphen in the text: "Task Force – Operation X"
        out.add(name.replace("\u2013", "-"))
    words = name.split()
    if 1 < len(words) <= 3 and words[0].lower() in ("al", "el", "ul", "ad", "as", "ash", "ar", "an", "at"):
        out.add("-".join(words[:2]) + (" " + " ".join(words[2:]) if len(words) > 2 else ""))
    return out


def _build_matcher(vocab) -> tuple[PhraseMatcher, dict[int, list[tuple[str, object, str]]]]:
    import spacy

    nlp = spacy.blank("en", vocab=vocab)
    payload: dict[str, list[tuple[str, object, str]]] = {}

    def add(name: str, kind: str, ref: object) -> None:
        for variant in _variants(" ".join(str(name).split())):
            if not variant:
                continue
            entry = (kind, ref, variant)
            bucket = payload.setdefault(variant.lower(), [])
            if entry not in bucket:
                bucket.append(entry)

    for form in gz.all_surface_forms():
        kind = _FORM_KINDS.get(form.kind)
        if kind is not None:
            add(form.text, kind, _plain(form.ref))

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_key: dict[int, list[tuple[str, object, str]]] = {}
    for low, entries in payload.items():
        key = nlp.vocab.strings.add("GZ:" + low)
        by_key[key] = sorted(entries, key=lambda e: _PRIORITY[e[0]])
        # tokenizer exceptions are case-sensitive ("U.N." is one token, "u.n." two): keep the spellings
        spellings = {e[2] for e in entries} | {low}
        matcher.add("GZ:" + low, [nlp.make_doc(x) for x in sorted(spellings)])
    return matcher, by_key


def _case_ok(span: Span, name: str) -> bool:
    """Case-insensitive matches must still look like a name: exact case, or capitalized and long enough."""
    text = span.text
    if text == name:
        return True
    if len(name) <= 3 or name.isupper():
        return False  # "US" must not match "us", "IS" not "is"
    return bool(_CAPITALIZED.match(text)) or text.lower() == name.lower() and not name[:1].isupper()


def gazetteer_mentions(doc: Doc) -> list[Mention]:
    matcher, by_key = _matcher(doc.vocab)
    spans: list[Span] = []
    entries: dict[tuple[int, int], tuple[str, object, str]] = {}
    for key, start, end in matcher(doc):
        span = doc[start:end]
        for kind, ref, name in by_key.get(key, ()):  # strongest kind first
            if kind in _WEAK:
                if span.text != name:
                    continue
                kind = _WEAK[kind]
            if _case_ok(span, name):
                entries[(start, end)] = (kind, ref, name)
                spans.append(span)
                break
    out = []
    for span in filter_spans(spans):
        kind, ref, _ = entries[(span.start, span.end)]
        out.append(Mention(span.start, span.end, kind, ref, span.text))
    return out


# ------------------------------------------------------------------------------------ NER and cue patterns


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


def ner_mentions(doc: Doc, title_heads: frozenset[str] = frozenset()) -> list[Mention]:
    out = []
    for ent in doc.ents:
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
            out.append(Mention(span.start, span.end, PLACE, text, text))
        elif ent.label_ == "NORP":
            iso = gz.lookup_state(text)
            if iso:
                out.append(Mention(span.start, span.end, DEMONYM, str(iso), text))
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
                out.append(Mention(span.start, span.end, BODY, _plain(body), text))
                continue
            if len(span) == 1 and not text.isupper():
                continue  # a lone capitalized word tagged ORG ("Trump's", "Defense") is too often not one
            out.append(Mention(span.start, span.end, ORG, text, text))
        elif ent.label_ == "PERSON":
            out.append(Mention(span.start, span.end, PERSON, text, text))
    return out


def _propn_run(doc: Doc, i: int, step: int, limit: int) -> int:
    """Index one past the run of proper-noun tokens starting at i going in ``step`` direction."""
    j = i
    while 0 <= j < limit and (doc[j].pos_ == "PROPN" or doc[j].text in ("-",) and 0 <= j + step < limit):
        j += step
    return j


def cue_mentions(doc: Doc) -> list[Mention]:
    """Groups named next to a cue noun: "terror group Jaish-e-Foo", "the Foo militant network"."""
    out = []
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


_UNIT_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve".split())
_ARTICLES = frozenset({"al", "el", "ul", "ad", "as", "ash", "ar", "an", "at", "az"})


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
    for m in cue_mentions(doc) + ner_mentions(doc, title_heads):
        inside = {id(o): o for o in owner[m.start : m.end] if o is not None}
        if not inside:
            pass
        elif m.kind == PERSON and all(_nisba(doc, o, m) for o in inside.values()):
            for o in inside.values():  # "Abdul-Malik al-Houthi", "Abu Omar al-Kuwaiti": a name, not the group/state
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
