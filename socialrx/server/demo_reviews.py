"""Demo review data: posts at every stage of review, with realistic healthcare-AI content and comments.

Idempotent: each demo post is found by its title, so running the demo again adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils.timezone import now

from socialrx.server.actions.posts import PostInput, create_post, do_schedule_post
from socialrx.server.actions.reviews import add_comment, decide, do_submit_post, expire_overdue_reviews
from socialrx.server.models import Post


@dataclass(frozen=True)
class DemoPost:
    """One demo post and how far its review goes."""

    title: str
    author: str
    pillar: str
    linkedin: str
    x_thread: tuple[str, ...]
    stage: str  # draft, clinical, regulatory, final, changes, rejected, approved, scheduled, expired
    hours_ahead: float | None = 72
    series: str = ""
    comments: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (username, text)
    decision_comment: str = ""


DEMO_POSTS: tuple[DemoPost, ...] = (
    DemoPost(
        "What an ambient AI scribe pilot taught our nurses", "creator", "thought_leadership",
        "Six weeks into our ambient documentation pilot, nurses told us the biggest change was not time saved "
        "but attention returned to the bedside. Here is what we measured, what surprised us, and what we would "
        "change before scaling to more units.",
        ("Six weeks of an ambient AI scribe pilot: what nurses told us 🧵",
         "1. The win they named first was attention, not minutes."),
        "draft", hours_ahead=None,
    ),
    DemoPost(
        "Five questions to ask before trusting an AI triage tool", "creator", "educational",
        "Before an AI triage tool reaches your emergency department, ask the vendor five questions: where the "
        "training data came from, how it performs across age groups and languages, how drift is monitored, who "
        "reviews overrides, and how clinicians can report a bad recommendation.",
        ("Five questions to ask before trusting an AI triage tool 🧵",
         "1. Where did the training data come from, and does it look like your patients?"),
        "clinical", series="implementation_tuesday",
    ),
    DemoPost(
        "Implementation Tuesday: integrating AI alerts into the EHR workflow", "community", "educational",
        "Implementation Tuesday: an AI alert only helps if it arrives where clinicians already work. This week we "
        "walk through how to route model alerts into existing EHR in-basket workflows, set escalation rules, and "
        "measure alert fatigue from the first day.",
        ("Implementation Tuesday: AI alerts belong inside the EHR workflow, not beside it.",
         "Route alerts into existing in-baskets and measure alert fatigue from day one."),
        "regulatory", series="implementation_tuesday",
    ),
    DemoPost(
        "Recap: our panel on responsible AI at the regional health IT summit", "creator", "industry_news",
        "Thank you to everyone who joined our panel on responsible AI at the regional health IT summit. Three "
        "themes stood out: transparency about training data, shared accountability between vendors and health "
        "systems, and the need for ongoing monitoring after go-live.",
        ("Three themes from our responsible-AI panel at the regional health IT summit:",
         "Transparency, shared accountability, and monitoring after go-live."),
        "final", hours_ahead=30,
    ),
    DemoPost(
        "AI sepsis screening: what the published evidence says", "creator", "educational",
        "Machine-learning sepsis screening is spreading quickly. Published evaluations report a wide range of "
        "results, and performance often changes between the development site and new hospitals. We summarise "
        "what the studies measured and what they did not.",
        ("What does published evidence say about ML sepsis screening? A short thread.",
         "1. Results vary widely between the development site and new hospitals."),
        "changes", decision_comment="Please name the evaluations you summarise and link at least one external "
        "validation study; 'a wide range of results' needs figures or a citation.",
        comments=(("specialist", "The second sentence should say external validation, not evaluation."),),
    ),
    DemoPost(
        "Hot take: AI will replace radiologists within five years", "community", "thought_leadership",
        "Hot take: within five years AI will read most imaging studies on its own and radiologists will mostly "
        "supervise. Agree or disagree?",
        ("Hot take: AI will read most imaging studies on its own within five years. Agree?",),
        "rejected", decision_comment="This is off-strategy and speculative; our pillar is evidence-based "
        "thought leadership. Let's reframe as how AI supports radiologists, with sources.",
    ),
    DemoPost(
        "Why clinical validation matters more than model accuracy", "creator", "thought_leadership",
        "A model's accuracy on a test set is the start of the conversation, not the end. Clinical validation asks "
        "whether outcomes improve for real patients in real workflows, and whether the benefit holds across the "
        "groups a hospital serves.",
        ("Accuracy on a test set is the start of the conversation, not the end.",
         "Clinical validation asks whether care improves in real workflows, for every group you serve."),
        "approved", hours_ahead=None,
    ),
    DemoPost(
        "AI in Healthcare Spotlight: reading model cards like a clinician", "creator", "educational",
        "AI in Healthcare Spotlight: model cards tell you what a model was trained on, how it was evaluated and "
        "where it should not be used. This week our clinical team shows how to read one in ten minutes, with a "
        "checklist you can bring to your next vendor review.",
        ("AI in Healthcare Spotlight: how to read a model card in ten minutes 🧵",
         "1. Start with intended use and the populations it was evaluated on."),
        "scheduled", series="ai_in_healthcare_spotlight", hours_ahead=96,
        comments=(("manager", "Scheduled for the Thursday spotlight slot."),),
    ),
    DemoPost(
        "Weekend read: the state of AI regulation for clinical software", "community", "industry_news",
        "Weekend read: a plain-language overview of how regulators currently approach AI-enabled clinical "
        "software, what changed this year, and what health systems should ask vendors about their regulatory "
        "status.",
        ("Weekend read: where AI regulation for clinical software stands this year.",),
        "expired", hours_ahead=-3,
    ),
)

STOP_BEFORE = {"clinical": "clinical", "regulatory": "regulatory", "final": "final", "changes": "clinical",
               "rejected": "clinical", "expired": "regulatory"}


def _people() -> dict:
    return {u.username: u for u in get_user_model().objects.filter(username__in=["manager", "creator", "specialist",
                                                                                  "community"])}


def _advance(post: Post, demo: DemoPost, people: dict) -> None:
    deciders = {"review_clinical": people["specialist"], "review_regulatory": people["specialist"],
                "approve_final": people["manager"]}
    stop = STOP_BEFORE.get(demo.stage)
    while (task := post.workflows.first().tasks.filter(status="active").first()) is not None and task.key != stop:
        decide(deciders[task.capability], task.pk, "approve")
    if demo.stage == "changes":
        decide(people["specialist"], task.pk, "request_changes", demo.decision_comment)
    elif demo.stage == "rejected":
        decide(people["specialist"], task.pk, "reject", demo.decision_comment)


def _create(demo: DemoPost, people: dict) -> Post:
    when = now() + timedelta(hours=demo.hours_ahead) if demo.hours_ahead is not None else None
    variants = {"linkedin": {"text": demo.linkedin}, "x": {"thread": list(demo.x_thread)}}
    data = PostInput(title=demo.title, variants=variants, pillar=demo.pillar, series=demo.series,
                     scheduled_at=when if demo.stage != "scheduled" else None)
    author = people[demo.author]
    post = create_post(author, data)
    if demo.stage != "draft":
        do_submit_post(author, post)
        _advance(post, demo, people)
    if demo.stage == "scheduled":
        do_schedule_post(people["manager"], post, when)
    for username, text in demo.comments:
        add_comment(people[username], post, text)
    return post


def load_review_demo() -> str:
    """Create the demo posts that do not exist yet, at their stage of review; return a summary line."""
    people = _people()
    if len(people) < 4:
        return "Reviews: skipped (the demo people are missing)"
    existing = set(Post.objects.filter(title__in=[d.title for d in DEMO_POSTS]).values_list("title", flat=True))
    created = [_create(d, people) for d in DEMO_POSTS if d.title not in existing]
    expired = expire_overdue_reviews()
    return f"Reviews: {len(created)} posts created at every stage of review, {expired} review(s) expired"
