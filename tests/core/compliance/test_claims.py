"""Claim rules: FDA status, cures, guarantees, absolutes, comparisons, evidence, registry checks."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import ComplianceConfig
from socialrx.core.compliance.engine import check_text

from .helpers import blocked_by, check, flagged, rules


def test_fda_approved_for_cleared_product_blocks():
    """'FDA approved' for a 510(k)-cleared product is misbranding; 'FDA cleared' is fine."""
    assert flagged("LungLens is now FDA-approved for nodule triage.", "claims.fda_status") == ["FDA-approved"]
    assert "claims.fda_status" not in rules("LungLens is FDA cleared for nodule triage. Risks: https://acme.test/lunglens/ifu")


def test_fda_approved_for_pma_product_is_fine():
    """A PMA-approved product may be called FDA approved."""
    assert "claims.fda_status" not in rules("CorValve is FDA approved.")


def test_cleared_claim_for_investigational_or_breakthrough_product_blocks():
    """An investigational or Breakthrough-designated product cannot be called cleared."""
    assert check("KidneyKey is FDA cleared.").verdict == "block"
    assert "claims.fda_status" in rules("NovaScope, FDA cleared and ready.")
    assert "claims.fda_status" not in rules("KidneyKey is not FDA cleared; it is investigational.")


def test_fda_approved_without_product_is_review():
    """'FDA approved' with no registered product named is sent to regulatory review."""
    result = check("Our new tool is FDA approved!")
    assert [f.severity for f in result.findings if f.rule == "claims.fda_status"] == ["review"]


@pytest.mark.parametrize("phrase", ["FDA certified", "FDA-endorsed", "FDA registered", "endorsed by the FDA"])
def test_implied_fda_endorsement(phrase: str):
    """Wording that implies FDA certification or endorsement always blocks."""
    assert "claims.fda_endorsement" in rules(f"Our platform is {phrase}.")


def test_cure_claims_and_negations():
    """A cure claim blocks; 'not a cure' is compliant."""
    assert "claims.cure" in rules("This app reverses type 2 diabetes in weeks.")
    assert "claims.cure" not in rules("Our software is not a cure for anything; it supports clinicians.")


def test_guarantees():
    """Guaranteed outcomes block; a money-back guarantee on a purchase does not."""
    assert "claims.guarantee" in rules("Guaranteed earlier diagnosis for every hospital.")
    assert "claims.guarantee" not in rules("Try the headset with our money-back guarantee.")


@pytest.mark.parametrize("phrase", ["100% accurate", "never misses a bleed", "zero false negatives", "perfect accuracy"])
def test_absolute_accuracy(phrase: str):
    """Claims of perfect accuracy block."""
    assert check(f"The model is {phrase}.").verdict == "block"


def test_measured_accuracy_with_citation_is_fine():
    """Measured sensitivity with a citation passes the accuracy rules."""
    text = "Sensitivity was 0.91 (95% CI 0.88-0.94) in a multi-site study (Nguyen et al., 2024)."
    assert not [f for f in check(text).findings if f.family == "claims"]


@pytest.mark.parametrize("phrase", ["has no side effects", "is risk-free", "is 100% safe", "is completely safe for everyone"])
def test_absolute_safety(phrase: str):
    """Claims of absolute safety block."""
    assert "claims.absolute_safety" in rules(f"The implant {phrase}.")


def test_ai_overclaims():
    """'No radiologist needed' and 'unbiased' block; 'does not replace clinicians' does not."""
    assert "claims.ai_overclaim" in rules("Reads every scan on its own, no radiologist needed.")
    assert "claims.ai_overclaim" in rules("A truly bias-free model.")
    assert "claims.ai_overclaim" not in rules("It does not replace radiologists; it prioritises their worklist.")


def test_superiority_over_clinicians():
    """Beating clinicians blocks without a study; superlatives go to review."""
    assert check("Our AI spots fractures better than emergency physicians.").verdict == "block"
    result = check("The most advanced triage engine in the world.")
    assert {f.rule for f in result.findings} == {"claims.superlative"}
    assert result.verdict == "review"


def test_best_practices_is_not_a_superlative():
    """Common phrases such as 'best practices' are not superiority claims."""
    assert "claims.superlative" not in rules("Five best practices for AI governance.")


def test_expert_endorsement():
    """'Cardiologists recommend' blocks without a survey citation and passes with one."""
    assert "claims.expert_endorsement" in rules("Cardiologists recommend our patch.")
    assert "claims.expert_endorsement" not in rules("Cardiologists recommend our patch (survey of 212 cardiologists, Doe et al., 2024).")


def test_uncited_statistics():
    """A percentage outcome claim without a source goes to review; with a DOI it passes; discounts are ignored."""
    result = check("Cuts length of stay by 23%.")
    assert [f.rule for f in result.findings] == ["claims.uncited_statistic"]
    assert "claims.uncited_statistic" not in rules("Cut length of stay by 23% (https://doi.org/10.5555/x.1).")
    assert "claims.uncited_statistic" not in rules("Get 15% off conference passes this week.")


def test_evidence_and_economic_claims():
    """'Clinically proven' and ROI claims without sources go to review."""
    assert "claims.evidence" in rules("Clinically proven to speed up reads.")
    assert "claims.economic" in rules("It pays for itself within a year.")


def test_misinformation_markers():
    """Statements against public-health consensus block."""
    assert check("Vaccines cause more harm than the flu, so skip your booster.").verdict == "block"


def test_nonhuman_evidence_presented_as_benefit():
    """Mouse results sold as patient benefit block; with a preclinical disclaimer they pass."""
    assert "claims.nonhuman_evidence" in rules("Shrank tumors in mice: a breakthrough for patients.")
    assert "claims.nonhuman_evidence" not in rules("Shrank tumors in mice. Preclinical result; not tested in humans.")


def test_benefit_without_risk_information():
    """A benefit claim for a registered product needs risk information in the same post."""
    assert "claims.benefit_without_risk" in rules("LungLens flags suspicious nodules in seconds!")
    compliant = "LungLens flags suspected nodules for review. Limitations and risks: https://acme.test/lunglens/ifu"
    assert "claims.benefit_without_risk" not in rules(compliant)


def test_risk_words_without_link_is_review():
    """Risk wording without a link to the risk page goes to review."""
    result = check("LungLens flags suspected nodules; see limitations in the user guide.")
    assert {f.rule: f.severity for f in result.findings}.get("claims.risk_link_missing") == "review"


def test_established_name_required_for_drug_brand():
    """A drug brand must appear with its established name."""
    assert "claims.established_name" in rules("Lipovane lowers LDL. Risks: https://acme.test/pi")
    assert "claims.established_name" not in rules("Lipovane (rosulinide) lowers LDL. Serious risks: https://acme.test/pi")


def test_investigational_promotion():
    """An investigational product (or its alias) cannot be offered for sale or called proven."""
    assert "claims.investigational" in rules("KK-2 is available to order now!")
    assert "claims.investigational" not in rules("KidneyKey is investigational and not available for sale in the US.")


def test_wellness_product_disease_claim():
    """A general-wellness product may not claim to detect disease."""
    assert "claims.wellness_disease" in rules("StepBuddy detects atrial fibrillation early.")
    assert "claims.wellness_disease" not in rules("StepBuddy tracks your daily steps and sleep.")


def test_off_label_use_and_population():
    """Uses and populations outside the cleared indication block."""
    assert "claims.off_label" in rules("LungLens diagnoses lung cancer. Risks: https://acme.test/lunglens/ifu")
    assert "claims.off_label" in rules("LungLens works for all patients, including children. Risks: https://acme.test/lunglens/ifu")
    assert "claims.off_label" not in rules("LungLens supports triage of suspected nodules. Risks: https://acme.test/lunglens/ifu")


@pytest.mark.parametrize("text", [
    "CorValve isn't just for aortic stenosis: our surgeons use it for mitral repairs too.",
    "Lipovane (rosulinide) also treats fatty liver 🙌 Risks and full prescribing information: https://acme.test/pi",
    "CorValve is approved for severe stenosis but we're using it in moderate cases as well.",
    "Lipovane (rosulinide) works very well for the children, even is not in the label. Full PI: https://acme.test/pi",
    "We use CorValve off-label in younger patients. Risks: https://acme.test/ifu",
])  # fmt: skip
def test_wording_that_says_a_use_goes_beyond_the_label_blocks_without_an_indication_on_file(text):
    """'isn't just for', 'also treats', 'approved for X but we use it for Y', 'off-label': a use beyond the label (R08)."""
    assert blocked_by(text, "claims.off_label")


