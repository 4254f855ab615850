"""Find person and place names with the CRF model shipped in the package (trained by scripts/train_entity_tagger.py).

The model is a linear-chain CRF (CRFsuite) over word, shape, gazetteer and neighbour features; it runs
offline in well under a millisecond for a post. It finds every person or place: whether a person is a
patient is decided afterwards, per entity, in `roles`.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache
from importlib.resources import as_file, files
from typing import Literal

import pycrfsuite

from socialrx.core.compliance.patterns import compile_pattern
from socialrx.core.compliance.tokens import Token, fold, name_gazetteers, token_features, tokenize

EntityKind = Literal["PER", "LOC"]
MODEL_FILE = "data/entity_tagger.crfsuite"
_LOCAL = threading.local()


@dataclass(frozen=True)
class Entity:
    """A person or place name found in a text: its kind and [start, end) offsets."""

    kind: EntityKind
    start: int
    end: int
    confidence: float


@cache
def _model_path() -> str:
    resource = files("socialrx.core.compliance").joinpath(MODEL_FILE)
    with as_file(resource) as path:
        return str(path)


def _tagger() -> pycrfsuite.Tagger:
    # A CRFsuite tagger is not thread-safe; each thread opens its own (the model file is memory-mapped).
    tagger = getattr(_LOCAL, "tagger", None)
    if tagger is None:
        tagger = pycrfsuite.Tagger()
        tagger.open(_model_path())
        _LOCAL.tagger = tagger
    return tagger


def tag_entities(
    text: str, tokens: list[Token] | None = None, features: list[list[str]] | pycrfsuite.ItemSequence | None = None
) -> tuple[Entity, ...]:
    """Return the person and place names in a text, in order (its tokens and their features may be given).

    Features may carry attributes the model does not know (the learned PHI reader's); CRFsuite ignores them.
    """
    tokens = tokenize(text) if tokens is None else tokens
    if not tokens:
        return ()
    tagger = _tagger()
    labels = tagger.tag(token_features(tokens) if features is None else features)
    return tuple(entity for entity in (_trimmed(text, e) for e in _spans(tagger, text, tokens, labels)) if entity is not None)


_MONTH_DAY = compile_pattern(r"(?:Jan|January|Feb|Mar|March|Apr|April|May|June?|July?|Aug|August|Sept?|Oct|Nov|Dec)\.?(?=\s+\d)")
_PLACE_LAST = compile_pattern(r"(?:Road|Rd|Lane|Ln|Street|St|Avenue|Ave|Drive|Pike|Trail|Hollow|Boulevard|Blvd|Court|Circle|Terrace|"
                         r"Highway|Hwy|Parkway|Creek|Falls|Springs|Ridge|Heights|Valley|Harbor|Point|Farm|Ranch|Park|Hill|"
                         r"Apartments|Estates)\.?$")


def _trimmed(text: str, entity: Entity) -> Entity | None:
    """Drop lower-case words at the edges of a person name unless they are known names ('Wren Abernathy were').

    A "person" whose last word is a street or place word ('Hatchery Road') is a place.
    """
    if entity.kind != "PER":
        return entity
    if any(ch.isdigit() for ch in text[entity.start : entity.end]):
        return None  # "67-year-old man" is a description, not a name
    if _MONTH_DAY.match(text, entity.start) and _MONTH_DAY.match(text, entity.start).end() >= entity.end:
        return None  # "Jan 22", "May 3rd": a date, not Jan or May
    if _PLACE_LAST.search(text[entity.start : entity.end]) and " " in text[entity.start : entity.end]:
        return Entity("LOC", entity.start, entity.end, entity.confidence)
    words = [(m.start() + entity.start, m.end() + entity.start) for m in re.finditer(r"\S+", text[entity.start : entity.end])]
    first = name_gazetteers()[0]

    def weak(span: tuple[int, int]) -> bool:
        word = text[span[0] : span[1]].strip(".,'")
        return word[:1].islower() and fold(word) not in first

    while words and weak(words[0]):
        words.pop(0)
    while words and weak(words[-1]):
        words.pop()
    if not words:
        return None
    return Entity(entity.kind, words[0][0], words[-1][1], entity.confidence)


def _spans(tagger: pycrfsuite.Tagger, text: str, tokens: list[Token], labels: list[str]) -> list[Entity]:
    """Join B-/I- labelled tokens into entities; a line break always ends one (a name never runs onto the next line)."""
    entities: list[Entity] = []
    current: tuple[str, int, int, float] | None = None
    for index, (token, label) in enumerate(zip(tokens, labels, strict=True)):
        kind = label[2:] if label != "O" else None
        continues = current is not None and label == f"I-{current[0]}" and "\n" not in text[current[2] : token.start]
        if current is not None and not continues:
            entities.append(Entity(current[0], current[1], current[2], current[3]))  # type: ignore[arg-type]
            current = None
        if kind is None:
            continue
        marginal = tagger.marginal(label, index)
        if current is None:
            current = (kind, token.start, token.end, marginal)
        else:
            current = (current[0], current[1], token.end, min(current[3], marginal))
    if current is not None:
        entities.append(Entity(current[0], current[1], current[2], current[3]))  # type: ignore[arg-type]
    return entities
