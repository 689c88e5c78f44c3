"""The explorer page in Debian's headless Chromium (Playwright): it draws, answers clicks, stays offline and safe.

Needs ``/usr/bin/chromium`` (``apt-get install chromium``); Playwright never downloads a browser here.
Also saves a screenshot to ``out/explorer.png`` (``docs/screenshot.py`` makes the README's from the seeds).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import pytest
from conftest import import_or_fail_in_ci, skip_unless_ci
from rdflib import Dataset

from kg.network import html as kg_html
from kg.network.html import render_html
from kg.network.project import to_networkx

CHROMIUM = Path(os.environ.get("KG_TEST_CHROMIUM", "/usr/bin/chromium"))  # the variable: for tests/test_ci.py
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
SCREENSHOT = Path(__file__).resolve().parents[1] / "out" / "explorer.png"

pytestmark = pytest.mark.browser

PREFIXES = """
@prefix gkg: <https://w3id.org/geokg/ontology#> .
@prefix id: <https://w3id.org/geokg/id/> .
@prefix doc: <https://w3id.org/geokg/doc/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

ENTITIES = """
id:usa a gkg:State ; rdfs:label "United States" ; skos:altLabel "US", "Washington" ; gkg:isoCode "USA" .
id:pak a gkg:State ; rdfs:label "Pakistan" ; skos:altLabel "Islamabad" ; gkg:isoCode "PAK" .
id:ind a gkg:State ; rdfs:label "India" ; skos:altLabel "New Delhi" ; gkg:isoCode "IND" .
id:afg a gkg:State ; rdfs:label "Afghanistan" ; gkg:isoCode "AFG" .
id:qat a gkg:State ; rdfs:label "Qatar" ; gkg:isoCode "QAT" .
id:taliban a gkg:ArmedGroup ; rdfs:label "Taliban" .
id:haqqani a gkg:ArmedGroup ; rdfs:label "Haqqani network" ; skos:altLabel "Haqqanis" .
id:jem a gkg:ArmedGroup ; rdfs:label "Jaish-e-Mohammed" ; skos:altLabel "JeM" .
id:un a gkg:InternationalOrganization ; rdfs:label "United Nations" ; skos:altLabel "UN" .
id:isi a gkg:GovernmentBody ; rdfs:label "Inter-Services Intelligence" ; skos:altLabel "ISI" .
id:mattis a gkg:Official, gkg:Person ; rdfs:label "Jim Mattis" ; gkg:title "Secretary of Defense" .
id:khalilzad a gkg:Official, gkg:Person ; rdfs:label "Zalmay Khalilzad" ; gkg:title "special envoy" .
id:pulwama a gkg:Place ; rdfs:label "Pulwama" .
id:kashmir a gkg:Place ; rdfs:label "Kashmir" .
id:doha a gkg:Place ; rdfs:label "Doha" .
id:kunduz a gkg:Place ; rdfs:label "Kunduz" .
"""

# (subject, relation, object, [(sentence, document, date)])
RELATIONS = [
    (
        "usa",
        "accuse",
        "pak",
        [
            ("Washington accused Pakistan of giving safe haven to the Haqqani network.", "a", None),
            ("The United States again accused Islamabad of harbouring militants.", "a", "2018-01-02"),
        ],
    ),
    ("usa", "sanction", "pak", [("The US suspended security assistance to Pakistan.", "a", "2018-01-04")]),
    ("pak", "reject", "usa", [("Islamabad rejected the American accusations.", "a", None)]),
    ("isi", "aid", "haqqani", [("Officials say the ISI has long supported the Haqqanis.", "a", None)]),
    ("isi", "basedIn", "pak", []),
    ("haqqani", "memberOf", "taliban", [("The Haqqani network is part of the Taliban.", "a", None)]),
    ("mattis", "officialOf", "usa", [("US Defense Secretary Jim Mattis said ...", "a", None)]),
    (
        "jem",
        "assault",
        "ind",
        [("Jaish-e-Mohammed claimed the suicide attack on Indian troops.", "b", "2019-02-14")],
    ),
    (
        "ind",
        "accuse",
        "pak",
        [("India accused Pakistan of a direct hand in the Pulwama attack.", "b", "2019-02-15")],
    ),
    ("ind", "threaten", "pak", [("New Delhi warned Pakistan of a crushing response.", "b", None)]),
    ("pak", "reject", "ind", [("Pakistan rejected India's allegations.", "b", None)]),
    ("pulwama", "locatedIn", "kashmir", []),
    ("un", "consult", "ind", [("The UN urged India and Pakistan to show restraint.", "b", None)]),
    ("khalilzad", "officialOf", "usa", [("US special envoy Zalmay Khalilzad ...", "c", None)]),
    (
        "usa",
        "consult",
        "taliban",
        [("The United States held talks with the Taliban in Doha.", "c", "2019-02-25")],
    ),
    ("taliban", "agree", "usa", [("The Taliban agreed to a draft framework with Washington.", "c", None)]),
    ("qat", "aid", "taliban", [("Qatar hosts the Taliban's political office.", "c", None)]),
    ("taliban", "assault", "afg", [("The Taliban attacked an army base in Afghanistan.", "c", None)]),
    ("taliban", "basedIn", "doha", []),
]
DOCS = {
    "a": ("01-us-pakistan-sanctuaries.txt", "US suspends security aid to Pakistan", "2018-01-04"),
    "b": ("02-india-pakistan-kashmir-attack.txt", "India blames Pakistan for Kashmir attack", "2019-02-15"),
    "c": ("03-doha-afghan-talks.txt", "US and Taliban talk in Doha", "2019-02-26"),
}


