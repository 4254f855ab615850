"""A learned reader of claims: a CRF trained on the labelled writer corpus (scripts/train_claim_tagger.py).

The claim rules match the phrasings they were written for; writers say the same things in other words ("honestly can't
imagine pacing without it", "mask-free sleep is basically here"). This model reads each word with its surroundings (a
product named nearby, a negation before it, the reader addressed, a number or a comparison close by) and with the post's
context (the author's relationship to the brand, the regulatory status of the products it names, whether it discloses
a connection or cites a study) and marks the spans writers label as a claim: one a rule blocks, or one a rule sends to
review. Like the reference's claim classifier it only escalates: its spans add findings, they never clear one.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache
from importlib.resources import as_file, files

import pycrfsuite

from socialrx.core.compliance import phi_model
from socialrx.core.compliance.document import Document
from socialrx.core.compliance.tokens import Token, fold

MODEL_FILE = "data/claim_tagger.crfsuite"
KINDS = ("BLOCK", "REVIEW")
_LOCAL = threading.local()
_NEGATIONS = frozenset("not no never isn't aren't doesn't don't didn't won't can't cannot without nor none nothing".split())
_YOU = frozenset("you your you're ur u yours".split())
_COMPARE = frozenset("better best than more most only first every all always never guaranteed proven beats replaces".split())
_DISCLOSURE = re.compile(r"(?i)#ad\b|#sponsored\b|\bpaid\s+(?:partnership|partner|advisor|consultant|ambassador)|\bsponsored\b|"
                         r"\bdisclosure\b|\bi\s+(?:work|worked)\s+(?:at|for)\b|\b(?:gifted|gave\s+me|sent\s+me)\b|\bin\s+partnership\s+with\b")


@dataclass(frozen=True)
class ClaimSpan:
    """A span the model reads as a claim: BLOCK (a rule would block it) or REVIEW, normalised offsets and its tokens' mean
    confidence."""

    kind: str
    start: int
    end: int
    confidence: float


_OVERRIDE: dict[str, str | None] = {}


def use_model(path: str | None) -> None:
    """Read with another model file, or with none (``None``): for the training script's writer-fold evaluation."""
    _OVERRIDE["path"] = path


def use_shipped_model() -> None:
    """Go back to the model shipped in the package."""
    _OVERRIDE.pop("path", None)


def enabled() -> bool:
    """Return whether a model is in use (always, unless an evaluation switched it off)."""
    return "path" not in _OVERRIDE or _OVERRIDE["path"] is not None


@cache
def _shipped_path() -> str:
    resource = files("socialrx.core.compliance").joinpath(MODEL_FILE)
    with as_file(resource) as path:
        return str(path)


def _model_path() -> str:
    return _OVERRIDE.get("path") or _shipped_path()


def _tagger() -> pycrfsuite.Tagger:
    tagger = getattr(_LOCAL, "tagger", None)
    if tagger is None or getattr(_LOCAL, "path", None) != _model_path():
        tagger = pycrfsuite.Tagger()
        tagger.open(_model_path())
        _LOCAL.tagger, _LOCAL.path = tagger, _model_path()
    return tagger


def post_features(doc: Document) -> list[str]:
    """Return the post's context as features: author relationship, products' statuses, disclosure, citation, reply."""
    features = [f"rel:{doc.context.author_relationship or 'none'}"]
    statuses = {mention.product.regulatory_status for mention in doc.mentions}
    features += [f"status:{status}" for status in sorted(statuses)]
    if not statuses:
        features.append("status:none")
    if _DISCLOSURE.search(doc.text):
        features.append("disclosed")
    if doc.citations:
        features.append("cited")
    if doc.text.lstrip().startswith("@"):
        features.append("at")
    return features


def features(doc: Document, tokens: list[Token]) -> list[list[str]]:
    """Return each token's features as the model reads them: the learned PHI reader's (the entity tagger's word
    features, health, kin and staff words nearby, the post's cues) and this model's own (``extra_features``)."""
    result = phi_model.features(doc, tokens)  # fresh lists, one per token: extended in place
    _add_extra_features(doc, tokens, result)
    return result


def extra_features(doc: Document, tokens: list[Token]) -> list[list[str]]:
    """Return what this model adds for each token: a product named nearby, a negation before it, the reader addressed,
    a comparison or a number close by, and the post's context (``post_features``)."""
    rows: list[list[str]] = [[] for _ in tokens]
    _add_extra_features(doc, tokens, rows)
    return rows


def _add_extra_features(doc: Document, tokens: list[Token], rows: list[list[str]]) -> None:
    folded = [fold(token.text) for token in tokens]
    product_at = [False] * len(tokens)
    if doc.mentions:
        for index, token in enumerate(tokens):
            product_at[index] = any(mention.start <= token.start < mention.end for mention in doc.mentions)
    negation = [word in _NEGATIONS for word in folded]
    you = [word in _YOU for word in folded]
    compare = [word in _COMPARE for word in folded]
    number = [word == "%" or not word.isalpha() and any(ch.isdigit() for ch in word) for word in folded]
    near_product = _within(product_at, 8, 8)
    negated, near_you, near_compare, near_number = (_within(negation, 3, -1), _within(you, 4, 4), _within(compare, 3, 3),
                                                     _within(number, 3, 3))
    post = [f"c:{feature}" for feature in post_features(doc)]
    for index, row in enumerate(rows):
        row.extend(post)
        if product_at[index]:
            row.append("c:product")
        elif near_product[index]:
            row.append("c:near:product")
        if negated[index]:
            row.append("c:neg:before")
        if near_you[index]:
            row.append("c:near:you")
        if near_compare[index]:
            row.append("c:near:compare")
        if near_number[index]:
            row.append("c:near:number")


def _within(flags: list[bool], before: int, after: int) -> list[bool]:
    """Return, for each position i, whether any flag is set in positions [i - before, i + after] (flags are sparse)."""
    count = len(flags)
    near = [False] * count
    for index, flag in enumerate(flags):
        if flag:
            for position in range(max(0, index - after), min(count, index + before + 1)):
                near[position] = True
    return near


def claim_spans(doc: Document) -> tuple[ClaimSpan, ...]:
    """Return the spans the model marks as claims (cached per post)."""
    if not enabled():
        return ()
    cached = doc.memo.get("claim_model")
    if cached is None:
        cached = _read(doc)
        doc.memo["claim_model"] = cached
    return cached  # type: ignore[return-value]


def _read(doc: Document) -> tuple[ClaimSpan, ...]:
    tokens = doc.tokens
    if not tokens:
        return ()
    tagger = _tagger()
    labels = tagger.tag(doc.crf_items)
    spans: list[ClaimSpan] = []
    current: list | None = None  # [kind, start, end, sum of marginals, tokens]
    for index, (token, label) in enumerate(zip(tokens, labels, strict=True)):
        kind = label[2:] if label != "O" else None
        continues = current is not None and label == f"I-{current[0]}" and "\n" not in doc.text[current[2] : token.start]
        if current is not None and not continues:
            spans.append(ClaimSpan(current[0], current[1], current[2], current[3] / current[4]))
            current = None
        if kind is None:
            continue
        marginal = tagger.marginal(label, index)
        if current is None:
            current = [kind, token.start, token.end, marginal, 1]
        else:
            current[2], current[3], current[4] = token.end, current[3] + marginal, current[4] + 1
    if current is not None:
        spans.append(ClaimSpan(current[0], current[1], current[2], current[3] / current[4]))
    return tuple(spans)
