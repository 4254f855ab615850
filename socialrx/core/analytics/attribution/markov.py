"""Markov-chain attribution by removal effect, solved exactly on the absorbing chain (no simulation).

The chain has a start state, one state per channel, and two absorbing states, conversion and
null. Transition probabilities are the observed transition counts normalised per state;
self-loops (a channel followed by itself) are dropped because they do not change where a walk is
absorbed. P(conv) is the absorption probability from the start state, found by solving
(I - Q) x = r. Removing a channel sends every transition into it to null; its removal effect is
1 - P(conv without it) / P(conv), and conversions and value are shared in proportion to the
removal effects.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from socialrx.core.analytics.attribution.journeys import AttributionResult, ChannelCredit, Journey

_START = 0


def markov_attribution(journeys: Sequence[Journey]) -> AttributionResult:
    """Return first-order Markov credit per channel, with the (conversion) removal effects.

    Value is shared by value removal effects: the same chain, rewarded on absorption with the
    mean conversion value of the state the conversion came from.
    """
    channels, transitions, endings = _count_transitions(journeys)
    outgoing = transitions.sum(axis=1) + endings[:, 0] + endings[:, 1]
    scale = np.divide(1.0, outgoing, out=np.zeros_like(outgoing), where=outgoing > 0)
    q = transitions * scale[:, None]
    conversion_effects = removal_effects(q, endings[:, 0] * scale)
    value_effects = removal_effects(q, endings[:, 2] * scale)
    total_conversions = sum(j.conversions for j in journeys)
    total_value = sum(j.value for j in journeys)
    credits = tuple(
        ChannelCredit(channel, total_conversions * _share(conversion_effects, i), total_value * _share(value_effects, i))
        for i, channel in enumerate(channels)
    )
    return AttributionResult("markov", credits, {c: float(conversion_effects[i]) for i, c in enumerate(channels)})


def removal_effects(q: np.ndarray, reward: np.ndarray) -> np.ndarray:
    """Return each channel state's removal effect (states 1..k-1) given transient transitions and absorption reward.

    `q[a, b]` is the probability of moving from state a to state b; `reward[a]` the expected reward of
    leaving state a by absorption (the conversion probability, or the expected conversion value).
    """
    states = q.shape[0]
    identity = np.eye(states)
    base = _expected_reward(identity - q, reward)
    effects = np.zeros(states - 1)
    if base <= 0:
        return effects
    for state in range(1, states):
        removed = q.copy()
        removed[:, state] = 0.0
        removed[state, :] = 0.0
        kept_reward = reward.copy()
        kept_reward[state] = 0.0
        effects[state - 1] = 1.0 - _expected_reward(identity - removed, kept_reward) / base
    return effects


def _share(effects: np.ndarray, index: int) -> float:
    total = float(effects.sum())
    return float(effects[index]) / total if total > 0 else 0.0


def _expected_reward(system: np.ndarray, reward: np.ndarray) -> float:
    return float(np.linalg.solve(system, reward)[_START])


def _count_transitions(journeys: Sequence[Journey]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Return channel names, transition counts between states, and per-state conversions, nulls and value ending there."""
    paths: dict[tuple[str, ...], list[float]] = {}
    for journey in journeys:
        counts = paths.setdefault(journey.path, [0.0, 0.0, 0.0])
        counts[0] += journey.conversions
        counts[1] += journey.nulls
        counts[2] += journey.value
    index: dict[str, int] = {}
    sources: list[int] = []
    targets: list[int] = []
    weights: list[float] = []
    last_states: list[int] = []
    for path, (conversions, nulls, _) in paths.items():
        previous = _START
        for channel in path:
            state = index.setdefault(channel, len(index) + 1)
            if state != previous:
                sources.append(previous)
                targets.append(state)
                weights.append(conversions + nulls)
            previous = state
        last_states.append(previous)
    size = len(index) + 1
    transitions = np.zeros((size, size))
    np.add.at(transitions, (np.array(sources, dtype=int), np.array(targets, dtype=int)), np.array(weights))
    endings = np.zeros((size, 3))
    np.add.at(endings, np.array(last_states, dtype=int), np.array(list(paths.values())).reshape(-1, 3))
    return list(index), transitions, endings
