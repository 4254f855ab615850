"""Generalisations drawn from the thirty-third round of unseen writers (a Filipino home-care agency, a veterans' clinic,
a hospital's volunteer services, a Nigerian diaspora pharmacist) and from held-out train writers: a colleague's
birthday, claims taken back or compared rather than made, and negation in Tagalog and for everyone ("nobody should").
The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.core.compliance.helpers import (
    BRAND,
    BRAND_REPLY,
    CLINICIAN,
    EMPLOYEE,
    INFLUENCER,
    assert_confirms_care,
    assert_not_blocked,
    blocked_by,
    check,
    check_registry,
)


@pytest.mark.parametrize("text", [
    "Happy birthday to our billing manager Odette Vallancourt 🎂 it's June 9 and she's already answered 40 emails",
    "Team birthdays this month: Marguerite Osei (4/2), our scheduler Tobias Lind (4/19) and Priyanka Dube (4/27) 🎉",
    "ravi's birthday is 10/14 and he's working it. sign the card at the nurses' station 🎂",
    "happy birthday to Consuelo Ybarra, our pharmacy queen 🎂 cupcakes in the break room at 2!",
])
def test_a_colleagues_birthday_is_no_patients_date(text):
    assert_not_blocked(text, EMPLOYEE)


@pytest.mark.parametrize("text", [
    "Happy 95th birthday to our favorite patient Mrs. Ruthanne Kessler, born June 2nd! The whole office signed her card 🎂",
    "happy birthday to our longest-standing client Mr. Ignatius Poole 🎂 turned 97 on 3/8 and still drives to every visit",
])
def test_a_birthday_greeting_to_someone_we_care_for_still_blocks(text):
    assert check(text, context=EMPLOYEE).verdict == "block"


@pytest.mark.parametrize("text,products", [
    ('FAQ time.\n\nQ: Is the Halvora Band "FDA approved"?\nA: No. It is FDA 510(k) cleared (K251234).',
     {"Halvora Band": "510k_cleared"}),
    ('Lesson of the week: "FDA cleared" and "FDA approved" are not the same thing. Our Ostrella cuff is 510(k) cleared.',
     {"Ostrella": "510k_cleared"}),
    ('We rewrote our product page this month. We have also removed "100% safe." No scan is risk-free.', {}),
    ('Correcting my post: I called the Tessimo patch "FDA approved" and said Quillon AI was rolling out. Wrong on both.',
     {"Tessimo": "510k_cleared", "Quillon AI": "investigational"}),
    ('Things you will NOT see in our ads, and why 🧵\n1/ "FDA approved" about the Pellan dispenser. It is FDA cleared.',
     {"Pellan": "510k_cleared"}),
])
def test_a_claim_taken_back_or_compared_is_not_made(text, products):
    result = check_registry(text, products, BRAND)
    assert result.verdict != "block", [(f.rule, text[f.start : f.end]) for f in result.findings]


@pytest.mark.parametrize("text", [
    'Still selling it? The Tessimo patch is "FDA approved" and never misses a fall.',
    'Q: Is the Tessimo patch "FDA approved"?\nA: Yes, and it works for everyone.',
])
def test_a_claim_still_made_blocks(text):
    assert check_registry(text, {"Tessimo": "510k_cleared"}, BRAND).verdict == "block"


@pytest.mark.parametrize("text", [
    "#ad Paid partner ako ng Luntian Herbs. Hindi po ito gamot at hindi cure sa high blood. wag itigil ang maintenance",
    'walang "cure" sa arthritis na capsule, kahit ano pa ang sabihin sa TikTok. ask your doctor po',
    "#ad I partner with Oribe Roots. Nobody should stop insulin or metformin because of a tea.",
])
def test_negation_in_tagalog_and_for_everyone(text):
    assert_not_blocked(text, INFLUENCER)


@pytest.mark.parametrize("text,rule", [
    ("#ad Luntian Herbs capsules are a cure for high blood, promise po", "claims.cure"),
    ("my tita says you should stop metformin once you drink this tea", "claims.misinformation"),
])
def test_the_claim_without_a_negation_still_blocks(text, rule):
    assert blocked_by(text, rule, context=INFLUENCER)


@pytest.mark.parametrize("text", [
    "Top volunteer driver this quarter: CMSgt (ret.) Dale Voskuijlen with 212 rides. Want to drive? (414) 555-0199",
    "Keynote by Gen. (Ret.) Philippa Arkwright at the Veterans Day breakfast in the clinic lobby.",
])
def test_a_retired_rank_names_a_volunteer_or_a_speaker(text):
    assert_not_blocked(text, EMPLOYEE)


def test_a_retired_veteran_can_still_be_the_patient():
    text = "SFC (Ret.) Harlan Pikestaff, 94, was admitted to our community living center on 3/2 after a fall at home."
    assert check(text, context=EMPLOYEE).verdict == "block"


@pytest.mark.parametrize("text", [
    "@brenna_k I can't tell what's going on from a comment. A fever past 3 days in a toddler = get seen today.",
    "@oakley_p i can't look anything up here (privacy). our client services line can help: 563-555-0131",
    "@dm_hart We don't confirm whether anyone is or was a patient. For media questions, contact Ilse Brandvold at 555-0168.",
])
def test_a_reply_that_refuses_to_look_or_tell_confirms_no_care(text):
    assert_not_blocked(text, BRAND_REPLY)


def test_a_reply_that_confirms_care_still_blocks():
    assert_confirms_care("@oakley_p we looked it up: your biopsy results from Tuesday are in, Dr. Venn will call you.",
                         BRAND_REPLY)


@pytest.mark.parametrize("text", [
    "@dana_rk ur mom did great tonight, slept thru since midnight. i'll tell day shift u called",
    "@wes_hauls your med card is ready at the front desk, double-check the CDL number before you leave!",
    "@pia.bakes yep you're back in chair 7 thursday, the nurses say hi 🙌",
    "@tomasz_h omg yes that was me who drew your dad on 6 west!! tell him hi",
    "@lennie_r it was an honor to care for your mama those last weeks 💛",
    "@mara_ships we emailed your return-to-work letter this morning, check spam!",
])
def test_a_reply_that_tells_of_our_care_or_service_confirms_care(text):
    assert_confirms_care(text, BRAND_REPLY)


@pytest.mark.parametrize("text", [
    "@runner_jo your registration for the 5K is done, see you at the start line!",
    "@kim_h thanks! we emailed your question to our events team and they'll reply this week",
])
def test_a_reply_about_an_event_or_a_message_confirms_no_care(text):
    assert_not_blocked(text, BRAND_REPLY)


@pytest.mark.parametrize("text,rule", [
    ("sounds like strep tbh, just take the leftover amoxicillin from your last round lol", "claims.misinformation"),
    ("Grandma's heart tonic, all natural, no side affects 🌿 $12 a jar", "claims.absolute_safety"),
    ("Our stroke AI outperforms neuroradiologists on CTA.", "claims.superiority"),
    ("No human read required for the 2am page. The AI handles it.", "claims.ai_overclaim"),
])
def test_misspelled_and_reworded_claims(text, rule):
    assert blocked_by(text, rule, context=BRAND)


def test_advice_against_leftover_antibiotics_is_the_advice_itself():
    assert not blocked_by("Never take leftover antibiotics from an old prescription; call us instead.",
                          "claims.misinformation", context=BRAND)


@pytest.mark.parametrize("text", [
    "if anyone from choir wants to bring supper to inez, her number is five five five, oh one seven two",
    "note to self: call back rufus re: his refill. he said use his cell, five oh three, five five five, oh two one nine",
])
def test_a_phone_number_spelled_out_in_words_is_someones_own(text):
    assert blocked_by(text, "phi.phone", context=EMPLOYEE)


@pytest.mark.parametrize("text", [
    "don't trust texts asking for card numbers. our only numbers are five two zero, five five five, oh one three four.",
    "Landline is back up after the storm! Still three two zero, five five five, zero one seven six.",
])
def test_our_own_line_spelled_out_is_not_blocked(text):
    assert_not_blocked(text, BRAND)


def test_an_email_address_written_to_dodge_filters_is_someones_own():
    assert blocked_by("menu for the potluck is with me, write to wendell.okafor [at] example [dot] net",
                      "phi.email", context=EMPLOYEE)


def test_a_plain_mailbox_outside_a_patients_context_is_not_blocked():
    assert_not_blocked("Questions about the potluck? Write to wendell.okafor@example.net", BRAND)


@pytest.mark.parametrize("text,context", [
    ('So many WhatsApp forwards this week about "sugar-free powders that cure diabetes." None of them cures anything.',
     CLINICIAN),
    ("records requests go to HIM fax (570) 555-0177 or through the portal, not the unit printers", EMPLOYEE),
    ("Cavities in baby teeth need care. If cost is a worry, call (380) 555-0148 and ask about Medicaid.", BRAND),
    ("our volunteer driver Teodoro Ishida turns 92 this week and has driven Route C for 14 years 🚗", EMPLOYEE),
])
def test_what_is_reported_ours_or_a_colleagues_is_not_blocked(text, context):
    assert_not_blocked(text, context)


@pytest.mark.parametrize("text", [
    "@newmom_k for teething, a chilled teether helps most babies. Fever over 100.4°F isn't teething, call your pediatrician.",
    "@county_radio thanks for having us on! for your listeners: 6 in 10 people we screened had high BP they didn't know about",
])
def test_a_reply_that_sends_on_or_speaks_to_an_audience_confirms_no_care(text):
    assert_not_blocked(text, BRAND_REPLY)


@pytest.mark.parametrize("text", [
    "@kaz_fujii_77 Fujii-san, we moved your meal deliveries to Monday, low-salt like the doctor said 🍱",
    "吉田さん、九十六歳のお誕生日おめでとうございます 🎂 the whole dayroom sang",
    "Happy hakuju to Baachan Toshiko Arakaki, who turned 99 on 令和7年5月9日 in the Sakura Wing sunroom.",
    "Bapu ji Darshan Singh Grewal is sattanve and just landed on a visitor visa, BP 182/96 at the door",
    "pls call back P. S. Bajwa about her statin refill, number is nau sifar panj, panj panj panj, sifar ikk tinn chaar",
])
def test_names_ages_dates_and_numbers_in_japanese_and_punjabi_ways_of_writing(text):
    assert check(text, context=EMPLOYEE).verdict == "block"


@pytest.mark.parametrize("text", [
    "Shodo with Kimura Sensei and taiko with Ota Sensei, every Tuesday at 9:30 in the Kizuna hall.",
    "Happy kanreki to Hiroshi Tamura, our adult day coordinator! The elders all call him Hiroshi-san. Cake at 2.",
])
def test_a_teacher_or_a_colleague_named_with_an_honorific_is_not_blocked(text):
    assert_not_blocked(text, EMPLOYEE)


def test_a_volunteers_age_is_reviewed_not_blocked_by_the_rules(rules_only):
    assert_not_blocked("our volunteer driver Goro Ishikawa turns 92 this week and has driven Route C for fourteen years 🚗",
                       EMPLOYEE)


@pytest.mark.parametrize("text,context", [
    ("training decks use our test patient only: ZZTEST, PATIENT | MRN 0000000 | DOB 01/01/1900. see a real name? tell us",
     EMPLOYEE),
    ("Pet therapy by the numbers 🐾 2,340 visits this year. Thank you Marguerite, Tobiah, Desmond, Hana and crew.", EMPLOYEE),
    ("@mags_v we can't look up or discuss anyone's account here. the portal line (570) 555-0152, 7a–7p, can verify you -dz",
     BRAND_REPLY),
])
def test_a_test_patients_birth_date_a_team_thanked_and_opening_hours_in_a_refusal(text, context):
    assert_not_blocked(text, context)


@pytest.mark.parametrize("text", [
    "Welcome back Octavia Brandvold-Reyes, RDMS, who is ultrasounding teddy bears for a third year running.",
    "Shoutout to Winifred Oakes, 92, our longest-serving NICU cuddler volunteer. Tuesdays and Thursdays for 26 years.",
    "Starter for the 5K: retired point guard Marquis Delacroix-Hunt. Sign up at example.org/5k.",
    "Thank you to Councillor Imogen Ferreira-Lutz for sitting through a full night shift on 6 West with us.",
])
def test_credentials_appositives_and_public_callings_name_staff_and_public_figures(text):
    assert_not_blocked(text, EMPLOYEE)


def test_a_nun_who_is_the_patient_still_blocks():
    assert check("Sister Renata's knee replacement moved from 11/4 to the Monday after Thanksgiving at St. Brendan's.",
                 context=EMPLOYEE).verdict == "block"


def test_a_demo_payloads_epoch_birth_date_is_nobodys():
    assert_not_blocked('From the vendor sandbox: {"patient":{"name":"Demo, Dana","mrn":"DEMO-0001","birthDate":"1970-01-01"}}',
                       EMPLOYEE)


def test_flu_clinic_dates_with_opening_hours_are_an_events(rules_only):
    assert_not_blocked("Flu jab clinic is back 💉 Sat 18th October, 8.30–12.30 at the surgery. Book online.", BRAND)


@pytest.mark.parametrize("text", [
    "@medic_ray_91 Appreciate you, Doc. That took guts to post. DMs open any time.",
    "@jojo_spikes love the energy! good luck this weekend, the whole AT room is cheering for you 🏐",
])
def test_a_clinician_addressed_or_a_team_room_confirms_no_care(text):
    assert_not_blocked(text, BRAND_REPLY)


def test_a_patients_room_in_a_reply_still_confirms_care():
    assert_confirms_care("@pia_r your mom is in room 4 and doing well, the nurses say hi", BRAND_REPLY)


@pytest.mark.parametrize("text", [
    "I deleted a thread from last night. I was wrong to say skip the flu shot. It is recommended for kids like mine.",
    "Corrección: ayer escribí que si ya te dio COVID no necesitas la vacuna. Me equivoqué. Sí se recomienda.",
    'I asked the maker to change her label from "cures high blood pressure" to "herbal drink, not a medicine." She did.',
])
def test_a_claim_the_author_corrects_is_withdrawn(text):
    assert_not_blocked(text, INFLUENCER)


def test_the_same_advice_not_withdrawn_still_blocks():
    assert blocked_by("skip the flu shot this year, you don't need it", "claims.misinformation", context=INFLUENCER)
