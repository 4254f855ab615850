"""Template context shared by every page: the grouped navigation, who is signed in, the time zone."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.timezone import get_current_timezone

from socialrx.server.lib.access import has_capability
from socialrx.server.lib.publishing import paused_switch
from socialrx.server.lib.roles import ROLE_BY_KEY, role_keys_of
from socialrx.server.lib.zone import zone_label
from socialrx.server.models import Notification


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    url_name: str
    group: str
    capability: str = "view_dashboards"  # the area is listed only for people who hold it


NAV_GROUPS: tuple[tuple[str, str], ...] = (
    ("plan", "Plan"),
    ("create", "Create"),
    ("publish", "Publish"),
    ("engage", "Engage"),
    ("measure", "Measure"),
    ("team", "Team"),
)

AREAS: tuple[Area, ...] = (
    Area("calendar", "Calendar", "calendar", "plan"),
    Area("strategy", "Strategy", "strategy", "plan"),
    Area("compose", "Posts", "posts", "create"),
    Area("repurpose", "Repurpose", "repurpose", "create", capability="compose_posts"),
    Area("reviews", "Reviews", "reviews", "create"),
    Area("publishing", "Publishing", "publishing", "publish"),
    Area("inbox", "Inbox", "inbox", "engage"),
    Area("listening", "Listening", "listening", "engage"),
    Area("relationships", "Relationships", "relationships", "engage", capability="manage_relationships"),
    Area("crisis", "Crisis", "crisis", "engage"),
    Area("analytics", "Analytics", "analytics", "measure"),
    Area("audit", "Audit", "audit", "measure", capability="view_audit"),
    Area("team", "Team", "team", "team"),
)


def area_url(area: Area) -> str:
    return reverse(area.url_name)


def _entries(user, path: str) -> list[dict]:
    entries = []
    for area in AREAS:
        if has_capability(user, area.capability):
            url = area_url(area)
            entries.append({"area": area, "url": url, "current": path.startswith(url)})
    return entries


def _groups(entries: list[dict], *, superuser: bool) -> list[dict]:
    """Return the navigation groups that hold at least one entry, in their order."""
    groups = []
    for key, label in NAV_GROUPS:
        members = [e for e in entries if e["area"].group == key]
        if key == "team" and superuser:
            members = [*members, {"area": None, "label": "Site admin (superusers)", "url": reverse("admin:index"),
                                  "current": False}]  # fmt: skip
        if members:
            groups.append({"key": key, "label": label, "entries": members, "current": any(e["current"] for e in members)})
    return groups


def _capabilities(user) -> frozenset[str]:
    """Return the capabilities the person holds, so pages show only the buttons they may use."""
    if not user.is_active:
        return frozenset()
    return frozenset(p.removeprefix("socialrx.") for p in user.get_all_permissions() if p.startswith("socialrx."))


def navigation(request) -> dict:
    """Return the navigation the person may open, their roles, and the zone times are shown in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    entries = _entries(user, request.path)
    roles = [ROLE_BY_KEY[k].name for k in role_keys_of(user)]
    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    return {
        "nav_entries": entries,
        "nav_groups": _groups(entries, superuser=user.is_superuser),
        "nav_roles": roles,
        "nav_unread": unread,
        "nav_paused": paused_switch(),
        "display_zone": zone_label(get_current_timezone()),
        "can": _capabilities(user),
    }
