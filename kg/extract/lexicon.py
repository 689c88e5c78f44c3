"""Verb token → (PLOVER type, target prepositions), by compiled verb patterns matched on the dependency tree.

Patterns come from two sources, combined by ``compile_patterns``:

* the hand-written phrases of plover.yaml ("impose sanctions on"): the words after the verb must hang off
  it (as particle, preposition, object, or a word inside the object's phrase); a trailing preposition that
  is a preposition or particle child names the target;
* the converted CAMEO patterns of plover_cameo.json (``scripts/build_lexicon.py``): *slots* that must hang
  off the verb: ``prt`` (a particle or adverb child), ``obj`` (the object: dobj, nsubjpass, attr, oprd, or
  the head noun of a participle, with the modifiers of a multiword phrase as compound/amod children),
  ``prep`` (a preposition child of the verb or of a matched noun, optionally with a given object noun).

The most specific matching pattern wins (the number of words it fixes); hand-written entries win ties.
A matching pattern without a type (a CAMEO no-event code) blocks the verb. Everything is compiled once
per process and indexed by verb lemma, so a token without patterns costs one dict lookup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Token

OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "acomp", "dative"})
PARTICLE_DEPS = frozenset({"prt", "advmod", "acomp", "npadvmod", "oprd"})
# a phrasal verb's word that only ever introduces an object ("side with", "ask for"): a preposition slot
PREPOSITIONS = frozenset(
    "to with against at for from into onto upon toward towards of by near under behind between among across "
    "after before during inside outside within without beyond".split()
)
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})
# a converted pattern of these types asks for or refuses its object noun's event: it keeps its type
FRAMING_TYPES = frozenset({"request", "reject"})
STATEMENT_CODES = ("01",)  # CAMEO 01: public statements (blocks of verbs of saying)
# the hand-written phrases' looser reading: any of these children, and inside the object its prepositions,
# modifiers and "of" noun (``_frame``)
_POOL_DEPS = ("prt", "prep", "dobj", "advmod", "dative", "attr", "acomp", "compound", "xcomp")


@dataclass(frozen=True, slots=True)
class Slot:
    kind: str  # "prt" | "obj" | "prep"
    words: frozenset[str]  # head word forms (empty: any)
    mods: tuple[frozenset[str], ...] = ()
    prep: str | None = None


@dataclass(frozen=True, slots=True)
class Pattern:
    typ: str | None  # None: a no-event pattern that blocks the verb
    weight: int  # how many words it fixes
    target: tuple[str, ...]  # prepositions introducing the target
    slots: tuple[Slot, ...] = ()
    words: tuple[str, ...] = ()  # a hand-written phrase's words after the verb (loose reading)
    hand: bool = False

    @property
    def names_noun(self) -> bool:
        """Does the pattern fix a noun (its object, or a preposition's object)? Only such a converted
        pattern may retype or block a hand-written verb: a different sense shows in the nouns around it."""
        return self.hand or any(s.kind == "obj" or (s.kind == "prep" and s.words) for s in self.slots)


@dataclass(slots=True)
class _Frame:
    """What hangs off one verb token, computed once per token that has patterns."""

    children: list[Token]
    objects: list[Token]
    preps: dict[str, list[Token]]  # preposition → its objects (of the verb and of the object nouns)
    prep_heads: set[str]
    particles: set[str]
    pool: set[str]  # the hand-written phrases' word pool


def _forms(tok: Token) -> tuple[str, str]:
    return tok.lower_, tok.lemma_.lower()


def _frame(verb: Token) -> _Frame:
    children = list(verb.children)
    objects = [c for c in children if c.dep_ in OBJECT_DEPS]
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        objects.append(verb.head)  # "the sanctions imposed on X", "the raid they carried out"
    # "a series of attacks", "25,000 tons of aid": the noun inside an "of" measure
    objects += [p for o in list(objects) for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    preps: dict[str, list[Token]] = {}
    prep_heads: set[str] = set()
    for h in [verb, *objects]:
        for c in h.children:
            if c.dep_ in ("prep", "dative", "agent") or (c.dep_ == "prt" and h is verb):
                prep_heads.add(c.lower_)
                preps.setdefault(c.lower_, []).extend(p for p in c.children if p.dep_ in ("pobj", "pcomp"))
    # particles: prt/advmod children, and a preposition left without object ("the talks they pulled out of");
    # a particle after the object is the verb's even where the parser hangs it on the object ("turned the
    # offer down": particle shift)
    particles = {f for c in children if c.dep_ in PARTICLE_DEPS or (c.dep_ == "prep" and not any(
        p.dep_ in ("pobj", "pcomp") for p in c.children)) for f in _forms(c)}
    shifted = [cc for o in objects for cc in o.children if cc.dep_ == "prt" and cc.i > o.i]
    particles.update(f for cc in shifted for f in _forms(cc))
    pool_toks: list[Token] = list(shifted)
    for c in children:
        if c.dep_ in _POOL_DEPS:
            pool_toks.append(c)
            if c.dep_ in ("dobj", "attr"):
                pool_toks.extend(cc for cc in c.children if cc.dep_ in ("prep", "amod", "compound"))
                pool_toks.extend(p for cc in c.children if cc.dep_ == "prep" and cc.lower_ == "of"
                                 for p in cc.children if p.dep_ == "pobj")  # fmt: skip
            elif c.dep_ == "prep":  # "put X on alert", "placed X under arrest": the preposition's object
                pool_toks.extend(p for p in c.children if p.dep_ == "pobj")
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        # "the embargo the council imposed on X": the noun the participle or relative clause is said of
        pool_toks.append(verb.head)
        pool_toks.extend(cc for cc in verb.head.children if cc.dep_ in ("amod", "compound"))
    pool = {f for t in pool_toks for f in _forms(t)}
    return _Frame(children, objects, preps, prep_heads, particles, pool)


def _anchors(verb: Token) -> set[str]:
    """Every word a pattern's anchor could be, cheaply (a superset of what ``_frame`` reads): the verb's
    children, their children (the object's prepositions and modifiers, an "of" measure), and for a
    participle the noun it modifies with its prepositions."""
    out: set[str] = set()
    heads = list(verb.children)
    if verb.dep_ in ("acl", "relcl"):
        heads.append(verb.head)
    for c in heads:
        out.add(c.lower_)
        out.add(c.lemma_.lower())
        if c.dep_ in OBJECT_DEPS or c is verb.head:
            for cc in c.children:
                out.add(cc.lower_)
                if cc.dep_ == "prep" and cc.lower_ == "of":
                    for p in cc.children:
                        out.add(p.lower_)
                        out.add(p.lemma_.lower())
    return out


def _noun_matches(tok: Token, slot: Slot) -> bool:
    if slot.words and tok.lower_ not in slot.words and tok.lemma_.lower() not in slot.words:
        return False
    if not slot.mods:
        return True
    mods = {f for c in tok.children if c.dep_ in MODIFIER_DEPS for f in _forms(c)}
    if tok.i > 0:
        mods.update(_forms(tok.doc[tok.i - 1]))
    return all(mods & m for m in slot.mods)


def _slot_matches(slot: Slot, frame: _Frame) -> bool:
    if slot.kind == "prt":
        return bool(frame.particles & slot.words)
    if slot.kind == "obj":
        if any(_noun_matches(o, slot) for o in frame.objects):
            return True
        # an adverb or adjective that PETRARCH listed as a bare word: "set free", "look forward"
        return not slot.mods and bool(frame.particles & slot.words)
    if slot.prep not in frame.prep_heads:
        return False
    if not slot.words:
        return True
    return any(_noun_matches(p, slot) for p in frame.preps.get(slot.prep or "", ()))


def _matches(p: Pattern, frame: _Frame) -> tuple[str, ...] | None:
    """The target prepositions if ``p`` matches, else None."""
    if p.hand:
        if not all(w in frame.pool for w in p.words):
            return None
        last = p.words[-1]
        is_prep = any(c.lower_ == last and c.dep_ in ("prep", "prt") for c in frame.children) or any(
            cc.lower_ == last and cc.dep_ == "prep" for c in frame.children if c.dep_ in ("dobj", "attr") for cc in c.children
        )
        return (last,) if is_prep else ()
    if all(_slot_matches(s, frame) for s in p.slots):
        return p.target
    return None


@dataclass(frozen=True, slots=True)
class VerbPatterns:
    """One verb lemma's patterns, indexed by an anchor word each needs (its particle, its preposition, its
    object noun's forms, or a hand-written phrase's first word), so that only the patterns whose anchor
    occurs around the verb are tried."""

    by_anchor: Mapping[str, tuple[tuple[int, Pattern], ...]]  # anchor → ((rank, pattern), ...)

    def candidates(self, anchors: set[str]) -> list[Pattern]:
        found: dict[int, Pattern] = {}
        for w in anchors:
            for rank, p in self.by_anchor.get(w, ()):
                found[rank] = p
        return [found[r] for r in sorted(found)]


def _pattern_anchors(p: Pattern) -> frozenset[str]:
    if p.hand:
        return frozenset({p.words[0]}) if p.words else frozenset()
    best: frozenset[str] | None = None
    for s in p.slots:
        keys = frozenset({s.prep}) if s.kind == "prep" and s.prep else s.words
        if keys and (best is None or len(keys) < len(best)):
            best = keys
    return best or frozenset()


def match(
    verb: Token, patterns: VerbPatterns, hand_type: str | None = None
) -> tuple[Pattern, tuple[str, ...]] | None:
    """The most specific of a verb's patterns (hand-written first on ties) that matches ``verb``, with its
    target prepositions. ``hand_type``: the verb's hand-written type, which a converted pattern changes (or
    blocks) only when it names a noun."""
    frame: _Frame | None = None
    for p in patterns.candidates(_anchors(verb)):
        if hand_type is not None and (p.typ is None or (p.typ != hand_type and not p.names_noun)):
            continue  # CAMEO's no-event reading never silences a hand-written verb
        if frame is None:
            frame = _frame(verb)
        preps = _matches(p, frame)
        if preps is not None:
            return p, preps
    return None


def _slot(raw: Mapping) -> Slot:
    mods = tuple(frozenset(m) for m in raw.get("m", ()))
    if raw["k"] == "prt":
        return Slot("prt", frozenset(raw["w"]))
    if raw["k"] == "obj":
        return Slot("obj", frozenset(raw["w"]), mods)
    return Slot("prep", frozenset(raw.get("w", ())), mods, raw["p"])


def _phrasal_slots(rest: Iterable[str]) -> tuple[Slot, ...]:
    """A phrasal verb's extra words: a preposition ("side with") as a preposition child with any object,
    a particle ("carry out", "blow up") or a noun ("wage war") as a particle, adverb or object child."""
    out = []
    for w in rest:
        if w in PREPOSITIONS:
            out.append(Slot("prep", frozenset(), (), w))
        else:
            out.append(Slot("obj", frozenset({w})))  # an object noun, or (as bare word) a particle
    return tuple(out)


def compile_patterns(
    hand_phrases: Mapping[str, Iterable[tuple[tuple[str, ...], str]]],
    converted: Mapping,
    hand_nouns: Mapping[str, str] | None = None,
) -> dict[str, VerbPatterns]:
    """verb lemma → its patterns, most specific first (hand-written first among equals).

    ``hand_phrases``: first word → ((rest words), type). ``converted``: the plover_cameo.json mapping
    (``phrasal`` verbs and ``blocks`` of patterns; a block's patterns apply to each of its verbs, a phrasal
    verb's extra words adding particle slots, except a pattern naming one verb (``v``), which applies to that
    verb only). ``hand_nouns``: hand-written event noun → type; a converted
    pattern that gives such an object noun another event type is left out (the hand entry wins: "repeated
    its offer" stays the offer's AGREE), except a request or a refusal of the noun's event ("sought support",
    "refused talks"): asking for or refusing an event is no instance of it (manual, SUPPORT: "distinct from
    the CAMEO APPEAL category, where the actor simply requested support"; REJECT: "All rejections and
    refusals"), unless the block is one of verbs of saying (CAMEO 01), which repeat or announce the event."""
    hand_nouns = hand_nouns or {}

    def keeps(p: Mapping, code: str) -> bool:
        """Is converted pattern ``p`` (of a block with header ``code``) kept beside the hand nouns?"""
        if p["t"] is None or p["t"] in FRAMING_TYPES and not code.startswith(STATEMENT_CODES):
            return True
        return not any(s["k"] == "obj" and any(hand_nouns.get(w, p["t"]) != p["t"] for w in s["w"]) for s in p["s"])

    # each verb's sources: lists of patterns; a block's list is shared by its verbs and indexed once
    sources: dict[str, list[list[Pattern]]] = {}
    for first, entries in hand_phrases.items():
        sources.setdefault(first, []).append(
            [Pattern(typ, len(rest), (), words=tuple(rest), hand=True) for rest, typ in entries]
        )
    for verb, rest, typ in converted.get("phrasal", ()):
        target = (rest[-1],) if rest and rest[-1] in PREPOSITIONS else ()
        sources.setdefault(verb, []).append([Pattern(typ, len(rest), target, _phrasal_slots(rest))])
    shared: dict[int, VerbPatterns] = {}
    for block in converted.get("blocks", ()):
        kept = [p for p in block["patterns"] if keeps(p, block.get("code", ""))]
        block_wide = [
            (Pattern(p["t"], p["w"], (p["p"],) if p.get("p") else (), tuple(_slot(s) for s in p["s"])), p.get("v"))
            for p in kept
        ]
        compiled = [pattern for pattern, only in block_wide if only is None]
        for verb, rest in block["verbs"]:
            if any(only == [verb, rest] for _, only in block_wide):
                # a pattern written for this verb's own sense (``v``: build_lexicon.py) joins its list
                compiled_own = [pattern for pattern, only in block_wide if only is None or only == [verb, rest]]
            else:
                compiled_own = compiled
            if rest:
                extra = _phrasal_slots(rest)
                compiled_for = [Pattern(p.typ, p.weight + len(extra), p.target, extra + p.slots) for p in compiled_own]
                sources.setdefault(verb, []).append(compiled_for)
            else:
                sources.setdefault(verb, []).append(compiled_own)
    out: dict[str, VerbPatterns] = {}
    for verb, lists in sources.items():
        if len(lists) == 1:
            key = id(lists[0])
            if key not in shared:
                shared[key] = _indexed(lists[0])
            out[verb] = shared[key]
        else:
            out[verb] = _indexed([p for ps in lists for p in ps])
    return out


def _indexed(patterns: list[Pattern]) -> VerbPatterns:
    by_anchor: dict[str, list[tuple[int, Pattern]]] = {}
    for rank, p in enumerate(sorted(patterns, key=lambda p: (-p.weight, not p.hand))):
        for w in _pattern_anchors(p):
            by_anchor.setdefault(w, []).append((rank, p))
    return VerbPatterns({w: tuple(v) for w, v in by_anchor.items()})
