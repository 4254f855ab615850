"""The monthly PDF report: the overview's tables and SVG charts rendered by WeasyPrint."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string

from socialrx.server.lib.analytics import ATTRIBUTION_LABELS, AttributionQuery, AttributionRunner
from socialrx.server.lib.analytics_charts import credit_chart
from socialrx.server.lib.analytics_overview import OverviewRunner, kpi_row, overview_charts
from socialrx.server.lib.charts import svg_data_uri


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
    attribution = AttributionRunner(AttributionQuery("markov")).run()
    context = {
        "report": report,
        "kpis": [kpi_row(k, report.currency) for k in report.kpi.kpis],
        "charts": {name: svg_data_uri(svg) for name, svg in overview_charts(report).items()},
        "attribution": attribution,
        "attribution_label": ATTRIBUTION_LABELS["markov"],
        "attribution_chart": svg_data_uri(credit_chart(attribution.channels)) if attribution.channels.credits else "",
    }
    html = render_to_string("socialrx/report_monthly.html", context)
    document = HTML(string=html).render()
    return RenderedReport(report.month, report.strategy_label, document.write_pdf(), len(document.pages))
