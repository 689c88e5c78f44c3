"""Sentence + DocEntities → PLOVER interaction candidates, by lexicon-driven dependency rules.

A trigger is a verb (``attack``), a phrasal verb or multiword expression (``call on``, ``impose
sanctions on``) or a nominalization (``visit to``, ``talks with``) from the PLOVER lexicon data file
(``kg.extract.triggers``). Once a trigger is found, its arguments (``kg.extract.arguments``) are linked
by general constructions of English, written here and in ``mediation.py`` and ``speech.py``; each candidate carries the name of the construction
that linked it (registered in ``registry.py``):

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
- ``alleged-act``    the sponsorship an accusation charges ("X accused Y of arming Z": Y aid Z, modality
                     "alleged"; ``charges.py``)

``Rules.sentence`` also collects the candidates of ``military.relations`` (``partner-phrase``: "X fought
alongside Y") and of ``statements.relations`` (events named around a noun phrase: ``between-parties``,
``under-fire``, ``help-of``, ``at-request``, ``for-clause``).

Arguments (``kg.extract.arguments``) read through quantities and event nouns ("part of an aid program for X", "the deployment of
NATO troops"); a common-noun subject placed in a state acts for it ("miners in Bolivia").
Conjoined subjects and objects are expanded, and so are conjoined nationalities of one subject noun ("the
Kenyan and Somali armies"). A reciprocal event ("X and Y met / agreed / clashed", no other party named) has
all its parties as actor and no recipient in PLOVER ("Compound and Reciprocal Actors"); in the graph it is
each party's event with each other party (rule ``reciprocal``), as dyadic event data codes it. Negation,
modality and dates are decided by the caller (``kg.extract.triples``), which reports negated events as
rejected; a candidate withheld here (the partner phrase of a cooperation a verb ended) carries its reason.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from kg.extract import charges, mediation, military, speech, statements, tree
from kg.extract.arguments import Arguments, stative
from kg.extract.entities import DocEntities
from kg.extract.eventwords import (
    ADDRESSEE_VERBS,
    AUTHORITY_NOUNS,
    AUTHORITY_VERBS,
    CANCELLING_VERBS,
    DIRECTIVE_VERBS,
    DISCONTINUABLE,
    EVENT_NOUNS,
    FRAME_NOUNS,
    GENERIC_PREPS,
    MEDIATE_VERBS,
    MEETING_NOUNS,
    PEACEKEEPING,
    PERMISSIVE,
    PREDICATE_ADJECTIVES,
    PURPOSE_LINKS,
    RECIPROCAL_TYPES,
    REPLY_TYPES,
    SPEECH_VERBS,
    SYMMETRIC_VERBS,
    TRIGGER_POS,
    ending_verb,
    light_verb,
    mediating_lemma,
    premises,
    relative_head,
    sides_rule,
    that_clause,
)
from kg.extract.records import Actor, Candidate
from kg.extract.triggers import Triggers, lexicon


class Rules:
    """Relation rules over one document."""

    def __init__(self, ents: DocEntities):
        self.ents = ents
        self.triggers = Triggers(lexicon())
        self.lex = self.triggers.lex
        self.args = Arguments(ents, self.triggers)
        # what statements.py and military.py ask of the rules
        self.trigger = self.triggers.trigger
        self.embedded_in_trigger = self.triggers.embedded_in_trigger
        self.subjects = self.args.subjects
        self.passive_objects = self.args.passive_objects
        self.resolve = self.args.resolve
        self.objects = self.args.objects

    # ---------------------------------------------------------------- rules

    def sentence(self, sent: Span) -> list[Candidate]:
        out: list[Candidate] = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            pos = tok.pos_
            if lemma in MEDIATE_VERBS or (lemma == "lead" and tok.dep_ in ("amod", "acl")) or (
                "-" in tok.lower_ and mediating_lemma(tok) != lemma
            ):
                found = mediation.relations(self, tok)
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
                    if typ == "accuse":
                        out.extend(charges.alleged(self, tok))  # "accused X of arming Y": X aid Y, alleged
            elif pos == "ADJ":
                out.extend(self._predicate_adjective(tok))
            elif lemma in DIRECTIVE_VERBS and pos == "VERB":
                out.extend(speech.directive(self, tok))
            if hit is None and pos == "VERB":
                out.extend(self._reciprocal_alternation(tok))
            if hit is None and pos == "VERB" and (lemma in SPEECH_VERBS or lemma in ADDRESSEE_VERBS):
                out.extend(speech.reported(self, tok))
        ended = {(c.subject.key, c.object.key): c.trigger for c in out if c.rule == "discontinued" and c.object is not None}
        for c in military.relations(self, sent):
            v = ended.get((c.subject.key, c.object.key)) if c.object is not None and c.relation in DISCONTINUABLE else None
            # "ended defence cooperation with Y": the partner phrase names the cooperation that ended
            out.append(dataclasses.replace(c, withheld=f"ended by '{v.text}'") if v is not None else c)
        found, replaced = statements.relations(self, sent)  # events named around a noun phrase
        out = [sides_rule(c) for c in out if c.trigger.i not in replaced]
        return out + found

    def _verbal(self, v: Token, typ: str, preps: tuple[str, ...], kind: str) -> list[Candidate]:
        if self.embedded_in_trigger(v):
            return []
        subs = self.resolve(self.subjects(v), modifier="state", subject=True)
        if not subs:
            return self._authority_located(v, typ)
        own = frozenset(s.key for s in subs)
        objs, tier = self.args.objects_with_rule(v, typ, preps, exclude=own)
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
        if stative(v):
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





