"""Entity detection that generalises (tagger, obfuscation, machine formats) and the per-entity role decision."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import CheckContext
from socialrx.core.compliance.tagger import tag_entities

from .helpers import blocked_by, check, flagged, rules

REPLY = CheckContext(is_reply=True)


def names(text: str) -> list[str]:
    return [text[e.start : e.end] for e in tag_entities(text) if e.kind == "PER"]


def places(text: str) -> list[str]:
    return [text[e.start : e.end] for e in tag_entities(text) if e.kind == "LOC"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thanks so much, Marguerite! See you soon.", "Marguerite"),
        ("Shout out to Tobias, Ines and Kwame for the bake sale.", "Ines"),
        ("Ngozi's biopsy came back clear today.", "Ngozi"),
        ("R. Castellanos walked out of rehab on his own.", "R. Castellanos"),
        ("Søren Lindqvist shared his recovery with us.", "Søren Lindqvist"),
        ("\"It saved my life,\" says Wilhelmina Achterberg.", "Wilhelmina Achterberg"),
    ],
)
def test_tagger_finds_names_without_honorifics(text: str, name: str):
    """Names in replies, lists, possessives, initials, quotes and non-ASCII spellings are found without 'Mr.' or 'patient'."""
    assert name in names(text)


def test_tagger_finds_places_without_a_state():
    """A town named without its state is a place; product and month names are not names."""
    assert "Millinocket" in places("She drove in from Millinocket for the scan.")
    assert names("NeuroTriage is FDA cleared. See you in March!") == []


def test_patient_name_blocks_and_staff_name_passes_in_one_post():
    """Each person is decided on their own: the relative with a diagnosis blocks, the clinician in the same post does not."""
    text = "Dr. Priyanka Iyer explained everything when my uncle Desmond was diagnosed with lymphoma."
    assert flagged(text, "phi.name") == ["Desmond"]
    assert check(text).verdict == "block"


def test_staff_and_speakers_are_not_patients():
    """Our CMO presenting, a new hire and a panel guest are not PHI."""
    for text in (
        "Our CMO Theodora Vance will present the validation study at the summit in Denver.",
        "Welcome to the team, Bartholomew Reyes! He joins as our data engineering lead.",
        "Great panel with Imelda Hart from Northfield Health on AI governance.",
    ):
        assert not [f for f in check(text).findings if f.family == "phi"], text


def test_reply_addressing_someone_about_their_care_blocks():
    """A reply that names the person it answers and mentions their own care discloses PHI."""
    result = check("Hi Cordelia! Your colonoscopy results are back and look good.", context=REPLY)
    assert result.verdict == "block"
    assert "Cordelia" in [text for text in flagged("Hi Cordelia! Your colonoscopy results are back.", "phi.name")]


@pytest.mark.usefixtures("rules_only")
def test_unclear_person_goes_to_review_not_block():
    """A name with only a weak health hint is sent to review rather than blocked."""
    result = check("Lovely chat with Marisol Quintero in the clinic lobby after her visit.")
    names_found = [f for f in result.findings if f.rule == "phi.name"]
    assert names_found and all(f.severity == "review" for f in names_found)


@pytest.mark.parametrize(
    "date",
    ["the fourteenth of June", "June fourteenth", "Sunday the 9th", "09-Jun-2025", "2025/06/09", "9.6.25",
     "Christmas Eve", "three days ago"],
)
def test_dates_in_other_written_forms_about_a_patient(date: str):
    """Dates spelled out, with ordinals, in machine formats or as holidays are found when they are a patient's."""
    text = f"My grandmother Philippa was admitted {date} after a fall."
    assert any(date in span or span in date for span in flagged(text, "phi.date")), flagged(text, "phi.date")


def test_event_dates_stay_clean():
    """A conference date with a speaker is not a patient's date."""
    assert "phi.date" not in rules("Dr. Ansel Moreau keynotes the summit on the fourteenth of June in Boston.")


