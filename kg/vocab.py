"""The geokg vocabulary as plain Python → every module that names a class, a relation or a sector.

One table per kind of term, mirrored one for one by ``ontologies/geokg.ttl`` (tests/test_vocab.py
checks classes with their parents, relations with their parent, quad class and structural flag, and
every label, both ways):

- ``CLASSES``: the classes with their ``rdfs:subClassOf`` parents; the entity classes are those under
  Actor, Person or Place.
- ``RELATIONS``: the relations between entities, each either structural (a standing arrangement: who
  holds office where, who belongs to what, where things are) or an interaction with its PLOVER quad class.
- ``PROPERTIES``: the other ``gkg:`` terms (annotation and datatype properties, ``mentions``, the two
  parent relations), so that ``kg.rdf.namespace.GKG`` can be closed over exactly the ontology's terms.
- ``SECTORS``: the CAMEO-style actor sectors written as ``gkg:actorSector`` that ``kg/data/sectors.yaml``
  defines heads for, with their labels.

Adding a relation is one line in ``RELATIONS`` plus its definition in ``ontologies/geokg.ttl`` (and a
line in the README); everything else (the closed namespace, the network projection, the notebook's
filters, the query parameters) reads it from here. Nothing here imports rdflib or spaCy.

>>> RELATIONS["leaderOf"].parent, RELATIONS["leaderOf"].structural
('officialOf', True)
>>> RELATIONS["assault"].quad, RELATIONS["assault"].plover
('MaterialConflict', 'ASSAULT')
>>> subclasses("Group")
('ArmedGroup', 'InternationalOrganization', 'GovernmentBody')
>>> is_a("Official", "Actor"), is_a("Person", "Actor")
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ACTOR_CLASSES",
    "CLASSES",
    "ENTITY_CLASSES",
    "GROUP_CLASSES",
    "INTERACTIONS",
    "NAMESPACE",
    "OFFICE_SECTORS",
    "PLOVER_QUAD",
    "PROPERTIES",
    "QUAD_CLASSES",
    "RELATIONS",
    "RELATION_QUAD",
    "SECTORS",
    "STRUCTURAL",
    "Class",
    "Relation",
    "ancestors",
    "is_a",
    "subclasses",
    "terms",
]

NAMESPACE = "https://w3id.org/geokg/ontology#"


@dataclass(frozen=True)
class Class:
    """An ``owl:Class`` of the ontology: its local name, its direct parents and its English label."""

    name: str
    parents: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Relation:
    """An ``owl:ObjectProperty`` between entities: its parent property, label and PLOVER quad class.

    ``quad`` is None for the structural relations (children of ``gkg:structuralRelation``, directly or
    through ``officialOf``); an interaction carries its quad class and the upper-case PLOVER code.
    """

    name: str
    parent: str
    label: str
    quad: str | None = None

    @property
    def structural(self) -> bool:
        return self.quad is None

    @property
    def plover(self) -> str | None:
        return None if self.quad is None else self.name.upper()


def _classes(*rows: Class) -> dict[str, Class]:
    return {c.name: c for c in rows}


CLASSES: dict[str, Class] = _classes(
    Class("Actor", (), "actor"),
    Class("State", ("Actor",), "state"),
    Class("Group", ("Actor",), "group"),
    Class("ArmedGroup", ("Group",), "armed group"),
    Class("InternationalOrganization", ("Group",), "international organization"),
    Class("GovernmentBody", ("Group",), "government body"),
    Class("Official", ("Person", "Actor"), "official"),
    Class("Person", (), "person"),
    Class("Place", (), "place"),
    Class("Document", (), "document"),
    Class("QuadClass", (), "quad class"),
)
"""Every class in the ontology with its direct ``rdfs:subClassOf`` parents."""

ENTITY_CLASSES: tuple[str, ...] = (
    "Official",
    "ArmedGroup",
    "InternationalOrganization",
    "GovernmentBody",
    "State",
    "Place",
    "Person",
    "Group",
    "Actor",
)
"""The classes an entity can have, most specific first: an entity is shown as the first of its classes
here (every class comes before its parents; tests/test_vocab.py checks it)."""

GROUP_CLASSES: frozenset[str] = frozenset({"Group", "ArmedGroup", "InternationalOrganization", "GovernmentBody"})
"""Group and its subclasses."""

ACTOR_CLASSES: frozenset[str] = frozenset(
    {"State", "Group", "ArmedGroup", "InternationalOrganization", "GovernmentBody", "Official"}
)
"""The classes below Actor: the entities that take part in events."""

QUAD_CLASSES: dict[str, str] = {
    "VerbalCooperation": "verbal cooperation",
    "MaterialCooperation": "material cooperation",
    "VerbalConflict": "verbal conflict",
    "MaterialConflict": "material conflict",
}
"""The four ``gkg:QuadClass`` individuals (verbal/material × cooperation/conflict) with their labels."""


def _relations(*rows: Relation) -> dict[str, Relation]:
    return {r.name: r for r in rows}


RELATIONS: dict[str, Relation] = _relations(
    # structural
    Relation("officialOf", "structuralRelation", "official of"),
    Relation("leaderOf", "officialOf", "leader of"),
    Relation("memberOf", "structuralRelation", "member of"),
    Relation("basedIn", "structuralRelation", "based in"),
    Relation("partOf", "structuralRelation", "part of"),
    Relation("locatedIn", "structuralRelation", "located in"),
    # interactions, one per PLOVER event type, in PLOVER order
    Relation("agree", "interaction", "agree", "VerbalCooperation"),
    Relation("consult", "interaction", "consult", "VerbalCooperation"),
    Relation("support", "interaction", "support", "VerbalCooperation"),
    Relation("concede", "interaction", "concede", "VerbalCooperation"),
    Relation("cooperate", "interaction", "cooperate", "MaterialCooperation"),
    Relation("aid", "interaction", "aid", "MaterialCooperation"),
    Relation("retreat", "interaction", "retreat", "MaterialCooperation"),
    Relation("request", "interaction", "request", "VerbalConflict"),
    Relation("accuse", "interaction", "accuse", "VerbalConflict"),
    Relation("reject", "interaction", "reject", "VerbalConflict"),
    Relation("threaten", "interaction", "threaten", "VerbalConflict"),
    Relation("protest", "interaction", "protest", "MaterialConflict"),
    Relation("sanction", "interaction", "sanction", "MaterialConflict"),
    Relation("mobilize", "interaction", "mobilize", "MaterialConflict"),
    Relation("coerce", "interaction", "coerce", "MaterialConflict"),
    Relation("assault", "interaction", "assault", "MaterialConflict"),
)
"""The relations asserted between entities: the structural ones first, then the interactions."""

STRUCTURAL: tuple[str, ...] = tuple(r.name for r in RELATIONS.values() if r.structural)
"""The standing (non-event) relations."""

PLOVER_QUAD: dict[str, str] = {r.name: r.quad for r in RELATIONS.values() if r.quad is not None}
"""Local name of each interaction property → local name of its gkg:QuadClass, in PLOVER order."""

INTERACTIONS: tuple[str, ...] = tuple(PLOVER_QUAD)
"""The sixteen interaction properties, in PLOVER order."""

RELATION_QUAD: dict[str, str] = {r.name: r.quad or "Structural" for r in RELATIONS.values()}
"""Relation local name → its quad class, or "Structural" for the standing relations."""

PROPERTIES: dict[str, str] = {
    # parents of the relations above (never asserted directly)
    "structuralRelation": "structural relation",
    "interaction": "interaction",
    # annotation properties on the interaction properties
    "quadClass": "quad class",
    "plover": "PLOVER code",
    # document → entity
    "mentions": "mentions",
    # datatype properties on entities and documents
    "countryCode": "country code",
    "isoCode": "ISO code",
    "isoAlpha2": "ISO alpha-2 code",
    "isoNumeric": "ISO numeric code",
    "gwCode": "Gleditsch-Ward code",
    "cameoCode": "CAMEO country code",
    "title": "title",
    "contentHash": "content hash",
    # derived counts in the stats graph (kg.rdf.stats)
    "partnerCount": "partner count",
    "reportCount": "report count",
    "statementCount": "statement count",
    "eventCount": "event count",
    "rolledUpEventCount": "rolled-up event count",
    "eventStatementCount": "event statement count",
    "rollsUpTo": "rolls up to",
    "documentRank": "document rank",
    # datatype properties on rdf:Statement (provenance)
    "evidence": "evidence",
    "charStart": "start offset",
    "charEnd": "end offset",
    "confidence": "confidence",
    "rule": "rule",
    "date": "date",
    "modality": "modality",
    "actorSector": "actor sector",
    "issue": "issue",
}
"""The ontology's other properties, local name → label."""

