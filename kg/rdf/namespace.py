"""Vocabulary names → IRIs: the closed ``gkg:`` namespace and the other namespaces geokg writes.

``GKG`` mirrors ``kg/ontologies/geokg.ttl`` term for term (tests/test_ontology.py checks both ways).
It is closed, so a misspelt term fails at once instead of minting a new IRI:

>>> GKG.consult
rdflib.term.URIRef('https://w3id.org/geokg/ontology#consult')
>>> GKG.assualt
Traceback (most recent call last):
    ...
AttributeError: term 'assualt' not in namespace 'https://w3id.org/geokg/ontology#'
>>> PLOVER_QUAD["assault"]
'MaterialConflict'
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = [
    "DOC",
    "ENTITIES_GRAPH",
    "GKG",
    "ID",
    "INTERACTIONS",
    "PLOVER_QUAD",
    "PROV",
    "QUAD_CLASSES",
    "STATS_GRAPH",
    "STRUCTURAL",
    "bind_prefixes",
]


class GKG(DefinedNamespace):
    """The geokg ontology, ``https://w3id.org/geokg/ontology#`` (prefix ``gkg``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/geokg/ontology#")

    # Classes
    Actor: URIRef  # Anything that acts or is acted upon in a political event.
    State: URIRef  # A sovereign country; has gkg:isoCode.
    Group: URIRef  # An organised collective acting under one name.
    ArmedGroup: URIRef  # A non-state organisation using organised violence.
    InternationalOrganization: URIRef  # A body of states or with a cross-border remit (UN, NATO).
    GovernmentBody: URIRef  # A ministry, legislature, court, army or agency of a state.
    Person: URIRef  # An individual human being.
    Official: URIRef  # A person acting for a state or group by virtue of an office.
    Place: URIRef  # A city, province, region or other sub- or cross-state location.
    Document: URIRef  # A source text that statements were extracted from.
    QuadClass: URIRef  # One of the four verbal/material x cooperation/conflict event families.

    # Quad classes (individuals of gkg:QuadClass)
    VerbalCooperation: URIRef  # agree, consult, support, concede.
    MaterialCooperation: URIRef  # cooperate, aid, retreat.
    VerbalConflict: URIRef  # request, accuse, reject, threaten.
    MaterialConflict: URIRef  # protest, sanction, mobilize, coerce, assault.

    # Annotation properties on the interaction properties
    quadClass: URIRef  # The quad class of an interaction property.
    plover: URIRef  # The upper-case PLOVER code of an interaction property ("CONSULT").

    # Structural relations
    structuralRelation: URIRef  # Parent of the standing (non-event) relations.
    officialOf: URIRef  # Official -> the state or group they hold office in.
    leaderOf: URIRef  # Official -> the state or group they lead; implies officialOf.
    memberOf: URIRef  # Actor -> a group it belongs to.
    basedIn: URIRef  # Group -> the state or place it is headquartered or operates in.
    partOf: URIRef  # GovernmentBody or Group -> the state or group it is a standing part of.
    locatedIn: URIRef  # Place -> the place or state containing it.

    # Document -> entity
    mentions: URIRef  # Document -> an entity named in it.

    # Interactions, one per PLOVER event type
    interaction: URIRef  # Parent of the sixteen event properties (Actor -> Actor).
    agree: URIRef  # Commit or offer to commit to a course of action.
    consult: URIRef  # Meet, visit, call, negotiate.
    support: URIRef  # Back in words: praise, endorse, recognise.
    concede: URIRef  # Give ground: yield to demands, ease restrictions, release detainees.
    cooperate: URIRef  # Work together in practice: economic, military, judicial, intelligence.
    aid: URIRef  # Give material help: money, arms, relief, asylum.
    retreat: URIRef  # De-escalate: withdraw, demobilise, observe a ceasefire, lift a sanction.
    request: URIRef  # Ask for or demand something.
    accuse: URIRef  # Criticise, condemn, blame.
    reject: URIRef  # Refuse, veto, deny.
    threaten: URIRef  # Warn of harm unless the other complies.
    protest: URIRef  # Demonstrate, strike, boycott, riot.
    sanction: URIRef  # Punish without force: cut ties, embargo, expel diplomats.
    mobilize: URIRef  # Ready force without using it: alerts, deployments.
    coerce: URIRef  # Force short of attack: arrests, seizures, bans.
    assault: URIRef  # Use violence: attacks, strikes, bombings, killings.

    # Datatype properties on entities and documents
    countryCode: URIRef  # Parent of a state's codes in outside classifications.
    isoCode: URIRef  # State -> ISO 3166-1 alpha-3 code ("PAK").
    isoAlpha2: URIRef  # State -> ISO 3166-1 alpha-2 code ("PK").
    isoNumeric: URIRef  # State -> ISO 3166-1 numeric code, = UN M49 for countries ("586").
    gwCode: URIRef  # State -> Gleditsch-Ward number, as in UCDP (770, xsd:integer).
    cameoCode: URIRef  # State -> CAMEO country code ("PAK"; "KSV" for Kosovo).
    title: URIRef  # Official -> office as written ("Secretary of Defense").
    contentHash: URIRef  # Document -> digest of its text, to detect changes.

    # Derived counts in the stats graph (kg.rdf.stats)
    partnerCount: URIRef  # Actor -> distinct actors it has a relation with.
    reportCount: URIRef  # Actor -> its relations, counted once per document stating them.
    statementCount: URIRef  # Document -> the statements derived from it.

    # Datatype properties on rdf:Statement (provenance)
    evidence: URIRef  # The sentence the statement was read from.
    charStart: URIRef  # Offset where the evidence sentence starts (xsd:integer).
    charEnd: URIRef  # Offset just past the end of the evidence sentence (xsd:integer).
    confidence: URIRef  # Extractor's confidence, xsd:decimal in [0, 1].
    rule: URIRef  # Name of the extraction rule that produced the statement.
    date: URIRef  # When the event happened (xsd:date), if the text says.
    modality: URIRef  # "hypothetical" or "future"; absent for reported facts.
    actorSector: URIRef  # CAMEO-style sector of the named actor part (GOV, MIL, REB, ...).


