"""What the explore page shows, as JSON: events on the map, the timeline, the list, names to pick.

Small results come event by event; large ones are aggregated in SPARQL (by place and class for the
map, by day and class for the timeline) so the browser never gets every event of a big store.
The cut is DETAIL_LIMIT events: a first query asks for one more than that and stops there.
"""
from __future__ import annotations

from collections import defaultdict

from .classes import Hierarchy, event_classes
from .filters import EventSet, Filters, event_set
from .places import place_info, region_classes
from .sparql import Query, select, values

__all__ = ["DETAIL_LIMIT", "classes_json", "events_geojson", "timeline_json", "list_json", "names_json",
           "event_rows", "primary_place"]

DETAIL_LIMIT = 1000
PAGE_LIMIT = 200

_FIRST = "SELECT ?e ?cls WHERE {{ {group} }} LIMIT {limit}"
_COUNT = "SELECT (COUNT(?e) AS ?n) WHERE {{ {group} }}"
_CLASS_COUNTS = "SELECT ?cls (COUNT(?e) AS ?n) WHERE {{ {group} }} GROUP BY ?cls"
_ROWS = """SELECT ?e (SAMPLE(?l) AS ?label) (MIN(?d) AS ?date) (SAMPLE(?dt) AS ?dateText) (MAX(?k) AS ?killed)
  (MAX(?i) AS ?injured) (GROUP_CONCAT(DISTINCT STR(?p); separator=" ") AS ?places) WHERE {{
  {vals}
  OPTIONAL {{ ?e rdfs:label ?l }} OPTIONAL {{ ?e nkg:date ?d }} OPTIONAL {{ ?e nkg:dateText ?dt }}
  OPTIONAL {{ ?e nkg:killed ?k }} OPTIONAL {{ ?e nkg:injured ?i }} OPTIONAL {{ ?e nkg:place ?p }}
}} GROUP BY ?e"""
_PLACE_KEY = """{{ SELECT ?e (MIN(?key) AS ?pk) WHERE {{
      {{ SELECT ?e ?p WHERE {{ ?e nkg:place ?p }} }}
      OPTIONAL {{ {{ SELECT DISTINCT ?p ?rt WHERE {{ {regions} ?p a ?rt }} }} }}
      BIND(CONCAT(IF(BOUND(?rt), "1", "0"), STR(?p)) AS ?key)
    }} GROUP BY ?e }}"""
"""Each event's place to draw it at, as primary_place chooses: not a region first, then by IRI."""
_MAP = """SELECT ?pk ?cls (COUNT(?e) AS ?n) (SUM(COALESCE(?k, 0)) AS ?killed) (SUM(COALESCE(?i, 0)) AS ?injured) WHERE {{
  {placekey}
  {group}
  OPTIONAL {{ {{ SELECT ?e ?k WHERE {{ ?e nkg:killed ?k }} }} }}
  OPTIONAL {{ {{ SELECT ?e ?i WHERE {{ ?e nkg:injured ?i }} }} }}
}} GROUP BY ?pk ?cls"""  # kg/rdf writes at most one count of each per event, so no MAX per event is needed
_DAYS = """SELECT ?date ?cls (COUNT(?e) AS ?n) WHERE {{
  {group}
  OPTIONAL {{ {{ SELECT ?e (MIN(?d) AS ?date) WHERE {{ ?e nkg:date ?d }} GROUP BY ?e }} }}
}} GROUP BY ?date ?cls"""
_PAGE = """SELECT ?e ?cls ?date WHERE {{
  {group}
  OPTIONAL {{ {{ SELECT ?e (MIN(?d) AS ?date) WHERE {{ ?e nkg:date ?d }} GROUP BY ?e }} }}
}} ORDER BY DESC(?date) LIMIT {limit} OFFSET {offset}"""
"""Newest first. Ordering by ?e too would break ties for certain, but comparing IRIs costs Oxigraph a
lookup each (seconds over a big store); dates compare in place."""
_NAMES = {  # every name of the kind; names_json filters them (a read-only store's answer is kept in memory)
    "actor": """SELECT DISTINCT ?x ?n WHERE {
  { SELECT DISTINCT ?x WHERE { ?e nkg:agent|nkg:target ?x } } ?x rdfs:label|skos:altLabel ?n }""",
    "place": """SELECT DISTINCT ?x ?n WHERE {
  { SELECT DISTINCT ?x WHERE { { SELECT DISTINCT ?p WHERE { ?e nkg:place ?p } } ?p nkg:locatedIn* ?x } }
  ?x rdfs:label|skos:altLabel ?n }""",
    "source": """SELECT DISTINCT ?x ?n WHERE {
  { { SELECT DISTINCT ?x WHERE { ?e nkg:reportedBy ?x } } ?x rdfs:label|skos:altLabel ?n }
  UNION { SELECT DISTINCT ?n WHERE { ?a schema:publisher ?n } } }""",
}
"""A text search in SPARQL would scan every label of the store (events have labels too) per keystroke."""


