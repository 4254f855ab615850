"""Demo compose drafts: each shows a finding of its family, the strategy is left alone, and a rerun adds nothing."""

from __future__ import annotations

import pytest

from socialrx.server.actions.posts import check_content
from socialrx.server.demo_compose import DEMO_DRAFTS, load_compose_demo
from socialrx.server.models import Post, StrategyVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(make_user, seed_strategy) -> str:
    make_user("content_creator", username="creator")
    return load_compose_demo()


def test_each_draft_shows_a_finding_of_its_family(demo):
    """Every demo draft is a draft whose check has a finding of the family it demonstrates."""
    for draft in DEMO_DRAFTS:
        post = Post.objects.get(title=draft.title)
        _, findings, _ = check_content(post)
        assert post.status == "draft"
        assert draft.family in {f["family"] for f in findings}, draft.title


def test_claims_draft_is_blocked(demo):
    """The claims draft is blocked: the FDA does not certify products, and 'never misses' claims perfect accuracy."""
    _, findings, _ = check_content(Post.objects.get(title="TriageAssist launch announcement"))
    blocked = {f["rule"] for f in findings if f["severity"] == "block"}
    assert "claims.fda_endorsement" in blocked


def test_rerun_adds_nothing(demo):
    """Running the loader again creates no post and no strategy version."""
    assert demo.startswith(f"Compose: {len(DEMO_DRAFTS)} drafts")
    assert StrategyVersion.objects.count() == 1
    counts = (Post.objects.count(), StrategyVersion.objects.count())
    assert load_compose_demo().startswith("Compose: 0 drafts")
    assert (Post.objects.count(), StrategyVersion.objects.count()) == counts


def test_without_demo_people_the_loader_skips(seed_strategy):
    """Without the demo creator the loader creates nothing and says so."""
    assert "skipped" in load_compose_demo()
    assert Post.objects.count() == 0
