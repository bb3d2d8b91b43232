"""Custom Doc and Span attributes the kg components share (registered once, on import)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["register_extensions"]


def register_extensions() -> None:
    """Register kg's extension attributes; safe to call many times."""
    for name, default in (("kg_published", None), ("kg_roles", None), ("kg_events", None),
                          ("kg_aliases", None), ("kg_times", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("kg_class", "kg_country", "kg_candidates"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register_extensions()
