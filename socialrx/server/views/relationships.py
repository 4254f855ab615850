"""Relationship pages: contacts with plays and health, one contact, groups and routines, events, counters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import localdate, make_aware, now
from django.views.decorators.http import require_POST

from socialrx.core.relationships import ContactRow
from socialrx.core.relationships.contacts_csv import HANDLE_NETWORKS
from socialrx.server.actions import ActionError
from socialrx.server.actions.relationships import (
    EventInput,
    InteractionInput,
    backfill_interactions,
    import_contacts,
    log_interaction,
    log_media_mention,
    log_speaking_request,
    mark_routine_done,
    record_member_count,
    save_collaboration,
    save_contact,
    save_event,
    save_group,
)
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.relationships import (
    access_contact_by_id,
    active_strategy,
    brand_counters,
    contact_mentions,
    contact_summaries,
    event_slots,
    export_contacts,
    routine_status,
    summarise,
)
from socialrx.server.models import (
    CollaborationKind,
    CollaborationStage,
    CommunityGroup,
    ContactKind,
    ContactPreference,
    Direction,
    Event,
    EventKind,
    GroupRole,
    InteractionKind,
    MediaMention,
    SpeakingRequest,
)


def _run(request: HttpRequest, action: Callable[[], object], success: str) -> object | None:
    try:
        result = action()
    except (ActionError, ValueError) as exc:
        messages.error(request, str(exc))
        return None
    messages.success(request, success)
    return result


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value) if value else localdate()
    except ValueError:
        raise ActionError(f"date: {value!r} is not YYYY-MM-DD") from None


@login_required
def relationships_page(request: HttpRequest) -> HttpResponse:
    """Show contacts (soonest play first), brand counters, groups with routines, and events."""
    filters = {k: request.GET.get(k, "") for k in ("tier", "kind", "q")}
    summaries = contact_summaries(request.user, tier=filters["tier"], kind=filters["kind"], query=filters["q"])
    strategy, today = active_strategy(), localdate()
    occurrences = routine_status(strategy, today - timedelta(days=28), today + timedelta(days=14), today) if strategy else ()
    context = {"summaries": summaries, "filters": filters, "counters": brand_counters(strategy, today) if strategy else [],
               "tiers": strategy.influencer_tiers if strategy else (), "kinds": ContactKind.choices,
               "groups": CommunityGroup.objects.prefetch_related("member_counts"), "group_roles": GroupRole.choices,
               "occurrences": occurrences, "events": Event.objects.filter(end__gte=today - timedelta(days=30)),
               "event_kinds": EventKind.choices, "preferences": ContactPreference.choices, "networks": HANDLE_NETWORKS,
               "requests": SpeakingRequest.objects.all()[:10], "media": MediaMention.objects.all()[:10]}  # fmt: skip
    return render(request, "socialrx/relationships.html", context)


def _contact_row(post) -> ContactRow:
    tier = post.get("tier", "")
    return ContactRow(
        name=post.get("name", ""), kind=post.get("kind", "influencer"), tier=int(tier) if tier.isdigit() else None,
        organisation=post.get("organisation", ""), role=post.get("role", ""), email=post.get("email", "").strip(),
        handles=tuple((n, post.get(n, "")) for n in HANDLE_NETWORKS if post.get(n, "").strip()),
        topics=tuple(t.strip() for t in post.get("topics", "").split(";") if t.strip()),
        consent=post.get("consent") == "on", contact_preference=post.get("contact_preference", "email"),
        notes=post.get("notes", ""),
    )  # fmt: skip


@login_required
@require_POST
def relationships_contact_add(request: HttpRequest) -> HttpResponse:
    contact = _run(request, lambda: save_contact(request.user, _contact_row(request.POST)), "Contact saved.")
    return redirect("relationships-contact", contact.pk) if contact else redirect("relationships")


@login_required
def relationships_contact(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Show one contact: plays with due dates, health, interactions, collaborations and public mentions."""
    contact = access_contact_by_id(request.user, contact_id)
    if request.method == "POST":
        _run(request, lambda: save_contact(request.user, _contact_row(request.POST), contact), "Contact saved.")
        return redirect("relationships-contact", contact.pk)
    context = {"summary": summarise(contact, active_strategy(), localdate()), "contact": contact,
               "handles": {h.network: h.handle for h in contact.handles.all()}, "networks": HANDLE_NETWORKS,
               "interactions": contact.interactions.select_related("logged_by")[:50],
               "collaborations": contact.collaborations.all(), "mentions": contact_mentions(contact),
               "interaction_kinds": InteractionKind.choices, "directions": Direction.choices,
               "collaboration_kinds": CollaborationKind.choices, "stages": CollaborationStage.choices,
               "kinds": ContactKind.choices, "preferences": ContactPreference.choices}  # fmt: skip
    return render(request, "socialrx/relationships_contact.html", context)


