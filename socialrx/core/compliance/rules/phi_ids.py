"""PHI rules for structured identifiers: phones, emails, SSNs, record, member, account and device numbers."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

import phonenumbers

from socialrx.core.compliance.document import Document
from socialrx.core.compliance.findings import Finding, Severity
from socialrx.core.compliance.lexicon import US_STATE_CODES
from socialrx.core.compliance.patterns import compile_pattern
from socialrx.core.compliance.roles import is_reply
from socialrx.core.compliance.rules.phi_names import patient_name_spans
from socialrx.core.compliance.tokens import COMMON_WORDS, fold, name_gazetteers

_ID_VALUE = r"([A-Z0-9][A-Z0-9\-]{3,20}[A-Z0-9])"
_NUMBER_WORDS = r"(?:\s*(?:number|num|no\.?|#|id|ID))?\s*[:#\-]?\s*"
_NUMBER_WORDS_REQUIRED = r"\s*(?:number|num|no\.?|#|id|ID)\s*[:#\-]?\s*\(?\s*"
# A record number may be split by spaces, dots or hyphens ("88-302-117", "0042 7719", "LK-0092231").
_RECORD_VALUE = r"((?i:[A-Z]{0,3})-?\d(?:[\s.\-]?\d){4,13})(?![\w-])"
MRN = compile_pattern(
    rf"(?i:\bMRNs?(?:\s+like|\s+such\s+as)?|\bmed(?:ical)?\s+rec(?:ord)?s?|\bchart|\brecord|\bpatient\s+(?:id|number|no)|\bpt\s+id|\bcase"
    rf"|\bacc(?:ession)?|\bspecimen){_NUMBER_WORDS}"
    rf"{_RECORD_VALUE}"
    rf"|(?-i:\bMRN)\b[^.!?\d]{{0,60}}?{_RECORD_VALUE}"
    rf"|(?i:\bnumber\s+){_RECORD_VALUE}(?=\s+(?i:in|on|from)\s+(?:our|the|his|her)\s+(?:registry|records?|system|database|chart))"
)
# "(#LV-44821)" next to a patient: a record or case code in brackets.
HASH_CODE = compile_pattern(r"[(\[]\s*#\s*([A-Z]{1,4}-?\d{4,10})\s*[)\]]")
MEMBER_ID = compile_pattern(
    rf"(?i:\b(?:member|subscriber|policy|medicare|medicaid|insurance|health\s+plan|plan|beneficiary|group)"
    rf"{_NUMBER_WORDS_REQUIRED}){_ID_VALUE}"
    # "his card is MC 88 41 207 7", "insurance card: …": a card's number read out
    rf"|(?i:\b(?:(?:insurance|medicaid|medicare|member|health|plan|his|her|their)\s+)card\s+(?:is|was|number|no\.?|#)\s*:?\s*){_ID_VALUE}"
)
MBI = compile_pattern(
    r"\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}\b"
)
ACCOUNT = compile_pattern(rf"(?i:\b(?:acct|account|invoice|claim|billing)(?:\s+acct)?{_NUMBER_WORDS})(\d[\d\-]{{3,18}}\d)\b")
LICENSE = compile_pattern(
    rf"(?i:\b(?:driver'?s\s+licen[cs]e|licen[cs]e|certificate|permit|passport){_NUMBER_WORDS_REQUIRED}|\bDL\s*[:#]?\s*)"
    rf"{_ID_VALUE}"
)
PLATE = compile_pattern(rf"(?i:\b(?:license\s+plate|plate|tag|placa|matr[i\u00ed]cula|plak){_NUMBER_WORDS})([A-Z0-9][A-Z0-9\- ]{{1,7}}[A-Z0-9])\b")
VIN = compile_pattern(r"\b[A-HJ-NPR-Z0-9]{17}\b")
SERIAL = compile_pattern(rf"(?i:\b(?:serial|s/n|SN|UDI|lot|device\s+id|implant\s+id){_NUMBER_WORDS}){_ID_VALUE}")
UDI_GS1 = compile_pattern(r"\(01\)\d{14}")
SSN = compile_pattern(r"\b(\d{3})([-\s]?)(\d{2})\2(\d{4})\b")
SSN_CUE = compile_pattern(
    r"(?i:\bSSN|\bsocial\s+security(?:\s+number|\s+no\.?|\s+#)?|\bSS#)(?:\s+(?:is|was|of))?\s*[:#=]?\s*[(\[]?\s*(\d{3}[-\s.]?\d{2}[-\s.]?\d{4})\b"
)
EMAIL = compile_pattern(r"\b[\w.+-]+@([\w-]+(?:\.[\w-]+)+)\b")
IPV4 = compile_pattern(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)")
IPV6 = compile_pattern(r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:){2,7}:?[0-9a-fA-F]{1,4}(?![\w:])")
# A cheap pre-check: ten digits in phone-like groups, or an international prefix, before running phonenumbers.
PHONE_SHAPE = compile_pattern(r"\d{3}\)?[\s.\-]{0,2}\d{3}[\s.\-]{0,2}\d{4}|\+\s?\d")
# Machine-formatted identifiers: key=value pairs, URL parameters, "name: …" fields.
KEY_VALUE = compile_pattern(
    r"(?i)(?<![\w-])(?:patient[_-]?(?:name|id)|pt[_-]?(?:name|id)|first[_-]?name|last[_-]?name|full[_-]?name|name|"
    r"member[_-]?(?:id|no|number)|mrn|dob|date[_-]?of[_-]?birth|birth[_-]?date|birthday|ssn|phone|tel|mobile|cell|email|"
    r"e-mail|addr(?:ess)?|street|city|town|zip(?:code)?|postcode|account|acct|policy(?:[_-]?(?:id|no))?|insurance[_-]?id|"
    r"device[_-]?id|serial|ip|(?:medicaid|medicare|ma|mbi|student|client|resident|claim|nhs|chart|visit|encounter|rx)"
    r"[_-]?(?:id|no|num|number)|"
    # the person's name under the record's own word, in machine-formatted text only: "patient=Cawo Faarax Xuseen;"
    r"(?:patient|pt|client|resident|student|subject|member|guarantor|caller)(?=\s*=))\s*(?:=|:)\s*([^\s&#,;|]+(?:(?:%20|\+)[^\s&#,;|]+)*)"
)
# A seven-digit local number right after a call or text cue ("call him at 555-0188").
# An area code may come first, in any grouping ("call the house at 555 219 0441", spelled-out digits included).
LOCAL_PHONE = compile_pattern(
    r"(?i:\b(?:call|text|phone|reach|cell|ring|whatsapp|number)\w*\b(?:[^\d\n]{0,15}?|[^\d\n.!?]{0,40}\b(?:at|on)\s+))"
    r"((?:\(?\d{3}\)?[-.\s\u2013]?)?\d{3}[-.\s\u2013]?\d{4})(?!\d)"
)
TOLL_FREE_AREA = compile_pattern(r"\(?8(?:00|33|44|55|66|77|88)\b")
# A seven-digit local number written as one ("555-0177") in a post about a patient.
BARE_LOCAL_PHONE = compile_pattern(r"(?<![\d\-/.$#])(?<!\d\)\s)(?<!\d\))(?<!\d\s)(\d{3}[-.\u2013]\d{4})(?![\d\-/%])")
# The organisation giving its own number: "call us at", "our fax at", "our front desk line is".
OWN_NUMBER_CUE = compile_pattern(
    r"(?i)\b(?:call|text|fax|reach|contact|ring)\s+us\s+(?:at|on)?\s*:?\s*$"
    r"|\b(?:24/7|24\s+hours\s+a\s+day)\b[^.!?\n]{0,24}$"
    r"|\bquestions?\s*(?:\u2192|->|:|\?)\s*(?:\S+\s+or\s+)?$"  # "Call L&D triage 24/7 at …": a service's line, open to everyone
    r"|\bour\s+(?!(?:mom|mum|dad|son|daughter|kid|baby|patient|family|grand\w*|sister|brother|wife|husband)\b)"
    r"(?:[\w-]+\s+){0,2}(?:fax|phone|line|number|hotline|helpline|desk|office|team|department|clinic|nurses?|staff)\s*(?:number\s*)?"
    r"(?:at|is|on)?\s*:?\s*$"
    # "Questions? Facilities hotline (812) 555-0169": a service's own line
    r"|\b(?:hotline|helpline|info\s+line|call\s+cent(?:er|re)|switchboard|main\s+line)\s*(?:number\s*)?(?:at|is|on)?\s*:?\s*$"
    # "records requests go to HIM fax (570) 555-0131", "referrals fax:": a department's own fax or line
    r"|\b(?-i:HIM)\s+(?:fax|line)\s*:?\s*$|\b(?:medical\s+records|records|referrals?|intake|scheduling|billing)\s+(?:fax|line)\s*(?:number\s*)?(?:at|is|on)?\s*:?\s*$"
    # 'if someone "from Quillfen" asks, report it: 555-0161'
    r"|\breport\s+(?:it|this|them|that|scams?|fraud)\s*(?:to\s+us)?\s*(?:at|on|:|\u2192|->)\s*$"
    # An instruction to the reader naming a desk or a role: "call medical records at", "fax requests to", "or text the
    # charge nurse at" (never "call her daughter at": a person's word keeps the number personal).
    r"|(?:^|[.!?;:,]\s*|\b(?:please|or|and|then)\s+)(?:call|text|fax|phone|reach|contact|ring)\s+"
    r"(?!(?:[a-z'\u2019]+\s+){0,3}?(?:her|his|him|their|them|mom|mum|dad|son|daughter|wife|husband|family|me|my|house|home|"
    r"cell|mobile|patient\w*|pt|client|resident|member|chart)\b)(?-i:[a-z'\u2019]+\s+){0,3}?(?:at|on|to)\s*:?\s*\(?$"
    r"|\b(?:please|or)\s+(?:call|text)\s*:?\s*\(?$"  # "Learn more at … or call (419) 555-0163"
    # "call the Privacy Office at", "the patient-experience line at", "a patient advocate can speak with you at".
    r"|\b(?:call|text|fax|phone|reach|contact|ring)\s+(?:the|our)\s+(?:(?-i:[A-Z][\w&'\u2019-]*)\s+){1,4}(?:at|on|to)\s*:?\s*\(?$"
    r"|\b(?:call|text|fax|phone|reach|contact|ring)\s+(?:the|our)\s+(?:[\w-]+\s+){0,3}(?:line|office|desk|team|department|center|"
    r"centre|clinic|hotline|helpline|pharmacy|unit)\s+(?:at|on|to)\s*:?\s*\(?$"
    r"|\bthe\s+(?:[\w&-]+\s+){0,3}(?:line|office|desk|hotline|helpline|team|department|center|centre|clinic)\s+(?:at|is|on)\s*:?\s*\(?$"
    r"|\b(?:advocate|coordinator|navigator|nurse\s+line|team|office)\s+(?:can|will)\s+(?:speak|talk)\s+with\s+you\s+(?:\w+\s+)?(?:at|on)\s*\(?$"
    r"|\bquestions\??\s*[:?]\s*(?:call\s+)?\(?$"
    # "share our Giving Line, (419)…", "Health ministry line (562)…", "call the warmline 555-0129", "our nurse navigator (479)…"
    r"|\b(?:warm|nurse|health|giving|crisis|support|peer|help|hot|info|appointment|scheduling|booking|text|main|direct|physician|"
    r"referral|ministry|prayer|advice|triage|refill)[\s-]?line\s*(?:number\s*)?(?:is|at|on)?\s*[:,]?\s*\(?$"
    r"|\bour\s+(?:[\w-]+\s+){0,2}(?:navigator|coordinator|scheduler|liaison)\s*[:,]?\s*\(?$"
    # Spanish: "llame a nuestra línea de seguridad al", "llámenos al".
    r"|\b(?:ll[a\u00e1]me(?:nos)?|comun[i\u00ed]quese)\s+(?:a\s+)?(?:nuestra|nuestro|la|el)?\s*(?:[\w\u00e1\u00e9\u00ed\u00f3\u00fa]+\s+){0,4}?al?\s*\(?$"
)
# A line of a directory: "1/ Patient experience (complaints, compliments): ", "Billing and payment plans: " (never "Mom's cell: ").
DIRECTORY_LINE = compile_pattern(
    r"\s*(?:\d+[/.)]\s*|[-*\u2022]\s*)?(?!(?i:.*\b(?:mom|mum|dad|son|daughter|wife|husband|his|her|their|my|cell|mobile|home|"
    r"grand\w*|sister|brother|member|patient|pt|client|resident|family|caller|attn|me|him|them)\b))[A-Z][\w &/(),'\u2019-]{2,60}:\s*\(?"
)
# "Call, text 320-555-0182, or use the app", "Questions: (608) 555-0173": a line for everyone who reads a post that is
# about no patient (in one that is, "aiden's mom we have it!! call 206 555 0183" may give the family's number).
GENERAL_CALL_CUE = compile_pattern(
    r"(?i)(?:^|[.!?]\s*)(?:call|text|phone)(?:\s*(?:,|or|/)\s*(?:call|text))?\s*:?\s*\(?$|\bquestions\??\s*[:?]\s*\(?$"
)
# A reply that refuses to discuss anyone's care: the number it gives is the organisation's ("we can't confirm who is
# a patient here, but our charge nurse can talk with you: (859) 555-0135").
REFUSING_REPLY = compile_pattern(
    r"(?i)\b(?:can['\u2019]?t|cannot|can\s+not|unable\s+to|not\s+able\s+to|don['\u2019]?t|doesn['\u2019]?t|does\s+not|do\s+not|"
    r"(?:will|would)\s+never|never|won['\u2019]?t)\s+"
    r"(?:confirm|discuss|talk(?:\s+about)?|get\s+into|go\s+into|share|answer|say\s+(?:whether|if|anything|who)|tell\s+you|look\s+(?:up|into)|"
    r"comment\s+on|post|disclose|give\s+(?:medical\s+|personal\s+)?advice|"
    # "I can't tell what's going on from a comment", "i can't look anything up", "I can't diagnose you through X"
    r"tell\s+(?:what|whether|if|from)|look\s+(?:anything|anyone|it|that)\s+up|diagnose|access)\b"
    # Hinglish: "confirm nahi kar sakte", "yahan mat daaliye", "DOB yahan delete kar dijiye", "DM mein bhejo".
    r"|\b(?:confirm|discuss|share|bata)\s+nahi(?:n)?\s+kar\s+sakte\b|\b(?:yahan|idhar|yaha)\s+(?:mat|na)\s+\w+"
    r"|\b(?:mat|na)\s+(?:daaliye|daalo|dalo|likho|likhiye|post\s+karo|share\s+karo)\b|\bdelete\s+kar\s+(?:dijiye|do|dein)\b"
)
CALL_TO_ACTION_AFTER = compile_pattern(
    r"(?i)\s*(?:to|and)\s+(?:give|donate|register|book|schedule|enrol|enroll|rsvp|order|learn\s+more|sign\s+up|make\s+an?\s+"
    r"appointment|reserve|apply|volunteer|buy\s+tickets|get\s+tickets|ask\s+(?:about|for)\s+(?:our|the|a)\b|ask\s+about)\b"
)


def _number_end(text: str, start: int) -> int:
    """Return where the phone-shaped number starting at a position ends."""
    match = re.match(r"[\d()\s.\-\u2013]*\d", text[start:])
    return start + (match.end() if match else 0)


# The contact line of a press release or media advisory: "Media contact:", "Press inquiries:", "For interviews, …".
MEDIA_CONTACT = compile_pattern(
    r"(?i)\b(?:media|press|news|reporters?)\s+(?:contact|contacts|inquiries|enquiries|questions|line|relations|desk)\b\s*:?"
    r"|\bfor\s+interviews\b"
)
FAX_CUE = compile_pattern(r"(?i)\bfax(?:ed)?\b[^\d]{0,30}$")
# Any personal identifier after its cue word, however it is written: "our account is RX-55120-884", "device ID
# (PM-88214-QX)", "licence # B0412 77105 33", "acct: MC 0044 1902", "voiceprint ID VP-22819", "claim no. CLM-2025-0048812".
# The value is runs of capitals and digits joined by hyphens, dots, slashes or single spaces (a chunk after a space
# must hold a digit, so a following word is never taken) with at least four digits in all.
_CUED_KINDS: tuple[tuple[str, str, str], ...] = (
    ("phi.account_number", "account number",
     r"(?:pharmacy\s+|billing\s+|patient\s+|bank\s+)?(?:account|acct|a/c|invoice|statement|billing|cuenta|conta)"
     r"|(?:copay|co-pay|savings|discount|benefit|prescription|rx|pharmacy|enrollment|enrolment)\s+card(?=\s*(?:id|#|number|no))"),
    ("phi.license_number", "licence or certificate number",
     r"(?:driver'?s\s+|drivers\s+|medical\s+|nursing\s+|professional\s+)?(?:licen[cs]e|licen[cs]ing|licencia|licen\u00e7a)|\bC?DL|passport|permit|"
     r"(?:birth\s+|death\s+)certificate"),
    ("phi.device_id", "device serial number or UDI",
     r"serial|n[u\u00fa]mero\s+de\s+serie|s/n|\bSN|UDI|\blot|"
     r"(?:pacemaker|defibrillator|icd|lvad|insulin\s+pump|pump|cgm|implant|hearing\s+aids?|pendant|monitor)(?=\s*\(\s*(?!(?:K|DEN|P|BK|H)\d{6}\b)[A-Z]{1,5}[\s-]?\d)|(?:device|implant|pump|pacemaker|monitor|sensor|hearing\s+aid|meter|watch|tracker)\s+(?:id|serial|sn|#)"),
    ("phi.health_plan_id", "health plan member number",
     # national health numbers too: "NHS no 485 227 9016", "OHIP number", "health card #"
     r"(?:member|subscriber|policy|medicare|medicaid|insurance|health\s+plan|beneficiary|group|plan|nhs|ohip|chi|health\s+card)\s*"
     r"(?:card\s*,?\s*)?(?:id|#|number|no\.?|num)"),
    ("phi.biometric", "biometric identifier", r"(?:voice\s?print|finger\s?print|retina|iris|face\s?print|palm)\s*(?:id|#|number|no\.?)?"),
    ("phi.other_id", "claim, case or reference number",
     r"(?<!approved\s)(?<!approved\s\s)(?:(?:insurance\s+|denied\s+)?claim(?=\s*(?:id|#|number|no\.?|num)?\s*[:#]?\s*[A-Z]{0,5}-?\d)"
     r"|(?:claim|case|ref(?:erence)?|confirmation|ticket|referral|prior\s+auth|rx|prescription|"
     r"order|employee|student|visit|encounter|booking|appointment|user|login|portal|customer|client|subject|participant)"
     r"\s*(?:id|#|number|no\.?|num))"
     # A test kit's, sample's or report's number, with or without its cue: "kit ID KLM-88314-Q", "barcode: SB 0049 2210".
     r"|(?:test\s+)?(?:kit|kits|sample|specimen|barcode|bar\s+code|accession|requisition|swab|tube|report|letter)(?=\s*(?:ids?|#|"
     r"numbers?|no\.?|num)?\s*[:#(]?\s*\(?\s*#?(?:[A-Z]{1,5}\s?-?\s?){0,2}\d|\s+(?:ids?|numbers?|#))"
     r"|(?:your|his|her|my|their|our\s+(?:member|client|patient)'?s?|patient'?s?|pt'?s?|member'?s?|client'?s?)\s+(?:\w+\s+)?(?:ID|id)\b"),
)
_CUED_VALUE = (
    r"(?:\s*(?:id|ID|number|num|no\.|nr|#|code)s?)?"
    # "serial on the card is …", "member ID from his card: …": where the number was read.
    r"(?:\s+(?:on|from|in)\s+(?:the|his|her|your|my|their)\s+(?:card|unit|device|machine|box|label|sticker|back|letter|form))?"
    r"(?:\s+(?:is|was|reads|ending\s+in|of)|,?\s+it['\u2019]?s)?\s*[:#=]?\s*[(\[]?\s*#?"
    r"(?<![\w-])((?:[A-Z]{1,5}(?:\s?-\s?|[\s.])?|(?:[A-Z]\s){1,4})?[A-Z]{0,3}\d[\dA-Z]*(?:\s?[-./\u2013\u2014\u00b7]\s?[\dA-Z]+|\s(?=[A-Z]*\d)[\dA-Z]+)*"
    r"|[a-z]{1,5}_?\d{5,}[a-z\d]*)(?![\w-])"  # typed in lower case: "s/n gld220419003", "user ID mk_00291847"
)
CUED_IDS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (rule, what, compile_pattern(rf"(?i:\b(?:{cue}))\.?{_CUED_VALUE}")) for rule, what, cue in _CUED_KINDS
)
# Lower-case keywords one of which must occur before a kind's pattern is tried (a cheap gate).
_CUED_GATES: dict[str, tuple[str, ...]] = {
    "phi.account_number": ("account", "acct", "a/c", "invoice", "statement", "billing", "card", "cuenta", "conta"),
    "phi.license_number": ("licen", "dl", "passport", "permit", "certificate"),  # "dl" is in "cdl" too
    "phi.device_id": ("serial", "serie", "s/n", "sn", "udi", "lot", " id", " sn", "#", "pacemaker", "defibrillator", "icd", "lvad",
                      "pump", "cgm", "implant", "hearing aid", "pendant", "monitor"),
    "phi.health_plan_id": ("member", "subscriber", "policy", "medicare", "medicaid", "insurance", "plan", "beneficiary", "group",
                           "nhs", "ohip", "chi", "health card"),
    "phi.biometric": ("print", "retina", "iris", "palm"),
    "phi.other_id": ("claim", "case", "ref", "confirmation", "ticket", "referral", "auth", "rx", "prescription", "order",
                     "employee", "student", "visit", "encounter", "booking", "appointment", " id", "kit", "sample", "specimen",
                     "barcode", "bar code", "accession", "requisition", "swab", "tube", "report", "letter", "user", "login",
                     "portal", "customer", "client", "subject", "participant"),
}
OWNER_BEFORE = compile_pattern(r"(?i)\b(?:my|our|his|her|their|your|mom's|dad's|mum's|\w+'s)\s+(?:\w+\s+){0,2}\w*$|\b(?:my|our|his|her|their|your)\s+\S*$")
# A clinician named in the sentence ("Dr. Ravi Anand holds…", "our hygienist Tess…"): a licence there is theirs.
CLINICIAN_NAMED = compile_pattern(
    r"\b(?:Dr|Doctor|Prof|Nurse)\.?\s+[A-Z]|\b(?i:our)\s+(?i:dentist|doctor|physician|surgeon|nurse|pharmacist|hygienist|"
    r"midwife|therapist|optometrist|audiologist|practitioner|provider)s?\b|,\s*(?:MD|DO|DDS|DMD|RN|NP|PA-C|PharmD|OD|AuD)\b"
)
# "Help with your account: 555-0167": a local phone number after an account cue (never an MRN, serial or claim number).
PHONE_VALUE = compile_pattern(r"\d{3}[-.]\d{4}")
_PERIOD = compile_pattern(r"(?:FY|CY|Q[1-4])\s?-?\d{2,4}")  # "Annual Report FY2025": a fiscal year or quarter
_YEAR_OR_DATE = compile_pattern(r"(?:19|20)\d{2}|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d{1,2}:\d{2}")
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VIN_VALUES = {**{str(d): d for d in range(10)}, **dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ", (1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))}


def contextual_severity(doc: Document) -> Severity:
    """Return block when the post is about a patient (a patient cue or a named patient), else review."""
    return "block" if doc.has_patient_context or patient_name_spans(doc, sure_only=True) else "review"


def story_severity(doc: Document) -> Severity:
    """Return review when the patient's authorization is on file, else the contextual severity."""
    return "review" if doc.patient_authorized else contextual_severity(doc)


