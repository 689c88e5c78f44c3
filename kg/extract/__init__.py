"""Sources → (spaCy) → DocResults: entities, structural and PLOVER-typed triples, rejected candidates.

``extract_sources`` streams Sources through ``nlp.pipe`` with geokg's spaCy components
(``components.py``: ``geokg_entities``, ``geokg_relations``), each Source set on its Doc as
``doc._.geokg_source`` before the components run; texts longer than ``settings.MAX_CHUNK_CHARS`` are
split at paragraph or sentence boundaries (``doc._.geokg_offset`` shifts every offset back to the full
text) and the chunks' results merged. ``extract_doc`` is the same two steps over one parsed Doc.

The flow inside one document, module by module:

- ``geokg_entities`` (``entities.DocEntities``, the registry): mentions (``mentions.py`` the gazetteer's,
  ``finder.py`` the others, ``military.py`` formations) → peoples (``peoples.py``), organs and
  collectives (``nominals.py``, reading ``qualifiers.py``), persons (``persons.py``), titles
  (``titles.py``) and officials (``officials.py``, ``roles.py`` the dated roles), structural statements
  (``structure.py``, ``formations.py``); who a token stands for: ``coref.py``, ``title_anaphora.py``;
- ``geokg_relations`` (``triples.relate``): event candidates by dependency rules (``relations.py`` with
  ``triggers.py``, ``arguments.py``, ``statements.py``, ``mediation.py``, ``speech.py``; word lists in
  ``eventwords.py``) → negation and modality (``modality.py``), dates (``dates.py``) → Triple / Rejected.

To add a rule: write it in the module of its construction and name it in ``registry.py``; word lists of
the data files are read through ``gazetteer.py`` and ``lexicon.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kg.settings import MAX_CHUNK_CHARS, MAX_TOKEN_CHARS
from kg.types import DocResult, Entity, Source, Triple

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_doc", "extract_piece", "extract_sources", "split_text"]


def extract_doc(doc, source: Source, offset: int = 0, without: frozenset[str] = frozenset()) -> DocResult:
    """Entities and triples of one parsed document (``kg.extract.triples.extract_doc``)."""
    from kg.extract.triples import extract_doc as extract

    return extract(doc, source, offset, without)


# ---------------------------------------------------------------------------------------------- streaming


def split_text(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, chunk) pieces of at most ``limit`` characters, cut at paragraph, then sentence, then space."""
    if len(text) <= limit:
        return [(0, text)]
    out = []
    start = 0
    n = len(text)
    while start < n:
        end = min(start + limit, n)
        if end < n:
            window = text[start:end]
            cut = -1
            for sep in ("\n\n", "\n", ". ", "? ", "! ", " "):
                k = window.rfind(sep)
                if k > limit // 4:
                    cut = k + len(sep)
                    break
            end = start + cut if cut > 0 else end
        out.append((start, text[start:end]))
        start = end
    return out


_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LONG_RUN = re.compile(rf"\S{{{MAX_TOKEN_CHARS}}}")


def parseable(text: str) -> str:
    """Text spaCy can tokenize in linear time, of the same length (offsets stay valid): lone surrogates
    become U+FFFD, and every MAX_TOKEN_CHARS-th character of a run without whitespace becomes a space
    (the tokenizer is quadratic in such runs)."""
    text = _SURROGATE.sub("\ufffd", text)
    if len(text) >= MAX_TOKEN_CHARS and _LONG_RUN.search(text):
        text = _LONG_RUN.sub(lambda m: m.group(0)[:-1] + " ", text)
    return text


def merge_entity(first: Entity, later: Entity) -> Entity:
    """One entity of two descriptions of it from the pieces of a long text (``first`` from the earlier): the
    first label; an Official if either made it one, else the first class; ISO code and title from the first
    that has them; every other name of both."""
    cls = "Official" if "Official" in (first.cls, later.cls) else first.cls
    return Entity(first.key, first.label, cls, first.iso or later.iso, first.title or later.title,
                  first.alt_labels | later.alt_labels)


def distinct_triples(triples: Iterable[Triple]) -> dict[tuple, Triple]:
    """Each statement once: the first triple of each (subject, relation, object, start of its sentence).
    The pieces of a text never share a sentence, so this over each piece is this over the whole text."""
    out: dict[tuple, Triple] = {}
    for t in triples:
        out.setdefault((t.subject, t.relation, t.object, t.char_start), t)
    return out


def merge_chunks(source: Source, parts: list[DocResult]) -> DocResult:
    """One DocResult of the chunks of a long text: an entity once (``merge_entity``, in the order of the
    chunks), each triple once (``distinct_triples``), every rejected candidate, the words summed."""
    if len(parts) == 1:
        return parts[0]
    by_key: dict[str, Entity] = {}
    for p in parts:
        for e in p.entities:
            old = by_key.get(e.key)
            by_key[e.key] = e if old is None else merge_entity(old, e)
    triples = distinct_triples(t for p in parts for t in p.triples)
    return DocResult(
        source=source,
        entities=tuple(by_key.values()),
        triples=tuple(triples.values()),
        rejected=tuple(r for p in parts for r in p.rejected),
        words=sum(p.words for p in parts),
    )


