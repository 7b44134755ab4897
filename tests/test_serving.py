"""``telusur serve`` as a client on loopback meets it: slow and idle clients cannot hold the
workers, gunicorn's own error pages carry the app's security headers, redirects never
name a host the client chose, and a 405 says which methods are allowed."""

from __future__ import annotations

import socket
import time
import urllib.request
from collections.abc import Iterator

import pytest

from browser_support import LOOPBACK as HOST
from browser_support import build_demo_index, telusur_serve
from web.app import SECURITY_HEADERS

TIMEOUT_SECONDS = 3
THREADS = 2
# More slow clients than the server has threads, and of each kind.
SLOW_CLIENTS = 3 * THREADS


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[int]:
    """The port of ``telusur serve`` with one worker of ``THREADS`` threads over the demo index."""
    root = tmp_path_factory.mktemp("serving") / "index"
    build_demo_index(root)
    with telusur_serve(root, "--workers", "1", "--threads", str(THREADS), "--timeout", str(TIMEOUT_SECONDS)) as port:
        yield port


def _get(port: int, path: str, timeout: float = 5) -> int:
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=timeout) as response:
        response.read()
        return response.status


def _raw(port: int, data: bytes, timeout: float = 5) -> tuple[int, dict[str, str]]:
    """Status and headers of the answer to raw request bytes."""
    with socket.create_connection((HOST, port), timeout=timeout) as connection:
        connection.sendall(data)
        return _answer(connection)


def _answer(connection: socket.socket) -> tuple[int, dict[str, str]]:
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = connection.recv(65536)
        if not chunk:
            break
        received += chunk
    head = received.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:] if ": " in line)
    return int(head[0].split(" ")[1]), headers


def _assert_secure(headers: dict[str, str]) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name


def test_slow_and_idle_clients_do_not_hold_the_worker(server):
    """Issue 10: two clients that sent half a head held both sync workers; the next request took 61 s."""
    idle = [socket.create_connection((HOST, server)) for _ in range(SLOW_CLIENTS)]
    slow = [socket.create_connection((HOST, server)) for _ in range(SLOW_CLIENTS)]
    try:
        for connection in slow:
            connection.sendall(b"GET /api/search?q=banjir HTTP/1.1\r\nHost: telusur\r\n")
        time.sleep(0.5)
        started = time.monotonic()
        for _ in range(5):
            assert _get(server, "/api/search?q=banjir", timeout=TIMEOUT_SECONDS) == 200
        assert time.monotonic() - started < TIMEOUT_SECONDS, "searches waited behind the slow clients"
        for connection in slow:
            connection.settimeout(TIMEOUT_SECONDS + 3)
            status, headers = _answer(connection)
            assert status == 408
            _assert_secure(headers)
        for connection in idle:
            connection.settimeout(TIMEOUT_SECONDS + 3)
            assert connection.recv(1) == b"", "an idle connection is closed after the timeout"
    finally:
        for connection in idle + slow:
            connection.close()


@pytest.mark.parametrize(("request_bytes", "status"), [
    (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: telusur\r\n\r\n", 414),
    (b"GET / HTTP/1.1\r\nHost: telusur\r\n" + b"".join(b"X-%d: 1\r\n" % n for n in range(120)) + b"\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: telusur\r\nX-Big: " + b"b" * 70_000 + b"\r\n\r\n", 431),
    (b"HELLO\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: telusur\r\nContent-Length: x\r\n\r\n", 400),
])
def test_server_error_pages_carry_the_security_headers(server, request_bytes, status):
    answered, headers = _raw(server, request_bytes)
    assert answered == status
    _assert_secure(headers)
    assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_a_redirect_never_names_the_host_the_client_sent(server):
    status, headers = _raw(server, b"GET /artikel//banjir-01 HTTP/1.1\r\nHost: evil.example\r\n\r\n")
    assert status == 308 and headers["Location"] == "/artikel/banjir-01"
    status, headers = _raw(server, b"GET /?q=&sort=relevance HTTP/1.1\r\nHost: evil.example\r\n\r\n")
    assert status == 302 and headers["Location"] == "/"


def test_a_405_says_which_methods_are_allowed(server):
    status, headers = _raw(server, b"POST /api/search HTTP/1.1\r\nHost: telusur\r\nContent-Length: 0\r\n\r\n")
    assert status == 405 and set(headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    _assert_secure(headers)
