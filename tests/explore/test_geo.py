"""The world outline (npm package world-atlas) decoded into countries, centres and SVG paths."""
from __future__ import annotations

import pytest

from kg.explore.geo import country_centre, outline_paths, world_outline


def test_the_outline_has_the_worlds_countries():
    countries = {name: code for code, name, _ in world_outline()}
    assert len(countries) == 177 and countries["Syria"] == "760" and countries["Kosovo"] == ""


@pytest.mark.parametrize("code, name, box", [
    (760, None, (35.5, 42.5, 32.3, 37.4)),  # Syria
    (250, None, (-5.0, 9.6, 41.3, 51.1)),  # France: the mainland, not between it and Guiana
    (0, "Kosovo", (20.0, 21.8, 41.8, 43.3)),  # no ISO numeric code in the outline: found by name
])
def test_a_country_centre_lies_inside_the_country(code, name, box):
    lat, long = country_centre(code, name=name)
    west, east, south, north = box
    assert west < long < east and south < lat < north


def test_an_unknown_country_has_no_centre():
    assert country_centre(999) is None


def test_paths_are_in_map_coordinates_and_cut_at_the_antimeridian():
    paths = {c["name"]: c["d"] for c in outline_paths()}
    assert paths["Syria"].startswith("M") and paths["Syria"].endswith("Z")
    xs = [float(p.split(",")[0]) for p in paths["Fiji"].replace("M", "L").split("L") if p]
    assert min(xs) >= -180 and max(xs) <= 180
    for part in paths["Fiji"].split("M")[1:]:  # no segment jumps across the map
        pts = [float(p.rstrip("Z").split(",")[0]) for p in part.split("L")]
        assert all(abs(a - b) < 180 for a, b in zip(pts, pts[1:], strict=False))
