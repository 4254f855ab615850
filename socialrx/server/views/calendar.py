"""Calendar pages: month, week and list views, writing from a slot, moving posts, sharing and files."""

from __future__ import annotations

import calendar as month_names
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.timezone import localdate, now
from django.views.decorators.http import require_GET, require_POST

from socialrx.core.planning import CalendarFileError
from socialrx.core.planning.bulk import FLAVOURS
from socialrx.server.actions import ActionError
from socialrx.server.actions.calendar import do_rotate_feed_token, import_calendar, move_post
from socialrx.server.lib.access import has_capability, require_capability
from socialrx.server.lib.calendar import (
    NETWORK_LABELS,
    OPEN,
    CalendarEntry,
    CalendarFilters,
    CalendarPlan,
    access_calendar,
    calendar_entries,
    calendar_health,
    calendar_ics,
    export_calendar_csv,
    feed_for_token,
    feed_range,
    load_posts,
    may_move,
    slot_label,
    write_post_url,
)
from socialrx.server.lib.redirects import safe_next_url
from socialrx.server.lib.zone import format_when
from socialrx.server.models import CalendarFeedToken, Post, PostStatus

VIEWS = ("month", "week", "list")
UPCOMING_SHOWN = 8
MONTH_CELL_ENTRIES = 3  # a month cell shows this many entries and "+N more" linking to the day's week
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FLAVOUR_LABELS = {"sprout_social": "Sprout Social", "hootsuite": "Hootsuite", "buffer": "Buffer"}


@dataclass(frozen=True)
class CalendarDay:
    """One day cell: its date, whether it lies in the month shown, and its entries."""

    day: date
    in_month: bool
    entries: list[CalendarEntry]
    limit: int | None = None

    @property
    def iso(self) -> str:
        return self.day.isoformat()

    @property
    def shown(self) -> list[CalendarEntry]:
        """Return the entries the cell lists: posts before open slots, at most `limit` of them."""
        ordered = sorted(self.entries, key=lambda e: e.post is None)
        return ordered if self.limit is None else ordered[: self.limit]

    @property
    def more(self) -> int:
        return len(self.entries) - len(self.shown)


def _month_of(request: HttpRequest, today: date) -> date:
    value = request.GET.get("month", "")
    try:
        return date.fromisoformat(f"{value}-01") if value else today.replace(day=1)
    except ValueError:
        raise Http404(f"month: {value!r} is not a month like 2026-03") from None


def _day_of(request: HttpRequest, fallback: date) -> date:
    value = request.GET.get("day", "")
    try:
        return date.fromisoformat(value) if value else fallback
    except ValueError:
        raise Http404(f"day: {value!r} is not a date like 2026-03-09") from None


def _filters(request: HttpRequest) -> CalendarFilters:
    return CalendarFilters(**{k: request.GET.get(k, "").strip() for k in ("network", "pillar", "series", "status")})


def _month_last(first: date) -> date:
    return first.replace(day=month_names.monthrange(first.year, first.month)[1])


def _shown_range(view: str, month: date, focus: date) -> tuple[date, date]:
    """Return the days a view shows: whole weeks around the month, one week, or the month."""
    if view == "week":
        start = focus - timedelta(days=focus.weekday())
        return start, start + timedelta(days=6)
    if view == "list":
        return month, _month_last(month)
    start = month - timedelta(days=month.weekday())
    last = _month_last(month)
    return start, last + timedelta(days=6 - last.weekday())


def _days(first: date, last: date, month: date, entries: list[CalendarEntry], *, limit: int | None) -> list[CalendarDay]:
    by_day: dict[date, list[CalendarEntry]] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(entry)
    count = (last - first).days + 1
    days = [first + timedelta(days=n) for n in range(count)]
    return [CalendarDay(d, (d.year, d.month) == (month.year, month.month), by_day.get(d, []), limit) for d in days]


def _navigation(view: str, month: date, focus: date, filters: CalendarFilters) -> dict:
    query = filters.as_query()
    suffix = f"&{query}" if query else ""
    if view == "week":
        before, after = focus - timedelta(days=7), focus + timedelta(days=7)
        link = lambda d: f"?view=week&day={d.isoformat()}&month={d:%Y-%m}{suffix}"  # noqa: E731
    else:
        before, after = (month - timedelta(days=1)).replace(day=1), _month_last(month) + timedelta(days=1)
        link = lambda d: f"?view={view}&month={d:%Y-%m}{suffix}"  # noqa: E731
    return {"previous": link(before), "next": link(after),
            "views": {v: f"?view={v}&month={month:%Y-%m}&day={focus.isoformat()}{suffix}" for v in VIEWS}}  # fmt: skip


