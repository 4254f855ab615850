"""Demo review data: every stage of review is present, the content passes compliance, and a rerun adds nothing."""

from __future__ import annotations

import pytest

from socialrx.server.demo import load_demo
from socialrx.server.demo_reviews import DEMO_POSTS, load_review_demo
from socialrx.server.lib.audit import verify_chain
from socialrx.server.models import Comment, Post, PostStatus, Revision

pytestmark = pytest.mark.django_db
DEMO_USERS = (
    ("manager", "Morgan Lee", "social_media_manager"),
    ("creator", "Casey Rivera", "content_creator"),
    ("specialist", "Dr. Sam Patel", "healthcare_content_specialist"),
    ("community", "Jordan Kim", "community_manager"),
    ("viewer", "Robin Ellis", "viewer"),
)


@pytest.fixture
def demo(db) -> list[str]:
    return load_demo(DEMO_USERS, "demo-password-1234")


def status_of(title: str) -> str:
    return Post.objects.get(title=title).status


def test_every_stage_is_present(demo):
    """The demo has a post at every stage of review, including changes requested and an expired approval."""
    statuses = {d.stage: status_of(d.title) for d in DEMO_POSTS}
    assert statuses == {
        "draft": PostStatus.DRAFT, "clinical": PostStatus.IN_REVIEW, "regulatory": PostStatus.IN_REVIEW,
        "final": PostStatus.IN_REVIEW, "changes": PostStatus.CHANGES_REQUESTED, "rejected": PostStatus.REJECTED,
        "approved": PostStatus.APPROVED, "scheduled": PostStatus.SCHEDULED, "expired": PostStatus.EXPIRED,
    }
    active = {d.stage: Post.objects.get(title=d.title).workflows.first().tasks.filter(status="active").first()
              for d in DEMO_POSTS if d.stage in {"clinical", "regulatory", "final"}}
    assert {stage: task.key for stage, task in active.items()} == {"clinical": "clinical", "regulatory": "regulatory",
                                                                  "final": "final"}


def test_changes_requested_carries_its_comment(demo):
    """The post sent back for changes has the specialist's comment."""
    title = next(d.title for d in DEMO_POSTS if d.stage == "changes")
    post = Post.objects.get(title=title)
    assert Comment.objects.filter(post=post, author__username="specialist", body__icontains="validation").exists()


def test_summary_and_rerun_adds_nothing(demo):
    """Running the loader again duplicates nothing and the audit chain still verifies."""
    assert any(line.startswith(f"Reviews: {len(DEMO_POSTS)} posts") for line in demo)
    counts = (Post.objects.count(), Revision.objects.count(), Comment.objects.count())
    assert load_review_demo().startswith("Reviews: 0 posts")
    assert (Post.objects.count(), Revision.objects.count(), Comment.objects.count()) == counts
    assert verify_chain().ok is True