def organisation_number(doc: Document, start: int) -> bool:
    """Return whether the number at a position is the organisation's: given as ours, or in a reply that refuses."""
    if OWN_NUMBER_CUE.search(doc.text, max(0, start - 60), start):
        return True
    if media_contact_before(doc, start):
        return True
    if CALL_TO_ACTION_AFTER.match(doc.text, _number_end(doc.text, start)):
        return True  # "Call (419) 555-0143 to give", "… to book your flu shot": a line for everyone
    line_start = max(doc.text.rfind("\n", 0, start) + 1, doc.sentence_at(start)[0])
    if DIRECTORY_LINE.fullmatch(doc.text, line_start, start):
        return True  # "2/ Billing and payment plans: 555-0162": a line of the organisation's directory
    if GENERAL_CALL_CUE.search(doc.text, max(0, start - 40), start) and not doc.has_patient_context and not patient_name_spans(doc):
        return True
    return bool(REFUSING_REPLY.search(doc.text)) and not OWNER_BEFORE.search(doc.text, max(0, start - 30), start)


def media_contact_before(doc: Document, start: int) -> bool:
    """Return whether a number follows a press release's contact cue on its line ("Media contact: press@…, 555-0179")."""
    line_start = doc.text.rfind("\n", 0, start) + 1
    return bool(MEDIA_CONTACT.search(doc.text, max(line_start, start - 90), start))


