"""Analytics pages: overview, one page per network, imports and monthly values, CSV exports and the monthly PDF."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from socialrx.core.analytics.imports.tabular import ExportFormatError
from socialrx.core.analytics.kpi_metrics import manual_series
from socialrx.core.csv_cells import safe_csv_writer
from socialrx.server.actions import ActionError
from socialrx.server.actions.analytics import do_set_report_opt_in, import_export, set_monthly_value
from socialrx.server.lib.access import active_strategy_version, has_capability
from socialrx.server.lib.analytics import (
    ATTRIBUTION_LABELS,
    ATTRIBUTION_MODELS,
    AttributionQuery,
    AttributionRunner,
    ComparisonRunner,
    ContentRunner,
    NoStrategy,
    access_analytics,
    analytics_scope,
)
from socialrx.server.lib.analytics_charts import credit_chart, monthly_chart
from socialrx.server.lib.analytics_overview import OverviewRunner, kpi_row, overview_charts
from socialrx.server.lib.analytics_queries import add_months, month_end
from socialrx.server.lib.analytics_report import render_monthly_report
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.models import AnalyticsImport, ReportRecipient, SeriesSource, SeriesValue


def parse_month(text: str | None) -> date | None:
    """Return the first day of a `YYYY-MM` month, or None when not given; raise Http404 when unreadable."""
    if not text:
        return None
    try:
        year, month = text.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise Http404(f"{text!r} is not a month (YYYY-MM).") from None


def _range(request: HttpRequest, month: date) -> tuple[date, date]:
    try:
        start = date.fromisoformat(request.GET["start"]) if request.GET.get("start") else month
        end = date.fromisoformat(request.GET["end"]) if request.GET.get("end") else month_end(month)
    except ValueError:
        raise Http404("Dates are written YYYY-MM-DD.") from None
    if end < start:
        start, end = end, start
    return start, end


def _no_strategy(request: HttpRequest, exc: NoStrategy) -> HttpResponse:
    return render(request, "socialrx/analytics_empty.html", {"reason": str(exc)})


@login_required
def analytics_overview(request: HttpRequest) -> HttpResponse:
    access_analytics(request.user)
    try:
        report = OverviewRunner(parse_month(request.GET.get("month"))).run()
    except NoStrategy as exc:
        return _no_strategy(request, exc)
    start, end = _range(request, report.month)
    context = {
        "report": report, "charts": overview_charts(report),
        "kpis": [kpi_row(k, report.currency) for k in report.kpi.kpis],
        "overall": [kpi_row(k, report.currency) for k in report.overall],
        "comparison": ComparisonRunner(start, end).run(),
        "previous_month": add_months(report.month, -1), "next_month": add_months(report.month, 1),
        "can_import": has_capability(request.user, "import_analytics"),
        "opted_in": ReportRecipient.objects.filter(user=request.user).exists(),
        "imports": AnalyticsImport.objects.count(),
    }
    return render(request, "socialrx/analytics.html", context)


@login_required
def analytics_network(request: HttpRequest, network: str) -> HttpResponse:
    access_analytics(request.user)
    try:
        report = OverviewRunner(parse_month(request.GET.get("month"))).run()
    except NoStrategy as exc:
        return _no_strategy(request, exc)
    card = next((c for c in report.networks if c.key == network), None)
    if card is None:
        raise Http404(f"The strategy has no network {network!r}.")
    start, end = _range(request, report.month)
    months = [m.month for m in report.kpi.months][-6:]
    charts = overview_charts(report)
    kpi_charts = [
        monthly_chart(k.name, months[-len(k.history):], k.history, target=k.target, unit=k.unit)
        for k in card.kpis if k.history
    ]
    context = {
        "report": report, "card": card, "follower_chart": charts.get(f"followers_{network}", ""),
        "kpi_charts": kpi_charts, "kpis": [kpi_row(k, report.currency) for k in card.kpis],
        "content": ContentRunner(start, end, network=network).run(), "start": start, "end": end,
        "comparison": [r for r in ComparisonRunner(start, end).run().rows if r.network == network],
    }
    return render(request, "socialrx/analytics_network.html", context)


@login_required
def analytics_attribution(request: HttpRequest) -> HttpResponse:
    access_analytics(request.user)
    model = request.GET.get("model", "markov")
    if model not in ATTRIBUTION_MODELS:
        raise Http404(f"Unknown attribution model {model!r}.")
    report = AttributionRunner(AttributionQuery(model)).run()  # type: ignore[arg-type]
    context = {"report": report, "model": model, "models": ATTRIBUTION_LABELS,
               "chart": credit_chart(report.channels) if report.channels.credits else ""}
    return render(request, "socialrx/analytics_attribution.html", context)


@login_required
def analytics_imports(request: HttpRequest) -> HttpResponse:
    access_analytics(request.user, capability="import_analytics")
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors, status = ["Choose an export file (.csv) to import."], 400
        else:
            try:
                outcome = import_export(request.user, upload.read(), file_name=upload.name,
                                        kind=request.POST.get("kind") or None)
            except ExportFormatError as exc:
                errors, status = [str(problem) for problem in exc.problems], 400
            except ActionError as exc:
                errors, status = [str(exc)], 400
            else:
                messages.success(request, f"{upload.name}: {outcome.summary}")
                return redirect("analytics-imports")
    return _imports_page(request, errors, status)


def _imports_page(request: HttpRequest, errors: list[str], status: int, entry: dict | None = None) -> HttpResponse:
    version = active_strategy_version()
    strategy = strategy_of(version) if version else None
    manual = sorted({manual_series(k) for k in strategy.kpis} | {name for k in strategy.kpis for name in (k.series, k.per)
                                                                 if name and name.startswith("manual.")}
                    if strategy else set())
    context = {"imports": AnalyticsImport.objects.select_related("imported_by")[:100], "errors": errors,
               "manual_series": manual, "entry": entry or {},
               "monthly_values": SeriesValue.objects.filter(source=SeriesSource.MANUAL)
               .select_related("entered_by").order_by("-start", "series")[:50]}
    return render(request, "socialrx/analytics_imports.html", context, status=status)


@login_required
@require_POST
def analytics_monthly_value(request: HttpRequest) -> HttpResponse:
    access_analytics(request.user, capability="import_analytics")
    entry = {name: request.POST.get(name, "").strip() for name in ("series", "month", "value")}
    try:
        month = parse_month(entry["month"])
        value = float(entry["value"].replace(",", "."))
        if month is None:
            raise ValueError("no month")
    except (Http404, ValueError):
        return _imports_page(request, [f"Write the month as YYYY-MM and the value as a number "
                                       f"(got {entry['month']!r} and {entry['value']!r})."], 400, entry)
    try:
        row = set_monthly_value(request.user, entry["series"], month, value)  # type: ignore[arg-type]
    except ActionError as exc:
        return _imports_page(request, [str(exc)], 400, entry)
    messages.success(request, f"Saved {row.series} for {row.start:%B %Y}: {row.value:g}.")
    return redirect("analytics-imports")


@login_required
@require_POST
def analytics_report_opt_in(request: HttpRequest) -> HttpResponse:
    try:
        do_set_report_opt_in(request.user, opted_in=request.POST.get("opt_in") == "1")
    except ActionError as exc:
        messages.error(request, str(exc))
    return redirect("analytics")


@login_required
def analytics_report_pdf(request: HttpRequest) -> HttpResponse:
    access_analytics(request.user)
    try:
        rendered = render_monthly_report(parse_month(request.GET.get("month")))
    except NoStrategy as exc:
        return _no_strategy(request, exc)
    response = HttpResponse(rendered.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="socialrx-report-{rendered.month:%Y-%m}.pdf"'
    return response


@login_required
def analytics_csv(request: HttpRequest, table: str) -> HttpResponse:
    access_analytics(request.user)
    builder = CSV_TABLES.get(table)
    if builder is None:
        raise Http404(f"There is no table {table!r}.")
    try:
        header, rows = builder(request)
    except NoStrategy as exc:
        raise Http404(str(exc)) from None
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="socialrx-{table}.csv"'
    writer = safe_csv_writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def _kpi_table(request: HttpRequest) -> tuple[list[str], list[list[object]]]:
    report = OverviewRunner(parse_month(request.GET.get("month"))).run()
    header = ["strategy", "month", "kpi", "name", "network", "unit", "period", "target", "actual", "status",
              "trend", "note"]
    return header, [[report.strategy_label, f"{report.month:%Y-%m}", k.key, k.name, k.network or k.group, k.unit,
                     k.period, k.target, _round(k.actual), k.state or "", k.trend or "", k.note]
                    for k in report.kpi.kpis]


def _forecast_table(request: HttpRequest) -> tuple[list[str], list[list[object]]]:
    report = OverviewRunner(parse_month(request.GET.get("month"))).run()
    header = ["network", "metric", "current", "as_of", "target", "deadline", "required_monthly_growth",
              "trailing_growth", "median_at_deadline", "lower", "upper", "probability", "status", "text"]
    return header, [[o.network, o.metric, o.current, o.as_of, o.target, o.deadline, _round(o.required_growth),
                     _round(o.trailing_growth), _round(o.median_at_deadline), _round(o.lower_at_deadline),
                     _round(o.upper_at_deadline), _round(o.probability), o.state or "", o.text]
                    for o in report.forecast.outlooks]


def _pacing_table(request: HttpRequest) -> tuple[list[str], list[list[object]]]:
    report = OverviewRunner(parse_month(request.GET.get("month"))).run()
    header = ["platform", "as_of", "budget", "spend_to_date", "expected_to_date", "pacing_index", "projected_linear",
              "projected_by_weekday", "cost_per_lead", "cost_per_click", "flag"]
    return header, [[p.platform, report.pacing.as_of, p.report.budget, _round(p.report.spend_to_date),
                     _round(p.report.expected_to_date), _round(p.report.pacing_index),
                     _round(p.report.projected_linear), _round(p.report.projected_by_weekday),
                     _round(p.report.cost_per_lead), _round(p.report.cost_per_click), p.report.flag]
                    for p in report.pacing.platforms]


def _attribution_table(request: HttpRequest) -> tuple[list[str], list[list[object]]]:
    model = request.GET.get("model", "markov")
    if model not in ATTRIBUTION_MODELS:
        raise Http404(f"Unknown attribution model {model!r}.")
    report = AttributionRunner(AttributionQuery(model)).run()  # type: ignore[arg-type]
    rows = []
    for level, result in (("channel", report.channels), ("network", report.networks),
                          ("campaign", report.campaigns), ("post", report.posts)):
        for credit in result.credits if result else ():
            rows.append([model, level, credit.channel, _round(credit.conversions), _round(credit.value)])
    return ["model", "level", "name", "conversions", "value"], rows


def _comparison_table(request: HttpRequest) -> tuple[list[str], list[list[object]]]:
    scope = analytics_scope()
    start, end = _range(request, parse_month(request.GET.get("month")) or scope.as_of.replace(day=1))
    report = ComparisonRunner(start, end).run()
    header = ["network", "start", "end", "impressions", "engagements", "clicks", "new_followers",
              "previous_start", "previous_end", "previous_impressions", "previous_engagements", "previous_clicks",
              "previous_new_followers"]
    return header, [[r.network, report.start, report.end, r.current.impressions, r.current.engagements,
                     r.current.clicks, r.current.new_followers, report.previous_start, report.previous_end,
                     r.previous.impressions, r.previous.engagements, r.previous.clicks, r.previous.new_followers]
                    for r in report.rows]


def _content_table(request: HttpRequest) -> tuple[list[str], list[list[object]]]:
    scope = analytics_scope()
    start, end = _range(request, parse_month(request.GET.get("month")) or scope.as_of.replace(day=1))
    report = ContentRunner(start, end, network=request.GET.get("network") or None).run()
    rows = [[kind, r.label, r.posts, _round(r.share), _round(r.planned_share), _round(r.engagement_rate)]
            for kind, group in (("pillar", report.pillars), ("series", report.series), ("hour", report.best_hours))
            for r in group]
    return ["group", "label", "posts", "share", "planned_share", "engagement_rate"], rows


def _imports_table(request: HttpRequest) -> tuple[list[str], list[list[object]]]:
    if not has_capability(request.user, "import_analytics"):
        raise PermissionDenied("You need the 'import analytics' permission for this.")
    header = ["file", "format", "sha256", "rows_read", "created", "updated", "unchanged", "by", "at"]
    return header, [[i.file_name, i.format, i.content_hash, i.rows_read, i.rows_created, i.rows_updated,
                     i.rows_unchanged, i.imported_by.username if i.imported_by else "system", i.imported_at]
                    for i in AnalyticsImport.objects.select_related("imported_by")]


def _round(value: float | None) -> float | str:
    return "" if value is None else round(value, 6)


CSV_TABLES = {
    "kpis": _kpi_table, "forecasts": _forecast_table, "pacing": _pacing_table, "attribution": _attribution_table,
    "comparison": _comparison_table, "content": _content_table, "imports": _imports_table,
}