@pytest.mark.parametrize("text", [
    "CorValve is not used off-label at our center.",
    "Our heart team now uses CorValve for severe aortic stenosis.",
    "StepBuddy also helps with sleep routines.",
])  # fmt: skip
def test_on_label_use_and_negated_expansion_pass(text):
    """Negations, plain on-label use, and wellness products (their own rule) are not off-label findings."""
    assert "claims.off_label" not in rules(text)


def test_leetspeak_and_dotted_letters_are_normalised():
    """Obfuscated claim words are still caught."""
    assert "claims.fda_status" in rules("LungLens is FDA appr0ved.")
    assert "claims.cure" in rules("It c.u.r.e.s migraines.")


def test_negation_stops_at_clause_punctuation():
    """A 'no' in an earlier clause does not excuse a later claim."""
    assert "claims.ai_overclaim" in rules("No more waiting: our AI replaces pathologists.")


def test_faster_than_clinicians_is_a_comparison():
    """'Faster than oncologists' is a comparison with clinicians."""
    assert "claims.superiority" in rules("Finds tumours 3x faster than oncologists.")


def test_sees_what_clinicians_miss_is_a_comparison():
    """'Sees what radiologists miss' claims superiority over clinicians."""
    assert check("Our AI sees what radiologists miss.").verdict == "block"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("#CureCancer with our AI", "claims.cure"),
        ("#NoSideEffects, ever", "claims.absolute_safety"),
        ("LungLens: the F D A approved nodule AI", "claims.fda_status"),
        ("Our AI is \U0001f4af% accurate", "claims.absolute_accuracy"),
        ("Guar@nteed results", "claims.guarantee"),
        ("Zero-risk screening", "claims.absolute_safety"),
    ],
)
def test_hashtags_emoji_and_spaced_letters_are_normalised(text: str, rule: str):
    """CamelCase hashtags, spaced capitals, the 100 emoji and '@' for 'a' do not hide a claim."""
    assert rule in rules(text)


