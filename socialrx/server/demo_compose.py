"""Demo compose data: drafts whose live check shows a finding of each family (PHI, claims, disclosure,
accessibility, platform).

Idempotent: drafts are found by title. The demo leaves the strategy as loaded (one version), so the
claims draft uses claims that need no product registry ("FDA certified", perfect accuracy).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from socialrx.server.actions.posts import PostInput, create_post
from socialrx.server.models import Post


@dataclass(frozen=True)
class DemoDraft:
    """One demo draft and the finding family it shows."""

    family: str
    title: str
    channel: str
    text: str
    is_paid: bool = False


DEMO_DRAFTS: tuple[DemoDraft, ...] = (
    DemoDraft("phi", "Thank-you note to the stroke team", "x",
              "Huge thanks to the stroke team who cared for our patient Maria Gonzalez, admitted on March 3 after a "
              "fall at home. She walked out on day five!"),
    DemoDraft("claims", "TriageAssist launch announcement", "linkedin",
              "TriageAssist is FDA certified and never misses a brain bleed, so radiologists can read the right head "
              "CT studies first. Book a demo for your department this month."),
    DemoDraft("disclosure", "Partner spotlight: imaging workflow", "linkedin",
              "We love how the imaging team at Northfield Health uses our platform every day. Their radiologists "
              "say the worklist finally makes sense. Try it in your department.", is_paid=True),
    DemoDraft("accessibility", "Big news teaser", "x",
              "BIG NEWS FOR RADIOLOGY TEAMS EVERYWHERE THIS WEEK\n🚀🚀🚀\nDetails on Thursday."),
    DemoDraft("platform", "Conference recap in one post", "x",
              "Three days at the regional health IT summit, and the same question came up in every session: how do "
              "we know an AI model still works six months after go-live? Monitoring drift, auditing overrides and "
              "sharing results with clinicians were the answers we heard most, along with honest talk about staffing "
              "the work."),
)


def load_compose_demo() -> str:
    """Create the demo drafts that show each finding family; return a one-line summary."""
    author = get_user_model().objects.filter(username="creator").first()
    if author is None:
        return "Compose: skipped (the demo people are missing)"
    created = 0
    for draft in DEMO_DRAFTS:
        if Post.objects.filter(title=draft.title).exists():
            continue
        create_post(author, PostInput(title=draft.title, variants={draft.channel: {"text": draft.text}},
                                      is_paid=draft.is_paid, pillar="", campaign=""))
        created += 1
    return f"Compose: {created} drafts showing findings of each family ({', '.join(d.family for d in DEMO_DRAFTS)})"
