"""The explore page's HTTP surface: /explore (the page and its files) and the JSON API under /api/.

Every endpoint answers GET with JSON and takes the filters of kg.explore.filters (class, actor,
place, source, from, to) where it lists events:

==========================  ==================================================================
``/api/classes``            event classes of the ontology (IRI, name, label, parents, count)
``/api/events``             GeoJSON FeatureCollection for the map: one Feature per event when at
                            most ``limit`` (default 1000) match, else one per place with counts
``/api/timeline``           events per day and class (each event too, when few)
``/api/list``               one page of events, newest first (``offset``, ``limit`` up to 200)
``/api/event?iri=``         an event's card: class, agent, target, place, date, casualties,
                            instrument, sources, evidence sentences, links, article, same event
``/api/actor?iri=``         an actor's card: names, types, links, events as agent and target by day
``/api/names?kind=&q=``     up to 20 names of actors, places or sources containing q
``/explore/world.json``     the world outline as SVG path data (from the npm package world-atlas)
==========================  ==================================================================
"""
from __future__ import annotations

import json
from collections.abc import Callable

from . import cards, data
from .assets import static_file
from .filters import Filters
from .geo import outline_paths
from .sparql import Query

__all__ = ["handle"]

Response = tuple[int, str, bytes]
JSON_TYPE = "application/json; charset=utf-8"
_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def _one(params: dict[str, list[str]], key: str, default: str | None = None) -> str | None:
    given = params.get(key) or []
    return given[-1] if given else default


def _int(params: dict[str, list[str]], key: str, default: int) -> int:
    value = _one(params, key)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{key}={value!r} is not a whole number") from None


def _required(params: dict[str, list[str]], key: str) -> str:
    value = _one(params, key)
    if not value:
        raise ValueError(f"missing parameter {key}=")
    return value


_API: dict[str, Callable[[Query, dict[str, list[str]]], object]] = {
    "classes": lambda q, p: data.classes_json(q),
    "events": lambda q, p: data.events_geojson(q, Filters.from_params(p), limit=_int(p, "limit", data.DETAIL_LIMIT)),
    "timeline": lambda q, p: data.timeline_json(q, Filters.from_params(p), limit=_int(p, "limit", data.DETAIL_LIMIT)),
    "list": lambda q, p: data.list_json(q, Filters.from_params(p), offset=_int(p, "offset", 0), limit=_int(p, "limit", 50)),
    "event": lambda q, p: cards.event_card(q, _required(p, "iri")),
    "actor": lambda q, p: cards.actor_card(q, _required(p, "iri")),
    "names": lambda q, p: data.names_json(q, _one(p, "kind", "actor") or "actor", _one(p, "q", "") or ""),
}


def _json(status: int, body: object) -> Response:
    return status, JSON_TYPE, json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _page(name: str) -> Response | None:
    if name in ("", "index.html"):
        name = "explore.html"
    if name == "world.json":
        return _json(200, {"countries": outline_paths()})
    body = static_file(name)
    suffix = name[name.rfind("."):]
    if body is None or suffix not in _TYPES:
        return None
    return 200, _TYPES[suffix], body


def handle(method: str, path: str, params: dict[str, list[str]], query: Query) -> Response | None:
    """Answer a request under /explore or /api/, or return None when the path is not the explore page's.

    method (str): the HTTP method; only GET (and HEAD) are answered.
    path (str): the URL path, without the query string.
    params (dict[str, list[str]]): the query string, as urllib.parse.parse_qs gives it.
    query (Query): runs a SPARQL SELECT over the store and returns SPARQL 1.1 JSON results as a dict.
    RETURNS (tuple[int, str, bytes] | None): status, content type and body.
    """
    if path == "/explore" or path.startswith("/explore/"):
        kind, name = "page", path[len("/explore/"):] if path != "/explore" else ""
    elif path.startswith("/api/"):
        kind, name = "api", path[len("/api/"):].strip("/")
    else:
        return None
    if method not in ("GET", "HEAD"):
        return _json(405, {"error": f"{method} is not allowed here; use GET"})
    if kind == "page":
        return _page(name) or _json(404, {"error": f"no such file: {path}"})
    handler = _API.get(name)
    if handler is None:
        return _json(404, {"error": f"no such endpoint: {path}; see {', '.join('/api/' + k for k in _API)}"})
    try:
        return _json(200, handler(query, params))
    except ValueError as exc:
        return _json(400, {"error": str(exc)})
