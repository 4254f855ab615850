"""Generalisations drawn from the eighth round of unseen writers: obfuscated phones, the organisation's lab and press
contact, credentials, replies that send people elsewhere, reported and quoted claims, recall notices, permanent-fix and
no-clinician-needed claims, advice against care, non-human evidence, numbers read back in replies, and names known only
by their possessive before a health word. The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import ComplianceConfig
from socialrx.core.compliance.engine import check_text
from socialrx.core.compliance.text import normalise
from tests.core.compliance.helpers import check, rules


def _phi(text: str) -> dict[str, str]:
    return {text[f.start : f.end]: f.severity for f in check(text).findings if f.family == "phi"}


# --- obfuscated phone numbers -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "read"), [
    ("call her at six one two - five five five - oh one nine nine", "call her at 612-555-0199"),
    ("the cell is five-five-five, zero one two two", "the cell is 555-0122"),
    ("text 555 0 1 3 6 after 5", "text 555-0136 after 5"),
    ("her cell 555\u20130 1 7 1 works", "her cell 555-0171 works"),
])
def test_spelled_and_spaced_phone_numbers_are_read_as_numbers(raw, read):
    assert normalise(raw).text == read


def test_spelled_digits_without_phone_grouping_stay_one_run():
    """Seven spelled digits with no dash or comma are a record number as often as a phone: no hyphen is invented."""
    assert normalise("MRN four four seven one nine zero two").text == "MRN 4471902"


def test_phone_given_later_in_a_call_sentence_is_found():
    text = "@maddie_r so sorry! the nurse will call you about your mom's biopsy at five five five - oh one four four tonight"
    assert "five five five - oh one four four" in _phi(text)


def test_press_release_contact_line_number_is_the_organisation_s():
    text = ("Trial results for an investigational implant will be presented Friday in Boston.\n"
            "Media contact: press@acme.test, 555-0179.")
    assert not any(f.rule == "phi.phone" for f in check(text).findings)


# --- the organisation's places, staff credentials ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Every kit is scanned in at our lab in Millbrook Falls within a day of arriving.",
    "Tests run in our CLIA-certified, CAP-accredited lab in Millbrook Falls; results in three weeks.",
    "Thanks to the mayor for touring our new warehouse in Cedar Junction this week.",
])
def test_our_lab_or_warehouse_in_a_town_is_the_organisation_s_place(text):
    assert not any(f.rule == "phi.geo" for f in check(text).findings)


def test_credentials_after_a_name_mark_staff():
    text = ("Five years ago today, Odessa Marchetti, MS, CGC, joined us as our second genetic counselor. "
            "She started on April 2, 2020. Happy anniversary, Odessa!")
    assert check(text).verdict != "block"


def test_ms_after_a_name_is_no_credential_before_a_health_word():
    """'Lowell, MA' and 'Jake, MS patient' are not credentials; only 'MS'/'MA' before a comma or the end are."""
    from socialrx.core.compliance.roles import CLINICIAN_AFTER

    assert CLINICIAN_AFTER.match(", MS, CGC")
    assert CLINICIAN_AFTER.match(", MA")
    assert not CLINICIAN_AFTER.match(", MS patient since 2019")


# --- replies that confirm nothing -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "@kel_r12 We can't discuss anyone's results here. Please log in to your account or call our genetic counseling team.",
    "@valley_gazette happy to talk for your diabetes series! Our director can do an interview next week.",
    "@night_owl_trucker good question! Your sleep doc or our team can explain what your plan requires.",
])
def test_reply_that_sends_someone_elsewhere_confirms_no_care(text):
    assert "phi.treatment_relationship" not in rules(text)
    assert check(text).verdict != "block"


# --- claims reported, quoted or retracted ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Mod note: we removed a post claiming vaccines cause autism. The evidence says otherwise (Hviid et al., 2019).",
    "If a seller's post uses the word \"cure\" and a discount code, scroll on.",
    "We also took down comments saying boosters cause infertility.",
])
def test_reported_or_quoted_claims_are_not_made(text):
    assert check(text).verdict != "block"


def test_misinformation_said_outright_still_blocks():
    assert "claims.misinformation" in rules("Honestly vaccines cause autism, do your research")


def test_none_of_these_mean_fda_approved_is_a_negation():
    config = ComplianceConfig.from_dict({"products": {"ScanRight": "510k_cleared"}})
    text = 'ScanRight is FDA cleared (K231907). None of these words mean "FDA approved." We never use that phrase.'
    assert check_text(text, config=config).verdict != "block"
    assert check_text("ScanRight is FDA approved!", config=config).verdict == "block"


def test_recall_notice_is_risk_information():
    text = "RECALL: some LungLens cables may overheat. Stop using an affected cable (LungLens works without it) and call us."
    assert "claims.benefit_without_risk" not in rules(text)


def test_recall_rate_is_not_a_recall_notice():
    from socialrx.core.compliance.rules.claims_products import RISK_INFO

    assert not RISK_INFO.search("with no change in recall rate")


# --- claims in new words ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "rule"), [
    ("This tea beats eczema for good, three cups a day.", "claims.cure"),
    ("Our app permanently fixes insomnia.", "claims.cure"),
    ("night shifts wrecking your sleep? DozeWell fixes it for good", "claims.cure"),
    ("The report explains every variant so you'll never need a genetic counselor.", "claims.ai_overclaim"),
    ("It sets your pressure by itself, no sleep doctor needed.", "claims.ai_overclaim"),
    ("Negative result? You can skip those annual mammograms now.", "claims.misinformation"),
    ("natural immunity is all a healthy kid needs", "claims.misinformation"),
    ("I quit my statins and so should you", "claims.misinformation"),
    ("A chin strap works just as well as CPAP for most people.", "claims.misinformation"),
])
def test_claims_in_everyday_words(text, rule):
    assert rule in rules(text), text


@pytest.mark.parametrize("text", [
    "In a pig study the patch cut scar tissue in half, so scar-free healing for our users is basically here.",
    "The fabric wiped out 99% of bacteria in lab testing, so you won't carry germs home to your family.",
])
def test_animal_and_lab_results_sold_as_patient_benefit(text):
    assert "claims.nonhuman_evidence" in rules(text)


def test_lab_result_with_a_disclaimer_passes():
    text = "In lab testing the coating killed 99% of bacteria on contact. Early lab research; not tested in people."
    assert "claims.nonhuman_evidence" not in rules(text)


def test_clears_is_a_benefit_for_an_rx_drug():
    assert "claims.benefit_without_risk" in rules("Lipovane (rosulinide) clears brain fog for most of my patients")


def test_order_yours_for_an_investigational_product():
    assert "claims.investigational" in rules("KidneyKey is here! Order yours today.")


# --- numbers read back in replies, names by their possessive ----------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("@tina_b thanks for your dad's card! member ID Q R 7 7 1 0 4 4 2 is active, his supplies are covered", "Q R 7 7 1 0 4 4 2"),
    ("@ok_gary yes! unit s/n cpx2204190 is under warranty, we'll swap the motor", "cpx2204190"),
    ("@jojo_k serial on the card is TRX 41 88210 so we can look it up", "TRX 41 88210"),
])
def test_number_read_back_in_a_reply_blocks(text, value):
    assert _phi(text).get(value) == "block" or any(value in span and sev == "block" for span, sev in _phi(text).items())


def test_unknown_name_before_a_health_word_is_asked_about():
    spans = _phi("Pell's IVIG got moved to the 21st, chair 4. who can sit with her?")
    assert "Pell" in spans


@pytest.mark.parametrize("text", [
    "Pfizer's vaccine trial opened in March.",
    "Harborview's cardiac imaging team uses cleared AI.",
    "Dad's hearing aid whistles when he hugs us.",
    "Thanks to everyone at the Foundation's Donor Breakfast.",
    "Crohn's disease awareness walk is Saturday.",
])
def test_possessives_of_companies_teams_kin_and_diseases_are_no_names(text):
    spans = _phi(text)
    first = text.split("'")[0]
    assert first not in spans, spans


def test_same_identifier_on_both_readings_keeps_the_severer_finding():
    """The second reading of a patient post may block what the first only asked about; one finding, blocked."""
    text = "Gerald's feeding tube goes in on Wednesday the 14th. We live out past Harlan Mill."
    result = check(text)
    keys = [(f.rule, f.start, f.end) for f in result.findings]
    assert len(keys) == len(set(keys))
    assert result.verdict == "block"


def test_question_answered_no_is_a_denial():
    assert "claims.investigational" not in rules("Asked at the summit: can we buy KidneyKey? Not yet. It is investigational.")


def test_results_coming_soon_is_no_availability_claim():
    assert "claims.investigational" not in rules("New data from the KidneyKey study is in. Full results coming soon.")


def test_product_without_its_maker_s_name_is_still_the_product():
    config = ComplianceConfig.from_dict({"products": {"Kinloom PolyHeart": "investigational", "Vantrel Pulse": "general_wellness_app"}})
    assert check_text("Order your PolyHeart score today!", config=config).verdict == "block"
    assert not any(f.rule.startswith("claims") for f in check_text("check your pulse after the walk", config=config).findings)


def test_reply_about_the_person_s_own_product_confirms_care():
    config = ComplianceConfig.from_dict({"products": {"Somnara Glide": "510k_cleared"}})
    assert "phi.treatment_relationship" in {
        f.rule for f in check_text("@bo_k we got your Glide back from repair, ready Friday", config=config).findings}
    assert check_text("@bo_k your Glide questions go to our support line, thanks!", config=config).verdict != "block"


def test_only_one_with_a_condition_in_a_town_small_enough_to_count():
    assert "phi.quasi_identifier" in rules("we fitted the only narcolepsy patient in Elm Creek (pop. 700) this week")
    assert "phi.quasi_identifier" not in rules("the only pharmacy in Elm Creek (pop. 2,100) now gives flu shots")


def test_photo_of_the_person_a_health_post_is_about():
    assert "phi.photo" in rules("14 years of snoring, done! pic of him asleep in his new CPAP mask below")
    assert "phi.photo" not in rules("Our exercise physiologist Marcus Bell passed his boards. Pic of Marcus in the gym below!")


@pytest.mark.parametrize(("text", "value"), [
    ("@tomas_k your test kit (K L M - 8 8 3 1 4 - Q) reached our lab", "K L M - 8 8 3 1 4 - Q"),
    ("@bigrig_d your compliance report (#CR-55102-A) went to your employer", "CR-55102-A"),
])
def test_kit_sample_and_report_numbers_in_replies(text, value):
    assert _phi(text).get(value) == "block"


def test_a_clinician_s_permit_number_is_no_patient_identifier():
    assert check("Dr. Ames holds a state sedation permit (#MS-40821) and offers nitrous oxide.").verdict != "block"


def test_fiscal_year_after_report_is_no_identifier():
    assert "phi.other_id" not in rules("Details are in the Foundation Annual Report FY2025 on our site.")


def test_spanish_spelled_dates_and_abbreviated_months():
    assert "cinco de mayo" in _phi("@mc_ruta9 para confirmar, fecha de nacimiento cinco de mayo del 58?")
    assert "in Jan." in _phi("Tasha got her pacemaker in Jan. and the app keeps dropping it.")
