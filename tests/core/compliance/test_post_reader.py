"""The post-level reader: a post the rules send to review blocks when the reader is sure it must, and a post they block
on whose-identifier decisions alone goes to review when the reader finds it unlike posts that must be blocked, each
within the rules' and the organisation's limits."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from socialrx.core.compliance import post_reader
from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.document import Document
from socialrx.core.compliance.engine import check_text

from .test_entities import CLEAN_FAMILY_AND_BRAND_POSTS, WISHES_EPONYMS_AND_PUBLICATIONS
from .test_phi_scope import COMPLIANT_POSTS
from .test_phi_second_reading import STAFF_ROOM

# Posts of the train split that the rules alone send to review and writers labelled block (the reader blocks them); the
# second reworded ("killed cancer cells" is now a cure claim the rules block themselves).
INGRID = ("brought ingrid her lefse at tamarack, aspen wing. ninety-one and she still tells every aide i married above my "
          "station. she is not wrong")
SEED_OIL = "black seed oil beat cancer cells in the lab, so imagine what it can do for your cancer 🌿 الطبيعة أحسن دكتور"
# A name the rules are unsure of (review) in a post with health words, and one in a post without any.
MARISOL = "Lovely chat with Marisol Quintero in the clinic lobby after her visit."
PIE = "Renata from Pellham Cross won the pie contest again on Labor Day!"


@pytest.fixture
def sure() -> Iterator[post_reader.Model]:
    """A reader sure of every post that says 'lobby' or 'pie' (its words), unsure of everything else."""
    yield from reading_with(post_reader.Model({"word:lobby": 20.0, "word:pie": 20.0, "word:contest": -1.0}, -10.0, 0.8, 0.9))


def reading_with(model: post_reader.Model) -> Iterator[post_reader.Model]:
    """Check with this reader for the length of a test (the body of the reader fixtures)."""
    post_reader.use_model(model)
    yield model
    post_reader.use_shipped_model()


def severities(text: str, **kwargs) -> dict[str, set[str]]:
    result = check_text(text, **kwargs)
    found: dict[str, set[str]] = {}
    for finding in result.findings:
        found.setdefault(finding.rule, set()).add(finding.severity)
    return found


def test_a_sure_reader_blocks_the_posts_review_identifiers_and_says_why(sure):
    result = check_text(MARISOL)
    assert result.verdict == "block"
    names = [f for f in result.findings if f.rule == "phi.name"]
    assert names and all(f.severity == "block" for f in names)
    assert "post-level reader" in names[0].message and "confidence 1.00" in names[0].message
    assert names[0].fix  # the rule's own fix stays


def test_an_unsure_reader_leaves_review_alone(sure):
    post_reader.use_model(post_reader.Model(sure.weights, -30.0, 0.8, 0.9))
    assert check_text(MARISOL).verdict == "review"


def test_without_a_reader_the_rules_decide(rules_only):
    assert check_text(MARISOL).verdict == "review"


def test_identifiers_without_health_words_need_the_posts_words_to_point_to_a_patient(sure):
    """No health word: the reader must be surer and its word evidence positive; 'contest' counts against."""
    post_reader.use_model(post_reader.Model({"word:pie": 20.0, "word:contest": -21.0, "rule:phi.learned:review": 20.0},
                                            -9.0, 0.8, 0.9))
    assert check_text(PIE).verdict != "block"  # probability 1.0, words -1: the identifiers alone decide nothing
    post_reader.use_model(post_reader.Model({"word:pie": 20.0}, -10.0, 0.8, 0.9))
    assert check_text(PIE).verdict == "block"


def test_an_authorized_patient_story_stays_at_review(sure):
    config = ComplianceConfig.from_dict({"authorized_patient_stories": ["Marisol Quintero"]})
    assert check_text(MARISOL, config=config).verdict == "review"


def test_an_organisation_can_turn_the_reader_or_a_rule_down(sure):
    assert check_text(MARISOL, config=ComplianceConfig.from_dict({"rule_severity": {"post_reader": "review"}})).verdict == "review"
    assert check_text(MARISOL, config=ComplianceConfig.from_dict({"rule_severity": {"post_reader": "off"}})).verdict == "review"
    assert check_text(MARISOL, config=ComplianceConfig.from_dict({"rule_severity": {"phi.name": "review"}})).verdict == "review"


def test_the_handle_a_reply_answers_relative_dates_photos_and_unsure_spans_never_block():
    doc = Document("@dani_r her visit was today", ComplianceConfig(), CheckContext(is_reply=True), "x")
    findings = [
        doc.finding("phi.handle", "phi", 0, 7, "review", "handle", "fix"),
        doc.finding("phi.date", "phi", 22, 27, "review", "date", "fix"),
        doc.finding("phi.photo", "phi", 8, 11, "review", "photo", "fix"),
        doc.finding("phi.learned_possible", "phi", 12, 17, "review", "span", "fix"),
    ]
    assert post_reader.candidates(doc, findings, doc.config) == []
    named = doc.finding("phi.name", "phi", 8, 11, "review", "name", "fix")
    assert post_reader.candidates(doc, [*findings, named], doc.config) == [named]


def test_claims_decide_only_when_no_identifier_is_at_review():
    doc = Document("Best scan in town. Ask Marisol about her visit.", ComplianceConfig(), CheckContext(), "x")
    claim = doc.finding("claims.superlative", "claims", 0, 9, "review", "claim", "fix")
    name = doc.finding("phi.name", "phi", 23, 30, "review", "name", "fix")
    assert post_reader.candidates(doc, [claim], doc.config) == [claim]
    assert post_reader.candidates(doc, [claim, name], doc.config) == [name]


def test_blocked_and_passing_posts_are_left_as_they_are(sure):
    """The reader only weighs posts at review: it never clears a block and never blocks a post nothing was found in."""
    assert check_text("Our patient Jane Doe was admitted on March 3, 2024 after a stroke.").verdict == "block"
    assert check_text("Pie and lobby tours on Friday.").verdict == "pass"


# A third regression that reads every passed post saying "lobby" as one that must be blocked.
LOBBY = "Pie and lobby tours on Friday."
UNFLAGGING = post_reader.Model({}, -10.0, 0.8, 0.9, unflagged_weights={"word:lobby": 20.0}, unflagged_intercept=-10.0,
                               unflagged_at=0.5)


@pytest.fixture
def unflagging() -> Iterator[post_reader.Model]:
    yield from reading_with(UNFLAGGING)


def test_a_passed_post_like_those_that_must_be_blocked_goes_to_a_reviewer(unflagging):
    result = check_text(LOBBY)
    assert result.verdict == "review"
    [finding] = [f for f in result.findings if f.rule == post_reader.UNFLAGGED_RULE]
    assert (finding.start, finding.end, finding.severity, finding.family) == (0, 0, "review", "phi")
    assert "No rule matched" in finding.message and "probability 1.00" in finding.message and finding.fix
    assert check_text("Pie and cake tours on Friday.").verdict == "pass"  # unlike: nothing added


def test_an_organisation_sets_or_turns_off_the_passed_post_reading(unflagging):
    def verdict(settings: dict[str, str]) -> str:
        return check_text(LOBBY, config=ComplianceConfig.from_dict({"rule_severity": settings})).verdict

    assert verdict({post_reader.UNFLAGGED_RULE: "off"}) == "pass"
    assert verdict({"post_reader": "review"}) == "pass"  # the whole reader turned down
    assert verdict({post_reader.UNFLAGGED_RULE: "block"}) == "block"
    assert verdict({post_reader.UNFLAGGED_RULE: "info"}) == "info"  # noted, not held


def test_the_shipped_reader_loads_offline_and_round_trips():
    model = post_reader.model()
    assert model is not None and 0.5 <= model.escalate_at <= model.escalate_without_health_at < 1.0
    assert 0.0 < model.release_below <= 0.5 and model.release_weights
    again = post_reader.Model.from_json(json.loads(json.dumps(model.to_json())))
    assert again.weights.keys() == model.weights.keys() and again.release_weights.keys() == model.release_weights.keys()
    assert again.release_below == model.release_below
    assert model.grams and again.grams.keys() == model.grams.keys() and again.grams_intercept == model.grams_intercept
    assert model.unflagged_weights and 0.0 < model.unflagged_at < 1.0
    assert again.unflagged_weights.keys() == model.unflagged_weights.keys() and again.unflagged_at == model.unflagged_at


def test_character_grams_are_read_per_word_with_the_words_edges():
    assert post_reader.char_grams("Ab") == {" ab", "ab ", " ab "}
    assert post_reader.char_grams("ingrid's lefse") >= {" in", "ing", "ingri", "d's ", " lef", "efse "}
    assert post_reader.char_grams("  ") == set()


def test_the_n_gram_score_counts_as_the_posts_own_words():
    """A reader whose only evidence is the n-gram regression blocks the post without health words it points to."""
    model = post_reader.Model({post_reader.GRAMS: 1.0}, 0.0, 0.8, 0.9, grams={" pie ": 200.0}, grams_intercept=-2.0)
    doc = Document(PIE, ComplianceConfig(), CheckContext(), None)
    assert model.grams_score(PIE) == pytest.approx(-2.0 + 200.0 / max(len(post_reader.char_grams(PIE)), post_reader.GRAMS_FLOOR) ** 0.5)
    assert model.read(doc, [])[post_reader.GRAMS] == model.grams_score(PIE)
    post_reader.use_model(model)
    try:
        assert check_text(PIE).verdict == "block"
        post_reader.use_model(post_reader.Model({post_reader.GRAMS: 1.0}, 0.0, 0.8, 0.9, grams={" pie ": -200.0}))
        assert check_text(PIE).verdict == "review"
    finally:
        post_reader.use_shipped_model()


# A second regression that finds every post saying "admitted" unlike those that must be blocked.
RELEASING = post_reader.Model({}, -10.0, 0.8, 0.9, {"word:admitted": -20.0}, 10.0, 0.3)
JANE = "Our patient Jane Doe was admitted on March 3, 2024 after a stroke."


@pytest.fixture
def releasing() -> Iterator[post_reader.Model]:
    yield from reading_with(RELEASING)


def test_a_post_blocked_on_role_decisions_alone_goes_to_review_when_the_reader_finds_it_unlike_blocked_posts(releasing):
    result = check_text(JANE)
    assert result.verdict == "review"
    names = [f for f in result.findings if f.rule == "phi.name"]
    assert names and names[0].severity == "review" and "Sent to review rather than blocked" in names[0].message
    post_reader.use_model(None)
    assert check_text(JANE).verdict == "block"  # the rules alone block it


def test_a_number_a_contact_or_a_claim_block_is_never_released(releasing):
    assert check_text("Our patient Jane Doe, SSN 123-45-6789, was admitted after a stroke.").verdict == "block"
    assert check_text("Our patient Jane Doe was admitted with sepsis. CureAll cures sepsis in 3 days, guaranteed!").verdict == "block"


def test_an_organisation_s_own_block_and_its_switches_stand(releasing):
    for setting in ({"phi.name": "block"}, {"phi": "block"}, {"post_reader.release": "review"}, {"post_reader": "off"}):
        config = ComplianceConfig.from_dict({"rule_severity": setting})
        assert check_text(JANE, config=config).verdict == "block", setting


def test_the_shipped_reader_keeps_a_named_admitted_patient_blocked():
    assert check_text(JANE).verdict == "block"


def test_the_shipped_reader_blocks_posts_writers_labelled_block_that_the_rules_leave_at_review():
    ingrid = check_text(INGRID, context=CheckContext(author_relationship="patient_advocate"), channel="x")
    assert ingrid.verdict == "block"
    oil = check_text(SEED_OIL, context=CheckContext(author_relationship="employee"), channel="x")
    assert oil.verdict == "block"
    post_reader.use_model(None)
    try:
        assert check_text(SEED_OIL, context=CheckContext(author_relationship="employee"), channel="x").verdict == "review"
    finally:
        post_reader.use_shipped_model()


def test_the_shipped_reader_blocks_few_of_the_hand_written_clean_posts():
    """On hand-written hard negatives (eponyms, song titles, case studies) the rules block none; the reader blocks a
    few (its measured cost on held-out writers is about 0.3 points of clean posts blocked). This guards against more."""
    posts = [*CLEAN_FAMILY_AND_BRAND_POSTS, *WISHES_EPONYMS_AND_PUBLICATIONS, *COMPLIANT_POSTS, STAFF_ROOM]
    blocked = [text for text in posts if check_text(text).verdict == "block"]
    assert len(blocked) <= 3, blocked


SHORT_CLEAN_POSTS = ("Mother's Day brunch: book your table now.", "New dashboard!", "Join us for #PatientSafetyWeek on 3/14!",
                     "Great panel with Imelda Hart from Northfield Health on AI governance.")


def test_the_shipped_reader_sends_few_hand_written_clean_posts_to_review_with_nothing_found():
    """Short posts are little evidence (the n-gram score counts at least GRAMS_FLOOR n-grams): the third regression sends
    none of these hand-written clean posts to a reviewer today (its measured cost on held-out writers is about half a
    point of clean posts sent to review). This guards against more than two."""
    posts = [*CLEAN_FAMILY_AND_BRAND_POSTS, *WISHES_EPONYMS_AND_PUBLICATIONS, *COMPLIANT_POSTS, STAFF_ROOM, *SHORT_CLEAN_POSTS]
    sent = [text for text in posts if any(f.rule == post_reader.UNFLAGGED_RULE for f in check_text(text).findings)]
    assert len(sent) <= 2, sent


def test_socialrx_check_runs_the_reader(tmp_path: Path):
    """`socialrx check --file`, as users run it, blocks the post the reader is sure of and explains why."""
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps({"id": "oil", "text": SEED_OIL, "author_relationship": "employee", "platform": "x"}) + "\n",
                    encoding="utf-8")
    command = [str(Path(sys.executable).with_name("socialrx")), "check", "--file", str(path), "--json"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2, result.stderr
    row = json.loads(result.stdout)
    assert row["verdict"] == "block"
    assert any("post-level reader" in f["message"] for f in row["findings"] if f["severity"] == "block")


ROOT = Path(__file__).resolve().parents[3]


def test_training_script_describes_itself():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_post_reader.py"), "--help"],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0 and "--cv" in result.stdout and "--fold-models" in result.stdout


def test_training_script_fits_a_reader_from_examples_and_drops_rare_words():
    """`fit` gives a model the checker reads: words of at least three writers, the thresholds of the script."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_post_reader", ROOT / "scripts" / "train_post_reader.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    block = {"family:phi:review": 1.0, "word:mono": 1.0}
    clean = {"family:phi:review": 1.0, "word:contest": 1.0}
    examples = [script.Example({**block, f"word:only{i}": 1.0}, "block", f"writer{i % 4}", i % 5, False, "mono")
                for i in range(20)]
    examples += [script.Example(clean, "pass", f"writer{i % 4}", i % 5, False, "contest") for i in range(20)]
    model = script.fit(examples)
    assert model.probability(block) > 0.5 > model.probability(clean)
    assert "word:mono" in model.weights and not any(name.startswith("word:only") for name in model.weights)
    assert (model.escalate_at, model.escalate_without_health_at) == (script.ESCALATE_AT, script.ESCALATE_WITHOUT_HEALTH_AT)
    assert not model.release_weights and model.release_below == 0.0  # no blocked examples: the release never acts
    grams = script.grams_regression(examples)
    assert grams.grams_score("mono mono") > 0 > grams.grams_score("contest")
    assert all(abs(weight) >= script.GRAMS_KEEP for weight in grams.grams.values())
    scored, = script.with_grams([examples], examples)
    assert len(scored) == len(examples) and all(post_reader.GRAMS in example.features for example in scored)
    assert script.fit(scored, grams=grams).grams == grams.grams
    passing = script.fit(examples, passed=examples)
    assert passing.unflagged_probability(block) > 0.5 > passing.unflagged_probability(clean)
    assert passing.unflagged_at == script.UNFLAGGED_AT and script.fit(examples).unflagged_at == 1.0
    both = script.fit(examples, examples)
    assert both.release_probability(block) > 0.5 > both.release_probability(clean) and both.release_below == script.RELEASE_BELOW
