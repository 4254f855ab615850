"""PHI rules: each Safe Harbor identifier, patient context, allow-lists and obfuscation."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import CheckContext

from .helpers import blocked_by, check, flagged, rules


def test_titled_patient_name_is_blocked():
    """A Mr./Mrs. name in a patient story is flagged without the title and blocks the post."""
    text = "Mrs. Harriet Quill was discharged on Friday after our AI caught her bleed."
    assert flagged(text, "phi.name") == ["Harriet Quill"]
    assert check(text).verdict == "block"


def test_patient_cue_name_and_repeated_first_name():
    """A name after 'our patient' is flagged, and so is each later mention of the same name."""
    text = "Our patient Omar Haddad walked out of the ICU today. We are cheering for you, Omar!"
    assert flagged(text, "phi.name") == ["Omar Haddad", "Omar"]


def test_relative_named_in_testimonial():
    """A relative's first name after 'my grandmother' is a patient-context name."""
    assert flagged("My grandmother Edith, 97, loves her new walker.", "phi.name") == ["Edith"]


def test_health_outcome_subject_is_a_name():
    """A gazetteer first name followed by a health-outcome verb is flagged even without the word patient."""
    assert flagged("Gloria survived sepsis last year thanks to an early alert.", "phi.name") == ["Gloria"]


def test_spokesperson_and_clinician_names_do_not_fire():
    """Staff on the allow-list and doctors named with their title are not patient names."""
    text = "Meet Priya Raman and Dr. Helen Ostrowski, who will present our patient case series at RSNA."
    assert "phi.name" not in rules(text)


def test_name_without_patient_context_does_not_fire():
    """A capitalised name in a post with no patient cues is not flagged."""
    assert "phi.name" not in rules("Congrats to Maria Lopez on joining our engineering team!")


def test_authorized_patient_story_is_review_not_block():
    """A named patient with an authorization on file goes to privacy review instead of blocking."""
    result = check("Our patient Wanda Pike shared her story with us.")
    names = [f for f in result.findings if f.rule == "phi.name"]
    assert names and all(f.severity == "review" for f in names)
    assert result.verdict == "review"


def test_age_over_89_and_not_under():
    """Ages of 90 or more are flagged; ages up to 89 and aggregated '90 and older' are not."""
    assert flagged("Our patient, aged 92, went home.", "phi.age") == ["92"]
    assert flagged("A 101-year-old patient walked again.", "phi.age") == ["101"]
    assert flagged("Our patient turned ninety-three today.", "phi.age") == ["ninety-three"]
    assert "phi.age" not in rules("Our patient, aged 88, went home.")
    assert "phi.age" not in rules("Patients aged 90 and older were excluded (Lee et al., 2023).")


def test_dates_other_than_year_in_patient_context():
    """Month-day, numeric and relative dates are flagged about a patient; a bare year is not."""
    text = "Our patient was admitted 4/17 and had surgery on April 19, 2024; she was discharged last Sunday."
    assert set(flagged(text, "phi.date")) >= {"4/17", "April 19, 2024", "last Sunday"}
    assert "phi.date" not in rules("In 2023 our patient program grew.")


def test_dates_without_patient_context_are_fine():
    """Event dates in a post with no patient are not PHI."""
    assert "phi.date" not in rules("Join our webinar on March 12 at 1 pm ET.")


def test_places_smaller_than_a_state():
    """Towns with their state, ZIP codes and street addresses are flagged around a patient."""
    text = "Our patient from Millbrook, NY (ZIP 12545) lives at 14 Birch Lane."
    assert set(flagged(text, "phi.geo")) == {"Millbrook", "12545", "14 Birch Lane"}
    assert "phi.geo" not in rules("Our team is hiring in Austin, TX.")


def test_facility_and_room_number():
    """A hospital name and a room number are flagged in a patient's context."""
    text = "A patient in bed 7B at Cedar Valley Hospital got the alert first."
    assert set(flagged(text, "phi.facility")) == {"7B", "Cedar Valley Hospital"}


