"""The Strategy page and API: showing the active strategy, uploading, downloading and re-activating versions."""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from socialrx.core.strategy import default_strategy_text
from socialrx.server.models import AuditEvent, StrategyVersion

SEED = default_strategy_text()
# A valid change: a higher LinkedIn follower target.
CHANGED = SEED.replace("value: 25000, by: Q4 2025", "value: 30000, by: Q4 2025", 1)
# Three problems in fields at once: an unknown field, an unreadable cadence, a weekday that does not exist.
BROKEN = (
    SEED.replace("  currency: USD\n", "  currency: USD\n  colour: blue\n", 1)
    .replace("cadence: 3-4 per week", "cadence: whenever we like", 1)
    .replace("{weekday: friday,", "{weekday: funday,", 1)
)
# A whole-document problem: the pillar shares sum to 95%.
SHARES_95 = SEED.replace("share: 15\n", "share: 10\n", 1)


def line_of(text: str, fragment: str) -> int:
    """Return the 1-based line on which a fragment first appears."""
    return text[: text.index(fragment)].count("\n") + 1


BROKEN_ISSUES = [
    f"broken.yaml:{line_of(BROKEN, 'colour: blue')}: organisation.colour: unknown field",
    f"broken.yaml:{line_of(BROKEN, 'whenever we like')}: platforms[0].content_types[0].cadence: cannot read cadence 'whenever we like'",
    f"broken.yaml:{line_of(BROKEN, 'funday')}: weekday_themes[4].weekday: ",
]
SHARES_ISSUE = f"shares.yaml:{line_of(SHARES_95, 'content_pillars:')}: content_pillars: shares sum to 95%, must be 100%"


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def upload(client, text: str, name: str = "strategy.yaml", note: str = ""):
    return client.post("/strategy/upload/", {"file": SimpleUploadedFile(name, text.encode()), "note": note})


def counts() -> tuple[int, int]:
    return StrategyVersion.objects.count(), AuditEvent.objects.count()


def test_broken_fixture_has_three_problems():
    """The broken file used below changes three distinct lines of the seed."""
    assert len({line_of(BROKEN, "colour: blue"), line_of(BROKEN, "whenever we like"), line_of(BROKEN, "funday")}) == 3


# The page


def test_page_shows_the_seed_targets(viewer_client, seed_strategy):
    """The Strategy page shows the seed's follower, engagement and budget targets."""
    response = viewer_client.get("/strategy/")
    assert response.status_code == 200
    text = page_text(response)
    assert "v1</strong> active" in text
    assert re.search(r"LinkedIn</th>.*?25,000 followers</td>\s*<td>Q4 2025</td>\s*<td>8% engagement rate", text, re.S)
    assert re.search(r"LinkedIn</th><td class=\"num\">\$15,000</td>", text)
    assert "$5,000" in text and "$8,000" in text


def test_page_shows_the_pillar_mix(viewer_client, seed_strategy):
    """The page shows the four content pillars with their 30/35/20/15 shares."""
    text = page_text(viewer_client.get("/strategy/"))
    for name, share in [
        ("Thought Leadership", "30%"),
        ("Educational Content", "35%"),
        ("Customer Success", "20%"),
        ("Industry News and Updates", "15%"),
    ]:
        assert f"<strong>{name}</strong><span>{share}</span>" in text


def test_page_shows_weekday_and_monthly_themes(viewer_client, seed_strategy):
    """The page shows the five weekday themes and all twelve monthly themes."""
    text = page_text(viewer_client.get("/strategy/"))
    weekdays = {
        "Monday": "Industry news commentary and weekly trends",
        "Tuesday": "Technical insights and implementation guides",
        "Wednesday": "Customer success stories and case studies",
        "Thursday": "Thought leadership articles and research insights",
        "Friday": "Weekend reading suggestions and community engagement",
    }
    for day, theme in weekdays.items():
        assert f'<th scope="row">{day}</th><td>{theme}' in text
    months = [
        "New Year Healthcare AI Trends", "Clinical Applications Focus", "Implementation Strategies",
        "Regulatory and Compliance", "Conference Season Preparation", "Summer Innovation Series",
        "Mid-year Market Analysis", "Technology Deep Dives", "Conference Recap and Highlights",
        "Halloween Spooky AI Stories", "Year-end Planning and Strategy", "Year in Review and Predictions",
    ]  # fmt: skip
    themes = re.search(r'id="themes">(.*?)</section>', text, re.S).group(1)
    assert re.findall(r'<th scope="row">\w+</th><td>([^<(]+?)(?: <span|</td>)', themes) == months


