"""Generalisations drawn from the twenty-seventh round of unseen writers (a patient-safety officer, a retired country
doctor, a chiropractic chain's marketer, a nurses' union steward): replies that name the person's numbered visit
("your 4th adjustment"), speak of their readings ("your numbers looked better") or say the author cared for their relative
("i had your mom both nights"); a photo of the person sent to the author; the place where an invited speaker speaks is
no patient's. The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.core.compliance.helpers import (
    BRAND,
    BRAND_REPLY,
    CLINICIAN_REPLY,
    assert_confirms_care,
    check,
    flagged,
)


@pytest.mark.parametrize("text,context", [
    ("@dee_walks see u Monday for your 2nd adjustment w/ Dr. Imani, bring the x-ray disc!", BRAND_REPLY),
    ("@tomas.r ur glucose numbers looked way better at the Friday check 🙌", BRAND_REPLY),
    ("@june_h yes, i had your dad on nights all week. he told the best fishing stories", CLINICIAN_REPLY),
    ("@ola.b we took care of your grandma on 4 East, so glad she's home", CLINICIAN_REPLY),
])
def test_replies_confirming_care_block(text, context):
    assert_confirms_care(text, context)


@pytest.mark.parametrize("text", [
    "@sam_q thanks! your numbers question is a good one, our FAQ covers how the score works",
    "@lee.t we had your feedback on the new lobby hours, thank you for writing in",
])
def test_replies_about_no_ones_care_confirm_nothing(text):
    assert not flagged(text, "phi.treatment_relationship", context=BRAND_REPLY)


def test_a_photo_of_the_person_sent_to_the_author_is_patient_media():
    text = "her son texted me a photo of her on the porch swing, three weeks after the stroke. best day of my month."
    assert flagged(text, "phi.photo")


def test_a_photo_of_the_team_is_not():
    assert not flagged("Our volunteers sent us a photo of the new garden beds at the clinic entrance.", "phi.photo",
                       context=BRAND)


def test_the_place_an_invited_speaker_speaks_is_nobodys_phi():
    text = "Dr. Rosa Quill has spent her career on heart failure; hear her on May 9 at Brennan Memorial."
    assert not [f for f in check(text).findings if f.family == "phi"]
