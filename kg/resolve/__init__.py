"""Stage 3, resolve: mentions to canonical entities and merged, linked events."""
from .entities import EntityResolver
from .events import EventResolver
from .records import ArticleRecord, Entity, Event

__all__ = ["EntityResolver", "EventResolver", "ArticleRecord", "Entity", "Event"]
