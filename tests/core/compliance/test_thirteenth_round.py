"""Generalisations drawn from the thirteenth round of unseen writers (a parish nurse, a workers' compensation case
manager, an OB/GYN resident, a men's health clinic marketer): a patient's employer, a person's own phone, the learned
claim reader leaving regulatory wording and risk information to the rules, denied advice against care, ads reported
as promising a claim, references in a citation, 'our PT team', a Cochrane review, a 24/7 line and general advice in a
reply. The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.engine import check_text
from tests.core.compliance.helpers import check, rules

EMPLOYEE = CheckContext(author_relationship="employee")
REPLY = CheckContext(author_relationship="employee", is_reply=True)


def test_a_patient_s_employer_is_an_identifier():
    result = check("Our patient drives a forklift at Ostrander Poultry and had a stroke on 3/4.", context=EMPLOYEE)
    assert result.verdict == "block" and "phi.employer" in {f.rule for f in result.findings}
    assert "phi.employer" in rules("he works the night shift at Kessling Steel Fab and broke his wrist on the line")


@pytest.mark.parametrize("text", [
    "(I work for Brightwater Pharmacy.) our team gave 300 flu shots at the Grange Hall clinic Saturday",
    "Big thanks to Holloway Lumber for sponsoring our flu shot clinic!",
    "Shout-out to our tech Ana, who fitted her 500th mask at our Dunmore Mills showroom.",
])
def test_the_author_s_workplace_and_sponsors_are_no_patient_s_employer(text):
    assert "phi.employer" not in rules(text)


def test_a_person_s_own_phone_with_their_name_blocks():
    assert check("if anyone can reach Rudy, his cell is (608) 555-2291. missed two PT visits and I'm worried",
                 context=EMPLOYEE).verdict == "block"
    # The organisation's line beside a staff name stays as it was: the two are not combined.
    assert check("Questions about the flu clinic? Call our nurse line at (608) 555-0100.", context=EMPLOYEE).verdict != "block"


def test_the_learned_claim_reader_leaves_status_wording_and_risk_information_to_the_rules():
    config = ComplianceConfig.from_dict({"products": {"Corvanta": "rx_drug_approved(established_name=corvastatin)"}})
    text = ("Corvanta (corvastatin) is FDA approved for adults with high cholesterol. It can cause muscle pain and liver "
            "problems, including serious liver injury. Full Prescribing Information: example.com/corvanta-pi")
    assert not any(f.rule.startswith("claims.learned") for f in check_text(text, config=config).findings)


def test_denied_advice_against_care_is_no_misinformation():
    assert "claims.misinformation" not in rules("No, you don't need to skip vaccines to protect your fertility.")
    assert "claims.misinformation" in rules("Honestly you should skip vaccines this year.")


def test_an_ad_reported_as_promising_a_claim_makes_no_claim():
    found = rules('Saw an ad today promising "guaranteed results, no side effects" for TRT. Run.')
    assert "claims.guarantee" not in found and "claims.absolute_safety" not in found


def test_a_journal_in_a_citation_is_no_patient():
    assert "phi.name" not in rules("Survival was unchanged after the stroke (Moreau et al., J Clin Neuro 2023; doi.org/10.5555/x).")


def test_our_pt_team_is_physical_therapy():
    assert check("@jo_hauls thanks for the kind words about our PT team! every compliment goes to them",
                 context=REPLY).verdict == "pass"


def test_a_cochrane_review_makes_no_reply():
    text = 'no, "an epidural makes you twice as likely to need a c-section" is not true (Anim et al., Cochrane Review 2018).'
    assert "phi.treatment_relationship" not in rules(text)


def test_a_24_7_line_is_the_organisation_s():
    assert "phi.phone" not in rules("Pregnant and bleeding? Call Ackerly County L&D triage 24/7 at (608) 555-0147.")


def test_general_advice_after_a_refusal_confirms_no_care():
    text = ("@doula_co I can't talk about anyone's care on here, but in general: yes, you can ask for delayed cord "
            "clamping. put it in your birth plan and bring it up at a prenatal visit.")
    assert check(text, context=REPLY).verdict != "block"
