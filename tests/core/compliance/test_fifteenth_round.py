"""Generalisations drawn from the fifteenth round of unseen writers (a school-based health center, a One Health farm
doctor, a plastic surgery practice, a peer support specialist): claims quoted to debunk or to warn, corrections,
simulations and animal results, R12 for an Rx drug, advice against care in everyday words, research presented at a
meeting, observances and clinics as events, people who help, group names, crisis replies, record numbers that join a
name. The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.engine import check_text
from tests.core.compliance.helpers import check, rules

EMPLOYEE = CheckContext(author_relationship="employee")
REPLY = CheckContext(author_relationship="employee", is_reply=True)


@pytest.mark.parametrize("text", [
    'Heard at the feed store: "raw milk cures allergies." It doesn\'t. It can give you brucellosis.',
    'Heard again at pickup: "The HPV vaccine causes infertility." It doesn\'t. That claim has been debunked.',
    '"Zero downtime." "No scarring." "Guaranteed results." If you see those on a surgery ad, keep scrolling.',
    'If any app tells you it\'s "guaranteed" to make your kid quit, be skeptical.',
    "Correction: an earlier post told people to skip vaccines before surgery. That was wrong and we deleted it.",
])
def test_claims_quoted_to_debunk_warn_or_correct(text):
    assert check(text, context=EMPLOYEE).verdict == "pass"


@pytest.mark.parametrize("text", [
    "Raw milk cures allergies, trust me.",
    "Ivermectin cures COVID and they don't want you to know.",
    'Results "guaranteed" for every client, book now!',
])
def test_claims_made_still_block(text):
    assert check(text, context=EMPLOYEE).verdict == "block"


def test_simulations_called_estimates_make_no_claim():
    assert "claims.nonhuman_evidence" not in rules(
        "Our 3D imaging is a planning tool, not a promise. Simulations are estimates; your real result depends on your anatomy.")


@pytest.mark.parametrize("text", [
    "In mice, the graft kept 90% of its volume. That means fuller, longer-lasting results for you!",
    "The calves on her new protocol bounced back in 2 days. If it works on calves it'll work on your toddler's stomach bug.",
    "Rats grew brand-new blood vessels after shockwave. Now picture that for YOU.",
])
def test_animal_results_sold_to_the_reader(text):
    assert "claims.nonhuman_evidence" in rules(text)


def test_an_rx_benefit_without_a_risk_link_blocks_a_device_s_asks_for_review():
    drug = ComplianceConfig.from_dict({"products": {"Rivadox": "rx_drug_approved(established_name=tetravoxycline)"}})
    text = "Rivadox (tetravoxycline) clears most early Lyme rashes in 10-14 days. Side effects can include sun sensitivity."
    assert check_text(text, config=drug).verdict == "block"
    device = ComplianceConfig.from_dict({"products": {"FallGuard": "510k_cleared"}})
    text = "FallGuard can detect some falls and call for help; it does not prevent falls."
    assert check_text(text, config=device).verdict == "review"


@pytest.mark.parametrize("text", [
    "Farm kids don't need the flu shot, they've licked every gate in the county",
    "honestly after this app you can toss your antidepressants",
])
def test_advice_against_care_in_everyday_words(text):
    assert "claims.misinformation" in rules(text)


@pytest.mark.parametrize("text", [
    "Animal data on graft retention were presented at the forum in Milwaukee. Animal results don't show benefit in people.",
    "new peer support group! Bipolar & Beyond, every 2nd thursday at the Marrowfield Public Library, run by Yesenia Duarte, LCSW.",
    "Clínica de vacunas: martes 19 de agosto. Preguntas: (715) 555-0182 (pregunte por Yesenia).",
    "Bring your kid's insurance card to the shot clinic Tue Aug 19 (no insurance? still come).",
    "A de-identified One Health case for students: a teenager with fever after the family got a new kitten.",
])
def test_events_groups_and_helpers_are_no_patients(text):
    assert check(text, context=EMPLOYEE).verdict != "block"


def test_a_patient_who_presented_at_a_hospital_is_still_one():
    assert "phi.date" in rules("She presented at the ED on 3/4 with chest pain")


@pytest.mark.parametrize("text", [
    "@nightowl i hear you. please call or text 988 right now, or our 24/7 crisis line (479) 555-0162. you don't have to be sick enough to reach out",
    "@brammy_b thank you for the kind words about the walk!! see you at the next one",
    "@quarry_dave I appreciate you asking after your neighbor, but I can't say anything about who came in or why.",
])
def test_replies_that_confirm_no_care(text):
    assert check(text, context=REPLY).verdict != "block"


def test_a_record_number_joins_a_name():
    assert check("Harold's pacemaker (MDX 40 77 1182) checked out fine after he grabbed the electric fence.").verdict == "block"
    assert "phi.device_id" not in rules("Our hearing aids (K241187) are FDA cleared for adults.")
    assert "phi.health_plan_id" in rules("Found a folded Medicaid card, ID 4 4 1 0 2 9 7 3 3 0, at the clinic. Come grab it.")


def test_a_named_study_participant_is_a_patient():
    text = '"Knowing my score changed everything," said study participant Harlan Oyelowo, 58, who enrolled on May 5, 2024.'
    assert check(text).verdict == "block"
