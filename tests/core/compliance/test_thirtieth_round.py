"""Generalisations drawn from the thirtieth round of unseen writers (a hospital security officer on X, an Indian medtech
sales manager, a mother's updates on her son's leukemia, a workplace-wellness vendor): advice to stop one's medicine,
a clinician who "just has to sign", "no need of cardiologist", comparisons with an ophthalmologist or a pat-down, replies
that tell an employer who is enrolled or has not activated a meter, "your replacement meter is ready"; and what is not a
patient's or a claim: safety drills, the next class, health camps, "open to nurses & techs", an office's drop-off
address, "FDA registered only means…", a country, "can't confirm whether any one person is enrolled". The texts are
written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.core.compliance.helpers import (
    BRAND,
    BRAND_REPLY,
    CLINICIAN,
    EMPLOYEE,
    INFLUENCER,
    assert_confirms_care,
    assert_not_blocked,
    check,
    registry_rules,
)


@pytest.mark.parametrize("text,rule", [
    ("drink bitter gourd juice daily and you can stop your diabetes tablets 🙏", "claims.misinformation"),
    ("Most members can stop their metformin by month six on our program.", "claims.misinformation"),
])
def test_advice_to_stop_ones_medicine_blocks(text, rule):
    result = check(text, context=INFLUENCER)
    assert result.verdict == "block" and rule in {f.rule for f in result.findings}, result.findings


@pytest.mark.parametrize("text", [
    "Please never stop your insulin without your doctor.",
    "Ask your doctor whether you can stop your statin after the weight loss.",
])
def test_stopping_a_medicine_as_the_prescriber_decides_is_no_claim(text):
    assert "claims.misinformation" not in {f.rule for f in check(text).findings}


@pytest.mark.parametrize("text", [
    "Hridaya AI is so good that the cardiologist just has to sign the report.",
    "With Hridaya AI there is no need of cardiologist to read every strip.",
    "Hridaya AI reads the retina better than an ophthalmologist.",
])
def test_clinicians_set_aside_or_outdone_block(text):
    assert check(text, context=EMPLOYEE).verdict == "block", text
    assert registry_rules(text, {"Hridaya AI": "510k_cleared"}, EMPLOYEE) & {
        "claims.ai_overclaim", "claims.superiority", "claims.learned"}


@pytest.mark.parametrize("text", [
    "@hr_renee quick update: Darnell on second shift is enrolled and already down to 7.1!",
    "@hr_renee only two of your people haven't activated their meters yet: Ana B. and R. Teasley",
    "@bigray_route9 your replacement meter is ready at the front desk 👍",
])
def test_replies_telling_who_is_in_care_block(text):
    assert_confirms_care(text, BRAND_REPLY)


@pytest.mark.parametrize("text,context", [
    ("ACTIVE SHOOTER DRILL 📢 thurs 11/6, 0300, ED pod C. night shift only. moulage actors in bays 11-14.", EMPLOYEE),
    ("Verbal de-escalation video is up. Next Calm Response class: Oct 14, Room 2B, Harlan Education Center.", EMPLOYEE),
    ("Eye camp report: 412 people screened at the panchayat hall. Next camp: temple grounds, 9th Feb.", EMPLOYEE),
    ("Stop the Bleed, Jan 22, Conference Room A. tourniquets, packing, pressure. open to nurses & techs too.", EMPLOYEE),
    ("my grandmother is in her 90s and knitted 40 hats for the charity 🧶 drop-off at the office, 312 Linden St, Marrowick",
     CLINICIAN),
    ("Our factory being FDA registered only means we are listed with FDA. It is not an endorsement of any product.", EMPLOYEE),
    ("@renee_hr hi Renée! we can't confirm whether any one person is enrolled, even to their employer 🙏", BRAND_REPLY),
])
def test_drills_classes_camps_offices_and_explanations_are_not_blocked(text, context):
    assert_not_blocked(text, context)


def test_a_security_drill_post_with_a_real_patient_still_blocks():
    text = "after the fire drill, bay 6 had a real one: Mr. Okonjo, 91, walked in from Yarrowford at 0215 with chest pain"
    assert check(text, context=EMPLOYEE).verdict == "block"


def test_an_investigational_meter_said_to_end_finger_sticks_blocks():
    assert "claims.investigational" in registry_rules(
        "Dewpoint Halo ships to your members this spring. No more finger sticks!", {"Dewpoint Halo": "investigational"}, BRAND)


def test_a_country_is_no_name():
    text = "India's No.1 AI ECG patch now available to US cardiology practices!"
    assert not [f for f in check(text, context=EMPLOYEE).findings if f.family == "phi"]
