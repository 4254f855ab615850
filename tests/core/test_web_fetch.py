"""Outbound fetches of addresses people give: private networks refused (redirects too), size capped."""

from __future__ import annotations

import http.server
import ipaddress
import socket
import threading
from collections.abc import Iterator

import pytest

from socialrx.core import web_fetch
from socialrx.core.web_fetch import AddressRefused, BodyTooLarge, FetchPolicy, guarded_client, read_capped

LOCAL_ONLY = FetchPolicy(allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),))


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        targets = {"/to-metadata": "http://169.254.169.254/latest/meta-data/", "/to-loopback6": "http://[::1]:9/",
                   "/to-private": "http://10.0.0.7/admin"}
        if self.path in targets:
            self.send_response(302)
            self.send_header("Location", targets[self.path])
            self.end_headers()
            return
        body = b"x" * (50_000 if self.path == "/big" else 10)
        self.send_response(200)
        self.end_headers()  # no Content-Length: the cap must hold while streaming
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def local_site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/", "http://localhost:9/", "http://[::1]:9/", "http://10.1.2.3/",
                                 "http://169.254.169.254/", "http://192.168.0.1/", "http://100.64.0.1/", "http://0.0.0.0:9/",
                                 "http://[::ffff:127.0.0.1]:9/", "http://224.0.0.1/"])
def test_private_and_loopback_addresses_are_refused_by_default(url):
    """Loopback, private, link-local, shared, unspecified, mapped and multicast addresses are never contacted."""
    with guarded_client(FetchPolicy(), timeout=2) as client, pytest.raises(AddressRefused, match="administrator"):
        client.get(url)


def test_a_name_with_any_private_address_is_refused(monkeypatch):
    """Every address a name resolves to is checked: one private address among public ones refuses the fetch."""
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, 80)) for ip in ("93.184.216.34", "10.0.0.5")]
    monkeypatch.setattr(web_fetch.socket, "getaddrinfo", lambda *a, **k: answers)
    with guarded_client(FetchPolicy(), timeout=2) as client, pytest.raises(AddressRefused, match="10.0.0.5"):
        client.get("http://news.example/feed")


@pytest.mark.parametrize("path", ["/to-metadata", "/to-loopback6", "/to-private"])
def test_redirects_to_private_addresses_are_refused(local_site, path):
    """A redirect is checked like the first address: an allowed site cannot bounce us into the network."""
    with guarded_client(LOCAL_ONLY, timeout=2) as client, pytest.raises(AddressRefused):
        client.get(local_site + path)


def test_an_administrator_may_allow_networks(local_site):
    """Allowed networks (or private addresses altogether) can be reached; the body is read up to the cap."""
    with guarded_client(LOCAL_ONLY, timeout=2) as client, client.stream("GET", local_site + "/small") as response:
        assert read_capped(response, 100) == b"x" * 10
    with guarded_client(FetchPolicy(allow_private=True), timeout=2) as client:
        assert client.get(local_site + "/small").status_code == 200
    assert FetchPolicy.from_text(networks="10.0.0.0/8, 127.0.0.1").allowed_networks[1] == ipaddress.ip_network("127.0.0.1/32")


def test_bodies_over_the_cap_are_refused_while_streaming(local_site):
    """A body larger than the cap stops the read, even without a Content-Length."""
    with guarded_client(LOCAL_ONLY, timeout=2) as client, client.stream("GET", local_site + "/big") as response:
        with pytest.raises(BodyTooLarge, match="10,000"):
            read_capped(response, 10_000)
