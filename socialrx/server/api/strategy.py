"""Strategy endpoints: the active strategy, its versions, and uploading a new version."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema, Status

from socialrx.core.strategy import StrategyError
from socialrx.server.actions.strategy import upload_strategy
from socialrx.server.lib.access import (
    access_strategy_version_by_number,
    active_strategy_version,
    require_capability,
)
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.models import StrategyVersion

router = Router(tags=["strategy"])


class VersionOut(Schema):
    number: int
    name: str
    content_hash: str
    is_active: bool
    source_filename: str
    note: str
    created_at: datetime
    created_by: str | None


class VersionDetailOut(VersionOut):
    yaml: str
    strategy: dict


class UploadIn(Schema):
    yaml: str
    filename: str = "upload.yaml"
    note: str = ""


class IssueOut(Schema):
    file: str
    line: int | None
    path: str
    message: str


class InvalidStrategyOut(Schema):
    detail: str
    issues: list[IssueOut]


class ErrorOut(Schema):
    detail: str


def _version(v: StrategyVersion, *, detail: bool = False) -> dict:
    out = {
        "number": v.number,
        "name": v.name,
        "content_hash": v.content_hash,
        "is_active": v.is_active,
        "source_filename": v.source_filename,
        "note": v.note,
        "created_at": v.created_at,
        "created_by": v.created_by.get_username() if v.created_by else None,
    }
    if detail:
        out |= {"yaml": v.yaml_text, "strategy": strategy_of(v).model_dump(mode="json")}
    return out


@router.get("", response={200: VersionDetailOut, 404: ErrorOut}, summary="The active strategy")
def active(request):
    require_capability(request.user, "view_dashboards")
    version = active_strategy_version()
    if version is None:
        return Status(404, {"detail": "No strategy has been loaded yet."})
    return Status(200, _version(version, detail=True))


@router.get("/versions", response=list[VersionOut], summary="Every strategy version, newest first")
def versions(request):
    require_capability(request.user, "view_dashboards")
    return [_version(v) for v in StrategyVersion.objects.select_related("created_by")]


@router.get("/versions/{number}", response=VersionDetailOut, summary="One strategy version")
def version(request, number: int):
    return _version(access_strategy_version_by_number(request.user, number), detail=True)


@router.post(
    "/versions",
    response={201: VersionOut, 400: ErrorOut, 403: ErrorOut, 422: InvalidStrategyOut},
    summary="Upload a new strategy version (validated first; activated when valid)",
)
def upload(request, payload: UploadIn):
    require_capability(request.user, "manage_strategy")
    try:
        version = upload_strategy(request.user, payload.yaml, filename=payload.filename, note=payload.note)
    except StrategyError as exc:
        issues = [{"file": i.file, "line": i.line, "path": i.path, "message": i.message} for i in exc.issues]
        return Status(422, {"detail": f"{len(issues)} problem(s) in {payload.filename}", "issues": issues})
    return Status(201, _version(version))
