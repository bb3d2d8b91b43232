"""kg serve: the store over HTTP (SPARQL 1.1 Protocol, Graph Store Protocol, query page), hardened.

A Python front (front.py: asyncio and h11) owns the port and checks every query (limits.py) before
a supervised pool of pyoxigraph worker processes (engine.py, worker.py) runs it. limits.py is
also what `kg query` and KnowledgeGraph.query use, so no path hands Oxigraph a query that would
take the process down. Importing this package is cheap: the server loads when it is used.
"""
from __future__ import annotations

from typing import Any

__all__ = ["serve", "serving", "ServeOptions", "Started", "DEFAULT_HOST", "DEFAULT_PORT", "DEFAULT_TIMEOUT"]

DEFAULT_PORT = 7878
DEFAULT_HOST = "127.0.0.1"
DEFAULT_TIMEOUT = 30.0


def __getattr__(name: str) -> Any:
    if name in ("serve", "serving", "ServeOptions", "Started"):
        from . import server

        return getattr(server, name)
    raise AttributeError(name)
