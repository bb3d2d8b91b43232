"""Writing extracted articles to the store, in input order, with their same-event links.

Each article is linked to the events already indexed (kg.resolve.SameEventIndex, in memory), then
written in one transaction, or, in a large first build, in batches through Oxigraph's bulk loader.
"""
from __future__ import annotations

from datetime import date

from ..knowledge import Knowledge
from ..rdf import same_event_quads
from ..resolve import IndexedEvent, SameEventIndex, with_sides
from ..store import KGStore
from .workers import Prepared, nquads

__all__ = ["Writer", "load_index", "BULK_AFTER", "BULK_BATCH"]

BULK_AFTER = 500
"""With bulk=None, a build writes this many articles one transaction each, then switches to batches."""
BULK_BATCH = 1000
"""Articles per bulk-loader batch."""


def load_index(store: KGStore, knowledge: Knowledge) -> SameEventIndex:
    """The same-event index of every event already in the store."""
    index = SameEventIndex(knowledge.ontology)
    located, sides = store.containment(), store.sides()
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
                               with_sides((row["agents"] or "").split(), sides), places, frozenset(containers),
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
        self.reference: set[bytes] = store.reference_lines()  # N-Quads lines already in the reference graph
        self.pending: list[bytes] = []
        self.marks: list[bytes] = []

    def _new_reference(self, data: bytes) -> bytes:
        """The reference lines not written yet (most are: entities recur across articles)."""
        new = [line for line in data.splitlines() if line and line not in self.reference]
        self.reference.update(new)
        return b"".join(line + b"\n" for line in new)

    def write(self, item: Prepared) -> None:
        """Link the article to the same events already written, then write it."""
        links = nquads(same_event_quads(item.iri, self.index.add_events(item.iri, item.events)))
        reference = self._new_reference(item.reference)
        if not self.batching or self.store.contains_graph(item.iri):
            self.flush()
            self.store.put_article(item.iri, item.quads + item.mark + links, reference)
            self.written += 1
            if self.auto and not self.batching and self.written >= BULK_AFTER:
                self.batching = True
            return
        self.pending.append(item.quads + links + reference)
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
