"""Generalisations drawn from the twenty-fourth round of unseen writers (a community hospital's social team, an informal
respiratory therapist, a multi-clinic copywriter, an orthopaedic front desk answering replies): replies that confirm care
through a rescheduled slot, a copay, notes that are in or a clinician going over a result; a person named just before
their own procedure is a patient; staff named with their department, an "our own", a credential before the name, an
event they work or a quoted nickname, and the post's sign-off, are no patients; headline words and firms' names are no
names; capitals "PT" is the physical therapist; a hotline is the organisation's number; claims spelled with hyphens,
refunds and "next month free", "I'll eat my", "cannot hurt you", "registered w the FDA", "no dermatologist? no problem",
"no cardiologist in the loop", toxins flushed, symptoms that disappear, going away for good, knocking out a disease;
an investigational product asked about at the next visit or already in use; the census first names of older Americans.
The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.tokens import gazetteer, name_gazetteers
from tests.core.compliance.helpers import (
    BRAND,
    BRAND_REPLY,
    CLINICIAN,
    INFLUENCER,
    check,
    registry_checks,
)

_result, _found = registry_checks(BRAND)


@pytest.mark.parametrize("text", [
    "@gus_lifts all set, we moved you to Dr. Abara's 3:15 on Thursday since the morning was packed -Lia",
    "@pam.r so sorry, billing ran your copay twice, the refund is on its way -Lia",
    "@coach_ty surgical notes are in!! you're cleared for light lifting next week -Lia",
    "@wendy_k PA Ruiz wants to go over the x-ray with you before Friday, can you call us? -Lia",
    "@rowdy_bo haha yes, Dr. Abara ok'd the return to pickleball 🎾 -Lia",
])
def test_replies_confirming_visits_bills_and_results_block(text):
    result = check(text, context=BRAND_REPLY)
    assert "phi.treatment_relationship" in {f.rule for f in result.findings}
    assert result.verdict == "block"


def test_a_person_named_before_their_own_procedure_is_a_patient():
    text = "Meet Corinna Vale, back on her bike three months after her knee replacement with Dr. Abara. Book a consult!"
    assert "phi.name" in {f.rule for f in check(text, context=BRAND).findings if f.severity == "block"}


@pytest.mark.parametrize("text", [
    "After 30 years, Walter Brisk of Environmental Services is retiring. Thank you for everything you did for our halls.",
    "our own Delphine Moreau from the lab ran the Bridge Half on Sunday and raised $2,000 for the foundation!",
    "AT Marcus Fenn will be on the sideline at every home game this fall 🏈",
    "huge thx to dee, marisol and dr. k for working the booth at the county fair in 95° heat",
    "Pictured: Ana Ruiz, DPT, and Biscuit, our rehab unit's therapy dog. Happy PT Month! 🐾",
])
def test_staff_and_helpers_are_no_patients(text):
    assert not {f for f in check(text, context=BRAND).findings if f.family == "phi" and f.severity == "block"}


def test_a_quoted_nickname_of_staff_stays_staff():
    text = ('Margaret "Peg" Oduya of Dietary is retiring after 35 years. Peg started here in 1990 and never missed a '
            'Thanksgiving shift.')
    assert "phi.name" not in {f.rule for f in check(text, context=BRAND).findings}


def test_the_agent_signing_a_reply_is_no_patient():
    text = "@nina_b so sorry about the wait Tues 😣 Dr. Abara got stuck in a long case -Bree"
    spans = [text[f.start : f.end] for f in check(text, context=BRAND_REPLY).findings if f.family == "phi"]
    assert "Bree" not in spans


@pytest.mark.parametrize("text", [
    "How to Get Up and Down Stairs on Crutches (Without Panicking) | Valley Ortho",
    "Welcome to our new occupational health client, Brackwater Freight & Rail! Their 200 drivers can now get DOT physicals here.",
])
def test_headline_words_and_firms_are_no_names(text):
    assert "phi.name" not in _found(text)


def test_capital_pt_is_the_therapist():
    text = "@jo.moves the app just counts your reps and sends reminders, it doesn't diagnose anything. the PT sets it up 👍"
    assert check(text, context=BRAND_REPLY).verdict != "block"


def test_a_hotline_is_the_organisations_number():
    text = "Construction update: the Levee St entrance closes Mon, March 2. Questions? Facilities hotline (812) 555-0161."
    assert "phi.phone" not in _found(text)


@pytest.mark.parametrize("text,products,rule", [
    ("our compounded shot: g-u-a-r-a-n-t-e-e-d 12 lbs in 30 days or ur next month is free", {}, "claims.guarantee"),
    ("u WILL sleep better in 7 nights or ill eat my scrubs on live", {}, "claims.guarantee"),
    ("we'll have her back on the court by regionals, we promise", {}, "claims.guarantee"),
    ("its a valve u breathe thru, it literally cannot hurt u", {}, "claims.absolute_safety"),
    ("its registered w the fda so u know its legit", {}, "claims.fda_endorsement"),
    ("No dermatologist? No problem. Spotwise checks your moles at home", {}, "claims.ai_overclaim"),
    ("Echovue reads every echo with no cardiologist in the loop", {}, "claims.ai_overclaim"),
    ("our cleanse drip flushes out the toxins that cause bloating", {}, "claims.misinformation"),
    ("our platelet shots make knee arthritis go away for good", {}, "claims.cure"),
    ("Breathwell knocks out plantar fasciitis in 3 weeks", {"Breathwell": "general_wellness_app"}, "claims.cure"),
    ("how grandpa ditched his inhaler with Breathwell", {"Breathwell": "general_wellness_app"}, "claims.wellness_disease"),
    ("Echovue is in our clinic now: ask about it at your next visit", {"Echovue": "investigational"}, "claims.investigational"),
    ("Echovue is already saving lives in our ER", {"Echovue": "investigational"}, "claims.investigational"),
])
def test_claims_block(text, products, rule):
    assert rule in _found(text, products, INFLUENCER)


def test_a_hedged_no_harm_is_no_safety_claim():
    text = "Oil pulling won't hurt you, but it doesn't replace brushing or fluoride."
    assert "claims.absolute_safety" not in _found(text, {}, CLINICIAN)


def test_quoted_toxins_in_a_myth_buster_are_no_claim():
    text = 'No juice cleanse has been shown to "flush toxins". Your liver does that.'
    assert "claims.misinformation" not in _found(text, {}, CLINICIAN)


def test_symptoms_that_disappear_are_a_benefit_needing_risk_information():
    products = {"Orvessa": "rx_drug_approved(established_name=delmoterol)"}
    text = "Orvessa (delmoterol) once daily and the flare-ups basically disappear for most of my patients."
    assert "claims.benefit_without_risk" in _found(text, products, CLINICIAN)
    assert "claims.benefit_without_risk" not in _found("the waitlist disappeared once we added a second laser", {}, CLINICIAN)


def test_weight_loss_is_a_benefit():
    products = {"Ondravia": "rx_drug_approved(established_name=celtaglutide)"}
    text = "Ondravia (celtaglutide) can help you lose weight with diet and exercise. Side effects include nausea."
    assert "claims.risk_link_missing" in _found(text, products, BRAND)


def test_census_first_names_of_older_americans_are_known_names():
    given = name_gazetteers()[0]
    assert {"mavis", "lucille", "delores", "beulah"} <= given
    census = gazetteer("census_given_names")
    assert not {"ginger", "candy", "hope", "will", "aide"} & census  # common English words are left out
