"""Reads with permission checks: fetch what a user may see, or refuse."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from socialrx.server.models import StrategyVersion


def has_capability(user, capability: str) -> bool:
    """Return whether a user holds a capability through one of their roles."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(f"socialrx.{capability}"))


def require_capability(user, capability: str) -> None:
    """Raise PermissionDenied unless the user holds the capability."""
    if not has_capability(user, capability):
        raise PermissionDenied(f"You need the '{capability.replace('_', ' ')}' permission for this.")


def access_strategy_version_by_number(user, number: int) -> StrategyVersion:
    """Return a strategy version the user may read, or raise."""
    require_capability(user, "view_dashboards")
    try:
        return StrategyVersion.objects.get(number=number)
    except StrategyVersion.DoesNotExist:
        raise Http404(f"There is no strategy version {number}.") from None


def active_strategy_version() -> StrategyVersion | None:
    """Return the active strategy version, if any has been loaded."""
    return StrategyVersion.objects.filter(is_active=True).first()


def current_capabilities(user) -> frozenset[str]:
    """Return the capabilities a person holds right now, read afresh from the database.

    Review and publishing actions call this at the moment of the action, so a role removed
    a second ago no longer counts (Django caches permissions on the user object).
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    if user is None or not user.is_authenticated:
        return frozenset()
    # get_user_model(), not type(user): request.user is a SimpleLazyObject.
    if not get_user_model().objects.filter(pk=user.pk, is_active=True).exists():
        return frozenset()
    codenames = Permission.objects.filter(group__user=user, content_type__app_label="socialrx").values_list("codename", flat=True)
    return frozenset(codenames)
