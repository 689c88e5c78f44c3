"""The extractor's work grows linearly with the document: a long text is built by repeating a short passage
written for these tests (a hand-built Doc, no model) and the work counted, never timed."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract import extract_doc
from kg.types import Source

VOCAB = spacy.blank("en").vocab


class CountingDoc(Doc):
    """A Doc that counts how often its whole text is built (spaCy joins every token's text on each read)."""

    text_reads = 0

    @property
    def text(self) -> str:
        type(self).text_reads += 1
        return super().text


def make_doc(table: str, times: int, cls: type[Doc] = Doc) -> Doc:
    """``table`` (word pos tag dep head lemma ent, one token a line; "_" after a word: no space follows)
    repeated ``times`` times, heads shifted to each copy."""
    rows = [line.split() for line in table.strip().splitlines()]
    words, spaces, pos, tags, deps, heads, lemmas, ents = [], [], [], [], [], [], [], []
    for n in range(times):
        for word, p, tag, dep, head, lemma, ent in rows:
            glued = word.endswith("_") and word != "_"
            words.append(word[:-1] if glued else word)
            spaces.append(not glued)
            pos.append(p)
            tags.append(tag)
            deps.append(dep)
            heads.append(int(head) + n * len(rows))
            lemmas.append(lemma)
            ents.append(ent)
    spaces[-1] = False
    return cls(VOCAB, words=words, spaces=spaces, pos=pos, tags=tags, deps=deps, heads=heads, lemmas=lemmas,
               ents=ents)  # fmt: skip


# "both sides" reads the two parties from the sentence before it in the same paragraph
BOTH_SIDES = """
Chad PROPN NNP nsubj 1 Chad B-GPE
accused VERB VBD ROOT 1 accuse O
Niger PROPN NNP dobj 1 Niger B-GPE
of ADP IN prep 1 of O
shelling VERB VBG pcomp 3 shell O
a DET DT det 6 a O
village_ NOUN NN dobj 4 village O
. PUNCT . punct 1 . O
Both DET DT det 9 both O
sides NOUN NNS nsubj 10 side O
met VERB VBD ROOT 10 meet O
in ADP IN prep 10 in O
Geneva_ PROPN NNP pobj 11 Geneva B-GPE
. PUNCT . punct 10 . O
"""


def test_scaling_both_sides_reads_the_paragraph_break_locally():
    reads = []
    for times in (2, 8):
        doc = make_doc(BOTH_SIDES, times, CountingDoc)
        CountingDoc.text_reads = 0
        result = extract_doc(doc, Source("t", doc.text))
        reads.append(CountingDoc.text_reads)
        met = {(t.subject, t.relation, t.object) for t in result.triples if t.rule == "reciprocal"}
        assert met == {("state/TCD", "consult", "state/NER"), ("state/NER", "consult", "state/TCD")}
    assert reads[0] == reads[1]  # the whole text is not rebuilt for each "both sides"


# a bare title refers back to the official named with it
TITLE_BACK = """
Foreign PROPN NNP compound 1 Foreign O
Minister PROPN NNP compound 3 Minister O
Ana PROPN NNP compound 3 Ana B-PERSON
Ruiz PROPN NNP nsubj 6 Ruiz I-PERSON
of ADP IN prep 3 of O
Chile PROPN NNP pobj 4 Chile B-GPE
visited VERB VBD ROOT 6 visit O
Lima PROPN NNP dobj 6 Lima B-GPE
on ADP IN prep 6 on O
Monday_ PROPN NNP pobj 8 Monday B-DATE
. PUNCT . punct 6 . O
The DET DT det 12 the O
minister NOUN NN nsubj 13 minister O
criticised VERB VBD ROOT 13 criticise O
Bolivia_ PROPN NNP dobj 13 Bolivia B-GPE
. PUNCT . punct 13 . O
"""
# a bare title with nobody named before it: its holder is looked for in the next sentences
TITLE_AHEAD = """
The DET DT det 1 the O
minister NOUN NN nsubj 2 minister O
criticised VERB VBD ROOT 2 criticise O
Bolivia PROPN NNP dobj 2 Bolivia B-GPE
on ADP IN prep 2 on O
Monday_ PROPN NNP pobj 4 Monday B-DATE
. PUNCT . punct 2 . O
"""


def test_scaling_title_anaphora_compares_each_title_once(monkeypatch):
    """Each mention of the official does not add their title again, and a person named several times
    within the window is judged once per bare title."""
    from kg.extract import title_anaphora

    calls = {}
    fits = title_anaphora.title_fits

    def counting(wanted, title):
        calls[times] += 1
        return fits(wanted, title)

    monkeypatch.setattr(title_anaphora, "title_fits", counting)
    for times in (4, 16):
        calls[times] = 0
        doc = make_doc(TITLE_BACK, times)
        result = extract_doc(doc, Source("t", doc.text))
        assert ("person/ana-ruiz", "accuse", "state/BOL") in {(t.subject, t.relation, t.object) for t in result.triples}
    assert calls[16] <= 4 * calls[4]  # linear: four times the text, at most four times the comparisons


class CountingList(list):
    """A list that counts the items iterated over (a slice or an index is no scan)."""

    seen = 0

    def __iter__(self):
        for x in super().__iter__():
            CountingList.seen += 1
            yield x


def test_scaling_title_anaphora_looks_ahead_within_its_sentences():
    """A bare title that fits nobody before it looks at the next two sentences' mentions, not the whole
    document's."""
    from kg.extract import title_anaphora
    from kg.extract.entities import DocEntities

    seen = {}
    for times in (4, 16):
        doc = make_doc(TITLE_AHEAD, times)
        ents = DocEntities(doc, "t")
        ents.mentions = CountingList(ents.mentions)
        CountingList.seen = 0
        anaphors = [tok for tok in doc if tok.lower_ == "minister"]
        assert [title_anaphora.title_anaphor(ents, tok, create=False) for tok in anaphors] == [None] * times
        seen[times] = CountingList.seen
    assert seen[16] <= 4 * seen[4]