def _phone_severity(doc: Document, start: int, end: int) -> Severity:
    """Return the contextual severity, or block for a number spelled out in words ("five oh three, five five five, oh two
    eight one"): organisations print their lines in digits; a number written to slip past filters is someone's own."""
    if re.search(r"[^\W\d_]{2,}", doc.as_written(start, end)) and not OWN_LINE_BEFORE.search(doc.text, max(0, start - 60), start):
        return "block"
    return contextual_severity(doc)


# "our only numbers are …", "Landline is back up … Still …", "call Goldenrod. …": a line of ours, however it is written
OWN_LINE_BEFORE = compile_pattern(
    r"(?i)\bour\s+(?:only\s+|new\s+|main\s+)?(?:numbers?|lines?|phones?|landline|office)\b|\blandline\b"
    r"|\b(?:call|ring|text)\s+(?-i:[A-Z])[\w'-]+[.!:,]?\s*$"
)


def phone_numbers(doc: Document) -> Iterator[Finding]:
    """Flag phone and fax numbers that are not ours and not toll-free business lines."""
    for offset, match in _phone_matches(doc.text):
        number = match.number
        start, end = offset + match.start, offset + match.end
        if IPV4.fullmatch(match.raw_string):
            continue
        if str(number.national_number) in doc.config.own_phone_digits:
            continue
        if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.TOLL_FREE:
            continue
        if organisation_number(doc, start):
            continue  # "records requests go to our fax at (608) 555-0131", "call us at …": the organisation's line
        is_fax = bool(FAX_CUE.search(doc.text[max(0, start - 40) : start]))
        rule, kind = ("phi.fax", "fax number") if is_fax else ("phi.phone", "phone number")
        yield doc.finding(
            rule, "phi", start, end, _phone_severity(doc, start, end),
            f"A personal {kind} is a HIPAA identifier; with a patient in the post it discloses PHI.",
            f"Remove the {kind}, or use one of the organisation's own numbers.",
        )


