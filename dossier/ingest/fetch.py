"""Fetching a feed or page by URL, only from addresses the user allows, within a time limit.

A URL given to ``dossier ingest`` could point at the machine itself or its network: the
cloud metadata service (169.254.169.254), a database admin page on localhost, a router.
So, unless the user explicitly allows it (``--allow-private-urls`` or ``--allow-network``):

- only ``http`` and ``https`` are fetched, also as a redirect target;
- every address the host name resolves to must be a public (global) one; one private,
  loopback, link-local, shared (100.64/10), multicast or reserved address refuses the URL;
- the check runs when each connection is opened, on the very addresses then connected to,
  so a redirect or a DNS answer that changes between check and use cannot slip past it.

No proxy from the environment is used: the check would otherwise judge the proxy's address.
The whole fetch (connect, headers and body) has one deadline, ``fetch_timeout_s``, so a server
sending a byte every few seconds cannot hold the batch forever.
"""
from __future__ import annotations

import functools
import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request

from dossier.errors import InputError, TooLarge
from dossier.ingest.limits import Limits

ALLOWED_SCHEMES = ("http", "https")
USER_AGENT = "dossier-news ingest (+https://pypi.org/project/dossier-news/)"
READ_CHUNK = 1 << 16


class BlockedAddress(OSError):
    """A URL leads to an address the limits do not allow (raised while connecting)."""


def address_refusal(address: str, limits: Limits) -> str | None:
    """Why ``address`` may not be fetched from, or None when it may."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if ip.is_global and not ip.is_multicast:
        return None
    if limits.allow_private_urls or any(ip in net for net in limits.networks()):
        return None
    return f"{ip}, a {_kind(ip)} address"


def _kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    for attribute, name in (("is_loopback", "loopback"), ("is_link_local", "link-local"),
                            ("is_multicast", "multicast"), ("is_unspecified", "unspecified"),
                            ("is_private", "private")):
        if getattr(ip, attribute):
            return name
    return "non-public"


class _DeadlineMixin:
    """A socket whose every read waits at most until ``deadline`` (time.monotonic()).

    The connection's timeout applies to each read alone; a server dripping a byte a
    second would pass it for ever. Each read here is given only what is left of the
    whole fetch's time, headers and body alike."""

    deadline: float | None = None

    def _wait_at_most_what_is_left(self) -> None:
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the time for the whole fetch is up")
            self.settimeout(left)

    def recv_into(self, *args, **kwargs):
        self._wait_at_most_what_is_left()
        return super().recv_into(*args, **kwargs)

    def recv(self, *args, **kwargs):
        self._wait_at_most_what_is_left()
        return super().recv(*args, **kwargs)


class _DeadlineSocket(_DeadlineMixin, socket.socket):
    pass


class _DeadlineSSLSocket(_DeadlineMixin, ssl.SSLSocket):
    pass


def guarded_connection(address: tuple[str, int], timeout=None, source_address=None, *,
                       limits: Limits, deadline: float | None = None) -> socket.socket:
    """``socket.create_connection`` that refuses addresses the limits do not allow.

    All resolved addresses are checked before any is tried, and then exactly those are
    connected to (no second look-up, so no DNS rebinding in between)."""
    host, port = address
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise OSError(f"cannot resolve {host!r}: {exc.strerror}") from None
    for info in infos:
        refusal = address_refusal(info[4][0], limits)
        if refusal:
            raise BlockedAddress(f"{host} resolves to {refusal}")
    last_error: OSError | None = None
    for family, kind, proto, _name, sockaddr in infos:
        sock = _DeadlineSocket(family, kind, proto)
        try:
            if timeout is not None:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            sock.deadline = deadline
            return sock
        except OSError as exc:
            sock.close()
            last_error = exc
    raise last_error or OSError(f"no address for {host!r}")


