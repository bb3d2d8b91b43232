"""Command-line interface: importing this package registers every command on `app`."""
from . import (  # noqa: F401
    build,
    export,
    inspect,
    push,
    query,
    serve,  # noqa: F401
)
from .main import app

__all__ = ["app"]
