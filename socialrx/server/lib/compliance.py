"""Run the compliance engine and the platform rules over a post's content."""

from __future__ import annotations

from socialrx.core.platforms.validation import VariantContent, validate_variant
from socialrx.core.strategy import Strategy
from socialrx.core.strategy.loading import strategy_hash

SEVERITY_RANK = {"pass": 0, "info": 1, "review": 2, "block": 3}


_CONFIGS: dict[str, object] = {}


def _config_for(strategy: Strategy):
    from socialrx.core.compliance.config import ComplianceConfig

    data = strategy.compliance.model_dump(mode="json")
    data["products"] = [p.model_dump(mode="json") for p in strategy.products]
    data["own_domains"] = list(dict.fromkeys([*strategy.organisation.domains, *data.get("own_domains", [])]))
    return ComplianceConfig.from_dict(data)


def compliance_config(strategy: Strategy):
    """Return the compliance configuration a strategy defines (products, allow-lists, severities), built once per strategy."""
    key = strategy_hash(strategy)
    if key not in _CONFIGS:
        if len(_CONFIGS) >= 8:
            _CONFIGS.clear()
        _CONFIGS[key] = _config_for(strategy)
    return _CONFIGS[key]


def _texts_of(variant: dict) -> list[tuple[str, str]]:
    """Return the (field, text) pairs of a variant that a reader sees."""
    fields = [("title", variant.get("title", "")), ("text", variant.get("text", ""))]
    fields += [(f"thread[{i}]", part) for i, part in enumerate(variant.get("thread") or [])]
    fields += [(f"media[{i}].alt_text", m.get("alt_text", "")) for i, m in enumerate(variant.get("media") or [])]
    return [(name, text) for name, text in fields if text]


def check_variant(variant: dict, strategy: Strategy, *, is_paid: bool = False) -> list[dict]:
    """Return the findings of one variant snapshot: compliance rules and platform rules."""
    from socialrx.core.compliance.config import CheckContext
    from socialrx.core.compliance.engine import check_text

    channel = variant["channel"]
    config = compliance_config(strategy)
    context = CheckContext(alt_texts=tuple(m.get("alt_text", "") for m in variant.get("media") or []), is_paid=is_paid)
    findings: list[dict] = []
    for field, text in _texts_of(variant):
        result = check_text(text, config=config, channel=channel, context=context if field == "text" else None)
        for f in result.findings:
            findings.append({"channel": channel, "field": field, "rule": f.rule, "family": f.family, "start": f.start,
                             "end": f.end, "severity": f.severity, "message": f.message, "fix": f.fix})
    content = VariantContent(
        text=variant.get("text", ""),
        title=variant.get("title", ""),
        tags=tuple(variant.get("tags") or ()),
        thread_parts=tuple(variant.get("thread") or ()),
    )
    for issue in validate_variant(channel, content):
        findings.append({"channel": channel, "field": issue.field, "rule": issue.rule, "family": "platform",
                         "start": issue.start, "end": issue.end, "severity": issue.severity,
                         "message": issue.message, "fix": ""})
    return findings


def check_snapshot(snapshot: dict, strategy: Strategy) -> tuple[str, list[dict]]:
    """Return the verdict (worst severity, or pass) and the findings of a whole post snapshot."""
    findings = [f for v in snapshot["variants"] for f in check_variant(v, strategy, is_paid=snapshot.get("is_paid", False))]
    verdict = max((f["severity"] for f in findings), key=SEVERITY_RANK.__getitem__, default="pass")
    return verdict, findings
