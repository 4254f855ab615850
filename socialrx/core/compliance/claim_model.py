"""A learned reader of claims: a CRF trained on the labelled writer corpus (scripts/train_claim_tagger.py).

The claim rules match the phrasings they were written for; writers say the same things in other words ("honestly can't
imagine pacing without it", "mask-free sleep is basically here"). This model reads each word with its surroundings (a
product named nearby, a negation before it, the reader addressed, a number or a comparison close by) and with the post's
context (the author's relationship to the brand, the regulatory status of the products it names, whether it discloses
a connection or cites a study) and marks the spans writers label as a claim: one a rule blocks, or one a rule sends to
review. Like the reference's claim classifier it only escalates: its spans add findings, they never clear one.
"""

from __future__ import annotations

from dataclasses import dataclass

from socialrx.core.compliance import phi_model
from socialrx.core.compliance.crf_reader import ShippedModel, within
from socialrx.core.compliance.document import Document
from socialrx.core.compliance.patterns import compile_pattern
from socialrx.core.compliance.tokens import Token, fold

MODEL_FILE = "data/claim_tagger.crfsuite"
KINDS = ("BLOCK", "REVIEW")
_NEGATIONS = frozenset("not no never isn't aren't doesn't don't didn't won't can't cannot without nor none nothing".split())
_YOU = frozenset("you your you're ur u yours".split())
_COMPARE = frozenset("better best than more most only first every all always never guaranteed proven beats replaces".split())
_DISCLOSURE = compile_pattern(r"(?i)#ad\b|#sponsored\b|\bpaid\s+(?:partnership|partner|advisor|consultant|ambassador)|\bsponsored\b|"
                         r"\bdisclosure\b|\bi\s+(?:work|worked)\s+(?:at|for)\b|\b(?:gifted|gave\s+me|sent\s+me)\b|\bin\s+partnership\s+with\b")


@dataclass(frozen=True)
class ClaimSpan:
    """A span the model reads as a claim: BLOCK (a rule would block it) or REVIEW, normalised offsets and its tokens' mean
    confidence."""

    kind: str
    start: int
    end: int
    confidence: float


_MODEL = ShippedModel(MODEL_FILE, "claim_model")
use_model, use_shipped_model, enabled = _MODEL.use_model, _MODEL.use_shipped_model, _MODEL.enabled


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
    near_product = within(product_at, 8, 8)
    negated, near_you, near_compare, near_number = (within(negation, 3, -1), within(you, 4, 4), within(compare, 3, 3),
                                                     within(number, 3, 3))
    post = [f"c:{feature}" for feature in post_features(doc)]
    flags = (("c:neg:before", negated), ("c:near:you", near_you), ("c:near:compare", near_compare),
             ("c:near:number", near_number))
    for index, row in enumerate(rows):
        row.extend(post)
        if product_at[index]:
            row.append("c:product")
        elif near_product[index]:
            row.append("c:near:product")
        row.extend(name for name, flagged in flags if flagged[index])


def claim_spans(doc: Document) -> tuple[ClaimSpan, ...]:
    """Return the spans the model marks as claims (cached per post)."""
    return _MODEL.spans(doc, _mean, ClaimSpan)


def _mean(marginals: list[float]) -> float:
    return sum(marginals) / len(marginals)  # a claim is a phrase: its confidence is its words' mean
