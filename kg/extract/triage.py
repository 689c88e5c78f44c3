"""A tagged, NER-tagged Doc → the same Doc parsed only in the sentences that can hold a relation.

The ``geokg_triage`` component runs where the parser would have, after the tagger, the lemmatizer and
the entity recognizer, with the pipeline's parser disabled. It cuts the Doc into sentences by rule
(``rule_sentences``: a line break, or a final ".", "?" or "!" and what closes it before a word that does
not start in lower case; no parser needed), and keeps for the parse (``select``) the sentences with

- two participants or more: actor names (the gazetteer's, spaCy's GPE/NORP/ORG/PERSON/LOC/FAC entities,
  runs of proper nouns), actor nouns ("the government", "troops", "the group"), title words ("the
  minister") and pronouns that may stand for an actor ("they", "its"); or
- one participant and a structural cue ("based in", "member of", "headquarters");

with the ``CONTEXT`` sentences before a kept sentence that has a pronoun or an unnamed participant, for
coreference to read. A Doc whose kept sentences hold most of it (``PARSE_WHOLE``) is parsed whole. Runs
of kept sentences are parsed by the pipeline's own parser as one Doc each (the
parser reads the rows of ``doc.tensor`` the tok2vec already made, and decides the sentence boundaries
inside a run as it would over the whole text); the others get a flat tree (each token attached to the
next one, label ``dep``, the last one the root), so that every sentence still has a root, a span still
has a root, and no dependency rule fires in it. Entities are still found in every sentence (the
entity recognizer and the gazetteer run over the whole text).

``kg.extract.components.ensure(nlp, triage=...)`` switches it on or off; off, the parser parses everything.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, ORTH, SENT_START, TAG
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from kg.extract import names
from kg.extract.coref import GROUP_ANAPHORS, PERSON_PRONOUNS, THING_PRONOUNS
from kg.extract.mentions import GROUP_CUE_NOUNS, gazetteer_mentions
from kg.extract.structure import BASE_VERBS, MEMBER_NOUNS

# a Doc whose kept sentences hold at least this share of its tokens is parsed whole: the parser costs
# about 23 microseconds a token (bench/profile_components.py), copying a run out and its tree back about
# a fifth of that, so skipping less than a fifth of a Doc spares nothing
PARSE_WHOLE = 0.8
CONTEXT = 2  # sentences before a kept sentence with a pronoun or an unnamed participant, parsed with it

ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | frozenset({"his", "its", "their", "our", "hers", "theirs"})
# nouns that may name an actor without a name: organs, forces, collectives, officials
ACTOR_NOUNS = (
    GROUP_ANAPHORS
    | GROUP_CUE_NOUNS
    | frozenset(
        "government ministry administration cabinet regime parliament authorities authority official "
        "military army navy force troops soldier police rebel militant insurgent fighter gunman protester "
        "demonstrator opposition coalition country state nation council court agency delegation envoy "
        "diplomat embassy leader people".split()
    )
)
# words of structural statements, which may link one participant to a place or a body
STRUCTURAL_CUES = BASE_VERBS | MEMBER_NOUNS | frozenset(
    "based headquartered stationed located headquarters join joined belong belongs lead led head heads".split()
)

_FINAL = frozenset({".", "?", "!", "...", "\u2026"})
_CLOSING = frozenset({'"', "'", "''", "\u201d", "\u2019", ")", "]"})
# words whose full stop the tokenizer may split off, which end no sentence ("Lt. Gen. X", "J. Smith")
_ABBREVIATIONS = frozenset(
    "lt gen col maj sgt capt cpt brig adm cmdr mr mrs ms dr st sen rep gov prof rev jr sr no mt ft".split()
)


def rule_sentences(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token ranges of the Doc's sentences by rule: after a line break (or a token already
    marked a sentence start), and after a final ".", "?" or "!" (with its closing quotes and brackets)
    when the next word does not start in lower case. White space stays with the sentence before it."""
    n = len(doc)
    if n < 2:
        return [(0, n)] if n else []
    arr = doc.to_array([SENT_START, IS_SPACE, ORTH])
    marked = (numpy.flatnonzero(arr[1:, 0] == 1)).tolist()  # i + 1 marked a sentence start (a paragraph break)
    breaks = [i for i in numpy.flatnonzero(arr[:, 1]).tolist() if "\n" in doc[i].text]
    finals = numpy.flatnonzero(numpy.isin(arr[:, 2], _tables()["final"])).tolist()
    starts = {0}
    for i in sorted({*marked, *breaks, *finals}):
        if i >= n - 1:
            continue
        tok = doc[i]
        if tok.text in _FINAL:
            if i and _abbreviation(doc[i - 1]):
                continue
            while i + 1 < n - 1 and doc[i + 1].text in _CLOSING:
                i += 1
            if doc[i + 1].text[:1].islower():
                continue
        while i + 1 < n and doc[i + 1].is_space:  # white space stays with the sentence before it
            i += 1
        if i + 1 < n:
            starts.add(i + 1)
    ordered = sorted(starts)
    return [(s, e) for s, e in zip(ordered, [*ordered[1:], n], strict=True) if e > s]


def _abbreviation(tok: Token) -> bool:
    """A word right before a full stop that makes the stop an abbreviation's: "Lt", "Gen", an initial."""
    return not tok.whitespace_ and (tok.lower_ in _ABBREVIATIONS or (len(tok.text) == 1 and tok.text.isupper()))


def _hashes(words: Iterable[str]) -> numpy.ndarray:
    return numpy.array(sorted({hash_string(w) for w in words}), dtype="uint64")


