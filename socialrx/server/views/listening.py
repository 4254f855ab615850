"""Listening pages: insights, mentions, sources (health, CSV import, manual entry), queries and alerts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import is_aware, make_aware, now
from django.views.decorators.http import require_POST

from socialrx.server.actions import ActionError
from socialrx.server.actions.inbox import open_item_for_mention
from socialrx.server.actions.listening import (
    CSV_FIELDS,
    QueryTextError,
    acknowledge_alert,
    add_manual_mention,
    create_source,
    ensure_default_queries,
    enter_crisis_mode,
    import_mentions_csv,
    poll_now,
    save_query,
    set_source_enabled,
)
from socialrx.server.lib.access import has_capability, require_capability
from socialrx.server.lib.listening_charts import share_chart, volume_chart
from socialrx.server.lib.listening_insights import (
    MentionFilter,
    daily_series,
    emerging,
    mention_page,
    positive_share,
    share_of_voice,
    top_values,
)
from socialrx.server.lib.publishing import publishing_switch
from socialrx.server.models import Alert, AlertRule, AlertStatus, ListeningQuery, ListeningSource, SourceKind


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _run(request: HttpRequest, action: Callable[[], object], success: str) -> None:
    try:
        action()
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)


@login_required
def listening_page(request: HttpRequest) -> HttpResponse:
    """Show volume and sentiment per query, share of voice, top sources and authors, emerging terms and alerts."""
    require_capability(request.user, "view_dashboards")
    days = _int(request.GET.get("days")) or 90
    since = now() - timedelta(days=days)
    queries = list(ListeningQuery.objects.filter(enabled=True))
    chosen = next((q for q in queries if q.pk == _int(request.GET.get("query"))), None)
    total, positive = positive_share(since)
    sov = share_of_voice(since)
    context = {
        "queries": queries, "chosen": chosen, "days": days, "total": total, "positive": positive,
        "volume_svg": volume_chart(f"{chosen.name if chosen else 'All mentions'}: last {days} days",
                                   daily_series(chosen, since)),
        "share": sov, "share_svg": share_chart(sov) if any(n for _, n, _ in sov) else "",
        "sites": top_values("site", since), "authors": top_values("author", since),
        "emerging": emerging(now()), "alerts": Alert.objects.filter(status=AlertStatus.OPEN).select_related("rule")[:10],
        "failing": ListeningSource.objects.filter(error_count__gt=0, enabled=True),
    }
    return render(request, "socialrx/listening.html", context)


@login_required
def listening_mentions(request: HttpRequest) -> HttpResponse:
    """Show mentions with filters and full-text search."""
    wanted = MentionFilter(query=_int(request.GET.get("query")), sentiment=request.GET.get("sentiment", ""),
                           source=_int(request.GET.get("source")), lang=request.GET.get("lang", "").strip()[:8],
                           text=request.GET.get("q", "").strip()[:200], days=_int(request.GET.get("days")) or 30,
                           copies=request.GET.get("copies") == "1")
    page = mention_page(request.user, wanted, _int(request.GET.get("page")) or 1)
    params = request.GET.copy()
    params.pop("page", None)
    context = {"page": page, "wanted": wanted, "queries": ListeningQuery.objects.all(),
               "sources": ListeningSource.objects.all(), "params": params.urlencode(),
               "can_answer": has_capability(request.user, "answer_inbox")}
    return render(request, "socialrx/listening_mentions.html", context)


@login_required
@require_POST
def listening_mention_to_inbox(request: HttpRequest, mention_id: int) -> HttpResponse:
    item = open_item_for_mention(request.user, mention_id, priority=request.POST.get("priority", "normal"))
    messages.success(request, "The mention is in the inbox.")
    return redirect("inbox-item", item.pk)


@login_required
def listening_sources(request: HttpRequest) -> HttpResponse:
    """Show every source with its health (last fetched, last error, next poll) and the forms to add mentions."""
    require_capability(request.user, "view_dashboards")
    context = {"sources": ListeningSource.objects.all(), "kinds": SourceKind.choices, "csv_fields": CSV_FIELDS,
               "can_manage": has_capability(request.user, "manage_listening")}
    return render(request, "socialrx/listening_sources.html", context)


@login_required
@require_POST
def listening_source_add(request: HttpRequest) -> HttpResponse:
    post = request.POST
    _run(request, lambda: create_source(request.user, name=post.get("name", ""), kind=post.get("kind", ""),
                                        url=post.get("url", ""), search_query=post.get("search_query", ""),
                                        poll_minutes=_int(post.get("poll_minutes")) or 15), "Source added.")
    return redirect("listening-sources")


@login_required
@require_POST
def listening_source_poll(request: HttpRequest, source_id: int) -> HttpResponse:
    get_object_or_404(ListeningSource, pk=source_id)
    outcome = poll_now(request.user, source_id)
    if outcome.ok:
        messages.success(request, "Not modified since the last fetch." if outcome.not_modified
                         else f"Fetched: {outcome.stored} new mention(s).")
    else:
        messages.error(request, f"The fetch failed: {outcome.error}")
    return redirect("listening-sources")


@login_required
@require_POST
def listening_source_toggle(request: HttpRequest, source_id: int) -> HttpResponse:
    source = get_object_or_404(ListeningSource, pk=source_id)
    set_source_enabled(request.user, source.pk, not source.enabled)
    return redirect("listening-sources")


@login_required
@require_POST
def listening_import(request: HttpRequest) -> HttpResponse:
    """Import an uploaded CSV with the chosen column for each field."""
    upload = request.FILES.get("file")
    mapping = {field: request.POST.get(f"column_{field}", "").strip() for field in CSV_FIELDS}
    if upload is None:
        messages.error(request, "file: choose a CSV file")
        return redirect("listening-sources")
    try:
        report = import_mentions_csv(request.user, source_name=request.POST.get("source_name", ""),
                                     content=upload.read().decode("utf-8-sig"), mapping=mapping)
    except (ActionError, UnicodeDecodeError) as exc:
        messages.error(request, f"{upload.name}: {exc}")
    else:
        messages.success(request, f"{upload.name}: {report.stored} new mention(s), {report.already_stored} already stored.")
    return redirect("listening-sources")


@login_required
@require_POST
def listening_manual(request: HttpRequest) -> HttpResponse:
    post = request.POST
    published = None
    if post.get("published"):
        try:
            published = datetime.fromisoformat(post["published"])
            # A typed time without an offset is the display zone's wall-clock time.
            published = published if is_aware(published) else make_aware(published)
        except ValueError:
            messages.error(request, "published: use a date and time such as 2024-06-01T09:00")
            return redirect("listening-sources")
    _run(request, lambda: add_manual_mention(request.user, text=post.get("text", ""), url=post.get("url", ""),
                                             author=post.get("author", ""), title=post.get("title", ""),
                                             published=published), "Mention added.")
    return redirect("listening-sources")


@login_required
def listening_queries(request: HttpRequest) -> HttpResponse:
    """List saved queries and edit one; a syntax error is shown with a caret under its position."""
    require_capability(request.user, "view_dashboards")
    editing = ListeningQuery.objects.filter(pk=_int(request.GET.get("edit"))).first()
    context = {"queries": ListeningQuery.objects.all(), "editing": editing, "error": None,
               "form": {"name": editing.name if editing else "", "text": editing.text if editing else "",
                        "enabled": editing.enabled if editing else True},
               "can_manage": has_capability(request.user, "manage_listening")}
    if request.method == "POST":
        form = {"name": request.POST.get("name", ""), "text": request.POST.get("text", ""),
                "enabled": request.POST.get("enabled") == "on"}
        context["form"] = form
        try:
            save_query(request.user, key=form["name"], name=form["name"], text=form["text"], enabled=form["enabled"],
                       query_id=editing.pk if editing else None)
        except QueryTextError as exc:
            context["error"] = exc
            return render(request, "socialrx/listening_queries.html", context, status=400)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Query saved.")
            return redirect("listening-queries")
    return render(request, "socialrx/listening_queries.html", context)


@login_required
@require_POST
def listening_queries_default(request: HttpRequest) -> HttpResponse:
    added = ensure_default_queries(request.user)
    messages.success(request, f"{added} default quer{'y' if added == 1 else 'ies'} added from the strategy.")
    return redirect("listening-queries")


@login_required
def listening_alerts(request: HttpRequest) -> HttpResponse:
    """List alert rules and recent alerts."""
    require_capability(request.user, "view_dashboards")
    context = {"rules": AlertRule.objects.select_related("query"), "alerts": Alert.objects.select_related("rule")[:100]}
    return render(request, "socialrx/listening_alerts.html", context)


@login_required
def listening_alert(request: HttpRequest, alert_id: int) -> HttpResponse:
    """Show one alert with 'acknowledge' and, for crisis rules, 'enter crisis mode'."""
    require_capability(request.user, "view_dashboards")
    alert = get_object_or_404(Alert.objects.select_related("rule", "mention"), pk=alert_id)
    context = {"alert": alert, "switch": publishing_switch(), "can_crisis": has_capability(request.user, "manage_crisis"),
               "can_manage": has_capability(request.user, "manage_listening"), "items": alert.inbox_items.all()}
    return render(request, "socialrx/listening_alert.html", context)


@login_required
@require_POST
def listening_alert_ack(request: HttpRequest, alert_id: int) -> HttpResponse:
    acknowledge_alert(request.user, alert_id)
    return redirect("listening-alert", alert_id)


@login_required
@require_POST
def listening_alert_crisis(request: HttpRequest, alert_id: int) -> HttpResponse:
    _run(request, lambda: enter_crisis_mode(request.user, alert_id), "Crisis mode is on: scheduled publishing is paused.")
    return redirect("listening-alert", alert_id)
