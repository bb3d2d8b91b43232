"""What a build did: counts, and one Problem per skipped input or failed article."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..read import PROBLEM_KINDS, Problem

__all__ = ["BuildReport"]


@dataclass
class BuildReport:
    """What a build did.

    files (int): inputs opened (files and standard input).
    read (int): articles read from them, duplicates included.
    added (int): articles extracted and stored (new, or changed since the last build).
    unchanged (int): articles whose content hash was already in the store.
    split (int): long documents stored as several parts.
    problems (list[Problem]): inputs skipped, and why (bad input: the user's to fix).
    failures (list[Problem]): articles the extractor failed on (a bug in kg: the build says so in its exit code).
    quads_before, quads_after (int): the store's size around the build.
    pipeline (str): the spaCy pipeline that extracted the articles ("name version", or "weight-free").
    """

    read: int = 0
    added: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    failures: list[Problem] = field(default_factory=list)
    quads_before: int = 0
    quads_after: int = 0
    files: int = 0
    split: int = 0
    pipeline: str = ""

    @property
    def skipped(self) -> int:
        """How many inputs (files, records or articles) were skipped."""
        return len(self.problems)

    def skipped_by_kind(self) -> dict[str, int]:
        """Skipped inputs counted by why ("empty", "binary", ...), most common first."""
        counts = Counter(p.kind for p in self.problems)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def summary(self) -> str:
        """What was read and stored, what was skipped and why, what failed, and the store's size."""
        split = f"; {self.split} long document{'s' if self.split > 1 else ''} split into parts" if self.split else ""
        why = ", ".join(f"{n} {PROBLEM_KINDS.get(k, k)}" for k, n in self.skipped_by_kind().items())
        delta = self.quads_after - self.quads_before
        lines = [f"read {self.files} inputs: {self.read} articles, {self.added} added or updated, "
                 f"{self.unchanged} unchanged{split}",
                 f"skipped {self.skipped} inputs{': ' + why if why else ''}"]
        if self.failures:
            lines.append(f"failed {len(self.failures)} articles: extraction raised an error (a bug in kg; see above)")
        lines.append(f"store holds {self.quads_after} quads ({delta:+d})" + (f"; pipeline {self.pipeline}" if self.pipeline else ""))
        return "\n".join(lines)
