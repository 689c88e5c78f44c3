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
                    f'gkg:confidence {0.6 + 0.05 * (i % 5):.2f} ; gkg:rule "svo-active"{date_part} .'
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


def test_browser_demo_draws_every_related_entity_offline_and_shows_edge_evidence_on_click(open_page):
    G = demo_graph()
    o = open_page(render_html(G, title="geokg — seeds demo"))
    counts = o.js("""() => ({
        data: window.__kg.nodes.length,
        drawn: window.__kg.network.body.nodeIndices.length,
        positioned: Object.keys(window.__kg.network.getPositions()).length,
        edges: window.__kg.network.body.edgeIndices.length,
        physics: window.__kg.network.physics.options.enabled})""")
    related = sum(1 for n in G if G.degree(n))  # Kunduz takes part in no relation: hidden until asked
    assert related == G.number_of_nodes() - 1
    assert counts == {
        "data": G.number_of_nodes(),
        "drawn": related,
        "positioned": related,
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

    o.page.check("#kg-show-lonely")  # Kunduz is mentioned but takes part in no relation
    assert o.js("window.__kg.visibleNodeCount()") == len(data["nodes"])
    states = sum(n["cls"] == "State" for n in data["nodes"])
    o.page.check('input[data-kind="cls"][data-name="State"]')
    o.page.uncheck('input[data-kind="cls"][data-name="State"]')
    assert o.js("window.__kg.visibleNodeCount()") == len(data["nodes"]) - states
    o.page.check('input[data-kind="cls"][data-name="State"]')
    assert o.js("window.__kg.visibleNodeCount()") == len(data["nodes"])
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


# ------------------------------------------------------------------------------------------ filters, colours, labels, export


def offline(o: Opened) -> bool:
    """Only the page itself (and, after an export, the page's own blob: URLs) was ever requested."""
    return o.requests[0] == o.page.url and all(u.startswith(("file:", "blob:")) for u in o.requests)


def set_range(o: Opened, selector: str, value) -> None:
    """Move a range input as a user would: set its value and fire the input event it listens to."""
    o.page.eval_on_selector(
        selector, "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }", value
    )


def wait_for_counts(o: Opened, nodes: int, edges: int) -> None:
    o.page.wait_for_function(
        "([n, e]) => window.__kg.visibleNodeCount() === n && window.__kg.visibleEdgeCount() === e",
        arg=[nodes, edges],
        timeout=5_000,
    )


def shown_by(data: dict, keep) -> tuple[int, int]:
    """(entities, relations) left when only the sentences ``keep`` accepts count."""
    edges = [e for e in data["edges"] if any(keep(ev) for ev in e["ev"])]
    ends = {x for e in edges for x in (e["from"], e["to"])}
    return len(ends), len(edges)


def test_browser_date_slider_and_minimum_confidence_filter_relations_and_their_entities(open_page):
    o = open_page(render_html(demo_graph()))
    data = o.js("window.__kg.data")
    dates = data["dates"]
    assert dates == sorted({ev["date"] for e in data["edges"] for ev in e["ev"]})
    assert o.page.inner_text("#kg-date-from-value") == dates[0]
    assert o.page.inner_text("#kg-date-to-value") == dates[-1]

    # 2019 only: the 2018 sanctions dispute and the relations asserted without a sentence drop out
    start = next(i for i, d in enumerate(dates) if d >= "2019")
    set_range(o, "#kg-date-from", start)
    nodes, edges = shown_by(data, lambda ev: ev["date"] >= "2019")
    assert 0 < edges < len(data["edges"])
    wait_for_counts(o, nodes, edges)
    assert o.page.inner_text("#kg-date-from-value") == dates[start]
    shown = set(o.js("window.__kg.visibleEdgeIds()"))
    assert {e["rel"] for e in data["edges"] if e["id"] in shown} >= {"assault", "consult", "agree"}
    assert "sanction" not in {e["rel"] for e in data["edges"] if e["id"] in shown}
    assert o.page.inner_text("#kg-counts") == (
        f"{nodes} of {len(data['nodes'])} entities · {edges} of {len(data['edges'])} relations shown"
    )

    # the end thumb cannot pass the start thumb; one day only
    set_range(o, "#kg-date-to", start)
    nodes, edges = shown_by(data, lambda ev: ev["date"] == dates[start])
    wait_for_counts(o, nodes, edges)

    # the whole range again, then a minimum confidence
    set_range(o, "#kg-date-from", 0)
    set_range(o, "#kg-date-to", len(dates) - 1)
    related = sum(1 for n in data["nodes"] if n["deg"])
    wait_for_counts(o, related, len(data["edges"]))
    set_range(o, "#kg-min-confidence", 0.75)
    nodes, edges = shown_by(data, lambda ev: ev["confidence"] >= 0.75)
    assert 0 < edges < len(data["edges"])
    wait_for_counts(o, nodes, edges)
    assert o.page.inner_text("#kg-min-confidence-value") == "0.75"

    # a selected relation's panel greys out the sentences the filters leave out
    accuse = next(e for e in data["edges"] if e["rel"] == "accuse" and len(e["ev"]) == 2)
    o.js("(id) => window.__kg.selectEdge(id)", accuse["id"])
    within = sum(ev["confidence"] >= 0.75 for ev in accuse["ev"])
    assert f"({within} within the date and confidence filters)" in o.panel().lower()
    assert o.js("document.querySelectorAll('#kg-details li.kg-out').length") == 2 - within

    # with "show entities without a shown relation" every entity is back, relations stay filtered
    o.page.check("#kg-show-lonely")
    wait_for_counts(o, len(data["nodes"]), edges)
    assert (o.dialogs, o.errors, o.console_errors) == ([], [], [])
    assert offline(o)


def test_browser_focus_entity_is_shown_even_without_relations(open_page):
    o = open_page(render_html(demo_graph(), focus="Kunduz"))  # mentioned, in no relation
    assert o.js("window.__kg.visibleNodeCount()") == 1
    assert o.js("window.__kg.network.getSelectedNodes()") == [0]
    assert o.page.inner_text("#kg-details h2").strip() == "Kunduz"


def canvas_pixel(o: Opened, node_id: int) -> list[int]:
    """The colour drawn at the centre of an entity (its fill: labels are painted beside it)."""
    return o.js(
        """(id) => {
          const net = window.__kg.network, p = net.canvasToDOM(net.getPositions([id])[id]);
          const c = document.querySelector('#kg-network canvas'), r = window.devicePixelRatio;
          return Array.from(c.getContext('2d').getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data.slice(0, 3));
        }""",
        node_id,
    )


def rgb(hex_colour: str) -> list[int]:
    return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]


