"""Reads on relationships: contacts with their plays and health, groups and routines in the plan, events,
brand counters, and the mappers from stored groups and events to the planner's inputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Avg, Count, Prefetch, Q
from django.db.models.functions import TruncHour
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.timezone import localdate, now

from socialrx.core.planning import Slot, plan_slots
from socialrx.core.platforms.payload import payload_of
from socialrx.core.relationships import (
    ContactRow,
    Counter,
    InteractionFact,
    RelationshipHealth,
    RoutineOccurrence,
    SuggestedPlay,
    contacts_csv,
    media_mention_growth_counter,
    next_plays,
    recent_window,
    relationship_health,
    routine_occurrences,
    speaking_requests_counter,
)
from socialrx.core.strategy import Strategy
from socialrx.core.strategy import schema as strategy_schema
from socialrx.server.lib.access import active_strategy_version, require_capability
from socialrx.server.lib.analytics_charts import ACCENT, BAND, TARGET
from socialrx.server.lib.audit import ACTION_LABELS
from socialrx.server.lib.charts import LOCK as chart_lock
from socialrx.server.lib.charts import svg_data_uri, svg_of, titled_axes
from socialrx.server.lib.labels import display_label
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.models import (
    AuditEvent,
    CommunityGroup,
    Contact,
    Event,
    Incident,
    IncidentStatement,
    Interaction,
    JobStatus,
    MediaMention,
    Post,
    PostStatus,
    PublishJob,
    RoutineMark,
    SpeakingRequest,
    StoredMention,
)

DEFAULT_INTERVAL_DAYS = 30
PUBLISHED = (PostStatus.PUBLISHED, PostStatus.PARTIALLY_PUBLISHED)


def active_strategy() -> Strategy | None:
    """Return the active strategy, or None when none is loaded."""
    version = active_strategy_version()
    return strategy_of(version) if version is not None else None


def strategy_tier_levels() -> tuple[int, ...]:
    """Return the influencer tier levels of the active strategy."""
    strategy = active_strategy()
    return tuple(t.level for t in strategy.influencer_tiers) if strategy else ()


def tier_for(strategy: Strategy | None, level: int | None) -> strategy_schema.InfluencerTier | None:
    """Return the strategy's tier with this level, if any."""
    if strategy is None or level is None:
        return None
    return next((t for t in strategy.influencer_tiers if t.level == level), None)


@dataclass(frozen=True)
class ContactSummary:
    """A contact with what the strategy says to do next and how the relationship is doing."""

    contact: Contact
    tier: strategy_schema.InfluencerTier | None
    health: RelationshipHealth
    plays: tuple[SuggestedPlay, ...]

    @property
    def next_play(self) -> SuggestedPlay | None:
        return self.plays[0] if self.plays else None


def summarise(contact: Contact, strategy: Strategy | None, today: date) -> ContactSummary:
    """Return a contact's tier, health and suggested plays (uses prefetched interactions when present)."""
    tier = tier_for(strategy, contact.tier)
    interval = tier.play_interval_days if tier else DEFAULT_INTERVAL_DAYS
    interactions = list(contact.interactions.all())
    facts = [InteractionFact(i.happened_at.date(), i.direction) for i in interactions]
    health = relationship_health(facts, today, interval)
    plays: tuple[SuggestedPlay, ...] = ()
    if tier is not None:
        since = today - recent_window(tier)
        recent = [i.play for i in interactions if i.play and i.happened_at.date() >= since]
        plays = next_plays(tier, health.last_interaction, today, recent_plays=recent)
    return ContactSummary(contact, tier, health, plays)


def contact_summaries(user, *, tier: str = "", kind: str = "", query: str = "") -> list[ContactSummary]:
    """Return every contact (filtered) with its summary, the soonest-due play first."""
    require_capability(user, "manage_relationships")
    contacts = Contact.objects.select_related("organisation").prefetch_related(
        "handles", Prefetch("interactions", queryset=Interaction.objects.only("contact_id", "happened_at", "direction", "play")))
    if tier:
        contacts = contacts.filter(tier=int(tier)) if tier.isdigit() else contacts.filter(tier__isnull=True)
    if kind:
        contacts = contacts.filter(kind=kind)
    if query:
        contacts = contacts.filter(Q(name__icontains=query) | Q(organisation__name__icontains=query) | Q(topics__icontains=query))
    strategy, today = active_strategy(), localdate()
    summaries = [summarise(c, strategy, today) for c in contacts]
    return sorted(summaries, key=lambda s: (s.next_play.due if s.next_play else date.max, s.contact.name))