# Shared mailboxes: an address like these belongs to an organisation, never to one patient.
ROLE_MAILBOX = compile_pattern(
    r"(?i)^(?:[\w.+-]*?)(?:info|contact|hello|support|care|press|media|stories|story|voices|news|careers|jobs|privacy|"
    r"compliance|team|marketing|sales|admin|help|feedback|relations|appointments|billing|records|no-?reply|webmaster|"
    r"office|events|partners|safety|medinfo|pharmacovigilance|adverse|questions|inquiries|enquiries|community|social|"
    r"health|reception|frontdesk|scheduling|nurseline|helpdesk|servicedesk|experience|patientexperience|advocacy|ombuds|hub|"
    r"access|enroll|enrollment|refills?|pharmacy|research|trials|studies|security|infosec|itsecurity|abuse|phishing|"
    r"counseling|counselling|clinic|lab|results|orders|shipping|returns|warranty|recalls?|ambassadors?|affiliates?|creators?|"
    r"influencers?|partnerships?|sponsorships?|collabs?|brand|membership|members|benefits|claims|customerservice|service|"
    # a job or a department: "pharmacist@", "navigators@", "infectionprevention@"
    r"pharmacists?|nurses?|nursing|doctors?|physicians?|dietitians?|navigators?|coordinators?|managers?|director|coaches|"
    r"educators?|outreach|volunteers?|foundation|giving|donate|education|training|quality|intake|referrals?|triage|dispatch|"
    r"wellness|prevention|infection|budtenders?|delivery|deliveries|concierge|hiring|recruiting|talent|finance)"
    r"(?:[._-]?\w+)?@|^(?:pr|hi|ip|hr|it|qi|qa|ir)@"
)


