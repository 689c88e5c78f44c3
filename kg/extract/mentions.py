"""A parsed Doc → the mentions of gazetteer names in it; and what a mention is (``Mention``, its kinds,
the word lists that cue groups and places) for every module that finds or reads mentions.

The gazetteer matcher is one case-insensitive PhraseMatcher over state names, short forms, demonyms,
seats of government, government bodies and group aliases, built once per vocabulary (per process).
``kg.extract.finder`` adds spaCy's entities, cue patterns and misspellings, and resolves overlaps.
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


def plain(ref: object) -> object:
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
_CAPITALIZED = re.compile(r"^[A-Z0-9]")
_ACRONYM = re.compile(r"^[A-Z]{2,3}$")


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
    words = name.split()
    if len(words) > 1 and any(_ACRONYM.match(w) for w in words):
        # "UN Security Council" → "U.N. Security Council" (the gazetteer keeps one of the two spellings)
        out.add(" ".join(".".join(w) + "." if _ACRONYM.match(w) else w for w in words))
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
            add(form.text, kind, plain(form.ref))

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


_AHEAD: dict[int, tuple[Doc, list[Mention]]] = {}  # found ahead (``keep``) and not yet taken, by id(doc)
_AHEAD_MAX = 256


def gazetteer_mentions(doc: Doc, keep: bool = False) -> list[Mention]:
    """The gazetteer's names in the Doc. ``keep``: keep the list for the next call on the same Doc (the
    parse triage finds them before the entities do), which takes it."""
    hit = _AHEAD.pop(id(doc), None)
    if hit is not None and hit[0] is doc:
        return hit[1]
    out = _gazetteer_mentions(doc)
    if keep:
        if len(_AHEAD) >= _AHEAD_MAX:
            _AHEAD.clear()
        _AHEAD[id(doc)] = (doc, out)
    return out


def _gazetteer_mentions(doc: Doc) -> list[Mention]:
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


# nouns that make a name beside them a place: "the Lachin corridor", "the town of X", "X, a tribal district"
PLACE_NAME_NOUNS = frozenset(
    "province district region county municipality governorate prefecture oblast corridor strait valley river "
    "island islands peninsula sea gulf bay lake shoal reef desert mountains hills plateau".split()
)
PLACE_NOUNS = PLACE_NAME_NOUNS | frozenset(
    "town towns city cities village villages suburb suburbs outskirts neighbourhood neighborhood capital port "
    "harbour harbor border frontier area zone enclave territory airport airbase crossing settlement stronghold "
    "provinces districts regions".split()
)
# nouns for the people of a place: "the inhabitants of X"
RESIDENT_NOUNS = frozenset("people peoples resident inhabitant population citizen villager townspeople".split())
# prepositions of place and of direction, which govern places and not people (unlike "to", "with")
PLACE_PREPS = frozenset("in at inside into near across around outside throughout toward towards through via".split())


def place_slot(span: Span, prepositions: bool = True) -> bool:
    """Does the sentence put a place where this name stands? Beside a place noun ("the Lachin corridor",
    "Khost province", "the town of Anefis", "North Waziristan, a tribal district"), or (``prepositions``)
    after a preposition of place or direction ("fighting in Kidal", "headed toward Gao"), or a one-word name
    after "from" ("convoys from Gao"; a person after "from" is written with a first name or a title)."""
    doc = span.doc
    root = span.root
    head = root.head
    if span.end < len(doc) and doc[span.end].lower_ in PLACE_NAME_NOUNS:
        return True
    if root.dep_ in ("compound", "nmod", "amod") and head.i > root.i and head.lower_ in PLACE_NOUNS:
        return True
    if root.dep_ == "appos" and head.lemma_.lower() in PLACE_NOUNS:
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in PLACE_NOUNS for c in root.children):
        return True
    if root.dep_ != "pobj":
        return False
    prep = head.lower_
    if prep == "of":  # "the town of X"; "the Kurds of X", "the residents of X": where a people lives
        owner = head.head
        return owner.lemma_.lower() in PLACE_NOUNS or owner.lemma_.lower() in RESIDENT_NOUNS or (
            owner.ent_type_ == "NORP" and owner.tag_ in ("NNPS", "NNS"))
    if not prepositions:
        return False
    return prep in PLACE_PREPS or (prep == "from" and len([t for t in span if not t.is_punct]) == 1)


