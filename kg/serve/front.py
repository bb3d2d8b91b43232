"""The HTTP front of kg serve: it owns the port, reads requests, checks queries, and asks the engine.

asyncio and h11 (the HTTP/1.1 state machine httpx and uvicorn use): an idle connection costs a
few kilobytes and no thread, every read has a deadline (the request head, the body, the wait
for the next request on a kept-alive connection), and when the connection cap is reached the
connection that has waited longest for its request head is closed to make room. So a thousand
idle or half-sent connections cannot keep a client from being answered.

Routes: ``/query`` (SPARQL 1.1 Protocol), ``/update`` (refused unless writable), ``/store``
(Graph Store Protocol), ``/`` (the query page), ``/questions`` (the named questions),
``/explore`` and ``/api/`` (the explore page, kg.explore, when it is installed).
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import importlib.util
import json
import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, urlsplit

import h11

from ..errors import EngineError, Errors, QueryRefusedError
from .engine import ClientGoneError, Engine
from .limits import Checked, Limits, check, describe_syntax_error
from .page import query_page, question_text, questions_json

__all__ = ["Front", "FrontOptions", "Reply"]

log = logging.getLogger("kg")

_FORM = "application/x-www-form-urlencoded"
_TEXT = "text/plain; charset=utf-8"
_MAX_HEAD_BYTES = 64 * 1024
_GRACE = 30.0  # seconds an explore thread waits past the query timeout before it gives up on the loop
_ANSWERS = 64  # explore-page SELECT answers remembered (each up to _ANSWER_BYTES)
_ANSWER_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class FrontOptions:
    """How the front behaves.

    writable (bool): accept updates and Graph Store writes. Defaults to False.
    cors (bool): let web pages of other sites call the endpoint. Defaults to False.
    timeout (float): seconds a query may run (a request's own `timeout` parameter may ask for less). Defaults to 30.
    limits (Limits): what a query may be. Defaults to Limits(allow_service=False).
    max_result_bytes (int): the largest answer the engine may build. Defaults to 256 MB.
    max_body_bytes (int): the largest request body (a query, an update, a graph). Defaults to 1 MB, 256 MB writable.
    head_timeout (float): seconds to send a request head, and to start the next one on a kept connection. Defaults to 10.
    body_timeout (float): seconds to send a request body, and to read an answer. Defaults to 30.
    max_connections (int): open connections before the longest-waiting idle one is closed. Defaults to 4,096.
    """

    writable: bool = False
    cors: bool = False
    timeout: float = 30.0
    limits: Limits = field(default_factory=lambda: Limits(allow_service=False))
    max_result_bytes: int = 256_000_000
    max_body_bytes: int | None = None
    head_timeout: float = 10.0
    body_timeout: float = 30.0
    max_connections: int = 4096

    @property
    def body_limit(self) -> int:
        return self.max_body_bytes or (256_000_000 if self.writable else 1_000_000)


@dataclass
class Reply:
    """An HTTP answer: status, content type, body and extra headers."""

    status: int
    content_type: str = _TEXT
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def text(cls, status: int, message: str, **kwargs: Any) -> Reply:
        return cls(status, _TEXT, (" ".join(message.split()) + "\n").encode("utf-8"), **kwargs)


class _DeadlineError(Exception):
    pass


@dataclass
class _Conn:
    writer: asyncio.StreamWriter
    idle: bool = True
    since: float = 0.0


class Front:
    """The HTTP server in front of an engine.

    engine (Engine): the supervised workers.
    options (FrontOptions): limits and switches.
    """

    def __init__(self, engine: Engine, options: FrontOptions) -> None:
        self.engine = engine
        self.options = options
        self._conns: dict[asyncio.StreamWriter, _Conn] = {}
        self._server: asyncio.Server | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._answers: OrderedDict[tuple[int, int, str], bytes] = OrderedDict()  # the explore page's SELECTs
        self._writes = 0  # updates and graph writes done: an answer remembered before one is stale
        self._warming: asyncio.Task | None = None
        self._waiting: set[concurrent.futures.Future] = set()  # explore threads' queries in flight
        self._closing = False

    async def start(self, host: str, port: int) -> None:
        """Listen on host:port."""
        self._loop = asyncio.get_running_loop()
        self._server = await asyncio.start_server(self._connection, host, port, backlog=1024,
                                                  limit=_MAX_HEAD_BYTES)
        self._warming = asyncio.create_task(self._warm_explore())

    @property
    def port(self) -> int:
        """The TCP port it listens on (the one the OS picked when asked for port 0)."""
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    async def close(self) -> None:
        """Stop listening and close every connection."""
        self._closing = True
        if self._warming is not None:
            self._warming.cancel()
        for waiting in list(self._waiting):  # threads blocked on a query of a loop about to stop
            waiting.cancel()
        if self._server is not None:
            self._server.close()
        for conn in list(self._conns):
            conn.transport.abort()
        if self._server is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 5)

    # -- connections -------------------------------------------------------------------------

    def _admit(self, writer: asyncio.StreamWriter) -> _Conn:
        assert self._loop is not None
        if len(self._conns) >= self.options.max_connections:
            idle = [c for c in self._conns.values() if c.idle]
            if idle:
                oldest = min(idle, key=lambda c: c.since)
                oldest.writer.transport.abort()
                self._conns.pop(oldest.writer, None)
        conn = _Conn(writer, since=self._loop.time())
        self._conns[writer] = conn
        return conn

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        state = self._admit(writer)
        http = h11.Connection(h11.SERVER, max_incomplete_event_size=_MAX_HEAD_BYTES)
        try:
            while True:
                state.idle, state.since = True, asyncio.get_running_loop().time()
                request = await self._event(http, reader, self.options.head_timeout)
                if not isinstance(request, h11.Request):
                    return  # the client closed the connection, or sent nothing we can answer
                state.idle = False
                reply = await self._answer(http, reader, writer, request)
                if reply is None:
                    return
                await self._send(http, writer, request, reply)
                if http.our_state is not h11.DONE or http.their_state is not h11.DONE:
                    return
                http.start_next_cycle()
        except (_DeadlineError, ConnectionError, ClientGoneError, asyncio.IncompleteReadError):
            pass
        except h11.RemoteProtocolError as exc:
            if http.our_state in (h11.IDLE, h11.SEND_RESPONSE):
                with contextlib.suppress(Exception):
                    await self._send(http, writer, None, Reply.text(exc.error_status_hint, f"Bad request: {exc}"))
        finally:
            self._conns.pop(writer, None)
            writer.transport.abort()

    async def _event(self, http: h11.Connection, reader: asyncio.StreamReader, seconds: float) -> Any:
        """The next h11 event, reading as needed for at most `seconds`."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while True:
            event = http.next_event()
            if event is not h11.NEED_DATA:
                return event
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise _DeadlineError()
            try:
                data = await asyncio.wait_for(reader.read(65536), remaining)
            except asyncio.TimeoutError:
                raise _DeadlineError() from None
            http.receive_data(data)

    async def _answer(self, http: h11.Connection, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                      request: h11.Request) -> Reply | None:
        """Read the body, then dispatch; None when the client went away meanwhile."""
        length = dict(request.headers).get(b"content-length")
        limit = self.options.body_limit
        too_large = Reply.text(413, Errors.E214.format(what="body", limit=limit), headers=[("connection", "close")])
        if length is not None and length.isdigit() and int(length) > limit:
            if int(length) <= 16 * limit and not http.client_is_waiting_for_100_continue:
                await self._discard_body(http, reader)  # so a client that sends it all first can read the 413
            return too_large
        if http.client_is_waiting_for_100_continue:
            writer.write(http.send(h11.InformationalResponse(status_code=100, headers=[])) or b"")
        chunks, size = [], 0
        while True:
            event = await self._event(http, reader, self.options.body_timeout)
            if isinstance(event, h11.Data):
                size += len(event.data)
                if size > limit:
                    return too_large
                chunks.append(event.data)
            elif isinstance(event, h11.EndOfMessage):
                break
            else:
                return None
        gone = asyncio.ensure_future(self._gone(http, reader))
        try:
            return await self._dispatch(request, b"".join(chunks), gone)
        except ClientGoneError:
            return None
        except Exception:  # noqa: BLE001 - a bug must cost one request, not the server: say so, and log it whole
            log.exception("kg serve: error answering %s %s", request.method, request.target)
            return Reply.text(500, "Internal error in kg serve (logged on the server); please report it.")
        finally:
            gone.cancel()

    async def _discard_body(self, http: h11.Connection, reader: asyncio.StreamReader) -> None:
        with contextlib.suppress(_DeadlineError, h11.RemoteProtocolError):
            while not isinstance(await self._event(http, reader, self.options.body_timeout), (h11.EndOfMessage, h11.ConnectionClosed)):
                pass

    async def _gone(self, http: h11.Connection, reader: asyncio.StreamReader) -> None:
        """Return when the client closes its connection while its answer is being made."""
        try:
            data = await reader.read(65536)
        except ConnectionError:
            return
        if not data:
            return
        http.receive_data(data)  # a pipelined request: keep it for later, stop watching
        await asyncio.Future()

    async def _send(self, http: h11.Connection, writer: asyncio.StreamWriter, request: h11.Request | None,
                    reply: Reply) -> None:
        headers = [("server", "kg"), *reply.headers]
        if reply.status not in (204, 304):
            headers += [("content-type", reply.content_type), ("content-length", str(len(reply.body)))]
        if self.options.cors:
            headers.append(("access-control-allow-origin", "*"))
        response = h11.Response(status_code=reply.status, headers=headers, reason=HTTPStatus(reply.status).phrase)
        out = http.send(response) or b""
        if reply.body and reply.status not in (204, 304) and (request is None or request.method != b"HEAD"):
            out += http.send(h11.Data(data=reply.body)) or b""
        out += http.send(h11.EndOfMessage()) or b""
        writer.write(out)
        try:
            await asyncio.wait_for(writer.drain(), self.options.body_timeout)
        except asyncio.TimeoutError:
            raise _DeadlineError() from None

    # -- routes ------------------------------------------------------------------------------

    async def _dispatch(self, request: h11.Request, body: bytes, gone: asyncio.Future) -> Reply:
        method = request.method.decode("ascii", "replace").upper()
        url = urlsplit(request.target.decode("latin-1"))
        params = parse_qs(url.query, keep_blank_values=True)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in request.headers}
        path = url.path
        try:
            if path in ("/", "/index.html"):
                return Reply(200, "text/html; charset=utf-8", query_page()) if method in ("GET", "HEAD") else _not_allowed("GET")
            if path in ("/query", "/sparql"):
                return await self._query(method, params, headers, body, gone)
            if path == "/update":
                return await self._update(method, params, headers, body, gone)
            if path == "/store":
                return await self._store(method, params, headers, body, gone)
            if path == "/questions":
                return Reply(200, "application/json", questions_json())
            if path.startswith("/questions/"):
                return Reply(200, "application/sparql-query; charset=utf-8",
                             question_text(path.removeprefix("/questions/"), params).encode("utf-8"))
            if path == "/explore" or path.startswith(("/explore/", "/api/")):
                return await self._explore(method, path, params, headers, body)
            if method == "OPTIONS":
                return Reply(204, headers=[("allow", "GET, POST, PUT, DELETE, HEAD, OPTIONS"),
                                           ("access-control-allow-methods", "GET, POST, PUT, DELETE, HEAD, OPTIONS"),
                                           ("access-control-allow-headers", "Content-Type, Accept")])
            return Reply.text(404, f"Nothing at {path}. Try / for the query page or /query for SPARQL.")
        except QueryRefusedError as exc:
            return Reply.text(400, str(exc))
        except EngineError as exc:
            return Reply.text(exc.status, str(exc))
        except (KeyError, ValueError) as exc:  # a named question or parameter the user got wrong
            return Reply.text(400 if not isinstance(exc, KeyError) else 404, str(exc.args[0]) if exc.args else str(exc))

    def _form(self, params: dict[str, list[str]], headers: dict[str, str], body: bytes) -> str | None:
        """Merge a form body into params; return the body as text when it is a SPARQL one."""
        media = headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"The request body is not UTF-8 text (byte {exc.start}); send the query as UTF-8.") from None
        if media == _FORM or (not media and "=" in text):
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
            return None
        return text

    def _timeout(self, params: dict[str, list[str]]) -> float:
        asked = params.get("timeout", [""])[-1]
        try:
            return min(self.options.timeout, float(asked)) if asked and float(asked) > 0 else self.options.timeout
        except ValueError:
            return self.options.timeout

    async def _query(self, method: str, params: dict[str, list[str]], headers: dict[str, str], body: bytes,
                     gone: asyncio.Future) -> Reply:
        if method not in ("GET", "POST"):
            return _not_allowed("GET, POST")
        texts = params.get("query", [])
        if method == "POST":
            media = headers.get("content-type", "").split(";")[0].strip().lower()
            if media not in (_FORM, "application/sparql-query", ""):
                return Reply.text(415, f"A SPARQL query is sent as {_FORM} or application/sparql-query, not {media}.")
            sent = self._form(params, headers, body)
            texts = params.get("query", []) if sent is None else [sent]
        if len(texts) != 1:
            return Reply.text(400, Errors.E210.format(update=""))
        checked = check(texts[0], self.options.limits)
        request = {"op": "query", "query": checked.text, "accept": headers.get("accept"),
                   "default_graphs": params.get("default-graph-uri"), "named_graphs": params.get("named-graph-uri"),
                   "max_bytes": self.options.max_result_bytes}
        header, data = await self.engine.run(request, timeout=self._timeout(params), gone=gone)
        return await _engine_reply(header, data, checked, "the query")

    async def _update(self, method: str, params: dict[str, list[str]], headers: dict[str, str], body: bytes,
                      gone: asyncio.Future) -> Reply:
        if not self.options.writable:
            return Reply.text(403, Errors.E209)
        if method != "POST":
            return _not_allowed("POST")
        sent = self._form(params, headers, body)
        texts = params.get("update", []) if sent is None else [sent]
        if len(texts) != 1:
            return Reply.text(400, Errors.E210.format(update=" (updates: an `update` parameter or an application/sparql-update body)"))
        checked = check(texts[0], Limits(max_chars=self.options.body_limit, max_depth=self.options.limits.max_depth,
                                         max_clauses=self.options.limits.max_clauses,
                                         allow_service=self.options.limits.allow_service))
        self._writes += 1
        header, data = await self.engine.run({"op": "update", "update": checked.text}, timeout=self._timeout(params))
        self._writes += 1
        return await _engine_reply(header, data, checked, "the update")

    async def _store(self, method: str, params: dict[str, list[str]], headers: dict[str, str], body: bytes,
                     gone: asyncio.Future) -> Reply:
        graph = params.get("graph", [None])[-1]
        if graph is None and "default" not in params:
            return Reply.text(400, "Name a graph: /store?graph=IRI, or /store?default for the union of all graphs.")
        if method in ("GET", "HEAD"):
            request = {"op": "graph_get", "graph": graph, "accept": headers.get("accept"),
                       "max_bytes": self.options.max_result_bytes}
            header, data = await self.engine.run(request, timeout=self._timeout(params), gone=gone)
            return Reply(header["status"], header["type"], data)
        if method not in ("PUT", "POST", "DELETE"):
            return _not_allowed("GET, HEAD, PUT, POST, DELETE")
        if not self.options.writable:
            return Reply.text(403, Errors.E209)
        if graph is None:
            return Reply.text(400, Errors.E213)
        request = {"op": f"graph_{method.lower()}", "graph": graph, "content_type": headers.get("content-type")}
        self._writes += 1
        header, data = await self.engine.run(request, body, timeout=self._timeout(params))
        self._writes += 1
        return Reply(header["status"], header["type"], data)

    # -- the explore page (kg.explore, built apart) -------------------------------------------

    async def _explore(self, method: str, path: str, params: dict[str, list[str]], headers: dict[str, str],
                       body: bytes) -> Reply:
        if importlib.util.find_spec("kg.explore") is None:
            return Reply.text(404, "The explore page is not part of this kg.")
        from .. import explore

        if method == "POST":
            self._form(params, headers, body)
        try:
            answer = await asyncio.to_thread(explore.handle, method, path, params, self._select_from_thread)
        except QueryRefusedError as exc:
            return Reply.text(400, str(exc))
        except EngineError as exc:
            return Reply.text(exc.status, str(exc))
        if answer is None:
            return Reply.text(404, f"Nothing at {path}.")
        status, content_type, data = answer
        return Reply(status, content_type, data)

    async def _warm_explore(self) -> None:
        """Answer the explore page's first view once at start, so its first visitor gets it from memory."""
        if importlib.util.find_spec("kg.explore") is None:
            return
        from .. import explore

        for path in ("/api/classes", "/api/events", "/api/timeline", "/api/list"):
            try:
                await asyncio.to_thread(explore.handle, "GET", path, {}, self._select_from_thread)
            except (QueryRefusedError, EngineError) as exc:  # a store the page cannot read: its visitor will see why
                log.info("explore page not prepared (%s): %s", path, exc)
                return

    def _select_from_thread(self, sparql: str) -> dict:
        """Run a SELECT through the engine, with the same limits, from a thread of the explore page."""
        assert self._loop is not None
        if self._closing:
            raise EngineError(Errors.E216)
        future = asyncio.run_coroutine_threadsafe(self.select(sparql), self._loop)
        self._waiting.add(future)
        try:
            return future.result(timeout=self.options.timeout + _GRACE)
        except (concurrent.futures.CancelledError, concurrent.futures.TimeoutError):
            raise EngineError(Errors.E216) from None
        finally:
            self._waiting.discard(future)

    async def select(self, sparql: str) -> dict:
        """A SELECT's SPARQL 1.1 JSON results as a dict (remembered until the store changes or an engine
        worker restarts). Raises QueryRefusedError or EngineError."""
        key = (self.engine.restarts, self._writes, sparql)
        if key in self._answers:
            self._answers.move_to_end(key)
            return json.loads(self._answers[key])
        checked = check(sparql, self.options.limits)
        request = {"op": "query", "query": checked.text, "accept": "application/sparql-results+json",
                   "max_bytes": self.options.max_result_bytes}
        header, data = await self.engine.run(request, timeout=self.options.timeout)
        if "syntax" in header:
            detail = await asyncio.to_thread(describe_syntax_error, SyntaxError(header["syntax"]), checked)
            raise QueryRefusedError(Errors.E003.format(where="the query", detail=detail))
        if header["status"] != 200:
            raise EngineError(data.decode("utf-8", "replace").strip(), status=header["status"])
        if key == (self.engine.restarts, self._writes, sparql) and len(data) <= _ANSWER_BYTES:
            self._answers[key] = data
            while len(self._answers) > _ANSWERS:
                self._answers.popitem(last=False)
        return json.loads(data)


async def _engine_reply(header: dict[str, Any], data: bytes, checked: Checked, where: str) -> Reply:
    """The engine's answer to a query or an update, or a 400 that points at a syntax error in it."""
    if "syntax" in header:
        detail = await asyncio.to_thread(describe_syntax_error, SyntaxError(header["syntax"]), checked)
        return Reply.text(400, Errors.E003.format(where=where, detail=detail))
    return Reply(header["status"], header["type"], data)


def _not_allowed(allow: str) -> Reply:
    return Reply.text(405, f"Use {allow} here.", headers=[("allow", allow)])

