"""Messages for the whole package, in one place (spaCy's errors.py pattern).

Each entry is a template with a code; the message names the bad value and says what to do.
"""
from __future__ import annotations

__all__ = ["Errors", "Warnings", "KGError", "StoreBusyError", "InputError", "QueryTimeoutError"]


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
    E007 = ("The ontology folder {path} ({where}) lacks {missing}. Point KG_ONTOLOGY at a folder holding nkg.ttl, "
            "shapes.ttl and lexicon/, or unset it to use the ontology shipped with kg.")
    E008 = "Cannot open the store at {path}: {detail}"
    E009 = "Parameter {param!r} is not of the form NAME=VALUE."
    E010 = "Named question {name!r} takes parameters {expected}; got {got}."
    E011 = "No articles could be read from {paths}."
    E012 = "{path}: {detail}"
    E013 = "No article with id {id!r} in the store."
    E014 = "Cannot load the spaCy pipeline {model!r}: {detail}. Install it (for example `pip install PACKAGE`) or pass a path to a saved pipeline."
    E015 = ("The pipeline component {name!r} has no knowledge loaded. Call nlp.initialize() (or the component's "
            "initialize()) after adding it, or load a pipeline saved with nlp.to_disk().")
    E016 = "The store at {path} is open read-only; open it without read_only=True (or stop the server holding it) to add to it."
    E017 = ("{n} articles could not be extracted (listed above); the others are stored. This is a bug in kg: "
            "please report it with one of those articles.")
    E018 = "Cannot write {path}: there is no folder {folder}. Create it first, or write somewhere else."
    E019 = ("A package kg needs is missing: {module} ({detail}). Reinstall kg with its dependencies "
            "(pip install kg, or make in a checkout).")
    E020 = ("The query ran past the {seconds:g} s time limit and was stopped. Add a LIMIT or more specific "
            "patterns, or allow more time (kg query --timeout, KnowledgeGraph.query(timeout=...)).")
    E101 = "--max-chars must be a positive number of characters, not {value!r}."


class Warnings(metaclass=_Coded):
    W001 = "{path}: skipped: {reason}"
    W002 = "The {component} component has no patterns; it will find nothing. Check the lexicon folder {path}."
    # W1xx: why an input was skipped (the build goes on and lists these in its summary).
    W101 = "empty: no text in it."
    W102 = "binary file ({what}), not text. kg reads {supported}; convert it to one of those first."
    W103 = "not text in any encoding kg can detect (tried UTF-8, UTF-16/32 and charset-normalizer). Save it as UTF-8."
    W104 = "malformed JSON line ({detail}); the rest of the file was read."
    W105 = "malformed JSON ({detail}). Fix it, or write one record per line as JSON Lines (.jsonl)."
    W106 = "record is {what}, not a JSON object with a text field."
    W107 = "record has no {field!r} field for the text (its fields: {fields}). Pass --text-field NAME."
    W108 = "record's {field!r} field is {what}, not text."
    W109 = "{size:,} {unit}, more than {parts} parts of --max-chars {limit:,}. Split the document, or raise --max-chars."
    W110 = "unsupported file type {suffix!r}. kg reads {supported}."
    W111 = "duplicate article id {id!r}; kept the first article with it. Give each article its own id."
    W112 = "no article text found in the HTML page."
    W113 = "cannot read it: {detail}"
    W115 = "reading it failed ({detail}); this is a bug in kg or a library it uses: please report it with the file."
    W114 = "{id!r} has {size:,} characters, more than --max-chars {limit:,}: stored as {parts} articles {first} … {last}."


class KGError(Exception):
    """Base class of the errors kg raises for problems a user can fix."""


class StoreBusyError(KGError, OSError):
    """The on-disk store is locked by another process."""


class QueryTimeoutError(KGError, TimeoutError):
    """A query ran past its time limit and was stopped."""


class InputError(KGError, ValueError):
    """An input document could not be read.

    message (str): what is wrong, for the user.
    kind (str): why, as a key of kg.read.PROBLEM_KINDS ("empty", "binary", "encoding", ...). Defaults to "error".
    """

    def __init__(self, message: str, *, kind: str = "error") -> None:
        super().__init__(message)
        self.kind = kind
