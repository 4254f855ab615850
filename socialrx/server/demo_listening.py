"""Demo listening data: 90 days of mentions across the key terms and the five competitors, one negative spike
with its alert, a safety-queue item, and inbox items in every status.

Generated with a seeded random generator; idempotent (mentions are keyed by their demo id, inbox items by
their external id), and fast (the pipeline stores a few thousand mentions in a second or two).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils.timezone import now

from socialrx.core.listening.mention import Mention
from socialrx.server.actions.inbox import do_open_item, draft_reply, send_reply
from socialrx.server.actions.listening import ensure_default_queries, evaluate_spike_alerts, ingest
from socialrx.server.models import Alert, InboxItem, InboxReply, ListeningSource, SourceKind

SEED = 20240607
DAYS = 90
SUBJECTS = ("Healthcare AI", "Medical AI", "Clinical AI", "Diagnostic AI", "Hospital AI", "HealthTech", "Digital health",
            "AI ethics in medicine", "Healthcare automation", "Medical decision support", "IBM Watson Health",
            "Google Cloud Healthcare", "Microsoft Healthcare", "Amazon Healthcare", "Philips Healthcare AI",
            "Watson Health", "AWS for Health", "Google Health")  # fmt: skip
POSITIVE = ("is helping nurses spend more time with patients", "cut radiology backlogs by a third, great results",
            "impressive accuracy in the new sepsis study", "love the transparency report", "a real win for rural clinics")
NEUTRAL = ("announced a partnership with a regional health system", "publishes an implementation guide",
           "webinar on AI ROI next Tuesday", "joins the interoperability working group", "pilot enters phase two")
NEGATIVE = ("raises bias concerns among clinicians", "outage delayed discharges, frustrating",
            "faces questions over patient data sharing", "pilot results were disappointing", "layoffs hit the team")
SITES = ("healthcareitnews.example", "statnews.example", "fiercehealthcare.example", "x.com", "linkedin.com",
         "beckershospitalreview.example", "medcitynews.example")
AUTHORS = tuple(f"@{name}" for name in ("nurse_ai", "drdata", "cmio_jane", "healthpolicy", "radiology_now", "hit_weekly",
                                        "patient_voice", "ai_ethicist", "cfo_health", "digital_dan", "informatics_kim"))
INBOX_STATUSES = ("new", "assigned", "waiting", "answered", "closed")
# Where and how people say it: with the subjects and tones they make most mentions distinct texts, so only
# the occasional repeat is a copy of another mention's story (as reposts are).
PLACES = ("in Boston", "at a rural hospital in Iowa", "across three Texas clinics", "in the NHS", "at our health system",
          "in a pediatric ICU", "in Ontario", "at a community hospital", "in radiology departments", "in primary care",
          "at an academic medical center", "in home health")  # fmt: skip
OPENERS = ("", "Reading that", "Nurses tell us", "Our CMIO notes", "Just in:", "Hearing that", "Report:",
           "From the conference floor:", "Interesting:", "Clinicians say")  # fmt: skip
ENDINGS = ("", "Thoughts?", "Worth reading.", "Via the newsletter.", "More soon.", "Big week for the field.",
           "Curious what clinicians think.", "Thread below.")  # fmt: skip


def _mention(rng: random.Random, number: int, published: datetime, tone: tuple[str, ...]) -> Mention:
    subject, detail, place, ending = rng.choice(SUBJECTS), rng.choice(tone), rng.choice(PLACES), rng.choice(ENDINGS)
    site = rng.choice(SITES)
    text = f"{rng.choice(OPENERS)} {subject} {detail} {place}. {ending}".strip()
    return Mention(id=f"demo-{number}", text=text, published=published, author=rng.choice(AUTHORS),
                   url=f"https://{site}/story/{number}", title="" if site in ("x.com", "linkedin.com") else f"{subject}: {detail}")


def demo_mentions(at: datetime) -> list[Mention]:
    """Return about 3,000 mentions over the last 90 days with a negative spike two days ago."""
    rng = random.Random(SEED)
    mentions, start = [], at - timedelta(days=DAYS)
    for hour in range(DAYS * 24 - 1):
        moment = start + timedelta(hours=hour)
        busy = 2.4 if moment.weekday() < 5 and 12 <= moment.hour <= 22 else 0.8
        for _ in range(rng.choices((0, 1, 2, 3), weights=(0.6, busy, busy * 0.6, busy * 0.2))[0]):
            tone = rng.choices((POSITIVE, NEUTRAL, NEGATIVE), weights=(0.5, 0.35, 0.15))[0]
            mentions.append(_mention(rng, len(mentions), moment + timedelta(minutes=rng.randrange(60)), tone))
    spike = (at - timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    for n in range(45):
        outage = f"Healthcare AI outage left clinicians without decision support, awful and dangerous ({n})"
        mentions.append(Mention(id=f"demo-spike-{n}", text=outage, published=spike + timedelta(seconds=70 * n),
                                author=rng.choice(AUTHORS), url=f"https://x.com/status/spike{n}"))
    return mentions


def _inbox_items(at: datetime) -> int:
    people = get_user_model().objects.filter(username__in=["community", "manager"]).order_by("username")
    community = next((p for p in people if p.username == "community"), None)
    if community is None or InboxItem.objects.filter(external_id__startswith="demo-inbox-").exists():
        return 0
    questions = ("Does your platform integrate with Epic?", "How do you validate the model across age groups?",
                 "Is there a case study for community hospitals?", "Who do I contact about a partnership?",
                 "Your webinar link is broken", "Can clinicians override the AI recommendation?")
    for number, text in enumerate(questions):
        status = INBOX_STATUSES[number % len(INBOX_STATUSES)]
        item = do_open_item(None, text=text, received_at=at - timedelta(hours=6 * number + 1), author=AUTHORS[number],
                            external_id=f"demo-inbox-{number}", priority=("high", "normal", "low")[number % 3])
        if status != "new":
            item.assignee, item.status = community, "assigned" if status in ("answered", "closed") else status
            item.save(update_fields=["assignee", "status"])
        if status in ("answered", "closed"):
            reply = draft_reply(community, item.pk, "Thanks for asking! We have sent you the details by direct message.")
            send_reply(community, reply.pk)
            if status == "closed":
                InboxItem.objects.filter(pk=item.pk).update(status="closed", closed_at=at)
    draft_reply(community, InboxItem.objects.get(external_id="demo-inbox-1").pk, "Our AI cures diagnostic delays.")
    return len(questions)


def load_listening_demo() -> str:
    """Load the listening demo; return a one-line summary."""
    ensure_default_queries()
    at = now()
    source, _ = ListeningSource.objects.get_or_create(
        name="Demo: industry feeds and X", defaults={"kind": SourceKind.CSV, "created_at": at})
    report = ingest(source, demo_mentions(at))
    evaluate_spike_alerts(lookback=timedelta(days=DAYS))
    safety, _ = ListeningSource.objects.get_or_create(name="Manual entry", defaults={"kind": SourceKind.MANUAL, "created_at": at})
    ingest(safety, [Mention(id="demo-safety-1", text="My mother had an adverse reaction after the Healthcare AI triage "
                            "tool missed her symptoms", published=at - timedelta(hours=3), author="@worried_son")])
    items = _inbox_items(at)
    return (f"Listening: {report.stored} new mentions ({report.already_stored} already there), "
            f"{Alert.objects.count()} alerts, {InboxItem.objects.count()} inbox items ({items} new), "
            f"{InboxReply.objects.count()} replies")
