"""Strategy as code: the schema, loading with precise errors, and the default strategy."""

from .cadence import Cadence, format_cadence, parse_cadence
from .loading import (
    DEFAULT_STRATEGY_NAME,
    StrategyError,
    StrategyIssue,
    default_strategy,
    default_strategy_text,
    dump_strategy,
    load_strategy,
    load_strategy_file,
    strategy_hash,
)
from .schema import Strategy, deadline_date

__all__ = [
    "DEFAULT_STRATEGY_NAME",
    "Cadence",
    "Strategy",
    "StrategyError",
    "StrategyIssue",
    "deadline_date",
    "default_strategy",
    "default_strategy_text",
    "dump_strategy",
    "format_cadence",
    "load_strategy",
    "load_strategy_file",
    "parse_cadence",
    "strategy_hash",
]
