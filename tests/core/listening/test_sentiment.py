"""The VADER re-implementation reproduces vaderSentiment and the healthcare layer adjusts domain words."""

import statistics
from pathlib import Path

import pytest
from vaderSentiment import vaderSentiment as reference

from socialrx.core.listening.sentiment.rules import BOOSTER_DICT, NEGATE, SPECIAL_CASES
from socialrx.core.listening.sentiment.vader import SentimentScorer

GROUND_TRUTH = Path("/work/shared/external/vader/tweets_GroundTruth.txt")
TRICKY = [
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "Today only kinda sux! But I'll get by, lol",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "With VADER, sentiment analysis is the shit!",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "good but good but bad bad",
    "no no no good",
    "Never so good?? Really???",
    "",
    "   ",
]


@pytest.fixture(scope="module")
def tweets() -> list[tuple[float, str]]:
    if not GROUND_TRUTH.exists():
        pytest.skip(f"{GROUND_TRUTH} is not present")
    rows = [line.split("\t") for line in GROUND_TRUTH.read_text(encoding="utf-8").splitlines()]
    return [(float(rating), text) for _, rating, text in rows]


def test_rule_tables_equal_vader_sentiment():
    """The copied rule tables are the ones vaderSentiment uses."""
    assert BOOSTER_DICT == reference.BOOSTER_DICT
    assert NEGATE == frozenset(reference.NEGATE)
    assert SPECIAL_CASES == reference.SPECIAL_CASES


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_sentences_match_vader_sentiment(text):
    """Negation, boosters, caps, 'but', 'least', idioms and emoji score as in vaderSentiment."""
    expected = reference.SentimentIntensityAnalyzer().polarity_scores(text)["compound"]
    assert SentimentScorer(healthcare=False).compound(text) == pytest.approx(expected, abs=1e-6)


def test_ground_truth_tweets_identical_to_vader_sentiment(tweets):
    """With the healthcare layer off, every ground-truth tweet scores as vaderSentiment scores it."""
    analyzer = reference.SentimentIntensityAnalyzer()
    scorer = SentimentScorer(healthcare=False)
    mismatches = [
        text for _, text in tweets if abs(scorer.compound(text) - analyzer.polarity_scores(text)["compound"]) > 1e-6
    ]
    assert mismatches == []


def test_healthcare_layer_keeps_correlation_with_humans(tweets):
    """With the healthcare layer on, Pearson r with the human means is at least vaderSentiment's."""
    analyzer = reference.SentimentIntensityAnalyzer()
    scorer = SentimentScorer()
    humans = [rating for rating, _ in tweets]
    ours = statistics.correlation(humans, [scorer.compound(text) for _, text in tweets])
    theirs = statistics.correlation(humans, [analyzer.polarity_scores(text)["compound"] for _, text in tweets])
    print(f"Pearson r: ours (healthcare layer) {ours:.4f}, vaderSentiment {theirs:.4f}")
    assert theirs > 0.86
    assert ours >= theirs


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Data breach at the hospital", -1),
        ("The device recall was announced", -1),
        ("Misdiagnosis rates rose", -1),
        ("Two adverse events reported", -1),
        ("False positive rates are too high", -1),
        ("FDA cleared the new sepsis model", 1),
        ("Improved outcomes across the network", 1),
    ],
)
def test_healthcare_layer_scores_domain_words(text, sign):
    """Healthcare terms VADER misses or misreads get the domain's polarity."""
    assert SentimentScorer().compound(text) * sign >= 0.3


def test_healthcare_layer_neutralises_topic_words():
    """'Health care' is a topic, not praise; 'cancer screening' is not negative."""
    scorer = SentimentScorer()
    assert scorer.compound("Health care policy update") == 0.0
    assert scorer.compound("New cancer screening guidance") == 0.0
    assert SentimentScorer(healthcare=False).compound("Health care policy update") > 0.3


def test_scores_are_bounded():
    """Compound scores stay within [-1, 1] for extreme inputs."""
    scorer = SentimentScorer()
    assert scorer.compound("GREAT " * 200 + "!!!!!") <= 1.0
    assert scorer.compound("horrible terrible awful " * 100) >= -1.0
