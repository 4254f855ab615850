"""Hypothesis strategies that build small random valid socialrx strategies."""

from __future__ import annotations

from hypothesis import strategies as st

from socialrx.core.strategy import Strategy

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TOPICS = ("research", "tutorial", "customer story", "news", "regulation", "events", "data", "webinar")
CADENCES = (
    "weekly", "bi-weekly", "monthly", "quarterly", "annual", "2 per week", "3-4 per week",
    "1-2 per month", "tuesday", "monday, thursday", "weekdays",
)  # fmt: skip


@st.composite
def shares(draw: st.DrawFn) -> list[int]:
    """Return 2 to 6 whole-number pillar shares that sum to 100."""
    count = draw(st.integers(min_value=2, max_value=6))
    cuts = sorted(draw(st.lists(st.integers(5, 95), min_size=count - 1, max_size=count - 1, unique=True)))
    points = [0, *cuts, 100]
    parts = [b - a for a, b in zip(points, points[1:], strict=False)]
    return parts if all(p > 0 for p in parts) else [100 // count] * (count - 1) + [100 - 100 // count * (count - 1)]


@st.composite
def random_strategies(draw: st.DrawFn) -> Strategy:
    """Return a valid strategy with 2-6 pillars, 1-3 platforms and at least three daily content types."""
    pillar_shares = draw(shares())
    pillars = [
        {"key": f"pillar_{n}", "name": f"Pillar {n}", "share": share, "topics": [draw(st.sampled_from(TOPICS))]}
        for n, share in enumerate(pillar_shares)
    ]
    platform_count = draw(st.integers(1, 3))
    platforms = []
    for n in range(platform_count):
        types = [
            {"key": f"daily_{k}", "name": f"Daily {draw(st.sampled_from(TOPICS))}", "cadence": "daily"}
            for k in range(3 if n == 0 else 1)
        ]
        for k in range(draw(st.integers(0, 4))):
            topic = draw(st.sampled_from(TOPICS))
            types.append({"key": f"type_{k}", "name": topic.title(), "cadence": draw(st.sampled_from(CADENCES))})
        times = sorted(draw(st.sets(st.sampled_from(["07:30", "09:00", "12:15", "17:00"]), min_size=1, max_size=2)))
        platforms.append({"key": f"net_{n}", "name": f"Network {n}", "content_types": types, "posting_times": times})
    themes = [
        {"weekday": day, "theme": f"{draw(st.sampled_from(TOPICS))} day"}
        for day in draw(st.lists(st.sampled_from(WEEKDAY_NAMES), unique=True, max_size=6))
    ]
    return Strategy.model_validate(
        {
            "organisation": {"name": "Random", "timezone": draw(st.sampled_from(["UTC", "Europe/Paris", "America/New_York"]))},
            "platforms": platforms,
            "content_pillars": pillars,
            "weekday_themes": themes,
            "monthly_themes": [{"month": "march", "theme": "Spring"}],
        }
    )
