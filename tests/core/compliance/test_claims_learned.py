"""The learned reader of claims (claim_model) and its rule (claims.learned, claims.learned_review).

What the shipped model reads changes when it is retrained, so most tests fix its output (``claim_spans`` replaced by a
stub) and check what the rule and the engine do with it: thresholds, exclusions, folding into the rules' findings, the
organisation's severity settings. Two tests run the shipped model itself.
"""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from socialrx.core.compliance import claim_model
from socialrx.core.compliance.claim_model import ClaimSpan
from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.document import Document
from socialrx.core.compliance.engine import check_text
from socialrx.core.compliance.rules import claims_learned
from tests.core.compliance.helpers import ACME, check

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def spans(monkeypatch):
    """Make the model read given phrases (with kind and confidence) wherever they occur in a post."""
    wanted: list[tuple[str, str, float]] = []

    def fake(doc: Document) -> tuple[ClaimSpan, ...]:
        found = []
        for phrase, kind, confidence in wanted:
            start = doc.text.find(phrase)
            if start >= 0:
                found.append(ClaimSpan(kind, start, start + len(phrase), confidence))
        return tuple(found)

    monkeypatch.setattr(claims_learned, "claim_spans", fake)
    return wanted


def _learned(text: str, config: ComplianceConfig = ACME) -> list[tuple[str, str, str]]:
    return [(f.rule, text[f.start : f.end], f.severity) for f in check_text(text, config=config).findings
            if f.rule.startswith("claims.learned")]


def test_model_is_shipped_and_reads_offline():
    assert files("socialrx.core.compliance").joinpath(claim_model.MODEL_FILE).is_file()
    doc = Document("This tea melts belly fat and fixes your thyroid for good, trust me", ACME, CheckContext(), "x")
    found = claim_model.claim_spans(doc)
    assert all(span.kind in claim_model.KINDS and 0.0 <= span.confidence <= 1.0 for span in found)
    assert claim_model.claim_spans(doc) is found  # cached per post


@pytest.mark.usefixtures("rules_only")
def test_thresholds_decide_block_and_review(spans):
    text = "Honestly my whole family sleeps better since we got it, everyone should."
    spans.append(("my whole family sleeps better", "BLOCK", 0.95))
    assert _learned(text) == [("claims.learned", "my whole family sleeps better", "block")]
    spans[0] = ("my whole family sleeps better", "BLOCK", claims_learned.BLOCK_AT - 0.05)
    assert _learned(text) == [("claims.learned", "my whole family sleeps better", "review")]
    spans[0] = ("my whole family sleeps better", "BLOCK", claims_learned.REVIEW_AT - 0.05)
    assert _learned(text) == []
    spans[0] = ("my whole family sleeps better", "REVIEW", 0.99)
    assert _learned(text) == [("claims.learned_review", "my whole family sleeps better", "review")]


@pytest.mark.parametrize(("text", "phrase"), [
    ("It does not reverse kidney disease, whatever the ads say.", "reverse kidney disease"),
    ("no vitamin replaces the flu shot, get it every year", "no vitamin replaces the flu shot"),
    ("Myth: sunscreen causes cancer. Fact: it lowers skin cancer risk.", "lowers skin cancer risk"),
    ("We removed a post claiming magnets cure arthritis.", "magnets cure arthritis"),
    ("Once you claim to detect a disease, you are a medical device.", "detect a disease"),
    ("Follow #CuresForAll for updates", "CuresForAll"),
])
def test_denied_reported_and_hashtag_words_are_never_claims(spans, text, phrase):
    spans.append((phrase, "BLOCK", 0.99))
    assert _learned(text) == []


def test_a_span_a_rule_flagged_is_the_rules_finding(spans):
    """One claim, one message: the learned span over a rule's claim is folded into it, and the rule's severity stands
    (an uncited statistic asks for review however sure the model is)."""
    text = "Our triage tool reads chest CTs 40% faster."
    spans.append(("reads chest CTs 40% faster", "BLOCK", 0.97))
    result = check(text)
    assert not [f for f in result.findings if f.rule.startswith("claims.learned")]
    assert [f.severity for f in result.findings if f.rule == "claims.uncited_statistic"] == ["review"]


def test_organisation_can_turn_the_learned_claims_off(spans):
    text = "Honestly my whole family sleeps better since we got it, everyone should."
    spans.append(("my whole family sleeps better", "BLOCK", 0.99))
    config = ComplianceConfig.from_dict({"rule_severity": {"claims.learned": "off"}})
    assert _learned(text, config) == []
    assert check_text(text, config=config).verdict == "pass"


def test_switched_off_model_reads_nothing():
    claim_model.use_model(None)
    try:
        assert claim_model.claim_spans(Document("It cures everything!", ACME, CheckContext(), "x")) == ()
    finally:
        claim_model.use_shipped_model()


def test_post_context_is_part_of_what_the_model_reads():
    config = ComplianceConfig.from_dict({"products": {"Zestle": "general_wellness_app"}})
    doc = Document("#ad loving my Zestle (Smith et al., 2024)", config, CheckContext(author_relationship="paid_influencer"), "x")
    post = claim_model.post_features(doc)
    assert {"rel:paid_influencer", "disclosed", "cited"} <= set(post)
    assert any(feature.startswith("status:") and feature != "status:none" for feature in post)
    extra = claim_model.extra_features(doc, doc.tokens)
    assert any("c:product" in token for token in extra)
    assert len(claim_model.features(doc, doc.tokens)) == len(doc.tokens)


def test_training_script_describes_itself():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_claim_tagger.py"), "--help"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "--cv" in result.stdout
