"""The analytics commands of `socialrx`: import, kpi, forecast, attribution and report.

Django is set up inside each command (and the database checked for unapplied migrations), so `socialrx --help` stays fast.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console


class ImportKind(StrEnum):
    linkedin = "linkedin"
    x = "x"
    youtube = "youtube"
    ga4 = "ga4"
    ads = "ads"
    crm = "crm"


class Model(StrEnum):
    first = "first"
    last = "last"
    linear = "linear"
    time_decay = "time_decay"
    position = "position"
    markov = "markov"


def _month(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        year, month = text.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a month; write YYYY-MM") from None


def _json(value: object) -> str:
    return json.dumps(value, indent=2, default=str)


def register(app: typer.Typer, console: Console, err: Console, setup: Callable[[], None]) -> None:
    """Add the analytics commands to the `socialrx` app."""

    def ready() -> None:
        setup()

    @app.command("import")
    def import_file(
        kind: Annotated[ImportKind, typer.Argument(help="Which export this is.")],
        file: Annotated[Path, typer.Argument(help="The export file (CSV).")],
        total: Annotated[int | None, typer.Option(help="Today's follower total, to rebuild daily totals.")] = None,
    ) -> None:
        """Import an analytics export, all or nothing; importing the same file again changes nothing."""
        ready()
        from socialrx.core.analytics.imports.tabular import ExportFormatError
        from socialrx.server.actions import ActionError
        from socialrx.server.actions.analytics import import_export

        try:
            outcome = import_export(None, file.read_bytes(), file_name=file.name, kind=kind.value, current_total=total)
        except ExportFormatError as exc:
            err.print(f"[red]{file.name} was not imported; nothing was saved. {len(exc.problems)} problem(s):[/]")
            for problem in exc.problems:
                err.print(f"  {problem}", markup=False, highlight=False)
            raise typer.Exit(1) from None
        except (ActionError, OSError) as exc:
            err.print(str(exc), markup=False)
            raise typer.Exit(1) from None
        console.print(outcome.summary, markup=False)

    @app.command("kpi")
    def kpi(
        month: Annotated[str | None, typer.Option(help="YYYY-MM (default: the latest month with data).")] = None,
        as_json: Annotated[bool, typer.Option("--json")] = False,
    ) -> None:
        """Show every KPI of the active strategy with target, actual, status and trend."""
        ready()
        from socialrx.server.lib.analytics import KpiQuery, KpiRunner, NoStrategy
        from socialrx.server.lib.analytics_overview import kpi_row

        try:
            report = KpiRunner(KpiQuery(month=_month(month))).run()
        except NoStrategy as exc:
            err.print(str(exc))
            raise typer.Exit(1) from None
        if as_json:
            data = asdict(report)
            data.pop("months")
            typer.echo(_json(data))
            return
        console.print(f"KPIs for {report.month:%B %Y}, strategy {report.strategy_label}")
        for row in map(kpi_row, report.kpis):
            note = f" ({row['note']})" if row["state"] == "none" and row["note"] else ""
            console.print(f"  {row['area']:<10} {row['name']:<45} {row['actual']:>12} / {row['target']:<18} "
                          f"{row['state_label']} {row['trend']}{note}", markup=False, soft_wrap=True)

    @app.command("kpi-entry")
    def kpi_entry(
        series: Annotated[str, typer.Argument(help="manual.<name>, e.g. manual.doximity_cme (manual.<KPI key> "
                                                   "fills that KPI when no import measures it).")],
        month: Annotated[str, typer.Argument(help="YYYY-MM")],
        value: Annotated[float, typer.Argument(help="The month's value (percentages as numbers of percent).")],
        acting: Annotated[str | None, typer.Option("--as", help="Username of the person entering it.")] = None,
    ) -> None:
        """Enter (or correct) one month's value of a series no export carries."""
        ready()
        from django.contrib.auth import get_user_model
        from django.core.exceptions import PermissionDenied

        from socialrx.server.actions import ActionError
        from socialrx.server.actions.analytics import set_monthly_value

        user = None
        if acting is not None:
            user = get_user_model().objects.filter(username=acting, is_active=True).first()
            if user is None:
                err.print(f"No active person named {acting!r}.", markup=False)
                raise typer.Exit(1)
        try:
            row = set_monthly_value(user, series, _month(month), value)  # type: ignore[arg-type]
        except (ActionError, PermissionDenied) as exc:
            err.print(str(exc) or "You may not enter analytics values.", markup=False)
            raise typer.Exit(1) from None
        console.print(f"Saved {row.series} for {row.start:%B %Y}: {row.value:g}", markup=False)

    @app.command("forecast")
    def forecast(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
        """Show, for each follower target, the growth it needs, the forecast and P(met by the date)."""
        ready()
        from socialrx.server.lib.analytics import ForecastQuery, ForecastRunner, NoStrategy

        try:
            report = ForecastRunner(ForecastQuery()).run()
        except NoStrategy as exc:
            err.print(str(exc))
            raise typer.Exit(1) from None
        if as_json:
            data = asdict(report)
            data.pop("history")
            typer.echo(_json(data))
            return
        for outlook in report.outlooks:
            console.print(f"{outlook.network}: {outlook.text}", markup=False)

    @app.command("attribution")
    def attribution(
        model: Annotated[Model, typer.Option(help="Attribution model.")] = Model.markov,
        file: Annotated[Path | None, typer.Option(help="Journeys: path (a > b), total_conversions, "
                                                        "total_conversion_value, total_null.")] = None,
        as_json: Annotated[bool, typer.Option("--json")] = False,
    ) -> None:
        """Credit conversions and value to channels (from a journeys file, or the CRM leads in the database)."""
        ready()
        from socialrx.core.analytics.attribution.journeys import read_reference_journeys
        from socialrx.core.analytics.imports.tabular import ExportFormatError
        from socialrx.server.lib.analytics import AttributionQuery, AttributionRunner

        journeys = None
        if file is not None:
            try:
                journeys = read_reference_journeys(file.read_text(encoding="utf-8"), file_name=file.name)
            except ExportFormatError as exc:
                for problem in exc.problems:
                    err.print(str(problem), markup=False)
                raise typer.Exit(1) from None
        report = AttributionRunner(AttributionQuery(model.value, journeys)).run()  # type: ignore[arg-type]
        channels = [{"channel": c.channel, "conversions": c.conversions, "value": c.value}
                    for c in report.channels.credits]
        if as_json:
            typer.echo(_json({"model": model.value, "strategy": report.strategy_label, "journeys": report.journeys,
                              "total_conversions": report.total_conversions, "total_value": report.total_value,
                              "channels": channels}))
            return
        for row in sorted(channels, key=lambda r: -r["conversions"]):
            console.print(f"  {row['channel']:<30} {row['conversions']:>12.2f} {row['value']:>14.2f}", markup=False)

    @app.command("report")
    def report(
        month: Annotated[str, typer.Option(help="YYYY-MM")],
        output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the PDF.")],
    ) -> None:
        """Render the monthly PDF report."""
        ready()
        from socialrx.server.lib.analytics import NoStrategy
        from socialrx.server.lib.analytics_report import render_monthly_report

        try:
            rendered = render_monthly_report(_month(month))
        except NoStrategy as exc:
            err.print(str(exc))
            raise typer.Exit(1) from None
        output.write_bytes(rendered.pdf)
        console.print(f"Wrote {output} ({rendered.pages} pages, strategy {rendered.strategy_label})", markup=False)
