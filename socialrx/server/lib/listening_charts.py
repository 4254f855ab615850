"""Listening charts as server-rendered SVG (matplotlib, Agg): volume with sentiment, share of voice."""

from __future__ import annotations

from collections.abc import Sequence

from socialrx.server.lib.charts import LOCK as _LOCK
from socialrx.server.lib.charts import svg_of as _svg
from socialrx.server.lib.charts import titled_axes
from socialrx.server.lib.listening_insights import DailyPoint

INK, ACCENT, NEGATIVE, POSITIVE, GRID = "#1f2933", "#2f6fdf", "#d92d20", "#039855", "#e5e7eb"






def volume_chart(title: str, points: Sequence[DailyPoint]) -> str:
    """Return daily mentions as bars (negative ones in red) with mean sentiment as a line on a second axis."""
    with _LOCK:
        figure, axes = _axes(title)
        days = [p.day for p in points]
        axes.bar(days, [p.count for p in points], color=ACCENT, alpha=0.55, width=0.9, label="mentions")
        axes.bar(days, [p.negative for p in points], color=NEGATIVE, alpha=0.8, width=0.9, label="negative")
        sentiment = axes.twinx()
        sentiment.plot(days, [p.mean_sentiment for p in points], color=POSITIVE, linewidth=1.2, label="mean sentiment")
        sentiment.set_ylim(-1, 1)
        sentiment.tick_params(labelsize=8, colors=POSITIVE)
        sentiment.spines[["top"]].set_visible(False)
        handles = axes.get_legend_handles_labels()[0] + sentiment.get_legend_handles_labels()[0]
        axes.legend(handles, [h.get_label() for h in handles], fontsize=7, frameon=False, loc="upper left")
        figure.autofmt_xdate()
        return _svg(figure)


def share_chart(rows: Sequence[tuple[str, int, float]]) -> str:
    """Return share of voice as horizontal bars with percentages."""
    with _LOCK:
        figure, axes = _axes("Share of voice", height=0.35 * max(len(rows), 2) + 0.8)
        names = [name for name, _, _ in rows][::-1]
        shares = [share * 100 for _, _, share in rows][::-1]
        bars = axes.barh(names, shares, color=ACCENT)
        axes.bar_label(bars, labels=[f"{s:.0f}%" for s in shares], fontsize=8, padding=2)
        axes.set_xlim(0, max(shares + [1]) * 1.2)
        axes.grid(axis="x", color=GRID, linewidth=0.6)
        axes.grid(axis="y", visible=False)
        return _svg(figure)


def _axes(title: str, *, width: float = 6.4, height: float = 2.4):
    return titled_axes(title, width=width, height=height)
