"""Run the compliance engine and the platform rules over a post's content."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from socialrx.core.platforms.payload import VariantSource, payload_of, source_issues
from socialrx.core.platforms.validation import CHANNELS, VariantContent, validate_variant
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


def rendered_variant(variant: dict) -> dict:
    """Return the variant with its text and thread replaced by what the network receives (link and hashtags in)."""
    payload = payload_of(variant)
    if variant.get("thread"):
        return {**variant, "thread": list(payload.parts)}
    return {**variant, "text": payload.body}


def check_variant(variant: dict, strategy: Strategy, *, is_paid: bool = False, is_reply: bool = False) -> list[dict]:
    """Return the findings of one variant snapshot as its network receives it: compliance rules (the strategy's
    registry and author relationship) and platform rules."""
    from socialrx.core.compliance.config import CheckContext
    from socialrx.core.compliance.engine import check_text

    channel = variant["channel"]
    sent = rendered_variant(variant)
    config = compliance_config(strategy)
    media = variant.get("media") or []
    context = CheckContext(alt_texts=tuple(m.get("alt_text", "") for m in media), is_paid=is_paid,
                           author_relationship=config.author_relationship, is_reply=is_reply)
    findings: list[dict] = []
    for field, text in _texts_of(sent):
        result = check_text(text, config=config, channel=channel, context=context if field == "text" else None)
        for f in result.findings:
            findings.append({"channel": channel, "field": field, "rule": f.rule, "family": f.family, "start": f.start,
                             "end": f.end, "severity": f.severity, "message": f.message, "fix": f.fix})
    findings += media_findings(channel, media)
    content = VariantContent(
        text=sent.get("text", ""),
        title=sent.get("title", ""),
        tags=tuple(sent.get("tags") or ()),
        thread_parts=tuple(sent.get("thread") or ()),
    )
    kinds = tuple(m.get("kind", "") for m in variant.get("media") or [])
    issues = source_issues(channel, VariantSource.from_snapshot(variant), media_kinds=kinds)
    for issue in issues + validate_variant(channel, content):
        field = re.sub(r"^thread_parts\.(\d+)$", lambda m: f"thread[{int(m.group(1)) - 1}]", issue.field)
        findings.append({"channel": channel, "field": field, "rule": issue.rule, "family": "platform",
                         "start": issue.start, "end": issue.end, "severity": issue.severity,
                         "message": issue.message, "fix": ""})
    return findings


def media_findings(channel: str, media: list[dict]) -> list[dict]:
    """Return a review finding for each image that probably shows text its alt text does not spell out."""
    from socialrx.core.compliance.images import DECLARED_TEXT

    findings = []
    for index, item in enumerate(media):
        if item.get("kind") != "image" or not item.get("text_in_image"):
            continue
        if DECLARED_TEXT.search(item.get("alt_text", "")):
            continue
        findings.append({"channel": channel, "field": f"media[{index}]", "rule": "media.image_text", "family": "phi",
                         "start": None, "end": None, "severity": "review",
                         "message": "The image seems to contain printed text, which the check cannot read: a name, "
                                    "date or claim in it would be published unchecked.",
                         "fix": "Look at the image; quote its words in the alt text (Text: \"…\") so they are checked, "
                                "or crop them out."})
    return findings


def check_snapshot(snapshot: dict, strategy: Strategy) -> tuple[str, list[dict]]:
    """Return the verdict (worst severity, or pass) and the findings of a whole post snapshot."""
    findings = [f for v in snapshot["variants"] for f in check_variant(v, strategy, is_paid=snapshot.get("is_paid", False))]
    verdict = max((f["severity"] for f in findings), key=SEVERITY_RANK.__getitem__, default="pass")
    return verdict, findings


MAX_CHECK_ITEMS = 1000
MAX_CHECK_CHARACTERS = 50_000


class CheckInputError(ValueError):
    """A post to check is malformed; the message names its line or item."""


@dataclass(frozen=True)
class CheckItem:
    """One text to check on its own: the caller's id, the text, the network (optional) and who writes it.

    ``products`` adds registry entries (``{name: status}`` or a list of product objects) to the strategy's;
    ``author_relationship`` replaces the strategy's (brand, employee, paid_influencer, …).
    """

    id: str
    text: str
    platform: str | None = None
    products: tuple[dict, ...] = ()
    author_relationship: str | None = None
    is_reply: bool = False


def _registry_of(data: dict, where: str) -> tuple[dict, ...]:
    from socialrx.core.compliance.config import ComplianceConfig, product_items

    products = data.get("products")
    if products in (None, {}, []):
        return ()
    if not isinstance(products, dict | list):
        raise CheckInputError(f"{where}: 'products' must be an object {{name: status}} or a list of products")
    try:
        items = tuple(dict(item) for item in product_items(products))
        ComplianceConfig().with_products(items)
    except (ValueError, TypeError, KeyError) as exc:
        raise CheckInputError(f"{where}: 'products': {str(exc).strip(chr(39))}") from None
    return items


def check_item_from(data: object, *, where: str, default_id: str) -> CheckItem:
    """Return a CheckItem from one decoded JSON object, or raise CheckInputError naming ``where``."""
    if not isinstance(data, dict):
        raise CheckInputError(f"{where}: expected a JSON object with a 'text' field")
    text, platform, item_id = data.get("text"), data.get("platform"), data.get("id", default_id)
    relationship, is_reply = data.get("author_relationship"), data.get("is_reply", False)
    if relationship is not None and not isinstance(relationship, str):
        raise CheckInputError(f"{where}: 'author_relationship' must be a string such as 'brand' or 'paid_influencer'")
    if not isinstance(is_reply, bool):
        raise CheckInputError(f"{where}: 'is_reply' must be true or false")
    if not isinstance(text, str):
        raise CheckInputError(f"{where}: 'text' must be a string")
    if len(text) > MAX_CHECK_CHARACTERS:
        raise CheckInputError(f"{where}: 'text' is longer than {MAX_CHECK_CHARACTERS:,} characters")
    if platform not in (None, "", *CHANNELS):
        raise CheckInputError(f"{where}: 'platform' {platform!r} is not one of {', '.join(CHANNELS)}")
    if not isinstance(item_id, str | int) or isinstance(item_id, bool):
        raise CheckInputError(f"{where}: 'id' must be a string or a number")
    return CheckItem(id=str(item_id), text=text, platform=platform or None, products=_registry_of(data, where),
                     author_relationship=relationship or None, is_reply=is_reply)


def parse_check_lines(lines: Iterable[str], *, source: str) -> list[CheckItem]:
    """Return the posts of a JSON Lines document (blank lines skipped), or raise naming the first bad line."""
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CheckInputError(f"{source}:{number}: not valid JSON ({exc.msg})") from None
        items.append(check_item_from(data, where=f"{source}:{number}", default_id=str(number)))
        if len(items) > MAX_CHECK_ITEMS:
            raise CheckInputError(f"{source}: more than {MAX_CHECK_ITEMS:,} posts; split the file")
    return items


def check_item(item: CheckItem, strategy: Strategy) -> dict:
    """Return ``{"id", "verdict", "findings"}`` for one text: compliance rules, and the network's text rules when named."""
    from socialrx.core.compliance.config import CheckContext
    from socialrx.core.compliance.engine import check_text
    from socialrx.core.compliance.findings import finding_to_json

    config = compliance_config(strategy)
    if item.products:
        config = config.with_products(item.products)
    context = CheckContext(author_relationship=item.author_relationship or config.author_relationship, is_reply=item.is_reply)
    result = check_text(item.text, config=config, channel=item.platform, context=context)
    findings = [finding_to_json(f) for f in result.findings]
    if item.platform:
        issues = validate_variant(item.platform, VariantContent(text=item.text))
        findings += [{"rule": i.rule, "family": "platform", "start": i.start, "end": i.end, "severity": i.severity,
                      "message": i.message, "fix": ""} for i in issues if i.field == "text"]
        findings.sort(key=lambda f: (f["start"] if f["start"] is not None else -1, f["end"] or 0, f["rule"]))
    verdict = max((f["severity"] for f in findings), key=SEVERITY_RANK.__getitem__, default="pass")
    return {"id": item.id, "verdict": verdict, "findings": findings}
