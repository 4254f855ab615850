"""Analytics runners: one class per report, a typed query in and a typed report out.

Each runner reads aggregates through `analytics_queries`, hands them to the pure functions in
`socialrx.core.analytics` and names the strategy version it measured against. Permission checks
happen in `access_analytics` (views, API and CLI call it first).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal
from zoneinfo import ZoneInfo

from django.utils.timezone import now

from socialrx.core.analytics.attribution.heuristic import (
    first_touch,
    last_touch,
    linear,
    position_based,
    time_decay,
)
from socialrx.core.analytics.attribution.journeys import AttributionResult, Journey
from socialrx.core.analytics.attribution.markov import markov_attribution
from socialrx.core.analytics.formulas import engagement_rate, ratio
from socialrx.core.analytics.kpi_metrics import MeasuredMonth
from socialrx.core.analytics.overview import (
    FollowerOutlookResult,
    KpiResult,
    evaluate_kpis,
    follower_outlook,
)
from socialrx.core.analytics.pacing import PacingReport, pace_budget
from socialrx.core.strategy import Strategy
from socialrx.server.lib import analytics_queries as q
from socialrx.server.lib.access import active_strategy_version, require_capability
from socialrx.server.lib.analytics_months import measured_months, report_months
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.models import StrategyVersion

AttributionModel = Literal["first", "last", "linear", "time_decay", "position", "markov"]
ATTRIBUTION_MODELS: dict[str, object] = {
    "first": first_touch, "last": last_touch, "linear": linear, "time_decay": time_decay,
    "position": position_based, "markov": markov_attribution,
}
ATTRIBUTION_LABELS = {"first": "First touch", "last": "Last touch", "linear": "Linear", "time_decay": "Time decay",
                      "position": "Position-based (40/20/40)", "markov": "Markov removal effect"}
MAX_LABELS = 40
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class NoStrategy(Exception):
    """No strategy has been loaded, so there are no targets to measure against."""


@dataclass(frozen=True)
class Scope:
    """The strategy version a report measures against, and the day it is as of."""

    version: StrategyVersion
    strategy: Strategy
    as_of: date

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.strategy.organisation.timezone)

    @property
    def label(self) -> str:
        return f"{self.version.label} ({self.version.name})"


def access_analytics(user, *, capability: str = "view_dashboards") -> None:
    """Raise PermissionDenied unless the person may read (or import) analytics."""
    require_capability(user, capability)


def analytics_scope(as_of: date | None = None) -> Scope:
    """Return the active strategy and the report day: `as_of`, else the last day with data, else today."""
    version = active_strategy_version()
    if version is None:
        raise NoStrategy("No strategy is active: run `socialrx migrate` (it activates the bundled default "
                         "strategy), upload one with `socialrx strategy upload FILE`, or use the Strategy page.")
    strategy = strategy_of(version)
    if as_of is None:
        latest = q.latest_data_day()
        today = now().astimezone(ZoneInfo(strategy.organisation.timezone)).date()
        as_of = min(latest, today) if latest else today
    return Scope(version, strategy, as_of)


# KPIs ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiQuery:
    """Which month to report (the month of `as_of` when None)."""

    month: date | None = None
    as_of: date | None = None


@dataclass(frozen=True)
class KpiReport:
    """Every strategy KPI for one month, with the months they were computed from."""

    strategy_label: str
    month: date
    as_of: date
    kpis: tuple[KpiResult, ...]
    months: tuple[MeasuredMonth, ...]


class KpiRunner:
    """Every KPI of the strategy with target, actual, status and trend."""

    def __init__(self, query: KpiQuery) -> None:
        self.query = query

    def run(self) -> KpiReport:
        month = self.query.month.replace(day=1) if self.query.month else None
        as_of = self.query.as_of or (q.month_end(month) if month else None)
        scope = analytics_scope(as_of)
        month = month or scope.as_of.replace(day=1)
        as_of = min(scope.as_of, q.month_end(month))
        first, detail_from, last = report_months(month)
        hashtags = (*scope.strategy.hashtags.primary, *scope.strategy.hashtags.secondary,
                    *scope.strategy.hashtags.event)
        months = measured_months(first, last, scope.tz, hashtags=hashtags, detail_from=detail_from)
        return KpiReport(scope.label, month, as_of, evaluate_kpis(scope.strategy, months, as_of=as_of), tuple(months))


# Forecasts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ForecastQuery:
    as_of: date | None = None


@dataclass(frozen=True)
class ForecastReport:
    strategy_label: str
    as_of: date
    outlooks: tuple[FollowerOutlookResult, ...]
    history: dict[str, tuple[tuple[date, int], ...]] = field(default_factory=dict)


class ForecastRunner:
    """For each follower and subscriber target: required growth, damped-trend forecast, P(met by the date)."""

    def __init__(self, query: ForecastQuery) -> None:
        self.query = query

    def run(self) -> ForecastReport:
        scope = analytics_scope(self.query.as_of)
        outlooks, history = [], {}
        for platform in scope.strategy.platforms:
            target = platform.follower_target
            if target is None:
                continue
            ends = q.follower_month_ends(platform.key, until=scope.as_of)
            history[platform.key] = tuple(ends)
            as_of = ends[-1][0] if ends else scope.as_of
            outlooks.append(follower_outlook(platform.key, target.metric, target.value, target.deadline, ends,
                                             as_of=as_of))
        return ForecastReport(scope.label, scope.as_of, tuple(outlooks), history)


# Attribution --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttributionQuery:
    """A model, and the journeys to attribute (from the CRM in the database when None)."""

    model: AttributionModel = "markov"
    journeys: tuple[Journey, ...] | None = None
    converted: Literal["opportunity", "won"] = "opportunity"


@dataclass(frozen=True)
class AttributionReport:
    """Conversions and value credited by one model to channels, networks, campaigns and posts."""

    strategy_label: str
    model: str
    journeys: int
    total_conversions: float
    total_value: float
    channels: AttributionResult
    networks: AttributionResult | None
    campaigns: AttributionResult | None
    posts: AttributionResult | None


class AttributionRunner:
    """Attribute lead conversions and revenue by one model."""

    def __init__(self, query: AttributionQuery) -> None:
        if query.model not in ATTRIBUTION_MODELS:
            raise ValueError(f"unknown model {query.model!r}; use one of {', '.join(ATTRIBUTION_MODELS)}")
        self.query = query

    def _attribute(self, journeys: tuple[Journey, ...]) -> AttributionResult:
        return ATTRIBUTION_MODELS[self.query.model](journeys)  # type: ignore[operator]

    def _attribute_labels(self, key: str) -> AttributionResult:
        """Attribute by campaign or post, keeping the most frequent labels and pooling the rest.

        The exact Markov solution costs one linear solve per state, so thousands of posts as states
        would take minutes; pooling the long tail keeps every model comparable and fast.
        """
        journeys = q.lead_journeys(key, converted=self.query.converted)
        counts: dict[str, int] = {}
        for journey in journeys:
            for label in journey.path:
                counts[label] = counts.get(label, 0) + 1
        kept = set(sorted(counts, key=lambda label: -counts[label])[:MAX_LABELS])
        pooled = f"(other {key}s)"
        return self._attribute(tuple(
            replace(j, path=tuple(label if label in kept else pooled for label in j.path)) for j in journeys
        ))

    def run(self) -> AttributionReport:
        version = active_strategy_version()
        label = f"{version.label} ({version.name})" if version else "no strategy"
        if self.query.journeys is not None:
            journeys = self.query.journeys
            by_label = {}
        else:
            journeys = q.lead_journeys("channel", converted=self.query.converted)
            by_label = {key: self._attribute_labels(key) for key in ("network", "campaign", "post")}
        channels = self._attribute(journeys)
        return AttributionReport(label, self.query.model, len(journeys), sum(j.conversions for j in journeys),
                                 sum(j.value for j in journeys), channels, by_label.get("network"),
                                 by_label.get("campaign"), by_label.get("post"))


# Paid pacing --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PacingQuery:
    as_of: date | None = None


@dataclass(frozen=True)
class PlatformPacing:
    platform: str
    report: PacingReport


@dataclass(frozen=True)
class PacingSummary:
    strategy_label: str
    as_of: date
    currency: str
    platforms: tuple[PlatformPacing, ...]
    campaigns: tuple[dict[str, object], ...]


class PacingRunner:
    """Spend against each monthly budget of the strategy: pacing, projection, cost per lead and click."""

    def __init__(self, query: PacingQuery) -> None:
        self.query = query

    def run(self) -> PacingSummary:
        scope = analytics_scope(self.query.as_of)
        month = scope.as_of.replace(day=1)
        rows = q.ad_spend_rows(month, scope.as_of)
        platforms = tuple(
            PlatformPacing(budget.platform, pace_budget(rows, budget=budget.monthly_budget, as_of=scope.as_of,
                                                        platform=budget.platform))
            for budget in scope.strategy.paid if budget.monthly_budget > 0
        )
        return PacingSummary(scope.label, scope.as_of, scope.strategy.organisation.currency, platforms,
                             tuple(q.spend_by_campaign(month, scope.as_of)))


# Comparison and content ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodFigures:
    network: str
    impressions: int
    engagements: int
    clicks: int
    new_followers: int | None

    @property
    def engagement_rate(self) -> float | None:
        return engagement_rate(self.engagements, self.impressions)


@dataclass(frozen=True)
class ComparisonRow:
    network: str
    current: PeriodFigures
    previous: PeriodFigures

    def change(self, name: str) -> float | None:
        before, after = getattr(self.previous, name), getattr(self.current, name)
        if before in (None, 0) or after is None:
            return None
        return after / before - 1


@dataclass(frozen=True)
class ComparisonReport:
    start: date
    end: date
    previous_start: date
    previous_end: date
    rows: tuple[ComparisonRow, ...]


class ComparisonRunner:
    """Compare each network's totals in a date range with the range of the same length just before it."""

    def __init__(self, start: date, end: date) -> None:
        if end < start:
            raise ValueError("the range ends before it starts")
        self.start, self.end = start, end

    def run(self) -> ComparisonReport:
        length = self.end - self.start
        previous_end = self.start.fromordinal(self.start.toordinal() - 1)
        previous_start = previous_end - length
        current, previous = _period_figures(self.start, self.end), _period_figures(previous_start, previous_end)
        networks = sorted(set(current) | set(previous))
        empty = {n: PeriodFigures(n, 0, 0, 0, None) for n in networks}
        rows = tuple(ComparisonRow(n, current.get(n, empty[n]), previous.get(n, empty[n])) for n in networks)
        return ComparisonReport(self.start, self.end, previous_start, previous_end, rows)


