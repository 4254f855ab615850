"""Calendar reads: the active plan's slots merged with posts, the plan's health, and the shared feed.

Slots are computed, not stored: the planner is deterministic and its slot ids are stable,
so a slot is found again from its id whenever it is needed. The plan uses everything the
product knows: the strategy, the events and groups stored on the Relationships pages, and
the engagement history of published posts (which moves posting times to the best hours).
A year's plan is cached per strategy content and fingerprint of those stored inputs, which
keeps the month view fast and refreshes the plan as soon as any of them changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.db.models import Count, Max, Min, Q, Sum
from django.http import Http404
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.timezone import now
from icalendar import Event

from socialrx.core.planning import (
    CalendarRow,
    EngagementRow,
    ExistingPost,
    PlanHealth,
    Slot,
    export_bulk_csv,
    plan_health,
    plan_slots,
    slots_to_ics,
)
from socialrx.core.planning.bulk import DateOrder, Flavour
from socialrx.core.planning.health import UPCOMING_DAYS
from socialrx.core.planning.ics import UID_DOMAIN
from socialrx.core.platforms.hashtags import suggest_hashtags
from socialrx.core.strategy import Strategy
from socialrx.core.strategy.schema import CommunityGroup as PlannedGroup
from socialrx.server.lib.access import active_strategy_version, has_capability, require_capability
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.lib.relationships import planning_strategy, stored_groups
from socialrx.server.models import (
    CHANNELS,
    CalendarFeedToken,
    CommunityGroup,
    Post,
    PostStat,
    PostStatus,
    StrategyVersion,
    Variant,
)
from socialrx.server.models import Event as StoredEvent

OPEN = "open"
"""The status filter value that shows slots nobody has written a post for yet."""
# Cancelled posts give their slot back: the slot shows as open again.
RELEASES_SLOT = {PostStatus.CANCELLED}
# Posts whose time can no longer change (the schedule action refuses them too).
MOVE_FROZEN = {PostStatus.PUBLISHING, PostStatus.PUBLISHED, PostStatus.PARTIALLY_PUBLISHED, PostStatus.CANCELLED}
NETWORK_LABELS = dict(CHANNELS)
FEED_MONTHS_BEFORE = 1
FEED_MONTHS_AFTER = 6
POST_EVENT_LENGTH = timedelta(minutes=30)
PILLAR_COLOURS = 8
# Posting hours are learned from the posts of the last year: recent audience habits, and a
# bounded number of rows to fingerprint on every request.
HISTORY_DAYS = 365


@dataclass(frozen=True)
class CalendarFilters:
    """What the calendar shows: one network, pillar, series or status (empty means all)."""

    network: str = ""
    pillar: str = ""
    series: str = ""
    status: str = ""

    def as_query(self) -> str:
        """Return the filters as a query string (without the leading '?')."""
        return urlencode({k: v for k, v in self.__dict__.items() if v})


@dataclass(frozen=True)
class CalendarEntry:
    """One thing on the calendar: a slot without a post, a slot's post, or a post without a slot."""

    start: datetime
    platform: str
    slot: Slot | None
    post: Post | None
    pillar: str
    series: str
    colour: int
    pillar_name: str
    series_name: str
    channels: tuple[str, ...] = ()

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def status(self) -> str:
        return self.post.status if self.post is not None else OPEN

    @property
    def title(self) -> str:
        return self.post.title if self.post is not None else slot_label(self.slot)

    @property
    def movable(self) -> bool:
        return self.post is not None and self.post.status not in MOVE_FROZEN

    @property
    def key(self) -> str:
        return f"post-{self.post.pk}" if self.post is not None else f"slot-{self.slot.id}"

    @property
    def kind(self) -> str:
        return "has-post" if self.post is not None else "open-slot"

    @property
    def hhmm(self) -> str:
        return f"{self.start:%H:%M}"

    @property
    def tooltip(self) -> str:
        """Return every label of the entry on one line: network, pillar, series and themes."""
        themes = (self.slot.monthly_theme, self.slot.weekday_theme) if self.slot else ()
        return " · ".join(p for p in (self.platform, self.pillar_name, self.series_name, *themes) if p)

    @property
    def slot_query(self) -> str:
        return urlencode({"slot": self.slot.id}) if self.slot else ""


