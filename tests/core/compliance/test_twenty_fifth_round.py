"""Generalisations drawn from the twenty-fifth round of unseen writers (a children's hospital's marketing team, an
informal rural family doctor, a health insurer's social care team, a daughter caring for her mother with dementia):
replies that confirm care through claims, prior authorisations, approved visits and results we brought down; first and
only cases in a county; diseases said to be gone; outcomes promised on one's word; "no doc needed"; nurses who no
longer have to watch; "nothing to worry about"; better outcomes than other programmes; "no hospital should be without
it"; "your kiddo can too"; aluminium said to cause Alzheimer's; a wellness watch that flags a disease; a cause's name
("Walk to End Alzheimer's"), a long denial ("no drug, X included, is a cure"), the people a product is for, role
mailboxes of a brand, a number to report scams to, a handler before a name, a clinic named by its first word and its
closing date, ranges of days and letters spelled after "it's" are no findings. The texts are written for these tests,
not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.text import normalise
from tests.core.compliance.helpers import (
    ADVOCATE,
    BRAND,
    BRAND_REPLY,
    CLINICIAN,
    INFLUENCER,
    PARTNER,
    check,
    registry_checks,
)

_result, _found = registry_checks(BRAND)


@pytest.mark.parametrize("text", [
    "@marta_k good news: we reprocessed the claim from the Elm St imaging center and it paid in full ^RJ",
    "@dev.ortiz your prior auth # is 4410 2287 if the office asks. approved 12 sessions of PT ^RJ",
    "@sue_h yes your mom's doing better, we got her sugars down after the rough weekend",
    "@jen_runs so glad the approval finally came through for the new pump!! ^RJ",
    "@hank_b glad the shoulder injection's holding up, no more roof work please",
])
def test_replies_confirming_claims_authorisations_and_results_block(text):
    result = check(text, context=BRAND_REPLY)
    assert "phi.treatment_relationship" in {f.rule for f in result.findings}
    assert result.verdict == "block"


def test_a_range_of_days_is_no_date():
    text = "@marta_k we reprocessed the claim and it paid. new EOB in 7-10 days ^RJ"
    assert "phi.date" not in {f.rule for f in check(text, context=BRAND_REPLY).findings}


def test_the_only_case_in_a_county_blocks():
    text = "pretty sure that's the only brucellosis case in harlow county this decade. pasteurize your milk, folks"
    assert "phi.quasi_identifier" in {f.rule for f in check(text, context=CLINICIAN).findings}


@pytest.mark.parametrize("text,products,context,rule", [
    ("down 30 lbs and his diabetes is just gone. reversed.", {}, CLINICIAN, "claims.cure"),
    ("stick with the plan and you'll be off insulin by summer, you have my word", {}, CLINICIAN, "claims.guarantee"),
    ("the triage app reads vitals and tells the nurse who's sick. no doc needed overnight", {}, CLINICIAN, "claims.ai_overclaim"),
    ("With Sepsiguard on every chart, our nurses don't have to worry about spotting sepsis anymore.", {}, BRAND,
     "claims.ai_overclaim"),
    ("With our pediatric anesthesiologists there is literally nothing to worry about.", {}, BRAND, "claims.absolute_safety"),
    ("threw out my pans because aluminum is what causes alzheimer's", {}, ADVOCATE, "claims.misinformation"),
    ("If Nora can beat it, your kiddo can too 💪", {}, BRAND, "disclosure.atypical_results"),
    ("#ad the Nestwatch band flagged dad's wandering a week before the aides did", {"Nestwatch": "general_wellness_app"},
     INFLUENCER, "claims.wellness_disease"),
    ("why Tidemark? bc it's a p p r o v e d by the f.d.a.", {"Tidemark": "510k_cleared"}, PARTNER, "claims.fda_status"),
])
def test_claims_block(text, products, context, rule):
    assert rule in _found(text, products, context)


def test_better_outcomes_than_other_programmes_is_a_comparison():
    found = _found("Our heart team gets better outcomes than the big university programs two states over.")
    assert found & {"claims.superiority", "claims.superlative"}


def test_no_hospital_should_be_without_it_is_an_endorsement():
    found = _found("after a year on every unit: no children's hospital should be without Sepsiguard.", {"Sepsiguard": "510k_cleared"},
                   INFLUENCER)
    assert "disclosure.material_connection" in found


@pytest.mark.parametrize("text,products,context", [
    ("we walk for the ones who can't remember why. Walk to End Alzheimer's, sat oct 4, Miller Park", {}, ADVOCATE),
    ("reminder: no blood pressure pill, Tensavo (lorvatan) included, is a cure. it's a tool.",
     {"Tensavo": "rx_drug_approved(established_name=lorvatan)"}, CLINICIAN),
    ("Setting up a GPS watch for a parent with dementia (Nestwatch) | PAID PARTNERSHIP", {"Nestwatch": "general_wellness_app"},
     INFLUENCER),
    ("Questions about the ambassador program go to ambassadors@nestwatch.example.com", {}, INFLUENCER),
    ('if someone "from Fenbrook Health" asks for your ID, report it: 555-0162', {}, BRAND),
    ("Meet Biscuit, our newest therapy dog, certified last month with handler Rosa Delgado-Finch.", {}, BRAND),
    ("Our Eastmoor Urgent Care will close on June 30. Thank you, Eastmoor, for 9 good years.", {}, BRAND),
])
def test_no_finding_blocks(text, products, context):
    assert _result(text, products, context).verdict != "block"


def test_letters_spelled_after_its_are_not_joined_to_it():
    assert "approved" in normalise("it's a p p r o v e d").text
    assert "it'sapproved" not in normalise("it's a p p r o v e d").text