SECTORS: dict[str, str] = {
    "GOV": "Government",
    "MIL": "Military",
    "COP": "Police and internal security",
    "JUD": "Judiciary",
    "LEG": "Legislature",
    "OPP": "Opposition",
    "REB": "Rebels and militants",
    "UAF": "Unidentified armed forces",
    "MED": "Media",
    "BUS": "Business",
    "CVL": "Civilians",
    "REF": "Refugees and displaced people",
    "SPY": "Intelligence",
    "NGO": "Non-governmental and humanitarian organisations",
    "REL": "Religious",
}
"""Actor sector code → label, as ``kg/data/sectors.yaml`` defines them (tests/test_vocab.py checks). The
converted agents dictionary (``kg/data/agents.tsv``) uses further CAMEO codes as they come."""

OFFICE_SECTORS: tuple[str, ...] = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")
"""Sectors whose roles are offices of a state (an official of that state, not a private person)."""


def terms() -> tuple[str, ...]:
    """Every local name of the ``gkg:`` namespace: classes, quad classes, relations, other properties."""
    return (*CLASSES, *QUAD_CLASSES, *RELATIONS, *PROPERTIES)


def ancestors(name: str) -> tuple[str, ...]:
    """Every class ``name`` is a subclass of, nearest first, without repeats.

    >>> ancestors("ArmedGroup"), ancestors("Official")
    (('Group', 'Actor'), ('Person', 'Actor'))
    """
    found: list[str] = []
    todo = list(CLASSES[name].parents)
    while todo:
        parent = todo.pop(0)
        if parent not in found:
            found.append(parent)
            todo.extend(CLASSES[parent].parents)
    return tuple(found)


def is_a(name: str, cls: str) -> bool:
    """Is class ``name`` the class ``cls`` or one of its subclasses?"""
    return name == cls or cls in ancestors(name)


def subclasses(name: str) -> tuple[str, ...]:
    """Every class below ``name`` (direct or not), in ontology order."""
    return tuple(c for c in CLASSES if c != name and name in ancestors(c))
