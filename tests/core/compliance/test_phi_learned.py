"""The learned reader of patient identifiers (phi_model) and its rule (phi.learned)."""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from socialrx.core.compliance import phi_model
from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.document import Document
from tests.core.compliance.helpers import ACME, check

ROOT = Path(__file__).resolve().parents[3]


def _learned(text: str) -> list[tuple[str, str]]:
    return [(text[f.start : f.end], f.severity) for f in check(text).findings if f.rule.startswith("phi.learned")]


@pytest.fixture
def model_off():
    phi_model.use_model(None)
    yield
    phi_model.use_shipped_model()


def test_model_is_shipped_in_the_package():
    assert files("socialrx.core.compliance").joinpath(phi_model.MODEL_FILE).is_file()


WALT = "bell day for walt in chair 7!! 6 cycles of folfox, last infusion 10/14 and he drove himself home"


def _severity_of(text: str, span: str) -> set[str]:
    return {f.severity for f in check(text).findings if f.family == "phi" and text[f.start : f.end] == span}


def test_reads_a_lower_case_patient_the_rules_only_half_see():
    """'walt' has no cue word; the rules alone send his name to review, the learned reader is sure it is a patient's."""
    assert _severity_of(WALT, "walt") == {"block"}
    assert check(WALT).verdict == "block"


def test_one_identifier_is_shown_once_with_the_rules_message():
    """Where a rule found the identifier too, the learned span is folded into the rule's finding."""
    rules = {f.rule for f in check(WALT).findings if f.start <= WALT.index("walt") < f.end}
    assert rules == {"phi.name"}


def test_without_the_model_the_rules_alone_decide(model_off):
    assert _severity_of(WALT, "walt") == {"review"}


def test_spans_carry_kind_and_confidence():
    doc = Document("lil update: nana bea (she is 94!!) is home from the hospital after her hip surgery",
                   ACME, CheckContext(), "x")
    spans = phi_model.patient_spans(doc)
    assert spans and all(span.kind in phi_model.KINDS and 0.0 <= span.confidence <= 1.0 for span in spans)
    assert phi_model.patient_spans(doc) is spans  # cached per post


def test_switched_off_model_reads_nothing(model_off):
    assert not phi_model.enabled()
    assert phi_model.patient_spans(Document(WALT, ACME, CheckContext(), "x")) == ()


@pytest.mark.parametrize("text", [
    "Our CMO Theodora Vance will present the validation study at the summit in Denver.",
    "Welcome Dr. Ana Ruiz to the team. She joins us from Tamarack on Oct. 3rd.",
    "Great panel with Imelda Hart from Northfield Health on AI governance.",
    "Meet Keisha Dumont, PT, who runs our balance class",
    "Join us for #PatientSafetyWeek on 3/14!",
])
def test_staff_speakers_and_events_are_never_read_as_patients(text):
    assert _learned(text) == []


@pytest.mark.usefixtures("rules_only")
def test_identifiers_without_health_information_never_block():
    assert check("Renata from Pellham Cross won the pie contest again on Labor Day!").verdict != "block"


def test_the_models_span_over_a_rules_finding_is_not_a_second_identifier():
    """A date the rules send to review and the model also reads is one identifier, not a combination."""
    assert check("Our company was born on March 3, 2019 in a garage.").verdict != "block"


def test_spokespeople_and_products_are_excluded():
    config = ComplianceConfig.from_dict({"spokespeople": ["Walt Brennan"], "products": [{"name": "Walt", "regulatory_status": "510k_cleared"}]})
    doc = Document("bell day for walt in chair 7!! last infusion 10/14", config, CheckContext(), "x")
    from socialrx.core.compliance.rules.phi_learned import learned_identifiers

    assert not [f for f in learned_identifiers(doc) if doc.original[f.start : f.end].lower() == "walt"]


def test_training_script_describes_itself():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_phi_tagger.py"), "--help"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "--cv" in result.stdout


def test_organisation_can_turn_the_learned_rules_off():
    """With phi.learned off, the learned reader neither adds findings nor raises the rules' severities."""
    from socialrx.core.compliance.engine import check_text

    config = ComplianceConfig.from_dict({"rule_severity": {"phi.learned": "off", "phi.learned_possible": "off"}})
    result = check_text(WALT, config=config)
    assert not [f for f in result.findings if f.rule.startswith("phi.learned")]
    assert {f.severity for f in result.findings if WALT[f.start : f.end] == "walt"} == {"review"}


