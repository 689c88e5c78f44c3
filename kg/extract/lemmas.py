"""spaCy's rule lemmatizer with its answers kept per (word, part of speech, morphology): the same lemmas,
without a Python call per token.

spaCy's ``Lemmatizer`` in "rule" mode makes a Token, reads its part of speech and morphology and looks the
word up, for every token; its own cache is consulted only after the base-form test, which builds the
morphology's dict each time, and stores only the words that reach the rule tables. A lemma depends on
nothing but the word, its part of speech and its morphology (``rule_lemmatize`` reads no other attribute),
so ``CachedLemmatizer`` reads those three columns of a Doc at once, asks the lemmatizer once per new
combination, and writes the lemma column back (``Doc.from_array``). Lemmas already set are kept unless the
lemmatizer overwrites them, as spaCy's does.

The lemmas are kept as strings and added to the Doc's string store per Doc: a string added inside a memory
zone (``kg.pipeline`` parses in them) leaves the store with the zone, and the next Doc must add it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors

NAME = "lemmatizer"
MAX_KEPT = 500_000  # (word, part of speech, morphology) combinations remembered at most


class CachedLemmatizer:
    """Stands in for the pipeline's rule lemmatizer; everything but lemmatizing is the wrapped one's."""

    def __init__(self, component) -> None:
        self.component = component
        self.lemmas: dict[tuple[int, int, int], str] = {}

    def __getattr__(self, name: str):
        return getattr(self.component, name)

    def __call__(self, doc):
        lemmatizer = self.component
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)
        try:
            return self._lemmatize(doc)
        except Exception as exc:  # noqa: BLE001 — the component's error handler decides, as spaCy's __call__ does
            lemmatizer.get_error_handler()(lemmatizer.name, lemmatizer, [doc], exc)
            return doc

    def pipe(self, docs: Iterable, *, batch_size: int = 128) -> Iterator:
        for doc in docs:
            yield self(doc)

    def _lemmatize(self, doc):
        if not len(doc):
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        overwrite = self.component.overwrite
        strings = doc.vocab.strings
        added: dict[str, int] = {}  # lemma → its hash, added to the store once in this Doc
        column = arr[:, 3].tolist()
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            form = self.lemmas.get(key)
            if form is None:
                form = self.component.lemmatize(doc[i])[0]
                if len(self.lemmas) < MAX_KEPT:
                    self.lemmas[key] = form
            h = added.get(form)
            if h is None:
                h = added[form] = strings.add(form)
            column[i] = h
        arr[:, 3] = column
        doc.from_array([LEMMA], arr[:, 3:4])
        return doc


def install(nlp) -> bool:
    """Put a ``CachedLemmatizer`` in place of the pipeline's rule-mode lemmatizer; False if it has none (or
    one in another mode, or already wrapped)."""
    from spacy.pipeline import Lemmatizer

    for i, (name, component) in enumerate(nlp._components):
        if name == NAME and isinstance(component, Lemmatizer) and component.mode == "rule":
            nlp._components[i] = (name, CachedLemmatizer(component))
            return True
    return False
