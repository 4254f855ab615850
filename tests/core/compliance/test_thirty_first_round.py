"""Generalisations drawn from the thirty-first and thirty-second rounds of unseen writers (an NHS GP surgery, a medical
cannabis dispensary, a bariatric program, an infection preventionist, a billing office, a sickle cell advocate, a
speech-therapy practice, a Somali community health navigator) and from held-out train writers: a pasted record's fields,
national health numbers, cure and safety wording, undisclosed endorsements, replies that confirm or refuse care, and what
is no one's identifier (a privacy lesson's quoted example, a made-up test patient, a career's or a clinic's dates, a
schedule's place). The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.core.compliance.helpers import (
    BRAND,
    BRAND_REPLY,
    CLINICIAN,
    EMPLOYEE,
    INFLUENCER,
    PARTNER,
    assert_confirms_care,
    assert_not_blocked,
    blocked_by,
    check,
    registry_rules,
    rules,
)


@pytest.mark.parametrize("text", [
    "Patient: Hiroko Tanabe | Registry ID: MR/2025/11873 | Certified: 04-02-2025 | Qualifying condition: epilepsy",
    "pasted the intake slip by mistake: patient=Ilhaan Warsame; bldg=Cedar Towers; ma_id=5521-0093-71",
    "can someone chk nhs no six one two, four four eight, three oh seven one for mrs k's repeat",
    "portal keeps rejecting the referral, student ID 51–2207–46 for the Dunmore kid",
])
def test_a_pasted_record_or_a_national_health_number_blocks(text):
    assert check(text, context=EMPLOYEE).verdict == "block"


@pytest.mark.parametrize("text,rule", [
    ("this tincture kills cancer cells, the labs just won't admit it", "claims.cure"),
    ("our tea shrinks tumors naturally 🌿", "claims.cure"),
    ("nope, the gummies don't interact with any of your meds", "claims.absolute_safety"),
    ("Flush the antidepressants. Sunlight is all the medicine you need.", "claims.misinformation"),
    ("if you had shingles as a kid, skip the shingles shot", "claims.misinformation"),
    ("masks do nothing for flu, save your money", "claims.misinformation"),
])
def test_cure_safety_and_misinformation_wording(text, rule):
    assert blocked_by(text, rule, context=BRAND)


def test_told_outright_to_stop_a_medicine_is_let_go_when_a_prescriber_decides():
    assert not blocked_by("Ask your doctor before you stop the statin, never on your own.", "claims.misinformation",
                          context=CLINICIAN)


@pytest.mark.parametrize("text", [
    'MYTH: "the flu shot gives you the flu." ❌ The shot has no live virus.',
    'Three vaccine myths from the fair this weekend 🧵 "The flu shot gives you the flu." The shot has no live virus.',
    "I told readers they could skip their flu shot if they washed their hands. That was wrong; please get it.",
])
def test_misinformation_quoted_to_refute_it_or_withdrawn_passes(text):
    assert "claims.misinformation" not in rules(text, context=CLINICIAN)


def test_an_investigational_product_now_booking_is_promoted():
    found = registry_rules("NOW BOOKING the Quellon sleeve, no incisions! spots are filling", {"Quellon": "investigational"})
    assert "claims.investigational" in found


@pytest.mark.parametrize("text", [
    "Been wearing the StepBuddy for a month. Best sleep gear I've ever owned, period.",
    "honestly StepBuddy is the only tracker we'd give our own kids",
    "can't imagine a week without StepBuddy at this point",
])
def test_a_connected_authors_praise_is_an_undisclosed_endorsement(text):
    assert "disclosure.material_connection" in rules(text, context=PARTNER)


def test_a_paid_creators_superlative_endorses_without_naming_a_product_noun():
    assert "disclosure.material_connection" in rules("Best clinic I've ever walked into, no contest. Code RIO10", context=INFLUENCER)
    # their life and work is no product
    assert "disclosure.material_connection" not in rules("I love this work and the people in it.", context=INFLUENCER)
    # a disclosed paid speaker
    assert "disclosure.material_connection" not in rules("(Paid speaker for LungLens.) The best nodule AI I've used.",
                                                         context=INFLUENCER)


@pytest.mark.parametrize("text", [
    "@jess_r so sorry about the gowns! you were on contact precautions for your MRSA, so everyone had to gown up",
    "@tomlin_k Dr Okafor says keep going with the diary and she'll see you Weds 21st to talk about tapering",
    "@bea.holt Dr Lindqvist has done your mum's paperwork, collect it from reception after 2pm",
    "@ridley.t yesss your revision is booked for Thurs 6/12 w/ Dr. Vance, see u at 7:30",
    "@gwen_p passed ur cell to Carla in case mgmt for ur grandma's discharge on friday",
])
def test_replies_that_confirm_care(text):
    assert_confirms_care(text, BRAND_REPLY)


@pytest.mark.parametrize("text", [
    "@moana_t i'm sorry, i can't say who's here or how anybody's doing, not even to family. ED front desk is (608) 555-0100",
    "@quinn_h great q! sprains take a while, your surgeon will explain at the consult.",
    "@gary_e it's a wellness app: it can't tell you if you have diabetes. an A1C from your clinician does that.",
    "@wanda_k hey! we can't look up anybody's appointment on here, call Kaycee at the booking line (479) 555-0142",
    "@rosa_m no mija, nadie debe dejar su insulina por un té, eso se platica con el doctor",
])
def test_replies_that_refuse_advise_or_refer_confirm_no_care(text):
    assert_not_blocked(text, BRAND_REPLY)


@pytest.mark.parametrize("text", [
    'A reminder for colleagues: "She\'s Deaf, 93, on 4 North" identifies someone. Keep it general.',
    'Reminder: "Mr. X in room Y" is not de-identified, and neither is "the sweetest 94-year-old in bed 3".',
    'Screenshot from our TRAIN environment (patient: Test, Patient Zzz). Feedback to ehr.help@acme.test',
    "Sample statement with placeholder info: Patient: JANE SAMPLE · Account #: 0000-000-000 · Statement date: MM/DD/YYYY",
    "Questions: ip@wyndle.example.org or (608) 555-0172. Swab contest at noon!",
    "Hal started here as an orderly on August 4, 1986 and now runs our whole transport team.",
    "sports physicals night is SET. tues 7/22, 5-8pm, main gym. $20, bring the form w/ parent signature",
    "Freeze Frame: an egg freezing evening is Thursday, May 7, 6–8pm at The Linden Room in Harlan Mills. Free, 21+.",
    "the review we point people to: Hartwell-Nakamura et al., Pain Med 2023;24:903-917. we'd rather undersell it",
    "Meet Anjali Raman, senior embryologist at our Westbrook lab, 11 years at the scope 🔬",
    "a home visit on the 14th floor today, checking a cuff and a pill bag, no names as always",
])
def test_what_is_no_ones_identifier(text):
    assert_not_blocked(text, EMPLOYEE)


def test_a_record_pasted_in_quotes_still_blocks_in_a_post_about_privacy():
    text = ('Found this on an old slide: "Eustace P., ninety-four, Harbor View Manor, room 212, fall on Christmas Eve". '
            "Replacing it with a de-identified case.")
    assert check(text, context=CLINICIAN).verdict == "block"


def test_the_name_of_a_real_unidentified_patient_alias_is_not_a_placeholder():
    assert check("Our patient Jane Doe was admitted on March 3, 2024 after a stroke.", context=CLINICIAN).verdict == "block"


def test_job_and_department_mailboxes_are_the_organisations_and_a_persons_address_is_not():
    assert "phi.email" not in rules("Questions about the clinic? pharmacist@acme.test or education@acme.test", context=EMPLOYEE)
    assert "phi.email" in rules("Her daughter says write to maria.frontera@example.com about the stroke rehab.", context=EMPLOYEE)
