"""Sentence + DocEntities → PLOVER interaction candidates, by lexicon-driven dependency rules.

A trigger is a verb (``attack``), a phrasal verb or multiword expression (``call on``, ``impose
sanctions on``) or a nominalization (``visit to``, ``talks with``) from the PLOVER lexicon data file.
Once a trigger is found, its arguments are linked by general constructions of English; each
candidate carries the name of the construction that linked it (registered in ``registry.py``):

- ``active-verb`` / ``active-phrase``  nsubj → direct object or the verb's own preposition ("X attacked Y")
- ``object-prep``    the target in a prepositional phrase on the verb's object noun ("fired shells at Y",
                     "sought support from Y")
- ``passive``        by-phrase → subject of a passive verb ("Y was attacked by X")
- ``predicate-adjective``  "X is critical of Y", "X is opposed to Y"
- ``relative``       "groups that target Y", "the group that Y blames"
- ``clausal``        the subject of a complement clause ("X demanded that Y leave")
- ``conjoined-verb`` verbs sharing a subject or an object ("X condemned and sanctioned Y")
- ``reciprocal``     "X and Y met / agreed / clashed": each with the other
- ``nominal``        an event noun with its actor as modifier ("X's visit to Y", "U.S. sanctions on Y")
- ``by-phrase``      an event noun's by-phrase ("attacks by X on Y", "strikes carried out by X")
- ``light-verb``     an event noun after a light verb ("launched an offensive against Y", "held talks with Y")
- ``mediation``      a third party bringing sides together ("talks mediated by X between A and B",
                     "an X-brokered truce between A and B"): the mediator consults each side
- ``reported-speech`` the addressee of a reported threat or demand ("X warned Y that ...", "X told Y it
                     must ...") and "X said Y must ..."
- ``directive``      "X ordered Y to ..." (an order is a REQUEST)
- ``authority-located``  an arrest, charge or expulsion without agent is the act of the state where it
                     happens ("was arrested in Y", "placed under investigation in Y")

Arguments read through quantities and event nouns ("part of an aid program for X", "the deployment of
NATO troops"); a common-noun subject placed in a state acts for it ("miners in Bolivia").
Conjoined subjects and objects are expanded. Negated events are returned as rejected candidates;
modality and dates are attached by the caller.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract import gazetteer as gz
from kg.extract import lexicon as lexpat
from kg.extract import military, nominals
from kg.extract.entities import QUANTITY_NOUNS, Actor, DocEntities, is_title_token, sector_for

COOPERATIVE = frozenset({"agree", "consult", "support", "concede", "cooperate", "aid", "retreat"})
CONFLICT = frozenset({"request", "accuse", "reject", "threaten", "protest", "sanction", "mobilize", "coerce", "assault"})
TYPES = COOPERATIVE | CONFLICT

SPEECH_VERBS = frozenset(
    "say tell announce state declare insist add report claim stress note confirm reiterate assert "
    "write argue warn conclude believe think".split()
)
# speech verbs whose object is the one spoken to: "told Y", "warned Y", "assured Y"
ADDRESSEE_VERBS = frozenset("tell warn inform remind assure caution notify advise".split())
# verbs whose xcomp clause is the event ("tried to hack", "began shelling", "decided to allow")
ASPECT_VERBS = frozenset(
    "try attempt begin start continue resume decide seek plan intend want prepare move manage "
    "hope aim expect agree offer promise pledge vow threaten refuse decline fail swear".split()
)
# verbs whose own meaning is carried by a nominal object ("held talks", "imposed sanctions")
LIGHT_VERBS = frozenset(
    "hold conduct launch carry impose make issue stage mount pay begin start continue resume lodge "
    "file open step intensify level extend provide give deliver sign reach express voice have take "
    "announce order step put place slap renew reiterate repeat restate".split()
)
# clauses that say what an action is for: "struck to demand", "marched, calling for"
PURPOSE_LINKS = ("advcl", "xcomp", "acl", "conj")
# granting permission yields to the one allowed (CONCEDE); the permitted act is still coded
PERMISSIVE = frozenset({"allow", "permit"})
# directive verbs: "ordered X to appear", "instructed X to leave" is a REQUEST of X (PLOVER: "All requests,
# demands, and orders") when the ordered act is no event of its own
DIRECTIVE_VERBS = frozenset({"order", "instruct", "direct", "command", "tell"})
# acts of state authority: without a "by" agent, the state where they happen did them (PLOVER COERCE
# arrest/deport, ACCUSE investigate/allege)
AUTHORITY_VERBS = frozenset(
    "arrest detain jail imprison sentence charge indict prosecute deport expel convict investigate summon".split()
)
# "placed under arrest", "held under investigation": the act of authority is the noun after "under"
AUTHORITY_NOUNS = frozenset("arrest detention investigation custody surveillance".split())
# predicate adjectives and their complement prepositions: "X is critical of Y" (ACCUSE: "express
# disapprovals ... criticize"), "hostile to Y" (ACCUSE disapprove), "supportive of Y" (SUPPORT: "express
# support for ... actor"), "opposed to Y" read as an adjective (REJECT: "all rejections")
PREDICATE_ADJECTIVES: dict[str, tuple[str, tuple[str, ...]]] = {
    "critical": ("accuse", ("of",)),
    "hostile": ("accuse", ("to", "toward", "towards")),
    "supportive": ("support", ("of",)),
    "opposed": ("reject", ("to",)),
}
# participles that name the subject's own stance, not something done to it: "X is opposed to Y",
# "X is allied with Y" (an adjectival passive: its subject is the actor)
STATIVE_PARTICIPLES = frozenset({"oppose", "ally"})
# reciprocal events: "X and Y met / agreed / cooperated" with no other party named are each with the
# other (PLOVER manual, "Compound and Reciprocal Actors"); violence is reciprocal only for verbs that
# name both sides fighting
RECIPROCAL_TYPES = frozenset({"consult", "agree", "cooperate"})
SYMMETRIC_VERBS = frozenset("clash fight battle skirmish".split())
# a third party bringing sides together: CAMEO 045 "engage in mediation" → PLOVER CONSULT
MEDIATE_VERBS = frozenset({"mediate", "broker", "facilitate", "host", "sponsor", "arrange"})
# what a mediator or host brings about ("talks hosted by X", "an X-led peace process")
NEGOTIATION_NOUNS = frozenset(
    "talk talks negotiation dialogue truce ceasefire cease-fire deal agreement accord settlement summit "
    "meeting process conference".split()
)
# a protest at someone's premises is aimed at them: "staged a protest outside X's embassy"
PREMISES_NOUNS = frozenset("embassy consulate mission headquarters office offices compound".split())
PREMISES_PREPS = ("outside", "at", "near", "to", "toward", "towards", "before")
PEACEKEEPING = frozenset({"peacekeeping", "peacekeeper", "peacekeepers", "peace-keeping", "blue-helmet"})
LOCATIVE_PREPS = ("in", "throughout", "across", "inside")
OBJECT_CONTROL = frozenset("urge ask call press force order allow persuade pressure encourage tell invite push".split())
GENERIC_PREPS = ("against", "on", "with", "to", "into", "at", "upon", "toward", "towards", "from", "over", "for")
MODALS_REQUEST = frozenset({"must", "should"})
MODALS_INTENT = frozenset({"will", "would", "shall", "'ll"})
# replies to an earlier event: "Pakistan rejected the accusations", "X condemned the attack"
REPLY_TYPES = frozenset({"reject", "accuse", "concede", "support", "agree"})
EVENT_NOUNS = frozenset(
    "accusation charge claim allegation demand suggestion proposal offer call request decision move "
    "resolution listing ultimatum plan measure criticism remark statement finding complaint step "
    "action warning threat".split()
)


_TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN"})


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]  # lemma → type: triggers on its own (hand-written, then converted)
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # hand-written: first word → ((rest words), type)
    nouns: dict[str, tuple[str, tuple[str, ...]]]  # noun → (type, preps)
    negation: frozenset[str]
    hypothetical: frozenset[str]
    future: frozenset[str]
    # verb lemma → hand-written phrases and converted CAMEO patterns, most specific first (kg.extract.lexicon)
    patterns: dict[str, lexpat.VerbPatterns] = field(default_factory=dict)
    hand_verbs: dict[str, str] = field(default_factory=dict)  # the verbs of plover.yaml alone


@functools.cache
def lexicon() -> Lexicon:
    """The PLOVER lexicon (plover.yaml + the converted CAMEO lexicon), indexed for the rules once per process.
    Hand-written verbs and nouns keep their type; converted ones fill in the rest."""
    lex = gz.plover_lexicon()
    verbs: dict[str, str] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    nouns: dict[str, tuple[str, tuple[str, ...]]] = {}
    hand_verbs: dict[str, str] = {}
    hand_nouns: dict[str, tuple[str, tuple[str, ...]]] = {}
    for hand_only in (True, False):  # hand-written entries first: they win
        for t in lex:
            if t.name not in TYPES:
                continue
            for v in t.hand_verbs if hand_only else t.verbs:
                words = v.lower().split()
                if len(words) == 1:
                    verbs.setdefault(words[0], t.name)
                    if hand_only:
                        hand_verbs.setdefault(words[0], t.name)
                elif hand_only:
                    phrases.setdefault(words[0], []).append((tuple(words[1:]), t.name))
            if hand_only:
                for p in t.phrases:
                    words = p.lower().split()
                    if len(words) == 1:
                        verbs.setdefault(words[0], t.name)
                    else:
                        phrases.setdefault(words[0], []).append((tuple(words[1:]), t.name))
            for n in t.hand_nouns if hand_only else t.nouns:
                nouns.setdefault(str(n).lower(), (t.name, tuple(t.nouns[n])))
                if hand_only:
                    hand_nouns.setdefault(str(n).lower(), (t.name, tuple(t.nouns[n])))
    for first in phrases:  # longest phrase first
        phrases[first].sort(key=lambda p: -len(p[0]))
    return Lexicon(
        verbs,
        {k: tuple(v) for k, v in phrases.items()},
        nouns,
        frozenset(w.lower() for w in lex.negation_cues),
        frozenset(w.lower() for w in lex.hypothetical_cues),
        frozenset(w.lower() for w in lex.future_cues),
        lexpat.compile_patterns(phrases, lex.cameo, {n: typ for n, (typ, _) in hand_nouns.items()}),
        hand_verbs,
    )


@dataclass(frozen=True)
class Candidate:
    subject: Actor
    relation: str
    object: Actor | None  # None: the object is an earlier event ("rejected the accusations")
    trigger: Token
    rule: str
    confidence: float
    negated: str | None = None
    modality: str | None = None
    event_noun: str | None = None  # the noun naming that earlier event


# ------------------------------------------------------------------------------------------ tree helpers


def conjuncts(tok: Token) -> list[Token]:
    """The token and everything conjoined to it ("India and Pakistan")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" or (c.dep_ == "appos" and c.pos_ == "PROPN" and tok.pos_ == "PROPN"):
            out.extend(conjuncts(c))  # a list parsed as apposition: "Chile, Peru, Bolivia"
    return out


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _pobjs(prep: Token) -> list[Token]:
    out = []
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            out.extend(conjuncts(c))
    return out


