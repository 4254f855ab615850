"""Disclosure rules: material connections, weak or buried disclosures, atypical results, patient stories."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import CheckContext

from .helpers import blocked_by, check, flagged, rules

PAID = CheckContext(author_relationship="paid_influencer")
EMPLOYEE = CheckContext(author_relationship="employee")


def test_undisclosed_paid_endorsement_blocks():
    """A paid author's endorsement with no disclosure blocks."""
    assert blocked_by("I love my new sleep tracker, you should try it!", "disclosure.material_connection", context=PAID)


@pytest.mark.parametrize("relationship", ["gifted_user", "paid speaker", "Brand-Partner", "sponsored_creator", "staff"])
def test_any_relationship_naming_a_connection_counts(relationship):
    """Relationships are free text: any value with a connection word (gifted, paid, partner, staff) is a connection."""
    context = CheckContext(author_relationship=relationship)
    assert blocked_by("Honestly the best wig company on earth, don't buy anywhere else.", "disclosure.material_connection",
                      context=context)


@pytest.mark.parametrize("relationship", ["brand", "clinician", "patient_advocate", None])
def test_relationships_without_a_connection_word_are_not_connected(relationship):
    """The brand itself, a clinician or an advocate is not an undisclosed endorser."""
    context = CheckContext(author_relationship=relationship)
    assert "disclosure.material_connection" not in rules("Honestly the best monitor out there.", context=context)


@pytest.mark.parametrize("text", [
    "ShelfSprint is the only reason i survived my IM shelf.",
    "Quillmoor is the only mood app I tell every single client to download. nothing else comes close",
    "Twenty years of TAVR and QuivValve is the best valve I've ever put in.",
    "Every structural heart program should be looking at it.",
])  # fmt: skip
def test_endorsements_in_many_wordings(text):
    """'The only reason I…', 'the only X I tell everyone to…', a brand-shaped name, 'should be looking at it'."""
    assert blocked_by(text, "disclosure.material_connection", context=PAID)


def test_what_others_recommend_is_not_the_authors_endorsement():
    """'Cardiologists recommend X' and 'they'd recommend X' are expert-endorsement claims, not the author's own word."""
    for text in ("Cardiologists recommend HeartLoop over legacy Holters.", "92% of nurses said they'd recommend HeartLoop."):
        assert "disclosure.material_connection" not in rules(text, context=EMPLOYEE)
    assert blocked_by("I recommend HeartLoop over legacy Holters.", "disclosure.material_connection", context=EMPLOYEE)


def test_clear_disclosures_pass():
    """'#ad', 'Paid partnership' and 'I work at' are clear disclosures."""
    for text in ("#ad I love my new sleep tracker.", "Paid partnership with Acme: I love it.", "I work at Acme, and I love it."):
        assert "disclosure.material_connection" not in rules(text, context=PAID)


def test_employee_needs_disclosure():
    """An employee praising the product needs to say they work there."""
    assert "disclosure.material_connection" in rules("Honestly a game changer for our ED.", context=EMPLOYEE)


def test_platform_tag_counts_as_disclosure():
    """The platform's paid-partnership label satisfies the disclosure rule."""
    context = CheckContext(author_relationship="paid_influencer", has_disclosure_tag=True)
    assert "disclosure.material_connection" not in rules("I love it!", context=context)


def test_inadequate_hashtag_disclosure():
    """'#spon' or '#collab' alone is not a clear disclosure."""
    assert flagged("Loving this glucose app #collab", "disclosure.inadequate", context=PAID) == ["#collab"]


def test_promo_code_implies_connection():
    """A promo code implies a material connection even without author metadata."""
    assert "disclosure.material_connection" in rules("Love this app! Use code SARA10 to save.")


def test_buried_disclosure():
    """A disclosure after the visible part of a LinkedIn post is flagged for review."""
    text = "I have been using this remote monitoring tool for months. " * 5 + "#ad"
    assert "disclosure.buried" in rules(text, channel="linkedin", context=PAID)