def test_page_shows_the_kpis(viewer_client, seed_strategy):
    """The page lists every KPI with its target in words."""
    text = page_text(viewer_client.get("/strategy/"))
    kpis = re.search(r'id="kpis">(.*?)</section>', text, re.S).group(1)
    assert kpis.count("<tr><td>") == 24
    for row in [
        ("LinkedIn", "Follower growth rate", "15% a month"),
        ("LinkedIn", "Content engagement rate", "8% average"),
        ("LinkedIn", "Lead generation", "50 a month"),
        ("YouTube", "Watch time", "10,000 hours a month"),
        ("ROI", "Social media influenced revenue", "$2,000,000 a year"),
        ("BRAND", "Industry recognition score (top healthcare AI brands)", "top 5 a year"),
        ("X", "Hashtag performance tracking", "tracked (no target)"),
    ]:
        assert "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>".format(*row) in kpis


def test_page_without_a_strategy_says_so(viewer_client):
    """Before any strategy is loaded the page says so instead of failing."""
    response = viewer_client.get("/strategy/")
    assert response.status_code == 200
    assert "No strategy is loaded yet." in page_text(response)


def test_upload_form_is_shown_only_to_managers(viewer_client, manager_client, seed_strategy):
    """Only a person who may manage the strategy sees the upload form and the Activate buttons."""
    assert "Upload a new version" not in page_text(viewer_client.get("/strategy/"))
    assert "Upload a new version" in page_text(manager_client.get("/strategy/"))


# Uploading


def test_valid_upload_creates_and_activates_version_two(manager_client, manager, seed_strategy):
    """A valid changed file becomes v2, active, with one audit event naming the uploader."""
    before_versions, before_events = counts()
    response = upload(manager_client, CHANGED, note="Raise the LinkedIn target")
    assert response.status_code == 302 and response["Location"] == "/strategy/"
    assert counts() == (before_versions + 1, before_events + 1)
    v1, v2 = StrategyVersion.objects.order_by("number")
    assert (v1.is_active, v2.is_active) == (False, True)
    assert (v2.number, v2.note, v2.source_filename, v2.created_by) == (2, "Raise the LinkedIn target", "strategy.yaml", manager)
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.actor, event.object_id, event.revision_hash) == (
        "socialrx.strategy.upload", manager, str(v2.pk), v2.content_hash
    )
    text = page_text(manager_client.get("/strategy/"))
    assert "Strategy v2 is now active." in text
    assert "30,000 followers" in text and "25,000 followers" not in text


def test_invalid_upload_lists_every_problem_and_changes_nothing(manager_client, seed_strategy):
    """A file with several problems is refused with 400, each problem shown with its line, and nothing changes."""
    before = counts()
    response = upload(manager_client, BROKEN, name="broken.yaml")
    assert response.status_code == 400
    text = page_text(response)
    assert "The file was not accepted" in text
    shown = re.findall(r"<li><code>(.*?)</code></li>", re.search(r'id="upload-errors">(.*?)</section>', text, re.S).group(1))
    assert len(shown) == 3
    for expected, actual in zip(BROKEN_ISSUES, shown, strict=True):
        assert actual.startswith(expected)
    assert counts() == before
    assert StrategyVersion.objects.get(is_active=True).number == 1


def test_upload_whose_pillar_shares_do_not_add_up_is_refused(manager_client, seed_strategy):
    """Pillar shares summing to 95% are refused with the line of content_pillars, and nothing changes."""
    before = counts()
    response = upload(manager_client, SHARES_95, name="shares.yaml")
    assert response.status_code == 400
    assert f"<li><code>{SHARES_ISSUE}</code></li>" in page_text(response)
    assert counts() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema_version: 1\n: : :\n", "not valid YAML"),
        ("- just\n- a list\n", "a strategy file must be a YAML mapping of sections"),
    ],
)
def test_upload_that_is_not_a_strategy_is_refused(manager_client, seed_strategy, text, message):
    """A file that is not a YAML mapping is refused with 400 and a message, and nothing changes."""
    before = counts()
    response = upload(manager_client, text, name="bad.yaml")
    assert response.status_code == 400
    assert message in page_text(response)
    assert counts() == before


