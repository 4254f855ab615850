"""Claims that generalise: negation, questions and denials, misspellings, rewording, and K/DEN/P submission numbers."""

from __future__ import annotations

import pytest

from .helpers import blocked_by, check, flagged, rules


@pytest.mark.parametrize(
    "text",
    [
        "LungLens is not FDA approved; it is FDA cleared.",
        "Customers ask whether LungLens is FDA approved. It isn't: it is 510(k) cleared.",
        "No, our software does not cure cancer, and nobody should say it does.",
    ],
)
def test_negated_questioned_or_denied_claims_pass(text: str):
    """A claim that is negated, reported as a question or denied right after is not made."""
    assert not {"claims.fda_status", "claims.cure"} & rules(text)


def test_negation_stops_at_and():
    """'No downside and guaranteed results' still guarantees results."""
    assert "claims.guarantee" in rules("LungLens has no downside and guarantees earlier answers.")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("LungLens is FDA aproved for nodules.", "claims.fda_status"),
        ("Results garanteed in a week.", "claims.guarantee"),
        ("LungLens is 100% acurate.", "claims.absolute_accuracy"),
        ("Our ECG patch is clincally proven.", "claims.evidence"),
    ],
)
def test_misspelled_claims_are_read_as_written(text: str, rule: str):
    """A one-letter misspelling of a claim word does not hide the claim."""
    assert rule in rules(text)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("With LungLens, not a single nodule is ever missed.", "claims.absolute_accuracy"),
        ("LungLens reads chest CTs on its own, no radiologist needed.", "claims.ai_overclaim"),
        ("Our model will replace cardiologists within five years.", "claims.ai_overclaim"),
        ("This program ends heart disease deaths in your family.", "claims.cure"),
    ],
)
def test_reworded_claims(text: str, rule: str):
    """Claims reworded away from the stock phrases are still found."""
    assert rule in rules(text)


def test_submission_numbers_imply_status():
    """A K number means 510(k) clearance: 'FDA approved' beside it blocks even without a registry entry."""
    assert check("Our triage app (K241122) is FDA approved for head CT.").verdict == "block"
    assert flagged("KidneyKey is cleared under K239876.", "claims.fda_status") == ["K239876"]
    assert "claims.fda_status" not in rules("CorValve, PMA P200017, is FDA approved for aortic stenosis.")


def test_de_novo_is_granted_not_approved():
    """'De Novo approval' misstates a De Novo grant."""
    assert "claims.fda_status" in rules("Thrilled about the De Novo approval of our sepsis model!")


def test_misinformation_in_general_forms_and_debunking():
    """'X causes <disease>' and 'antibiotics are good for the flu' block; a myth-busting post passes."""
    assert "claims.misinformation" in rules("Fluoride causes dementia, our naturopath says.")
    assert "claims.misinformation" in rules("Antibiotics are good for the flu, take them early.")
    assert "claims.misinformation" in rules("You don't need insulin if you fast properly.")
    assert "claims.misinformation" not in rules("Myth: fluoride causes dementia. Fact: it does not (CDC).")
    assert "claims.misinformation" in rules("fluoride causes dementia is a myth... jk it's true")


def test_absolute_and_autonomy_claims_in_other_words():
    """'works flawlessly', 'never gives a wrong reading', 'free of bias' and 'no need for the doctor' are overclaims."""
    assert "claims.absolute_accuracy" in rules("Our meter works flawlessly in every climate.")
    assert "claims.absolute_accuracy" in rules("The sensor never gives a wrong reading.")
    assert "claims.ai_overclaim" in rules("Our model is completely free of bias.")
    assert "claims.ai_overclaim" in rules("The app doses your insulin, no need for the doctor.")


@pytest.mark.parametrize(
    "text",
    [
        "LungLens is twice as accurate as the Corvana patch.",
        "Honestly LungLens is more accurate than the other brand.",
        "Our AI can catch more skin cancers than the dermatologists in your town.",
        "LungLens is faster than Brand X at triage.",
    ],
)
def test_head_to_head_claims_against_a_rival_block(text: str):
    """R05: an uncited comparison with a named or described competitor, or with clinicians, blocks."""
    assert blocked_by(text, "claims.superiority")


@pytest.mark.parametrize("text", ["Our team is better than ever!", "Fridays are better than Mondays.", "More accurate than I expected."])
def test_comparisons_with_the_past_or_the_calendar_are_no_rival(text: str):
    assert "claims.superiority" not in {f.rule for f in check(text).findings}


@pytest.mark.parametrize(
    "text",
    ["Our program reversed their prediabetes in 12 weeks.", "These drops reverse your child's myopia.", "It reverses heart failure."],
)
def test_reversing_a_named_disease_is_a_cure_claim(text: str):
    """R01 'reverse' + a disease noun, over a wider disease list than the first one (prediabetes, myopia, heart failure)."""
    assert "claims.cure" in {f.rule for f in check(text).findings}