ID = Namespace("https://w3id.org/geokg/id/")
DOC = Namespace("https://w3id.org/geokg/doc/")
ENTITIES_GRAPH = URIRef("https://w3id.org/geokg/graph/entities")
"""The named graph holding each entity's description (type, label, ISO code, title) once for all documents."""
STATS_GRAPH = URIRef("https://w3id.org/geokg/graph/stats")
"""The named graph of derived per-actor counts (kg.rdf.stats); absent while they are being recomputed."""

STRUCTURAL: tuple[str, ...] = ("officialOf", "leaderOf", "memberOf", "basedIn", "partOf", "locatedIn")

PLOVER_QUAD: dict[str, str] = {
    "agree": "VerbalCooperation",
    "consult": "VerbalCooperation",
    "support": "VerbalCooperation",
    "concede": "VerbalCooperation",
    "cooperate": "MaterialCooperation",
    "aid": "MaterialCooperation",
    "retreat": "MaterialCooperation",
    "request": "VerbalConflict",
    "accuse": "VerbalConflict",
    "reject": "VerbalConflict",
    "threaten": "VerbalConflict",
    "protest": "MaterialConflict",
    "sanction": "MaterialConflict",
    "mobilize": "MaterialConflict",
    "coerce": "MaterialConflict",
    "assault": "MaterialConflict",
}
"""Local name of each interaction property → local name of its gkg:QuadClass."""

INTERACTIONS: tuple[str, ...] = tuple(PLOVER_QUAD)
"""The sixteen interaction properties, in PLOVER order."""

QUAD_CLASSES: tuple[str, ...] = (
    "VerbalCooperation",
    "MaterialCooperation",
    "VerbalConflict",
    "MaterialConflict",
)

PREFIXES: dict[str, str] = {
    "gkg": str(GKG),
    "id": str(ID),
    "doc": str(DOC),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "owl": str(OWL),
}


"""The prefixes geokg writes and reads everywhere: serializations, the endpoint, tables and DataFrames."""


def shorten(iri: str, prefixes: dict[str, str] = PREFIXES) -> str:
    """``https://w3id.org/geokg/id/state/PAK`` → ``id:state/PAK`` (longest matching namespace wins).

    >>> shorten("https://w3id.org/geokg/ontology#consult")
    'gkg:consult'
    >>> shorten("http://example.org/x")
    'http://example.org/x'
    """
    best = max((ns for ns in prefixes.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in prefixes.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the geokg prefixes on ``graph`` (replacing other bindings of those prefixes); return it.

    >>> g = bind_prefixes(Graph())
    >>> dict(g.namespaces())["gkg"]
    rdflib.term.URIRef('https://w3id.org/geokg/ontology#')
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
