"""Demo history: posts taken to their state through the real actions, each step at the time it happened.

A `PostStory` lists the steps of one post (write, submit, each review decision, publish) with
their times; `run_stories` runs the steps of every story in time order, so the actions record
the times they happened and the worker publishes each post when it fell due. Nothing is set
directly: every state comes from create_post, do_submit_post, decide, the publishing worker's
unit and do_complete_manual_task, with their audit events, notifications, jobs and outbox rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model

from socialrx.connectors import sandbox
from socialrx.connectors.errors import RejectedContent
from socialrx.server.actions.posts import PostInput, create_post
from socialrx.server.actions.publishing import do_complete_manual_task
from socialrx.server.actions.reviews import decide, do_submit_post
from socialrx.server.models import NETWORKS, ManualPublishTask, ManualTaskStatus, Post, PostStatus

# Who decides each review task in the demo (the first of them who exists): never the post's author.
DECIDERS = {"review_clinical": ("specialist",), "review_regulatory": ("regulatory", "specialist"),
            "approve_final": ("manager",)}  # fmt: skip
REQUIRED_PEOPLE = ("manager", "creator", "specialist")
MANUAL_PUBLISHER = "manager"
# How long after it is written a post reaches each step (the review takes under a day, as its tasks are due in 24 h).
SUBMIT_AFTER = timedelta(hours=1)
DECISION_AFTER = (timedelta(hours=3), timedelta(hours=7), timedelta(hours=20))
MANUAL_POST_AFTER = timedelta(minutes=25)
PUBLISHED_STATES = (PostStatus.PUBLISHED, PostStatus.PARTIALLY_PUBLISHED, PostStatus.FAILED, PostStatus.PUBLISHING)


@dataclass
class PostStory:
    """One demo post, the state it should reach and when it was written.

    `goal` is a post status: draft, in_review (first task approved), changes_requested, scheduled
    (approved with a time in the future), or published / failed / partially_published / publishing
    (approved with a past time: the worker publishes it then; channels in `failing` are refused by
    the sandbox, and a Doximity copy is posted by hand unless `posted_by_hand` is False).
    """

    data: PostInput
    author: str
    goal: str
    written_at: datetime
    failing: tuple[str, ...] = ()
    comment: str = ""
    posted_by_hand: bool = True
    post: Post | None = field(default=None, init=False)

    def steps(self) -> list[tuple[datetime, Callable[[dict, datetime], None]]]:
        """Return this story's steps with their times."""
        steps = [(self.written_at, self._write)]
        if self.goal == PostStatus.DRAFT:
            return steps
        steps.append((self.written_at + SUBMIT_AFTER, self._submit))
        decisions = {PostStatus.IN_REVIEW: 1, PostStatus.CHANGES_REQUESTED: 1}.get(self.goal, len(DECISION_AFTER))
        for index in range(decisions):
            steps.append((self.written_at + DECISION_AFTER[index], self._decide))
        if self.goal in PUBLISHED_STATES and self.data.scheduled_at is not None:
            steps.append((self.data.scheduled_at, self._publish))
            if "doximity" in self.data.variants and self.posted_by_hand:
                steps.append((self.data.scheduled_at + MANUAL_POST_AFTER, self._post_by_hand))
        return steps

    def _write(self, people: dict, at: datetime) -> None:
        self.post = create_post(people[self.author], self.data, at=at)

    def _submit(self, people: dict, at: datetime) -> None:
        do_submit_post(people[self.author], self.post, at=at)

    def _decide(self, people: dict, at: datetime) -> None:
        task = self.post.workflows.order_by("-pk").first().tasks.get(status="active")
        decision = "request_changes" if self.goal == PostStatus.CHANGES_REQUESTED else "approve"
        decider = next(people[name] for name in DECIDERS[task.capability] if name in people)
        decide(decider, task.pk, decision, self.comment if decision != "approve" else "", at=at)

    def _publish(self, people: dict, at: datetime) -> None:
        from socialrx.server.worker.publishing import publish_due_jobs

        for channel in self.failing:
            sandbox.fail_next(channel, RejectedContent(
                f"{dict(NETWORKS)[channel]} refused the post (HTTP 422): the content duplicates a recent post",
                "duplicate"))  # fmt: skip
        publish_due_jobs(at=at)

    def _post_by_hand(self, people: dict, at: datetime) -> None:
        task = ManualPublishTask.objects.filter(job__post=self.post, status=ManualTaskStatus.OPEN).first()
        if task is not None:
            url = f"https://www.doximity.com/posts/socialrx-demo-{self.post.pk}"
            do_complete_manual_task(people[MANUAL_PUBLISHER], task, url, at=at)


def demo_people() -> dict:
    """Return the demo people by username (the creator stands in for a missing community manager)."""
    people = {u.username: u for u in get_user_model().objects.filter(username__in=[
        "manager", "creator", "specialist", "regulatory", "community"])}  # fmt: skip
    people.setdefault("community", people.get("creator"))
    return people


def run_stories(stories: Iterable[PostStory], people: dict, *, advance: Callable[[int], None] | None = None) -> int:
    """Run every story's steps in time order; call `advance(1)` after each; return the number of steps run."""
    timeline = sorted(
        ((at, order, step) for order, story in enumerate(stories) for at, step in story.steps()),
        key=lambda item: (item[0], item[1]),
    )
    for at, _, step in timeline:
        step(people, at)
        if advance is not None:
            advance(1)
    return len(timeline)
