"""Analytics endpoints: KPIs, forecasts, attribution, pacing, imports and monthly values entered by hand."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from django.http import Http404
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from socialrx.core.analytics.imports.tabular import ExportFormatError
from socialrx.server.actions.analytics import import_export, set_monthly_value
from socialrx.server.lib.analytics import (
    ATTRIBUTION_MODELS,
    AttributionQuery,
    AttributionRunner,
    ForecastQuery,
    ForecastRunner,
    KpiQuery,
    KpiRunner,
    NoStrategy,
    PacingQuery,
    PacingRunner,
    access_analytics,
)
from socialrx.server.models import AnalyticsImport

router = Router(tags=["analytics"])


class AnalyticsImportOut(Schema):
    file_name: str
    format: str
    rows_read: int
    created: int
    updated: int
    unchanged: int
    already_imported: bool
    summary: str


class ImportErrorOut(Schema):
    detail: str
    problems: list[dict] = []


def _month(text: str | None) -> date | None:
    if not text:
        return None
    try:
        year, month = text.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise HttpError(400, f"{text!r} is not a month (YYYY-MM).") from None


def _run(runner) -> dict:
    try:
        return asdict(runner.run())
    except NoStrategy as exc:
        raise Http404(str(exc)) from None


@router.get("/kpis", summary="Every KPI of the active strategy for a month")
def kpis(request, month: str | None = None) -> dict:
    access_analytics(request.user)
    report = _run(KpiRunner(KpiQuery(month=_month(month))))
    report.pop("months")
    return report


@router.get("/forecasts", summary="Required growth, forecast and P(met) for each follower target")
def forecasts(request) -> dict:
    access_analytics(request.user)
    return _run(ForecastRunner(ForecastQuery()))


@router.get("/attribution", summary="Conversions and value credited by one model")
def attribution(request, model: str = "markov") -> dict:
    access_analytics(request.user)
    if model not in ATTRIBUTION_MODELS:
        raise HttpError(400, f"Unknown model {model!r}; use one of {', '.join(ATTRIBUTION_MODELS)}.")
    return _run(AttributionRunner(AttributionQuery(model)))  # type: ignore[arg-type]


@router.get("/pacing", summary="Ad spend against the strategy's monthly budgets")
def pacing(request) -> dict:
    access_analytics(request.user)
    return _run(PacingRunner(PacingQuery()))


@router.get("/imports", response=list[dict], summary="Imported export files")
def imports(request) -> list[dict]:
    access_analytics(request.user, capability="import_analytics")
    return list(AnalyticsImport.objects.values("id", "file_name", "format", "content_hash", "rows_read",
                                               "rows_created", "rows_updated", "rows_unchanged", "imported_at")[:200])


@router.post("/imports", response={200: AnalyticsImportOut, 400: ImportErrorOut}, summary="Import an export file (all or nothing)")
def upload(request, file: UploadedFile = File(...), kind: str | None = Form(None)):
    access_analytics(request.user, capability="import_analytics")
    try:
        outcome = import_export(request.user, file.read(), file_name=file.name or "upload.csv", kind=kind)
    except ExportFormatError as exc:
        return Status(400, {"detail": "The file was not imported; nothing was saved.",
                     "problems": [asdict(problem) for problem in exc.problems]})
    return Status(200, {"file_name": file.name or "upload.csv", "format": outcome.format, "rows_read": outcome.rows_read,
                 "created": outcome.created, "updated": outcome.updated, "unchanged": outcome.unchanged,
                 "already_imported": outcome.already_imported, "summary": outcome.summary})


class MonthlyValueIn(Schema):
    series: str
    month: str
    value: float


class MonthlyValueOut(Schema):
    series: str
    month: str
    value: float


@router.post("/monthly-values", response=MonthlyValueOut,
             summary="Enter one month's value of a manual series (manual.<name>, or manual.<KPI key>)")
def set_monthly_value_endpoint(request, payload: MonthlyValueIn):
    access_analytics(request.user, capability="import_analytics")
    month = _month(payload.month)
    if month is None:
        raise HttpError(400, "month: give a month like 2026-11.")
    row = set_monthly_value(request.user, payload.series, month, payload.value)  # refusals are 400s (ActionError)
    return {"series": row.series, "month": f"{row.start:%Y-%m}", "value": row.value}
