"""Generalisations drawn from the twenty-third round of unseen writers (a night hospitalist, a virtual-care support team,
an ALS caregiver, a smart-ring growth marketer): replies that confirm care through the person's own medicines, readings
and program check-ins, or through our clinicians reaching them; warnings about what the person posted and agents'
sign-offs confirm nothing; obfuscated and misspelled "FDA approved"; outcome promises backed by a refund; "no
cardiologist needed"; vaccines said to trigger a disease; an investigational product said to be working or in open beta;
first cases from a named place; lab values are no dates; teaching pearls, authors of the past, credentials before a
name and events' places are nobody's PHI; a product's stated limits are risk information and a risk page may be a bare
domain; ads that performed best and least favourite things endorse nothing; a list of words not to use quotes them.
The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.core.compliance.helpers import (
    BRAND_REPLY,
    CLINICIAN,
    EMPLOYEE,
    check,
    registry_checks,
)

_result, _found = registry_checks(EMPLOYEE)


@pytest.mark.parametrize("text", [
    "@rowan_paddles so sorry, the mail pharmacy held your script over the weekend. it's out for delivery now -Ari",
    "@tamsin.bakes you've been crushing it since your first weigh-in in march!! ^KL",
    "@jo_h_runs since ur already on the metoprolol your cardiologist picked, ask about timing at your next check-in",
    "@dunmore_dave hope the new inhaler is treating you better this week 🙏 -Sam",
    "@carla_v the nurse tried you twice this morning, is 555-0148 still good? -Pia",
    "@wrenfield our pharmacist Odile was calling about your refill, not a robocall promise -Lu",
    "@kitbuilds your cuff readings from the 4th look off, worth a recheck before you renew -Mo",
    "@ivy_on_trails so glad the rash finally settled down! -Bea",
])
def test_replies_confirming_care_in_other_words_block(text):
    result = check(text, context=BRAND_REPLY)
    assert "phi.treatment_relationship" in {f.rule for f in result.findings}
    assert result.verdict == "block"


@pytest.mark.parametrize("text", [
    "@marlo_t quick heads up, your tweet has your member ID in it. please delete it and DM us, we won't look anything up here -Ro",
    "@gregor_eats flu season is rough! antibiotics don't help with viruses, but rest and fluids do -Maeve",
    "@sam_p if you have questions about meds in general, our pharmacists answer DMs weekdays 9-5",
])
def test_safe_replies_do_not_confirm_care(text):
    assert "phi.treatment_relationship" not in {f.rule for f in check(text, context=BRAND_REPLY).findings}


@pytest.mark.parametrize("text,products,rule", [
    ("Quellmark Pulse is F-D-A apprvd, tell your friends", {"Quellmark Pulse": "510k_cleared"}, "claims.fda_status"),
    ("Quellmark Pulse: F.D.A. a-p-p-r-o-v-e-d and ships free", {"Quellmark Pulse": "510k_cleared"}, "claims.fda_status"),
    ("breathe easier in 21 days or we refund every cent", {}, "claims.guarantee"),
    ("you reach your goal weight or month 4 is on us", {}, "claims.guarantee"),
    ("no neurologist needed to read your own EEG at home", {}, "claims.ai_overclaim"),
    ("i'm convinced the booster he got in may is what triggered his MS", {}, "claims.misinformation"),
    ("Ostevra is working for Dad, I can see it", {"Ostevra": "investigational"}, "claims.investigational"),
    ("Lumeno BP is now in open beta for members", {"Lumeno BP": "investigational"}, "claims.investigational"),
])
def test_claims_block(text, products, rule):
    result = _result(text, products)
    assert rule in {f.rule for f in result.findings}
    assert result.verdict == "block"


def test_a_refund_policy_alone_is_no_outcome_guarantee():
    assert "claims.guarantee" not in _found("Love it or your money back.")


def test_an_investigational_product_not_working_is_no_claim():
    assert "claims.investigational" not in _found("Ostevra is not working for her", {"Ostevra": "investigational"})


@pytest.mark.parametrize("text", [
    "first blastomycosis case out of cedar notch in like 40 yrs came through the ED tonight",
    "she's the only person with Wilson disease in all of Fallow Creek",
])
def test_a_first_or_only_case_from_a_named_place_blocks(text):
    assert "phi.quasi_identifier" in {f.rule for f in check(text, context=CLINICIAN).findings}


def test_lab_values_are_no_dates():
    text = "Teaching case: older man admitted confused. Sodium 12.1. then K 3.2. Free water restriction, better by morning."
    assert not {f for f in check(text, context=CLINICIAN).findings if f.rule == "phi.date"}
    assert "phi.date" in {f.rule for f in check("Mrs. Ocampo had her knee done Monday 17.3. and is home", context=CLINICIAN).findings}


@pytest.mark.parametrize("text", [
    "Case pearl (details changed): older woman, new confusion, calcium sky high from OTC chews. Always ask about supplements.",
    "William Osler wrote in 1892 that medicine is a science of uncertainty. Cross-covering 80 patients tonight, I agree.",
    "Live on YouTube Thu Dec 4 at 6pm ET: PharmD Rosalie Brandt on storing insulin when you travel. Bring questions!",
    "the state stroke collaborative is october 9-10 in Marrow Bay. bring your nurses, bring your skeptics",
])
def test_teaching_pearls_authors_credentials_and_event_places_are_no_phi(text):
    assert check(text, context=CLINICIAN).verdict != "block"


def test_a_grandmother_named_pearl_is_still_a_name():
    assert "phi.name" in {f.rule for f in check("grandma pearl had her hip done at St Ann on 3/4", context=CLINICIAN).findings}


def test_stated_limits_are_risk_information_and_a_bare_domain_is_a_risk_page():
    products = {"Tenvora": "rx_drug_approved(established_name=caltrexide)"}
    text = ("Tenvora (caltrexide) is FDA approved to lower the risk of clots after hip surgery. It can cause serious bleeding. "
            "Full prescribing information: tenvora-pi.example.com")
    assert "claims.risk_link_missing" not in _found(text, products, CLINICIAN)
    device = {"Pulsewell": "510k_cleared"}
    limited = ("Pulsewell flagged possible AFib and her doctor confirmed it. Pulsewell is FDA cleared for single-lead ECG; it "
               "doesn't detect heart attacks and isn't meant to diagnose on its own.")
    assert "claims.benefit_without_risk" not in _found(limited, device)


@pytest.mark.parametrize("text", [
    "Q3 lesson: our best-performing ad was a silent 6-second clip of the ring on a desk. No claims at all.",
    "Tell me your least favorite onboarding screen in any health app. I collect them.",
])
def test_ads_and_least_favourites_endorse_nothing(text):
    assert _result(text).verdict == "pass"


def test_a_list_of_words_not_to_use_quotes_them():
    text = 'Words I have learned not to use in wearables marketing:\n"FDA approved" (it is cleared).\n"Cures insomnia" (no).'
    found = _found(text, {}, EMPLOYEE)
    assert "claims.cure" not in found and "claims.fda_status" not in found
