"""PHI scope: dates and facility names of an organisation are not PHI; those of one patient still are."""

from __future__ import annotations

import pytest

from .helpers import check, flagged, rules

# Ordinary healthcare-AI marketing posts: case studies with hospital names, study periods, conference
# dates and cited statistics. None is about an individual patient and none may be blocked.
COMPLIANT_POSTS = (
    "Case study: Northwind Health Emergency Department cut median time to antibiotics from 3.1 to 2.2 hours "
    "between January and June 2024 (Source: Northwind Health Quality Improvement Report, August 2024).",
    "How Cedar Valley Hospital rolled out AI sepsis screening on March 4, 2024 across all four emergency "
    "departments. One in four alerts identified a patient who met sepsis criteria (Raman et al., 2024).",
    "Join us at HIMSS on March 12 at 10 am, booth 4021, to hear how Lakeside General Hospital reduced "
    "CT turnaround by 28% (Data on file, claim ID RAD-112).",
    "A 2023 survey by the American Medical Association found that 48.2% of physicians reported at least one "
    "symptom of burnout (AMA, 2023). Ambient scribes draft the note with the patient's consent.",
    "Clinicians using an ambient scribe spent 20% less time in notes per appointment, according to the "
    "Permanente Medical Group's 2024 evaluation (Tierney et al., 2024). #DigitalHealth #HealthcareAI",
    "Webinar, October 8: Bayview Medical Center's CMIO on governing AI in the ICU. Register at acme.test/webinar",
    "Our study period ran from 1/1/2023 to 12/31/2023 at Riverside Regional Medical Center; sensitivity "
    "was 91% (95% CI 88-94) (Okafor et al., 2024, doi:10.1000/xyz123).",
    "Enrollment at St. Mary's Hospital opened on September 15, 2024 for the multicentre validation study.",
    "Proud to partner with Mercy Health System. Since April 2024 their radiologists have reviewed 40,000 "
    "chest CTs with AI triage (Mercy Health System annual report, 2024).",
    "Published today in JAMA Network Open (Chen et al., 2024): every patient screened at Harbor View Medical "
    "Center between May 1 and July 31, 2023 was included.",
    "Dr. Elena Okafor, chief of radiology at Northwind Health, presents our reader study at RSNA on December 2.",
    "Quarterly results: Q3 go-live at Summit Regional Medical Center on July 15; 12 hospitals now live.",
    "When a patient arrives with chest pain, every minute counts. At Pine Ridge Hospital, door-to-ECG time "
    "fell 18% after go-live (Pine Ridge Hospital Quality Report, 2024).",
    "Save the date: the Healthcare AI Summit, June 5-6, 2025, hosted by Lakeside Health. Keynote on 6/5.",
    "Thread: what a year of AI sepsis alerts taught our emergency department (Source: Northwind Health "
    "Emergency Department Quality Improvement Report, sepsis committee, August 2024). 5/6",
    "Ambient AI scribes listen to the clinical conversation, with the patient's consent, and draft the "
    "visit note for the clinician to review and sign. 3/8",
    "Dr Priya Raman · 2024-09-17\n\nIn a cohort of 49,331 patients, each hour of delay in antibiotics "
    "raised the odds of death (Seymour et al., 2017).",
    "Grateful to the Children's Hospital Association for featuring our pediatric early-warning work in the "
    "November 2024 issue of its newsletter.",
    "From February 1 through April 30, 2024, Valley Medical Center piloted AI discharge summaries in two "
    "units; nurses rated 87% as ready to sign (Valley Medical Center internal evaluation, 2024).",
    "Podcast episode 14, out November 20: how Eastside Community Hospital built its AI governance committee.",
    "Each patient deserves a fast read. In 2024, Lakeview Medical Center's stroke team used AI triage on "
    "2,310 scans; median notification time was 6 minutes (data on file).",
)


@pytest.mark.usefixtures("rules_only")
@pytest.mark.parametrize("text", COMPLIANT_POSTS)
def test_compliant_marketing_post_is_not_blocked(text: str):
    """An organisational case study, event or cited statistic with hospital names and dates is not blocked."""
    result = check(text)
    assert result.verdict != "block", [(f.rule, text[f.start : f.end]) for f in result.findings]
    assert not {"phi.date", "phi.facility"} & {f.rule for f in result.findings}


def test_named_patient_admission_still_blocks_with_facility_and_date():
    """A titled patient admitted to a named department on a date blocks on the name, facility and date."""
    text = "Mrs. Lopez was admitted to Northwind Health Emergency Department on August 3, 2024."
    assert check(text).verdict == "block"
    assert flagged(text, "phi.facility") == ["Northwind Health"]
    assert flagged(text, "phi.date") == ["August 3, 2024"]


def test_facility_of_a_cited_report_is_not_phi_but_a_patient_stay_is():
    """A hospital inside a '(Source: …)' citation is not flagged; the same hospital where a patient stayed is."""
    cited = "One in four alerts identified a patient who met criteria (Source: Cedar Valley Hospital Report, 2024)."
    assert "phi.facility" not in rules(cited)
    stay = "Our patient spent a week at Cedar Valley Hospital after the alert fired."
    assert flagged(stay, "phi.facility") == ["Cedar Valley Hospital"]