def _count(row: dict[str, str], key: str) -> int | None:
    return int(float(row[key])) if key in row else None


def classes_json(query: Query) -> dict:
    """The event classes (the ontology's hierarchy under nkg:Event) with how many events each has."""
    h = event_classes(query)
    counts = {r["cls"]: int(r["n"]) for r in select(query, _CLASS_COUNTS.format(group=event_set(query, Filters(), h).group))}
    items = [{"iri": c, "name": h.short(c), "label": h.labels[c], "parents": sorted(h.parents[c]),
              "count": counts.get(c, 0)} for c in sorted(h.parents, key=h.short)]
    return {"classes": items}


def _first(query: Query, es: EventSet, limit: int) -> list[dict[str, str]] | None:
    """The events of the set when there are at most limit of them, else None (one query, stopped early)."""
    rows = select(query, _FIRST.format(group=es.group, limit=limit + 1))
    return rows if len(rows) <= limit else None


def event_rows(query: Query, events: list[str]) -> dict[str, dict]:
    """Label, date, date text, killed, injured and place IRIs of each event (a bounded query)."""
    out: dict[str, dict] = {}
    for start in range(0, len(events), DETAIL_LIMIT):
        vals = values("e", (f"<{e}>" for e in events[start:start + DETAIL_LIMIT]))
        for row in select(query, _ROWS.format(vals=vals)):
            out[row["e"]] = {"label": row.get("label"), "date": row.get("date"), "dateText": row.get("dateText"),
                             "killed": _count(row, "killed"), "injured": _count(row, "injured"),
                             "places": row.get("places", "").split()}
    return out


def primary_place(places: list[str], info: dict[str, dict]) -> str | None:
    """The place to draw an event at: its first place by IRI that is not a region, else its first region.

    RETURNS (str | None): None when the event has no place, or nothing gives that place a point.
    """
    known = [p for p in places if p in info]
    if not known:
        return None
    best = min(known, key=lambda p: (info[p]["region"], p))
    return best if info[best]["lat"] is not None else None


def _point(info: dict) -> dict:
    return {"type": "Point", "coordinates": [info["long"], info["lat"]]}


def events_geojson(query: Query, f: Filters, *, limit: int = DETAIL_LIMIT) -> dict:
    """The map: a GeoJSON FeatureCollection of events (few) or of places with counts (many).

    RETURNS (dict): features of kind "event" (one per event, id = its IRI) when at most limit events
        match, else of kind "place" (one per place: count, killed, injured, count per class); plus
        "total", "located", "detail" ("events" or "places") and "unmatched" (names that found nothing).
    """
    h = event_classes(query)
    es = event_set(query, f, h)
    first = _first(query, es, limit)
    if first is None:
        return _place_features(query, es, h)
    classes = {r["e"]: r["cls"] for r in first}
    rows = event_rows(query, list(classes))
    info = place_info(query, sorted({p for r in rows.values() for p in r["places"]}))
    features = []
    for e in sorted(rows, key=lambda e: (rows[e]["date"] or "", e)):
        r, p = rows[e], primary_place(rows[e]["places"], info)
        if p is None:
            continue
        features.append({"type": "Feature", "id": e, "geometry": _point(info[p]), "properties": {
            "kind": "event", "event": e, "class": classes[e], "label": r["label"], "date": r["date"],
            "dateText": r["dateText"], "killed": r["killed"], "injured": r["injured"], "place": p,
            "placeLabel": info[p]["label"], "approximate": info[p]["approximate"]}})
    return {"type": "FeatureCollection", "detail": "events", "total": len(classes), "located": len(features),
            "features": features, "unmatched": es.unmatched}


