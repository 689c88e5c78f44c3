"""kg validate: SHACL over the union of a store's graphs, readable report, exit 1 on violations."""

from __future__ import annotations

from conftest import sample_docs
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.store import GraphStore
from kg.rdf.validate import format_report, validate_store
from kg.types import DocResult, Entity, Source, Triple

runner = CliRunner()


def broken_store() -> GraphStore:
    """A state without an ISO code and a statement with an out-of-range confidence."""
    text = "Ruritania attacked Pakistan."
    rur = Entity("state/ruritania", "Ruritania", "State")
    pak = Entity("state/PAK", "Pakistan", "State", iso="PAK")
    bad = Triple(rur.key, "assault", pak.key, text, 0, len(text), "test", 1.5)
    store = GraphStore(None)
    store.put([DocResult(Source("bad.txt", text), (rur, pak), (bad,))])
    return store


def test_validate_sample_conforms(mem_store):
    report = validate_store(mem_store)
    assert report.conforms, format_report(report)
    assert "conforms" in format_report(report)


def test_validate_reports_each_violation_readably():
    report = validate_store(broken_store())
    assert not report.conforms
    paths = {v.path for v in report.violations}
    assert {"gkg:isoCode", "gkg:confidence"} <= paths
    text = format_report(report)
    assert text.startswith("does not conform")
    assert "id:state/ruritania gkg:isoCode" in text and "ISO 3166-1 alpha-3" in text


def test_validate_uses_the_union_of_graphs():
    # the statement's document is typed in its own graph; an entity labelled twice in two graphs with
    # the same label is one triple in the union, so maxCount 1 on rdfs:label holds
    store = GraphStore(None)
    store.put(sample_docs())
    assert validate_store(store).conforms


def test_cli_validate_exit_status(disk_store, graph_file, tmp_path):
    r = runner.invoke(app, ["validate", "--store", str(disk_store)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["validate", "--graph", str(graph_file)])
    assert r.exit_code == 0, r.output
    bad = tmp_path / "bad.trig"
    bad.write_bytes(broken_store().export("trig"))
    r = runner.invoke(app, ["validate", "--graph", str(bad), "--max", "1"])
    assert r.exit_code == 1
    assert "does not conform" in r.stdout and "more (use --max)" in r.stdout
