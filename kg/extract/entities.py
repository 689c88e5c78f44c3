"""Mentions → canonical entities of one document, officials with their titles, and who a token refers to.

``DocEntities`` turns each mention into an entity key (``state/PAK``, ``group/lashkar-e-taiba``,
``person/james-mattis``...), finds officials ("U.S. Secretary of Defense James Mattis", "X, the leader
of Y", "Pakistan's army chief, Gen. Z") with their ``officialOf`` / ``leaderOf`` triples, merges
surnames with full names, and answers ``actor(token)``: which entity a token stands for when it is
the subject or object of an event (seats of government then stand for their State; organs of a state
and collectives beside it are their own entities, see ``nominals``; "Pakistani officials" stands for
Pakistan with sector GOV; pronouns and "the group" for the
nearest compatible actor; title-only mentions such as "the secretary" are not resolved: measured on the
seeds and PLOVER dev, that resolver changed nothing, so it was removed).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract import actors, military, nominals
from kg.extract import gazetteer as gz
from kg.extract.mentions import (
    BODY,
    DEMONYM,
    GROUP,
    GROUP_CUE_NOUNS,
    ORG,
    PERSON,
    PLACE,
    SEAT,
    STATE,
    Mention,
    find_mentions,
    slug,
)

ACTOR_CLASSES = frozenset({"State", "ArmedGroup", "InternationalOrganization", "GovernmentBody", "Group", "Official"})
LEADER_WORDS = frozenset(
    "leader chief head founder emir amir commander chairman chairperson chair president secretary-general "
    "director-general co-founder supremo".split()
)
# heads of an international organization's secretariat: "Secretary-General X" serves the organization
ORGANIZATION_HEADS = ("secretary-general", "secretary general", "director-general", "director general")
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative"})
CONTRIBUTE_VERBS = frozenset({"contribute", "commit", "deploy", "provide", "send"})
LEADER_BODIES = frozenset({"administration", "government", "cabinet", "regime"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
HEAD_OF_STATE_WORDS = frozenset("president premier king queen emir amir sultan monarch chancellor".split())
LOCATIVE_PREPS = frozenset({"in", "at", "from", "inside"})
GROUP_CLASSES = frozenset({"Group", "ArmedGroup", "InternationalOrganization", "GovernmentBody"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
THING_PRONOUNS = frozenset({"it", "they", "them", "we", "us"})
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "sheikh", "shaikh"})
BASE_VERBS = frozenset("base headquarter station operate locate".split())
MEMBER_NOUNS = frozenset("member affiliate faction wing branch offshoot franchise part component signatory".split())
STATE_ORGANS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
GROUP_ANAPHORS = frozenset("group movement network organization organisation militia outfit faction insurgency".split())
# words that make a capitalized name an organization, not a person
ORG_WORDS = frozenset(
    "party front council ministry commission union army forces force organization organisation committee agency "
    "office department court bank movement group network league alliance coalition command brigade brigades "
    "battalion company corporation institute foundation association federation assembly parliament "
    "government administration police service services university news times post radio tv".split()
)
# "a group of Moroccan diplomats", "thousands of Iraqi Kurds": the actor is inside the "of" phrase
QUANTITY_NOUNS = frozenset(
    "group number team couple dozen dozens hundreds thousands tens millions some many most several few "
    "members member contingent batch patch unit delegation handful majority part".split()
)


@functools.cache
def title_words() -> frozenset[str]:
    """Lower-cased head words of titles ("secretary", "gen.", "minister", "chief"...).

    A multiword title contributes its head only ("Secretary of Defense" → "secretary", "Foreign
    Minister" → "minister"), so that "state" or "defense" alone never make a title.
    """
    raw = gz.titles()
    items = list(raw.keys() if isinstance(raw, dict) else raw)
    abbreviations = getattr(raw, "abbreviations", {}) or {}
    words: set[str] = set()
    for t in [*items, *abbreviations]:
        parts = str(t).lower().split()
        if not parts:
            continue
        if len(parts) == 1:
            words.add(parts[0])
        elif "of" in parts or "for" in parts:
            cut = parts.index("of") if "of" in parts else parts.index("for")
            words.add(parts[cut - 1] if cut else parts[0])
        else:
            words.add(parts[-1])
            if str(t) in abbreviations:
                words.update(parts)  # "Lt. Gen." → "lt.", "gen."
        words.add(str(t).lower())
    return frozenset(words - _NOT_TITLE_HEADS)


# parts of titles that are ordinary words on their own ("major offensive", "the White House")
_NOT_TITLE_HEADS = frozenset("white rear vice elect deputy executive major justice member dep. sec. min. state".split())


def sector_of() -> dict[str, str]:
    """Lower-cased agent noun → sector code ("officials" → "GOV", "troops" → "MIL"): the Phoenix agents
    dictionary with the hand layer of sectors.yaml (``kg.extract.actors``)."""
    return actors.agent_sectors()


def sector_for(tok: Token) -> str | None:
    table = sector_of()
    return table.get(tok.lower_) or table.get(tok.lemma_.lower())


def is_title_token(tok: Token) -> bool:
    return tok.lower_ in title_words() or tok.lemma_.lower() in title_words()


@functools.lru_cache(maxsize=4096)
def _group_info(name: str):
    """The gazetteer record of a group by its preferred name (exact, fast), else by any alias."""
    try:
        return gz.group(name)
    except (KeyError, AttributeError):
        return gz.lookup_group(name)


def _title_abbreviation(tok: Token) -> bool:
    """A title word, also an abbreviated one whose period the tokenizer split off ("Capt" + ".")."""
    return is_title_token(tok) or (tok.lower_ + ".") in title_words()


def head_of_state_title(title: str | None) -> bool:
    """ "President", "Prime Minister", "King": a title that makes its holder the head of a state."""
    words = (title or "").lower().replace(".", "").split()
    if not words or any(w in ("vice", "deputy", "former", "ex") for w in words):
        return False
    return words[-1] in HEAD_OF_STATE_WORDS or words[-2:] == ["prime", "minister"]


def _leader_title(words: list[Token]) -> bool:
    """ "leader", "chief", "supreme leader" lead; "chief spokesman" does not (the head word decides)."""
    heads = [w for w in words if is_title_token(w)]
    return bool(heads) and heads[-1].lower_ in LEADER_WORDS


def recent_start(doc: Doc, tok: Token) -> int:
    """Start of the sentence before ``tok``'s sentence."""
    return doc[tok.sent.start - 1].sent.start if tok.sent.start else 0


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
class Actor:
    key: str
    sector: str | None = None
    via: str = "mention"  # mention | nominal | pronoun | title | modifier


@dataclass(frozen=True)
class Structural:
    subject: str
    relation: str
    object: str
    sent: Span
    rule: str
    confidence: float


class DocEntities:
    """Entities of one parsed document and the token → actor map the relation rules use."""

    def __init__(self, doc: Doc, scope: str = ""):
        self.doc = doc
        # collectives the text does not qualify ("the rebels") are keyed to their document
        self.scope_slug = slug(scope)[:48].strip("-") or "doc"
        self.nominal: dict[int, Actor | None] = {}  # organ / collective head token → its actor (None: no one)
        self.body_sector: dict[str, str] = {}  # body key → sector (GOV, MIL, COP, ...)
        self.parts: dict[str, tuple[str, int]] = {}  # body key → (state key, token where first named)
        self.based: dict[str, tuple[str, int, str]] = {}  # collective key → (state/place key, token, rule)
        self._organs: list[tuple[int, str, str]] = []  # organs named with their state (nominals.scan)
        self.unnamed: set[str] = set()  # collectives the text does not qualify: entities only as arguments
        self.mentions: list[Mention] = find_mentions(doc, frozenset(sector_of()), title_words())
        self.mentions = military.add_mentions(doc, self.mentions)
        self.by_token: list[Mention | None] = [None] * len(doc)
        self.ents: dict[str, _Builder] = {}
        self.structural: list[Structural] = []
        self.title_span: set[int] = set()  # tokens consumed by an official's title
        self._person_key: dict[int, str] = {}  # id(mention) → person key
        self._starts: list[int] = []
        self._index()
        nominals.scan(self)
        self._persons()
        self._unplaced: list[tuple] = []  # officials whose title names no state or group
        self._officials()
        self._place_unplaced()
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
        memo = (m.kind, acting)
        if m.extra.get("key_memo") == memo and m.extra.get("key") in self.ents:
            return m.extra["key"]
        key = self._key_of(m, acting)
        if m.kind != PERSON:  # person keys are assigned during coreference; do not freeze them early
            m.extra["key_memo"], m.extra["key"] = memo, key
        return key

    def _key_of(self, m: Mention, acting: bool) -> str | None:
        if m.kind in (STATE, DEMONYM):
            return self.state_key(m.ref, m.text)  # type: ignore[arg-type]
        if m.kind == SEAT:
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
            return self.add(key, m.text, cls, None, m.text)
        if m.kind == PERSON:
            return self._person_key.get(id(m))
        if m.kind == PLACE:
            return self.add(f"place/{slug(m.text)}", m.text, "Place", None, m.text)
        return None

    def _persons(self) -> None:
        """Person keys; a surname alone ("Mattis") joins the full name seen in the document."""
        doc = self.doc
        for m in self.mentions:
            if m.kind == ORG and m.cue is None and self._titled(m):
                m.kind = PERSON  # the tagger's ORG for "Shah Mahmood Qureshi, Pakistan's foreign minister"
        full: dict[str, str] = {}  # surname → key
        persons = [m for m in self.mentions if m.kind == PERSON]
        for m in persons:
            name = self._strip_titles(m)
            if name is None:
                m.kind = "dropped"
                continue
            m.extra["name"] = name
            if len(name.split()) >= 2:
                key = f"person/{slug(name)}"
                full.setdefault(name.split()[-1].lower(), key)
                self._person_key[id(m)] = self.add(key, name, "Person", None, name)
        # single-token names: a surname seen in full elsewhere, or a person of its own
        for m in self.mentions:
            if m.kind == "dropped":
                continue
            if m.kind in (PERSON, ORG, PLACE) and len(m) == 1 and doc[m.start].lower_ in full:
                m.kind = PERSON
                key = full[doc[m.start].lower_]
                self._person_key[id(m)] = self.add(key, self.ents[key].label, "Person", None, m.text)
            elif m.kind == PERSON and id(m) not in self._person_key:
                name = m.extra["name"]
                self._person_key[id(m)] = self.add(f"person/{slug(name)}", name, "Person", None, name)
        # proper nouns the tagger missed that are a known surname
        for tok in doc:
            if (
                self.by_token[tok.i] is None
                and tok.lower_ in full
                and (tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.text[:1].isupper()))  # "Griffiths met ..."
            ):
                m = Mention(tok.i, tok.i + 1, PERSON, tok.text, tok.text)
                self.mentions.append(m)
                self.by_token[tok.i] = m
                self._person_key[id(m)] = full[tok.lower_]
        self.mentions = [m for m in self.mentions if m.kind != "dropped"]
        self.mentions.sort(key=lambda m: m.start)

    def _titled(self, m: Mention) -> bool:
        """Does a title stand next to this name ("President X", "X, the leader of Y", "Y's envoy, X")?"""
        span = self.doc[m.start : m.end]
        words = [t for t in span if not t.is_punct]
        if len(words) < 2 or not all(t.pos_ == "PROPN" for t in words) or any(t.lower_ in ORG_WORDS for t in words):
            return False
        root = span.root
        if is_title_token(self.doc[m.start]) or (m.start > 0 and is_title_token(self.doc[m.start - 1])):
            return True
        if root.dep_ == "appos" and is_title_token(root.head) and self._mention_at(root.head) is None:
            return True
        return any(c.dep_ == "appos" and is_title_token(c) and self._mention_at(c) is None for c in root.children)

    def _strip_titles(self, m: Mention) -> str | None:
        """The name without leading title words or honorifics; None if nothing name-like remains."""
        toks = list(self.doc[m.start : m.end])
        while toks and (is_title_token(toks[0]) or toks[0].lower_ in HONORIFICS):
            toks.pop(0)
        words = [t for t in toks if not t.is_punct or t.text == "-"]
        if not words or not any(t.text[:1].isupper() for t in words):
            return None
        if len(words) == 1 and is_title_token(words[0]):
            return None
        if _title_abbreviation(words[-1]) and all(
            _title_abbreviation(w) or sector_for(w) or w.lower_ in ORG_WORDS for w in words
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
                    if m.kind == BODY and m.ref:
                        aff = self.state_key(m.ref[0])  # type: ignore[index]
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
        informal = tok.lemma_.lower() in GROUP_ANAPHORS and tok.lemma_.lower() not in ("organization", "organisation")
        cands = self._before(tok.i, within)
        if groups_only:  # a group that was a clause subject lately is the topic ("The group, which ...")
            recent = recent_start(self.doc, tok)
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
                    if not informal or m.start >= recent_start(self.doc, tok):
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

    @staticmethod
    def _title_text(toks: list[Token]) -> str | None:
        toks = [t for t in toks if t.dep_ not in ("det", "punct", "case") and t.tag_ != "POS" and t.lower_ != "'s"]
        while toks and toks[0].lower_ in ("of", "the", "a", "an", ",", "and"):
            toks.pop(0)
        while toks and toks[-1].lower_ in ("of", "the", "in", "for", ",", "and"):
            toks.pop()
        if not toks or not any(is_title_token(t) for t in toks):
            return None
        return " ".join(t.text for t in toks)

    def _official(self, m: Mention) -> None:
        doc = self.doc
        root = doc[m.start : m.end].root
        key = self._person_key[id(m)]
        full_start = m.start
        found: list[tuple] = []  # (title, affiliation, leader, title phrase tokens) in the order read
        # (a) title words to the left inside the noun phrase: "U.S. Secretary of Defense James Mattis"
        left = [t for t in root.subtree if t.i < m.start]
        left = [t for t in left if t.i >= self._contiguous_start(m.start, left)]
        prefix = []  # title words the tagger put inside the name: "President Bush" (not "Tom King")
        for t in doc[m.start : m.end - 1]:
            if not (is_title_token(t) or t.lower_ in HONORIFICS):
                break
            prefix.append(t)
        if left or prefix:
            # "In Turkey Minister X met ...": a place after a sentence-level "in" is where X is, not X's state
            loc = self._locative_prefix(left)
            a, rest = self._affiliation([t for t in left if loc is None or not (loc.start <= t.i < loc.end)])
            t = self._title_text(rest + [p for p in prefix if p.lower_ not in HONORIFICS])
            if t and a is None and loc is not None and head_of_state_title(t):
                a = self.key_of(loc, acting=True)  # "In Kabul President X": the head of that state
            if t:
                found.append((t, a, _leader_title(rest), left))
                full_start = left[0].i if left else m.start
                self.title_span.update(x.i for x in left)
        # (b) the person is an apposition of a title noun: "Pakistan's army chief, Gen. Q. J. Bajwa"
        head = root.head
        appos_of = root.dep_ == "appos" and is_title_token(head) and self._mention_at(head) is None
        if not appos_of and m.start >= 2 and doc[m.start - 1].text == "," and root.dep_ not in ("nsubj", "nsubjpass"):
            # the parser's npadvmod for "against its founder, Masood Azhar, who ...": read the surface order
            head = doc[m.start - 2]
            appos_of = head.pos_ == "NOUN" and is_title_token(head) and self._mention_at(head) is None
            appos_of = appos_of and not any(t.i >= m.start for t in head.subtree)
        if appos_of:
            t, a, lead = self._np_title(head, exclude=root)
            if t:
                found.append((t, a, lead, [x for x in head.subtree if not (root.i == x.i or root.is_ancestor(x))]))
                full_start = min(x.i for x in head.subtree)
        # (c) the person has a title apposition: "Hafiz Saeed, the leader of Lashkar-e-Taiba"
        for child in root.children:
            if child.dep_ == "appos" and is_title_token(child) and self._mention_at(child) is None:
                t, a, lead = self._np_title(child, exclude=None)
                if t:
                    found.append((t, a, lead, list(child.subtree)))
                    break
        # (d) a copular title: "X is also a deputy leader of the Taliban"
        subj = root.head if root.dep_ == "appos" else root  # "Its leader, X, is also ..."
        if subj.dep_ == "nsubj" and subj.head.lemma_ == "be":
            for attr in subj.head.children:
                if attr.dep_ == "attr" and is_title_token(attr) and self._mention_at(attr) is None:
                    t, a, lead = self._np_title(attr, exclude=None)
                    if t and a:
                        found.append((t, a, lead, list(attr.subtree)))
        if not found:
            return
        title = found[-1][0]
        b = self.ents[key]
        b.cls = "Official"
        b.title = b.title or title
        b.alts.add(" ".join(doc[full_start : m.end].text.split()))
        if m.extra.get("name"):
            b.alts.add(m.extra["name"])
        leader = any(f[2] for f in found)
        affs = [(t, a, lead, "official-title", 0.85) for t, a, lead, _ in found if a]
        if not affs:
            a = self._sentence_locale(m, root, title)
            if a is None:  # decided once every official's own title has been read
                self._unplaced.append((key, m, root, title, leader, [x for f in found for x in f[3]]))
                return
            affs = [(title, a, leader, "official-locale", 0.6)]
        self._affiliate(key, root, affs)

    def _affiliate(self, key: str, root: Token, affs: list[tuple]) -> None:
        seen = set()
        for t, aff, leader, rule, conf in affs:
            if aff == key or aff in seen:
                continue
            seen.add(aff)
            aff_cls = self.ents[aff].cls if aff in self.ents else ""
            rel = "leaderOf" if leader and aff_cls != "State" else "officialOf"
            if leader and aff_cls == "State" and t.lower() in ("president", "prime minister", "king", "emir"):
                rel = "leaderOf"
            self.structural.append(Structural(key, rel, aff, root.sent, rule, conf))

    def _place_unplaced(self) -> None:
        """Officials whose title names no state or group: whom they serve ("Ghani's adviser", "his envoy"),
        the organization a secretary-general heads, the state they speak for, or the dateline's state."""
        waiting = []
        for entry in self._unplaced:  # serving an official placed by a title
            aff = self._served_official(entry[0], entry[5])
            if aff:
                self._affiliate(entry[0], entry[2], [(entry[3], aff, entry[4], "official-of-official", 0.7)])
            else:
                waiting.append(entry)
        for key, m, root, title, leader, toks in waiting:
            for aff, rule, conf in (
                (self._served_official(key, toks), "official-of-official", 0.7),
                (self._organization_head(m, title), "official-organization", 0.55),
                (self._own_state(root), "official-own-state", 0.5),
                (self._dateline_seat(title, root), "official-dateline", 0.55),
            ):
                if aff:
                    self._affiliate(key, root, [(title, aff, leader, rule, conf)])
                    break

    def _served_official(self, key: str, toks: list[Token]) -> str | None:
        """ "Ghani's national security adviser", "the spokesman for President Putin", "his special envoy":
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

    def _own_state(self, root: Token) -> str | None:
        """ "Treasury Secretary X said Washington would keep ...": the state an official reports on as the
        subject of his own statement (not what it must or should do: that is a demand on another)."""
        if root.dep_ != "nsubj":
            return None
        verb = root.head
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        clauses += [g for c in verb.children if c.dep_ in ("advcl", "conj") for g in c.children if g.dep_ == "ccomp"]
        for cl in clauses:
            if any(c.dep_ == "aux" and c.lower_ in ("must", "should", "ought") for c in cl.children):
                continue
            for c in cl.children:
                if c.dep_ == "nsubj":
                    cm = self._mention_at(c)
                    if cm is not None and cm.kind in (STATE, SEAT) and not self._dateline(cm):
                        return self.key_of(cm, acting=True)
        return None

    def _dateline_seat(self, title: str, root: Token) -> str | None:
        """ "ISLAMABAD, March 12 — ... Prime Minister X", "the army's chief spokesman, Y": a title with no state
        or group anywhere in its phrase, in an article datelined at a seat of government, is that state's
        office, unless the sentence names another state that is not the object of the official's act."""
        for o in self.mentions:
            if o.kind == SEAT and self._dateline(o):
                seat = self.key_of(o, acting=True)
                sent, verb = root.sent, root.head
                for x in self.mentions:  # another state in the sentence may be the office's
                    if not (sent.start <= x.start < sent.end) or x.kind not in (STATE, DEMONYM, SEAT):
                        continue
                    xr = self.doc[x.start : x.end].root
                    target = _in_object(xr)
                    gov = xr.head.head if xr.dep_ == "pobj" else xr.head
                    if self.key_of(x, acting=True) == seat:
                        if target and gov == verb:  # "Prime Minister X called on India": acts on it
                            return None
                    elif not target:
                        return None
                return seat
            if o.start > 40:
                break
        return None

    def _locative_prefix(self, left: list[Token]) -> Mention | None:
        """The State/seat/place that opens ``left`` right after a preposition outside the phrase ("In Turkey")."""
        if not left or left[0].i == 0:
            return None
        prep = self.doc[left[0].i - 1]
        if prep.lower_ not in LOCATIVE_PREPS or prep.head.i in {t.i for t in left}:
            return None
        lm = self._mention_at(left[0])
        return lm if lm is not None and lm.kind in (STATE, SEAT, PLACE) and lm.start == left[0].i else None

    def _sentence_locale(self, m: Mention, root: Token, title: str = "") -> str | None:
        """ "In Kabul, President Ashraf Ghani demanded ...": a sentence-initial seat or state names where
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

    def _nearest_state(self, m: Mention, sent: Span) -> str | None:
        """For "President X" with no state named in the title: the closest state in the same sentence."""
        best, dist = None, 10**6
        for o in self.mentions:
            if o.start < sent.start or o.start >= sent.end or o.kind not in (STATE, DEMONYM, SEAT):
                continue
            d = o.start - m.end if o.start >= m.end else m.start - o.end
            if d < dist:
                best, dist = o, d
        return self.key_of(best, acting=True) if best is not None else None

    def _contiguous_start(self, start: int, left: list[Token]) -> int:
        idx = {t.i for t in left}
        i = start
        while i - 1 in idx:
            i -= 1
        return i

    def _np_title(self, head: Token, exclude: Token | None) -> tuple[str | None, str | None, bool]:
        """Title and affiliation of a title noun phrase ("the commander of U.S. forces in Afghanistan")."""
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
        a, rest = self._affiliation(keep)
        aff = aff or a
        title = self._title_text(rest)
        leader = _leader_title(rest)
        return title, aff, leader

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
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "VERB" or lemma not in CONTRIBUTE_VERBS | {"serve"}:
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
                if not any(c.dep_ == "dobj" and sector_for(c) == "MIL" for c in tok.children):
                    continue
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                forces = [tok.head] if tok.dep_ == "relcl" and (subj is None or subj.lower_ in RELATIVE_PRONOUNS) else [subj]
            for f in forces:
                if f is None or (lemma == "serve" and sector_for(f) != "MIL"):
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
        for c in tok.children:
            if c.dep_ == "appos":
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
        if lemma in LEADER_BODIES:
            # "the Trump administration", "Khan's government": the state its head holds office in
            for c in tok.children:
                cm = self._mention_at(c) if c.dep_ in ("compound", "poss") else None
                if cm is not None and cm.kind == PERSON:
                    state = self._office_of(self._person_key.get(id(cm)))
                    if state:
                        return Actor(state, "GOV", "nominal")
        sector = sector_for(tok)
        if sector or is_title_token(tok) or (lemma in GROUP_CUE_NOUNS and not self._anaphor(tok)):
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
            for c in tok.children:
                if c.dep_ not in ("amod", "compound", "nmod", "poss"):
                    continue
                if self.nominal.get(c.i) is not None:  # "Israeli army bulldozers": the army's
                    return Actor(self.nominal[c.i].key, sector_for(c) or sector, "modifier")  # type: ignore[union-attr]
                for cc in [c] + [g for g in c.children if g.dep_ in ("amod", "compound", "nmod", "poss")]:
                    cm = self._mention_at(cc)
                    if cm is not None and cm.kind in kinds and not self._ethnic(cm):
                        key = self.key_of(cm, acting=True)
                        if key:
                            return Actor(key, sector_for(c) or sector, "modifier")
        return None

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
        """A demonym marked as ethnic ("ethnic Albanians", "ethnic Serb rebels") or placed in another state
        ("Bosnian Serbs", "Iraqi Kurds") names a people, not a state."""
        if m.kind != DEMONYM or m.start == 0:
            return False
        if self.doc[m.start - 1].lower_ == "ethnic":
            return True
        before = self.by_token[m.start - 1]
        return before is not None and before.kind == DEMONYM and before.ref != m.ref and self.doc[m.end - 1].tag_ == "NNPS"

    def _office_of(self, person: str | None) -> str | None:
        """The state a person is a head of state or government of (by title), if the document says so."""
        b = self.ents.get(person) if person else None
        if b is None or b.cls != "Official" or not head_of_state_title(b.title):
            return None
        return next(
            (st.object for st in self.structural if st.subject == person and st.object.startswith("state/")), None
        )

    def _dateline(self, m: Mention) -> bool:
        """An all-capitals place opening a sentence and followed by a comma ("ISLAMABAD, March 12 —")."""
        doc = self.doc
        return (
            m.start == doc[m.start].sent.start
            and m.text.isupper()
            and len(m.text) > 3
            and m.end < len(doc)
            and doc[m.end].text == ","
        )

    def _nominal_label(self, key: str, head: Token, start: int, end: int) -> None:
        """Keep "ISIL fighters", "Taliban negotiators", "Coalition nations" as a surface form of the group
        they stand for: a group's members acting as the group. A state's people or equipment ("Pakistani
        officials", "Turkish artillery") name no one (the statement's sector says who acted), and a state's
        organ ("Iraqi security forces") is a body with its own label."""
        doc = self.doc
        if start >= head.i:  # "the federal government of Iraq": the head's own modifiers belong to the name
            start = min([start] + [c.left_edge.i for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i])
        while start < end and (doc[start].dep_ in ("det", "punct") or doc[start].tag_ == "POS"):
            start += 1
        if not (0 < end - start <= 6 and key in self.ents):
            return
        cls = self.ents[key].cls
        if cls in ACTOR_CLASSES - {"Official", "State", "GovernmentBody"}:
            self.ents[key].alts.add(doc[start:end].text)

    def _before(self, i: int, limit: int) -> list[Mention]:
        """Up to ``limit`` mentions starting before token ``i``, nearest first (bounded: linear overall)."""
        import bisect

        if len(self._starts) != len(self.mentions):
            self._starts = [m.start for m in self.mentions]
        k = bisect.bisect_left(self._starts, i)
        return self.mentions[max(0, k - limit) : k][::-1]

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


def name_form(text: str) -> str | None:
    """An alternative label as a name, or None for a phrase that names nothing: "The Kremlin spokesman,
    Dmitry Peskov" (an apposition), "the ministry which" (a clause), a long description. A leading
    article goes ("the Afghan government" → "Afghan government")."""
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words or len(words) > 8 or any(ch in text for ch in ",;:()[]\"\u201c\u201d"):
        return None
    if any(w.lower() in _NOT_IN_NAMES for w in words) or words[-1].lower() in ("of", "and", "the", "in", "for"):
        return None
    return " ".join(words)
