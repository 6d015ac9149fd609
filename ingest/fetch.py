"""HTTP fetching for page and feed sources: a timeout, a size cap and errors a person can read."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpx

from .errors import FetchError


def ensure_public(url: str) -> None:
    """FetchError unless every address the URL's host resolves to is a public one."""
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        raise FetchError(f"no host in {url}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"cannot resolve the host {host}") from None
    for info in infos:
        if not ipaddress.ip_address(info[4][0]).is_global:
            raise FetchError(f"{host} resolves to a private or local address; not fetched")


class Fetcher:
    def __init__(
        self,
        *,
        timeout_s: float = 15.0,
        max_bytes: int = 5_000_000,
        user_agent: str = "newsbot",
        transport: httpx.BaseTransport | None = None,
        public_only: bool = False,
    ) -> None:
        """``public_only``: refuse hosts on loopback/private/link-local addresses, redirects
        included (the Discord bot sets it, so a guild admin cannot make it read the host's
        network)."""
        self.max_bytes = max_bytes
        hooks = {"request": [lambda req: ensure_public(str(req.url))]} if public_only else {}
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout_s),
            follow_redirects=True,
            headers={"User-Agent": user_agent, "Accept": "*/*"},
            transport=transport,
            event_hooks=hooks,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> tuple[str, bytes, str | None]:
        """(final URL, body, content type) or FetchError."""
        if not url.lower().startswith(("http://", "https://")):
            raise FetchError(f"not an http(s) URL: {url}")
        try:
            with self._client.stream("GET", url) as resp:
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
            raise FetchError(f"timed out fetching {url}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"could not fetch {url}: {exc.__class__.__name__}: {exc}") from None
