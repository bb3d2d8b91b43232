"""Building a store: read → nlp → resolve → rdf → store, for many articles, in parallel where it pays."""
from .extractor import Extractor
from .report import BuildReport
from .run import add_articles, build
from .workers import default_workers, extract_records

__all__ = ["Extractor", "BuildReport", "build", "add_articles", "extract_records", "default_workers"]
