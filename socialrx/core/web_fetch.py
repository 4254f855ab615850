"""Fetch addresses that people type or feeds send without reaching the machine's own network (SSRF).

Every connection, the first and each redirect's, goes through ``GuardedBackend``: it resolves the
host itself, refuses the request when any resolved address is private, loopback, link-local,
shared, reserved or multicast (unless an administrator allowed it), and then connects to the
address it checked, so a name cannot resolve to something else between the check and the
connection. Bodies are read up to a byte cap.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class AddressRefused(Exception):
    """A fetch would reach an address outside the public internet."""


class BodyTooLarge(Exception):
    """A response body is larger than the cap."""


@dataclass(frozen=True)
class FetchPolicy:
    """Which addresses outbound fetches may reach: public ones, plus the allowed networks (or all, when private is allowed)."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_text(cls, *, allow_private: bool = False, networks: str = "") -> FetchPolicy:
        """Return a policy from a comma-separated list of networks ('10.1.0.0/16, 127.0.0.1'); raise ValueError."""
        parsed = tuple(ipaddress.ip_network(n.strip(), strict=False) for n in networks.split(",") if n.strip())
        return cls(allow_private=allow_private, allowed_networks=parsed)

    def refusal(self, address: IPAddress) -> str | None:
        """Return why ``address`` may not be reached, or None when it may."""
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if self.allow_private or any(address in network for network in self.allowed_networks):
            return None
        if address.is_multicast or not address.is_global:
            return f"{address} is a private, loopback, link-local or reserved address"
        return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Return every address ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))


class GuardedBackend(httpcore.SyncBackend):
    """A network backend that connects only to addresses the policy allows, pinned to the checked address."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        addresses = resolve(host, port)
        for address in addresses:
            reason = self.policy.refusal(address)
            if reason:
                raise AddressRefused(f"{host} resolves to {reason}; an administrator must allow it "
                                     "(SOCIALRX_FETCH_ALLOW_PRIVATE or SOCIALRX_FETCH_ALLOW_NETWORKS)")
        error: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:
            try:
                return super().connect_tcp(str(address), port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a GuardedBackend; environment proxies are not used (they would bypass the check)."""

    def __init__(self, policy: FetchPolicy, *, ssl_context: ssl.SSLContext | None = None) -> None:
        context = ssl_context or httpx.create_ssl_context()
        super().__init__(verify=context, trust_env=False)
        # httpx offers no public hook for the network backend; its pool is rebuilt with ours.
        self._pool = httpcore.ConnectionPool(ssl_context=context, network_backend=GuardedBackend(policy))


def guarded_client(policy: FetchPolicy, *, timeout: float, headers: dict[str, str] | None = None,
                   ssl_context: ssl.SSLContext | None = None, max_redirects: int = 5) -> httpx.Client:
    """Return a client that follows up to ``max_redirects`` redirects, each checked against the policy."""
    return httpx.Client(transport=GuardedTransport(policy, ssl_context=ssl_context), timeout=timeout,
                        follow_redirects=True, max_redirects=max_redirects, headers=headers, trust_env=False)


def read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """Return a streamed response's body, or raise BodyTooLarge once it passes ``max_bytes``."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise BodyTooLarge(f"the response is {int(declared):,} bytes; at most {max_bytes:,} are read")
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise BodyTooLarge(f"the response is larger than {max_bytes:,} bytes")
    return bytes(body)
