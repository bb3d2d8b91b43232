"""kg report: the explore page as one self-contained HTML file (no server, no network).

The file holds the page's own script and style, the world outline, and the events of the store (or
of a query's answer) with their cards; a small script in it (report.js) answers the page's API calls
from that data, with the same filters as the server.
"""
from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from . import cards, data
from .assets import static_file
from .classes import event_classes
from .filters import Filters, event_set
from .geo import outline_paths
from .places import place_info
from .sparql import Query, select, values

__all__ = ["DEFAULT_LIMIT", "Report", "write_report", "report_events", "subset_from_query"]

log = logging.getLogger("kg")
DEFAULT_LIMIT = 2000
_BATCH = 500
_ROLES = """SELECT DISTINCT ?e ?r ?x WHERE {{ {vals}
  {{ ?e nkg:agent ?x BIND("agents" AS ?r) }} UNION {{ ?e nkg:target ?x BIND("targets" AS ?r) }}
  UNION {{ ?e nkg:reportedBy ?x BIND("sources" AS ?r) }}
  UNION {{ ?e nkg:mentionedIn ?a . ?a schema:publisher ?x BIND("sources" AS ?r) }} }}"""
_UP = "SELECT DISTINCT ?p ?a WHERE {{ {vals} ?p nkg:locatedIn+ ?a }}"
_NAMES = "SELECT DISTINCT ?p ?n WHERE {{ {vals} ?p rdfs:label|skos:altLabel ?n }}"


@dataclass
class Report:
    """What `kg report` wrote: the file, how many events, and how many a limit left out."""

    path: Path
    events: int
    left_out: int


def _batches(items: list[str]):
    for start in range(0, len(items), _BATCH):
        yield values("p", (f"<{x}>" for x in items[start:start + _BATCH]))


def subset_from_query(query: Query, sparql: str, params: dict[str, str] | None = None) -> list[str]:
    """Every IRI in the answer of a SELECT (SPARQL text, a .rq file or a named question); the events
    among them make the report. Raises ValueError (or SyntaxError) for a bad query.
    """
    from ..questions import prepare

    result = query(prepare(sparql, params or {}))
    if "results" not in result:
        raise ValueError("--query must be a SELECT whose answer names events (for example a column ?event)")
    return list(dict.fromkeys(v["value"] for b in result["results"]["bindings"] for v in b.values() if v["type"] == "uri"))


def report_events(query: Query, subset: list[str] | None, limit: int) -> tuple[list[str], int]:
    """The events to put in a report (the newest limit of them) and how many were left out.

    subset (list[str] | None): IRIs from a query's answer (those that are events are kept); None: all.
    """
    h = event_classes(query)
    f = Filters(events=tuple(subset)) if subset is not None else Filters()
    if subset == []:
        return [], 0
    group = event_set(query, f, h).group
    rows = select(query, data._PAGE.format(group=group, limit=limit, offset=0))
    total = int(select(query, data._COUNT.format(group=group))[0]["n"])
    return list(dict.fromkeys(r["e"] for r in rows)), max(0, total - len(rows))


def _event_records(query: Query, events: list[str]) -> tuple[list[dict], dict[str, set[str]]]:
    """One record per event (what the list, map and filters need) and the IRIs named in each role."""
    h = event_classes(query)
    classes = {r["e"]: r["cls"] for r in select(query, f"SELECT ?e ?cls WHERE {{ {event_set(query, Filters(events=tuple(events)), h).group} }}")}
    rows = data.event_rows(query, events)
    info = place_info(query, sorted({p for r in rows.values() for p in r["places"]}))
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for vals in _batches(events):
        for r in select(query, _ROLES.format(vals=vals.replace("?p", "?e"))):
            roles[r["e"]][r["r"]].append(r["x"])
    up: dict[str, set[str]] = defaultdict(set)
    for vals in _batches(sorted(info)):
        for r in select(query, _UP.format(vals=vals)):
            up[r["p"]].add(r["a"])
    records: list[dict] = []
    named: dict[str, set[str]] = defaultdict(set)
    for e in events:
        r, p = rows[e], data.primary_place(rows[e]["places"], info)
        places_up = sorted({x for q in r["places"] for x in (q, *up[q])})
        rec: dict = {"event": e, "class": classes[e], **{k: r[k] for k in ("label", "date", "dateText", "killed", "injured")},
               "place": p, "placeLabel": info[p]["label"] if p else None, "lat": info[p]["lat"] if p else None,
               "long": info[p]["long"] if p else None, "approximate": info[p]["approximate"] if p else False,
               "placesUp": places_up, **{k: sorted(set(roles[e][k])) for k in ("agents", "targets", "sources")}}
        records.append(rec)
        named["actor"].update(rec["agents"], rec["targets"])
        named["place"].update(places_up)
        named["source"].update(s for s in rec["sources"] if "://" in s)
    return records, named


