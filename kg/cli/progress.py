"""Progress of long commands: a bar on a terminal, a line every few seconds elsewhere (logs, CI)."""
from __future__ import annotations

import sys
import time
from typing import Any

__all__ = ["Progress"]

INTERVAL = 5.0  # seconds between progress lines when stderr is not a terminal


class Progress:
    """Counts work done; call it with the number of articles just finished.

    what (str): the unit counted. Defaults to "article".
    desc (str): the bar's label. Defaults to "build".
    """

    def __init__(self, what: str = "article", desc: str = "build") -> None:
        self.what = what
        self.done = 0
        self.start = self.last = time.monotonic()
        self.bar: Any = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit=what, file=sys.stderr, desc=desc)

    def __call__(self, n: int = 1) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
            return
        now = time.monotonic()
        if now - self.last >= INTERVAL:
            self.last = now
            rate = self.done / max(now - self.start, 1e-9)
            print(f"kg: {self.done:,} {self.what}s done ({rate:,.0f}/s)", file=sys.stderr, flush=True)

    def close(self) -> None:
        """End the bar (a terminal) or do nothing (a log)."""
        if self.bar is not None:
            self.bar.close()
