"""Nobody approves content they wrote: every revision's maker and every editor counts as an author."""

from __future__ import annotations

import pytest

from socialrx.core.workflow import ReviewForbidden
from socialrx.server.actions.posts import PostInput, update_post
from socialrx.server.actions.reviews import decide, tasks_waiting_for
from socialrx.server.models import Post
from tests.server.test_reviews_support import (  # noqa: F401
    active_task,
    approve_until,
    draft,
    fully_approved,
    submitted,
    team_fixture,
)

pytestmark = pytest.mark.django_db


def edit_text(user, post: Post, text: str) -> Post:
    """Replace the LinkedIn text of a post, keeping everything else."""
    variants = {v.channel: {k: val for k, val in v.snapshot().items() if k != "channel"} for v in post.variants.all()}
    variants["linkedin"]["text"] = text
    return update_post(user, post, PostInput(title=post.title, variants=variants, scheduled_at=post.scheduled_at))


def test_manager_who_rewrote_an_earlier_revision_cannot_give_final_approval(team):
    """A manager rewrites the post (revision 2), the author edits it again (revision 3): the manager still may not approve."""
    manager, author = team["social_media_manager"], team["author"]
    post = fully_approved(submitted(author), team)
    post = edit_text(manager, post, "The manager's own opening. " + post.variants.get(channel="linkedin").text)
    post = edit_text(author, post, post.variants.get(channel="linkedin").text + " Read the checklist.")
    assert post.current_revision.number == 3
    final = approve_until(post, "final", team)
    assert final not in tasks_waiting_for(manager)
    with pytest.raises(ReviewForbidden, match="own post"):
        decide(manager, final.pk, "approve")


def test_manager_who_edited_the_draft_cannot_approve_what_the_author_submitted(team):
    """Editing a draft's text before anyone submits it makes the editor an author of the submitted revision."""
    from socialrx.server.actions.reviews import do_submit_post

    manager, author = team["social_media_manager"], team["author"]
    post = draft(author)
    post = edit_text(manager, post, "Rewritten by the manager: " + post.variants.get(channel="linkedin").text)
    do_submit_post(author, post)
    post = Post.objects.get(pk=post.pk)
    final = approve_until(post, "final", team)
    with pytest.raises(ReviewForbidden, match="own post"):
        decide(manager, final.pk, "approve")


def test_an_edit_that_changes_no_content_does_not_make_an_author(team):
    """Saving a post without changing its content leaves the manager free to approve it."""
    manager, author = team["social_media_manager"], team["author"]
    post = draft(author)
    post = edit_text(manager, post, post.variants.get(channel="linkedin").text)
    from socialrx.server.actions.reviews import do_submit_post

    do_submit_post(author, post)
    post = Post.objects.get(pk=post.pk)
    final = approve_until(post, "final", team)
    assert final in tasks_waiting_for(manager)
    decide(manager, final.pk, "approve")
    assert Post.objects.get(pk=post.pk).approved_revision is not None
