"""Attribution models: rule-based credit, exact Markov removal effects, and agreement with ChannelAttribution."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from socialrx.core.analytics.attribution.heuristic import (
    first_touch,
    last_touch,
    linear,
    position_based,
    time_decay,
)
from socialrx.core.analytics.attribution.journeys import Journey, journeys_from_leads, read_reference_journeys
from socialrx.core.analytics.attribution.markov import markov_attribution
from socialrx.core.analytics.imports.crm import parse_crm_export

FIXTURES = Path(__file__).parent / "fixtures"
DAY = datetime(2025, 9, 1, tzinfo=UTC)

JOURNEYS = (
    Journey(("linkedin", "email", "webinar"), conversions=2, value=200, nulls=1),
    Journey(("x", "linkedin"), conversions=1, value=50, nulls=3),
    Journey(("email",), conversions=0, nulls=5),
    Journey(("linkedin", "x", "x", "email"), conversions=1, value=100, nulls=0),
)


def test_first_and_last_touch_give_all_credit_to_one_end():
    """First touch credits the opening channel and last touch the closing one."""
    assert first_touch(JOURNEYS).conversions_by_channel() == {"linkedin": 3, "email": 0, "webinar": 0, "x": 1}
    assert last_touch(JOURNEYS).value_by_channel() == {"linkedin": 50, "email": 100, "webinar": 200, "x": 0}


def test_linear_shares_equally_per_touch():
    """Linear gives 1/n per touch, so a repeated channel earns twice."""
    credit = linear(JOURNEYS).conversions_by_channel()
    assert credit["x"] == pytest.approx(0.5 + 0.5)
    assert credit["linkedin"] == pytest.approx(2 / 3 + 0.5 + 0.25)
    assert sum(credit.values()) == pytest.approx(4)


def test_position_based_is_forty_twenty_forty():
    """Position-based gives 40 % to each end and shares 20 % over the middle; two touches split 50/50."""
    credit = position_based(JOURNEYS).conversions_by_channel()
    assert credit["webinar"] == pytest.approx(0.8)
    assert credit["email"] == pytest.approx(0.4 + 0.4)
    assert credit["x"] == pytest.approx(0.5 + 0.2)
    assert credit["linkedin"] == pytest.approx(0.8 + 0.5 + 0.4)


def test_time_decay_halves_weight_each_half_life():
    """A touch one half-life before the conversion weighs half as much as one at the conversion."""
    journey = Journey(("x", "linkedin"), conversions=3, touch_times=(DAY, DAY + timedelta(days=7)),
                      converted_at=DAY + timedelta(days=7))
    credit = time_decay([journey], half_life=timedelta(days=7)).conversions_by_channel()
    assert credit == pytest.approx({"x": 1.0, "linkedin": 2.0})


def test_time_decay_refuses_journeys_without_times():
    """Time decay cannot credit a converting journey with no touch times."""
    with pytest.raises(ValueError, match="time decay needs touch times"):
        time_decay(JOURNEYS)


def test_markov_credits_the_only_converting_channel():
    """A channel that never leads to a conversion has no removal effect."""
    result = markov_attribution([Journey(("a",), conversions=1), Journey(("b",), nulls=1)])
    assert result.conversions_by_channel() == {"a": 1.0, "b": 0.0}
    assert result.removal_effects == {"a": 1.0, "b": 0.0}


def test_markov_splits_a_chain_evenly():
    """Channels that are all indispensable share credit equally; self-loops change nothing."""
    result = markov_attribution([Journey(("a", "a", "b"), conversions=4, value=10, nulls=4)])
    assert result.conversions_by_channel() == pytest.approx({"a": 2.0, "b": 2.0})
    assert result.value_by_channel() == pytest.approx({"a": 5.0, "b": 5.0})


def synthetic_journeys(n: int, seed: int = 7) -> list[Journey]:
    """Return appendix C's synthetic journeys (8 channels, conversion lift per channel)."""
    rng = np.random.default_rng(seed)
    channels = np.array(["linkedin_organic", "linkedin_paid", "x_organic", "youtube", "webinar", "email",
                         "google_search", "direct"])
    popularity = np.array([.20, .15, .10, .10, .05, .15, .15, .10])
    lift = np.array([.02, .03, .005, .01, .08, .04, .03, .05])
    journeys = []
    for _ in range(n):
        length = min(1 + rng.geometric(0.35), 12)
        picked = rng.choice(8, size=length, p=popularity)
        converted = int(rng.random() < 1 - np.prod(1 - lift[picked]))
        journeys.append(Journey(tuple(channels[picked]), conversions=converted, nulls=1 - converted))
    return journeys


