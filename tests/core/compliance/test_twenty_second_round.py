"""Generalisations drawn from the twenty-second round of unseen writers (an Arabic-English family clinic, a Hinglish
pharmacy-delivery support team, a trial sponsor's press office, a gut-health influencer): digits in other scripts read
as digits; Arabic honorifics, ages, dates, health words, replies and claims; Hinglish refusals, denials, claims, phone
numbers read back in Hindi and ages; misspelled 'aprooved'; the press's words reported; 'only means' after a quoted
label. The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.engine import check_text
from socialrx.core.compliance.roles import health_count
from socialrx.core.compliance.text import normalise
from tests.core.compliance.helpers import check, rules

EMPLOYEE = CheckContext(author_relationship="employee")
BRAND_REPLY = CheckContext(author_relationship="brand", is_reply=True)


def _found(text: str, products: dict[str, str] | None = None, context: CheckContext = EMPLOYEE) -> set[str]:
    config = ComplianceConfig.from_dict({"products": products or {}, "own_domains": ["example.com"]})
    return {f.rule for f in check_text(text, config=config, context=context).findings}


def test_digits_of_other_scripts_read_as_digits():
    assert normalise("الحاج ٩٤ سنة").text.endswith("94 سنة")
    assert normalise("۱۲۳").text == "123"  # Persian digits


def test_arabic_identifiers_block():
    text = "الحاج سليم ٩٤ سنة انقبل بالمستشفى ١٢ آذار، ادعولو"
    found = {f.rule for f in check(text, context=EMPLOYEE).findings}
    assert {"phi.name", "phi.age", "phi.date"} <= found
    assert check(text, context=EMPLOYEE).verdict == "block"


def test_latin_kunyas_are_titles():
    assert "phi.name" in rules("Hajja Samira missed her sugar follow-up again", context=EMPLOYEE)


def test_arabic_health_words_and_replies():
    assert health_count("الحاج محمود بالمستشفى")
    assert "phi.treatment_relationship" in rules("@abu.karim موعدك يوم الخميس الساعة 10 confirmed", context=BRAND_REPLY)


@pytest.mark.parametrize("text,rule", [
    ("جهاز GlucoNour الجديد معتمد من FDA", "claims.fda_status"),
    ("GlucoNour is 100% دقيق", "claims.absolute_accuracy"),
    ("إذا صايم ما في داعي لإبرة الانفلونزا", "claims.misinformation"),
])
def test_claims_in_arabic(text, rule):
    assert rule in _found(text, {"GlucoNour": "510k_cleared"})


def test_hinglish_refusal_keeps_the_handle_out_of_block():
    text = "@priya_k_nj Ji please apna order number ya DOB yahan mat daaliye 🙏 DM mein bhejo"
    assert check(text, context=BRAND_REPLY).verdict != "block"


@pytest.mark.parametrize("text,blocked", [
    ("Naya add-on! Churna 100% herbal, koi side effect nahi", True),
    ("Koi bhi dawai 'no side effects' wali nahi hoti", False),
    ("Churna diabetes ka cure nahi hai", False),
])
def test_hinglish_claims_and_denials(text, blocked):
    assert (check(text).verdict == "block") is blocked


@pytest.mark.parametrize("text,rule", [
    ("3 mahine baad sugar aur BP ki goli chhod do, body khud balance kar leti hai", "claims.misinformation"),
    ("Bittu ke papa ka sugar 310 se 105, aap bhi kar sakte ho!", "disclosure.atypical_results"),
])
def test_hinglish_misinformation_and_testimonials(text, rule):
    assert rule in rules(text)


def test_hinglish_refill_confirms_care():
    assert "phi.treatment_relationship" in rules("@vikram_s ji papa ji ki metformin ka refill ho gaya hai 👍", context=BRAND_REPLY)


def test_a_phone_read_back_in_hindi():
    assert normalise("nau saat teen, paanch paanch paanch, zero ek chaar chhe").text == "973-555-0146"


def test_a_hindi_age():
    assert "phi.age" in rules("yaad hai woh nabbe saal wale Trivedi dada ji? unhe Sunrise Manor shift kar diya", context=EMPLOYEE)


def test_misspelled_fda_approved():
    assert "claims.fda_status" in _found("NabzCuff FDA aprooved, bada cuff size bhi", {"NabzCuff": "510k_cleared"})


@pytest.mark.parametrize("text", [
    'seeing "cure" in a few headlines this morning. to be clear: it is an investigational drug.',
    'A few outlets wrote "FDA-approved Veylo" this week. Veylo is investigational.',
    'quick one: "made in an FDA-registered facility" only means the building is on a list.',
])
def test_the_press_and_labels_reported(text):
    found = _found(text, {"Veylo": "investigational"})
    assert not found & {"claims.cure", "claims.fda_status", "claims.fda_endorsement"}