@login_required
@require_GET
def calendar_page(request: HttpRequest) -> HttpResponse:
    plan = access_calendar(request.user)
    today = localdate(now(), plan.zone)
    view = request.GET.get("view", "month") if request.GET.get("view") in VIEWS else "month"
    month = _month_of(request, today)
    default_focus = today if (today.year, today.month) == (month.year, month.month) else month
    focus = _day_of(request, default_focus)
    filters = _filters(request)
    first, last = _shown_range(view, month, focus)
    placed = load_posts(plan, min(first, month), max(last, _month_last(month)))
    entries = calendar_entries(plan, first, last, filters, placed)
    health = calendar_health(plan, month, _month_last(month), today, placed)
    movable = [e for e in entries if e.movable and may_move(request.user, e.post)]
    context = {
        "plan": plan, "view": view, "month": month, "focus": focus, "filters": filters, "today": today,
        "days": _days(first, last, month, entries, limit=MONTH_CELL_ENTRIES if view == "month" else None), "entries": entries, "first": first, "last": last,
        "health": health, "upcoming": [(s, slot_label(s)) for s in health.upcoming.empty_soon[:UPCOMING_SHOWN]],
        "mix": [(plan.pillar_names.get(m.pillar, m.pillar), m) for m in health.month.pillar_mix if m.month == f"{month:%Y-%m}"],
        "nav": _navigation(view, month, focus, filters), "networks": _networks(plan),
        "statuses": [(OPEN, "Open slot")] + list(PostStatus.choices), "open": OPEN,
        "monthly_theme": plan.strategy.theme_for_month(month.month),
        "movable": {e.post.pk for e in movable}, "move_choices": [(e.post.pk, _move_label(e)) for e in movable],
        "can_compose": has_capability(request.user, "compose_posts"), "weekday_names": WEEKDAY_NAMES,
        "urls": _entry_urls(), "here": request.get_full_path(), "filter_query": filters.as_query(),
    }  # fmt: skip
    return render(request, "socialrx/calendar.html", context)


def _move_label(entry: CalendarEntry) -> str:
    return f"{format_when(entry.start)} · {entry.platform} · {entry.post.title}"


def _entry_urls() -> dict:
    """Return the addresses each entry links to, split around the post id (one reverse() per page, not per entry)."""
    def around_id(name: str) -> tuple[str, str]:
        head, tail = reverse(name, args=[0]).split("/0/")
        return f"{head}/", f"/{tail}"

    return {"move": around_id("calendar-move"), "post": around_id("post-detail"), "write": reverse("calendar-write")}


def _networks(plan: CalendarPlan) -> list[tuple[str, str]]:
    return [(p.key, NETWORK_LABELS.get(p.key, p.name)) for p in plan.strategy.platforms]


@login_required
@require_GET
def calendar_write(request: HttpRequest) -> HttpResponse:
    """Open the editor prefilled from a slot (?slot=<slot id>)."""
    require_capability(request.user, "compose_posts")
    plan = access_calendar(request.user)
    slot = plan.slot_by_id(request.GET.get("slot", ""))
    if slot is None:
        raise Http404("The active plan has no such slot; it may have changed with the strategy.")
    return redirect(write_post_url(plan, slot))


def _parse_move(request: HttpRequest) -> tuple[date, time | None]:
    day_text, time_text = request.POST.get("day", "").strip(), request.POST.get("time", "").strip()
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        raise ActionError(f"day: {day_text!r} is not a date like 2026-03-09") from None
    try:
        return day, time.fromisoformat(time_text) if time_text else None
    except ValueError:
        raise ActionError(f"time: {time_text!r} is not a time like 14:30") from None


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def calendar_move(request: HttpRequest, post_id: int) -> HttpResponse:
    """Move a post to another day or time (drag and drop sends JSON; the form redirects back)."""
    return _move(request, post_id)


@login_required
@require_POST
def calendar_move_chosen(request: HttpRequest) -> HttpResponse:
    """Move the post chosen in the page's move form (the keyboard way to move posts)."""
    try:
        post_id = int(request.POST.get("post", ""))
    except ValueError:
        raise Http404("Choose a post to move.") from None
    return _move(request, post_id)


def _move(request: HttpRequest, post_id: int) -> HttpResponse:
    require_capability(request.user, "view_dashboards")
    post = get_object_or_404(Post, pk=post_id)
    plan = access_calendar(request.user)
    try:
        day, at = _parse_move(request)
        post = move_post(request.user, post, plan, day, at)
    except ActionError as exc:
        if _wants_json(request):
            return JsonResponse({"detail": str(exc)}, status=400)
        messages.error(request, f"{post.title}: {exc}")
        return _back(request)
    when = post.scheduled_at.astimezone(plan.zone)
    text = f"Moved “{post.title}” to {format_when(when)}."
    if _wants_json(request):
        return JsonResponse({"post": post.pk, "scheduled_at": when.isoformat(), "day": when.date().isoformat(),
                             "time": f"{when:%H:%M}", "message": text})  # fmt: skip
    messages.success(request, text)
    return _back(request)


