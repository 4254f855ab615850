"""Generalisations drawn from the eleventh round of unseen writers (a sports surgeon, a hospital volunteer auxiliary, a
diabetes educator, a health-system CEO): negated verb lists, 'full stop', the organisation's lines in directories and
teams, refusals that 'can't get into' care, therapists' titles, an employee praising their own organisation, local phone
numbers after 'account'. The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.engine import check_text
from tests.core.compliance.helpers import check, rules

EMPLOYEE = CheckContext(author_relationship="employee")


def test_one_negation_governs_a_list_of_verbs():
    assert "claims.cure" not in rules("StepWise is a wellness app. It does not treat, cure or reverse diabetes.")
    assert "claims.cure" in rules("StepWise helps treat, cure and reverse diabetes.")


def test_full_stop_is_no_benefit():
    config = ComplianceConfig.from_dict({"products": {"DoseWise": "510k_cleared"}})
    assert "claims.benefit_without_risk" not in {
        f.rule for f in check_text("DoseWise is the smartest titration app out there, full stop.", config=config).findings}


@pytest.mark.parametrize("text", [
    "Help setting up your portal account: 555-0167 or our site.",
    "4/ Parents: questions go to our PA team at 555-0167.",
    "@coach_p I can't get into anyone's care online, so bring every question to your next visit or call 555-0167.",
])
def test_the_organisation_s_lines(text):
    assert not any(f.rule in ("phi.phone", "phi.account_number") for f in check(text).findings)


def test_a_text_me_line_is_personal():
    assert "phi.phone" in rules("Newly diagnosed and scared? Text me: six-oh-eight, five five five, oh one seven three")


def test_a_claim_number_shaped_like_a_phone_is_still_a_claim_number():
    text = "Brother in our group has waited 14 months. Claim # 6 0 0 - 1 1 8 - 2 2 4 7, name's Dwayne Pettaway."
    assert any(f.rule in ("phi.other_id", "phi.account_number") and f.severity == "block" for f in check(text).findings)


def test_therapist_titles_are_staff_and_pt_is_a_patient():
    assert check("Coaches: our PT Noor Haddad will teach your staff the warm-up for free.").verdict == "pass"
    assert "phi.name" in rules("pt Rosa Alvarez, 82, came in with chest pain")
    assert "phi.name" in rules("Full-face photo of our patient Tasha on her last day of chemo is the new lobby poster.")


def test_an_employee_praising_their_own_organisation_discloses_by_saying_so():
    assert "disclosure.material_connection" not in rules(
        "Surgeons across three counties recommend our orthopedic program to their own patients.", context=EMPLOYEE)
    assert "disclosure.material_connection" in rules("Honestly a game changer for our ED.", context=EMPLOYEE)


def test_an_employee_praising_a_vendor_s_product_still_needs_a_disclosure():
    config = ComplianceConfig.from_dict({"products": {"Kestrelline": "510k_cleared"}})
    text = "Kestrelline is the best thing that's ever happened to our waiting room. Everyone should use it."
    assert "disclosure.material_connection" in {f.rule for f in check_text(text, config=config, context=EMPLOYEE).findings}


def test_ordinal_people_are_no_dates():
    assert "phi.date" not in rules("9 out of 10 dietitians love the plate method for newly diagnosed type 2. the 10th one is Priya")
    assert "phi.date" in rules("@bj_reams your cardiology follow-up on the 22nd is still covered after the ER visit")


def test_a_volunteer_is_staff():
    assert "phi.name" not in rules("We thank Walt Brannigan, who volunteered at our information desk for 31 years.")


def test_a_call_to_action_after_a_number_is_the_organisation_s_line():
    text = "Our NICU radiothon is live until 7 p.m. for the babies in our unit! Call (419) 555-0143 to give."
    assert not any(f.rule == "phi.phone" for f in check(text).findings)


def test_a_cure_someone_else_promises_is_no_claim():
    assert "claims.cure" not in rules("Cardiac rehab is not a cure. Anyone promising a cure is selling something.")


def test_a_myth_asked_and_answered_no():
    assert "claims.misinformation" not in rules("Can the flu shot give you the flu? (Nope.) No live virus, just a sore arm.")
    assert "claims.misinformation" in rules("Flu shots give you the flu, skip them")


def test_speed_as_a_noun_is_no_benefit():
    config = ComplianceConfig.from_dict({"products": {"ChestAlert": "510k_cleared"}})
    text = "First month with ChestAlert: films reach a radiologist 34 minutes sooner on average. Security + speed."
    assert "claims.benefit_without_risk" not in {f.rule for f in check_text(text, config=config).findings}


def test_a_record_number_shaped_like_a_local_phone_is_still_a_record_number():
    assert "phi.medical_record_number" in rules("pt Rosa, MRN 482-2107, back in bed 4 after her hip surgery")