def test_identical_upload_is_refused(manager_client, seed_strategy):
    """Uploading the active strategy again (even reformatted) is refused and nothing changes."""
    before = counts()
    for text in (SEED, "# only a comment differs\n" + SEED):
        response = upload(manager_client, text, name="same.yaml")
        assert response.status_code == 400
        assert "same.yaml: this is the same strategy as the active version v1; nothing changed." in page_text(response)
    assert counts() == before


def test_upload_without_a_file_is_refused(manager_client, seed_strategy):
    """Submitting the form without a file asks for one and changes nothing."""
    before = counts()
    response = manager_client.post("/strategy/upload/", {"note": "forgot the file"})
    assert response.status_code == 400
    assert "Choose a strategy file (.yaml) to upload." in page_text(response)
    assert counts() == before


def test_upload_that_is_not_utf8_is_refused(manager_client, seed_strategy):
    """A file that is not UTF-8 text is refused with its name and changes nothing."""
    before = counts()
    response = manager_client.post("/strategy/upload/", {"file": SimpleUploadedFile("latin.yaml", b"name: caf\xe9\n")})
    assert response.status_code == 400
    assert "latin.yaml: the file is not UTF-8 text." in page_text(response)
    assert counts() == before


@pytest.mark.parametrize("role_key", ["viewer", "content_creator", "healthcare_content_specialist", "executive"])
def test_upload_by_a_non_manager_is_refused(client_for, seed_strategy, role_key):
    """Anyone without manage_strategy gets 403 on upload and nothing changes."""
    client = client_for(role_key)
    before = counts()
    response = upload(client, CHANGED)
    assert response.status_code == 403
    assert counts() == before


def test_upload_page_refuses_get(manager_client, seed_strategy):
    """The upload address accepts only POST."""
    assert manager_client.get("/strategy/upload/").status_code == 405


# Downloading and re-activating


def test_yaml_download_returns_the_stored_file(viewer_client, seed_strategy):
    """Any team member downloads a version's YAML exactly as it was uploaded."""
    response = viewer_client.get("/strategy/v1.yaml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="strategy-v1.yaml"'
    assert response.content.decode() == SEED


def test_yaml_download_of_a_missing_version_is_404(viewer_client, seed_strategy):
    """Asking for a version that does not exist answers 404."""
    assert viewer_client.get("/strategy/v9.yaml").status_code == 404


def test_old_version_can_be_activated_again(manager_client, manager, seed_strategy):
    """A manager re-activates v1 after v2; exactly one version is active and one audit event is written."""
    upload(manager_client, CHANGED)
    before = counts()
    response = manager_client.post("/strategy/v1/activate/")
    assert response.status_code == 302
    assert counts() == (before[0], before[1] + 1)
    assert list(StrategyVersion.objects.filter(is_active=True).values_list("number", flat=True)) == [1]
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.actor, event.object_id) == ("socialrx.strategy.activate", manager, str(seed_strategy.pk))
    text = page_text(manager_client.get("/strategy/"))
    assert "Strategy v1 is active again." in text
    assert "25,000 followers" in text


def test_activating_a_missing_version_is_404(manager_client, seed_strategy):
    """Activating a version that does not exist answers 404 and changes nothing."""
    before = counts()
    assert manager_client.post("/strategy/v7/activate/").status_code == 404
    assert counts() == before


def test_viewer_cannot_activate_a_version(manager_client, viewer_client, seed_strategy):
    """A viewer is refused (403) when activating an old version, and the active version stays."""
    upload(manager_client, CHANGED)
    before = counts()
    assert viewer_client.post("/strategy/v1/activate/").status_code == 403
    assert counts() == before
    assert StrategyVersion.objects.get(is_active=True).number == 2


# The API


def test_api_returns_the_active_strategy(viewer_api, seed_strategy):
    """GET /api/strategy returns the active version with its YAML and parsed strategy."""
    response = viewer_api.get("/api/strategy")
    assert response.status_code == 200
    body = response.json()
    assert (body["number"], body["is_active"], body["created_by"]) == (1, True, None)
    assert body["yaml"] == SEED
    linkedin = body["strategy"]["platforms"][0]
    assert linkedin["follower_target"] == {"metric": "followers", "value": 25000, "by": "Q4 2025"}
    assert linkedin["engagement_goal"]["value"] == 8
    assert [p["share"] for p in body["strategy"]["content_pillars"]] == [30, 35, 20, 15]
    assert body["strategy"]["paid"][0]["monthly_budget"] == 15000


