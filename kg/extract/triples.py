"""A parsed Doc, its DocEntities and the relation rules → DocResult: the document's triples (structural
statements first, then events with negation, modality, dates and sector decided), the candidates
rejected with their reasons, and the entities the triples use.

``relate`` is the work of the ``geokg_relations`` spaCy component (``kg.extract.components``); it reads
the entities the ``geokg_entities`` component made and nothing of RDF.
"""

from __future__ import annotations

import dataclasses

from spacy.attrs import IS_PUNCT, IS_SPACE

from kg.extract.charges import charged, issue
from kg.extract.dates import normalize_date
from kg.extract.entities import DocEntities
from kg.extract.eventwords import ASPECT_VERBS, DISCONTINUABLE, discontinued
from kg.extract.modality import modality, negation
from kg.extract.records import Actor
from kg.extract.registry import known
from kg.extract.relations import Rules
from kg.types import DocResult, Rejected, Source, Triple

# PLOVER codes a stated intention by its direction (manual, AGREE and its "Potential ambiguities"):
# CONSULT, SUPPORT, COOPERATE and AID in the future are AGREE; CONCEDE in the future stays CONCEDE, and
# an announced RETREAT is CONCEDE ("announced...would withdraw troops" is CONCEDE) unless the source only
# says it is willing or offers to (AGREE: "offer ... or otherwise indicate willingness"); an announced
# conflictual act is THREATEN (the event itself has not happened yet).
_COOPERATIVE = frozenset({"consult", "support", "cooperate", "aid"})


_CONCESSIONS = frozenset({"concede", "retreat"})


_INTENT_KEEP = frozenset({"agree", "threaten", "request", "reject", "accuse"})


# heads that state willingness or make an offer: "is willing / ready to withdraw", "offered to free"
_WILLING = frozenset({"willing", "ready", "prepared", "offer", "propose"})



def _intended(relation: str, trigger) -> str:
    if relation in _INTENT_KEEP:
        return relation
    if relation in _CONCESSIONS:
        return "agree" if _willing(trigger) else "concede"
    if relation in ("assault", "coerce") and _readying(trigger):
        return "mobilize"
    if relation in _COOPERATIVE and not _conditional(trigger):
        return "agree"
    return "threaten"



def _willing(trigger) -> bool:
    """Is the act only offered, or the source said to be willing to do it ("is willing to withdraw",
    "offered to release")? Read up the clause chain that carries the act (xcomp, acomp, conj)."""
    tok = trigger
    for _ in range(3):
        if tok.dep_ not in ("xcomp", "acomp", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in _WILLING or tok.lower_ in _WILLING:
            return True
    return False



def _readying(trigger) -> bool:
    """ "Troops were preparing to attack X": force being readied for an attack that has not happened is
    PLOVER MOBILIZE ("military or police moves that fall short of the actual use of force ... readiness").
    The verb of preparation only: a stated readiness ("said it was prepared / ready to strike") is a
    verbal act, a THREAT."""
    tok = trigger
    for _ in range(3):  # through aspect verbs: "preparing to resume shelling X"
        if tok.dep_ != "xcomp":
            return False
        tok = tok.head
        if tok.lemma_.lower() == "prepare":
            return tok.pos_ == "VERB" and tok.tag_ != "VBN"
        if tok.lemma_.lower() not in ASPECT_VERBS:
            return False
    return False



def _conditional(trigger) -> bool:
    """ "will withdraw ... unless ...": a conditional commitment is a threat."""
    return any(
        c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children if m.dep_ == "mark")
        for c in trigger.children
    )



def extract_doc(doc, source: Source, offset: int = 0, without: frozenset[str] = frozenset()) -> DocResult:
    """Entities and triples of one parsed document. ``offset`` = where ``doc`` starts in ``source.text``;
    ``without``: names of rules (``kg.extract.registry``) whose statements are not made. The two spaCy
    components of ``kg.extract.components`` do the same in two steps."""
    return relate(doc, DocEntities(doc, source.identifier, source.date), source, offset, without)


