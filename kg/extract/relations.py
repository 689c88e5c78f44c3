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
- ``nominal``        an event noun with its actor as modifier ("X's visit to Y", "U.S. sanctions on Y")
- ``by-phrase``      an event noun's by-phrase ("attacks by X on Y", "strikes carried out by X")
- ``light-verb``     an event noun after a light verb ("launched an offensive against Y", "held talks with Y")
- ``mediation``      a third party bringing sides together ("talks mediated by X between A and B",
                     "an X-brokered truce between A and B"): the mediator consults each side
- ``discontinued``   a cooperative event noun a verb ends ("halted cooperation with Y": SANCTION; "cancelled
                     a visit to Y": REJECT); the ended cooperation itself is no event
- ``reported-speech`` the addressee of a reported threat or demand ("X warned Y that ...", "X told Y it
                     must ...") and "X said Y must ..."
- ``directive``      "X ordered Y to ..." (an order is a REQUEST)
- ``authority-located``  an arrest, charge or expulsion without agent is the act of the state where it
                     happens ("was arrested in Y", "placed under investigation in Y")
- ``both-sides``     "both sides", "the two leaders" as an argument: the two parties its sentence (or the
                     one before, in the same paragraph) joins
- ``document-author`` a document as the subject of what it says ("a report by X accused Y")
- ``event-anaphora`` a reply to an earlier event ("Y rejected the accusation"): the caller finds the
                     earlier event's actor

``Rules.sentence`` also collects the candidates of ``military.relations`` (``partner-phrase``: "X fought
alongside Y") and of ``statements.relations`` (events named around a noun phrase: ``between-parties``,
``under-fire``, ``help-of``, ``at-request``, ``for-clause``).

Arguments read through quantities and event nouns ("part of an aid program for X", "the deployment of
NATO troops"); a common-noun subject placed in a state acts for it ("miners in Bolivia").
Conjoined subjects and objects are expanded, and so are conjoined nationalities of one subject noun ("the
Kenyan and Somali armies"). A reciprocal event ("X and Y met / agreed / clashed", no other party named) has
all its parties as actor and no recipient in PLOVER ("Compound and Reciprocal Actors"); in the graph it is
each party's event with each other party (rule ``reciprocal``), as dyadic event data codes it. Negation,
modality and dates are decided by the caller (``kg.extract.extract_doc``), which reports negated events as
rejected; a candidate withheld here (the partner phrase of a cooperation a verb ended) carries its reason.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from kg.extract import actors, military, nominals, statements, tree
from kg.extract import gazetteer as gz
from kg.extract import lexicon as lexpat
from kg.extract.entities import DocEntities
from kg.extract.eventwords import (
    ADDRESSEE_VERBS,
    ASPECT_VERBS,
    AUTHORITY_NOUNS,
    AUTHORITY_VERBS,
    CANCELLING_VERBS,
    DIRECTIVE_VERBS,
    DISCONTINUABLE,
    DOCUMENT_NOUNS,
    EVENT_NOUNS,
    FORCE_MOVING_VERBS,
    FORCE_NOUNS,
    FRAME_NOUNS,
    FRONTIER_PREPS,
    GENERIC_PREPS,
    MEASURE_NOUNS,
    MEDIATE_VERBS,
    MEETING_NOUNS,
    MODALS_INTENT,
    MODALS_REQUEST,
    NEGOTIATION_NOUNS,
    OBJECT_CONTROL,
    OBJECT_PRONOUNS,
    PEACEKEEPING,
    PERMISSIVE,
    PLACE_TARGET_TYPES,
    PREDICATE_ADJECTIVES,
    PURPOSE_LINKS,
    RECIPROCAL_TYPES,
    RELATIONAL_NOUNS,
    REPLY_TYPES,
    RESIDENCE_PREPS,
    RESIDENCE_VERBS,
    SPEECH_VERBS,
    STATIVE_PARTICIPLES,
    SYMMETRIC_VERBS,
    TRIGGER_POS,
    both_sides,
    content_objects,
    ending_verb,
    frontier_objects,
    lexicon,
    light_verb,
    mediating_lemma,
    premises,
    relative_head,
    sides_rule,
    that_clause,
)
from kg.extract.keys import slug
from kg.extract.mentions import PLACE
from kg.extract.records import Actor, Candidate
from kg.extract.tree import QUANTITY_NOUNS

# ------------------------------------------------------------------------------------------ tree helpers


def _helper(prep: Token) -> bool:
    """ "with the help of Y": a helper of the act, not its target (``statements``, rule help-of)."""
    return prep.lower_ == "with" and any(p.lemma_.lower() in statements.HELP_NOUNS for p in tree.pobjs(prep))


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
            self._triggers[i] = self._trigger(tok) if tok.pos_ in TRIGGER_POS else None
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
            if lemma in FORCE_MOVING_VERBS and any(
                d.dep_ == "dobj" and (d.lemma_.lower() in FORCE_NOUNS or d.lower_ in FORCE_NOUNS) for d in tok.children
            ):
                return "mobilize", FRONTIER_PREPS, "phrase"  # "moved tanks and units to the border"
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

    # ---------------------------------------------------------------- arguments

    def subjects(self, v: Token, depth: int = 0) -> list[Token]:
        subs = []
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj"):
                subs.extend(tree.conjuncts(c))
        if not subs:
            # the parser sometimes hangs the subject on the auxiliary: "Peru is opposed to ..."
            subs = [o for a in tree.children(v, "aux", "auxpass") for c in tree.children(a, "nsubj") for o in tree.conjuncts(c)]
        if not subs and self._stative(v):
            subs = [o for c in tree.children(v, "nsubjpass") for o in tree.conjuncts(c)]  # "X is allied with Y"
        agent = tree.agents(v)
        if agent:
            return agent
        if subs:
            if v.dep_ == "relcl" and all(s.lower_ in ("who", "that", "which") for s in subs):
                return tree.conjuncts(v.head)
            return subs
        if v.head.i == v.i:
            # a root without subject, the subject parsed under a participle: "X, addressing a rally, warned Y"
            for c in v.children:
                if c.dep_ in ("advcl", "xcomp") and c.i < v.i:
                    subs = [s for s in tree.children(c, "nsubj") if s.i < c.i]
                    if subs:
                        return [o for s in subs for o in tree.conjuncts(s)]
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
                and actors.sector(head.lower_, head.lemma_.lower()) is None  # "struck fighters firing on X": the fighters fire, not the striker
            ):
                # "published a statement urging that ...": the publisher speaks
                gov = head.head if head.dep_ == "dobj" else head.head.head
                if gov.pos_ in ("VERB", "AUX"):
                    return self.subjects(gov, depth + 1)
            return tree.conjuncts(head)
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
                objs = [o for c in tree.children(head, "dobj") for o in tree.conjuncts(c)]
                if objs:
                    return objs
            return self.subjects(head, depth + 1)
        return []

    def passive_objects(self, v: Token) -> list[Token]:
        if self._stative(v):
            return []  # "X is opposed to Y": X holds the stance
        return [o for c in tree.children(v, "nsubjpass") for o in tree.conjuncts(c)]

    def object_tiers(self, v: Token, typ: str, preps: tuple[str, ...]) -> list[tuple[str, list[Token]]]:
        """Candidate object tokens, grouped by the construction that links them, nearest first (the first
        tier with an actor wins): (construction, tokens)."""
        tiers: list[tuple[str, list[Token]]] = []
        passive = self.passive_objects(v)
        if passive and tree.agents(v):
            tiers.append(("passive", passive))
        elif passive and not self._stative(v):
            return []  # "X was attacked" without an agent: X is no subject
        prep_children = [c for c in v.children if c.dep_ in ("prep", "prt", "dative") and c.lower_ in preps]
        if preps:
            tiers.append(("verb", [p for c in prep_children for p in tree.pobjs(c)]))
        direct = [o for c in tree.children(v, "dobj", "dative", "attr", "oprd") for o in tree.conjuncts(relative_head(c))]
        tiers.append(("object-prep", self._object_prep(direct, preps)))
        if typ != "mobilize":  # the forces one mobilizes are one's own, never the target
            tiers.append(("verb", direct))
        generic = [c for c in v.children if c.dep_ in ("prep", "dative") and c.lower_ in GENERIC_PREPS and not _helper(c)]
        generic += [p for c in tree.children(v, "prt") for p in tree.children(c, "prep")]  # "kidnapped up to 16 ..."
        tiers.append(("verb", [p for c in generic for p in tree.pobjs(c)]))
        if not direct and not generic:
            tiers.append(("conjoined-verb", self._shared_objects(v)))
        for c in tree.children(v, "ccomp"):
            tiers.append(("clausal", [o for s in tree.children(c, "nsubj", "nsubjpass") for o in tree.conjuncts(s)]))
            if typ == "threaten":
                # "warned that it would shoot down any X plane": the one the threatened act is aimed at,
                # when the clause's subject is the threatener itself (``_objects`` reads past it)
                tiers.append(("reported-speech", content_objects(c)))
        for x in tree.children(v, "xcomp"):
            inner = []
            for c in [x] + [c for c in x.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]:
                # "threatened to attack and destroy X": the conjoined verb's object too
                inner += [o for d in tree.children(c, "dobj", "dative") for o in tree.conjuncts(d)]
                inner += [p for d in c.children if d.dep_ in ("prep", "dative") and d.lower_ in GENERIC_PREPS + ("in",) for p in tree.pobjs(d)]
            tiers.append(("verb", inner))
        if typ == "threaten":
            # "threatened to quit the talks if Japan sends ships": the condition's subject
            for c in tree.children(v, "advcl") + [a for x in tree.children(v, "xcomp") for a in tree.children(x, "advcl")]:
                if any(m.lower_ in ("if", "unless") for m in tree.children(c, "mark")):
                    tiers.append(("clausal", [o for s in tree.children(c, "nsubj", "nsubjpass") for o in tree.conjuncts(s)]))
        if typ == "protest":
            tiers.append(("verb", premises([v] + direct)))
        if typ == "mobilize":
            # "massed troops near X", "moved units to its border with X": a show of force is aimed at the
            # side it is massed against (MOBILIZE: "against whom the actor mobilizes ... if that is clear")
            placed = [p for c in v.children if c.dep_ == "prep" for p in tree.pobjs(c)]  # "put X on alert near Y"
            tiers.append(("verb", frontier_objects([v] + direct + placed)))
        partner = typ == "consult" and any(c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "with") for c in v.children)
        if typ in ("assault", "coerce", "mobilize", "protest", "consult", "aid", "concede") and not partner:
            # "held talks in Islamabad"; but in "met X in Canberra" the place is no stand-in for an unknown X
            tiers.append(("locative", tree.prep_objects(v, ("in", "inside"))))
        return tiers

    def _object_prep(self, direct: list[Token], preps: tuple[str, ...]) -> list[Token]:
        """ "fired shells at X", "sought support from X", "imposed a ban on X's exports": the object noun is
        no actor itself; the prepositional phrase it carries names the target."""
        out = []
        for o in direct:
            if o.pos_ != "NOUN" or self.ents.actor(o, allow_modifier=True) is not None:
                continue
            out += [p for c in o.children if c.dep_ == "prep" and (c.lower_ in preps or c.lower_ in GENERIC_PREPS) for p in tree.pobjs(c)]
        return out

    @staticmethod
    def _shared_objects(v: Token) -> list[Token]:
        """ "X condemned and sanctioned Y": a verb with no object of its own shares the object of a verb
        conjoined after it that has no subject of its own."""
        out = []
        for c in v.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > v.i and not tree.children(c, "nsubj", "nsubjpass"):
                out += [o for d in tree.children(c, "dobj") for o in tree.conjuncts(relative_head(d))]
        return out

    @staticmethod
    def _stative(v: Token) -> bool:
        """An adjectival passive naming the subject's own stance ("X is opposed to Y"): no agent, and a
        complement preposition."""
        return (
            v.tag_ == "VBN"
            and v.lemma_.lower() in STATIVE_PARTICIPLES
            and not tree.children(v, "agent")
            and any(c.dep_ == "prep" and c.lower_ in ("to", "with", "against") for c in v.children)
        )

    def resolve(
        self,
        toks: list[Token],
        modifier: bool | str,
        exclude: frozenset[str] = frozenset(),
        subject: bool = False,
        typ: str | None = None,
    ) -> list[Actor]:
        """Actors for argument tokens. ``modifier``: also "an Indian proposal" → India ("state": only
        nationality modifiers, as for subjects: "Israeli tanks"). Direct readings win over modifier ones.
        Actors in ``exclude`` (the event's other side) do not count as readings. A ``subject`` may also be
        a common noun placed in a state ("miners in Bolivia"). ``typ``: the event type the tokens are the
        target of; a place inside a non-actor object's phrase names a target only for PLACE_TARGET_TYPES.
        "Both sides", "the two leaders" stand for the two parties named around them (``_two_parties``).
        A subject noun with conjoined nationality modifiers names each state's own ("the Kenyan and Somali
        armies": both armies, ``_conjoined_qualifiers``)."""
        if modifier:
            direct = self.resolve(toks, modifier=False, exclude=exclude, typ=typ)
            if direct:
                return self._conjoined_qualifiers(toks, direct) if subject else direct
        out: list[Actor] = []
        for t in toks:
            if both_sides(t):
                out += [a for a in self._two_parties(t, exclude) if a not in out]
                continue
            a = self._actor(t, modifier, exclude, typ)
            quantity = t.lemma_.lower() in QUANTITY_NOUNS or t.lower_ in QUANTITY_NOUNS
            if a is None and (quantity or (subject and t.pos_ == "NOUN" and self.trigger(t) is not None)):
                # "part of a training mission for Mali", "thousands of students": the quantified noun;
                # "the deployment of NATO troops arrived": the deployed
                inner = tree.prep_objects(t, "of")
                a = next((x for x in self.resolve(inner, modifier, exclude, subject, typ)), None)
            if a is None and subject:
                a = self._located(t, exclude) or self._author(t, exclude)
            if a is not None and a not in out:
                out.append(a)
        return self._conjoined_qualifiers(toks, out) if subject else out

    def _conjoined_qualifiers(self, toks: list[Token], subs: list[Actor]) -> list[Actor]:
        """One subject noun with conjoined nationality modifiers ("Ethiopian and Eritrean troops", "the
        Kenyan and Somali armies"): each state's, the same organ of each state where the noun names one."""
        if len(subs) != 1:
            return subs
        out = list(subs)
        for s in toks:
            for m in s.children:
                if m.dep_ in ("amod", "compound", "nmod") and any(c.dep_ == "conj" for c in m.children):
                    for c in tree.conjuncts(m):
                        a = self.ents.actor(c, allow_pronoun=False, allow_modifier="state")
                        if a is not None and a.key.startswith("state/"):
                            # the head names an organ of the first state: the same organ of this one
                            organ = nominals.sibling_organ(self.ents, out[0].key, a.key, f"{c.text} {s.text}", c.i)
                            a = Actor(organ, a.sector, "nominal") if organ else a
                        if a is not None and a.key not in {x.key for x in out}:
                            out.append(a)
        return out

    def _author(self, t: Token, exclude: frozenset[str]) -> Actor | None:
        """A document as the subject of what it says: "a report by X accused Y", "X's statement condemned Y",
        "a statement issued by X said ...": its author speaks (rule ``document-author``)."""
        if t.pos_ != "NOUN" or t.lemma_.lower() not in DOCUMENT_NOUNS:
            return None
        toks = tree.prep_objects(t, "by")
        toks += [p for c in t.children if c.dep_ == "acl" and c.tag_ == "VBN" for p in tree.agents(c)]
        toks += [c for c in t.children if c.dep_ in ("poss", "compound")]
        for p in toks:
            a = self.ents.actor(p, allow_pronoun=False)
            if a is not None and a.key not in exclude and not a.key.startswith("place/"):
                return Actor(a.key, a.sector, "author")
        return None

    def _actor(self, t: Token, modifier: bool | str, exclude: frozenset[str], typ: str | None = None) -> Actor | None:
        relational = t.pos_ == "NOUN" and t.lemma_.lower() in RELATIONAL_NOUNS
        a = self._relational(t, modifier) if relational else self.ents.actor(t, allow_modifier=modifier)
        if (a is None or a.key in exclude) and exclude and t.pos_ == "PRON" and t.lower_ in OBJECT_PRONOUNS:
            # "X pressed him to resign": an object pronoun is not its own clause's subject (binding): the
            # actor named before it other than the subject
            a = self._other_antecedent(t, exclude)
        if a is not None and (a.key in exclude or any(self.ents.home_of(k) == a.key for k in exclude)):
            a = None  # the other side, or the state it is an organ of or based in ("workers marched in Ankara")
        if a is None and modifier is True and not relational:
            # a non-actor noun: look one step inside ("inspectors of the IAEA", "sanctions on Iran")
            for acl in t.children:
                if a is None and acl.dep_ == "acl" and acl.tag_ == "VBN" and acl.lemma_.lower() not in MEDIATE_VERBS:
                    for p in [p for ag in tree.children(acl, "agent") for p in tree.pobjs(ag)]:
                        a = a or self.ents.actor(p, allow_pronoun=False, allow_modifier="state")
                        a = None if a is not None and a.key in exclude else a
            for c in sorted(t.children, key=lambda c: c.lower_ in ("in", "for")):
                if a:
                    break
                if c.lower_ == "in" and typ is not None and typ not in PLACE_TARGET_TYPES and actors.sector(t.lower_, t.lemma_.lower()) is None:
                    continue  # "discussed the crisis in X": the topic's setting ("officials in X" are X's)
                if c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "to", "from", "by", "with", "in", "for"):
                    for p in tree.pobjs(c):
                        a = (self._relational(p, True) if p.lemma_.lower() in RELATIONAL_NOUNS
                             else self.ents.actor(p, allow_pronoun=False, allow_modifier=True))  # fmt: skip
                        a = None if a is not None and a.key in exclude else a
                        if a:
                            break
            if a is None and t.pos_ == "NOUN" and actors.sector(t.lower_, t.lemma_.lower()) is not None:
                # people described by where they are: "refugees fleeing the fighting in Liberia"
                for acl in t.children:
                    if a is None and acl.dep_ == "acl" and acl.tag_ in ("VBG", "VBN"):
                        for p in tree.prep_objects(acl, ("in", "from")):
                            found = self.ents.actor(p, allow_pronoun=False)
                            if found is not None and found.key.startswith("state/") and found.key not in exclude:
                                a = Actor(found.key, actors.sector(t.lower_, t.lemma_.lower()), "located")
                                break
        return a

    def _other_antecedent(self, pron: Token, exclude: frozenset[str]) -> Actor | None:
        """The nearest actor named before an object pronoun (this sentence, then the one before) that agrees
        with it (a person for "him"/"her", else no person) and is not in ``exclude`` (its clause's subject)."""
        personal = pron.lower_ in ("him", "her")
        sent = pron.sent
        start = self.ents.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for i in range(pron.i - 1, start - 1, -1):
            m = self.ents.by_token[i]
            if m is None or m.kind == PLACE or i != m.end - 1:
                continue
            key = self.ents.key_of(m, acting=True)
            if key is None or key in exclude or any(self.ents.home_of(k) == key for k in exclude):
                continue
            cls = self.ents.ents[key].cls if key in self.ents.ents else ""
            if (cls in ("Official", "Person")) == personal:
                return Actor(key, None, "pronoun")
        return None

    ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "pobj", "conj", "appos", "poss", "attr"})

    def _two_parties(self, anchor: Token, exclude: frozenset[str] = frozenset()) -> list[Actor]:
        """The two sides a phrase stands for ("both sides", "the two leaders", the sides of an agreement a
        mediator brokered): in its sentence, or else in the one before it in the same paragraph, the two
        actors its main clause joins (its subjects and objects: "A accused B", "A and B clashed"), else the
        actors named as arguments anywhere in it, when there are exactly two besides ``exclude``. A place of
        meeting ("in Brussels") is no side."""
        doc = self.ents.doc
        sent = anchor.sent
        sents = [sent]
        if sent.start > 0:
            last = doc[sent.start - 1]
            if "\n" not in last.text_with_ws + sent[0].text[:1]:  # (the Doc's text is rebuilt on each read)
                sents.append(last.sent)  # a new paragraph starts a new topic
        for sp in sents:
            root = sp.root
            main = [o for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative") for o in tree.conjuncts(c)]
            main += tree.prep_objects(root, ("with", "against"))
            for toks in (main, [t for t in sp if t.dep_ in self.ARGUMENT_DEPS and t.pos_ in ("PROPN", "NOUN")]):
                found = self._parties(toks, anchor, exclude)
                if len(found) == 2:
                    return found
            if found:
                return []  # one side named here, or three: no guess from the sentence before
        return []

    def _parties(self, toks: list[Token], anchor: Token, exclude: frozenset[str]) -> list[Actor]:
        found: list[Actor] = []
        for t in toks:
            if t.i == anchor.i or (t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "inside", "near", "from")):
                continue  # a venue or a place of origin
            a = self.ents.actor(t, allow_pronoun=False)
            if a is None or a.key in exclude or a.key.startswith("place/"):
                continue
            if any(self.ents.home_of(k) == a.key or self.ents.home_of(a.key) == k for k in exclude):
                continue
            if all(a.key != f.key for f in found):
                found.append(Actor(a.key, a.sector, "sides"))
        return found

    def _relational(self, t: Token, modifier: bool | str) -> Actor | None:
        """A relational noun ("allies", "partners") names other parties than its possessor or "of" complement
        ("Russia's allies", "the allies of Russia"); a modifier may still name the body they belong to
        ("its NATO allies", "EU partners")."""
        a = self.ents.actor(t, allow_pronoun=False)
        if a is not None or not modifier:
            return a
        for c in t.children:
            if c.dep_ in ("compound", "amod", "nmod"):
                a = self.ents.actor(c, allow_pronoun=False, allow_modifier=modifier)
                if a is not None:
                    return Actor(a.key, a.sector, "modifier")
        return None

    def _located(self, t: Token, exclude: frozenset[str]) -> Actor | None:
        """A common-noun subject placed in a state: "rebels in the Ivory Coast", "students throughout
        Indonesia", "a group based in Trinidad" (the state the actor acts from)."""
        if t.pos_ != "NOUN" or t.ent_type_ or t.dep_ == "appos" or t.i in self.ents.nominal:
            return None  # an organ or collective is placed by DocEntities ("rebels in X" are based there)
        preps = [c for c in t.children if c.dep_ == "prep" and c.lower_ in RESIDENCE_PREPS]
        preps += [c for a in t.children if a.dep_ == "acl" and a.lemma_.lower() in RESIDENCE_VERBS for c in a.children if c.dep_ == "prep" and c.lower_ in RESIDENCE_PREPS]
        for c in preps:
            for p in tree.pobjs(c):
                a = self.ents.actor(p, allow_pronoun=False)
                if a is not None and a.key.startswith("state/") and a.key not in exclude:
                    return Actor(a.key, actors.sector(t.lower_, t.lemma_.lower()), "located")
        return None

    def objects(self, v: Token, typ: str, preps: tuple[str, ...], exclude: frozenset[str] = frozenset()) -> list[Actor]:
        return self._objects(v, typ, preps, exclude)[0]

    def _objects(
        self, v: Token, typ: str, preps: tuple[str, ...], exclude: frozenset[str] = frozenset()
    ) -> tuple[list[Actor], str]:
        """The event's targets and the construction of the tier that gave them."""
        for name, tier in self.object_tiers(v, typ, preps):
            found = self.resolve(tier, modifier=True, exclude=exclude, typ=typ)
            if found:
                return found, name
            if exclude and self.resolve(tier, modifier=True, typ=typ):
                if name == "clausal" and typ == "threaten":
                    continue  # "warned that it would strike X": the threatened act's target (reported-speech)
                return [], name  # the nearest argument is the subject itself: no reaching for a farther one
        return [], ""

    # ---------------------------------------------------------------- rules

    def sentence(self, sent: Span) -> list[Candidate]:
        out: list[Candidate] = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            pos = tok.pos_
            if lemma in MEDIATE_VERBS or (lemma == "lead" and tok.dep_ in ("amod", "acl")) or (
                "-" in tok.lower_ and mediating_lemma(tok) != lemma
            ):
                found = self._mediation(tok)
                if found:
                    out.extend(found)
                    continue
            hit = self.trigger(tok) if pos in TRIGGER_POS else None
            if hit is not None:
                typ, preps, kind = hit
                if kind == "noun":
                    out.extend(self._nominal(tok, typ, preps))
                    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in FRAME_NOUNS and self.trigger(tok.head) is None:
                        out.extend(self._nominal(tok.head, typ, preps, framed=True))  # "a mediation effort between A and B"
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
        ended = {(c.subject.key, c.object.key): c.trigger for c in out if c.rule == "discontinued" and c.object is not None}
        for c in military.relations(self, sent):
            v = ended.get((c.subject.key, c.object.key)) if c.object is not None and c.relation in DISCONTINUABLE else None
            # "ended defence cooperation with Y": the partner phrase names the cooperation that ended
            out.append(dataclasses.replace(c, withheld=f"ended by '{v.text}'") if v is not None else c)
        found, replaced = statements.relations(self, sent)  # events named around a noun phrase
        out = [sides_rule(c) for c in out if c.trigger.i not in replaced]
        return out + found

    def embedded_in_trigger(self, v: Token) -> bool:
        """A complement of another trigger ("threatened to attack", "demanded that Hamas renounce",
        "its demand that Israel ease"): the event is demanded or threatened, not done; the outer one counts."""
        if v.head.i == v.i:
            return False
        h = v.head
        if v.dep_ == "conj" and h.pos_ in ("VERB", "AUX") and h.dep_ in ("xcomp", "ccomp", "advcl"):
            return self.embedded_in_trigger(h)  # "urged X to rearm and march against Y"
        if h.lemma_.lower() in PERMISSIVE:
            return False  # "allowed US jets to strike X": the permitted act happens
        inner = self.trigger(v)
        if v.dep_ in PURPOSE_LINKS and inner is not None and inner[0] == "request" and any(
            (t := self.trigger(d)) is not None and t[0] == "protest" for d in tree.children(h, "dobj")
        ):
            # "began a sit-in to demand ...": the demand is the protest's topic, not an event of its
            # own (PLOVER PROTEST: "the topic of the protest ... is not coded as a separate event")
            return True
        if v.dep_ == "xcomp":
            return self.trigger(h) is not None and h.lemma_.lower() not in ASPECT_VERBS - {
                "threaten", "agree", "offer", "promise", "pledge", "vow", "refuse", "decline"}
        if v.dep_ in ("ccomp", "acl", "pcomp") and self.trigger(h) is not None:
            return True
        if v.dep_ == "ccomp" and that_clause(v) and any(
            (t := self.trigger(d)) is not None and t[2] == "noun" and t[0] in ("request", "threaten") for d in tree.children(h, "dobj")
        ):
            return True  # "repeated its demand that the court free them": demanded, not done
        outer = self.trigger(h)
        if v.dep_ in PURPOSE_LINKS and inner is not None and outer is not None and inner[0] == "request" and outer[0] == "protest":
            return True  # "marched, calling for X's resignation": the demand is what the protest is about
        if v.dep_ == "advcl" and any(a.lower_ == "to" for a in tree.children(v, "aux")):
            if any(m.lower_ == "for" for m in tree.children(v, "mark")):
                return True  # "called for Chile to free them": asked for, not done
            return outer is not None  # "pressed Chile to free them": a purpose of another event
        if v.dep_ == "ccomp" and h.lemma_.lower() in SPEECH_VERBS and any(a.lower_ in MODALS_REQUEST for a in tree.children(v, "aux")):
            return True  # "X said Y must hand back the ship": a demand, not an event
        return False

    def _verbal(self, v: Token, typ: str, preps: tuple[str, ...], kind: str) -> list[Candidate]:
        if self.embedded_in_trigger(v):
            return []
        subs = self.resolve(self.subjects(v), modifier="state", subject=True)
        if not subs:
            return self._authority_located(v, typ)
        own = frozenset(s.key for s in subs)
        objs, tier = self._objects(v, typ, preps, exclude=own)
        rule = self._verbal_rule(v, kind, tier)
        if not objs and typ == "protest":
            objs = self._purpose_objects([v], own)
        allowed = [s for a in v.children if a.dep_ in ("ccomp", "xcomp") for s in tree.children(a, "nsubj")] + tree.children(v, "dobj")
        if v.lemma_.lower() in PERMISSIVE and any(c.dep_ == "poss" for t in allowed for c in t.children):
            objs = [o for o in objs if o.via != "modifier"]  # "allowed X to run", not "allowed X's elections to"
        if typ in ("consult", "mobilize") and self._peacekeeping(v):
            typ = "aid"  # peacekeepers sent or arriving: protection is AID
        conf = 0.75 if kind == "phrase" else 0.7
        if not objs and typ in REPLY_TYPES:
            noun = next((d for d in map(relative_head, tree.children(v, "dobj", "nsubjpass")) if d.lemma_.lower() in EVENT_NOUNS or d.lemma_.lower() in self.lex.nouns), None)
            if noun is not None and not any(c.dep_ in ("poss", "compound", "amod") and self.ents.actor(c) for c in noun.children):
                return [Candidate(s, typ, None, v, "event-anaphora", 0.55, event_noun=noun.lemma_.lower()) for s in subs]
        if self._reciprocal(v, typ):
            sides = subs  # the conjoined subjects, or one noun's conjoined nationalities (resolve)
            # "X and Y met in Geneva", "X and Y discussed Iranian trade": a venue or a topic's modifier
            venues = self._venue(v)
            if len(sides) > 1 and (tier == "locative" or all(
                o.key.startswith("place/") or o.key in venues or (len(subs) > 1 and o.via == "modifier") for o in objs
            )):
                return self._each_other(sides, typ, v, 0.65)  # "X and Y met in Geneva": the place is where
        return [Candidate(s, typ, o, v, rule, conf) for s in subs for o in objs if s.key != o.key]

    def _venue(self, v: Token) -> set[str]:
        """Where an event took place ("met in Accra", "at the summit in France"): a seat or state there is
        the venue, not a party, when conjoined subjects met each other."""
        heads = [v] + tree.children(v, "dobj")  # "met in Accra", "held talks in Beijing"
        at = [p for h in heads for p in tree.prep_objects(h, ("in", "at", "inside"))]
        at += [q for p in at for c in p.children if c.dep_ == "prep" and c.lower_ in ("in", "at") for q in tree.pobjs(c)]
        found = (self.ents.by_token[p.i] for p in at)  # read, not resolved: naming a venue makes it no actor
        return {f"state/{m.ref}" for m in found if m is not None and m.kind in ("state", "seat")}

    def _verbal_rule(self, v: Token, kind: str, tier: str) -> str:
        """The construction that linked a verb's arguments, as registered in ``registry.py``."""
        if tree.agents(v):
            return "passive"
        if tier in ("object-prep", "clausal", "conjoined-verb", "reported-speech"):
            return tier
        if self._stative(v):
            return "predicate-adjective"
        if v.dep_ == "relcl":
            return "relative"
        if v.dep_ == "conj" and not tree.children(v, "nsubj", "nsubjpass") and v.head.pos_ in ("VERB", "AUX"):
            return "conjoined-verb"  # "X accused Y and expelled Z": the subject is shared
        if v.lemma_.lower() in ADDRESSEE_VERBS and tree.children(v, "ccomp") and tier == "verb":
            return "reported-speech"  # "X warned Y that its forces would respond": the addressee
        return f"active-{kind}"

    # ------------------------------------------------------------- reciprocal events

    def _reciprocal(self, v: Token, typ: str) -> bool:
        """Is this a reciprocal event ("X and Y met", "X and Y clashed")? Not when a complement clause
        says what was agreed or done ("X and Y agreed that ...", "... agreed to send troops"): its content
        may be aimed at a third party, so the sides are left unpaired."""
        if tree.children(v, "ccomp", "xcomp"):
            return False
        return typ in RECIPROCAL_TYPES or (typ == "assault" and v.lemma_.lower() in SYMMETRIC_VERBS)

    def _reciprocal_alternation(self, v: Token) -> list[Candidate]:
        """ "X and Y clashed" is "X clashed with Y" and the reverse: a verb the lexicon lists only with its
        partner preposition ("clash with", "talk with") used with conjoined subjects and no partner."""
        typ = next((t for rest, t in self.lex.phrases.get(v.lemma_.lower(), ()) if rest == ("with",)), None)
        if typ is None or any(c.dep_ in ("prep", "dobj") and c.lower_ == "with" for c in v.children) or tree.children(v, "dobj"):
            return []
        if self.embedded_in_trigger(v):
            return []
        sides = self.resolve(self.subjects(v), modifier="state", subject=True)
        return self._each_other(sides, typ, v, 0.6) if len(sides) > 1 else []

    @staticmethod
    def _each_other(sides: list[Actor], typ: str, trigger: Token, conf: float) -> list[Candidate]:
        """Each side toward every other. PLOVER codes a reciprocal event with all parties as actors and no
        recipient ("Compound and Reciprocal Actors"); a graph of directed relations states it as each party's
        event with each other party, as dyadic event data does (CAMEO codes a meeting as two events)."""
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
        objs = self.resolve(tree.prep_objects(adj, preps), modifier=True, exclude=own)
        return [Candidate(s, typ, o, adj, "predicate-adjective", 0.65) for s in subs for o in objs if s.key != o.key]

    # ------------------------------------------------------------- nouns

    def _nominal(self, n: Token, typ: str, preps: tuple[str, ...], framed: bool = False) -> list[Candidate]:
        """ "the minister's visit to Lima", "U.S. sanctions on Iran" (nominal), "attacks by X on Y" (by-phrase),
        "held talks with the Taliban" (light-verb). ``framed``: ``n`` is a frame noun carrying a compounded
        event noun's arguments ("launched a mediation effort between A and B"): its light verb is light even
        where a pattern reads the verb with that frame noun as another event."""
        if n.dep_ in ("dobj", "nsubjpass") and typ in DISCONTINUABLE and ending_verb(n.head):
            return self._discontinued(n, typ, preps)
        rule = "nominal"
        subs: list[Actor] = []
        for c in n.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod"):
                a = self.ents.actor(c)
                if a:
                    subs.append(a)
        by = tree.prep_objects(n, "by")
        # "strikes carried out by X", "sanctions imposed by X": the agent of a participle on the noun
        participles = [c for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() not in MEDIATE_VERBS]
        by += [p for c in participles for p in tree.agents(c)]
        if not subs and by:
            subs = self.resolve(by, modifier=False)
            rule = "by-phrase"
        head = n.head
        if n.dep_ == "dobj" and head.pos_ in ("VERB", "AUX") and (self.trigger(head) is not None or light_verb(head)) and self.embedded_in_trigger(head):
            # "urged X to hold talks with Y", "struck to press their demands on Y", "said A and B must reach an
            # agreement": the outer event (or the demand) counts
            return []
        via_verb = False
        if not subs and n.dep_ in ("dobj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            hit = self.trigger(head)
            if (light_verb(head) and (hit is None or framed)) or (hit is not None and hit[0] == typ):
                subs = self.resolve(self.subjects(head), modifier=False, subject=True)
                via_verb = True
                rule = "light-verb"
        if not subs:
            return self._authority_located(n, typ)
        own = frozenset(s.key for s in subs)
        objs = self._nominal_objects(n, preps, own)
        if not objs and rule == "by-phrase":
            cands = [p for c in participles for d in c.children if d.dep_ == "prep" and (d.lower_ in preps or d.lower_ in GENERIC_PREPS) for p in tree.pobjs(d)]
            objs = self.resolve(cands, modifier=True, exclude=own)
        if not objs and via_verb:
            cands = [p for c in head.children if c.dep_ in ("prep", "dative") and (c.lower_ in preps or c.lower_ in GENERIC_PREPS) for p in tree.pobjs(c)]
            cands += [o for c in tree.children(head, "dative") for o in tree.conjuncts(c)]
            objs = self.resolve(cands, modifier=True, exclude=own)
        if not objs and typ == "protest":
            objs = self._purpose_objects([n, head] if via_verb else [n], own)
            objs = objs or self.resolve(premises([n, head] if via_verb else [n]), modifier=True, exclude=own)
        trig = head if via_verb else n
        if not objs and via_verb and self._reciprocal(n, typ) and not tree.children(head, "ccomp", "xcomp"):
            return self._each_other(subs, typ, trig, 0.6)  # "X and Y held talks"
        return [Candidate(s, typ, o, trig, rule, 0.65) for s in subs for o in objs if s.key != o.key]

    def _discontinued(self, n: Token, typ: str, preps: tuple[str, ...]) -> list[Candidate]:
        """A cooperative event noun that a verb ends: "X halted military cooperation with Y", "X ended its
        mediation between A and B", "X broke off talks with Y" (SANCTION); "X cancelled a visit to Y",
        "called off the summit with Y" (REJECT)."""
        v = n.head
        if self.embedded_in_trigger(v):
            return []
        subs = self.resolve(self.subjects(v), modifier="state", subject=True)
        if not subs:
            return []
        own = frozenset(s.key for s in subs)
        objs = self._nominal_objects(n, preps + ("between",), own)
        if not objs:
            cands = [p for c in v.children if c.dep_ in ("prep", "dative") and c.lower_ in GENERIC_PREPS for p in tree.pobjs(c)]
            objs = self.resolve(cands, modifier=True, exclude=own)
        nouns = {n.lemma_.lower()} | {c.lemma_.lower() for c in n.children if c.dep_ == "compound"}
        rel = "reject" if v.lemma_.lower() in CANCELLING_VERBS and nouns & MEETING_NOUNS and typ == "consult" else "sanction"
        return [Candidate(s, rel, o, v, "discontinued", 0.65) for s in subs for o in objs if s.key != o.key]

    # ------------------------------------------------------------- mediation

    def _mediation(self, v: Token) -> list[Candidate]:
        """A third party bringing two sides together consults each of them (CAMEO 045 "engage in mediation"
        → CONSULT): "X mediated between A and B", "X brokered a truce between A and B", "talks hosted by X
        between A and B", "an X-mediated truce between A and B", "X-led talks between A and B", "a round of
        talks brokered by X", a one-token "X-brokered" whose modifier names a state or group.

        The sides: the "between" phrase; else the partner of the brokered noun and the subject of the verb
        that governs it ("A signed a deal with B brokered by X"), or that verb's conjoined subjects ("A and
        B signed an X-brokered truce"); else the two parties named in the sentence or the one before
        ("A accused B ... after talks brokered by X ended"). A place named with the mediator ("brokered by
        X in Y") is where it happened."""
        lemma = mediating_lemma(v)
        noun = v.head if v.dep_ in ("acl", "amod", "compound") and v.head.pos_ == "NOUN" else None
        objs = [d for c in tree.children(v, "dobj") for d in tree.conjuncts(c)]
        if noun is None and objs and objs[0].pos_ == "NOUN":
            noun = objs[0]
        if noun is not None and noun.lemma_.lower() in MEASURE_NOUNS:
            # "mediated a round of talks", "a series of meetings hosted by X": the measured noun
            noun = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in tree.pobjs(c)), noun)
        if lemma != "mediate" and not (
            noun is not None and (noun.lemma_.lower() in NEGOTIATION_NOUNS or noun.lower_ in NEGOTIATION_NOUNS or self.trigger(noun) is not None)
        ):
            return []  # "hosted a dinner", "arranged flights": no sides brought together
        if v.lemma_.lower() != lemma and noun is not None:
            mediators = self._hyphen_mediator(v)  # "U.S.-brokered": one token
        elif v.dep_ in ("amod", "compound") and noun is not None and v.head.i == noun.i:
            # "Turkish-mediated", "Qatari-brokered": the modifier before the hyphen
            mods = [c for c in v.children if c.dep_ in ("npadvmod", "amod", "compound", "nmod") and c.i < v.i]
            mediators = [a for c in mods if (a := self.ents.actor(c, allow_pronoun=False, allow_modifier=True))]
        elif tree.agents(v):
            mediators = self.resolve(tree.agents(v), modifier="state")
        else:
            mediators = self.resolve(self.subjects(v), modifier="state", subject=True)
        if not mediators:
            return []
        own = frozenset(m.key for m in mediators)
        holders = [v] + ([noun] if noun is not None else []) + tree.agents(v) + objs
        sides = [p for h in holders for p in tree.prep_objects(h, "between")]
        parties = self.resolve(sides, modifier="state", exclude=own)
        if not sides and noun is not None:
            parties = self._brokered_sides(noun, own)
        return [Candidate(m, "consult", p, v, "mediation", 0.65) for m in mediators for p in parties if m.key != p.key]

    def _brokered_sides(self, noun: Token, own: frozenset[str]) -> list[Actor]:
        """The sides of a brokered noun with no "between" phrase (see ``_mediation``)."""
        partners = tree.prep_objects(noun, "with")
        gov = noun.head
        governing = [] if noun.dep_ not in ("dobj", "attr") or gov.pos_ not in ("VERB", "AUX") else self.subjects(gov)
        if partners and governing:
            found = self.resolve(governing + partners, modifier="state", exclude=own)
            return found if len(found) >= 2 else []
        if len(governing) > 1:
            found = self.resolve(governing, modifier="state", exclude=own)
            return found if len(found) >= 2 else []
        return self._two_parties(noun, own)

    def _hyphen_mediator(self, v: Token) -> list[Actor]:
        """ "U.S.-brokered", "EU-mediated" as one token: the state, seat or organisation the part before the
        suffix names, or nothing."""
        prefix = v.text.rsplit("-", 1)[0]
        state = gz.lookup_state(prefix) or gz.lookup_seat(prefix)
        if state is not None:
            return [Actor(self.ents.state_key(state.iso, prefix), None, "modifier")]
        group = gz.lookup_group(prefix)
        if group is not None:
            cls = group.type if group.type in ("ArmedGroup", "InternationalOrganization", "Group", "GovernmentBody") else "Group"
            return [Actor(self.ents.add(f"group/{slug(group.name)}", group.name, cls, None, prefix), None, "modifier")]
        return []

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
        if v.pos_ not in ("VERB", "AUX") or tree.agents(v) or not tree.children(v, "nsubjpass"):
            return []
        places = [p for h in holders for p in tree.prep_objects(h, "in")]
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
        cands = [p for c in n.children if c.dep_ == "prep" and (c.lower_ in preps or (not preps and c.lower_ in GENERIC_PREPS + ("of",))) for p in tree.pobjs(c)]
        objs = self.resolve(cands, modifier=True, exclude=exclude)
        if not objs:
            # "its demand that Israel ease restrictions" (also when the clause hangs on the verb: "repeated its
            # demand on Monday that Israel ease")
            clause = [c for c in n.children if c.dep_ in ("acl", "ccomp", "relcl") and that_clause(c)]
            if n.dep_ == "dobj":
                clause += [c for c in n.head.children if c.dep_ == "ccomp" and c.i > n.i and that_clause(c)]
            objs = self.resolve([o for c in clause for s in tree.children(c, "nsubj") for o in tree.conjuncts(s)], modifier=False, exclude=exclude)
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
                    for d in tree.children(v, "dobj"):
                        nh = self.trigger(d) if not objs else None
                        if nh is not None and nh[2] == "noun" and nh[0] == "request":
                            objs = self._nominal_objects(d, nh[1], exclude)
                    if objs:
                        return objs
                if c.dep_ == "prep" and c.lower_ == "in":  # "in protest of/against/at X"
                    for p in tree.pobjs(c):
                        if p.lemma_.lower() in ("protest", "opposition", "defiance", "response"):
                            # the target's preposition hangs on "protest" or, as parsed, on the same head after it
                            preps = [d for d in p.children if d.dep_ == "prep"] + [d for d in h.children if d.dep_ == "prep" and d.i > c.i]
                            cands = [o for d in preps if d.lower_ in ("of", "against", "at", "over", "to") for o in tree.pobjs(d)]
                            objs = self.resolve(cands, modifier=True, exclude=exclude)
                            if objs:
                                return objs
        return []

    # ------------------------------------------------------------- directives and reported speech

    def _directive(self, v: Token) -> list[Candidate]:
        """Object control of a directive verb: "X ordered Y to appear in court" → request X → Y (PLOVER
        REQUEST: "all requests, demands, and orders"). An ordered event ("ordered troops to attack Y") is
        coded as that event instead."""
        acts = [c for c in v.children if c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in tree.children(c, "aux"))]
        if not acts or any(self.trigger(a) is not None for a in acts) or self.embedded_in_trigger(v):
            return []
        subs = self.resolve(self.subjects(v), modifier="state", subject=True)
        objs = self.resolve([o for c in tree.children(v, "dobj") for o in tree.conjuncts(c)], modifier=False)
        return [Candidate(s, "request", o, v, "directive", 0.6) for s in subs for o in objs if s.key != o.key]

    def _reported(self, v: Token) -> list[Candidate]:
        """A demand or threat reported through a speech verb that is no trigger itself. Its target is the one
        addressed ("X told Y it must withdraw" → request Y; "X told Y that it would close the border" → the
        announced act toward Y), else the subject of the reported clause ("X said Y must leave")."""
        clauses = tree.children(v, "ccomp")
        if not clauses:
            return []
        speakers = self.resolve(self.subjects(v), modifier=False)
        if not speakers:
            return []
        own = frozenset(s.key for s in speakers)
        addressed = []
        if v.lemma_.lower() in ADDRESSEE_VERBS:
            addressed = self.resolve([o for c in tree.children(v, "dobj", "dative") for o in tree.conjuncts(c)], modifier=False, exclude=own)
        out = []
        for c in clauses:
            aux = {a.lower_ for a in tree.children(c, "aux")}
            clause_subjects = [o for s in tree.children(c, "nsubj") for o in tree.conjuncts(s)]
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