@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        ("Our patient's MRN: 00912345 was visible.", "phi.medical_record_number", "00912345"),
        ("Our patient's member ID XJK9921844 leaked.", "phi.health_plan_id", "XJK9921844"),
        ("The patient's Medicare number 3RT7-AB2-CD45 was shown.", "phi.health_plan_id", "3RT7-AB2-CD45"),
        ("Patient account # 77123-90 was billed.", "phi.account_number", "77123-90"),
        ("Her driver's license no. D1234567 was scanned.", "phi.license_number", "D1234567"),
        ("A patient's car, plate 8ABC123, was towed.", "phi.vehicle_id", "8ABC123"),
        ("Our patient's implant (serial SN-88231907) pinged us.", "phi.device_id", "SN-88231907"),
        ("Patient SSN 219-09-9999 was in the screenshot.", "phi.ssn", "219-09-9999"),
        ("The patient's router 10.20.30.40 sent the reading.", "phi.ip_address", "10.20.30.40"),
        ("Email our patient at lena.k@mailbox.test for quotes.", "phi.email", "lena.k@mailbox.test"),
        ("Call our patient at (646) 555-0187.", "phi.phone", "(646) 555-0187"),
        ("Fax the patient's chart to 646-555-0112.", "phi.fax", "646-555-0112"),
        ("Support our patient: https://www.gofundme.com/f/help-lena", "phi.url", "https://www.gofundme.com/f/help-lena"),
        ("Patient @lenaruns posted her progress.", "phi.handle", "@lenaruns"),
    ],
)
def test_structured_identifiers(text: str, rule: str, span: str):
    """Each structured Safe Harbor identifier is found with its exact span."""
    assert span in flagged(text, rule)
    assert check(text).verdict == "block"


def test_own_phone_domain_and_handle_are_allowed():
    """Our own phone number, email domain and handle never fire, even in a patient post."""
    text = "Patients can call (312) 555-0100, email care@acme.test or message @AcmeHealth. Our patient loved it."
    found = rules(text)
    assert not found & {"phi.phone", "phi.email", "phi.handle"}


def test_toll_free_numbers_are_not_personal():
    """A toll-free business number is not treated as a personal phone number."""
    assert "phi.phone" not in rules("Questions about your patient portal? Call 1-888-555-0123.")


def test_public_statistics_do_not_fire():
    """Aggregate patient counts, ages and 3-digit ZIP areas are not PHI."""
    text = "Validated on 4,100 patients aged 45-80 from ZIP3 areas 100 and 945 (Park et al., 2024)."
    assert not [f for f in check(text).findings if f.family == "phi"]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Patient SSN 2 1 9 - 0 9 - 9 9 9 9 leaked.", "2 1 9 - 0 9 - 9 9 9 9"),
        ("Patient SSN 2.1.9.0.9.9.9.9.9 leaked.", "2.1.9.0.9.9.9.9.9"),
        ("Patient SSN two one nine zero nine nine nine nine nine leaked.", "two one nine zero nine nine nine nine nine"),
    ],
)
def test_obfuscated_digits_are_found(text: str, span: str):
    """Spaced, dotted and spelled-out digits are normalised and mapped back to the original span."""
    assert flagged(text, "phi.ssn") == [span]


def test_spaced_phone_number_is_found():
    """A phone number typed digit by digit is still found."""
    assert flagged("Text our patient's mom at 6 4 6 5 5 5 0 1 8 7.", "phi.phone") == ["6 4 6 5 5 5 0 1 8 7"]


def test_patient_media_needs_release():
    """Before/after photos block, and go to review when a release is on file."""
    text = "See the before and after photos of her recovery!"
    assert check(text).verdict == "block"
    assert check(text, context=CheckContext(media_release_on_file=True)).verdict == "review"


