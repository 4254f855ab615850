"""Decide, for each person, place or date in a post, whether it belongs to a patient (or a relative).

Every entity is weighed on its own: cues that tie it to a patient (a relative word before a name, a
health event after it, 'patient', an age, a reply about someone's care) against cues that make it a
member of staff, a speaker, a customer, an event or an organisation. A confident patient decision
blocks; a weaker one asks for review; anything else passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from socialrx.core.compliance.document import Document
from socialrx.core.compliance.lexicon import US_STATE_CODES, US_STATE_NAMES
from socialrx.core.compliance.patterns import compile_pattern
from socialrx.core.compliance.tokens import TOKEN, countries_only, fold, gazetteer

Role = Literal["patient", "uncertain", "other"]
_RELATIVE = (
    r"dad|daddy|mom|mommy|mum|mother|father|wife|husband|son|daughter|brother|sister|grandma|grandpa|granny|nan|nana|"
    r"grandmother|grandfather|granddaughter|grandson|aunt|auntie|uncle|niece|nephew|baby|child|kid|toddler|newborn|"
    r"partner|fiancée?|boyfriend|girlfriend|neighbou?r|cousin|stepdad|stepmom|twins?|bestie|best\s+friend|mil|fil"
)
_HEALTH = (
    r"admitted|discharged|diagnos\w*|surgery|surgeries|operation|op|scan|mri|ct|x-?ray|biopsy|stroke|heart\s+attack|"
    r"cancer|tumou?r|chemo\w*|radiation|dialysis|transplant|icu|nicu|picu|er|ed|ward|bed|room|recover\w*|rehab|"
    r"hospice|hospitali[sz]ed|intubated|ventilator|sepsis|septic|fracture|broke|seizure|bleed|cardiac|arrest|"
    r"coded|resuscitat\w*|passed\s+away|died|rip|funeral|birthday|turned|born|delivered|weeks?\s+early|preemie|"
    r"prognosis|remission|relapse|treatment|therapy|meds|medication|insulin|a1c|bp|blood\s+pressure|follow-?up|"
    r"appointment|visit|came\s+in|brought\s+in|rushed|ambulance|transferred|triage[d]?|flagged|caught|alert|"
    r"pain|symptoms?|fever|infection|pneumonia|covid|afib|fall|fell|post-?op|pre-?op|bell|cancer-free|survivor|"
    r"battle|fight|fighting|beat|beating|journey|story|home\s+after|went\s+home|back\s+home|sick|ill|lab|labs|results"
)
RELATIVE_BEFORE = compile_pattern(
    rf"(?i)(?:\b(?:my|our|his|her|their|your)\s+|['\u2019]s\s+|\b(?:to|and|with|from|by|,)\s+|^|[.!?]\s+)"
    rf"(?:(?:little|baby|late|beloved|dear|proud|new|\w+-year-old)\s+)?(?:{_RELATIVE}|abuela|abuelo|sis|bro|hubby|wifey)"
    rf"[,:]?\s*(?:\([^)]*\)\s*)?$|\b(?:family|families|relatives|loved\s+ones|parents|children|kids)\s+of\s+(?:the\s+)?$"
)
# "Patient Ora", "Mrs. Vane", and feature headings about one person receiving care ("Patient spotlight: Mabel T.").
PATIENT_BEFORE = compile_pattern(
    r"(?i)\b(?:patient|pt|resident|client|member|mrs?|ms|miss|mx)\.?[,:]?\s*$"
    r"|\b(?:patient|client|member|resident|case|recovery)\s+(?:spotlight|story|stories|study|of\s+the\s+(?:week|month))"
    r"\s*[:\u2014\u2013-]?\s*$"
)
# "Gus (my 90+ marathon-walker patient)", "Ana, one of our dialysis patients": the person is named as someone's patient.
PATIENT_AFTER = compile_pattern(
    r"(?i)^(?:['\u2019]s)?\s*(?:,|\(|\u2014|-)\s*(?:(?:my|our|a|the|one\s+of\s+(?:my|our|the))\s+)"
    r"(?:[\w+/-]+\s+){0,3}(?:patients?|pts?|residents?|clients?)\b"
    r"(?!\s+(?:advocate|navigator|experience|safety|care|portal|liaison|engagement|relations|success|services))"
)
HEALTH_WORD = compile_pattern(rf"(?i)\b(?:{_HEALTH})\b")
_RELATIVE_OR_PRONOUN = compile_pattern(rf"(?i)\b(?:my|our|his|her|their|your)\s+(?:{_RELATIVE})\b|\b(?:he|she)\b")
_RELATIVE_WORD = compile_pattern(rf"(?i)\b(?:{_RELATIVE})\b")
AGE_AFTER = compile_pattern(r"^(?:'s)?,?\s*(?:\(\s*)?(?:age[d]?\s*)?\d{1,3}\b(?!\s*(?:%|years?\s+(?:of|in|at)\b))")
POSSESSIVE_HEALTH = compile_pattern(rf"(?i)^['\u2019]s\s+(?:\w+\s+)?(?:{_HEALTH}|{_RELATIVE})\b")
# "Dana Mokoena after her hip replacement", "Pete, two weeks after his trigger-finger release": the person's own care
OWN_CARE_AFTER = compile_pattern(
    r"(?i)^,?\s+(?:[\w-]+\s+){0,6}?(?:after|following|since|before|during|post)\s+(?:her|his|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:replacement|surgery|procedure|repair|release|transplant|fusion|reconstruction|diagnosis|scope|injury|stroke|"
    r"heart\s+attack|bypass|chemo\w*|treatment|fracture|amputation|c-section|rehab|accident|wreck|crash|fall|infusion|"
    r"radiation|biopsy|op|operation|admission|hospitali[sz]ation|icu\s+stay|transfusion)\b"
)
# Talking to someone about their own care; sympathy alone ("sorry for your loss") confirms nothing.
SECOND_PERSON_CARE = compile_pattern(
    rf"(?i)\b(?:your|ur)\s+(?:(?:recent|last|first|little|late|next|new)\s+)?(?:{_HEALTH}|stay|procedure|appt|sample|specimen|bloodwork|"
    r"refill|prescription|cleaning|filling|crown|root\s+canal|extraction|braces|aligners|checkup|check-up|exam|session|"
    r"bill\s+from|balance\s+from|voice\s+sample|cast|stitches)\b|\bget\s+well|\bhealing\s+vibes"
    r"|\b(?:congrats|congratulations)\s+on\s+(?:the|your|ur)\s+(?:\w+\s+)?(?:" + _HEALTH + r")\b"
    r"|\bfor\s+(?:the|your|this)\s+(?:\w+\s+){0,2}(?:testimony|testimonial)\b"
)
CLINICIAN_BEFORE = compile_pattern(r"(?i)\b(?:(?-i:PT|OT|SLP|RT|EP|DPT|PTA|COTA)|dr|doctor|prof|professor|nurse|np|pa|rn|chaplain|dietitian|therapist|surgeon|aide|cna|"
                              r"(?-i:AT|ATC|RRT|CMA)|our\s+own|handler|hygienist|receptionist|front\s+desk(?:\s+\w+)?|tech|technician|moderator|panelists?|emcee|mc|pharmd|dnp|psyd|lcsw|crna|aprn|fnp|lpn|lvn|"
                              r"practitioner|specialist|interpreter|translator|agent|broker|injector|esthetician|aesthetician|"
                              r"paramedic|emt|medic|pharmacist|midwife|doula|physiologist|counsellor|audiologist|optometrist|recruiter|"
                              r"social\s+worker|case\s+manager|scheduler|dentist|assistant|"
                              # "Chef Bastien Ocampo and RD Bethany Kovach", "Media: Tess Amankwah, 617.555.0152", "That nurse was Bea"
                              r"preceptor|mentor|attending|"
                              # a public figure by calling: "Retired pitcher Wade Colter", "Olympian Dario Vance"
                              r"pitcher|quarterback|olympian|medalist|singer|actor|actress|anchor|anchorwoman|anchorman|comedian|"
                              r"rapper|athlete|podcaster|broadcaster|dj|"
                              r"chef|sous\s+chef|cook|rdn?|(?:media|press)(?:\s+(?:contacts?|inquiries|enquiries|relations))?\s*:|contacts?\s*:|"
                              # "For media questions, contact Corbin Tamm at 555-0169": the person to contact is ours
                              r"(?:please\s+)?contact|"
                              r"(?:that|the|my|our|her|his|their)\s+(?:[\w-]+\s+)?(?:nurse|doctor|surgeon|therapist|aide|navigator|chaplain|"
                              r"volunteer)\s+(?:was|is)|"
                              r"coach|ceo|cmo|cto|cfo|coo|cno|vp|svp|evp|director|founder|co-?founder|chair|host|lead|manager|"
                              r"coordinator|supervisor|intern|volunteer(?:\s+(?:driver|escort|greeter|chaplain|coordinator|handler|"
                              r"reader|musician|pianist|barber|photographer))?|chaired\s+by|led\s+by|hosted\s+by|facilitated\s+by|moderated\s+by|taught\s+by|report(?:s|ing)\s+to|managed\s+by|"
                              r"(?:our|the)\s+(?:new\s+)?(?:\w+\s+)?(?:hire|colleague|teammate)|officer|deputy|sheriff|trooper|"
                              r"firefighter|pastor|reverend|rev|rabbi|imam|judge|senator|mayor|teacher|coach|secretary|minister|bishop|"
                              r"(?-i:Father|Fr)|"
                              r"chaplain|counselor|librarian|sanitarian|inspector|reviewers?|navigator|advocate|liaison|dispatcher|"
                              r"caregiver|cuidadora?|enfermera?|ask\s+for|pregunte\s+por|pregunta\s+por|preguntar\s+por|"
                              r"rep\.|representative|sen\.|governor|gov\.|commissioner|council(?:man|woman|member|l?or)|assemblymember|"
                              # a public figure by sport: "retired point guard Darnell Okoro"
                              r"point\s+guard|shortstop|goalie|goalkeeper|linebacker|striker|boxer|wrestler|golfer|gymnast|sprinter|"
                              # a trainee named by profession ("chaplain resident Samir", "surgery resident Dr. Ng")
                              r"(?:chaplain|chaplaincy|medical|surgical|surgery|pharmacy|dental|nursing|psychiatry|pediatric|"
                              r"family\s+medicine|internal\s+medicine|em|ob|peds)\s+(?:resident|fellow|student))\.?,?\s*$")
# A person thanked for looking after someone, or placed at a desk: staff or a helper, not the patient.
# Care the person received, right after their name: "was seen in our ED", "'s stay in our cardiac ICU", "'s chart".
CARE_RECEIVED_AFTER = compile_pattern(
    r"(?i)(?:\s+(?:was|were|has\s+been|had\s+been|is\s+being)\s+(?:seen|admitted|discharged|treated|transferred|airlifted|"
    r"intubated|hospitali[sz]ed)\b|['\u2019]s\s+(?:stay|chart|record|records|admission|surgery|visit)\b)"
)
STAFF_AFTER = compile_pattern(
    r"(?:\s*(?:,|and|&)\s*[A-Z][a-z]+)*\s*,?\s*(?:for\s+(?:taking\s+(?:\w+\s+){0,2}care|caring|looking\s+after|helping|all\s+(?:you|your)|everything|the\s+"
    r"(?:care|kindness|help)|(?:running|organi[sz]ing|leading|hosting|coordinating|volunteering|setting\s+(?:it\s+|this\s+|that\s+|them\s+)?up|cooking|baking|"
    r"donating)\b)"
    # "Deb Amankwah (charge nurse who remembers everyone's kids)", "Yusuf, Lindsey & the whole crew"
    r"|\s*\((?:our\s+)?(?:[\w-]+\s+){0,2}(?i:nurse|navigator|pharmacist|tech|technician|aide|manager|director|coordinator|"
    r"scheduler|receptionist|chaplain|social\s+worker|dietitian|therapist|physician|doctor|volunteer|wizard)\b"
    r"|(?:and|&)\s+(?:the\s+)?(?:whole|entire|rest\s+of\s+the|amazing|awesome)\s+(?:crew|team|staff|squad)\b"
    # "Thank you Margie, Tomasz, Desmond, Hana and crew": a team thanked by name
    r"|(?:\s*,\s*[A-Z][\w'-]+)*\s*,?\s*(?:and|&)\s+(?:the\s+)?(?:crew|team|gang|squad)\b"
    # "Lacey Dunmore and the Brennecke HR team", "Gil Arceneaux and the whole Sun Court Pickleball Club": a partner's contact
    r"|\s+(?:and|&)\s+(?:the\s+)?(?:whole\s+|entire\s+)?(?:[A-Z][\w&'-]*\s+){1,4}(?i:team|crew|staff|squad|club|committee|board|volunteers)\b"
    # "Yolanda from our patient-accounts team", "Raj on the infusion crew": a member of a team of ours.
    r"|\s+(?:from|of|on|in)\s+(?:our|the)\s+(?:[\w-]+\s+){0,3}(?i:team|department|dept|office|desk|staff|crew|unit\s+staff)\b"
    # "Harold Jeffcoat of Environmental Services", "Tamsin Quayle from the lab": one of the hospital's departments
    r"|\s+(?:from|of|in)\s+(?:our\s+|the\s+)?(?i:environmental\s+services|evs|dietary|food\s+(?:and\s+nutrition\s+)?services|"
    r"nutrition\s+services|housekeeping|facilities|security|admitting|registration|patient\s+access|pharmacy|radiology|imaging|"
    r"lab|laboratory|rehab|respiratory(?:\s+therapy)?|case\s+management|billing|marketing|human\s+resources|hr|"
    r"volunteer\s+services|maintenance|engineering|transport|sterile\s+processing|it|child\s+life|social\s+work|spiritual\s+care|"
    r"chaplaincy|nutrition|physical\s+therapy|occupational\s+therapy|speech(?:\s+therapy)?|pt|ot|wound\s+care|infection\s+control)\b"
    # "thx to jo, lucie and dr. v for working the tent"
    r"|(?:\s*(?:,|and|&)\s*(?:dr\.?\s+)?[A-Za-z]+\.?)*\s+for\s+(?:working|staffing|manning|running)\s+(?:the\s+)?(?:tent|booth|table|"
    r"event|shift|desk|fair|clinic|line)\b"
    r"|(?:\s+)?at\s+(?:the|our)\s+(?:front\s+desk|nurses'?\s+station|desk|reception|(?:booking|scheduling|billing|main|help|nurse|"
    r"intake|appointment|pharmacy|refill)\s+(?:line|desk))|\s+will\s+be\s+at\s+the\s+(?:table|booth|tent|door|desk)\b|"
    # "Priya Raman and everyone at the Tri-County Memory Alliance": a partner's person, thanked with their organisation
    r"\s+and\s+(?:everyone|everybody|all|the\s+folks|the\s+crew|the\s+team)\s+at\s+(?:the\s+)?[A-Z]|who\s+(?:always|helped|cared|took\s+care|volunteered|volunteers)"
    # "Ana joined our team", "Nelly … has trained half our team": one of our people ("started with us" may be a client's care)
    # "Dottie doing BP checks", "Yesenia can help": someone giving the care or the help
    r"|\s+(?:doing|running|giving|taking|handling)\s+(?:the\s+)?(?:bp|blood\s+pressure|flu\s+shots?|screenings?|checks?|vaccines?|"
    r"shots?|intake|registration)\b|\s+(?:can|will|is\s+happy\s+to|would\s+be\s+happy\s+to)\s+help\b"
    r"|\s+joined\s+our\s+(?:team|staff|crew|agency|practice)\b|\s+(?:has\s+)?trained\s+(?:half\s+|most\s+|all\s+)?(?:of\s+)?our\b"
    # "Hal started here as an orderly", "Lupe retires on June 30 after 34 years": a career with us ("Gus started with us
    # April 2nd" is a client's care)
    r"|\s+(?:started|began)\s+(?:here|working\s+here)\b|\s+(?:retires|is\s+retiring)\s+(?:on|after|from|this|next|at)\b"
    # "Give Pilar a call at 555-0168 and she'll sort it out": the person to call is ours ("text her husband dale at
    # 319-555-0192" is a relative's number)
    r"|\s+a\s+(?:call|ring|text)\s+(?:at|on)\s+\(?\d{3}"
    # "Ayọ̀mídé, Priya and Jaylen finish their rotation with us next week": trainees on our side
    r"|(?:\s*(?:,|and|&)\s*[A-Z][\w\u0300-\u036f]+)*\s+(?:finish|start|begin|complete|wrap\s+up)(?:s|ed)?\s+(?:their|her|his)\s+"
    r"(?:\w+\s+)?(?:rotations?|residency|clinicals?|placements?|internships?|fellowship|orientation|preceptorship)\b"
    # "Questions: Gareth Lindqvist, VP of Development", "Ana Ruiz, Director of Nursing": a title right after the name
    r"|,\s*(?-i:VP|SVP|EVP|AVP|CEO|CMO|CFO|COO|CNO|CNIO|CIO|CTO|Director|Manager|Coordinator|Chief|Head|President|Vice\s+President|"
    r"Chair|Dean)\b"
    # "Meet Tamsin, our newest physical therapist": an appositive naming a job on our side.
    # "Anjali Raman, senior embryologist at our lab": a job named with its rank, no determiner needed
    r"|,\s*(?i:senior|lead|head|chief|staff|principal|clinical|associate|assistant|charge)\s+(?i:\w+\s+)?"
    r"(?i:\w+ologists?|\w+icians?|\w+ists?|nurse|manager|director|coordinator|engineer|officer|educator|navigator|specialist)\b"
    r"|,\s*(?:\d{1,3},\s*)?(?i:our|the|my|the\s+team'?s|one\s+of\s+our)\s+(?i:(?:newest|new|own|amazing|wonderful|lead|head|senior|chief|night|favou?rite|"
    r"longest[\s-]serving|longtime|long-time)\s+)*"
    r"(?i:[\w'\u2019-]+\s+){0,2}(?i:therapist|nurse|physician|doctor|aide|surgeon|hygienist|dentist|pharmacist|paramedic|medic|coordinator|"
    r"manager|director|receptionist|technician|tech|chaplain|social\s+worker|dietitian|midwife|scheduler|hire|engineer|cmo|ceo|"
    r"mascot|therapy\s+dog|volunteer|consultant|educator|instructor|counsel(?:l)?or|doula|interpreter|navigator|liaison|"
    r"phlebotomist|sonographer|technologist|assistant|analyst|specialist|"
    # "Shauna, our IBCLC", "Keisha, our BCBA": credentials written as capitals
    r"(?-i:IBCLC|CLC|BCBA|RBT|CNM|CPM|CDCES|CHW|LCSW|MSW))"
    # "Annelise Bergqvist, our DON", "Femi, our ADON": nursing titles written as capitals.
    r"|(?-i:DON|ADON|CNO|RN|LPN|CNA|MDS\s+nurse|charge\s+nurse))\b"
)
EPONYM_AFTER = compile_pattern(
    r"(?i)^(?:['\u2019]s)?\s+(?:disease|syndrome|palsy|foundation|institute|fund|award|prize|act|law|method|protocol|score|scale|"
    r"criteria|test|maneuver|manoeuvre|sign|technique|procedure|fracture|lymphoma|disorder|dystrophy|ataxia|center|centre|"
    r"cancer\s+center|school|university|college|hospital|memorial|library|park|bridge|stadium)\b"
)
# A professional credential after a name ("Priya Venkataraman, MS, CGC", "Ana Ruiz RN"): the person is staff or a clinician.
# "MS" and "MA" count only as a credential before a comma, a bracket or the line's end ("Jake, MS patient", "Lowell, MA").
CLINICIAN_AFTER = compile_pattern(
    r"^,?\s+(?:MD|M\.D\.|DO|RN|BSN|MSN|NP|PA-C|PhD|FACC|FACR|FACS|PharmD|DNP|CRNA|LCSW|LPC|LMFT|PT|DPT|OT|OTR|SLP|CCC-SLP|RD|"
    r"RDN|RDH|RRT|CNM|CPM|IBCLC|CHW|CNA|LPN|LVN|EMT|OD|DDS|DMD|MPH|MSW|MBA|CGC|LCGC|CCRC|CCRP|CDCES|CDE|RPSGT|CEP|"
    r"AuD|Au\.D\.|CCLS|"
    # sonographers, chaplains, volunteer administrators, techs, specialty nurses, counsellors, trainers
    r"RDMS|RVT|RDCS|RCS|ARDMS|BCC|CVA|CPhT|MLS|CCRN|CEN|OCN|CPN|RNC|RNC-OB|CPNP|FNP-BC|FNP|AGNP|PMHNP|CRNP|NNP|"
    r"LICSW|LMSW|LMHC|LCPC|LADC|CADC|RBT|BCBA|CCC-A|FAAN|FACP|FACOG|FAAP|FACEP|MPAS|LAT|ATC|LMT|CSCS|CHES|CNS|CWOCN|CDP|"
    r"(?:MS|MA)(?=\s*(?:[,)]|$)))\b(?!['\u2019])"
)  # not "Jake, OD'd"
STAFF_WORDS = compile_pattern(
    r"(?i)\b(?:our\s+(?:own\s+)?(?:ceo|cmo|cto|cfo|coo|cno|vp|head|lead|director|team|colleague|engineer|scientist|"
    r"founder|chief|nurse\s+manager|product|sales|clinical\s+lead)|joins?|joined|joining|welcome\s+to\s+the\s+team|"
    r"hiring|hired|promot\w+|present(?:s|ed|ing)?|panel\w*|podcast|webinar|keynote|speaker|speaking|author\w*|"
    r"co-?author\w*|paper|study|studies|trial|led|leads|hosted|hosting|interview\w*|q&a|talks?|talking|fireside|"
    r"award\w*|fellowship|residency|grand\s+rounds|lecture|booth|conference|summit|congress|symposium|workshop|"
    r"investor|partner(?:ship|ed|s)?|customer|client\s+success|rollout|deploy\w*|went\s+live|go-?live|pilot|"
    r"announce\w*|launch\w*|thread|blog|article|op-?ed|h/t|hat\s+tip|via|cc|kudos|anniversary\s+at|"
    r"years?\s+(?:at|with)\s+(?:us|the\s+company)|shift|coworkers?|co-?workers?|colleagues?|coll[\u00e8e]gues?|kol[\u00e8e]g|preceptor|mentor\w*|"
    r"team\s+member|staff|volunteer\w*|fun\s+run|bake\s+sale|team\s+lead|manager|coordinator|tips?\s+from|chair\w*|"
    r"council|advisory|board|committee|educator|navigator|liaison|ambassador|spokes\w+|our\s+(?:own\s+)?\w+\s+team)\b"
)


# A birthday at work: a colleague's, not a patient's ("Happy birthday to our front desk queen Bernie", "Staff birthdays
# this month", "pia's birthday is 3/4 and she's working it", "cake in the break room at 3"). Never when the greeting is to
# someone we care for ("Happy 93rd birthday to our favorite patient", "our longest-standing client") or when the post
# speaks of one patient, client or resident ("a Keelstone client since 2016 … celebrated her birthday").
_COLLEAGUE = (
    r"hero|queen|king|rock\s?star|legend|mvp|wizard|boss|manager|nurse|tech|technician|receptionist|scheduler|"
    r"coordinator|director|pharmacist|aide|volunteer|therapist|hygienist|assistant|chef|cook|driver|interpreter|"
    r"navigator|physician|doctor|pi|lead|supervisor|trainer|educator|chaplain|coworker|co-worker|colleague|teammate"
)
WORKPLACE_BIRTHDAY = compile_pattern(
    r"(?i)\b(?:staff|team|employee|volunteer|coworker|co-worker|colleague)s?['\u2019]?\s+birthdays?\b"
    rf"|\bbirthday\s+to\s+(?:our|my)\s+(?:own\b|(?:[\w-]+\s+){{0,3}}?(?:{_COLLEAGUE})\b)"
    rf"|\bbirthday\s+to\s+[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?,\s+(?:our|my)\s+(?:[\w-]+\s+){{0,2}}?(?:{_COLLEAGUE})\b"
    r"|\b(?:cake|cupcakes|treats|donuts|doughnuts|snacks)\b[^.!?\n]{0,30}\b(?:break|back|staff|lunch|team)\s?room\b"
    r"|\b(?:she|he|they)(?:['\u2019]s|\s+is|\s+are|['\u2019]re|\s+will\s+be)\s+(?:still\s+)?working\s+(?:it|that\s+day|today|all\s+day)\b"
    r"|\b(?:referrals?|reception|registration|scheduling|billing)\s+desk\b"
)
_CARED_FOR_GREETING = compile_pattern(
    r"(?i)\bbirthday\s+to\s+(?:our|my)\s+(?:[\w-]+\s+){0,3}?(?:patients?|clients?|customers?|users?|members?|residents?|"
    r"friend\s+in\s+room)\b|\b(?:patient|client|customer|resident)\b"
)


def workplace_birthday(doc: Document) -> bool:
    """Return whether the post celebrates a colleague's birthday: its dates and names are staff's (asked once a post)."""
    found = doc.memo.get("workplace_birthday")
    if found is None:
        text = doc.text
        found = bool(re.search(r"(?i)\bbirthday", text) and WORKPLACE_BIRTHDAY.search(text)
                     and not _CARED_FOR_GREETING.search(text))
        doc.memo["workplace_birthday"] = found
    return bool(found)


@lru_cache(maxsize=4096)
def staff_word_count(text: str) -> int:
    """Return how many staff, speaker, event or business words a text has (cached, like ``health_count``)."""
    return len(STAFF_WORDS.findall(text))


_SECOND_PERSON = frozenset({"your", "ur", "you're", "youre", "you"})


@lru_cache(maxsize=4096)
def health_count(text: str) -> int:
    """Return how many health words (conditions, procedures, tests, care settings, events) a text has.

    Cached: the role decisions ask about the same sentence and the same whole post once per name, date and place.
    """
    words = gazetteer("health_words")
    text = LABOR_DAY.sub(" ", text)  # the holiday, not a delivery; "fighting for that" (a cause), not an illness
    return (sum(1 for word in TOKEN.findall(text) if fold(word) in words) + len(HEALTH_WORD.findall(text))
            + len(KOREAN_HEALTH.findall(text)) + len(ARABIC_HEALTH.findall(text)))


LABOR_DAY = compile_pattern(r"(?i)\blabou?r\s+day\b|\b(?:fight|fights|fighting|fought|battling)\s+for\b")


def second_person_care(text: str) -> bool:
    """Return whether the text talks to someone about their own care ('your MRI', 'ur visit', 'sorry to hear')."""
    for match in SECOND_PERSON_CARE.finditer(text):
        # "your visit": every reply to a review says it; "we don't have your records" refuses; neither confirms care.
        if fold(match.group(0).split()[-1]) not in GENERIC_CARE_WORDS and not _REFUSED.search(text, max(0, match.start() - 40),
                                                                                               match.start()):
            return True
    words = gazetteer("health_words") - GENERIC_CARE_WORDS
    tokens = [fold(word) for word in TOKEN.findall(text)]
    return any(token in _SECOND_PERSON and any(t in words for t in tokens[index + 1 : index + 4])
               and not _REFUSAL_TOKENS.intersection(tokens[max(0, index - 6) : index])
               for index, token in enumerate(tokens))  # fmt: skip


_REFUSED = compile_pattern(r"(?i)\b(?:don't|do\s+not|can't|cannot|never|won't|unable\s+to|not\s+able\s+to)\b[^.!?]*$")
_REFUSAL_TOKENS = frozenset({"don't", "can't", "cannot", "never", "won't", "not", "unable"})


# A reply that speaks to the person about their own care confirms a treatment relationship (R24): second person and a
# health word in one sentence, in English or Spanish, unless the sentence is generic, conditional or a refusal.
_YOU = compile_pattern(r"(?i)(?<!thank\s)(?<!see\s)\b(?:you|your|ur|u|yours|you're|youre|tu|tus|su|sus|te|usted|ustedes)\b")
# Arabic health words take prefixes ("بالمستشفى", "للعيادة", "السكري"): read without word boundaries.
ARABIC_HEALTH = compile_pattern(
    r"مستشفى|عيادة|دوا|دواء|ابرة|إبرة|أشعة|اشعة|تحاليل|تحليل|سكري|السكر|ضغط|عملية|علاج|إسعاف|اسعاف|موعد|دكتور|طبيب|"
    r"متابعة|مريض|مريضة|صيدلية|لقاح|الانفلونزا|انقبل|غسيل\s+الكلى"
)
# Korean health words are stems: a particle follows without a space ("혈압은", "병원에", "투석 받으시면서").
KOREAN_HEALTH = compile_pattern(
    r"혈압|퇴원|입원|병원|투석|치매|뇌졸중|당뇨|수술|검사|진단|요양원|병문안|치과|안과|주사|접종|독감|약국|응급실|중환자실|"
    r"관절염|부정맥|혈당|당화혈색소|치료|처방|복용|골절|낙상|재활|호스피스|암\s?(?:진단|수술|치료|환자)|환자"
)
SPANISH_HEALTH = compile_pattern(
    r"(?i)\b(?:radiograf[i\u00ed]as?|tobillo|rodilla|vacunas?|chequeo|presi[o\u00f3]n|resultados|laboratorio|"
    r"receta|fiebre|tos|dolor|dientes?|muelas?|limpieza|embarazo|herida|"
    r"puntos|yeso|an[a\u00e1]lisis|sangre|az[u\u00fa]car|diabetes|cirug[i\u00ed]a|tratamiento|pastillas|"
    r"medicina|medicamentos?|gripe|asma|alergias?|ni\u00f1os)\b"
)
# Sympathy and good wishes ("wishing you a speedy recovery", "sorry for your loss") disclose no care.
WELL_WISHES = compile_pattern(
    r"(?i)\b(?:hope|hoping|wish|wishing|praying|prayers|sorry\s+(?:for|to\s+hear)|speedy|feel\s+better|get\s+well|take\s+care|"
    r"healing\s+vibes|thinking\s+of\s+you|sending\s+(?:love|hugs|strength)|condolences|(?:de)?sea(?:mos)?\s+(?:que|una)|"
    r"mejore|recuper)\w*"
)
GENERIC_REPLY = compile_pattern(
    r"(?i)\b(?:if|whether|can'?t|cannot|never|no\s+podemos|reminder|recordatorio|walk[\s-]?ins?|"
    r"don'?t\s+(?:discuss|comment|share)|not\s+able|unable|privacy|privacidad|please\s+(?:call|dm|contact|email|log\s+in|sign\s+in)|"
    r"llámanos|escr[i\u00ed]benos|feel\s+free|welcome\s+to\s+the\s+team|you\s+(?:don'?t|do\s+not)\s+(?:have|need)\s+to|"
    r"ask\s+your\s+(?:own\s+)?(?:doctor|doc|surgeon|provider|pcp|clinician|\w+ologist|pharmacist|dentist|care\s+team))\b"
)

# "anyone with a fever should…", "any of your meds": a sentence about whoever it may be, when the quantifier comes before
# the care it speaks of ("you were on precautions for your MRSA, so everyone gowned up" still speaks of this person's).
QUANTIFIER = compile_pattern(r"(?i)\b(?:anyone|everyone|any|anybody|everybody)\b")


def generic_reply_sentence(sentence: str) -> bool:
    """Return whether a reply's sentence is generic (a condition, a refusal, a reminder, whoever it may be)."""
    if GENERIC_REPLY.search(sentence):
        return True
    quantifier = QUANTIFIER.search(sentence)
    if quantifier is None:
        return False
    you = _YOU.search(sentence)
    return you is None or quantifier.start() < you.start()


