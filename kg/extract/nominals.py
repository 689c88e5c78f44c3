"""DocEntities + parse → the organs of states and the collectives one document names, and who each stands for.

Called by ``entities.DocEntities`` (``scan`` once the mentions are indexed, ``resolve`` once the officials
are known); what a noun is comes from ``kg.extract.actors``. For every organ or collective noun it decides
the entity, creates it with its label, and records the structural links:

- **organ with a state** ("the Afghan government", "Pakistan's army", "the government of Peru", "police
  in Kenya", "the Somali National Army", "the Russian Foreign Ministry") → ``body/<ISO>-<organ>``, a
  GovernmentBody labelled as the text first names it (other names become alt labels), ``partOf`` the
  state (rule ``state-organ``).
- **bare organ** ("the government", "the army", "security forces"; a generic gazetteer body such as
  "Foreign Office" or "Congress") → the organ of the state the text is about, when that is clear: an
  organ of this kind already named for (or, bare, resolved to) a state named in this or the previous
  sentence; for a gazetteer body, its own state when the text has named it; the only state this organ was
  named for so far; the
  only state named in this or the previous sentence (up to the noun). A bare organ whose state is clear
  is that state's organ, labelled as the text names it ("police"), so that "the army clashed with rebels"
  is no state fighting its own rebels (people of an organ not named, "police officers", stand for the
  state). Otherwise no one: a bare organ is then no actor, and a generic gazetteer body is a body of no
  state (keyed to the document). A dateline never counts as naming a state.
- **organ inside a longer noun phrase** ("Russian coast guard ships", "Kenyan police officers", "Chinese
  navy vessels"): the state qualifies the whole phrase, and the organ is the state's; the ships and
  officers are its things and people (``DocEntities.actor`` reads them as the organ). A title after the
  organ ("the army chief") or a second organ word ("police forces") is no such phrase.
- **collective with a state** ("Rwandan rebels", "rebels in the Ivory Coast") → ``group/<ISO>-<noun>``,
  ``basedIn`` the state (``group-nationality`` for a demonym or possessive, ``collective-located`` for
  "in"/"from"); with a place ("rebels in Darfur") a document-scoped group ``basedIn`` the place; with a
  people ("Kurdish rebels", "Yoruba leaders") ``group/<people>-<noun>``.
- **bare collective** ("the rebels", "protesters", "the opposition") → the collective of that noun named
  earlier in the document, else a group keyed to the document (``group/<doc>/<noun>``): the rebels of
  one article are not those of the next. Such an unnamed group is an entity only if it takes part in
  an event (``DocEntities.entities(used)``): "militants" said in passing names no one.
- **peoples** ("Kurds", "ethnic Albanians", "Bosnian Serbs": a demonym that names a people rather than a
  state, or a nationality that is no state) → ``group/<people>`` (``group/<ISO>-<people>`` when placed).

People nouns ("Pakistani officials", "Israeli soldiers") are left to ``DocEntities.actor``: they stand
for the state, or for the organ that qualifies them ("Afghan government officials").
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Token

from kg.extract import actors, names, peoples, roles, tree
from kg.extract import gazetteer as gz
from kg.extract.keys import slug
from kg.extract.mentions import BODY, DEMONYM, GROUP, ORG, PERSON, PLACE, SEAT, STATE, Mention
from kg.extract.records import Actor, Structural

QUALIFIER_DEPS = ("amod", "compound", "nmod", "poss", "npadvmod")
COUNTING = frozenset("several many some few dozens hundreds thousands tens scores numerous".split())
# modifiers that describe rather than name: "top Hamas leaders", "angry protesters" → "protesters"
NOT_NAME = frozenset(
    "top senior junior several other many few some more most former new own local angry thousands hundreds "
    "dozens all both".split()
)
# prepositions placing a collective in a state or place: "rebels in Darfur", "fighters from Chad"
COLLECTIVE_PLACE_PREPS = ("in", "from", "inside", "throughout", "across")
# a people's leaders, clerics or activists speak for it ("Yoruba leaders"); its villages or civilians do not
PEOPLE_SPEAKERS = frozenset({"GOV", "REL", "OPP"})
MAX_LABEL = 7


@dataclass(frozen=True)
class Qualifier:
    kind: str  # "state" | "group" | "people" | "place"
    value: str  # ISO code, group key, people name or place key
    start: int  # first token of the name phrase it adds
    end: int  # one past its last token
    rule: str = "group-nationality"


# ------------------------------------------------------------------------------- reading the parse


def _mention(ents, tok: Token) -> Mention | None:
    return ents.by_token[tok.i]


def _is_state(ents, m: Mention | None) -> bool:
    return m is not None and m.kind in (STATE, DEMONYM, SEAT) and not ents.dateline(m) and not ents.ethnic(m)


def _people_name(ents, tok: Token) -> str | None:
    """A nationality or people that is no state ("Kurdish", "Yoruba", "Shiite"), or an ethnic demonym."""
    m = _mention(ents, tok)
    if m is not None:
        return m.text if m.kind == DEMONYM and ents.ethnic(m) else None
    if tok.ent_type_ == "NORP" and tok.pos_ in ("ADJ", "PROPN", "NOUN") and gz.lookup_state(tok.text) is None:
        return tok.text
    return None


def qualifier(ents, head: Token, organ: bool, groups: bool = True) -> Qualifier | None:
    """Whose the organ or collective is: a state, a group, a people, or (collectives) a place. Without
    ``groups`` a group is reported without its key (no entity is made: the officials are not read yet)."""
    mods = [c for c in head.children if c.dep_ in QUALIFIER_DEPS and c.i < head.i]
    mods += [g for c in list(mods) for g in c.children if g.dep_ in QUALIFIER_DEPS and g.i < c.i]
    for c in sorted(mods, key=lambda t: t.i):
        m = _mention(ents, c)
        if _is_state(ents, m):
            return Qualifier("state", str(m.ref), min(m.start, c.left_edge.i), head.i + 1)  # type: ignore[union-attr]
        if m is not None and m.kind in (GROUP, ORG) and not state_force(m):
            if not groups:
                return Qualifier("group", "", m.start, head.i + 1)
            key = ents.key_of(m, acting=True)
            if key and not key.startswith("body/"):
                return Qualifier("group", key, m.start, head.i + 1)
        people = _people_name(ents, c)
        if people:
            start = m.start if m is not None else c.i
            if start > 0 and ents.doc[start - 1].lower_ == "ethnic":
                start -= 1
            return Qualifier("people", people, start, head.i + 1)
    for prep in _state_preps(ents, head, organ):
        for p in prep.children:
            m = _mention(ents, p) if p.dep_ == "pobj" else None
            if m is None:
                continue
            rule = "group-nationality" if prep.lower_ == "of" else "collective-located"
            if _is_state(ents, m):
                return Qualifier("state", str(m.ref), head.i, m.end, rule)
            if m.kind == PLACE and not organ and prep.lower_ != "of":
                return Qualifier("place", ents.key_of(m, acting=False) or "", head.i, m.end, "collective-located")
    return None


def _state_preps(ents, head: Token, organ: bool) -> list[Token]:
    """The prepositions on ``head`` that may name its state or place ("of Peru", "in Darfur"); for an organ
    also those on its portfolio ("the Ministry of Defence of Peru": "of Peru" hangs on "Defence")."""
    out = []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", *COLLECTIVE_PLACE_PREPS):
            continue
        out.append(prep)
        if organ and prep.lower_ == "of":
            out += [c for p in prep.children if p.dep_ == "pobj" and _mention(ents, p) is None
                    for c in p.children if c.dep_ == "prep" and c.lower_ in ("of", "in")]  # fmt: skip
    return out


def _outer(ents, tok: Token) -> Token | None:
    """The noun an organ phrase modifies, when that noun is a thing or people of the organ, not a title or
    an organ itself: "coast guard" in "Russian coast guard ships", "police" in "police officers"."""
    head = tok.head
    if tok.dep_ != "compound" or head.i <= tok.i or head.pos_ not in ("NOUN", "PROPN") or _mention(ents, head) is not None:
        return None
    if names.is_title_token(head) or actors.organ([head.text]) is not None:
        return None  # "the army chief", "police forces": a title, or one organ's name
    return head


def organ_qualifier(ents, tok: Token, first: int, groups: bool = True) -> Qualifier | None:
    """Whose an organ is, read on the organ's noun, else on the noun its phrase modifies ("Russian coast
    guard ships", "Kenyan police officers": the state qualifies the whole phrase)."""
    q = qualifier(ents, tok, organ=True, groups=groups)
    outer = _outer(ents, tok) if q is None else None
    if outer is None:
        return q
    q = qualifier(ents, outer, organ=True, groups=groups)
    return q if q is not None and q.start < first else None


