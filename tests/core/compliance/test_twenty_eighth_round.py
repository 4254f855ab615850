"""Generalisations drawn from the twenty-eighth round of unseen writers (a mobile mammography van, a pediatric speech
therapy practice, a keepsake ultrasound studio, a hospital dietitian): replies about a relative's tray, room or discharge
("your father's suhoor tray") and the person's callback images; "zero choking risk"; "no radiologist has to look at it";
a product "as good as your OB's machine"; "you don't need to sit through the hospital anatomy scan". The texts are
written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.core.compliance.helpers import BRAND, BRAND_REPLY, assert_confirms_care, check, flagged


@pytest.mark.parametrize("text", [
    "@mira_k happy eid! we'll keep your mother's breakfast tray coming up early all week 🌙",
    "@jo.beth no worries hon, your callback images from the 10/2 stop looked fine, see you next year",
])
def test_replies_confirming_care_block(text):
    assert_confirms_care(text, BRAND_REPLY)


def test_a_reply_about_a_relative_without_care_confirms_nothing():
    assert not flagged("@sam.t aw, your grandma's quilt sounds beautiful! enjoy the fair 💛", "phi.treatment_relationship",
                       context=BRAND_REPLY)


@pytest.mark.parametrize("text,rule", [
    ("zero bruising risk with our new cannulas, book your filler today", "claims.absolute_safety"),
    ("the app reads every scan now so no dermatologist has to look at it", "claims.ai_overclaim"),
    ("our handheld is as good as your OB's machine and way cuter", "claims.superiority"),
    ("with our 4D package you honestly don't need to sit through the hospital anatomy scan", "claims.misinformation"),
])
def test_reworded_claims_are_flagged(text, rule):
    assert flagged(text, rule, context=BRAND), text


@pytest.mark.parametrize("text", [
    "Zero risk factors? You still need a mammogram at 40. Book the van: 555-0142.",
    "Our sonographers are as good as it gets, and we still send every client to her OB for the anatomy scan.",
    "No radiologist has to wonder where the priors are anymore: the van uploads them before you arrive.",
])
def test_careful_wording_stays_clear(text):
    result = check(text, context=BRAND)
    assert result.verdict != "block", [(f.rule, text[f.start:f.end]) for f in result.findings]
