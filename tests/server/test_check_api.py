"""POST /api/check: one text or a batch, the CLI's output shape, authentication and the compose permission."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from socialrx.core.strategy import default_strategy
from socialrx.core.strategy.schema import Product
from socialrx.server.lib.compliance import check_variant

pytestmark = pytest.mark.django_db
PATIENT = "Our patient Jane Doe was admitted on March 3, 2024 after a stroke."


def post(client: Client, body: dict):
    return client.post("/api/check", data=json.dumps(body), content_type="application/json")


@pytest.fixture
def creator_api(make_user, api_token_for, seed_strategy) -> Client:
    return api_token_for(make_user("content_creator", username="creator"))[0]


def test_one_text_gives_one_result_with_spans(creator_api):
    """A single text comes back as {id, verdict, findings} with rule, family, span, severity, message and fix."""
    response = post(creator_api, {"text": PATIENT, "id": "draft-1"})
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["verdict"]) == ("draft-1", "block")
    by_rule = {f["rule"]: f for f in body["findings"]}
    name = by_rule["phi.name"]
    assert set(name) == {"rule", "family", "start", "end", "severity", "message", "fix"}
    assert PATIENT[name["start"]:name["end"]] == "Jane Doe"
    assert name["family"] == "phi" and name["severity"] == "block" and name["fix"]
    assert "phi.date" in by_rule


def test_batch_gives_results_in_order_and_the_worst_verdict(creator_api):
    """Items come back in order with default ids, platform rules when a platform is named, and the worst verdict."""
    response = post(creator_api, {"items": [
        {"id": "a", "text": "Join our webinar on AI governance for hospital leaders."},
        {"text": "Evidence matters. " * 20, "platform": "x"},
    ]})
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "block"
    assert [(r["id"], r["verdict"]) for r in body["results"]] == [("a", "pass"), ("2", "block")]
    assert "platform.x.too_long" in {f["rule"] for f in body["results"][1]["findings"]}


def test_bad_input_is_refused_with_its_place(creator_api):
    """An unknown platform names the item; text and items together, or neither, are refused."""
    response = post(creator_api, {"items": [{"text": "ok"}, {"text": "ok", "platform": "myspace"}]})
    assert response.status_code == 400
    assert "items[1]" in response.json()["detail"]
    assert post(creator_api, {"text": "a", "items": [{"text": "b"}]}).status_code == 400
    assert post(creator_api, {}).status_code == 400


def test_items_carry_their_product_registry_and_author(creator_api):
    """An item's products and author relationship are used: 'approved' for a cleared product and an undisclosed paid post block."""
    claim = "RadiaScan AI is FDA approved for lung nodules."
    endorsement = "I love my new PulsePal tracker, you should try it!"
    response = post(creator_api, {"items": [
        {"id": "registered", "text": claim, "products": {"RadiaScan AI": "510k_cleared"}},
        {"id": "unregistered", "text": claim},
        {"id": "paid", "text": endorsement, "author_relationship": "paid_influencer"},
        {"id": "brand", "text": endorsement},
    ]})
    assert response.status_code == 200
    verdicts = {r["id"]: r["verdict"] for r in response.json()["results"]}
    assert verdicts == {"registered": "block", "unregistered": "review", "paid": "block", "brand": "pass"}


def test_bad_product_status_is_refused_with_its_place(creator_api):
    """An unknown regulatory status names the item and the field; nothing is checked."""
    response = post(creator_api, {"items": [{"text": "ok"}, {"text": "ok", "products": {"X": "sort_of_cleared"}}]})
    assert response.status_code == 400
    assert "items[1]: 'products'" in response.json()["detail"] and "sort_of_cleared" in response.json()["detail"]


def test_viewer_is_refused(viewer_api, seed_strategy):
    """A person without the compose permission gets 403."""
    response = post(viewer_api, {"text": PATIENT})
    assert response.status_code == 403
    assert "compose posts" in response.json()["detail"]


def test_anonymous_caller_is_refused(seed_strategy):
    """Without a token or a session the API answers 401."""
    assert post(Client(), {"text": PATIENT}).status_code == 401



def test_editor_checks_use_the_strategy_registry_and_author():
    """The editor's and submission's check (check_variant) applies the strategy's products and author relationship."""
    strategy = default_strategy()
    strategy = strategy.model_copy(update={
        "products": (Product(name="RadiaScan AI", regulatory_status="510k_cleared"),),
        "compliance": strategy.compliance.model_copy(update={"author_relationship": "paid_influencer"}),
    })
    findings = check_variant({"channel": "x", "text": "RadiaScan AI is FDA approved. I love it, you should try it!"}, strategy)
    severities = {f["rule"]: f["severity"] for f in findings}
    assert severities["claims.fda_status"] == "block"
    assert severities["disclosure.material_connection"] == "block"
    plain = check_variant({"channel": "x", "text": "RadiaScan AI is FDA approved. I love it, you should try it!"},
                          default_strategy())
    assert {f["rule"]: f["severity"] for f in plain}["claims.fda_status"] == "review"
