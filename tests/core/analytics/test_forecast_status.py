"""Forecasts to a target date and KPI status: series with known outcomes."""

import math
from datetime import date

import pytest

from socialrx.core.analytics.forecast import (
    fit_damped_trend,
    forecast_growth,
    months_between,
    probability_of_meeting,
    required_monthly_growth,
    trailing_growth,
)
from socialrx.core.analytics.status import kpi_status, state_from_probability, target_outlook, trend

TEN_PERCENT = [10_000 * 1.1**month for month in range(9)]
FLAT = [12_000.0] * 9


def test_required_growth_matches_the_research_note_example():
    """18,000 now and 25,000 in three months needs 11.6 % a month."""
    assert required_monthly_growth(18_000, 25_000, 3) == pytest.approx(0.1157, abs=1e-4)
    assert required_monthly_growth(30_000, 25_000, 3) < 0


def test_months_between_counts_calendar_months():
    """From 30 Sep to 31 Dec is three months and a day."""
    assert months_between(date(2025, 9, 30), date(2025, 12, 31)) == pytest.approx(3 + 1 / 30.436875)


def test_ten_percent_series_is_forecast_at_ten_percent():
    """A series growing exactly 10 %/month is forecast just under continued 10 % growth.

    The damped trend (phi <= 0.98) keeps 2.88 of 3 months of growth: 1.1 % under at three months.
    """
    forecast = forecast_growth(TEN_PERCENT, 3)
    assert forecast.method == "holt_damped"
    assert forecast.median[0] == pytest.approx(TEN_PERCENT[-1] * 1.1, rel=0.003)
    assert forecast.median[-1] == pytest.approx(TEN_PERCENT[-1] * 1.1**3 * math.exp(-0.1184 * math.log(1.1)), rel=1e-3)
    assert trailing_growth(TEN_PERCENT) == pytest.approx(0.10)
    fit = fit_damped_trend([math.log(v) for v in TEN_PERCENT])
    assert fit.sigma < 0.005


def test_ten_percent_series_reaches_a_target_below_its_path_and_misses_one_above():
    """P(target met) is near 1 for a target under the 10 % path and near 0 well above it."""
    forecast = forecast_growth(TEN_PERCENT, 3)
    assert probability_of_meeting(forecast, TEN_PERCENT[-1] * 1.25) > 0.95
    assert probability_of_meeting(forecast, TEN_PERCENT[-1] * 1.6) < 0.05


def test_flat_series_has_no_chance_of_growing():
    """A flat series is forecast flat, and a higher target has probability 0: off track."""
    outlook = target_outlook(FLAT, 15_000, today=date(2025, 9, 30), target_date=date(2025, 12, 31))
    assert outlook.forecast.median[-1] == pytest.approx(12_000)
    assert outlook.probability == 0.0
    assert outlook.state == "off_track"
    assert outlook.trailing_growth == 0.0


def test_series_already_past_target_is_on_track():
    """A count already over its target is on track with probability 1 and no growth needed."""
    outlook = target_outlook(TEN_PERCENT, 15_000, today=date(2025, 9, 30), target_date=date(2025, 12, 31))
    assert outlook.state == "on_track"
    assert outlook.probability == 1.0
    assert outlook.required_growth < 0


def test_short_history_uses_log_linear_and_shorter_uses_required_growth_only():
    """3-5 points give a log-linear forecast; fewer give the required growth only."""
    assert forecast_growth([100, 110, 121, 133.1], 2).method == "log_linear"
    assert forecast_growth([100, 110, 121, 133.1], 2).median[-1] == pytest.approx(133.1 * 1.21)
    short = target_outlook([100, 110], 200, today=date(2025, 9, 30), target_date=date(2025, 12, 31))
    assert short.forecast.method == "required_growth_only"
    assert short.probability is None
    assert short.state == "off_track"


def test_noisy_series_has_a_widening_interval():
    """Prediction intervals widen with the horizon and contain the median."""
    noisy = [1000, 1080, 1150, 1260, 1330, 1450, 1540, 1660, 1740]
    forecast = forecast_growth(noisy, 4)
    widths = [hi / lo for lo, hi in zip(forecast.lower, forecast.upper, strict=True)]
    assert widths == sorted(widths)
    assert all(lo < m < hi for lo, m, hi in zip(forecast.lower, forecast.median, forecast.upper, strict=True))


def test_target_date_passed_and_missed_is_off_track():
    """A target whose date is past and not reached is off track."""
    outlook = target_outlook(FLAT, 15_000, today=date(2026, 1, 5), target_date=date(2025, 12, 31))
    assert (outlook.state, outlook.probability) == ("off_track", 0.0)


@pytest.mark.parametrize(("p", "state"), [(0.7, "on_track"), (0.69, "at_risk"), (0.3, "at_risk"), (0.29, "off_track")])
def test_probability_thresholds(p, state):
    """P >= 0.7 is on track, 0.3-0.7 at risk, below 0.3 off track."""
    assert state_from_probability(p) == state


def test_level_kpi_compares_with_the_target():
    """An 7.5 % engagement rate against an 8 % target is at risk; 6 % is off track; 8.1 % on track."""
    assert kpi_status(0.08, 0.075).state == "at_risk"
    assert kpi_status(0.08, 0.06).state == "off_track"
    assert kpi_status(0.08, 0.081).state == "on_track"


def test_cumulative_kpi_is_prorated_by_period_progress():
    """30 leads halfway through a 50-lead month is on track; 20 is off track; early slowness is only at risk."""
    assert kpi_status(50, 30, cumulative=True, period_progress=0.5).state == "on_track"
    assert kpi_status(50, 20, cumulative=True, period_progress=0.5).state == "off_track"
    assert kpi_status(50, 1, cumulative=True, period_progress=0.2).state == "at_risk"


def test_at_most_kpi_and_improving_trend():
    """For an at-most target (cost per lead) lower is better and a falling trend is improving."""
    status = kpi_status(120, 100, comparison="at_most", history=[150, 130, 100])
    assert status.state == "on_track"
    assert (status.trend, status.improving) == ("down", True)


def test_trend_is_flat_within_one_percent():
    """A slope under 1 % of the level per period is flat; one value has no trend."""
    assert trend([100, 100.5, 100.2]) == "flat"
    assert trend([100, 110, 121]) == "up"
    assert trend([5]) is None
