"""Listening endpoints: saved queries (with syntax checks), sources and their health, mentions, alerts."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from socialrx.server.actions.listening import (
    QueryTextError,
    acknowledge_alert,
    enter_crisis_mode,
    poll_now,
    save_query,
)
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.listening_insights import PAGE_SIZE, MentionFilter, mention_page
from socialrx.server.lib.listening_queries import query_problem
from socialrx.server.lib.publishing import publishing_switch
from socialrx.server.models import Alert, AlertStatus, ListeningQuery, ListeningSource, StoredMention

router = Router(tags=["listening"])


class QueryOut(Schema):
    id: int
    key: str
    name: str
    text: str
    kind: str
    is_own_brand: bool
    enabled: bool


class QueryIn(Schema):
    name: str
    text: str
    key: str = ""
    kind: str = "custom"
    enabled: bool = True


class ValidateIn(Schema):
    text: str


class QueryCheckOut(Schema):
    valid: bool
    message: str = ""
    position: int | None = None
    caret: str = ""


class QueryErrorOut(Schema):
    detail: str
    position: int | None = None
    caret: str = ""


class SourceOut(Schema):
    id: int
    name: str
    kind: str
    url: str
    search_query: str
    enabled: bool
    health: str
    poll_minutes: int
    last_fetched_at: datetime | None
    last_success_at: datetime | None
    last_error: str
    last_error_at: datetime | None
    error_count: int
    next_poll_at: datetime | None
    mention_count: int


class PollOut(Schema):
    ok: bool
    not_modified: bool
    stored: int
    error: str
    next_poll_at: datetime | None
    source: SourceOut


class MentionOut(Schema):
    id: int
    source: str
    url: str
    site: str
    title: str
    text: str
    author: str
    lang: str
    published_at: datetime
    sentiment: float
    sentiment_label: str
    is_copy: bool
    story_id: str


class MentionPageOut(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[MentionOut]


class AlertOut(Schema):
    id: int
    rule: str
    kind: str
    status: str
    message: str
    hour: datetime
    count: int
    baseline: float
    p_value: float
    mention_id: int | None
    raised_at: datetime
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    offers_crisis: bool
    crisis_entered_at: datetime | None


class CrisisOut(Schema):
    alert: AlertOut
    publishing_paused: bool
    crisis: bool


def _query_out(query: ListeningQuery) -> QueryOut:
    return QueryOut(id=query.pk, key=query.key, name=query.name, text=query.text, kind=query.kind,
                    is_own_brand=query.is_own_brand, enabled=query.enabled)


def _source_out(source: ListeningSource) -> SourceOut:
    fields = ("name", "kind", "url", "search_query", "enabled", "health", "poll_minutes", "last_fetched_at",
              "last_success_at", "last_error", "last_error_at", "error_count", "next_poll_at", "mention_count")
    return SourceOut(id=source.pk, **{field: getattr(source, field) for field in fields})


def _mention_out(mention: StoredMention) -> MentionOut:
    return MentionOut(id=mention.pk, source=mention.source.name, url=mention.url, site=mention.site, title=mention.title,
                      text=mention.text, author=mention.author, lang=mention.lang, published_at=mention.published_at,
                      sentiment=mention.sentiment, sentiment_label=mention.sentiment_label, is_copy=mention.is_copy,
                      story_id=mention.story_id)


def _alert_out(alert: Alert) -> AlertOut:
    return AlertOut(id=alert.pk, rule=alert.rule.name, kind=alert.kind, status=alert.status, message=alert.message,
                    hour=alert.hour, count=alert.count, baseline=alert.baseline, p_value=alert.p_value,
                    mention_id=alert.mention_id, raised_at=alert.raised_at,
                    acknowledged_by=alert.acknowledged_by.get_username() if alert.acknowledged_by else None,
                    acknowledged_at=alert.acknowledged_at, offers_crisis=alert.rule.offers_crisis,
                    crisis_entered_at=alert.crisis_entered_at)


def _alert(alert_id: int) -> Alert:
    return get_object_or_404(Alert.objects.select_related("rule", "acknowledged_by"), pk=alert_id)


# Queries


@router.get("/queries", response=list[QueryOut])
def list_queries(request):
    """Return every saved query (view_dashboards)."""
    require_capability(request.user, "view_dashboards")
    return [_query_out(q) for q in ListeningQuery.objects.all()]


@router.post("/queries/validate", response=QueryCheckOut)
def validate_query(request, payload: ValidateIn):
    """Check query syntax without saving: the message, the 0-based position and a caret under it."""
    require_capability(request.user, "view_dashboards")
    problem = query_problem(payload.text)
    if problem is None:
        return QueryCheckOut(valid=True)
    return QueryCheckOut(valid=False, message=problem.message, position=problem.position, caret=problem.caret)


@router.post("/queries", response={200: QueryOut, 400: QueryErrorOut})
def create_query(request, payload: QueryIn):
    """Save a new query (manage_listening); a syntax error is a 400 with its position."""
    try:
        query = save_query(request.user, key=payload.key or payload.name, name=payload.name, text=payload.text,
                           kind=payload.kind, enabled=payload.enabled)
    except QueryTextError as error:
        return Status(400, QueryErrorOut(detail=str(error), position=error.position, caret=error.caret))
    return _query_out(query)


# Sources


@router.get("/sources", response=list[SourceOut])
def list_sources(request):
    """Return every source with its health: last fetched, last success, last error, next poll."""
    require_capability(request.user, "view_dashboards")
    return [_source_out(s) for s in ListeningSource.objects.all()]


@router.get("/sources/{source_id}", response=SourceOut)
def source_health(request, source_id: int):
    """Return one source's health."""
    require_capability(request.user, "view_dashboards")
    return _source_out(get_object_or_404(ListeningSource, pk=source_id))