def _conjoined_states(ents, head: Token) -> tuple[Mention | None, list[Mention]]:
    """The state modifying ``head`` that has conjuncts, and the states conjoined to it ("Ethiopian and
    Eritrean troops" → Ethiopia, [Eritrea]; "American and NATO troops" → the United States, [])."""
    for c in head.children:
        if c.dep_ not in QUALIFIER_DEPS or c.i > head.i or not _is_state(ents, _mention(ents, c)):
            continue
        if not any(x.dep_ == "conj" for x in c.children):
            continue
        out: list[Mention] = []
        for x in tree.conjuncts(c, appos="none")[1:]:
            m = _mention(ents, x)
            if _is_state(ents, m) and m not in out:
                out.append(m)  # type: ignore[arg-type]
        return _mention(ents, c), out
    return None, []


def _one_person(tok: Token) -> bool:
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


def organ_at(ents, head: Token) -> tuple[actors.Organ, int] | None:
    """The organ a noun heads, with the first token of its organ phrase ("security forces" → "security")."""
    if head.pos_ not in ("NOUN", "PROPN") or _mention(ents, head) is not None:
        return None
    left = head.i
    while left > 0 and ents.doc[left - 1].head.i in (head.i, left) and ents.doc[left - 1].dep_ in ("compound", "amod") \
            and _mention(ents, ents.doc[left - 1]) is None and left > head.i - 3:
        left -= 1
    words = [t.text for t in ents.doc[left : head.i + 1]]
    of = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    if of and _mention(ents, of[0]) is None:  # "the ministry of defence", "the Ministry of Defence of Peru"
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


