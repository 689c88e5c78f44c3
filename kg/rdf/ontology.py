"""Ontology files → paths and parsed graphs: where geokg.ttl and geokg-shapes.ttl are, read once.

The one source is the top-level ``ontologies/`` directory of the repository. A wheel carries it as
package data under ``kg/ontologies/`` (copied there at build time by setup.py); a checkout or an
editable install reads ``ontologies/`` beside the ``kg`` package. tests/test_wheel.py builds and installs
a wheel and runs ``kg validate`` from it.

The loaders are cached and return the same graph on every call: treat it as read-only, and copy it
(``g = Graph(); g += load_ontology()``) before adding to it.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from rdflib import Graph

from kg.rdf.namespace import bind_prefixes

__all__ = ["load_ontology", "load_shapes", "ontology_dir", "ontology_path", "shapes_path"]

ONTOLOGY_FILE = "geokg.ttl"
SHAPES_FILE = "geokg-shapes.ttl"


def ontology_dir() -> Path:
    """The directory holding the ontology files: ``kg/ontologies`` in a wheel, else the checkout's ``ontologies``."""
    packaged = Path(str(files("kg").joinpath("ontologies")))
    if (packaged / ONTOLOGY_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "ontologies"


def ontology_path() -> Path:
    """Path of the ontology, ``geokg.ttl``."""
    return ontology_dir() / ONTOLOGY_FILE


def shapes_path() -> Path:
    """Path of the SHACL shapes, ``geokg-shapes.ttl``."""
    return ontology_dir() / SHAPES_FILE


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
