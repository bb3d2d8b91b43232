"""Stage 3, resolve: mentions to canonical entities with stable IRIs; merged, linked events."""
from .article import ArticleResolver
from .entities import EntityResolver
from .events import EventResolver
from .iris import IriMinter
from .records import ArticleRecord, Entity, Event
from .same_events import IndexedEvent, SameEventIndex, indexed_events, with_sides

__all__ = ["ArticleResolver", "EntityResolver", "EventResolver", "IriMinter", "ArticleRecord", "Entity", "Event",
           "SameEventIndex", "IndexedEvent", "indexed_events", "with_sides"]
