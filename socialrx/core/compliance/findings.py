"""Findings, check results and their JSON form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["block", "review", "info"]
Verdict = Literal["block", "review", "info", "pass"]
Family = Literal["phi", "claims", "disclosure", "accessibility", "platform"]

SEVERITY_RANK: dict[str, int] = {"pass": 0, "info": 1, "review": 2, "block": 3}


@dataclass(frozen=True)
class Finding:
    """One rule hit: what fired, where in the text, how bad, why and how to fix it."""

    rule: str
    family: Family
    start: int
    end: int
    severity: Severity
    message: str
    fix: str


@dataclass(frozen=True)
class CheckResult:
    """The verdict for one text (the worst severity found, or pass) and its findings."""

    verdict: Verdict
    findings: tuple[Finding, ...]

    @property
    def blocked(self) -> bool:
        """Return whether any finding blocks publication."""
        return self.verdict == "block"


def worst_severity(findings: tuple[Finding, ...] | list[Finding]) -> Verdict:
    """Return the most severe severity among the findings, or pass when there are none."""
    verdict: Verdict = "pass"
    for finding in findings:
        if SEVERITY_RANK[finding.severity] > SEVERITY_RANK[verdict]:
            verdict = finding.severity
    return verdict


def finding_to_json(finding: Finding) -> dict[str, Any]:
    """Return a finding as a JSON-friendly dict."""
    return {
        "rule": finding.rule,
        "family": finding.family,
        "start": finding.start,
        "end": finding.end,
        "severity": finding.severity,
        "message": finding.message,
        "fix": finding.fix,
    }


def result_to_json(id: str, result: CheckResult) -> dict[str, Any]:
    """Return a check result as a JSON-friendly dict keyed by the caller's id."""
    return {
        "id": id,
        "verdict": result.verdict,
        "findings": [finding_to_json(finding) for finding in result.findings],
    }
