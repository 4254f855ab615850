"""Run every compliance rule over a post and decide block, review, info or pass."""

from __future__ import annotations

from dataclasses import replace

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.document import Document
from socialrx.core.compliance.findings import CheckResult, Finding, worst_severity
from socialrx.core.compliance.rules import RULES

_DEFAULT_CONFIG = ComplianceConfig()
_DEFAULT_CONTEXT = CheckContext()


def check_text(
    text: str,
    *,
    config: ComplianceConfig | None = None,
    channel: str | None = None,
    context: CheckContext | None = None,
) -> CheckResult:
    """Return the verdict and findings for one post's text under an organisation's configuration."""
    config = config or _DEFAULT_CONFIG
    doc = Document(text, config, context or _DEFAULT_CONTEXT, channel)
    findings: dict[tuple[str, int, int], Finding] = {}
    for rule in RULES:
        for finding in rule(doc):
            configured = _with_configured_severity(finding, config)
            if configured is None:
                continue
            key = (configured.rule, configured.start, configured.end)
            if key not in findings:
                findings[key] = configured
    ordered = tuple(sorted(findings.values(), key=lambda f: (f.start, f.end, f.rule)))
    return CheckResult(verdict=worst_severity(ordered), findings=ordered)


def _with_configured_severity(finding: Finding, config: ComplianceConfig) -> Finding | None:
    severity = config.severity_for(finding.rule, finding.severity)
    if severity == "off":
        return None
    if severity == finding.severity:
        return finding
    return replace(finding, severity=severity)