def test_reply_confirming_treatment_relationship():
    """A reply that mentions the reviewer's visit confirms they are a patient."""
    reply = "Sorry to hear that. Your appointment ran late because of an emergency."
    assert "phi.treatment_relationship" in rules(reply, context=CheckContext(is_reply=True))
    assert "phi.treatment_relationship" not in rules("We never discuss anyone's care in public; please call us.",
                                                     context=CheckContext(is_reply=True))


def test_quasi_identifier_rare_case_in_small_place():
    """A rare case placed in a named town is a quasi-identifier."""
    assert "phi.quasi_identifier" in rules("The first case of Pompe disease in Willow Bend this year!")


def test_authorization_id_in_text_downgrades_story_phi_to_review():
    """A patient story citing its authorization ID goes to privacy review instead of blocking."""
    text = "Shared with HIPAA authorization (ref AUTH-3310): our patient Nadia Rahim was discharged on June 4."
    result = check(text)
    assert result.verdict == "review"
    assert {f.rule for f in result.findings} >= {"phi.name", "phi.date"}


def test_staff_life_story_is_not_patient_context():
    """Talking about a clinician's life or journey does not make dates and places PHI."""
    text = "Dr. Lena Ortiz has devoted her life to stroke care; hear her on March 3 at Lakeside General."
    assert not [f for f in check(text).findings if f.family == "phi"]


def test_images_on_a_patient_post_need_a_release():
    """Images attached to a patient post go to privacy review unless a release is on file."""
    context = CheckContext(alt_texts=("Smiling woman in a hospital gown",))
    assert "phi.photo" in rules("Our patient is back on her feet!", context=context)
    released = CheckContext(alt_texts=("Smiling woman",), media_release_on_file=True)
    assert "phi.photo" not in rules("Our patient is back on her feet!", context=released)


def test_hashtags_are_not_patient_context():
    """A hashtag such as #PatientSafetyWeek neither names nor implies a patient."""
    assert check("Join us for #PatientSafetyWeek on 3/14!").verdict == "pass"


def test_patient_programmes_are_not_a_patient():
    """'Patient advisory council' and similar programme names do not create patient context."""
    assert check("Our patient advisory council met today to review the new app.").verdict == "pass"


@pytest.mark.parametrize(
    ("text", "rule", "value"),
    [
        ("Our pharmacy account is QX-40218-771 and the refill is late again.", "phi.account_number", "QX-40218-771"),
        ("His driver's licence (K2209-55100-41) came back after the review.", "phi.license_number", "K2209-55100-41"),
        ("Her insulin pump serial: PZ 3381 0042 is on the card in her bag.", "phi.device_id", "PZ 3381 0042"),
        ("Claim no. CX-2024-118273 was denied again after his surgery.", "phi.other_id", "CX-2024-118273"),
    ],
)
def test_cued_identifier_in_any_spelling(text, rule, value):
    """An identifier after its cue word is flagged whatever its separators, without the following words."""
    assert value in flagged(text, rule)


def test_cued_identifier_ignores_years_and_short_numbers():
    """A year or a short number after a cue word is not an identifier."""
    assert not any(r.startswith("phi.") for r in rules("Our account team grew in 2024 and case 12 closed."))


def test_family_word_used_as_a_name_is_patient_context():
    """'Dad's stroke' makes the post about the writer's own relative; the family word itself is no name."""
    text = "Dad's stroke was in the spring. Ruthanne drove in from Kessling to sit with him at rehab."
    result = check(text)
    assert result.verdict == "block"
    assert "Dad" not in flagged(text, "phi.name")
    assert check("Mother's Day brunch: book your table now.").verdict == "pass"


