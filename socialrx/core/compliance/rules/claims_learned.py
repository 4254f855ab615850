"""Claim rule from the learned reader (`claim_model`): spans writers label as a claim the rules did not catch.

The reference's advice for a claim classifier is that it may escalate, never approve: a span the model reads as a
blocking claim asks for review, and blocks only when the model is very sure; a span it reads as a review-level claim
asks for review. A span a rule already flagged is the rule's (its message says what is wrong); negated, questioned or
reported words, hashtags and links are never read as claims.
"""

from __future__ import annotations

from collections.abc import Iterator

from socialrx.core.compliance.claim_model import ClaimSpan, claim_spans
from socialrx.core.compliance.document import REPORTED, Document
from socialrx.core.compliance.findings import Finding, Severity
from socialrx.core.compliance.patterns import compile_pattern
from socialrx.core.compliance.roles import generic_reply_sentence, is_reply
from socialrx.core.compliance.rules.claims import DENIED_ADVICE

# Thresholds on the model's confidence (mean over the span's words), chosen on writer folds of the train split
# (scripts/train_claim_tagger.py --cv).
REVIEW_AT = 0.6
BLOCK_AT = 0.9


def learned_claims(doc: Document) -> Iterator[Finding]:
    """Flag the spans the learned reader takes for a health, regulatory or endorsement claim."""
    for span in claim_spans(doc):
        if span.confidence < REVIEW_AT or _excluded(doc, span):
            continue
        severity: Severity = "block" if span.kind == "BLOCK" and span.confidence >= BLOCK_AT else "review"
        rule = "claims.learned" if span.kind == "BLOCK" else "claims.learned_review"
        yield doc.finding(
            rule, "claims", span.start, span.end, severity,
            f"Reads like a health, regulatory or endorsement claim worded in a way the rules do not know (learned from "
            f"labelled posts; confidence {span.confidence:.2f}); it needs "
            f"{'substantiation, the product’s approved wording and any disclosure' if span.kind == 'BLOCK' else 'a citation'}.",
            "Rephrase without the claim, or cite the evidence and disclose any connection; a reviewer decides.",
        )


def _excluded(doc: Document, span: ClaimSpan) -> bool:
    """Return whether the span is negated, questioned or reported, or sits in a link, a hashtag or a handle."""
    if doc.in_markup(span.start):
        return True
    if DATE_AND_PLACE.fullmatch(doc.text, span.start, span.end):
        return True  # "Oct 4 in Ashgrove": an event's date and place make no claim
    if STATUS_WORDING.fullmatch(doc.text, span.start, span.end):
        return True  # "FDA approved": the status rules read regulatory wording against the product registry
    if DENIED_ADVICE.search(doc.text, max(0, span.start - 40), span.end):
        return True  # "you don't need to skip vaccines": advice against care, denied
    if doc.is_negated(span.start, span.end) or LEADING_NEGATION.match(doc.text, span.start):
        return True  # "no vitamin replaces the flu shot": the claim denied in its own first word
    if RISK_FACTORS_AFTER.match(doc.text, span.end):
        return True  # "Zero risk factors? You still need a mammogram at 40.": the person's risk factors, no claim
    sentence_start, sentence_end = doc.sentence_at(span.start)
    sentence = doc.text[sentence_start:sentence_end]
    if MYTH_OR_META.search(sentence) or (is_reply(doc) and generic_reply_sentence(sentence)):
        return True  # "myth: … fact: …", "once you claim to detect a disease…", "if you can't log in, call…"
    if RISK_STATEMENT.search(doc.text, sentence_start, min(span.end, span.start + 12)):
        # "It can cause mood changes, including depression": risk information, not a benefit (the span may begin at "cause")
        return True
    return bool(REPORTED.search(doc.text, max(sentence_start, span.start - 60), span.start))


DATE_AND_PLACE = compile_pattern(
    r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\w*,?\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"(?:,?\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})?"
)
RISK_FACTORS_AFTER = compile_pattern(r"(?i)[\s-]*factors?\b")
LEADING_NEGATION = compile_pattern(r"(?i)(?:no|not|never|none|nothing|nobody|zero\s+evidence)\b")
STATUS_WORDING = compile_pattern(
    r"(?i)(?:(?:the\s+)?(?:u\.?s\.?\s+)?fda[\s-]*)?(?:approved|cleared|authori[sz]ed|granted|registered)(?:\s+by\s+the\s+fda)?"
)
RISK_STATEMENT = compile_pattern(
    r"(?i)\b(?:risks?|side[\s-]+effects?|warnings?|adverse\s+(?:events?|reactions?))\s+(?:include|including|are|may\s+include)\b"
    r"|\b(?:can|may|could|might)\s+(?:also\s+)?cause\b|\bcontraindicated\b"
)
MYTH_OR_META = compile_pattern(r"(?i)\b(?:myth|fact|false|debunk\w*|misconception)\s*:|\bclaims?\s+(?:to|that)\b|\bif\s+you\s+claim\b"
                               r"|\b(?:the|our|your|their|a)\s+(?:copy|ad|caption|headline|label|draft)\s+says\b")