def org_organ(ents, m: Mention) -> tuple[str | None, actors.Organ] | None:
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


# ------------------------------------------------------------------------------------- resolution


def _window_states(ents, pos: int) -> list[str]:
    """States named in this sentence up to ``pos`` and in the sentence before (datelines excluded)."""
    start = tree.recent_start(ents.doc, ents.doc[pos])
    out = []
    for m in ents.mentions:
        if start <= m.start < pos and _is_state(ents, m):
            out.append(str(m.ref))
    return list(dict.fromkeys(out))


def owner(ents, pos: int, organ_key: str, home: str | None = None) -> str | None:
    """The state a bare organ (or a generic gazetteer body whose own state is ``home``) belongs to."""
    named = [(p, iso) for p, k, iso in ents.organs if p < pos and k == organ_key]
    window = _window_states(ents, pos)
    # an organ of this kind named for a state of the window, also a bare one resolved before
    resolved = [(p, iso) for p, k, iso in ents.bare_organs if p < pos and k == organ_key]
    near = [iso for _, iso in sorted(named + resolved) if iso in window]
    if near:
        return near[-1]
    if home is not None and (home in window or any(
        m.start < pos and _is_state(ents, m) and str(m.ref) == home for m in ents.mentions)):
        return home
    states = list(dict.fromkeys(iso for _, iso in named))
    if len(states) == 1:
        return states[0]
    if len(window) == 1:
        return window[0]
    if home is not None and not window:  # "A Foreign Office spokesman said Britain would ...": its own state,
        sent = ents.doc[pos].sent  # named later in the sentence, where no other state is named before it
        if any(sent.start <= m.start < sent.end and _is_state(ents, m) and str(m.ref) == home for m in ents.mentions):
            return home
    return None


