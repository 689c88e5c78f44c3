"""Roll-up and once-per-document counting in the named queries, on a small hand-built graph.

Two documents about Chad and Sudan. The first states "Chad accused Sudan" twice (headline and lead), and
has events by an official of Chad, by Sudan's army (a body, gkg:partOf Sudan) and by the army's commander
(an official of the body: two steps up to Sudan); the army also arms a rebel group. The second states the
accusation once more. Each query runs on an Oxigraph store (one graph per document) and on the same graph
as one Turtle file.
"""

from __future__ import annotations

import pytest

from kg.rdf.query import bind_params, run_query
from kg.rdf.sparql import named_queries
from kg.rdf.store import GraphStore, load_graph_file
from kg.types import DocResult, Entity, Source, Triple

TCD = Entity("state/TCD", "Chad", "State", iso="TCD", alt_labels=frozenset({"N'Djamena"}))
SDN = Entity("state/SDN", "Sudan", "State", iso="SDN", alt_labels=frozenset({"Khartoum"}))
ARMY = Entity("body/SDN-military", "Sudanese army", "GovernmentBody")
DUNN = Entity("person/cara-dunn", "Cara Dunn", "Official", title="Foreign Minister")
FASK = Entity("person/eno-fask", "Eno Fask", "Official", title="commander")
FRONT = Entity("group/red-dune-front", "Red Dune Front", "ArmedGroup")

HEADLINE = "Chad accuses Sudan of harbouring rebels\n\n"
LEAD = "N'DJAMENA - Chad accused Sudan on Monday of harbouring rebels on its side of the border."
WARN = "Foreign Minister Cara Dunn warned Khartoum that Chad would close the crossing."
SHELL = "The Sudanese army shelled Chadian border posts overnight."
ARMS = "The Sudanese army has armed the Red Dune Front for a year, Chadian officials say."
ASK = "General Eno Fask, who commands the Sudanese army, asked Chad to hand over two deserters."
TEXT_A = HEADLINE + " ".join((LEAD, WARN, SHELL, ARMS, ASK))
AGAIN = "Chad again accused Sudan of sheltering the rebels."
TEXT_B = AGAIN + " Talks are due next month."


def _t(s: Entity, rel: str, o: Entity, text: str, sentence: str, date: str | None = None) -> Triple:
    start = text.index(sentence)
    return Triple(s.key, rel, o.key, sentence, start, start + len(sentence), "test", 0.9, date=date)


def rollup_docs() -> list[DocResult]:
    a = Source("border.txt", TEXT_A, title="Chad accuses Sudan", date="2020-01-06")
    b = Source("again.txt", TEXT_B, title="Chad again", date="2020-02-03")
    return [
        DocResult(a, (TCD, SDN, ARMY, DUNN, FASK, FRONT), (
            _t(TCD, "accuse", SDN, TEXT_A, HEADLINE),
            _t(TCD, "accuse", SDN, TEXT_A, LEAD),
            _t(DUNN, "officialOf", TCD, TEXT_A, WARN),
            _t(DUNN, "threaten", SDN, TEXT_A, WARN),
            _t(ARMY, "partOf", SDN, TEXT_A, SHELL),
            _t(ARMY, "assault", TCD, TEXT_A, SHELL, date="2020-01-05"),
            _t(ARMY, "aid", FRONT, TEXT_A, ARMS),
            _t(FASK, "leaderOf", ARMY, TEXT_A, ASK),
            _t(FASK, "request", TCD, TEXT_A, ASK),
        ), words=len(TEXT_A.split())),
        DocResult(b, (TCD, SDN), (_t(TCD, "accuse", SDN, TEXT_B, AGAIN),), words=len(TEXT_B.split())),
    ]


@pytest.fixture(scope="module")
def store():
    s = GraphStore(None)
    s.put(rollup_docs())
    return s


@pytest.fixture(scope="module")
def turtle(store, tmp_path_factory):
    path = tmp_path_factory.mktemp("rollup") / "graph.ttl"
    path.write_bytes(store.export("ttl"))
    return load_graph_file(path)


@pytest.fixture(scope="module")
def trig(store, tmp_path_factory):
    """The store's graphs as a dataset file: one graph per document again, as in the store."""
    path = tmp_path_factory.mktemp("rollup") / "graph.trig"
    path.write_bytes(store.export("trig"))
    return load_graph_file(path)


@pytest.fixture(params=["store", "turtle", "trig"])
def graph(request, store, turtle, trig):
    return {"store": store, "turtle": turtle, "trig": trig}[request.param]


def rows(graph, name: str, **params: str) -> list[dict[str, str]]:
    text = named_queries().get(name, name)
    result = run_query(graph, text, bind_params(graph, text, list(params.items())))
    return [{str(v): "" if r[v] is None else str(r[v]) for v in result.vars} for r in result]


