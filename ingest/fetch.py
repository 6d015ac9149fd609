"""HTTP fetching for page and feed sources: timeouts, a size cap and errors a person can read.

Two guards matter because feeds and pages are written by strangers:

- **Public addresses only**, where asked (every fetch from the Discord bot; every link found inside
  a feed or page, unless the host opts in). The name is resolved once, every address it resolves
  to is checked, and the connection goes to a checked address: a DNS answer that changes between
  the check and the connection (rebinding) cannot redirect it. Redirect hops are checked the same
  way, since each opens its own connection. The Host header and TLS SNI keep the original name.
- **A total deadline** per fetch, not only per read: a server that trickles a byte a second never
  trips a read timeout, so every connect, read and write is given at most the time left.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpcore
import httpx

from .errors import FetchError

if TYPE_CHECKING:
    from .settings import Settings

_SockAddr = tuple[int, str]  # (address family, IP address)

# The deadline of the fetch running on this thread (time.monotonic()), read by the streams.
_current = threading.local()


def _is_public(ip: str) -> bool:
    addr = ipaddress.ip_address(ip.split("%", 1)[0])  # drop an IPv6 scope ("fe80::1%eth0")
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
    return addr.is_global


def resolve(host: str, port: int, *, public_only: bool) -> list[_SockAddr]:
    """The addresses to connect to for ``host``; with ``public_only``, FetchError unless every
    one of them is a public address (one private answer among public ones is refused too)."""
    try:
        infos = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"cannot resolve the host {host}") from None
    found: list[_SockAddr] = []
    for family, _type, _proto, _name, sockaddr in infos:
        ip = str(sockaddr[0])
        if public_only and not _is_public(ip):
            raise FetchError(f"{host} resolves to a private or local address; not fetched")
        if (family, ip) not in found:
            found.append((int(family), ip))
    if not found:
        raise FetchError(f"cannot resolve the host {host}")
    return found


def ensure_public(url: str) -> None:
    """FetchError unless every address the URL's host resolves to is a public one."""
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        raise FetchError(f"no host in {url}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    resolve(host, port, public_only=True)


def _time_left(timeout: float | None) -> float | None:
    """``timeout`` shortened to what is left of this thread's fetch deadline."""
    deadline: float | None = getattr(_current, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the fetch's total deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _time_left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self._inner.start_tls(ssl_context, server_hostname, _time_left(timeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _PinnedBackend(httpcore.NetworkBackend):
    """Resolves each host once, checks the answer, and connects to exactly those addresses.

    httpcore hands TLS the URL's own host name, so SNI and certificate checks use the name,
    while the socket goes to the checked IP.
    """

    def __init__(self, *, public_only: bool) -> None:
        self.public_only = public_only
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve(host, port, public_only=self.public_only)
        last: Exception | None = None
        for _family, ip in addresses:
            try:
                # An IP literal: the inner connect does no name lookup of its own.
                stream = self._inner.connect_tcp(
                    ip, port, _time_left(timeout), local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            return _DeadlineStream(stream)
        assert last is not None
        raise last

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport, over a connection pool that connects through _PinnedBackend."""

    def __init__(self, *, public_only: bool) -> None:
        ssl_context = httpx.create_ssl_context()
        super().__init__(verify=ssl_context)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=20,
            max_keepalive_connections=10,
            keepalive_expiry=5.0,
            network_backend=_PinnedBackend(public_only=public_only),
        )


class Fetcher:
    def __init__(
        self,
        *,
        timeout_s: float = 15.0,
        max_bytes: int = 5_000_000,
        user_agent: str = "newsbot",
        public_only: bool = False,
        deadline_s: float = 60.0,
        allow_private_links: bool = False,
    ) -> None:
        """``public_only``: refuse hosts on loopback/private/link-local addresses for every fetch,
        redirects included (the Discord bot sets it, so a guild admin cannot make it read the
        host's network). Links found inside content (:meth:`get_link`) are public-only whatever
        this says, unless ``allow_private_links`` (and not ``public_only``).
        ``deadline_s``: the most one fetch may take, from connecting to the last byte."""
        self.max_bytes = max_bytes
        self.deadline_s = deadline_s
        self.public_only = public_only
        self._clients: list[httpx.Client] = []
        self._client = self._make_client(timeout_s, user_agent, public_only=public_only)
        if public_only or not allow_private_links:
            self._link_client = (
                self._client
                if public_only
                else self._make_client(timeout_s, user_agent, public_only=True)
            )
        else:
            self._link_client = self._client

    @classmethod
    def from_settings(cls, settings: Settings, *, public_only: bool = False) -> Fetcher:
        return cls(
            timeout_s=settings.fetch_timeout_s,
            max_bytes=settings.fetch_max_bytes,
            user_agent=settings.user_agent,
            public_only=public_only,
            deadline_s=settings.fetch_deadline_s,
            allow_private_links=settings.allow_private_addresses,
        )

    def _make_client(self, timeout_s: float, user_agent: str, *, public_only: bool) -> httpx.Client:
        client = httpx.Client(
            timeout=httpx.Timeout(timeout_s),
            follow_redirects=True,
            max_redirects=10,
            headers={"User-Agent": user_agent, "Accept": "*/*"},
            transport=_PinnedTransport(public_only=public_only),
            # A guarded client must make its own connections: an HTTP(S)_PROXY from the
            # environment would resolve and connect for it, unchecked.
            trust_env=not public_only,
        )
        self._clients.append(client)
        return client

    def close(self) -> None:
        for client in self._clients:
            client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> tuple[str, bytes, str | None]:
        """(final URL, body, content type) or FetchError: a URL the host or an admin gave."""
        return self._get(self._client, url)

    def get_link(self, url: str) -> tuple[str, bytes, str | None]:
        """Like :meth:`get`, for a link found inside a feed or page: whoever wrote the content
        chose it, so it is fetched from public addresses only unless the host opted in."""
        return self._get(self._link_client, url)

    def _get(self, client: httpx.Client, url: str) -> tuple[str, bytes, str | None]:
        if not url.lower().startswith(("http://", "https://")):
            raise FetchError(f"not an http(s) URL: {url}")
        started = time.monotonic()
        _current.deadline = started + self.deadline_s
        try:
            with client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase} from {url}")
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(
                        f"{url} is {int(declared):,} bytes, over the {self.max_bytes:,}-byte cap"
                    )
                buf = bytearray()
                for part in resp.iter_bytes():
                    buf.extend(part)
                    if len(buf) > self.max_bytes:
                        raise FetchError(f"{url} is over the {self.max_bytes:,}-byte cap")
                return str(resp.url), bytes(buf), resp.headers.get("content-type")
        except httpx.TimeoutException:
            if time.monotonic() - started >= self.deadline_s - 0.05:
                raise FetchError(
                    f"gave up on {url} after {self.deadline_s:g} s (the most one fetch may take)"
                ) from None
            raise FetchError(f"timed out fetching {url}") from None
        except httpx.TooManyRedirects:
            raise FetchError(f"too many redirects from {url}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"could not fetch {url}: {exc.__class__.__name__}: {exc}") from None
        finally:
            _current.deadline = None
