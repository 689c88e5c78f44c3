"""Package data → ontology: where the shipped geokg.ttl and geokg-shapes.ttl live, and the parsed graphs.

The files are package data under ``kg/ontologies/``; the top-level ``ontologies/`` directory of the
repository holds identical copies for readers who do not install the package.

The loaders are cached and return the same graph on every call: treat it as read-only, and copy it
(``g = Graph(); g += load_ontology()``) before adding to it.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from rdflib import Graph

from kg.rdf.namespace import bind_prefixes

__all__ = ["load_ontology", "load_shapes", "ontology_path", "shapes_path"]

ONTOLOGY_FILE = "geokg.ttl"
SHAPES_FILE = "geokg-shapes.ttl"


def _data_file(name: str) -> Path:
    return Path(str(files("kg").joinpath("ontologies", name)))


def ontology_path() -> Path:
    """Path of the shipped ontology, ``kg/ontologies/geokg.ttl``."""
    return _data_file(ONTOLOGY_FILE)


def shapes_path() -> Path:
    """Path of the shipped SHACL shapes, ``kg/ontologies/geokg-shapes.ttl``."""
    return _data_file(SHAPES_FILE)


@cache
def load_ontology() -> Graph:
    """The parsed ontology (cached; do not modify).

    >>> from kg.rdf.namespace import GKG
    >>> from rdflib.namespace import RDFS
    >>> (GKG.leaderOf, RDFS.subPropertyOf, GKG.officialOf) in load_ontology()
    True
    """
    return bind_prefixes(Graph()).parse(ontology_path(), format="turtle")


@cache
def load_shapes() -> Graph:
    """The parsed SHACL shapes graph (cached; do not modify)."""
    return bind_prefixes(Graph()).parse(shapes_path(), format="turtle")