def test_organisation_names_are_not_facilities():
    """Names continuing as an association, group or report are organisations; a plain hospital name is not."""
    text = "A patient survey by the American Medical Association and the Permanente Medical Group's 2024 evaluation."
    assert "phi.facility" not in rules(text)
    assert flagged("A patient in bay 3 at Harbor View Medical Center coded.", "phi.facility") == [
        "3",
        "Harbor View Medical Center",
    ]


def test_facility_hashtag_is_not_a_facility():
    """A CamelCase hashtag such as #DigitalHealth is not a facility, even in a post about a patient."""
    assert "phi.facility" not in rules("Our patient's consent comes first. #DigitalHealth #HealthInnovation")


def test_thread_counter_is_not_a_date_but_a_visit_date_is():
    """A trailing '3/8' thread counter is not a date; '3/8' after 'seen on' in a patient sentence is."""
    assert "phi.date" not in rules("Ambient scribes draft the note with the patient's consent. 3/8")
    assert "phi.date" not in rules("1/5 Our patient stories series starts today.\nMore below.")
    assert flagged("Our patient was seen on 3/8 and went home.", "phi.date") == ["3/8"]
    assert flagged("She had surgery on 5/6.\nOur patient is doing well. 2/4", "phi.date") == ["5/6"]


def test_byline_date_is_not_a_patient_date():
    """A publication date in a byline line is not PHI; a discharge date in the story below it is."""
    text = "Dr Priya Raman · 2024-09-17\nOur patient was discharged on 2024-09-12 after the alert."
    assert flagged(text, "phi.date") == ["2024-09-12"]


def test_study_period_dates_are_not_phi_but_admission_period_is():
    """Dates bounding a study are not PHI, while a patient admitted between two dates still is."""
    study = "Between March 1 and June 30, 2024, a patient who met criteria was flagged in 88% of cases."
    assert "phi.date" not in rules(study)
    stay = "Our patient was admitted between March 1 and March 9 for her stroke."
    assert set(flagged(stay, "phi.date")) == {"March 1", "March 9"}


def test_event_date_is_not_phi_but_a_patient_story_date_is():
    """A conference date in a post that also mentions a patient is fine; the patient's surgery date is not."""
    event = "Our patient case series is at RSNA on December 2. Join us at booth 4021."
    assert "phi.date" not in rules(event)
    story = "Join us in cheering for our patient: she had surgery on December 2 and walked today."
    assert "December 2" in flagged(story, "phi.date")


def test_generic_patient_does_not_pull_in_the_hospital():
    """'A patient who met criteria' in a rate is any patient; 'a patient in room 412' is one person."""
    generic = "At Bayview Medical Center, 27% of alerts identified a patient who met sepsis criteria (data on file)."
    assert "phi.facility" not in rules(generic)
    single = "A patient in room 412 at Bayview Medical Center got the alert first."
    assert set(flagged(single, "phi.facility")) == {"412", "Bayview Medical Center"}


def test_later_sentence_about_the_patient_keeps_its_date_and_facility():
    """A date and hospital in a follow-on sentence with 'he' or 'she' are still the patient's."""
    text = "Meet our patient Jorge. On 02/11/2025 he had surgery at Bayview Medical Center."
    assert flagged(text, "phi.date") == ["02/11/2025"]
    assert flagged(text, "phi.facility") == ["Bayview Medical Center"]


def test_public_clinic_date_time_and_venue_are_the_event_s():
    """A free clinic's date with its hours, and its hall, in a post inviting the public, are no patient's."""
    text = "FREE flu shot clinic Sat 10/18, 9a-1p at the Wexford Hill Grange Hall. no appt needed, bring ur card!"
    assert check(text).verdict == "pass"
    text = "Sing-Along THIS Thursday, Oct 9, 2pm, with our activities assistant on piano. Families welcome!"
    assert check(text).verdict == "pass"


def test_a_patient_s_appointment_time_stays_a_date_even_with_walk_ins_mentioned():
    """'her endo appt is tues the 9th at 2pm' is still her date."""
    assert [f for f in check("her endo appt is tues the 9th at 2pm, walk-ins welcome lol").findings if f.rule == "phi.date"]


def test_our_own_office_address_is_no_identifier():
    """'Our office is at 22 Foundry St' is the organisation's address."""
    result = check("New evening hours! Our office is at 22 Foundry St, Suite 3. Call to book.")
    assert not [f for f in result.findings if f.rule == "phi.geo"]
    assert [f for f in check("Mabel lives at 22 Foundry St and had her hip surgery on 3/4.").findings if f.rule == "phi.geo"]


def test_staff_credential_after_any_mention_of_the_name():
    """'Priya Raman, PharmD, … Priya started as a tech': both mentions are the staff member."""
    text = "Congrats to Priya Raman, PharmD, our district manager! Priya started as a tech at our Osage Falls store in 2008."
    assert not [f for f in check(text).findings if f.rule == "phi.name"]
