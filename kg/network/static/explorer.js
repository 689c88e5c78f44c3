/* geokg explorer: JSON data block → vis-network drawing, legend/filters, search and evidence panel.
 *
 * Safety: every string from the data goes into the DOM through textContent, createTextNode or a
 * property such as option.value (never a sink that parses HTML), vis tooltips are plain strings
 * (vis sets them with innerText), and labels are drawn on the canvas. The page loads nothing.
 */
(function () {
  "use strict";

  var timings = { start: performance.now() };
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();
  var SVG = "http://www.w3.org/2000/svg";
  var byId = function (id) { return document.getElementById(id); };

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }

  function glyph(shape, color, px) {
    px = px || 14;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", px);
    svg.setAttribute("height", px);
    svg.setAttribute("viewBox", "0 0 14 14");
    var s;
    if (shape === "dot" || shape === "ellipse") {
      s = document.createElementNS(SVG, "circle");
      s.setAttribute("cx", 7); s.setAttribute("cy", 7); s.setAttribute("r", 6);
    } else if (shape === "square") {
      s = document.createElementNS(SVG, "rect");
      s.setAttribute("x", 1.5); s.setAttribute("y", 1.5); s.setAttribute("width", 11); s.setAttribute("height", 11);
    } else {
      var pts = {
        triangle: [[7, 1], [13, 12.5], [1, 12.5]],
        triangleDown: [[1, 1.5], [13, 1.5], [7, 13]],
        diamond: [[7, 0.5], [13.5, 7], [7, 13.5], [0.5, 7]],
        hexagon: [0, 1, 2, 3, 4, 5].map(function (i) {
          var a = Math.PI / 3 * i; return [7 + 6.5 * Math.cos(a), 7 + 6.5 * Math.sin(a)];
        }),
        star: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(function (i) {
          var a = Math.PI / 5 * i - Math.PI / 2, r = i % 2 ? 2.8 : 6.8; return [7 + r * Math.cos(a), 7.5 + r * Math.sin(a)];
        })
      }[shape] || [[1, 1], [13, 1], [13, 13], [1, 13]];
      s = document.createElementNS(SVG, "polygon");
      s.setAttribute("points", pts.map(function (p) { return p[0].toFixed(2) + "," + p[1].toFixed(2); }).join(" "));
    }
    s.setAttribute("fill", color);
    s.setAttribute("stroke", "#444");
    s.setAttribute("stroke-width", "0.6");
    svg.appendChild(s);
    return svg;
  }

  var classStyle = {}, quadStyle = {};
  data.classes.forEach(function (c) { classStyle[c.name] = c; });
  data.quads.forEach(function (q) { quadStyle[q.name] = q; });
  var nodeInfo = {}, edgeInfo = {}, edgesOf = {};
  data.nodes.forEach(function (n) { nodeInfo[n.id] = n; edgesOf[n.id] = []; });
  data.edges.forEach(function (e) {
    edgeInfo[e.id] = e; edgesOf[e.from].push(e.id); if (e.to !== e.from) edgesOf[e.to].push(e.id);
  });

  // ------------------------------------------------------------------------------------ header
  document.title = data.title;
  byId("kg-title").textContent = data.title;
  byId("kg-counts").textContent = data.nodes.length + " entities · " + data.edges.length + " relations" +
    (data.note ? " · " + data.note : "");

  // ------------------------------------------------------------------------------------ network
  var hidden = { cls: {}, quad: {}, rel: {} };
  // Shared looks live in vis groups and global options; per-item options stay minimal (vis merges
  // every item's options one by one, which dominates start-up at thousands of items).
  var groups = {};
  data.classes.forEach(function (c) {
    groups[c.name] = {
      shape: c.shape, color: { background: c.color, border: "#444", highlight: { background: c.color, border: "#000" } }
    };
  });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var tip = n.label + " (" + n.cls + (n.iso ? ", " + n.iso : "") + ")" + (n.title ? "\n" + n.title : "");
    var v = { id: n.id, label: n.label, title: tip, group: n.cls, size: n.size, cls: n.cls, lonely: n.deg === 0 };
    if (n.x !== undefined) { v.x = n.x; v.y = n.y; }
    return v;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var q = quadStyle[e.quad];
    var v = {
      id: e.id, from: e.from, to: e.to, label: data.large ? undefined : e.rel, rel: e.rel, quad: e.quad,
      title: nodeInfo[e.from].label + " → " + e.rel + " → " + nodeInfo[e.to].label +
        " (" + e.ev.length + (e.ev.length === 1 ? " sentence)" : " sentences)"),
      color: { color: q.color, highlight: q.color, hover: q.color }
    };
    if (e.quad === "Structural") v.dashes = true;
    if (e.ev.length > 1) v.width = 1 + Math.min(4, Math.log2(e.ev.length));
    if (e.curve) v.smooth = { enabled: true, type: "curvedCW", roundness: e.curve };
    return v;
  }));
  var hideLonely = false;
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return !hidden.cls[n.cls] && !(hideLonely && n.lonely); }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return !hidden.quad[e.quad] && !hidden.rel[e.rel]; }
  });

  timings.datasets = performance.now();
  var container = byId("kg-network");
  var options = {
    autoResize: true,
    groups: groups,
    nodes: {
      borderWidth: 1,
      font: { size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" }
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      font: { size: 10, color: "#555", strokeWidth: 2, strokeColor: "#ffffff", align: "middle" },
      selectionWidth: 2,
      smooth: false
    },
    interaction: {
      hover: !data.large, tooltipDelay: 200, hideEdgesOnDrag: data.large, hideEdgesOnZoom: data.large,
      keyboard: false, navigationButtons: false
    },
    layout: { improvedLayout: !data.large && data.nodes.length <= 150, randomSeed: 7 },
    physics: data.large ? false : {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 120, springConstant: 0.06, avoidOverlap: 0.3 },
      stabilization: { enabled: true, iterations: 400, updateInterval: 50, fit: true }
    }
  };
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  if (!data.nodes.length) {
    var empty = el("div", "No entities to show.");
    empty.id = "kg-empty";
    container.appendChild(empty);
  }

  timings.network = performance.now();
  var api = { network: network, nodes: nodes, edges: edges, data: data, ready: false, timings: timings };
  window.__kg = api;
  function markReady() {
    network.once("afterDrawing", function () { timings.drawn = performance.now(); api.ready = true; });
    network.redraw();
  }
  if (data.large || !data.nodes.length) {
    markReady();
  } else {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      markReady();
    });
  }

  // ------------------------------------------------------------------------------------ details panel
  var details = byId("kg-details");
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function row(dl, term, value) {
    if (value === undefined || value === null || value === "" || (value.length === 0)) return;
    dl.appendChild(el("dt", term));
    dl.appendChild(el("dd", Array.isArray(value) ? value.join(", ") : value));
  }
  function quadBadge(quad) {
    var b = el("span", quad, "kg-quad");
    b.style.background = quadStyle[quad].color;
    return b;
  }

  function showNode(id) {
    var n = nodeInfo[id];
    if (!n) return;
    clear(details);
    var h = el("h2");
    h.appendChild(glyph(classStyle[n.cls].shape, classStyle[n.cls].color, 13));
    h.appendChild(document.createTextNode(" " + n.label));
    details.appendChild(h);
    var dl = el("dl");
    row(dl, "classes", n.classes);
    row(dl, "ISO", n.iso);
    row(dl, "title", n.title);
    row(dl, "also", n.alt);
    row(dl, "PageRank", n.pr.toFixed(4));
    row(dl, "IRI", n.iri);
    details.appendChild(dl);
    var ids = edgesOf[id];
    details.appendChild(el("h3", ids.length + (ids.length === 1 ? " relation" : " relations")));
    var ul = el("ul", null, "kg-edges");
    ids.forEach(function (eid) {
      var e = edgeInfo[eid];
      var out = e.from === id;
      var b = el("button");
      b.type = "button";
      b.appendChild(document.createTextNode((out ? "→ " : "← ") + e.rel + " "));
      b.appendChild(el("strong", nodeInfo[out ? e.to : e.from].label));
      b.appendChild(document.createTextNode(" (" + e.ev.length + ") "));
      b.appendChild(quadBadge(e.quad));
      b.addEventListener("click", function () { selectEdge(eid); });
      var li = el("li");
      li.appendChild(b);
      ul.appendChild(li);
    });
    details.appendChild(ul);
  }

  function showEdge(id) {
    var e = edgeInfo[id];
    if (!e) return;
    clear(details);
    var h = el("h2");
    h.appendChild(document.createTextNode(nodeInfo[e.from].label + " → "));
    h.appendChild(el("em", e.rel));
    h.appendChild(document.createTextNode(" → " + nodeInfo[e.to].label));
    details.appendChild(h);
    details.appendChild(quadBadge(e.quad));
    details.appendChild(el("h3", e.ev.length + (e.ev.length === 1 ? " evidence sentence" : " evidence sentences")));
    if (!e.ev.length) details.appendChild(el("p", "Asserted without an evidence sentence.", "muted"));
    var ol = el("ol", null, "kg-evidence");
    e.ev.forEach(function (ev) {
      var li = el("li");
      li.appendChild(el("blockquote", ev.text));
      var doc = ev.title ? ev.title + " (" + ev.doc + ")" : ev.doc;
      var meta = [doc, ev.date, ev.rule && "rule " + ev.rule,
        ev.confidence !== null && ev.confidence !== undefined ? "confidence " + ev.confidence : null,
        ev.modality, ev.sector && "sector " + ev.sector, ev.url];
      li.appendChild(el("div", meta.filter(function (m) { return m; }).join(" · "), "meta"));
      ol.appendChild(li);
    });
    details.appendChild(ol);
  }

  // Large graphs give vis no edge labels (measuring thousands of them slows the first draw, and changing
  // them through the DataSet re-processes every item); instead the relation names of the selection's
  // edges, and once zoomed in of the edges in view, are painted onto the canvas after each draw.
  var selectionEdges = [], viewEdges = [];
  var LABEL_SCALE = 1.0, LABEL_MAX = 600, viewTimer = null;
  function shown(e) {
    return !hidden.quad[e.quad] && !hidden.rel[e.rel] && !hidden.cls[nodeInfo[e.from].cls] && !hidden.cls[nodeInfo[e.to].cls];
  }
  function labelledEdges() {
    var seen = {}, out = [];
    selectionEdges.concat(viewEdges).forEach(function (id) {
      if (!seen[id] && shown(edgeInfo[id])) { seen[id] = true; out.push(id); }
    });
    return out;
  }
  function edgeMiddle(e, a, b) {
    if (!e.curve) return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    // the control point vis-network uses for smooth.type "curvedCW", then the curve's midpoint
    var dx = b.x - a.x, dy = a.y - b.y, len = Math.sqrt(dx * dx + dy * dy), f = 0.5 * e.curve + 0.5;
    var g = (Math.atan2(dy, dx) + f * Math.PI) % (2 * Math.PI);
    var via = { x: a.x + f * len * Math.sin(g), y: a.y + f * len * Math.cos(g) };
    return { x: 0.25 * a.x + 0.5 * via.x + 0.25 * b.x, y: 0.25 * a.y + 0.5 * via.y + 0.25 * b.y };
  }
  function paintLabels(ctx) {
    var ids = labelledEdges();
    if (!ids.length) return;
    var ends = {};
    ids.forEach(function (id) { ends[edgeInfo[id].from] = true; ends[edgeInfo[id].to] = true; });
    var pos = network.getPositions(Object.keys(ends).map(Number));
    var size = Math.max(10, 9 / network.getScale());
    ctx.save();
    ctx.font = size + "px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineWidth = size / 5;
    ctx.strokeStyle = "#ffffff";
    ctx.fillStyle = "#444444";
    ids.forEach(function (id) {
      var e = edgeInfo[id], m = edgeMiddle(e, pos[e.from], pos[e.to]);
      ctx.strokeText(e.rel, m.x, m.y);
      ctx.fillText(e.rel, m.x, m.y);
    });
    ctx.restore();
  }
  if (data.large) network.on("afterDrawing", paintLabels);

  function labelView() {
    viewTimer = null;
    viewEdges = [];
    if (network.getScale() >= LABEL_SCALE) {
      var box = container.getBoundingClientRect();
      var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: box.width, y: box.height });
      var pos = network.getPositions();
      var inView = function (id) { var p = pos[id]; return p && p.x >= a.x && p.x <= b.x && p.y >= a.y && p.y <= b.y; };
      for (var i = 0; i < data.edges.length && viewEdges.length < LABEL_MAX; i++) {
        var e = data.edges[i];
        if (inView(e.from) || inView(e.to)) viewEdges.push(e.id);
      }
    }
    network.redraw();
  }
  function viewChanged() {
    if (!data.large) return;
    if (viewTimer !== null) clearTimeout(viewTimer);
    viewTimer = setTimeout(labelView, 150);
  }
  network.on("zoom", viewChanged);
  network.on("dragEnd", viewChanged);

  function selected(edgeIds) {
    selectionEdges = edgeIds;  // selecting makes vis redraw (and so repaint the labels) on its next frame
  }
  function selectNode(id, focus) {
    if (!nodeInfo[id]) return false;
    if (hidden.cls[nodeInfo[id].cls]) setHidden("cls", nodeInfo[id].cls, false);
    network.selectNodes([id]);
    if (focus) {
      network.focus(id, { scale: 1.2, animation: data.large ? false : { duration: 400 } });
      viewChanged();
    }
    selected(edgesOf[id]);
    showNode(id);
    return true;
  }
  function selectEdge(id) {
    if (!edgeInfo[id]) return false;
    network.selectEdges([id]);
    selected([id]);
    showEdge(id);
    return true;
  }

  network.on("click", function (p) {
    if (p.nodes.length) { selected(edgesOf[p.nodes[0]]); showNode(p.nodes[0]); }
    else if (p.edges.length) { selected([p.edges[0]]); showEdge(p.edges[0]); }
    else selected([]);
  });

  // ------------------------------------------------------------------------------------ search
  var names = data.nodes.map(function (n) {
    return { id: n.id, keys: [n.label].concat(n.alt, n.iso ? [n.iso] : []).map(function (k) { return k.toLowerCase(); }) };
  });
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var tests = [
      function (k) { return k === q; },
      function (k) { return k.indexOf(q) === 0; },
      function (k) { return k.indexOf(q) >= 0; }
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < names.length; i++) {
        if (names[i].keys.some(tests[t])) return names[i].id;
      }
    }
    return null;
  }
  function search(query) {
    var msg = byId("kg-search-msg");
    var id = find(query);
    msg.textContent = id === null && query.trim() ? "No entity matches “" + query.trim() + "”." : "";
    if (id !== null) selectNode(id, true);
    return id;
  }
  var input = byId("kg-search");
  var list = byId("kg-names");
  data.nodes.map(function (n) { return n.label; }).sort().forEach(function (label) {
    var o = document.createElement("option");
    o.value = label;
    list.appendChild(o);
  });
  byId("kg-search-form").addEventListener("submit", function (ev) { ev.preventDefault(); search(input.value); });
  input.addEventListener("change", function () { if (input.value) search(input.value); });

  // ------------------------------------------------------------------------------------ legend + filters
  var boxes = { cls: {}, quad: {}, rel: {} };
  function setHidden(kind, name, value) {
    hidden[kind][name] = value;
    if (boxes[kind][name]) boxes[kind][name].checked = !value;
    (kind === "cls" ? nodeView : edgeView).refresh();
  }
  function filterRow(parent, kind, name, count, mark) {
    var label = el("label", null, "kg-filter");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.kind = kind;
    box.dataset.name = name;
    box.addEventListener("change", function () { setHidden(kind, name, !box.checked); });
    boxes[kind][name] = box;
    label.appendChild(box);
    label.appendChild(mark);
    label.appendChild(el("span", name));
    label.appendChild(el("span", count, "count"));
    parent.appendChild(label);
  }
  function swatch(quad) {
    var s = el("span", null, "kg-swatch" + (quad === "Structural" ? " dashed" : ""));
    s.style.borderTopColor = quadStyle[quad].color;
    return s;
  }
  var legend = byId("kg-legend");
  function section(title, open) {
    var d = el("details");
    d.open = open;
    d.appendChild(el("summary", title));
    legend.appendChild(d);
    return d;
  }
  var sc = section("Entity classes", true);
  data.classes.forEach(function (c) { filterRow(sc, "cls", c.name, c.count, glyph(c.shape, c.color)); });
  var lonely = data.nodes.filter(function (n) { return n.deg === 0; }).length;
  if (lonely) {
    var lonelyRow = el("label", null, "kg-filter");
    var lonelyBox = document.createElement("input");
    lonelyBox.type = "checkbox";
    lonelyBox.id = "kg-hide-lonely";
    lonelyBox.addEventListener("change", function () { hideLonely = lonelyBox.checked; nodeView.refresh(); });
    lonelyRow.appendChild(lonelyBox);
    lonelyRow.appendChild(el("span", "hide entities without relations"));
    lonelyRow.appendChild(el("span", lonely, "count"));
    sc.appendChild(lonelyRow);
  }
  var sq = section("Relation families", true);
  data.quads.forEach(function (q) { filterRow(sq, "quad", q.name, q.count, swatch(q.name)); });
  var sr = section("Relations", false);
  data.relations.forEach(function (r) { filterRow(sr, "rel", r.name, r.count, swatch(r.quad)); });

  // ------------------------------------------------------------------------------------ test and notebook hooks
  api.selectNode = function (id) { return selectNode(id, true); };
  api.selectEdge = selectEdge;
  api.search = search;
  api.setHidden = setHidden;
  api.visibleNodeCount = function () { return nodeView.length; };
  api.visibleEdgeCount = function () { return edgeView.length; };
  api.labelledEdges = labelledEdges;

  timings.panel = performance.now();
  if (data.focus !== null && data.focus !== undefined) {
    network.once("afterDrawing", function () { selectNode(data.focus, false); });
  }
})();