def _place_features(query: Query, es: EventSet, h: Hierarchy) -> dict:
    """Events aggregated by the place each is drawn at (chosen in SPARQL like primary_place) and class."""
    groups: dict[str, dict] = {}
    total = int(select(query, _COUNT.format(group=es.group))[0]["n"])
    placekey = _PLACE_KEY.format(regions=values("rt", (f"<{c}>" for c in region_classes(query))))
    for row in select(query, _MAP.format(group=es.group, placekey=placekey)):
        n = int(row["n"])
        g = groups.setdefault(row["pk"][1:], {"count": 0, "killed": 0, "injured": 0, "classes": {}})
        g["count"] += n
        g["killed"] += _count(row, "killed") or 0
        g["injured"] += _count(row, "injured") or 0
        g["classes"][row["cls"]] = g["classes"].get(row["cls"], 0) + n
    info = place_info(query, sorted(groups))
    features: list[dict] = [{"type": "Feature", "id": p, "geometry": _point(info[p]), "properties": {
        "kind": "place", "place": p, "placeLabel": info[p]["label"], "approximate": info[p]["approximate"], **g}}
        for p, g in sorted(groups.items()) if info.get(p, {}).get("lat") is not None]
    return {"type": "FeatureCollection", "detail": "places", "total": total,
            "located": sum(groups[ft["id"]]["count"] for ft in features), "features": features,
            "unmatched": es.unmatched}


def timeline_json(query: Query, f: Filters, *, limit: int = DETAIL_LIMIT) -> dict:
    """The timeline: events per day and class, and each event (date, class, label) when at most limit match.

    RETURNS (dict): {"days": [{"date", "count", "classes"}], "undated", "total", "detail", "events"}.
    """
    h = event_classes(query)
    es = event_set(query, f, h)
    first = _first(query, es, limit)
    days: dict[str, dict] = defaultdict(lambda: {"count": 0, "classes": {}})
    undated = 0
    events = []
    if first is not None:
        rows = event_rows(query, [r["e"] for r in first])
        for r in first:
            date = rows[r["e"]]["date"]
            events.append({"event": r["e"], "class": r["cls"], "date": date, "label": rows[r["e"]]["label"]})
        counted = [(e["date"], e["class"], 1) for e in events]
    else:
        counted = [(r.get("date"), r["cls"], int(r["n"])) for r in select(query, _DAYS.format(group=es.group))]
    for date, cls, n in counted:
        if date is None:
            undated += n
            continue
        days[date]["count"] += n
        days[date]["classes"][cls] = days[date]["classes"].get(cls, 0) + n
    return {"days": [{"date": d, **days[d]} for d in sorted(days)], "undated": undated,
            "total": undated + sum(d["count"] for d in days.values()),
            "detail": "events" if first is not None else "days",
            "events": sorted(events, key=lambda e: (e["date"] or "", e["event"])), "unmatched": es.unmatched}


def list_json(query: Query, f: Filters, *, offset: int = 0, limit: int = 50) -> dict:
    """One page of the events, newest first (undated last), with label, place and casualties."""
    limit = max(1, min(limit, PAGE_LIMIT))
    h = event_classes(query)
    es = event_set(query, f, h)
    page = select(query, _PAGE.format(group=es.group, limit=limit, offset=max(0, offset)))
    total = int(select(query, _COUNT.format(group=es.group))[0]["n"])
    rows = event_rows(query, [r["e"] for r in page])
    info = place_info(query, sorted({p for r in rows.values() for p in r["places"]}))
    events = []
    for r in page:
        row = rows[r["e"]]
        p = primary_place(row["places"], info) or (row["places"][0] if row["places"] else None)
        events.append({"event": r["e"], "class": r["cls"], "label": row["label"], "date": row["date"],
                       "dateText": row["dateText"], "killed": row["killed"], "injured": row["injured"],
                       "place": p, "placeLabel": info[p]["label"] if p in info else None})
    return {"total": total, "offset": offset, "limit": limit, "events": events, "unmatched": es.unmatched}


def names_json(query: Query, kind: str, q: str) -> dict:
    """Up to 20 names containing q (any case) of actors, places or sources, shortest first."""
    if kind not in _NAMES:
        raise ValueError(f"kind={kind!r}: use one of {', '.join(_NAMES)}")
    q = q.strip().lower()
    if len(q) < 2:
        return {"names": []}
    hits = {(r["n"], r.get("x")) for r in select(query, _NAMES[kind]) if q in r["n"].lower()}
    return {"names": [{"iri": x, "name": n} for n, x in sorted(hits, key=lambda h: (len(h[0]), h[0], h[1] or ""))[:20]]}