def _period_figures(start: date, end: date) -> dict[str, PeriodFigures]:
    from django.db.models import Sum

    from socialrx.server.models import NetworkDay

    rows = (NetworkDay.objects.filter(day__gte=start, day__lte=end).values("network")
            .annotate(i=Sum("impressions"), e=Sum("engagements"), c=Sum("clicks"), f=Sum("new_followers")))
    return {r["network"]: PeriodFigures(r["network"], r["i"] or 0, r["e"] or 0, r["c"] or 0, r["f"]) for r in rows}


@dataclass(frozen=True)
class ContentRow:
    label: str
    posts: int
    share: float
    planned_share: float | None
    engagement_rate: float | None


@dataclass(frozen=True)
class ContentReport:
    pillars: tuple[ContentRow, ...]
    series: tuple[ContentRow, ...]
    best_hours: tuple[ContentRow, ...]


class ContentRunner:
    """Engagement by pillar (against the planned mix), by series, and the best weekday hours to post."""

    def __init__(self, start: date, end: date, *, network: str | None = None, min_posts: int = 5) -> None:
        self.start, self.end, self.network, self.min_posts = start, end, network, min_posts

    def run(self) -> ContentReport:
        scope = analytics_scope(self.end)
        planned = {p.key: p.share / 100 for p in scope.strategy.content_pillars}
        pillars = q.post_groups("pillar", self.start, self.end, scope.tz, network=self.network)
        series = q.post_groups("series", self.start, self.end, scope.tz, network=self.network)
        hours = [
            ContentRow(f"{WEEKDAYS[wd - 1]} {hr:02d}:00", g.posts, 0.0, None, engagement_rate(g.engagements, g.impressions))
            for wd, hr, g in q.hour_groups(self.start, self.end, scope.tz, network=self.network)
            if g.posts >= self.min_posts
        ]
        return ContentReport(_shares(pillars, planned), _shares(series, {}),
                             tuple(sorted(hours, key=lambda row: -(row.engagement_rate or 0.0))[:10]))


def _shares(groups: list[q.GroupRow], planned: dict[str, float]) -> tuple[ContentRow, ...]:
    total = sum(g.posts for g in groups)
    rows = {g.label: ContentRow(g.label, g.posts, ratio(g.posts, total), planned.get(g.label),
                                engagement_rate(g.engagements, g.impressions)) for g in groups}
    for key, share in planned.items():
        rows.setdefault(key, ContentRow(key, 0, 0.0, share, None))
    return tuple(rows.values())

