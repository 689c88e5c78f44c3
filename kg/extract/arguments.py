"""An event's trigger → its arguments as actors: the subjects and the tiers of objects a trigger takes, each
token read as the actor it stands for (``DocEntities.actor``), through conjunctions, quantities, event
nouns, "both sides" and a document's author; a common noun placed in a state acts for it.

``Arguments.resolve`` turns argument tokens into actors, excluding the other side's own ones;
``objects_with_rule`` names the construction of the tier that gave the targets (``kg.extract.registry``).
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import actors, nominals, statements, tree
from kg.extract.entities import DocEntities
from kg.extract.eventwords import (
    DOCUMENT_NOUNS,
    GENERIC_PREPS,
    MEDIATE_VERBS,
    OBJECT_CONTROL,
    OBJECT_PRONOUNS,
    PLACE_TARGET_TYPES,
    RELATIONAL_NOUNS,
    RESIDENCE_PREPS,
    RESIDENCE_VERBS,
    STATIVE_PARTICIPLES,
    both_sides,
    content_objects,
    frontier_objects,
    premises,
    relative_head,
)
from kg.extract.mentions import PLACE
from kg.extract.records import Actor
from kg.extract.tree import QUANTITY_NOUNS
from kg.extract.triggers import Triggers

# the roles of a noun that may name a party ("both sides" reads the parties from these)
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "pobj", "conj", "appos", "poss", "attr"})


def _helper(prep: Token) -> bool:
    """ "with the help of Y": a helper of the act, not its target (``statements``, rule help-of)."""
    return prep.lower_ == "with" and any(p.lemma_.lower() in statements.HELP_NOUNS for p in tree.pobjs(prep))


class Arguments:
    """The argument readings of one document's events."""

    def __init__(self, ents: DocEntities, triggers: Triggers):
        self.ents = ents
        self.trigger = triggers.trigger

    def subjects(self, v: Token, depth: int = 0) -> list[Token]:
        subs = []
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj"):
                subs.extend(tree.conjuncts(c))
        if not subs:
            # the parser sometimes hangs the subject on the auxiliary: "Peru is opposed to ..."
            subs = [o for a in tree.children(v, "aux", "auxpass") for c in tree.children(a, "nsubj") for o in tree.conjuncts(c)]
        if not subs and stative(v):
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
        if stative(v):
            return []  # "X is opposed to Y": X holds the stance
        return [o for c in tree.children(v, "nsubjpass") for o in tree.conjuncts(c)]

    def object_tiers(self, v: Token, typ: str, preps: tuple[str, ...]) -> list[tuple[str, list[Token]]]:
        """Candidate object tokens, grouped by the construction that links them, nearest first (the first
        tier with an actor wins): (construction, tokens)."""
        tiers: list[tuple[str, list[Token]]] = []
        passive = self.passive_objects(v)
        if passive and tree.agents(v):
            tiers.append(("passive", passive))
        elif passive and not stative(v):
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
                # when the clause's subject is the threatener itself (``objects_with_rule`` reads past it)
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
        "Both sides", "the two leaders" stand for the two parties named around them (``two_parties``).
        A subject noun with conjoined nationality modifiers names each state's own ("the Kenyan and Somali
        armies": both armies, ``_conjoined_qualifiers``)."""
        if modifier:
            direct = self.resolve(toks, modifier=False, exclude=exclude, typ=typ)
            if direct:
                return self._conjoined_qualifiers(toks, direct) if subject else direct
        out: list[Actor] = []
        for t in toks:
            if both_sides(t):
                out += [a for a in self.two_parties(t, exclude) if a not in out]
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

    def two_parties(self, anchor: Token, exclude: frozenset[str] = frozenset()) -> list[Actor]:
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
            for toks in (main, [t for t in sp if t.dep_ in ARGUMENT_DEPS and t.pos_ in ("PROPN", "NOUN")]):
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
        return self.objects_with_rule(v, typ, preps, exclude)[0]

    def objects_with_rule(
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


def stative(v: Token) -> bool:
    """An adjectival passive naming the subject's own stance ("X is opposed to Y"): no agent, and a
    complement preposition."""
    return (
        v.tag_ == "VBN"
        and v.lemma_.lower() in STATIVE_PARTICIPLES
        and not tree.children(v, "agent")
        and any(c.dep_ == "prep" and c.lower_ in ("to", "with", "against") for c in v.children)
    )