def test_names_listed_with_a_patient_share_the_patient_role():
    """Every name in a list that holds a patient's name is flagged: 'Mrs. Quill, Tobias and Wren'."""
    text = "Mrs. Quill, Tobias and Wren Abernathy were all admitted after the crash on Route 9."
    names = flagged(text, "phi.name")
    assert {"Quill", "Tobias", "Wren Abernathy"} <= set(names)


def test_initials_surname_families_and_non_english_titles():
    """Initials, 'the Hendersons' and 'Sra. Ibáñez' / lower-case 'mr. okafor' are names in a patient post."""
    assert "W.T." in flagged("Pt W.T. went into torsades after the azithro dose.", "phi.name")
    assert "Henderson" in flagged("The Henderson family thanked the ICU after their dad was discharged.", "phi.name")
    assert "Ibáñez" in flagged("La paciente Sra. Ibáñez had her surgery on Monday.", "phi.name")
    assert "okafor" in flagged("mr. okafor coded twice overnight, now stable in the icu", "phi.name")


def test_initials_that_are_not_people_pass():
    """U.S., M.D. and a.m. are not initials of a person."""
    text = "Our patient education handouts are used across the U.S. at 9 a.m. clinics, reviewed by an M.D."
    assert "phi.name" not in rules(text)


def test_reply_that_confirms_care_blocks_and_its_handle_is_the_patient():
    """A reply about the person's own sample or cleaning confirms care; the handle it greets is PHI."""
    text = "Congrats on the clean colonoscopy, @trail_runner_88! See you at your next checkup."
    assert check(text).verdict == "block"
    assert "@trail_runner_88" in flagged(text, "phi.handle")
    assert "phi.treatment_relationship" in rules("Sorry for the mix-up, Odessa. The lab lost your sample; we'll redraw.")


def test_staff_named_after_their_job_are_not_patients():
    """'our aide Lupe' in a relative's post is a member of staff, not a patient."""
    text = "Mom's favourite aide Lupita is leaving the home. Mom cried for an hour after her stroke."
    assert "Lupita" not in flagged(text, "phi.name")


def test_date_after_a_place_introduced_by_from_is_still_the_patients():
    """'pt from Dunmore, STEMI on 9/17' is an event date of the patient, not a study period."""
    assert "9/17" in flagged("Cath lab pearl: pt from Dunmore, STEMI on 9/17, culprit was a dissection.", "phi.date")


def test_holiday_date_of_a_relative_blocks():
    """A holiday tied to the writer's own mother is a date identifier, not a weak relative expression."""
    text = "Mom's confusion got worse after Christmas Eve, so the home moved her near the nurses."
    assert check(text).verdict == "block"
    assert "Christmas Eve" in flagged(text, "phi.date")


def test_capitalised_family_word_is_context_but_idioms_are_not():
    """'Mom' used as a name puts the post in a relative's context; 'Mom jokes' and 'Moms' do not."""
    assert check("Back from the home, and Mom still calls Ignatius by his boyhood nickname. Born 4/12/1931.").verdict == "block"
    assert check("Mom jokes and Dad bods: our summer wellness series starts 6/14.").verdict == "pass"


@pytest.mark.parametrize(
    "text",
    [
        "@marisol_g ¡Hola! Tus resultados de laboratorio ya están listos en el portal.",
        "@benji_77 we called you back about the strep swab and it went to voicemail.",
        "Hey Ottilie 👋 your TB test reading is due Thursday, see you then!",
        "Hey @ohio_ray, we saw you in urgent care yesterday, hope the stitches are holding up!",
        "@jj_walks the wifi login shows you checked in at 7:02. DM us for the form.",
        "@kathy_b so glad your mom is home! Our nurses saw her alert come through and jumped on it.",
        "@txt_me_not The number we have for you is 216-555-0199, is that still right?",
        "hi denise! the pharmacist called ur cardiologist about the dose.",
        "@laurie_b done! we emailed ur vaccine record, check spam.",
        "Hi Jun-Jun! Dr. Villaflor wants to recheck your flap, kindly call us back.",
        "@grampa_lou thanks Lou!! your band's data looks great this week.",
        "@jaxxons_mama so glad he's home!! he was the best patient on the unit all month.",
        "Hola Doña Carmen 🌸 la enfermera dice que su presión estaba mucho mejor hoy.",
        "@ronnie_g u left ur sunglasses 😎 see u at ur follow up",
    ],
)
def test_reply_talking_about_the_persons_own_care_blocks(text):
    """A reply that speaks to someone about their own test, results or visit confirms care (R24), in English or Spanish."""
    assert "phi.treatment_relationship" in rules(text)
    assert check(text).verdict == "block"