def machine_fields(doc: Document) -> Iterator[Finding]:
    """Flag identifiers written as key=value pairs or URL parameters (name=…, dob=…, member_id=…)."""
    if "=" not in doc.text and ":" not in doc.text:
        return
    for match in KEY_VALUE.finditer(doc.text):
        value = match.group(1)
        key = match.group(0).split("=")[0].split(":")[0].strip().lower()
        if key in (*_NAME_KEYS, "city", "town", "street") and not re.match(r"[^\W\d_]", value):
            continue
        if not re.search(r"\d", value) and re.sub(r"[_-]", "", key) in _NUMBER_KEYS:
            continue  # "Our SSN policy: we never ask", "MRN: never post it": prose after the field's name, no number
        if "=" not in match.group(0) and value.islower() and value.isalpha() and (
                value in COMMON_WORDS or re.search(r"(?i)\b(?:no|without|any)\s+$", doc.text[max(0, match.start() - 9) : match.start()])):
            continue  # "No names, no town: just a reminder": prose with a colon, not a field and its value
        if _placeholder_value(value):
            continue  # "pt=XXXX; dob=**/**/****": a template, or "?mrn= or ?dob=" written about a field, not a value
        if PHONE_VALUE.fullmatch(value) and key in ("account", "acct"):
            continue  # "your account: 555-0167": a phone number after prose, for the phone rules to weigh
        if key in ("phone", "tel", "fax", "cell", "mobile") and organisation_number(doc, match.start()):
            continue  # "our transport coordinator can help by phone: (859) 555-0136"
        if key in ("email", "e-mail") and (ROLE_MAILBOX.match(value) or doc.is_own_domain(value.rpartition("@")[2])):
            continue  # "Questions by e-mail: health@…": a shared mailbox, as the e-mail rule treats it
        yield doc.finding(
            "phi.structured_field", "phi", match.start(1), match.end(1), contextual_severity(doc) if key in _NAME_KEYS else "block",
            f"'{key}' carries a personal identifier in machine-formatted text (a link parameter or a pasted record).",
            "Remove the field, or the whole link or record, from the post.",
        )