def test_investigational_product_announced_as_live():
    """An investigational product that 'is live' or invites access requests is promoted as available (R09)."""
    assert "claims.investigational" in rules("KidneyKey is live in our first 20 hospitals. Request access today.")


def test_wellness_product_replacing_a_device_or_lowering_a_marker():
    """A not-a-device product that 'replaces your CGM' or 'lowers A1C' makes a disease claim (R17)."""
    assert "claims.wellness_disease" in rules("StepBuddy lowers A1C in a month!")
    assert "claims.wellness_disease" in rules("StepBuddy can replace your finger sticks for good.")
    assert "claims.wellness_disease" not in rules("StepBuddy counts your steps and reminds you to stand.")


def test_absolute_safety_in_other_words():
    """'doesn't cause any bleeding' and 'no harm from false positives' claim zero risk (R10)."""
    assert "claims.absolute_safety" in rules("Lipovane doesn't cause any bleeding, unlike older drugs.")
    assert "claims.absolute_safety" in rules("No harm from false positives with our AI.")


def test_supplement_disclaimer_negates_the_whole_list():
    """'Not intended to diagnose, treat, cure or prevent any disease' makes no cure claim."""
    assert "claims.cure" not in rules("Our cinnamon blend. Not intended to diagnose, treat, cure or prevent any disease.")
    assert "claims.cure" in rules("Our cinnamon blend cures diabetes.")


