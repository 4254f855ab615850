"""The primitives every server-rendered chart shares: the Agg backend, one lock, axes, SVG text."""

from __future__ import annotations

import base64
import io
import threading

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: smaller, searchable, no glyph ids
matplotlib.rcParams["text.parse_math"] = False  # names are text: "$5 $^_$" must not be read as (broken) maths
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first

INK, ACCENT, GRID = "#1f2933", "#2f6fdf", "#e5e7eb"
LOCK = threading.Lock()  # pyplot keeps global state; web threads draw one chart at a time


def svg_of(figure) -> str:
    """Return a figure as SVG markup (without the XML prolog) and close it."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def svg_data_uri(svg: str) -> str:
    """Return an SVG as a data: URI for <img src>: pages keep a strict CSP (an image's own styles are its own)
    and WeasyPrint draws it as an image, keeping each chart's ids apart."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def titled_axes(title: str, *, width: float, height: float = 2.4):
    """Return a figure and axes in the house style: title on the left, no top/right spines, light grid."""
    figure, axes = plt.subplots(figsize=(width, height))
    axes.set_title(title, fontsize=10, color=INK, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=8, colors=INK)
    axes.grid(axis="y", color=GRID, linewidth=0.6)
    return figure, axes