def test_browser_colour_by_class_or_community_and_kept_on_hover_and_selection(open_page):
    from kg.network.metrics import communities

    G = demo_graph()
    o = open_page(render_html(G))
    data = o.js("window.__kg.data")
    classes = {c["name"]: c["color"] for c in data["classes"]}
    pak = next(n for n in data["nodes"] if n["label"] == "Pakistan")
    assert canvas_pixel(o, pak["id"]) == rgb(classes["State"])
    point = node_click_point(o, pak["id"])
    o.page.mouse.move(point["x"], point["y"])  # hovering
    o.page.wait_for_timeout(300)
    assert canvas_pixel(o, pak["id"]) == rgb(classes["State"])
    o.page.mouse.click(point["x"], point["y"])  # selected (and still hovered)
    o.page.wait_for_timeout(200)
    assert o.js("window.__kg.network.getSelectedNodes()") == [pak["id"]]
    assert canvas_pixel(o, pak["id"]) == rgb(classes["State"])
    o.page.mouse.move(1270, 790)  # selected, not hovered
    o.page.wait_for_timeout(300)
    assert canvas_pixel(o, pak["id"]) == rgb(classes["State"])

    # the page's communities are kg analyze's (same function, same seed), largest first
    expected = [sorted(G.nodes[n]["label"] for n in c["nodes"]) for c in communities(G)]
    by_community: dict[int, list[str]] = {}
    for n in data["nodes"]:
        by_community.setdefault(n["community"], []).append(n["label"])
    assert [sorted(by_community[c["id"]]) for c in data["communities"]] == expected

    o.page.check("#kg-colour-community")
    colour = {c["id"]: c["color"] for c in data["communities"]}
    drawn = o.js(
        "() => Object.fromEntries(window.__kg.network.body.nodeIndices.map("
        "id => [id, window.__kg.network.body.nodes[id].options.color.background]))"
    )
    assert drawn == {str(n["id"]): colour[n["community"]] for n in data["nodes"] if n["deg"]}
    assert len(set(drawn.values())) > 1
    o.page.wait_for_timeout(100)
    assert canvas_pixel(o, pak["id"]) == rgb(colour[pak["community"]])  # selected, in its community colour
    assert o.js("document.getElementById('kg-communities').open") is True
    o.page.check("#kg-colour-class")
    o.page.wait_for_timeout(100)
    assert canvas_pixel(o, pak["id"]) == rgb(classes["State"])
    assert (o.dialogs, o.errors, o.console_errors) == ([], [], [])
    assert offline(o)


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    """Pairs of painted labels whose boxes (``x`` is a label's centre, ``y`` its top) intersect."""
    boxes = [{**lb, "x": lb["x"] - lb["w"] / 2} for lb in labels]
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]
    ]