# Words every reply to a review uses ("your visit", "the whole clinic"): they confirm no particular care.
NOT_ABOUT_CARE = compile_pattern(
    r"(?i)\bour\s+(?:[\w-]+\s+){0,3}?(?:team|department|dept|line|office|desk|staff|unit|lab|program|specialists|counselors|nurses)\b"
    r"|\b(?:your|ur)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:doc|doctor|physician|clinician|provider|pharmacist|care\s+team|gp|pcp|surgeon|"
    r"dentist|orthodontist|midwife|therapist|\w+ologist|\w+iatrist)s?\b(?=\s+(?:or|and|can|will|should|may|might|is|knows))"
    # "an A1C from your clinician does that": the reader's own clinician, whoever it is
    r"|\bfrom\s+(?:your|ur)\s+(?:own\s+)?(?:doctor|doc|clinician|provider|pcp|gp|surgeon|dentist|\w+ologist)\b"
    # "please ask your care team before trying any tea": sent to their own clinicians
    r"|\b(?:ask|call|check\s+with|talk\s+to|talk\s+with|see|tell)\s+(?:your|ur)\s+(?:own\s+)?(?:care\s+team|doctor|doc|provider|clinician|nurse|"
    r"pharmacist|\w+ologist|\w+ician|team|gp|pcp)s?\b"
    r"|\b(?:[\w-]+\s+){1,2}(?:series|article|piece|segment|podcast|episode|coverage|reporting|column|newsletter|documentary|"
    r"webinar|panel|conference|feature|special|show)\b"
    r"|\bstory\s+(?:on|about)\s+[^.!?]{0,60}"  # "your story on patient-support programs": a reporter's piece
    r"|\bfor\s+(?:your|ur)\s+(?:readers|listeners|viewers|audience|followers|subscribers)\b"  # a reporter's readers
    # rooms that are not a patient's: "the whole AT room is cheering for you", "Milk Mornings in the Willow Room"
    r"|\b(?:(?-i:AT)|athletic\s+training|training|weight|locker|break|waiting|conference|class|board|community|press|green|"
    r"dining|family|quiet|prayer|meditation|lactation|school|team|music|game|play|rec|recreation)\s+room\b|\b(?-i:[A-Z][a-z]+\s+Room)\b"
    # a clinician addressed by calling ("Appreciate you, Doc.", "Thank you, Dr. Aalto!")
    r"|,\s*(?:doc|doctor|nurse|dr\.?\s+[\w'-]+)\s*(?=[!.?,]|$)"
    r"|\b(?:su|tu)\s+m[e\u00e9]dico\b"
)
YOUR_RELATIVE = compile_pattern(
    r"(?i)\b(?:your|ur|yr)\s+(?:(?:little|sweet|dear)\s+)?(?:mom|mum|mama|momma|mother|dad|daddy|papa|father|wife|husband|hubby|"
    r"son|daughter|kid|kids|baby|little\s+one|grandma|grandpa|granny|nana|twins|toddler|boy|girl|sister|brother|parents?)\b"
)


