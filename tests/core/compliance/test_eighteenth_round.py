"""Generalisations drawn from the eighteenth round of unseen writers (a hospital-at-home program, a bilingual vaccine
clinic pharmacist, a device-recall communicator, a hospice grief counselor): claims in Spanish (guarantees, absolute
safety, FDA certification, animal results, advice against vaccines, 'tú también puedes', 'nunca se equivoca'),
Spanish denials, each FDA status read against its own submission number, denied advice, template slots and citation
lists. The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.engine import check_text
from tests.core.compliance.helpers import check, rules

CLINICIAN = CheckContext(author_relationship="clinician")


@pytest.mark.parametrize("text,rule", [
    ("Te garantiso que con tu vacuna no te enfermas este invierno.", "claims.guarantee"),
    ("Las vacunas son 100% seguras, cero efectos secundarios, no tengan miedo.", "claims.absolute_safety"),
    ("Nuestras clínicas móviles están sertificadas por la FDA.", "claims.fda_endorsement"),
    ("Si su niño ya tuvo COVID este año, ya no necesita la vacuna, ya tiene sus defensas naturales.", "claims.misinformation"),
    ("Historia de hoy: Matías no se ha enfermado de gripa en 6 años desde que se vacuna. ¡Tú también puedes!",
     "disclosure.atypical_results"),
    ("La app usa IA que te dice si es gripa o COVID y nunca se equivoca.", "claims.absolute_accuracy"),
    ("El té de nopal te cura la gripa.", "claims.cure"),
])
def test_claims_in_spanish(text, rule):
    assert rule in rules(text, context=CLINICIAN)


def test_animal_results_sold_in_spanish():
    config = ComplianceConfig.from_dict({"products": {"NasoVac-F": "investigational"}})
    text = "NasoVac-F bloqueó el 99% de la infección en ratones, so pronto se acaban las inyecciones."
    assert "claims.nonhuman_evidence" in {f.rule for f in check_text(text, config=config).findings}


def test_a_claim_reported_and_denied_in_spanish():
    assert check('Un señor dice que "el nopal cura la diabetes". No es cierto.', context=CLINICIAN).verdict == "pass"


def test_each_fda_status_is_read_against_its_own_number():
    config = ComplianceConfig.from_dict({"products": {"SenzaTrak 7": "pma_approved", "Quillon 3": "510k_cleared"}})
    text = ("Our house style:\n• Quillon 3 is FDA 510(k) cleared (K233581) as an insulin pump.\n"
            "• SenzaTrak 7 is FDA PMA approved (P220417).")
    assert check_text(text, config=config).verdict == "pass"
    assert check_text("Our new pump is FDA approved (K233581)!").verdict == "block"


@pytest.mark.parametrize("text", [
    "Being admitted at home doesn't mean you skip your flu shot. We offer it at your visit if you're due.",
    "Our nights handoff template (de-identified, use it):\nNAME: [patient] | AGE: [xx] | ADDRESS: [see chart] | CODE STATUS: [ ]",
    'Reading list: 1. Dunleavy & Okafor, "Acute care at home: a review," Health Serv Res 2024 (doi.org/10.5555/hsr.2024.301)',
])
def test_hard_negatives(text):
    assert check(text, context=CLINICIAN).verdict != "block"
