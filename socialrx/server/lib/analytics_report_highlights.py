"""The monthly report's month-scoped highlights: attribution of the month's leads, listening, relationships."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db.models import Count, Q

from socialrx.core.analytics.attribution.journeys import AttributionResult
from socialrx.server.lib import analytics_queries as q
from socialrx.server.lib.analytics import AttributionQuery, AttributionReport, AttributionRunner
from socialrx.server.lib.analytics_queries import add_months
from socialrx.server.lib.analytics_report_text import channel_label, count, is_social_channel, money, percent
from socialrx.server.lib.listening_insights import NEGATIVE, POSITIVE
from socialrx.server.models import (
    Alert,
    Collaboration,
    CollaborationStage,
    ListeningQuery,
    MediaMention,
    MentionMatch,
    QueryKind,
    SpeakingRequest,
    StoredMention,
)

ATTRIBUTION_MODEL = "markov"


@dataclass(frozen=True)
class MonthWindow:
    """A calendar month in the strategy's time zone, as dates and as UTC-comparable instants."""

    first: date
    last: date
    start: datetime
    end: datetime

    @classmethod
    def of(cls, month: date, tz: ZoneInfo) -> MonthWindow:
        following = add_months(month, 1)
        return cls(month, date.fromordinal(following.toordinal() - 1), datetime.combine(month, time(), tz),
                   datetime.combine(following, time(), tz))


def month_attribution(window: MonthWindow) -> AttributionReport:
    """Attribute the opportunities and revenue of the leads created in the month only."""
    journeys = q.lead_journeys("channel", since=window.start, until=window.end)
    return AttributionRunner(AttributionQuery(ATTRIBUTION_MODEL, journeys=journeys)).run()


def labelled_credits(result: AttributionResult, names: Mapping[str, str]) -> AttributionResult:
    """Return the credits with channels in words (networks as the strategy names them), most conversions first."""
    credits = sorted((replace(c, channel=channel_label(c.channel, names)) for c in result.credits),
                     key=lambda c: -c.conversions)
    return replace(result, credits=tuple(credits))


def attribution_sentence(window: MonthWindow, report: AttributionReport, currency: str,
                         names: Mapping[str, str]) -> str:
    """Return the month's attribution in words: leads, opportunities and the social networks' share of the credit."""
    if not report.journeys:
        return (f"No leads created in {window.first:%B %Y} have a recorded touch, so nothing is attributed "
                "to this month (the CRM export with its touches is needed).")
    credits = report.channels.credits
    social = sum(c.conversions for c in credits if is_social_channel(c.channel))
    social_value = sum(c.value for c in credits if is_social_channel(c.channel))
    leads = f"{count(report.journeys)} lead{'s' if report.journeys != 1 else ''}"
    sentence = (f"{leads} created in {window.first:%B %Y} had recorded touches and "
                f"{count(report.total_conversions)} became opportunities")
    if report.total_conversions and credits:
        leader = max(credits, key=lambda c: c.conversions)
        sentence += (f"; social networks are credited with {social:,.1f} of those opportunities "
                     f"({percent(social / report.total_conversions, 0)})")
        if social_value:
            sentence += f" and {money(social_value, currency)} of won revenue"
        sentence += f", and the largest single share goes to {channel_label(leader.channel, names)} ({leader.conversions:,.1f})"
    return sentence + "."


def listening_highlights(window: MonthWindow) -> list[str]:
    """Return the month's listening in sentences: volume, sentiment, share of voice, sources and alerts."""
    mentions = StoredMention.objects.filter(published_at__gte=window.start, published_at__lt=window.end,
                                            is_copy=False)
    totals = mentions.aggregate(n=Count("pk"), pos=Count("pk", filter=Q(sentiment__gte=POSITIVE)),
                                neg=Count("pk", filter=Q(sentiment__lte=NEGATIVE)))
    if not totals["n"]:
        return [f"No mentions were collected in {window.first:%B %Y}."]
    lines = [f"{count(totals['n'])} mentions were collected: {percent(totals['pos'] / totals['n'], 0)} positive "
             f"and {percent(totals['neg'] / totals['n'], 0)} negative."]
    voices = _share_of_voice(window)
    if voices:
        lines.append("Share of voice among our brand and competitors: "
                     + ", ".join(f"{name} {percent(share, 0)}" for name, share in voices[:5]) + ".")
    sites = (mentions.exclude(site="").values("site").annotate(n=Count("pk")).order_by("-n", "site")[:3])
    if sites:
        lines.append("Most mentions came from " + ", ".join(f"{s['site']} ({s['n']:,})" for s in sites) + ".")
    alerts = Alert.objects.filter(raised_at__gte=window.start, raised_at__lt=window.end).order_by("raised_at")
    if alerts:
        lines.append(f"{len(alerts)} listening alert{'s' if len(alerts) != 1 else ''} raised: "
                     + "; ".join(a.message for a in alerts[:3]) + ("; …" if len(alerts) > 3 else "") + ".")
    return lines


def _share_of_voice(window: MonthWindow) -> list[tuple[str, float]]:
    queries = ListeningQuery.objects.filter(Q(kind=QueryKind.COMPETITOR) | Q(is_own_brand=True), enabled=True)
    counts = [(query.name, MentionMatch.objects.filter(query=query, published_at__gte=window.start,
                                                       published_at__lt=window.end).count()) for query in queries]
    total = sum(n for _, n in counts)
    return sorted(((name, n / total) for name, n in counts), key=lambda row: -row[1]) if total else []


def relationship_highlights(window: MonthWindow) -> list[str]:
    """Return the month's relationship work in sentences: speaking requests, media coverage, collaborations."""
    lines = []
    requests = list(SpeakingRequest.objects.filter(received_on__gte=window.first, received_on__lte=window.last))
    if requests:
        lines.append(f"{len(requests)} speaking request{'s' if len(requests) != 1 else ''} received: "
                     + "; ".join(r.event_name or r.requester for r in requests[:4]) + ".")
    coverage = list(MediaMention.objects.filter(published_on__gte=window.first, published_on__lte=window.last))
    if coverage:
        lines.append(f"{len(coverage)} media mention{'s' if len(coverage) != 1 else ''}: "
                     + "; ".join(f"{m.outlet}, \u201c{m.title}\u201d" for m in coverage[:4]) + ".")
    done = Collaboration.objects.filter(stage=CollaborationStage.DONE, updated_at__gte=window.start,
                                        updated_at__lt=window.end).select_related("contact")
    if done:
        lines.append(f"{len(done)} collaboration{'s' if len(done) != 1 else ''} completed: "
                     + "; ".join(f"{c.title} with {c.contact}" for c in done[:4]) + ".")
    return lines or [f"No speaking requests, media mentions or completed collaborations were logged in "
                     f"{window.first:%B %Y}."]