SIGN_OFF_BEFORE = compile_pattern(r"(?:[-\u2013\u2014~^]\s?)$")


def _names_someone(doc: Document, start: int, end: int) -> bool:
    """Return whether the tagger finds a person in [start, end) who is not staff (no clinician or staff cue around)."""
    for entity in doc.entities:
        name = doc.text[entity.start : entity.end]
        # Initials alone ("^LP", "-RM") are how reply agents sign; they name no one the reply is about.
        if entity.kind == "PER" and start <= entity.start < end and not name.replace(".", "").isupper():
            if SIGN_OFF_BEFORE.search(doc.text, max(0, entity.start - 4), entity.start) and not doc.text[entity.end :].strip(" .!\n"):
                continue  # "… symptom relief though -Marco": the agent signing the reply
            if not staff_cue_around(doc, entity.start, entity.end):
                return True
    return False


GENERIC_CARE_WORDS = frozenset(
    """visit visits appointment appointments hospital clinic patient patients pt pts clinica consulta cita lopital""".split()
)


def reply_care_sentences(doc: Document) -> tuple[tuple[int, int], ...]:
    """Return the sentences of a reply that talk to the person about their own care (they confirm treatment)."""
    cached = doc.memo.get("reply_care")
    if cached is None:
        found = []
        if is_reply(doc):
            words = gazetteer("health_words")
            for start, end in doc.sentences:
                sentence = doc.text[start:end]
                if generic_reply_sentence(sentence) or WELL_WISHES.search(sentence):
                    continue
                # "our genetic counseling team", "your sleep doc can explain", "your long COVID series": health words
                # naming a team, the reader's own clinician or a story's topic say nothing about anyone's care.
                sentence = NOT_ABOUT_CARE.sub(" ", sentence)
                sentence = HANDLE_WORD.sub(" ", sentence)  # "@braces.era.bella": a name, not the person's braces
                health = (any(fold(word) in words and fold(word) not in GENERIC_CARE_WORDS
                              for word in TOKEN.findall(sentence))
                          or any(other.search(sentence) for other in (SPANISH_HEALTH, KOREAN_HEALTH, ARABIC_HEALTH)))
                if REPLY_SERVICE.search(sentence) and (_YOU.search(sentence) or YOUR_RELATIVE.search(sentence)):
                    found.append((start, end))  # "ur mom did great tonight", "we emailed your fit-for-duty letter"
                    continue
                if not _YOU.search(sentence):
                    # "we have Mateo down for his 4-yr shots", "so glad your mom got home after her stay on 7 north":
                    # the reply speaks of the commenter's child or parent and their care.
                    if health and (YOUR_RELATIVE.search(sentence) or _names_someone(doc, start, end)):
                        found.append((start, end))
                    continue
                if health or second_person_care(sentence):
                    found.append((start, end))
        cached = tuple(found)
        doc.memo["reply_care"] = cached
    return cached  # type: ignore[return-value]

