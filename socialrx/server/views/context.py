"""Template context shared by every page: the navigation and who is signed in."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from socialrx.server.lib.access import has_capability
from socialrx.server.lib.roles import ROLE_BY_KEY, role_keys_of
from socialrx.server.models import Notification


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    url_name: str
    capability: str = "view_dashboards"  # the area is listed only for people who hold it


AREAS: tuple[Area, ...] = (
    Area("calendar", "Calendar", "calendar"),
    Area("compose", "Compose", "posts"),
    Area("repurpose", "Repurpose", "repurpose", capability="compose_posts"),
    Area("reviews", "Reviews", "reviews"),
    Area("publishing", "Publishing", "publishing"),
    Area("listening", "Listening", "listening"),
    Area("inbox", "Inbox", "inbox"),
    Area("analytics", "Analytics", "analytics"),
    Area("relationships", "Relationships", "relationships", capability="manage_relationships"),
    Area("crisis", "Crisis", "crisis"),
    Area("strategy", "Strategy", "strategy"),
    Area("team", "Team", "team"),
    Area("audit", "Audit", "audit", capability="view_audit"),
)


def area_url(area: Area) -> str:
    return reverse(area.url_name)


def navigation(request) -> dict:
    """Return the navigation entries the person may open and their roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    path = request.path
    entries = []
    for area in AREAS:
        if not has_capability(user, area.capability):
            continue
        url = area_url(area)
        entries.append({"area": area, "url": url, "current": path.startswith(url)})
    roles = [ROLE_BY_KEY[k].name for k in role_keys_of(user)]
    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    from socialrx.server.lib.publishing import paused_switch

    return {"nav_entries": entries, "nav_roles": roles, "nav_unread": unread, "nav_paused": paused_switch()}