def test_established_name_matches_whatever_the_punctuation():
    """'influenza-vaccine-adjuvanted' in the registry and 'influenza vaccine, adjuvanted' in the post are one name."""
    config = ComplianceConfig.from_dict({"products": [
        {"name": "Fluvantra", "regulatory_status": "rx_drug_approved", "established_name": "influenza-vaccine-adjuvanted"}]})
    text = "Fluvantra (influenza vaccine, adjuvanted) is in stock. Risks: https://acme.test/pi"
    assert not [f for f in check_text(text, config=config).findings if f.rule == "claims.established_name"]
    text = "Fluvantra is in stock. Risks: https://acme.test/pi"
    assert [f for f in check_text(text, config=config).findings if f.rule == "claims.established_name"]


@pytest.mark.parametrize("text", [
    "LungLens saves $900 per PE admission.",
    "Hospitals save about $1.2M a year with LungLens.",
    "LungLens cuts ICU length of stay costs by 20%.",
])  # fmt: skip
def test_a_money_claim_is_an_economic_claim_for_review_not_a_benefit_needing_risk_information(text):
    """Savings and costs are R27 (reviewed for a case study); R11 asks for risks next to clinical benefits."""
    result = check(text)
    assert "claims.benefit_without_risk" not in {f.rule for f in result.findings}
    assert "claims.economic" in {f.rule for f in result.findings}
    assert result.verdict == "review"


def test_a_clinical_benefit_with_money_still_needs_risk_information():
    """'Saves lives and $2M a year' claims an outcome as well as money."""
    assert blocked_by("LungLens saves lives and $2M a year.", "claims.benefit_without_risk")


@pytest.mark.parametrize(("text", "rule"), [
    ("el Té Nopalia le curó la diabetes a mi tía", "claims.cure"),
    ("resultados garantizados o le devuelven su dinero", "claims.guarantee"),
    ("Té Nopalia no tiene efectos secundarios 🙌", "claims.absolute_safety"),
    ("#ad GlucoAmiga 100% exacto cada vez", "claims.absolute_accuracy"),
    ("Nuestra clínica está certificada por la FDA para hacer exámenes de retina", "claims.fda_endorsement"),
])  # fmt: skip
def test_claims_written_in_spanish_block(text, rule):
    """Cure, guarantee, safety, accuracy and FDA-endorsement claims in Spanish are the same claims."""
    assert blocked_by(text, rule)


def test_fda_approved_in_spanish_is_checked_against_the_registry():
    """'aprobado por la FDA' for a 510(k) product is the wrong status, as in English."""
    assert blocked_by("LungLens ya está aprobado por la FDA 🎉", "claims.fda_status")
    assert "claims.fda_status" not in rules("CorValve, aprobado por la FDA (PMA) para estenosis aórtica.")


def test_investigational_study_ad_that_asks_whether_it_works_passes():
    """'whether it is safe or effective is what this study asks' and 'compensation is available' promote nothing."""
    text = ("KidneyKey is investigational and not approved by the FDA; whether it is safe or effective is what this study "
            "is designed to find out. Compensation for time and travel is available.")
    assert "claims.investigational" not in rules(text)
    assert "claims.investigational" in rules("KidneyKey is safe and available now at our clinic.")


@pytest.mark.parametrize("text", [
    "Outcomes can be good, but no birth anywhere is risk-free; we go over the real numbers at your consult.",
    "A chaplain will not cure anyone, shorten a length of stay, or guarantee a peaceful death.",
])  # fmt: skip
def test_negated_safety_and_a_negated_list_of_promises_pass(text):
    """'no birth … is risk-free' denies absolute safety; 'will not cure, shorten, or guarantee' negates each verb."""
    assert not {"claims.absolute_safety", "claims.guarantee", "claims.cure"} & rules(text)
    assert blocked_by("Home birth with us is risk-free.", "claims.absolute_safety")
    assert blocked_by("We guarantee a peaceful, pain-free recovery.", "claims.guarantee")


def test_talk_about_claims_and_a_supplement_disclaimer_are_not_claims():
    """'every cure-style headline became the indication' and 'isn't meant to … cure' make no cure claim."""
    assert "claims.cure" not in rules("What we changed: every cure-style headline became the indication.")
    assert "claims.cure" not in rules("It isn't meant to diagnose, treat, cure or prevent any disease.")
    assert blocked_by("This tea will cure your blood pressure.", "claims.cure")
