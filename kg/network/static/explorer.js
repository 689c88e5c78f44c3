/* geokg explorer: JSON data block → vis-network drawing, legend and filters (classes, quads, relations, dates,
 * minimum confidence), colour by class or community, collision-free labels, search, evidence panel and
 * PNG/SVG export of the view.
 *
 * Safety: every string from the data goes into the DOM through textContent, createTextNode or a
 * property such as option.value (never a sink that parses HTML), vis tooltips are plain strings
 * (vis sets them with innerText), labels are drawn on the canvas, and the SVG export builds its elements
 * with createElementNS and textContent and serialises them with XMLSerializer. The page loads nothing.
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

  var classStyle = {}, quadStyle = {}, communityStyle = {};
  data.classes.forEach(function (c) { classStyle[c.name] = c; });
  data.quads.forEach(function (q) { quadStyle[q.name] = q; });
  data.communities.forEach(function (c) { communityStyle[c.id] = c; });
  var nodeInfo = {}, edgeInfo = {}, edgesOf = {};
  data.nodes.forEach(function (n) { nodeInfo[n.id] = n; edgesOf[n.id] = []; });
  data.edges.forEach(function (e) {
    edgeInfo[e.id] = e; edgesOf[e.from].push(e.id); if (e.to !== e.from) edgesOf[e.to].push(e.id);
  });

  // ------------------------------------------------------------------------------------ what is shown
  // Legend checkboxes hide classes, quads and relations; the date range and the minimum confidence keep
  // a relation while at least one of its sentences passes both (a sentence without a date or confidence
  // passes only while that filter is wide open); an entity left without a shown relation is hidden
  // unless "show entities without relations" is on, or it is the focus or a searched-for entity.
  var hidden = { cls: {}, quad: {}, rel: {} };
  var dates = data.dates;
  var filter = { from: 0, to: dates.length - 1, minConf: 0, lonely: false, colour: "class" };
  var pinned = {};
  if (data.focus !== null && data.focus !== undefined) pinned[data.focus] = true;
  var edgeShown = {}, nodeShown = {};

  function wholeRange() { return filter.from <= 0 && filter.to >= dates.length - 1; }
  function sentencePasses(ev) {
    if (!wholeRange()) {
      var day = ev.date ? String(ev.date).slice(0, 10) : null;
      if (!day || day < dates[filter.from] || day > dates[filter.to]) return false;
    }
    if (filter.minConf > 0 && !(ev.confidence !== null && ev.confidence !== undefined && ev.confidence >= filter.minConf)) return false;
    return true;
  }
  function evidenceFiltered() { return !wholeRange() || filter.minConf > 0; }
  function edgePasses(e) {
    if (hidden.quad[e.quad] || hidden.rel[e.rel]) return false;
    if (hidden.cls[nodeInfo[e.from].cls] || hidden.cls[nodeInfo[e.to].cls]) return false;
    return !evidenceFiltered() || e.ev.some(sentencePasses);
  }
  function recompute() {
    var touched = {};
    edgeShown = {};
    data.edges.forEach(function (e) {
      if (edgePasses(e)) { edgeShown[e.id] = true; touched[e.from] = true; touched[e.to] = true; }
    });
    nodeShown = {};
    data.nodes.forEach(function (n) {
      nodeShown[n.id] = !hidden.cls[n.cls] && (filter.lonely || !!touched[n.id] || !!pinned[n.id]);
    });
  }
  recompute();

  // ------------------------------------------------------------------------------------ header
  document.title = data.title;
  byId("kg-title").textContent = data.title;
  function updateCounts(nodeCount, edgeCount) {
    var text = data.nodes.length + " entities · " + data.edges.length + " relations";
    if (nodeCount !== data.nodes.length || edgeCount !== data.edges.length) {
      text = nodeCount + " of " + data.nodes.length + " entities · " + edgeCount + " of " + data.edges.length + " relations shown";
    }
    byId("kg-counts").textContent = text + (data.note ? " · " + data.note : "");
  }

  // ------------------------------------------------------------------------------------ network
  // Shared looks live in vis groups (one per class, and one per class and community colour) and global
  // options; per-item options stay minimal (vis merges every item's options one by one, which dominates
  // start-up at thousands of items). Hover and selection keep the fill colour: only the border changes.
  function communityColor(n) { return communityStyle[n.community].color; }
  function groupOf(n) { return filter.colour === "community" ? n.cls + "|" + communityColor(n) : n.cls; }
  function fillOf(n) { return filter.colour === "community" ? communityColor(n) : classStyle[n.cls].color; }
  function look(shape, fill) {
    return {
      shape: shape,
      color: {
        background: fill, border: "#444",
        highlight: { background: fill, border: "#000" }, hover: { background: fill, border: "#000" }
      }
    };
  }
  var groups = {};
  data.classes.forEach(function (c) { groups[c.name] = look(c.shape, c.color); });
  data.nodes.forEach(function (n) {
    var key = n.cls + "|" + communityColor(n);
    if (!groups[key]) groups[key] = look(classStyle[n.cls].shape, communityColor(n));
  });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var tip = n.label + " (" + n.cls + (n.iso ? ", " + n.iso : "") + ")" + (n.title ? "\n" + n.title : "");
    var v = { id: n.id, title: tip, group: n.cls, size: n.size, cls: n.cls };
    if (n.x !== undefined) { v.x = n.x; v.y = n.y; }
    return v;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var q = quadStyle[e.quad];
    var v = {
      id: e.id, from: e.from, to: e.to, rel: e.rel, quad: e.quad,
      title: nodeInfo[e.from].label + " → " + e.rel + " → " + nodeInfo[e.to].label +
        " (" + e.ev.length + (e.ev.length === 1 ? " sentence)" : " sentences)"),
      color: { color: q.color, highlight: q.color, hover: q.color }
    };
    if (e.quad === "Structural") v.dashes = true;
    if (e.ev.length > 1) v.width = 1 + Math.min(4, Math.log2(e.ev.length));
    if (e.curve) v.smooth = { enabled: true, type: "curvedCW", roundness: e.curve };
    return v;
  }));
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return nodeShown[n.id]; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return !!edgeShown[e.id]; } });
  updateCounts(nodeView.length, edgeView.length);

  timings.datasets = performance.now();
  var container = byId("kg-network");
  var options = {
    autoResize: true,
    groups: groups,
    nodes: { borderWidth: 1, borderWidthSelected: 3 },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      selectionWidth: 2,
      smooth: false
    },
    interaction: {
      hover: !data.large, tooltipDelay: 200, hideEdgesOnDrag: data.large, hideEdgesOnZoom: data.large,
      keyboard: false, navigationButtons: false
    },
    layout: { improvedLayout: !data.large && nodeView.length <= 150, randomSeed: 7 },
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

  // Positions live in the DataSet once the layout is done, so an entity that a filter hides and shows
  // again comes back where it was; entities not yet laid out (hidden while physics ran) go in rows
  // below the drawing.
  function keepPositions() {
    var drawn = network.getPositions();
    var update = [], missing = [];
    var x0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    Object.keys(drawn).forEach(function (id) {
      var p = drawn[id];
      update.push({ id: Number(id), x: p.x, y: p.y });
      x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y);
    });
    data.nodes.forEach(function (n) { if (!drawn[n.id] && n.x === undefined) missing.push(n); });
    if (!update.length) { x0 = 0; x1 = 0; y1 = 0; }
    var step = 90, across = Math.max(8, Math.floor(Math.max(x1 - x0, 800) / step));
    missing.sort(function (a, b) { return a.cls < b.cls ? -1 : a.cls > b.cls ? 1 : a.label < b.label ? -1 : 1; });
    missing.forEach(function (n, i) {
      update.push({ id: n.id, x: x0 + (i % across) * step, y: y1 + 150 + Math.floor(i / across) * 70 });
    });
    if (update.length) nodes.update(update);
  }
  network.on("dragEnd", function (p) {
    if (!p.nodes.length) return;
    var at = network.getPositions(p.nodes);
    nodes.update(p.nodes.map(function (id) { return { id: id, x: at[id].x, y: at[id].y }; }));
  });

  function markReady() {
    network.once("afterDrawing", function () { timings.drawn = performance.now(); api.ready = true; });
    network.redraw();
  }
  if (data.large || !nodeView.length) {
    if (!data.large) keepPositions();
    markReady();
  } else {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      keepPositions();
      markReady();
    });
  }

  function refresh() {
    recompute();
    nodeView.refresh();
    edgeView.refresh();
    updateCounts(nodeView.length, edgeView.length);
    if (shownEdge !== null) showEdge(shownEdge);
  }
  var refreshTimer = null;
  function refreshSoon() {
    if (refreshTimer !== null) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(function () { refreshTimer = null; refresh(); }, 60);
  }
  function setColourBy(mode) {
    filter.colour = mode === "community" ? "community" : "class";
    nodes.update(data.nodes.map(function (n) { return { id: n.id, group: groupOf(n) }; }));
    var radio = byId(filter.colour === "community" ? "kg-colour-community" : "kg-colour-class");
    if (radio) radio.checked = true;
    var legendBlock = byId("kg-communities");
    if (legendBlock) legendBlock.open = filter.colour === "community";
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

  // a state's codes in outside classifications (gkg:isoAlpha2, isoNumeric, gwCode, cameoCode)
  var codeRows = [["iso2", "ISO alpha-2"], ["iso_numeric", "ISO numeric / M49"], ["gw", "Gleditsch-Ward"],
    ["cameo", "CAMEO"]];

  var shownEdge = null;
  function showNode(id) {
    var n = nodeInfo[id];
    if (!n) return;
    shownEdge = null;
    clear(details);
    var h = el("h2");
    h.appendChild(glyph(classStyle[n.cls].shape, fillOf(n), 13));
    h.appendChild(document.createTextNode(" " + n.label));
    details.appendChild(h);
    var dl = el("dl");
    row(dl, "classes", n.classes);
    row(dl, "ISO", n.iso);
    codeRows.forEach(function (c) { row(dl, c[1], n.codes[c[0]]); });
    row(dl, "title", n.title);
    row(dl, "also", n.alt);
    row(dl, "partners", n.partners + (n.partners === 1 ? " actor" : " actors"));
    row(dl, "community", "#" + (n.community + 1) + " of " + data.communities.length +
      " (" + communityStyle[n.community].size + " entities)");
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
    shownEdge = id;
    clear(details);
    var h = el("h2");
    h.appendChild(document.createTextNode(nodeInfo[e.from].label + " → "));
    h.appendChild(el("em", e.rel));
    h.appendChild(document.createTextNode(" → " + nodeInfo[e.to].label));
    details.appendChild(h);
    details.appendChild(quadBadge(e.quad));
    var within = e.ev.filter(sentencePasses).length;
    details.appendChild(el("h3", e.ev.length + (e.ev.length === 1 ? " evidence sentence" : " evidence sentences") +
      (evidenceFiltered() ? " (" + within + " within the date and confidence filters)" : "")));
    if (!e.ev.length) details.appendChild(el("p", "Asserted without an evidence sentence.", "muted"));
    var ol = el("ol", null, "kg-evidence");
    e.ev.forEach(function (ev) {
      var li = el("li", null, evidenceFiltered() && !sentencePasses(ev) ? "kg-out" : "");
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

  // ------------------------------------------------------------------------------------ labels
  // vis draws no labels: after each draw the page paints entity names, then relation names, in order of
  // importance (the selection first, then by number of actor partners or of sentences), skipping any
  // that would overlap a label already painted or another entity, so labels never collide at any zoom.
  // Names keep a readable size on screen. Large graphs label only the selection's relations and, once
  // zoomed in, those in view (measuring thousands of edge labels would slow every frame).
  var FONT = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"DejaVu Sans\", sans-serif";
  var selectionEdges = [], selectionNodes = [], viewEdges = [], painted = [];
  var LABEL_SCALE = 1.0, LABEL_MAX = 600, viewTimer = null;
  var byImportance = data.nodes.slice().sort(function (a, b) {
    return b.partners - a.partners || b.size - a.size || b.deg - a.deg || (a.label < b.label ? -1 : 1);
  }).map(function (n) { return n.id; });
  var widths = {};
  function textWidth(ctx, text) {  // at 100 px; scaled linearly
    var w = widths[text];
    if (w === undefined) { ctx.font = "100px " + FONT; w = widths[text] = ctx.measureText(text).width; }
    return w;
  }
  function candidateEdges() {
    var seen = {}, out = [];
    var pool = data.large ? selectionEdges.concat(viewEdges) : selectionEdges.concat(edgesByEvidence);
    pool.forEach(function (id) {
      if (!seen[id] && edgeShown[id] && network.body.edges[id]) { seen[id] = true; out.push(id); }
    });
    return out;
  }
  var edgesByEvidence = data.edges.slice().sort(function (a, b) { return b.ev.length - a.ev.length || a.id - b.id; })
    .map(function (e) { return e.id; });
  function edgeMiddle(e, a, b) {
    if (!e.curve) return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    var via = curveVia(e, a, b);
    return { x: 0.25 * a.x + 0.5 * via.x + 0.25 * b.x, y: 0.25 * a.y + 0.5 * via.y + 0.25 * b.y };
  }
  function curveVia(e, a, b) {  // the control point vis-network uses for smooth.type "curvedCW"
    var dx = b.x - a.x, dy = a.y - b.y, len = Math.sqrt(dx * dx + dy * dy), f = 0.5 * e.curve + 0.5;
    var g = (Math.atan2(dy, dx) + f * Math.PI) % (2 * Math.PI);
    return { x: a.x + f * len * Math.sin(g), y: a.y + f * len * Math.cos(g) };
  }

  function Grid(cell) { this.cell = cell; this.cells = {}; }
  Grid.prototype.keys = function (b) {
    var out = [], c = this.cell;
    for (var i = Math.floor(b.x / c); i <= Math.floor((b.x + b.w) / c); i++) {
      for (var j = Math.floor(b.y / c); j <= Math.floor((b.y + b.h) / c); j++) out.push(i + "," + j);
    }
    return out;
  };
  Grid.prototype.add = function (b) {
    var cells = this.cells;
    this.keys(b).forEach(function (k) { (cells[k] = cells[k] || []).push(b); });
  };
  Grid.prototype.hits = function (b) {
    var keys = this.keys(b);
    for (var i = 0; i < keys.length; i++) {
      var list = this.cells[keys[i]] || [];
      for (var j = 0; j < list.length; j++) {
        var o = list[j];
        if (o.owner !== b.owner && b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) return true;
      }
    }
    return false;
  };

  function viewport() {
    var box = container.getBoundingClientRect();
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: box.width, y: box.height });
    return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y, width: box.width, height: box.height };
  }
  function placeLabels(ctx) {
    var scale = network.getScale(), view = viewport();
    var size = Math.min(Math.max(14 * scale, 11), 16) / scale, esize = Math.min(Math.max(10 * scale, 9), 12) / scale;
    var gap = 2 / scale, bodies = network.body.nodes;
    var grid = new Grid(Math.max(view.w, view.h) / 24 || 1);
    var inView = function (b) { return b.x + b.w >= view.x && b.x <= view.x + view.w && b.y + b.h >= view.y && b.y <= view.y + view.h; };
    var inside = function (b) { return b.x >= view.x && b.x + b.w <= view.x + view.w && b.y >= view.y && b.y + b.h <= view.y + view.h; };
    var out = [];
    network.body.nodeIndices.forEach(function (id) {
      var n = bodies[id], r = nodeInfo[id].size;
      var b = { x: n.x - r, y: n.y - r, w: 2 * r, h: 2 * r, owner: "n" + id };
      if (inView(b)) grid.add(b);
    });
    var order = selectionNodes.concat(byImportance);
    var done = {};
    order.forEach(function (id) {
      var n = bodies[id];
      if (done[id] || !n || !nodeShown[id]) return;
      done[id] = true;
      var info = nodeInfo[id], w = textWidth(ctx, info.label) * size / 100, h = size * 1.15, r = info.size + gap;
      var spots = [  // below, above, right, left of the entity
        { x: n.x - w / 2, y: n.y + r }, { x: n.x - w / 2, y: n.y - r - h },
        { x: n.x + r, y: n.y - h / 2 }, { x: n.x - r - w, y: n.y - h / 2 }
      ];
      for (var i = 0; i < spots.length; i++) {
        var b = { x: spots[i].x, y: spots[i].y, w: w, h: h, owner: "n" + id };
        if (inside(b) && !grid.hits(b)) {
          grid.add(b);
          out.push({ kind: "node", id: id, text: info.label, x: b.x + w / 2, y: b.y, w: w, h: h, size: size });
          return;
        }
      }
    });
    candidateEdges().forEach(function (id) {
      var e = edgeInfo[id], a = bodies[e.from], z = bodies[e.to];
      if (!a || !z) return;
      var m = edgeMiddle(e, a, z), w = textWidth(ctx, e.rel) * esize / 100;
      var b = { x: m.x - w / 2, y: m.y - esize * 0.6, w: w, h: esize * 1.2, owner: "e" + id };
      if (!inside(b) || grid.hits(b)) return;
      grid.add(b);
      out.push({ kind: "edge", id: id, text: e.rel, x: m.x, y: b.y, w: w, h: b.h, size: esize });
    });
    return out;
  }
  function paintLabels(ctx) {
    painted = placeLabels(ctx);
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.strokeStyle = "#ffffff";
    painted.forEach(function (l) {
      ctx.font = l.size + "px " + FONT;
      ctx.lineWidth = l.size / (l.kind === "node" ? 4 : 5);
      ctx.fillStyle = l.kind === "node" ? "#222222" : "#555555";
      ctx.strokeText(l.text, l.x, l.y + l.size * 0.075);
      ctx.fillText(l.text, l.x, l.y + l.size * 0.075);
    });
    ctx.restore();
  }
  network.on("afterDrawing", paintLabels);

  function labelView() {
    viewTimer = null;
    viewEdges = [];
    if (network.getScale() >= LABEL_SCALE) {
      var v = viewport(), pos = network.getPositions();
      var inView = function (id) { var p = pos[id]; return p && p.x >= v.x && p.x <= v.x + v.w && p.y >= v.y && p.y <= v.y + v.h; };
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

  function selected(nodeIds, edgeIds) {
    selectionNodes = nodeIds;
    selectionEdges = edgeIds;  // selecting makes vis redraw (and so repaint the labels) on its next frame
  }
  function neighbours(id) {
    return edgesOf[id].map(function (eid) { var e = edgeInfo[eid]; return e.from === id ? e.to : e.from; });
  }
  function selectNode(id, focus) {
    if (!nodeInfo[id]) return false;
    if (hidden.cls[nodeInfo[id].cls]) setHidden("cls", nodeInfo[id].cls, false);
    if (!nodeShown[id]) { pinned[id] = true; refresh(); }
    network.selectNodes([id]);
    if (focus) {
      network.focus(id, { scale: 1.2, animation: data.large ? false : { duration: 400 } });
      viewChanged();
    }
    selected([id].concat(neighbours(id)), edgesOf[id]);
    showNode(id);
    network.redraw();
    return true;
  }
  function selectEdge(id) {
    if (!edgeInfo[id]) return false;
    if (edgeShown[id]) network.selectEdges([id]);  // a relation the filters hide still shows its evidence
    else network.unselectAll();
    selected([edgeInfo[id].from, edgeInfo[id].to], [id]);
    showEdge(id);
    network.redraw();
    return true;
  }

  network.on("click", function (p) {
    if (p.nodes.length) { selected([p.nodes[0]].concat(neighbours(p.nodes[0])), edgesOf[p.nodes[0]]); showNode(p.nodes[0]); }
    else if (p.edges.length) { var e = edgeInfo[p.edges[0]]; selected([e.from, e.to], [p.edges[0]]); showEdge(p.edges[0]); }
    else selected([], []);
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

  // ------------------------------------------------------------------------------------ export
  // PNG: the canvas as drawn, on white. SVG: rebuilt from vis-network's positions by this page (entities,
  // relations with arrowheads, the painted labels), clipped to the current view.
  function fileBase() { return (data.title || "geokg").replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "geokg"; }
  function download(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function pngBlob(done) {
    var src = container.querySelector("canvas");
    var c = document.createElement("canvas");
    c.width = src.width; c.height = src.height;
    var ctx = c.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(src, 0, 0);
    c.toBlob(done, "image/png");
  }
  function exportPng() { pngBlob(function (b) { download(b, fileBase() + ".png"); }); }

  var UNIT_SHAPES = {
    triangle: [[0, -1], [0.866, 0.5], [-0.866, 0.5]],
    triangleDown: [[0, 1], [0.866, -0.5], [-0.866, -0.5]],
    diamond: [[0, -1], [1, 0], [0, 1], [-1, 0]],
    square: [[-1, -1], [1, -1], [1, 1], [-1, 1]],
    hexagon: [0, 1, 2, 3, 4, 5].map(function (i) { var a = Math.PI / 3 * i; return [Math.cos(a), Math.sin(a)]; }),
    star: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(function (i) {
      var a = Math.PI / 5 * i - Math.PI / 2, r = i % 2 ? 0.4 : 1; return [r * Math.cos(a), r * Math.sin(a)];
    })
  };
  function svgEl(tag, attrs, parent) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, typeof attrs[k] === "number" ? +attrs[k].toFixed(2) : attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }
  function svgText() {
    var view = viewport(), bodies = network.body.nodes;
    var svg = svgEl("svg", {
      width: Math.round(view.width), height: Math.round(view.height),
      viewBox: [view.x, view.y, view.w, view.h].map(function (v) { return +v.toFixed(2); }).join(" ")
    });
    svgEl("title", {}, svg).textContent = data.title;
    svgEl("rect", { x: view.x, y: view.y, width: view.w, height: view.h, fill: "#ffffff" }, svg);
    var gEdges = svgEl("g", { "class": "edges", fill: "none" }, svg);
    var gArrows = svgEl("g", { "class": "arrows" }, svg);
    network.body.edgeIndices.forEach(function (id) {
      var e = edgeInfo[id], a = bodies[e.from], b = bodies[e.to], item = edges.get(id);
      if (!e || !a || !b || e.from === e.to) return;
      var color = quadStyle[e.quad].color, width = item.width || 1;
      var attrs = { stroke: color, "stroke-width": width, "data-edge": id };
      if (e.quad === "Structural") attrs["stroke-dasharray"] = "6 4";
      var towards;
      if (e.curve) {
        var via = curveVia(e, a, b);
        attrs.d = "M" + [a.x, a.y].map(function (v) { return v.toFixed(2); }).join(" ") +
          " Q" + [via.x, via.y, b.x, b.y].map(function (v) { return v.toFixed(2); }).join(" ");
        svgEl("path", attrs, gEdges);
        towards = via;
      } else {
        attrs.x1 = a.x; attrs.y1 = a.y; attrs.x2 = b.x; attrs.y2 = b.y;
        svgEl("line", attrs, gEdges);
        towards = a;
      }
      var dx = b.x - towards.x, dy = b.y - towards.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var ux = dx / len, uy = dy / len, r = nodeInfo[e.to].size, tip = { x: b.x - ux * r, y: b.y - uy * r };
      var head = 5 + 2 * width;
      var pts = [[tip.x, tip.y], [tip.x - ux * head - uy * head / 2, tip.y - uy * head + ux * head / 2],
        [tip.x - ux * head + uy * head / 2, tip.y - uy * head - ux * head / 2]];
      svgEl("polygon", { points: pts.map(function (p) { return p[0].toFixed(2) + "," + p[1].toFixed(2); }).join(" "), fill: color }, gArrows);
    });
    var gNodes = svgEl("g", { "class": "nodes", stroke: "#444", "stroke-width": 1 }, svg);
    network.body.nodeIndices.forEach(function (id) {
      var n = bodies[id], info = nodeInfo[id], r = info.size, shape = classStyle[info.cls].shape;
      var attrs = { fill: fillOf(info), "data-node": id };
      if (shape === "dot" || !UNIT_SHAPES[shape]) {
        attrs.cx = n.x; attrs.cy = n.y; attrs.r = r;
        svgEl("circle", attrs, gNodes);
      } else {
        attrs.points = UNIT_SHAPES[shape].map(function (p) { return (n.x + p[0] * r).toFixed(2) + "," + (n.y + p[1] * r).toFixed(2); }).join(" ");
        svgEl("polygon", attrs, gNodes);
      }
      svgEl("title", {}, svgEl("g", {}, gNodes)).textContent = info.label;
    });
    var gLabels = svgEl("g", { "class": "labels", "font-family": FONT, "text-anchor": "middle", "paint-order": "stroke", stroke: "#ffffff", "stroke-linejoin": "round" }, svg);
    painted.forEach(function (l) {
      var t = svgEl("text", {
        x: l.x, y: l.y + l.size * 0.075, "dominant-baseline": "hanging", "font-size": l.size,
        "stroke-width": l.size / (l.kind === "node" ? 4 : 5), fill: l.kind === "node" ? "#222222" : "#555555"
      }, gLabels);
      t.textContent = l.text;
    });
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg) + "\n";
  }
  function exportSvg() { download(new Blob([svgText()], { type: "image/svg+xml" }), fileBase() + ".svg"); }

  // ------------------------------------------------------------------------------------ legend + filters
  var boxes = { cls: {}, quad: {}, rel: {} };
  function setHidden(kind, name, value) {
    hidden[kind][name] = value;
    if (boxes[kind][name]) boxes[kind][name].checked = !value;
    refresh();
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
  function section(title, open, id) {
    var d = el("details");
    d.open = open;
    if (id) d.id = id;
    d.appendChild(el("summary", title));
    legend.appendChild(d);
    return d;
  }
  function slider(parent, id, label, min, max, step, value, onInput) {
    var row = el("label", null, "kg-range");
    row.appendChild(el("span", label));
    var input = document.createElement("input");
    input.type = "range"; input.id = id;
    input.min = min; input.max = max; input.step = step; input.value = value;
    var out = el("output");
    out.id = id + "-value";
    input.addEventListener("input", function () { onInput(Number(input.value)); });
    row.appendChild(input);
    row.appendChild(out);
    parent.appendChild(row);
    return { input: input, out: out };
  }

  // view: colour, entities without relations, export
  var sv = section("View", true, "kg-view");
  var colourRow = el("div", null, "kg-radio");
  colourRow.appendChild(el("span", "Colour by"));
  [["class", "class"], ["community", "community (Louvain)"]].forEach(function (m) {
    var label = el("label");
    var radio = document.createElement("input");
    radio.type = "radio"; radio.name = "kg-colour"; radio.id = "kg-colour-" + m[0]; radio.value = m[0];
    radio.checked = m[0] === "class";
    radio.addEventListener("change", function () { if (radio.checked) setColourBy(m[0]); });
    label.appendChild(radio);
    label.appendChild(document.createTextNode(" " + m[1]));
    colourRow.appendChild(label);
  });
  sv.appendChild(colourRow);
  var lonely = data.nodes.filter(function (n) { return n.deg === 0; }).length;
  var lonelyRow = el("label", null, "kg-filter");
  var lonelyBox = document.createElement("input");
  lonelyBox.type = "checkbox";
  lonelyBox.id = "kg-show-lonely";
  lonelyBox.addEventListener("change", function () { setShowLonely(lonelyBox.checked); });
  lonelyRow.appendChild(lonelyBox);
  lonelyRow.appendChild(el("span", "show entities without a shown relation"));
  lonelyRow.appendChild(el("span", lonely, "count"));
  sv.appendChild(lonelyRow);
  function setShowLonely(on) { filter.lonely = !!on; lonelyBox.checked = filter.lonely; refresh(); }
  var exportRow = el("div", null, "kg-export");
  exportRow.appendChild(el("span", "Export the view"));
  [["kg-export-png", "PNG", exportPng], ["kg-export-svg", "SVG", exportSvg]].forEach(function (b) {
    var button = el("button", b[1]);
    button.type = "button"; button.id = b[0];
    button.addEventListener("click", b[2]);
    exportRow.appendChild(button);
  });
  sv.appendChild(exportRow);

  // time and confidence
  var st = section("Date and confidence", true, "kg-time");
  var fromSlider, toSlider;
  function dateText() {
    if (!dates.length) return;
    fromSlider.out.textContent = dates[filter.from];
    toSlider.out.textContent = dates[filter.to];
  }
  function setDateRange(from, to) {
    if (!dates.length) return;
    var last = dates.length - 1;
    filter.from = Math.max(0, Math.min(last, from));
    filter.to = Math.max(filter.from, Math.min(last, to));
    fromSlider.input.value = filter.from;
    toSlider.input.value = filter.to;
    dateText();
    refreshSoon();
  }
  if (dates.length) {
    fromSlider = slider(st, "kg-date-from", "from", 0, dates.length - 1, 1, 0, function (v) {
      setDateRange(v, Math.max(v, filter.to));
    });
    toSlider = slider(st, "kg-date-to", "to", 0, dates.length - 1, 1, dates.length - 1, function (v) {
      filter.from = Math.min(filter.from, v);
      setDateRange(filter.from, v);
    });
    dateText();
    st.appendChild(el("p", dates.length + " dates; sentences without a date are kept only while the whole range is selected.", "muted"));
  } else {
    st.appendChild(el("p", "No statement carries a date.", "muted"));
  }
  var confSlider = slider(st, "kg-min-confidence", "min. confidence", 0, 1, 0.05, 0, function (v) { setMinConfidence(v); });
  function setMinConfidence(v) {
    filter.minConf = Math.max(0, Math.min(1, v));
    confSlider.input.value = filter.minConf;
    confSlider.out.textContent = filter.minConf.toFixed(2);
    refreshSoon();
  }
  confSlider.out.textContent = "0.00";

  var sc = section("Entity classes", true);
  data.classes.forEach(function (c) { filterRow(sc, "cls", c.name, c.count, glyph(c.shape, c.color)); });
  var scm = section("Communities (Louvain)", false, "kg-communities");
  data.communities.forEach(function (c) {
    var row = el("div", null, "kg-community");
    row.appendChild(glyph("dot", c.color));
    row.appendChild(el("span", c.labels.join(", ") + (c.size > c.labels.length ? ", …" : "")));
    row.appendChild(el("span", c.size, "count"));
    scm.appendChild(row);
  });
  var sq = section("Relation families", true);
  data.quads.forEach(function (q) { filterRow(sq, "quad", q.name, q.count, swatch(q.name)); });
  var sr = section("Relations", false);
  data.relations.forEach(function (r) { filterRow(sr, "rel", r.name, r.count, swatch(r.quad)); });

  // ------------------------------------------------------------------------------------ test and notebook hooks
  api.selectNode = function (id) { return selectNode(id, true); };
  api.selectEdge = selectEdge;
  api.search = search;
  api.setHidden = setHidden;
  api.setDateRange = function (from, to) { setDateRange(from, to); refresh(); };
  api.setMinConfidence = function (v) { setMinConfidence(v); refresh(); };
  api.setShowLonely = setShowLonely;
  api.setColourBy = setColourBy;
  api.visibleNodeCount = function () { return nodeView.length; };
  api.visibleEdgeCount = function () { return edgeView.length; };
  api.visibleNodeIds = function () { return nodeView.getIds(); };
  api.visibleEdgeIds = function () { return edgeView.getIds(); };
  api.labelledEdges = candidateEdges;
  api.labels = function () { return painted.slice(); };
  api.svg = svgText;
  api.pngDataUrl = function () {
    return new Promise(function (resolve) {
      pngBlob(function (b) { var r = new FileReader(); r.onload = function () { resolve(r.result); }; r.readAsDataURL(b); });
    });
  };

  timings.panel = performance.now();
  if (data.focus !== null && data.focus !== undefined) {
    network.once("afterDrawing", function () { selectNode(data.focus, false); });
  }
})();