# Faint identifiers: words the reader's best reading leaves out but half-reads as the patient's, shown on posts a
# reviewer reads anyway.
COOLER = "Her infusion moved to the 9th. Tibby brought the cooler and Marisela kept score at cards."


def _faint(result) -> list[tuple[str, str]]:
    return [(COOLER[f.start : f.end], f.severity) for f in result.findings if f.rule == "phi.learned_faint"]


def test_a_faint_identifier_is_shown_to_the_reviewer_of_a_post_at_review():
    """'Marisela', a listed given name, is half-read as a relative's; 'Tibby', listed nowhere, is not shown."""
    from socialrx.core.compliance.engine import check_text

    result = check_text(COOLER)
    assert result.verdict == "review"
    assert ("Marisela", "review") in _faint(result)
    assert "Tibby" not in dict(_faint(result))
    finding = next(f for f in result.findings if f.rule == "phi.learned_faint")
    assert "unsure" in finding.message and finding.fix and finding.family == "phi"


@pytest.mark.parametrize("setting", [{"phi.learned_faint": "off"}, {"phi.learned": "off"}])
def test_organisation_can_turn_faint_identifiers_off(setting):
    from socialrx.core.compliance.engine import check_text

    result = check_text(COOLER, config=ComplianceConfig.from_dict({"rule_severity": setting}))
    assert _faint(result) == []
    assert result.verdict == "review"


def test_a_faint_identifier_is_never_severer_than_the_posts_verdict(monkeypatch):
    """Set to block by the organisation, a faint identifier on a post at review stays at review: it never decides."""
    from socialrx.core.compliance import engine
    from socialrx.core.compliance.findings import Finding

    text = "Excited to share our new study results next week!"

    def one_faint(doc):
        yield Finding("phi.learned_faint", "phi", 0, 7, "review", "m", "f")

    monkeypatch.setattr(engine, "faint_identifiers", one_faint)
    config = ComplianceConfig.from_dict({"rule_severity": {"phi.learned_faint": "block", "claims": "review"}})
    at_review = engine.check_text("Our AI is the best triage tool on the market.", config=config)
    assert at_review.verdict == "review"
    assert [f.severity for f in at_review.findings if f.rule == "phi.learned_faint"] == ["review"]
    passed = engine.check_text(text, config=config)
    assert passed.verdict == "pass" and not [f for f in passed.findings if f.rule == "phi.learned_faint"]


def test_faint_identifiers_never_cover_a_finding_or_change_a_verdict():
    """On each of these posts the verdict is the same with faint identifiers off, and no faint identifier overlaps
    another identifier finding."""
    from socialrx.core.compliance.engine import check_text

    off = ComplianceConfig.from_dict({"rule_severity": {"phi.learned_faint": "off"}})
    texts = [COOLER, "her infusion moved to the 9th at Kettle Creek, dad drove. Tibby brought the cooler.",
             "M@m@ R0nk3 for b3d 1 4 don go home 🥹 twenty-third of Oct, walking by herself.",
             "shoutout to everyone who came to see Mr. Okafor in bed 4 after his stent, and to Tavo who brought the tamales",
             "Our new infusion chairs are here! Tibby from facilities set them up, and the 9th floor lounge reopens Monday."]
    for text in texts:
        result = check_text(text)
        assert result.verdict == check_text(text, config=off).verdict
        faint = [f for f in result.findings if f.rule == "phi.learned_faint"]
        others = [f for f in result.findings if f.family == "phi" and f.rule != "phi.learned_faint"]
        assert not any(a.start < b.end and b.start < a.end for a in faint for b in others)


def test_faint_spans_are_cached_per_post_and_lie_outside_the_best_reading():
    doc = Document(COOLER, ACME, CheckContext(), "x")
    faint = phi_model.faint_spans(doc, 0.1)
    assert faint and phi_model.faint_spans(doc, 0.1) is faint
    emoji = Document("M@m@ R0nk3 for b3d 1 4 don go home 🥹 twenty-third of Oct, walking by herself.", ACME, CheckContext(), "x")
    assert not any("🥹" in emoji.text[span.start : span.end] for span in phi_model.faint_spans(emoji, 0.05))
    best = phi_model.patient_spans(doc)
    assert not any(a.start < b.end and b.start < a.end for a in faint for b in best)
    assert all(span.kind in phi_model.KINDS and 0.1 <= span.confidence < 1.0 for span in faint)


def test_switched_off_model_reads_no_faint_spans(model_off):
    assert phi_model.faint_spans(Document(COOLER, ACME, CheckContext(), "x"), 0.1) == ()
