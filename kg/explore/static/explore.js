/* kg explore: a map, a timeline, a list and cards over kg's JSON API (/api/...).
 * Served by `kg serve` at /explore, or embedded in one file by `kg report`, where the same calls are
 * answered from data in the page (LocalApi below). No third-party code: the map is SVG in an
 * equirectangular projection (x = longitude, y = -latitude), so zooming is a change of viewBox. */
(function () {
  "use strict";
  const SVGNS = "http://www.w3.org/2000/svg";
  const DENSE = 250;          // more located events than this: markers that share a cell cluster
  const CELL = 36;            // px: the clustering grid
  const PAGE = 50;
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "onclick") node.addEventListener("click", v); else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    return node;
  }
  const short = (iri) => (iri || "").replace(/^.*[#/]/, "");
  const qs = (params) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) (Array.isArray(v) ? v : [v]).forEach((x) => { if (x !== "" && x != null) u.append(k, x); });
    return u.toString();
  };

  /* ---- data sources -------------------------------------------------------------------------- */
  function RemoteApi() {
    this.get = (name, params) => fetch("/api/" + name + "?" + qs(params || {})).then(async (r) => {
      const body = await r.json();
      if (!r.ok) throw new Error(body.error || r.statusText);
      return body;
    });
    this.world = () => fetch("/explore/world.json").then((r) => r.json()).then((b) => b.countries);
  }

  const state = { filters: { class: [], actor: [], place: [], source: [], from: "", to: "" }, classes: [],
    colors: {}, labels: {}, offset: 0, features: null, selected: null, view: null, generation: 0 };
  let api;

  /* ---- classes, colours, legend -------------------------------------------------------------- */
  const PALETTE = [0, 28, 210, 130, 275, 50, 180, 320, 95, 240];
  function assignColors(classes) {
    const byIri = Object.fromEntries(classes.map((c) => [c.iri, c]));
    const root = classes.find((c) => c.parents.length === 0 || !c.parents.some((p) => byIri[p]));
    const children = (iri) => classes.filter((c) => c.parents[0] === iri);
    state.colors[root.iri] = "hsl(0,0%,45%)";
    children(root.iri).forEach((top, i) => {
      const hue = PALETTE[i % PALETTE.length];
      const paint = (c, depth, j) => {
        state.colors[c.iri] = `hsl(${hue},${65 - depth * 8}%,${42 + depth * 10 + j * 4}%)`;
        children(c.iri).forEach((k, m) => paint(k, depth + 1, m));
      };
      paint(top, 0, 0);
    });
    classes.forEach((c) => { state.labels[c.iri] = c.label; });
    return root;
  }
  const color = (cls) => state.colors[cls] || "hsl(0,0%,45%)";

  function buildClassTree(classes, root) {
    const tree = $("class-tree");
    tree.replaceChildren();
    const node = (c) => {
      const kids = classes.filter((k) => k.parents[0] === c.iri).sort((a, b) => a.label.localeCompare(b.label));
      const total = (x) => x.count + classes.filter((k) => k.parents[0] === x.iri).reduce((s, k) => s + total(k), 0);
      const box = el("input", { type: "checkbox", value: c.name, "data-class": c.iri, id: "cls-" + c.name });
      box.checked = state.filters.class.includes(c.name);
      box.addEventListener("change", () => {
        state.filters.class = [...tree.querySelectorAll("input:checked")].map((b) => b.value);
        refresh();
      });
      return el("li", {}, box, el("label", { for: "cls-" + c.name }, el("span", { class: "swatch", style: `background:${color(c.iri)}` }),
        c.label, " ", el("span", { class: "count" }, `(${total(c)})`)), kids.length ? el("ul", {}, kids.map(node)) : null);
    };
    tree.append(node(root));
  }

  /* ---- filters --------------------------------------------------------------------------------- */
  function readHash() {
    const u = new URLSearchParams(location.hash.slice(1));
    for (const k of ["class", "actor", "place", "source"]) state.filters[k] = u.getAll(k);
    state.filters.from = u.get("from") || ""; state.filters.to = u.get("to") || "";
  }
  function writeInputs() {
    for (const k of ["actor", "place", "source"]) $("f-" + k).value = state.filters[k][0] || "";
    $("f-from").value = state.filters.from; $("f-to").value = state.filters.to;
  }
  function bindFilters() {
    for (const k of ["actor", "place", "source"]) {
      const input = $("f-" + k);
      let timer = null;
      input.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => api.get("names", { kind: k, q: input.value }).then((r) => {
          $("names-" + k).replaceChildren(...r.names.map((n) => el("option", { value: n.name })));
        }).catch(() => {}), 200);
      });
      input.addEventListener("change", () => { state.filters[k] = input.value.trim() ? [input.value.trim()] : []; refresh(); });
    }
    for (const k of ["from", "to"]) $("f-" + k).addEventListener("change", (e) => { state.filters[k] = e.target.value; refresh(); });
    $("f-clear").addEventListener("click", () => {
      state.filters = { class: [], actor: [], place: [], source: [], from: "", to: "" };
      writeInputs(); $("class-tree").querySelectorAll("input").forEach((b) => { b.checked = false; });
      refresh();
    });
  }

  /* ---- map --------------------------------------------------------------------------------------- */
  const svg = () => $("map");
  function size() { const r = svg().getBoundingClientRect(); return { w: Math.max(r.width, 1), h: Math.max(r.height, 1) }; }
  function setView(v) {
    const { w, h } = size();
    const aspect = w / h;  // keep the viewBox's shape the same as the element's
    if (v.w / v.h > aspect) { const nh = v.w / aspect; v = { x: v.x, y: v.y - (nh - v.h) / 2, w: v.w, h: nh }; }
    else { const nw = v.h * aspect; v = { x: v.x - (nw - v.w) / 2, y: v.y, w: nw, h: v.h }; }
    state.view = v;
    svg().setAttribute("viewBox", `${v.x} ${v.y} ${v.w} ${v.h}`);
    drawMarkers();
  }
  const pxToMap = () => state.view.w / size().w;
  function fit(points) {
    if (!points.length) return setView({ x: -180, y: -85, w: 360, h: 170 });
    const xs = points.map((p) => p[0]), ys = points.map((p) => -p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const pad = Math.max(x1 - x0, y1 - y0, 4) * 0.15;
    setView({ x: x0 - pad, y: y0 - pad, w: x1 - x0 + 2 * pad || 10, h: y1 - y0 + 2 * pad || 10 });
  }
  function zoom(factor, cx, cy) {
    const v = state.view;
    cx = cx ?? v.x + v.w / 2; cy = cy ?? v.y + v.h / 2;
    const w = Math.min(Math.max(v.w * factor, 0.05), 720), h = v.h * (w / v.w);
    setView({ x: cx - (cx - v.x) * (w / v.w), y: cy - (cy - v.y) * (w / v.w), w, h });
  }
  function bindMap() {
    const s = svg();
    s.addEventListener("wheel", (e) => {
      e.preventDefault();
      const r = s.getBoundingClientRect(), v = state.view;
      zoom(e.deltaY > 0 ? 1.25 : 0.8, v.x + (e.clientX - r.left) / r.width * v.w, v.y + (e.clientY - r.top) / r.height * v.h);
    }, { passive: false });
    let drag = null;
    s.addEventListener("mousedown", (e) => { if (e.target.closest(".marker,.cluster")) return; drag = { x: e.clientX, y: e.clientY, v: state.view }; s.classList.add("dragging"); });
    window.addEventListener("mousemove", (e) => {
      if (!drag) return;
      const k = pxToMap();
      state.view = { ...drag.v, x: drag.v.x - (e.clientX - drag.x) * k, y: drag.v.y - (e.clientY - drag.y) * k };
      s.setAttribute("viewBox", `${state.view.x} ${state.view.y} ${state.view.w} ${state.view.h}`);
    });
    window.addEventListener("mouseup", () => { if (drag) { drag = null; s.classList.remove("dragging"); drawMarkers(); } });
    $("zoom-in").addEventListener("click", () => zoom(0.6));
    $("zoom-out").addEventListener("click", () => zoom(1 / 0.6));
    $("zoom-fit").addEventListener("click", () => fitFeatures());
    window.addEventListener("resize", () => state.view && setView(state.view));
  }
  function drawWorld(countries) {
    $("world").replaceChildren(...countries.map((c) => el("svg:path", { class: "country", d: c.d, "data-country": c.id }, el("svg:title", {}, c.name))));
  }
  const fitFeatures = () => {  // to the events at points of their own when there are some: a country's centre can be far off
    const feats = (state.features || { features: [] }).features, exact = feats.filter((f) => !f.properties.approximate);
    fit((exact.length ? exact : feats).map((f) => f.geometry.coordinates));
  };

  function eventMarker(f, x, y, k) {
    const p = f.properties;
    const cas = (p.killed || 0) + (p.injured || 0);
    const r = Math.min(5.5 + 1.6 * Math.sqrt(cas), 18) * k;
    const title = `${p.label || short(p.event)}\n${p.date || p.dateText || "no date"} · ${p.placeLabel}` +
      (p.approximate ? " (region: drawn at its centre)" : "") + (cas ? `\nkilled ${p.killed ?? "?"}, injured ${p.injured ?? "?"}` : "");
    return el("svg:circle", { class: "marker event" + (p.approximate ? " approximate" : "") + (state.selected === p.event ? " selected" : ""),
      cx: x, cy: y, r, fill: color(p.class), style: p.approximate ? `stroke:${color(p.class)}` : null, "data-event": p.event,
      "data-class": p.class, "data-place": p.place, onclick: () => openEvent(p.event) }, el("svg:title", {}, title));
  }
  function clusterMarker(items, x, y, k) {
    const count = items.reduce((s, f) => s + (f.properties.count || 1), 0);
    const byClass = {};
    items.forEach((f) => { const c = f.properties.classes || { [f.properties.class]: 1 }; for (const [cls, n] of Object.entries(c)) byClass[cls] = (byClass[cls] || 0) + n; });
    const top = Object.entries(byClass).sort((a, b) => b[1] - a[1])[0][0];
    const places = [...new Set(items.map((f) => f.properties.place))];
    const approx = items.every((f) => f.properties.approximate);
    const r = Math.min(8 + 3 * Math.sqrt(count), 30) * k;
    const names = [...new Set(items.map((f) => f.properties.placeLabel))].slice(0, 6).join(", ");
    const title = `${count} events at ${names}${places.length > 6 ? ", …" : ""}\n` +
      Object.entries(byClass).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${state.labels[c] || short(c)}: ${n}`).join("\n") +
      (approx ? "\n(regions: drawn at their centres)" : "");
    const onclick = () => {
      if (places.length === 1) { showPlaceList(places[0], items[0].properties.placeLabel); return; }
      const xs = items.map((f) => f.geometry.coordinates[0]), ys = items.map((f) => -f.geometry.coordinates[1]);
      zoom(Math.max((Math.max(...xs) - Math.min(...xs)) / state.view.w * 1.6, 0.15), x, y);
    };
    return el("svg:g", { class: "cluster-g", "data-places": places.join(" ") },
      el("svg:circle", { class: "cluster" + (approx ? " approximate" : ""), cx: x, cy: y, r, fill: color(top), "data-count": count, onclick },
        el("svg:title", {}, title)),
      el("svg:text", { class: "cluster-label", x, y, "font-size": 11 * k }, count));
  }
  function drawMarkers() {
    const layer = $("markers");
    if (!state.features || !state.view) return;
    const k = pxToMap(), feats = state.features.features;
    const byPlace = new Map();
    for (const f of feats) {
      const key = f.geometry.coordinates.join(",");
      if (!byPlace.has(key)) byPlace.set(key, []);
      byPlace.get(key).push(f);
    }
    const dense = state.features.detail === "places" || state.features.located > DENSE;
    // Places closer than a cell share a group: a cluster bubble when dense, else a ring of every event.
    const groups = [];
    for (const list of byPlace.values()) {
      const [lon, lat] = list[0].geometry.coordinates;
      const near = groups.find((g) => Math.hypot(g.lon - lon, g.lat - lat) < CELL * k * (dense ? 1 : 0.7));
      if (near) { near.items.push(...list); near.places += 1; } else groups.push({ lon, lat, items: [...list], places: 1 });
    }
    const out = [];
    for (const g of groups) {
      const eventsOnly = g.items.every((f) => f.properties.kind === "event");
      if (eventsOnly && (!dense || (g.places === 1 && g.items.length <= 12))) out.push(...ring(g.items, k));
      else {
        const lon = g.items.reduce((s, f) => s + f.geometry.coordinates[0], 0) / g.items.length;
        const lat = g.items.reduce((s, f) => s + f.geometry.coordinates[1], 0) / g.items.length;
        out.push(clusterMarker(g.items, lon, -lat, k));
      }
    }
    layer.replaceChildren(...out);
  }
  function ring(items, k) {  // one event: at its point; several close together: around their centre, a spoke to each point
    if (items.length === 1) { const [lon, lat] = items[0].geometry.coordinates; return [eventMarker(items[0], lon, -lat, k)]; }
    const cx = items.reduce((s, f) => s + f.geometry.coordinates[0], 0) / items.length;
    const cy = -items.reduce((s, f) => s + f.geometry.coordinates[1], 0) / items.length;
    const radius = Math.max(16, items.length * 15 / (2 * Math.PI)) * k, spokes = [], marks = [];
    items.forEach((f, i) => {
      const a = 2 * Math.PI * i / items.length - Math.PI / 2, [lon, lat] = f.geometry.coordinates;
      const x = cx + radius * Math.cos(a), y = cy + radius * Math.sin(a);
      spokes.push(el("svg:line", { class: "spoke", x1: lon, y1: -lat, x2: x, y2: y }));
      marks.push(eventMarker(f, x, y, k));
    });
    return [...spokes, ...marks];
  }

  /* ---- timeline ---------------------------------------------------------------------------------- */
  const DAY = 86400000;
  const toDay = (s) => Date.parse(s + "T00:00:00Z");
  const fromDay = (t) => new Date(t).toISOString().slice(0, 10);
  function drawTimeline(tl) {
    const s = $("timeline"), r = s.getBoundingClientRect(), W = Math.max(r.width, 100), H = Math.max(r.height, 60);
    s.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const days = tl.days;
    $("timeline-note").textContent = `${tl.total} events` + (tl.undated ? `, ${tl.undated} without a date (not shown)` : "") +
      " · drag across the timeline to pick dates";
    if (!days.length) { s.replaceChildren(); state.timeScale = null; return; }
    let t0 = toDay(days[0].date), t1 = toDay(days[days.length - 1].date);
    if (t1 - t0 < 30 * DAY) { const mid = (t0 + t1) / 2; t0 = mid - 15 * DAY; t1 = mid + 15 * DAY; }
    t0 -= DAY; t1 += DAY;
    const L = 8, R = W - 8, B = H - 18, T = 6;
    const X = (t) => L + (t - t0) / (t1 - t0) * (R - L);
    state.timeScale = { X, inv: (x) => t0 + (x - L) / (R - L) * (t1 - t0), L, R };
    const dayW = Math.max((R - L) * DAY / (t1 - t0), 1);
    const out = [el("svg:rect", { class: "bg", x: 0, y: 0, width: W, height: H, fill: "transparent" })];
    if (tl.detail === "events") {
      const stacks = {};
      for (const e of tl.events) if (e.date) (stacks[e.date] = stacks[e.date] || []).push(e);
      const tallest = Math.max(...Object.values(stacks).map((a) => a.length));
      const sz = Math.max(Math.min(8, (B - T) / tallest), 2);
      for (const [d, list] of Object.entries(stacks)) list.forEach((e, i) => {
        out.push(el("svg:rect", { class: "tl-event" + (state.selected === e.event ? " selected" : ""), x: X(toDay(d)) - sz / 2, y: B - (i + 1) * sz, width: sz, height: sz,
          fill: color(e.class), "data-event": e.event, "data-date": d, onclick: () => openEvent(e.event) },
        el("svg:title", {}, `${d} · ${e.label || short(e.event)}`)));
      });
    } else {
      const bins = new Map();  // days that fall on the same 2 px share one bar
      for (const d of days) {
        const x = Math.round(X(toDay(d.date)) / 2) * 2;
        const bin = bins.get(x) || { x, count: 0, classes: {}, first: d.date, last: d.date };
        bin.count += d.count; bin.last = d.date;
        for (const [cls, n] of Object.entries(d.classes)) bin.classes[cls] = (bin.classes[cls] || 0) + n;
        bins.set(x, bin);
      }
      const max = Math.max(...[...bins.values()].map((b) => b.count)), w = Math.max(dayW, 2);
      for (const b of bins.values()) {
        let y = B;
        const when = b.first === b.last ? b.first : `${b.first} to ${b.last}`;
        for (const [cls, n] of Object.entries(b.classes)) {
          const h = n / max * (B - T);
          out.push(el("svg:rect", { class: "day", x: b.x - w / 2, y: y - h, width: w, height: h, fill: color(cls), "data-date": b.first },
            el("svg:title", {}, `${when}: ${b.count} events (${state.labels[cls] || short(cls)}: ${n})`)));
          y -= h;
        }
      }
    }
    out.push(axis(t0, t1, X, B, W));
    s.replaceChildren(...out);
  }
  function axis(t0, t1, X, B, W) {
    const g = el("svg:g", { class: "axis" }, el("svg:line", { x1: 0, x2: W, y1: B, y2: B }));
    const n = Math.max(2, Math.floor(W / 110));
    for (let i = 0; i <= n; i++) {
      const t = t0 + (t1 - t0) * i / n;
      g.append(el("svg:text", { x: X(t), y: B + 13, "text-anchor": i === 0 ? "start" : i === n ? "end" : "middle" }, fromDay(t)));
    }
    return g;
  }
  function bindTimeline() {
    const s = $("timeline");
    let start = null, box = null;
    const xOf = (e) => { const r = s.getBoundingClientRect(); return (e.clientX - r.left) * (s.viewBox.baseVal.width / r.width); };
    s.addEventListener("mousedown", (e) => {
      if (!state.timeScale || e.target.classList.contains("tl-event")) return;
      start = xOf(e);
      box = el("svg:rect", { class: "brush", x: start, y: 0, width: 0, height: s.viewBox.baseVal.height });
      s.append(box);
    });
    window.addEventListener("mousemove", (e) => {
      if (start === null) return;
      const x = xOf(e);
      box.setAttribute("x", Math.min(x, start)); box.setAttribute("width", Math.abs(x - start));
    });
    window.addEventListener("mouseup", (e) => {
      if (start === null) return;
      const x = xOf(e), a = Math.min(x, start), b = Math.max(x, start);
      start = null;
      if (b - a < 3) { box.remove(); return; }
      state.filters.from = fromDay(state.timeScale.inv(a)); state.filters.to = fromDay(state.timeScale.inv(b));
      writeInputs(); refresh();
    });
  }

  /* ---- list ---------------------------------------------------------------------------------------- */
  function drawList(page, extra) {
    const body = $("list").tBodies[0];
    body.replaceChildren(...page.events.map((e) => el("tr", { "data-event": e.event, class: state.selected === e.event ? "selected" : null, onclick: () => openEvent(e.event) },
      el("td", {}, e.date || el("span", { class: "muted" }, e.dateText || "—")),
      el("td", {}, el("span", { class: "swatch", style: `background:${color(e.class)}` }), state.labels[e.class] || short(e.class)),
      el("td", {}, e.label || short(e.event)), el("td", {}, e.placeLabel || "—"), el("td", {}, e.killed ?? ""), el("td", {}, e.injured ?? ""))));
    const last = Math.min(page.offset + page.limit, page.total);
    $("page-info").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}${extra || ""}` : "no events";
    $("prev").disabled = page.offset === 0; $("next").disabled = last >= page.total;
  }
  function fetchList(offset, extraFilter, extraText) {
    state.offset = offset;
    state.listExtra = extraFilter ? [extraFilter, extraText] : null;
    const params = { ...state.filters, offset, limit: PAGE };
    if (extraFilter) params.place = extraFilter;
    return api.get("list", params);
  }
  const loadList = (offset, extraFilter, extraText) => fetchList(offset, extraFilter, extraText).then((p) => drawList(p, extraText));
  function showPlaceList(place, label) { loadList(0, place, ` at ${label}`); }
  function bindList() {
    const again = (d) => loadList(Math.max(0, state.offset + d * PAGE), ...(state.listExtra || []));
    $("prev").addEventListener("click", () => again(-1));
    $("next").addEventListener("click", () => again(1));
  }

  /* ---- highlighting: one event, everywhere it is drawn ------------------------------------------ */
  function mark(iri, cls, on) {
    document.querySelectorAll(`[data-event="${CSS.escape(iri)}"]`).forEach((n) => {
      if (n.id !== "card") n.classList.toggle(cls, on);
    });
  }
  function bindHover() {
    for (const type of ["mouseover", "mouseout"]) document.addEventListener(type, (e) => {
      const t = e.target.closest && e.target.closest("[data-event]");
      if (t && t.id !== "card") mark(t.getAttribute("data-event"), "hl", type === "mouseover");
    });
  }

  /* ---- cards --------------------------------------------------------------------------------------- */
  const card = () => $("card");
  const actorLink = (a) => el("button", { class: "link", type: "button", "data-actor": a.iri, onclick: () => openActor(a.iri) }, a.label);
  const eventLink = (e) => el("button", { class: "link", type: "button", "data-event-link": e.event, onclick: () => openEvent(e.event) },
    e.label || short(e.event), e.article && e.article.identifier ? el("span", { class: "muted" }, ` (${e.article.identifier})`) : null);
  const joinNodes = (items, f) => items.length ? items.flatMap((x, i) => (i ? [", ", f(x)] : [f(x)])) : [el("span", { class: "muted" }, "—")];
  function row(label, ...value) { return [el("dt", {}, label), el("dd", {}, ...value)]; }
  function showCard(node, eventIri) {
    const c = card();
    c.hidden = false;
    if (eventIri) c.setAttribute("data-event", eventIri); else c.removeAttribute("data-event");
    c.replaceChildren(el("button", { class: "close", type: "button", title: "Close", onclick: () => { c.hidden = true; select(null); } }, "×"), node);
  }
  function select(iri) {
    if (state.selected) mark(state.selected, "selected", false);
    state.selected = iri;
    if (iri) mark(iri, "selected", true);
  }
  function openEvent(iri) {
    select(iri);
    return api.get("event", { iri }).then((e) => {
      const a = e.article || {};
      const list = (title, items) => items.length ? [el("h3", {}, title), el("ul", {}, items.map((x) => el("li", {}, eventLink(x))))] : [];
      showCard(el("div", { class: "event-card" },
        el("h2", {}, el("span", { class: "swatch", style: `background:${color(e.class)}` }), state.labels[e.class] || short(e.class)),
        el("p", {}, e.label || ""),
        el("dl", {},
          row("Agent", ...joinNodes(e.agents, actorLink)), row("Target", ...joinNodes(e.targets, actorLink)),
          row("Place", ...joinNodes(e.places, (p) => el("span", {}, p.label))),
          row("Date", e.date || "—", e.dateText ? el("span", { class: "muted" }, ` “${e.dateText}”`) : null),
          row("Killed", e.killed ?? "—"), row("Injured", e.injured ?? "—"),
          row("Instrument", e.instruments.length ? e.instruments.join(", ") : "—"),
          row("Reported by", ...joinNodes(e.reportedBy, actorLink))),
        el("h3", {}, "Evidence"), e.evidence.map((s) => el("blockquote", { class: "evidence" }, s)),
        list("In response to", e.respondsTo), list("Responses to it", e.responses), list("About", e.about),
        list("Statements about it", e.statements), list("The same happening in other articles", e.sameEvent),
        el("h3", {}, "Article"),
        el("p", {}, a.headline ? el("strong", {}, a.headline) : null, a.headline ? el("br") : null,
          el("span", { class: "muted" }, [a.identifier, a.date, a.publisher].filter(Boolean).join(" · ")),
          a.url ? [el("br"), el("a", { href: a.url, rel: "noreferrer" }, a.url)] : null),
        el("p", { class: "muted" }, el("small", {}, e.event))), iri);
    }).catch((err) => showCard(el("p", { class: "error" }, String(err.message || err)), iri));
  }
  function openActor(iri) {
    return api.get("actor", { iri }).then((a) => {
      const link = (u) => el("a", { href: u, rel: "noreferrer" }, /geonames/.test(u) ? "GeoNames " + short(u.replace(/\/$/, "")) : /wikidata/.test(u) ? "Wikidata " + short(u) : u);
      showCard(el("div", { class: "actor-card", "data-actor": iri },
        el("h2", {}, a.label), el("p", { class: "muted" }, a.types.map((t) => t.label).join(", ")),
        el("dl", {}, row("Names", a.names.join("; ")), row("Links", ...joinNodes(a.links, link)),
          a.roles.length ? row("Role", a.roles.join(", ")) : [], a.memberOf.length ? row("Member of", ...joinNodes(a.memberOf, actorLink)) : []),
        el("button", { type: "button", onclick: () => { state.filters.actor = [iri]; $("f-actor").value = a.label; refresh(); } }, "Show its events on the map"),
        el("h3", {}, "Events over time (above: as agent, below: as target)"), actorChart(a.events),
        el("h3", {}, "Latest events"),
        el("ul", {}, a.events.latest.map((e) => el("li", { "data-event": e.event }, el("span", { class: "muted" }, `${e.date || "no date"} · ${e.role} · `), eventLink(e))))));
    }).catch((err) => showCard(el("p", { class: "error" }, String(err.message || err))));
  }
  function actorChart(ev) {
    const W = 340, H = 90, M = H / 2;
    const all = [...Object.keys(ev.byDay.agent), ...Object.keys(ev.byDay.target)].sort();
    const note = el("p", { class: "muted" }, `as agent: ${sum(ev.byDay.agent) + ev.undated.agent} (${ev.undated.agent} undated), as target: ${sum(ev.byDay.target) + ev.undated.target} (${ev.undated.target} undated)`);
    if (!all.length) return note;
    const month = (d) => d.slice(0, 7);
    const months = {};
    for (const role of ["agent", "target"]) for (const [d, n] of Object.entries(ev.byDay[role])) {
      months[month(d)] = months[month(d)] || { agent: 0, target: 0 }; months[month(d)][role] += n;
    }
    const keys = Object.keys(months).sort(), t0 = toDay(keys[0] + "-01"), t1 = toDay(keys[keys.length - 1] + "-01") + 31 * DAY;
    const max = Math.max(...keys.map((k) => Math.max(months[k].agent, months[k].target)));
    const bw = Math.max(W * 28 * DAY / (t1 - t0), 2);
    const bars = keys.flatMap((k) => {
      const x = (toDay(k + "-01") - t0) / (t1 - t0) * W, a = months[k].agent / max * (M - 4), t = months[k].target / max * (M - 4);
      return [el("svg:rect", { x, y: M - a, width: bw, height: a, fill: "#c0392b" }, el("svg:title", {}, `${k}: ${months[k].agent} as agent`)),
        el("svg:rect", { x, y: M, width: bw, height: t, fill: "#2471a3" }, el("svg:title", {}, `${k}: ${months[k].target} as target`))];
    });
    return el("div", {}, el("svg:svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "actor-chart" },
      el("svg:line", { x1: 0, x2: W, y1: M, y2: M, stroke: "#999" }), bars), el("p", { class: "muted" }, `${keys[0]} … ${keys[keys.length - 1]}`), note);
  }
  const sum = (o) => Object.values(o).reduce((s, n) => s + n, 0);

  /* ---- refresh: the map, the timeline and the list, from the same filters ------------------------ */
  function summary(ev) {
    const f = state.filters, parts = [];
    if (f.class.length) parts.push(f.class.join(" or "));
    for (const k of ["actor", "place", "source"]) if (f[k].length) parts.push(`${k} ${f[k].join(" or ")}`);
    if (f.from || f.to) parts.push(`${f.from || "…"} to ${f.to || "…"}`);
    const miss = Object.entries(ev.unmatched || {}).map(([k, v]) => `no ${k} named ${v.join(", ")}`);
    $("summary").textContent = `${ev.total} events, ${ev.located} on the map` + (parts.length ? ` · ${parts.join(" · ")}` : "") + (miss.length ? ` · ${miss.join("; ")}` : "");
    $("summary").className = miss.length ? "error" : "";
  }
  function refresh(before) {  // before: a promise the drawing waits for (the classes and the outline, at start)
    const gen = ++state.generation;
    history.replaceState(null, "", "#" + qs(state.filters));
    $("summary").textContent = "Loading…";
    const f = state.filters;
    return Promise.all([api.get("events", f), api.get("timeline", f), fetchList(0), before]).then(([ev, tl, page]) => {
      if (gen !== state.generation) return;
      state.features = ev;
      summary(ev);
      const approx = ev.features.filter((x) => x.properties.approximate).length;
      $("map-note").textContent = (ev.detail === "places" ? `${ev.total} events grouped by place (narrow the filters to see each event) · ` : "") +
        `${ev.total - ev.located} without a place on the map` + (approx ? ` · hollow: at a region's centre (${approx})` : "");
      fitFeatures(); drawTimeline(tl); drawList(page);
      document.body.setAttribute("data-ready", String(gen));
    }).catch((err) => { $("summary").textContent = String(err.message || err); $("summary").className = "error"; });
  }

  function init(source) {
    api = source;
    readHash(); writeInputs();
    bindFilters(); bindMap(); bindTimeline(); bindList(); bindHover();
    setView({ x: -180, y: -85, w: 360, h: 170 });
    const ready = Promise.all([api.get("classes"), api.world()]).then(([cls, world]) => {
      state.classes = cls.classes;
      const root = assignColors(cls.classes);
      buildClassTree(cls.classes, root);
      drawWorld(world);
    });
    return refresh(ready).catch((err) => { $("summary").textContent = String(err.message || err); $("summary").className = "error"; });
  }

  window.kgExplore = { init, RemoteApi, state, openEvent, openActor, refresh };
  document.addEventListener("DOMContentLoaded", () => {
    if (document.getElementById("kg-data")) return;  // kg report: report.js starts it with the embedded data
    init(new RemoteApi());
  });
})();