def scan(ents) -> None:
    """Organs named with their state, by position (before any entity exists): what a bare organ can
    refer to. ``ents.organs`` = [(token index, organ key, ISO)], in order (``resolve`` keeps the bare
    organs it gives a state in ``ents.bare_organs``: the next bare organ near that state refers to them)."""
    out = []
    for i in sorted(organ_heads(ents.doc)):
        tok = ents.doc[i]
        hit = organ_at(ents, tok)
        if hit is None:
            continue
        q = organ_qualifier(ents, tok, hit[1], groups=False)
        if q is not None and q.kind == "state":
            out.append((tok.i, hit[0].key, q.value))
    for m in ents.mentions:
        if m.kind == ORG:
            hit2 = org_organ(ents, m)
            if hit2 is not None and hit2[0]:
                out.append((m.start, hit2[1].key, hit2[0]))
        elif m.kind == BODY:
            org = generic_body(m.ref[1])  # type: ignore[index]
            state = _explicit_state(ents, m) if org is not None else None
            if state:
                out.append((m.start, org.key, state))  # type: ignore[union-attr]
    ents.organs = sorted(out)


def generic_body(name: str) -> actors.Organ | None:
    """A gazetteer body whose whole name is an organ's ("Foreign Office", "Congress", "Home Office")."""
    found = actors.organ(name.split())
    return found if found is not None and found.size == len(name.split()) else None


def _explicit_state(ents, m: Mention) -> str | None:
    """ "the Pakistani Foreign Office", "Pakistan's Foreign Office": a state named right before a body."""
    i = m.start - 1
    if i >= 0 and ents.doc[i].lower_ in ("'s", "'"):
        i -= 1
    prev = ents.by_token[i] if i >= 0 else None
    return str(prev.ref) if prev is not None and prev.end in (m.start, m.start - 1) and _is_state(ents, prev) else None


def body_key(ents, m: Mention) -> str:
    """The entity of a gazetteer body mention (its own state's, or, if generic, whose the text makes it)."""
    iso, name = m.ref  # type: ignore[misc]
    org = generic_body(name)
    if org is None:
        return _body(ents, f"body/{iso}-{slug(name)}", name, iso, m.start, m.text, _sector(m))
    state = _explicit_state(ents, m) or owner(ents, m.start, org.key, home=str(iso))
    return _body(ents, _organ_key(ents, state, org.key), name, state, m.start, m.text, _sector(m))


def _sector(m: Mention) -> str:
    info = gz.lookup_body_info(m.ref[1])  # type: ignore[index]
    return (info[1].sector if info else None) or "GOV"


def org_key(ents, m: Mention) -> str | None:
    """The entity of an organization name that is a state's organ ("Somali National Army"), else None."""
    hit = org_organ(ents, m)
    if hit is None:
        return None
    iso, org = hit
    state = iso or owner(ents, m.start, org.key)
    return _body(ents, _organ_key(ents, state, org.key), m.text, state, m.start, m.text, org.sector)


def _organ_key(ents, iso: str | None, organ_key: str) -> str:
    return f"body/{iso}-{organ_key}" if iso else f"body/{ents.scope_slug}/{organ_key}"


def _body(ents, key: str, label: str, iso: str | None, pos: int, alt: str | None, sector: str) -> str:
    ents.add(key, label, "GovernmentBody", None, alt)
    ents.body_sector.setdefault(key, sector)
    if iso:
        ents.parts.setdefault(key, (f"state/{iso}", pos))
    return key


def sibling_organ(ents, body: str, state: str, label: str, pos: int) -> str | None:
    """The same organ of a conjoined state: in "Ethiopian and Eritrean troops" the troops of Eritrea are
    Eritrea's armed forces as those of Ethiopia are Ethiopia's. ``body`` is the first state's organ key."""
    iso, sep, organ_key = body.removeprefix("body/").partition("-")
    if not body.startswith("body/") or not sep or "/" in iso or not state.startswith("state/"):
        return None
    other = state.split("/", 1)[1]
    return _body(ents, f"body/{other}-{organ_key}", label, other, pos, label, ents.body_sector.get(body, "GOV"))


def _hyphen_start(doc, start: int) -> int:
    """The first token of a hyphenated word ending at ``start`` ("Tuareg-led": "Tuareg", not "led")."""
    while start >= 2 and doc[start - 1].text in ("-", "\u2013") and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_:
        start -= 2
    return start


