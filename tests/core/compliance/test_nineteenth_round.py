"""Generalisations drawn from the nineteenth round of unseen writers (a long-term-care night aide, a Spanish-first
dental assistant, a pharma brand manager, a teen mental-health app's community manager): care-setting, coaching and
dental words as health information, learned names joining other identifiers, Spanish comparisons, superlatives,
endorsements, patient media, risk wording and misinformation, coaching replies that confirm care, rare conditions in a
named town, units written by code, and what is no claim (a brand's own link, 'we'd love to hear', 'neither is a
cure', a deleted post). The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.engine import check_text
from socialrx.core.compliance.roles import health_count
from tests.core.compliance.helpers import check, rules

EMPLOYEE = CheckContext(author_relationship="employee")
PAID = CheckContext(author_relationship="paid_influencer")
BRAND_REPLY = CheckContext(author_relationship="brand", is_reply=True)


def _config(products: dict[str, str]) -> ComplianceConfig:
    return ComplianceConfig.from_dict({"products": products, "own_domains": ["example.com"]})


@pytest.mark.parametrize("text", [
    "Twelve years in long-term care and she still beats me at cards.",
    "Her coaching sessions moved to Thursdays.",
    "Sofía's sealants and two fillings are done.",
    "la corona de don Beto ya llegó del laboratorio",
])
def test_care_settings_coaching_and_dental_words_speak_of_health(text):
    assert health_count(text) >= 1


def test_fighting_for_a_cause_is_no_illness():
    assert health_count("Thanks to our director for fighting for that raise.") == 0


@pytest.mark.parametrize("text,rule,products", [
    ("sin exagerar OrbiScan ve más caries que cualquier dentista", "claims.superiority", {"OrbiScan": "510k_cleared"}),
    ("el lector con IA aprobado x la FDA ya llegó", "claims.fda_status", {"OrbiScan": "510k_cleared"}),
    ("a OrbiScan no se le escapa nada", "claims.absolute_accuracy", {"OrbiScan": "510k_cleared"}),
    ("si te duele la muela no hace falta antibiótico, con clavo de olor basta", "claims.misinformation", {}),
    ("the cuff works 100% of the time, every single time", "claims.absolute_accuracy", {"OrbiScan": "510k_cleared"}),
])
def test_claims_in_spanish_and_absolute_wording(text, rule, products):
    found = {f.rule for f in check_text(text, config=_config(products), context=EMPLOYEE).findings}
    assert rule in found


def test_spanish_idiom_is_no_negation():
    config = _config({"OrbiScan": "510k_cleared"})
    text = "no es por nada pero OrbiScan detecta mejor que un radiólogo"
    assert "claims.superiority" in {f.rule for f in check_text(text, config=config, context=EMPLOYEE).findings}


def test_animal_result_with_a_spanish_benefit():
    config = _config({"DentiVax": "investigational"})
    text = "en ratones DentiVax acabó con las caries y pronto los niños no van a necesitar empastes"
    assert "claims.nonhuman_evidence" in {f.rule for f in check_text(text, config=config).findings}


@pytest.mark.parametrize("text", [
    "el mejor cepillo que he usado en mi vida, código LUZ15 pa 15% off",
    "me encanta esta crema, mis dientes nunca estuvieron tan blancos",
    "honestly this is the only app that actually gets me, download it",
])
def test_undisclosed_endorsements_in_spanish_and_slang(text):
    assert "disclosure.material_connection" in rules(text, context=PAID)


def test_an_invitation_to_share_is_no_endorsement():
    text = "@calm_karen we'd love to hear how it's going, but please keep health details out of public replies."
    assert "disclosure.material_connection" not in rules(text, context=PAID)


@pytest.mark.parametrize("text", [
    "Rosa Elena nos dejó subir las fotos del antes y después de sus carillas",
    "video completo con su sonrisa antes y después en nuestro canal",
    "the before/after footage of J.P. mid-flare is our best spot yet",
])
def test_patient_media_in_spanish_and_footage(text):
    assert "phi.photo" in rules(text, context=EMPLOYEE)


@pytest.mark.parametrize("text", [
    "the only boy in Pellston Ridge with Kawasaki disease is back at school",
    "atendimos al único niño con fibrosis quística en Cedar Flats",
])
def test_a_rare_condition_in_a_named_town(text):
    assert "phi.quasi_identifier" in rules(text)


@pytest.mark.parametrize("text", [
    "@rivers.jo your coach will follow up tonight, promise",
    "@papa_lou got it, we moved Destiny's coaching sessions to Monday",
    "@tess.k ur mood scores have been climbing since week 2!",
    "@m_alvarez hola! su coach la va a llamar el jueves",
])
def test_coaching_replies_confirm_care(text):
    assert "phi.treatment_relationship" in rules(text, context=BRAND_REPLY)


def test_a_coach_in_sports_is_no_care():
    assert "phi.treatment_relationship" not in rules("@hoops_mom tell your coach the gym opens at 6", context=BRAND_REPLY)


def test_a_unit_code_in_a_post_about_a_resident():
    text = "Mrs. Albescu on 2B turned 96 and asked for cake at 3am."
    assert "2B" in {text[f.start:f.end] for f in check(text, context=EMPLOYEE).findings if f.rule == "phi.facility"}


def test_my_hall_is_no_unit():
    text = "a resident on my hall in her 90s fell last week; no fracture, no names"
    assert not any(f.rule == "phi.facility" for f in check(text, context=EMPLOYEE).findings)


def test_our_don_is_staff():
    text = "Nursing Home Week is May 11-17 and we're grilling for all shifts. Thank you to Greta Lindqvist, our DON, for fighting for that."
    assert check(text, context=EMPLOYEE).verdict == "pass"


def test_a_spanish_limitation_is_risk_information():
    config = _config({"OrbiScan": "510k_cleared"})
    text = ("OrbiScan tiene clearance 510(k) (K250001) como ayuda para detectar caries en las radiografías. "
            "Es un apoyo, no un diagnóstico: la dentista decide.")
    assert "claims.benefit_without_risk" not in {f.rule for f in check_text(text, config=config).findings}


def test_a_brand_name_inside_its_own_link_needs_no_established_name():
    config = ComplianceConfig.from_dict({"products": [
        {"name": "Migralyn", "regulatory_status": "rx_drug_approved", "established_name": "tavorant"}]})
    text = "@DrOkoro I can't discuss off-label use here. Medical Information: 1-800-555-0100. PI: migralyn.example.com/pi"
    assert "claims.established_name" not in {f.rule for f in check_text(text, config=config).findings}
    assert "claims.established_name" in {f.rule for f in check_text("Migralyn is here.", config=config).findings}


def test_a_deleted_post_quoted_back_is_a_correction():
    config = _config({"HaloBand": "510k_cleared"})
    text = ('Deleted my post from this morning. I called HaloBand "FDA-approved" (it is 510(k) cleared, K250002) and said it '
            '"ends migraine." It doesn\'t. Neither is a cure.')
    assert check_text(text, config=config).verdict == "pass"


def test_learned_names_join_other_identifiers():
    # "Augustin Pelletier" (a learned name) with an age over 89 in a post about long-term care: one person, blocked.
    text = ("Eleven years in long-term care, and the resident I think about most is Augustin Pelletier. Ninety-three, "
            "a welder, taught me knots at 4am.")
    assert check(text, context=EMPLOYEE).verdict == "block"
