"""The monthly report in words: labels for keys, formatted figures, and the executive summary's sentences.

Everything here turns runner outputs (KPI results, follower outlooks, pacing, attribution credits)
into what a CMO reads: "LinkedIn", "$12,345", "4.2%", "off track: 34% of target, falling".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from socialrx.core.analytics.overview import FollowerOutlookResult, KpiResult
from socialrx.server.lib.analytics import PlatformPacing
from socialrx.server.lib.analytics_overview import format_value

NETWORK_LABELS = {"linkedin": "LinkedIn", "x": "X", "youtube": "YouTube", "doximity": "Doximity",
                  "email": "E-mail", "facebook": "Facebook", "instagram": "Instagram", "tiktok": "TikTok"}
CHANNEL_LABELS = {"google_search": "Google search", "email": "E-mail", "direct": "Direct", "referral": "Referral",
                  "paid_search": "Paid search", "display": "Display ads", "other": "Other"}
GROUP_LABELS = {"roi": "Business results", "platform": "Networks", "brand": "Brand and reputation"}
GROUP_ORDER = {"roi": 0, "platform": 1, "brand": 2}
STATE_ORDER = {"off_track": 0, "at_risk": 1, "on_track": 2, None: 3}
PERIOD_WORDS = {"month": "a month", "quarter": "for the quarter", "year": "for the year"}
PACING_WORDS = {"over": "over-spending", "under": "under-spending", "on_pace": "on pace"}


def network_label(key: str | None, names: Mapping[str, str] | None = None) -> str:
    """Return a network's name as the strategy (or the platform) writes it."""
    if not key:
        return ""
    return (names or {}).get(key) or NETWORK_LABELS.get(key) or key.replace("_", " ").capitalize()


def channel_label(key: str, names: Mapping[str, str] | None = None) -> str:
    """Return an attribution channel as words: linkedin_organic -> LinkedIn (organic)."""
    if key in CHANNEL_LABELS:
        return CHANNEL_LABELS[key]
    network, _, kind = key.rpartition("_")
    if kind in ("organic", "paid") and network:
        return f"{network_label(network, names)} ({kind})"
    return key.replace("_", " ").capitalize()


def is_social_channel(key: str) -> bool:
    """Return whether an attribution channel is a social network (organic or paid)."""
    return key.endswith(("_organic", "_paid")) and key.rpartition("_")[0] in NETWORK_LABELS


def money(value: float | None, currency: str = "USD") -> str:
    """Return money as $12,345 (whole units; other currencies as 'EUR 12,345')."""
    return format_value(value, "money", currency)


def percent(fraction: float | None, digits: int = 1) -> str:
    """Return a fraction (0.042) as a percentage (4.2%)."""
    return "—" if fraction is None else f"{fraction * 100:.{digits}f}%"


def count(value: float | None) -> str:
    """Return a count with thousands separators."""
    return "—" if value is None else f"{value:,.0f}"


_COMMAND = re.compile(r":?\s*socialrx (?:import|kpi-entry)\b[^()]*")
_SEPARATED_KEY = re.compile(r"\b(\w+)_(\w+)\b")


def plain_need(note: str, names: Mapping[str, str] | None = None) -> str:
    """Return a KPI's 'needs …' note for a reader: no commands, no keys, network names capitalised."""
    text = _COMMAND.sub(" ", note).replace("(or Analytics > Imports)", "(Analytics > Imports page)")
    for key in sorted(NETWORK_LABELS, key=len, reverse=True):
        text = re.sub(rf"\b{key}\b(?![.@])", network_label(key, names), text)
    text = _SEPARATED_KEY.sub(lambda m: f"{m.group(1)} {m.group(2)}", text).replace("_", " ")
    text = re.sub(r"\s+", " ", text).strip().rstrip(";:,")
    return text[:1].upper() + text[1:] if text else text


def kpi_title(kpi: KpiResult, names: Mapping[str, str] | None = None) -> str:
    """Return a KPI's name with its network: 'LinkedIn: Follower growth rate'."""
    return f"{network_label(kpi.network, names)}: {kpi.name}" if kpi.network else kpi.name


def target_text(kpi: KpiResult, currency: str) -> str:
    """Return a KPI's target in words: '15.0% a month', '$2,000,000 for the year', 'no target'."""
    if kpi.target is None:
        return "no target"
    suffix = PERIOD_WORDS.get(kpi.period, "")
    return format_value(kpi.target, kpi.unit, currency) + (f" {suffix}" if suffix else "")


def kpi_sort_key(kpi: KpiResult, network_order: Mapping[str, int]) -> tuple:
    """Sort business results first, then networks in strategy order, then brand; the worst state first."""
    return (GROUP_ORDER.get(kpi.group, 3), network_order.get(kpi.network or "", 99), STATE_ORDER[kpi.state],
            kpi.attainment if kpi.attainment is not None else 99.0)


def kpi_bucket(kpi: KpiResult) -> str:
    """Return 'met', 'on_pace', 'close', 'off_track', 'untargeted' or 'no_data' for the summary."""
    if kpi.actual is None:
        return "no_data"
    if kpi.target is None or kpi.state is None:
        return "untargeted"
    if kpi.state == "on_track":
        reached = kpi.period not in ("quarter", "year") or kpi.actual >= kpi.target
        return "met" if reached else "on_pace"
    return "close" if kpi.state == "at_risk" else "off_track"


def _trend_words(kpi: KpiResult) -> str:
    if kpi.improving is True:
        return "improving on recent months"
    if kpi.improving is False:
        return "worse than recent months"
    return {"up": "rising", "down": "falling", "flat": "flat over recent months"}.get(kpi.trend or "", "")