def extract_sources(
    sources: Iterable[Source],
    nlp=None,
    batch_size: int = 64,
    n_process: int = 1,
    without: frozenset[str] = frozenset(),
    triage: bool | None = None,
) -> Iterator[DocResult]:
    """Parse Sources with ``nlp.pipe`` (streaming) and extract each; long texts are chunked and merged.
    ``without``: rules switched off (see ``extract_doc``); ``triage``: parse only the sentences that can
    hold a relation (``kg.extract.triage``; default ``settings.triage()``, $KG_TRIAGE)."""
    from kg.extract.components import ENTITIES, OFFSET, RELATIONS, RESULT, SOURCE
    from kg.extract.nlp import one_blas_thread

    # spaCy's worker processes send Docs back as msgpack, which carries no Source or DocResult: with
    # n_process > 1 the workers parse and geokg's components run here, on each parsed Doc
    local = n_process == 1
    nlp, cfg, disable = _pipe_options(nlp, without, triage, local)
    pending: dict[int, tuple[Source, int, list[DocResult | None]]] = {}

    def items() -> Iterator[tuple[Doc | str, tuple[int, int, int]]]:
        for n, s in enumerate(sources):
            chunks = split_text(s.text or "", MAX_CHUNK_CHARS)
            pending[n] = (s, len(chunks), [None] * len(chunks))
            for k, (off, chunk) in enumerate(chunks):
                text = parseable(chunk)
                yield (_with_inputs(nlp.make_doc(text), s, off) if local else text), (n, k, off)

    def _with_inputs(doc: Doc, source: Source, off: int) -> Doc:
        doc._.set(SOURCE, source)  # the document inputs the components read
        doc._.set(OFFSET, off)
        return doc

    next_out = 0
    docs = nlp.pipe(items(), as_tuples=True, batch_size=batch_size, n_process=n_process, component_cfg=cfg, disable=disable)
    with one_blas_thread():  # kg.extract.nlp.matmul_by_numpy: its small products, on one core
        for doc, (n, k, off) in docs:
            source, count, parts = pending[n]
            if not local:
                doc = nlp.get_pipe(RELATIONS)(nlp.get_pipe(ENTITIES)(_with_inputs(doc, source, off)), **cfg[RELATIONS])
            parts[k] = doc._.get(RESULT)
            # emit finished sources in input order
            while next_out in pending and all(p is not None for p in pending[next_out][2]):
                s, _, ps = pending.pop(next_out)
                yield merge_chunks(s, ps)  # type: ignore[arg-type]
                next_out += 1


def extract_piece(source: Source, text: str, offset: int, nlp=None, without: frozenset[str] = frozenset(),
                  triage: bool | None = None) -> DocResult:
    """The DocResult of one piece of a long text (``split_text``): ``text`` starts at ``offset`` in the
    document's text, and every offset of the result is in the whole text. The pieces' results are not merged
    here (see ``merge_chunks``; kg.pipeline writes them one by one): the same as one chunk of
    ``extract_sources``. Only ``source``'s identifier and date are read, not its text."""
    from kg.extract.components import OFFSET, RESULT, SOURCE
    from kg.extract.nlp import one_blas_thread

    nlp, cfg, disable = _pipe_options(nlp, without, triage, local=True)
    doc = nlp.make_doc(parseable(text))
    doc._.set(SOURCE, source)
    doc._.set(OFFSET, offset)
    with one_blas_thread():
        [doc] = nlp.pipe([doc], batch_size=1, component_cfg=cfg, disable=disable)
    return doc._.get(RESULT)


def _pipe_options(nlp, without: frozenset[str], triage: bool | None, local: bool) -> tuple:
    """(nlp, component_cfg, disable) for ``nlp.pipe``: the pipeline loaded if not given, geokg's components
    added; with ``local`` they run inside the pipe (else the caller runs them); the parse triage on or off."""
    if nlp is None:
        from kg.extract.nlp import load_nlp

        nlp = load_nlp()
    from kg.extract.components import ENTITIES, RELATIONS, TRIAGE, ensure
    from kg.settings import triage as triage_default

    if triage is None:
        triage = triage_default()
    ensure(nlp)  # paragraph breaks (sentences never cross a line break), entities, relations
    # the components make each chunk's DocResult; ``release`` leaves the Docs only spaCy-free records
    cfg = {RELATIONS: {"without": without, "release": True}}
    disable = [] if local else [ENTITIES, RELATIONS]
    if TRIAGE in nlp.pipe_names:
        disable.append("parser" if triage else TRIAGE)
    return nlp, cfg, disable