@pytest.mark.parametrize(
    "text",
    [
        "@marisol_g ¡Hola! Por privacidad no hablamos de resultados aquí; escríbenos por mensaje privado.",
        "@benji_77 Sorry about the wait! We can't discuss anyone's visit here, please call our patient line.",
        "Thank you to our Patient Advisory Council, chaired by Imre Vass, for a year of feedback.",
        "@ohio_ray we can't confirm whether we saw you; please call our patient line.",
        "@kim_b Cardiologists recommend checking your numbers weekly; our nurses answer questions at 555-0100.",
        "@dev_k your data is never sold. Read our privacy policy at example.com/privacy.",
    ],
)
def test_reply_that_declines_to_discuss_care_passes(text):
    """Refusals, privacy notes and thanks to a council confirm nothing."""
    assert "phi.treatment_relationship" not in rules(text)


def test_spanish_dates_ages_and_families():
    """'15 de agosto', 'noventa y uno' and 'the Adeyemo family ... with flu' are identifiers in a reply about care."""
    text = "@abuela_rosa ¡Feliz cumpleaños número noventa y uno! Nos vemos en tu chequeo el 15 de agosto."
    assert "noventa y uno" in flagged(text, "phi.age")
    assert "15 de agosto" in flagged(text, "phi.date")
    assert "Adeyemo" in flagged("Sending good vibes to the Adeyemo family, all four of you with flu this week!", "phi.name")


def test_call_story_without_the_word_patient_is_about_one_person():
    """'Kid on a dirt bike, Hatchery Road, Sunday 7/13, open femur' names a road and a date of one injured person."""
    text = "Kid on a dirt bike, Tanner Mill Road, Sunday 7/13, open femur. Helmet saved his life."
    assert check(text).verdict == "block"
    assert "Tanner Mill Road" in flagged(text, "phi.geo")
    assert "7/13" in flagged(text, "phi.date")


def test_residence_county_road_and_age_after_the_person_word():
    """'the Pruitt farm', 'County Road 9' and 'driver 91' are identifiers in a call story."""
    assert "91" in flagged("Rollover on County Road 9 tonight, driver 91 and still arguing about his hat. Minor fracture.",
                           "phi.age")
    assert "Pruitt farm" in flagged("Verna from the Pruitt farm called again with chest pain.", "phi.geo")


def test_general_advice_about_drivers_is_not_a_patient():
    """A safety tip about every driver holds no patient."""
    assert check("Every driver over 65 should review their medications for dizziness with a pharmacist.").verdict == "pass"


def test_greeted_name_fundraiser_and_owned_number():
    """'Shout out to X for losing 40 lb' names a patient; a medical fundraiser and 'our account' block on their own."""
    assert "Odalys Pereira" in flagged("Shout-out to Odalys Pereira for losing 40 lb after her knee surgery!", "phi.name")
    assert check("Thank you all, the stair lift for Pop's rehab came from gofundme.com/f/help-pop-walk").verdict == "block"
    assert check("Our pharmacy account is RX-55120-884 and nobody answers the phone.").verdict == "block"


def test_staff_named_once_with_their_job_stay_staff():
    """A name given once after 'aide' is staff at every later mention too."""
    text = "Our aide Lupita is leaving the home. Mom can't remember Lupita's name but cried all day after her fall."
    assert "Lupita" not in flagged(text, "phi.name")