@dataclass(frozen=True)
class CalendarPlan:
    """The active strategy version and what the calendar needs from it.

    `strategy` includes the stored events; `groups` (None: the strategy's own) and
    `history` are the planner's other inputs, and `sources_key` fingerprints all three.
    """

    version: StrategyVersion
    strategy: Strategy
    zone: ZoneInfo
    pillar_colours: dict[str, int] = field(default_factory=dict)
    pillar_names: dict[str, str] = field(default_factory=dict)
    series_names: dict[str, str] = field(default_factory=dict)
    groups: tuple[PlannedGroup, ...] | None = None
    history: tuple[EngagementRow, ...] = ()
    sources_key: str = ""

    def entry(self, start: datetime, slot: Slot | None, post: Post | None, channels: tuple[str, ...]) -> CalendarEntry:
        """Return a calendar entry, its labels taken from the post and, where it has none, its slot."""
        pillar = (post.pillar if post is not None else "") or (slot.pillar if slot else "")
        series = (post.series if post is not None else "") or ((slot.series or "") if slot else "")
        platform = slot.platform if slot else (channels[0] if channels else "")
        return CalendarEntry(
            start=start.astimezone(self.zone), platform=platform, slot=slot, post=post, pillar=pillar, series=series,
            colour=self.pillar_colours.get(pillar, -1), pillar_name=self.pillar_names.get(pillar, pillar),
            series_name=self.series_names.get(series, series), channels=channels,
        )  # fmt: skip

    def slots_between(self, first: date, last: date) -> list[Slot]:
        """Return the plan's slots of the days first..last, in time order."""
        slots: list[Slot] = []
        for year in range(first.year, last.year + 1):
            planned = _year_slots(self, year)
            slots += [s for s in planned if first <= s.day <= last]
        return slots

    def slot_by_id(self, slot_id: str) -> Slot | None:
        """Return the slot with this id, or None if the plan has no such slot."""
        day = slot_day(slot_id)
        if day is None:
            return None
        return next((s for s in self.slots_between(day, day) if s.id == slot_id), None)


def slot_day(slot_id: str) -> date | None:
    """Return the date a slot id names ("linkedin/trends/2026-01-07/0" gives 2026-01-07), or None."""
    parts = slot_id.rsplit("/", 2)
    if len(parts) != 3:
        return None
    try:
        return date.fromisoformat(parts[1])
    except ValueError:
        return None


_YEAR_CACHE: dict[tuple[str, str, str, int], tuple[Slot, ...]] = {}
_YEAR_CACHE_SIZE = 12


def _year_slots(plan: CalendarPlan, year: int) -> tuple[Slot, ...]:
    """Return a year's slots, planned once per strategy content, version label and stored inputs."""
    key = (plan.version.content_hash, plan.version.label, plan.sources_key, year)
    found = _YEAR_CACHE.get(key)
    if found is None:
        if len(_YEAR_CACHE) >= _YEAR_CACHE_SIZE:
            _YEAR_CACHE.pop(next(iter(_YEAR_CACHE)), None)
        found = tuple(plan_slots(plan.strategy, date(year, 1, 1), date(year, 12, 31), strategy_version=plan.version.label,
                                 history=plan.history, groups=plan.groups))  # fmt: skip
        _YEAR_CACHE[key] = found
    return found


@dataclass(frozen=True)
class PlanInputs:
    """The planner's inputs read from the database: the strategy with stored events, groups and history."""

    strategy: Strategy
    groups: tuple[PlannedGroup, ...] | None
    history: tuple[EngagementRow, ...]


_INPUTS_CACHE: dict[tuple[str, str], PlanInputs] = {}
_INPUTS_CACHE_SIZE = 4