def test_rollup_dyad_timeline_counts_officials_and_bodies_for_their_state(graph):
    got = {(r["source"], r["event"], r["target"], r["subject"], r["object"], r["document"], r["sentences"])
           for r in rows(graph, "dyad-timeline", a="Chad", b="Sudan")}
    assert got == {
        ("Chad", "accuse", "Sudan", "Chad", "Sudan", "border.txt", "2"),  # headline and lead: one event
        ("Chad", "threaten", "Sudan", "Cara Dunn", "Sudan", "border.txt", "1"),
        ("Sudan", "assault", "Chad", "Sudanese army", "Chad", "border.txt", "1"),
        ("Sudan", "request", "Chad", "Eno Fask", "Chad", "border.txt", "1"),  # commander of the army of Sudan
        ("Chad", "accuse", "Sudan", "Chad", "Sudan", "again.txt", "1"),
    }


def test_rollup_dyad_timeline_row_names_its_first_sentence_and_statement(graph):
    [headline] = [r for r in rows(graph, "dyad-timeline", a="Sudan", b="Chad")
                  if r["event"] == "accuse" and r["document"] == "border.txt"]
    assert headline["evidence"] == HEADLINE
    assert headline["date"] == "2020-01-06"
    statement = headline["statement"]
    assert rows(graph, f"SELECT ?e WHERE {{ <{statement}> <https://w3id.org/geokg/ontology#evidence> ?e }}") == [
        {"e": HEADLINE}]
    [shelling] = [r for r in rows(graph, "dyad-timeline", a="Sudan", b="Chad") if r["event"] == "assault"]
    assert (shelling["date"], shelling["evidence"], shelling["quadClass"]) == ("2020-01-05", SHELL, "MaterialConflict")


def test_rollup_dyad_timeline_without_rollup_keeps_the_states_own_events(graph):
    got = [(r["event"], r["document"]) for r in rows(graph, "dyad-timeline", a="Chad", b="Sudan", rollup="false")]
    assert sorted(got) == [("accuse", "again.txt"), ("accuse", "border.txt")]


REPLY = "Sudan summoned Cara Dunn, and Eno Fask warned Cara Dunn, the minister said."


def test_rollup_dyad_timeline_reaches_those_acting_for_either_side_or_both():
    """The roll-up pairs of each direction: a state with an official of the other side (Sudan -> Dunn), and
    an official of one side with an official of the other (Fask -> Dunn); both sides' own event stays one row."""
    reply = Source("reply.txt", REPLY, title="Reply", date="2020-03-02")
    docs = [*rollup_docs(), DocResult(reply, (SDN, DUNN, FASK), (
        _t(SDN, "consult", DUNN, REPLY, REPLY), _t(FASK, "threaten", DUNN, REPLY, REPLY),
        _t(DUNN, "officialOf", TCD, REPLY, REPLY), _t(FASK, "leaderOf", ARMY, REPLY, REPLY)),
        words=len(REPLY.split()))]
    store = GraphStore(None)
    store.put(docs)
    got = {(r["source"], r["event"], r["target"], r["subject"], r["object"])
           for r in rows(store, "dyad-timeline", a="Chad", b="Sudan") if r["document"] == "reply.txt"}
    assert got == {("Sudan", "consult", "Chad", "Sudan", "Cara Dunn"),
                   ("Sudan", "threaten", "Chad", "Eno Fask", "Cara Dunn")}
    assert [r for r in rows(store, "dyad-timeline", a="Chad", b="Sudan", rollup="false")
            if r["document"] == "reply.txt"] == []


@pytest.mark.parametrize("params, expected", [
    ({}, {("accuse", "2", "3"), ("threaten", "1", "1"), ("assault", "1", "1"), ("request", "1", "1")}),
    ({"rollup": "no"}, {("accuse", "2", "3"), ("assault", "1", "1"), ("request", "1", "1")}),  # Chad as object
])
def test_rollup_event_counts_once_per_document(graph, params, expected):
    got = {(r["event"], r["events"], r["statements"]) for r in rows(graph, "event-counts", actor="Chad", **params)}
    assert got == expected


def test_rollup_event_counts_of_a_body_include_its_officials(graph):
    got = {(r["event"], r["events"]) for r in rows(graph, "event-counts", actor="Sudanese army")}
    assert got == {("assault", "1"), ("aid", "1"), ("request", "1")}


@pytest.mark.parametrize("params, expected", [
    ({}, {("accuse", "2", "3"), ("threaten", "1", "1"), ("assault", "1", "1"), ("aid", "1", "1"),
          ("request", "1", "1")}),
    ({"rollup": "true"}, {("accuse", "2", "3"), ("threaten", "1", "1"), ("assault", "1", "1"), ("aid", "1", "1"),
                          ("request", "1", "1")}),
])
def test_rollup_event_types_once_per_document(store, turtle, params, expected):
    assert {(r["event"], r["events"], r["statements"]) for r in rows(store, "event-types", **params)} == expected
    # event-types and state-sponsors count the graphs stating a relation: a .ttl file is one graph
    in_one_graph = {(e, "1" if e == "accuse" else n, st) for e, n, st in expected}
    assert {(r["event"], r["events"], r["statements"]) for r in rows(turtle, "event-types", **params)} == in_one_graph