@pytest.mark.parametrize(
    "text",
    [
        "Only Fabry case in our county, and she's doing great on enzyme therapy.",
        "First transplant patient on the island in decades went home today.",
        "She is the only person in town with Erdheim-Chester disease.",
    ],
)
def test_rare_case_in_a_small_community_is_a_quasi_identifier(text):
    """'Only X case in our county' identifies the patient without any single identifier (R30)."""
    assert "phi.quasi_identifier" in rules(text)


def test_first_case_series_in_a_city_study_is_not_flagged():
    """A study's 'first patients in the trial' is not a small-community rarity."""
    assert "phi.quasi_identifier" not in rules("The first patients in the trial were enrolled at 12 sites.")


def test_bare_local_number_and_patients_relative_in_context():
    """'pt's home phone 555–0177' (en dash) and 'the patient's daughter emailed from …' are a patient's identifiers."""
    assert "555–0177" in flagged("charting joke: pt's home phone listed as 555–0177, ask for Bobby", "phi.phone")
    assert check("Patient's daughter just emailed me from j.okafor71@gmail.example, posting so I remember.").verdict == "block"


@pytest.mark.parametrize(
    "text",
    [
        "Thank you, Priya! We'll share your kind words with the whole clinic.",
        "@carlos_v ¡Gracias por tus palabras! Te esperamos pronto en la clínica.",
        "@tina_l We don't have your records here, but our privacy team can help by phone.",
    ],
)
def test_thankful_or_refusing_replies_are_not_blocked(text):
    """Thanks that name the clinic, and a refusal to look at records, confirm no care."""
    assert check(text).verdict != "block"


def test_ssn_after_its_cue_in_brackets_and_cdl_number():
    """'ssn (900 41 2207)' and a commercial licence 'CDL K7740-21-9983' are identifiers after their cue."""
    result = check("why did triage write the pt's ssn (900 41 2207) in the HPI section")
    assert [(f.rule, f.severity) for f in result.findings if f.rule == "phi.ssn"] == [("phi.ssn", "block")]
    result = check("MVC, truck driver, CDL K7740-21-9983 still clipped to his vest. sir you have 4 broken ribs")
    assert any(f.rule == "phi.license_number" for f in result.findings)


@pytest.mark.parametrize("text", ["Our SSN policy: we never ask for it.", "MRN: never post it, not even in a DM."])
def test_field_name_followed_by_prose_is_no_identifier(text):
    """A number field's name followed by words, not a number, carries no identifier."""
    assert check(text).verdict == "pass"


def test_press_release_dateline_is_the_organisation_s():
    """'— PRINCETON, N.J., April 7, 2026 —' is where and when the release was issued, not a patient's date or initials."""
    text = "FOR IMMEDIATE RELEASE\n\n— PRINCETON, N.J., April 7, 2026 — Hallorin today announced results in adults with migraine."
    assert not [f for f in check(text).findings if f.family == "phi"]


def test_credential_after_a_name_but_not_a_verb():
    """'Keisha Dumont, PT' is staff; 'Jake, OD'd again' is not a credential."""
    assert check("Meet Keisha Dumont, PT, who runs our balance class").verdict == "pass"
    assert [f for f in check("Jake, OD'd again on Fifth and Elm, narcan x2, he is home now").findings if f.rule == "phi.name"]


def test_a_lower_case_greeting_to_one_person_is_a_reply_but_hi_everyone_is_not():
    """'hi denise!' opens a reply to one person; 'Hi everyone!' opens a post to all, whose 'your' is generic."""
    assert "phi.treatment_relationship" in rules("hey marco, we called ur insurance about the MRI denial.")
    assert "phi.treatment_relationship" not in rules("Hi everyone! For flu day we called your insurance plans in advance.")