def access_contact_by_id(user, contact_id: int) -> Contact:
    """Return a contact the person may manage, or raise."""
    require_capability(user, "manage_relationships")
    try:
        return Contact.objects.select_related("organisation").get(pk=contact_id)
    except Contact.DoesNotExist:
        raise Http404(f"There is no contact {contact_id}.") from None


def contact_mentions(contact: Contact, *, limit: int = 20) -> list[StoredMention]:
    """Return the contact's recent public mentions (stored mentions authored by one of their handles)."""
    handles = list(contact.handles.values_list("handle", flat=True))
    if not handles:
        return []
    linked = Interaction.objects.filter(contact=contact, mention__isnull=False).values("mention_id")
    return list(StoredMention.objects.filter(pk__in=linked).order_by("-published_at")[:limit])


def contact_row(contact: Contact) -> ContactRow:
    """Return a stored contact as the CSV row it exports to."""
    return ContactRow(
        name=contact.name, kind=contact.kind, tier=contact.tier,
        organisation=contact.organisation.name if contact.organisation else "", role=contact.role,
        email=contact.email, handles=tuple((h.network, h.handle) for h in contact.handles.all()),
        topics=tuple(contact.topics), consent=contact.consent, contact_preference=contact.contact_preference,
        notes=contact.notes,
    )  # fmt: skip


def export_contacts(user) -> str:
    """Return every contact as CSV (the import's columns)."""
    require_capability(user, "manage_relationships")
    contacts = Contact.objects.select_related("organisation").prefetch_related("handles").order_by("name")
    return contacts_csv([contact_row(c) for c in contacts])


# Groups, events and the plan


def stored_groups() -> tuple[strategy_schema.CommunityGroup, ...]:
    """Return the stored groups as the planner's groups (with their latest member count)."""
    found = []
    for group in CommunityGroup.objects.prefetch_related("member_counts"):
        counts = list(group.member_counts.all())
        found.append(strategy_schema.CommunityGroup(name=group.name, network=group.network, role=group.role,
                                                    members=counts[-1].members if counts else None))
    return tuple(found)


def stored_events(strategy: Strategy) -> tuple[strategy_schema.Event, ...]:
    """Return the stored events as the planner's events (networks limited to the strategy's)."""
    networks = {p.key for p in strategy.platforms}
    return tuple(
        strategy_schema.Event(name=e.name, start=e.start, end=e.end, location=e.location, hashtags=tuple(e.hashtags),
                              platforms=tuple(p for p in e.platforms if p in networks))
        for e in Event.objects.all()
    )  # fmt: skip


def planning_strategy(strategy: Strategy) -> Strategy:
    """Return the strategy with the stored events added to its own (what the calendar plans from)."""
    known = {(e.name, e.start) for e in strategy.events}
    extra = tuple(e for e in stored_events(strategy) if (e.name, e.start) not in known)
    return strategy.model_copy(update={"events": strategy.events + extra}) if extra else strategy


def community_slots(strategy: Strategy, first: date, last: date) -> list[Slot]:
    """Return the routine and event slots of first..last, planned with the stored groups and events."""
    slots = plan_slots(planning_strategy(strategy), first, last, groups=stored_groups() or None)
    return [s for s in slots if s.source in ("routine", "event")]


def routine_slot(slot_id: str) -> Slot | None:
    """Return the routine slot with this id, if the plan has it."""
    strategy = active_strategy()
    parts = slot_id.rsplit("/", 2)
    if strategy is None or len(parts) != 3:
        return None
    try:
        day = date.fromisoformat(parts[1])
    except ValueError:
        return None
    return next((s for s in community_slots(strategy, day, day) if s.id == slot_id and s.source == "routine"), None)


def routine_status(strategy: Strategy, first: date, last: date, today: date) -> tuple[RoutineOccurrence, ...]:
    """Return the routine occurrences of first..last: done (published in its slot or marked), missed or upcoming."""
    slots = [s for s in community_slots(strategy, first, last) if s.source == "routine"]
    ids = [s.id for s in slots]
    done = set(RoutineMark.objects.filter(slot_id__in=ids).values_list("slot_id", flat=True))
    done |= set(Post.objects.filter(slot_id__in=ids, status__in=PUBLISHED).values_list("slot_id", flat=True))
    return routine_occurrences(slots, done, today)


def event_slots(strategy: Strategy, event: Event) -> list[Slot]:
    """Return an event's promotion, live-coverage and recap slots."""
    slots = community_slots(strategy, event.start - timedelta(days=14), event.end + timedelta(days=14))
    return [s for s in slots if s.event == event.name]


