"""The audit log page: filter, page through, export as CSV, and verify the hash chain."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from socialrx.core.csv_cells import safe_csv_writer
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.audit import ACTION_LABELS, verify_chain
from socialrx.server.lib.zone import display_zone
from socialrx.server.models import AuditEvent

PAGE_SIZE = 50
CSV_COLUMNS = ("id", "occurred_at", "action", "label", "actor", "object_type", "object_id", "object_repr",
               "revision_hash", "data", "prev_hash", "entry_hash")


@dataclass(frozen=True)
class AuditFilter:
    """What the person asked to see; empty fields do not filter."""

    action: str = ""
    actor: str = ""
    object: str = ""
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""

    def query_string(self) -> str:
        """Return the filter as URL parameters, for paging and the CSV link."""
        from urllib.parse import urlencode

        values = {"action": self.action, "actor": self.actor, "object": self.object, "text": self.text,
                  "from": self.date_from.isoformat() if self.date_from else "",
                  "to": self.date_to.isoformat() if self.date_to else ""}
        return urlencode({k: v for k, v in values.items() if v})


def _date(value: str, errors: list[str], name: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        errors.append(f"{name}: {value!r} is not a date (YYYY-MM-DD)")
        return None


def parse_filter(params) -> tuple[AuditFilter, list[str]]:
    """Return the filter a request asks for and the problems with it."""
    errors: list[str] = []
    action = params.get("action", "").strip()
    if action and action not in ACTION_LABELS and not action.endswith("."):
        errors.append(f"action: {action!r} is not an action the product records")
        action = ""
    found = AuditFilter(action=action, actor=params.get("actor", "").strip(), object=params.get("object", "").strip(),
                        date_from=_date(params.get("from", ""), errors, "from"),
                        date_to=_date(params.get("to", ""), errors, "to"), text=params.get("text", "").strip())
    if found.date_from and found.date_to and found.date_from > found.date_to:
        errors.append("from: the start date is after the end date")
    return found, errors


def _object_query(value: str) -> Q:
    """Match 'post:12' exactly, or else the object's type or description."""
    kind, _, ident = value.partition(":")
    if ident:
        return Q(object_type__iexact=kind.strip(), object_id=ident.strip())
    return Q(object_type__iexact=value) | Q(object_repr__icontains=value)


def filtered_events(found: AuditFilter) -> QuerySet[AuditEvent]:
    """Return the events matching a filter, newest first (dates are days in the strategy's time zone)."""
    events = AuditEvent.objects.all()
    if found.action:
        events = events.filter(action__startswith=found.action) if found.action.endswith(".") else events.filter(action=found.action)
    if found.actor:
        events = events.filter(actor_label__iexact=found.actor)
    if found.object:
        events = events.filter(_object_query(found.object))
    zone = display_zone()
    if found.date_from:
        events = events.filter(occurred_at__gte=datetime.combine(found.date_from, time.min, zone))
    if found.date_to:
        events = events.filter(occurred_at__lt=datetime.combine(found.date_to + timedelta(days=1), time.min, zone))
    if found.text:
        events = events.annotate(data_text=Cast("data", TextField())).filter(
            Q(object_repr__icontains=found.text) | Q(data_text__icontains=found.text)
            | Q(revision_hash__istartswith=found.text) | Q(actor_label__icontains=found.text)
        )
    return events.order_by("-id")


@login_required
def audit_page(request: HttpRequest) -> HttpResponse:
    """Show the audit log with filters, a page at a time, and the chain check when asked."""
    require_capability(request.user, "view_audit")
    found, errors = parse_filter(request.GET)
    page = Paginator(filtered_events(found), PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page:
        event.label = ACTION_LABELS.get(event.action, event.action)
    context = {
        "page": page,
        "filter": found,
        "query": found.query_string(),
        "errors": errors,
        "actions": sorted(ACTION_LABELS.items()),
        "chain": verify_chain() if request.GET.get("verify") else None,
        "timezone": display_zone(),
    }
    return render(request, "socialrx/audit.html", context, status=400 if errors else 200)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_rows(events: QuerySet[AuditEvent]):
    writer = safe_csv_writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for e in events.iterator(chunk_size=2000):
        yield writer.writerow([e.id, e.occurred_at.isoformat(), e.action, ACTION_LABELS.get(e.action, e.action),
                               e.actor_label, e.object_type, e.object_id, e.object_repr, e.revision_hash,
                               json.dumps(e.data, sort_keys=True), e.prev_hash, e.entry_hash])


@login_required
def audit_csv(request: HttpRequest) -> HttpResponse:
    """Stream the filtered events as CSV, newest first."""
    require_capability(request.user, "view_audit")
    found, errors = parse_filter(request.GET)
    if errors:
        return HttpResponse("\n".join(errors), status=400, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(_csv_rows(filtered_events(found)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="socialrx-audit.csv"'
    return response