def relate(doc, ents: DocEntities, source: Source, offset: int = 0, without: frozenset[str] = frozenset()) -> DocResult:
    """The DocResult of a document whose entities ``ents`` are found: see ``extract_doc``."""
    rules = Rules(ents)
    lex = rules.lex
    triples: dict[tuple, Triple] = {}
    rejected: list[Rejected] = []

    sent_texts: dict[tuple[int, int], tuple[str, int, int]] = {}  # each sentence's text is made once

    def sent_of(span) -> tuple[str, int, int]:
        key = (span.start, span.end)
        if key not in sent_texts:
            sent_texts[key] = (span.text, offset + span.start_char, offset + span.end_char)
        return sent_texts[key]

    for st in ents.structural:
        if known(st.rule) in without:
            continue
        text, a, b = sent_of(st.sent)
        t = Triple(st.subject, st.relation, st.object, text, a, b, st.rule, st.confidence)
        triples.setdefault((t.subject, t.relation, t.object, a), t)

    affiliation = {(st.subject, st.object) for st in ents.structural}
    # DATE mentions bucketed by sentence once: Span.ents rescans doc.ents, quadratic over a long text.
    dates_in: dict[int, list] = {}
    for e in doc.ents:
        if e.label_ == "DATE":
            dates_in.setdefault(e.sent.start, []).append(e)
    history: list[Triple] = []  # interactions so far, for "rejected the accusations"
    for sent in doc.sents:
        dates = dates_in.get(sent.start, [])
        for c in rules.sentence(sent):
            if known(c.rule) in without:
                continue  # a rule switched off proposes nothing, not even a withheld candidate
            text, a, b = sent_of(sent)
            if c.withheld:  # no statement: said why in the report (once per pair, also when verb and noun both see it)
                r = Rejected(c.subject.key, c.relation, c.object.key, text, c.withheld) if c.object is not None else None
                if r is not None and r not in rejected:
                    rejected.append(r)
                continue
            if c.object is not None and _scene_only(c):
                if not c.event_noun:
                    continue
                c = dataclasses.replace(c, object=None)  # "condemned the attack on X (a town)": answers an event
            if c.object is None:
                c = _earlier_event(c, history, lex)
                if c is None:
                    continue
            # a state and its own organ are no two sides, unless the state stands for its people ("young
            # Algerians pressed demands on Bouteflika's government": citizens and their government)
            own = (c.subject.key, c.object.key) in affiliation or (c.object.key, c.subject.key) in affiliation
            if own and not (c.subject.via == "people" and (c.object.key, c.subject.key) in affiliation):
                rejected.append(Rejected(c.subject.key, c.relation, c.object.key, text, "actor and its own state/group"))
                continue
            if c.relation in DISCONTINUABLE and discontinued(c.trigger):
                # "halted cooperation with X": the cooperation ends (the discontinued rule says so)
                rejected.append(Rejected(c.subject.key, c.relation, c.object.key, text, f"ended by '{c.trigger.text}'"))
                continue
            neg = negation(c.trigger, lex.negation)
            if neg:
                rejected.append(Rejected(c.subject.key, c.relation, c.object.key, text, neg))
                continue
            mod = c.modality or modality(c.trigger, lex.hypothetical, lex.future)
            if mod is None and charged(c.trigger, rules.trigger):
                mod = "alleged"  # "charged that X had armed Y": the accuser's claim
            relation = _intended(c.relation, c.trigger) if mod == "future" else c.relation
            date = _date_for(c.trigger, dates, source.date, normalize_date)
            conf = c.confidence - (0.1 if c.subject.via in ("pronoun", "anaphor") else 0.0)
            conf -= 0.1 if c.object.via == "modifier" else 0.0
            sector = c.subject.sector
            about = issue(c.trigger, relation) if relation in ("accuse", "request") else None
            t = Triple(c.subject.key, relation, c.object.key, text, a, b, c.rule, round(conf, 2), date, mod, sector, about)
            triples.setdefault((t.subject, t.relation, t.object, a), t)
            history.append(t)

    # only keep entities that are named (not every word that a rule touched)
    return DocResult(
        source=source,
        entities=tuple(ents.entities(used={k for t in triples.values() for k in (t.subject, t.object)})),
        triples=tuple(triples.values()),
        rejected=tuple(rejected),
        words=word_count(doc),
    )



def word_count(doc) -> int:
    """Tokens that are neither punctuation nor whitespace, read from the Doc's arrays (no Token objects)."""
    if not len(doc):
        return 0
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int((flags.sum(axis=1) == 0).sum())



_MEASURES = frozenset({"curfew", "emergency", "state", "blockade", "lockdown", "siege", "law", "restriction",
                       "ban", "closure", "embargo", "cordon", "quarantine"})
"""Objects that put a place under a measure ("imposed a curfew in X", "declared martial law in X"):
the measure falls on the place's people, so PLOVER codes the place as the target."""



def _scene_only(c) -> bool:
    """A town, region or sea is where an event happens, not a party to it ("arrested three men in X"). A
    state's force against a place ("Israeli tanks shelled targets in X") or a measure it puts on one
    ("imposed a curfew in X") stands for action on the people there."""
    if not c.object.key.startswith("place/"):
        return False
    if not c.subject.key.startswith(("state/", "body/")):  # a state or one of its organs
        return True
    if c.relation == "assault":
        return False
    return not any(d.dep_ in ("dobj", "nsubjpass") and d.lemma_.lower() in _MEASURES for d in c.trigger.children)



_NOUN_TYPE = {"accusation": "accuse", "charge": "accuse", "allegation": "accuse", "criticism": "accuse",
              "complaint": "accuse", "demand": "request", "call": "request", "request": "request",
              "ultimatum": "threaten", "threat": "threaten", "warning": "threaten", "offer": "agree",
              "proposal": "agree", "resolution": "request"}  # fmt: skip



def _earlier_event(c, history: list[Triple], lex):
    """Give "rejected the accusations" / "condemned the attack" the actor of the event it answers."""
    want = _NOUN_TYPE.get(c.event_noun) or (lex.nouns.get(c.event_noun) or (None,))[0]
    addressed_only = want is None or c.event_noun in _NOUN_TYPE
    # the actor of most such events lately, the latest on a tie: "the attack" is the story's attack, not
    # the last strike mentioned in passing
    counts: dict[str, int] = {}
    for t in reversed(history[-12:]):
        if t.subject == c.subject.key:
            continue
        if (want is None or t.relation == want) and (t.object == c.subject.key or not addressed_only):
            counts[t.subject] = counts.get(t.subject, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])  # dicts keep insertion order: the latest wins a tie
    return dataclasses.replace(c, object=Actor(best, None, "event"))



def _date_for(trigger, dates, doc_date, normalize) -> str | None:
    """The DATE mention attached to the trigger's clause (or the only one in the sentence), normalized."""
    if not dates:
        return None
    attached = []
    for d in dates:
        root = d.root
        anc = list(root.ancestors)[:3]
        if trigger in anc or root.head.i == trigger.i:
            attached.append(d)
    pick = attached[0] if attached else (dates[0] if len(dates) == 1 else None)
    return normalize(pick.text, doc_date) if pick is not None else None