def test_place_of_a_patient_without_a_state():
    """A patient's home town is flagged; our office town is not."""
    assert flagged("Our patient Rosalind, 71, lives in Pocatello and is back to hiking.", "phi.geo") == ["Pocatello"]
    assert "phi.geo" not in rules("Our Pocatello team is hiring two nurse informaticists.")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Track it here: portal.test/view?patient_name=Ora%20Quill&dob=1950-02-03", "Ora Quill"),
        ("export row: name=Hollis Grady; mrn=4471902; dob=03/04/1951", "4471902"),
    ],
)
def test_machine_formatted_identifiers(text: str, value: str):
    """Key=value fields and URL parameters carrying identifiers are flagged and block."""
    result = check(text)
    assert result.verdict == "block"
    assert any(f.rule == "phi.structured_field" and value in text[f.start : f.end] + value for f in result.findings)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Our patient's MRN is 71-440-9021, please update the chart.", "phi.medical_record_number"),
        ("Patient chart # 0071 4409 was shared by mistake.", "phi.medical_record_number"),
        ("our patient O l i v e r (text him at 5 5 5 - 0 1 4 2) is doing great", "phi.phone"),
        ("write to our patient at orla.finn [at] mailbox [dot] test for tips", "phi.email"),
    ],
)
def test_identifiers_with_unusual_separators_and_spelling(text: str, rule: str):
    """Separators, spaced-out characters and '[at]'/'[dot]' do not hide identifiers."""
    assert rule in rules(text)
    assert check(text).verdict == "block"


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Say hi to Winifred Oakes (94) on the cardiac unit!", "94"),
        ("Happy 97th to our favourite dialysis patient!", "97"),
        ("Our 93-yo patient walked out of rehab today.", "93"),
        ("My nan, ninety-two and still gardening, had her hip done.", "ninety-two"),
    ],
)
def test_ages_over_89_in_other_written_forms(text: str, age: str):
    """Ages in brackets, as ordinals, hyphenated or spelled out are found."""
    assert age in flagged(text, "phi.age")


def test_short_exclamation_is_read_with_the_sentence_after_it():
    """'Remember Jan Kowalski? The 99-yo with the 3 stents?': the name belongs to the old patient described next."""
    text = "Remember Ignacy Wolski? The 99-yo with the 3 stents? Passed peacefully last week."
    assert "Ignacy Wolski" in [text[f.start:f.end] for f in check(text).findings if f.rule == "phi.name"]


CLEAN_FAMILY_AND_BRAND_POSTS = (
    "Thank you Rosalba and Keiko for taking such good care of Mom this week. You are angels.",
    "Dad and I walked the Heart Walk in Denver on Saturday. Proud of him!",
    "Happy Father's Day to my dad, the strongest man I know.",
    "Big thanks to Tamsin at the front desk who always has a smile for Dad.",
    "We brought Mom to see the Christmas lights downtown. She sang every carol.",
    "Thanks to Officer Dale Reyes who helped when Dad wandered off. Everyone is safe.",
    "Mom still remembers every word of Moon River. Music is medicine.",
    "Snow day: all clinics open at 10am on Monday, Jan 22.",
    "Our hospital turned 100 this year! Thank you to the community for a century of trust.",
)


@pytest.mark.usefixtures("rules_only")
@pytest.mark.parametrize("text", CLEAN_FAMILY_AND_BRAND_POSTS)
def test_clean_family_and_brand_posts_are_not_blocked(text):
    """Helpers thanked, an outing's city, a song title, a greeting holiday and an anniversary are not PHI."""
    assert check(text).verdict != "block"


@pytest.mark.parametrize(
    "text",
    [
        "A 67-year-old man with chest pain: what would you do next? Answers in the thread.",
        "Our team is the most friendly, we speak English and Spanish, call us for your appointment.",
    ],
)
def test_descriptions_and_languages_are_not_names(text):
    """'67-year-old man' and 'English and Spanish' are not person names."""
    assert "phi.name" not in {f.rule for f in check(text).findings}


WISHES_EPONYMS_AND_PUBLICATIONS = (
    "@sunny_days Wishing you a speedy recovery after surgery! Our whole team is thinking of you.",
    "@mark_d So sorry for your loss. Your dad was loved by everyone at the clinic.",
    "Dad was just diagnosed with Lou Gehrig's disease. We're learning as fast as we can.",
    "We walked for the Michael J. Fox Foundation today because Mom's Parkinson's won't slow her down.",
    "Mom loves the Mayo Clinic newsletter. We read it together every week after her chemo.",
)


@pytest.mark.usefixtures("rules_only")
@pytest.mark.parametrize("text", WISHES_EPONYMS_AND_PUBLICATIONS)
def test_wishes_eponyms_and_publications_are_not_phi(text):
    """Good wishes, condolences, diseases and foundations named after people, and a clinic's newsletter are not PHI."""
    assert check(text).verdict != "block"


