"""Mentions → canonical entities of one document, officials with their titles, and who a token refers to.

``DocEntities`` turns each mention into an entity key (``state/PAK``, ``group/lashkar-e-taiba``,
``person/james-mattis``...), merges every form of a person's name with the full name ("Erdogan",
"ERDOGAN", "President Erdogan", "Tayyip Erdogan"; ``kg.extract.names``), finds officials with clean
titles and places them by evidence ("Syrian Foreign Minister X", "X, Kenya's ambassador", "a spokesman
for the Taliban", a dated role in the actor dictionary (``kg.extract.roles``), "Ghani's adviser"; see
``_place_officials``), and answers ``actor(token)``: which entity a token stands for when it is the
subject or object of an event (seats of government then stand for their State; organs of a state and
collectives beside it are their own entities, see ``nominals``; "Pakistani officials" stands for
Pakistan with sector GOV; pronouns and "the group" for the nearest compatible actor; "the ambassador" or
"the foreign minister" for the one official of that title named shortly before).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract import actors, military, names, nominals, roles, tree
from kg.extract import gazetteer as gz
from kg.extract.keys import slug
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
    find_mentions,
    place_slot,
)
from kg.extract.records import Actor, Structural

ACTOR_CLASSES = frozenset({"State", "ArmedGroup", "InternationalOrganization", "GovernmentBody", "Group", "Official"})
LEADER_WORDS = frozenset(
    "leader chief head founder emir amir commander chairman chairperson chair president secretary-general "
    "director-general co-founder supremo".split()
)
# words of a title that say its holder holds no state office now, whatever a dated role says
NOT_IN_OFFICE = GROUP_CUE_MODS | {"former", "ex", "late", "opposition", "exiled"}
# heads of an international organization's secretariat: "Secretary-General X" serves the organization
ORGANIZATION_HEADS = ("secretary-general", "secretary general", "director-general", "director general")
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative"})
CONTRIBUTE_VERBS = frozenset({"contribute", "commit", "deploy", "provide", "send"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# titles that are also common first names: right after another title, the first name
TITLES_AND_NAMES = frozenset({"amir", "emir", "sultan"})
HEAD_OF_STATE_WORDS = frozenset("president premier king queen emir amir sultan monarch chancellor".split())
# prepositions before a place that opens a phrase: the scene of what follows ("In Turkey, X said")
SCENE_PREPS = frozenset({"in", "at", "from", "inside"})
GROUP_CLASSES = frozenset({"Group", "ArmedGroup", "InternationalOrganization", "GovernmentBody"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
THING_PRONOUNS = frozenset({"it", "they", "them", "we", "us"})
BASE_VERBS = frozenset("base headquarter station operate locate".split())
MEMBER_NOUNS = frozenset("member affiliate faction wing branch offshoot franchise part component signatory".split())
GROUP_ANAPHORS = frozenset(
    "group movement network organization organisation militia outfit faction insurgency bloc alliance".split()
)
# words that make a capitalized name an organization, not a person
ORG_WORDS = frozenset(
    "party front council ministry commission union army forces force organization organisation committee agency "
    "office department court bank movement group network league alliance coalition command brigade brigades "
    "battalion company corporation institute foundation association federation assembly parliament "
    "government administration police service services university news times post radio tv".split()
)
# nouns for a people's members and representatives: "Serb leaders in Kosovo" are the Serbs' leaders there
PEOPLE_HEADS = frozenset(
    "leader leadership community minority population resident villager mayor politician people representative "
    "family families protester demonstrator".split()
)
# "a group of Moroccan diplomats", "thousands of Iraqi Kurds": the actor is inside the "of" phrase
QUANTITY_NOUNS = frozenset(
    "group number team couple dozen dozens hundreds thousands tens millions some many most several few "
    "members member contingent batch patch unit delegation handful majority part".split()
)




@functools.lru_cache(maxsize=4096)
def _group_info(name: str):
    """The gazetteer record of a group by its preferred name (exact, fast), else by any alias."""
    try:
        return gz.group(name)
    except (KeyError, AttributeError):
        return gz.lookup_group(name)


def _title_abbreviation(tok: Token) -> bool:
    """A title word, also an abbreviated one whose period the tokenizer split off ("Capt" + ".")."""
    return names.is_title_token(tok) or (tok.lower_ + ".") in names.title_words()


def head_of_state_title(title: str | None) -> bool:
    """ "President", "Prime Minister", "King": a title that makes its holder the head of a state."""
    words = (title or "").lower().replace(".", "").split()
    if not words or any(w in ("vice", "deputy", "former", "ex") for w in words):
        return False
    return words[-1] in HEAD_OF_STATE_WORDS or words[-2:] == ["prime", "minister"]


def _leader_title(title: str | None) -> bool:
    """ "leader", "chief", "supreme leader", "chairperson of X" lead; "chief spokesman" and "Secretary-General"
    do not (the head word, the last before an "of"/"for" complement, decides)."""
    words = _before_complement((title or "").lower().split())
    # the head of an organization's secretariat serves it ("Secretary-General X"): officialOf
    return bool(words) and words[-1] in LEADER_WORDS and words[-1] not in ORGANIZATION_HEADS


def _before_complement(words: list[str]) -> list[str]:
    """A title's words up to its "of"/"for" complement: the head word is then the last."""
    for cut in ("of", "for"):
        if cut in words[1:]:
            words = words[: words.index(cut, 1)]
    return words


@functools.cache
def _abbreviations() -> dict[str, str]:
    """Abbreviated title word (lower case, no period) → the full title: "gen" → "General"."""
    return {k.lower().rstrip("."): v for k, v in (gz.titles().abbreviations or {}).items()}


# what follows a dateline's place: "ISLAMABAD, March 12 -", "ISLAMABAD (Reuters) -", "NAIROBI — "
DATELINE_ENDS = frozenset({",", "(", "-", "—", "–", "--"})
TITLE_ANAPHOR_WINDOW = 250  # tokens (about ten sentences) back to the official a bare title refers to


def _title_fits(wanted: list[str], title: str) -> bool:
    """Does "the foreign minister" (``wanted``: modifiers and head, lower-cased) fit the title "Foreign
    Minister"? The head must be the title's head (abbreviations expanded: "Gen." is "general") and every
    modifier one of its words; "the minister" fits "Foreign Minister", "the secretary" "Secretary of State"."""
    expand = _abbreviations()
    words = [w for part in title.split() for w in expand.get(part.lower().rstrip("."), part).lower().split()]
    words = _before_complement([w for part in words for w in part.split("-")])
    return bool(words) and words[-1] == wanted[-1] and all(w in words for w in wanted[:-1])


def _in_object(tok: Token) -> bool:
    """Is the token (inside) an object phrase: "India", "the AU and the United States", "Pakistan's envoy"?
    ("Egyptian officials" as an object stays ambiguous: whose office the title is, is not said.)"""
    for _ in range(5):
        if tok.dep_ in ("dobj", "pobj", "dative"):
            return True
        if tok.dep_ not in ("conj", "appos", "poss") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


@dataclass
class _Builder:
    key: str
    label: str
    cls: str
    iso: str | None = None
    title: str | None = None
    alts: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Placement:
    """One piece of evidence of where a person serves: the state or group, the title read, the rule."""

    aff: str
    title: str
    rule: str
    sent: Span


# confidence of an officialOf/leaderOf statement by the evidence that placed the official
_TRUST = {
    "official-title": 0.85, "official-apposition": 0.85, "official-role": 0.7, "official-of-official": 0.7,
    "official-organization": 0.55, "official-locale": 0.6, "official-dateline": 0.55,
}  # fmt: skip