# What a reply says only to someone we cared for or served: where they were cared for ("back in chair 9", "on 2 North",
# "4 days out of the unit"), who cared for them ("that was me who did your repair", "an honor to care for your mama"),
# what we did for them ("we emailed your fit-for-duty letter", "your new partial is ready for pickup") and how their
# relative is doing in our care ("ur mom did great tonight", "your dad ate every bite").
REPLY_SERVICE = compile_pattern(
    r"(?i)\b\d{1,2}\s?(?:north|south|east|west)\b|\b(?:chair|bed|bay|pod|room|rm|silla|cama)\s*#?\s*[a-z]?\d{1,4}\b"
    r"|\b(?:out\s+of|on|in|back\s+(?:on|in))\s+the\s+(?:unit|ward|floor)\b"
    r"|\bthat\s+was\s+me\s+(?:who|that)\b|\b(?:honou?r|joy|privilege|pleasure)\s+to\s+(?:care\s+for|take\s+care\s+of|look\s+after|"
    r"visit(?:ing)?|be\s+(?:your|ur)\s+\w+)\b|\b(?:caring\s+for|taking\s+care\s+of|visiting)\s+(?:you|your|ur)\b"
    r"|\bwe(?:['\u2019]ve|\s+have|\s+just|\s+already)?\s+(?:emailed|e-mailed|sent|mailed|faxed|matched|moved|booked|scheduled|"
    r"rescheduled|shipped|delivered|refilled|filled|processed|filed|submitted|ordered|switched|added)\s+(?:your|ur)\s+"
    r"(?!(?:message|comment|review|feedback|note|dm|question|kind\s+words|post|email|e-mail|suggestion|request\s+to\s+our)\b)"
    r"|\b(?:your|ur)\s+(?!(?:[\w'-]+\s+){0,2}?(?:tickets?|registration|bib|shirt|t-shirt|spot|seat|entry|donation|"
    r"application|badge|team|fundraiser|page)\b)(?:new\s+)?(?:[\w'-]+\s+){0,2}?(?:is|are|'s)\s+(?:ready(?:\s+for\s+(?:pickup|pick-up|collection))?|done|"
    r"signed|approved|filed|on\s+the\s+(?:van|truck|way)|out\s+for\s+delivery)\b"
    r"|\b(?:your|ur|yr)\s+(?:mom|mum|mama|momma|mother|dad|daddy|papa|father|wife|husband|son|daughter|grandma|grandpa|"
    r"granny|nana|brother|sister|baby|kid)(?:['\u2019]s)?\s+(?:(?:is|was)\s+)?(?:still\s+)?(?:did\s+(?:great|so\s+well|amazing|"
    r"awesome|good|well)|(?:was\s+)?(?:a\s+)?(?:trooper|champ|legend|rockstar)|ate|slept|(?:is\s+)?still\s+(?:on|in|here|with\s+us)|got\s+to)\b"
)


