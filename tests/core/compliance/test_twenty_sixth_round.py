"""Generalisations drawn from the twenty-sixth round of unseen writers (a labour-and-delivery nurse, a rehabilitation
hospital's marketing manager, a dermatology practice answering replies, a veteran's wife caring for him): replies in
which the author was the person's nurse, resent their paperwork, names their procedure or says their mother is home;
"no IBCLC needed"; a shot called optional; "no need to reapply"; "so can your loved one", "ur skin could be next"; faster
than anyone; "the only sunscreen our derms reach for"; an investigational product "now offering" with a list to join; a
drug that "takes the edge off". No longer flagged: a refusal to say whether anyone is a patient, an observance's date,
sites closed on a holiday, a quoted myth with "no good evidence" after it, a room number followed by years, staff thanked
in a staff-appreciation post, a facilitator named as "our coordinator", an FAQ that answers "Is it FDA approved?"
correctly, what researchers do not know yet, a video titled "Honest Review From …". The texts are written for these tests,
not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.core.compliance.helpers import (
    ADVOCATE,
    BRAND,
    BRAND_REPLY,
    CLINICIAN,
    CLINICIAN_REPLY,
    INFLUENCER,
    PARTNER,
    check,
    registry_checks,
)

_result, _found = registry_checks(BRAND)


@pytest.mark.parametrize("text,context", [
    ("@nadia.rose omg so glad i got to be your nurse the night little bo arrived 😭", CLINICIAN_REPLY),
    ("@reese_k sorry!! we resent the prior auth paperwork this morning, the pharmacy should have it today –Jo", BRAND_REPLY),
    ("@hal_w your cryo for the spot on your ear moves to Thursday the 20th –Jo", BRAND_REPLY),
    ("@kim.d so happy your dad is home!! 2 North misses him already", BRAND_REPLY),
])
def test_replies_confirming_care_block(text, context):
    result = check(text, context=context)
    assert "phi.treatment_relationship" in {f.rule for f in result.findings}
    assert result.verdict == "block"


@pytest.mark.parametrize("text,products,context,rule", [
    ("Latchly's AI coach is a lactation consultant in your pocket, no IBCLC needed", {}, INFLUENCER, "claims.ai_overclaim"),
    ("unpopular opinion: for healthy term babies the vit k shot is honestly optional", {}, CLINICIAN, "claims.misinformation"),
    ("Sunhaven lasts all day at the lake so no need to reapply", {}, PARTNER, "claims.misinformation"),
    ("Walt walked out 12 days later. If he can do it, so can your loved one.", {}, BRAND, "disclosure.atypical_results"),
    ('"two sessions and my melasma was GONE" 😍 ur skin could be next ✨', {}, BRAND, "disclosure.atypical_results"),
    ("real talk, Sunhaven is the only sunscreen our derms actually reach for", {"Sunhaven": "general_wellness_app"}, PARTNER,
     "disclosure.material_connection"),
    ("Marrow Ridge is now offering the Neurolink Vane! Call admissions to get on the list.", {"Neurolink Vane": "investigational"},
     BRAND, "claims.investigational"),
])
def test_claims_are_found(text, products, context, rule):
    assert rule in _found(text, products, context)


def test_a_drug_that_takes_the_edge_off_is_a_benefit_needing_risk_information():
    products = {"Calvessa": "rx_drug_approved(established_name=merinolone)"}
    assert "claims.benefit_without_risk" in _found("merinolone (Calvessa) takes the edge off ppd in about 3 days", products,
                                                   CLINICIAN)


def test_no_rsvp_needed_is_no_ai_claim():
    assert "claims.ai_overclaim" not in _found("Family picnic Sun June 7 at Marrow Lake Park, every family invited, no RSVP needed!")


def test_faster_than_anyone_is_a_comparison():
    assert _found("our patients go home sooner than anyone coming out of a nursing home") & {"claims.superiority",
                                                                                         "claims.superlative"}


@pytest.mark.parametrize("text,products,context", [
    ("@Harbor_HR thanks for reaching out! we can't confirm whether someone is or isn't a patient, even to an employer. "
     "your employee can download a work note from the portal –Maren", {}, BRAND_REPLY),
    ("Skin cancer is common. May 5 is Melanoma Monday: check your skin tonight using the ABCDEs.", {}, BRAND),
    ("all 3 offices are closed Friday, July 4 🎆 the after-hours line at (720) 555-0186 still reaches a provider.", {}, BRAND),
    ('sunscreen myths 🧵\n1/ "sunscreen causes cancer." no good evidence for that. the sun does, tho', {}, BRAND),
    ("delivered a baby today whose mom was born on this same unit 29 years ago. Dr. Aalto cried. he denies it", {}, CLINICIAN),
    ("Happy Nurses Week (May 6–12) to the night crew:\n\nJo Whitlock, 30 years on L&D.\nCaz Bello, who can get a strip on "
     "anybody.", {}, CLINICIAN),
    ("Caregiver group meets every second Tuesday at 6pm. Facilitated by Desiree Lamb, our peer mentor coordinator.", {}, BRAND),
    ("FAQ about our exoskeleton:\nIs it FDA approved? It's FDA cleared through the 510(k) pathway, which is different.",
     {"Strideform": "510k_cleared"}, BRAND),
    ("Correction: Sollenmere is investigational and not available outside the trial. The researchers don't know yet how long "
     "any benefit lasts or who it's safe for.", {"Sollenmere": "investigational"}, ADVOCATE),
    ("Quillory Band: 90-Night Honest Review From a Caregiver (Paid Partnership)\n\nIt is a general wellness product, not a "
     "substitute for your VA sleep clinic.", {"Quillory Band": "general_wellness_app"}, INFLUENCER),
])
def test_no_block(text, products, context):
    assert _result(text, products, context).verdict != "block"
