"""What the learned readers (phi_model, claim_model) share: their CRFsuite model file, the spans they read, windows.

Each reader ships one model in the package's data folder; a training script's writer-fold evaluation swaps it for
another file, or for none. Each reads BIO labels over the post's tokens into spans with a confidence.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache
from importlib.resources import as_file, files
from typing import Any, TypeVar

import pycrfsuite

T = TypeVar("T")


class ShippedModel:
    """A CRFsuite model shipped in the package, one tagger per thread, that an evaluation may replace or turn off."""

    def __init__(self, model_file: str, memo_key: str) -> None:
        self.model_file = model_file
        self.memo_key = memo_key
        self._override: dict[str, str | None] = {}
        self._local = threading.local()

    def use_model(self, path: str | None) -> None:
        """Read with another model file, or with none (``None``): for a training script's writer-fold evaluation."""
        self._override["path"] = path

    def use_shipped_model(self) -> None:
        """Go back to the model shipped in the package."""
        self._override.pop("path", None)

    def enabled(self) -> bool:
        """Return whether a model is in use (always, unless an evaluation switched it off)."""
        return "path" not in self._override or self._override["path"] is not None

    def spans(self, doc: Any, combine: Callable[[list[float]], float], make: Callable[..., T]) -> tuple[T, ...]:
        """Return the spans the model reads in a post (``make(kind, start, end, confidence)`` each), cached on the post.

        A span's confidence is ``combine`` of its words' marginal probabilities; no model in use reads nothing.
        """
        if not self.enabled():
            return ()
        cached = doc.memo.get(self.memo_key)
        if cached is None:
            found = read_spans(self.tagger(), doc.crf_items, doc.tokens, doc.text, combine) if doc.tokens else []
            self._local.items = doc.crf_items  # the sequence the tagger holds now (its marginals are read from it)
            cached = tuple(make(*span) for span in found)
            doc.memo[self.memo_key] = cached
        return cached  # type: ignore[no-any-return]

    def faint(self, doc: Any, floor: float, make: Callable[..., T]) -> tuple[T, ...]:
        """Return the runs of words the best path leaves outside every span but whose probability of being inside one
        is at least ``floor`` (``make(kind, start, end, confidence)`` each; the kind the words' marginals favour, the
        confidence the least sure word's), cached on the post per floor."""
        if not self.enabled() or not doc.tokens:
            return ()
        key = (self.memo_key, "faint", floor)
        cached = doc.memo.get(key)
        if cached is None:
            self.spans(doc, min, make)  # the best path's spans, read first
            inside = {(span.start, span.end) for span in doc.memo[self.memo_key]}
            tagger = self.tagger()
            if getattr(self._local, "items", None) is not doc.crf_items:
                tagger.set(doc.crf_items)  # another post was read since (setting the sequence costs as much as tagging)
                self._local.items = doc.crf_items
            cached = tuple(make(*span) for span in read_faint(tagger, doc.tokens, doc.text, floor, inside))
            doc.memo[key] = cached
        return cached  # type: ignore[no-any-return]

    def tagger(self) -> pycrfsuite.Tagger:
        """Return this thread's tagger for the model in use (reopened when the model file changes)."""
        path = self._override.get("path") or _shipped_path(self.model_file)
        tagger = getattr(self._local, "tagger", None)
        if tagger is None or getattr(self._local, "path", None) != path:
            tagger = pycrfsuite.Tagger()
            tagger.open(path)
            self._local.tagger, self._local.path, self._local.items = tagger, path, None
        return tagger


@cache
def _shipped_path(model_file: str) -> str:
    resource = files("socialrx.core.compliance").joinpath(model_file)
    with as_file(resource) as path:
        return str(path)


def read_spans(tagger: pycrfsuite.Tagger, items: Any, tokens: list, text: str,
               combine: Callable[[list[float]], float]) -> list[tuple[str, int, int, float]]:
    """Return (kind, start, end, confidence) for each run of B-/I- labels the tagger gives the tokens.

    A span never crosses a line break; its confidence is ``combine`` of its tokens' marginal probabilities.
    """
    labels = tagger.tag(items)
    spans: list[tuple[str, int, int, float]] = []
    kind, start, end, marginals = None, 0, 0, []  # the span being read
    for index, (token, label) in enumerate(zip(tokens, labels, strict=True)):
        continues = kind is not None and label == f"I-{kind}" and "\n" not in text[end : token.start]
        if kind is not None and not continues:
            spans.append((kind, start, end, combine(marginals)))
            kind = None
        if label == "O":
            continue
        marginal = tagger.marginal(label, index)
        if kind is None:
            kind, start, end, marginals = label[2:], token.start, token.end, [marginal]
        else:
            end = token.end
            marginals.append(marginal)
    if kind is not None:
        spans.append((kind, start, end, combine(marginals)))
    return spans


def read_faint(tagger: pycrfsuite.Tagger, tokens: list, text: str, floor: float,
               inside: set[tuple[int, int]]) -> list[tuple[str, int, int, float]]:
    """Return (kind, start, end, confidence) for each run of words outside the best path's spans (``inside`` holds their
    offsets), in the sequence the tagger holds, whose marginal probability of any label but O is at least ``floor`` (words with a letter or digit: no emoji
    or punctuation).

    A run never crosses a line break; its kind is the label kind with the greatest summed B-/I- marginal over its words.
    """
    covered = [any(start <= token.start and token.end <= end for start, end in inside) for token in tokens]
    kinds = sorted({label[2:] for label in tagger.labels() if label != "O"})
    spans: list[tuple[str, int, int, float]] = []
    run: list[int] = []  # token indexes of the run being read
    def close() -> None:
        if run:
            weight = {kind: sum(tagger.marginal(f"B-{kind}", i) + tagger.marginal(f"I-{kind}", i) for i in run)
                      for kind in kinds}
            kind = max(kinds, key=lambda k: weight[k])
            spans.append((kind, tokens[run[0]].start, tokens[run[-1]].end,
                          min(1.0 - tagger.marginal("O", i) for i in run)))
            run.clear()
    for index, token in enumerate(tokens):
        faint = (not covered[index] and any(char.isalnum() for char in token.text)
                 and 1.0 - tagger.marginal("O", index) >= floor)
        if run and (not faint or "\n" in text[tokens[run[-1]].end : token.start]):
            close()
        if faint:
            run.append(index)
    close()
    return spans


def within(flags: list[bool], before: int, after: int) -> list[bool]:
    """Return, for each position i, whether any flag is set in positions [i - before, i + after] (flags are sparse)."""
    count = len(flags)
    near = [False] * count
    for index, flag in enumerate(flags):
        if flag:
            for position in range(max(0, index - after), min(count, index + before + 1)):
                near[position] = True
    return near
