"""Messages for the whole package, in one place (spaCy's errors.py pattern).

Each entry is a template with a code; the message names the bad value and says what to do.
"""
from __future__ import annotations

__all__ = ["Errors", "Warnings", "KGError", "StoreBusyError", "InputError", "QueryRefusedError", "EngineError",
           "QueryTimeoutError"]


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
    E014 = ("Cannot load the spaCy pipeline {model!r} (from --model or KG_MODEL): {detail}. Install it (for example "
            "`pip install PACKAGE`), pass a path to a saved pipeline, or pass --fast for the weight-free pipeline.")
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
    # E2xx: queries refused before they run, and what kg serve answers when the engine cannot.
    E201 = ("The query has {size:,} characters, more than the limit of {limit:,}. Send a shorter query "
            "(split long VALUES lists over several queries).")
    E202 = ("The query nests brackets {depth:,} deep, more than the limit of {limit}; queries that deep can crash "
            "the engine. Flatten the expression or the groups.")
    E203 = ("The query has {count:,} clauses (groups, BIND, FILTER, OPTIONAL, MINUS, UNION, VALUES, sub-queries), "
            "more than the limit of {limit:,}; chains that long can crash the engine. Split it into smaller queries.")
    E204 = ("SERVICE is refused: this server sends no requests to other endpoints. Run the federated part "
            "elsewhere, or start the server with --allow-service.")
    E205 = ("The query ran past the {seconds:g} s limit and was stopped. Add a LIMIT or more specific patterns, "
            "or start the server with a larger --timeout.")
    E206 = ("The query engine stopped while running this query ({reason}); it is being restarted. Simplify the "
            "query, and report it if it stops the engine again.")
    E207 = "No query worker became free within {seconds:g} s (all are busy). Try again shortly."
    E208 = "The result is larger than {limit:,} MB. Add a LIMIT, or use `kg export` for the whole graph."
    E209 = "This server is read-only: updates and Graph Store writes are refused. Start it with --writable to allow them."
    E210 = ("Send the query in a `query` parameter (GET, or a form POST) or as an application/sparql-query "
            "body{update}.")
    E211 = "None of the formats in Accept: {accept} fits {kind}; ask for one of {options}."
    E212 = "No graph {iri} in the store."
    E213 = ("The default graph is the union of all graphs and cannot be written; name a graph with "
            "?graph=IRI.")
    E214 = "The request {what} is larger than {limit:,} bytes."
    E215 = "Cannot read a {fmt} body: {detail}"
    E216 = "The server is shutting down; the explore page's query was not run."
    # E16x: past one machine (Dask, kg push).
    E160 = "--dask takes a scheduler address such as tcp://host:8786 (or nothing, for a cluster on this machine), not {value!r}."
    E161 = "Cannot reach the Dask scheduler at {address}: {detail}. Start one (`dask scheduler`) or check the address."
    E162 = "No Dask worker joined the scheduler at {address} within {seconds:.0f} s. Start workers (`dask worker {address}`)."
    E163 = "The Dask worker {worker} cannot build the pipeline: {detail}"
    E164 = ("The Dask worker {worker} extracts differently from this kg ({what}: {theirs}, here {ours}). Install the same "
            "kg, pipeline and ontology on every worker (or set KG_ONTOLOGY to a folder they all see).")
    E165 = "Cannot push to {url}: {detail}. Give the Graph Store endpoint as http(s)://host:port/path (Oxigraph: http://host:7878/store)."
    E166 = ("Cannot push to {url}: credentials do not go on the command line. Set KG_PUSH_USER and KG_PUSH_PASSWORD, "
            "or KG_PUSH_TOKEN for a bearer token, and give the URL without them.")
    E167 = "Cannot reach the SPARQL endpoint {url}: {detail}. Check the address and that the server is running."
    E168 = ("The SPARQL endpoint {url} refused the push (HTTP {status} {reason}) {sent}. Set KG_PUSH_TOKEN (a bearer "
            "token) or KG_PUSH_USER and KG_PUSH_PASSWORD to credentials that may write.")
    E169 = "The SPARQL endpoint {url} answered HTTP {status} {reason} to the graph <{graph}>: {detail}"


class Warnings(metaclass=_Coded):
    W001 = "{path}: skipped: {reason}"
    W003 = ("No trained spaCy pipeline is installed ({models}): running the weight-free pipeline, which finds fewer "
            "names. Run `make` in a checkout, or pip install one of them, or pass --fast to choose this on purpose.")
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
    W116 = ("every Dask worker given its batch died (killed, or out of memory); the other articles are stored. "
            "Build it alone to see why, or give the workers more memory.")
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


class QueryRefusedError(KGError, ValueError):
    """A query kg will not run: too long, nested too deep, or asking for what is not allowed (SERVICE)."""


class EngineError(KGError):
    """The query engine gave no answer: the query ran out of time, the engine stopped, or it was too busy.

    message (str): one line for the user.
    status (int): the HTTP status kg serve answers with. Defaults to 503.
    """

    def __init__(self, message: str, *, status: int = 503) -> None:
        super().__init__(message)
        self.status = status
