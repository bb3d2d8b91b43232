"""The knowledge floor under every stage: the ontology and lexicons of ``ontology/``, read at run time.

>>> k = load_knowledge()
>>> k.ontology.is_a("AirStrike", "Attack"), k.ontology.family("Condemnation")
(True, 'Statement')
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .gazetteer import Entry, Gazetteer, load_gazetteer
from .lexicon import Lexicons, Phrases, load_lexicons
from .ontology import Ontology, load_ontology
from .paths import cache_dir, ontology_dir

__all__ = ["Knowledge", "load_knowledge", "Ontology", "Lexicons", "Phrases", "Gazetteer", "Entry", "ontology_dir",
           "cache_dir", "load_lemma_table"]


@dataclass(eq=False)
class Knowledge:
    """What the extractor knows, from one ontology folder.

    folder (Path): the folder it was read from (nkg.ttl, shapes.ttl, lexicon/).
    ontology (Ontology): classes, hierarchy, triggers and frames.
    lexicons (Lexicons): role words, name cues, instruments, function-word lists.
    """

    folder: Path
    ontology: Ontology
    lexicons: Lexicons

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The name index (loaded on first use: it is the one large piece)."""
        return load_gazetteer(self.folder)


def load_knowledge(folder: str | Path | None = None) -> Knowledge:
    """The knowledge in an ontology folder (default: KG_ONTOLOGY, else the one shipped with kg).

    Raises KGError (E007) when the folder or one of its files is missing.
    """
    path = Path(folder) if folder is not None else ontology_dir()
    if folder is not None and not (path / "nkg.ttl").exists():
        from ..errors import Errors, KGError

        raise KGError(Errors.E007.format(path=path, where="the folder given", missing="nkg.ttl"))
    return _knowledge(path, load_ontology(path), load_lexicons(path))


@lru_cache(maxsize=8)
def _knowledge(path: Path, ontology: Ontology, lexicons: Lexicons) -> Knowledge:
    return Knowledge(path, ontology, lexicons)


@lru_cache(maxsize=1)
def load_lemma_table() -> dict[str, str]:
    """spaCy's English lookup lemmas (spacy-lookups-data), as a plain dict of lowercase words."""
    import spacy_lookups_data
    import srsly

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    return dict(srsly.read_gzip_json(path))
