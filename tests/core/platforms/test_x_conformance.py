"""twitter-text's own conformance cases (validate.yml), loaded straight from shared/."""

from pathlib import Path

import pytest
import yaml

from socialrx.core.platforms.x_text.config import CONFIG_V2, CONFIG_V3, TwitterTextConfig
from socialrx.core.platforms.x_text.entities import is_valid_hashtag, is_valid_list, is_valid_username
from socialrx.core.platforms.x_text.weighted import parse_tweet

VALIDATE_YML = Path(__file__).resolve().parents[3].parent / "shared" / "external" / "twitter-text" / "validate.yml"

PARSE_SECTIONS: dict[str, TwitterTextConfig] = {
    "WeightedTweetsCounterTest": CONFIG_V2,
    "WeightedTweetsWithDiscountedEmojiCounterTest": CONFIG_V3,
    "UnicodeDirectionalMarkerCounterTest": CONFIG_V3,
}
VALIDITY_SECTIONS = {"hashtags": is_valid_hashtag, "usernames": is_valid_username, "lists": is_valid_list}


def _cases(sections: list[str]) -> list:
    if not VALIDATE_YML.exists():
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=f"{VALIDATE_YML} is absent"))]
    tests = yaml.safe_load(VALIDATE_YML.read_text(encoding="utf-8"))["tests"]
    return [
        pytest.param(section, case, id=f"{section}: {case['description']}")
        for section in sections
        for case in tests[section]
    ]


@pytest.mark.parametrize(("section", "case"), _cases(list(PARSE_SECTIONS)))
def test_parse_result_matches_twitter_text(section: str, case: dict) -> None:
    """parse_tweet gives twitter-text's weighted length, validity, permillage and ranges."""
    result = parse_tweet(case["text"], PARSE_SECTIONS[section])
    assert {
        "weightedLength": result.weighted_length,
        "valid": result.valid,
        "permillage": result.permillage,
        "displayRangeStart": result.display_range[0],
        "displayRangeEnd": result.display_range[1],
        "validRangeStart": result.valid_range[0],
        "validRangeEnd": result.valid_range[1],
    } == case["expected"]


@pytest.mark.parametrize(("section", "case"), _cases(list(VALIDITY_SECTIONS)))
def test_entity_validity_matches_twitter_text(section: str, case: dict) -> None:
    """Hashtag, username and list validity agree with twitter-text."""
    assert VALIDITY_SECTIONS[section](case["text"]) is case["expected"]
