"""The world outline behind the map, and the centres of countries that have no point of their own.

The outline is Natural Earth's 1:110m countries as TopoJSON, from the npm package world-atlas (see
kg.explore.assets). TopoJSON stores each border once as a delta-encoded, quantized arc; decoding it
is the few lines below, so no JavaScript library is needed: the page gets ready-made SVG path data
in the map's own coordinates (x = longitude, y = -latitude: an equirectangular projection, where
zooming is a change of viewBox).
"""
from __future__ import annotations

import json
from functools import lru_cache

from .assets import world_atlas_file

__all__ = ["world_outline", "country_centre", "outline_paths"]

Ring = list[tuple[float, float]]


def _arcs(topology: dict) -> list[Ring]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        ring = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            ring.append((x * sx + tx, y * sy + ty))
        out.append(ring)
    return out


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


@lru_cache(maxsize=1)
def world_outline() -> tuple[tuple[str, str, tuple[tuple[Ring, ...], ...]], ...]:
    """Every country of the outline: (ISO 3166-1 numeric code or "", name, polygons of rings)."""
    topology = json.loads(world_atlas_file().read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    countries = []
    for geom in topology["objects"]["countries"]["geometries"]:
        if geom.get("type") == "Polygon":
            polygons = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        shapes = tuple(tuple(_ring(r, arcs) for r in poly) for poly in polygons)
        countries.append((str(geom.get("id", "")), geom.get("properties", {}).get("name", ""), shapes))
    return tuple(countries)


def _area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed area and centroid (shoelace formula) of a closed ring, in degrees."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        return 0.0, ring[0][0], ring[0][1]
    return a / 2, cx / (3 * a), cy / (3 * a)


@lru_cache(maxsize=1)
def _centres() -> dict[str, tuple[float, float]]:
    """ISO numeric code (and lower-cased name) -> (lat, long) of the centre of the country's outline."""
    out = {}
    for code, name, polygons in world_outline():
        # The centre of the largest polygon: France's is in France, not between it and Guiana.
        area, x, y = max((_area_centroid(poly[0]) for poly in polygons), key=lambda t: abs(t[0]))
        if code:
            out[code.zfill(3)] = (round(y, 4), round(x, 4))
        out[name.lower()] = (round(y, 4), round(x, 4))
    return out


def country_centre(numeric: int | str, *, name: str | None = None) -> tuple[float, float] | None:
    """(lat, long) of the centre of a country's outline, by ISO 3166-1 numeric code, else by name.

    RETURNS (tuple | None): None when the outline has no such country.
    """
    centres = _centres()
    found = centres.get(str(numeric).zfill(3)) if numeric else None
    return found or (centres.get(name.lower()) if name else None)


def _ring_path(ring: Ring) -> str:
    """SVG path data of one ring; a ring that crosses the antimeridian is cut there (left open)."""
    parts, current = [], [ring[0]]
    for prev, point in zip(ring, ring[1:], strict=False):
        if abs(point[0] - prev[0]) > 180:
            parts.append(current)
            current = []
        current.append(point)
    parts.append(current)
    closed = "Z" if len(parts) == 1 else ""
    return "".join("M" + "L".join(f"{x:.2f},{-y:.2f}" for x, y in part) + closed for part in parts if part)


@lru_cache(maxsize=1)
def outline_paths() -> list[dict[str, str]]:
    """The countries as SVG path data in map coordinates (x = long, y = -lat), rounded to 0.01 degree."""
    return [{"id": code, "name": name, "d": "".join(_ring_path(ring) for poly in polygons for ring in poly)}
            for code, name, polygons in world_outline()]
