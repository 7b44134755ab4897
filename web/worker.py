"""The gunicorn worker of ``telusur serve``: threads serve only requests that have fully arrived.

Gunicorn's ``sync`` worker gives a connection the whole process until its request is
read, so two clients that send half a header stop a two-worker site (issue 10: the
next request took 61 s). Its ``gthread`` worker is better but not enough: it hands a
connection to a thread as soon as the first bytes arrive, and the thread then blocks
until the rest of the head comes, so as many slow clients as there are threads still
stop a worker. Here the worker's event loop reads request heads itself, without
blocking, and hands a connection to a thread only once its head is complete. A head
that is not complete within ``timeout`` seconds is answered 408 and closed, and in
the thread each read of a body and each write of a response is bounded by the same
``timeout``. Gunicorn's own error pages (400, 414, 431...) are replaced by pages that
carry the app's security headers.

The worker builds on gunicorn's ``ThreadWorker`` internals, so gunicorn is pinned
(``pyproject.toml``); ``tests/test_serving.py`` catches a change in them.
"""

from __future__ import annotations

import html
import selectors
import socket
import time
from collections import deque
from functools import partial
from http import HTTPStatus

from gunicorn import util
from gunicorn.workers.gthread import TConn, ThreadWorker

from web.app import SECURITY_HEADERS

# The most a request head may take before its connection is answered 431: a browser's
# head is about 1-2 KiB; gunicorn's own limits (a 4 KiB request line, 8 KiB per
# header) still apply to what arrives within this.
HEAD_BYTES = 64 * 1024
_HEAD_END = b"\r\n\r\n"
_READ_SIZE = 16 * 1024

# Indonesian titles of the error pages gunicorn and this worker answer with.
ERROR_TITLES = {
    400: "Permintaan tidak valid",
    403: "Permintaan ditolak",
    408: "Permintaan terlalu lama",
    414: "Alamat terlalu panjang",
    417: "Permintaan tidak didukung",
    431: "Kepala permintaan terlalu besar",
    500: "Terjadi kesalahan",
    501: "Permintaan tidak didukung",
}


class _TimedSocket(socket.socket):
    """A client socket whose blocking mode has a timeout: gunicorn switches a connection
    to blocking mode for a thread to read and write it, and a client that stops reading
    or sending must not hold that thread for longer than ``io_timeout``."""

    io_timeout: float

    @classmethod
    def adopt(cls, sock: socket.socket, io_timeout: float) -> _TimedSocket:
        timed = cls(sock.family, sock.type, sock.proto, fileno=sock.detach())
        timed.io_timeout = io_timeout
        timed.setblocking(False)
        return timed

    def setblocking(self, flag: bool) -> None:
        self.settimeout(self.io_timeout if flag else 0.0)


class _Captured:
    """Stands in for a client socket to catch the error response gunicorn would send."""

    def __init__(self) -> None:
        self.data = b""

    def gettimeout(self) -> float:
        return 0.0

    def sendall(self, data: bytes) -> None:
        self.data += data


def error_response(status: int) -> bytes:
    """A complete HTTP response for ``status``: an Indonesian page with the app's security headers."""
    title = ERROR_TITLES.get(status, ERROR_TITLES[500])
    body = (f'<!doctype html><html lang="id"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)} · Telusur'
            f'</title></head><body><main><h1>{html.escape(title)}</h1><p>Kode {status}. '
            f'<a href="/">Kembali ke halaman pencarian</a></p></main></body></html>').encode()
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Error"
    headers = {"Connection": "close", "Content-Type": "text/html; charset=utf-8",
               "Content-Length": str(len(body)), **SECURITY_HEADERS}
    head = f"HTTP/1.1 {status} {reason}\r\n" + "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return head.encode("latin-1") + b"\r\n" + body


def _status_of(response: bytes) -> int:
    """The status code of a response gunicorn wrote (``HTTP/1.1 414 URI Too Long``)."""
    try:
        return int(response.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 500


class TelusurWorker(ThreadWorker):
    """``gthread`` with request heads read by the event loop; see the module docstring."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Connections whose head is still arriving, oldest first (all wait the same time),
        # and the bytes each has sent so far.
        self._arriving: deque[TConn] = deque()
        self._heads: dict[TConn, bytearray] = {}

    def enqueue_req(self, conn: TConn) -> None:
        """Runs on the event loop for every request a connection is about to send."""
        if not isinstance(conn.sock, _TimedSocket):
            conn.sock = _TimedSocket.adopt(conn.sock, float(self.cfg.timeout))
        if conn.parser is not None and conn.parser.unreader.buf.getvalue():
            super().enqueue_req(conn)  # a pipelined request already read: it is complete or nearly
            return
        self._heads[conn] = bytearray()
        conn.timeout = time.monotonic() + self.cfg.timeout
        self._arriving.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_head_bytes, conn))

    def _on_head_bytes(self, conn: TConn, _sock: socket.socket) -> None:
        head = self._heads[conn]
        try:
            data = conn.sock.recv(_READ_SIZE)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._drop(conn)
            return
        searched_from = max(0, len(head) - len(_HEAD_END) + 1)
        head += data
        if _HEAD_END in head[searched_from:]:
            self._stop_waiting(conn)
            conn.data_ready = True
            super().enqueue_req(conn)
        elif len(head) > HEAD_BYTES:
            self._drop(conn, 431)

    def handle(self, conn: TConn):
        """Runs in a thread: gives the parser the head the event loop read, then serves it."""
        head = self._heads.pop(conn, None)
        if head:
            conn.sock.setblocking(True)
            conn.init()
            conn.parser.unreader.unread(bytes(head))
        return super().handle(conn)

    def murder_pending(self) -> None:
        """Also close connections whose head did not arrive in time (called once a second)."""
        super().murder_pending()
        now = time.monotonic()
        while self._arriving and self._arriving[0].timeout <= now:
            self._drop(self._arriving[0], 408 if self._heads.get(self._arriving[0]) else None)

    def handle_error(self, req, client, addr, exc) -> None:
        """Gunicorn's handling and logging, but the page the client gets is ours."""
        captured = _Captured()
        super().handle_error(req, captured, addr, exc)
        try:
            util.write_nonblock(client, error_response(_status_of(captured.data)))
        except OSError:
            self.log.debug("could not send the error page")

    def _stop_waiting(self, conn: TConn) -> None:
        self.poller.unregister(conn.sock)
        self._arriving.remove(conn)

    def _drop(self, conn: TConn, status: int | None = None) -> None:
        """Close a connection still sending its head, answering ``status`` when given."""
        self._stop_waiting(conn)
        self._heads.pop(conn, None)
        if status is not None:
            try:
                conn.sock.send(error_response(status))
            except OSError:
                pass
        self.nr_conns -= 1
        conn.close()
