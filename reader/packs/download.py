"""Fetch a file over HTTP(S) with a size cap, timeouts and cancel; nothing else touches the
network, and only when someone asked for an update."""

from __future__ import annotations

import hashlib
import http.client
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import BinaryIO
from urllib.parse import urlsplit

from reader.packs.errors import PackCancelled, PackError

CHUNK = 64 * 1024
Progress = Callable[[str, int, int], None]


class Offline(PackError):
    """The server could not be reached at all (no network, no DNS, nothing listening)."""


MAX_REDIRECTS = 5


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PackError(url, "an update address must start with https:// (or http://)")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Every hop is checked as the first address is: only http(s), never from https down to
    http, at most MAX_REDIRECTS, and no loops (urllib alone would follow one to ftp://)."""

    def __init__(self, start: str) -> None:
        super().__init__()
        self.seen = [start]

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        from urllib.parse import urljoin

        target = urljoin(req.full_url, newurl)
        here, there = urlsplit(req.full_url).scheme, urlsplit(target).scheme
        if there not in ("http", "https") or not urlsplit(target).netloc:
            raise PackError(self.seen[0], f"the server redirected to {_short(target)}, which is "
                                          "not a web address; nothing was fetched from it")
        if here == "https" and there == "http":
            raise PackError(self.seen[0], "the server redirected from https to an unencrypted "
                                          "http address; nothing was fetched from it")
        if target in self.seen:
            raise PackError(self.seen[0], "the server's redirects go round in a loop")
        if len(self.seen) > MAX_REDIRECTS:
            raise PackError(self.seen[0], f"the server redirected more than {MAX_REDIRECTS} times")
        self.seen.append(target)
        return super().redirect_request(req, fp, code, msg, headers, target)


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."


def _one_line(text: object) -> str:
    """Server-supplied words as one short line (a reason may hold newlines or anything)."""
    words = " ".join(str(text).split())
    return words if len(words) <= 120 else words[:117] + "..."


def download(url: str, out: BinaryIO, *, max_bytes: int, expected_size: int | None = None,
             timeout: float = 20.0, deadline: float = 900.0, progress: Progress | None = None,
             cancel: threading.Event | None = None, what: str = "Downloading the update") -> str:
    """Write the body at `url` to `out`; the SHA-256 (hex) of what was written.

    Stops with PackError when the server sends more than `max_bytes` (or than `expected_size`),
    ends early, sends nothing for `timeout` seconds, or takes longer than `deadline` in all.
    """
    check_url(url)
    from reader import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"FactsheetReader/{__version__}"})
    started = time.monotonic()
    limit = min(max_bytes, expected_size) if expected_size is not None else max_bytes
    digest = hashlib.sha256()
    received = 0
    answered = False
    try:
        opener = urllib.request.build_opener(_CheckedRedirects(url))
        with opener.open(request, timeout=timeout) as response:
            answered = True
            announced = response.headers.get("Content-Length")
            if announced is not None and announced.isdigit() and int(announced) > limit:
                raise PackError(url, f"the server offers {announced} bytes; at most {limit} were "
                                     "expected")
            total = expected_size or (int(announced) if announced and announced.isdigit() else 0)
            while True:
                if cancel is not None and cancel.is_set():
                    raise PackCancelled(url)
                if time.monotonic() - started > deadline:
                    raise PackError(url, f"the download took longer than {deadline:g} seconds "
                                         "and was stopped")
                chunk = response.read1(CHUNK)
                if not chunk:
                    break
                received += len(chunk)
                if received > limit:
                    raise PackError(url, f"the server sent more than the {limit} bytes expected")
                digest.update(chunk)
                out.write(chunk)
                if progress is not None:
                    progress(what, received, max(total, received))
    except PackError:
        raise
    except urllib.error.HTTPError as exc:
        raise PackError(url, f"the server answered {exc.code} {_one_line(exc.reason)}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise PackError(url, f"the server did not answer within {timeout:g} seconds") \
                from None
        raise Offline(url, f"could not reach the server ({_one_line(_reason(exc.reason))})") \
            from None
    except TimeoutError:
        if not answered:
            raise PackError(url, f"the server did not answer within {timeout:g} seconds") \
                from None
        raise PackError(url, f"the server stopped sending for {timeout:g} seconds; the "
                             "download was stopped") from None
    except http.client.IncompleteRead:
        raise PackError(url, f"the download ended early after {received} bytes") from None
    except (http.client.HTTPException, ConnectionError) as exc:
        raise PackError(url, f"the download broke off ({type(exc).__name__})") from None
    except OSError as exc:
        raise Offline(url, f"could not reach the server ({_one_line(_reason(exc))})") from None
    should_be = expected_size if expected_size is not None else (
        int(announced) if announced is not None and announced.isdigit() else None)
    if should_be is not None and received != should_be:
        raise PackError(url, f"the download ended early: {received} of {should_be} bytes")
    return digest.hexdigest()


def _reason(reason) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason)