@login_required
@require_POST
def relationships_interaction(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = access_contact_by_id(request.user, contact_id)

    def log() -> object:
        day = _day(request.POST.get("day", ""))
        moment = now() if day == localdate() else make_aware(datetime.combine(day, datetime.min.time().replace(hour=12)))
        return log_interaction(request.user, contact, InteractionInput(
            kind=request.POST.get("kind", ""), summary=request.POST.get("summary", ""), happened_at=moment,
            direction=request.POST.get("direction", Direction.OUTBOUND), url=request.POST.get("url", ""),
            play=request.POST.get("play", "")))  # fmt: skip

    _run(request, log, "Interaction logged.")
    return redirect("relationships-contact", contact.pk)


@login_required
@require_POST
def relationships_collaboration(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = access_contact_by_id(request.user, contact_id)
    existing = contact.collaborations.filter(pk=request.POST.get("collaboration") or 0).first()
    due = request.POST.get("due_on", "")
    _run(request, lambda: save_collaboration(
        request.user, contact, kind=request.POST.get("kind", existing.kind if existing else ""),
        title=request.POST.get("title", existing.title if existing else ""), stage=request.POST.get("stage", "idea"),
        due_on=_day(due) if due else (existing.due_on if existing else None), collaboration=existing),
        "Collaboration saved.")  # fmt: skip
    return redirect("relationships-contact", contact.pk)


@login_required
def relationships_export(request: HttpRequest) -> HttpResponse:
    """Download every contact as CSV."""
    response = HttpResponse(export_contacts(request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="contacts.csv"'
    return response


@login_required
@require_POST
def relationships_import(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("file")
    text = upload.read().decode("utf-8-sig", errors="replace") if upload else request.POST.get("text", "")
    count = _run(request, lambda: import_contacts(request.user, text), "Contacts imported.")
    if count is not None:
        messages.info(request, f"{count} contact(s) written.")
    return redirect("relationships")


@login_required
@require_POST
def relationships_backfill(request: HttpRequest) -> HttpResponse:
    made = _run(request, lambda: backfill_interactions(request.user), "Mentions and inbox items linked.")
    if made is not None:
        messages.info(request, f"{made} new interaction(s).")
    return redirect("relationships")


@login_required
@require_POST
def relationships_group(request: HttpRequest) -> HttpResponse:
    """Add a group, or record a group's member count."""
    group = CommunityGroup.objects.filter(pk=request.POST.get("group") or 0).first()
    if group is not None:
        _run(request, lambda: record_member_count(request.user, group, _day(request.POST.get("day", "")),
                                                  int(request.POST.get("members", "-1") or -1)), "Member count recorded.")
    else:
        _run(request, lambda: save_group(request.user, name=request.POST.get("name", ""), role=request.POST.get("role", ""),
                                         url=request.POST.get("url", "")), "Group saved.")  # fmt: skip
    return redirect("relationships")


@login_required
@require_POST
def relationships_routine_done(request: HttpRequest) -> HttpResponse:
    _run(request, lambda: mark_routine_done(request.user, request.POST.get("slot", ""), request.POST.get("note", "")),
         "Routine marked done.")  # fmt: skip
    return redirect("relationships")


@login_required
@require_POST
def relationships_event(request: HttpRequest) -> HttpResponse:
    split = lambda key: tuple(v.strip() for v in request.POST.get(key, "").replace(",", " ").split() if v.strip())  # noqa: E731
    _run(request, lambda: save_event(request.user, EventInput(
        name=request.POST.get("name", ""), start=_day(request.POST.get("start", "")), end=_day(request.POST.get("end", "")),
        kind=request.POST.get("kind", EventKind.CONFERENCE), location=request.POST.get("location", ""),
        hashtags=split("hashtags"), platforms=split("platforms"), ad_campaign=request.POST.get("ad_campaign", ""),
        speakers=tuple(s.strip() for s in request.POST.get("speakers", "").split(";") if s.strip()))), "Event saved.")  # fmt: skip
    return redirect("relationships")


@login_required
def relationships_event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    """Show an event's promotion, live-coverage and recap slots."""
    require_capability(request.user, "manage_relationships")
    event = get_object_or_404(Event, pk=event_id)
    strategy = active_strategy()
    context = {"event": event, "slots": event_slots(strategy, event) if strategy else []}
    return render(request, "socialrx/relationships_event.html", context)


@login_required
@require_POST
def relationships_counter(request: HttpRequest) -> HttpResponse:
    """Log a speaking request or a media mention."""
    day = request.POST.get("day", "")
    if request.POST.get("what") == "speaking":
        _run(request, lambda: log_speaking_request(request.user, requester=request.POST.get("requester", ""),
                                                   received_on=_day(day), event_name=request.POST.get("event_name", "")),
             "Speaking request logged.")  # fmt: skip
    else:
        _run(request, lambda: log_media_mention(request.user, outlet=request.POST.get("outlet", ""),
                                                title=request.POST.get("title", ""), published_on=_day(day),
                                                url=request.POST.get("url", "")), "Media mention logged.")  # fmt: skip
    return redirect("relationships")
