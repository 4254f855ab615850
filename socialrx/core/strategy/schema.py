"""The strategy schema: every section of a written social media strategy, as data.

Percentages are written as numbers of percent (`share: 30` is 30%). Money is in the
organisation's currency. Dates are ISO dates; target deadlines may also be quarters
("Q4 2025"), months ("December 2025") or years ("2026").
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from .cadence import WEEKDAYS, Cadence, Weekday

MONTHS = tuple(m.lower() for m in calendar.month_name[1:])
Month = Literal[
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
Severity = Literal["block", "review", "info"]
Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]


class Model(BaseModel):
    """Base of every strategy section: immutable, and unknown fields are errors (typos show)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


_QUARTER = re.compile(r"^q([1-4])\s+(\d{4})$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\s+(\d{4})$")


def deadline_date(label: str) -> date:
    """Return the last day a deadline label covers ("Q4 2025" -> 2025-12-31)."""
    text = label.strip().lower()
    if match := _QUARTER.match(text):
        year, month = int(match.group(2)), int(match.group(1)) * 3
        return date(year, month, calendar.monthrange(year, month)[1])
    if match := _MONTH_YEAR.match(text):
        if match.group(1) in MONTHS:
            year, month = int(match.group(2)), MONTHS.index(match.group(1)) + 1
            return date(year, month, calendar.monthrange(year, month)[1])
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 12, 31)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"cannot read deadline {label!r}: write a date (2025-12-31), a quarter (Q4 2025), "
            "a month (December 2025) or a year (2025)"
        ) from None


def _check_deadline(label: str) -> str:
    deadline_date(label)
    return label


Deadline = Annotated[str, AfterValidator(_check_deadline)]
Percent = Annotated[float, Field(ge=0, le=100)]


def _check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}: use an IANA name such as 'America/New_York'") from None
    return name


class Organisation(Model):
    name: str
    timezone: Annotated[str, AfterValidator(_check_timezone)] = "UTC"
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    summary: str = ""
    domains: tuple[str, ...] = ()


class NamedItem(Model):
    """A named entry with a description, e.g. an ad play or a campaign type."""

    name: str
    description: str = ""


class FollowerTarget(Model):
    metric: Literal["followers", "subscribers", "connections", "members"] = "followers"
    value: Annotated[int, Field(gt=0)]
    by: Deadline

    @property
    def deadline(self) -> date:
        return deadline_date(self.by)


class EngagementGoal(Model):
    kind: Literal["engagement_rate", "view_completion_rate"] = "engagement_rate"
    value: Percent


class ContentType(Model):
    """A kind of content a network carries, with how often it appears."""

    key: Key
    name: str
    description: str = ""
    cadence: Cadence
    format: Literal["post", "article", "thread", "video", "short_video", "live", "image", "document", "event"] = "post"
    duration_minutes: tuple[int, int] | None = None
    pillar: Key | None = None
    live_event: bool = Field(default=False, description="appears only during events (e.g. conference live-tweeting)")


