"""Quads → compact JSON-LD with the geokg ``@context`` written inline (``kg export --format jsonld``).

The context is shipped in the package (``kg/data/geokg.context.jsonld``): the geokg prefixes, one term per
gkg class and property with its value type (``"@type": "@id"`` for relations, ``xsd:integer``,
``xsd:decimal``, ``xsd:date`` for typed values), and short names for the few outside terms every export
uses (``label``, ``altLabel``, ``subject``/``predicate``/``object``, ``wasDerivedFrom``). Written inline, the
output needs no network to read, and any JSON-LD processor turns it back into the same quads:

>>> import pyoxigraph as ox
>>> q = ox.Quad(ox.NamedNode("https://w3id.org/geokg/id/state/PAK"),
...             ox.NamedNode("https://w3id.org/geokg/ontology#gwCode"),
...             ox.Literal("770", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
...             ox.NamedNode("https://w3id.org/geokg/graph/entities"))
>>> import json; json.loads(compact_jsonld([q]))["@graph"]
[{'@id': 'https://w3id.org/geokg/graph/entities', '@graph': [{'@id': 'id:state/PAK', 'gwCode': '770'}]}]

Nodes are grouped by named graph (a graph's ``@id`` and ``@graph``), sorted by IRI, with their values
sorted, so the same quads always give the same bytes.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources
from typing import Any

import pyoxigraph as ox

__all__ = ["compact_jsonld", "jsonld_context"]

CONTEXT_FILE = "geokg.context.jsonld"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@functools.cache
def _context_text() -> str:
    return resources.files("kg.data").joinpath(CONTEXT_FILE).read_text(encoding="utf-8")


def jsonld_context() -> dict[str, Any]:
    """The geokg JSON-LD context (the value of ``@context``), a fresh copy."""
    return json.loads(_context_text())["@context"]


class _Compactor:
    """IRIs → terms or compact IRIs, and literals → JSON-LD values, under one context."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.prefixes = {
            name: iri for name, iri in context.items() if isinstance(iri, str) and iri.endswith(("/", "#"))
        }
        self.terms: dict[str, tuple[str, str | None]] = {}  # property or class IRI → (term, coerced type)
        self._seen: dict[str, str] = {}
        for name, definition in context.items():
            if name in self.prefixes:
                continue
            iri, kind = (definition, None) if isinstance(definition, str) else (definition["@id"], definition.get("@type"))
            self.terms[self.expand(iri)] = (name, self.expand(kind) if kind and kind != "@id" else kind)

    def expand(self, value: str) -> str:
        prefix, sep, rest = value.partition(":")
        return self.prefixes[prefix] + rest if sep and prefix in self.prefixes else value

    def iri(self, iri: str) -> str:
        """The compact IRI (longest matching prefix) or the IRI itself."""
        if (done := self._seen.get(iri)) is not None:
            return done
        best = max((p for p, ns in self.prefixes.items() if iri.startswith(ns) and len(iri) > len(ns)),
                   key=lambda p: len(self.prefixes[p]), default=None)
        rest = iri[len(self.prefixes[best]) :] if best is not None else ""
        self._seen[iri] = out = iri if best is None or rest.startswith("//") else f"{best}:{rest}"
        return out

    def vocab(self, iri: str) -> str:
        """A property or class IRI as a key or ``@type`` value: its term, else its compact IRI."""
        term = self.terms.get(iri)
        return term[0] if term else self.iri(iri)

    def value(self, predicate: str, obj: Any) -> Any:
        coerced = (self.terms.get(predicate) or ("", None))[1]
        if isinstance(obj, ox.NamedNode):
            return self.iri(obj.value) if coerced == "@id" else {"@id": self.iri(obj.value)}
        if isinstance(obj, ox.BlankNode):
            return {"@id": f"_:{obj.value}"}
        datatype = obj.datatype.value
        if obj.language:
            return {"@value": obj.value, "@language": obj.language}
        if coerced is None and datatype == _XSD_STRING:
            return obj.value
        if coerced == datatype:
            return obj.value
        if datatype == _XSD_STRING:
            return {"@value": obj.value}
        return {"@value": obj.value, "@type": self.iri(datatype)}


def _key(value: Any) -> tuple[str, ...]:
    """Sort key of a value: a plain string, or a value/node object (@value or @id first)."""
    if isinstance(value, str):
        return ("", value)
    return ("~", *(f"{k}\x00{v}" for k, v in sorted(value.items())))


def _node_id(c: _Compactor, term: Any) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else c.iri(term.value)


def compact_jsonld(quads: Iterable[ox.Quad], context: dict[str, Any] | None = None) -> bytes:
    """Compact JSON-LD of ``quads`` with ``context`` (default: the geokg context) written inline."""
    context = jsonld_context() if context is None else context
    c = _Compactor(context)
    graphs: dict[str, dict[str, dict[str, list[Any]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for q in quads:
        graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else _node_id(c, q.graph_name)
        node = graphs[graph][_node_id(c, q.subject)]
        p = q.predicate.value
        if p == _RDF_TYPE and isinstance(q.object, ox.NamedNode):
            node["@type"].append(c.vocab(q.object.value))
        else:
            node[c.vocab(p)].append(c.value(p, q.object))

    def node_objects(nodes: dict[str, dict[str, list[Any]]]) -> list[dict[str, Any]]:
        out = []
        for node_id in sorted(nodes):
            obj: dict[str, Any] = {"@id": node_id}
            for key in sorted(nodes[node_id], key=lambda k: (k != "@type", k)):
                values = sorted({_key(v): v for v in nodes[node_id][key]}.items())
                obj[key] = values[0][1] if len(values) == 1 else [v for _, v in values]
            out.append(obj)
        return out

    # one node per line: readable, and each line is written by json's C encoder
    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    items = [dump(n) for n in node_objects(graphs.pop("", {}))]
    for g in sorted(graphs):
        nodes = ",\n   ".join(dump(n) for n in node_objects(graphs[g]))
        items.append(f'{{"@id": {dump(g)}, "@graph": [\n   {nodes}\n  ]}}')
    context_text = json.dumps(context, indent=1, ensure_ascii=False).replace("\n", "\n ")
    graph_text = ",\n  ".join(items)
    return f'{{"@context": {context_text},\n "@graph": [\n  {graph_text}\n ]\n}}\n'.encode()