def brand_counters(strategy: Strategy, today: date) -> list[Counter]:
    """Return the speaking-request and media-mention counters against the strategy's KPIs."""
    found = []
    for kpi in strategy.kpis:
        if kpi.metric == "speaking_requests":
            days = list(SpeakingRequest.objects.values_list("received_on", flat=True))
            found.append(speaking_requests_counter(kpi, days, today))
        elif kpi.metric == "media_mention_growth":
            days = list(MediaMention.objects.filter(published_on__gt=today - timedelta(days=730))
                        .values_list("published_on", flat=True))  # fmt: skip
            found.append(media_mention_growth_counter(kpi, days, today))
    return found


# Incidents


@dataclass(frozen=True)
class TimelinePoint:
    hour: datetime
    mentions: int
    sentiment: float


def access_incident_by_id(user, incident_id: int) -> Incident:
    """Return an incident any signed-in team member may follow, or raise."""
    require_capability(user, "view_dashboards")
    try:
        return Incident.objects.select_related("alert", "opened_by", "closed_by").get(pk=incident_id)
    except Incident.DoesNotExist:
        raise Http404(f"There is no incident {incident_id}.") from None


def incident_window(incident: Incident) -> tuple[datetime, datetime]:
    """Return the time the timeline covers: a day before the incident opened until it closed (or now)."""
    return incident.opened_at - timedelta(hours=24), incident.closed_at or now()


def incident_series(incident: Incident) -> list[TimelinePoint]:
    """Return hourly mention counts and mean sentiment over the incident's window."""
    start, end = incident_window(incident)
    rows = (StoredMention.objects.filter(published_at__gte=start, published_at__lte=end, is_copy=False)
            .annotate(hour=TruncHour("published_at")).values("hour")
            .annotate(count=Count("id"), mood=Avg("sentiment")).order_by("hour"))  # fmt: skip
    return [TimelinePoint(r["hour"], r["count"], round(r["mood"] or 0.0, 3)) for r in rows]


def incident_chart(incident: Incident, points: list[TimelinePoint]) -> str:
    """Return an SVG of mentions per hour (bars) and mean sentiment (line), the incident's span shaded."""
    with chart_lock:
        figure, axes = titled_axes(f"Mentions and sentiment: {incident.title}"[:90], width=6.4, height=2.6)
        if points:
            axes.bar([p.hour for p in points], [p.mentions for p in points], width=1 / 30, color=ACCENT, label="mentions")
            mood = axes.twinx()
            mood.plot([p.hour for p in points], [p.sentiment for p in points], color=TARGET, marker="o", markersize=2)
            mood.set_ylim(-1, 1)
            mood.set_ylabel("sentiment", fontsize=8)
            mood.tick_params(labelsize=8)
        axes.axvspan(incident.opened_at, incident.closed_at or now(), color=BAND, alpha=0.4)
        axes.set_ylabel("mentions / hour", fontsize=8)
        figure.autofmt_xdate()
        return svg_of(figure)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    who: str
    text: str


def incident_timeline(incident: Incident) -> list[TimelineEntry]:
    """Return the incident's record in time order, in words: every audited step, each note once, and when its
    holding statements were released and went out."""
    events = AuditEvent.objects.filter(object_type="incident", object_id=str(incident.pk)).exclude(
        action="socialrx.crisis.note")  # the note itself is listed below
    steps = {step.order: step.name for step in incident.steps.all()}
    entries = [TimelineEntry(e.occurred_at, e.actor_label, _event_text(e, steps)) for e in events]
    entries += [TimelineEntry(n.created_at, n.author.get_username() if n.author else "", f"Note: {n.text}")
                for n in incident.notes.select_related("author")]  # fmt: skip
    posts = [str(pk) for pk in incident.statements.values_list("post_id", flat=True)]
    jobs = {str(job.pk): job.get_channel_display() for job in PublishJob.objects.filter(post_id__in=posts)}
    released = AuditEvent.objects.filter(object_type="post", object_id__in=posts, action="socialrx.publish.now")
    entries += [TimelineEntry(e.occurred_at, e.actor_label, "Released a holding statement (publishing stayed paused "
                              "for everything else)") for e in released]  # fmt: skip
    sent = AuditEvent.objects.filter(object_type="publishjob", object_id__in=list(jobs), action="socialrx.publish.sent")
    entries += [TimelineEntry(e.occurred_at, e.actor_label, f"Holding statement went out on {jobs[e.object_id]}")
                for e in sent]  # fmt: skip
    return sorted(entries, key=lambda e: e.at)


