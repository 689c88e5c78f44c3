"""Records passed between stages: input text → Source; extraction → Entity, Triple, Rejected; → DocResult.

Plain frozen dataclasses with strings and offsets only, so that nothing after extraction needs spaCy
and duplicate facts collapse when they are put in a set.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """One input document: its identifier (file name or JSONL ``id``), its text and what we know of it."""

    identifier: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    url: str | None = None
    origin: str | None = None  # path or "file.jsonl:12", for messages


@dataclass(frozen=True)
class Entity:
    """A real-world actor or place, keyed by a stable slug that becomes its IRI."""

    key: str  # e.g. "state/PAK", "group/lashkar-e-taiba", "person/james-mattis"
    label: str
    cls: str  # one of kg.vocab.ENTITY_CLASSES
    iso: str | None = None
    title: str | None = None
    alt_labels: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Triple:
    """A relation between two entities, with the sentence it was read from."""

    subject: str  # Entity.key
    relation: str  # a name of kg.vocab.RELATIONS: officialOf, consult, ...
    object: str  # Entity.key
    evidence: str
    char_start: int
    char_end: int
    rule: str
    confidence: float
    date: str | None = None
    modality: str | None = None  # "hypothetical" | "future" | "alleged"
    sector: str | None = None  # actor sector, e.g. "GOV", "MIL" (kg.vocab.SECTORS)
    issue: str | None = None  # what an accusation or demand is about: "sheltering militants"


@dataclass(frozen=True)
class Rejected:
    """A candidate relation that was not asserted, and why."""

    subject: str
    relation: str
    object: str
    evidence: str
    reason: str


@dataclass(frozen=True)
class DocResult:
    """Everything extracted from one Source."""

    source: Source
    entities: tuple[Entity, ...]
    triples: tuple[Triple, ...]
    rejected: tuple[Rejected, ...] = ()
    words: int = 0


@dataclass
class Skipped:
    """An input that could not be read, and why (reported, never fatal)."""

    origin: str
    reason: str


@dataclass
class BuildReport:
    """What a build did: counts, skipped inputs and rejected candidates."""

    documents: int = 0
    unchanged: int = 0
    words: int = 0
    entities: int = 0
    relations: int = 0  # distinct (subject, relation, object) triples: kg analyze's "relations"
    statements: int = 0  # relation statements, one per evidence sentence and document: kg analyze's "evidence"
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    entity_classes: dict[str, int] = field(default_factory=dict)
    relation_types: dict[str, int] = field(default_factory=dict)  # distinct triples per relation
    rules: dict[str, int] = field(default_factory=dict)  # statements per extraction rule

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "unchanged": self.unchanged,
            "words": self.words,
            "entities": self.entities,
            "relations": self.relations,
            "statements": self.statements,
            "entity_classes": dict(sorted(self.entity_classes.items())),
            "relation_types": dict(sorted(self.relation_types.items())),
            "rules": dict(sorted(self.rules.items())),
            "skipped": [{"input": s.origin, "reason": s.reason} for s in self.skipped],
            "warnings": list(self.warnings),
            "rejected": [
                {"subject": r.subject, "relation": r.relation, "object": r.object, "reason": r.reason,
                 "evidence": r.evidence.strip()}
                for r in self.rejected
            ],
        }
