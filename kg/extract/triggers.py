"""A token → the event it triggers, if any: (PLOVER type, prepositions naming the target, kind), read from
the PLOVER lexicon (plover.yaml and the converted CAMEO lexicon, ``kg.extract.lexicon``); and whether a
trigger is only the complement of another ("threatened to attack": the threat counts, not the attack).

A trigger is a verb (``attack``), a phrasal verb or multiword expression (``call on``, ``impose
sanctions on``) or a nominalization (``visit to``, ``talks with``). ``Triggers`` memoizes per token
within one document.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract import gazetteer as gz
from kg.extract import lexicon as lexpat
from kg.extract import tree
from kg.extract.eventwords import (
    ASPECT_VERBS,
    FORCE_MOVING_VERBS,
    FORCE_NOUNS,
    FRONTIER_PREPS,
    MODALS_REQUEST,
    PERMISSIVE,
    PURPOSE_LINKS,
    SPEECH_VERBS,
    TRIGGER_POS,
    TYPES,
    that_clause,
)


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


class Triggers:
    """The triggers of one document's tokens, looked up once each."""

    def __init__(self, lex: Lexicon | None = None):
        self.lex = lex if lex is not None else lexicon()
        self._memo: dict[int, tuple[str, tuple[str, ...], str] | None] = {}

    def trigger(self, tok: Token) -> tuple[str, tuple[str, ...], str] | None:
        """(type, preps naming the object, kind) if ``tok`` triggers an event (memoized per token)."""
        i = tok.i
        if i not in self._memo:
            self._memo[i] = self._trigger(tok) if tok.pos_ in TRIGGER_POS else None
        return self._memo[i]

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
