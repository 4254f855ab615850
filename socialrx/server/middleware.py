"""Request middleware of the web app."""

from __future__ import annotations

from django.utils import timezone

from socialrx.server.lib.zone import display_zone


class DisplayZoneMiddleware:
    """Show and read every time of a request in the one display zone (the strategy's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The API states every time in ISO 8601 with its offset, so it needs no display zone.
        if request.path.startswith("/api/"):
            return self.get_response(request)
        timezone.activate(display_zone())
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