def _label(ents, start: int, end: int) -> str:
    doc = ents.doc
    start = _hyphen_start(doc, start)
    while start < end and (doc[start].dep_ in ("det", "punct") or doc[start].lower_ in NOT_NAME or doc[start].pos_ == "NUM"):
        start += 1
    return " ".join(doc[start:end].text.split())


# the members and leaders of a movement the modifier names: "separatist fighters", "the rebel leadership"
MOVEMENT_PARTS = frozenset("leadership leader commander fighter militiaman gunman member".split())
MOVEMENT_WORDS = frozenset(
    "rebel separatist insurgent militant jihadist islamist guerrilla guerilla paramilitary extremist".split()
)


def _movement(ents, tok: Token) -> Token | None:
    """The modifier naming the movement a leader or fighter noun belongs to ("separatist" in "the
    separatist leadership in X"): its collective is the movement's (one group with "separatist fighters")."""
    if tok.lemma_.lower() not in MOVEMENT_PARTS:
        return None
    return next((c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i
                 and c.lower_ in MOVEMENT_WORDS and _mention(ents, c) is None), None)


def _collective_label(ents, head: Token, q: Qualifier | None) -> str:
    if q is not None:
        movement = _movement(ents, head)
        return _label(ents, min(q.start, movement.i if movement is not None else q.start), q.end)
    start = head.i
    while start > 0 and ents.doc[start - 1].head.i == head.i and ents.doc[start - 1].dep_ in ("amod", "compound"):
        start -= 1
    return _label(ents, start, head.i + 1)


