"""A name a user typed → one entity IRI: the one resolver behind ``kg query -p``, the notebook, ``kg viz --focus``
and ``kg analyze --between``.

The policy, wherever a name is accepted:

1. An IRI (``<...>``, ``https://...``, ``urn:...`` or a CURIE such as ``id:state/PAK``) is taken as given
   if the graph describes it (a label or a type); otherwise it is an error naming close IRIs.
2. Otherwise the name is compared exactly with every ``gkg:isoCode``, ``rdfs:label`` and ``skos:altLabel``;
   if nothing matches, the same ignoring case. The best kind of match wins: ISO code, then label, then
   alternative label.
3. Several entities with the best kind of match is an error listing each (label, class, IRI): the user picks
   one by giving its IRI. Nothing is picked silently.
4. No match is an error naming close names.

Where the names come from is a :class:`Names`: :class:`StoreNames` asks a store with SPARQL (the CLI, the
notebook), :class:`TableNames` reads rows in memory (the networkx graph of ``kg viz`` and ``kg analyze``).

>>> names = TableNames([
...     Known("https://w3id.org/geokg/id/state/GEO", "Georgia", "State", iso="GEO"),
...     Known("https://w3id.org/geokg/id/place/georgia", "Georgia", "Place"),
...     Known("https://w3id.org/geokg/id/state/PAK", "Pakistan", "State", iso="PAK"),
... ])
>>> resolve(names, "pakistan"), resolve(names, "GEO")
('https://w3id.org/geokg/id/state/PAK', 'https://w3id.org/geokg/id/state/GEO')
>>> resolve(names, "Georgia", "focus")
Traceback (most recent call last):
  ...
kg.rdf.resolve.AmbiguousName: ambiguous name 'Georgia' for ?focus: it names 2 entities: 'Georgia' (Place) <https://w3id.org/geokg/id/place/georgia>, 'Georgia' (State) <https://w3id.org/geokg/id/state/GEO>; give the one you mean by its IRI, e.g. <https://w3id.org/geokg/id/place/georgia>
>>> resolve(names, "id:place/georgia")
'https://w3id.org/geokg/id/place/georgia'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from rdflib import Literal, URIRef

from kg.errors import QueryError, UsageError
from kg.rdf.namespace import GKG, PREFIXES
from kg.vocab import ENTITY_CLASSES

__all__ = [
    "AmbiguousName",
    "Known",
    "Names",
    "StoreNames",
    "TableNames",
    "UnknownName",
    "expand",
    "resolve",
    "resolve_entity",
]

ISO, LABEL, ALT_LABEL = 0, 1, 2  # kinds of match, best first
SHOWN = 5  # candidates listed in an ambiguity error

_IRI_RE = re.compile(r"^(?:https?|urn|file):\S+$")
_CURIE_RE = re.compile(rf"^({'|'.join(PREFIXES)}):(\S*)$")


class UnknownName(QueryError, UsageError):
    """No entity has this name or IRI."""


class AmbiguousName(QueryError, UsageError):
    """Several entities have this name equally well."""


@dataclass(frozen=True)
class Known:
    """An entity as the resolver sees it: IRI, label, class and its other names."""

    iri: str
    label: str
    cls: str
    iso: str | None = None
    alt_labels: tuple[str, ...] = ()


class Names(Protocol):
    """Where names are looked up: matches of one name (exact, or ignoring case), and what an IRI is."""

    def matches(self, name: str, any_case: bool) -> list[tuple[str, int]]:
        """(IRI, kind of match) for every entity with this name: ISO code, label or alternative label."""
        ...

    def describe(self, iri: str) -> tuple[str, str] | None:
        """(label, class) of the node with this IRI, or None if the graph gives it no label and no type."""
        ...

    def all_names(self) -> list[str]:
        """Every label and alternative label (for the close matches of an unknown name)."""
        ...

    def all_iris(self) -> list[str]:
        """Every entity IRI (for the close matches of an unknown IRI)."""
        ...


def expand(name: str) -> URIRef | None:
    """An IRI written as ``<...>``, ``http(s)://...``/``urn:...`` or a known CURIE; else None.

    >>> expand("gkg:State")
    rdflib.term.URIRef('https://w3id.org/geokg/ontology#State')
    >>> expand("Pakistan") is None
    True
    """
    text = name.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if m := _CURIE_RE.match(text):
        return URIRef(PREFIXES[m.group(1)] + m.group(2))
    if _IRI_RE.match(text):
        return URIRef(text)
    return None


def resolve(names: Names, name: str, param: str | None = None) -> str:
    """The IRI of the one entity ``name`` stands for (see the module docstring for the policy).

    ``param`` names the parameter in messages (``for ?org``). Raises :class:`UnknownName` or
    :class:`AmbiguousName`, both :class:`~kg.errors.QueryError`.
    """
    where = f" for ?{param}" if param else ""
    if not isinstance(name, str) or not name.strip():
        raise UnknownName(f"invalid entity name {name!r}{where}; valid: a label, alternative label, ISO code or IRI")
    name = name.strip()
    iri = expand(name)
    if iri is not None:
        if names.describe(str(iri)) is not None:
            return str(iri)
        close = difflib.get_close_matches(str(iri), names.all_iris(), n=3, cutoff=0.8)
        hint = f"; did you mean: {', '.join(f'<{c}>' for c in close)}?" if close else ""
        raise UnknownName(f"unknown entity {name!r}{where}: no entity has this IRI{hint}")
    rows = names.matches(name, any_case=False) or names.matches(name, any_case=True)
    if not rows:
        wanted = name.strip().casefold()
        folded = {n.casefold(): n for n in sorted(set(names.all_names()))}
        close = [folded[c] for c in difflib.get_close_matches(wanted, list(folded), n=5, cutoff=0.6)]
        hint = "; did you mean: " + ", ".join(repr(c) for c in close) + "?" if close else "; no entity has a similar name"
        raise UnknownName(
            f"unknown entity {name!r}{where}{hint} (valid: a label, alternative label or ISO code, any case, "
            "as `kg query actors` lists them, or an IRI)"
        )
    best = min(how for _, how in rows)
    found = sorted({iri for iri, how in rows if how == best})
    if len(found) == 1:
        return found[0]
    shown = []
    for candidate in found[:SHOWN]:
        label, cls = names.describe(candidate) or (name, "entity")
        shown.append(f"{label!r} ({cls}) <{candidate}>")
    more = f" and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    raise AmbiguousName(
        f"ambiguous name {name!r}{where}: it names {len(found)} entities: {', '.join(shown)}{more}; "
        f"give the one you mean by its IRI, e.g. <{found[0]}>"
    )


def resolve_entity(store, name: str, param: str | None = None) -> URIRef:
    """The IRI of the entity ``name`` stands for in ``store`` (a GraphStore or RemoteStore)."""
    return URIRef(resolve(StoreNames(store), name, param))


def most_specific(classes: Iterable[str]) -> str:
    """The class an entity is shown as: the first of ``kg.vocab.ENTITY_CLASSES`` it has, else "entity"."""
    have = set(classes)
    return next((c for c in ENTITY_CLASSES if c in have), "entity")


# ------------------------------------------------------------------------------------------ in a store

_PREFIXES = """PREFIX gkg: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# ?how ranks a match: ISO code 0, preferred label 1, alternative label 2.
EXACT_NAME = _PREFIXES + """SELECT DISTINCT ?e ?how ?name WHERE {
  { ?e gkg:isoCode ?name BIND(0 AS ?how) } UNION { ?e rdfs:label ?name BIND(1 AS ?how) }
  UNION { ?e skos:altLabel ?name BIND(2 AS ?how) }
}"""
ANY_CASE_NAME = _PREFIXES + """SELECT DISTINCT ?e ?how ?key WHERE {
  { ?e gkg:isoCode ?l BIND(0 AS ?how) } UNION { ?e rdfs:label ?l BIND(1 AS ?how) }
  UNION { ?e skos:altLabel ?l BIND(2 AS ?how) }
  FILTER(LCASE(STR(?l)) = ?key)
}"""
DESCRIBE = _PREFIXES + """SELECT ?e ?label ?type WHERE { { ?e rdfs:label ?label } UNION { ?e a ?type } }"""
ALL_NAMES = _PREFIXES + """SELECT DISTINCT ?name WHERE { { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name } }"""
ALL_IRIS = _PREFIXES + """SELECT DISTINCT ?e WHERE { ?e rdfs:label ?name }"""


