"""The event record the event finder produces and the resolver consumes: one trigger's reading."""
from __future__ import annotations

from dataclasses import dataclass, field

from .time_normalizer import TimeMention

__all__ = ["EventMention", "Offsets"]

Offsets = tuple[int, int]  # (start, end) token offsets into the Doc


@dataclass(eq=False)
class EventMention:
    """One trigger's reading. Spans are (start, end) token offsets into the Doc.

    cls (str): the event class (local name in the nkg namespace).
    trigger, sentence (Offsets): the trigger words and their sentence.
    agents, targets, places, reporters (list[Offsets]): entity spans filling each role.
    instruments (list[str]): canonical names of the weapons or means named.
    killed, injured (int | None): casualty counts stated for it.
    time (TimeMention | None): the time expression nearest the trigger.
    ordinal (str | None): "first", "new", "second"... near the trigger.
    definite (bool): "the attack": a mention of something already told.
    verb (bool): the trigger is used as a verb (a happening told as news).
    response_to, about (EventMention | str | None): an earlier mention, or "previous".
    anchor (bool): no trigger of its own: stands for an event told before ("Seven were wounded").
    lemma (str): the trigger's lemma.
    count (int | None): how many happenings a plural trigger counts ("two airstrikes"), when it says.
    time_anchor (EventMention | None): the event its time counts from ("a day after the attack").
    says_more (bool): a verb of saying followed by what was said ("said the army was ready"): a statement
        of its own, not a credit for what was told before.
    """

    cls: str
    trigger: Offsets
    sentence: Offsets
    agents: list[Offsets] = field(default_factory=list)
    targets: list[Offsets] = field(default_factory=list)
    places: list[Offsets] = field(default_factory=list)
    reporters: list[Offsets] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    time: TimeMention | None = None
    ordinal: str | None = None
    definite: bool = False
    verb: bool = False
    response_to: EventMention | str | None = None
    about: EventMention | str | None = None
    anchor: bool = False
    lemma: str = ""
    count: int | None = None
    time_anchor: EventMention | None = None
    says_more: bool = False

    def absorb(self, other: EventMention, *, specific: bool) -> None:
        """Take another mention's arguments (same happening, told twice in one clause).

        specific (bool): other's class is a subclass of this one's and replaces it.
        """
        for attr in ("agents", "targets", "places", "reporters", "instruments"):
            mine = getattr(self, attr)
            mine += [x for x in getattr(other, attr) if x not in mine]
        if specific:
            self.cls = other.cls
        self.killed = self.killed if self.killed is not None else other.killed
        self.injured = self.injured if self.injured is not None else other.injured
        self.time = self.time or other.time
        self.ordinal = self.ordinal or other.ordinal

    def clear_news(self) -> None:
        """Forget what only a new happening carries (it is a mention of one told before)."""
        self.places, self.targets, self.instruments, self.reporters, self.time = [], [], [], [], None
        self.killed = self.injured = None
