"""A learned reader of patient identifiers: a CRF trained on the labelled writer corpus (scripts/train_phi_tagger.py).

The entity tagger (`tagger`) finds every person and place; the hand-weighted rules (`roles`) decide whose they are.
This model reads the same words with their surroundings (health, kinship and staff words nearby, whether the post
is a reply, speaks of care or names a product) and marks the spans that writers label as a patient's or a
relative's name, place, date or age. It runs offline like the entity tagger, in well under a millisecond a post.
Its spans join the rules' findings; a confident one blocks, a likely one asks for review.
"""

from __future__ import annotations

from dataclasses import dataclass

from socialrx.core.compliance.crf_reader import ShippedModel, within
from socialrx.core.compliance.document import Document
from socialrx.core.compliance.roles import health_count, is_reply
from socialrx.core.compliance.tokens import Token, fold, gazetteer, token_features

MODEL_FILE = "data/phi_tagger.crfsuite"
KINDS = ("NAME", "PLACE", "DATE", "AGE")
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


_MODEL = ShippedModel(MODEL_FILE, "phi_model")
use_model, use_shipped_model, enabled = _MODEL.use_model, _MODEL.use_shipped_model, _MODEL.enabled


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
    near_health = within(health, 6, 6)
    relative_before, staff_before, staff_after = within(relative, 3, -1), within(staff, 3, -1), within(staff, -1, 3)
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


def patient_spans(doc: Document) -> tuple[PatientSpan, ...]:
    """Return the spans the model marks as a patient's or relative's name, place, date or age (cached per post)."""
    return _MODEL.spans(doc, min, PatientSpan)  # a span is as sure as its least sure word


def faint_spans(doc: Document, floor: float) -> tuple[PatientSpan, ...]:
    """Return the runs of words the model's best reading leaves out but that it gives at least ``floor`` probability of
    being a patient's or relative's identifier (cached per post)."""
    return _MODEL.faint(doc, floor, PatientSpan)
