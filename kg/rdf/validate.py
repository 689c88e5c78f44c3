"""A store or graph file → SHACL validation against the shipped shapes → a readable report.

pySHACL validates each named graph of a Dataset on its own, so a document whose statements point to
entities described in another document's graph would be judged without them. We validate the union of
all graphs instead: one plain graph with every triple, which is what queries see.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from kg.rdf.namespace import PREFIXES, shorten
from kg.rdf.ontology import load_shapes


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node broke which rule, and the shape's message."""

    focus: str
    path: str
    message: str
    severity: str
    value: str = ""


@dataclass
class ValidationReport:
    conforms: bool
    triples: int
    violations: list[Violation] = field(default_factory=list)


_SHORT = {p: PREFIXES[p] for p in ("gkg", "id", "doc", "rdfs", "rdf", "prov", "dcterms")} | {"sh": str(SH)}


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    return shorten(str(node), _SHORT)


def validate_graph(data: Graph) -> ValidationReport:
    """SHACL-validate one graph (no inference: the shapes target every concrete class themselves)."""
    import pyshacl

    conforms, results, _ = pyshacl.validate(data, shacl_graph=load_shapes(), inference="none",
                                            allow_warnings=True)
    violations = []
    for r in results.subjects(SH.resultSeverity, None):
        violations.append(Violation(
            focus=_short(results.value(r, SH.focusNode)),
            path=_short(results.value(r, SH.resultPath)),
            message=str(results.value(r, SH.resultMessage) or ""),
            severity=_short(results.value(r, SH.resultSeverity)).removeprefix("sh:"),
            value=_short(results.value(r, SH.value)),
        ))
    violations.sort(key=lambda v: (v.severity != "Violation", v.focus, v.path))
    return ValidationReport(bool(conforms), len(data), violations)


def validate_store(store) -> ValidationReport:
    """Validate the union of all of a store's graphs."""
    return validate_graph(store.union_graph())


def format_report(report: ValidationReport, limit: int = 50) -> str:
    """A few lines a person can read: verdict, then one line per result (the first ``limit``)."""
    if report.conforms:
        return f"conforms: {report.triples} triples checked against the geokg shapes, no violations"
    lines = [f"does not conform: {len(report.violations)} result(s) in {report.triples} triples"]
    for v in report.violations[:limit]:
        value = f" (value {v.value})" if v.value and v.value != v.focus else ""
        lines.append(f"  {v.severity}: {v.focus} {v.path}{value}: {v.message}")
    if len(report.violations) > limit:
        lines.append(f"  ... {len(report.violations) - limit} more (use --max)")
    return "\n".join(lines)
