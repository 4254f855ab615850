"""Generalisations drawn from the twenty-ninth round of unseen writers (a birth center's announcements, a regenerative pain
clinic's marketer, a Nigerian nurse on X, an autism therapy center's replies): a product said by its first word
("Lumidra" for "Lumidra SepsiScreen"), an investigational product's availability said of it and not of someone else,
"our nurses don't have to stare at strips anymore", replies confirming care ("your grandpa was the sweetest man i
nursed", "your Vireon fitting is all set for Tues 4/22"), and what is not a patient's: "born this morning", "Shauna, our
IBCLC", a drop-in class's date, "the night crew: Bri, Tomek and Hollis", trainees finishing their rotation, a partner's
contact thanked with their team, a clinic day, "battery anxiety", and a claim quoted to refute it. The texts are
written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import ComplianceConfig
from socialrx.core.compliance.document import Document
from tests.core.compliance.helpers import (
    ADVOCATE,
    BRAND,
    BRAND_REPLY,
    CLINICIAN,
    CLINICIAN_REPLY,
    EMPLOYEE,
    assert_confirms_care,
    assert_not_blocked,
    check,
    registry_rules,
)


def _mentioned(text: str, products: dict[str, str]) -> list[str]:
    doc = Document(text, ComplianceConfig.from_dict({"products": products}), BRAND, "x")
    return [doc.text[m.start : m.end] for m in doc.mentions]


def test_a_product_is_named_by_its_first_word_when_no_other_product_shares_it():
    assert _mentioned("Ask your hospital to order Nerolin today", {"Nerolin RapidScreen": "investigational"}) == ["Nerolin"]
    # two products of one maker: the first word alone names neither
    shared = {"Vantor Patch": "de_novo_granted", "Vantor Flow": "general_wellness_app"}
    assert _mentioned("Vantor is hiring nurses!", shared) == []
    # an everyday first word is never a product ("Smart Ring Pro" is not "Smart")
    assert _mentioned("Smart move, team.", {"Smart Ringlet": "general_wellness_app"}) == []


@pytest.mark.parametrize("text", [
    "New rapid sepsis test?! Nerolin is here on my unit. Ask your hospital to order Nerolin, e dey work.",
    "guess wetin land for 5W: Nerolin rapid test, now available on our unit, results in 20 min",
])
def test_an_investigational_product_said_to_be_available_blocks(text):
    assert "claims.investigational" in registry_rules(text, {"Nerolin RapidScreen": "investigational"}, CLINICIAN)


def test_availability_said_of_someone_else_is_no_claim():
    text = ("Media advisory: results of the BRISK trial will be presented Tuesday at the annual meeting. Nerolin RapidScreen "
            "is investigational. Our lead investigator will be available for interviews after the session.")
    assert "claims.investigational" not in registry_rules(text, {"Nerolin RapidScreen": "investigational"}, BRAND)


def test_a_product_said_to_spare_clinicians_the_watching_blocks():
    text = "with Fetalyne on the monitors 24/7, our nurses don't have to stare at strips anymore"
    assert "claims.ai_overclaim" in registry_rules(text, {"Fetalyne": "510k_cleared"}, BRAND)


@pytest.mark.parametrize("text,context", [
    ("@dee_kowal no need to thank me, your nana was the sweetest lady i nursed all winter 💛", CLINICIAN_REPLY),
    ("@ray.hikes great news, your Kestrel fitting is all set for Thurs 5/14 at 9:30!", BRAND_REPLY),
])
def test_replies_confirming_care_block(text, context):
    assert_confirms_care(text, context)


@pytest.mark.parametrize("text,context", [
    ("a 9 lb 4 oz baby girl born this morning and dad cried first 😭 congrats to the family, who asked us to keep it private", BRAND),
    ("Feeding Fridays every week 10–11 in the Maple Room with Corinne, our IBCLC. free, drop in, babies welcome. next one: Fri the 12th",
     BRAND),
    ("Happy New Year! Our first baby of the year came just after midnight. Hugs to the night crew at the bedside: Deshawn, Ilse and Marta",
     BRAND),
    ("Proud of my students tonight. Chiamaka, Ruth and Devon finish their rotation with us on Friday. 6 West will miss you.",
     CLINICIAN),
    ("Thank you to Marisol Ferreira and the Halvorsen Foods HR team for building our employee joint-health program with us.", BRAND),
    ("huge thanks to Dana Whitlock and the whole Riverbend Pickleball Club for hosting our knee-health clinic day on Saturday the 9th",
     BRAND),
])
def test_staff_events_partners_and_relative_dates_are_not_blocked(text, context):
    assert_not_blocked(text, context)


def test_battery_anxiety_is_no_disease_claim():
    text = "(disclosure: i work at Ringlet, grain of salt) great for sleep consistency, battery anxiety is real on long trips"
    assert "claims.wellness_disease" not in registry_rules(text, {"Ringlet Band": "general_wellness_app"}, CLINICIAN)


@pytest.mark.parametrize("text", [
    'Words you will never read from us, and why. "Guaranteed results." Nobody can promise that.',
    'Some clinics call themselves "FDA registered." Registration is a listing, not an endorsement.',
])
def test_a_claim_quoted_to_refute_it_does_not_block(text):
    assert_not_blocked(text, BRAND)


def test_the_same_claim_made_still_blocks():
    assert check("Guaranteed results in 6 weeks or your money back!", context=BRAND).verdict == "block"


# Clean posts of held-out train writers that were blocked: staff, partners, careers, events and the organisation's sites.
@pytest.mark.parametrize("text,context", [
    ("our infusion pups visited today and four adults forgot their pumps for ten minutes 🐶 thank u marisol for setting it up",
     CLINICIAN),
    ("Anh from child life turned a DKA fluid chart into a board game and now the whole unit wants to play.", CLINICIAN),
    ("Free diabetes screenings Saturday 10am–2pm in our parking lot, no appointment needed. Farid will be at the table with forms.",
     BRAND),
    ("We raised $4,100 for the memory walk. Thank you to Leena Varghese and everyone at the Lakeshore Memory Alliance.", ADVOCATE),
    ("Recorded at our teaching kitchen night. Chef Amaury Lind and RD Celeste Okoro make a lighter pecan pie for diabetes month.",
     EMPLOYEE),
    ("Embargoed until Tuesday. Media: Ines Vardalos, 617-555-0148, press@example.com", BRAND),
    ("The thing my mother remembered from her hospital stay was the nurse who learned how she takes her tea. That nurse was "
     "Adaeze Obi.", EMPLOYEE),
    ("Hal started here as an orderly on June 3, 1984, and retires on May 29. Come say goodbye in the cafeteria!", BRAND),
    ("🎶 Sinatra sing-along this Thursday, Oct 9, 2pm, in the Community Room with our activities assistant on piano", BRAND),
    ("Cardiology now has same-week echo slots at our Fenwick Hill and Brackley offices. Physician line (541) 555-0179.", BRAND),
    ("Cake in the Ashby Ridge break room at 3 for our nurse of the year!", BRAND),
])
def test_staff_partners_careers_events_and_our_sites_are_not_blocked(text, context):
    assert_not_blocked(text, context)


@pytest.mark.parametrize("text", [
    "@jo_t we're sorry your visit didn't meet expectations. Please call us at 555-0100. We can't discuss anyone's care here.",
    "replying to a 1-star review: we're sorry ur visit was frustrating. we can't discuss anyone's prescriptions in public.",
])
def test_a_reply_refusing_to_discuss_care_confirms_nothing_with_a_bare_your_visit(text):
    assert check(text, context=BRAND_REPLY).verdict != "block"


def test_a_refusing_reply_that_still_gives_the_visits_date_blocks():
    assert_confirms_care("@jo_t your 3/2 follow-up was moved. We can't discuss anyone's care here, so please call us.",
                         BRAND_REPLY)


def test_a_patients_date_with_a_clock_time_still_blocks():
    result = check("pt came in Oct 3 at 2pm with chest pain, Mr. Ferreira, 71, from Dunmore Falls", context=CLINICIAN)
    assert result.verdict == "block"


@pytest.mark.parametrize("text,context", [
    ("Pictured (L–R): Jess Amarillo, DPT, Roy Tenpenny, PTA, and Benny, our rehab unit's therapy dog.", BRAND),
    ("Questions about planned giving: Gareth Lindqvist, VP of Development, 555-0144.", BRAND),
    ("new rotation: cardiac step-down at St. Ottilie with preceptor Luca Ferrante. telemetry strips in my dreams", CLINICIAN),
    ("Retired pitcher Wade Colter talked on a podcast this week about his hair transplant. Worth a listen.", BRAND),
    ("If your team made a difference, share our Giving Line, (419) 555-0199. Please don't send us patient names.", BRAND),
    ("Health ministry line (562) 555-0169 · flu shot clinic after second service, bring your insurance card", EMPLOYEE),
])
def test_credentials_titles_callings_and_our_lines_are_not_a_patients(text, context):
    assert_not_blocked(text, context)


def test_a_relatives_number_still_blocks():
    text = "pt in bed 4 wants her daughter called, her line is (419) 555-0131, she drove in from Marlow"
    assert check(text, context=CLINICIAN).verdict == "block"


@pytest.mark.parametrize("text", [
    "gran's 94th bday is july 2nd and she wants a polka band at the hall",
    "Shoutout to Walter (yes he's 96!!) whose sourdough from the Birch wing kitchen sold out again",
])
def test_one_persons_exact_age_over_89_blocks_without_health_words(text):
    result = check(text, context=BRAND)
    assert "phi.age" in {f.rule for f in result.findings if f.severity == "block"}, result.findings


@pytest.mark.parametrize("text", [
    "Our program helps adults of all ages, from 18 to more than 90 years.",
    "Este mes acompañamos a 14 personas mayores de 90 años.",
])
def test_an_age_bounding_a_range_of_people_does_not_block(text):
    assert check(text, context=BRAND).verdict != "block"