def history_since() -> datetime:
    """Return the start of the engagement history the plan learns from: midnight UTC a year ago."""
    return (now() - timedelta(days=HISTORY_DAYS)).astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def stored_sources_key(since: datetime) -> str:
    """Return a fingerprint of the stored events, groups and post stats since `since` (three small queries).

    Events and groups are few, so their planning fields are read whole; the post stats
    of the window are summarised (count, highest id, time span, latest measurement,
    totals), which changes whenever a post is added or its counts are updated.
    """
    events = list(StoredEvent.objects.order_by("pk").values_list("pk", "name", "start", "end", "location", "hashtags",
                                                                 "platforms"))  # fmt: skip
    groups = list(CommunityGroup.objects.order_by("pk").values_list("pk", "name", "network", "role"))
    stats = PostStat.objects.filter(published_at__gte=since).aggregate(
        count=Count("pk"), last=Max("pk"), first_at=Min("published_at"), last_at=Max("published_at"),
        measured=Max("measured_on"), impressions=Sum("impressions"), engagements=Sum("engagements"))  # fmt: skip
    return hashlib.sha256(repr((since, events, groups, sorted(stats.items()))).encode()).hexdigest()


def engagement_history(since: datetime) -> tuple[EngagementRow, ...]:
    """Return the results of the posts published since `since` (with impressions) as the planner's history."""
    rows = (PostStat.objects.filter(published_at__gte=since, impressions__gt=0)
            .order_by("pk").values_list("network", "published_at", "impressions", "engagements"))  # fmt: skip
    return tuple(EngagementRow(network, at, impressions, engagements) for network, at, impressions, engagements in rows)


def _plan_inputs(strategy: Strategy, content_hash: str, since: datetime, sources_key: str) -> PlanInputs:
    """Return the planner's inputs, read once per strategy content and fingerprint of the stored ones."""
    key = (content_hash, sources_key)
    found = _INPUTS_CACHE.get(key)
    if found is None:
        if len(_INPUTS_CACHE) >= _INPUTS_CACHE_SIZE:
            _INPUTS_CACHE.pop(next(iter(_INPUTS_CACHE)), None)
        # No stored group means the strategy's own groups are planned (as on the Relationships pages).
        found = PlanInputs(planning_strategy(strategy), stored_groups() or None, engagement_history(since))
        _INPUTS_CACHE[key] = found
    return found


def active_plan() -> CalendarPlan | None:
    """Return the plan of the active strategy version with the stored events, groups and last year's history.

    Return None when no strategy is loaded.
    """
    version = active_strategy_version()
    if version is None:
        return None
    since = history_since()
    sources_key = stored_sources_key(since)
    inputs = _plan_inputs(strategy_of(version), version.content_hash, since, sources_key)
    strategy = inputs.strategy
    return CalendarPlan(
        version, strategy, ZoneInfo(strategy.organisation.timezone),
        pillar_colours={p.key: i % PILLAR_COLOURS for i, p in enumerate(strategy.content_pillars)},
        pillar_names={p.key: p.name for p in strategy.content_pillars},
        series_names={s.key: s.name for s in strategy.series},
        groups=inputs.groups, history=inputs.history, sources_key=sources_key,
    )  # fmt: skip


def access_calendar(user) -> CalendarPlan:
    """Return the active plan for a person who may see the calendar, or raise."""
    require_capability(user, "view_dashboards")
    plan = active_plan()
    if plan is None:
        raise Http404("No strategy is loaded yet: upload one on the Strategy page to plan the calendar.")
    return plan


def slot_label(slot: Slot | None) -> str:
    """Return what a slot asks for, in words ("Case study spotlight", "Expert Q&A in Healthcare AI Leaders")."""
    if slot is None:
        return ""
    if slot.series_item:
        return slot.series_item
    if slot.routine:
        return f"{slot.routine} in {slot.group}" if slot.group else slot.routine
    what = slot.content_type.replace("_", " ")
    return f"{what} ({slot.event})" if slot.event else what.capitalize()


