"""kg.notebook.KnowledgeGraph on a hand-built graph: DataFrames, bindings, names, evidence, inline HTML.

No spaCy here: the graph is made of DocResult records put straight into a store.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
import sys

import pytest

pd = pytest.importorskip("pandas")

from kg import KnowledgeGraph  # noqa: E402
from kg.errors import KGError  # noqa: E402
from kg.rdf.store import GraphStore  # noqa: E402
from kg.types import DocResult, Entity, Source, Triple  # noqa: E402

USA = Entity("state/USA", "United States", "State", iso="USA", alt_labels=frozenset({"US", "Washington"}))
PAK = Entity("state/PAK", "Pakistan", "State", iso="PAK", alt_labels=frozenset({"Islamabad"}))
IND = Entity("state/IND", "India", "State", iso="IND")
LET = Entity("group/lashkar-e-taiba", "Lashkar-e-Taiba", "ArmedGroup", alt_labels=frozenset({"LeT"}))
MATTIS = Entity("person/james-mattis", "James Mattis", "Official", title="Secretary of Defense")
HOSTILE = Entity("group/x", "<script>alert(1)</script>", "Group")


def triple(s, rel, o, text, start, *, date=None, rule="test", confidence=0.9, modality=None, sector=None):
    return Triple(s.key, rel, o.key, text, start, start + len(text), rule, confidence, date, modality, sector)


DOC1 = DocResult(
    Source("us-pak.txt", "US and Pakistan. Mattis visited.", title="US presses Pakistan", date="2018-01-05"),
    (USA, PAK, MATTIS, LET),
    (
        triple(MATTIS, "officialOf", USA, "Defense Secretary James Mattis said.", 0),
        triple(USA, "accuse", PAK, "The United States accused Pakistan of harbouring militants.", 40,
               date="2018-01-02", sector="GOV"),
        triple(USA, "consult", PAK, "US officials met Pakistani leaders in Islamabad.", 100),
        triple(PAK, "accuse", USA, "Pakistan rejected the US accusations.", 160, confidence=0.7),
        triple(PAK, "support", LET, "Pakistan is said to back Lashkar-e-Taiba.", 200, modality="hypothetical"),
    ),
    words=120,
)
DOC2 = DocResult(
    Source("kashmir.txt", "Attack in Kashmir.", title="Attack in Kashmir", date="2019-02-15"),
    (IND, PAK, LET, HOSTILE),
    (
        triple(LET, "assault", IND, "Militants of Lashkar-e-Taiba attacked Indian troops.", 0, date="2019-02-14"),
        triple(IND, "accuse", PAK, "India blamed Pakistan for the attack.", 60),
        triple(HOSTILE, "threaten", IND, '<img src=x onerror="alert(2)"> threatened India.', 120),
    ),
    words=80,
)


@pytest.fixture
def kg() -> KnowledgeGraph:
    store = GraphStore(None)
    store.put([DOC1, DOC2])
    return KnowledgeGraph(store)


def test_notebook_import_kg_stays_light():
    code = (
        "import sys, kg; from kg import KnowledgeGraph; "
        "print(','.join(m for m in ('pandas', 'spacy', 'IPython', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# ------------------------------------------------------------------------------------------ query


def test_notebook_query_returns_dataframe_with_python_types(kg):
    df = kg.query("""
        PREFIX gkg: <https://w3id.org/geokg/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?s ?p ?o ?confidence ?start ?date WHERE {
          ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; gkg:confidence ?confidence ;
              gkg:charStart ?start ; gkg:date ?date }""")
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["s", "p", "o", "confidence", "start", "date"]
    assert len(df) == 2
    assert set(df["p"]) == {"gkg:accuse", "gkg:assault"}
    assert "id:state/USA" in set(df["s"])
    assert df["confidence"].dtype.kind == "f"
    assert df["start"].dtype.kind == "i"
    assert df["date"].dtype.kind == "M"
    assert df["date"].min() == pd.Timestamp("2018-01-02")


def test_notebook_query_full_iris_without_prefixes(kg):
    df = kg.query("SELECT DISTINCT ?s WHERE { ?s <https://w3id.org/geokg/ontology#isoCode> 'PAK' }", prefixes=False)
    assert df["s"].tolist() == ["https://w3id.org/geokg/id/state/PAK"]


def test_notebook_query_ask_gives_bool(kg):
    assert kg.query("ASK { ?s a <https://w3id.org/geokg/ontology#State> }") is True


@pytest.mark.parametrize(
    "value",
    ["Pakistan", "pakistan", "Islamabad", "PAK", "id:state/PAK", "https://w3id.org/geokg/id/state/PAK",
     "<https://w3id.org/geokg/id/state/PAK>"],
)
def test_notebook_query_binds_entity_names(kg, value):
    df = kg.query("""
        PREFIX gkg: <https://w3id.org/geokg/ontology#>
        SELECT ?who ?actor WHERE { ?who gkg:accuse ?actor }""", actor=value)
    assert sorted(df["who"]) == ["id:state/IND", "id:state/USA"]


def test_notebook_query_binds_literals_numbers_and_dates(kg):
    q = """PREFIX gkg: <https://w3id.org/geokg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
           SELECT ?s ?name WHERE { ?s rdfs:label ?name }"""
    assert kg.query(q, name="India")["s"].tolist() == ["id:state/IND"]
    q = """PREFIX gkg: <https://w3id.org/geokg/ontology#>
           SELECT ?st ?since WHERE { ?st gkg:date ?d FILTER(?d >= ?since) }"""
    assert len(kg.query(q, since="2019-01-01")) == 1
    assert len(kg.query(q, since=dt.date(2018, 1, 1))) == 2
    q = "PREFIX gkg: <https://w3id.org/geokg/ontology#> SELECT ?st ?n WHERE { ?st gkg:charStart ?n }"
    assert len(kg.query(q, n=0)) == 2


def test_notebook_query_binds_class_names(kg):
    q = "SELECT DISTINCT ?e ?kind WHERE { ?e a ?kind }"
    assert kg.query(q, kind="ArmedGroup")["e"].tolist() == ["id:group/lashkar-e-taiba"]


def test_notebook_query_unknown_entity_suggests_close_names(kg):
    with pytest.raises(KGError, match=r"unknown entity 'Pakistn'.*'Pakistan'"):
        kg.query("SELECT ?who ?actor WHERE { ?who <https://w3id.org/geokg/ontology#accuse> ?actor }", actor="Pakistn")


def test_notebook_query_unknown_named_query(kg):
    with pytest.raises(KGError, match="unknown query 'no-such-query'"):
        kg.query("no-such-query")


def test_notebook_query_bad_sparql(kg):
    with pytest.raises(KGError, match="SPARQL|query"):
        kg.query("SELECT ?x WHERE { ?x ")


# ------------------------------------------------------------------------------------------ tables


def test_notebook_entities_table(kg):
    df = kg.entities()
    assert list(df.columns) == ["iri", "label", "class", "iso", "title", "alt_labels", "iso2", "iso_numeric", "gw", "cameo"]
    assert len(df) == 6
    row = df.set_index("label").loc["United States"]
    assert (row["iri"], row["class"], row["iso"]) == ("id:state/USA", "State", "USA")
    assert (row["iso2"], row["iso_numeric"], row["gw"], row["cameo"]) == ("US", "840", 2, "USA")
    assert row["alt_labels"] == ["US", "Washington"]
    assert df.set_index("label").loc["James Mattis", "title"] == "Secretary of Defense"


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("State", {"United States", "Pakistan", "India"}),
        ("gkg:ArmedGroup", {"Lashkar-e-Taiba"}),
        ("group", {"Lashkar-e-Taiba", "<script>alert(1)</script>"}),
        ("Person", {"James Mattis"}),
        ("Place", set()),
    ],
)
def test_notebook_entities_kind_includes_subclasses(kg, kind, expected):
    assert set(kg.entities(kind)["label"]) == expected


def test_notebook_entities_bad_kind(kg):
    with pytest.raises(KGError, match="invalid entity class 'Country'; valid: .*State"):
        kg.entities("Country")


def test_notebook_relations_table(kg):
    df = kg.relations()
    assert {"subject", "relation", "object", "quad_class", "evidence", "documents", "first_date"} <= set(df.columns)
    assert len(df) == 8
    row = df[(df.subject == "United States") & (df.relation == "accuse")].iloc[0]
    assert (row["object"], row["quad_class"], row["evidence"]) == ("Pakistan", "VerbalConflict", 1)
    assert row["first_date"] == pd.Timestamp("2018-01-02")
    consult = df[df.relation == "consult"].iloc[0]
    assert consult["first_date"] == pd.Timestamp("2018-01-05")  # the document's date when the text has none


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"subject": "United States"}, {("United States", "accuse", "Pakistan"), ("United States", "consult", "Pakistan")}),
        ({"object": "US"}, {("James Mattis", "officialOf", "United States"), ("Pakistan", "accuse", "United States")}),
        ({"subject": "PAK", "object": "id:state/USA"}, {("Pakistan", "accuse", "United States")}),
        ({"type": "assault"}, {("Lashkar-e-Taiba", "assault", "India")}),
        ({"type": "MaterialConflict"}, {("Lashkar-e-Taiba", "assault", "India")}),
        ({"type": "structural"}, {("James Mattis", "officialOf", "United States")}),
        ({"type": "VerbalCooperation", "subject": "Pakistan"}, {("Pakistan", "support", "Lashkar-e-Taiba")}),
    ],
)
def test_notebook_relations_filters(kg, kwargs, expected):
    df = kg.relations(**kwargs)
    assert set(zip(df.subject, df.relation, df.object, strict=True)) == expected


def test_notebook_relations_bad_type(kg):
    with pytest.raises(KGError, match=r"invalid relation type .asault. \(did you mean assault"):
        kg.relations(type="asault")


def test_notebook_evidence_both_directions(kg):
    df = kg.evidence("Pakistan", "United States")
    assert len(df) == 3
    assert set(zip(df.subject, df.relation, strict=True)) == {("United States", "accuse"), ("United States", "consult"),
                                                 ("Pakistan", "accuse")}
    first = df.iloc[0]
    assert first["sentence"] == "The United States accused Pakistan of harbouring militants."
    assert (first["document"], first["title"], first["rule"], first["sector"]) == (
        "us-pak.txt", "US presses Pakistan", "test", "GOV")
    assert first["date"] == pd.Timestamp("2018-01-02")
    assert df["confidence"].dtype.kind == "f"
    assert df["date"].dtype.kind == "M"
    assert set(df["doc_date"]) == {pd.Timestamp("2018-01-05")}


def test_notebook_evidence_of_one_entity(kg):
    df = kg.evidence("LeT")
    assert set(df["relation"]) == {"support", "assault"}
    assert df.set_index("relation").loc["support", "modality"] == "hypothetical"


def test_notebook_evidence_none_between_unrelated(kg):
    df = kg.evidence("James Mattis", "India")
    assert df.empty
    assert "sentence" in df.columns


@pytest.mark.parametrize("name", ["Pakistn", "id:state/PAQ", "Atlantis"])
def test_notebook_unknown_names_raise_kgerror(kg, name):
    with pytest.raises(KGError, match=f"unknown entity {re.escape(repr(name))}"):
        kg.evidence(name, "India")


def test_notebook_unknown_name_lists_close_matches(kg):
    with pytest.raises(KGError, match=r"did you mean: 'Pakistan'"):
        kg.relations(subject="pakistann")


def test_notebook_label_beats_alt_label():
    a = Entity("state/GEO", "Georgia", "State", iso="GEO")
    b = Entity("place/georgia-us", "Georgia (US state)", "Place", alt_labels=frozenset({"Georgia"}))
    store = GraphStore(None)
    store.put([DocResult(Source("g.txt", "Georgia."), (a, b), ())])
    assert KnowledgeGraph(store)._resolve("georgia") == "https://w3id.org/geokg/id/state/GEO"


# ------------------------------------------------------------------------------------------ summary and display


def test_notebook_summary_counts(kg):
    s = kg.summary()
    assert s["documents"] == 2
    assert s["entities"] == 6
    assert s["relations"] == 8
    assert s["statements"] == 8
    assert s["classes"] == {"Official": 1, "ArmedGroup": 1, "State": 3, "Group": 1}
    assert s["relation_types"]["accuse"] == 3
    assert "2 documents" in repr(kg)


def test_notebook_repr_html_escapes(kg):
    page = kg._repr_html_()
    assert "Entities per class" in page and "ArmedGroup" in page and "accuse" in page
    assert "<script" not in page


def test_notebook_empty_graph():
    kg = KnowledgeGraph(GraphStore(None))
    assert kg.summary()["entities"] == 0
    assert kg.entities().empty and kg.relations().empty
    assert "0 entities" in kg._repr_html_()
    with pytest.raises(KGError, match="unknown entity 'Pakistan'; no entity has a similar name"):
        kg.evidence("Pakistan")


def test_notebook_to_networkx(kg):
    pytest.importorskip("kg.network.project")
    G = kg.to_networkx()
    assert G.number_of_nodes() == 6
    assert G.nodes["https://w3id.org/geokg/id/state/PAK"]["label"] == "Pakistan"
    ev = G.get_edge_data("https://w3id.org/geokg/id/state/USA", "https://w3id.org/geokg/id/state/PAK")
    assert {"accuse", "consult"} <= set(ev)


def _srcdoc(shown) -> str:
    data = shown.data
    m = re.search(r'<iframe srcdoc="([^"]*)"', data)
    assert m, data[:300]
    return html.unescape(m.group(1))


def test_notebook_show_is_inline_iframe(kg, tmp_path, monkeypatch):
    pytest.importorskip("kg.network.html")
    pytest.importorskip("IPython")
    monkeypatch.chdir(tmp_path)
    shown = kg.show()
    data = shown.data
    assert 'sandbox="allow-scripts allow-downloads"' in data and "height:600px" in data
    assert "<script>alert(1)</script>" not in data  # the page is escaped into the attribute
    page = _srcdoc(shown)
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "Pakistan" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page), "the page must not load anything"
    assert list(tmp_path.iterdir()) == []  # nothing written beside the notebook


def test_notebook_show_focus(kg):
    pytest.importorskip("kg.network.html")
    page = _srcdoc(kg.show(focus="James Mattis", hops=1, height=300))
    assert "James Mattis" in page and "United States" in page
    with pytest.raises(KGError, match="unknown entity 'Jim'"):
        kg.show(focus="Jim")
    with pytest.raises(KGError, match="invalid hops -1"):
        kg.show(hops=-1)
    with pytest.raises(KGError, match="invalid min_evidence 0"):
        kg.show(min_evidence=0)


# ------------------------------------------------------------------------------------------ constructors


def test_notebook_from_file_and_open(kg, tmp_path):
    path = tmp_path / "g.trig"
    path.write_bytes(kg.store.export("trig"))
    again = KnowledgeGraph.from_file(path)
    assert again.summary()["relations"] == 8
    ttl = tmp_path / "g.ttl"
    ttl.write_bytes(kg.store.export("ttl"))
    assert len(KnowledgeGraph.from_file(ttl).evidence("India", "Pakistan")) == 1

    disk = GraphStore(tmp_path / "store")
    disk.put([DOC1])
    disk.close()
    del disk
    opened = KnowledgeGraph.open(tmp_path / "store")
    assert opened.summary()["documents"] == 1


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda p: KnowledgeGraph.open(p / "missing"), "no store at"),
        (lambda p: KnowledgeGraph.from_file(p / "missing.ttl"), "not found"),
        (lambda p: KnowledgeGraph.from_file(p / "graph.csv"), "invalid graph file"),
        (lambda p: KnowledgeGraph.build(["../no-such-dir/"]), "no such file or directory: '../no-such-dir/'"),
        (lambda p: KnowledgeGraph.build(["text"], date="5 May"), "invalid date '5 May'"),
        (lambda p: KnowledgeGraph.build([42]), "invalid input 42"),
    ],
)
def test_notebook_constructor_errors(tmp_path, call, message):
    with pytest.raises(KGError, match=re.escape(message)):
        call(tmp_path)


def test_notebook_build_tells_texts_from_paths(tmp_path, monkeypatch):
    """Without the extraction engine: check which Sources reach the pipeline."""
    import kg.pipeline
    from kg.pipeline import BuildResult
    from kg.types import BuildReport

    seen = []

    def fake_build(sources, **kwargs):
        seen.extend(sources)
        return BuildResult(GraphStore(None), BuildReport())

    monkeypatch.setattr(kg.pipeline, "build", fake_build)
    (tmp_path / "a.txt").write_text("Pakistan and India met.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("# B\n\nText b.\n", encoding="utf-8")
    given = Source("given", "A given record.")
    result = KnowledgeGraph.build(
        [str(tmp_path / "a.txt"), tmp_path / "sub", "India accused Pakistan.", given, "Second text."],
        date="2020-01-02",
    )
    assert [s.identifier for s in seen] == ["a.txt", "b.md", "text-1", "given", "text-2"]
    assert [s.date for s in seen] == ["2020-01-02", "2020-01-02", "2020-01-02", None, "2020-01-02"]
    assert seen[2].text == "India accused Pakistan."
    assert isinstance(result, KnowledgeGraph) and result.report is not None


def test_notebook_dyads_pairs_both_directions(kg):
    df = kg.dyads()
    assert list(df.columns) == ["a", "b", "events", "statements", "cooperation", "conflict", "first_date",
                                "last_date", "a_iri", "b_iri"]
    top = df.iloc[0]
    assert {top["a"], top["b"]} == {"United States", "Pakistan"}
    assert (top["events"], top["cooperation"], top["conflict"]) == (3, 1, 2)
    assert top["first_date"] == pd.Timestamp("2018-01-02")
    assert len(df) == 5  # USA-PAK, PAK-LeT, LeT-IND, IND-PAK, x-IND; officialOf is not an interaction
    assert KnowledgeGraph(GraphStore(None)).dyads().empty


def test_notebook_repr_names_skipped_inputs(kg):
    from kg.types import BuildReport, Skipped

    kg.report = BuildReport(skipped=[Skipped("seeds/<b>.pdf", "binary content")])
    assert "1 inputs skipped" in repr(kg)
    assert "seeds/&lt;b&gt;.pdf: binary content" in kg._repr_html_()


def test_notebook_query_runs_every_named_query(kg):
    """Each shipped query runs by name (``based-in`` is a name, not SPARQL starting with BASE)."""
    from kg.rdf.query import bind_params, run_query
    from kg.rdf.sparql import named_queries, query_params

    empty = set()
    for name, text in named_queries().items():
        params = {p.name: "Pakistan" for p in query_params(text).values() if not p.optional and p.kind == "entity"}
        df = kg.query(name, prefixes=False, **params)
        # the same query through the CLI's path (kg query NAME -p ...): same columns, same rows
        result = run_query(kg.store, text, bind_params(kg.store, text, params.items()))
        rows = sorted(tuple(str(row[v]) for v in result.vars) for row in result)
        # the frame leaves out the bound variables and the optional parameters left out and empty in every row
        declared = query_params(text)
        left_out = {v for v, p in declared.items() if p.optional and v not in params}
        dropped = set(params) | {str(v) for v in result.vars if str(v) in left_out and all(row[v] is None for row in result)}
        assert list(df.columns) == [str(v) for v in result.vars if str(v) not in dropped], name
        assert len(df) == len(rows), name
        kept = [i for i, v in enumerate(result.vars) if str(v) not in dropped]
        if kept:
            first = str(result.vars[kept[0]])
            shown = [x.date().isoformat() if isinstance(x, pd.Timestamp) else str(x) for x in df[first]]
            assert sorted(shown) == sorted(r[kept[0]] for r in rows), name
        if not rows:
            empty.add(name)
    # the fixture has no leaderOf or basedIn, and a dyad of Pakistan with itself has no events
    assert empty == {"leaders", "based-in", "dyad-timeline"}


def test_notebook_query_named_parameters_checked(kg):
    with pytest.raises(KGError, match="missing parameter 'a'"):
        kg.query("dyad-timeline")
    with pytest.raises(KGError, match="invalid parameter 'country'"):
        kg.query("officials", country="Pakistan")
    df = kg.query("dyad-timeline", a="US", b="PAK")
    assert len(df) == 3 and set(df["quadClass"]) == {"VerbalConflict", "VerbalCooperation"}


def test_notebook_sees_documents_added_later():
    store = GraphStore(None)
    store.put([DOC1])
    kg = KnowledgeGraph(store)
    assert "India" not in set(kg.entities()["label"])
    store.put([DOC2])
    assert "India" in set(kg.entities()["label"])
    assert len(kg.evidence("India")) == 3


def test_notebook_doctests():
    import doctest

    import kg.notebook

    assert doctest.testmod(kg.notebook).failed == 0


# ------------------------------------------------------------------------------------------ DataFrame conventions

PLOVER = {"agree", "consult", "support", "concede", "cooperate", "aid", "retreat", "request", "accuse", "reject",
          "threaten", "protest", "sanction", "mobilize", "coerce", "assault"}
QUADS = {"VerbalCooperation", "MaterialCooperation", "VerbalConflict", "MaterialConflict"}


@pytest.mark.parametrize("name, params, column, quad", [
    ("dyad-timeline", {"a": "US", "b": "PAK"}, "event", "quadClass"),
    ("event-counts", {"actor": "Pakistan"}, "event", "quadClass"),
    ("event-types", {}, "event", "quadClass"),
    ("events", {}, "event", "quadClass"),
    ("events", {"type": "assault"}, "event", "quadClass"),
    ("relations", {"a": "Pakistan"}, "relation", "quadClass"),
    ("state-sponsors", {}, "relation", "quadClass"),
])
def test_notebook_query_event_types_spelled_one_way(kg, name, params, column, quad):
    df = kg.query(name, **params)
    assert len(df) > 0
    events = set(df[column])
    assert events <= PLOVER | {"officialOf", "basedIn"}, events  # lower-case PLOVER names, never ASSAULT or gkg:
    assert set(df[quad]) <= QUADS | {"Structural"}
    for e, q in zip(df[column], df[quad], strict=True):
        if e in PLOVER:
            from kg.rdf.namespace import PLOVER_QUAD

            assert q == PLOVER_QUAD[e]


@pytest.mark.parametrize("name, params, gone", [
    ("dyad-timeline", {"a": "US", "b": "PAK"}, {"a", "b", "rollup"}),
    ("dyad-timeline", {"a": "US", "b": "PAK", "rollup": False}, {"a", "b", "rollup"}),
    ("event-counts", {"actor": "Pakistan"}, {"actor", "rollup"}),
    ("events", {"type": "accuse", "from": "2018-01-01"}, {"type", "from", "to", "rollup"}),
    ("relations", {"a": "Pakistan"}, {"a"}),
    ("officials", {"org": "United States"}, {"org"}),
])
def test_notebook_query_no_columns_for_parameters(kg, name, params, gone):
    df = kg.query(name, **params)
    assert len(df) > 0 and not gone & set(df.columns), list(df.columns)


def test_notebook_query_keeps_a_parameter_column_that_varies(kg):
    assert set(kg.query("officials")["org"]) == {"id:state/USA"}
    assert "b" in kg.query("relations", a="Pakistan").columns


def test_notebook_evidence_text_is_stripped():
    text = "Headline: India warns Pakistan\n\n"
    doc = DocResult(Source("h.txt", text + "More.", date="2020-01-01"), (IND, PAK),
                    (triple(IND, "threaten", PAK, text, 0),), words=6)
    store = GraphStore(None)
    store.put([doc])
    kg = KnowledgeGraph(store)
    assert kg.query("dyad-timeline", a="India", b="Pakistan")["evidence"].tolist() == [text.strip()]
    assert kg.query("events")["evidence"].tolist() == [text.strip()]
    assert kg.evidence("India", "Pakistan")["sentence"].tolist() == [text.strip()]


def test_notebook_missing_values_are_pd_na(kg):
    actors = kg.query("actors")
    iso = actors.set_index("name")["iso"]
    assert iso["Lashkar-e-Taiba"] is pd.NA and iso["Pakistan"] == "PAK"
    assert kg.entities().set_index("label")["iso"]["Lashkar-e-Taiba"] is pd.NA
    assert kg.entities().set_index("label")["title"]["Pakistan"] is pd.NA
    ev = kg.evidence("Pakistan", "Lashkar-e-Taiba")
    assert ev["sector"].tolist() == [pd.NA] and ev["modality"].tolist() == ["hypothetical"]
    rel = kg.query("relations", a="United States")
    assert rel["source"].isna().all() and all(v is pd.NA for v in rel["source"])


def test_notebook_without_pandas_says_how_to_install(kg, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas raises ImportError
    with pytest.raises(KGError, match=r"^DataFrames need pandas.*pip install 'geokg\[notebook\]'$"):
        kg.query("officials")
    with pytest.raises(KGError, match=r"pip install 'geokg\[notebook\]'"):
        kg.entities()
    assert kg.query("ASK { ?s ?p ?o }") is True  # no DataFrame, no pandas needed


def test_notebook_dyads_count_a_relation_once_per_document():
    headline, lead = "India warns Pakistan\n\n", "India warned Pakistan on Sunday."
    doc = DocResult(Source("w.txt", headline + lead, date="2020-01-01"), (IND, PAK),
                    (triple(IND, "threaten", PAK, headline, 0), triple(IND, "threaten", PAK, lead, len(headline))),
                    words=7)
    later = DocResult(Source("w2.txt", lead, date="2020-02-01"), (IND, PAK), (triple(IND, "threaten", PAK, lead, 0),),
                      words=5)
    store = GraphStore(None)
    store.put([doc, later])
    [row] = KnowledgeGraph(store).dyads().to_dict("records")
    assert (row["events"], row["statements"], row["conflict"], row["cooperation"]) == (2, 3, 2, 0)


def test_notebook_query_plain_sparql_drops_bound_variable_columns(kg):
    df = kg.query("SELECT ?who ?actor WHERE { ?who <https://w3id.org/geokg/ontology#accuse> ?actor }", actor="Pakistan")
    assert list(df.columns) == ["who"] and set(df["who"]) == {"id:state/USA", "id:state/IND"}
