"""Custom Doc and Span attributes the kg components share, and per-Doc token arrays."""
from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["register_extensions", "TokenArrays", "token_arrays", "get_ents", "set_ents", "OTHER_SPANS", "not_name_tokens",
           "span_text"]

OTHER_SPANS = "kg_model_other"
"""doc.spans key of a trained NER's spans that name no actor or place (DATE, MONEY, EVENT, WORK_OF_ART...)."""


def register_extensions() -> None:
    """Register kg's extension attributes; safe to call many times."""
    for name, default in (("kg_published", None), ("kg_roles", None), ("kg_events", None),
                          ("kg_aliases", None), ("kg_times", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("kg_class", "kg_country"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Span.has_extension("kg_guess"):  # the type is only a trained NER's label: context may correct it
        Span.set_extension("kg_guess", default=False)


class TokenArrays:
    """Per-token strings and flags, read once per Doc: building spaCy Token objects in every
    component's loops costs more than all of kg's own work."""

    __slots__ = ("texts", "lower", "space", "sent_start", "idx", "_text")

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IDX, LOWER, ORTH, SENT_START, SPACY

        strings = doc.vocab.strings
        arr = doc.to_array([ORTH, LOWER, SPACY, SENT_START, IDX]).tolist() if len(doc) else []
        self.texts = [strings[row[0]] for row in arr]
        self.lower = [strings[row[1]].replace("’", "'") for row in arr]
        self.space = [bool(row[2]) for row in arr]
        self.sent_start = [row[3] == 1 for row in arr]
        self.idx = [row[4] for row in arr]  # character offset of each token
        if self.sent_start:
            self.sent_start[0] = True
        self._text: str | None = None

    @property
    def text(self) -> str:
        """The Doc's text, rebuilt from the arrays (Doc.text makes a Token per token)."""
        if self._text is None:
            self._text = "".join(t + " " if s else t for t, s in zip(self.texts, self.space))
        return self._text

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end), as Span.text gives it (which makes a Token per token)."""
        if start >= end:
            return ""
        return self.text[self.idx[start]:self.idx[end - 1] + len(self.texts[end - 1])]

    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) token offsets of every sentence."""
        starts = [i for i, flag in enumerate(self.sent_start) if flag] or [0]
        return list(zip(starts, [*starts[1:], len(self.texts)]))


def token_arrays(doc: Doc) -> TokenArrays:
    """The Doc's TokenArrays, computed once the sentences are set (tokens never change after that)."""
    arrays = doc.user_data.get("kg_tokens")
    if arrays is None or len(arrays.texts) != len(doc):
        arrays = TokenArrays(doc)
        doc.user_data["kg_tokens"] = arrays
    return arrays


def span_text(span: Span) -> str:
    """span.text, read from its Doc's token arrays."""
    return token_arrays(span.doc).span_text(span.start, span.end)


def not_name_tokens(doc: Doc) -> frozenset[int]:
    """Tokens a trained NER read as a date, a number, an event or a work (no name of an actor or place is there)."""
    cached = doc.user_data.get("kg_not_names")
    if cached is None:
        spans = doc.spans[OTHER_SPANS] if OTHER_SPANS in doc.spans else ()
        cached = frozenset(k for sp in spans for k in range(sp.start, sp.end))
        doc.user_data["kg_not_names"] = cached
    return cached


def get_ents(doc: Doc) -> list[Span]:
    """doc.ents, from a cache that kg's components keep (reading doc.ents walks every token)."""
    cached = doc.user_data.get("kg_ents")
    if cached is None:
        cached = list(doc.ents)
        doc.user_data["kg_ents"] = cached
    return cached


def set_ents(doc: Doc, spans: list[Span]) -> None:
    """Set doc.ents and remember them for get_ents."""
    doc.ents = spans
    doc.user_data["kg_ents"] = sorted(spans, key=lambda sp: sp.start)


register_extensions()
