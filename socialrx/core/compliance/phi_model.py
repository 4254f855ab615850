"""A learned reader of patient identifiers: a CRF trained on the labelled writer corpus (scripts/train_phi_tagger.py).

The entity tagger (`tagger`) finds every person and place; the hand-weighted rules (`roles`) decide whose they are.
This model reads the same words with their surroundings (health, kinship and staff words nearby, whether the post
is a reply, speaks of care or names a product) and marks the spans that writers label as a patient's or a
relative's name, place, date or age. It runs offline like the entity tagger, in well under a millisecond a post.
Its spans join the rules' findings; a confident one blocks, a likely one asks for review.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from importlib.resources import as_file, files

import pycrfsuite

from socialrx.core.compliance.document import Document
from socialrx.core.compliance.roles import health_count, is_reply
from socialrx.core.compliance.tokens import Token, fold, gazetteer, token_features

MODEL_FILE = "data/phi_tagger.crfsuite"
KINDS = ("NAME", "PLACE", "DATE", "AGE")
_LOCAL = threading.local()
_RELATIVE_WORDS = frozenset(
    """mom mum mama mommy mother dad daddy papa father wife husband hubby son daughter baby babies kid kids child
    grandma grandpa granny nana nan grandmother grandfather grandson granddaughter aunt auntie uncle niece nephew
    sister brother sis bro twins twin toddler newborn cousin fiance fiancee partner boyfriend girlfriend abuela
    abuelo mamá papá hijo hija tía tío lola lolo""".split()
)
_STAFF_WORDS = frozenset(
    """dr doctor nurse rn np pa md do ceo cmo cto cfo coo vp founder cofounder director manager coordinator lead
    chief team colleague colleagues coworker staff tech technician therapist surgeon physician pharmacist aide
    hygienist receptionist chaplain volunteer intern resident fellow coach host speaker moderator panelist
    agent interpreter specialist educator navigator reviewer author professor prof""".split()
)


@dataclass(frozen=True)
class PatientSpan:
    """A span the model reads as a patient's identifier: its kind, normalised-text offsets and confidence."""

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


def features(doc: Document, tokens: list[Token]) -> list[list[str]]:
    """Return each token's features: the entity tagger's own, its surroundings' and the post's (shared with training)."""
    base = doc.token_features if tokens is doc.tokens else token_features(tokens)
    health_words = gazetteer("health_words")
    folded = [fold(token.text) for token in tokens]
    health = [word in health_words for word in folded]
    relative = [word in _RELATIVE_WORDS for word in folded]
    staff = [word in _STAFF_WORDS for word in folded]
    count = health_count(doc.text)
    post = [f"post:health:{min(count, 3)}"]
    if is_reply(doc):
        post.append("post:reply")
    if doc.has_patient_context:
        post.append("post:patient")
    if doc.mentions:
        post.append("post:product")
    if doc.text.lstrip().startswith("@"):
        post.append("post:at")
    near_health = _within(health, 6, 6)
    relative_before, staff_before, staff_after = _within(relative, 3, -1), _within(staff, 3, -1), _within(staff, -1, 3)
    result = []
    for index, own in enumerate(base):
        row = own + post  # a fresh list per token (the base lists are the entity tagger's, cached on the post)
        if near_health[index]:
            row.append("win:health")
        if relative_before[index]:
            row.append("before:relative")
        if staff_before[index]:
            row.append("before:staff")
        if staff_after[index]:
            row.append("after:staff")
        result.append(row)
    return result


def _within(flags: list[bool], before: int, after: int) -> list[bool]:
    """Return, for each position i, whether any flag is set in positions [i - before, i + after] (flags are sparse)."""
    count = len(flags)
    near = [False] * count
    for index, flag in enumerate(flags):
        if flag:
            for position in range(max(0, index - after), min(count, index + before + 1)):
                near[position] = True
    return near


def patient_spans(doc: Document) -> tuple[PatientSpan, ...]:
    """Return the spans the model marks as a patient's or relative's name, place, date or age (cached per post)."""
    if not enabled():
        return ()
    cached = doc.memo.get("phi_model")
    if cached is None:
        cached = _read(doc)
        doc.memo["phi_model"] = cached
    return cached  # type: ignore[return-value]


def _read(doc: Document) -> tuple[PatientSpan, ...]:
    tokens = doc.tokens
    if not tokens:
        return ()
    tagger = _tagger()
    labels = tagger.tag(doc.crf_items)
    spans: list[PatientSpan] = []
    current: tuple[str, int, int, float] | None = None
    for index, (token, label) in enumerate(zip(tokens, labels, strict=True)):
        kind = label[2:] if label != "O" else None
        continues = current is not None and label == f"I-{current[0]}" and "\n" not in doc.text[current[2] : token.start]
        if current is not None and not continues:
            spans.append(PatientSpan(*current))
            current = None
        if kind is None:
            continue
        marginal = tagger.marginal(label, index)
        current = (kind, token.start, token.end, marginal) if current is None else (
            current[0], current[1], token.end, min(current[3], marginal))
    if current is not None:
        spans.append(PatientSpan(*current))
    return tuple(spans)
