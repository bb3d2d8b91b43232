"""kg serve: the store over HTTP (SPARQL 1.1 Protocol, Graph Store Protocol, query page)."""
from .oxigraph import DEFAULT_HOST, DEFAULT_PORT, oxigraph_executable, serve

__all__ = ["serve", "oxigraph_executable", "DEFAULT_HOST", "DEFAULT_PORT"]
