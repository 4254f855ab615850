"""Generalisations drawn from the twentieth round of unseen writers (a Haitian Creole home health aide, a hospital
phlebotomist, an AI-scribe sales lead, a teen aligner creator): claims, ages, dates, honorifics, negations, corrections
and replies in Haitian Creole and French; pasted specimen labels; lab words as health information; 'pts named …';
'see u at his recheck'; lower-case names in photo captions; absolute privacy promises, misspelled guarantees,
'better notes than residents' and 'fluoride is poison'; handles are no health words; negated endorsements and FDA
wording; 'without reservation' negates nothing. The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.engine import check_text
from socialrx.core.compliance.roles import health_count
from tests.core.compliance.helpers import check, rules

EMPLOYEE = CheckContext(author_relationship="employee")
PAID = CheckContext(author_relationship="paid_influencer")
EMPLOYEE_REPLY = CheckContext(author_relationship="employee", is_reply=True)


def _found(text: str, products: dict[str, str] | None = None, context: CheckContext = EMPLOYEE) -> set[str]:
    config = ComplianceConfig.from_dict({"products": products or {}, "own_domains": ["example.com"]})
    return {f.rule for f in check_text(text, config=config, context=context).findings}


@pytest.mark.parametrize("text,rule", [
    ("Le thé Fèy Dous guérit le diabète naturellement, code TATA10", "claims.cure"),
    ("bwè 2 tas chak jou epi tansyon w ap geri", "claims.cure"),
    ("kite grenn tansyon yo, se pwazon yo ye", "claims.misinformation"),
    ("Arrêtez vos médicaments, le thé suffit.", "claims.misinformation"),
    ("Le pilulier PillaNova est certifié par la FDA.", "claims.fda_endorsement"),
    ("PillaNova ne rate jamais une dose.", "claims.absolute_accuracy"),
    ("PillaNova jere grenn pi byen pase enfimyè a", "claims.superiority"),
])
def test_claims_in_creole_and_french(text, rule):
    assert rule in _found(text, {"PillaNova": "510k_cleared"})


@pytest.mark.parametrize("text", [
    "Te Fèy Dous se yon te, li pa geri sik. Pale ak doktè w.",
    "Korije tèt mwen: PillaNova se FDA 510(k) cleared (K250003), pa \"FDA approved\".",
])
def test_creole_negations_and_corrections_pass(text):
    assert check_text(text, config=ComplianceConfig.from_dict({"products": {"PillaNova": "510k_cleared"}})).verdict != "block"


@pytest.mark.parametrize("text,age", [
    ("Manmi Odile gen 96 an jodi a, li toujou ap chante", "96"),
    ("grann mwen gen 100 lane", "100"),
    ("Frè Tino ap fè quatre-vingt-quinze ans la semèn pwochen", "quatre-vingt-quinze"),
])
def test_ages_in_creole_and_french(text, age):
    found = [text[f.start:f.end] for f in check(text).findings if f.rule == "phi.age"]
    assert age in found


@pytest.mark.parametrize("text,date", [
    ("Papa Lucien antre lopital 25 desanm", "25 desanm"),
    ("Née le 2 février 1931 à Jacmel", "2 février"),
    ("Papa Lucien te tonbe jou Toussaint", "jou Toussaint"),
])
def test_dates_in_creole_and_french(text, date):
    assert any(date in text[f.start:f.end] for f in check(text).findings if f.rule == "phi.date")


def test_creole_honorifics_are_titles():
    text = "Sò Edmée pa t vle pran grenn tansyon li jodi a"
    assert "phi.name" in rules(text)


@pytest.mark.parametrize("text", [
    "@dieula_f wi, vizit papa w lan chanje pou madi",
    "@jo_marc pa bliye pran grenn tansyon w anvan m rive",
])
def test_creole_replies_confirm_care(text):
    assert "phi.treatment_relationship" in rules(text, context=EMPLOYEE_REPLY)


def test_a_colleague_in_creole_is_staff():
    text = "Demonstrasyon ak kolèg mwen Nadège Florestal, pa gen okenn kliyan nan videyo a."
    assert check(text, context=EMPLOYEE).verdict != "block"


@pytest.mark.parametrize("text", [
    "printer jammed again\nHOLLOWAY,MARGARET J / 1941-03-09 / 00733120 / acc 25 101 0042",
    '"WINTERBOURNE AUGUSTA 07221936 B0091184" is what the tube said',
])
def test_pasted_specimen_labels(text):
    assert check(text, context=EMPLOYEE).verdict == "block"


def test_accession_numbers_are_record_numbers():
    assert "phi.medical_record_number" in rules("relabeled acc 25 101 0042 twice", context=EMPLOYEE)


def test_lab_words_speak_of_health():
    assert health_count("her hgb is finally up and the INR is stable")


def test_patients_named_in_any_case():
    assert "phi.name" in rules("near miss: two pts named winslade on the same floor", context=EMPLOYEE)


def test_see_you_at_his_recheck_confirms_care():
    assert "phi.treatment_relationship" in rules("@pim_mom he was so brave!! see u at his dec 9 recheck", context=EMPLOYEE_REPLY)


def test_a_lower_case_given_name_in_a_photo_caption():
    text = "this pic of margot holding her bandaid up after her labs, braver than me"
    assert "phi.photo" in rules(text, context=EMPLOYEE)
    assert "phi.photo" not in rules("pics of lunch after the blood drive", context=EMPLOYEE)


@pytest.mark.parametrize("text,rule", [
    ("Our scribe is 100% HIPAA compliant. Full stop.", "claims.absolute_safety"),
    ("zero risk of a data breach with our platform", "claims.absolute_safety"),
    ("garunteed ROI in 90 days or your money back", "claims.guarantee"),
    ("honestly our scribe writes better notes than most residents", "claims.superiority"),
    ("fluoride is literally poison, just brush with charcoal", "claims.misinformation"),
])
def test_absolute_privacy_misspelled_guarantees_and_myths(text, rule):
    assert rule in rules(text, context=EMPLOYEE)


def test_a_handle_is_no_health_word():
    text = "@braces.era.mia omg thank u!! my code is MIA20 and yes it's an ad"
    assert "phi.treatment_relationship" not in rules(text, context=CheckContext(author_relationship="paid_influencer", is_reply=True))


def test_negated_endorsement_and_fda_wording():
    assert "disclosure.material_connection" not in rules("It drafts notes; it doesn't diagnose or recommend treatment.", context=EMPLOYEE)
    assert "claims.fda_endorsement" not in rules('there is no "FDA certified" for a hospital lab', context=EMPLOYEE)
    assert "claims.fda_endorsement" in rules("people asking if it's legit: it's FDA registered", context=EMPLOYEE)


def test_without_reservation_negates_nothing():
    config = ComplianceConfig.from_dict({"products": {"TideWatch": "510k_cleared"}})
    text = "We can say without reservation that every hospital in Ohio should have TideWatch."
    assert "disclosure.material_connection" in {f.rule for f in check_text(text, config=config, context=PAID).findings}


def test_spanish_pa_is_no_creole_negation():
    assert "claims.cure" in rules("este té es pa curar la diabetes, 100% natural")
    assert "claims.cure" not in rules("Te Fèy Dous se yon te, li pa geri sik.")


def test_a_speed_is_no_creole_age():
    text = "Rollover on the county road, driver doing 95 an hour, our patient was airlifted"
    assert "phi.age" not in rules(text, context=EMPLOYEE)
