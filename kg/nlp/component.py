"""What kg's pipeline components share: the knowledge they read, given to them as spaCy gives patterns
to its rulers, in ``initialize()`` (from the config's ``[initialize.components.NAME]``) or ``from_disk()``."""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import Errors
from ..knowledge import Knowledge, load_knowledge

__all__ = ["KnowledgeComponent"]

ONTOLOGY_FOLDER = "ontology"


class KnowledgeComponent:
    """Base of kg's components: a name, and the Knowledge loaded in initialize() or from_disk().

    name (str): the component's name in the pipeline.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._knowledge: Knowledge | None = None

    @property
    def knowledge(self) -> Knowledge:
        """The ontology and lexicons this component reads. Raises ValueError (E015) before initialize()."""
        if self._knowledge is None:
            raise ValueError(Errors.E015.format(name=self.name))
        return self._knowledge

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Any = None,
                   ontology: str | None = None, knowledge: Knowledge | None = None) -> None:
        """Load the knowledge. Called by ``nlp.initialize()`` with the settings of
        ``[initialize.components.NAME]``.

        ontology (str | None): an ontology folder; None for KG_ONTOLOGY, else the one shipped with kg.
        knowledge (Knowledge | None): already loaded knowledge to share (wins over ontology).
        """
        self._knowledge = knowledge or load_knowledge(ontology)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the ontology folder this component read, so the saved pipeline needs nothing else."""
        target = Path(path) / ONTOLOGY_FOLDER
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(self.knowledge.folder, target, ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> KnowledgeComponent:
        """Load the ontology folder saved by to_disk()."""
        self._knowledge = load_knowledge(Path(path) / ONTOLOGY_FOLDER)
        return self
