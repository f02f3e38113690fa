"""Who a request comes from: the peer address, or, when the peer is a trusted proxy, the address
that proxy saw (the right-most X-Forwarded-For entry that is not itself a trusted proxy).
Nothing is trusted unless TRUSTED_PROXIES names it, so a client cannot pick its own identity."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(e, strict=False) for e in entries)


def _trusted(address: str, networks: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(peer: str | None, forwarded_for: str | None, trusted_proxies: list[str]) -> str:
    networks = _networks(tuple(trusted_proxies))
    if peer is None:
        return "unknown"
    if not networks or not _trusted(peer, networks):
        return peer
    hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # a proxy we trust sent garbage: count it against the proxy
    return peer
