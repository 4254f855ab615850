"""Shared helpers for the compliance tests."""

from __future__ import annotations

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