def demo_trig() -> str:
    out = [PREFIXES]
    for key, (ident, title, date) in DOCS.items():
        out.append(
            f'doc:{key} {{ doc:{key} a gkg:Document ; dcterms:identifier "{ident}" ; dcterms:title "{title}" ; '
            f'dcterms:date "{date}"^^xsd:date .\n{ENTITIES}'
        )
        for i, (s, rel, o, evidence) in enumerate(RELATIONS):
            mine = [e for e in evidence if e[1] == key]
            if mine or (not evidence and key == "a"):
                out.append(f"id:{s} gkg:{rel} id:{o} .")
            for j, (text, _, day) in enumerate(mine):
                date_part = f' ; gkg:date "{day}"^^xsd:date' if day else ""
                out.append(
                    f"<https://w3id.org/geokg/doc/{key}/st/{i}-{j}> a rdf:Statement ; rdf:subject id:{s} ; "
                    f"rdf:predicate gkg:{rel} ; rdf:object id:{o} ; gkg:evidence {json.dumps(text)} ; "
                    f"prov:wasDerivedFrom doc:{key} ; gkg:charStart {10 * i} ; gkg:charEnd {10 * i + 9} ; "
                    f'gkg:confidence 0.8 ; gkg:rule "svo-active"{date_part} .'
                )
        out.append("}")
    return "\n".join(out)


def demo_graph() -> nx.MultiDiGraph:
    ds = Dataset()
    ds.parse(data=demo_trig(), format="trig")
    return to_networkx(ds)


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<img src=y onerror="window.__pwned=1">',
    "\"'\\</script><script>alert(2)</script>",
]


def hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node(
        "e:1",
        label=HOSTILE[0],
        cls="ArmedGroup",
        classes=["ArmedGroup"],
        iso=HOSTILE[1],
        title=HOSTILE[2],
        alt_labels=HOSTILE[3:],
    )
    G.add_node("e:2", label=HOSTILE[2], cls="State", classes=["State"], iso=None, title=None, alt_labels=[])
    ev = [
        {
            "text": " ".join(HOSTILE),
            "doc": HOSTILE[1],
            "title": HOSTILE[3],
            "url": "javascript:alert(3)",
            "date": HOSTILE[4],
            "rule": HOSTILE[0],
            "confidence": 0.5,
            "modality": HOSTILE[2],
            "sector": HOSTILE[3],
        }
    ]
    G.add_edge(
        "e:1", "e:2", key="threaten", relation="threaten", quad="VerbalConflict", evidence=ev, weight=1
    )
    return G


# ------------------------------------------------------------------------------------------ harness


