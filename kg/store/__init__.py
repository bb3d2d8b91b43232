"""Stage 5, store: Oxigraph on disk, one named graph per article; exports; the rdflib bridge."""
from .export import EXPORT_PREFIXES, ExportFormat, write_rdf
from .lock import hold_store
from .store import KGStore, open_store

__all__ = ["KGStore", "open_store", "ExportFormat", "EXPORT_PREFIXES", "write_rdf", "hold_store"]
