"""Server-rendered SVG charts (matplotlib, Agg backend): the same markup in pages and in the PDF report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from matplotlib.ticker import FuncFormatter

from socialrx.core.analytics.attribution.journeys import AttributionResult
from socialrx.core.analytics.overview import FollowerOutlookResult
from socialrx.server.lib.charts import LOCK as _LOCK
from socialrx.server.lib.charts import svg_of as _svg
from socialrx.server.lib.charts import titled_axes

INK, ACCENT, TARGET, BAND = "#1f2933", "#2f6fdf", "#c2410c", "#c7d7f5"
UNIT_TICKS = {"money": "${:,.0f}", "percent": "{:.0f}%", "hours": "{:,.0f} h"}
"""How a KPI unit's axis ticks read; other units are plain counts."""








def followers_chart(history: Sequence[tuple[date, int]], outlook: FollowerOutlookResult) -> str:
    """Return month-end counts, the target line and the forecast at the deadline with its interval."""
    with _LOCK:
        figure, axes = _axes(f"{outlook.network}: {outlook.metric} vs {outlook.target:,} by {outlook.deadline:%b %Y}")
        if history:
            axes.plot([d for d, _ in history], [c for _, c in history], color=ACCENT, marker="o", markersize=3,
                      label="actual")
        axes.axhline(outlook.target, color=TARGET, linestyle="--", linewidth=1, label="target")
        if outlook.median_at_deadline is not None and history:
            last_day, last_count = history[-1]
            axes.plot([last_day, outlook.deadline], [last_count, outlook.median_at_deadline], color=ACCENT,
                      linestyle=":", label="forecast")
            axes.fill_between([last_day, outlook.deadline], [last_count, outlook.lower_at_deadline or last_count],
                              [last_count, outlook.upper_at_deadline or last_count], color=BAND, alpha=0.6,
                              label="80% interval")
        axes.legend(fontsize=7, frameon=False, loc="upper left")
        figure.autofmt_xdate()
        return _svg(figure)


def monthly_chart(
    title: str, months: Sequence[date], values: Sequence[float | None], *, target: float | None = None,
    unit: str = "", bars: bool = True,
) -> str:
    """Return monthly values as bars (or a line) with the target drawn across."""
    with _LOCK:
        figure, axes = _axes(title)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: UNIT_TICKS.get(unit, "{:,.0f}").format(v)))
        labels = [f"{m:%b %y}" for m in months]
        numbers = [v if v is not None else 0 for v in values]
        if bars:
            axes.bar(labels, numbers, color=ACCENT)
        else:
            axes.plot(labels, numbers, color=ACCENT, marker="o", markersize=3)
        if target is not None:
            axes.axhline(target, color=TARGET, linestyle="--", linewidth=1)
        axes.tick_params(axis="x", rotation=45)
        return _svg(figure)


def credit_chart(result: AttributionResult, *, limit: int = 12, title: str = "") -> str:
    """Return credited conversions per channel as horizontal bars, largest first."""
    credits = sorted(result.credits, key=lambda c: c.conversions)[-limit:]
    with _LOCK:
        figure, axes = _axes(title or f"Conversions credited ({result.model.replace('_', ' ')})",
                             height=0.3 * len(credits) + 0.8)
        axes.barh([c.channel for c in credits], [c.conversions for c in credits], color=ACCENT)
        axes.grid(axis="x", color="#e5e7eb", linewidth=0.6)
        return _svg(figure)


def spend_chart(platforms: Sequence[str], spend: Sequence[float], expected: Sequence[float],
                budgets: Sequence[float]) -> str:
    """Return spend to date against expected spend to date and the monthly budget per platform."""
    with _LOCK:
        figure, axes = _axes("Ad spend this month")
        positions = range(len(platforms))
        axes.bar([p - 0.2 for p in positions], spend, width=0.4, color=ACCENT, label="spent")
        axes.bar([p + 0.2 for p in positions], expected, width=0.4, color=BAND, label="expected by now")
        axes.scatter(list(positions), budgets, color=TARGET, marker="_", s=400, label="monthly budget")
        axes.set_xticks(list(positions), platforms)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: UNIT_TICKS["money"].format(v)))
        axes.legend(fontsize=7, frameon=False)
        return _svg(figure)


def _axes(title: str, *, width: float = 5.6, height: float = 2.4):
    return titled_axes(title, width=width, height=height)