def resolve(ents) -> None:
    """Create the organs, collectives and peoples of the document in text order; fill ``ents.nominal``
    (token index → Actor, or None for a bare organ that stands for no one) and their structural links."""
    doc = ents.doc
    for m in ents.mentions:  # every body and organ name, so that each has its partOf
        if m.kind in (BODY, ORG):
            ents.key_of(m, acting=False)
    seen: dict[str, str] = {}  # collective noun → latest key
    heads = organ_heads(doc)
    for tok in doc:
        hit = organ_at(ents, tok) if tok.i in heads else None
        if hit is not None:
            org, first = hit
            q = organ_qualifier(ents, tok, first)
            outer = _outer(ents, tok)
            if q is not None and q.kind != "state":
                continue  # "Hamas's military wing", "the Taliban government": the group's own
            if q is not None:
                end = tok.i + 1 if outer is not None and q.end > tok.i + 1 else max(q.end, tok.i + 1)
                label = _label(ents, min(q.start, first), end)
                first_state, others = _conjoined_states(ents, tok)
                if first_state is not None:  # "Ethiopian and Eritrean troops": each state's own organ, named apart
                    words = _label(ents, first, tok.i + 1)
                    label = f"{first_state.text} {words}"
                    for m in others:
                        name = f"{m.text} {words}"
                        _body(ents, f"body/{m.ref}-{org.key}", name, str(m.ref), tok.i, name, org.sector)
                key = _body(ents, f"body/{q.value}-{org.key}", label, q.value, tok.i, label, org.sector)
            elif (led := led_by(ents, tok, org.key)) is not None:  # "the Trump administration"
                iso, start = led
                label = _label(ents, start, tok.i + 1)
                key = _body(ents, f"body/{iso}-{org.key}", label, iso, tok.i, label, org.sector)
            elif _bare(tok, first):
                state = owner(ents, tok.i, org.key)
                if state is None:
                    ents.nominal[tok.i] = None
                    continue
                key = f"body/{state}-{org.key}"
                if key not in ents.ents and outer is not None:
                    # "police officers", "army reservists": people of an organ the text has not named
                    ents.nominal[tok.i] = Actor(ents.state_key(state), org.sector, "nominal")
                    continue
                # the state's organ, named as the text names it ("police", "the army") if not named before
                label = _label(ents, first, tok.i + 1)
                key = _body(ents, key, label, state, tok.i, label, org.sector)
                bisect.insort(ents.bare_organs, (tok.i, org.key, state))  # what the next bare "army" can refer to
            else:
                continue
            ents.nominal[tok.i] = Actor(key, ents.body_sector.get(key, org.sector), "nominal")
            continue
        m = _mention(ents, tok)
        if m is not None:
            if m.kind == DEMONYM and ents.ethnic(m) and tok.i == m.end - 1 and tok.pos_ in ("PROPN", "NOUN"):
                _people(ents, tok, m.text, m.start)
            continue
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        people = _people_name(ents, tok) if tok.tag_ in ("NNS", "NNPS") else None
        if people and tok.head.i != tok.i and tok.dep_ in ("amod", "compound") and actors.sector(tok.head.lower_, tok.head.lemma_.lower()):
            continue  # "Kurdish rebels": the head noun decides
        if people:
            _people(ents, tok, people, tok.i)
            continue
        low, lemma = tok.lower_, tok.lemma_.lower()
        coll = actors.collective(low, lemma) if not _one_person(tok) else None
        movement = _movement(ents, tok)
        if movement is not None and not _one_person(tok):  # "separatist fighters", "the rebel leadership"
            coll = (movement.lower_, True)
        sector = actors.sector(low, lemma)
        q = qualifier(ents, tok, organ=False) if coll is not None or sector else None
        if coll is None:
            if q is not None and q.kind == "people" and sector in PEOPLE_SPEAKERS:  # "Yoruba leaders", "Shiite clerics"
                key = ents.add(f"group/{slug(q.value)}-{slug(tok.lemma_.lower())}", _label(ents, q.start, q.end), "Group")
                where = peoples.people_state(ents, tok)  # "Serb leaders in Kosovo"
                if where is not None:
                    ents.based.setdefault(key, (f"state/{where}", tok.i, "collective-located"))
                ents.nominal[tok.i] = Actor(key, sector, "nominal")
            continue
        noun, armed = coll
        cls = "ArmedGroup" if armed else "Group"
        if q is not None and q.kind == "group":
            continue  # "Taliban fighters": the Taliban (DocEntities.actor)
        label = _collective_label(ents, tok, q)
        if q is not None and q.kind == "state":
            key = ents.add(f"group/{q.value}-{slug(noun)}", label, cls, None, label)
            ents.based.setdefault(key, (f"state/{q.value}", tok.i, q.rule))
        elif q is not None and q.kind == "people":
            key = ents.add(f"group/{slug(q.value)}-{slug(noun)}", label, cls, None, label)
        elif q is not None and q.kind == "place" and q.value:
            key = ents.add(f"group/{ents.scope_slug}/{slug(noun)}-{q.value.split('/')[-1]}", label, cls, None, label)
            ents.based.setdefault(key, (q.value, tok.i, q.rule))
        else:
            key = seen.get(noun) or ents.add(f"group/{ents.scope_slug}/{slug(noun)}", label, cls, None, label)
            if key not in ents.based:
                ents.unnamed.add(key)  # kept only as an event's argument (DocEntities.entities)
            if key in ents.ents and label != ents.ents[key].label and _informative(label):
                ents.ents[key].alts.add(label)
        if ents.ents[key].cls == "Group" and cls == "ArmedGroup":
            ents.ents[key].cls = cls
        if q is not None and q.start >= tok.i:  # "the separatist leadership in X" is also "separatist leadership"
            short = _collective_label(ents, tok, None)
            if _informative(short):
                ents.ents[key].alts.add(short)
        seen[noun] = key
        ents.nominal[tok.i] = Actor(key, sector, "nominal")
    _structural(ents)


def _informative(label: str) -> bool:
    """ "striking miners" names more than "miners"; a later bare "the miners" adds no name."""
    return len(label.split()) > 1


# organs a text names after the head of state or government who leads them: "the Biden administration",
# "Khan's government", "the Kurti cabinet": their organ keys, and the nouns naming them so
LED_ORGANS = frozenset({"government", "cabinet"})
LED_ORGAN_NOUNS = frozenset({"administration", "government", "cabinet", "regime"})


