"""Writing extracted articles to the store, in input order, with their same-event links.

Each article is linked to the events already indexed (kg.resolve.SameEventIndex, in memory), then
written in one transaction, or, in a large first build, in batches through Oxigraph's bulk loader.
"""
from __future__ import annotations

from datetime import date

import pyoxigraph as ox

from ..knowledge import Knowledge
from ..rdf import same_event_quads
from ..resolve import IndexedEvent, SameEventIndex
from ..store import KGStore
from .workers import Prepared, nquads

__all__ = ["Writer", "load_index", "BULK_AFTER", "BULK_BATCH"]

BULK_AFTER = 500
"""With bulk=None, a build writes this many articles one transaction each, then switches to batches."""
BULK_BATCH = 1000
"""Articles per bulk-loader batch."""
_NQ = ox.RdfFormat.N_QUADS


def _parse(data: bytes) -> list[ox.Quad]:
    return list(ox.parse(data, format=_NQ)) if data else []


def load_index(store: KGStore, knowledge: Knowledge) -> SameEventIndex:
    """The same-event index of every event already in the store."""
    index = SameEventIndex(knowledge.ontology)
    located = store.containment()
    weekdays = [w.lower() for w in knowledge.lexicons.sequence("weekdays")]
    for row in store.indexed_events():
        places = tuple((row["places"] or "").split())
        containers: set[str] = set()
        for p in places:
            cur: str | None = p
            while cur is not None and cur not in containers:
                containers.add(cur)
                cur = located.get(cur)
        weekday = weekdays.index(row["weekday"].lower()) if row["weekday"] and row["weekday"].lower() in weekdays else None
        index.add(IndexedEvent(str(row["e"]), str(row["g"]), str(row["cls"]).rsplit("#", 1)[-1],
                               frozenset((row["agents"] or "").split()), places, frozenset(containers),
                               date.fromisoformat(row["date"]) if row["date"] else None, weekday))
    return index


class Writer:
    """Writes prepared articles in input order: one transaction each, or batches through the bulk loader.

    store (KGStore): where to write.
    index (SameEventIndex): the events already written, to link new ones to.
    bulk (bool | None): batches; None switches to them after BULK_AFTER articles. Either way the graph is the same.
    """

    def __init__(self, store: KGStore, index: SameEventIndex, *, bulk: bool | None, batch: int | None = None) -> None:
        self.store = store
        self.index = index
        self.auto = bulk is None
        self.batching = bool(bulk)
        self.batch = batch or BULK_BATCH
        self.written = 0
        self.reference: set[ox.Quad] = store.reference_quads() if self.batching else set()
        self.pending: list[bytes] = []
        self.marks: list[bytes] = []

    def write(self, item: Prepared) -> None:
        """Link the article to the same events already written, then write it."""
        rec = item.record
        links = same_event_quads(rec.iri, self.index.add_record(rec))
        if not self.batching or self.store.contains_graph(rec.iri):
            self.flush()
            self.store.put_article(rec.iri, [*_parse(item.quads), *_parse(item.mark), *links], _parse(item.reference))
            self.written += 1
            if self.auto and not self.batching and self.written >= BULK_AFTER:
                self.batching, self.reference = True, self.store.reference_quads()
            return
        new = [q for q in _parse(item.reference) if q not in self.reference]
        if new:  # reference facts are few and mostly known already: written at once
            self.store.add_reference(new)
            self.reference.update(new)
        self.pending.append(item.quads + nquads(links))
        self.marks.append(item.mark)
        self.written += 1
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        """Load the pending batch, then mark its articles as done."""
        if self.pending:
            self.store.bulk_load(b"".join(self.pending), b"".join(self.marks))
            self.pending, self.marks = [], []

    def close(self) -> None:
        """Write what is pending."""
        self.flush()