def _day_bounds(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    return datetime.combine(first, time(0), zone), datetime.combine(last + timedelta(days=1), time(0), zone)


POST_FIELDS = ("id", "title", "status", "pillar", "series", "content_type", "slot_id", "scheduled_at", "author_id",
               "updated_at")  # fmt: skip
CHANNEL_ORDER = {key: n for n, (key, _) in enumerate(CHANNELS)}


@dataclass(frozen=True)
class PlacedPosts:
    """The posts of a span of days (and those bound to its slots), loaded once, with each post's channels."""

    posts: tuple[Post, ...]
    channels: dict[int, tuple[str, ...]]

    def of(self, plan: CalendarPlan, first: date, last: date, slot_ids: set[str]) -> list[Post]:
        """Return the posts placed in first..last, or bound to one of these slots."""
        start, end = _day_bounds(first, last, plan.zone)
        return [p for p in self.posts
                if (p.scheduled_at is not None and start <= p.scheduled_at < end) or p.slot_id in slot_ids]  # fmt: skip


def load_posts(plan: CalendarPlan, first: date, last: date) -> PlacedPosts:
    """Load the posts placed in first..last and those bound to its slots (wherever they were moved)."""
    start, end = _day_bounds(first, last, plan.zone)
    slot_ids = [s.id for s in plan.slots_between(first, last)]
    query = Q(scheduled_at__gte=start, scheduled_at__lt=end) | Q(slot_id__in=slot_ids)
    posts = tuple(Post.objects.filter(query).only(*POST_FIELDS).order_by("scheduled_at", "pk"))
    found: dict[int, list[str]] = {}
    for post_id, channel in Variant.objects.filter(post__in=[p.pk for p in posts]).values_list("post_id", "channel"):
        found.setdefault(post_id, []).append(channel)
    channels = {pk: tuple(sorted(keys, key=lambda k: CHANNEL_ORDER.get(k, len(CHANNEL_ORDER)))) for pk, keys in found.items()}
    return PlacedPosts(posts, channels)


def calendar_entries(
    plan: CalendarPlan, first: date, last: date, filters: CalendarFilters, placed: PlacedPosts | None = None
) -> list[CalendarEntry]:
    """Return the slots and posts of first..last merged: a slot holding a post shows as that post.

    `placed` are posts already loaded for a span that covers first..last.
    """
    slots = plan.slots_between(first, last)
    by_id = {s.id: s for s in slots}
    placed = placed or load_posts(plan, first, last)
    posts = placed.of(plan, first, last, set(by_id))
    filled = {p.slot_id for p in posts if p.slot_id and p.status not in RELEASES_SLOT}
    entries = [plan.entry(s.start, s, None, (s.platform,)) for s in slots if s.id not in filled]
    start, end = _day_bounds(first, last, plan.zone)
    for post in posts:
        slot = by_id.get(post.slot_id) if post.slot_id else None
        when = post.scheduled_at or (slot.start if slot else None)
        if when is None or not start <= when < end:
            continue
        entries.append(plan.entry(when, slot, post, placed.channels.get(post.pk, ())))
    entries = [e for e in entries if _matches(e, filters)]
    return sorted(entries, key=lambda e: (e.start, e.platform, e.key))


def _matches(entry: CalendarEntry, filters: CalendarFilters) -> bool:
    if filters.network and filters.network != entry.platform and filters.network not in entry.channels:
        return False
    if filters.pillar and entry.pillar != filters.pillar:
        return False
    if filters.series and entry.series != filters.series:
        return False
    return not filters.status or entry.status == filters.status


def existing_posts(posts: Iterable[Post], channels_of: dict[int, tuple[str, ...]]) -> list[ExistingPost]:
    """Return the planner's view of posts (those that still hold their slot)."""
    result = []
    for post in posts:
        if post.status in RELEASES_SLOT:
            continue
        channels = channels_of.get(post.pk, ())
        result.append(ExistingPost(str(post.pk), channels[0] if channels else "", start=post.scheduled_at,
                                   slot_id=post.slot_id or None, content_type=post.content_type or None,
                                   pillar=post.pillar or None))  # fmt: skip
    return result


@dataclass(frozen=True)
class CalendarHealth:
    """The plan-health panel: the month's health and the open slots of the next 14 days."""

    month: PlanHealth
    upcoming: PlanHealth

    @property
    def messages(self) -> list[str]:
        """Return the panel's summary: one line per kind of problem (the gaps themselves are listed below it)."""
        gaps = len(self.month.cadence_gaps)
        lines = [f"{gaps} cadence gap{pluralize(gaps)} this month (listed below)"] if gaps else []
        lines += [f"month {month}: no monthly theme" for month in self.month.months_without_theme]
        soon = len(self.upcoming.empty_soon)
        if soon:
            lines.append(f"{soon} slot{pluralize(soon)} in the next {UPCOMING_DAYS} days {'have' if soon != 1 else 'has'} no post yet")
        return lines


def calendar_health(
    plan: CalendarPlan, month_first: date, month_last: date, today: date, placed: PlacedPosts | None = None
) -> CalendarHealth:
    """Return the health of a month's plan and of the next 14 days from today.

    `placed` are posts already loaded for a span that covers the month.
    """
    return CalendarHealth(
        _health(plan, month_first, month_last, today, placed or load_posts(plan, month_first, month_last)),
        _health(plan, today, today + timedelta(days=UPCOMING_DAYS - 1), today, None),
    )


def _health(plan: CalendarPlan, first: date, last: date, today: date, placed: PlacedPosts | None) -> PlanHealth:
    slots = plan.slots_between(first, last)
    placed = placed or load_posts(plan, first, last)
    posts = placed.of(plan, first, last, {s.id for s in slots})
    return plan_health(slots, existing_posts(posts, placed.channels), plan.strategy, today)


def write_post_url(plan: CalendarPlan, slot: Slot) -> str:
    """Return the editor's address prefilled from a slot: title idea, labels, channel, time and hashtags."""
    title = f"{slot_label(slot)}: {slot.monthly_theme}" if slot.monthly_theme else slot_label(slot)
    params = {
        "title": title[:200], "pillar": slot.pillar, "series": slot.series or "", "content_type": slot.content_type,
        "monthly_theme": slot.monthly_theme, "weekday_theme": slot.weekday_theme, "slot_id": slot.id,
        "scheduled_at": slot.start.astimezone(plan.zone).strftime("%Y-%m-%dT%H:%M"),
    }  # fmt: skip
    if slot.platform in NETWORK_LABELS:
        params["channel"] = slot.platform
        tags = suggested_hashtags(plan.strategy, slot, f"{title} {slot.weekday_theme}")
        if tags:
            params[f"{slot.platform}-text"] = "\n\n" + " ".join(tags)
    return f"{reverse('post-new')}?{urlencode(params)}"


def suggested_hashtags(strategy: Strategy, slot: Slot, text: str) -> list[str]:
    """Return hashtags for a post in a slot, ranked from the slot's hashtags by the strategy set each is in.

    A slot tag in neither the primary nor the secondary set is event-specific (the strategy's or its event's).
    """
    sets: dict[str, list[str]] = {"primary": [], "secondary": [], "event": []}
    for tag in slot.hashtags:
        name = next((n for n in ("primary", "secondary") if tag in getattr(strategy.hashtags, n)), "event")
        sets[name].append(tag)
    return suggest_hashtags(text, sets, slot.platform)


def may_move(user, post: Post) -> bool:
    """Return whether a person may move this post: the calendar's manager, or its author."""
    return has_capability(user, "manage_calendar") or (post.author_id == user.pk and has_capability(user, "compose_posts"))


def feed_for_token(token: str) -> CalendarFeedToken:
    """Return the feed whose secret this is, if its owner may still see the calendar; else raise 404."""
    feed = CalendarFeedToken.objects.select_related("user").filter(token=token).first() if token else None
    if feed is None or not has_capability(feed.user, "view_dashboards"):
        raise Http404("No calendar feed has this address.")
    return feed


def feed_range(today: date) -> tuple[date, date]:
    """Return the days a feed covers: from the start of last month to the end of the sixth month ahead."""
    first = _add_months(today.replace(day=1), -FEED_MONTHS_BEFORE)
    last = _add_months(today.replace(day=1), FEED_MONTHS_AFTER + 1) - timedelta(days=1)
    return first, last


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def calendar_ics(plan: CalendarPlan, first: date, last: date, *, network: str = "", stamp: datetime | None = None) -> bytes:
    """Return the calendar of first..last as iCalendar: open slots (planner events) and posts.

    Open slots keep the planner's UIDs; posts have `post-<id>@socialrx`, so a client
    updates an event when a post moves instead of adding another.
    """
    entries = calendar_entries(plan, first, last, CalendarFilters(network=network))
    name = f"{plan.strategy.organisation.name} · {NETWORK_LABELS.get(network, 'all networks')}"
    made = (stamp or datetime.now(UTC)).astimezone(UTC)
    document = slots_to_ics([e.slot for e in entries if e.post is None and e.slot is not None],
                            calendar_name=name, timezone=plan.zone.key, stamp=made)  # fmt: skip
    head, end, tail = document.rpartition(b"END:VCALENDAR")
    posts = b"".join(_post_event(e, made).to_ical() for e in entries if e.post is not None)
    return head + posts + end + tail


def _post_event(entry: CalendarEntry, stamp: datetime) -> Event:
    post = entry.post
    event = Event()
    event.add("uid", f"post-{post.pk}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    # Posts go out in UTC: always valid, with or without the feed's VTIMEZONE.
    event.add("dtstart", entry.start.astimezone(UTC))
    event.add("dtend", entry.start.astimezone(UTC) + POST_EVENT_LENGTH)
    event.add("summary", f"[{', '.join(entry.channels) or entry.platform}] {post.title} ({post.get_status_display()})")
    lines = [f"Status: {post.get_status_display()}", f"Pillar: {entry.pillar or '-'}"]
    lines += [f"{label}: {value}" for label, value in (("Series", entry.series), ("Slot", post.slot_id)) if value]
    event.add("description", "\n".join(lines))
    event.add("last-modified", post.updated_at.astimezone(UTC))
    event.add("status", "CANCELLED" if post.status == PostStatus.CANCELLED else "CONFIRMED")
    return event


EXPORTED_STATUSES = {s for s in PostStatus.values if s not in MOVE_FROZEN | {PostStatus.FAILED}}


def export_calendar_csv(
    plan: CalendarPlan, first: date, last: date, *, network: str, flavour: Flavour, date_order: DateOrder = "mdy"
) -> str:
    """Return the network's posts of first..last as a bulk-upload file; raise CalendarFileError on rule breaks.

    Posts still to go out are exported (published and cancelled ones are not); pillars go in
    the tags column where the tool has one.
    """
    entries = calendar_entries(plan, first, last, CalendarFilters(network=network))
    exported = [e for e in entries if e.post is not None and e.post.status in EXPORTED_STATUSES]
    variants = {v.post_id: v for v in Variant.objects.filter(post__in=[e.post.pk for e in exported], channel=network)}
    rows = [_export_row(e, variants[e.post.pk], flavour) for e in exported if e.post.pk in variants]
    return export_bulk_csv(rows, flavour, timezone=plan.zone.key, date_order=date_order)


def _export_row(entry: CalendarEntry, variant: Variant, flavour: Flavour) -> CalendarRow:
    message = variant.text or "\n\n".join(variant.thread) or variant.title or entry.post.title
    link = variant.link_url
    if flavour == "buffer" and link:
        # Buffer's file has no link column: the link goes at the end of the text.
        message, link = (message if link in message else f"{message}\n\n{link}"), ""
    tags = (entry.pillar,) if entry.pillar and flavour != "hootsuite" else ()
    start = entry.start.replace(second=0, microsecond=0)
    return CalendarRow(start=start, message=message, link=link, tags=tags)