def _names(query: Query, named: dict[str, set[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for vals in _batches(sorted(set().union(*named.values()))):
        for r in select(query, _NAMES.format(vals=vals)):
            out[r["p"]].append(r["n"])
    return {k: sorted(v) for k, v in out.items()}


def build_data(query: Query, events: list[str], *, title: str) -> dict:
    """Everything the report's page shows, as one JSON-able dict."""
    records, named = _event_records(query, events)
    actors = {}
    for x in sorted(named["actor"] | named["source"]):
        try:
            actors[x] = cards.actor_card(query, x, events=False)
        except ValueError:  # named as an agent, but the graph says nothing else of it
            actors[x] = {"actor": x, "label": x.rsplit("/", 1)[-1], "names": [], "types": [], "links": [], "roles": [], "memberOf": []}
    return {"title": title, "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "classes": data.classes_json(query)["classes"], "world": outline_paths(), "events": records,
            "cards": cards.event_cards(query, events), "actors": actors,
            "names": _names(query, named), "kinds": {k: sorted(v) for k, v in named.items()}}


def _inline(text: str) -> str:
    """Text safe inside a <script> or <style> element."""
    return text.replace("</", "<\\/")


def _static(name: str) -> str:
    body = static_file(name)
    if body is None:
        raise FileNotFoundError(f"kg/explore/static/{name} is missing: reinstall kg")
    return body.decode("utf-8")


def render(payload: dict) -> str:
    """The page with its script, style and data inlined: one file that needs nothing else."""
    page, css = _static("explore.html"), _static("explore.css")
    js = _static("explore.js") + "\n" + _static("report.js")
    blob = _inline(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
    page = page.replace('<link rel="stylesheet" href="/explore/explore.css">', f"<style>\n{css}</style>")
    page = page.replace('<script src="/explore/explore.js"></script>',
                        f'<script id="kg-data" type="application/json">{blob}</script>\n<script>\n{_inline(js)}\n</script>')
    page = page.replace("<title>kg explore</title>", f"<title>{_escape(payload['title'])}</title>")
    return page.replace('<a id="query-link" href="/">SPARQL query page</a> · <a href="/api/classes">JSON API</a>',
                        f'<span id="query-link">report written {payload["generated"]}</span>')


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_report(query: Query, out: str | Path, *, subset: list[str] | None = None, limit: int = DEFAULT_LIMIT,
                 title: str = "kg report") -> Report:
    """Write the explore page over the store's events (or a subset) to one HTML file.

    query (Query): runs SPARQL over the store.
    out (str | Path): the HTML file to write.
    subset (list[str] | None): event IRIs to show (others in the list are ignored); None: every event.
    limit (int): at most this many events (the newest). Defaults to DEFAULT_LIMIT.
    title (str): the page's title.
    RETURNS (Report): the path, the number of events written and the number left out by the limit.
    """
    events, left_out = report_events(query, subset, limit)
    log.info("report: %d events, %d left out by the limit", len(events), left_out)
    path = Path(out)
    path.write_text(render(build_data(query, events, title=title)), encoding="utf-8")
    return Report(path, len(events), left_out)
