/* kg report: answers the explore page's API calls from the data embedded in the file, with the same
 * filters and the same answers' shapes as the server (kg/explore/data.py), so the page runs with no
 * server and no network. */
(function () {
  "use strict";
  const LIMIT = 1000;
  const isIri = (s) => /^(https?:|urn:)/.test(s);

  function LocalApi(data) {
    const byIri = Object.fromEntries(data.events.map((e) => [e.event, e]));
    const classOf = Object.fromEntries(data.classes.map((c) => [c.iri, c]));
    const lower = {};
    for (const [iri, names] of Object.entries(data.names)) for (const n of names) (lower[n.toLowerCase()] = lower[n.toLowerCase()] || []).push(iri);
    const descendants = (iri) => {
      const out = new Set([iri]);
      let grew = true;
      while (grew) { grew = false; for (const c of data.classes) if (!out.has(c.iri) && c.parents.some((p) => out.has(p))) { out.add(c.iri); grew = true; } }
      return out;
    };
    const resolveClass = (name) => {
      const hit = data.classes.find((c) => c.iri === name || c.name === name);
      if (!hit) throw new Error(`unknown event class '${name}'; the ontology has: ${data.classes.map((c) => c.name).sort().join(", ")}`);
      return hit.iri;
    };
    const many = (v) => (Array.isArray(v) ? v : v ? [v] : []).map((x) => String(x).trim()).filter(Boolean);

    function keep(params) {
      const unmatched = {};
      const sets = {};
      for (const kind of ["actor", "place", "source"]) {
        const given = many(params[kind]);
        if (!given.length) continue;
        const iris = new Set();
        for (const v of given) {
          const found = isIri(v) ? [v] : (lower[v.toLowerCase()] || []);
          found.forEach((x) => iris.add(x));
          if (kind === "source") iris.add(v);  // a publisher is matched by its name
          else if (!found.length) (unmatched[kind] = unmatched[kind] || []).push(v);
        }
        sets[kind] = iris;
      }
      const cls = many(params.class);
      const classes = cls.length ? new Set(cls.flatMap((c) => [...descendants(resolveClass(c))])) : null;
      const from = many(params.from)[0], to = many(params.to)[0];
      const hits = (list, set) => list.some((x) => set.has(x));
      const events = data.events.filter((e) => (!classes || classes.has(e.class)) &&
        (!sets.actor || hits(e.agents, sets.actor) || hits(e.targets, sets.actor)) &&
        (!sets.place || hits(e.placesUp, sets.place)) && (!sets.source || hits(e.sources, sets.source)) &&
        (!from || (e.date && e.date >= from)) && (!to || (e.date && e.date <= to)));
      return { events, unmatched };
    }
    const newestFirst = (a, b) => (b.date || "").localeCompare(a.date || "");
    const feature = (e) => ({ type: "Feature", id: e.event, geometry: { type: "Point", coordinates: [e.long, e.lat] },
      properties: { kind: "event", event: e.event, class: e.class, label: e.label, date: e.date, dateText: e.dateText,
        killed: e.killed, injured: e.injured, place: e.place, placeLabel: e.placeLabel, approximate: e.approximate } });

    function events(params) {
      const { events, unmatched } = keep(params);
      const located = events.filter((e) => e.lat !== null && e.lat !== undefined);
      if (located.length <= LIMIT) {
        return { type: "FeatureCollection", detail: "events", total: events.length, located: located.length, features: located.map(feature), unmatched };
      }
      const groups = {};
      for (const e of located) {
        const g = groups[e.place] = groups[e.place] || { e, count: 0, killed: 0, injured: 0, classes: {} };
        g.count++; g.killed += e.killed || 0; g.injured += e.injured || 0; g.classes[e.class] = (g.classes[e.class] || 0) + 1;
      }
      const features = Object.values(groups).map((g) => ({ type: "Feature", id: g.e.place, geometry: { type: "Point", coordinates: [g.e.long, g.e.lat] },
        properties: { kind: "place", place: g.e.place, placeLabel: g.e.placeLabel, approximate: g.e.approximate, count: g.count, killed: g.killed, injured: g.injured, classes: g.classes } }));
      return { type: "FeatureCollection", detail: "places", total: events.length, located: located.length, features, unmatched };
    }
    function timeline(params) {
      const { events, unmatched } = keep(params);
      const days = {};
      let undated = 0;
      for (const e of events) {
        if (!e.date) { undated++; continue; }
        const d = days[e.date] = days[e.date] || { date: e.date, count: 0, classes: {} };
        d.count++; d.classes[e.class] = (d.classes[e.class] || 0) + 1;
      }
      const few = events.length <= LIMIT;
      return { days: Object.values(days).sort((a, b) => a.date.localeCompare(b.date)), undated, total: events.length,
        detail: few ? "events" : "days", unmatched,
        events: few ? events.map((e) => ({ event: e.event, class: e.class, date: e.date, label: e.label })) : [] };
    }
    function list(params) {
      const { events, unmatched } = keep(params);
      const offset = Number(params.offset || 0), limit = Math.min(Number(params.limit || 50), 200);
      const page = [...events].sort(newestFirst).slice(offset, offset + limit).map((e) => ({ event: e.event, class: e.class,
        label: e.label, date: e.date, dateText: e.dateText, killed: e.killed, injured: e.injured, place: e.place, placeLabel: e.placeLabel }));
      return { total: events.length, offset, limit, events: page, unmatched };
    }
    function classes() {
      const counts = {};
      data.events.forEach((e) => { counts[e.class] = (counts[e.class] || 0) + 1; });
      return { classes: data.classes.map((c) => ({ ...c, count: counts[c.iri] || 0 })) };
    }
    function actor(params) {
      const iri = many(params.iri)[0], info = data.actors[iri];
      if (!info) throw new Error(`${iri} is not in this report`);
      const byDay = { agent: {}, target: {} }, undated = { agent: 0, target: 0 }, mine = [];
      for (const e of data.events) for (const role of ["agent", "target"]) {
        if (!e[role + "s"].includes(iri)) continue;
        mine.push({ event: e.event, role, date: e.date, label: e.label, class: e.class });
        if (e.date) byDay[role][e.date] = (byDay[role][e.date] || 0) + 1; else undated[role]++;
      }
      return { ...info, events: { byDay, undated, latest: mine.sort(newestFirst).slice(0, 50) } };
    }
    function event(params) {
      const iri = many(params.iri)[0];
      if (!data.cards[iri]) throw new Error(`${iri} is not in this report (a report holds the events it was written with)`);
      return data.cards[iri];
    }
    function names(params) {
      const kind = params.kind || "actor", q = String(params.q || "").trim().toLowerCase();
      if (q.length < 2) return { names: [] };
      const out = [];
      for (const iri of data.kinds[kind] || []) for (const n of data.names[iri] || []) if (n.toLowerCase().includes(q)) out.push({ iri, name: n });
      return { names: out.sort((a, b) => a.name.length - b.name.length || a.name.localeCompare(b.name)).slice(0, 20) };
    }
    const endpoints = { events, timeline, list, classes, actor, event, names };
    this.get = (name, params) => new Promise((resolve) => resolve(endpoints[name](params || {})));
    this.world = () => Promise.resolve(data.world);
    this.byIri = byIri;
    this.classOf = classOf;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const data = JSON.parse(document.getElementById("kg-data").textContent);
    document.title = data.title;
    window.kgExplore.init(new LocalApi(data));
  });
})();