def test_rollup_events_one_row_per_document_and_rolled_up_on_request(graph):
    accusations = rows(graph, "events", type="accuse")
    assert sorted((r["document"], r["sentences"], r["evidence"]) for r in accusations) == [
        ("again.txt", "1", AGAIN), ("border.txt", "2", HEADLINE)]
    plain = {(r["source"], r["event"], r["target"]) for r in rows(graph, "events")}
    rolled = {(r["source"], r["subject"], r["event"], r["target"]) for r in rows(graph, "events", rollup="true")}
    assert ("Eno Fask", "request", "Chad") in plain and ("Cara Dunn", "threaten", "Sudan") in plain
    assert {("Sudan", "Eno Fask", "request", "Chad"), ("Chad", "Cara Dunn", "threaten", "Sudan"),
            ("Sudan", "Sudanese army", "assault", "Chad"), ("Sudan", "Sudanese army", "aid", "Red Dune Front"),
            ("Chad", "Chad", "accuse", "Sudan")} == rolled


def test_rollup_state_sponsors_through_a_state_body(graph):
    assert rows(graph, "state-sponsors") == []
    [row] = rows(graph, "state-sponsors", rollup="true")
    assert (row["stateName"], row["relation"], row["quadClass"], row["groupName"], row["reports"], row["actors"]) == (
        "Sudan", "aid", "MaterialCooperation", "Red Dune Front", "1", "Sudanese army")
    assert rows(graph, "state-sponsors", state="Chad", rollup="true") == []


@pytest.mark.parametrize("value", ["maybe", ""])
def test_rollup_parameter_must_be_a_boolean(store, value):
    from kg.errors import QueryError

    with pytest.raises(QueryError, match=r"invalid value for \?rollup.*true or false"):
        rows(store, "dyad-timeline", a="Chad", b="Sudan", rollup=value)


# ------------------------------------------------------------------------------------------ notebook


@pytest.fixture(scope="module")
def kg(store):
    from kg.notebook import KnowledgeGraph

    return KnowledgeGraph(store)


def test_rollup_notebook_dyad_timeline_and_switch(kg):
    df = kg.query("dyad-timeline", a="Chad", b="Sudan")
    assert len(df) == 5 and set(df["subject"]) == {"Chad", "Cara Dunn", "Sudanese army", "Eno Fask"}
    assert len(kg.query("dyad-timeline", a="Chad", b="Sudan", rollup=False)) == 2
    assert len(kg.query("dyad-timeline", a="Chad", b="Sudan", rollup="false")) == 2
    counts = kg.query("event-counts", actor="Chad")
    assert dict(zip(counts["event"], counts["events"], strict=True)) == {
        "accuse": 2, "threaten": 1, "assault": 1, "request": 1}


# ------------------------------------------------------------------------------------------ the seeds


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> str:
    from pathlib import Path

    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path_factory.mktemp("seeds")
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    result = CliRunner().invoke(app, ["build", str(seeds), "--out", str(out), "--jobs", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    return str(out / "graph.trig")


def cli_rows(graph: str, *args: str) -> list[dict[str, str]]:
    import csv
    import io

    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["query", *args, "--graph", graph, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


@pytest.mark.model
@pytest.mark.slow
def test_rollup_seeds_india_pakistan_timeline_has_modis_threat(seeds):
    got = cli_rows(seeds, "dyad-timeline", "-p", "a", "India", "-p", "b", "Pakistan")
    threats = [(r["source"], r["subject"], r["target"]) for r in got if r["event"] == "threaten"]
    assert ("India", "Narendra Modi", "Pakistan") in threats
    assert all(r["statement"].startswith("https://w3id.org/geokg/doc/") for r in got)
    plain = cli_rows(seeds, "dyad-timeline", "-p", "a", "India", "-p", "b", "Pakistan", "-p", "rollup", "false")
    assert "threaten" not in {r["event"] for r in plain} and len(plain) < len(got)
    # 'India ... accused Pakistan of sheltering the militants' (the lead) and a later sentence: one event
    accusations = [r for r in got if r["event"] == "accuse" and r["source"] == "India"]
    assert len(accusations) == 1 and int(accusations[0]["sentences"]) >= 1


@pytest.mark.model
@pytest.mark.slow
def test_rollup_seeds_readme_relations_example_returns_rows(seeds):
    rows = cli_rows(seeds, "relations", "-p", "a", "Pakistan", "-p", "b", "Jaish-e-Mohammed")
    assert [(r["subject"], r["relation"], r["quadClass"], r["object"]) for r in rows] == [
        ("Jaish-e-Mohammed", "basedIn", "Structural", "Pakistan")]