@router.post("/sources/{source_id}/poll", response=PollOut)
def source_poll(request, source_id: int):
    """Fetch a polled source now (manage_listening); a failed fetch is reported, not raised."""
    require_capability(request.user, "manage_listening")
    get_object_or_404(ListeningSource, pk=source_id)
    outcome = poll_now(request.user, source_id)
    return PollOut(ok=outcome.ok, not_modified=outcome.not_modified, stored=outcome.stored, error=outcome.error,
                   next_poll_at=outcome.next_poll_at, source=_source_out(ListeningSource.objects.get(pk=source_id)))


# Mentions


@router.get("/mentions", response=MentionPageOut)
def list_mentions(request, query: int | None = None, sentiment: str = "", source: int | None = None, lang: str = "",
                  q: str = "", days: int = 30, copies: bool = False, page: int = 1):
    """Return one page of mentions, newest first, filtered by query, sentiment, source, language and words in ``q``.

    Copies of a story are left out unless ``copies`` is true, so counts agree with the listening overview.
    """
    wanted = MentionFilter(query=query, sentiment=sentiment, source=source, lang=lang.strip()[:8], text=q.strip()[:200],
                           days=max(1, min(days, 3650)), copies=copies)
    found = mention_page(request.user, wanted, max(1, page))
    return MentionPageOut(count=found.paginator.count, page=found.number, pages=found.paginator.num_pages,
                          page_size=PAGE_SIZE, results=[_mention_out(m) for m in found])


# Alerts


@router.get("/alerts", response=list[AlertOut])
def list_alerts(request, status: str = ""):
    """Return the latest alerts, optionally only ``open`` or ``acknowledged`` ones."""
    require_capability(request.user, "view_dashboards")
    rows = Alert.objects.select_related("rule", "acknowledged_by")
    if status in AlertStatus.values:
        rows = rows.filter(status=status)
    return [_alert_out(a) for a in rows[:200]]


@router.post("/alerts/{alert_id}/acknowledge", response=AlertOut)
def alert_acknowledge(request, alert_id: int):
    """Mark an alert as seen (manage_listening)."""
    acknowledge_alert(request.user, _alert(alert_id).pk)
    return _alert_out(_alert(alert_id))


@router.post("/alerts/{alert_id}/crisis", response=CrisisOut)
def alert_crisis(request, alert_id: int):
    """Enter crisis mode from an alert whose rule offers it (manage_crisis): scheduled publishing pauses."""
    enter_crisis_mode(request.user, _alert(alert_id).pk)
    switch = publishing_switch()
    return CrisisOut(alert=_alert_out(_alert(alert_id)), publishing_paused=switch.paused, crisis=switch.crisis)
