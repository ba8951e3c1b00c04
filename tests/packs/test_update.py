"""Updates from a signed index.json over HTTP, served by the test itself on 127.0.0.1.

Every server here stops itself: handlers that stall wait on an event the fixture sets, and
endless bodies end when the client hangs up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reader.packs.download import Offline
from reader.packs.errors import PackCancelled, PackError
from reader.packs.publish import write_update_index
from reader.packs.update import check_for_update, install_update
from tests.packs.conftest import V1, V3

FAST = {"timeout": 10.0, "deadline": 60.0}  # never reached unless something is wrong
SHORT = {"timeout": 0.3, "deadline": 60.0}  # for servers that stall on purpose


class Server:
    """Routes: path -> bytes (served plainly) or a function(handler) that answers itself."""

    def __init__(self) -> None:
        self.routes: dict = {}
        self.stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server API)
                route = server.routes.get(self.path)
                try:
                    if route is None:
                        self.send_error(404, "Not Found")
                    elif callable(route):
                        route(self)
                    else:
                        self.send_response(200)
                        self.send_header("Content-Length", str(len(route)))
                        self.end_headers()
                        self.wfile.write(route)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


@pytest.fixture
def published(installed, server):
    """Sequence 2 installed; pack 3 and a signed index listing it, served."""
    pack = installed.build(3, V3)
    index = installed.tmp / "www" / "index.json"
    index.parent.mkdir()
    write_update_index([pack], installed.key, index)
    server.routes["/index.json"] = index.read_bytes()
    server.routes["/index.json.sig"] = (index.parent / "index.json.sig").read_bytes()
    server.routes["/seq3.fsrpack"] = pack.read_bytes()
    return installed, server, pack


def _refused(env, match, action):
    before = env.snapshot()
    with pytest.raises(PackError) as info:
        action()
    assert match in str(info.value), str(info.value)
    assert env.snapshot() == before
    assert env.staging_leftovers() == []
    assert env.shown_sequence() == 2
    return info.value


def test_check_then_install_an_update(published):
    env, server, pack = published
    seen = []
    options = env.options(progress=lambda what, done, total: seen.append(what))
    check = check_for_update(server.url("/index.json"), options, **FAST)
    assert (check.pack_id, check.installed, check.entry.sequence) == ("org.example.test", 2, 3)
    assert check.pack_url == server.url("/seq3.fsrpack")
    result = install_update(check, options, **FAST)
    assert result.changes.added == ("Migraine",) and result.changes.removed == ("Gout",)
    assert env.shown_sequence() == 3
    assert "Downloading the update" in seen and env.staging_leftovers() == []
    again = check_for_update(server.url("/index.json"), env.options(), **FAST)
    assert again.entry is None and again.installed == 3


def test_up_to_date(installed, server):
    index = installed.tmp / "index.json"
    write_update_index([installed.tmp / "seq2.fsrpack"], installed.key, index)
    server.routes["/index.json"] = index.read_bytes()
    server.routes["/index.json.sig"] = (installed.tmp / "index.json.sig").read_bytes()
    check = check_for_update(server.url("/index.json"), installed.options(), **FAST)
    assert check.entry is None


def test_an_expired_index_is_refused(installed, server):
    index = installed.tmp / "index.json"
    write_update_index([installed.build(3, V3)], installed.key, index, valid_days=1,
                       now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    server.routes["/index.json"] = index.read_bytes()
    server.routes["/index.json.sig"] = (installed.tmp / "index.json.sig").read_bytes()
    _refused(installed, "the update list expired on 2026-01-02",
             lambda: check_for_update(server.url("/index.json"), installed.options(), **FAST))


def test_a_tampered_index_is_refused(published):
    env, server, _ = published
    server.routes["/index.json"] = server.routes["/index.json"].replace(b'"sequence": 3',
                                                                        b'"sequence": 4')
    _refused(env, "signature does not match",
             lambda: check_for_update(server.url("/index.json"), env.options(), **FAST))


def test_a_missing_signature_is_refused(published):
    env, server, _ = published
    del server.routes["/index.json.sig"]
    _refused(env, "the server answered 404",
             lambda: check_for_update(server.url("/index.json"), env.options(), **FAST))


def test_an_index_signed_by_a_stranger_is_refused(published):
    from reader.packs.signing import generate_key
    from reader.packs.update_index import signature_line

    env, server, _ = published
    stranger = generate_key()
    server.routes["/index.json.sig"] = signature_line(stranger.key_id,
                                                      stranger.sign(server.routes["/index.json"]))
    _refused(env, "which this app does not trust",
             lambda: check_for_update(server.url("/index.json"), env.options(), **FAST))


def _install_from(env, server, **fast):
    check = check_for_update(server.url("/index.json"), env.options(), **FAST)
    return lambda: install_update(check, env.options(), **(fast or FAST))


def test_an_endless_response_is_cut_at_the_promised_size(published):
    env, server, pack = published

    def endless(handler):
        handler.send_response(200)
        handler.end_headers()  # no Content-Length: "read until I close", which is never
        while not server.stop.is_set():
            handler.wfile.write(bytes(65536))

    action = _install_from(env, server)
    server.routes["/seq3.fsrpack"] = endless
    _refused(env, f"the server sent more than the {pack.stat().st_size} bytes expected", action)


def test_a_response_announcing_more_than_promised_is_refused(published):
    env, server, pack = published

    def bloated(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(10 ** 9))
        handler.end_headers()

    action = _install_from(env, server)
    server.routes["/seq3.fsrpack"] = bloated
    _refused(env, "the server offers 1000000000 bytes", action)


def test_a_response_that_ends_early_is_refused(published):
    env, server, pack = published
    data = pack.read_bytes()

    def short(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data[:100])  # and hang up

    action = _install_from(env, server)
    server.routes["/seq3.fsrpack"] = short
    _refused(env, "ended early", action)


def test_a_response_with_other_bytes_is_refused(published):
    env, server, pack = published
    data = bytearray(pack.read_bytes())
    data[-5] ^= 1
    action = _install_from(env, server)
    server.routes["/seq3.fsrpack"] = bytes(data)
    _refused(env, "does not match the SHA-256 in the signed update list", action)


def test_a_different_signed_pack_than_announced_is_refused(published):
    """A pack the list does not describe is refused even when it is validly signed and the
    list's size and hash were rewritten for it (here: the list is re-signed by the publisher
    for pack 4, but names it sequence 3)."""
    from reader.packs.update_index import index_bytes, parse_index, signature_line

    env, server, _ = published
    other = env.build(4, V1).read_bytes()
    index = parse_index(server.routes["/index.json"], "x", 10 ** 9)
    entry = index.packs[0]
    import dataclasses

    forged = dataclasses.replace(index, packs=(dataclasses.replace(
        entry, size=len(other), sha256=hashlib.sha256(other).hexdigest()),))
    body = index_bytes(forged)
    server.routes["/index.json"] = body
    server.routes["/index.json.sig"] = signature_line(env.key.key_id, env.key.sign(body))
    server.routes["/seq3.fsrpack"] = other
    _refused(env, "not the one the update list announced", _install_from(env, server))


def test_a_stalled_server_times_out(published):
    env, server, _ = published

    def stall(handler):
        server.stop.wait(10)

    server.routes["/index.json"] = stall
    _refused(env, "did not answer within 0.3 seconds",
             lambda: check_for_update(server.url("/index.json"), env.options(), **SHORT))


def test_a_server_that_stalls_mid_download_times_out(published):
    env, server, pack = published
    data = pack.read_bytes()

    def stall_midway(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data[:500])
        handler.wfile.flush()
        server.stop.wait(10)

    action = _install_from(env, server, **SHORT)
    server.routes["/seq3.fsrpack"] = stall_midway
    _refused(env, "stopped sending for 0.3 seconds", action)


def test_a_trickling_server_hits_the_deadline(published):
    env, server, pack = published
    data = pack.read_bytes()

    def trickle(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        for byte in data:
            if server.stop.wait(0.05):
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()

    action = _install_from(env, server, timeout=10.0, deadline=0.3)
    server.routes["/seq3.fsrpack"] = trickle
    _refused(env, "took longer than 0.3 seconds", action)


def test_offline_says_so(installed):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    error = _refused(installed, "could not reach the server",
                     lambda: check_for_update(f"http://127.0.0.1:{port}/index.json",
                                              installed.options(), **FAST))
    assert isinstance(error, Offline)


def test_cancel_during_download(published):
    env, server, pack = published
    data = pack.read_bytes()
    cancel = threading.Event()

    def slow(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data[:200])
        handler.wfile.flush()
        cancel.set()
        time.sleep(0.05)
        handler.wfile.write(data[200:])

    check = check_for_update(server.url("/index.json"), env.options(), **FAST)
    server.routes["/seq3.fsrpack"] = slow
    error = _refused(env, "cancelled", lambda: install_update(check, env.options(cancel=cancel),
                                                              **FAST))
    assert isinstance(error, PackCancelled)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/index.json", "index.json",
                                 "https://"])
def test_only_web_addresses_are_fetched(installed, url):
    _refused(installed, "must start with https://",
             lambda: check_for_update(url, installed.options(), **FAST))


def _redirect_to(target_of):
    def answer(handler):
        handler.send_response(302)
        handler.send_header("Location", target_of(handler))
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return answer


def test_a_redirect_to_another_scheme_is_refused_before_anything_connects(installed, server):
    with socket.socket() as listener:  # what an FTP server would be: it must never hear from us
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.3)
        port = listener.getsockname()[1]
        server.routes["/index.json"] = _redirect_to(lambda h: f"ftp://127.0.0.1:{port}/index.json")
        _refused(installed, "which is not a web address; nothing was fetched from it",
                 lambda: check_for_update(server.url("/index.json"), installed.options(), **FAST))
        with pytest.raises(TimeoutError):
            listener.accept()


def test_a_redirect_loop_is_one_clear_line(installed, server):
    server.routes["/index.json"] = _redirect_to(lambda h: "/again.json")
    server.routes["/again.json"] = _redirect_to(lambda h: "/index.json")
    error = _refused(installed, "the server's redirects go round in a loop",
                     lambda: check_for_update(server.url("/index.json"), installed.options(),
                                              **FAST))
    assert "\n" not in str(error)


def test_a_redirect_from_https_down_to_http_is_refused():
    import urllib.request

    from reader.packs.download import _CheckedRedirects

    handler = _CheckedRedirects("https://updates.example.org/index.json")
    request = urllib.request.Request("https://updates.example.org/index.json")
    with pytest.raises(PackError, match="from https to an unencrypted http address"):
        handler.redirect_request(request, None, 302, "Found", {},
                                 "http://updates.example.org/index.json")
    moved = handler.redirect_request(request, None, 301, "Moved", {},
                                     "https://mirror.example.org/index.json")
    assert moved.full_url == "https://mirror.example.org/index.json"
