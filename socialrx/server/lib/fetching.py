"""The outbound-fetch policy an administrator set: which non-public networks feeds and page fetches may reach."""

from __future__ import annotations

from django.conf import settings

from socialrx.core.web_fetch import FetchPolicy


def fetch_policy() -> FetchPolicy:
    """Return the policy from SOCIALRX_FETCH_ALLOW_PRIVATE and SOCIALRX_FETCH_ALLOW_NETWORKS (read at call time)."""
    return FetchPolicy.from_text(allow_private=bool(getattr(settings, "SOCIALRX_FETCH_ALLOW_PRIVATE", False)),
                                 networks=getattr(settings, "SOCIALRX_FETCH_ALLOW_NETWORKS", "") or "")
