"""Every write: validate and authorise (check_*), then do it, audit it, enqueue follow-ups (do_*)."""

from socialrx.core.http_urls import require_http_url


class ActionError(Exception):
    """A write that cannot be done as asked; the message is shown to the person as it is."""


def optional_http_url(value: str, *, field: str = "url") -> str:
    """Return an optional web link stripped ('' stays ''), or raise ActionError naming the field unless http(s)."""
    try:
        return require_http_url(value, field=field, blank=True)
    except ValueError as exc:
        raise ActionError(str(exc)) from None