class DocEntities:
    """Entities of one parsed document and the token → actor map the relation rules use."""

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
        self._organs: list[tuple[int, str, str]] = []  # organs named with their state (nominals.scan)
        self._bare_organs: list[tuple[int, str, str]] = []  # bare organs given a state (nominals.resolve)
        self.unnamed: set[str] = set()  # collectives the text does not qualify: entities only as arguments
        self.mentions: list[Mention] = find_mentions(doc, frozenset(actors.agent_sectors()), names.title_words())
        self.mentions = military.add_mentions(doc, self.mentions)
        self.by_token: list[Mention | None] = [None] * len(doc)
        self.ents: dict[str, _Builder] = {}
        self.structural: list[Structural] = []
        self.title_span: set[int] = set()  # tokens consumed by an official's title
        self._person_key: dict[int, str] = {}  # id(mention) → person key
        self._starts: list[int] = []
        self._index()
        self._seats_of_other_states()
        self._peoples()
        nominals.scan(self)
        self._persons()
        self._evidence: dict[str, list[_Placement]] = {}  # person key → where the text places them
        self._untitled: dict[str, list[tuple]] = {}  # person key → mentions whose titles name no state or group
        self._titles: dict[str, dict[str, None]] = {}  # person key → each title the text gives them, in order
        self._officials()
        self._place_officials()
        nominals.resolve(self)
        self._based_in()
        self._membership()
        self._contributions()
        military.structural(self)
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
        if self._ethnic(m):
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
            g = _group_info(str(m.ref))
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
            return self._person_key.get(id(m))
        if m.kind == PLACE:
            return self.add(f"place/{slug(m.text)}", m.text, "Place", None, m.text)
        return None

    def _names_state(self, iso: str, within: Span | None = None) -> bool:
        """Does the text (or the span ``within``) name this state by its name or demonym?"""
        lo, hi = (within.start, within.end) if within is not None else (0, len(self.doc))
        return any(m.kind in (STATE, DEMONYM) and str(m.ref) == iso and lo <= m.start < hi for m in self.mentions)

    def _seat_organization(self, m: Mention):
        """The organization a seat acts for: "Brussels" is the EU, unless the text names the seat's state
        and nothing of the organization (then "Brussels" is the Belgian government)."""
        org = gz.organization_seat(m.text)
        if org is None or not self._names_state(str(m.ref)):
            return org
        named = any(
            x.kind == GROUP and (str(x.ref) == org.name or getattr(_group_info(str(x.ref)), "part_of", None) == org.name)
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
                other = any(self._names_state(iso, within) for iso in others)
                if other or self._names_state(own, within):
                    if other and not self._names_state(own, within):
                        m.kind, m.ref = PLACE, m.text
                    break

    def _persons(self) -> None:
        """Person keys: one per person the document names, whatever form each mention uses.

        A full name (two words or more) keys its person; a shorter writing of one longer full name
        ("Tayyip Erdogan") joins it. A family name alone ("Erdogan", "ERDOGAN", "Erdogan's office",
        "President Erdogan", "al-Houthi") joins the person of that family name whose full name is written
        nearest before it (else first after it), also where the tagger typed it an organization or a
        place or missed it; a seat or state of that name ("Lima" after "Alberto Lima") only where it acts
        as a person (subject, possessor, agent). A single name no full name explains is a person of its own.
        """
        for m in self.mentions:
            if m.kind == ORG and m.cue is None and self._titled(m):
                m.kind = PERSON  # the tagger's ORG for "Ali Reza Tabrizi, Iran's trade minister"
        self._restore_person_names()
        for m in self.mentions:
            if m.kind == PERSON:
                name = self._strip_titles(m)
                m.kind, m.extra["name"] = (PERSON, name) if name is not None else ("dropped", None)
        self._places_tagged_as_persons()
        persons = [m for m in self.mentions if m.kind == PERSON]
        multi = [m for m in persons if len(names.words(m.extra["name"])) >= 2]
        short = {f for m in multi for f in names.surname_forms(names.words(m.extra["name"]))}
        fulls = [m for m in multi if names.words(m.extra["name"]) not in short]  # "bin Salman" is no full name
        keys: dict[tuple[str, ...], str] = {}  # the words of a full name → its person's key
        for m in sorted(fulls, key=lambda m: -len(names.words(m.extra["name"]))):  # longest writing first
            w = names.words(m.extra["name"])
            if w not in keys:
                longer = {k for f, k in keys.items() if names.shorter_form(w, f)}
                keys[w] = longer.pop() if len(longer) == 1 else f"person/{slug(m.extra['name'])}"
                self.add(keys[w], m.extra["name"], "Person")
        by_form: dict[tuple[str, ...], list[tuple[int, str]]] = {}  # family name → (where written in full, key)
        for m in fulls:
            key = keys[names.words(m.extra["name"])]
            self._person_key[id(m)] = self.add(key, m.extra["name"], "Person", None, m.extra["name"])
            for f in names.surname_forms(names.words(m.extra["name"])):
                by_form.setdefault(f, []).append((m.start, key))
        for m in self.mentions:
            if id(m) in self._person_key or m.kind == "dropped":
                continue
            text = m.extra["name"] if m.kind == PERSON else m.text
            key = self._family_name(by_form, names.words(text), m) if self._may_be_person(m) else None
            if key is not None:
                m.kind = PERSON
                self._person_key[id(m)] = self.add(key, self.ents[key].label, "Person", None, self._name_alt(key, text))
            elif m.kind == PERSON:
                name = m.extra["name"]
                self._person_key[id(m)] = self.add(f"person/{slug(name)}", name, "Person", None, name)
        self._untagged_family_names(by_form)
        self.mentions = [m for m in self.mentions if m.kind != "dropped"]
        self.mentions.sort(key=lambda m: m.start)

    def _places_tagged_as_persons(self) -> None:
        """Towns, districts and corridors the tagger typed as persons are places, where the sentence puts a
        place: beside a place noun ("the Lachin corridor", "the town of Anefis", "North Waziristan, a
        tribal district"), after a preposition of place or direction ("fighting in Kidal", "columns headed
        toward Gao"), after "from" a single name that is nobody's family name ("convoys from Gao"). A name
        with a title or honorific stays a person; a name a person is written in full by ("Alberto Lima",
        then "Lima") stays theirs. Every other mention of the same name follows ("aid could reach X" once
        "peacekeepers in X" said it is a place)."""
        persons = [m for m in self.mentions if m.kind == PERSON]
        if not persons:
            return
        family = {f for m in persons for f in names.surname_forms(names.words(m.extra["name"]))}
        titled = {names.words(m.extra["name"]) for m in persons if m.extra["name"] != m.text or (
            m.start > 0 and (_title_abbreviation(self.doc[m.start - 1]) or names.honorific(self.doc[m.start - 1].lower_)))}
        family |= {w[-1:] for w in titled}
        places = {names.words(m.text) for m in self.mentions if m.kind == PLACE}
        for m in persons:
            w = names.words(m.extra["name"])
            if m.extra["name"] == m.text and w not in family and w not in titled and place_slot(self.doc[m.start : m.end]):
                places.add(w)
        for m in persons:
            w = names.words(m.extra["name"])
            if w in places and w not in family and w not in titled:
                if m.end < len(self.doc) and self.doc[m.end].lower_ in PLACE_NAME_NOUNS and self.by_token[m.end] is None:
                    m.end += 1  # "the Lachin corridor": the noun is part of the place's name
                    self.by_token[m.end - 1] = m
                    m.text = self.doc[m.start : m.end].text
                m.kind, m.ref = PLACE, m.text

    def _may_be_person(self, m: Mention) -> bool:
        """Can this mention be a person's family name? A name, an untyped organization, a place not governed
        by a preposition of place; a seat or
        state only as a subject, possessor or agent ("Lima said", "Lima's office", "by Lima"); a group only
        with the particle of a family name before it ("al-Houthi")."""
        if m.kind == PERSON or (m.kind == ORG and m.cue is None):
            return True
        root = self.doc[m.start : m.end].root
        if m.kind == PLACE:  # not where something happens: "fighting in Farah" after "Ali Farah"
            return not (root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS)
        if m.kind in (SEAT, STATE):
            return root.dep_ in ("nsubj", "nsubjpass", "poss") or (root.dep_ == "pobj" and root.head.lower_ == "by")
        return False

    def _family_name(self, by_form: dict, w: tuple[str, ...], m: Mention) -> str | None:
        """The person whose family name ``w`` is, written in full nearest before ``m`` (else first after)."""
        cands = by_form.get(w)
        if not cands:
            return None
        before = [c for c in cands if c[0] < m.start]
        return max(before)[1] if before else min(cands)[1]

    def _name_alt(self, key: str, text: str) -> str | None:
        """A surface form worth keeping as another name: not the capitals of a dateline or a headline."""
        return None if text.isupper() and not self.ents[key].label.isupper() else text

    def _untagged_family_names(self, by_form: dict) -> None:
        """Family names the tagger did not mark ("Erdogan's office", "Griffiths met ..."), also with their
        particle ("al-Houthi", where the gazetteer took "Houthi" for the movement)."""
        doc = self.doc
        last: dict[str, list[tuple[str, ...]]] = {}
        for f in sorted(by_form, key=len, reverse=True):
            last.setdefault(f[-1], []).append(f)
        if not last:
            return
        for tok in doc:
            if not (tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN")):
                continue
            for form in last.get(gz.fold(tok.text).lower(), ()):
                start = self._written_before(tok.i, form[:-1])
                if start is None:
                    continue
                inside = {id(x): x for x in self.by_token[start : tok.i + 1] if x is not None}
                if any(x.kind != GROUP or len(form) == 1 or x.start < start or x.end > tok.i + 1 for x in inside.values()):
                    break  # a mention of its own (decided above), or a group named without the particle
                m = Mention(start, tok.i + 1, PERSON, doc[start : tok.i + 1].text, doc[start : tok.i + 1].text)
                for x in inside.values():
                    x.kind = "dropped"
                self.mentions.append(m)
                for i in range(m.start, m.end):
                    self.by_token[i] = m
                key = self._family_name(by_form, form, m)
                self._person_key[id(m)] = self.add(key, self.ents[key].label, "Person", None, self._name_alt(key, m.text))
                break

    def _written_before(self, i: int, particles: tuple[str, ...]) -> int | None:
        """Where the words ``particles`` start right before token ``i`` ("al" "-" before "Houthi"), or None."""
        start = i
        for word in reversed(particles):
            j = start - 2 if start > 1 and self.doc[start - 1].text == "-" else start - 1
            if j < 0 or self.doc[j].lower_ != word:
                return None
            start = j
        return start

    def _restore_person_names(self) -> None:
        """ "Alberto Lima", "Michael Jordan": a tagged person name whose last word the gazetteer matched as a
        seat or state (so the name was dropped for the place) is the person."""
        doc = self.doc
        for ent in doc.ents:
            end = ent.end
            while end > ent.start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
                end -= 1
            if ent.label_ != "PERSON" or end - ent.start < 2:
                continue
            place = self.by_token[end - 1]
            if place is None or place.kind not in (SEAT, STATE) or (place.start, place.end) != (end - 1, end):
                continue
            given = doc[ent.start : end - 1]
            if any(
                self.by_token[t.i] is not None or t.pos_ != "PROPN" or not t.text[:1].isupper()
                or names.is_title_token(t) or names.honorific(t.lower_)
                for t in given
            ):
                continue
            m = Mention(ent.start, end, PERSON, doc[ent.start : end].text, doc[ent.start : end].text)
            self.mentions[self.mentions.index(place)] = m
            for i in range(m.start, m.end):
                self.by_token[i] = m

    def _titled(self, m: Mention) -> bool:
        """Does a title stand next to this name ("President X", "X, the leader of Y", "Y's envoy, X")?"""
        span = self.doc[m.start : m.end]
        words = [t for t in span if not t.is_punct]
        if len(words) < 2 or not all(t.pos_ == "PROPN" for t in words) or any(t.lower_ in ORG_WORDS for t in words):
            return False
        root = span.root
        if names.is_title_token(self.doc[m.start]) or (m.start > 0 and names.is_title_token(self.doc[m.start - 1])):
            return True
        if root.dep_ == "appos" and names.is_title_token(root.head) and self._mention_at(root.head) is None:
            return True
        return any(c.dep_ == "appos" and names.is_title_token(c) and self._mention_at(c) is None for c in root.children)

    def _first_name(self, tok: Token) -> bool:
        """ "Gen. Amir Raza", "Minister Amir Hatami": a title word that is also a first name, right after
        another title, is the first name."""
        return tok.lower_ in TITLES_AND_NAMES and tok.i > 0 and _title_abbreviation(self.doc[tok.i - 1])

    def _strip_titles(self, m: Mention) -> str | None:
        """The name without leading title words or honorifics; None if nothing name-like remains."""
        toks = list(self.doc[m.start : m.end])
        while toks and (names.is_title_token(toks[0]) or names.honorific(toks[0].lower_)):
            if self._first_name(toks[0]):
                break
            toks.pop(0)
        words = [t for t in toks if not t.is_punct or t.text == "-"]
        if not words or not any(t.text[:1].isupper() for t in words):
            return None
        if len(words) == 1 and names.is_title_token(words[0]):
            return None
        if _title_abbreviation(words[-1]) and all(
            _title_abbreviation(w) or actors.sector(w.lower_, w.lemma_.lower()) or w.lower_ in ORG_WORDS for w in words
        ):
            return None  # "Navy Capt": a rank and a service, no name
        text = self.doc[toks[0].i : toks[-1].i + 1].text
        return text

    # ------------------------------------------------------------------ officials

    def _officials(self) -> None:
        for m in list(self.mentions):
            if m.kind != PERSON or id(m) not in self._person_key:
                continue
            self._official(m)

    def _mention_at(self, tok: Token) -> Mention | None:
        return self.by_token[tok.i]

    def _affiliation(self, toks: list[Token]) -> tuple[str | None, list[Token]]:
        """First State/Group named among ``toks`` (directly or as "U.S. forces"), and the other tokens."""
        aff = None
        rest = []
        for t in toks:
            m = self._mention_at(t)
            if m is not None and m.kind in (STATE, DEMONYM, GROUP, ORG, BODY, SEAT):
                if aff is None:
                    aff = self.key_of(m, acting=m.kind in (STATE, DEMONYM, SEAT))
                    if m.kind == BODY and aff:
                        # the state whose body it is: its own, or for a body every state has ("Foreign
                        # Office"), the state the text makes it (``nominals.body_key``), else no state
                        aff = self.parts[aff][0] if aff in self.parts else None
                continue
            if aff is None and t.dep_ == "poss" and m is None and (hit := nominals.organ_at(self, t)) is not None:
                # "the army's chief spokesman", "the Egyptian army's spokesman": the state whose organ it is
                q = nominals.qualifier(self, t, organ=True, groups=False)
                state = q.value if q is not None and q.kind == "state" else (
                    nominals.owner(self, t.i, hit[0].key) if q is None and nominals._bare(t, hit[1]) else None)
                if state:
                    aff = self.state_key(state)
                    continue
            if aff is None and t.dep_ == "poss" and (t.lower_ in ("its", "their") or self._anaphor(t)):
                # "Its leader, X": a group's role when a group was named recently; "Its foreign minister": a state's
                lead = any(w.lower_ in LEADER_WORDS or w.lower_ in SPOKESPEOPLE for w in toks)
                found = (self._antecedent(t, groups_only=True, within=25) if lead else None) or self._antecedent(
                    t, groups_only=t.lower_ not in ("its", "their")
                )
                if found:
                    aff = found
                    continue
            rest.append(t)
        return aff, rest

    def _anaphor(self, tok: Token) -> bool:
        """ "the group", "the movement": a definite group noun with no name of its own."""
        return (
            tok.lemma_.lower() in GROUP_ANAPHORS
            and self._mention_at(tok) is None
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            and not any(c.dep_ in ("compound", "amod", "appos", "poss") for c in tok.children)
        )

    def _antecedent(self, tok: Token, groups_only: bool, within: int = 60) -> str | None:
        """The nearest group (or, unless ``groups_only``, state or group) named before ``tok``. "The group",
        "the movement" or "the militia" is a non-state group, not an international organization."""
        # "the bloc", "the alliance", "the organization" may be an organization of states; the others are not
        informal = tok.lemma_.lower() in GROUP_ANAPHORS and tok.lemma_.lower() not in ("organization", "organisation", "bloc", "alliance")
        cands = self._before(tok.i, within)
        if groups_only:  # a group that was a clause subject lately is the topic ("The group, which ...")
            recent = tree.recent_start(self.doc, tok)
            subjects = ("nsubj", "nsubjpass")
            cands = [m for m in cands if m.start >= recent and self.doc[m.start : m.end].root.dep_ in subjects] + cands
        found: list[str] = []
        for m in cands:
            if tok.i - m.start > 400:
                break
            if m.kind in (GROUP, ORG) or (not groups_only and m.kind in (STATE, DEMONYM)):
                m = self._apposed_to(m) or m
                key = self.key_of(m, acting=m.kind in (STATE, DEMONYM))
                if key and self.ents[key].cls != "Person":
                    if informal and (
                        self.ents[key].cls in ("InternationalOrganization", "GovernmentBody") or self._state_force(m)
                    ):
                        continue
                    if not informal or m.start >= tree.recent_start(self.doc, tok):
                        return key
                    found.append(key)
        if not found:
            return None
        # "the group" with no group in this sentence or the one before: the group the text is about (named
        # most often so far), not whichever was named last in passing; the nearest wins a tie
        named = [m.extra.get("key") for m in self._before(tok.i, 400) if m.kind in (GROUP, ORG)]
        return max(dict.fromkeys(found), key=named.count)

    def _state_force(self, m: Mention) -> bool:
        """ "the Somali National Army", "Iraqi Security Forces": a state's forces, never "the group"."""
        words = m.text.split()
        return (
            len(words) >= 2
            and words[-1].lower() in ("army", "forces", "police", "navy")
            and gz.lookup_state(words[0]) is not None
        )

    def _apposed_to(self, m: Mention) -> Mention | None:
        """ "Al-Shabaab, al-Qaeda's affiliate", "X, a faction of the Taliban": a group named inside
        another group's apposition is not what a later "its" or "the group" refers to; the other is."""
        tok = self.doc[m.start : m.end].root
        for anc in list(tok.ancestors)[:3]:
            if anc.dep_ == "appos":
                hm = self._mention_at(anc.head)
                if hm is not None and hm is not m and hm.kind in (GROUP, ORG):
                    return hm
                break
        return None

    def _title_text(self, toks: list[Token], own: Mention | None = None, head: Token | None = None) -> str | None:
        """The title a phrase gives, as a clean noun phrase: its head title word (``head``, else the last
        title word) with the modifiers right before it ("foreign ministry spokesman", "Prime Minister") and
        a capitalized "of"/"for" complement ("Secretary of Defense"). Never a possessor ("Kiir's", "his",
        "the army's"), a state or group (the affiliation), a name other than ``own``, a determiner, a verb,
        a relative clause ("deputy leader which"), punctuation, or a complement with lower-case words
        ("spokesman for the group's political office")."""
        doc = self.doc
        phrase = {t.i for t in toks}
        drop: set[int] = set()
        for t in toks:
            if t.dep_ == "poss" or t.tag_ in ("PRP$", "WP$"):
                drop.update(x.i for x in t.subtree)
            m = self._mention_at(t)
            if m is not None and m is not own:
                drop.add(t.i)

        def word(t: Token) -> bool:  # a word a title may be made of
            if t.i in drop or t.i not in phrase or t.lower_ in RELATIVE_PRONOUNS or t.tag_ == "POS":
                return False
            return t.text == "-" or names.is_title_token(t) or t.pos_ in ("ADJ", "NOUN", "PROPN")

        if head is None:  # the last title word (the phrase ends at the name)
            head = max((t for t in toks if word(t) and names.is_title_token(t) and t.text != "-"), key=lambda t: t.i, default=None)
        if head is None or not word(head):
            return None
        start = head.i
        while start > 0 and word(doc[start - 1]) and doc[start - 1].dep_ not in ("appos", "conj"):
            start -= 1
        end = head.i + 1
        while end < len(doc) and end in phrase and end not in drop:
            t = doc[end]
            if t.lower_ in ("of", "for", "and", "the", "&") or t.text == "-":
                end += 1
            elif t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ") and self._mention_at(t) is None:
                end += 1
            else:
                break
        while end > head.i + 1 and (doc[end - 1].lower_ in ("of", "for", "and", "the", "&") or doc[end - 1].text == "-"):
            end -= 1
        while start < head.i and doc[start].text == "-":
            start += 1
        return "".join(t.text_with_ws for t in doc[start:end]).strip() or None

    def _official(self, m: Mention) -> None:
        """Read the titles around one mention of a person and record where each places them (``_evidence``)
        and the mentions whose titles place them nowhere (``_untitled``); ``_place_officials`` decides once
        every mention of every person has been read."""
        doc = self.doc
        root = doc[m.start : m.end].root
        key = self._person_key[id(m)]
        found: list[tuple] = []  # (title, affiliation, rule, title phrase tokens) in the order read
        # (a) title words to the left inside the noun phrase: "French Minister of the Armed Forces Anne Roux"
        left = [t for t in root.subtree if t.i < m.start]
        left = [t for t in left if t.i >= self._contiguous_start(m.start, left)]
        prefix = []  # title words the tagger put inside the name: "President Bush" (not "Tom King")
        for t in doc[m.start : m.end - 1]:
            if not (names.is_title_token(t) or names.honorific(t.lower_)) or self._first_name(t):
                break
            prefix.append(t)
        if left or prefix:
            # "In Turkey Minister X met ...": a place after a sentence-level "in" is where X is, not X's state
            loc = self._locative_prefix(left)
            phrase = [t for t in left if loc is None or not (loc.start <= t.i < loc.end)]
            a, _ = self._affiliation(phrase)
            t = self._title_text(phrase + [p for p in prefix if not names.honorific(p.lower_)], own=m)
            if t:
                found.append((t, a, "official-title", left))
                self.title_span.update(x.i for x in left)
                self._titled_name(key, doc[(left[0].i if left else m.start) : m.end])
                if a is None and loc is not None and head_of_state_title(t):  # "In Lusaka President X"
                    self._record(key, self.key_of(loc, acting=True), t, "official-locale", root)
        # (b) the person is an apposition of a title noun: "Pakistan's army chief, Gen. Q. J. Bajwa"
        head = root.head
        appos_of = root.dep_ == "appos" and names.is_title_token(head) and self._mention_at(head) is None
        if not appos_of and root.dep_ not in ("nsubj", "nsubjpass"):
            # the parser's npadvmod for "to strike them and their founder, X, who ...": read the surface order
            surface = self._title_before_comma(root.left_edge.i)
            appos_of = surface is not None
            head = surface if surface is not None else head
        if appos_of:
            t, a = self._np_title(head, exclude=root)
            t = self._counterpart_title(head, key, t)
            if t:
                found.append((t, a, "official-apposition", [x for x in head.subtree if not (root.i == x.i or root.is_ancestor(x))]))
                self._titled_name(key, doc[min(x.i for x in head.subtree) : m.end])  # no comma: a titled name
                self._designated(key, head, exclude=root)
        # (c) the person has a title apposition: "X, the commander of the Arakan Army"
        for child in root.children:
            if child.dep_ == "appos" and names.is_title_token(child) and self._mention_at(child) is None:
                t, a = self._np_title(child, exclude=None)
                if t:
                    found.append((t, a, "official-apposition", list(child.subtree)))
                    self._designated(key, child)
                    break
        # (d) a copular title: "X is now a deputy head of Hamas"
        subj = root.head if root.dep_ == "appos" else root  # "Its leader, X, is also ..."
        if subj.dep_ == "nsubj" and subj.head.lemma_ == "be":
            for attr in subj.head.children:
                if attr.dep_ == "attr" and names.is_title_token(attr) and self._mention_at(attr) is None:
                    t, a = self._np_title(attr, exclude=None)
                    if t and a:
                        found.append((t, a, "official-apposition", list(attr.subtree)))
        # (e) one of the names listed after a plural title: "the two foreign ministers, A and B" (each holds
        # the title; the phrase does not say which state is whose)
        listed = self._listed_under(root)
        if listed is not None and not found:
            t, _ = self._np_title(listed, exclude=root)
            if t:
                words = t.split()
                found.append((" ".join([*words[:-1], listed.lemma_ if words[-1] == listed.text else words[-1]]), None,
                              "official-apposition", []))
        # (f) "President X of Ruritania": the state or group in an "of" phrase on a titled name
        if found and not any(f[1] for f in found):
            for prep in root.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    pm = next((self._mention_at(p) for p in prep.children if p.dep_ == "pobj"), None)
                    if pm is not None and pm.kind in (STATE, SEAT, GROUP, ORG):
                        found[-1] = (found[-1][0], self.key_of(pm, acting=True), found[-1][2], found[-1][3])
        if not found:
            return
        title = found[-1][0]
        b = self.ents[key]
        b.cls = "Official"
        b.title = b.title or title
        self._titles.setdefault(key, {}).update(dict.fromkeys(f[0] for f in found))  # once each, not per mention
        for t, a, rule, _ in found:
            if a:
                self._record(key, a, t, rule, root)
        if not any(f[1] for f in found):
            locale = self._sentence_locale(m, root, title)
            if locale:
                self._record(key, locale, title, "official-locale", root)
            self._untitled.setdefault(key, []).append((m, root, title, [x for f in found for x in f[3]]))

    def _listed_under(self, root: Token) -> Token | None:
        """The plural title noun a name is listed under after a comma: "the two foreign ministers, A and B"
        (the parser makes A a conjunct or an apposition of the title, B a conjunct of A)."""
        tok = root
        for _ in range(4):
            if tok.dep_ not in ("conj", "appos") or tok.head.i >= tok.i:
                return None
            tok = tok.head
            if tok.tag_ == "NNS" and names.is_title_token(tok) and self._mention_at(tok) is None:
                between = self.doc[tok.i + 1 : root.i]
                return tok if any(t.text == "," for t in between) else None
        return None

    def _title_before_comma(self, start: int) -> Token | None:
        """The title noun whose phrase ends right before ", <name at start>", whatever the parser attached
        the name to: "the Minister of Defence of Peru, Dr Luis Prado"."""
        doc = self.doc
        if start < 2 or doc[start - 1].text != ",":
            return None
        tok = doc[start - 2]
        for _ in range(6):
            if tok.right_edge.i != start - 2:
                return None
            if tok.pos_ in ("NOUN", "PROPN") and names.is_title_token(tok) and self._mention_at(tok) is None:
                return tok
            if tok.head.i == tok.i:
                return None
            tok = tok.head
        return None

    def _designated(self, key: str, head: Token, exclude: Token | None = None) -> None:
        """An apposed capitalized title is another name of its holder: "X, Minister for the Middle East"."""
        name = self._designation(head, exclude)
        if name is not None and len(name.split()) >= 2:
            self.ents[key].alts.add(name)

    def _counterpart_title(self, head: Token, key: str, title: str | None) -> str | None:
        """ "his Malian counterpart, X": X holds the title of the official whose counterpart he is (so that "the
        minister" may later refer to him), in the state the adjective names."""
        if not title or title.lower().split()[-1] != "counterpart":
            return title
        for c in head.children:
            if c.dep_ != "poss":
                continue
            other = None
            pm = self._mention_at(c)
            if pm is not None and pm.kind == PERSON:
                other = self._person_key.get(id(pm))
            elif c.lower_ in ("his", "her"):
                other = next((self._person_key.get(id(o)) for o in self._before(c.i, 30)
                              if o.kind == PERSON and self._person_key.get(id(o)) not in (None, key)), None)
            theirs = self.ents[other].title if other in self.ents else None
            if theirs:
                return theirs
        return title

    def _titled_name(self, key: str, span: Span) -> None:
        """Keep "President Bush", "Kenyan President Uhuru Kenyatta" as another name of the person: a title
        written as part of the name, from after the last comma, conjunction or other person's name before
        it, a leading "the" dropped. A phrase is no name: nothing with a determiner or a possessive inside
        ("Iran's foreign ministry spokesman X"); "The Kremlin's spokesman, X" keeps only "X"."""
        own = self.by_token[span.end - 1]
        start = span.start
        for t in span:
            other = self.by_token[t.i]
            if t.dep_ == "cc" or t.text in (",", ";", ":") or (other is not None and other is not own and other.kind == PERSON):
                start = t.i + 1
        while start < span.end and self.doc[start].dep_ == "det":
            start += 1
        span = self.doc[start : span.end]
        if not len(span) or any(t.is_punct and t.text not in ("-", ".") or t.dep_ == "det" or t.tag_ == "POS" for t in span):
            return
        self.ents[key].alts.add(" ".join(span.text.split()))

    def _record(self, key: str, aff: str | None, title: str, rule: str, root: Token) -> None:
        if aff and aff != key:
            self._evidence.setdefault(key, []).append(_Placement(aff, title, rule, root.sent))

    def _place_officials(self) -> None:
        """Where each person serves, decided once per person from every mention, in order of trust:

        1. the text's own titles: words of the title before the name ("Syrian Foreign Minister X", "Iran's
           foreign ministry spokesman X") and appositions or copulas ("X, Kenya's ambassador to ...",
           "X, a spokesman for the Taliban", "X is a deputy leader of Y"): every state or group they name;
        2. a dated role in the actor dictionary (``kg.extract.roles``) for a person no title places;
        3. whom they serve ("Kiir's chief of staff", "his envoy") or the organization a secretary-general heads;
        4. weak cues, kept only if they agree: a head of state in a sentence opened by a seat ("In Lusaka,
           President X"), and the dateline under the narrow condition of ``_dateline_seat``.

        A weaker kind of evidence is read only when no stronger one placed the person; a state unknown
        beats a wrong one, so two weak cues pointing at different states place the person nowhere.
        """
        first: dict[str, Mention] = {}  # each person's first mention (the evidence of a dated role)
        for m in self.mentions:
            if id(m) in self._person_key:
                first.setdefault(self._person_key[id(m)], m)
        pending = []
        for key in [k for k in self.ents if k.startswith("person/")]:
            strong = [p for p in self._evidence.get(key, ()) if p.rule in ("official-title", "official-apposition")]
            role = None if strong or key not in first else self._dated_role(key, first[key])
            if strong or role:
                self._affiliate(key, strong or [role])  # type: ignore[list-item]
            elif key in self._untitled:
                pending.append(key)
        for key in pending:  # after the others: whom they serve must be placed first
            placement = self._served_placement(key)
            if placement is None:
                weak = [p for p in self._evidence.get(key, ()) if p.rule == "official-locale"]
                weak += [
                    _Placement(seat, title, "official-dateline", root.sent)
                    for _, root, title, _ in self._untitled[key]
                    for seat in [self._dateline_seat(title, root)]
                    if seat
                ]
                placement = weak[0] if len({p.aff for p in weak}) == 1 else None
            if placement is not None:
                self._affiliate(key, [placement])

    def _served_placement(self, key: str) -> _Placement | None:
        """Whom an official with no state or group in their titles serves, or the organization they head."""
        for m, root, title, toks in self._untitled[key]:
            aff = self._served_official(key, toks)
            if aff:
                return _Placement(aff, title, "official-of-official", root.sent)
            org = self._organization_head(m, title)
            if org:
                return _Placement(org, title, "official-organization", root.sent)
        return None

    def _dated_role(self, key: str, first: Mention) -> _Placement | None:
        """The state office the actor dictionary gives a person on the document's date (any full name the
        document writes them by), with the text's title if it gives one; None unless all agree on one state."""
        b = self.ents[key]
        said = {w for t in self._titles.get(key, ()) for w in t.lower().replace("-", " ").split()}
        if said & NOT_IN_OFFICE:
            return None  # "former President X", "rebel leader X": the text says they hold no state office now
        forms = {b.label, *b.alts}
        states = {roles.office_state(f, self.date) for f in forms if len(f.split()) >= 2} - {None}
        if len(states) != 1:
            return None
        return _Placement(self.state_key(states.pop()), b.title or "", "official-role", self.doc[first.start].sent)

    def _affiliate(self, key: str, placements: list[_Placement]) -> None:
        """officialOf each state or group placed; leaderOf where one of its titles leads it (a head of state
        or government for a state, "leader", "chief", "founder"... for a group)."""
        by_aff: dict[str, list[_Placement]] = {}
        for p in placements:
            by_aff.setdefault(p.aff, []).append(p)
        for aff, ps in by_aff.items():
            state = aff.startswith("state/")
            lead = any(head_of_state_title(p.title) if state else _leader_title(p.title) for p in ps)
            p = ps[0]
            self.structural.append(Structural(key, "leaderOf" if lead else "officialOf", aff, p.sent, p.rule, _TRUST[p.rule]))

    def _served_official(self, key: str, toks: list[Token]) -> str | None:
        """ "Kiir's chief of staff", "the spokesman for President X", "his special envoy":
        the state or group of the official served."""
        for t in toks:
            other = None
            pm = self._mention_at(t)
            if pm is not None and pm.kind == PERSON and (t.dep_ == "poss" or t.head.lower_ in ("for", "to")):
                other = self._person_key.get(id(pm))
            elif t.dep_ == "poss" and t.lower_ in ("his", "her"):
                for o in self._before(t.i, 30):
                    ok = self._person_key.get(id(o)) if o.kind == PERSON else None
                    if ok and ok != key and self.ents[ok].cls == "Official":
                        other = ok
                        break
            if other and other != key:
                for st in self.structural:
                    if st.subject == other and st.relation in ("officialOf", "leaderOf"):
                        return st.object
        return None

    def _organization_head(self, m: Mention, title: str) -> str | None:
        """ "Secretary-General X" with no organization named: the organization the document is about (the
        first international organization it names, or the whole that organization is part of)."""
        if not any(w in title.lower() for w in ORGANIZATION_HEADS):
            return None
        for o in self.mentions:
            if o.kind == GROUP:
                info = _group_info(str(o.ref))
                if getattr(info, "type", None) != "InternationalOrganization":
                    continue
                whole = _group_info(info.part_of) if info.part_of else None
                if whole is not None:
                    return self.add(f"group/{slug(whole.name)}", whole.name, whole.type)
                return self.key_of(o, acting=False)
        return None

    def _dateline_seat(self, title: str, root: Token) -> str | None:
        """ "NAIROBI, May 2 — President X ...": the dateline's state for a head of state or government or a
        minister the text names with no state, only in a document that names no other state.

        A dateline says where the story was filed, not whose official a person is: visits, summits and
        talks are reported from the host's capital, and those stories name the visitors' states. Where the
        text names no state but the dateline's, no other state is offered, and such an office (one held at
        home, unlike an envoy's or a spokesman's) is that state's. Anything wider placed visitors in their
        hosts' states ("Putin leaderOf Turkey" in a story filed from Ankara). Nor where the official acts
        on the dateline's state ("Foreign Minister X met Indian officials"): that is a visitor.
        """
        words = title.lower().replace("-", " ").split()
        if not (head_of_state_title(title) or "minister" in words):
            return None
        if self._sole_dateline is None:
            return None
        seat, mentions = self._sole_dateline
        for x in mentions:
            xr = self.doc[x.start : x.end].root
            xr = xr.head if xr.dep_ in ("amod", "compound", "nmod") else xr  # "Indian officials"
            if _in_object(xr) and root.dep_ in ("nsubj", "nsubjpass") and root.head in xr.ancestors:
                return None  # "Foreign Minister X met Indian officials": a visitor acting on the host
        return self.key_of(seat, acting=True)

    @functools.cached_property
    def _sole_dateline(self) -> tuple[Mention, list[Mention]] | None:
        """The dateline's seat and the other mentions of its state, if the text names no other state."""
        seat = next((o for o in self.mentions[:8] if o.kind == SEAT and self._dateline(o)), None)
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

    def _locative_prefix(self, left: list[Token]) -> Mention | None:
        """The State/seat/place that opens ``left`` right after a preposition outside the phrase ("In Turkey")."""
        if not left or left[0].i == 0:
            return None
        prep = self.doc[left[0].i - 1]
        if prep.lower_ not in SCENE_PREPS or prep.head.i in {t.i for t in left}:
            return None
        lm = self._mention_at(left[0])
        return lm if lm is not None and lm.kind in (STATE, SEAT, PLACE) and lm.start == left[0].i else None

    def _sentence_locale(self, m: Mention, root: Token, title: str = "") -> str | None:
        """ "In Lusaka, President X said ...": a sentence-initial seat or state names where
        a head of state or government holds office (a minister or envoy there may be visiting)."""
        sent = root.sent
        if not head_of_state_title(title):
            return None
        if root.dep_ not in ("nsubj", "nsubjpass") or sent[0].lower_ not in ("in", "from"):
            return None
        first = self._mention_at(sent[1]) if len(sent) > 2 else None
        if first is None or first.kind not in (STATE, SEAT) or first.end >= m.start:
            return None
        if not any(t.text == "," for t in self.doc[first.end : min(first.end + 2, m.start)]):
            return None
        return self.key_of(first, acting=True)

    def _contiguous_start(self, start: int, left: list[Token]) -> int:
        idx = {t.i for t in left}
        i = start
        while i - 1 in idx:
            i -= 1
        return i

    def _np_title(self, head: Token, exclude: Token | None) -> tuple[str | None, str | None]:
        """Title and affiliation of a title noun phrase ("the commander of French forces in Mali")."""
        toks = []
        aff = None
        for t in head.subtree:
            if exclude is not None and (t.i == exclude.i or exclude.is_ancestor(t)):
                continue
            toks.append(t)
        # an "of" phrase naming an actor is the affiliation, not part of the title
        keep: list[Token] = []
        skip: set[int] = set()
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "in", "at", "to"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                found = self.actor(pobj, allow_pronoun=False)
                if found is not None and found.key.startswith("person/"):
                    # "the spokesman for President X": whom they serve (``_served_official``), not a title
                    skip.update(x.i for x in prep.subtree)
                    continue
                # "envoy for Yemen", "ambassador to the UN" name where they serve, not whom; but a
                # spokesman "for the foreign ministry" or "for the Taliban" speaks as one of them
                speaks_for = prep.lower_ == "for" and found is not None and (
                    found.via == "nominal" or (head.lower_ in SPOKESPEOPLE and found.key.startswith("group/"))
                )
                if found and aff is None and (prep.lower_ == "of" or speaks_for):
                    aff = found.key
                if found or prep.lower_ in ("in", "at"):
                    skip.update(x.i for x in prep.subtree)
        for t in toks:
            if t.i in skip:
                continue
            if t.i != head.i and t.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj"):
                skip.update(x.i for x in t.subtree)
                continue
            keep.append(t)
        a, _ = self._affiliation(keep)
        return self._title_text(keep, head=head), aff or a

    # ------------------------------------------------------------------ groups based in a state

    def _based_in(self) -> None:
        """ "the Pakistani terror group Lashkar-e-Taiba", "Pakistan-based LeT" → basedIn Pakistan."""
        doc = self.doc
        for m in self.mentions:
            if m.kind not in (GROUP, ORG):
                continue
            gkey = self.key_of(m, acting=False)
            if gkey is None or self.ents[gkey].cls not in ("ArmedGroup", "Group"):
                continue
            root = doc[m.start : m.end].root
            cands = [t for t in root.subtree if t.i < m.start]
            # "Lashkar-e-Taiba, a Pakistani terror group" / "the Pakistani group Lashkar-e-Taiba"
            anchor = None
            for c in root.children:
                if c.dep_ == "appos" and c.lemma_.lower() in GROUP_CUE_NOUNS:
                    anchor = c
            if root.dep_ in ("appos", "compound") and root.head.lemma_.lower() in GROUP_CUE_NOUNS:
                anchor = root.head
            if anchor is not None:
                cands += [t for t in anchor.subtree if t.i < anchor.i]
            # the parse of long transliterated names is often broken: also read the words just before
            lo = m.start
            while lo > 0 and m.start - lo < 5 and not doc[lo - 1].is_punct and doc[lo - 1].pos_ not in ("VERB", "AUX", "ADP"):
                lo -= 1
            cands += [t for t in doc[lo : m.start] if t not in cands]
            if lo > 1 and doc[lo - 1].text == "-" and doc[lo].lower_ == "based":
                cands.append(doc[lo - 2])
            # "Jaish-e-Mohammed, a militant group based in Pakistan", "LeT, headquartered in Muridke"
            for head in [root] + ([anchor] if anchor is not None else []):
                for acl in head.children:
                    if acl.dep_ in ("acl", "relcl") and acl.lemma_.lower() in BASE_VERBS:
                        place = self._place_of(acl)
                        if place:
                            self.structural.append(Structural(gkey, "basedIn", place, root.sent, "group-based-in", 0.8))
            based = [t for t in cands if t.lower_ == "based"]
            cue = anchor is not None or any(t.lemma_.lower() in GROUP_CUE_NOUNS for t in cands)
            if not (based or cue):
                continue
            for t in cands:
                sm = self._mention_at(t)
                if sm is not None and sm.kind in (STATE, DEMONYM):
                    skey = self.key_of(sm, acting=True)
                    if skey:
                        self.structural.append(Structural(gkey, "basedIn", skey, root.sent, "group-nationality", 0.8))
                    break

    def _place_of(self, verb: Token) -> str | None:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "at", "out"):
                for p in prep.children:
                    pm = self._mention_at(p) if p.dep_ == "pobj" else None
                    if pm is not None and pm.kind in (STATE, DEMONYM, SEAT, PLACE):
                        return self.key_of(pm, acting=pm.kind != SEAT)
        return None

    def _membership(self) -> None:
        """ "the UAE, a leading member of the coalition", "Al-Shabaab, al-Qaeda's affiliate",
        "Kuwait and Oman belong to the Gulf Cooperation Council" → memberOf."""
        doc = self.doc
        for m in self.mentions:
            if m.kind not in (STATE, GROUP, ORG):
                continue
            root = doc[m.start : m.end].root
            members = [m]
            heads = [c for c in root.children if c.dep_ == "appos" and c.lemma_.lower() in MEMBER_NOUNS]
            if root.dep_ == "nsubj":
                verb = root.head
                heads += [c for c in verb.children if c.dep_ == "attr" and c.lemma_.lower() in MEMBER_NOUNS]
                if verb.lemma_.lower() in ("belong", "join"):
                    heads.append(verb)
                members += [self._mention_at(c) for c in root.children if c.dep_ == "conj" and self._mention_at(c)]
                # "Kuwait and Oman, like Qatar, belong to ...": the compared state belongs too
                members += [
                    self._mention_at(p)
                    for c in root.children
                    if c.dep_ == "prep" and c.lower_ == "like"
                    for p in c.children
                    if p.dep_ == "pobj" and self._mention_at(p) is not None and self._mention_at(p).kind == STATE
                ]
            for h in heads:
                target = None
                for c in h.children:
                    if c.dep_ == "poss":
                        cm = self._mention_at(c)
                        target = cm if cm is not None and cm.kind in (GROUP, ORG) else None
                    elif c.dep_ in ("prep", "dobj") and (c.lower_ in ("of", "to") or c.dep_ == "dobj"):
                        for p in ([c] if c.dep_ == "dobj" else [x for x in c.children if x.dep_ == "pobj"]):
                            cm = self._mention_at(p)
                            if cm is None:  # "the six-member Gulf Cooperation Council" parsed around its head
                                cm = next((self._mention_at(x) for x in p.children if x.dep_ == "compound" and self._mention_at(x)), None)
                            target = cm if cm is not None and cm.kind in (GROUP, ORG) else target
                    if target is not None:
                        break
                if target is None:
                    continue
                tkey = self.key_of(target, acting=False)
                for mem in members:
                    mkey = self.key_of(mem, acting=mem.kind == STATE) if mem else None
                    if mkey and tkey and mkey != tkey:
                        self.structural.append(Structural(mkey, "memberOf", tkey, root.sent, "membership", 0.75))

    def _contributions(self) -> None:
        """ "Kenya, which contributes 3,600 troops to AMISOM", "Ugandan troops serving with AMISOM": a state
        whose forces serve in an international mission or coalition is a member of it."""
        verbs = CONTRIBUTE_VERBS | {"serve"}
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if lemma not in verbs or tok.pos_ != "VERB":
                continue
            preps = ("with", "in", "under") if lemma == "serve" else ("to",)
            groups = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children if p.dep_ == "pobj"]
            gm = next((self._mention_at(g) for g in groups if self._mention_at(g) is not None), None)
            gkey = self.key_of(gm, acting=False) if gm is not None and gm.kind in (GROUP, ORG) else None
            if gkey is None or self.ents[gkey].cls not in ("InternationalOrganization", "Group"):
                continue
            if lemma == "serve":  # "<Ugandan troops> serving with X"
                forces = [tok.head] if tok.dep_ in ("acl", "relcl") else [c for c in tok.children if c.dep_ == "nsubj"]
            else:
                if not any(c.dep_ == "dobj" and actors.sector(c.lower_, c.lemma_.lower()) == "MIL" for c in tok.children):
                    continue
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                forces = [tok.head] if tok.dep_ == "relcl" and (subj is None or subj.lower_ in RELATIVE_PRONOUNS) else [subj]
            for f in forces:
                if f is None or (lemma == "serve" and actors.sector(f.lower_, f.lemma_.lower()) != "MIL"):
                    continue
                a = self.actor(f, allow_pronoun=False)
                state = self.state_of(a.key) if a is not None else None
                if state is not None:
                    self.structural.append(Structural(state, "memberOf", gkey, tok.sent, "troop-contribution", 0.7))

    # ------------------------------------------------------------------ who a token stands for

    def actor(self, tok: Token, allow_pronoun: bool = True, allow_modifier: bool | str = False) -> Actor | None:
        """The entity a token stands for as an event argument, or None."""
        m = self._mention_at(tok)
        if m is not None and self._dateline(m):
            # "MOGADISHU, April 3 — Al-Shabaab fighters stormed ...": the dateline is no actor
            for app in tok.children:
                if app.dep_ == "appos" and app.ent_type_ not in ("DATE", "TIME"):
                    return self.actor(app, allow_pronoun, allow_modifier)
            return None
        if tok.i in self.nominal:  # an organ, a collective or a people (kg.extract.nominals)
            return self.nominal[tok.i]
        if m is not None and self._ethnic(m):
            return None  # "ethnic Albanians in Serbia": a people, not the Albanian state
        if m is not None:
            if m.kind == PLACE:
                key = self.key_of(m, acting=True)
                return Actor(key, None, "mention") if key else None
            key = self.key_of(m, acting=True)
            if key is None:
                return None
            m.extra["acting"] = True
            sector = self.body_sector.get(key) or ("GOV" if m.kind == SEAT else None)
            if m.kind == DEMONYM and tok.tag_ in ("NNPS", "NNS") and tok.dep_ not in ("amod", "compound", "nmod"):
                return Actor(key, sector, "people")  # "young Algerians": the state's people (see extract_doc)
            return Actor(key, sector, "mention")
        low = tok.lower_
        lemma = tok.lemma_.lower()
        if lemma in QUANTITY_NOUNS or low in QUANTITY_NOUNS:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            found = self.actor(p, allow_pronoun=False, allow_modifier="state")
                            if found:
                                return found
        if self._anaphor(tok):
            found = self._antecedent(tok, groups_only=True)
            if found:
                return Actor(found, None, "anaphor")
        if lemma in GROUP_CUE_NOUNS:
            # "al-Qaeda's terror network", "the Haqqani network": the named group
            for c in tok.children:
                if c.dep_ in ("compound", "appos", "poss", "nmod"):
                    cm = self._mention_at(c)
                    if cm is not None and cm.kind in (GROUP, ORG):
                        key = self.key_of(cm, acting=True)
                        if key:
                            return Actor(key, None, "mention")
        # a title noun with a named person in apposition: "Pakistan's army chief, Gen. Bajwa"
        apposed = [c for c in tok.children if c.dep_ == "appos"]
        if names.is_title_token(tok) and tok.right_edge.i + 2 < len(self.doc) and self.doc[tok.right_edge.i + 1].text == ",":
            # the parser attached the name elsewhere: "met the Minister of Defence of Peru, Dr Luis Prado, in"
            after = self._mention_at(self.doc[tok.right_edge.i + 2])
            if after is not None and after.kind == PERSON:
                root = self.doc[after.start : after.end].root
                if root.left_edge.i == tok.right_edge.i + 2 and root.dep_ in ("appos", "npadvmod", "dep"):
                    apposed.append(root)
        for c in apposed:
            cm = self._mention_at(c)
            if cm is not None and cm.kind == PERSON:
                key = self.key_of(cm, acting=True)
                if key:
                    return Actor(key, None, "mention")
        if lemma in GROUP_CUE_NOUNS and tok.i + 1 < len(self.doc):
            nm = self._mention_at(self.doc[tok.i + 1])
            if nm is not None and nm.kind in (GROUP, ORG):  # "the terror group Lashkar-e-Taiba"
                key = self.key_of(nm, acting=True)
                if key:
                    return Actor(key, None, "mention")
        if lemma in nominals.LED_ORGAN_NOUNS:
            # "the Trump administration", "Khan's government": the state its head holds office in
            for c in tok.children:
                cm = self._mention_at(c) if c.dep_ in ("compound", "poss") else None
                if cm is not None and cm.kind == PERSON:
                    state = self._office_of(self._person_key.get(id(cm)))
                    if state:
                        return Actor(state, "GOV", "nominal")
        if names.is_title_token(tok):  # "the US Secretary of State": the official of that title named nearby
            held = self._title_anaphor(tok, create=False)
            if held is not None:
                return held
        sector = actors.sector(tok.lower_, tok.lemma_.lower())
        if sector or names.is_title_token(tok) or (lemma in GROUP_CUE_NOUNS and not self._anaphor(tok)):
            # people acting for a state or group: "Pakistani officials", "Taliban fighters", "officials of
            # Pakistan"; for an organ: "Afghan government officials". The phrase is no name of the state
            # or group (no alt label): "Israeli soldiers" is not a name of Israel.
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod", "poss") and self.nominal.get(c.i) is not None:
                    organ = self.nominal[c.i]
                    return Actor(organ.key, sector or organ.sector, "nominal")  # type: ignore[union-attr]
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod"):
                    cm = self._mention_at(c)
                    if cm is not None and cm.kind in (STATE, DEMONYM, SEAT, GROUP, ORG, BODY) and not self._ethnic(cm):
                        key = self.key_of(cm, acting=True)
                        if key:
                            self._nominal_label(key, tok, min(cm.start, c.left_edge.i), tok.i + 1)
                            return Actor(key, sector or self.body_sector.get(key) or "GOV", "nominal")
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from", "in"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            cm = self._mention_at(p)
                            if cm is not None and cm.kind in (STATE, DEMONYM, SEAT, GROUP, ORG, BODY):
                                key = self.key_of(cm, acting=True)
                                if key:
                                    self._nominal_label(key, tok, tok.i, cm.end)
                                    return Actor(key, sector or self.body_sector.get(key) or "GOV", "nominal")
        if allow_pronoun and tok.pos_ == "PRON" and (low in PERSON_PRONOUNS or low in THING_PRONOUNS):
            found = self._pronoun_antecedent(tok)
            if found:
                return Actor(found, None, "pronoun")
        if allow_modifier:
            # "an Indian proposal", "Belarus's calls", "Israeli army bulldozers": the actor behind a thing
            kinds = (STATE, DEMONYM, SEAT, GROUP, ORG, BODY) + ((PERSON,) if allow_modifier != "state" else ())
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
            for c in mods:  # "Israeli army bulldozers", "Russian coast guard ships": the organ's, not the state's
                if self.nominal.get(c.i) is not None:
                    return Actor(self.nominal[c.i].key, actors.sector(c.lower_, c.lemma_.lower()) or sector, "modifier")  # type: ignore[union-attr]
            for c in mods:
                for cc in [c] + [g for g in c.children if g.dep_ in ("amod", "compound", "nmod", "poss")]:
                    cm = self._mention_at(cc)
                    if cm is not None and cm.kind in kinds and not self._ethnic(cm):
                        key = self.key_of(cm, acting=True)
                        if key:
                            return Actor(key, actors.sector(c.lower_, c.lemma_.lower()) or sector, "modifier")
        return self._title_anaphor(tok)

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

    def _ethnic(self, m: Mention) -> bool:
        """Does this demonym name a people, not a state (``_peoples``)?"""
        return m.kind == DEMONYM and bool(m.extra.get("ethnic"))

    def _peoples(self) -> None:
        """Demonyms that name a people, not its state: marked "ethnic" ("ethnic Albanians", "ethnic
        Albanian mayors"), placed in another state or in a place ("Bosnian Serbs", "Kosovo Serbs", "Serbs in
        Kosovo", "Serb leaders in northern Kosovo", "Kurds living in Syria", "the Armenians of Karabakh") or as
        its local people ("local Serbs").
        Once the text has made a plural demonym a people, its other plural uses ("Serbs blocked the
        roads") are that people too, and so is the same word modifying a people noun ("Serb mayors")."""
        people: set[str] = set()
        for m in self.mentions:
            if m.kind == DEMONYM and self._people_mention(m):
                m.extra["ethnic"] = True
                people.add(m.text.lower().removesuffix("s"))
        if not people:
            return
        for m in self.mentions:
            if m.kind != DEMONYM or m.extra.get("ethnic") or m.text.lower().removesuffix("s") not in people:
                continue
            root = self.doc[m.start : m.end].root
            if self._people_noun(root) or (root.dep_ in ("amod", "compound") and root.head.lemma_.lower() in PEOPLE_HEADS):
                m.extra["ethnic"] = True

    @staticmethod
    def _people_noun(tok: Token) -> bool:
        """A plural demonym used as a noun: "Serbs", "the Kurds" (not "Serbian troops")."""
        return tok.tag_ in ("NNPS", "NNS") and tok.dep_ not in ("amod", "compound", "nmod")

    def _people_mention(self, m: Mention) -> bool:
        doc = self.doc
        if m.start > 0 and doc[m.start - 1].lower_ == "ethnic":
            return True
        root = doc[m.start : m.end].root
        before = self.by_token[m.start - 1] if m.start > 0 else None
        if before is not None and before.kind in (STATE, DEMONYM) and before.ref != m.ref and before.end == m.start \
                and doc[m.end - 1].tag_ in ("NNPS", "NNS"):
            return True  # "Bosnian Serbs", "Kosovo Serbs"
        if self._people_noun(root):
            head = root
        elif root.dep_ in ("amod", "compound") and root.head.lemma_.lower() in PEOPLE_HEADS:
            head = root.head  # "Serb leaders in Kosovo"
        else:
            return False
        if any(c.dep_ == "amod" and c.lower_ == "local" for c in head.children):
            return True
        for prep in head.children:  # "the Armenians of Karabakh", "Russians in Crimea": a place not a state
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in") and any(
                p.dep_ == "pobj" and (pm := self._mention_at(p)) is not None and pm.kind == PLACE for p in prep.children
            ):
                return True
        where = self.people_state(head)
        return where is not None and where != str(m.ref)

    def people_state(self, head: Token) -> str | None:
        """The state a people noun is placed in by "in" ("Serbs in Kosovo", "Kurds living in Syria")."""
        preps = [c for c in head.children if c.dep_ == "prep"]
        preps += [p for c in head.children if c.dep_ in ("acl", "relcl") for p in c.children if p.dep_ == "prep"]
        for prep in preps:
            if prep.lower_ not in ("in", "inside"):
                continue
            for p in prep.children:
                pm = self._mention_at(p) if p.dep_ == "pobj" else None
                if pm is not None and pm.kind in (STATE, SEAT) and not self._dateline(pm):
                    return str(pm.ref)
        return None

    def _office_of(self, person: str | None) -> str | None:
        """The state a person is a head of state or government of (by title), if the document says so."""
        b = self.ents.get(person) if person else None
        if b is None or b.cls != "Official" or not head_of_state_title(b.title):
            return None
        return next(
            (st.object for st in self.structural if st.subject == person and st.object.startswith("state/")), None
        )

    def _dateline(self, m: Mention) -> bool:
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

    def _nominal_label(self, key: str, head: Token, start: int, end: int) -> None:
        """Keep "ISIL fighters", "Taliban negotiators", "Coalition nations" as a surface form of the group
        they stand for: a group's members acting as the group. A state's people or equipment ("Pakistani
        officials", "Turkish artillery") name no one (the statement's sector says who acted), and a state's
        organ ("Iraqi security forces") is a body with its own label."""
        doc = self.doc
        if names.is_title_token(head) and head.tag_ in ("NN", "NNP"):
            return  # "the Taliban spokesman", "the brigade commander": one person of it, no name of the group
        if start >= head.i:  # "the federal government of Iraq": the head's own modifiers belong to the name
            start = min([start] + [c.left_edge.i for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i])
        while start < end and (doc[start].dep_ in ("det", "punct") or doc[start].tag_ == "POS"):
            start += 1
        if not (0 < end - start <= 8 and key in self.ents):
            return
        cls = self.ents[key].cls
        if cls in ACTOR_CLASSES - {"Official", "State", "GovernmentBody"}:
            self.ents[key].alts.add(doc[start:end].text)

    def _mention_starts(self) -> list[int]:
        """Each mention's first token, in order (made again when mentions were added)."""
        if len(self._starts) != len(self.mentions):
            self._starts = [m.start for m in self.mentions]
        return self._starts

    def _before(self, i: int, limit: int) -> list[Mention]:
        """Up to ``limit`` mentions starting before token ``i``, nearest first (bounded: linear overall)."""
        k = bisect.bisect_left(self._mention_starts(), i)
        return self.mentions[max(0, k - limit) : k][::-1]

    def _between(self, start: int, end: int) -> list[Mention]:
        """The mentions starting at tokens ``start`` to ``end - 1``, found by bisection."""
        starts = self._mention_starts()
        return self.mentions[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    def _title_anaphor(self, tok: Token, create: bool = True) -> Actor | None:
        """ "the ambassador", "the foreign minister", "the US Secretary of State": a definite singular title
        with no name of its own stands for the one official the document gave that title to (with these
        modifiers and, where a state qualifies it, placed in that state), named within the last
        ``TITLE_ANAPHOR_WINDOW`` tokens, else in the next sentences (a lead that gives the title before
        the name); none if two fit. A capitalized title used so is a name of its holder ("the Foreign
        Secretary"); one that fits no named official is an official of its own, kept to the document."""
        if tok.tag_ not in ("NN", "NNP") or self._mention_at(tok) is not None or tok.i in self.title_span:
            return None
        if not names.is_title_token(tok) or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        if any(c.dep_ in ("poss", "appos", "nummod") for c in tok.children):
            return None  # "the group's spokesman": whose office is said otherwise
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
        states: set[str] = set()
        for c in mods:
            for x in c.subtree:
                xm = self._mention_at(x)
                if xm is None:
                    continue
                if xm.kind not in (STATE, DEMONYM) or self._ethnic(xm):
                    return None  # "the Taliban commander", "the ministry spokesman": not a state's office
                states.add(self.state_key(xm.ref))  # type: ignore[arg-type]
        complement, where = self._title_complement(tok)
        if complement is None:
            return None  # "the minister of defence", "the envoy to Yemen": a role, perhaps someone new
        states |= where
        if len(states) > 1:
            return None
        wanted = [w for c in mods if self._mention_at(c) is None for w in c.lower_.split("-")] + [tok.lower_]
        found = self._title_holder(tok, wanted, complement, next(iter(states), None))
        name = self._designation(tok)
        if found is None:
            if states or name is None or not create:
                return None
            # "The Prime Minister met ...", no prime minister named: the holder of that office, unnamed
            found = self.add(f"person/{self.scope_slug}/{slug(name)}", name, "Official")
            self.ents[found].title = self.ents[found].title or name
            self.unnamed.add(found)
            return Actor(found, None, "title-anaphor")
        if name is not None:
            self.ents[found].alts.add(name)
        return Actor(found, None, "title-anaphor")

    def _title_complement(self, tok: Token) -> tuple[list[str] | None, set[str]]:
        """The capitalized "of"/"for" complement of a title ("Secretary of State", "Minister for the Middle
        East", "Minister of Defence of Peru"): its lower-cased words and the states it names; None
        for a complement that describes ("the minister of defence", "the envoy to Yemen")."""
        words: list[str] = []
        states: set[str] = set()
        for c in tok.children:
            if c.dep_ != "prep":
                continue
            if c.lower_ not in ("of", "for"):
                return None, set()
            for x in c.subtree:
                if x.i == c.i or x.lower_ in ("of", "for", "the", "and") or x.is_punct:
                    continue
                xm = self._mention_at(x)
                if xm is not None and xm.kind in (STATE, DEMONYM, SEAT):
                    states.add(self.state_key(xm.ref))  # type: ignore[arg-type]
                elif not x.text[:1].isupper():
                    return None, set()
                else:
                    words.append(x.lower_)
        return words, states

    def _title_holder(self, tok: Token, wanted: list[str], complement: list[str], state: str | None) -> str | None:
        """The one person given a title that fits, named before ``tok`` (else shortly after), in ``state``."""
        checked: dict[str, bool] = {}  # a person named again within the window is judged once

        def fits(key: str) -> bool:
            if key not in checked:
                titles = self._titles.get(key, ())
                checked[key] = any(
                    _title_fits(wanted, t) and all(w in t.lower() for w in complement) for t in titles
                ) and (state is None or any(
                    st.subject == key and st.object == state and st.relation in ("officialOf", "leaderOf")
                    for st in self.structural
                ))  # fmt: skip
            return checked[key]

        found: set[str] = set()
        for m in self._before(tok.i, 60):
            if tok.i - m.end > TITLE_ANAPHOR_WINDOW:
                break
            key = self._person_key.get(id(m)) if m.kind == PERSON else None
            if key and fits(key):
                found.add(key)
        if not found:  # a lead that gives the title first: the next two sentences
            sent = tok.sent
            end = sent.end
            for _ in range(2):
                if end < len(self.doc):
                    end = self.doc[end].sent.end
            found = {
                k for m in self._between(tok.i + 1, end) if m.kind == PERSON
                for k in [self._person_key.get(id(m))] if k and fits(k)
            }
        return found.pop() if len(found) == 1 else None

    def _designation(self, head: Token, exclude: Token | None = None) -> str | None:
        """A capitalized title as the text writes it, used as a name: "Foreign Secretary", "US Secretary of
        State", "Minister of Defence of Peru" (no determiner, possessive, clause or punctuation; every
        word capitalized but "of", "for", "the", "and"); None for a description ("the foreign minister")."""
        doc = self.doc
        skip: set[int] = set()
        for t in head.subtree:
            if exclude is not None and (t.i == exclude.i or exclude.is_ancestor(t)):
                skip.update(x.i for x in t.subtree)
            elif t.i != head.i and t.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj", "poss", "case"):
                skip.update(x.i for x in t.subtree)
        toks = [t for t in head.subtree if t.i not in skip]
        while toks and toks[0].dep_ == "det":
            toks.pop(0)
        if not toks or not 1 <= len(toks) <= 8 or toks[-1].i - toks[0].i + 1 != len(toks):
            return None
        if any(not (t.text[:1].isupper() or t.lower_ in ("of", "for", "the", "and") or t.text == "-") for t in toks):
            return None
        if toks[-1].lower_ in ("of", "for", "the", "and"):
            return None
        return "".join(t.text_with_ws for t in doc[toks[0].i : toks[-1].i + 1]).strip() or None

    def _pronoun_antecedent(self, tok: Token) -> str | None:
        """Speaker of the governing speech verb, else the nearest earlier compatible actor in the sentence."""
        low = tok.lower_
        personal = low in PERSON_PRONOUNS
        # "X said it would ...": the subject of the verb that governs this clause
        verb = tok.head
        gov = verb.head if verb.dep_ in ("ccomp", "xcomp", "advcl", "conj") else None
        if gov is not None and gov.i != verb.i:
            for c in gov.children:
                if c.dep_ == "nsubj" and c.i != tok.i:
                    found = self.actor(c, allow_pronoun=False)
                    if found and self._compatible(found.key, personal):
                        return found.key
        sent = tok.sent
        # "after X came under fire from Y, they asked Z for help": the subject of an earlier clause
        # (third person only: "we" is the speaker's side, not the last subject)
        found = self._subject_antecedent(tok, personal) if low not in ("we", "us") else None
        if found:
            return found
        for i in range(tok.i - 1, sent.start - 1, -1):
            m = self.by_token[i]
            if m is None or m.kind in (PLACE,):
                continue
            key = self.key_of(m, acting=True)
            if key and self._compatible(key, personal):
                return key
        return None

    def _subject_antecedent(self, tok: Token, personal: bool) -> str | None:
        """The nearest earlier clause subject (this sentence, then the one before) that agrees with the
        pronoun: "they" a plural noun, conjoined subjects or a group; "it" a singular; "he"/"she" a person."""
        sent = tok.sent
        sents = [sent]
        if sent.start > 0:
            sents.append(self.doc[sent.start - 1].sent)
        for sp in sents:
            subjects = [t for t in sp if t.i < tok.i and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"]
            for t in reversed(subjects):
                if t.head.i == tok.head.i:
                    continue  # a subject of the pronoun's own verb is not its antecedent
                found = self.actor(t, allow_pronoun=False)
                if found and self._compatible(found.key, personal) and self._agrees(tok, t, found.key):
                    return found.key
        return None

    def _agrees(self, pron: Token, t: Token, key: str) -> bool:
        """Number agreement of a pronoun with a subject token standing for ``key``."""
        low = pron.lower_
        if low in PERSON_PRONOUNS:
            return True
        plural = t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children)
        cls = self.ents[key].cls if key in self.ents else ""
        if low in ("they", "them"):
            return plural or cls in GROUP_CLASSES
        if low == "it":
            return not plural
        return True

    def _compatible(self, key: str, personal: bool) -> bool:
        cls = self.ents[key].cls if key in self.ents else ""
        return (cls in ("Official", "Person")) == personal

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


@functools.lru_cache(maxsize=8192)
def name_form(text: str) -> str | None:
    """An alternative label as a name, or None for a phrase that names nothing: "The Kremlin spokesman,
    Dmitry Peskov" (an apposition), "the ministry which" (a clause), a long description. A leading
    article goes ("the Afghan government" → "Afghan government"); invisible format characters go."""
    words = text.translate(names.INVISIBLE).split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words or len(words) > 8 or any(ch in text for ch in ",;:()[]\"\u201c\u201d"):
        return None
    if any(w.lower() in _NOT_IN_NAMES for w in words) or words[-1].lower() in ("of", "and", "the", "in", "for"):
        return None
    return " ".join(words)