def markov_by_appendix_c(journeys: list[Journey]) -> dict[str, float]:
    """Return credit by the research note's independent exact solution (appendix C)."""
    index, counts = {"(start)": 0}, {}
    for journey in journeys:
        sequence = [0] + [index.setdefault(ch, len(index)) for ch in journey.path]
        for a, b in zip(sequence, sequence[1:], strict=False):
            if a != b:
                counts[(a, b)] = counts.get((a, b), 0) + journey.conversions + journey.nulls
        counts[(sequence[-1], "conv")] = counts.get((sequence[-1], "conv"), 0) + journey.conversions
        counts[(sequence[-1], "null")] = counts.get((sequence[-1], "null"), 0) + journey.nulls
    k = len(index)
    matrix = np.zeros((k, k + 2))
    for (a, b), w in counts.items():
        matrix[a, k if b == "conv" else k + 1 if b == "null" else b] += w
    p = matrix / matrix.sum(1, keepdims=True).clip(min=1e-300)
    q, r = p[:, :k], p[:, k:]
    base = np.linalg.solve(np.eye(k) - q, r)[0, 0]
    effects = {}
    for channel, i in index.items():
        if i:
            q2, r2 = q.copy(), r.copy()
            q2[:, i] = 0
            r2[:, 1] += q[:, i]
            effects[channel] = 1 - np.linalg.solve(np.eye(k) - q2, r2)[0, 0] / base
    total = sum(j.conversions for j in journeys)
    return {ch: total * e / sum(effects.values()) for ch, e in effects.items()}


def test_markov_matches_the_appendix_c_exact_solution():
    """On 5,000 synthetic journeys every channel is within 0.1 % of the note's exact solution."""
    journeys = synthetic_journeys(5_000)
    ours = markov_attribution(journeys).conversions_by_channel()
    theirs = markov_by_appendix_c(journeys)
    for channel, credit in theirs.items():
        assert ours[channel] == pytest.approx(credit, rel=1e-3)


def test_reference_csv_reads_comma_and_semicolon_layouts():
    """The reference layout is read whether its separator is a comma or a semicolon."""
    comma = "path,total_conversions,total_conversion_value,total_null\nx > linkedin,2,30.5,7\nemail,0,0,4\n"
    journeys = read_reference_journeys(comma, file_name="paths.csv")
    assert journeys[0] == Journey(("x", "linkedin"), 2.0, 30.5, 7.0)
    semicolon = comma.replace(",", ";")
    assert read_reference_journeys(semicolon, file_name="paths.csv") == journeys


def test_crm_leads_become_journeys_up_to_the_opportunity():
    """A lead's touches up to its opportunity form its journey; leads without one are nulls."""
    leads = parse_crm_export((FIXTURES / "crm_touches.csv").read_text(), file_name="crm.csv")
    journeys = {j.path: j for j in journeys_from_leads(leads)}
    won = journeys[("linkedin_organic", "linkedin_paid", "email")]
    assert (won.conversions, won.value, won.nulls) == (1.0, 48000, 0.0)
    assert journeys[("x_organic",)].nulls == 1.0
    assert journeys[("google_paid",)].conversions == 1.0
    assert len(journeys) == 3
    credit = time_decay(list(journeys.values())).conversions_by_channel()
    assert sum(credit.values()) == pytest.approx(2.0)


def reference_data():
    """Return ChannelAttribution's own sample Data.csv, its module and our journeys."""
    channel_attribution = pytest.importorskip("ChannelAttribution")
    pandas = pytest.importorskip("pandas")
    import cypack  # shipped inside the channelattribution distribution

    path = Path(cypack.__file__).parent / "data" / "Data.csv"
    frame = pandas.read_csv(path, sep=";")
    return channel_attribution, frame, read_reference_journeys(path.read_text(), file_name="Data.csv")


def test_heuristics_match_channelattribution_exactly():
    """First, last and linear credit equal ChannelAttribution's heuristic_models on its sample data."""
    ca, frame, journeys = reference_data()
    theirs = ca.heuristic_models(frame, "path", "total_conversions", var_value="total_conversion_value",
                                 flg_pro=False).set_index("channel_name")
    for model, ours in (("first_touch", first_touch(journeys)), ("last_touch", last_touch(journeys)),
                        ("linear_touch", linear(journeys))):
        for channel, conversions in ours.conversions_by_channel().items():
            assert conversions == pytest.approx(theirs.loc[channel, f"{model}_conversions"], rel=1e-9)
            assert ours.value_by_channel()[channel] == pytest.approx(theirs.loc[channel, f"{model}_value"], rel=1e-9)


def test_markov_agrees_with_channelattribution_within_one_percent():
    """Every channel's Markov credit is within 1 % of total conversions (and value) of ChannelAttribution's."""
    ca, frame, journeys = reference_data()
    theirs = ca.markov_model(frame, "path", "total_conversions", var_value="total_conversion_value",
                             var_null="total_null", order=1, ncore=1, seed=0, nsim_start=1e6, conv_par=0.01,
                             verbose=False, flg_pro=False).set_index("channel_name")
    ours = markov_attribution(journeys)
    total_conversions, total_value = frame.total_conversions.sum(), frame.total_conversion_value.sum()
    for credit in ours.credits:
        assert abs(credit.conversions - theirs.loc[credit.channel, "total_conversions"]) < 0.01 * total_conversions
        assert abs(credit.value - theirs.loc[credit.channel, "total_conversion_value"]) < 0.01 * total_value


def test_identical_path_strings_are_aggregated():
    """Raw one-row-per-visitor paths are summed into one journey per distinct path."""
    from socialrx.core.analytics.attribution.journeys import journeys_from_paths

    journeys = journeys_from_paths(["a > b", "a>b", "a > b", "c"], [1, 0, 1, 0], [0, 1, 0, 1], [10, 0, 5, 0])
    assert journeys[0] == Journey(("a", "b"), conversions=2, value=15, nulls=0)
    assert journeys[1] == Journey(("a", "b"), conversions=0, value=0, nulls=1)
    assert journeys[2] == Journey(("c",), nulls=1)
