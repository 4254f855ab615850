"""The engine: verdicts, configuration, severity overrides, determinism, JSON output and robustness."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.engine import check_text
from socialrx.core.compliance.findings import Finding, result_to_json
from socialrx.core.compliance.rules import RULES

from .helpers import check

RISKY = "Our patient Omar Haddad is 100% cured. Call (646) 555-0187!"


def test_clean_post_passes():
    """A plain compliant post has no findings and passes."""
    result = check_text("Five questions to ask before adopting clinical AI. What would you add?")
    assert result.verdict == "pass"
    assert result.findings == ()


def test_verdict_is_the_worst_severity():
    """The verdict is block when any finding blocks."""
    result = check(RISKY)
    assert result.verdict == "block"
    assert {f.severity for f in result.findings} >= {"block"}


def test_findings_are_frozen_sorted_and_within_text():
    """Findings are immutable, ordered by position and point inside the text."""
    result = check(RISKY)
    starts = [f.start for f in result.findings]
    assert starts == sorted(starts)
    assert all(0 <= f.start <= f.end <= len(RISKY) for f in result.findings)
    with pytest.raises(AttributeError):
        result.findings[0].severity = "info"  # type: ignore[misc]


def test_every_finding_has_message_and_fix():
    """Each finding explains itself in plain language and suggests a fix."""
    for finding in check(RISKY).findings:
        assert finding.message and finding.fix
        assert finding.family in {"phi", "claims", "disclosure", "accessibility", "platform"}
        assert finding.rule.startswith(finding.family + ".")


def test_severity_override_and_off():
    """An organisation can lower a rule's severity or switch a rule or whole family off."""
    text = "Results guaranteed with our patch."
    lowered = ComplianceConfig(rule_severity={"claims.guarantee": "review"})
    assert check_text(text, config=lowered).verdict == "review"
    off = ComplianceConfig(rule_severity={"claims.guarantee": "off"})
    assert check_text(text, config=off).verdict == "pass"
    no_claims = ComplianceConfig(rule_severity={"claims": "off"})
    assert not [f for f in check_text(RISKY, config=no_claims).findings if f.family == "claims"]


def test_severity_override_can_raise():
    """An organisation can make a review rule block."""
    strict = ComplianceConfig(rule_severity={"claims.superlative": "block"})
    assert check_text("The most advanced triage engine.", config=strict).verdict == "block"


def test_invalid_configuration_is_refused_with_the_field_named():
    """Unknown severities and regulatory statuses raise a clear error."""
    with pytest.raises(ValueError, match="rule_severity"):
        ComplianceConfig(rule_severity={"claims.cure": "maybe"})
    with pytest.raises(ValueError, match="regulatory_status"):
        ComplianceConfig.from_dict({"products": [{"name": "X", "regulatory_status": "approved-ish"}]})


def test_from_dict_accepts_a_name_keyed_mapping():
    """Products may be given as a mapping from name to details."""
    config = ComplianceConfig.from_dict({"products": {"Echo1": {"regulatory_status": "510k_cleared", "aliases": ["E1"]}}})
    assert config.products[0].name == "Echo1"
    assert config.products[0].aliases == ("E1",)
    assert check_text("E1 is FDA approved.", config=config).verdict == "block"


def test_determinism():
    """The same input always gives the same result."""
    context = CheckContext(author_relationship="employee", alt_texts=(None,))
    first = check(RISKY, channel="x", context=context)
    assert all(check(RISKY, channel="x", context=context) == first for _ in range(5))


def test_result_to_json_round_trips():
    """The JSON helper returns plain data with the documented keys."""
    data = result_to_json("post-1", check(RISKY))
    assert set(data) == {"id", "verdict", "findings"}
    assert set(data["findings"][0]) == {"rule", "family", "start", "end", "severity", "message", "fix"}
    assert json.loads(json.dumps(data)) == data


def test_rules_are_registered_once():
    """Every rule function is registered in the single list exactly once."""
    assert len(RULES) == len(set(RULES))


def test_finding_is_a_value():
    """Two findings with the same fields are equal."""
    assert Finding("phi.name", "phi", 0, 3, "block", "m", "f") == Finding("phi.name", "phi", 0, 3, "block", "m", "f")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_random_text_never_crashes_and_spans_fit(text: str):
    """Any text, including odd Unicode, gives a result whose spans lie within the text."""
    result = check(text, channel="x", context=CheckContext(author_relationship="paid", alt_texts=("",)))
    assert result.verdict in {"pass", "info", "review", "block"}
    assert all(0 <= f.start <= f.end <= len(text) for f in result.findings)


_WORDS = st.sampled_from(
    ["patient", "Mrs.", "Omar", "Haddad", "91", "4/17", "FDA", "approved", "100%", "cure", "#ad", "@lena", "Call",
     "(646)", "555-0187", "SSN", "2 1 9", "0 9", "nine", "two", "MRN", "LungLens", "Risks:", "https://acme.test/x",
     "—", "🚀", "ＦＤＡ", "\u200b", "zip", "02139", "room", "12", "Hospital", "General", ".", ",", "\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_rule_shaped_text_never_crashes(text: str):
    """Text built from rule trigger words never crashes and keeps spans within the text."""
    result = check(text, channel="linkedin")
    assert all(0 <= f.start <= f.end <= len(text) for f in result.findings)
