"""Who may open a store: one writer at a time, and no writer while a read-only server holds it."""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, StoreBusyError

__all__ = ["hold_store", "is_lock_error"]


def is_lock_error(exc: BaseException) -> bool:
    """True when an error opening a store says another process holds it."""
    text = str(exc).lower()
    return "lock" in text or "resource temporarily unavailable" in text or "busy" in text


@contextlib.contextmanager
def hold_store(path: Path) -> Iterator[None]:
    """Share-lock the store's RocksDB LOCK file, as a read-only server does while it serves.

    A writer (kg build, kg remove, a writable server) cannot open the store while the lock is held,
    and the lock cannot be taken while a writer holds the store. Raises StoreBusyError (E002).
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no POSIX locks (Windows): serve without the guard
        yield
        return
    fd = os.open(path / "LOCK", os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            raise StoreBusyError(Errors.E002.format(path=path)) from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
