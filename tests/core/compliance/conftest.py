"""Fixtures for the compliance tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from socialrx.core.compliance import post_reader


@pytest.fixture
def rules_only() -> Iterator[None]:
    """Check without the post-level reader, for tests of what the rules and span readers decide on their own (the
    reader may still block such a post; `test_post_reader.py` tests it)."""
    post_reader.use_model(None)
    yield
    post_reader.use_shipped_model()