def crowded_graph(n: int = 40) -> nx.MultiDiGraph:
    """A star of ``n`` states with long names around one hub: their labels cannot all fit."""
    G = nx.MultiDiGraph()
    G.add_node("hub", label="Central Hub State", cls="State", classes=["State"], alt_labels=[])
    for i in range(n):
        G.add_node(f"s{i}", label=f"Republic of Very Long Name {i}", cls="State", classes=["State"], alt_labels=[])
        G.add_edge("hub", f"s{i}", key="consult", relation="consult", quad="VerbalCooperation", evidence=[], weight=0)
    return G


@pytest.mark.parametrize("graph", [demo_graph, crowded_graph])
def test_browser_labels_do_not_collide_at_the_default_zoom(open_page, graph):
    o = open_page(render_html(graph()))
    labels = o.js("window.__kg.labels()")
    names = [lb for lb in labels if lb["kind"] == "node"]
    assert names and overlapping(labels) == []
    # vis draws no labels of its own (they would ignore the rule above)
    assert o.js("window.__kg.nodes.get().filter(n => n.label).length") == 0
    # every label lies inside the view
    view = o.js("""() => { const n = window.__kg.network, b = document.getElementById('kg-network').getBoundingClientRect();
        const a = n.DOMtoCanvas({x: 0, y: 0}), z = n.DOMtoCanvas({x: b.width, y: b.height});
        return {x0: a.x, y0: a.y, x1: z.x, y1: z.y}; }""")
    for lb in labels:
        assert view["x0"] <= lb["x"] - lb["w"] / 2 and lb["x"] + lb["w"] / 2 <= view["x1"] + 1e-6
    # the most connected actor is always named; zooming in names more entities
    data = o.js("window.__kg.data")
    top = max(data["nodes"], key=lambda n: (n["partners"], n["size"]))
    assert top["label"] in {lb["text"] for lb in names}
    if graph is crowded_graph:
        assert len(names) < len(data["nodes"])  # the crowded ring cannot be fully named at this zoom
        o.js("window.__kg.network.moveTo({scale: window.__kg.network.getScale() * 3})")
        o.page.wait_for_timeout(100)
        assert overlapping(o.js("window.__kg.labels()")) == []
    assert (o.errors, o.console_errors) == ([], [])


