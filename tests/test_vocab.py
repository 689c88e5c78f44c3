"""kg.vocab equals ontologies/geokg.ttl: classes with parents, relations with parent, quad class and
structural flag, every label; the sector table equals kg/data/sectors.yaml; the other modules take their
vocabulary from kg.vocab."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg import vocab
from kg.rdf.namespace import GKG

REPO = Path(__file__).resolve().parents[1]
NS = vocab.NAMESPACE


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(REPO / "ontologies" / "geokg.ttl", format="turtle")


def local(term) -> str | None:
    return str(term)[len(NS):] if isinstance(term, URIRef) and str(term).startswith(NS) else None


def label(graph: Graph, name: str) -> str:
    labels = [o for o in graph.objects(URIRef(NS + name), RDFS.label) if isinstance(o, Literal)]
    assert len(labels) == 1, (name, labels)
    return str(labels[0])


def test_vocab_classes_equal_ontology_classes_with_parents(onto):
    in_ontology = {
        local(c): tuple(sorted(local(p) for p in onto.objects(c, RDFS.subClassOf)))
        for c in onto.subjects(RDF.type, OWL.Class)
        if local(c)
    }
    in_vocab = {c.name: tuple(sorted(c.parents)) for c in vocab.CLASSES.values()}
    assert in_vocab == in_ontology


def test_vocab_relations_equal_ontology_relations(onto):
    """Every object property under structuralRelation or interaction, with its parent and quad class."""
    parents = {"structuralRelation", "interaction"}
    in_ontology = {}
    for p in onto.subjects(RDF.type, OWL.ObjectProperty):
        name = local(p)
        chain = [local(x) for x in onto.transitive_objects(p, RDFS.subPropertyOf)][1:]
        if not parents & set(chain):
            continue
        parent = local(onto.value(p, RDFS.subPropertyOf))
        quad = local(onto.value(p, GKG.quadClass))
        plover = onto.value(p, GKG.plover)
        in_ontology[name] = (parent, quad, "structuralRelation" in chain, str(plover) if plover else None)
    in_vocab = {r.name: (r.parent, r.quad, r.structural, r.plover) for r in vocab.RELATIONS.values()}
    assert in_vocab == in_ontology


def test_vocab_quad_classes_equal_ontology_individuals(onto):
    found = {local(q) for q in onto.subjects(RDF.type, GKG.QuadClass)}
    assert found == set(vocab.QUAD_CLASSES)


def test_vocab_terms_equal_ontology_terms(onto):
    defined = {local(s) for s in onto.subjects(RDF.type, None)} - {None}
    assert set(vocab.terms()) == defined
    assert len(vocab.terms()) == len(set(vocab.terms())), "a term is listed twice"


def test_vocab_labels_equal_ontology_labels(onto):
    labels = {
        **{c.name: c.label for c in vocab.CLASSES.values()},
        **vocab.QUAD_CLASSES,
        **{r.name: r.label for r in vocab.RELATIONS.values()},
        **vocab.PROPERTIES,
    }
    assert labels == {name: label(onto, name) for name in vocab.terms()}


def test_vocab_entity_classes_put_each_class_before_its_parents():
    order = vocab.ENTITY_CLASSES
    assert set(order) == {c for c in vocab.CLASSES if c not in ("Document", "QuadClass")}
    for name in order:
        for parent in vocab.ancestors(name):
            assert order.index(name) < order.index(parent), (name, parent)


def test_vocab_group_and_actor_classes_follow_the_hierarchy():
    assert vocab.GROUP_CLASSES == {"Group", *vocab.subclasses("Group")}
    assert vocab.ACTOR_CLASSES == set(vocab.subclasses("Actor"))


def test_vocab_sectors_equal_sectors_yaml():
    raw = yaml.safe_load((REPO / "kg" / "data" / "sectors.yaml").read_text(encoding="utf-8"))
    assert vocab.SECTORS == {code: spec["label"] for code, spec in raw.items()}
    assert set(vocab.OFFICE_SECTORS) <= set(vocab.SECTORS)


def test_vocab_namespace_is_closed_over_vocab_terms():
    assert set(dir(GKG)) == {URIRef(NS + t) for t in vocab.terms()}
    with pytest.raises(AttributeError, match="assualt"):
        GKG.assualt  # noqa: B018


def test_vocab_one_relation_added_in_vocab_reaches_every_reader(monkeypatch):
    """The readers derive their tables from kg.vocab: none keeps its own list of classes or relations."""
    import kg.network.project as project
    import kg.notebook as notebook
    import kg.rdf.namespace as namespace
    import kg.rdf.sparql as sparql

    assert project.RELATION_QUAD is vocab.RELATION_QUAD and project.ENTITY_CLASSES is vocab.ENTITY_CLASSES
    assert notebook.RELATION_QUAD is vocab.RELATION_QUAD and notebook.ENTITY_CLASSES is vocab.ENTITY_CLASSES
    assert namespace.PLOVER_QUAD is vocab.PLOVER_QUAD and namespace.STRUCTURAL is vocab.STRUCTURAL
    assert sparql.RELATIONS == vocab.INTERACTIONS + vocab.STRUCTURAL
    assert set(sparql.CLASSES) == set(vocab.CLASSES) - {"QuadClass"}


def test_vocab_every_entity_class_has_a_style_in_the_explorer():
    from kg.network.html import CLASS_STYLE

    assert set(CLASS_STYLE) == set(vocab.ENTITY_CLASSES)


def test_vocab_every_relation_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [r for r in vocab.RELATIONS if f"gkg:{r}" not in readme]
    assert not missing, f"README's vocabulary section lacks {missing}"