def test_a_disclosure_lost_in_hashtags_or_below_an_endorsement_blocks():
    """R20: '#ad' in a run of hashtags, or below 'see more' under an endorsement, blocks; a clear one up front clears it."""
    piled = "Night mode = 6 hours of sleep. #T1D #cgm #nurselife #sleep #ad #mom"
    assert check(piled, channel="x", context=PAID).verdict == "block"
    endorsed = "Honestly the best monitor I have ever used, I love it. " + "We tried it for a month on nights. " * 5 + "#ad"
    assert {f.severity for f in check(endorsed, channel="linkedin", context=PAID).findings if f.rule == "disclosure.buried"} == {"block"}
    upfront = "#ad I'm a paid advisor to Acme. Night mode = 6 hours of sleep. #T1D #cgm #nurselife #sleep #ad"
    assert "disclosure.buried" not in rules(upfront, channel="x", context=PAID)


def test_atypical_results_need_typical_results():
    """Striking testimonial results need a statement of typical results."""
    assert "disclosure.atypical_results" in rules("Dana dropped 30 pounds in 8 weeks with the coach app!")
    typical = "Dana dropped 30 pounds in 8 weeks. Typical users lose 2-4 pounds over 12 weeks (Acme data on file)."
    assert "disclosure.atypical_results" not in rules(typical)


def test_patient_story_asks_for_authorization():
    """A patient story without an authorization ID goes to privacy review; with one it does not."""
    text = "A patient in her 70s told us the alert gave her peace of mind."
    assert check(text).verdict == "review"
    assert "disclosure.patient_authorization" not in rules(text, context=CheckContext(patient_authorization_id="AUTH-17"))


def test_endorsements_in_other_words_need_a_disclosure():
    """'the clear winner' and 'I prescribe it to every patient' by a paid author without disclosure are R19."""
    from socialrx.core.compliance.config import CheckContext

    paid = CheckContext(author_relationship="paid_advisor")
    for text in ("Every CMIO I know says LungLens is the clear winner.", "LungLens: I prescribe it to every single patient."):
        assert "disclosure.material_connection" in rules(text, context=paid)


def test_atypical_results_in_other_words():
    """'Lose 10-15 lbs in your first 7 days' and 'ask her how' promise untypical results (R21)."""
    assert "disclosure.atypical_results" in rules("Lose 10-15 lbs in your first 7 days on our plan!")
    assert "disclosure.atypical_results" in rules("Marta dropped two dress sizes. Ask her how!")


@pytest.mark.parametrize(
    "text",
    [
        "Every chemo patient needs this app. 🙌",
        "Every med-surg unit in the country should be running LungLens.",
        "It's the best wig company on earth, don't buy anywhere else!",
    ],
)
def test_every_needs_and_dont_buy_elsewhere_are_endorsements(text: str):
    """R19: 'every … needs/should be running', 'don't buy anywhere else' endorse like 'I love it'."""
    assert "disclosure.material_connection" in rules(text, context=PAID)


def test_spanish_disclosures():
    """'Colaboración pagada' and '(publicidad pagada)' disclose; '#publi' alone is as weak as '#sp'."""
    for text in ("Colaboración pagada con GlucoAmiga 💙 el mejor medidor", "Bajen la app (publicidad pagada), la mejor app"):
        assert "disclosure.material_connection" not in rules(text, context=PAID)
    assert flagged("Té Nopalia, el mejor té para el azúcar #publi", "disclosure.inadequate", context=PAID) == ["#publi"]


@pytest.mark.parametrize("text", [
    "I love this work, and I also want us to be honest about what it does and doesn't do.",
    "We stay in the room when it gets hard and help people find what they love.",
])  # fmt: skip
def test_love_of_life_or_work_is_no_endorsement(text):
    """'love' about one's work or life, with an 'it' elsewhere in the sentence, endorses no product."""
    assert "disclosure.material_connection" not in rules(text, context=PAID)


@pytest.mark.parametrize("text", [
    "Tried it for a month. Honestly I love it.",
    "Every OR should have it.",
    "every pregnant mama should have this tea in the cupboard",
])  # fmt: skip
def test_endorsing_it_or_saying_everyone_should_have_it_needs_a_disclosure(text):
    """'I love it', 'every OR should have it', 'every … should have' endorse the product the post is about."""
    assert blocked_by(text, "disclosure.material_connection", context=PAID)
