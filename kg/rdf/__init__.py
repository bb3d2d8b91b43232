"""Stage 4, rdf: resolved records in, pyoxigraph quads out. The only stage that knows property IRIs."""
from .build import article_quads, reference_quads
from .iris import IriMinter

__all__ = ["article_quads", "reference_quads", "IriMinter"]
