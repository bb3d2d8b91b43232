"""Stage 1, read: any input becomes Article records; bad input becomes a Problem line."""
from .article import Article
from .files import Problem, article_from_text, iter_articles

__all__ = ["Article", "Problem", "article_from_text", "iter_articles"]