@pytest.mark.parametrize("text", [
    "Before-and-after photos of Deb's cleft repair are up on our Instagram!",
    "Congrats to Big Tony on getting his cast off 🎉 his before/after x-rays are on our IG story!",
    "Look the pictures of the ulcer before and after of Sr. Raimundo, it close in 6 weeks!",
    "Grand rounds slides include pt photo and name, I'll post the deck here after.",
    "gladys made me promise to post this: selfie of us on her discharge day 🥹",
    "Swipe to see the photo she let me take of her holding her chip outside my office.",
])  # fmt: skip
def test_patient_pictures_in_many_wordings_block(text):
    """Before/after in any spelling, 'pt photo', a selfie with the patient, a photo 'she let me take' (R23)."""
    assert blocked_by(text, "phi.photo")


def test_refusing_or_cancelling_patient_photos_passes():
    """A policy or a cancellation about patient photos shows no patient."""
    for text in ("patient selfie month is cancelled bc we need signed consent forms first lol",
                 "We never post patient photos without written consent."):
        assert "phi.photo" not in rules(text)


def test_a_client_in_a_sentence_about_care_and_kin_taken_to_care_are_patients():
    """'a client on Culver Ridge Road' given insulin, and 'taking nana to her appt', put the post about a patient."""
    assert blocked_by("Our nurse drove through the flood on March 19 to get insulin to a client on Culver Ridge Road.", "phi.geo")
    assert blocked_by("taking nana to her cardiology appt on sat 4/12, anyone know if parking is free", "phi.date")
    assert "phi.geo" not in rules("Every client on our list gets a call before the storm hits Culver Ridge Road.")


@pytest.mark.parametrize("text", [
    "Hoy visité a doña Chuy de 91 años, azucar en 180 en ayunas",
    "Ya quedó vacunado contra la neumonía don Pancho Villarreal, vive en la calle Caoba",
    "Visitei hoje Seu Joaquim, a pressão tava 160/95, já marquei consulta",
])  # fmt: skip
def test_spanish_and_portuguese_honorifics_mark_a_name(text):
    """'doña', 'don', 'Seu' before a capitalised name, in a post about care, name a patient."""
    assert "phi.name" in rules(text)


def test_spanish_health_words_tie_a_titled_name_to_care():
    """A named elder in a Spanish post about insulin or dialysis is a patient; a church named for a saint is no one."""
    assert blocked_by("Si ven la camioneta de don Beto afuera no le pongan multa, está en su diálisis hasta las 11", "phi.name")
    text = "Clínica de vacunas gratis el sáb 8 de noviembre en la Iglesia San Mateo, con o sin seguro."
    assert check(text).verdict != "block"


@pytest.mark.parametrize("text", [
    "We can't discuss anyone's care here, but our billing desk can help by phone: (646) 555-0129.",
    "Please don't post record numbers here; call medical records at (646) 555-0132 or fax requests to (646) 555-0193.",
    "Enrolling now for the sleep study. Learn more on our site or call (646) 555-0163.",
])  # fmt: skip
def test_numbers_given_for_a_desk_or_in_a_refusing_reply_are_the_organisation_s(text):
    """An instruction to call a desk or a role, or a reply that refuses to discuss care, gives the organisation's line."""
    assert not {"phi.phone", "phi.fax", "phi.structured_field"} & rules(text)


def test_a_personal_number_after_call_stays_personal():
    """'call her daughter at', 'text Rhonda at', 'call the house at': the number is a person's."""
    assert "phi.phone" in rules("Mr. Ames was discharged Friday; call his daughter at (646) 555-0177 with questions.")
    assert "phi.phone" in rules("Our patient Rhonda beat her diabetes. Text Rhonda at (646) 555-0142 to hear how.")


def test_spinal_levels_are_not_dates():
    """'C6-7', 'L4-5' name vertebrae, not the 7th of June."""
    assert "phi.date" not in rules("Our patient had an ACDF at C6-7 and a new L4-5 disc last year.")


