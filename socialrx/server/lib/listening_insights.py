"""Reads for the listening pages: volume and sentiment per day, share of voice, top sources, emerging terms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.timezone import now

from socialrx.core.listening.mention import Mention
from socialrx.core.listening.trends import EmergingTerm, emerging_terms
from socialrx.server.lib.access import require_capability
from socialrx.server.models import ListeningQuery, MentionMatch, QueryKind, StoredMention

NEGATIVE, POSITIVE = -0.05, 0.05
PAGE_SIZE = 50


@dataclass(frozen=True)
class DailyPoint:
    """One day of a query: mentions, negative and positive mentions, mean sentiment."""

    day: date
    count: int
    negative: int
    positive: int
    mean_sentiment: float


@dataclass(frozen=True)
class MentionFilter:
    """What the mention list shows; empty fields do not filter.

    Copies of a story (syndicated or reposted text) are left out unless `copies` is set, so the list
    counts mentions the way the listening overview does.
    """

    query: int | None = None
    sentiment: str = ""
    source: int | None = None
    lang: str = ""
    text: str = ""
    days: int = 30
    copies: bool = False


def daily_series(query: ListeningQuery | None, since: datetime) -> list[DailyPoint]:
    """Return one point per day with mentions since ``since`` (all mentions when ``query`` is None)."""
    rows: QuerySet = (MentionMatch.objects.filter(query=query) if query else StoredMention.objects.filter(is_copy=False))
    rows = rows.filter(published_at__gte=since).annotate(day=TruncDate("published_at")).values("day").order_by("day")
    counted = rows.annotate(n=Count("pk"), neg=Count("pk", filter=Q(sentiment__lte=NEGATIVE)),
                            pos=Count("pk", filter=Q(sentiment__gte=POSITIVE)), mean=Avg("sentiment"))
    return [DailyPoint(r["day"], r["n"], r["neg"], r["pos"], r["mean"] or 0.0) for r in counted]


def share_of_voice(since: datetime) -> list[tuple[str, int, float]]:
    """Return (name, mentions, share) for our brand and each competitor since ``since``, largest first."""
    queries = ListeningQuery.objects.filter(Q(kind=QueryKind.COMPETITOR) | Q(is_own_brand=True), enabled=True)
    counts = [(q.name, MentionMatch.objects.filter(query=q, published_at__gte=since).count()) for q in queries]
    total = sum(n for _, n in counts) or 1
    return sorted(((name, n, n / total) for name, n in counts), key=lambda row: -row[1])


def positive_share(since: datetime) -> tuple[int, float]:
    """Return the number of mentions since ``since`` and the share of them that are positive."""
    rows = StoredMention.objects.filter(published_at__gte=since, is_copy=False)
    total = rows.count()
    return total, (rows.filter(sentiment__gte=POSITIVE).count() / total if total else 0.0)


def top_values(field: str, since: datetime, limit: int = 10) -> list[tuple[str, int]]:
    """Return the most frequent sites or authors since ``since`` (copies of a story left out, as in the totals)."""
    rows = StoredMention.objects.filter(published_at__gte=since, is_copy=False).exclude(**{field: ""})
    return [(r[field], r["n"]) for r in rows.values(field).annotate(n=Count("pk")).order_by("-n", field)[:limit]]


def _as_mention(row: dict) -> Mention:
    return Mention(id=str(row["pk"]), text=f"{row['title']} {row['text']}", published=row["published_at"],
                   author=row["author"], site=row["site"])


def emerging(at: datetime, *, recent: timedelta = timedelta(days=2), baseline: timedelta = timedelta(days=28),
             limit: int = 15) -> list[EmergingTerm]:
    """Return the terms bursting in the last ``recent`` against the ``baseline`` before it."""
    fields = ("pk", "title", "text", "published_at", "author", "site")
    rows = StoredMention.objects.filter(published_at__gte=at - recent - baseline, is_copy=False).values(*fields)
    recent_docs, baseline_docs = [], []
    for row in rows.iterator(chunk_size=2000):
        (recent_docs if row["published_at"] >= at - recent else baseline_docs).append(_as_mention(row))
    return emerging_terms(recent_docs, baseline_docs, limit=limit)


def filtered_mentions(user, wanted: MentionFilter) -> QuerySet[StoredMention]:
    """Return the mentions a person may read that pass the filter, newest first."""
    require_capability(user, "view_dashboards")
    rows = StoredMention.objects.select_related("source").filter(published_at__gte=now() - timedelta(days=wanted.days))
    if not wanted.copies:
        rows = rows.filter(is_copy=False)
    if wanted.query:
        rows = rows.filter(matches__query_id=wanted.query)
    if wanted.source:
        rows = rows.filter(source_id=wanted.source)
    if wanted.lang:
        rows = rows.filter(lang=wanted.lang)
    if wanted.sentiment == "negative":
        rows = rows.filter(sentiment__lte=NEGATIVE)
    elif wanted.sentiment == "positive":
        rows = rows.filter(sentiment__gte=POSITIVE)
    elif wanted.sentiment == "neutral":
        rows = rows.filter(sentiment__gt=NEGATIVE, sentiment__lt=POSITIVE)
    for word in wanted.text.split():
        rows = rows.filter(Q(text__icontains=word) | Q(title__icontains=word) | Q(author__icontains=word))
    return rows.order_by("-published_at", "-pk")


def mention_page(user, wanted: MentionFilter, number: int) -> Page:
    """Return one page of filtered mentions."""
    return Paginator(filtered_mentions(user, wanted), PAGE_SIZE).get_page(number)
