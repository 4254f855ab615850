"""Identifiers that only together point at one person, caregiver narratives, and replies that confirm care."""

from __future__ import annotations

import pytest

from tests.core.compliance.helpers import check


def _found(text: str, rule: str) -> list[tuple[str, str]]:
    result = check(text)
    return [(text[f.start : f.end], f.severity) for f in result.findings if f.rule == rule]


def test_name_with_another_weak_identifier_blocks():
    """A name beside a town in one post is the Safe Harbor combination, even when each alone is only review."""
    text = "Big hello from Marisol! Nell from Quarry Bend taught half the town to bake. She's on the rehab wing now."
    assert check(text).verdict == "block"


def test_date_and_place_in_one_sentence_block_without_a_name():
    """'her appointment in <town> on <date>' points at one person even without her name."""
    assert check("taking grandma to her cardiology appt in Fenwick Mills on sat 5/17, is parking free there").verdict == "block"


def test_event_date_and_city_stay_clean():
    """An event's date and city are not a patient's."""
    assert check("Join us at the Harvest Health Fair in Fenwick Mills on May 17! Free flu shots.").verdict != "block"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ten days since hospice came. Arthur slept through most of it, but he squeezed my hand.", "Arthur"),
        ("Visiting hours at the memory care unit are hard. Doris didn't know my face today but she knew the song.", "Doris"),
    ],
)
def test_first_name_in_a_caregiver_narrative(text, name):
    """A first name as the subject of a clause, in a first-person post about someone's care, is the patient's."""
    assert (name, "block") in _found(text, "phi.name")


def test_job_appositive_is_staff():
    """'Meet Tamsin, our newest physical therapist' introduces staff, and her home town is not PHI."""
    result = check("Meet Odile, our newest physical therapist! She grew up in Brackwater and drives 200 miles a week.")
    assert result.verdict != "block"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("@pia.runs your next session is on the 4th of November, the old one we cancelled.", "4th of November"),
        ("@miri_k your prescription for manual therapy is valid until 30.06., no problem!", "30.06."),
        ("@t_obi Sorry, the ultrasound for your heel had to be moved. New date is Friday the 9th.", "Friday the 9th"),
    ],
)
def test_dates_in_a_reply_that_confirms_care(text, date):
    """The date of a visit in a reply that confirms the visit identifies the patient."""
    assert (date, "block") in _found(text, "phi.date")


def test_handle_of_a_friend_answered_about_someone_else():
    """'@friend yes she still calls me by my dad's name': the handle is the commenter's, not the patient's."""
    assert check("@jaybird_22 lmao yes she still calls me by my dad's name after the stroke").verdict != "block"


def test_bare_claim_number_and_spelled_phone():
    """'Claim HB-2207-4419' needs no 'number' word; a spelled-out phone with area code after 'call' is a phone."""
    assert ("HB-2207-4419", "block") in _found("Insurance denied the bed again. Claim HB-2207-4419, anybody?", "phi.other_id")
    found = _found("Call the house at five five five, two one nine, oh four four one, Dad naps after his stroke meds.", "phi.phone")
    assert found and found[0][1] == "block"


def test_toll_free_number_after_call_is_not_personal():
    """Our toll-free line after 'call' is not a personal phone number."""
    assert not _found("Questions about your bill? Call 800-555-0110 any time.", "phi.phone")


def test_staff_members_workplace_is_not_the_patients():
    """'the night nurse Odessa from Bright Harbor Hospice' names where the nurse works."""
    text = "To the night nurse Imelda from Larkspur Hospice: you made a scared old woman feel brave at 3am. Thank you."
    assert check(text).verdict != "block"


def test_first_name_placed_by_town_in_a_health_story():
    """In a post about a patient, 'Ines from Dover Flats' is one person, placed by her town."""
    result = check("Ines from Dover Flats took her first steps after her stroke rehab tonight!! I cried in the med room")
    assert result.verdict == "block"


@pytest.mark.parametrize(
    "text",
    [
        "Sarah from Radiology presented our new stroke protocol today.",
        "Marco from the Eastside sales team ran a blood drive.",
    ],
)
def test_colleague_from_a_department_is_not_a_patient(text):
    """A colleague introduced by their department is staff."""
    assert check(text).verdict != "block"


@pytest.mark.usefixtures("rules_only")
def test_combination_needs_health_information_and_leaves_contacts_out():
    """A staff name with our phone, or a name and a town with no health content, is no PHI combination."""
    assert check("Questions? Ask Renata at our front office, (415) 201-3377.").verdict != "block"
    assert check("Renata from Pellham Cross won the pie contest again on Labor Day!").verdict != "block"


def test_sure_name_with_a_little_health_evidence_combines_with_a_place():
    """A capitalised name the tagger is sure of, in a sentence with one health word, is possibly a patient's."""
    result = check("Hollis from Juniper Flats walked the whole hallway after 3 weeks on the vent tonight")
    assert result.verdict == "block"
    assert ("Hollis", "block") in _found("Hollis from Juniper Flats walked the whole hallway after 3 weeks on the vent tonight",
                                         "phi.name")


def test_lower_case_word_the_tagger_calls_a_person_does_not_combine():
    """'the mammogram van' is no person: an event's date and town stay clean."""
    text = "The mammogram van is back Thursday, May 14, in the Cenex parking lot in Dell Prairie. Call 715-555-0162."
    assert check(text).verdict != "block"


def test_abbreviations_do_not_end_the_sentence_that_ties_a_date_to_a_case():
    """'vs.' and 'Sept.' end no sentence: the case descriptor '38M' still owns the date and town after them."""
    text = "Case: 38M, motorcycle vs. deer near Tamarack, 11/28. GCS 14, FAST positive."
    assert ("11/28", "block") in _found(text, "phi.date")
    assert check("Welcome Dr. Ana Ruiz to the team. She joins us from Tamarack on Oct. 3rd.").verdict == "pass"


@pytest.mark.parametrize(
    "text",
    [
        "@sammi_rowe so proud of the work you've been putting in during our sessions!! see you thursday",
        "@gary_bigfish ty Gary, ur metformin + glipizide are transferring now ^MR",
        "@don_chuy Don Chuy, su inhalador está listo 👍",
    ],
)
def test_reply_naming_shared_sessions_or_the_person_s_medicine_confirms_care(text):
    """'during our sessions', 'ur metformin', 'su inhalador' in a reply confirm the person is a patient (R24)."""
    assert "phi.treatment_relationship" in {f.rule for f in check(text).findings}


def test_reply_about_opening_hours_confirms_nothing():
    """'our appointments open at 9' is about the business, not the person."""
    assert check("@newinmillbrook welcome! our appointments open at 9, book in the app").verdict == "pass"


def test_title_with_one_initial_is_a_name():
    """'mrs. L's device' names a patient by an initial."""
    assert [f for f in check("first pacer check!! mrs. L's device has 7 yrs of battery left.").findings if f.rule == "phi.name"]


def test_fundraiser_link_on_a_mirror_or_short_host():
    """'gofund.me/…' and 'gofundme.example.com/…' are fundraisers like gofundme.com."""
    text = "Her chemo bills are piling up, please share: gofund.me/3a9c1f"
    assert [f for f in check(text).findings if f.rule == "phi.url"]
