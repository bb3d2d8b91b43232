"""Stage 1, read: any input becomes Article records; bad input becomes a Problem line."""
from .article import PROBLEM_KINDS, Article, Problem, clean_text
from .files import SUFFIXES, Reader, ReadOptions, iter_articles
from .jsonl import JsonFields
from .text import DEFAULT_MAX_CHARS, article_from_text, split_article

__all__ = ["Article", "Problem", "PROBLEM_KINDS", "JsonFields", "ReadOptions", "Reader", "SUFFIXES",
           "DEFAULT_MAX_CHARS", "article_from_text", "clean_text", "iter_articles", "split_article"]
