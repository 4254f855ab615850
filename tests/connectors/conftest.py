"""Fixtures: fake platform servers on localhost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.connectors.fakes import FakeLinkedInServer, FakeXServer, FakeYouTubeServer


@pytest.fixture
def x_server() -> Iterator[FakeXServer]:
    """Run a fake X API for one test."""
    with FakeXServer() as server:
        yield server


@pytest.fixture
def linkedin_server() -> Iterator[FakeLinkedInServer]:
    """Run a fake LinkedIn API for one test."""
    with FakeLinkedInServer() as server:
        yield server


@pytest.fixture
def youtube_server() -> Iterator[FakeYouTubeServer]:
    """Run a fake YouTube Data API for one test."""
    with FakeYouTubeServer() as server:
        yield server