class _GuardedHTTP(http.client.HTTPConnection):
    def __init__(self, *args, limits: Limits, deadline: float, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = functools.partial(guarded_connection, limits=limits, deadline=deadline)


class _GuardedHTTPS(http.client.HTTPSConnection):
    def __init__(self, *args, limits: Limits, deadline: float, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = functools.partial(guarded_connection, limits=limits, deadline=deadline)
        self._deadline = deadline

    def connect(self) -> None:
        super().connect()  # wraps the guarded socket in TLS (a _DeadlineSSLSocket)
        self.sock.deadline = self._deadline


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, limits: Limits, deadline: float):
        super().__init__()
        self.connection = functools.partial(_GuardedHTTP, limits=limits, deadline=deadline)

    def http_open(self, req):
        return self.do_open(self.connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, limits: Limits, deadline: float):
        context = ssl.create_default_context()  # verifies certificates, as urllib's default does
        context.sslsocket_class = _DeadlineSSLSocket
        super().__init__(context=context)
        self.connection = functools.partial(_GuardedHTTPS, limits=limits, deadline=deadline)

    def https_open(self, req):
        return self.do_open(self.connection, req, context=self._context)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    def http_error_302(self, req, fp, code, msg, headers):
        target = urllib.parse.urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
        if urllib.parse.urlsplit(target).scheme.lower() not in ALLOWED_SCHEMES:
            fp.close()  # urllib itself would follow ftp:// too
            raise BlockedAddress(f"redirects to {target!r}: only http and https are fetched")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(limits: Limits, deadline: float) -> urllib.request.OpenerDirector:
    # build_opener adds the default handlers except those replaced here; an empty
    # ProxyHandler drops proxies named in the environment.
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), _HTTPHandler(limits, deadline),
                                       _HTTPSHandler(limits, deadline), _RedirectHandler())


def fetch_url(url: str, max_bytes: int, limits: Limits | None = None) -> bytes:
    """GET ``url`` under ``limits``; every failure becomes an :class:`InputError` naming the URL."""
    limits = limits or Limits()
    scheme = url.split(":", 1)[0].lower()
    if scheme not in ALLOWED_SCHEMES:
        raise InputError(f"cannot fetch: only http and https URLs are read, not {scheme}:",
                         location=url, hint="download the file and ingest it from disk")
    timeout_s = limits.fetch_timeout_s
    deadline = time.monotonic() + timeout_s
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with _opener(limits, deadline).open(request, timeout=timeout_s) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise TooLarge(f"server announces {declared} bytes, over the limit of {max_bytes}",
                               location=url)
            return _read_capped(response, max_bytes, url)
    except urllib.error.HTTPError as exc:
        raise InputError(f"cannot fetch: HTTP {exc.code} {exc.reason}", location=url,
                         hint="check the URL") from None
    except urllib.error.URLError as exc:
        raise _fetch_error(exc.reason, url, timeout_s) from None
    except (socket.timeout, TimeoutError):
        raise _timed_out(url, timeout_s) from None
    except http.client.HTTPException as exc:  # a broken answer: bad status line, cut-off chunks
        raise InputError(f"cannot fetch: the server's answer is broken ({type(exc).__name__})",
                         location=url) from None
    except OSError as exc:
        raise _fetch_error(exc, url, timeout_s) from None


def _fetch_error(reason, url: str, timeout_s: float) -> InputError:
    if isinstance(reason, BlockedAddress):
        return InputError(f"refused to fetch: {reason}", location=url,
                          hint="only public addresses are fetched; allow this one with "
                               "--allow-network or --allow-private-urls if it is yours")
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return _timed_out(url, timeout_s)
    return InputError(f"cannot fetch: {reason}", location=url, hint="check the URL and the network")


def _timed_out(url: str, timeout_s: float) -> InputError:
    return InputError(f"cannot fetch: no complete answer within {timeout_s:g} s", location=url,
                      hint="try again later, raise --fetch-timeout, or download the feed to a file")


def _read_capped(response, max_bytes: int, url: str) -> bytes:
    # read1 returns after one read from the socket, so a stream longer than allowed is
    # stopped one chunk past the limit, and no buffer waits to be filled by a slow server.
    data = bytearray()
    while chunk := response.read1(READ_CHUNK):
        data += chunk
        if len(data) > max_bytes:
            raise TooLarge(f"answer is over the limit of {max_bytes} bytes", location=url)
    return bytes(data)