HANDLE_WORD = compile_pattern(r"@\w[\w.]*")
REPLY_OPENING = compile_pattern(
    r"(?i)^\s*(?:reply|replying|response|re:)\b|^\s*@\w+"
    # "thanks for the review" (not a Cochrane, systematic or literature review)
    r"|\b(?:your|ur|her|his|their|the|kind|great|lovely|nice|honest|glowing|\d[\s-]?star|five[\s-]star|google|yelp|facebook)\s+"
    # never a clinical review: "ask at your diabetes review", "your medication review", "your annual review"
    r"(?:(?!(?:diabetes|asthma|copd|medication|medicines?|meds|drug|annual|yearly|six-month|care|clinical|health|chart|case|"
    r"treatment|progress|pharmacy|structured|follow-up|pain|heart|bp|dental|eye|hearing|sleep|therapy)\s)\w+\s+)?"
    r"review\b(?!\s+(?:of\s+(?:the\s+)?(?:literature|evidence|\d+|trials|studies)|article|board|committee|from\b))"
    r"(?<!cochrane\sreview)(?<!systematic\sreview)(?<!literature\sreview)(?<!fda\sreview)(?<!peer\sreview)(?<!chart\sreview)"
    r"|^\s*[\u00a1\u00bf]?(?:hi|hey|hello|dear|hola|sorry|so\s+sorry|we'?re\s+sorry|thanks|thank\s+you|congrats|congratulations|"
    r"welcome\s+back|buenos\s+d[i\u00ed]as|gracias)\b(?:[^.!?\n]{0,30}?,)?\s*(?:@\w+|(?-i:[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+(?:[\s-][A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+)?))\s*[!.,\U0001F300-\U0001FAFF]"
    r"|^[^.!?\n]{0,60},\s*(?!(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.)(?-i:[A-Z][a-z]+)[!.]"
    # "hi denise!", "hey marco,": a greeting to one person written in lower case (not "hi everyone!").
    r"|^\s*(?:hi|hey|hello|hola)\s+(?!(?:everyone|everybody|all|friends|folks|team|there|guys|y'?all|fam|family|"
    r"neighbors|neighbours|again|gang|todos|amigos)\b)(?-i:[a-z\u00df-\u00ff]{2,})\s*[!,]"
)


