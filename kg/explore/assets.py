"""Where the page's files come from: kg's own static/ folder, and third-party data from npm packages.

Third-party files stay in their own package. The project's package.json names them and `npm ci`
(run by make) installs them under node_modules/; building a wheel (setup.py) copies the few files
kg reads into kg/explore/vendor/, so an installed kg needs neither npm nor the network. A checkout
(an editable install) reads them from node_modules/ directly.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import KGError

__all__ = ["STATIC", "VENDOR", "world_atlas_file", "static_file", "vendor_sources"]

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
VENDOR = HERE / "vendor"

_MISSING = ("The world outline of the explore page (npm package world-atlas, file {file}) is not installed. "
            "In a kg checkout run `npm ci` (make does it); an installed kg carries it in kg/explore/vendor/.")


def vendor_sources(package: str, name: str) -> list[Path]:
    """The places a third-party file may be, in the order they are tried."""
    checkout = HERE.parent.parent / "node_modules"
    return [VENDOR / package / name, checkout / package / name]


def world_atlas_file() -> Path:
    """Natural Earth 1:110m countries (TopoJSON) from the npm package world-atlas. Raises KGError when absent."""
    for path in vendor_sources("world-atlas", "countries-110m.json"):
        if path.is_file():
            return path
    raise KGError(_MISSING.format(file="countries-110m.json"))


def static_file(name: str) -> bytes | None:
    """A file of kg's own static/ folder by name, or None when there is no such file."""
    path = (STATIC / name).resolve()
    if path.parent != STATIC or not path.is_file():
        return None
    return path.read_bytes()
