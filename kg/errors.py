"""Messages for the whole package, in one place (spaCy's errors.py pattern).

Each entry is a template with a code; the message names the bad value and says what to do.
"""
from __future__ import annotations

__all__ = ["Errors", "Warnings", "KGError", "StoreBusyError", "InputError"]


class _Coded(type):
    def __getattribute__(cls, code: str) -> str:
        msg = super().__getattribute__(code)
        return msg if code.startswith("_") else f"[{code}] {msg}"


class Errors(metaclass=_Coded):
    E001 = "No such file or folder: {path}. Check the path, or pass a folder of .txt, .html or .jsonl files."
    E002 = "The store at {path} is in use by another kg process (a build or a server). Wait for it to finish or stop it, then try again."
    E003 = "SPARQL syntax error in {where}: {detail}"
    E004 = "Unknown export format {fmt!r}. Use one of: {options}."
    E005 = "Cannot tell the format of {path!r} from its extension. Use one of {options}, or pass --format."
    E006 = "Unknown named question {name!r}. Run `kg query --list` to see them."
    E007 = "Missing lexicon file {path}. Reinstall kg or restore the ontology/ folder."
    E008 = "Cannot open the store at {path}: {detail}"
    E009 = "Parameter {param!r} is not of the form NAME=VALUE."
    E010 = "Named question {name!r} takes parameters {expected}; got {got}."
    E011 = "No articles could be read from {paths}."
    E012 = "{path}: {detail}"
    E013 = "No article with id {id!r} in the store."
    E014 = "Cannot load the spaCy pipeline {model!r}: {detail}. Install it (for example `pip install PACKAGE`) or pass a path to a saved pipeline."


class Warnings(metaclass=_Coded):
    W001 = "{path}: skipped: {reason}"
    W002 = "The {component} component has no patterns; it will find nothing. Check the lexicon folder {path}."


class KGError(Exception):
    """Base class of the errors kg raises for problems a user can fix."""


class StoreBusyError(KGError, OSError):
    """The on-disk store is locked by another process."""


class InputError(KGError, ValueError):
    """An input document could not be read."""
