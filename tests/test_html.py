"""kg.network.html: the page is self-contained, escapes hostile text, and renders what it is asked to."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from rdflib import Dataset

from kg.network import html as kg_html
from kg.network.html import json_for_script, layout, page_data, render_html, write_html
from kg.network.project import to_networkx

ID = "https://w3id.org/geokg/id/"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = "<svg onload=alert(1)>"
QUOTES = 'He said "stop" and \'no\' \\ back\\slash \\" \\u003c </script><!-- -->&amp; \u2028line\u2029end'


def _lit(text: str) -> str:
    """A Turtle string literal for any text."""
    return json.dumps(text)  # JSON string escapes are valid Turtle ECHAR/UCHAR escapes


HOSTILE_TRIG = f"""
@prefix gkg: <https://w3id.org/geokg/ontology#> .
@prefix id: <https://w3id.org/geokg/id/> .
@prefix doc: <https://w3id.org/geokg/doc/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
doc:evil {{
  doc:evil a gkg:Document ; dcterms:identifier {_lit(IMG + ".txt")} ; dcterms:title {_lit(SVG + QUOTES)} .
  id:evil a gkg:ArmedGroup ; rdfs:label {_lit(SCRIPT)} ; skos:altLabel {_lit(IMG)}, {_lit(QUOTES)} .
  id:victim a gkg:State ; rdfs:label {_lit(SVG)} ; gkg:isoCode {_lit('"><b>')} .
  id:official a gkg:Official ; rdfs:label "Quote \\"Smith\\"" ; gkg:title {_lit(SCRIPT)} .
  id:evil gkg:threaten id:victim .
  id:official gkg:officialOf id:victim .
  <https://w3id.org/geokg/doc/evil/st/1> a rdf:Statement ; rdf:subject id:evil ; rdf:predicate gkg:threaten ;
      rdf:object id:victim ; gkg:evidence {_lit(SCRIPT + " " + IMG + " " + SVG + " " + QUOTES)} ;
      prov:wasDerivedFrom doc:evil ; gkg:charStart 0 ; gkg:charEnd 10 ; gkg:confidence 0.5 ;
      gkg:rule {_lit(SVG)} ; gkg:modality {_lit(IMG)} ; gkg:actorSector {_lit(SCRIPT)} .
}}
"""
HOSTILE_STRINGS = (SCRIPT, IMG, SVG, QUOTES)


def hostile_graph() -> nx.MultiDiGraph:
    ds = Dataset()
    ds.parse(data=HOSTILE_TRIG, format="trig")
    return to_networkx(ds)


def small_graph(n: int = 4) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(
            f"{ID}n{i}",
            label=f"Node {i}",
            cls="State",
            classes=["State"],
            iso=None,
            title=None,
            alt_labels=[f"N{i}"],
        )
    for i in range(n - 1):
        ev = [
            {
                "text": f"Node {i} met Node {i + 1}.",
                "doc": "d.txt",
                "title": None,
                "date": None,
                "rule": "r",
                "confidence": 0.5,
                "modality": None,
                "sector": None,
            }
        ] * (1 + i % 2)
        G.add_edge(
            f"{ID}n{i}",
            f"{ID}n{i + 1}",
            key="consult",
            relation="consult",
            quad="VerbalCooperation",
            evidence=ev,
            weight=len(ev),
        )
    return G


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    p.close()
    return p


def data_block(page: str) -> str:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "no JSON data block"
    return m.group(1)


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(hostile_graph(), title=SCRIPT)


# ------------------------------------------------------------------------------------------ offline


def test_html_is_self_contained(hostile_page):
    page = hostile_page
    lowered = page.lower()
    for bad in ("<script src", "<link", "@import", "url(http", "<iframe", "<object", "<embed", "<base"):
        assert bad not in lowered
    tags = parse(page).tags
    assert [t for t, a in tags if t == "script"] == ["script"] * 3
    for tag, attrs in tags:
        assert not {"src", "href", "srcset", "action", "formaction", "background", "poster"} & set(attrs), tag
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_html_csp_allows_only_the_inline_scripts(hostile_page):
    p = parse(hostile_page)
    [csp] = [
        a["content"] for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp
    script_src = re.search(r"script-src ([^;]+)", csp).group(1).split()
    assert "'unsafe-inline'" not in script_src
    code = [
        s
        for (t, a), s in zip([x for x in p.tags if x[0] == "script"], p.scripts, strict=True)
        if "type" not in a
    ]
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in code]
    assert sorted(hashes) == sorted(script_src)


def test_html_vis_network_is_inlined_without_source_map(hostile_page):
    assert "vis-network" in hostile_page and "@version 9.1.2" in hostile_page
    assert "sourceMappingURL" not in hostile_page
    assert "\r" not in hostile_page


# ------------------------------------------------------------------------------------------ escaping


@pytest.mark.parametrize("text", [*HOSTILE_STRINGS, '"><b>', "</script", "<!--", "onerror=alert(1)>"])
def test_html_hostile_text_never_appears_raw(hostile_page, text):
    outside = hostile_page.replace(data_block(hostile_page), "")
    if text in ("</script", "<!--"):  # legitimate markup of the page itself; never from the data
        assert text not in data_block(hostile_page)
    else:
        assert text not in hostile_page
    assert QUOTES not in outside


def test_html_json_block_round_trips(hostile_page):
    block = data_block(hostile_page)
    assert not set(block) & {"<", ">", "&", "\u2028", "\u2029"}
    data = json.loads(block)
    labels = {n["label"] for n in data["nodes"]}
    assert {SCRIPT, SVG, 'Quote "Smith"'} == labels
    evil = next(n for n in data["nodes"] if n["label"] == SCRIPT)
    assert evil["alt"] == sorted([IMG, QUOTES], key=str.casefold)
    [threat] = [e for e in data["edges"] if e["rel"] == "threaten"]
    [ev] = threat["ev"]
    assert ev["text"] == f"{SCRIPT} {IMG} {SVG} {QUOTES}"
    assert (ev["doc"], ev["title"], ev["rule"], ev["modality"], ev["sector"]) == (
        IMG + ".txt",
        SVG + QUOTES,
        SVG,
        IMG,
        SCRIPT,
    )
    assert data["title"] == SCRIPT


def test_html_title_is_escaped(hostile_page):
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in hostile_page


def test_html_page_code_never_uses_html_sinks():
    js = kg_html._asset("explorer.js")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js


@pytest.mark.parametrize(
    "value, expected",
    [
        ("<>&", '"\\u003c\\u003e\\u0026"'),
        ("\u2028\u2029", '"\\u2028\\u2029"'),
        ("é ü 中", '"é ü 中"'),
        ('"\\', '"\\"\\\\"'),
        ("lone \ud800 surrogate", '"lone \\ud800 surrogate"'),
    ],
)
def test_html_json_for_script(value, expected):
    assert json_for_script(value) == expected
    assert json.loads(json_for_script(value)) == value


# ------------------------------------------------------------------------------------------ content


def test_html_page_data_styles_and_counts():
    data = page_data(hostile_graph(), title="t")
    assert len(data["nodes"]) == 3 and len(data["edges"]) == 2
    classes = {c["name"]: c for c in data["classes"]}
    assert {
        "State",
        "ArmedGroup",
        "InternationalOrganization",
        "GovernmentBody",
        "Official",
        "Person",
        "Place",
    } <= set(classes)
    assert classes["ArmedGroup"]["count"] == 1 and classes["ArmedGroup"]["shape"] == "triangle"
    quads = {q["name"]: q["count"] for q in data["quads"]}
    assert quads == {
        "VerbalCooperation": 0,
        "MaterialCooperation": 0,
        "VerbalConflict": 1,
        "MaterialConflict": 0,
        "Structural": 1,
    }
    assert {r["name"]: r["quad"] for r in data["relations"]} == {
        "officialOf": "Structural",
        "threaten": "VerbalConflict",
    }
    assert all(8 <= n["size"] <= 38 for n in data["nodes"])
    assert not data["large"] and all("x" not in n for n in data["nodes"])


def test_html_node_size_follows_distinct_actor_partners_not_pagerank():
    G = nx.MultiDiGraph()
    for n, cls in [("a", "State"), ("b", "State"), ("c", "ArmedGroup"), ("d", "Official"), ("p", "Place")]:
        G.add_node(n, label=n, cls=cls, classes=[cls, "Person"] if cls == "Official" else [cls])
    for n in "abcd":  # every actor is based in the place: it has the highest PageRank
        G.add_edge(n, "p", key="basedIn", relation="basedIn", quad="Structural", evidence=[], weight=0)
    for rel in ("accuse", "threaten", "reject"):  # three relations, one partner
        G.add_edge("a", "b", key=rel, relation=rel, quad="VerbalConflict", evidence=[], weight=0)
    G.add_edge("a", "c", key="support", relation="support", quad="VerbalCooperation", evidence=[], weight=0)
    G.add_edge("d", "a", key="officialOf", relation="officialOf", quad="Structural", evidence=[], weight=0)
    data = page_data(G, title="t")
    nodes = {n["label"]: n for n in data["nodes"]}
    assert max(nodes, key=lambda k: nodes[k]["pr"]) == "p"
    assert {k: n["partners"] for k, n in nodes.items()} == {"a": 3, "b": 1, "c": 1, "d": 1, "p": 0}
    assert nodes["a"]["size"] == 38 and nodes["p"]["size"] == 8
    assert nodes["b"]["size"] == nodes["c"]["size"] == nodes["d"]["size"] < nodes["a"]["size"]


def test_html_communities_are_kg_analyzes_and_coloured_largest_first():
    from kg.network.metrics import communities

    G = small_graph(6)
    G.add_node(f"{ID}alone", label="Alone", cls="Place", classes=["Place"], alt_labels=[])
    data = page_data(G, title="t")
    parts = communities(G)
    assert [c["size"] for c in data["communities"]] == [p["size"] for p in parts]
    member = {n["iri"]: n["community"] for n in data["nodes"]}
    assert all(member[n] == p["id"] for p in parts for n in p["nodes"])
    colours = [c["color"] for c in data["communities"]]
    assert colours[: len(parts) - 1] == list(kg_html.COMMUNITY_COLORS[: len(parts) - 1])
    assert data["communities"][-1]["labels"] == ["Alone"] and colours[-1] == kg_html.OTHER_COMMUNITY


def test_html_dates_are_the_statements_dates_sorted():
    G = small_graph(3)
    u, v, key = next(iter(G.edges(keys=True)))
    G.edges[u, v, key]["evidence"] = [dict(G.edges[u, v, key]["evidence"][0], date=d) for d in ("2020-05-01", "2019-01-02")]
    assert page_data(G, title="t")["dates"] == ["2019-01-02", "2020-05-01"]


def test_html_vis_network_comes_from_the_installed_pyvis(hostile_page):
    from importlib import resources

    assert not (resources.files("kg.network") / "static" / "vis-network.min.js").is_file()
    shipped = resources.files("pyvis").joinpath(*kg_html.VIS_NETWORK).read_text(encoding="utf-8")
    assert shipped.splitlines()[0] in hostile_page
    assert kg_html.vis_network_js() in hostile_page


def test_html_write_html_reports_what_the_page_holds(tmp_path):
    G = small_graph(6)
    G.add_node(f"{ID}alone", label="Alone", cls="Place", classes=["Place"], alt_labels=[])
    assert write_html(G, tmp_path / "a.html") == {"entities": 7, "relations": 5, "isolated": 1, "note": ""}
    assert write_html(G, tmp_path / "b.html", focus="Node 2", hops=1) == {
        "entities": 3,
        "relations": 2,
        "isolated": 0,
        "note": "1 hop around Node 2",
    }
    assert write_html(G, tmp_path / "c.html", min_evidence=2)["isolated"] == 3


def test_html_parallel_edges_curve_apart():
    G = small_graph(2)
    G.add_edge(
        f"{ID}n1", f"{ID}n0", key="reject", relation="reject", quad="VerbalConflict", evidence=[], weight=0
    )
    curves = sorted(e["curve"] for e in page_data(G, title="t")["edges"])
    assert curves == [0, 0.15]


def test_html_focus_and_min_evidence_apply_before_rendering():
    G = small_graph(6)
    data = json.loads(data_block(render_html(G, focus="n2", hops=1)))
    assert sorted(n["label"] for n in data["nodes"]) == ["Node 1", "Node 2", "Node 3"]
    assert data["nodes"][data["focus"]]["label"] == "Node 2"
    assert data["note"] == "1 hop around Node 2"
    data = json.loads(data_block(render_html(G, min_evidence=2)))
    assert len(data["nodes"]) == 6 and len(data["edges"]) == 2  # edges 1→2 and 3→4 carry two sentences
    with pytest.raises(ValueError, match="unknown entity 'Node 99'; did you mean: .*'Node 1'"):
        render_html(G, focus="Node 99")
    with pytest.raises(ValueError, match="invalid min_evidence 0"):
        render_html(G, min_evidence=0)


def test_html_render_is_pure_and_deterministic():
    G = hostile_graph()
    before = copy.deepcopy((dict(G.nodes(data=True)), list(G.edges(keys=True, data=True)), G.graph))
    assert render_html(G) == render_html(G)
    assert (dict(G.nodes(data=True)), list(G.edges(keys=True, data=True)), G.graph) == before


def test_html_empty_graph():
    data = json.loads(data_block(render_html(nx.MultiDiGraph())))
    assert data["nodes"] == [] and data["edges"] == []


def test_html_large_graph_gets_fixed_positions(monkeypatch):
    monkeypatch.setattr(kg_html, "LARGE_GRAPH_NODES", 10)
    G = small_graph(30)
    data = page_data(G, title="t")
    assert data["large"]
    xy = [(n["x"], n["y"]) for n in data["nodes"]]
    assert len(set(xy)) == 30
    assert xy == [(n["x"], n["y"]) for n in page_data(G, title="t")["nodes"]]


def test_html_layout_handles_big_and_isolated_communities(monkeypatch):
    monkeypatch.setattr(kg_html, "_SPRING_MAX", 5)  # force the spiral path too
    G = small_graph(20)
    G.add_node("lonely", label="Lonely", cls="Place")
    pos = layout(G)
    assert set(pos) == set(G)
    assert len(set(pos.values())) == len(G)


def test_html_write_html_is_atomic(tmp_path):
    G = small_graph()
    target = tmp_path / "graph.html"
    target.write_text("old")
    write_html(G, target, title="x", min_evidence=1)
    assert target.read_text(encoding="utf-8") == render_html(G, title="x")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]
