"""The one place connectors are registered. Callers choose real or sandbox."""

from __future__ import annotations

from typing import Any

from socialrx.connectors.base import Connector
from socialrx.connectors.doximity import DoximityConnector
from socialrx.connectors.email import NewsletterConnector
from socialrx.connectors.linkedin import LinkedInConnector
from socialrx.connectors.sandbox import SandboxConnector
from socialrx.connectors.x import XConnector
from socialrx.connectors.x_search import XSearchConnector
from socialrx.connectors.youtube import YouTubeConnector

_CONNECTORS: dict[str, type[Connector]] = {
    connector.key: connector
    for connector in (XConnector, LinkedInConnector, YouTubeConnector, DoximityConnector, NewsletterConnector)
}


_LISTENING_SOURCES: dict[str, type[XSearchConnector]] = {XSearchConnector.key: XSearchConnector}
"""Connectors that read mentions (listening) rather than publish."""


def listening_connector(key: str, **options: Any) -> XSearchConnector:
    """Return the listening connector registered under ``key`` built with ``options``."""
    try:
        return _LISTENING_SOURCES[key](**options)
    except KeyError:
        raise ValueError(f"Unknown listening connector {key!r}; known: {', '.join(_LISTENING_SOURCES)}") from None


def connector_keys() -> tuple[str, ...]:
    """Return the keys of every registered connector."""
    return tuple(_CONNECTORS)


def connector_class(key: str) -> type[Connector]:
    """Return the connector class registered under ``key``."""
    try:
        return _CONNECTORS[key]
    except KeyError:
        raise ValueError(f"Unknown connector {key!r}; known: {', '.join(_CONNECTORS)}") from None


def get_connector(key: str, *, sandbox: bool = False, **options: Any) -> Connector:
    """Return the connector for ``key`` built with ``options``, or its sandbox stand-in.

    Manual connectors do no I/O, so they are returned as they are even in sandbox mode.
    """
    connector = connector_class(key)(**options)
    if sandbox and not connector.manual:
        return SandboxConnector(connector)
    return connector