def kpi_sentence(kpi: KpiResult, currency: str, names: Mapping[str, str] | None = None) -> str:
    """Return one summary line for a KPI: actual against target, and why it stands where it does."""
    title = kpi_title(kpi, names)
    bucket = kpi_bucket(kpi)
    if bucket == "no_data":
        return f"{title}: no data this month. {plain_need(kpi.note, names)}." if kpi.note else f"{title}: no data."
    actual, target = format_value(kpi.actual, kpi.unit, currency), target_text(kpi, currency)
    if bucket == "untargeted":
        return f"{title}: {actual} (tracked without a target)."
    if bucket == "met":
        return f"{title}: {actual} against a target of {target}."
    if bucket == "on_pace":
        return f"{title}: {actual} so far against {target}, on pace to reach it."
    share = f"{(kpi.attainment or 0) * 100:.0f}% of " + ("the pace needed" if kpi.period in ("quarter", "year")
                                                         else "target")
    trend = _trend_words(kpi)
    return f"{title}: {actual} against {target}, {share}" + (f"; {trend}." if trend else ".")


def likelihood(probability: float | None) -> str:
    """Return a forecast probability in words."""
    if probability is None:
        return "cannot be estimated yet"
    if probability >= 0.7:
        return f"likely ({percent(probability, 0)} chance)"
    if probability >= 0.3:
        return f"uncertain ({percent(probability, 0)} chance)"
    return f"unlikely ({percent(probability, 0)} chance)"


def outlook_sentence(outlook: FollowerOutlookResult, names: Mapping[str, str] | None = None) -> str:
    """Return a follower forecast in words: where the count is, what the target needs, where it is heading."""
    label, noun = network_label(outlook.network, names), outlook.metric
    target, deadline = f"{outlook.target:,}", f"{outlook.deadline:%B} {outlook.deadline.day}, {outlook.deadline:%Y}"
    if outlook.current is None:
        return f"{label}: no {noun} count yet, so the {target} target for {deadline} cannot be forecast."
    if outlook.current >= outlook.target:
        return f"{label} has {outlook.current:,} {noun}, already past its target of {target} for {deadline}."
    if outlook.as_of > outlook.deadline:
        return (f"{label} has {outlook.current:,} {noun}: the target of {target} for {deadline} was missed "
                f"(the date has passed; set a new target in the strategy).")
    sentence = f"{label} has {outlook.current:,} {noun}. Reaching {target} by {deadline} needs "
    sentence += f"{percent(outlook.required_growth)} growth a month"
    if outlook.trailing_growth is not None:
        sentence += f" against {percent(outlook.trailing_growth)} a month recently"
    if outlook.median_at_deadline is not None:
        sentence += f"; the forecast is {outlook.median_at_deadline:,.0f}"
        if outlook.lower_at_deadline is not None and outlook.upper_at_deadline is not None:
            sentence += f" (likely between {outlook.lower_at_deadline:,.0f} and {outlook.upper_at_deadline:,.0f})"
    return sentence + f", so meeting the target is {likelihood(outlook.probability)}."


def pacing_sentence(row: PlatformPacing, currency: str, names: Mapping[str, str] | None = None) -> str:
    """Return a paid budget's month in words: spend against budget, pacing and cost per lead."""
    report = row.report
    sentence = (f"{network_label(row.platform, names)} ads spent {money(report.spend_to_date, currency)} of a "
                f"{money(report.budget, currency)} monthly budget ({percent(report.pacing_index, 0)} of the "
                f"expected spend, {PACING_WORDS.get(report.flag, report.flag)})")
    if report.cost_per_lead is not None:
        sentence += f"; {money(report.cost_per_lead, currency)} per lead"
    return sentence + "."


@dataclass(frozen=True)
class ExecutiveSummary:
    """The report's first page in words: the headline and the KPIs by where they stand."""

    headline: str
    met: tuple[str, ...] = ()
    on_pace: tuple[str, ...] = ()
    close: tuple[str, ...] = ()
    off_track: tuple[str, ...] = ()
    untargeted: tuple[str, ...] = ()
    no_data: tuple[str, ...] = ()
    forecasts: tuple[str, ...] = ()
    paid: tuple[str, ...] = field(default=())


def executive_summary(kpis: Sequence[KpiResult], outlooks: Sequence[FollowerOutlookResult],
                      pacing: Sequence[PlatformPacing], *, currency: str, month_name: str,
                      names: Mapping[str, str] | None = None) -> ExecutiveSummary:
    """Return the summary of a month's KPIs (already sorted by importance), forecasts and paid pacing."""
    buckets: dict[str, list[str]] = {b: [] for b in ("met", "on_pace", "close", "off_track", "untargeted", "no_data")}
    for kpi in kpis:
        buckets[kpi_bucket(kpi)].append(kpi_sentence(kpi, currency, names))
    targeted = sum(len(buckets[b]) for b in ("met", "on_pace", "close", "off_track", "no_data"))
    parts = [f"{len(buckets['met'])} met", f"{len(buckets['on_pace'])} on pace",
             f"{len(buckets['close'])} within 10% of target", f"{len(buckets['off_track'])} off track",
             f"{len(buckets['no_data'])} without data"]
    headline = f"In {month_name}, of the strategy's {targeted} KPIs with a target, " + ", ".join(parts[:-1])
    headline += f" and {parts[-1]}."
    ordered = sorted(outlooks, key=lambda o: STATE_ORDER.get(o.state, 3))
    return ExecutiveSummary(
        headline, *(tuple(buckets[b]) for b in ("met", "on_pace", "close", "off_track", "untargeted", "no_data")),
        forecasts=tuple(outlook_sentence(o, names) for o in ordered),
        paid=tuple(pacing_sentence(p, currency, names) for p in sorted(pacing, key=lambda p: -p.report.budget)),
    )
