"""kg: offline, deterministic knowledge graphs from news articles."""
from __future__ import annotations

import logging

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "__version__"]

logging.getLogger("kg").addHandler(logging.NullHandler())


def __getattr__(name: str):  # lazy, so `import kg` stays cheap for the CLI's --help
    if name == "KnowledgeGraph":
        from .api import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(name)