def _agents(v: Token) -> list[Token]:
    """The "by" phrase of a passive verb, also when the parser hung it on the object
    ("was named a sponsor of terrorism by Canada")."""
    found = [p for c in _children(v, "agent") for p in _pobjs(c)]
    if found or not _children(v, "nsubjpass"):
        return found
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            found += _pobjs(c)
        elif c.dep_ in ("dobj", "oprd", "attr"):
            found += [p for b in c.children if b.dep_ == "prep" and b.lower_ == "by" for p in _pobjs(b)]
    return found


RELATIVE_PRONOUNS = frozenset({"that", "which", "whom", "who"})


def _relative_head(obj: Token) -> Token:
    """The noun a relative pronoun object stands for: "the group that India blames" → group (→ the named
    group it is in apposition to: "Hamas, the movement that ..."); any other token unchanged."""
    v = obj.head
    if obj.lower_ not in RELATIVE_PRONOUNS or v.dep_ != "relcl" or obj.i > v.i:
        return obj
    head = v.head
    return head.head if head.dep_ == "appos" and head.head.pos_ == "PROPN" else head


def _that_clause(c: Token) -> bool:
    return any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)


def _light_verb(v: Token) -> bool:
    """``v`` is a light verb; also when the lemmatizer cut a past tense badly ("staged" → "stag")."""
    low = v.lower_
    return v.lemma_.lower() in LIGHT_VERBS or (
        v.tag_ in ("VBD", "VBN") and (low[:-1] in LIGHT_VERBS or low[:-2] in LIGHT_VERBS)
    )