def _back(request: HttpRequest) -> HttpResponse:
    return redirect(safe_next_url(request, "calendar"))


def _share_context(request: HttpRequest, plan: CalendarPlan, **extra) -> dict:
    feed = CalendarFeedToken.objects.filter(user=request.user).first()
    urls = []
    if feed is not None:
        base = request.build_absolute_uri(reverse("calendar-feed", args=[feed.token]))
        urls = [("All networks", base)] + [(label, f"{base}?network={key}") for key, label in _networks(plan)]
    today = localdate(now(), plan.zone)
    return {"plan": plan, "feed": feed, "feed_urls": urls, "networks": _networks(plan), "flavours": FLAVOUR_LABELS,
            "month": today.replace(day=1), "can_compose": has_capability(request.user, "compose_posts"),
            "problems": (), "error": "", **extra}  # fmt: skip


@login_required
@require_GET
def calendar_share(request: HttpRequest) -> HttpResponse:
    """Show the feed addresses, the CSV export and the CSV import."""
    plan = access_calendar(request.user)
    return render(request, "socialrx/calendar_share.html", _share_context(request, plan))


@login_required
@require_POST
def calendar_feed_rotate(request: HttpRequest) -> HttpResponse:
    access_calendar(request.user)
    do_rotate_feed_token(request.user)
    messages.success(request, "New feed address made; the old address no longer works.")
    return redirect("calendar-share")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Serve a person's iCalendar feed at its secret address (no sign-in: calendar apps cannot)."""
    feed = feed_for_token(token)
    plan = access_calendar(feed.user)
    network = request.GET.get("network", "")
    if network and network not in dict(_networks(plan)):
        raise Http404(f"network: {network!r} is not a network of the strategy")
    first, last = feed_range(localdate(now(), plan.zone))
    body = calendar_ics(plan, first, last, network=network)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="socialrx-{network or "all"}.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_GET
def calendar_export(request: HttpRequest) -> HttpResponse:
    """Download a month's posts of one network as a Sprout Social, Hootsuite or Buffer file."""
    plan = access_calendar(request.user)
    flavour, network = request.GET.get("flavour", ""), request.GET.get("network", "")
    month = _month_of(request, localdate(now(), plan.zone))
    if flavour not in FLAVOURS or network not in dict(_networks(plan)):
        return _share_error(request, plan, "Choose a tool and a network for the export.")
    order = "dmy" if request.GET.get("date_order") == "dmy" else "mdy"
    try:
        text = export_calendar_csv(plan, month, _month_last(month), network=network, flavour=flavour, date_order=order)
    except CalendarFileError as exc:
        return _share_error(request, plan, "The export breaks the tool's rules; nothing was exported.", exc)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    # The tools' files carry no zone; the file name states the one its times are in.
    zone = plan.zone.key.replace("/", "_")
    response["Content-Disposition"] = f'attachment; filename="{flavour}-{network}-{month:%Y-%m}-{zone}.csv"'
    return response


def _share_error(request: HttpRequest, plan: CalendarPlan, error: str, exc: CalendarFileError | None = None) -> HttpResponse:
    context = _share_context(request, plan, error=error, problems=exc.problems if exc else ())
    return render(request, "socialrx/calendar_share.html", context, status=400)


@login_required
@require_POST
def calendar_import(request: HttpRequest) -> HttpResponse:
    """Import a bulk-scheduling file as draft posts, all or nothing; show every problem by row and column."""
    require_capability(request.user, "compose_posts")
    plan = access_calendar(request.user)
    upload = request.FILES.get("file")
    if upload is None:
        return _share_error(request, plan, "Choose a CSV file to import.")
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return _share_error(request, plan, f"{upload.name} is not UTF-8 text; save it as CSV (UTF-8).")
    order = "dmy" if request.POST.get("date_order") == "dmy" else "mdy"
    try:
        posts = import_calendar(request.user, plan, text, flavour=request.POST.get("flavour", ""),
                                network=request.POST.get("network", ""), date_order=order)  # fmt: skip
    except CalendarFileError as exc:
        return _share_error(request, plan, f"{upload.name} was not imported; nothing changed.", exc)
    except ActionError as exc:
        return _share_error(request, plan, str(exc))
    in_slots = sum(1 for p in posts if p.slot_id)
    messages.success(request, f"Imported {len(posts)} draft posts from {upload.name} ({in_slots} in planned slots).")
    return redirect(reverse("calendar") + "?view=list")

