"""The Doximity manual channel, the sandbox outbox and the registry."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from socialrx.connectors import sandbox
from socialrx.connectors.base import Account, MediaFile, PublishRequest, posted_ids_in
from socialrx.connectors.doximity import DoximityConnector
from socialrx.connectors.errors import RateLimited, Retryable
from socialrx.connectors.registry import connector_keys, get_connector
from socialrx.connectors.sandbox import SandboxConnector, sandbox_id
from socialrx.connectors.x import XConnector

ACCOUNT = Account(platform="x", external_id="42")


@pytest.fixture(autouse=True)
def empty_outbox() -> Iterator[None]:
    sandbox.reset()
    yield
    sandbox.reset()


def test_doximity_returns_a_manual_task(tmp_path: Path) -> None:
    """Doximity publish makes no call and returns copy-ready text with a checklist."""
    image = tmp_path / "infographic.png"
    image.write_bytes(b"png")
    request = PublishRequest(
        "job-3",
        Account("doximity", "org"),
        title="New RSV guidance",
        text="Summary (2 min read)",
        media=(MediaFile(image, "RSV chart"),),
    )
    connector = get_connector("doximity", sandbox=True)
    assert isinstance(connector, DoximityConnector) and connector.manual is True
    result = connector.publish(request)
    assert result.manual_task is not None
    assert result.manual_task.copy_text == "New RSV guidance\n\nSummary (2 min read)"
    assert "Attach infographic.png (alt text: RSV chart)." in result.manual_task.checklist
    assert result.platform_post_id == "manual:job-3"


def test_sandbox_records_thread_with_deterministic_ids() -> None:
    """The sandbox records each part, chained, with ids derived from the idempotency key."""
    connector = get_connector("x", sandbox=True)
    result = connector.publish(PublishRequest("job-1", ACCOUNT, thread_parts=("one", "two")))
    assert result.posted_ids == (sandbox_id("x", "job-1", 0), sandbox_id("x", "job-1", 1))
    assert [(s.text, s.reply_to) for s in sandbox.outbox] == [("one", None), ("two", result.posted_ids[0])]


def test_sandbox_failure_injection_and_resume() -> None:
    """An injected failure at part 2 carries part 1's id; the retry completes the thread."""
    sandbox.fail_next("x", Retryable("injected"), after=1)
    connector = SandboxConnector(XConnector())
    request = PublishRequest("job-2", ACCOUNT, thread_parts=("a", "b", "c"))
    with pytest.raises(Retryable) as failure:
        connector.publish(request)
    assert failure.value.posted_ids == (sandbox_id("x", "job-2", 0),)
    result = connector.publish(
        PublishRequest(
            "job-2", ACCOUNT, thread_parts=("a", "b", "c"), already_posted_ids=failure.value.posted_ids
        )
    )
    assert len(result.posted_ids) == 3 and [s.text for s in sandbox.outbox] == ["a", "b", "c"]


def test_sandbox_injects_any_typed_error() -> None:
    """Injected errors are raised as given, for the given number of sends."""
    reset_at = datetime(2026, 12, 1, tzinfo=UTC)
    sandbox.fail_next("linkedin", RateLimited(reset_at, "slow down"), times=2)
    connector = get_connector("linkedin", sandbox=True)
    request = PublishRequest("job-4", Account("linkedin", "urn:li:organization:1"), text="hi")
    for _ in range(2):
        with pytest.raises(RateLimited):
            connector.publish(request)
    assert connector.publish(request).platform_post_id == sandbox_id("linkedin", "job-4", 0)


def test_sandbox_reconciles_by_marker_and_validates_like_the_real_one() -> None:
    """Recorded posts carry the idempotency key; validation is the real connector's."""
    since = datetime.now(UTC) - timedelta(seconds=5)
    connector = get_connector("x", sandbox=True)
    request = PublishRequest("job-5", ACCOUNT, thread_parts=("p1", "p2"))
    connector.publish(request)
    assert posted_ids_in(request, connector.recent_posts(ACCOUNT, since)) == (
        sandbox_id("x", "job-5", 0),
        sandbox_id("x", "job-5", 1),
    )
    assert connector.validate(PublishRequest("k", ACCOUNT, text="a" * 281)) == [
        "Part 1 is 281 weighted characters; X allows 280."
    ]
    [metrics] = connector.fetch_metrics(ACCOUNT, ["sandbox-x-1"])
    again = connector.fetch_metrics(ACCOUNT, ["sandbox-x-1"])[0]
    assert (metrics.impressions, metrics.likes) == (again.impressions, again.likes)


def test_registry_lists_every_platform() -> None:
    """Every platform is registered once; unknown keys are refused clearly."""
    assert connector_keys() == ("x", "linkedin", "youtube", "doximity", "newsletter")
    assert isinstance(get_connector("x"), XConnector)
    with pytest.raises(ValueError, match="Unknown connector 'myspace'"):
        get_connector("myspace")