def _with_plurals(words: Iterable[str]) -> set[str]:
    """The words and their plurals ("troop", "troops"; "authority", "authorities"; "bloc", "blocs")."""
    out = set(words)
    out |= {w + "s" for w in out} | {w + "es" for w in out} | {w[:-1] + "ies" for w in out if w.endswith("y")}
    return out


@functools.cache
def _tables() -> dict[str, numpy.ndarray]:
    """Hashes of the word lists, to test a Doc's columns at once."""
    return {
        "final": _hashes(_FINAL),
        "propn": _hashes(("NNP", "NNPS")),
        "prp": _hashes(("PRP", "PRP$")),
        "pronoun": _hashes(PRONOUNS),
        "actor": _hashes(_with_plurals(ACTOR_NOUNS | names.title_words())),
        "cue": _hashes(STRUCTURAL_CUES),
    }


def participants(doc: Doc, sentences: list[tuple[int, int]], named: numpy.ndarray) -> list[tuple[int, bool, bool]]:
    """(participants, has a structural cue, has an unnamed participant) of each sentence; ``named``: for
    each token, is it inside an actor name? A run of name tokens or proper nouns is one participant; a
    pronoun, an actor noun or a title word (by its lower-case form or its lemma) one each."""
    t = _tables()
    arr = doc.to_array([TAG, LOWER, LEMMA])
    tag, low, lemma = arr[:, 0], arr[:, 1], arr[:, 2]
    name = named | numpy.isin(tag, t["propn"])
    first = name.copy()
    first[1:] &= ~name[:-1]  # the first token of each run of names
    starts = numpy.array([s for s, _ in sentences])
    first[starts] = name[starts]  # a run that crosses into a sentence counts in it too
    unnamed = ~name & (
        (numpy.isin(tag, t["prp"]) & numpy.isin(low, t["pronoun"]))
        | numpy.isin(low, t["actor"])
        | numpy.isin(lemma, t["actor"])
    )
    cue = numpy.isin(low, t["cue"]) | numpy.isin(lemma, t["cue"])
    names_n = numpy.add.reduceat(first.astype("int64"), starts)
    unnamed_n = numpy.add.reduceat(unnamed.astype("int64"), starts)
    cues = numpy.add.reduceat(cue.astype("int64"), starts)
    return [(int(a + b), bool(c), bool(b)) for a, b, c in zip(names_n, unnamed_n, cues, strict=True)]


def select(doc: Doc, sentences: list[tuple[int, int]] | None = None) -> list[bool]:
    """For each rule sentence of the Doc: is it parsed?"""
    sentences = rule_sentences(doc) if sentences is None else sentences
    if not sentences:
        return []
    named = numpy.zeros(len(doc), dtype=bool)
    for ent in doc.ents:
        if ent.label_ in ACTOR_LABELS:
            named[ent.start : ent.end] = True
    for m in gazetteer_mentions(doc, keep=True):  # kept for geokg_entities
        named[m.start : m.end] = True
    keep = [False] * len(sentences)
    for k, (count, cue, unnamed) in enumerate(participants(doc, sentences, named)):
        if count >= 2 or (count and cue):
            keep[k] = True
            if unnamed:
                for j in range(max(0, k - CONTEXT), k):
                    keep[j] = True
    return keep


def runs(sentences: list[tuple[int, int]], keep: list[bool]) -> list[tuple[int, int]]:
    """Token ranges of the runs of adjacent kept sentences."""
    out: list[tuple[int, int]] = []
    for (s, e), k in zip(sentences, keep, strict=True):
        if not k:
            continue
        if out and out[-1][1] == s:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


class Triage:
    """``geokg_triage``: parse, with ``parser``, only the runs of sentences that ``select`` keeps."""

    def __init__(self, parser=None) -> None:
        self.parser = parser
        self.last = (0, 0)  # (tokens kept, tokens in all) of the last batch, for measurement

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, docs: list[Doc]) -> list[Doc]:
        if self.parser is None:
            raise ValueError("geokg_triage has no parser: add it with kg.extract.components.ensure(nlp)")
        plans: list[tuple[list[tuple[int, int]], list[tuple[int, int]]] | None] = []
        work: list[Doc] = []  # what the parser parses: whole Docs, and copies of the kept runs of the others
        done = total = 0
        for doc in docs:
            sentences = rule_sentences(doc)
            spans = runs(sentences, select(doc, sentences))
            kept = sum(e - s for s, e in spans)
            total += len(doc)
            done += kept
            if kept >= PARSE_WHOLE * len(doc):
                plans.append(None)  # the copies would cost more than the parse they spare
                work.append(doc)
            else:
                plans.append((sentences, spans))
                work.extend(doc[s:e].as_doc() for s, e in spans)
        parsed = iter(self.parser.pipe(work, batch_size=max(1, len(work))))
        for doc, plan in zip(docs, plans, strict=True):
            if plan is None:
                next(parsed)  # parsed in place
                continue
            sentences, spans = plan
            arr = _flat_tree(doc, sentences)
            for s, e in spans:
                arr[s:e] = next(parsed).to_array([HEAD, DEP])
            doc.from_array([HEAD, DEP], arr)
        self.last = (done, total)
        return docs


def _flat_tree(doc: Doc, sentences: list[tuple[int, int]]) -> numpy.ndarray:
    """HEAD (relative) and DEP columns of a tree per sentence: each token the child ("dep") of the next,
    the last the root."""
    arr = numpy.zeros((len(doc), 2), dtype="uint64")
    arr[:, 0] = 1
    arr[:, 1] = doc.vocab.strings.add("dep")
    root = doc.vocab.strings.add("ROOT")
    for _, e in sentences:
        arr[e - 1, 0] = 0
        arr[e - 1, 1] = root
    return arr
