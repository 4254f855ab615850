"""Template filters for showing strategy figures the way people write them."""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from socialrx.core.http_urls import http_url_or_blank
from socialrx.server.lib.charts import svg_data_uri

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
    return f"{_number(value)}%"


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
