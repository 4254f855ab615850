"""Template filters for showing strategy figures the way people write them."""

from __future__ import annotations

import re

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from socialrx.core.http_urls import http_url_or_blank
from socialrx.server.lib.charts import svg_data_uri
from socialrx.server.lib.labels import display_label, pacing_label
from socialrx.server.lib.zone import format_when

register = template.Library()

_PERIOD = {"month": "a month", "quarter": "a quarter", "year": "a year", "average": "average", "none": ""}


def _number(value: float) -> str:
    return intcomma(int(value)) if float(value).is_integer() else f"{value:,.2f}"


@register.filter
def money(value: float, currency: str = "USD") -> str:
    """Return an amount as people write it: $15,000."""
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency, currency + " ")
    return f"{symbol}{_number(value)}"


@register.filter
def kpi_target(kpi) -> str:
    """Return a KPI's target in words: '15% a month', '50 a month', 'top 5', 'tracked'."""
    if kpi.target is None:
        return "tracked (no target)"
    value = kpi.target
    text = {
        "percent": f"{_number(value)}%",
        "count": _number(value),
        "hours": f"{_number(value)} hours",
        "money": money(value),
        "rank": f"top {_number(value)}",
    }[kpi.unit]
    period = _PERIOD.get(kpi.period, "")
    return f"{text} {period}".strip()


@register.filter
def percent(value: float) -> str:
    """Return a figure already in percent: 30 -> '30%'."""
    return f"{_number(value)}%"


@register.filter
def ratio_percent(value: float | None) -> str:
    """Return a ratio as a percentage with one decimal: 0.0632 -> '6.3%' (None -> '—')."""
    return "—" if value is None else f"{value * 100:.1f}%"


@register.filter
def field_named(values: dict, name: str) -> str:
    """Return a form value by its full name ('x-text'), or an empty string."""
    value = values.get(name, "") if isinstance(values, dict) else ""
    return "" if value is None else value


@register.filter
def words(value) -> str:
    """Return a key as words: 'off_track' -> 'off track'."""
    return str(value or "").replace("_", " ")


@register.filter
def web_link(value) -> str:
    """Return an http(s) address as it is and anything else (javascript:, data:, …) as '', so it is never a link."""
    return http_url_or_blank(value)


@register.filter
def svg_src(svg: str) -> str:
    """Return a chart's SVG as a data: URI for <img src> (inline SVG styles would break the page's CSP)."""
    return svg_data_uri(svg) if svg else ""


@register.filter
def label(value, kind: str) -> str:
    """Return the display name of a code: {{ post.pillar|label:"pillar" }} -> 'Customer success'."""
    return display_label(kind, value)


@register.filter
def pacing(report) -> str:
    """Return a paid-pacing report's state: 'on pace (99%)'."""
    return pacing_label(report.flag, report.pacing_index)


@register.filter
def when(value) -> str:
    """Return an instant in the display zone and the one house format: 'Mon Dec 7, 2026 09:00'."""
    return format_when(value)


@register.filter
def thousands(value) -> str:
    """Return a count with thousands separators: 25000 -> '25,000'."""
    return _number(value)


_SOCIAL_TOKEN = re.compile(r"(https?://[^\s<>\"]+|(?<![\w&])#\w+|(?<![\w@])@\w+)")


@register.filter(needs_autoescape=True)
def social_text(value, autoescape: bool = True) -> str:
    """Return post text with links, #hashtags and @mentions marked up the way networks style them."""
    text = str(value or "")
    escape = conditional_escape if autoescape else (lambda s: s)
    pieces = []
    for index, piece in enumerate(_SOCIAL_TOKEN.split(text)):
        if index % 2 == 0:
            pieces.append(escape(piece))
        else:
            kind = "link" if piece.startswith("http") else "tag" if piece.startswith("#") else "mention"
            pieces.append(f'<span class="sn-{kind}">{escape(piece)}</span>')
    return mark_safe("".join(pieces))  # noqa: S308 - every piece above is escaped


@register.filter
def initial(value) -> str:
    """Return the first letter of a name, for an avatar."""
    return (str(value or "?").strip() or "?")[0].upper()


@register.filter
def labels(values, kind: str) -> str:
    """Return the display names of several codes, joined: ['legal', 'executive'] -> 'Legal, Executive'."""
    return ", ".join(display_label(kind, value) for value in values or ())