class Platform(Model):
    key: Key
    name: str
    role: str = ""
    publishing: Literal["api", "manual"] = "api"
    audience: tuple[str, ...] = ()
    follower_target: FollowerTarget | None = None
    engagement_goal: EngagementGoal | None = None
    content_types: tuple[ContentType, ...] = ()
    posting_times: tuple[Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")], ...] = ("09:00",)
    ad_strategy: tuple[NamedItem, ...] = ()

    @model_validator(mode="after")
    def _unique_content_types(self) -> Platform:
        _require_unique([c.key for c in self.content_types], "content_types")
        return self


class WeekdayTheme(Model):
    """A weekday's theme on the networks it names; a network may have its own theme for the same weekday."""

    weekday: Weekday
    theme: str
    platforms: tuple[Key, ...] = Field(default=(), description="empty means every platform without its own theme")


class Pillar(Model):
    key: Key
    name: str
    share: Percent
    topics: tuple[str, ...] = ()


class MonthlyTheme(Model):
    month: Month
    theme: str
    note: str = ""


class SeriesItem(Model):
    platform: Key
    cadence: Cadence
    format: str = "post"
    description: str = ""


class Series(Model):
    key: Key
    name: str
    description: str = ""
    items: tuple[SeriesItem, ...]


class HashtagSets(Model):
    primary: tuple[str, ...] = ()
    secondary: tuple[str, ...] = ()
    event: tuple[str, ...] = ()
    notes: str = ""

    @field_validator("primary", "secondary", "event")
    @classmethod
    def _hash_prefixed(cls, tags: tuple[str, ...]) -> tuple[str, ...]:
        for tag in tags:
            if not re.fullmatch(r"#\w+", tag):
                raise ValueError(f"hashtag {tag!r} must start with # and contain no spaces")
        return tags


class VideoCategory(Model):
    name: str
    description: str = ""


class AdBudget(Model):
    platform: Key
    monthly_budget: Annotated[float, Field(ge=0)]
    target_audiences: tuple[str, ...] = ()
    campaign_types: tuple[NamedItem, ...] = ()


KpiMetric = Literal[
    "follower_growth_rate", "engagement_rate", "leads", "traffic_share_of_social",
    "mention_sentiment_positive", "hashtag_performance", "connections", "cme_consumption",
    "view_completion_rate", "watch_time_hours", "click_through_rate",
    "social_share_of_web_traffic", "qualified_leads", "lead_to_opportunity_rate",
    "influenced_revenue", "brand_mention_growth", "industry_recognition_rank",
    "speaking_requests", "media_mention_growth", "custom",
]  # fmt: skip

NETWORK_SERIES_FIELDS = ("followers_end", "new_followers", "impressions", "engagements", "clicks", "video_views",
                         "watch_time_hours", "page_views")
WEB_SERIES_FIELDS = ("sessions", "social_sessions")
SERIES_PATTERN = re.compile(
    r"^(manual\.[a-z0-9_.-]+|ga4_event\.[A-Za-z0-9_.-]+|web\.(" + "|".join(WEB_SERIES_FIELDS) + r")"
    r"|[a-z0-9_]+\.(" + "|".join(NETWORK_SERIES_FIELDS) + r"))$"
)
SERIES_HELP = ("a series is manual.<name> (entered by hand each month), ga4_event.<event name> (a GA4 events "
               "export), web.sessions / web.social_sessions (GA4 traffic) or <network>.<figure> with figure one of "
               + ", ".join(NETWORK_SERIES_FIELDS))


def _series_name(name: str | None) -> str | None:
    if name is not None and not SERIES_PATTERN.match(name):
        raise ValueError(f"{name!r} is not a series name; {SERIES_HELP}")
    return name


SeriesName = Annotated[str | None, AfterValidator(_series_name)]


class Kpi(Model):
    """One measurable target. `target` is None for metrics the strategy only tracks.

    A `custom` KPI measures a named `series` (divided by the `per` series when it is a rate), e.g.
    booking link clicks: `{metric: custom, series: ga4_event.booking_click, target: 450, unit: count}`.
    """

    key: Key
    name: str
    group: Literal["platform", "roi", "brand"] = "platform"
    platform: Key | None = None
    metric: KpiMetric
    series: SeriesName = None
    per: SeriesName = None
    target: float | None = None
    unit: Literal["percent", "count", "hours", "money", "rank"] = "percent"
    period: Literal["month", "quarter", "year", "average", "none"] = "month"
    comparison: Literal["at_least", "at_most"] = "at_least"

    @model_validator(mode="after")
    def _custom_has_series(self) -> Kpi:
        if self.metric == "custom" and self.series is None:
            raise ValueError(f"custom KPI {self.key!r} needs a series; {SERIES_HELP}")
        if self.metric != "custom" and (self.series is not None or self.per is not None):
            raise ValueError(f"KPI {self.key!r}: series and per apply only to metric: custom")
        return self


class InfluencerTier(Model):
    level: Annotated[int, Field(ge=1, le=9)]
    name: str
    categories: tuple[str, ...] = ()
    plays: tuple[str, ...] = ()
    play_interval_days: Annotated[int, Field(gt=0)] = 30


class CommunityGroup(Model):
    name: str
    network: Key = "linkedin"
    role: Literal["owner", "moderator", "contributor", "member"]
    members: int | None = None


class CommunityRoutine(Model):
    name: str
    cadence: Cadence
    platform: Key = "linkedin"
    owned_groups_only: bool = True


class Community(Model):
    groups: tuple[CommunityGroup, ...] = ()
    routines: tuple[CommunityRoutine, ...] = ()


class Competitor(Model):
    name: str
    aliases: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()


class Listening(Model):
    key_terms: tuple[str, ...] = ()
    competitors: tuple[Competitor, ...] = ()
    sentiment_goals: tuple[str, ...] = ()
    positive_sentiment_target: Percent | None = None
    response_time_hours: Annotated[float, Field(gt=0)] = 4


class CrisisStep(Model):
    order: Annotated[int, Field(ge=1)]
    name: str
    description: str = ""
    owner_roles: tuple[Key, ...] = ()
    sign_off_roles: tuple[Key, ...] = ()
    target_minutes: Annotated[int, Field(gt=0)] | None = None


class Crisis(Model):
    sensitivities: tuple[str, ...] = ()
    protocol: tuple[CrisisStep, ...] = ()
    monitoring_tools: tuple[str, ...] = ()

    @field_validator("protocol")
    @classmethod
    def _ordered_steps(cls, protocol: tuple[CrisisStep, ...]) -> tuple[CrisisStep, ...]:
        orders = [s.order for s in protocol]
        if orders != list(range(1, len(orders) + 1)):
            raise ValueError(f"protocol steps must be numbered 1..{len(orders)} in order, found {orders}")
        return protocol


class RecipeOutput(Model):
    channel: Key
    format: str
    description: str = ""


class RepurposingRecipe(Model):
    key: Key
    source: Literal["blog_post", "video", "webinar", "podcast", "report"]
    name: str
    outputs: tuple[RecipeOutput, ...]


class Role(Model):
    key: Key
    name: str
    employment: Literal["full-time", "part-time", "contract", "on-call"] = "full-time"
    responsibilities: tuple[str, ...] = ()
    crisis_only: bool = False


class TrainingArea(Model):
    name: str
    topics: tuple[str, ...]


class Event(Model):
    name: str
    start: date
    end: date
    hashtags: tuple[str, ...] = ()
    platforms: tuple[Key, ...] = ()
    location: str = ""

    @model_validator(mode="after")
    def _ordered_dates(self) -> Event:
        if self.end < self.start:
            raise ValueError(f"event ends ({self.end}) before it starts ({self.start})")
        return self


class Blackout(Model):
    start: date
    end: date
    reason: str = ""


class Product(Model):
    name: str
    aliases: tuple[str, ...] = ()
    regulatory_status: Literal[
        "510k_cleared", "de_novo_granted", "pma_approved", "exempt",
        "investigational", "not_a_device", "breakthrough_designation",
    ]  # fmt: skip
    cleared_indication: str = ""
    risk_info_url: str = ""


class ComplianceSettings(Model):
    author_relationship: str = Field(
        default="brand", description="who publishes the strategy's posts: brand, employee, paid_influencer, …"
    )
    own_domains: tuple[str, ...] = ()
    own_phone_numbers: tuple[str, ...] = ()
    spokespeople: tuple[str, ...] = ()
    rule_severity: dict[str, Severity | Literal["off"]] = Field(default_factory=dict)


class ReviewTaskSpec(Model):
    """One step of a review workflow, done by people holding a capability."""

    key: Key
    name: str
    capability: Literal[
        "review_clinical", "review_regulatory", "approve_final", "override_compliance",
        "manage_publishing", "sign_off_legal", "sign_off_executive",
    ]  # fmt: skip
    mode: Literal["any", "all"] = Field(default="any", description="any one holder approves, or all of them")
    due_hours: Annotated[float, Field(gt=0)] = 24


class ReviewSelector(Model):
    """Which posts an extra workflow step applies to; every given list must match."""

    pillars: tuple[Key, ...] = ()
    platforms: tuple[Key, ...] = ()
    content_types: tuple[Key, ...] = ()
    paid: bool | None = None
    patient_story: bool | None = None


class ReviewRule(Model):
    """Extra tasks inserted before final approval for posts the selector matches."""

    name: str
    when: ReviewSelector
    tasks: tuple[ReviewTaskSpec, ...]


def _default_review_tasks() -> tuple[ReviewTaskSpec, ...]:
    return (
        ReviewTaskSpec(key="clinical", name="Clinical accuracy", capability="review_clinical"),
        ReviewTaskSpec(key="regulatory", name="Regulatory compliance", capability="review_regulatory"),
        ReviewTaskSpec(key="final", name="Final approval", capability="approve_final"),
    )


class ReviewSettings(Model):
    """The review workflow: ordered tasks, extra tasks by rule, and the crisis workflow."""

    tasks: tuple[ReviewTaskSpec, ...] = Field(default_factory=_default_review_tasks)
    rules: tuple[ReviewRule, ...] = ()
    crisis_tasks: tuple[ReviewTaskSpec, ...] = ()

    @model_validator(mode="after")
    def _tasks_present(self) -> ReviewSettings:
        if not self.tasks:
            raise ValueError("review.tasks: a workflow needs at least one task")
        _require_unique([t.key for t in self.tasks] + [t.key for r in self.rules for t in r.tasks], "review tasks")
        return self


class Strategy(Model):
    """A whole strategy. `version` counts uploads; `schema_version` is the file format."""

    schema_version: Literal[1] = 1
    organisation: Organisation
    platforms: tuple[Platform, ...]
    weekday_themes: tuple[WeekdayTheme, ...] = ()
    content_pillars: tuple[Pillar, ...]
    monthly_themes: tuple[MonthlyTheme, ...] = ()
    series: tuple[Series, ...] = ()
    hashtags: HashtagSets = HashtagSets()
    video_categories: tuple[VideoCategory, ...] = ()
    paid: tuple[AdBudget, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    influencer_tiers: tuple[InfluencerTier, ...] = ()
    community: Community = Community()
    listening: Listening = Listening()
    crisis: Crisis = Crisis()
    repurposing: tuple[RepurposingRecipe, ...] = ()
    roles: tuple[Role, ...] = ()
    training: tuple[TrainingArea, ...] = ()
    events: tuple[Event, ...] = ()
    blackouts: tuple[Blackout, ...] = ()
    products: tuple[Product, ...] = ()
    compliance: ComplianceSettings = ComplianceSettings()
    review: ReviewSettings = Field(default_factory=ReviewSettings)

    @model_validator(mode="after")
    def _consistent(self) -> Strategy:
        _require_unique([p.key for p in self.platforms], "platforms")
        _require_unique([p.key for p in self.content_pillars], "content_pillars")
        _require_unique([m.month for m in self.monthly_themes], "monthly_themes", field="month")
        _require_unique(
            [(w.weekday, p) for w in self.weekday_themes for p in w.platforms or ("every platform",)],
            "weekday_themes", field="weekday and platform",
        )  # fmt: skip
        _require_unique([s.key for s in self.series], "series")
        _require_unique([k.key for k in self.kpis], "kpis")
        _require_unique([r.key for r in self.roles], "roles")
        total = sum(p.share for p in self.content_pillars)
        if self.content_pillars and abs(total - 100) > 0.01:
            raise ValueError(f"content_pillars: shares sum to {total:g}%, must be 100%")
        self._check_references()
        return self

    def _check_references(self) -> None:
        platforms = {p.key for p in self.platforms}
        pillars = {p.key for p in self.content_pillars}
        roles = {r.key for r in self.roles}
        refs: list[tuple[str, str, set[str]]] = []
        for p in self.platforms:
            refs += [(f"platforms.{p.key}.content_types.{c.key}.pillar", c.pillar, pillars) for c in p.content_types if c.pillar]
        for s in self.series:
            refs += [(f"series.{s.key}.items.platform", i.platform, platforms) for i in s.items]
        refs += [(f"weekday_themes.{w.weekday}.platforms", k, platforms) for w in self.weekday_themes for k in w.platforms]
        refs += [("paid.platform", b.platform, platforms) for b in self.paid]
        refs += [(f"kpis.{k.key}.platform", k.platform, platforms) for k in self.kpis if k.platform]
        if roles:
            for step in self.crisis.protocol:
                refs += [(f"crisis.protocol.{step.order}.roles", r, roles) for r in step.owner_roles + step.sign_off_roles]
        for where, value, known in refs:
            if value not in known:
                raise ValueError(f"{where}: {value!r} is not defined (known: {', '.join(sorted(known)) or 'none'})")

    # Lookups used across the product.
    def platform(self, key: str) -> Platform:
        """Return the platform with this key, or raise KeyError."""
        for platform in self.platforms:
            if platform.key == key:
                return platform
        raise KeyError(key)

    def theme_for_month(self, month: int) -> str:
        """Return the monthly theme for a month number (1-12), or an empty string."""
        name = MONTHS[month - 1]
        return next((m.theme for m in self.monthly_themes if m.month == name), "")

    def theme_for_weekday(self, weekday: int, platform: str) -> str:
        """Return the weekday theme (Monday=0) of a platform: its own, else the every-platform one, else ""."""
        name = WEEKDAYS[weekday]
        on_day = [item for item in self.weekday_themes if item.weekday == name]
        own = next((item.theme for item in on_day if platform in item.platforms), None)
        return own if own is not None else next((item.theme for item in on_day if not item.platforms), "")

    def budget_for(self, platform: str) -> AdBudget | None:
        """Return the paid budget for a platform, if the strategy has one."""
        return next((b for b in self.paid if b.platform == platform), None)


def _require_unique(values: list, section: str, *, field: str = "key") -> None:
    seen: set = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{section}: {field} {value!r} appears more than once")
        seen.add(value)
