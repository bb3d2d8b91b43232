"""Command-line interface: importing this package registers every command on `app`."""
from . import build, export, inspect, push, query, report, serve  # noqa: F401
from .main import app

__all__ = ["app"]