def is_reply(doc: Document) -> bool:
    """Return whether the post answers someone: flagged by the caller, or opening with a handle, a name or a reply cue."""
    cached = doc.memo.get("is_reply")
    if cached is None:
        cached = doc.memo["is_reply"] = doc.context.is_reply or bool(REPLY_OPENING.search(doc.text))
    return cached  # type: ignore[return-value]


NON_PATIENT_HEALTH = compile_pattern(r"(?i)\b(?:patients|clinicians|radiologists|hospitals|studies|cases|every|any|each)\b")


@dataclass(frozen=True)
class RoleDecision:
    """Whose entity this is, with the evidence score behind it."""

    role: Role
    patient_score: int
    other_score: int


# A rank written as a retired officer's or NCO's honorific ("CMSgt (ret.) Ray Whitcombe-Nash", "Gen. (Ret.) Marcus
# Ebersole"): how bios, programs and award posts name a speaker, a volunteer or a member of staff.
RETIRED_RANK_BEFORE = compile_pattern(r"(?i)\((?:ret|retired)\.?\)\s*$")


def staff_cue_around(doc: Document, start: int, end: int) -> bool:
    """Return whether a job title or staff words stand right before or after the name at [start, end) (asked once)."""
    known: dict[tuple[int, int], bool] = doc.memo.setdefault("staff_cue", {})  # type: ignore[assignment]
    if (start, end) not in known:
        before, after = doc.text[max(0, start - 60) : start], doc.text[end : end + 80]
        known[(start, end)] = bool(CLINICIAN_BEFORE.search(before) or CLINICIAN_AFTER.match(after) or STAFF_AFTER.match(after)
                                   or RETIRED_RANK_BEFORE.search(before))
    return known[(start, end)]