# Fields whose value is a person's name: its severity is the post's, as for a name in prose.
_NAME_KEYS = frozenset({"name", "patient", "pt", "client", "resident", "student", "subject", "member", "guarantor", "caller"})
# Fields whose value is always a number (an identifier, a date, an address on the wire): a value without a digit is prose.
_NUMBER_KEYS = frozenset(
    """ip tel phone mobile cell zip zipcode postcode mrn dob dateofbirth birthdate ssn memberid memberno membernumber
    account acct policy policyid policyno insuranceid deviceid serial patientid ptid maid medicaidid medicareid mbi studentid
    clientid residentid claimid claimno nhsno nhsnumber chartid visitid encounterid rxno rxnumber""".split()
)


# A field value that only masks or names a value: "XXXX", "**/**/****", "##-##", "<name>", "{dob}", "[redacted]", "n/a",
# or an English word the field's key was followed by in prose ("never carry ?mrn= or ?dob= in the query string").
_PLACEHOLDER = compile_pattern(
    r"(?i)[X*#?_.\-/]+|<[^>]*>|\{[^}]*\}|\[[^\]]*\]|redacted|removed|hidden|masked|n/?a|null|none|tbd|"
    r"or|and|in|is|the|to|of|a|an|on|at|for|with|as|by|it|this|that|was|be|are|not|no|"
    # a field's own name standing for its value: "?pt=NAME&mrn=MRN&dob=DOB"
    r"name|first|last|firstname|lastname|patient|mrn|dob|date|id|number|value|string|text|phone|email|address"
)


def _placeholder_value(value: str) -> bool:
    # "ADDRESS: [see chart]": a template's bracketed slot, even when the value was cut at its first space
    return value.lstrip().startswith(("[", "<", "{")) or bool(_PLACEHOLDER.fullmatch(value.strip(".,;:!?")))


def _phone_matches(text: str) -> Iterator[tuple[int, phonenumbers.PhoneNumberMatch]]:
    """Yield (offset, match) for the phone numbers phonenumbers finds near each phone-shaped digit run.

    The matcher parses every digit group of the text it is given (MRNs, ZIPs, dates), which is most of the
    checker's time on a post full of numbers; it is run on whitespace-bounded windows around the ten-digit or
    '+' shapes only, and its offsets are moved back onto the whole text.
    """
    windows: list[list[int]] = []
    for shape in PHONE_SHAPE.finditer(text):
        start, end = max(0, shape.start() - _PHONE_MARGIN), min(len(text), shape.end() + _PHONE_MARGIN)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    for start, end in windows:
        for match in phonenumbers.PhoneNumberMatcher(text[start:end], "US", leniency=phonenumbers.Leniency.VALID):
            yield start, match


_PHONE_MARGIN = 24  # room for a country code, brackets and an extension around the ten digits


def local_phone_numbers(doc: Document) -> Iterator[Finding]:
    """Flag seven-digit local phone numbers given after a call or text cue."""
    spans = {
        match.span(1) for match in LOCAL_PHONE.finditer(doc.text)
        if not TOLL_FREE_AREA.match(match.group(1)) and re.sub(r"\D", "", match.group(1)) not in doc.config.own_phone_digits
        and not organisation_number(doc, match.start(1))
    }
    if doc.has_patient_context:
        spans |= {match.span(1) for match in BARE_LOCAL_PHONE.finditer(doc.text)
                  if re.sub(r"\D", "", match.group(1)) not in doc.config.own_phone_digits and not organisation_number(doc, match.start(1))}
    # "his cell is (608) 555-2291": the whole number, its area code's brackets included (and the same span as phone_numbers')
    spans = {(start + 1 if doc.text[start] == "(" and ")" not in doc.text[start:end] else start, end) for start, end in spans}
    for start, end in sorted(spans):
        yield doc.finding(
            "phi.phone", "phi", start, end, _phone_severity(doc, start, end),
            "A personal phone number is a HIPAA identifier; with a patient in the post it discloses PHI.",
            "Remove the number, or use one of the organisation's own numbers.",
        )


def emails(doc: Document) -> Iterator[Finding]:
    """Flag personal email addresses: role mailboxes anywhere and our own domain outside a patient's context pass."""
    for match in EMAIL.finditer(doc.text):
        if ROLE_MAILBOX.match(match.group(0)):
            continue
        if doc.is_own_domain(match.group(1)) and not doc.has_patient_context:
            continue
        yield doc.finding(
            "phi.email", "phi", match.start(), match.end(), _email_severity(doc, match.start(), match.end()),
            "An email address outside our domains can identify a person (HIPAA identifier F).",
            "Remove the address or use a shared address on our own domain.",
        )


def _email_severity(doc: Document, start: int, end: int) -> Severity:
    """Return the contextual severity, or block for an address written to dodge filters ("brenda.h [at] example [dot]
    org", "june (at) example (dot) net"): organisations print their mailboxes plainly; a disguised one is a person's."""
    if OBFUSCATED_EMAIL.search(doc.as_written(start, end)):
        return "block"
    return contextual_severity(doc)