class StoreNames:
    """Names looked up with SPARQL in a store (user values travel as bindings, never in the text)."""

    def __init__(self, store) -> None:
        self.store = store

    def matches(self, name: str, any_case: bool) -> list[tuple[str, int]]:
        if any_case:
            result = self.store.query(ANY_CASE_NAME, {"key": Literal(name.lower())})
        else:
            result = self.store.query(EXACT_NAME, {"name": Literal(name)})
        return [(str(r["e"]), int(r["how"])) for r in result]

    def describe(self, iri: str) -> tuple[str, str] | None:
        labels, classes = [], []
        for r in self.store.query(DESCRIBE, {"e": URIRef(iri)}):
            if r["label"] is not None:
                labels.append(str(r["label"]))
            if r["type"] is not None and str(r["type"]).startswith(str(GKG)):
                classes.append(str(r["type"])[len(str(GKG)):])
        if not labels and not classes:
            return None
        return (min(labels) if labels else iri, most_specific(classes))

    def all_names(self) -> list[str]:
        return [str(r["name"]) for r in self.store.query(ALL_NAMES)]

    def all_iris(self) -> list[str]:
        return [str(r["e"]) for r in self.store.query(ALL_IRIS)]


# ------------------------------------------------------------------------------------------ in memory


class TableNames:
    """Names looked up in rows held in memory (the nodes of a networkx projection)."""

    def __init__(self, known: Iterable[Known]) -> None:
        self.known = {k.iri: k for k in known}

    def matches(self, name: str, any_case: bool) -> list[tuple[str, int]]:
        same = (lambda text: text.lower() == name.lower()) if any_case else (lambda text: text == name)
        rows = []
        for k in self.known.values():
            if k.iso and same(k.iso):
                rows.append((k.iri, ISO))
            if same(k.label):
                rows.append((k.iri, LABEL))
            if any(same(a) for a in k.alt_labels):
                rows.append((k.iri, ALT_LABEL))
        return rows

    def describe(self, iri: str) -> tuple[str, str] | None:
        k = self.known.get(iri)
        return None if k is None else (k.label, k.cls)

    def all_names(self) -> list[str]:
        return [n for k in self.known.values() for n in (k.label, *k.alt_labels)]

    def all_iris(self) -> list[str]:
        return list(self.known)