def person_role(doc: Document, start: int, end: int, confidence: float = 0.0) -> RoleDecision:
    """Decide whether the person named at [start, end) is a patient or relative, someone else, or unclear.

    ``confidence`` is the tagger's for the name: a capitalised name it is sure of (0.9 or more), with some health
    evidence and nothing against it, may be a patient even on that one point.
    """
    text = doc.text
    before, after = text[max(0, start - 60) : start], text[end : end + 80]
    name_tokens = {fold(token).strip(".") for token in text[start:end].split()}
    other = 0
    if name_tokens <= doc.config.spokespeople_tokens or name_tokens <= doc.config.product_tokens:
        return RoleDecision("other", 0, 9)
    if staff_cue_around(doc, start, end):
        other += 4
    if EPONYM_AFTER.match(after):
        return RoleDecision("other", 0, 9)  # "Lou Gehrig's disease", "the Michael J. Fox Foundation"
    if CLINICIAN_BEFORE.search(text[start:end].split()[0] + " "):
        other += 4
    patient = 0
    if CARE_RECEIVED_AFTER.match(after):
        patient += 5  # "Councilman Ruiz was seen in our ED last night": whatever the title, a patient
    if RELATIVE_BEFORE.search(before):
        patient += 4
    if PATIENT_BEFORE.search(before):
        patient += 3
    if PATIENT_AFTER.match(after):
        patient += 3
    if POSSESSIVE_HEALTH.match(after) or OWN_CARE_AFTER.match(after):
        patient += 3
    if AGE_AFTER.match(after):
        patient += 2
    sentence_start, sentence_end = _sentence_with_follow_up(doc, start)
    clause = text[max(sentence_start, start - 70) : min(sentence_end, end + 110)]
    health = health_count(clause)
    patient += min(health, 2)
    if OLD_AGE.search(clause):
        patient += 1
    if any(c_start < sentence_end and sentence_start < c_end for c_start, c_end in doc.patient_cues):
        patient += 2
    if _is_addressed(text, start, end) and (second_person_care(text) or reply_care_sentences(doc)):
        patient += 3
    elif health == 0 and health_count(text) >= 2 and not staff_word_count(text):
        patient += 1
    if doc.has_patient_context and other == 0 and patient < 3:
        patient += 1
    other += 2 * staff_word_count(clause) + 4 * workplace_birthday(doc)
    if health and NON_PATIENT_HEALTH.search(clause) and patient < 3:
        other += 1
    if patient == 1 and other == 0 and confidence >= 0.9 and text[start].isupper() and not re.search(r"[a-z][A-Z]", text[start:end]):
        return RoleDecision("uncertain", patient, other)
    return _decide(patient, other)


def _sentence_with_follow_up(doc: Document, position: int) -> tuple[int, int]:
    """Return the sentence at a position, extended by the next one when that goes on about 'he' or 'she'.

    A short exclamation or question ("Remember Jan Kowalski?", "Way to go, Walter Kim!") is always read with the
    sentence after it, which says what it is about.
    """
    start, end = doc.sentence_at(position)
    index = doc.sentence_index(position)
    if index + 1 < len(doc.sentences):
        next_start, next_end = doc.sentences[index + 1]
        if end - start < 40 or re.search(r"(?i)\b(?:he|she|his|her|him|they|their)\b", doc.text[next_start : next_start + 40]):
            return start, next_end
    return start, end


OLD_AGE = compile_pattern(r"(?i)\b(?:9\d|1[01]\d)(?:[\s-]?(?:yo|y/o|years?[\s-]old|yrs?[\s-]old))?\b(?!\s*%)(?=[\s,.!?)-])|\bninety[\s-]\w+|\bcentenarian\b")


def _is_addressed(text: str, start: int, end: int) -> bool:
    """Return whether the name is the person the post speaks to ('Hi Dwight!', 'Thanks for the stars, Priscilla!')."""
    before, after = text[max(0, start - 40) : start], text[end : end + 3]
    if re.search(r"(?i)\b(?:hi|hey|hello|dear|thanks|thank\s+you|thx|tysm|ty|sorry|congrats|congratulations|welcome|"
                 r"glad|happy\s+birthday|oh|yay|go|responding\s+to|replying\s+to|@\w+)\s*,?\s*"
                 r"(?:(?:sir|ma['\u2019]?am|madam|miss|mr\.?|mrs\.?|ms\.?|lola|lolo|tita|tito|ate|kuya|auntie|don|do\u00f1a)\s+)?$", before):
        return True
    return bool(re.match(r"\s*(?:[,!?:]|$)", after)) and bool(re.search(r"(?:^|[,.!?\n]|@\w+)\s*$", before))


def _decide(patient: int, other: int) -> RoleDecision:
    if patient >= 3 and patient - other >= 2:
        return RoleDecision("patient", patient, other)
    if patient >= 2 and patient - other >= 1:
        return RoleDecision("uncertain", patient, other)
    return RoleDecision("other", patient, other)


def is_region(name: str) -> bool:
    """Return whether a place name is a state or a country (never an identifier on its own)."""
    folded = fold(name.strip(" .,"))
    return folded in _REGIONS or name.strip(" .,") in US_STATE_CODES or folded in gazetteer("countries")


_REGIONS = frozenset(fold(name) for name in US_STATE_NAMES.split("|"))


def place_role(doc: Document, start: int, end: int, patient_people: list[tuple[int, int]]) -> RoleDecision:
    """Decide whether a place in the post is where a patient lives, was treated or comes from."""
    sentence_start, sentence_end = doc.sentence_at(start)
    text = doc.text
    clause = text[max(sentence_start, start - 80) : min(sentence_end, end + 80)]
    patient = 0
    if any(p_start < sentence_end and sentence_start < p_end for p_start, p_end in patient_people):
        patient += 3
    if RELATIVE_BEFORE.search(text[max(0, sentence_start) : start]) or _RELATIVE_WORD.search(clause):
        patient += 1
    patient += min(health_count(clause), 2)
    if any(c_start < sentence_end and sentence_start < c_end for c_start, c_end in doc.patient_cues):
        patient += 2
    if re.search(r"(?i)\b(?:from|of|in|near|outside|lives\s+in|drove\s+in\s+from|home\s+in)\s+$", text[max(0, start - 20) : start]):
        patient += 1
    other = 2 * staff_word_count(clause) + _staff_sentence(doc, sentence_start, sentence_end, patient_people)
    if re.search(r"(?i)\b(?:team|office|clinic|families|residents|community|hq|headquarters|site|campus|hub)\b",
                 text[end : end + 20]):
        other += 2
    # A walk, race or trip in the place is an outing or an event, not where the patient lives or was treated.
    if OUTING_WORDS.search(clause):
        other += 4
    elif PUBLIC_INVITE.search(text) and not any(p_start < sentence_end and sentence_start < p_end for p_start, p_end in patient_people):
        other += 3  # where a public clinic, class or party is held
    # An unknown name that no locative word introduces ("every word of Moon River") is weak evidence of a place.
    if fold(text[start:end]) not in gazetteer("places") and not LOCATIVE_BEFORE.search(text, max(0, start - 25), start):
        other += 3
    return _decide(patient, other)


