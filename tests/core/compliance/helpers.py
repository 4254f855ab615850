"""Shared helpers for the compliance tests."""

from __future__ import annotations

from collections.abc import Callable

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.engine import check_text
from socialrx.core.compliance.findings import CheckResult

ACME = ComplianceConfig.from_dict(
    {
        "products": [
            {
                "name": "LungLens",
                "regulatory_status": "510k_cleared",
                "cleared_indication": "triage and notification of suspected pulmonary nodules on chest CT",
                "risk_info_url": "https://acme.test/lunglens/ifu",
            },
            {"name": "KidneyKey", "aliases": ["KK-2"], "regulatory_status": "investigational"},
            {"name": "CorValve", "regulatory_status": "pma_approved"},
            {"name": "StepBuddy", "regulatory_status": "not_a_device"},
            {"name": "Lipovane", "regulatory_status": "rx_drug_approved", "established_name": "rosulinide"},
            {"name": "NovaScope", "regulatory_status": "breakthrough_designation"},
        ],
        "own_domains": ["acme.test"],
        "own_phone_numbers": ["(312) 555-0100"],
        "own_handles": ["@AcmeHealth"],
        "spokespeople": ["Priya Raman", "Dr. Felix Moreau"],
        "authorized_patient_stories": ["Wanda Pike"],
    }
)


def check(text: str, *, channel: str | None = None, context: CheckContext | None = None) -> CheckResult:
    """Return the check result for text under the test organisation's configuration."""
    return check_text(text, config=ACME, channel=channel, context=context)


def rules(text: str, **kwargs: object) -> set[str]:
    """Return the set of rule ids that fire on text."""
    return {finding.rule for finding in check(text, **kwargs).findings}  # type: ignore[arg-type]


def blocked_by(text: str, rule: str, **kwargs: object) -> bool:
    """Return whether the post is blocked and the rule is among its findings."""
    result = check(text, **kwargs)  # type: ignore[arg-type]
    return result.verdict == "block" and rule in {finding.rule for finding in result.findings}


def flagged(text: str, rule: str, **kwargs: object) -> list[str]:
    """Return the text of every span flagged by one rule."""
    result = check(text, **kwargs)  # type: ignore[arg-type]
    return [text[f.start : f.end] for f in result.findings if f.rule == rule]


# Author relationships and reply flags the writer-corpus round tests check posts under.
EMPLOYEE = CheckContext(author_relationship="employee")
BRAND = CheckContext(author_relationship="brand")
CLINICIAN = CheckContext(author_relationship="clinician")
ADVOCATE = CheckContext(author_relationship="patient_advocate")
PARTNER = CheckContext(author_relationship="brand_partner")
INFLUENCER = CheckContext(author_relationship="paid_influencer")
BRAND_REPLY = CheckContext(author_relationship="brand", is_reply=True)
CLINICIAN_REPLY = CheckContext(author_relationship="clinician", is_reply=True)


def check_registry(text: str, products: dict[str, str] | None = None, context: CheckContext | None = None) -> CheckResult:
    """Return the result for a post checked as the writer corpus is: its own product registry ({name: status}) and
    example.com as the organisation's domain."""
    config = ComplianceConfig.from_dict({"products": products or {}, "own_domains": ["example.com"]})
    return check_text(text, config=config, context=context)


def registry_rules(text: str, products: dict[str, str] | None = None, context: CheckContext | None = None) -> set[str]:
    """Return the rule ids that fire on a post checked with its own product registry (see ``check_registry``)."""
    return {finding.rule for finding in check_registry(text, products, context).findings}


def registry_checks(default: CheckContext) -> tuple[Callable[..., CheckResult], Callable[..., set[str]]]:
    """Return ``check_registry`` and ``registry_rules`` with a round's usual author as the default context."""

    def result(text: str, products: dict[str, str] | None = None, context: CheckContext = default) -> CheckResult:
        return check_registry(text, products, context)

    def found(text: str, products: dict[str, str] | None = None, context: CheckContext = default) -> set[str]:
        return registry_rules(text, products, context)

    return result, found


def assert_confirms_care(text: str, context: CheckContext) -> None:
    """Assert that the reply blocks because it confirms that someone is or was our patient (rule R24)."""
    result = check(text, context=context)
    assert "phi.treatment_relationship" in {f.rule for f in result.findings}, text
    assert result.verdict == "block", text


def assert_not_blocked(text: str, context: CheckContext) -> None:
    """Assert that the post is not blocked, showing what was found when it is."""
    result = check(text, context=context)
    assert result.verdict != "block", [(f.rule, text[f.start : f.end]) for f in result.findings]
