"""The Analytics overview: KPIs, forecasts, pacing and content for one month, as one typed report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from socialrx.core.analytics.overview import FollowerOutlookResult, KpiResult
from socialrx.server.lib import analytics_charts as charts
from socialrx.server.lib.analytics import (
    ContentReport,
    ContentRunner,
    ForecastQuery,
    ForecastReport,
    ForecastRunner,
    KpiQuery,
    KpiReport,
    KpiRunner,
    PacingQuery,
    PacingRunner,
    PacingSummary,
    analytics_scope,
)
from socialrx.server.lib.analytics_queries import add_months, month_end
from socialrx.server.lib.labels import display_label

OVERALL_METRICS = ("qualified_leads", "social_share_of_web_traffic", "influenced_revenue", "lead_to_opportunity_rate")


@dataclass(frozen=True)
class NetworkCard:
    """One network on the overview: its follower outlook and its KPIs this month."""

    key: str
    name: str
    outlook: FollowerOutlookResult | None
    kpis: tuple[KpiResult, ...]


@dataclass(frozen=True)
class OverviewReport:
    """Everything the overview page and the monthly PDF show."""

    strategy_label: str
    currency: str
    month: date
    kpi: KpiReport
    forecast: ForecastReport
    pacing: PacingSummary
    content: ContentReport
    networks: tuple[NetworkCard, ...]
    overall: tuple[KpiResult, ...]


class OverviewRunner:
    """Run the KPI, forecast, pacing and content runners for one month and arrange them per network."""

    def __init__(self, month: date | None = None) -> None:
        self.month = month

    def run(self) -> OverviewReport:
        kpi = KpiRunner(KpiQuery(month=self.month)).run()
        scope = analytics_scope(kpi.as_of)
        forecast = ForecastRunner(ForecastQuery(as_of=kpi.as_of)).run()
        pacing = PacingRunner(PacingQuery(as_of=kpi.as_of)).run()
        content = ContentRunner(add_months(kpi.month, -2), month_end(kpi.month)).run()
        outlooks = {o.network: o for o in forecast.outlooks}
        networks = tuple(
            NetworkCard(p.key, p.name, outlooks.get(p.key), tuple(k for k in kpi.kpis if k.network == p.key))
            for p in scope.strategy.platforms
        )
        metrics = {k.key: k for k in scope.strategy.kpis}
        overall = tuple(k for k in kpi.kpis if k.network is None and metrics[k.key].metric in OVERALL_METRICS)
        return OverviewReport(kpi.strategy_label, scope.strategy.organisation.currency, kpi.month, kpi, forecast,
                              pacing, content, networks, overall)


def overview_charts(report: OverviewReport) -> dict[str, str]:
    """Return the overview's SVG charts by name: followers per network, leads, traffic share and spend."""
    result = {}
    for card in report.networks:
        if card.outlook is not None:
            result[f"followers_{card.key}"] = charts.followers_chart(report.forecast.history.get(card.key, ()),
                                                                     card.outlook)
    months = [m.month for m in report.kpi.months][-6:]
    for kpi in report.overall:
        if kpi.history:
            values = list(kpi.history)[-len(months):]
            result[f"kpi_{kpi.key}"] = charts.monthly_chart(kpi.name, months[-len(values):], values,
                                                            target=kpi.target, unit=kpi.unit)
    if report.pacing.platforms:
        rows = report.pacing.platforms
        result["spend"] = charts.spend_chart([r.platform for r in rows], [r.report.spend_to_date for r in rows],
                                             [r.report.expected_to_date for r in rows],
                                             [r.report.budget for r in rows])
    return result


STATE_LABELS = {"on_track": "on track", "at_risk": "at risk", "off_track": "off track", None: "no data"}
TREND_ARROWS = {"up": "↑", "down": "↓", "flat": "→", None: ""}


def format_value(value: float | None, unit: str, currency: str = "USD") -> str:
    """Return a KPI figure as people read it: 7.4%, 1,250, 980 h, $1,200,000, top 5."""
    if value is None:
        return "—"
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "money":
        return f"{'$' if currency == 'USD' else currency + ' '}{value:,.0f}"
    if unit == "hours":
        return f"{value:,.0f} h"
    if unit == "rank":
        return f"top {value:g}"
    return f"{value:,.0f}"


def kpi_row(kpi: KpiResult, currency: str = "USD") -> dict[str, object]:
    """Return a KPI as display strings for tables, CSV and the PDF."""
    return {
        "key": kpi.key, "name": kpi.name, "area": display_label("network", kpi.network) if kpi.network else kpi.group.upper(),
        "target": format_value(kpi.target, kpi.unit, currency) + (f" / {kpi.period}" if kpi.target is not None
                                                                  and kpi.period not in ("none", "average") else ""),
        "actual": format_value(kpi.actual, kpi.unit, currency),
        "state": kpi.state or "none", "state_label": STATE_LABELS[kpi.state],
        "trend": TREND_ARROWS[kpi.trend], "note": kpi.note,
    }
