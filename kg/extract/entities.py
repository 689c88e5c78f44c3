"""A parsed Doc → its DocEntities: the registry of the document's mentions and entities, filled by the
passes that each do one job, and asked by the relation rules which entity a token stands for.

``DocEntities`` holds the mentions (``kg.extract.mentions``, ``military.add_mentions``) indexed by token,
the entity built for each key (``state/PAK``, ``group/lashkar-e-taiba``, ``person/james-mattis``...; a
mention's key by ``key_of``), the structural statements (``link``/``unlink``) and what the passes leave
for one another. The constructor runs the passes in order:

1. ``peoples.mark_peoples``: demonyms that name a people, not a state ("ethnic Albanians");
2. ``nominals.scan``: organs and collectives named with their state ("the Pakistani army");
3. ``persons.resolve_persons``: one key per person, whatever form of the name each mention uses;
4. ``titles.read_titles``: each person's titles and where each places them;
5. ``officials.place_officials``: officialOf / leaderOf, decided once per person;
6. ``nominals.resolve``: bare organs and collectives given a state ("the army");
7. ``structure``: basedIn and memberOf the text states; ``formations``: units and commanders.

``actor(token)`` (``kg.extract.coref``) answers which entity a token stands for as an event argument;
``entities()`` gives the result as ``kg.types.Entity`` records.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract import (
    actors,
    coref,
    formations,
    military,
    names,
    nominals,
    officials,
    peoples,
    persons,
    structure,
    titles,
)
from kg.extract import gazetteer as gz
from kg.extract.finder import find_mentions
from kg.extract.keys import slug
from kg.extract.mentions import (
    BODY,
    DEMONYM,
    GROUP,
    ORG,
    PERSON,
    PLACE,
    SEAT,
    STATE,
    Mention,
)
from kg.extract.officials import Placement
from kg.extract.records import Actor, Structural
from kg.vocab import GROUP_CLASSES

# what follows a dateline's place: "ISLAMABAD, March 12 -", "ISLAMABAD (Reuters) -", "NAIROBI — "
DATELINE_ENDS = frozenset({",", "(", "-", "—", "–", "--"})


@dataclass
class _Builder:
    key: str
    label: str
    cls: str
    iso: str | None = None
    title: str | None = None
    alts: set[str] = field(default_factory=set)


class DocEntities:
    """The mentions and entities of one parsed document, filled by the passes above."""

    def __init__(self, doc: Doc, scope: str = "", date: str | None = None):
        self.doc = doc
        self.date = date  # the document's date (ISO), for the dated roles of the actor dictionary
        # collectives the text does not qualify ("the rebels") are keyed to their document
        self.scope_slug = slug(scope)[:48].strip("-") or "doc"
        self.nominal: dict[int, Actor | None] = {}  # organ / collective head token → its actor (None: no one)
        self.body_sector: dict[str, str] = {}  # body key → sector (GOV, MIL, COP, ...)
        self.parts: dict[str, tuple[str, int]] = {}  # body key → (state key, token where first named)
        self.based: dict[str, tuple[str, int, str]] = {}  # collective key → (state/place key, token, rule)
        self.peoples: dict[str, list[str]] = {}  # a people's name (slug) → its keys placed in a state so far
        self.organs: list[tuple[int, str, str]] = []  # organs named with their state (nominals.scan)
        self.bare_organs: list[tuple[int, str, str]] = []  # bare organs given a state (nominals.resolve)
        self.unnamed: set[str] = set()  # collectives the text does not qualify: entities only as arguments
        self.mentions: list[Mention] = find_mentions(doc, frozenset(actors.agent_sectors()), names.title_words())
        self.mentions = military.add_mentions(doc, self.mentions)
        self.by_token: list[Mention | None] = [None] * len(doc)
        self.ents: dict[str, _Builder] = {}
        self.structural: list[Structural] = []
        self.title_span: set[int] = set()  # tokens consumed by an official's title
        self.person_keys: dict[int, str] = {}  # id(mention) → person key
        self._starts: list[int] = []
        self._index()
        self._seats_of_other_states()
        peoples.mark_peoples(self)
        nominals.scan(self)
        persons.resolve_persons(self)
        self.placements: dict[str, list[Placement]] = {}  # person key → where the text places them
        self.untitled: dict[str, list[tuple]] = {}  # person key → mentions whose titles name no state or group
        self.titles: dict[str, dict[str, None]] = {}  # person key → each title the text gives them, in order
        titles.read_titles(self)
        officials.place_officials(self)
        nominals.resolve(self)
        structure.based_in(self)
        structure.membership(self)
        structure.contributions(self)
        formations.structural(self)
        for st in self.structural:  # whoever leads or serves a state or group holds an office (gkg:Official)
            b = self.ents.get(st.subject)
            if st.relation in ("officialOf", "leaderOf") and b is not None and b.cls == "Person":
                b.cls = "Official"

    # ------------------------------------------------------------------ building

    def _index(self) -> None:
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m

    def add(self, key: str, label: str, cls: str, iso: str | None = None, alt: str | None = None) -> str:
        b = self.ents.get(key)
        if b is None:
            b = self.ents[key] = _Builder(key, label, cls, iso)
        if alt:
            b.alts.add(" ".join(alt.split()))
        return key

    def state_key(self, iso: str, alt: str | None = None) -> str:
        info = gz.states().get(iso)
        return self.add(f"state/{iso}", info.name if info else iso, "State", iso, alt)

    def link(self, st: Structural) -> None:
        """Record a structural statement the text makes (officialOf, memberOf, basedIn, partOf...)."""
        self.structural.append(st)

    def unlink(self, subject: str, relation: str, obj: str) -> None:
        """Withdraw every structural statement ``subject relation obj`` (a stronger one replaces it)."""
        self.structural[:] = [
            st for st in self.structural if not (st.subject == subject and st.relation == relation and st.object == obj)
        ]

    def key_of(self, m: Mention, acting: bool) -> str | None:
        """The entity a mention names; seats and national bodies name their State when ``acting``."""
        memo = (m.kind, acting if m.kind == SEAT else None)  # only a seat's entity depends on ``acting``
        if m.extra.get("key_memo") == memo and m.extra.get("key") in self.ents:
            return m.extra["key"]
        key = self._key_of(m, acting)
        if m.kind != PERSON:  # person keys are assigned during coreference; do not freeze them early
            m.extra["key_memo"], m.extra["key"] = memo, key
        return key

    def _key_of(self, m: Mention, acting: bool) -> str | None:
        if self.ethnic(m):
            return None  # "ethnic Albanians": a people (``nominals``), not the Albanian state
        if m.kind in (STATE, DEMONYM):
            return self.state_key(m.ref, m.text)  # type: ignore[arg-type]
        if m.kind == SEAT:
            org = self._seat_organization(m) if acting else None
            if org is not None:  # "Brussels brokered the deal": the organization that sits there
                return self.add(f"group/{slug(org.name)}", org.name, org.type, None, m.text)
            if acting:
                return self.state_key(m.ref, m.text)  # type: ignore[arg-type]
            body = gz.lookup_body(m.text)
            if body:
                return self.add(f"body/{body[0]}-{slug(str(body[1]))}", str(body[1]), "GovernmentBody", None, m.text)
            return self.add(f"place/{slug(m.text)}", m.text, "Place", None, m.text)
        if m.kind == BODY:  # an organ of its state, acting or not ("the Pentagon", "the Foreign Office")
            return nominals.body_key(self, m)
        if m.kind == GROUP:
            g = gz.group_info(str(m.ref))
            cls = getattr(g, "type", None) or "ArmedGroup"
            if cls not in GROUP_CLASSES:
                cls = "ArmedGroup"
            return self.add(f"group/{slug(str(m.ref))}", str(m.ref), cls, None, m.text)
        if m.kind == ORG:
            organ = nominals.org_key(self, m)  # "the Somali National Army", "the Interior Ministry"
            if organ is not None:
                return organ
            cls = "ArmedGroup" if m.cue == "armed" else "Group"
            key = f"group/{slug(m.text)}"
            if key in self.ents and self.ents[key].cls == "Group" and cls == "ArmedGroup":
                self.ents[key].cls = cls
            return self.add(key, m.text, cls, None, m.extra.get("alt") or m.text)  # "Umma party" for "Umma (Nation) party"
        if m.kind == PERSON:
            return self.person_keys.get(id(m))
        if m.kind == PLACE:
            return self.add(f"place/{slug(m.text)}", m.text, "Place", None, m.text)
        return None

    def names_state(self, iso: str, within: Span | None = None) -> bool:
        """Does the text (or the span ``within``) name this state by its name or demonym?"""
        lo, hi = (within.start, within.end) if within is not None else (0, len(self.doc))
        return any(m.kind in (STATE, DEMONYM) and str(m.ref) == iso and lo <= m.start < hi for m in self.mentions)

    def _seat_organization(self, m: Mention):
        """The organization a seat acts for: "Brussels" is the EU, unless the text names the seat's state
        and nothing of the organization (then "Brussels" is the Belgian government)."""
        org = gz.organization_seat(m.text)
        if org is None or not self.names_state(str(m.ref)):
            return org
        named = any(
            x.kind == GROUP and (str(x.ref) == org.name or getattr(gz.group_info(str(x.ref)), "part_of", None) == org.name)
            for x in self.mentions
        )
        return org if named else None

    def _seats_of_other_states(self) -> None:
        """A seat whose name is also a city of another state ("Tripoli": Libya's seat, a Lebanese city) is
        that city, a place, where the sentence names the other state and not the seat's own, or, the
        sentence naming neither, where the text does so."""
        for m in self.mentions:
            others = gz.city_states(m.text) if m.kind == SEAT else ()
            if not others:
                continue
            own = str(m.ref)
            for within in (self.doc[m.start].sent, None):
                other = any(self.names_state(iso, within) for iso in others)
                if other or self.names_state(own, within):
                    if other and not self.names_state(own, within):
                        m.kind, m.ref = PLACE, m.text
                    break


    def mention_at(self, tok: Token) -> Mention | None:
        return self.by_token[tok.i]


    @functools.cached_property
    def sole_dateline(self) -> tuple[Mention, list[Mention]] | None:
        """The dateline's seat and the other mentions of its state, if the text names no other state."""
        seat = next((o for o in self.mentions[:8] if o.kind == SEAT and self.dateline(o)), None)
        if seat is None:
            return None
        same = []
        for x in self.mentions:
            if x.kind not in (STATE, DEMONYM, SEAT, BODY) or x is seat:
                continue
            if str(x.ref[0] if x.kind == BODY else x.ref) != str(seat.ref):  # type: ignore[index]
                return None
            same.append(x)
        return seat, same


    def actor(self, tok: Token, allow_pronoun: bool = True, allow_modifier: bool | str = False) -> Actor | None:
        """The entity a token stands for as an event argument, or None (``kg.extract.coref.actor``)."""
        return coref.actor(self, tok, allow_pronoun, allow_modifier)

    def state_of(self, key: str) -> str | None:
        """The state a key is or is an organ of ("body/KEN-military" → "state/KEN"), else None."""
        if key.startswith("state/"):
            return key
        part = self.parts.get(key)
        return part[0] if part else None

    def home_of(self, key: str) -> str | None:
        """The state an organ is part of or a collective is based in, else None."""
        part = self.parts.get(key) or self.based.get(key)
        return part[0] if part else None

    def ethnic(self, m: Mention) -> bool:
        """Does this demonym name a people, not a state (``peoples.mark_peoples``)?"""
        return m.kind == DEMONYM and bool(m.extra.get("ethnic"))


    def dateline(self, m: Mention) -> bool:
        """An all-capitals place opening a sentence and followed by a comma, a bracket or a dash ("ISLAMABAD,
        March 12 —", "ISLAMABAD (Reuters) -", "NAIROBI — ..."), and the state or region written after it
        ("SKOPJE, North Macedonia, May 31 —", "ISLAMABAD, Pakistan - ...")."""
        doc = self.doc
        if not (m.end < len(doc) and doc[m.end].text in DATELINE_ENDS):
            return False
        if m.start == doc[m.start].sent.start and m.text.isupper() and len(m.text) > 3:
            return True
        before = self.by_token[m.start - 2] if m.start >= 2 and doc[m.start - 1].text == "," else None
        return before is not None and before is not m and before.end == m.start - 1 and before.text.isupper() \
            and len(before.text) > 3 and before.start == doc[before.start].sent.start


    def _mention_starts(self) -> list[int]:
        """Each mention's first token, in order (made again when mentions were added)."""
        if len(self._starts) != len(self.mentions):
            self._starts = [m.start for m in self.mentions]
        return self._starts

    def before(self, i: int, limit: int) -> list[Mention]:
        """Up to ``limit`` mentions starting before token ``i``, nearest first (bounded: linear overall)."""
        k = bisect.bisect_left(self._mention_starts(), i)
        return self.mentions[max(0, k - limit) : k][::-1]

    def between(self, start: int, end: int) -> list[Mention]:
        """The mentions starting at tokens ``start`` to ``end - 1``, found by bisection."""
        starts = self._mention_starts()
        return self.mentions[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


    # ------------------------------------------------------------------ output

    def entities(self, used: set[str] | None = None) -> list:
        """The document's entities; with ``used`` (keys in its triples), an unnamed collective ("the
        rebels", "militants" with no state or place) only if it takes part in one."""
        from kg.types import Entity

        for m in self.mentions:
            if not m.extra.get("acting"):
                self.key_of(m, acting=False)
        out = []
        for b in self.ents.values():
            if used is not None and b.key in self.unnamed and b.key not in used:
                continue
            alts = frozenset(n for n in map(name_form, b.alts) if n and n != b.label)
            out.append(Entity(b.key, b.label, b.cls, b.iso, b.title, alts))
        return out


_NOT_IN_NAMES = frozenset("which who whom that whose said says".split())


_NOT_A_NAME = frozenset(",;:()[]\"\u201c\u201d")  # a name holds none of these


@functools.lru_cache(maxsize=8192)
def name_form(text: str) -> str | None:
    """An alternative label as a name, or None for a phrase that names nothing: "The Kremlin spokesman,
    Dmitry Peskov" (an apposition), "the ministry which" (a clause), a long description. A leading
    article goes ("the Afghan government" → "Afghan government"); invisible format characters go."""
    words = text.translate(names.INVISIBLE).split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words or len(words) > 8 or not _NOT_A_NAME.isdisjoint(text):
        return None
    if any(w.lower() in _NOT_IN_NAMES for w in words) or words[-1].lower() in ("of", "and", "the", "in", "for"):
        return None
    return " ".join(words)
