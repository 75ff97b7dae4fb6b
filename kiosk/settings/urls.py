"""Which central URLs the kiosk will send personal data to.

A URL is judged by the host the HTTP stack will really connect to, not by how
its text starts: `http://localhost:80@evil.example/` begins like loopback but
connects to evil.example. So a central URL carries no user information, no
characters a parser could read two ways, no query or fragment, and plain http
only to a loopback address.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

# host, IPv6 literal in brackets, port: nothing a second parser could read otherwise
_PLAIN_NETLOC = re.compile(r"[A-Za-z0-9.\-\[\]:]+")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def central_url_problem(url: str) -> str | None:
    """Why the kiosk must not use `url` for its central, or None when it may."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "must be an https:// URL with a host"
    if not _PLAIN_NETLOC.fullmatch(parts.netloc):
        return "must name a host (and port) only: no user@, no escapes, no spaces"
    if parts.query or parts.fragment:
        return "must not carry a query (?) or fragment (#)"
    try:
        parts.port  # noqa: B018  (raises on a port that is not a number in range)
    except ValueError:
        return "has a port that is not a number from 1 to 65535"
    if not parts.hostname:
        return "names no host"
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        return "plain http is allowed only to loopback; use an https:// URL"
    return None