# An invitation to the public ("no appt needed", "families welcome", "open to the public", "free flu shot clinic").
PUBLIC_INVITE = compile_pattern(
    r"(?i)\bno\s+(?:appt|appointment)s?\s+(?:needed|necessary|required)|\bwalk[\s-]?ins?\b|\bcome\s+(?:find|see|visit|meet)\s+us\b|\bstop\s+by\b|\bopen\s+to\s+(?:the\s+public|all|everyone|(?:all\s+)?(?:nurses|staff|techs|employees|students|families|anyone)\b)"
    r"|\b(?:families|family|everyone|all|friends|neighbou?rs|public)\s+(?:are\s+)?welcome|\bfree\s+(?:\w+\s+){0,2}(?:clinic|class|classes|screenings?|"
    r"event|fair|drive|shots?|checks?)|\brsvp\b|\bsign\s+up\b|\bdrop[\s-]?off\b|\ball\s+ages\b|\bcome\s+(?:join|celebrate|sing|dance)"
    # "free, drop in, babies welcome", "free sleep sacks while they last"
    r"|\bdrop[\s-]?ins?\b|\b(?:babies|kids|children|partners|siblings|toddlers|grandparents|dads|moms|parents|strollers)\s+(?:are\s+)?"
    r"(?:always\s+)?welcome\b|\bwhile\s+(?:they|supplies)\s+last\b|\bno\s+(?:registration|rsvp|sign[\s-]?up)\s+(?:needed|required)\b"
    # in Spanish and Portuguese: "gratis", "sin cita", "con o sin seguro", "todos bienvenidos", "aberto ao público"
    r"|\b(?:gratis|gratuit[ao]s?|sin\s+cita|con\s+o\s+sin\s+seguro|tod[oa]s\s+(?:son\s+)?bienvenid[oa]s|abiert[oa]\s+al\s+p[u\u00fa]blico|"
    r"abert[oa]\s+ao\s+p[u\u00fa]blico|sem\s+agendamento)\b"
)
OUTING_WORDS = compile_pattern(
    r"(?i)\b(?:walk(?:ed|ing)?\s+the|(?:heart|memory|charity|fun)\s+(?:walk|run)|race|marathon|5k|10k|gala|fundraiser|festival|parade|"
    r"concert|vacation|holiday\s+trip|road\s+trip|game\s+day|fair)\b"
)
LOCATIVE_BEFORE = compile_pattern(
    r"(?i)\b(?:in|from|near|outside|at|to|into|around|across|lives\s+in|back\s+in|home\s+in|out\s+past|past|by|on)\s+(?:the\s+)?$"
)


def date_role(doc: Document, start: int, patient_people: list[tuple[int, int]]) -> RoleDecision:
    """Decide whether a date is a patient's (admission, birth, surgery) rather than an event's or a company's."""
    sentence_start, sentence_end = doc.sentence_at(start)
    text = doc.text
    clause = text[max(sentence_start, start - 90) : min(sentence_end, start + 60)]
    patient = 0
    if any(p_start < sentence_end and sentence_start < p_end for p_start, p_end in patient_people):
        patient += 3
    elif patient_people:
        patient += 2
    if _RELATIVE_OR_PRONOUN.search(clause):
        patient += 2
    if second_person_care(clause):
        patient += 2
    patient += min(health_count(clause), 2)
    if any(c_start < sentence_end and sentence_start < c_end for c_start, c_end in doc.patient_cues):
        patient += 2
    other = 2 * staff_word_count(clause) + _staff_sentence(doc, sentence_start, sentence_end, patient_people)
    other += 4 * workplace_birthday(doc)
    return _decide(patient, other)


CLINICIAN_NAME = compile_pattern(r"\b(?:Dr|Prof|Professor|Nurse)\.?\s+[A-Z]|\b[A-Z][a-z]+,?\s+(?:MD|M\.D\.|DO|RN|NP|PhD)\b")


def _staff_sentence(doc: Document, start: int, end: int, patient_people: list[tuple[int, int]]) -> int:
    """Return 3 when the sentence is about a named clinician and no patient: its pronouns and dates are theirs."""
    if any(p_start < end and start < p_end for p_start, p_end in patient_people):
        return 0
    return 3 if CLINICIAN_NAME.search(doc.text, max(0, start - 6), end) else 0


@dataclass(frozen=True)
class PersonMention:
    """A tagged person name with the role decided for it."""

    start: int
    end: int
    decision: RoleDecision


def tagged_people(doc: Document) -> tuple[PersonMention, ...]:
    """Return every person name the tagger finds (outside hashtags, handles and links) with its role."""
    cached = doc.memo.get("people")
    if cached is None:
        cached = tuple(
            PersonMention(entity.start, entity.end, person_role(doc, entity.start, entity.end, entity.confidence))
            for entity in doc.entities
            if entity.kind == "PER" and _is_name_like(doc, entity.start, entity.end)
        )
        doc.memo["people"] = cached
    return cached  # type: ignore[return-value]


def patient_people(doc: Document) -> list[tuple[int, int]]:
    """Return the spans of the people decided to be patients or relatives (or possibly so)."""
    return [(p.start, p.end) for p in tagged_people(doc) if p.decision.role != "other"]


SAINT_BEFORE = compile_pattern(r"(?i)\b(?:san|santa|santo|s[aã]o|saint|st|ste)\.?\s+$")


def _is_name_like(doc: Document, start: int, end: int) -> bool:
    name = doc.text[start:end]
    words = re.findall(r"[^\W\d_]{2,}", name)
    if not words or all(fold(word) in _NEVER_NAMES for word in words) or fold(words[0]) in _PLACE_HEADS:
        return False
    if len(words) > 1 and words[-1][0].isupper() and fold(words[-1]) in ORGANISATION_TAILS:
        return False  # "Little Lantern Pediatrics", "Grace & Ember Community Hall": a practice or a venue
    if doc.in_hashtag(start) or (start > 0 and doc.text[start - 1] in "@#/.") or "@" in name:
        return False
    if countries_only(words):
        return False  # "India's No.1 AI ECG patch": a country
    comma = name.rfind(",")
    if comma > 0 and CLINICIAN_AFTER.match(name[comma:]):
        return False  # "Jess Amarillo, DPT" read as one name: a clinician with a credential
    if SAINT_BEFORE.search(doc.text, max(0, start - 8), start):
        return False  # "la Iglesia San Mateo", "St. Brigid's": a church, a hospital or a town named for a saint
    return not any(u_start <= start < u_end for u_start, u_end in doc.urls)


# Last words of the name of a practice, a business or a venue, capitalised ("Lantern Pediatrics", "Ember Community Hall").
ORGANISATION_TAILS = frozenset(
    """foundation institute fund society association clinic clinics hospital center centre award prize pediatrics
    paediatrics dental dentistry orthodontics orthopedics cardiology dermatology medical medicine health healthcare
    pharmacy labs imaging wellness therapeutics associates partners group hall church chapel school academy
    university college library market kitchen""".split()
)
# Words that open the name of a church, school, clinic or street in Spanish, Portuguese or Creole ("Iglesia San Lucas",
# "Rua das Acácias"): the tagger, trained on English, sometimes takes the saint's name for a person.
_PLACE_HEADS = frozenset(
    """iglesia igreja parroquia capilla templo clinica hospital escuela escola colegio universidad centro casa mercado
    parque plaza colonia barrio calle avenida rua praca fundacion legliz lekol lopital""".split()
)
_NEVER_NAMES = frozenset(
    """the a an and our my your his her their this that thanks thank happy meet hi hey dear team patient patients
    doctor dr nurse ai fda ceo cmo rip icu er ed nicu mri ct today yesterday hospital clinic
    mom mommy mum mama momma dad daddy pop pops papa grandma grandpa gran granny grandad granddad nana nan nonna nonno
    abuela abuelo abuelita abuelito oma opa mother father auntie aunt uncle sis bro hubby
    english spanish french portuguese chinese mandarin cantonese vietnamese korean arabic russian tagalog filipino haitian creole hindi italian german japanese polish somali latino latina hispanic asl
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
    janeiro fevereiro marco maio junho julho setembro outubro novembro dezembro
    lunes martes miercoles jueves viernes sabado domingo segunda terca quarta quinta sexta
    dra dr doctora doutor doutora enfermera enfermeira
    information prescribing instructions indications warnings""".split()
)