@pytest.mark.parametrize(
    "text",
    [
        "Huge shout-out to Gus (my 90+ marathon-walker patient) who finished the 5K!",
        "Ilse, one of our dialysis patients, finished her first 5K today.",
        "Patient spotlight: Theodora B. is walking again after her knee replacement.",
        "Case study — Cornelius Vane found his arrhythmia with a smartwatch alert.",
    ],
)
def test_a_person_named_as_a_patient_or_featured_as_one_blocks(text: str):
    """A name followed by 'my/our … patient' or introduced by 'patient spotlight' or 'case study' is a patient's."""
    assert blocked_by(text, "phi.name")


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to Marguerite (our patient advocate) for the lovely workshop.",
        "Case study — LungLens in a rural hospital network: faster triage across 12 sites.",
        "Customer success story: Jane Doe, CMO at Riverbend Health, on rolling out triage AI.",
    ],
)
def test_patient_roles_and_product_case_studies_are_not_patients(text: str):
    """'Our patient advocate' is staff; a case study about a product names no patient."""
    assert "phi.name" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "How we teach the handoff format (placeholders only):\npt=XXXX; dob=**/**/****; rm=##-##; dx=free text",
        "Report links never carry ?mrn= or ?dob= in the query string. Use the context token.",
        "Flu clinic questions by e-mail: health@countyhealth.example.org",
        "Records requests after your visit go to our fax at (608) 555-0131 or through the portal.",
        "Results are shared through the portal. For questions call us at (608) 555-0144.",
        "@paolo.runs Thank you Sir for the shout-out! We only post with written permission.",
        "RPM math for CFOs: a 200-patient LungLens program pays for itself in 5 months.",
        "KidneyKey is investigational. It's only available inside the trial and it is not a cure.",
    ],
)
def test_templates_own_lines_honorifics_and_product_names_are_not_phi(text: str):
    """Masked field values, a field named in prose, shared mailboxes, 'our fax'/'call us at', 'Sir' and a product
    name that starts like a first name are not identifiers; 'only available inside the trial' is no availability claim."""
    result = check(text)
    assert result.verdict != "block", [(f.rule, text[f.start : f.end]) for f in result.findings]


def test_a_name_never_runs_across_a_line_break():
    """A person name the tagger continues onto the next line is cut at the line break."""
    text = "Thanks to Dr. Ruth Adebayo-King and Priya N\nIf you missed the session, slides are up."
    assert all("\n" not in name for name in names(text))


def test_a_greeting_with_an_honorific_addresses_the_person_about_their_care():
    """'Hello Sir Dante, your cataract surgery …' speaks to Dante about his own care."""
    result = check("Hello Sir Dante, your cataract surgery is moved to Friday. Please bring your drops.", context=REPLY)
    assert result.verdict == "block"


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("The segment that showed it: PID|1||448812^^^MRN||HOLLOWAY^MAVIS^R||19310417|F|||14 QUARRY LN^^ASHGROVE",
         "HOLLOWAY^MAVIS^R"),
        ("Eligibility response: NM1*IL*1*PRATT*GWENDOLYN****MI*XKQ441902337~ The plan said inactive.", "XKQ441902337"),
        ("What a good alert looks like: HR 138 | PRUITT, OBADIAH | DOB 03/22/1933", "PRUITT, OBADIAH"),
    ],
)
def test_pasted_hl7_x12_and_record_lines_block_on_their_identifying_fields(text: str, identifier: str):
    """HL7 PID, X12 NM1 and 'LAST, FIRST' on a record line: the name or id field is flagged and the post blocks."""
    result = check(text)
    assert result.verdict == "block"
    assert any(text[f.start : f.end] == identifier for f in result.findings if f.family == "phi")


def test_a_test_patient_record_goes_to_review_and_shouting_is_no_name():
    """A ZZTEST record's fields ask for review; 'NOTICE, PLEASE READ |' and 'NEW YORK, NY |' are no LAST, FIRST name."""
    segment = "Our build's test patient: PID|1||TEST-0001^^^MRN||ZZTEST^PATIENT^ZZZ||19000101|U"
    assert {f.severity for f in check(segment).findings if f.rule == "phi.structured_field"} == {"review"}
    assert "phi.name" not in rules("NOTICE, PLEASE READ | new build goes live tonight")
    assert "phi.name" not in rules("NEW YORK, NY | Booth 12 at the patient safety summit")


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("My dad is home after surgery. Email him at hal.benning44 at example dot net", "hal.benning44 at example dot net"),
        ("Meet Earl: 93 and still farming after his hip replacement | Flu Shot Stories", "93"),
        ("Grandma had her hip surgery today. She is a hundred and one.", "a hundred and one"),
        ("Happy ninety-fifth birthday to Grandpa, home from rehab at last!", "ninety-fifth"),
    ],
)
def test_unbracketed_addresses_and_written_out_ages_are_found(text: str, identifier: str):
    """'name at example dot net' is an e-mail; '93 and still …', 'a hundred and one', 'ninety-fifth birthday' are ages."""
    assert any(text[f.start : f.end] == identifier for f in check(text).findings if f.family == "phi")