OBFUSCATED_EMAIL = compile_pattern(r"(?i)[\[({<]\s*(?:at|dot)\s*[\])}>]|\s(?:at|dot)\s")


def social_security_numbers(doc: Document) -> Iterator[Finding]:
    """Flag US Social Security numbers, formatted or after an SSN cue."""
    spans = {m.span(1) for m in SSN_CUE.finditer(doc.text)}
    for match in SSN.finditer(doc.text):
        area, group, serial = match.group(1), match.group(3), match.group(4)
        if area in {"000", "666"} or area.startswith("9") or group == "00" or serial == "0000":
            continue
        if match.group(2) or match.span() in spans:
            spans.add(match.span())
    for start, end in sorted(spans):
        yield doc.finding(
            "phi.ssn", "phi", start, end, "block",
            "A Social Security number is a HIPAA identifier and must never be published.",
            "Delete the number.",
        )


def _cued_identifiers(doc: Document, pattern: re.Pattern[str], rule: str, what: str) -> Iterator[Finding]:
    for match in pattern.finditer(doc.text):
        group = next((index for index in range(1, (pattern.groups or 0) + 1) if match.group(index)), 0)
        value = match.group(group)
        if not any(ch.isdigit() for ch in value) or (rule == "phi.account_number" and PHONE_VALUE.fullmatch(value)):
            continue
        if set(re.sub(r"\D", "", value)) == {"0"}:
            continue  # "Account #: 0000-000-000", "MRN 0000000": a sample's placeholder, nobody's number
        yield doc.finding(
            rule, "phi", match.start(group), match.end(group), "block",
            f"A {what} tied to a person is a HIPAA identifier.",
            f"Remove the {what}.",
        )


def record_numbers(doc: Document) -> Iterator[Finding]:
    """Flag medical record, health plan, account, licence and vehicle plate numbers after their cue words."""
    yield from _cued_identifiers(doc, MRN, "phi.medical_record_number", "medical record number")
    if doc.has_patient_context:
        yield from _cued_identifiers(doc, HASH_CODE, "phi.medical_record_number", "record or case number")
    yield from _cued_identifiers(doc, ACCOUNT, "phi.account_number", "account number")
    yield from _cued_identifiers(doc, LICENSE, "phi.license_number", "licence or certificate number")
    yield from _cued_identifiers(doc, PLATE, "phi.vehicle_id", "vehicle plate number")
    member_spans = set()
    for finding in _cued_identifiers(doc, MEMBER_ID, "phi.health_plan_id", "health plan member number"):
        member_spans.add((finding.start, finding.end))
        yield finding
    for match in MBI.finditer(doc.text):
        if doc.view.original_span(*match.span()) not in member_spans:
            yield doc.finding(
                "phi.health_plan_id", "phi", match.start(), match.end(), "block",
                "This looks like a Medicare beneficiary identifier (HIPAA identifier I).",
                "Remove the Medicare number.",
            )


FOUR_DIGITS = compile_pattern(r"\d(?:\D*\d){3}")


def cued_identifiers(doc: Document) -> Iterator[Finding]:
    """Flag account, licence, device, member, biometric and reference numbers after their cue in any spelling."""
    if not FOUR_DIGITS.search(doc.text):
        return
    severity = contextual_severity(doc)
    for rule, what, pattern in CUED_IDS:
        if not doc.contains_any(_CUED_GATES[rule]):
            continue
        for match in pattern.finditer(doc.text):
            value = match.group(1).rstrip(".-/ ")
            if sum(ch.isdigit() for ch in value) < 4 or _YEAR_OR_DATE.fullmatch(value) or _PERIOD.fullmatch(value) or (
                    rule == "phi.account_number" and PHONE_VALUE.fullmatch(value)):
                continue
            start = match.start(1)
            if rule == "phi.license_number" and CLINICIAN_NAMED.search(doc.text, *doc.sentence_at(start)):
                continue  # "Dr. Ames holds a sedation permit (#MS-40821)": a clinician's licence, not a patient's
            # "our account", "Dad's licence", "her device ID": a person's own number, whatever the post is about.
            # A licence or an insurance claim number always belongs to one person.
            owned = rule == "phi.license_number" or match.group(0).lower().startswith(("claim", "insurance claim", "denied claim"))
            owned = owned or bool(OWNER_BEFORE.search(doc.text, max(0, match.start() - 25), match.start() + 1))
            # A reply that reads a serial, member or ticket number back to someone ties it to that person.
            owned = owned or (is_reply(doc) and not organisation_number(doc, start))
            yield doc.finding(
                rule, "phi", start, start + len(value), "block" if owned else severity,
                f"A {what} tied to a person is a HIPAA identifier, however it is spaced or punctuated.",
                f"Remove the {what}.",
            )


def vin_is_valid(vin: str) -> bool:
    """Return whether a 17-character vehicle identification number has a correct check digit."""
    total = sum(_VIN_VALUES.get(ch, -100) * weight for ch, weight in zip(vin, _VIN_WEIGHTS, strict=True))
    if total < 0:
        return False
    check = total % 11
    return vin[8] == ("X" if check == 10 else str(check))


def device_identifiers(doc: Document) -> Iterator[Finding]:
    """Flag device serial numbers, GS1 UDIs and vehicle identification numbers."""
    severity = contextual_severity(doc)
    spans = [m.span(1) for m in SERIAL.finditer(doc.text) if any(ch.isdigit() for ch in m.group(1))]
    spans += [m.span() for m in UDI_GS1.finditer(doc.text)]
    for start, end in spans:
        yield doc.finding(
            "phi.device_id", "phi", start, end, severity,
            "A device serial number or UDI tied to a patient is a HIPAA identifier (M).",
            "Remove the serial number or UDI.",
        )
    for match in VIN.finditer(doc.text):
        if vin_is_valid(match.group(0)):
            yield doc.finding(
                "phi.vehicle_id", "phi", match.start(), match.end(), severity,
                "A vehicle identification number is a HIPAA identifier (L).",
                "Remove the VIN.",
            )


