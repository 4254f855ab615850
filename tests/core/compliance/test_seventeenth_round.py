"""Generalisations drawn from the seventeenth round of unseen writers (a nursing student, a skin-check app founder, a
correctional health nurse, a kidney patient advocate): only a review a reply answers makes a reply, refusals that
'don't comment' or 'can't tell you', referrals to the reader's own care team, claims quoted back or replied to and
denied, 'anyone who sells you a cure', appositive jobs, reports, simulated patients, a list of fixes, questions lines,
and rooms, beds, bunks and dialysis chairs in posts that speak of health. The texts are written for these tests, not
taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.engine import check_text
from socialrx.core.compliance.roles import is_reply
from tests.core.compliance.helpers import ACME, check, rules

EMPLOYEE = CheckContext(author_relationship="employee")
REPLY = CheckContext(author_relationship="employee", is_reply=True)


@pytest.mark.parametrize("text,reply", [
    ("SpotLedger: general wellness photo diary. No FDA review. No diagnosis.", False),
    ("Our Cochrane review of 14 trials is out today.", False),
    ("Thank you for the kind review, Marta! The whole team read it.", True),
    ("Huge thanks to Ellen for her review of our ICU team.", True),
])
def test_only_a_review_the_post_answers_makes_a_reply(text, reply):
    from socialrx.core.compliance.document import Document

    assert is_reply(Document(text, ACME, CheckContext(), "x")) is reply


@pytest.mark.parametrize("text", [
    "@HarrowHerald For your story: the health unit doesn't comment on individual detainees. Our policy is public.",
    "@fern_k I'm not a doctor and I can't tell you what to drink. please ask your care team before trying any tea.",
])
def test_refusals_and_referrals_confirm_no_care(text):
    assert check(text, context=REPLY).verdict != "block"


def test_a_slip_after_thanks_still_confirms_care():
    assert check("@jo thanks! so glad your surgery went well, see you at your follow-up", context=REPLY).verdict == "block"


@pytest.mark.parametrize("text", [
    'someone replied yesterday that "sunscreen causes cancer." it doesn\'t, and i\'m not leaving that under our post.',
    "Home hemo is not a cure. Anyone who sells you a cure for kidney failure is selling you something.",
    'People keep quoting "98% accurate, better than dermatologists" back to me. I never published that.',
])
def test_claims_quoted_back_denied_or_warned_about(text):
    assert check(text, context=EMPLOYEE).verdict != "block"


@pytest.mark.parametrize("text", [
    "Bettina, the social worker at my old unit, is the reason I knew I could keep working after dialysis.",
    "In the 2024 Annual Data Report, five-year survival on hemodialysis was roughly 42% (USRDS ADR 2024, ch. 5).",
    "SBAR practice from sim lab (fake patient, our manikin is named Stan): 68yo, post-op day 1 hip repair, new confusion",
])
def test_people_and_things_that_are_no_patients(text):
    assert "phi.name" not in rules(text, context=EMPLOYEE)


def test_a_list_of_fixes_is_no_benefit():
    config = ComplianceConfig.from_dict({"products": {"LensDerm Clip": "510k_cleared"}})
    text = "Welcome Tollgate Urgent Care, our 40th clinic using the LensDerm Clip. Their team sent a blunt list of fixes."
    assert "claims.benefit_without_risk" not in {f.rule for f in check_text(text, config=config).findings}


def test_a_questions_line_is_the_organisation_s():
    text = "skills lab open this week: Mon–Thu 5–9pm. questions → skillslab@harrow.example.edu or (608) 555-0134."
    assert check(text, context=EMPLOYEE).verdict != "block"


def test_a_dialysis_chair_or_a_bunk_in_a_post_about_health():
    assert check("Big Lou, 91, chair 4 at the Brackley dialysis unit, our longest-running patient").verdict == "block"
    assert "phi.facility" in rules("sorry Tavo, C-pod bunk 14 again on Dec. 9th after his withdrawal")
    assert check("Exam room 4 is closed for cleaning today; flu shots are in room 6.").verdict != "block"
    assert "phi.facility" not in rules("3/ tell Kofi at the door if you need the quiet room\n\n4/ leave early, everyone gets it")
