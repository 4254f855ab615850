"""Demo compose drafts: each shows a finding of its family, the product registry is added once, and a rerun adds nothing."""

from __future__ import annotations

import pytest

from socialrx.server.actions.posts import check_content
from socialrx.server.demo_compose import DEMO_DRAFTS, load_compose_demo
from socialrx.server.lib.access import active_strategy_version
from socialrx.server.lib.mappers import strategy_of
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


def test_fda_approved_for_the_cleared_demo_product_blocks(demo):
    """The demo registry makes 'FDA approved' for the 510(k)-cleared TriageAssist a blocking claims finding."""
    assert [p.name for p in strategy_of(active_strategy_version()).products] == ["TriageAssist"]
    _, findings, _ = check_content(Post.objects.get(title="TriageAssist launch announcement"))
    assert ("claims.fda_status", "block") in {(f["rule"], f["severity"]) for f in findings}


def test_rerun_adds_nothing(demo):
    """Running the loader again creates no post and no strategy version."""
    assert demo.startswith(f"Compose: {len(DEMO_DRAFTS)} drafts") and "registry added" in demo
    counts = (Post.objects.count(), StrategyVersion.objects.count())
    assert load_compose_demo().startswith("Compose: 0 drafts")
    assert (Post.objects.count(), StrategyVersion.objects.count()) == counts


def test_without_demo_people_the_loader_skips(seed_strategy):
    """Without the demo creator the loader creates nothing and says so."""
    assert "skipped" in load_compose_demo()
    assert Post.objects.count() == 0
