"""The compliance check as a service: POST /api/check with one text or a batch of items.

Callers need the 'compose posts' permission: checking is part of writing, and the check
runs the organisation's product registry and allow-lists, which viewers have no use for.
"""

from __future__ import annotations

from ninja import Field, Router, Schema

from socialrx.core.strategy import default_strategy
from socialrx.server.actions import ActionError
from socialrx.server.lib.access import active_strategy_version, require_capability
from socialrx.server.lib.compliance import (
    MAX_CHECK_ITEMS,
    CheckInputError,
    CheckItem,
    check_item,
    check_item_from,
)
from socialrx.server.lib.mappers import strategy_of

router = Router(tags=["check"])


_PRODUCTS = "extra product registry entries, {name: status} or [{name, regulatory_status, …}], added to the strategy's"
_AUTHOR = "who writes the text (brand, employee, paid_influencer, …); default: the strategy's"


class CheckItemIn(Schema):
    id: str | int | None = None
    text: str
    platform: str | None = Field(None, description="linkedin, x, doximity, youtube or email: adds that network's text rules")
    products: dict[str, str | dict] | list[dict] | None = Field(None, description=_PRODUCTS)
    author_relationship: str | None = Field(None, description=_AUTHOR)
    is_reply: bool | None = Field(None, description="the text answers someone (a comment, review or message)")


class CheckIn(Schema):
    text: str | None = Field(None, description="one text to check (or use items)")
    platform: str | None = None
    id: str | int | None = None
    products: dict[str, str | dict] | list[dict] | None = Field(None, description=_PRODUCTS)
    author_relationship: str | None = Field(None, description=_AUTHOR)
    is_reply: bool | None = None
    items: list[CheckItemIn] | None = Field(None, description=f"up to {MAX_CHECK_ITEMS} texts to check at once")


class CheckFindingOut(Schema):
    rule: str
    family: str
    start: int | None
    end: int | None
    severity: str
    message: str
    fix: str


class CheckOut(Schema):
    id: str
    verdict: str = Field(description="the worst severity: block, review, info, or pass")
    findings: list[CheckFindingOut]


class CheckBatchOut(Schema):
    verdict: str = Field(description="the worst verdict of all items")
    results: list[CheckOut]


class ErrorOut(Schema):
    detail: str


def _items(payload: CheckIn) -> list[CheckItem]:
    if (payload.text is None) == (payload.items is None):
        raise ActionError("give either 'text' or 'items'")
    raw = [payload.model_dump(exclude={"items"})] if payload.items is None else [i.model_dump() for i in payload.items]
    if len(raw) > MAX_CHECK_ITEMS:
        raise ActionError(f"items: at most {MAX_CHECK_ITEMS} per request")
    try:
        return [check_item_from({k: v for k, v in data.items() if v is not None}, where="text" if payload.items is None
                                else f"items[{n}]", default_id=str(n + 1)) for n, data in enumerate(raw)]
    except CheckInputError as exc:
        raise ActionError(str(exc)) from None


@router.post("", response={200: CheckOut | CheckBatchOut, 400: ErrorOut, 403: ErrorOut})
def check_texts(request, payload: CheckIn):
    """Check texts for PHI, claims, disclosure, accessibility and (with a platform) network rules.

    One text gives one result `{id, verdict, findings}`; `items` gives `{verdict, results}` in order.
    """
    require_capability(request.user, "compose_posts")
    items = _items(payload)
    version = active_strategy_version()
    strategy = strategy_of(version) if version else default_strategy()
    results = [check_item(item, strategy) for item in items]
    if payload.items is None:
        return results[0]
    verdicts = {r["verdict"] for r in results}
    worst = next((v for v in ("block", "review", "info") if v in verdicts), "pass")
    return {"verdict": worst, "results": results}