class Rules:
    """Relation rules over one document."""

    def __init__(self, ents: DocEntities):
        self.ents = ents
        self.lex = lexicon()
        self._triggers: dict[int, tuple[str, tuple[str, ...], str] | None] = {}

    # ---------------------------------------------------------------- triggers

    def trigger(self, tok: Token) -> tuple[str, tuple[str, ...], str] | None:
        """(type, preps naming the object, kind) if ``tok`` triggers an event (memoized per token)."""
        i = tok.i
        if i not in self._triggers:
            self._triggers[i] = self._trigger(tok) if tok.pos_ in _TRIGGER_POS else None
        return self._triggers[i]

    def _trigger(self, tok: Token) -> tuple[str, tuple[str, ...], str] | None:
        lemma = tok.lemma_.lower()
        pos = tok.pos_
        if pos in ("VERB", "AUX") or (pos == "NOUN" and tok.dep_ == "ROOT"):
            # the most specific hand-written phrase or converted pattern; a no-event pattern blocks the verb
            key = lemma if lemma in self.lex.patterns else tok.lower_
            patterns = self.lex.patterns.get(key)
            hit = lexpat.match(tok, patterns, self.lex.hand_verbs.get(key)) if patterns else None
            if hit is not None:
                pattern, preps = hit
                return (pattern.typ, preps, "phrase") if pattern.typ else None
            typ = self.lex.verbs.get(lemma) or self.lex.verbs.get(tok.lower_)
            if typ:
                return typ, (), "verb"
        if pos in ("NOUN", "PROPN"):
            # a two-word nominalization ("hunger strike", "travel ban") before its head alone
            prev = tok.doc[tok.i - 1] if tok.i > 0 else None
            if prev is not None and prev.head.i == tok.i and prev.dep_ in ("compound", "amod", "nmod"):
                hit = self.lex.nouns.get(f"{prev.lemma_.lower()} {lemma}") or self.lex.nouns.get(f"{prev.lower_} {tok.lower_}")
                if hit:
                    return hit[0], hit[1], "noun"
            hit = self.lex.nouns.get(lemma) or self.lex.nouns.get(tok.lower_)
            if hit:
                return hit[0], hit[1], "noun"
        return None

    @staticmethod
    def _phrase_match(verb: Token, rest: tuple[str, ...]) -> tuple[str, ...] | None:
        """Do the other words of a hand-written phrase hang off ``verb``? Returns the trailing preposition, if any."""
        pattern = lexpat.Pattern("phrase", len(rest), (), words=rest, hand=True)
        hit = lexpat.match(verb, lexpat.VerbPatterns({rest[0]: ((0, pattern),)})) if rest else None
        return hit[1] if hit is not None else None

    # ---------------------------------------------------------------- arguments

    def subjects(self, v: Token, depth: int = 0) -> list[Token]:
        subs = []
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj"):
                subs.extend(conjuncts(c))
        if not subs:
            # the parser sometimes hangs the subject on the auxiliary: "Peru is opposed to ..."
            subs = [o for a in _children(v, "aux", "auxpass") for c in _children(a, "nsubj") for o in conjuncts(c)]
        if not subs and self._stative(v):
            subs = [o for c in _children(v, "nsubjpass") for o in conjuncts(c)]  # "X is allied with Y"
        agent = _agents(v)
        if agent:
            return agent
        if subs:
            if v.dep_ == "relcl" and all(s.lower_ in ("who", "that", "which") for s in subs):
                return conjuncts(v.head)
            return subs
        if v.head.i == v.i:
            # a root without subject, the subject parsed under a participle: "X, addressing a rally, warned Y"
            for c in v.children:
                if c.dep_ in ("advcl", "xcomp") and c.i < v.i:
                    subs = [s for s in _children(c, "nsubj") if s.i < c.i]
                    if subs:
                        return [o for s in subs for o in conjuncts(s)]
            return []
        if depth > 2:
            return []
        if v.dep_ == "relcl" or v.dep_ == "acl":
            head = v.head
            if head.pos_ not in ("NOUN", "PROPN", "PRON"):
                return []
            if (
                v.dep_ == "acl"
                and v.tag_ == "VBG"
                and self.ents.actor(head, allow_pronoun=False) is None
                and head.dep_ in ("dobj", "pobj")
                and sector_for(head) is None  # "struck fighters firing on X": the fighters fire, not the striker
            ):
                # "published a statement urging that ...": the publisher speaks
                gov = head.head if head.dep_ == "dobj" else head.head.head
                if gov.pos_ in ("VERB", "AUX"):
                    return self.subjects(gov, depth + 1)
            return conjuncts(head)
        if v.dep_ in ("conj", "advcl", "acomp") and v.head.pos_ in ("VERB", "AUX"):
            return self.subjects(v.head, depth + 1)
        if v.dep_ == "conj":
            # "called the vote a farce and accused X": the parser hung the verb on a word
            h = v.head
            for _ in range(3):
                if h.pos_ in ("VERB", "AUX") or h.head.i == h.i:
                    break
                h = h.head
            if h.pos_ in ("VERB", "AUX") and h.i < v.i:
                return self.subjects(h, depth + 1)
        if v.dep_ == "xcomp":
            head = v.head
            if head.lemma_.lower() in OBJECT_CONTROL:
                objs = [o for c in _children(head, "dobj") for o in conjuncts(c)]
                if objs:
                    return objs
            return self.subjects(head, depth + 1)
        return []

    def passive_objects(self, v: Token) -> list[Token]:
        if self._stative(v):
            return []  # "X is opposed to Y": X holds the stance
        return [o for c in _children(v, "nsubjpass") for o in conjuncts(c)]

    def object_tiers(self, v: Token, typ: str, preps: tuple[str, ...]) -> list[tuple[str, list[Token]]]:
        """Candidate object tokens, grouped by the construction that links them, nearest first (the first
        tier with an actor wins): (construction, tokens)."""
        tiers: list[tuple[str, list[Token]]] = []
        passive = self.passive_objects(v)
        if passive and _agents(v):
            tiers.append(("passive", passive))
        elif passive and not self._stative(v):
            return []  # "X was attacked" without an agent: X is no subject
        prep_children = [c for c in v.children if c.dep_ in ("prep", "prt", "dative") and c.lower_ in preps]
        if preps:
            tiers.append(("verb", [p for c in prep_children for p in _pobjs(c)]))
        direct = [o for c in _children(v, "dobj", "dative", "attr", "oprd") for o in conjuncts(_relative_head(c))]
        tiers.append(("object-prep", self._object_prep(direct, preps)))
        tiers.append(("verb", direct))
        generic = [c for c in v.children if c.dep_ in ("prep", "dative") and c.lower_ in GENERIC_PREPS]
        generic += [p for c in _children(v, "prt") for p in _children(c, "prep")]  # "kidnapped up to 16 ..."
        tiers.append(("verb", [p for c in generic for p in _pobjs(c)]))
        if not direct and not generic:
            tiers.append(("conjoined-verb", self._shared_objects(v)))
        for c in _children(v, "ccomp"):
            tiers.append(("clausal", [o for s in _children(c, "nsubj", "nsubjpass") for o in conjuncts(s)]))
        for x in _children(v, "xcomp"):
            inner = []
            for c in [x] + [c for c in x.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]:
                # "threatened to attack and destroy X": the conjoined verb's object too
                inner += [o for d in _children(c, "dobj", "dative") for o in conjuncts(d)]
                inner += [p for d in c.children if d.dep_ in ("prep", "dative") and d.lower_ in GENERIC_PREPS + ("in",) for p in _pobjs(d)]
            tiers.append(("verb", inner))
        if typ == "threaten":
            # "threatened to quit the talks if Japan sends ships": the condition's subject
            for c in _children(v, "advcl") + [a for x in _children(v, "xcomp") for a in _children(x, "advcl")]:
                if any(m.lower_ in ("if", "unless") for m in _children(c, "mark")):
                    tiers.append(("clausal", [o for s in _children(c, "nsubj", "nsubjpass") for o in conjuncts(s)]))
        if typ == "protest":
            tiers.append(("verb", _premises([v] + direct)))
        partner = typ == "consult" and any(c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "with") for c in v.children)
        if typ in ("assault", "coerce", "mobilize", "protest", "consult", "aid", "concede") and not partner:
            # "held talks in Islamabad"; but in "met X in Canberra" the place is no stand-in for an unknown X
            tiers.append(("verb", [p for c in v.children if c.dep_ == "prep" and c.lower_ in ("in", "inside") for p in _pobjs(c)]))
        return tiers

    def _object_prep(self, direct: list[Token], preps: tuple[str, ...]) -> list[Token]:
        """ "fired shells at X", "sought support from X", "imposed a ban on X's exports": the object noun is
        no actor itself; the prepositional phrase it carries names the target."""
        out = []
        for o in direct:
            if o.pos_ != "NOUN" or self.ents.actor(o, allow_modifier=True) is not None:
                continue
            out += [p for c in o.children if c.dep_ == "prep" and (c.lower_ in preps or c.lower_ in GENERIC_PREPS) for p in _pobjs(c)]
        return out

    @staticmethod
    def _shared_objects(v: Token) -> list[Token]:
        """ "X condemned and sanctioned Y": a verb with no object of its own shares the object of a verb
        conjoined after it that has no subject of its own."""
        out = []
        for c in v.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > v.i and not _children(c, "nsubj", "nsubjpass"):
                out += [o for d in _children(c, "dobj") for o in conjuncts(_relative_head(d))]
        return out

    @staticmethod
    def _stative(v: Token) -> bool:
        """An adjectival passive naming the subject's own stance ("X is opposed to Y"): no agent, and a
        complement preposition."""
        return (
            v.tag_ == "VBN"
            and v.lemma_.lower() in STATIVE_PARTICIPLES
            and not _children(v, "agent")
            and any(c.dep_ == "prep" and c.lower_ in ("to", "with", "against") for c in v.children)
        )

    def resolve(
        self, toks: list[Token], modifier: bool | str, exclude: frozenset[str] = frozenset(), subject: bool = False
    ) -> list[Actor]:
        """Actors for argument tokens. ``modifier``: also "an Indian proposal" → India ("state": only
        nationality modifiers, as for subjects: "Israeli tanks"). Direct readings win over modifier ones.
        Actors in ``exclude`` (the event's other side) do not count as readings. A ``subject`` may also be
        a common noun placed in a state ("miners in Bolivia")."""
        if modifier:
            direct = self.resolve(toks, modifier=False, exclude=exclude)
            if direct:
                return direct
        out = []
        for t in toks:
            a = self._actor(t, modifier, exclude)
            quantity = t.lemma_.lower() in QUANTITY_NOUNS or t.lower_ in QUANTITY_NOUNS
            if a is None and (quantity or (subject and t.pos_ == "NOUN" and self.trigger(t) is not None)):
                # "part of a training mission for Mali", "thousands of students": the quantified noun;
                # "the deployment of NATO troops arrived": the deployed
                inner = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in _pobjs(c)]
                a = next((x for x in self.resolve(inner, modifier, exclude, subject)), None)
            if a is None and subject:
                a = self._located(t, exclude)
            if a is not None and a not in out:
                out.append(a)
        return out

    def _actor(self, t: Token, modifier: bool | str, exclude: frozenset[str]) -> Actor | None:
        a = self.ents.actor(t, allow_modifier=modifier)
        if a is not None and (a.key in exclude or any(self.ents.home_of(k) == a.key for k in exclude)):
            a = None  # the other side, or the state it is an organ of or based in ("workers marched in Ankara")
        if a is None and modifier is True:
            # a non-actor noun: look one step inside ("inspectors of the IAEA", "sanctions on Iran")
            for acl in t.children:
                if a is None and acl.dep_ == "acl" and acl.tag_ == "VBN":
                    for p in [p for ag in _children(acl, "agent") for p in _pobjs(ag)]:
                        a = a or self.ents.actor(p, allow_pronoun=False, allow_modifier="state")
                        a = None if a is not None and a.key in exclude else a
            for c in sorted(t.children, key=lambda c: c.lower_ in ("in", "for")):
                if a:
                    break
                if c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "to", "from", "by", "with", "in", "for"):
                    for p in _pobjs(c):
                        a = self.ents.actor(p, allow_pronoun=False, allow_modifier=True)
                        a = None if a is not None and a.key in exclude else a
                        if a:
                            break
            if a is None and t.pos_ == "NOUN" and sector_for(t) is not None:
                # people described by where they are: "refugees fleeing the fighting in Liberia"
                for acl in t.children:
                    if a is None and acl.dep_ == "acl" and acl.tag_ in ("VBG", "VBN"):
                        for p in [p for c in acl.children if c.dep_ == "prep" and c.lower_ in ("in", "from") for p in _pobjs(c)]:
                            found = self.ents.actor(p, allow_pronoun=False)
                            if found is not None and found.key.startswith("state/") and found.key not in exclude:
                                a = Actor(found.key, sector_for(t), "located")
                                break
        return a

    def _located(self, t: Token, exclude: frozenset[str]) -> Actor | None:
        """A common-noun subject placed in a state: "rebels in the Ivory Coast", "students throughout
        Indonesia", "a group based in Trinidad" (the state the actor acts from)."""
        if t.pos_ != "NOUN" or t.ent_type_ or t.dep_ == "appos" or t.i in self.ents.nominal:
            return None  # an organ or collective is placed by DocEntities ("rebels in X" are based there)
        preps = [c for c in t.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS]
        preps += [c for a in t.children if a.dep_ == "acl" and a.lemma_.lower() in ("base", "station", "operate", "live") for c in a.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS]
        for c in preps:
            for p in _pobjs(c):
                a = self.ents.actor(p, allow_pronoun=False)
                if a is not None and a.key.startswith("state/") and a.key not in exclude:
                    return Actor(a.key, sector_for(t), "located")
        return None

    def objects(self, v: Token, typ: str, preps: tuple[str, ...], exclude: frozenset[str] = frozenset()) -> list[Actor]:
        return self._objects(v, typ, preps, exclude)[0]

    def _objects(
        self, v: Token, typ: str, preps: tuple[str, ...], exclude: frozenset[str] = frozenset()
    ) -> tuple[list[Actor], str]:
        """The event's targets and the construction of the tier that gave them."""
        for name, tier in self.object_tiers(v, typ, preps):
            found = self.resolve(tier, modifier=True, exclude=exclude)
            if found:
                return found, name
            if exclude and self.resolve(tier, modifier=True):
                return [], name  # the nearest argument is the subject itself: no reaching for a farther one
        return [], ""

    # ---------------------------------------------------------------- rules

    def sentence(self, sent: Span) -> list[Candidate]:
        out: list[Candidate] = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            pos = tok.pos_
            if lemma in MEDIATE_VERBS or (lemma == "lead" and tok.dep_ in ("amod", "acl")):
                found = self._mediation(tok)
                if found:
                    out.extend(found)
                    continue
            hit = self.trigger(tok) if pos in _TRIGGER_POS else None
            if hit is not None:
                typ, preps, kind = hit
                if kind == "noun":
                    out.extend(self._nominal(tok, typ, preps))
                else:
                    out.extend(self._verbal(tok, typ, preps, kind))
            elif pos == "ADJ":
                out.extend(self._predicate_adjective(tok))
            elif lemma in DIRECTIVE_VERBS and pos == "VERB":
                out.extend(self._directive(tok))
            if hit is None and pos == "VERB":
                out.extend(self._reciprocal_alternation(tok))
            if hit is None and pos == "VERB" and (lemma in SPEECH_VERBS or lemma in ADDRESSEE_VERBS):
                out.extend(self._reported(tok))
        out.extend(military.relations(self, sent))
        return out

    def _embedded_in_trigger(self, v: Token) -> bool:
        """A complement of another trigger ("threatened to attack", "demanded that Hamas renounce",
        "its demand that Israel ease"): the event is demanded or threatened, not done; the outer one counts."""
        if v.head.i == v.i:
            return False
        h = v.head
        if v.dep_ == "conj" and h.pos_ in ("VERB", "AUX") and h.dep_ in ("xcomp", "ccomp", "advcl"):
            return self._embedded_in_trigger(h)  # "urged X to rearm and march against Y"
        if h.lemma_.lower() in PERMISSIVE:
            return False  # "allowed US jets to strike X": the permitted act happens
        inner = self.trigger(v)
        if v.dep_ in PURPOSE_LINKS and inner is not None and inner[0] == "request" and any(
            (t := self.trigger(d)) is not None and t[0] == "protest" for d in _children(h, "dobj")
        ):
            # "began a sit-in to demand ...": the demand is the protest's topic, not an event of its
            # own (PLOVER PROTEST: "the topic of the protest ... is not coded as a separate event")
            return True
        if v.dep_ == "xcomp":
            return self.trigger(h) is not None and h.lemma_.lower() not in ASPECT_VERBS - {
                "threaten", "agree", "offer", "promise", "pledge", "vow", "refuse", "decline"}
        if v.dep_ in ("ccomp", "acl", "pcomp") and self.trigger(h) is not None:
            return True
        if v.dep_ == "ccomp" and _that_clause(v) and any(
            (t := self.trigger(d)) is not None and t[2] == "noun" and t[0] in ("request", "threaten") for d in _children(h, "dobj")
        ):
            return True  # "repeated its demand that the court free them": demanded, not done
        outer = self.trigger(h)
        if v.dep_ in PURPOSE_LINKS and inner is not None and outer is not None and inner[0] == "request" and outer[0] == "protest":
            return True  # "marched, calling for X's resignation": the demand is what the protest is about
        if v.dep_ == "advcl" and any(a.lower_ == "to" for a in _children(v, "aux")):
            return outer is not None  # "pressed Chile to free them": a purpose of another event
        if v.dep_ == "ccomp" and h.lemma_.lower() in SPEECH_VERBS and any(a.lower_ in MODALS_REQUEST for a in _children(v, "aux")):
            return True  # "X said Y must hand back the ship": a demand, not an event
        return False

    def _verbal(self, v: Token, typ: str, preps: tuple[str, ...], kind: str) -> list[Candidate]:
        if self._embedded_in_trigger(v):
            return []
        subs = self.resolve(self.subjects(v), modifier="state", subject=True)
        if not subs:
            return self._authority_located(v, typ)
        own = frozenset(s.key for s in subs)
        objs, tier = self._objects(v, typ, preps, exclude=own)
        rule = self._verbal_rule(v, kind, tier)
        if not objs and typ == "protest":
            objs = self._purpose_objects([v], own)
        allowed = [s for a in v.children if a.dep_ in ("ccomp", "xcomp") for s in _children(a, "nsubj")] + _children(v, "dobj")
        if v.lemma_.lower() in PERMISSIVE and any(c.dep_ == "poss" for t in allowed for c in t.children):
            objs = [o for o in objs if o.via != "modifier"]  # "allowed X to run", not "allowed X's elections to"
        if typ in ("consult", "mobilize") and self._peacekeeping(v):
            typ = "aid"  # peacekeepers sent or arriving: protection is AID
        conf = 0.75 if kind == "phrase" else 0.7
        if not objs and typ in REPLY_TYPES:
            noun = next((d for d in map(_relative_head, _children(v, "dobj", "nsubjpass")) if d.lemma_.lower() in EVENT_NOUNS or d.lemma_.lower() in self.lex.nouns), None)
            if noun is not None and not any(c.dep_ in ("poss", "compound", "amod") and self.ents.actor(c) for c in noun.children):
                return [Candidate(s, typ, None, v, "event-anaphora", 0.55, event_noun=noun.lemma_.lower()) for s in subs]
        if self._reciprocal(v, typ) and all(o.key.startswith("place/") for o in objs):
            sides = self._sides(v, subs)
            if len(sides) > 1:  # "X and Y met in Geneva": the place is where, the sides are each other's partners
                return self._each_other(sides, typ, v, 0.65)
        return [Candidate(s, typ, o, v, rule, conf) for s in subs for o in objs if s.key != o.key]

    def _verbal_rule(self, v: Token, kind: str, tier: str) -> str:
        """The construction that linked a verb's arguments, as registered in ``registry.py``."""
        if _agents(v):
            return "passive"
        if tier in ("object-prep", "clausal", "conjoined-verb"):
            return tier
        if self._stative(v):
            return "predicate-adjective"
        if v.dep_ == "relcl":
            return "relative"
        if v.dep_ == "conj" and not _children(v, "nsubj", "nsubjpass") and v.head.pos_ in ("VERB", "AUX"):
            return "conjoined-verb"  # "X accused Y and expelled Z": the subject is shared
        if v.lemma_.lower() in ADDRESSEE_VERBS and _children(v, "ccomp") and tier == "verb":
            return "reported-speech"  # "X warned Y that its forces would respond": the addressee
        return f"active-{kind}"

    # ------------------------------------------------------------- reciprocal events

    def _reciprocal(self, v: Token, typ: str) -> bool:
        """Is this a reciprocal event ("X and Y met", "X and Y clashed")? Not when a complement clause
        says what was agreed or done ("X and Y agreed that ...", "... agreed to send troops"): its content
        may be aimed at a third party, so the sides are left unpaired."""
        if _children(v, "ccomp", "xcomp"):
            return False
        return typ in RECIPROCAL_TYPES or (typ == "assault" and v.lemma_.lower() in SYMMETRIC_VERBS)

    def _sides(self, v: Token, subs: list[Actor]) -> list[Actor]:
        """The parties of a reciprocal event: the conjoined subjects, or conjoined nationality modifiers of
        one subject noun ("Ethiopian and Eritrean troops clashed")."""
        if len(subs) > 1:
            return subs
        out = list(subs)
        for s in self.subjects(v):
            for m in s.children:
                if m.dep_ in ("amod", "compound", "nmod") and any(c.dep_ == "conj" for c in m.children):
                    for c in conjuncts(m):
                        a = self.ents.actor(c, allow_pronoun=False, allow_modifier="state")
                        if a is not None and out and a.key.startswith("state/"):
                            # the head names an organ of the first state: the same organ of this one
                            organ = nominals.sibling_organ(self.ents, out[0].key, a.key, f"{c.text} {s.text}", c.i)
                            a = Actor(organ, a.sector, "nominal") if organ else a
                        if a is not None and a.key not in {x.key for x in out}:
                            out.append(a)
        return out

    def _reciprocal_alternation(self, v: Token) -> list[Candidate]:
        """ "X and Y clashed" is "X clashed with Y" and the reverse: a verb the lexicon lists only with its
        partner preposition ("clash with", "talk with") used with conjoined subjects and no partner."""
        typ = next((t for rest, t in self.lex.phrases.get(v.lemma_.lower(), ()) if rest == ("with",)), None)
        if typ is None or any(c.dep_ in ("prep", "dobj") and c.lower_ == "with" for c in v.children) or _children(v, "dobj"):
            return []
        if self._embedded_in_trigger(v):
            return []
        sides = self._sides(v, self.resolve(self.subjects(v), modifier="state", subject=True))
        return self._each_other(sides, typ, v, 0.6) if len(sides) > 1 else []

    @staticmethod
    def _each_other(sides: list[Actor], typ: str, trigger: Token, conf: float) -> list[Candidate]:
        """Each side toward every other: PLOVER codes a reciprocal event with all parties as actors."""
        return [Candidate(a, typ, b, trigger, "reciprocal", conf) for a in sides for b in sides if a.key != b.key]

    # ------------------------------------------------------------- adjectives

    def _predicate_adjective(self, adj: Token) -> list[Candidate]:
        """ "X is critical of Y", "X remained hostile to Y": a predicate adjective of attitude with its
        complement preposition."""
        entry = PREDICATE_ADJECTIVES.get(adj.lower_) or PREDICATE_ADJECTIVES.get(adj.lemma_.lower())
        if entry is None or adj.dep_ not in ("acomp", "oprd"):
            return []
        typ, preps = entry
        head = adj.head
        subs = self.resolve(self.subjects(head), modifier="state", subject=True)
        own = frozenset(s.key for s in subs)
        objs = self.resolve([p for c in adj.children if c.dep_ == "prep" and c.lower_ in preps for p in _pobjs(c)], modifier=True, exclude=own)
        return [Candidate(s, typ, o, adj, "predicate-adjective", 0.65) for s in subs for o in objs if s.key != o.key]

    # ------------------------------------------------------------- nouns

    def _nominal(self, n: Token, typ: str, preps: tuple[str, ...]) -> list[Candidate]:
        """ "the minister's visit to Lima", "U.S. sanctions on Iran" (nominal), "attacks by X on Y" (by-phrase),
        "held talks with the Taliban" (light-verb)."""
        rule = "nominal"
        subs: list[Actor] = []
        for c in n.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod"):
                a = self.ents.actor(c)
                if a:
                    subs.append(a)
        by = [p for c in n.children if c.dep_ == "prep" and c.lower_ == "by" for p in _pobjs(c)]
        # "strikes carried out by X", "sanctions imposed by X": the agent of a participle on the noun
        participles = [c for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() not in MEDIATE_VERBS]
        by += [p for c in participles for p in _agents(c)]
        if not subs and by:
            subs = self.resolve(by, modifier=False)
            rule = "by-phrase"
        head = n.head
        if n.dep_ == "dobj" and head.pos_ in ("VERB", "AUX") and self.trigger(head) is not None and self._embedded_in_trigger(head):
            return []  # "urged X to hold talks with Y", "struck to press their demands on Y": the outer event counts
        via_verb = False
        if not subs and n.dep_ in ("dobj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            hit = self.trigger(head)
            if (_light_verb(head) and hit is None) or (hit is not None and hit[0] == typ):
                subs = self.resolve(self.subjects(head), modifier=False, subject=True)
                via_verb = True
                rule = "light-verb"
        if not subs:
            return self._authority_located(n, typ)
        own = frozenset(s.key for s in subs)
        objs = self._nominal_objects(n, preps, own)
        if not objs and rule == "by-phrase":
            cands = [p for c in participles for d in c.children if d.dep_ == "prep" and (d.lower_ in preps or d.lower_ in GENERIC_PREPS) for p in _pobjs(d)]
            objs = self.resolve(cands, modifier=True, exclude=own)
        if not objs and via_verb:
            cands = [p for c in head.children if c.dep_ in ("prep", "dative") and (c.lower_ in preps or c.lower_ in GENERIC_PREPS) for p in _pobjs(c)]
            cands += [o for c in _children(head, "dative") for o in conjuncts(c)]
            objs = self.resolve(cands, modifier=True, exclude=own)
        if not objs and typ == "protest":
            objs = self._purpose_objects([n, head] if via_verb else [n], own)
            objs = objs or self.resolve(_premises([n, head] if via_verb else [n]), modifier=True, exclude=own)
        trig = head if via_verb else n
        if not objs and via_verb and self._reciprocal(n, typ) and not _children(head, "ccomp", "xcomp"):
            return self._each_other(self._sides(head, subs), typ, trig, 0.6)  # "X and Y held talks"
        return [Candidate(s, typ, o, trig, rule, 0.65) for s in subs for o in objs if s.key != o.key]

    # ------------------------------------------------------------- mediation

    def _mediation(self, v: Token) -> list[Candidate]:
        """A third party bringing two sides together consults each of them (CAMEO 045 "engage in mediation"
        → CONSULT): "X mediated between A and B", "X brokered a truce between A and B", "talks hosted by X
        between A and B", "an X-mediated truce between A and B", "X-led talks between A and B"."""
        lemma = v.lemma_.lower()
        noun = v.head if v.dep_ in ("acl", "amod", "compound") and v.head.pos_ == "NOUN" else None
        objs = [d for c in _children(v, "dobj") for d in conjuncts(c)]
        if noun is None and objs and objs[0].pos_ == "NOUN":
            noun = objs[0]
        if lemma != "mediate" and not (
            noun is not None and (noun.lemma_.lower() in NEGOTIATION_NOUNS or noun.lower_ in NEGOTIATION_NOUNS or self.trigger(noun) is not None)
        ):
            return []  # "hosted a dinner", "arranged flights": no sides brought together
        if v.dep_ in ("amod", "compound") and noun is not None and v.head.i == noun.i:
            # "Turkish-mediated", "Qatari-brokered": the modifier before the hyphen
            mods = [c for c in v.children if c.dep_ in ("npadvmod", "amod", "compound", "nmod") and c.i < v.i]
            mediators = [a for c in mods if (a := self.ents.actor(c, allow_pronoun=False, allow_modifier=True))]
        elif _agents(v):
            mediators = self.resolve(_agents(v), modifier="state")
        else:
            mediators = self.resolve(self.subjects(v), modifier="state", subject=True)
        if not mediators:
            return []
        holders = [v] + ([noun] if noun is not None else []) + _agents(v) + objs
        sides = [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "between" for p in _pobjs(c)]
        parties = self.resolve(sides, modifier="state", exclude=frozenset(m.key for m in mediators))
        return [Candidate(m, "consult", p, v, "mediation", 0.65) for m in mediators for p in parties if m.key != p.key]

    # ------------------------------------------------------------- authority

    def _authority_located(self, tok: Token, typ: str) -> list[Candidate]:
        """An act of state authority without agent is the act of the state where it happens: "a U.S.
        citizen was arrested in Iran", "X was placed under investigation in Italy" (PLOVER COERCE arrest,
        deport; ACCUSE investigate, allege)."""
        if tok.pos_ == "NOUN":
            # "put / placed / held under arrest": the noun after "under" on an agentless passive verb
            prep = tok.head
            if tok.dep_ != "pobj" or prep.lower_ != "under" or tok.lemma_.lower() not in AUTHORITY_NOUNS:
                return []
            v, holders = prep.head, [prep.head, tok]
        else:
            v, holders = tok, [tok]
            if v.lemma_.lower() not in AUTHORITY_VERBS:
                return []
        if tok.pos_ == "NOUN" and typ not in ("coerce", "accuse"):
            return []
        if v.pos_ not in ("VERB", "AUX") or _agents(v) or not _children(v, "nsubjpass"):
            return []
        places = [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "in" for p in _pobjs(c)]
        subs = [a for a in self.resolve(places, modifier=False) if a.key.startswith("state/")]
        objs = self.resolve(self.passive_objects(v), modifier=True, exclude=frozenset(s.key for s in subs))
        return [Candidate(s, typ, o, v, "authority-located", 0.55) for s in subs for o in objs if s.key != o.key]

    @staticmethod
    def _peacekeeping(v: Token) -> bool:
        """Are the ones sent, deployed or arriving peacekeepers ("NATO peacekeeping troops arrived in X")?"""
        args = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        return any(w.lower_ in PEACEKEEPING for a in args for w in a.subtree if w.i < a.i + 8)

    def _nominal_objects(self, n: Token, preps: tuple[str, ...], exclude: frozenset[str] = frozenset()) -> list[Actor]:
        """The target of an event noun: its prepositional object, or the subject of its "that" clause."""
        cands = [p for c in n.children if c.dep_ == "prep" and (c.lower_ in preps or (not preps and c.lower_ in GENERIC_PREPS + ("of",))) for p in _pobjs(c)]
        objs = self.resolve(cands, modifier=True, exclude=exclude)
        if not objs:
            # "its demand that Israel ease restrictions" (also when the clause hangs on the verb: "repeated its
            # demand on Monday that Israel ease")
            clause = [c for c in n.children if c.dep_ in ("acl", "ccomp", "relcl") and _that_clause(c)]
            if n.dep_ == "dobj":
                clause += [c for c in n.head.children if c.dep_ == "ccomp" and c.i > n.i and _that_clause(c)]
            objs = self.resolve([o for c in clause for s in _children(c, "nsubj") for o in conjuncts(s)], modifier=False, exclude=exclude)
        return objs

    def _purpose_objects(self, heads: list[Token], exclude: frozenset[str] = frozenset()) -> list[Actor]:
        """A protest's target named by what it demands: "fasted to demand that X free them",
        "demonstrated, calling for independence from X", "in protest at X's decision"."""
        for h in heads:
            for c in h.children:
                inner = [c] if c.dep_ in PURPOSE_LINKS and c.pos_ in ("VERB", "AUX") else []
                if c.dep_ == "prep" and c.lower_ in ("in", "by"):  # "in demanding ...", "by calling for ..."
                    inner = [p for p in c.children if p.dep_ == "pcomp"]
                for v in inner:
                    hit = self.trigger(v)
                    if hit is None or hit[0] != "request":
                        continue
                    objs = self.objects(v, "request", hit[1], exclude)
                    for d in _children(v, "dobj"):
                        nh = self.trigger(d) if not objs else None
                        if nh is not None and nh[2] == "noun" and nh[0] == "request":
                            objs = self._nominal_objects(d, nh[1], exclude)
                    if objs:
                        return objs
                if c.dep_ == "prep" and c.lower_ == "in":  # "in protest of/against/at X"
                    for p in _pobjs(c):
                        if p.lemma_.lower() in ("protest", "opposition", "defiance", "response"):
                            # the target's preposition hangs on "protest" or, as parsed, on the same head after it
                            preps = [d for d in p.children if d.dep_ == "prep"] + [d for d in h.children if d.dep_ == "prep" and d.i > c.i]
                            cands = [o for d in preps if d.lower_ in ("of", "against", "at", "over", "to") for o in _pobjs(d)]
                            objs = self.resolve(cands, modifier=True, exclude=exclude)
                            if objs:
                                return objs
        return []

    # ------------------------------------------------------------- directives and reported speech

    def _directive(self, v: Token) -> list[Candidate]:
        """Object control of a directive verb: "X ordered Y to appear in court" → request X → Y (PLOVER
        REQUEST: "all requests, demands, and orders"). An ordered event ("ordered troops to attack Y") is
        coded as that event instead."""
        acts = [c for c in v.children if c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in _children(c, "aux"))]
        if not acts or any(self.trigger(a) is not None for a in acts) or self._embedded_in_trigger(v):
            return []
        subs = self.resolve(self.subjects(v), modifier="state", subject=True)
        objs = self.resolve([o for c in _children(v, "dobj") for o in conjuncts(c)], modifier=False)
        return [Candidate(s, "request", o, v, "directive", 0.6) for s in subs for o in objs if s.key != o.key]

    def _reported(self, v: Token) -> list[Candidate]:
        """A demand or threat reported through a speech verb that is no trigger itself. Its target is the one
        addressed ("X told Y it must withdraw" → request Y; "X told Y that it would close the border" → the
        announced act toward Y), else the subject of the reported clause ("X said Y must leave")."""
        clauses = _children(v, "ccomp")
        if not clauses:
            return []
        speakers = self.resolve(self.subjects(v), modifier=False)
        if not speakers:
            return []
        own = frozenset(s.key for s in speakers)
        addressed = []
        if v.lemma_.lower() in ADDRESSEE_VERBS:
            addressed = self.resolve([o for c in _children(v, "dobj", "dative") for o in conjuncts(c)], modifier=False, exclude=own)
        out = []
        for c in clauses:
            aux = {a.lower_ for a in _children(c, "aux")}
            clause_subjects = [o for s in _children(c, "nsubj") for o in conjuncts(s)]
            if aux & MODALS_REQUEST:
                objs = addressed or self.resolve(clause_subjects, modifier=False, exclude=own)
                out += [Candidate(s, "request", o, v, "reported-speech", 0.6) for s in speakers for o in objs if s.key != o.key]
                continue
            hit = self.trigger(c)
            if not addressed or hit is None or not aux & MODALS_INTENT or hit[2] == "noun":
                continue
            # "told Y that it would close the border": the speaker's announced act, aimed at the one told
            # when the clause names no other target (its modality makes it a threat or a promise)
            doers = self.resolve(clause_subjects, modifier=False)
            if not doers or any(d.key not in own for d in doers) or self.objects(c, hit[0], hit[1], exclude=own):
                continue
            out += [Candidate(s, hit[0], o, c, "reported-speech", 0.6) for s in speakers for o in addressed if s.key != o.key]
        return out


def _premises(heads: list[Token]) -> list[Token]:
    """ "protested outside X's embassy", "marched to the X consulate": the owner of the premises a protest
    is held at (the noun itself; its modifier reads as the actor)."""
    return [
        p
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in PREMISES_PREPS
        for p in _pobjs(c)
        if p.lemma_.lower() in PREMISES_NOUNS
    ]


def titled_person(tok: Token) -> bool:
    return is_title_token(tok)
