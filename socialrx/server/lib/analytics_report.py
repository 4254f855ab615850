"""The monthly PDF report a CMO reads: a cover, an executive summary in words, sorted tables and the
shared SVG charts, rendered by WeasyPrint. Attribution, content, listening and relationships cover
the report's month only."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.template.loader import render_to_string
from django.utils.timezone import now

from socialrx.server.lib import analytics_charts as charts
from socialrx.server.lib.analytics import ContentRunner, analytics_scope
from socialrx.server.lib.analytics_overview import OverviewReport, OverviewRunner, format_value
from socialrx.server.lib.analytics_queries import month_end
from socialrx.server.lib.analytics_report_highlights import (
    MonthWindow,
    attribution_sentence,
    labelled_credits,
    listening_highlights,
    month_attribution,
    relationship_highlights,
)
from socialrx.server.lib.analytics_report_text import (
    PACING_WORDS,
    STATE_ORDER,
    count,
    executive_summary,
    kpi_bucket,
    kpi_sort_key,
    kpi_title,
    money,
    network_label,
    outlook_sentence,
    percent,
    plain_need,
    target_text,
)
from socialrx.server.lib.charts import svg_data_uri

BUCKET_LABELS = {"met": "Met", "on_pace": "On pace", "close": "Within 10%", "off_track": "Off track",
                 "untargeted": "Tracked", "no_data": "No data"}


@dataclass(frozen=True)
class RenderedReport:
    """A rendered monthly report and what it was built from."""

    month: date
    strategy_label: str
    pdf: bytes
    pages: int


def render_monthly_report(month: date | None = None) -> RenderedReport:
    """Return the monthly report for `month` (the latest month with data when None) as a PDF."""
    from weasyprint import HTML  # imported late: it loads Pango, which only reports need

    report = OverviewRunner(month).run()
    html = render_to_string("socialrx/report_monthly.html", report_context(report))
    document = HTML(string=html).render()
    return RenderedReport(report.month, report.strategy_label, document.write_pdf(), len(document.pages))


def report_context(report: OverviewReport) -> dict[str, object]:
    """Return everything the report template shows, already in words and formatted figures."""
    scope = analytics_scope(report.kpi.as_of)
    strategy, currency = scope.strategy, report.currency
    names = {p.key: p.name for p in strategy.platforms}
    order = {p.key: index for index, p in enumerate(strategy.platforms)}
    window = MonthWindow.of(report.month, scope.tz)
    kpis = sorted(report.kpi.kpis, key=lambda k: kpi_sort_key(k, order))
    attribution = month_attribution(window)
    month_name = f"{report.month:%B %Y}"
    return {
        "cover": {"organisation": strategy.organisation.name, "strategy": scope.version.name,
                  "version": scope.version.number, "month": month_name, "timezone": strategy.organisation.timezone,
                  "as_of": report.kpi.as_of, "generated": f"{now().astimezone(scope.tz):%B %-d, %Y, %H:%M}"},
        "summary": executive_summary(kpis, report.forecast.outlooks, report.pacing.platforms, currency=currency,
                                     month_name=month_name, names=names),
        "kpis": [_kpi_row(k, currency, names) for k in kpis],
        "followers": _follower_rows(report, names),
        "pacing": _pacing_rows(report, names),
        "attribution": {"sentence": attribution_sentence(window, attribution, currency, names),
                        "has_value": attribution.total_value > 0,
                        "rows": [{"channel": c.channel, "conversions": f"{c.conversions:,.1f}",
                                  "value": money(c.value, currency)}
                                 for c in labelled_credits(attribution.channels, names).credits]},
        "pillars": _pillar_rows(report, strategy),
        "listening": listening_highlights(window),
        "relationships": relationship_highlights(window),
        "charts": _charts(report, names, labelled_credits(attribution.channels, names)),
    }


def _kpi_row(kpi, currency: str, names: dict[str, str]) -> dict[str, str]:
    bucket = kpi_bucket(kpi)
    note = plain_need(kpi.note, names) if kpi.note and kpi.actual is None else ""
    return {"name": kpi_title(kpi, names), "target": target_text(kpi, currency), "bucket": bucket,
            "actual": format_value(kpi.actual, kpi.unit, currency), "status": BUCKET_LABELS[bucket], "note": note}


def _follower_rows(report: OverviewReport, names: dict[str, str]) -> list[dict[str, object]]:
    outlooks = sorted(report.forecast.outlooks, key=lambda o: STATE_ORDER.get(o.state, 3))
    return [{"network": network_label(o.network, names), "current": count(o.current), "target": count(o.target),
             "deadline": o.deadline, "state": o.state or "none",
             "status": {"on_track": "Likely", "at_risk": "Uncertain", "off_track": "Unlikely"}.get(o.state, "No data"),
             "text": outlook_sentence(o, names)} for o in outlooks]


def _pacing_rows(report: OverviewReport, names: dict[str, str]) -> list[dict[str, str]]:
    currency = report.currency
    rows = sorted(report.pacing.platforms, key=lambda p: -p.report.budget)
    return [{"platform": network_label(p.platform, names), "budget": money(p.report.budget, currency),
             "spent": money(p.report.spend_to_date, currency), "expected": money(p.report.expected_to_date, currency),
             "projected": money(p.report.projected_linear, currency),
             "per_lead": money(p.report.cost_per_lead, currency) if p.report.cost_per_lead is not None else "—",
             "pacing": f"{PACING_WORDS.get(p.report.flag, p.report.flag).capitalize()} "
                       f"({percent(p.report.pacing_index, 0)})", "flag": p.report.flag} for p in rows]


def _pillar_rows(report: OverviewReport, strategy) -> list[dict[str, str]]:
    labels = {p.key: p.name for p in strategy.content_pillars}
    content = ContentRunner(report.month, month_end(report.month)).run()
    rows = sorted(content.pillars, key=lambda p: (-p.posts, p.label))
    return [{"pillar": labels.get(p.label) or p.label.replace("_", " ").capitalize(), "posts": count(p.posts),
             "share": percent(p.share, 0), "planned": percent(p.planned_share, 0),
             "engagement": percent(p.engagement_rate) if p.posts else "—"} for p in rows]


def _charts(report: OverviewReport, names: dict[str, str], credits) -> dict[str, object]:
    followers = [svg_data_uri(charts.followers_chart(report.forecast.history.get(card.key, ()),
                                                            replace(card.outlook, network=names[card.key])))
                 for card in report.networks if card.outlook is not None]
    months = [m.month for m in report.kpi.months][-6:]
    overall = []
    for kpi in report.overall:
        if kpi.history:
            values = list(kpi.history)[-len(months):]
            overall.append(svg_data_uri(charts.monthly_chart(
                kpi.name, months[-len(values):], values, target=kpi.target, unit=kpi.unit)))
    rows = sorted(report.pacing.platforms, key=lambda p: -p.report.budget)
    spend = svg_data_uri(charts.spend_chart(
        [network_label(r.platform, names) for r in rows], [r.report.spend_to_date for r in rows],
        [r.report.expected_to_date for r in rows], [r.report.budget for r in rows])) if rows else ""
    credit = svg_data_uri(charts.credit_chart(credits, title="Opportunities credited by channel")) \
        if credits.credits else ""
    return {"followers": followers, "overall": overall, "spend": spend, "credit": credit}