def test_dates_of_a_public_walk_in_clinic_are_the_event_s():
    """A walk-in list or 'come find us' invitation dates the event, not a patient."""
    text = "Flu clinic at Little Lantern Pediatrics! Walk-ins welcome:\n• Oct 4 in Ashgrove\n• Oct 11 in Cedar Ford"
    assert check(text).verdict == "pass"
    assert "phi.date" not in rules("Come find us at the IBD Walk on Saturday, Sept 13 in Port Calloway!")


@pytest.mark.parametrize("text", [
    "Thanks to our clinical reviewers Ana Ruiz, Bo Lindqvist and Chidi Okeke, who read every post before it goes out.",
    'chaplain resident Samir Haddad-Lowe played "Be Thou My Vision" on his oud in the atrium at lunch.',
    "Meet Tasha Brennan, RDH! She has cleaned teeth at our Ashby office for 9 years.",
])  # fmt: skip
def test_staff_named_in_a_list_by_a_trainee_title_or_a_credential_pass(text):
    """A list opened by a staff word, a 'chaplain resident' and a name followed by a credential (RDH) are staff."""
    assert "phi.name" not in rules(text)


@pytest.mark.parametrize(("text", "room"), [
    ("Our patient Leroy in chair 2 hit 500 dialysis treatments today and the first shift made him a cake", "2"),
    ("Admitted to 4W-21 overnight after the fall, her daughter is with her", "4W-21"),
    ("She was 94 and sharper than any of us on the Cedar wing, the patient everyone asked for", "Cedar wing"),
])  # fmt: skip
def test_chairs_unit_beds_and_wings_tied_to_a_patient_are_flagged(text, room):
    """A dialysis or infusion chair, a unit-and-bed code and a named wing place the patient."""
    result = check(text)
    assert any(f.rule == "phi.facility" and room in text[f.start : f.end] for f in result.findings)


def test_a_hospital_named_in_lower_case_after_a_preposition_is_a_facility():
    """'loaded up to wexley regional at 2am' names the hospital as surely as 'Wexley Regional'."""
    text = "marcy labored 30 hrs at home so we loaded up to wexley regional at 2am, epidural, rest, and baby came"
    assert any(f.rule == "phi.facility" and text[f.start : f.end] == "wexley regional" for f in check(text).findings)
    assert "phi.facility" not in rules("we drove to the regional hospital for the conference on sepsis alerts")


@pytest.mark.parametrize("text", [
    "Every week somebody asks if a prescription is ready. We will never answer that in public. Call, text 320-555-0182, or use the app.",
    "Closing at noon today for the ice storm. Questions: (608) 555-0173 or use the portal.",
])  # fmt: skip
def test_a_number_for_everyone_or_in_a_refusing_post_is_the_organisation_s(text):
    """'Call, text …' to all readers and a post that will never answer about anyone's care give the organisation's line."""
    assert not {"phi.phone", "phi.structured_field"} & rules(text)
    assert "phi.phone" in rules("aiden's mom we have his retainer from his cleaning!! call 206 555 0183")


@pytest.mark.parametrize("text", [
    "Thanks to state Rep. Harlan Quistgaard for spending an hour behind our counter on Friday.",
    "Roll call: Deb Amankwah (charge nurse who remembers everyone's kids' names) and Jess Vanderpool (port-access wizard).",
    "Thank you to Jess Vanderpool for running registration in the rain at the infusion center walk.",
    'reading Florence Nightingale on my lunch break: "fear of surprise does a patient more harm". still true for scan week',
])  # fmt: skip
def test_officials_roles_in_brackets_helpers_and_historical_figures_are_not_patients(text):
    """A state representative, a name followed by its job in brackets, a volunteer thanked for a task, Nightingale."""
    assert "phi.name" not in rules(text)
