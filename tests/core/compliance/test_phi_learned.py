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
