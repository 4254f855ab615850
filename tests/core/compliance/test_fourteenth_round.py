"""Generalisations drawn from the fourteenth round of unseen writers (a 911 dispatch trainer, a hospital pharmacist
educator, a bilingual home-care agency, a transplant centre): corrections that quote a withdrawn claim, 'nothing is
guaranteed', trial endpoints, a device's stated limitations, percentages that are no ages, invitations that promise no
result, refusals to give advice, self-introductions, abbreviations, observances, staff by role, accounts
to tag, and identifiers written the Spanish way. The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.engine import check_text
from tests.core.compliance.helpers import check, rules

EMPLOYEE = CheckContext(author_relationship="employee")
REPLY = CheckContext(author_relationship="employee", is_reply=True)
DEVICES = ComplianceConfig.from_dict({"products": {"FallGuard": "510k_cleared", "DoseMate": "510k_cleared"}})


def found(text: str, config: ComplianceConfig = DEVICES) -> set[str]:
    return {f.rule for f in check_text(text, config=config, context=EMPLOYEE).findings}


def test_a_correction_quoting_the_withdrawn_claim_makes_no_claim():
    assert "claims.fda_status" not in found('Correction: last week I called DoseMate "FDA approved." It is 510(k) cleared, not approved.')
    assert "claims.fda_status" in found('DoseMate is "FDA approved" and our nurses love it.')


def test_nothing_is_guaranteed_is_no_guarantee():
    assert "claims.guarantee" not in rules("Nothing in pharmacy is guaranteed, least of all a level drawn late.")


def test_a_trial_endpoint_named_cure_is_no_cure_claim():
    assert "claims.cure" not in rules("It was noninferior at test-of-cure (81% vs 79%; Haddad et al., 2023).")


def test_what_a_device_does_not_do_is_its_limitation():
    assert "claims.benefit_without_risk" not in found(
        "FallGuard can detect some falls and call for help; it does not prevent falls.")
    assert "claims.benefit_without_risk" in found("FallGuard detects falls and calls for help, day and night.")


def test_a_percentage_is_no_age():
    assert "phi.age" not in rules("One-year graft survival at our center was 95.8% (expected: 94.9%).")
    assert "phi.age" in rules("Our patient Mr. Lee was 95 and still walking every day after his surgery.")


def test_an_invitation_promises_no_result():
    assert "disclosure.atypical_results" not in rules("Anyone can start living-donor screening online in ten minutes.")
    assert "disclosure.atypical_results" in rules("I lost 40 lbs and anyone can do it!")


def test_a_reply_refusing_advice_confirms_no_care():
    text = ("@mike_t I can't give advice on your own meds here, and I can't say whether anyone has been our patient. "
            "Your pharmacist can help.")
    assert check(text, context=REPLY).verdict != "block"


@pytest.mark.parametrize("text", [
    "I'm Marisol Ochoa. I cleaned houses, then I was a caregiver, then I opened our agency after my own surgery.",
    "Every patient on AUC dosing saves us about $1,800 in avoided AKI.",
    "Wear blue and green for National Blue & Green Day and tag @AlderRidgeTx in your photos from the transplant clinic!",
    "Every donor candidate meets our independent living donor advocate, Odalys Pike, before surgery.",
])
def test_people_who_are_not_patients(text):
    assert not {"phi.name", "phi.handle"} & rules(text, context=EMPLOYEE)


def test_a_name_before_day_and_a_number_is_still_a_name():
    assert "phi.name" in rules("Our patient Maria Lopez Day 3 of chemo, pray for her")


def test_the_author_s_child_is_no_self_introduction():
    assert "phi.name" in rules("I'm JoJo's mom, she had her third surgery at the children's hospital on 3/14.")


@pytest.mark.parametrize("text,rule", [
    ("Feliz cumple a Zoé Núñez, born 12-IV-1931, after her hospital stay, código postal 78097.", "phi.geo"),
    ("Feliz cumple a Zoé Núñez, born 12-IV-1931, after her hospital stay.", "phi.date"),
    ("@jr_s your mother's invoice for her home care visits is under cuenta 88-1203-77", "phi.account_number"),
    ("Doña Imelda's pacemaker monitor keeps beeping, support wants the serial, it's VG1 2209 0413 7.", "phi.device_id"),
    ("Nguyễn Thị Hoa got her liver transplant here the week of Tết.", "phi.date"),
])
def test_identifiers_written_the_spanish_and_vietnamese_way(text, rule):
    assert rule in rules(text, context=EMPLOYEE)


def test_a_caller_s_number_given_to_us_combines_with_their_name():
    text = "Rudy's wife called about his chest pain and gave us 715 555 0188; we typed 0183 and lost him."
    assert check(text, context=EMPLOYEE).verdict == "block"


def test_a_job_held_for_an_employer():
    assert "phi.employer" in rules("Our patient Caleb was 19, a lineman for Pruett County Electric, when the accident happened.")