def test_api_says_when_no_strategy_is_loaded(viewer_api):
    """GET /api/strategy answers 404 with a reason before any strategy is loaded."""
    response = viewer_api.get("/api/strategy")
    assert response.status_code == 404
    assert response.json() == {"detail": "No strategy has been loaded yet."}


def test_api_lists_versions_newest_first(manager_api, manager_client, seed_strategy):
    """GET /api/strategy/versions lists every version, newest first, with who uploaded it."""
    upload(manager_client, CHANGED, note="v2")
    body = manager_api.get("/api/strategy/versions").json()
    assert [(v["number"], v["is_active"], v["created_by"]) for v in body] == [(2, True, "manager"), (1, False, None)]


def test_api_returns_one_version(viewer_api, seed_strategy):
    """GET /api/strategy/versions/N returns that version; an unknown number is 404."""
    assert viewer_api.get("/api/strategy/versions/1").json()["yaml"] == SEED
    response = viewer_api.get("/api/strategy/versions/5")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no strategy version 5."}


def test_api_upload_creates_an_active_version(manager_api, manager, seed_strategy):
    """POST /api/strategy/versions with a manager's token stores and activates v2 (201) with one audit event."""
    before = counts()
    response = manager_api.post(
        "/api/strategy/versions",
        {"yaml": CHANGED, "filename": "v2.yaml", "note": "via API"},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["number"], body["is_active"], body["created_by"], body["note"]) == (2, True, "manager", "via API")
    assert counts() == (before[0] + 1, before[1] + 1)
    assert AuditEvent.objects.order_by("-id").first().actor == manager


def test_api_upload_of_an_invalid_file_lists_issues(manager_api, seed_strategy):
    """An invalid upload answers 422 with every issue's file, line, path and message, and changes nothing."""
    before = counts()
    response = manager_api.post(
        "/api/strategy/versions", {"yaml": BROKEN, "filename": "broken.yaml"}, content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "3 problem(s) in broken.yaml"
    shown = [f"{i['file']}:{i['line']}: {i['path']}: {i['message']}" for i in body["issues"]]
    for expected, actual in zip(BROKEN_ISSUES, shown, strict=True):
        assert actual.startswith(expected)
    assert counts() == before


def test_api_upload_of_the_same_strategy_is_refused(manager_api, seed_strategy):
    """Uploading the active strategy again through the API answers 400 and changes nothing."""
    before = counts()
    response = manager_api.post("/api/strategy/versions", {"yaml": SEED}, content_type="application/json")
    assert response.status_code == 400
    assert "same strategy as the active version v1" in response.json()["detail"]
    assert counts() == before


def test_api_upload_by_a_viewer_is_refused(viewer_api, seed_strategy):
    """A viewer's token gets 403 on upload and nothing changes."""
    before = counts()
    response = viewer_api.post("/api/strategy/versions", {"yaml": CHANGED}, content_type="application/json")
    assert response.status_code == 403
    assert "manage strategy" in response.json()["detail"]
    assert counts() == before


def test_openapi_schema_is_served(client):
    """/api/openapi.json describes the strategy endpoints and the bearer authentication."""
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "socialrx API"
    assert {"/api/me", "/api/strategy", "/api/strategy/versions", "/api/strategy/versions/{number}"} <= set(schema["paths"])
    assert "422" in schema["paths"]["/api/strategy/versions"]["post"]["responses"]
    assert "BearerToken" in schema["components"]["securitySchemes"]


def test_api_docs_use_only_local_files(client):
    """/api/docs loads its scripts and styles from this server, never from a CDN, and each of them is served."""
    response = client.get("/api/docs")
    assert response.status_code == 200
    text = response.content.decode()
    assets = re.findall(r'<script[^>]*\bsrc="([^"]+)"', text) + re.findall(r'<link[^>]*\bhref="([^"]+)"', text)
    assert assets, "the docs page references no scripts or styles"
    for asset in assets:
        assert not asset.startswith(("http:", "https:", "//")) and "cdn" not in asset.lower(), asset
        assert client.get(asset).status_code == 200, asset
