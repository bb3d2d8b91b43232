"""Stage 4, rdf: resolved records in, pyoxigraph quads out. The only stage that knows property IRIs."""
from .quads import article_quads, reference_quads, same_event_quads

__all__ = ["article_quads", "reference_quads", "same_event_quads"]
