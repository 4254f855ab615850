"""Generalisations drawn from the ninth round of unseen writers (a patient-experience team's replies, a drug maker's
patient-support hub, a mental-health app's community and a hospital privacy office): the organisation's numbers in
directories, department lines and refusals, conditional and redirecting replies, signatures, event names, holidays,
Spanish and Creole care words, papers named for a patient, care received by a public figure, card and user IDs, and
claims (alarms from wellness apps, advice against medicines and tests, 'is here' for an investigational product).
The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import ComplianceConfig
from socialrx.core.compliance.engine import check_text
from tests.core.compliance.helpers import check, rules


def _phi(text: str) -> dict[str, str]:
    return {text[f.start : f.end]: f.severity for f in check(text).findings if f.family == "phi"}


@pytest.mark.parametrize("text", [
    "Need your records? Use the portal, or fax a signed request to 555-0166. We check ID first, even for family. Questions: 555-0164.",
    "@dani_r If you think someone looked at your chart without a reason, call the Privacy Office at 555-0164.",
    "@tess_m We never discuss anyone's visit here, but call the patient-experience line at 555-0117. \u2013DW",
    "How to reach us \U0001f9f5\n\n1/ Billing and payment plans: 555-0162\n\n2/ Lost & found (security): 555-0139",
    "@lupita_c Por privacidad no hablamos de la salud de nadie. Si tiene un efecto secundario, llame a nuestra l\u00ednea de seguridad al 555-0167.",
])
def test_the_organisation_s_lines_in_replies_and_directories_are_no_identifiers(text):
    assert check(text).verdict != "block"


def test_a_directory_line_for_a_relative_is_still_personal():
    text = "so sorry about the news \U0001f494\n\nMom's cell: 555-0139\nDad's cell: 555-0140"
    assert any(f.rule == "phi.phone" for f in check(text).findings)


def test_call_the_house_is_a_personal_number():
    assert "phi.phone" in rules("Call the house at five five five, two one nine, oh four four one before coming by, he naps after lunch")


def test_reply_that_reads_back_a_member_number_keeps_its_handle_blocked():
    text = "@ana_r got it! member ID QX7 2291 0044 is active for your dad's refill"
    assert _phi(text).get("@ana_r") == "block"


def test_signature_and_team_members_are_no_patients():
    assert check("When someone posts about their mom's stay, we never confirm it.\n\n\u2013 Priya Sandoval").verdict != "block"
    assert check("How to read a hospital bill: Yolanda from our patient-accounts team walks through a sample.").verdict != "block"


def test_event_names_and_recorded_events_are_no_patients_or_facilities():
    text = "Community Health & Safety Fair: Saturday, June 14 at Quillan Bay Marina Park. Free BP checks!"
    assert check(text).verdict != "block"
    assert check("Ask a Therapist (Replay): recorded live on April 9 at the Commons stage. In crisis? Call or text 988.").verdict != "block"


@pytest.mark.parametrize("holiday", ["St. Patrick's Day", "Juneteenth", "Lunar New Year", "Good Friday", "Nochebuena"])
def test_holidays_are_dates(holiday):
    assert holiday in _phi(f"grandpa Fintan turned 90 on {holiday} and asked for a video of the twins from the NICU")


def test_spanish_and_creole_care_words_count_as_health():
    assert check("@yesi_c Hola Yesenia: revisamos la cuenta de su pap\u00e1, don Aurelio, por la ambulancia del 14 de octubre.").verdict == "block"
    assert "316" in _phi("@nadege_p Bonjou, nou jwenn bag manman w, Madan Saintil, nan chanm 316 la nan lopital la.")


def test_papers_named_for_a_person_make_them_a_patient():
    assert "Winston Adeyemi-Clarke" in _phi("Records for Winston Adeyemi-Clarke went to the wrong fax. Read the number back!")


def test_card_and_user_ids():
    assert "CMP 4471 0092 18" in _phi("@ron_h got it! copay card ID CMP 4471 0092 18 is active for your June 3 fill")
    assert "mk_00291847" in _phi("pasting the ticket: user ID mk_00291847 flagged for crisis language twice")


def test_wellness_app_alarms_are_disease_claims():
    config = ComplianceConfig.from_dict({"products": {"StepWise": "general_wellness_app"}})
    for text in ("New in the portal: StepWise! It can warn you about early heart failure from your steps.",
                 "StepWise now warns you if you might be developing sepsis at home."):
        assert "claims.wellness_disease" in {f.rule for f in check_text(text, config=config).findings}, text


@pytest.mark.parametrize("text", [
    "real talk: you don't need antidepressants, they just numb you",
    "feel healthy? you can skip the TB test",
])
def test_advice_against_medicines_and_tests(text):
    assert "claims.misinformation" in rules(text)


def test_no_antibiotics_for_a_cold_is_the_advice_itself():
    assert "claims.misinformation" not in rules("You don't need antibiotics for a cold.")


def test_investigational_product_is_here():
    assert "claims.investigational" in rules("KidneyKey is here! Ask your nephrologist about switching.")


def test_no_tool_is_100_percent_accurate_is_no_claim():
    assert "claims.absolute_accuracy" not in rules("No tool is 100% accurate, and LungLens isn't either; radiologists read every study.")
    assert "claims.absolute_accuracy" in rules("LungLens is 100% accurate. No false positives, ever.")


def test_simulated_phishing_is_no_preclinical_evidence():
    text = "A study of 14 hospitals (Halvorsen et al., 2024) found click rates on simulated phishing fell from 18% to 7%."
    assert "claims.nonhuman_evidence" not in rules(text)


def test_health_inside_a_company_name_is_no_benefit():
    config = ComplianceConfig.from_dict({"products": {"Dormanta": "de_novo_granted"}})
    text = "This video is sponsored by Keelhaven Health. I interviewed Dr. Solberg about who Dormanta is for."
    assert "claims.benefit_without_risk" not in {f.rule for f in check_text(text, config=config).findings}
