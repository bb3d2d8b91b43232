"""Pushing a store to any SPARQL store: one HTTP PUT per named graph (SPARQL 1.1 Graph Store Protocol).

PUT replaces the graph it names, so pushing again changes nothing, and an article rebuilt since
the last push replaces its old graph. Requests go one after another over one kept-alive connection.
Credentials come from the environment (KG_PUSH_TOKEN for a bearer token, or KG_PUSH_USER and
KG_PUSH_PASSWORD), never from the command line.
"""
from __future__ import annotations

import base64
import http.client
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import SplitResult, urlencode, urlsplit

import pyoxigraph as ox

from ..errors import Errors, KGError
from .store import KGStore

__all__ = ["push", "GraphStore", "PushReport", "authorization", "TOKEN_ENV", "USER_ENV", "PASSWORD_ENV"]

log = logging.getLogger("kg")
TOKEN_ENV, USER_ENV, PASSWORD_ENV = "KG_PUSH_TOKEN", "KG_PUSH_USER", "KG_PUSH_PASSWORD"
TIMEOUT = 120.0
"""Seconds to wait for the endpoint to answer one PUT."""
_NT = "application/n-triples"
_GONE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


@dataclass
class PushReport:
    """What a push sent: graphs, triples, and bytes of N-Triples."""

    graphs: int = 0
    triples: int = 0
    bytes: int = 0


def authorization(environ: Mapping[str, str]) -> tuple[str | None, str]:
    """The Authorization header from the environment, and where it came from (for messages).

    RETURNS (tuple): (header value or None, "KG_PUSH_TOKEN" / "KG_PUSH_USER and KG_PUSH_PASSWORD" / "no credentials").
    """
    if environ.get(TOKEN_ENV):
        return f"Bearer {environ[TOKEN_ENV]}", TOKEN_ENV
    if environ.get(USER_ENV):
        pair = f"{environ[USER_ENV]}:{environ.get(PASSWORD_ENV, '')}".encode()
        return f"Basic {base64.b64encode(pair).decode('ascii')}", f"{USER_ENV} and {PASSWORD_ENV}"
    return None, "no credentials"


def _endpoint(url: str) -> SplitResult:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise KGError(Errors.E165.format(url=url, detail=exc)) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise KGError(Errors.E165.format(url=url, detail="not an http:// or https:// address"))
    if parts.username or parts.password:
        raise KGError(Errors.E166.format(url=url.replace(parts.netloc, parts.netloc.rsplit("@", 1)[-1])))
    return parts


class GraphStore:
    """A Graph Store Protocol endpoint, over one kept-alive HTTP connection.

    url (str): the endpoint, e.g. http://localhost:7878/store (Oxigraph) or http://host:3030/ds/data (Fuseki).
    auth (tuple): (Authorization header or None, where it came from), as authorization() gives.
    timeout (float): seconds to wait for an answer. Defaults to TIMEOUT.
    """

    def __init__(self, url: str, *, auth: tuple[str | None, str] = (None, "no credentials"),
                 timeout: float = TIMEOUT) -> None:
        self.url = url
        self.parts = _endpoint(url)
        self.header, self.sent = auth
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            kind = http.client.HTTPSConnection if self.parts.scheme == "https" else http.client.HTTPConnection
            self.conn = kind(self.parts.hostname or "", self.parts.port, timeout=self.timeout)
        return self.conn

    def _target(self, graph: str) -> str:
        query = urlencode({"graph": graph})
        return f"{self.parts.path or '/'}?{self.parts.query + '&' if self.parts.query else ''}{query}"

    def put(self, graph: str, body: bytes) -> None:
        """Replace the named graph with the N-Triples body. Raises KGError (E167, E168, E169) naming what went wrong."""
        headers = {"Content-Type": _NT, "Content-Length": str(len(body))}
        if self.header:
            headers["Authorization"] = self.header
        for attempt in (1, 2):  # a kept-alive connection the server closed meanwhile is opened again, once
            conn = self._connection()
            try:
                conn.request("PUT", self._target(graph), body=body, headers=headers)
                response = conn.getresponse()
                detail = response.read()
                break
            except _GONE as exc:
                self.close()
                if attempt == 2:
                    raise KGError(Errors.E167.format(url=self.url, detail=exc or type(exc).__name__)) from None
            except (OSError, http.client.HTTPException) as exc:  # refused, unknown host, timed out
                self.close()
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc or type(exc).__name__
                raise KGError(Errors.E167.format(url=self.url, detail=reason)) from None
        if response.status in (401, 403):
            sent = "to no credentials" if self.header is None else f"to the credentials of {self.sent}"
            raise KGError(Errors.E168.format(url=self.url, status=response.status, reason=response.reason, sent=sent))
        if not 200 <= response.status < 300:
            text = " ".join(detail.decode("utf-8", "replace").split())[:200] or "(no message)"
            raise KGError(Errors.E169.format(url=self.url, status=response.status, reason=response.reason,
                                             graph=graph, detail=text))

    def close(self) -> None:
        """Close the connection (the next PUT opens another)."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _ntriples(store: KGStore, graph: str) -> tuple[bytes, int]:
    triples = [q.triple for q in store.quads(graph)]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", len(triples)


def push(store: KGStore, url: str, *, auth: tuple[str | None, str] = (None, "no credentials"),
         progress: Callable[[int], None] | None = None) -> PushReport:
    """PUT every named graph of the store (articles, the reference graph, the ontology graph) to a Graph Store endpoint.

    store (KGStore): the store to send (read only).
    url (str): the Graph Store Protocol endpoint.
    auth (tuple): the Authorization header and where it came from (see authorization()). Defaults to none.
    progress (Callable | None): called with 1 after each graph.
    RETURNS (PushReport): what was sent.
    """
    endpoint = GraphStore(url, auth=auth)
    report = PushReport()
    try:
        for graph in store.graph_names():
            body, n = _ntriples(store, graph)
            endpoint.put(graph, body)
            report.graphs, report.triples, report.bytes = report.graphs + 1, report.triples + n, report.bytes + len(body)
            if progress:
                progress(1)
    finally:
        endpoint.close()
    log.info("pushed %d graphs (%d triples) to %s", report.graphs, report.triples, url)
    return report