@pytest.fixture(scope="module")
def browser():
    # a missing browser skips these tests on a developer's machine and fails them in CI (which installs it)
    if not CHROMIUM.exists():
        skip_unless_ci(f"{CHROMIUM} not found; install it with: apt-get install chromium")
    sync_api = import_or_fail_in_ci("playwright.sync_api", "playwright (Python) is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Opened:
    def __init__(self, page, requests, dialogs, errors, console_errors):
        self.page, self.requests, self.dialogs, self.errors, self.console_errors = (
            page,
            requests,
            dialogs,
            errors,
            console_errors,
        )

    def js(self, expr, arg=None):
        return self.page.evaluate(expr, arg)

    def panel(self) -> str:
        return self.page.inner_text("#kg-details")


@pytest.fixture
def open_page(browser, tmp_path):
    pages = []

    def _open(html: str, name: str = "page.html") -> Opened:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        pages.append(page)
        o = Opened(page, [], [], [], [])
        page.on("request", lambda r: o.requests.append(r.url))
        page.on("dialog", lambda d: (o.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: o.errors.append(str(e)))
        page.on("console", lambda m: o.console_errors.append(m.text) if m.type == "error" else None)
        page.goto(path.as_uri())
        page.wait_for_function("() => window.__kg && window.__kg.ready", timeout=20_000, polling=50)
        return o

    yield _open
    for page in pages:
        page.close()


def edge_click_point(o: Opened, edge_id: int) -> dict | None:
    """Page coordinates of the midpoint of a straight edge, if a click there hits that edge and no node."""
    return o.js(
        """(id) => {
          const net = window.__kg.network, e = window.__kg.edges.get(id);
          const p = net.getPositions([e.from, e.to]);
          const mid = net.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
          const box = document.getElementById("kg-network").getBoundingClientRect();
          if (net.getNodeAt(mid) !== undefined || net.getEdgeAt(mid) !== id) return null;
          return {x: box.left + mid.x, y: box.top + mid.y};
        }""",
        edge_id,
    )


def node_click_point(o: Opened, node_id: int) -> dict:
    return o.js(
        """(id) => {
          const net = window.__kg.network, p = net.canvasToDOM(net.getPositions([id])[id]);
          const box = document.getElementById("kg-network").getBoundingClientRect();
          return {x: box.left + p.x, y: box.top + p.y};
        }""",
        node_id,
    )


# ------------------------------------------------------------------------------------------ tests


def test_browser_demo_draws_every_entity_offline_and_shows_edge_evidence_on_click(open_page):
    G = demo_graph()
    o = open_page(render_html(G, title="geokg — seeds demo"))
    counts = o.js("""() => ({
        data: window.__kg.nodes.length,
        drawn: window.__kg.network.body.nodeIndices.length,
        positioned: Object.keys(window.__kg.network.getPositions()).length,
        edges: window.__kg.network.body.edgeIndices.length,
        physics: window.__kg.network.physics.options.enabled})""")
    assert counts == {
        "data": G.number_of_nodes(),
        "drawn": G.number_of_nodes(),
        "positioned": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "physics": False,
    }

    # a real mouse click on the middle of the best-evidenced straight edge
    data = o.js("window.__kg.data")
    candidates = sorted((e for e in data["edges"] if not e["curve"]), key=lambda e: -len(e["ev"]))
    edge, point = next((e, p) for e in candidates if (p := edge_click_point(o, e["id"])) is not None)
    o.page.mouse.click(point["x"], point["y"])
    panel = o.panel()
    for ev in edge["ev"]:
        assert ev["text"] in panel
        assert ev["doc"] in panel and ev["title"] in panel
    assert o.js("window.__kg.network.getSelectedEdges()") == [edge["id"]]

    # a screenshot of the evidence of the most-evidenced relation, mouse out of the way of tooltips
    best = max(data["edges"], key=lambda e: (len(e["ev"]), -e["id"]))
    assert o.js("(id) => window.__kg.selectEdge(id)", best["id"])
    o.page.mouse.move(1270, 790)  # an empty corner of the canvas: vis hides its tooltip
    o.page.wait_for_timeout(100)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    o.page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000

    assert o.requests == [o.page.url] and o.page.url.startswith("file:")
    assert (o.dialogs, o.errors, o.console_errors) == ([], [], [])


def test_browser_node_click_search_and_filters(open_page):
    G = demo_graph()
    o = open_page(render_html(G))
    data = o.js("window.__kg.data")
    pak = next(n for n in data["nodes"] if n["label"] == "Pakistan")
    point = node_click_point(o, pak["id"])
    o.page.mouse.click(point["x"], point["y"])
    panel = o.panel()
    assert "Pakistan" in panel and "PAK" in panel and "Islamabad" in panel and "reject" in panel

    o.page.fill("#kg-search", "haqqanis")
    o.page.press("#kg-search", "Enter")
    haqqani = next(n for n in data["nodes"] if n["label"] == "Haqqani network")
    assert o.js("window.__kg.network.getSelectedNodes()") == [haqqani["id"]]
    assert o.page.inner_text("#kg-details h2").strip() == "Haqqani network"
    o.page.fill("#kg-search", "Atlantis")
    o.page.press("#kg-search", "Enter")
    assert "No entity matches" in o.page.inner_text("#kg-search-msg")

    states = sum(n["cls"] == "State" for n in data["nodes"])
    o.page.check('input[data-kind="cls"][data-name="State"]')
    o.page.uncheck('input[data-kind="cls"][data-name="State"]')
    assert o.js("window.__kg.visibleNodeCount()") == len(data["nodes"]) - states
    o.page.check('input[data-kind="cls"][data-name="State"]')
    assert o.js("window.__kg.visibleNodeCount()") == len(data["nodes"])
    o.page.check("#kg-hide-lonely")  # Kunduz is mentioned but takes part in no relation
    assert o.js("window.__kg.visibleNodeCount()") == len(data["nodes"]) - 1
    o.page.uncheck("#kg-hide-lonely")
    conflict = sum(e["quad"] == "VerbalConflict" for e in data["edges"])
    o.page.uncheck('input[data-kind="quad"][data-name="VerbalConflict"]')
    assert o.js("window.__kg.visibleEdgeCount()") == len(data["edges"]) - conflict
    o.page.check('input[data-kind="quad"][data-name="VerbalConflict"]')
    assert o.js("window.__kg.visibleEdgeCount()") == len(data["edges"])
    assert (o.dialogs, o.errors, o.console_errors) == ([], [], [])
    assert all(u.startswith("file:") for u in o.requests)


def test_browser_hostile_text_executes_nothing(open_page):
    o = open_page(render_html(hostile_graph(), title=HOSTILE[0]))
    o.page.fill("#kg-search", HOSTILE[0])
    o.page.press("#kg-search", "Enter")
    panel = o.panel()
    assert HOSTILE[0] in panel and HOSTILE[1] in panel and HOSTILE[2] in panel and HOSTILE[3] in panel
    o.js("window.__kg.selectEdge(0)")
    panel = o.panel()
    for text in HOSTILE:
        assert text in panel
    o.page.hover("#kg-network", position={"x": 300, "y": 300})
    o.page.wait_for_timeout(300)  # let any injected onerror/onload fire
    assert o.js("document.title") == HOSTILE[0]
    assert o.js("document.querySelectorAll('script').length") == 3
    assert o.js("document.querySelectorAll('#kg-panel img, #kg-panel svg[onload], img').length") == 0
    assert o.js("window.__pwned === undefined")
    assert (o.dialogs, o.errors, o.console_errors) == ([], [], [])
    assert o.requests == [o.page.url]


def test_browser_large_graph_is_drawn_with_fixed_positions(open_page, monkeypatch):
    monkeypatch.setattr(kg_html, "LARGE_GRAPH_NODES", 20)
    G = nx.MultiDiGraph()
    for i in range(60):
        G.add_node(f"n{i}", label=f"Node {i}", cls="Person", alt_labels=[])
    for i in range(60):
        G.add_edge(
            f"n{i}",
            f"n{(i * 7 + 1) % 60}",
            key="aid",
            relation="aid",
            quad="MaterialCooperation",
            evidence=[],
            weight=0,
        )
    o = open_page(render_html(G))
    data = o.js("window.__kg.data")
    assert data["large"]
    positions = o.js("window.__kg.network.getPositions()")
    assert len(positions) == 60
    for n in data["nodes"]:
        assert positions[str(n["id"])] == {"x": n["x"], "y": n["y"]}
    assert o.js("window.__kg.network.physics.options.enabled") is False
    # large graphs paint relation names for the selection only (and, zoomed in, for the view)
    assert o.js("window.__kg.edges.get().filter(e => e.label).length") == 0
    assert o.js("window.__kg.labelledEdges()") == []
    o.js("window.__kg.selectEdge(5)")
    assert o.js("window.__kg.labelledEdges()") == [5]
    assert o.js("window.__kg.search('node 42')") == next(
        n["id"] for n in data["nodes"] if n["label"] == "Node 42"
    )
    assert (o.errors, o.console_errors) == ([], [])