def _event_text(event: AuditEvent, steps: dict[int, str]) -> str:
    """Return one incident event as a sentence (labels, never keys)."""
    data = event.data
    step = f"step {data.get('step')} ({steps.get(data.get('step'), '')})" if data.get("step") else ""
    if event.action == "socialrx.crisis.open":
        kind = "a practice drill" if data.get("drill") else "the incident; crisis mode on, publishing paused"
        trigger = f"; raised by {data['reported_by']}" if data.get("reported_by") else (
            f"; from listening alert #{data['alert']}" if data.get("alert") else "")
        return f"Opened {kind} ({data.get('severity', '')} severity{trigger})"
    if event.action == "socialrx.crisis.sign_off":
        note = f": {data['note']}" if data.get("note") else ""
        return f"Signed off {step} as {display_label('role', data.get('role'))}{note}"
    if event.action == "socialrx.crisis.step_complete":
        return f"Completed {step}" + (", later than its target" if data.get("overdue") else "")
    if event.action == "socialrx.crisis.statement":
        return f"Drafted a holding statement (post #{data.get('post')})"
    if event.action == "socialrx.crisis.statement_submit":
        return f"Sent the holding statement (post #{data.get('post')}) to the expedited crisis review"
    if event.action == "socialrx.crisis.close":
        return "Closed the incident" + ("; crisis mode lifted, publishing resumed" if data.get("publishing_resumed") else "")
    label = ACTION_LABELS.get(event.action, event.action)
    details = {k.replace("_", " "): v for k, v in data.items() if v not in (None, "", [], False)}
    return f"{label}" + (f" ({', '.join(f'{k}: {v}' for k, v in details.items())})" if details else "")


SUBMITTABLE_STATUSES = (PostStatus.DRAFT, PostStatus.CHANGES_REQUESTED, PostStatus.REJECTED, PostStatus.EXPIRED)
STATEMENT_STATES = {
    PostStatus.DRAFT: "drafted", PostStatus.CHANGES_REQUESTED: "drafted (changes requested)",
    PostStatus.REJECTED: "rejected in review", PostStatus.EXPIRED: "drafted (review expired)",
    PostStatus.IN_REVIEW: "in crisis review", PostStatus.APPROVED: "approved, not published",
    PostStatus.SCHEDULED: "approved, scheduled", PostStatus.PUBLISHING: "publishing",
    PostStatus.PUBLISHED: "published", PostStatus.PARTIALLY_PUBLISHED: "partly published",
    PostStatus.FAILED: "approved, publishing failed", PostStatus.CANCELLED: "cancelled",
}  # fmt: skip


@dataclass(frozen=True)
class StatementRow:
    """A holding statement as the incident page and report show it: its true state and where it went out."""

    statement: IncidentStatement
    state: str
    published: bool
    links: tuple[tuple[str, str], ...]
    texts: tuple[tuple[str, str], ...]

    @property
    def submittable(self) -> bool:
        """Return whether the statement can be sent to the crisis review."""
        return self.statement.post.status in SUBMITTABLE_STATUSES

    @property
    def releasable(self) -> bool:
        """Return whether the statement is approved and waiting to be published."""
        return self.statement.post.status in (PostStatus.APPROVED, PostStatus.SCHEDULED)


def statement_rows(incident: Incident) -> list[StatementRow]:
    """Return the incident's statements with their state (drafted, in review, approved, published), the
    channels' live links and the text: as sent once approved, else the current draft."""
    rows = []
    for statement in incident.statements.select_related("post__approved_revision").prefetch_related("post__variants"):
        post = statement.post
        sent = PublishJob.objects.filter(post=post, status=JobStatus.SENT).exclude(url="").order_by("channel")
        links = tuple((job.get_channel_display(), job.url) for job in sent)
        if post.approved_revision is not None:
            texts = tuple((v["channel"], "\n\n".join(payload_of(v).parts)) for v in post.approved_revision.content["variants"])
        else:
            texts = tuple((v.channel, v.text) for v in post.variants.all())
        rows.append(StatementRow(statement, STATEMENT_STATES.get(post.status, post.get_status_display().lower()),
                                 post.status in PUBLISHED, links, texts))  # fmt: skip
    return rows


def render_incident_report(incident: Incident) -> tuple[bytes, int]:
    """Return the post-incident report as a PDF and its page count."""
    from weasyprint import HTML  # imported late: it loads Pango, which only reports need

    points = incident_series(incident)
    statements = statement_rows(incident)
    context = {"incident": incident, "steps": incident.steps.prefetch_related("sign_offs__user"),
               "timeline": incident_timeline(incident), "chart": svg_data_uri(incident_chart(incident, points)),
               "statements": statements, "points": points, "generated_at": now()}  # fmt: skip
    document = HTML(string=render_to_string("socialrx/incident_report.html", context)).render()
    return document.write_pdf(), len(document.pages)