def led_by(ents, head: Token, organ_key: str) -> tuple[str, int] | None:
    """(ISO, first token) of the state whose head names this organ: "the Trump administration" is the
    government of the state the text makes Trump the leader of, else the state the actor dictionary gives
    him an office in on the document's date (by his name in full, or by the family name alone when the
    text never writes it in full: "the Biden administration")."""
    if organ_key not in LED_ORGANS:
        return None
    for c in head.children:
        if c.dep_ not in ("compound", "poss") or c.i > head.i or c.pos_ != "PROPN":
            continue
        m = _mention(ents, c)
        if m is not None and m.kind != PERSON:
            continue
        person = ents.person_keys.get(id(m)) if m is not None else None
        iso = _led_state(ents, person, c.text)
        if iso is not None:
            return iso, c.left_edge.i
    return None


def _led_state(ents, person: str | None, written: str) -> str | None:
    """The state a person (key, or None for a name no mention holds) leads, by the text, else the dictionary."""
    if person is not None:
        for st in ents.structural:
            if st.subject == person and st.relation == "leaderOf" and st.object.startswith("state/"):
                return st.object.split("/", 1)[1]
        full = ents.ents[person].label
        if len(full.split()) > 1:
            return roles.office_state(full, ents.date)
    return roles.surname_office(written, ents.date)


def _bare(head: Token, first: int) -> bool:
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


def _people(ents, tok: Token, name: str, start: int) -> None:
    """ "Kurds", "ethnic Albanians", "Iraqi Kurds", "Bosnian Serbs": a people, placed where the text says."""
    if start > 0 and ents.doc[start - 1].lower_ == "ethnic":
        start -= 1
    place = None
    for c in tok.children:
        m = _mention(ents, c) if c.dep_ in QUALIFIER_DEPS and c.i < start else None
        if _is_state(ents, m):
            place = str(m.ref)  # type: ignore[arg-type]
            start = min(start, m.start)  # type: ignore[union-attr]
    if place is None and start > 0:
        prev = ents.by_token[start - 1]
        if _is_state(ents, prev) and prev.end == start:  # "Bosnian Serbs" parsed as two names
            place, start = str(prev.ref), prev.start  # type: ignore[union-attr, arg-type]
    if place is None:
        place = peoples.people_state(ents, tok)  # "Serbs in Kosovo", "Kurds living in Syria"
    label = _label(ents, start, tok.i + 1)
    base = slug(name.split()[-1] if name.lower().startswith("ethnic ") else name)
    placed = ents.peoples.setdefault(base, [])
    if place is None and len(placed) == 1:
        key = ents.add(placed[0], label, "Group", None, label)  # "Serbs in Kosovo ... Serbs protested": one people
    else:
        key = ents.add(f"group/{place}-{base}" if place else f"group/{base}", label, "Group", None, label)
    if place:
        if key not in placed:
            placed.append(key)
        ents.based.setdefault(key, (f"state/{place}", tok.i, "group-nationality"))
    else:  # "the Armenians of Nagorno-Karabakh", "Kurds in Kirkuk": where the people lives
        for prep in tok.children:
            m = next((_mention(ents, p) for p in prep.children if p.dep_ == "pobj"), None) \
                if prep.dep_ == "prep" and prep.lower_ in ("of", "in") else None
            if m is not None and m.kind == PLACE:
                ents.based.setdefault(key, (ents.key_of(m, acting=False), tok.i, "collective-located"))
                break
    ents.nominal[tok.i] = Actor(key, None, "nominal")


def _structural(ents) -> None:
    doc = ents.doc
    for key, (state, pos) in ents.parts.items():
        ents.state_key(state.split("/", 1)[1])
        ents.link(Structural(key, "partOf", state, doc[pos].sent, "state-organ", 0.8))
    for key, (where, pos, rule) in ents.based.items():
        ents.link(Structural(key, "basedIn", where, doc[pos].sent, rule, 0.7))


def state_force(m: Mention) -> bool:
    """ "the Somali National Army", "Iraqi Security Forces": a state's forces, never "the group"."""
    words = m.text.split()
    return (
        len(words) >= 2
        and words[-1].lower() in ("army", "forces", "police", "navy")
        and gz.lookup_state(words[0]) is not None
    )
