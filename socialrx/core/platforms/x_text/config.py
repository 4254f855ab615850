"""Weighting configurations of twitter-text (``config/v2.json`` and ``config/v3.json``)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class WeightRange:
    """A closed range of code points and the weight each one carries."""

    start: int
    end: int
    weight: int


@dataclass(frozen=True)
class TwitterTextConfig:
    """One twitter-text configuration: the weights, the limit and how URLs and emoji count."""

    version: int
    max_weighted_tweet_length: int
    scale: int
    default_weight: int
    transformed_url_length: int
    ranges: tuple[WeightRange, ...]
    emoji_parsing_enabled: bool = False

    def weight_of(self, code_point: int) -> int:
        """Return the scaled weight of one code point."""
        for weight_range in self.ranges:
            if weight_range.start <= code_point <= weight_range.end:
                return weight_range.weight
        return self.default_weight


_LIGHT_RANGES = (
    WeightRange(0, 4351, 100),
    WeightRange(8192, 8205, 100),
    WeightRange(8208, 8223, 100),
    WeightRange(8242, 8247, 100),
)

CONFIG_V2 = TwitterTextConfig(
    version=2,
    max_weighted_tweet_length=280,
    scale=100,
    default_weight=200,
    transformed_url_length=23,
    ranges=_LIGHT_RANGES,
)

CONFIG_V3 = TwitterTextConfig(
    version=3,
    max_weighted_tweet_length=280,
    scale=100,
    default_weight=200,
    transformed_url_length=23,
    ranges=_LIGHT_RANGES,
    emoji_parsing_enabled=True,
)