def ip_addresses(doc: Document) -> Iterator[Finding]:
    """Flag IPv4 and IPv6 addresses."""
    for pattern in (IPV4, IPV6):
        for match in pattern.finditer(doc.text):
            try:
                ipaddress.ip_address(match.group(0))
            except ValueError:
                continue
            yield doc.finding(
                "phi.ip_address", "phi", match.start(), match.end(), contextual_severity(doc),
                "An IP address is a HIPAA identifier (O), for example from a pasted log or alert.",
                "Remove the address or crop the screenshot.",
            )


# HL7 v2 segments and X12 segments pasted into a post ("PID|1||448812^^^MRN||DOE^JANE||19440302|F", "NM1*IL*1*DOE*JANE
# ****MI*XK1234~"): the standards say which field holds the name, birth date, address, phone and identifiers.
HL7_SEGMENT = compile_pattern(r"(?<![\w|])(PID|NK1|GT1|IN1)\|[^\n]*")
_HL7_FIELDS = {
    "PID": {2, 3, 4, 5, 6, 7, 9, 11, 13, 14, 19, 20},  # ids, name, mother's maiden name, birth date, alias, address, phones, SSN, licence
    "NK1": {2, 4, 5, 6},  # next of kin: name, address, phones
    "GT1": {2, 3, 5, 6, 7, 8, 12},  # guarantor: number, name, address, phones, birth date, SSN
    "IN1": {16, 18, 19, 36, 49},  # insured's name, birth date, address, policy number, insured's id
}
X12_SEGMENT = compile_pattern(r"(?<![\w*])(NM1|DMG|N3|N4|REF)\*[^~\n]*")
_TEST_RECORD = compile_pattern(r"(?i)\b(?:zz)?test\b|\bzz\w*|\bdemo\b|\bsample\b|\bdummy\b|\bfake\b|\bdoe\b\W+(?:jane|john)\b")
# "PRUITT, OBADIAH | DOB 03/22/1933": a name written the way records write it, on a line that carries a record cue.
RECORD_NAME = compile_pattern(r"(?<![\w'-])([A-Z][A-Z'\-]{1,}),\s?([A-Z][A-Z'\-]{1,})(?:\s[A-Z]\.?)?(?![\w'-])")
# A specimen or wristband label has no comma: "PENNYFEATHER DOROTHEA 08141931 A0077319", a name right before a birth date.
LABEL_NAME = compile_pattern(
    r"(?<![\w'-])([A-Z][A-Z'\-]{2,})\s([A-Z][A-Z'\-]{2,})(?:\s[A-Z]\.?)?"
    r"(?=\s*[/|,;]?\s*(?:[01]\d[0-3]\d(?:19|20)\d\d|\d{1,2}/\d{1,2}/(?:19|20)?\d\d|(?:19|20)\d\d-[01]\d-[0-3]\d)\b)"
)
RECORD_CUE = compile_pattern(
    r"(?i)\b(?:dob|d\.o\.b\.?|mrn|pt|patient|admit\w*|bed|rm|room|acc(?:ession)?|specimen|label)\b|\|"
    # a birth date or a record number on the line: "NUNEZ,JOSE A / 1939-07-14 / 00612094"
    r"|\b(?:19|20)\d\d-[01]\d-[0-3]\d\b|\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b|\b[01]\d[0-3]\d(?:19|20)\d\d\b|\b[A-Z]?\d{7,10}\b"
)
_X12_FIELDS = {"NM1": {3, 4, 5, 9}, "DMG": {2}, "N3": {1, 2}, "N4": {1, 3}, "REF": {2}}  # name and id, birth date, address


def machine_records(doc: Document) -> Iterator[Finding]:
    """Flag the identifying fields of pasted HL7 v2 and X12 segments, and LAST, FIRST names on record lines."""
    text = doc.text
    segments = [(m, "|", _HL7_FIELDS[m.group(1)]) for m in HL7_SEGMENT.finditer(text)] if "|" in text else []
    if "*" in text:
        for match in X12_SEGMENT.finditer(text):
            elements = match.group(0).split("*")
            if elements[0] != "NM1" or (len(elements) > 2 and elements[2] == "1"):  # NM1 entity type 2 is an organisation
                segments.append((match, "*", _X12_FIELDS[elements[0]]))
    for segment, separator, wanted in segments:
        severity: Severity = "review" if _TEST_RECORD.search(segment.group(0)) else "block"
        kind, position = segment.group(1), segment.start()
        for index, field in enumerate(segment.group(0).split(separator)):
            value = field.strip("^~&")
            if index in wanted and re.search(r"[^\W_]", value) and not _placeholder_value(value):
                start = position + len(field) - len(field.lstrip("^~&"))
                yield _record_finding(doc, start, start + len(value), severity, f"{kind}-{index}")
            position += len(field) + 1
    first, last, _ = name_gazetteers()
    labelled = [(match, "block") for match in LABEL_NAME.finditer(text)]  # a name right before a birth date: a record
    for match, severity in [*((match, contextual_severity(doc)) for match in RECORD_NAME.finditer(text)), *labelled]:
        surname, given = fold(match.group(1)), fold(match.group(2))
        if not (surname in last or given in first) or surname in COMMON_WORDS or given in COMMON_WORDS:
            continue
        if match.group(2) in US_STATE_CODES:
            continue  # "NEW YORK, NY | Booth 12", "BOSTON, MA": a city and its state, not a person
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        if not RECORD_CUE.search(text, line_start, line_end) or _TEST_RECORD.search(match.group(0)):
            continue
        yield doc.finding(
            "phi.name", "phi", match.start(), match.end(), severity,
            "A name written as a record writes it (LAST, FIRST) beside a record cue is a patient's name from a chart or alert.",
            "Remove the name; share the screenshot or alert only with the name and numbers masked.",
        )


def _record_finding(doc: Document, start: int, end: int, severity: Severity, field: str) -> Finding:
    return doc.finding(
        "phi.structured_field", "phi", start, end, severity,
        f"Field {field} of a pasted health-record message carries a personal identifier"
        + (" (the record looks like a test patient; check it is not real)." if severity == "review" else "."),
        "Remove the record from the post, or replace every identifying field with a placeholder.",
    )