def test_browser_exports_png_and_svg_of_the_current_view(open_page, tmp_path):
    import struct
    import xml.etree.ElementTree as ET

    G = demo_graph()
    o = open_page(render_html(G, title="geokg demo"))
    o.page.check("#kg-colour-community")
    o.page.uncheck('input[data-kind="quad"][data-name="Structural"]')
    o.page.wait_for_timeout(100)

    with o.page.expect_download() as info:
        o.page.click("#kg-export-png")
    png = tmp_path / "view.png"
    info.value.save_as(png)
    assert info.value.suggested_filename == "geokg-demo.png"
    raw = png.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", raw[16:24])
    canvas = o.js("(() => { const c = document.querySelector('#kg-network canvas'); return [c.width, c.height]; })()")
    assert [width, height] == canvas and png.stat().st_size > 5_000

    with o.page.expect_download() as info:
        o.page.click("#kg-export-svg")
    svg_path = tmp_path / "view.svg"
    info.value.save_as(svg_path)
    assert info.value.suggested_filename == "geokg-demo.svg"
    ns = {"s": "http://www.w3.org/2000/svg"}
    root = ET.parse(svg_path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("s:title", ns).text == "geokg demo"

    # one shape per entity shown, where vis-network has it, filled with its community colour
    data = o.js("window.__kg.data")
    info_of = {n["id"]: n for n in data["nodes"]}
    colour = {c["id"]: c["color"] for c in data["communities"]}
    positions = o.js("window.__kg.network.getPositions()")
    shapes = root.findall("s:g[@class='nodes']/*[@data-node]", ns)
    assert sorted(int(s.get("data-node")) for s in shapes) == sorted(o.js("window.__kg.visibleNodeIds()"))
    for s in shapes:
        n = info_of[int(s.get("data-node"))]
        assert s.get("fill") == colour[n["community"]]
        if s.tag.endswith("circle"):
            p = positions[str(n["id"])]
            assert abs(float(s.get("cx")) - p["x"]) < 0.01 and abs(float(s.get("cy")) - p["y"]) < 0.01
            assert float(s.get("r")) == n["size"]
    # one line or curve per relation shown (no structural ones: they are filtered out), in its quad colour
    lines = root.findall("s:g[@class='edges']/*", ns)
    shown = sorted(o.js("window.__kg.visibleEdgeIds()"))
    assert sorted(int(e.get("data-edge")) for e in lines) == shown
    assert not any(data["edges"][i]["quad"] == "Structural" for i in shown)
    quad = {q["name"]: q["color"] for q in data["quads"]}
    assert all(e.get("stroke") == quad[data["edges"][int(e.get("data-edge"))]["quad"]] for e in lines)
    assert len(root.findall("s:g[@class='arrows']/s:polygon", ns)) == len(lines)
    # the labels painted on the canvas, and the view as the viewBox
    texts = [t.text for t in root.findall("s:g[@class='labels']/s:text", ns)]
    assert texts == [lb["text"] for lb in o.js("window.__kg.labels()")] and texts
    x, y, w, h = map(float, root.get("viewBox").split())
    a = o.js("window.__kg.network.DOMtoCanvas({x: 0, y: 0})")
    assert abs(x - a["x"]) < 0.01 and abs(y - a["y"]) < 0.01 and w > 0 and h > 0
    assert (o.dialogs, o.errors, o.console_errors) == ([], [], [])
    assert offline(o)


def test_browser_svg_export_escapes_hostile_text(open_page):
    import xml.etree.ElementTree as ET

    o = open_page(render_html(hostile_graph(), title=HOSTILE[0]))
    o.js("window.__kg.network.moveTo({scale: 2})")
    o.page.wait_for_timeout(100)
    svg = o.js("window.__kg.svg()")
    root = ET.fromstring(svg)
    assert root.find("{http://www.w3.org/2000/svg}title").text == HOSTILE[0]
    assert "<script" not in svg and "<img" not in svg and "onload=" not in svg.replace("onload=alert", "")
    assert o.js("window.__pwned === undefined")


# ------------------------------------------------------------------------------------------ pyvis


def open_pyvis(browser, path: Path) -> tuple:
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    # pyvis's page keeps its vis.Network in a global `network`; wait until physics has settled
    page.wait_for_function(
        "() => window.network && window.network.physics && window.network.physics.stabilized === true",
        timeout=60_000,
        polling=100,
    )
    return page, requests, errors


def test_browser_pyvis_page_opens_offline_with_the_same_graph_and_a_fixed_layout(browser, tmp_path):
    from kg.network.pyvis_network import to_pyvis, write_pyvis

    G = demo_graph()
    path = tmp_path / "pyvis.html"
    held = write_pyvis(G, path)
    assert (held["entities"], held["relations"], held["isolated"]) == (G.number_of_nodes(), G.number_of_edges(), 1)
    net = to_pyvis(G)
    page, requests, errors = open_pyvis(browser, path)
    drawn = page.evaluate(
        """() => ({nodes: window.network.body.nodeIndices.length, edges: window.network.body.edgeIndices.length,
                 labels: window.network.body.data.nodes.get().map(n => n.label).sort(),
                 colours: Object.fromEntries(window.network.body.data.nodes.get().map(n => [n.label, n.color]))})"""
    )
    assert drawn["nodes"] == G.number_of_nodes() and drawn["edges"] == G.number_of_edges()
    assert drawn["labels"] == sorted(d["label"] for _, d in G.nodes(data=True))
    assert drawn["colours"]["Pakistan"] == kg_html.CLASS_STYLE["State"][0]
    assert drawn["colours"]["Taliban"] == kg_html.CLASS_STYLE["ArmedGroup"][0]
    assert requests == [page.url] and errors == []
    first = page.evaluate("() => window.network.getPositions()")
    page.close()

    # the same graph is laid out the same way on every opening (fixed seed)
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    page, requests, errors = open_pyvis(browser, path)
    assert page.evaluate("() => window.network.getPositions()") == first
    assert requests == [page.url] and errors == []
    page.close()
    assert len(net.get_nodes()) == G.number_of_nodes()


def test_browser_export_works_inside_the_notebook_frame(browser, tmp_path):
    """KnowledgeGraph.show() wraps the page in a sandboxed srcdoc frame: scripts and downloads, no same origin."""
    import html as htmllib

    from kg.notebook import FRAME_SANDBOX

    page_html = render_html(demo_graph(), title="geokg demo")
    frame = (
        f'<iframe id="f" srcdoc="{htmllib.escape(page_html, quote=True)}" sandbox="{FRAME_SANDBOX}" '
        'style="width:1200px;height:700px"></iframe>'
    )
    path = tmp_path / "notebook.html"
    path.write_text(frame, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(path.as_uri())
        inner = page.frame_locator("#f")
        inner.locator("#kg-export-svg").wait_for(timeout=20_000)
        page.frames[1].wait_for_function("() => window.__kg && window.__kg.ready", timeout=20_000, polling=50)
        with page.expect_download() as info:
            inner.locator("#kg-export-svg").click()
        out = tmp_path / "frame.svg"
        info.value.save_as(out)
        assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml") or "<svg" in out.read_text(encoding="utf-8")[:500]
    finally:
        page.close()


def test_browser_detail_panel_shows_a_states_outside_codes(open_page):
    ds = Dataset()
    ds.parse(
        data=PREFIXES
        + """
        id:pak a gkg:State ; rdfs:label "Pakistan" ; gkg:isoCode "PAK" ; gkg:isoAlpha2 "PK" ;
            gkg:isoNumeric "586" ; gkg:gwCode 770 ; gkg:cameoCode "PAK" .
        id:xkx a gkg:State ; rdfs:label "Kosovo" ; gkg:isoCode "XKX" ; gkg:gwCode 347 ; gkg:cameoCode "KSV" .
        id:xkx gkg:accuse id:pak .
        """,
        format="turtle",
    )
    G = to_networkx(ds)
    o = open_page(render_html(G, focus="Pakistan"))
    panel = o.panel()
    for term, value in [("ISO alpha-2", "PK"), ("ISO numeric / M49", "586"), ("Gleditsch-Ward", "770"), ("CAMEO", "PAK")]:
        assert f"{term}\n{value}" in panel or f"{term}\t{value}" in panel, panel
    o = open_page(render_html(G, focus="Kosovo"), name="kosovo.html")
    panel = o.panel()
    assert "Gleditsch-Ward" in panel and "KSV" in panel and "ISO alpha-2" not in panel, panel
    assert (o.dialogs, o.errors, o.console_errors) == ([], [], [])
