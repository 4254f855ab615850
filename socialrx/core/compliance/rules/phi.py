"""PHI rules for dates, ages, places, facilities, links, handles, media and treatment relationships."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from socialrx.core.compliance.document import Document
from socialrx.core.compliance.findings import Finding, Severity
from socialrx.core.compliance.lexicon import STATE_PATTERN
from socialrx.core.compliance.patterns import compile_pattern
from socialrx.core.compliance.roles import (
    date_role,
    health_count,
    is_region,
    is_reply,
    person_role,
    place_role,
    reply_care_sentences,
    second_person_care,
    staff_cue_around,
    tagged_people,
    workplace_birthday,
)
from socialrx.core.compliance.rules.phi_ids import REFUSING_REPLY, contextual_severity, story_severity
from socialrx.core.compliance.rules.phi_names import patient_name_spans
from socialrx.core.compliance.rules.phi_scope import (
    EMPLOYMENT_BEFORE,
    in_event_announcement,
    is_event_or_period_date,
    is_individual_sentence,
    is_organisation_name,
    is_thread_counter,
)
from socialrx.core.compliance.tokens import fold, name_gazetteers

_MONTH = (
    r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
NUMERIC_DATE = compile_pattern(
    r"(?<![\d/.$-])(?<![A-Za-z])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?(?![\d/%]|\.\d)"
    r"(?!\s+(?i:of|out|doctors|physicians|patients|people|users|clinicians|\w+ists|days?|weeks?|hours?|hrs?|minutes?|mins?|months?|"
    r"years?|yrs?|business|working|nights?|times|reps|sets|lbs?|pounds|kg|mg|miles?)\b)"
)
ISO_DATE = compile_pattern(r"\b(?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])\b")
MONTH_DATE = compile_pattern(
    rf"\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+\d{{4}})?"
)
RELATIVE_DATE = compile_pattern(
    rf"(?i:\b(?:today|yesterday|tonight|this\s+(?:morning|afternoon|evening)|last\s+night|"
    rf"(?:last|this|next|on)\s+{_WEEKDAY}|{_WEEKDAY}\s+(?:morning|night|afternoon))\b)"
)
_ORDINAL_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
    r"fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[\s-](?:first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth)|thirtieth|thirty[\s-]first)"
)
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# Dates written in other ways: spelled ordinals, 'the 3rd', '03-Mar-2025', '2025/03/04', holidays, a month alone.
OTHER_DATE = compile_pattern(
    rf"\b{_MONTH}\.?\s+(?i:{_ORDINAL_WORD})\b|(?i:\bthe\s+{_ORDINAL_WORD}\s+of\s+){_MONTH}\b"
    rf"|(?:\b{_WEEKDAY},?\s+)?\bthe\s+\d{{1,2}}(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:{_MONTH}|century|percentile|floor|time|grade|"
    r"edition|anniversary|birthday|annual|year|week|day|month|place|round|cycle|dose|patient|case|one|person|guy|girl|kid|"
    r"graders?))"
    rf"|\b\d{{1,2}}[-\s]{_MONTH}(?:[-\s]\d{{2,4}})?\b|\b(?:19|20)\d{{2}}/\d{{1,2}}/\d{{1,2}}\b"
    r"|\b\d{1,2}\.\d{1,2}\.(?:19|20)?\d{2}\b"
    r"|\b\d{1,2}[-/.](?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)(?:[-/.](?:19|20)?\d{2})?\b"
    # Day and month the European way, without a year: "until 30.06.", "Monday 17.3."
    r"|(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?![\d.])"
    r"|(?i:\bnew\s+year'?s(?:\s+(?:day|eve))?|\bchristmas(?:\s+(?:day|eve|morning|night))?|\bthanksgiving(?:\s+(?:day|"
    r"morning|night|weekend))?|\beaster(?:\s+(?:sunday|morning))?|\blabor\s+day|\bmemorial\s+day|\bindependence\s+day|"
    r"\bfourth\s+of\s+july|\bvalentine'?s(?:\s+day)?|\bhalloween|\bmother'?s\s+day|\bfather'?s\s+day|\bveterans\s+day|"
    r"\b(?:st\.?|saint)\s+patrick'?s\s+day|\bjuneteenth|\bmlk\s+day|\bpresidents'?\s+day|\bcolumbus\s+day|\bgood\s+friday|"
    r"\bash\s+wednesday|\bpalm\s+sunday|\bgroundhog\s+day|\bmardi\s+gras|\bboxing\s+day|\bcinco\s+de\s+mayo|"
    r"\b(?:lunar|chinese)\s+new\s+year|\bnochebuena|\bd[i\u00ed]a\s+de\s+(?:los\s+)?muertos|\brosh\s+hashanah|\byom\s+kippur|"
    r"\bkwanzaa|\bdiwali|\bt[e\u1ebf]t|\beid(?:\s+al-(?:fitr|adha))?)\b"
    rf"|(?i:\b(?:in|since|during|until|early|late|mid-?|last|this\s+past)\s+){_FULL_MONTH}\b(?!\s+\d)"
    r"|(?i:\b(?:in|since|during|until|early|late|mid-?|last|this\s+past)\s+)(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.(?!\s*\d)"
    r"|(?i:\b(?:\d{1,2}|a|one|two|three|four|five|six|ten)\s+(?:days?|nights?)\s+ago\b|\bthe\s+day\s+before\s+yesterday\b)"
    # Spanish and Portuguese: "15 de agosto", "el 3 de março".
    r"|(?i:\b(?:\d{1,2}|uno|primero|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|"
    r"diecis[e\u00e9]is|diecisiete|dieciocho|diecinueve|veinte|veinti\w+|treinta(?:\s+y\s+uno)?)\s+de\s+"
    r"(?:enero|febrero|marzo|mar\u00e7o|abril|mayo|maio|junio|junho|julio|julho|agosto|septiembre|setiembre|"
    r"setembro|octubre|outubro|noviembre|novembro|diciembre|dezembro|janeiro|fevereiro)\b)"
    # French and Haitian Creole: "le 2 février", "25 desanm", "jedi 12 desanm", "jou Toussaint", "Lendi Pak".
    r"|(?i:\b\d{1,2}(?:er)?\s+(?:janvier|f[e\u00e9]vrier|mars|avril|mai|juin|juillet|ao[u\u00fb]t|septembre|octobre|novembre|"
    r"d[e\u00e9]cembre|janvye|fevriye|jen|jiy[e\u00e8]|septanm|okt[o\u00f2]b|novanm|desanm)\b"
    r"|\b(?:le|jou|pou|depi|nan)\s+\d{1,2}\s+(?:mas|me|out)\b"
    r"|\bjou\s+(?:Toussaint|Nw[e\u00e8]l|lan\s+nw[e\u00e8]l|de\s+l['\u2019]an)|\blendi\s+pak\b|\bjour\s+de\s+l['\u2019]an\b)"
    # Arabic: "١٢ آذار" (read as "12 آذار"), "15 مارس", "أول يوم العيد".
    r"|\b\d{1,2}\s+(?:يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|"
    r"كانون\s+الثاني|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|أيلول|ايلول|تشرين\s+الأول|تشرين\s+الثاني|كانون\s+الأول)"
    r"|(?:أول|ثاني|ثالث)\s+يوم\s+(?:ال)?عيد|عيد\s+(?:الفطر|الأضحى|الاضحى)"
    # Vietnamese: "12 tháng 4 năm 1949", "ngày 3 tháng 5".
    r"|(?i:\b\d{1,2}\s+th\u00e1ng\s+\d{1,2}(?:\s+n\u0103m\s+(?:19|20)\d\d)?\b)"
    # Korean: "3월 14일", "1947년 5월 8일", "음력 3월 초이레", holidays.
    r"|(?:(?:19|20)\d\d년\s?)?\d{1,2}월\s?\d{1,2}일|음력\s?\d{1,2}월\s?[\uac00-\ud7a3\d]+|추석|설날|어버이날|성탄절"
    # Japanese and Chinese: "令和7年6月2日", "昭和9年3月14日", "1934年3月14日", "6月2日".
    r"|(?:(?:令和|平成|昭和|大正)\s?(?:元|\d{1,2})年|(?:19|20)\d\d年)?\s?\d{1,2}月\s?\d{1,2}日"
)
DAYS_AGO = compile_pattern(
    r"(?i:\b(?:\d{1,2}|a|one|two|three|four|five|six|ten)\s+(?:days?|nights?)\s+ago\b|\bthe\s+day\s+before\s+yesterday\b)"
)
EVENT_WORDS = compile_pattern(
    r"(?i)\b(?:turned|admitted|discharged|surgery|scan|caught|flagged|diagnosed|visit|appointment|birthday|"
    r"clinic|hospital|ER|ED|ICU|presented|seen|case|follow-?up|alert|born|died|passed|delivered|procedure)\b"
)
_AGE_NUMBER = (
    r"(\d{2,3}|(?i:ninety(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|(?:one|a)\s+hundred(?:\s+and\s+\w+)?"
    r"|noventa(?:\s+y\s+(?:uno|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))?|cien(?:to)?(?:\s+\w+)?"
    r"|quatre[\s-]vingt[\s-](?:dix(?:[\s-](?:sept|huit|neuf))?|onze|douze|treize|quatorze|quinze|seize)|nonante(?:[\s-]\w+)?"
    # Hindi and Punjabi: "nabbe" (90), "ikyanve" (91) … "ninyanve" (99), as written in Latin letters
    r"|nabbe|(?:ikya|ikyaa|ekya|ba|baa|tira|tiraa|chaura|chauraa|pacha|pachaa|chhiya|chhiyaa|satta|sattaa|sata|attha|atthaa|"
    r"athha|atha|ninya|ninyaa|nina)nve))"
)
AGE = compile_pattern(
    rf"(?i:\b(?:age|aged|ages|turned|turns|turning)\s*:?\s*){_AGE_NUMBER}\b"
    rf"|\b{_AGE_NUMBER}(?:[\s-]*(?i:years?|yrs?)[\s-]*(?i:old)|\s*(?i:yo|y/o|y\.o\.)|(?:st|nd|rd|th)\s+(?i:birthday))\b"
    rf"|\b{_AGE_NUMBER}(?-i:[MF])\b"
    rf"|(?i:\b(?:he|she|they)(?:'s|\s+is|\s+was|\s+turns|\s+turned|\s+will\s+be)\s+){_AGE_NUMBER}\b(?!\s*%)"
    rf"|\b{_AGE_NUMBER}\s+(?i:years?\s+(?:young|and|strong|of\s+age))\b|(?i:\bat\s+){_AGE_NUMBER}(?=,?\s+(?i:he|she)\b)"
    rf"|(?<=[a-z]),\s+({_AGE_NUMBER}),"
    # "(Rosalind, 92)", "Mom's mom, 104!": an age closing a name or a family word.
    rf"|(?<=[A-Za-z'\u00c0-\u017f]),\s*({_AGE_NUMBER})(?=\s*[)!;]|\s*\.(?!\d)|\s*$)"
    rf"|(?<=[A-Za-z])\s*\(\s*{_AGE_NUMBER}\s*\)"
    r"|\b(9\d|1[01]\d)(?:st|nd|rd|th)\b(?!\s+(?i:percentile|anniversary|street|st|ave|avenue|annual|floor|place|of|day|minute))"
    rf"|\b{_AGE_NUMBER}-(?i:yo|y/o|yr-old)\b"
    # "93 and still farming", "ninety-fifth birthday", "her hundredth birthday".
    rf"|\b{_AGE_NUMBER}\s+(?i:and\s+still|and\s+counting)\b"
    r"|(?i:\b(ninety-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|ninetieth|hundredth)\s+birthday)"
    # "driver 91", "resident, 96,": an age right after the word for the person.
    rf"|(?i:\b(?:driver|passenger|man|woman|lady|gentleman|guy|male|female|resident|veteran|widow|widower|grandma|grandpa|"
    rf"granny|nana|mom|dad|pt|patient|farmer|fella)\s*,?\s+)(9\d|1[01]\d)\b(?!\s*(?:%|mph|min|minutes|seconds|lbs?|kg|mg|bpm|"
    rf"degrees|miles|times|calls|st|nd|rd|th|-))"
    # Spanish: "cumplió 93", "cumpleaños número noventa y uno", "93 años".
    rf"|(?i:\b(?:cumpli[o\u00f3]|cumple|cumplea\u00f1os(?:\s+n[u\u00fa]mero)?|edad(?:\s+de)?)\s+){_AGE_NUMBER}\b"
    rf"|\b{_AGE_NUMBER}\s+(?i:a\u00f1os|anos)\b"
    # Hindi: "nabbe saal" (90 years), "chauraanve saal ki".
    r"|\b((?i:nabbe|ikyaanve|baanve|tiranve|chauraanve|pachaanve|chhiyaanve|sattaanve|atthaanve|ninyaanve|sau))\s+(?i:saal|baras)\b"
    # Arabic: "٩٤ سنة" (read as "94 سنة"), "عمرها 92".
    r"|\b(9\d|1[01]\d)\s*(?:سنة|سنه|عام|عاما|عامًا)|(?:عمره|عمرها|عمري)\s*(9\d|1[01]\d)\b"
    # Japanese: "九十四歳", "94歳", and the long-life birthdays from ninety on: 卒寿 (90), 白寿 (99), 百寿 (100), 茶寿, 皇寿.
    r"|(九十[一二三四五六七八九]?|百[一二三四五六七八九十]*)歳|\b(9\d|1[01]\d)\s?歳"
    r"|(卒寿|白寿|百寿|茶寿|皇寿)|\b((?i:sotsuju|hakuju|hyakuju|chaju|koju))\b"
    # Korean: "92세", "아흔여섯 살", "백 세".
    r"|\b(9\d|1[01]\d)\s?(?:세|살)(?![\uac00-\ud7a3]{2})|(아흔(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)?)(?:\s?(?:살|세))?|(백)\s?세"
    # French and Haitian Creole: "93 ans", "94 an", "100 lane", "quatre-vingt-quinze ans".
    rf"|\b{_AGE_NUMBER}\s+(?i:ans|an|ane|lane)\b(?!\s+(?i:hour|hr|minute|min|mile|day|week|month|year|ounce|oz|inch|pound|lb))"
    rf"|(?i:\b(?:is|was)\s+){_AGE_NUMBER}(?=\s+(?i:and|now|today|this|years?|yrs?)\b|\s*[.!,](?!\d))"
    rf"|\b{_AGE_NUMBER}\s+(?i:years?|yrs?)\b(?!\s+(?i:ago|of|in|later|since|experience|at|with|on|from|before|after|back|old))"
    r"|\b((?i:ninety(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?))(?=\s+(?i:and|years|yrs)\b|\s*[),])"
)
ORGANISATION_SUBJECT = compile_pattern(
    r"(?i)\b(?:hospital|clinic|company|practice|cent(?:er|re)|foundation|organi[sz]ation|business|firm|brand|school|church|"
    r"program|programme|unit|department|team|network|system|pharmacy|institute|league|club|society|town|city)\s+(?:just\s+|has\s+|will\s+)?"
    r"(?:turned|turns|turning|is|celebrates|celebrating|marks)\s*$"
)
AGE_GATE = compile_pattern(r"(?<!\d)(?:9\d|1[01]\d)(?!\d)|(?i:ninety|hundred|noventa|cien|quatre[\s-]vingt|nonante|nabbe|anve\b|"
                           r"sau\s+saal|sotsuju|hakuju|hyakuju|chaju|koju)|아흔|백\s?세|九十|百|卒寿|白寿|茶寿|皇寿")
AGE_AGGREGATE = compile_pattern(r"^\s*(?:\+|and\s+(?:older|over|above|up)|or\s+(?:older|over|above)|\s*-\s*\d)", re.I)
ZIP_CUE = compile_pattern(r"(?i:\b(?:zip(?:\s*code)?s?|postal\s+codes?|c[o\u00f3]digo\s+postal|cep)(?:\s+like|\s+such\s+as)?\s*[:#]?\s*)(\d{5}(?:-\d{4})?)\b")
ZIP_AFTER_STATE = compile_pattern(rf"\b{STATE_PATTERN},?\s+(\d{{5}}(?:-\d{{4}})?)\b")
CITY_STATE = compile_pattern(
    rf"(?i:\b(?:in|of|from|near|at|outside|lives\s+in|resident\s+of))\s+((?:[A-Z][a-z]+[\s-]+){{0,2}}[A-Z][a-z]+),\s*{STATE_PATTERN}\b"
)
STREET = compile_pattern(
    r"\b\d{1,6}\s+(?:[A-Z][a-z]+\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Ct|Court|"
    r"Way|Pl|Place|Ter|Terrace|Pkwy|Parkway|Hwy|Highway|Cir|Circle|Sq|Square)\b"
)
# The organisation giving its own address: "Our office is at 22 Foundry St", "in our Community Room, 1180 Orchard Bend Rd".
OWN_ADDRESS_BEFORE = compile_pattern(
    r"(?i)(?:\b(?:our|the\s+(?:new\s+)?(?:office|clinic|practice|store|pharmacy))\s+(?:[\w-]+,?\s+){0,3}(?:office|offices|clinic|practice|store|"
    r"pharmacy|location|locations|building|campus|studio|center|centre|headquarters|hq|room|hall|lobby|suite|lab|labs|laboratory|"
    r"warehouse|facility|facilities|site|branch|plant|gym|shop)(?:\s+(?:is|are|has\s+moved|moved))?"
    r"(?:\s+(?:at|to|on|in))?|\b(?:visit|find|see|join)\s+us\s+(?:at|in)|\blocated\s+(?:at|in)|\bwe'?re\s+(?:now\s+)?(?:at|on|in)|"
    r"\bwe(?:'ve)?\s+moved\s+to|\bis\s+now\s+(?:at|in)|\bmail\s+(?:it\s+)?to\s+us\s+at"
    # "drop-off at the office, 312 Linden St": the office's own address
    r"|\b(?:drop[\s-]?off|pick[\s-]?up|bring\s+(?:it|them)|mail\s+(?:it|them))\s+(?:is\s+)?(?:at|to)\s+(?:the|our)\s+(?:office|front\s+desk|shop|store|clinic)"
    r")"
    r"\s*[:,]?\s*$"
)
STREET_NAME = compile_pattern(
    r"(?i:\b(?:on|off|along|near|over\s+on|down\s+on|at\s+the\s+corner\s+of)\s+)((?:[A-Z][a-z]+\s+){1,2}"
    r"(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Ct|Court|Way|Pl|Place|Ter|Terrace|Pkwy|Parkway|"
    r"Hwy|Highway|Cir|Circle|Route|Rte)\b\.?(?:\s+\d{1,3})?)"
    r"|\b((?:Route|Rte|Highway|Hwy|I-|County\s+(?:Road|Rd)|CR|State\s+Route|Farm\s+Road|FM)\s?\d{1,4})\b"
    # A street named without a preposition ("Kid on a dirt bike, Hatchery Road, Sunday").
    r"|\b((?:[A-Z][a-z]+\s+){1,2}(?:Road|Rd|Lane|Ln|Street|Avenue|Ave|Drive|Pike|Trail|Hollow|Boulevard|Blvd|Court|"
    r"Circle|Terrace|Highway|Parkway|Crossing))\b"
)
# Where someone lives, named with a capital: "the Pruitt farm", "Cobb Creek trailer park", "the Greenlake apartments".
RESIDENCE = compile_pattern(
    r"(?i:\b(?:the\s+)?)((?-i:[A-Z][a-z]+)(?:\s+(?-i:[A-Z][a-z]+))?\s+(?:farm|ranch|trailer\s+park|mobile\s+home\s+park|"
    r"apartments|apts|estates|subdivision|townhomes|condos|homestead|reservation|shelter|motel|dairy))\b"
)
FACILITY = compile_pattern(
    r"\b(?:(?:St\.?|Saint|Mount|Mt\.?)\s+)?(?:[A-Z][a-z']+[\s-]+){1,3}?(?:General|Memorial|Medical(?:\s+Center)?|Hospital|"
    r"Clinic|Health(?:\s+(?:System|Center))?|Regional|Infirmary|Hospice|Children's|Rehab(?:ilitation)?(?:\s+Center)?|"
    r"Nursing(?:\s+(?:Home|and\s+Rehab(?:ilitation)?|Center))?|Care\s+Center|Surgical\s+Center|Surgery\s+Center|Cancer\s+(?:Center|Institute)|"
    r"Heart(?:\s+(?:Institute|Center))?|Memory\s+Care|Assisted\s+Living|Senior\s+Living|Manor|Urgent\s+Care|Med(?:\s+Center)?|"
    r"Imaging|Dialysis(?:\s+Center)?|Birth(?:ing)?\s+Center|Behavioral\s+Health|Eye\s+Institute|Institute|VA|VAMC|Sanatorium|"
    r"Convalescent(?:\s+Home)?|Skilled\s+Nursing|Care\s+Home|Retirement\s+Home|Hospitals?)\b"
    # A saint's name alone is how people name a hospital ("St. Brigid's", "St. Luke's MICU").
    r"|\b(?:St\.?|Saint)\s+[A-Z][a-z]+['\u2019]s\b(?:\s+(?:MICU|SICU|ICU|CCU|NICU|PICU|ER|ED|Hospital|Medical\s+Center))?"
)
# The same written in lower case after a preposition: "loaded up to wexley regional", "the MRI from sumner memorial".
FACILITY_LOWER = compile_pattern(
    r"\b(?:at|to|from|in|into)\s+((?!(?:the|a|an|our|my|his|her|their|this|that|your|county|state|local|big|new|old|same|"
    r"nearest|closest|other|every|each)\b)[a-z][a-z']+(?:\s+[a-z][a-z']+)?\s+(?:memorial|regional|general|hospital|"
    r"medical\s+center|children's|behavioral|bone\s*(?:&|and)\s*joint|medical)(?:\s+(?:hospital|center))?)\b"
)
# A hospital unit, ward or bed tied to the patient ("4 West", "ICU-12", "the bed by the window" is left to people).
UNIT = compile_pattern(
    r"\b(\d{1,2}\s?(?i:north|south|east|west)|(?:MICU|SICU|CVICU|ICU|CCU|NICU|PICU|ER|ED|PACU)[\s-]?(?:bed\s*)?\d{1,3}[A-Z]?"
    # "4W-21" (unit and bed), "the Cedar wing", "Maple wing"
    r"|\d{1,2}[NSEW]-\d{1,3}[A-Z]?|[A-Z][a-z]+\s+(?i:wing))\b"
)
# A unit named by its code or hall after "on": "still on 2B", "back on 3N", "went down to rose hall".
UNIT_AFTER = compile_pattern(r"\b(?i:on|to|off|from)\s+(?:(?i:unit)\s+)?(\d{1,2}[A-H]|\d{1,2}[NSEW]|(?!(?:my|our|the|your|his|her|their|this|that|each|every|a|one|same|other)\s)[a-z]+\s+(?:hall|wing))\b(?![-/.]\d)")
# "Her room at the home is 214B", "room number: 12": a room given after a few words.
# A count after the room is no room number: "terminal clean of an isolation room: 52 minutes".
_NOT_ROOM_AFTER = (r"(?!\s+(?:years?|yrs?|days?|weeks?|months?|hours?|hrs?|minutes?|mins?|seconds?|secs?|times|patients|beds|"
                   r"babies|nurses|staff|people|kids)\b)")
ROOM_LATER = compile_pattern(r"(?i:\b(?:room|rm|bed|bay|suite|apt|apartment)\b[^.!?\d\n]{0,30}?\b(?:is|was|=|:|number|no\.?|#)\s*)"
                             r"(\d{1,4}[A-Z]?)\b" + _NOT_ROOM_AFTER)
ROOM = compile_pattern(
    r"(?i:\b(?:room|rm\.?|bed|bay|ward|unit|chairs?|pod|bunk|recliner|cubicle|cuarto|habitaci[o\u00f3]n|cama|quarto|leito|chanm|kabann|silla|sill[o\u00f3]n|cub[i\u00ed]culo)[ \t]*#?[ \t]*)"
    r"(\d{1,4}[A-Z]?)\b(?![-.]\d|/)" + _NOT_ROOM_AFTER
)
FACILITY_EVENT_AFTER = compile_pattern(
    r"\s*(?:&\s*[A-Z]\w+\s+|and\s+[A-Z]\w+\s+)?(?:Fair|Walk|Gala|Festival|Run|5K|Drive|Expo|Summit|Conference|Day|Week|Month|"
    r"Breakfast|Luncheon|Lunch|Dinner|Classic|Tournament|Bill|Awards?|Series)\b"
)
_NOT_FACILITY_START = frozenset({"At", "The", "In", "Our", "From", "To", "Of", "And", "A", "An", "For", "Great", "One"})
PATIENT_HOSTS = ("gofundme.com", "caringbridge.org", "givesendgo.com", "mealtrain.com", "lotsahelpinghands.com",
                 "spotfund.com", "fundly.com", "giveforward.com")
_PATIENT_SERVICES = frozenset({host.split(".")[0] for host in PATIENT_HOSTS} | {"gofund"})
PROFILE_HOSTS = ("facebook.com", "instagram.com", "tiktok.com", "x.com", "twitter.com", "linkedin.com", "threads.net")
HANDLE = compile_pattern(r"(?<![\w@.])@(\w(?:[\w.]{0,28}\w)?)(?![\w@])")
PATIENT_MEDIA = compile_pattern(
    r"(?i)\bbefore[\s/-]*(?:and|&|n)?[\s/-]*after\s+(?:photos?|images?|pictures?|pics?|shots?|scans?|videos?|x-?rays?|selfies?|footage|clips?|reels?)"
    r"|\b(?:photos?|pictures?|pics?|images?|videos?)\s+of\s+(?:the|his|her|their|my)\s+(?:[\w-]+\s+){1,2}before\s+(?:and|&)\s+after\b"
    r"|\bselfies?\s+(?:of\s+us|with\s+(?:her|him|them|my\s+patient|our\s+patient))\b"
    r"|\b(?:photos?|pictures?|pics?|videos?)\s+(?:she|he|they)\s+let\s+(?:me|us)\s+(?:take|post|share|film)\b[^.!?]{0,40}"
    r"|\b(?:photos?|pictures?|images?|video)\s+of\s+(?:our|the|my|a|this)\s+patient"
    # "his granddaughter sent me a picture of him back on his bench": a photo of the person, shared with the author
    r"|\b(?:sent|shared|texted|showed|emailed|messaged)\s+(?:me|us)\s+(?:a\s+|this\s+|the\s+)?(?:photos?|pictures?|pics?|videos?|selfies?)"
    r"\s+of\s+(?:him|her|them)\b[^.!?\n]{0,40}"
    r"|\b(?:recovery|progress)\s+(?:photos|pictures|pics|videos?)"
    r"|\b(?:his|her|their)\s+(?:photos?|videos?|x-?rays?|scans?|mri|ct|images?)\s+(?:below|above|attached|here)"
    # Spanish and Portuguese: "las fotos del antes y después de sus carillas", "video completo con su sonrisa antes y después".
    r"|\b(?:fotos?|im[a\u00e1]gen(?:es)?|videos?|v[i\u00ed]deos?)\s+(?:(?:del?|con|completo|completa)\s+(?:(?:el|la|su|sus)\s+)?){0,3}"
    r"(?:[\w\u00e1\u00e9\u00ed\u00f3\u00fa\u00f1]+\s+){0,2}?antes\s+(?:y|e|&)\s+despu[e\u00e9]s\b(?:\s+de\s+(?:sus?|la|el|los|las)\s+[\w\u00e1\u00e9\u00ed\u00f3\u00fa\u00f1]+)?"
    r"|\b(?:fotos?|videos?|radiograf[i\u00ed]as?)\s+de\s+(?:la\s+paciente|el\s+paciente|nuestr[oa]\s+paciente)\b"
)
PERSON_MEDIA = compile_pattern(
    r"\b(?i:photos?|pics?|pictures?|videos?|clips?|footage|selfies?)\s+of\s+((?i:him|her|them)|[A-Z][\w\u00c0-\u017f'-]+(?:\s+[A-Z][\w'-]+)?"
    r"|[a-z\u00e0-\u017f]{3,}(?=\s+(?:[a-z]+ing|asleep|awake|after|before)\b))"
    r"\s+(?:[a-z]+ing|asleep|awake|in|on|at|with|after|before)\b[^.!?\n]{0,40}"
)
# "pt photo", "patient selfie": a patient's picture, unless the sentence refuses or cancels it ("we never post patient photos").
PATIENT_PHOTO_NOUN = compile_pattern(r"(?i)\b(?:pt|patient)(?:['\u2019]s)?\s+(?:photos?|pictures?|pics?|images?|faces?|videos?|selfies?)\b")
MEDIA_REFUSED = compile_pattern(r"(?i)\b(?:never|no|not|don'?t|won'?t|without|cancel\w*|policy|consent\s+forms?\s+first|unless|until)\b")
BIOMETRIC = compile_pattern(r"(?i)\b(?:voice\s?prints?|finger\s?prints?|retina(?:l)?\s+scans?|iris\s+scans?|face\s?prints?|DNA\s+(?:sample|profile))\b")
# "your Glide questions", "your LungLens demo": about the product, not the person's own care with it.
NOT_CARE_AFTER_PRODUCT = compile_pattern(
    r"(?i)\s+(?:questions?|info|information|page|site|website|link|review|feedback|interest|comments?|demo|webinar|brochure)\b"
)
YOUR_BEFORE = compile_pattern(r"(?i)\b(?:your|ur|yr|tu|su)\s+(?:[\w-]+['\u2019]s\s+)?(?:(?:new|last|recent|first|second|next)\s+)?$")
TREATMENT_ALWAYS = compile_pattern(r"(?i)\bour\s+records\s+(?:show|indicate|confirm|reflect|say)\b[^.!?]*")
TREATMENT_IN_REPLY = compile_pattern(
    # Rules reference R24: "your (visit|appointment|treatment|follow-up)" in a reply confirms care.
    r"(?i)\b(?:your|ur|yr)\s+(?:(?:recent|last|next|first|new|\d+(?:am|pm|:\d\d|st|nd|rd|th)?|\w+day'?s?|(?-i:[A-Z][a-z]+(?:[A-Z]\w+)?))\s+)?(?:visit|appointment|appt|stay|procedure|"
    r"treatment|follow[\s-]?up|surgery|test\s+results|results|scan|diagnosis|admission|prescription|refill|care\s+team|"
    r"sample|specimen|bloodwork|labs?|biopsy|mri|x-?rays?|ct|ultrasound|mammogram|colonoscopy|cleaning|filling|crown|"
    r"root\s+canal|extraction|implant|braces|aligners|checkup|check-up|exam|consult(?:ation)?|session|therapy|infusion|"
    r"chemo|dialysis|cast|stitches|bill\s+from|balance\s+from|claim\s+for|chart|records?|referral|prior\s+auth|"
    # aesthetic care: "your DuneLume series", "your lip flip", "your touch-up"
    r"series|touch-?up|peel|facial|filler|botox|tox|lip\s+flip|laser|injections?|consent\s+form|"
    # chiropractic and manual therapy: "see you Thursday for your 4th adjustment"
    r"adjustments?|"
    # devices fitted to the person: "your Vireon fitting is all set for Tues 4/22"
    r"fittings?|"
    # medical devices we supply to the person: "your replacement meter is ready"
    r"(?:replacement\s+)?(?:meters?|glucometers?|sensors?|cgms?|insulin\s+pumps?|pumps?|cpaps?|cpap\s+masks?))\b"
    # to an employer or a relative: "Darnell on second shift is enrolled", "haven't activated their meters yet: Anaïs B."
    r"|\b(?:is|are|was|were)\s+(?:already\s+|now\s+|still\s+)?enrolled\b(?!\s+in\s+(?:medicare|medicaid|college|school|classes))"
    r"|\b(?:haven'?t|have\s+not|hasn'?t|has\s+not)\s+(?:yet\s+)?(?:activated|started|used|synced|set\s+up)\s+(?:their|his|her)\s+"
    r"(?:meters?|devices?|sensors?|accounts?|apps?|kits?)\b"
    # "your Poisewell numbers looked so much better", "ur scores came back": the person's own readings we hold
    r"|\b(?:your|ur|yr)\s+(?:\w+\s+)?(?:numbers|scores|levels|readings)\s+(?:look(?:ed|s)?|were|are|came\s+back|improved|went)\b"
    # "i had your mom both nights", "we took care of your dad": the author's own care of the person's relative
    r"|\b(?:i|we)\s+(?:had|took\s+care\s+of|cared\s+for|looked\s+after|nursed)\s+(?:your|ur)\s+(?:mom|dad|mother|father|"
    r"husband|wife|son|daughter|grandma|grandpa|grandmother|grandfather|kid|baby|brother|sister|aunt|uncle)\b"
    # "your grandpa was the sweetest man i nursed this month": the same care, said of the relative first
    r"|\b(?:your|ur)\s+(?:mom|dad|mother|father|husband|wife|son|daughter|grandma|grandpa|grandmother|grandfather|kid|baby|"
    r"brother|sister|aunt|uncle|nan|nana|granny)\s+(?:was|is)\s+[^.!?\n]{0,40}?\b(?:i|we)\s+(?:(?:have|'ve)\s+)?(?:ever\s+)?"
    r"(?:nursed|cared\s+for|looked\s+after|treated|had\s+on\s+(?:the\s+|our\s+)?(?:unit|floor|ward))\b"
    r"|\byou\s+were\s+(?:seen|treated|admitted|discharged|here|in)\b|\bwhen\s+you\s+(?:came\s+in|visited|were\s+here)\b"
    # "Dr Ige … she'll see you Weds 21st", "we'll see you Tuesday at 3": an appointment the person has with us
    r"|\b(?:(?:she|he|they|we|i)['\u2019]ll|(?:she|he|they|we|i)\s+will|(?-i:Dr)\.?\s+(?-i:[A-Z])[\w'-]+\s+will)\s+see\s+you\s+"
    r"(?:again\s+)?(?:on\s+|next\s+|this\s+)?(?:\w+day\b|mon\b|tues?\b|weds?\b|thurs?\b|fri\b|sat\b|sun\b|\d)"
    # "Hooyo's ballan is confirmed Khamiis 3/12 at 10:30 with Dr. Sollien": a booking with one of ours, read back
    r"|\b(?:is|are|was|were)\s+(?:all\s+)?(?:confirmed|booked|scheduled|rescheduled)\b[^.!?\n]{0,40}?\bwith\s+(?-i:Dr)\.?\s"
    r"|\b(?:is|are|was|were)\s+(?:all\s+)?(?:confirmed|booked|scheduled|rescheduled)\s+(?:for\s+)?(?:[A-Za-z]+\s+)?\d{1,2}[/.]\d{1,2}\b"
    # "Dr Anand-Holme has done your dad's paperwork": a relative's care papers
    r"|\b(?:your|ur)\s+(?:mom|mum|dad|mother|father|husband|wife|son|daughter|grandma|grandpa|nan|gran|kid|baby)['\u2019]s\s+"
    r"(?:paperwork|forms?|results?|letter|referral|prescriptions?|repeat|meds|notes|certificate|discharge|surgery|appointment|appt|"
    r"visit|stay|room|bed|scan|labs?|refill|procedure|transfer|admission)\b"
    # "the work you've put in during our sessions", "the exercise from our last session": care the two of you share.
    r"|\b(?:during|in|from|at|since|after|before|between)\s+our\s+(?:(?:last|next|first|recent|weekly|\w+day'?s?)\s+)?"
    r"(?:sessions?|appointments?|appts?)\b"
    # "ur metformin", "your adalimumab", "su inhalador": the person's own medicine (drug-name endings).
    r"|\b(?:your|ur|yr)\s+(?:\w+\s+)?[a-z]+(?:mab|pril|olol|statin|cillin|mycin|formin|gliptin|glipizide|sartan|prazole|oxetine|"
    r"azepam|zolam|cycline|floxacin|tidine|parin|xaban|lukast|olone|insulin|inhaler)\b"
    r"|\b(?:su|tu|sus|tus)\s+(?:inhalador|insulina|medicamentos?|medicina|pastillas|receta)\b"
    # "the pharmacy sat on your script", "since your first weigh-in", "your rhythmcheck readings from 3/2": the person's own
    # medicines, program check-ins and readings we hold.
    r"|\b(?:your|ur|yr)\s+(?:(?:new|last|next|first|current|\w+day'?s?)\s+)?(?:scripts?|rx|meds|medications?|pills|pens|inhalers?|"
    r"insulin|doses?|weigh[\s-]?ins?|lab\s+orders?|blood\s+thinners?|sleep\s+study)\b"
    r"|\b(?:for|at|before|after)\s+(?:this|last|next)\s+(?:month|week)['\u2019]?s\s+(?:visit|appointment|appt|session|infusion|refill)\b"
    r"|\b(?:your|ur|yr)\s+(?:\w+\s+)?readings?\s+(?:from|on)\b"
    # "you're already on the spironolactone Dr. Chukwu started", "since ur on insulin now"
    r"|\b(?:you'?re|you\s+are|ur|u\s+r)\s+(?:already\s+|still\s+|now\s+)?on\s+(?:the\s+)?(?:[a-z]+(?:mab|pril|olol|statin|cillin|"
    r"mycin|formin|gliptin|sartan|prazole|oxetine|azepam|zolam|cycline|floxacin|tidine|parin|xaban|lukast|olone|lactone|glutide|"
    r"tirzepatide)|insulin|meds|medication|blood\s+thinners?)\b"
    # "hope the new inhaler is pulling its weight", "glad the new blood thinner is sitting ok": the person's new medicine
    r"|\b(?:the|that|those)\s+new\s+(?:blood\s+thinners?|inhalers?|meds|medications?|pills|insulin|pump|cpap|mask|dose|"
    r"prescription|script|cream|drops|pens?)\s+(?:is|are|has|have|'s)\b"
    # "we got his sugars down after the hospital stay", "we reprocessed the claim from Dr. Vasquez's office", "your PA # is …",
    # "approved 1 visit + 6 weeks of follow-ups"
    r"|\bwe\s+(?:got|brought|have|had)\s+(?:his|her|their|your|ur)\s+(?:sugars?|bp|blood\s+pressure|pain|numbers|levels|a1c|fever|"
    r"heart\s+rate|potassium|oxygen|o2)\s+(?:down|up|under\s+control|back)\b"
    r"|\bwe\s+(?:reprocessed|re-?ran|resubmitted|re-?submitted|approved|paid|processed|re-?reviewed|overturned)\s+(?:the|your|ur)\s+"
    r"(?:\w+\s+)?(?:claim|prior\s+auth\w*|auth(?:ori[sz]ation)?|referral|bill|eob|appeal)\b"
    r"|\b(?:your|ur)\s+(?:pa|prior\s+auth(?:ori[sz]ation)?|auth(?:ori[sz]ation)?|claim|referral|appeal)\s*(?:#|number|no\.?)"
    r"|\bapproved\s+(?:\d+|one|two|three|four|six|eight|ten|twelve)\s+(?:visits?|sessions?|weeks?|treatments?|infusions?)\b"
    # "so glad the rash finally calmed down", "glad the knee injection's holding up", "glad the approval came thru": the
    # person's own condition or care, spoken of in a reply
    r"|\b(?:glad|happy|relieved)\s+(?:that\s+)?(?:the|your|ur)\s+(?:new\s+)?(?:\w+\s+)?(?:injection|shot|surgery|knee|hip|shoulder|"
    r"brace|cast|meds?|medication|inhaler|cream|treatment|therapy|approval|procedure|scope|stitches|cpap|pump|prior\s+auth|rash|"
    r"cough|fever|infection|pain|swelling|acne|eczema|flare|uti|migraines?|headaches?|sugars?|bp|blood\s+pressure)"
    r"(?:['\u2019]s\b|\s+(?:\w+\s+)?(?:is|are|has|have|was|finally|came|went|calmed|cleared|settled|healed|got)\b)"
    # "so glad i got to be your nurse", "we resent the isotretinoin paperwork", "ur cryo for the spots", "your mom is home"
    r"|\b(?:i|we)\s+(?:got\s+to\s+be|was|were|am|'m)\s+(?:your|ur|her|his)\s+(?:nurse|doctor|doc|therapist|pt|ot|rt|midwife|provider|"
    r"surgeon|aide|cna|np|pa)\b"
    r"|\bwe\s+(?:re-?sent|sent|faxed|submitted|called\s+in|refaxed)\s+(?:the|your|ur)\s+(?:\w+\s+){0,2}?(?:paperwork|forms?|script|"
    r"prescription|rx|order|referral|prior\s+auth|records?|note)\b"
    r"|\b(?:your|ur|yr)\s+(?:cryo|mohs|excision|patch\s+test|biopsy\s+site|stitches|sutures|transfers|gait\s+training)\b"
    r"|\b(?:your|ur)\s+(?:mom|dad|mother|father|husband|wife|son|daughter|grandma|grandpa|kid|baby)\s+(?:is|was|got|'s)\s+"
    r"(?:home|discharged|out\s+of\s+the\s+hospital)\b"
    # "we'll keep your father's suhoor tray going up", "your grandma's room": the relative's stay with us
    r"|\b(?:your|ur)\s+(?:mom|dad|mother|father|husband|wife|son|daughter|grandma|grandpa|grandmother|grandfather|kid|baby)"
    r"['\u2019]s\s+(?:[\w-]+\s+)?(?:trays?|room|bed|diet\s+order|meal\s+tickets?|chart|discharge|nurse|care\s+plan)\b"
    # "your callback pictures from the 9/23 stop looked just fine"
    r"|\b(?:your|ur)\s+callback\s+(?:pictures|images|films|results|views|scans?|mammograms?)\b"
    # "the pharmacist tried you twice", "Dr. Ames called you back": our clinicians reaching the person about their care.
    r"|\b(?:pharmacist|nurse|doctor|provider|clinician|care\s+team|dr\.?\s+[A-Z]\w+)\s+(?:tried|called|messaged|reached|rang|"
    r"texted|phoned)\s+(?:you|u)\b"
    # "we moved you to Dr. Pham's 2:40", "your slot ran an hr behind", "billing double charged your copay", "PT notes are in",
    # "Dr. Pham ok'd light jogging", "PA Corinne wants to go over the scan": the person's visits, bills and results.
    r"|\bwe\s+(?:moved|rescheduled|booked|scheduled|bumped|squeezed|fit)\s+(?:you|u)\s+(?:in\s+)?(?:to|for|with|into|on)\b"
    r"|\b(?:your|ur|yr)\s+(?:(?:\w+day'?s?|\d+(?::\d\d)?(?:am|pm)?|next|last)\s+)?(?:slot|time\s+slot|copays?|co-pays?|intake)\b"
    r"|\b(?:pt|therapy|visit|clinic|op|surgical|discharge|surgeon'?s)\s+notes\s+(?:are|is)\s+(?:in|back|ready|done|up)\b"
    r"|\bdr\.?\s+[A-Z][\w'-]+\s+(?:ok'?d|okayed|cleared|signed\s+off\s+on)\b"
    r"|\b(?:dr|pa|np|nurse|pt)\.?\s+[A-Z][\w'-]+\s+(?:wants|needs|would\s+like)\s+to\s+(?:go\s+over|review|discuss|talk\s+(?:about|"
    r"through)|look\s+at)\s+(?:the|your|ur)\b"
    r"|\b(?:pharmacist|nurse|doctor|provider|clinician)\s+(?:[A-Z]\w+\s+)?(?:was\s+)?(?:calling|called|texting|texted|messaging|"
    r"messaged|reaching\s+out)\s+(?:you\s+|u\s+)?about\s+(?:your|ur)\b"
    r"|\bsee\s+(?:you|u)\s+(?:both\s+)?(?:at|for|on|next)\s+(?:your|ur|the(?!\s+(?:next|walk|event|fair|gala|race|run|meeting|group|game|"
    r"party|picnic|potluck|service|concert|class|workshop|rally|5k|10k|start(?:ing)?\s+line|finish(?:ing)?\s+line|booth|table|tent|"
    r"expo|conference|summit|gym|meetup|meet-up|march|parade|ceremony|luncheon|breakfast|dinner)\b)|\w+day|week|month)\b"
    # Spanish, for bilingual replies: "tu cita", "sus resultados".
    r"|\b(?:tu|su|tus|sus)\s+(?:cita|citas|tratamiento|limpieza|resultados|consulta|visita|cirug[i\u00ed]a|receta|radiograf[i\u00ed]as?|"
    r"presi[o\u00f3]n|az[u\u00fa]car|glucosa|an[a\u00e1]lisis|vacunas?|terapia|insulina)\b"
    # "we saw you in urgent care", "you checked in at 7:02", "our nurses saw her alert": care we gave.
    r"|\bwe\s+(?:saw|treated|admitted|discharged|scanned|stitched|vaccinated|x-?rayed|casted)\s+(?:you|u)\b"
    r"|\b(?:you|u)\s+checked\s+in\b"
    r"|\bour\s+(?:nurses?|doctors?|docs?|team|staff|techs?|clinicians?|pharmacists?|therapists?|providers?)\s+"
    r"(?:saw|treated|caught|checked\s+on|looked\s+after|took\s+care\s+of)\s+(?:you|u|your|ur|her|his|him|them)\b"
    # "the number we have for you", "the address we have on file": a record we keep on the person.
    r"|\b(?:number|phone|address|e-?mail|info|details)\s+we\s+have\s+(?:on\s+file\s+)?for\s+(?:you|u)\b|\bwe\s+have\s+on\s+file\s+for\s+(?:you|u)\b"
    # "the pharmacist called ur cardiologist", "we faxed your doctor": acting on the person's care.
    r"|\b(?:called|faxed|phoned|spoke\s+(?:to|with)|contacted|emailed|messaged)\s+(?:your|ur|yr)\s+"
    r"(?:doctor|dr|provider|pcp|surgeon|dentist|\w+ologist|\w+iatrist|insurance|insurer|(?:health\s+|insurance\s+)?plan)\b"
    r"|\b(?:your|ur|yr)\s+(?:vaccine|vaccination|immuni[sz]ation|shot|medical|dental|lab|x-?ray|eye)\s+(?:records?|results?|card|history)\b"
    r"|\b(?:your|ur|yr)\s+(?:contact\s+lens(?:es)?|contacts|glasses|lenses|frames|hearing\s+aids?|dentures|retainer|flap)\b"
    r"|\b(?:your|ur|yr)\s+(?:\w+['\u2019]s\s+)?(?:readings?|vitals|levels|numbers|data|sugars?)\s+(?:look|looks|looked|are|is|was|were)\s+"
    r"(?:so\s+|much\s+|really\s+)?(?:great|good|better|stable|normal|fine|perfect|steady|improved)\b"
    # "see u at his dec 9 recheck", "see you at her follow-up": the next visit of the person the reply speaks of.
    r"|\bsee\s+(?:you|u)\s+(?:both\s+)?(?:at|for|on)\s+(?:his|her|their)\s+(?:[\w/]+\s+){0,2}?(?:recheck|re-check|visit|appointment|appt|"
    r"follow-?up|check-?up|draw|labs?|infusion|session|shots?|scan|surgery|procedure)\b"
    # "he was the best patient on the unit": the person was ours.
    r"|\b(?:he|she|you|u|they)\s+(?:was|were|is|are)\s+(?:the|our|my)\s+(?:\w+est|favou?rite)\s+patients?\b"
    # Hinglish: "papa ji ki metformin ka refill ho gaya hai", "dawai aaj dispatch ho gayi".
    r"|\b(?:refill|dawai|dawa|dawaiyan|meds|prescription|goliyan|goli|inhaler|insulin)\s+(?:\w+\s+){0,2}?(?:ho\s+gay[ai]|bhej\s+di|"
    r"dispatch\s+ho|deliver\s+ho|ready\s+hai|taiyaar)\b"
    # Arabic: "موعدك" (your appointment), "دواك", "تحاليلك", "نتائجك", "علاجك".
    r"|(?:موعدك|مواعيدك|دواك|دواءك|تحاليلك|تحليلك|نتائجك|نتيجتك|وصفتك|علاجك|عمليتك|فحصك|أشعتك|اشعتك)"
    # "sending your work note over", "ur school excuse": a note we wrote about the person's visit.
    r"|\b(?:your|ur|yr)\s+(?:work|school|doctor'?s|sick|return[\s-]to[\s-]work|excuse)\s+(?:note|excuse|letter|slip)\b"
    # A coaching or therapy program's care: "your coach will follow up", "Destiny's coaching sessions", "ur mood scores",
    # "ur study ID is …"; Spanish "su coach la va a llamar".
    r"|\b(?:your|ur|yr|his|her|their|(?-i:[A-Z])\w+['\u2019]s)\s+(?:care\s+|app\s+|mental\s+health\s+)?coach\s+(?:will|'ll|\u2019ll|is\s+going\s+to|can|could)\s+"
    r"(?:\w+\s+)?(?:follow\s+up|check\s+in|reach\s+out|squeeze)\b"
    r"|\b(?:your|ur|yr|his|her|their|(?-i:[A-Z])\w+['\u2019]s)\s+(?:coaching|therapy|counsel(?:l)?ing)\s+(?:sessions?|calls?|plan|visits?|check-?ins?)\b"
    r"|\b(?:your|ur|yr)\s+(?:mood|symptom|anxiety|depression|phq-?9|gad-?7)\s+(?:scores?|history|logs?|check-?ins?|trends?)\b"
    r"|\b(?:your|ur|yr)\s+(?:study|participant|subject|patient|member)\s+(?:id|number|#|no\.?)\b"
    r"|\b(?:su|tu)\s+(?:coach|terapeuta|consejer[oa]|psic[o\u00f3]log[oa])\s+(?:la|lo|le|te)\s+va\s+a\s+(?:llamar|contactar|ver)\b"
    # Haitian Creole puts the owner after the thing: "vizit papa w lan", "grenn tansyon w", "medikaman manman w yo".
    r"|\b(?:vizit|grenn|medikaman|randevou|tretman|rezilta|dosye|swen|piki)\s+(?:[\w\u00e8\u00f2]+\s+){0,2}?(?:w|ou)\b(?!['\u2019])"
)
CONDITIONAL = compile_pattern(r"(?i)\b(?:if|whether|in\s+case|unless|should\s+you|si|cuando)\s+(?:you|u|your|ur|tiene|usted|tu|su)\b")
CONDITIONAL_OPEN = compile_pattern(r"(?i)\b(?:if|whether|in\s+case(?!\s+(?:mgmt|management|manager|managers|mgr|conference|review|study|report)\b)|unless|si|cuando)\b[^,;]*$")
# "please ask your care team", "check with your pharmacist": sending the person to their own clinicians confirms nothing.
REFERRAL_BEFORE = compile_pattern(r"(?i)\b(?:ask|call|check\s+with|talk\s+(?:to|with)|see|tell|contact)\s+$")
# "I can't talk about anyone's care here, but in general: …": what follows is advice for anyone.
# "we can't confirm whether someone is (or isn't) a patient, even to an employer": the reply refuses to say who is ours, so
# its talk of care in general ("ur employee can download a work note from the portal") confirms nothing.
NO_CONFIRMING_WHO = compile_pattern(
    r"(?i)\b(?:can'?t|cannot|can\s+not|won'?t|will\s+not|never|don'?t|do\s+not)\s+(?:confirm|say|share|disclose|tell\s+(?:you|anyone))\s+"
    r"(?:whether|if|that|who)\s+(?:someone|anyone|a\s+person|any\s+(?:one\s+)?(?:person|member|patient|employee|individual)|they|he|"
    r"she|somebody|anybody)\b"
    # "i can't say who's here or how anybody's doing", "we can't confirm who is a patient"
    r"|\b(?:can'?t|cannot|can\s+not|won'?t|will\s+not|never|don'?t|do\s+not)\s+(?:confirm|say|share|disclose|tell\s+(?:you|anyone))\s+"
    r"who['\u2019]?s\s+(?:here|there|a\s+patient|admitted|in\s+the\s+hospital|on\s+the\s+unit)\b"
    r"|\b(?:who\s+is|who['\u2019]s)\s+(?:here|a\s+patient|admitted)\s+or\s+how\s+any(?:one|body)['\u2019]?s\s+doing\b"
)
# Whose care a refusing reply (``REFUSING_REPLY``) refuses to discuss: anyone's. "we can't discuss anyone's prescriptions in
# public", "We don't discuss patient care on social media", "we can't look up or discuss anyone's visit on here".
ANYONES_CARE_AFTER = compile_pattern(
    r"(?i)(?:\s+or\s+\w+(?:\s+\w+)?)?\s+(?:any(?:one|body)['\u2019]?s?|any\s+(?:individual|patient|person|member|customer)['\u2019]?s?|"
    r"individual|personal|specific|patient|private|health|medical|care|account)\b"
)


def refuses_anyones_care(doc: Document) -> bool:
    """Return whether the post refuses to discuss anyone's care in public."""
    return any(ANYONES_CARE_AFTER.match(doc.text, match.end()) for match in REFUSING_REPLY.finditer(doc.text))


# Phone numbers, addresses, links and clock times: how to reach us, nothing said about anyone's care.
CONTACT = compile_pattern(
    r"(?i)\(?\+?1?[\s.-]?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}|\b\d{3}[\s.-]\d{4}\b|\b(?:ext\.?|x)\s*\d+|\S+@\S+|\bhttps?://\S+|"
    r"\b[\w-]+(?:\.[\w-]+)+/\S*|\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|\b24/7\b"
    # opening hours: "7a–7p", "M–F 8–6", "8:30-5"
    r"|\b\d{1,2}(?::\d\d)?\s?[ap]?\s?[\u2013-]\s?\d{1,2}(?::\d\d)?\s?[ap]?\b"
)


def _said_more(phrase: str) -> bool:
    """Return whether a phrase confirming care says more than a bare "your visit": a number, a date or over three words."""
    return any(char.isdigit() for char in phrase) or len(phrase.split()) > 3


# "heads up, your post has your member number in it. please delete it": a warning about what the person posted.
OWN_POST_WARNING = compile_pattern(
    r"(?i)\b(?:your|ur|yr)\s+(?:post|tweet|comment|reply|pic|photo|screenshot|message|review)\s+(?:has|had|shows|showed|"
    r"includes|included|contains|contained|with|mentions|mentioned)\b"
)
GENERAL_ADVICE = compile_pattern(r"(?i)\b(?:in\s+general|generally\s+speaking|as\s+a\s+general\s+rule|general\s+(?:info|information|advice))\b")
REPLY_REFUSAL = compile_pattern(r"(?i)\b(?:don'?t|do\s+not|can'?t|cannot|can\s+not|never|won'?t|unable\s+to|not\s+able\s+to|nadie|nunca|"
                                r"jam[a\u00e1]s)\b")
# "the only narcolepsy-plus-apnea CDL driver in Dunning Gap (pop. 600)": one person with a condition, in a town small
# enough to say so (only with a health word in it: "the only pharmacy in Elm Creek (pop. 2,100)" is no one).
QUASI_SMALL_TOWN = compile_pattern(
    r"(?i:\bthe\s+only\s+(?:[\w'-]+\s+){1,6}?(?:in|from|of)\s+)(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*"
    r"\((?i:pop(?:\.|ulation)?:?)\s*[\d,.]+k?\)"
)
QUASI_IDENTIFIER = compile_pattern(
    r"(?i:\b(?:only|first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+(?:known\s+|reported\s+|documented\s+)?"
    r"(?:case|patient|person|child|baby)s?\s+(?:of|with)\s+[\w' -]{3,40}?\s+in\s+(?:the\s+)?)(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
    # "Only ATTR case in our county", "first case on the island in decades", "the only person in town with X".
    r"|(?i:\b(?:the\s+)?(?:only|first|lone|sole)\s+(?:known\s+|reported\s+|documented\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:case|patient|person|child|baby|kid|arrest|death|diagnosis|transplant)s?\s+(?:of\s+[\w' -]{3,40}?\s+|with\s+[\w' -]{3,40}?\s+)?"
    r"(?:in|on|at|from)\s+(?:the|our|this|my|their|his|her)\s+(?:county|town|island|village|city|region|valley|parish|district|"
    r"area|state|township|reservation|community|school|county's\s+history)\b(?:\s+(?:with|this|in)\s+[\w' -]{3,40})?)"
    r"|(?i:\b(?:the\s+)?only\s+(?:person|one|kid|child|patient)\s+in\s+(?:town|the\s+county|the\s+village|our\s+town)\s+with\s+"
    r"[\w' -]{3,40})"
    # "first tularemia case out of pellham bend in like 30 yrs": a first case from a named place in a long while.
    r"|(?i:\b(?:first|only)\s+(?:[\w-]+\s+){1,3}?case\s+(?:out\s+of|in|from)\s+(?:[a-z][\w'-]+\s+){0,2}?[a-z][\w'-]+\s+in\s+"
    r"(?:like\s+|over\s+|almost\s+|nearly\s+)?(?:\d+|a|ten|twenty|thirty|forty|fifty)\s+(?:yrs|years|decades))"
    # "the only tularemia case in brennard county this decade"
    r"|(?i:\bonly\s+(?:[\w-]+\s+){1,3}?(?:case|patient|pt|person|kid|child)s?\s+(?:in|from)\s+(?:[\w'-]+\s+){1,2}"
    r"(?:county|parish|township|valley|village)\b)"
    # "the only LAM pt from juniper point we've ever had"
    r"|(?i:\b(?:the\s+)?only\s+(?:[\w-]+\s+){1,3}?(?:pt|patient|case|kid|person|child)s?\s+(?:from|in|out\s+of)\s+"
    r"(?:[a-z][\w'-]+\s+){0,2}?[a-z][\w'-]+\s+(?:we'?ve|we\s+have|i'?ve|i\s+have)\s+(?:ever\s+)?(?:had|seen|treated)\b)"
    # "the only person with bulbar ALS in all of Loon Harbor"
    r"|(?i:\b(?:the\s+)?only\s+(?:person|one|kid|child|patient|baby|girl|boy|man|woman|teen)\s+with\s+[\w' -]{3,40}?\s+in\s+"
    r"(?:all\s+of\s+)?)(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
    # "the only kid in Wicker Basin with PANDAS"; Spanish "el único niño con displasia ectodérmica en Quarry Hill".
    r"|(?i:\b(?:the\s+)?only\s+(?:person|one|kid|child|patient|baby|girl|boy|man|woman|teen)\s+(?:in|from)\s+)"
    r"(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?i:\s+with\s+[\w' -]{3,40})"
    r"|(?i:\b(?:el|la|al|del|a\s+la|de\s+la)\s+[u\u00fa]nic[oa]\s+(?:ni\u00f1[oa]|paciente|persona|se\u00f1ora?|hombre|mujer|beb[e\u00e9])\s+con\s+"
    r"[\w' -]{3,40}?\s+en\s+(?:el\s+|la\s+)?)(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)


def relative_date(text: str) -> bool:
    """Return whether a date is a relative expression ('on Saturday', '3 days ago'), which identifies no one."""
    return bool(RELATIVE_DATE.fullmatch(text) or DAYS_AGO.fullmatch(text) or re.fullmatch(r"(?i)on\s+\w+day", text))


def _in_patient_sentence(doc: Document, position: int) -> bool:
    start, end = doc.sentence_at(position)
    if any(c_start < end and start < c_end for c_start, c_end in doc.patient_cues):
        return True
    return bool(EVENT_WORDS.search(doc.text, start, end)) and doc.has_patient_context


def _date_spans(doc: Document) -> Iterator[tuple[int, int]]:
    for match in NUMERIC_DATE.finditer(doc.text):
        month, day = int(match.group(1)), int(match.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31 and not (match.group(2) == "." and not match.group(4)):
            yield match.span()
    yield from (m.span() for m in ISO_DATE.finditer(doc.text))
    yield from (m.span() for m in MONTH_DATE.finditer(doc.text))
    yield from (m.span() for m in RELATIVE_DATE.finditer(doc.text) if _in_patient_sentence(doc, m.start()))


DAY_MONTH_DOTTED = compile_pattern(r"\d{1,2}\.\d{1,2}\.")
LAB_BEFORE = compile_pattern(
    r"(?i)\b(?:calcium|ca|potassium|k|sodium|na|chloride|cl|bicarb|hco3|co2|glucose|sugar|lactate|hgb|hb|hemoglobin|"
    r"haemoglobin|wbc|plt|platelets|cr|creat|creatinine|bun|trop|troponin|inr|ptt|ph|mg|magnesium|phos|phosphorus|ast|alt|"
    r"bili|bilirubin|lipase|tsh|psa|ldl|hdl|a1c|hba1c|temp|temperature|bmi|weight|ferritin|albumin|crp|esr|d-dimer|"
    r"was|is|of|at|to|from|level|score)\s*[:=]?\s*$"
)


def _lab_value(doc: Document, match: re.Match[str]) -> bool:
    """Return whether a day-month date written with dots is a lab value ('Calcium 13.2.', 'K was 6.1.')."""
    return bool(DAY_MONTH_DOTTED.fullmatch(match.group(0))) and bool(
        LAB_BEFORE.search(doc.text, max(0, match.start() - 20), match.start()))


def _is_patient_date(doc: Document, start: int, end: int) -> bool:
    if is_thread_counter(doc, start, end) or is_event_or_period_date(doc, start, end):
        return False
    return is_individual_sentence(doc, start)


def dates(doc: Document) -> Iterator[Finding]:
    """Flag dates other than the year that belong to a patient, decided date by date."""
    people = patient_name_spans(doc)
    spans = set(_date_spans(doc)) | {m.span() for m in OTHER_DATE.finditer(doc.text) if not _lab_value(doc, m)}
    taken: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if any(t_start <= start and end <= t_end for t_start, t_end in taken):
            continue
        severity = _date_severity(doc, start, end, people)
        if severity is None:
            continue
        taken.append((start, end))
        yield doc.finding(
            "phi.date", "phi", start, end, severity,
            "A date more specific than the year, in a post about a patient, is a HIPAA identifier (C).",
            "Keep only the year, or drop the date ('recently').",
        )


# The words that announce a birth date just before it: a record's cue ("DOB", "fecha de nacimiento") or prose ("born on").
BIRTH_CUE = compile_pattern(
    r"(?i)(?:(?P<record>\b(?:dob|d\.o\.b\.?|date\s+of\s+birth|birth\s*date|birthdate|fecha\s+de\s+nacimiento|f\.?\s?nac\.?|"
    r"data\s+de\s+nascimento|ng[aà]y\s+sinh))|\b(?:born(?:\s+on)?|(?:his|her|their|my|your|ur)\s+(?:birthday|bday|b-day)\s+is|"
    r"naci[oó]|nacid[oa](?:\s+el)?|sinh\s+ng[aà]y))\s*(?:is\s+|was\s+|of\s+)?[:#=\-\u2013\u2014]?\s*$"
)


# "PAIN SCALE 1-10", "rate it from 1-5": a range on a scale, not a day.
SCALE_BEFORE = compile_pattern(r"(?i)\b(?:scale|scales|rate|rated|rating|rank|ranked|score|scored)\s*(?:it\s+|them\s+)?(?:of|from)?\s*:?\s*$")


# A clock time right after a date: "Oct 9, 2pm", "Saturday, March 14, 10am", "Nov 9 at 3:30 pm", "8am–noon".
CLOCK_AFTER = compile_pattern(
    r"(?i),?\s*(?:at\s+|from\s+)?(?:\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|noon)\b"
    # a range of opening hours: "May 2, 9–noon", "Sat 4th October, 8.30–12.30" (never "3/14, 2-3 days later")
    r"|,?\s*(?:from\s+)?\d{1,2}(?:[:.]\d\d)?\s*[\u2013-]\s*(?:\d{1,2}(?:[:.]\d\d)?|noon)\b(?!\s*(?:days?|wks?|weeks?|months?|"
    r"years?|yrs?|hours?|hrs?|times|x\b|%|mg|kg|lbs?|cm|mm|minutes|mins?))"
)


OBSERVANCE_IS_AFTER = compile_pattern(
    r"\s+is\s+(?:(?i:national|world|international|global)\s+)?(?:[A-Z][\w'\u2019-]*\s+){1,4}"
    r"(?:Day|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Week|Month|Awareness)\b"
)
OBSERVANCE_BEFORE = compile_pattern(r"\b(?:Day|Week|Month)\s*\(\s*$")


# The birth dates records systems give test patients and unknown births (1900-01-01, the 1970-01-01 epoch): nobody's.
PLACEHOLDER_DATE = compile_pattern(r"0?1[/.-]0?1[/.-](?:1900|1970)|(?:1900|1970)-0?1-0?1|(?:1900|1970)0101")


def _date_severity(doc: Document, start: int, end: int, people: list[tuple[int, int]]) -> Severity | None:
    if is_thread_counter(doc, start, end) or SCALE_BEFORE.search(doc.text, max(0, start - 20), start):
        return None
    if PLACEHOLDER_DATE.fullmatch(doc.text, start, end):
        return None  # "DOB 01/01/1900", "1900-01-01": the test patient's birth date systems use, nobody's
    if OBSERVANCE_IS_AFTER.match(doc.text, end) or OBSERVANCE_BEFORE.search(doc.text, max(0, start - 12), start):
        return None  # "May 5 is Melanoma Monday", "Happy Nurses Week (May 6-12)": an observance's date
    if workplace_birthday(doc) and not people:
        return None  # "Happy birthday to our front desk queen Bernie … Nov 7": a colleague's birthday
    birth = BIRTH_CUE.search(doc.text, max(0, start - 40), start)
    if birth:
        # "dob 9/30/40", "date of birth: March 3, 1941": whose ever it is, a birth date read out is an identifier;
        # "born on" is one in a post about care ("born" itself counts as a cue, so other cues or health words must say so).
        other_cues = doc.about_patient or any(not (birth.start() <= c_start < birth.end()) for c_start, _ in doc.patient_cues)
        health = health_count(doc.text[: birth.start()] + " " + doc.text[birth.end() :])
        if not birth.group("record") and relative_expression(doc, start, end):
            return "review"  # "born this morning": a relative expression, never a date identifier on its own (the corpus's rule)
        return "block" if birth.group("record") or other_cues or health else "review"
    sentence_start, sentence_end = doc.sentence_at(start)
    named = any(p_start < sentence_end and sentence_start < p_end for p_start, p_end in people)
    relative = relative_expression(doc, start, end)
    if not relative and any(c_start < sentence_end and sentence_start < c_end for c_start, c_end in confirmed_care(doc)):
        return "block"  # "your next session on the 4th", "your prescription is valid until 30.06."
    if not named and is_event_or_period_date(doc, start, end):
        return None
    if EMPLOYMENT_BEFORE.search(doc.text, max(sentence_start, start - 70), start):
        return None  # "Hal started here on June 3, 1984", "Lupe Serrano retires on June 30": a career's date, not care's
    if CLOCK_AFTER.match(doc.text, end) and not is_individual_sentence(doc, start):
        return None  # "Sing-Along THIS Thursday, Oct 9, 2pm", "flu shots Saturday Oct 11, 8am–noon": a scheduled event
    if not relative and any(c_start <= start < c_end for c_start, c_end in reply_care_sentences(doc)):
        return "block"
    if not relative and not HOLIDAY.fullmatch(doc.text, start, end) and confirmed_care(doc):
        return "block"  # the date of a visit in a reply that confirms the visit: "your next session on the 4th"
    if HOLIDAY.fullmatch(doc.text, start, end) and not named and not _care_event_near(doc, start):
        # "Happy Father's Day", "the Christmas lights": a holiday is a patient's date only when something happened to them.
        return None
    role = date_role(doc, start, people).role
    # Relative expressions ("last Tuesday", "3 days ago") are weak; holidays and "the 3rd of March" are dates.
    if relative:
        # The corpus and the team never count "today" or "last Tuesday" as a date identifier: review at most.
        return "review" if (doc.has_patient_context or role != "other") else None
    if doc.has_patient_context and is_individual_sentence(doc, start):
        return story_severity(doc)
    if role == "other":
        return None
    return "review" if role == "uncertain" or doc.patient_authorized else "block"


HOLIDAY = compile_pattern(
    r"(?i:new\s+year'?s(?:\s+(?:day|eve))?|christmas(?:\s+(?:day|eve|morning|night))?|thanksgiving(?:\s+(?:day|morning|night|weekend))?|"
    r"easter(?:\s+(?:sunday|morning))?|labor\s+day(?:\s+weekend)?|memorial\s+day|independence\s+day|fourth\s+of\s+july|"
    r"valentine'?s(?:\s+day)?|halloween|mother'?s\s+day|father'?s\s+day|veterans\s+day)"
)


def _care_event_near(doc: Document, position: int) -> bool:
    """Return whether the sentence at the position, or the next one, tells of care, illness or a life event."""
    index = doc.sentence_index(position)
    start = doc.sentences[index][0] if doc.sentences else 0
    end = doc.sentences[min(index + 1, len(doc.sentences) - 1)][1] if doc.sentences else len(doc.text)
    return bool(health_count(doc.text[start:end]) or EVENT_WORDS.search(doc.text, start, end))


def relative_expression(doc: Document, start: int, end: int) -> bool:
    """Return whether a date is a relative expression ('last Tuesday', '3 days ago'), which the corpus does not label."""
    return bool(RELATIVE_DATE.fullmatch(doc.text, start, end) or DAYS_AGO.fullmatch(doc.text, start, end))


def ages_over_89(doc: Document) -> Iterator[Finding]:
    """Flag ages of 90 or more, which Safe Harbor requires to be grouped as '90 or older'."""
    gates = list(AGE_GATE.finditer(doc.text))
    if not gates:
        return
    # Every age pattern holds a number or number word the gate finds; read only around those (the same matches).
    matches: dict[tuple[int, int], re.Match[str]] = {}
    for gate in gates:
        for match in AGE.finditer(doc.text, max(0, gate.start() - 50), gate.end() + 40):
            if match.start() <= gate.start() and gate.end() <= match.end():
                matches.setdefault(match.span(), match)
    for match in sorted(matches.values(), key=lambda m: m.start()):
        group = next(index for index in range(1, match.re.groups + 1) if match.group(index))
        value = match.group(group)
        years = int(value) if value.isdigit() else (100 if value.lower().startswith(("one", "cien", "a ", "hundred")) else 90)
        if not 90 <= years < 130 or AGE_AGGREGATE.match(doc.text[match.end() :]):
            continue
        if ORGANISATION_SUBJECT.search(doc.text, max(0, match.start(group) - 50), match.start(group)):
            continue  # "Our hospital turned 100": an anniversary, not a person's age
        yield doc.finding(
            "phi.age", "phi", match.start(group), match.end(group), _age_severity(doc, match.start(group)),
            "An age over 89 is a HIPAA identifier; Safe Harbor allows only '90 or older'.",
            "Write '90 or older' or remove the age.",
        )


def _age_severity(doc: Document, start: int) -> Severity:
    """Return block for the age of a patient (in context, or near a patient's name), else review."""
    if doc.patient_authorized:
        return "review"
    sentence_start, sentence_end = doc.sentence_at(start)
    if not patient_name_spans(doc) and any(
            sentence_start <= person.start < sentence_end and person.decision.role == "other"
            and staff_cue_around(doc, person.start, person.end) for person in tagged_people(doc)):
        return "review"  # "our volunteer driver Tom Ishida turns 92 this week": a colleague's age, asked about at most
    role = date_role(doc, start, patient_name_spans(doc)).role
    if doc.has_patient_context or role == "patient":
        return "block"
    if role == "uncertain" and not AGE_RANGE_BEFORE.search(doc.text, max(0, start - 20), start) and _someones_age(doc, start):
        return "block"  # "nana's 92nd bday is june 30th", "R.T., ninety-four, on his kitchen floor": one person's exact age
    return "review"


# An age as the bound of a range of people: "from 18 to more than 90 years", "mayores de 90 años", "over 90".
AGE_RANGE_BEFORE = compile_pattern(r"(?i)\b(?:more\s+than|over|above|older\s+than|under|up\s+to|to|mayores\s+de|m[aá]s\s+de|"
                                   r"acima\s+de|plus\s+de|aged)\s*$")
SOMEONE = compile_pattern(r"(?i)\b(?:he|she|him|her|his|hers|he's|she's|bday|birthday|turns|turned|years\s+young)\b")


def _someones_age(doc: Document, start: int) -> bool:
    """Return whether the age in its sentence is one person's: a pronoun or a birthday there, or a person the tagger finds."""
    sentence_start, sentence_end = doc.sentence_at(start)
    return bool(SOMEONE.search(doc.text, sentence_start, sentence_end)) or any(
        e.kind == "PER" and e.start < sentence_end and sentence_start < e.end for e in doc.entities)


def places(doc: Document) -> Iterator[Finding]:
    """Flag ZIP codes, street addresses and towns given with their state, and places decided to be a patient's."""
    severity = story_severity(doc)
    spans = [m.span(1) for m in ZIP_CUE.finditer(doc.text)] + [m.span(1) for m in ZIP_AFTER_STATE.finditer(doc.text)]
    spans += [m.span() for m in STREET.finditer(doc.text)
              if not OWN_ADDRESS_BEFORE.search(doc.text, max(0, m.start() - 45), m.start())]
    if doc.has_patient_context:
        spans += [m.span(1) for m in CITY_STATE.finditer(doc.text)]
    taken = sorted(set(spans))
    for start, end in taken:
        yield doc.finding("phi.geo", "phi", start, end, severity, _GEO_MESSAGE, _GEO_FIX)
    for start, end, place_severity in _patient_places(doc, taken):
        yield doc.finding("phi.geo", "phi", start, end, place_severity, _GEO_MESSAGE, _GEO_FIX)


_GEO_MESSAGE = "A place smaller than a state (town, street, ZIP code) is a HIPAA identifier (B)."
_GEO_FIX = "Name the state or region only, or a 3-digit ZIP area with more than 20,000 people."


def _patient_places(doc: Document, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, Severity]]:
    """Yield the tagged places and bare street names that the role decision ties to a patient."""
    people = patient_name_spans(doc)
    candidates = [(e.start, e.end) for e in doc.entities if e.kind == "LOC"]
    candidates += [next(m.span(g) for g in (1, 2, 3) if m.group(g)) for m in STREET_NAME.finditer(doc.text)]
    candidates += [m.span(1) for m in RESIDENCE.finditer(doc.text)]
    for start, end in sorted(set(candidates)):
        if any(t_start < end and start < t_end for t_start, t_end in taken) or is_region(doc.text[start:end]):
            continue
        if doc.in_hashtag(start) or is_organisation_name(doc, start, end) or _is_product_word(doc, start, end):
            continue
        if STAFF_FROM.search(doc.text, max(0, start - 50), start):
            continue  # "the night nurse Odessa from Bright Harbor": where the staff member works
        if OWN_ADDRESS_BEFORE.search(doc.text, max(0, start - 45), start):
            continue  # "Visit us in Pinecrest Landing", "we're now located in Eastgate": the organisation's own place
        if in_event_announcement(doc, start, end):
            continue  # "the regional sepsis collaborative is september 22-23 in Lake Sorrel": where the event is
        before = OUR_BEFORE.search(doc.text, max(0, start - 50), start)
        site = SITE_AFTER.match(doc.text, end)
        if before and site and (before.group(1).lower() == "our" or site.group(1).lower() in _STAFF_ONLY_SITES):
            continue  # "our Wystan Hill and Brennock offices", "our Millbrook team", "the Sable Ridge break room"
        if TITLE_BEFORE_PLACE.search(doc.text, max(0, start - 20), start) or TITLE_BEFORE_PLACE.match(
                doc.text[start:end].split(" ", 1)[0] + " "):
            continue  # "Officer Dale Reyes", "Deputy Hale": a person with a title, whatever the tagger took it for
        role = place_role(doc, start, end, people).role
        if role == "other":
            continue
        taken.append((start, end))
        yield start, end, "review" if role == "uncertain" or doc.patient_authorized else "block"


# One of the organisation's own sites, named before its kind: "our Westbrook Commons lab", "the Sable Ridge break room".
# ("the Riverside lab" may be where a patient was seen; "the Sable Ridge break room" is only ever the staff's.)
OUR_BEFORE = compile_pattern(r"\b((?i:our|the))\s+(?:[A-Z][\w'-]*\s+(?:(?i:and|&)\s+)?){0,4}$")
SITE_AFTER = compile_pattern(
    r"(?i)\s+(?:[\w'-]+\s+)?(offices?|clinics?|labs?|team|front\s+desk|break\s+room|locations?|sites?|campus|branch|pharmacy|"
    r"store|staff|crew|referrals?\s+desk|lobby|parking\s+lot)\b"
)
_STAFF_ONLY_SITES = frozenset({"team", "front desk", "break room", "staff", "crew", "referrals desk", "referral desk"})


TITLE_BEFORE_PLACE = compile_pattern(
    r"\b(?:Officer|Deputy|Sheriff|Trooper|Sergeant|Sgt|Captain|Capt|Chief|Dr|Doctor|Nurse|Pastor|Reverend|Rev|Judge|Mayor|"
    r"Senator|Sen|Rep|Councilman|Councilwoman|Coach|Mr|Mrs|Ms|Miss)\.?\s+$"
)


def _is_product_word(doc: Document, start: int, end: int) -> bool:
    words = {word.lower() for word in doc.text[start:end].split()}
    return words <= doc.config.product_tokens or words <= doc.config.spokespeople_tokens


STAFF_FROM = compile_pattern(
    r"(?i)\b(?:nurse|nurses|aide|aides|doctor|dr\.?|chaplain|therapist|team|staff|crew|paramedics?|medics?|volunteers?|"
    r"social\s+worker|coordinator)\s+(?:(?-i:[A-Z][\w'-]+)\s+){0,2}(?:from|at|of)\s+(?:the\s+)?$"
)


def facilities(doc: Document) -> Iterator[Finding]:
    """Flag hospital names in the sentences about a patient, and room or bed numbers in a post about one."""
    people = patient_name_spans(doc, sure_only=True)
    if not doc.has_patient_context and not people:
        # A room, bed or dialysis chair in a post that speaks of health is asked about ("Big Lou, 91, chair 4, Brackley").
        if health_count(doc.text):
            yield from _rooms(doc, (ROOM,))
        return
    spans = []
    for match in FACILITY.finditer(doc.text):
        start = match.start()
        first = match.group(0).split()[0]
        if first in _NOT_FACILITY_START:
            start += len(first) + 1
        spans.append((start, match.end()))
    spans += [match.span(1) for match in FACILITY_LOWER.finditer(doc.text)]
    for start, end in spans:
        if " " not in doc.text[start:end].strip():
            continue
        if is_organisation_name(doc, start, end) or _is_product_word(doc, start, end):
            continue
        if FACILITY_EVENT_AFTER.match(doc.text, end) or re.search(r"\b(?:Your|Our|My|How|Why|What)\b", doc.text[start:end]):
            continue  # "Community Health & Safety Fair", "How to Read Your Hospital Bill": an event or a headline
        if not (is_individual_sentence(doc, start) or _near_person(doc, start, people)):
            continue
        if STAFF_FROM.search(doc.text, max(0, start - 50), start):
            continue  # "the night nurse Odessa from Bright Harbor Hospice": where the staff member works
        yield doc.finding(
            "phi.facility", "phi", start, end, story_severity(doc),
            "Naming the facility where a patient was treated narrows down who they are.",
            "Remove the facility name or say 'a community hospital'.",
        )
    yield from _rooms(doc)


# Korean room and bed numbers: "512호", "203호에" (never a branch, a line or a unit number: "1호점", "3호선").
KOREAN_ROOM = compile_pattern(r"(\d{1,4}\s?호)(?![점선기차])")


def _rooms(doc: Document, patterns: tuple[re.Pattern[str], ...] = (ROOM, ROOM_LATER, UNIT, UNIT_AFTER, KOREAN_ROOM)) -> Iterator[Finding]:
    rooms = {m.span(1) for pattern in patterns for m in pattern.finditer(doc.text)}
    for start, end in sorted(rooms):
        if doc.in_hashtag(start):
            continue
        yield doc.finding(
            "phi.facility", "phi", start, end, story_severity(doc),
            "A room or bed number together with a patient identifies them.",
            "Remove the room or bed number.",
        )


# A patient's employer (Safe Harbor R, "any other unique identifying characteristic"): named after a work cue
# ("works nights on the line at Pemberton Poultry", "employed by Corbel") or by a business word ("Pruitt Lumber has a
# spot for her", "Corbel Steel Fab").
_ORG_NAME = r"((?:[A-Z][\w&'\u2019-]*)(?:[ \t]+(?:[A-Z][\w&'\u2019-]*|&|of)){0,3})"  # on one line
EMPLOYER_AFTER_CUE = compile_pattern(
    r"(?i:\b(?:works?|worked|working|employed|clocks?\s+in|hired|laid\s+off|fired|drives?|drove)\b(?:\s+[\w'\u2019-]+){0,5}?"
    r"\s+(?:at|for|by)\s+(?:the\s+)?"
    r"|\b(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:lineman|linemen|driver|worker|teacher|mechanic|welder|clerk|cashier|operator|electrician|"
    r"plumber|carpenter|rancher|miner|trucker|foreman|janitor|custodian|cook|laborer|machinist|employee|packer|picker|roofer)\s+"
    r"(?:for|at|with)\s+(?:the\s+)?"
    r"|\bon\s+the\s+(?:line|floor|job|clock|night\s+shift|day\s+shift)\s+at\s+(?:the\s+)?)" + _ORG_NAME
)
EMPLOYER_BY_NAME = compile_pattern(
    r"\b((?:[A-Z][\w'\u2019-]*\s+){1,3}(?:Poultry|Lumber|Steel|Foods?|Farms?|Freight|Logistics|Manufacturing|Construction|"
    r"Roofing|Fab|Fabrication|Mills?|Warehouse|Distribution|Packing|Trucking|Transport|Motors|Industries|Plastics|"
    r"Concrete|Excavating|Dairy|Meats|Processing|Grain|Machine|Tool|Auto|Supply|Inc\.?|LLC|Corp\.?))\b"
)
OWN_WORKPLACE_BEFORE = compile_pattern(r"(?i)\b(?:i|we|i've|we've|i'm|we're|our|my)\s+(?:[\w'-]+\s+)?$")
SPONSOR_WORDS = compile_pattern(r"(?i)\b(?:sponsor\w*|donat\w*|partner\w*|thanks?\s+to|grants?|underwrit\w*)\b")
_NOT_EMPLOYER = frozenset({"The", "A", "An", "Our", "My", "His", "Her", "Their", "This", "That", "Dr", "Dr.", "Mr", "Mrs", "Ms"})


def employers(doc: Document) -> Iterator[Finding]:
    """Flag the employer of the patient a sentence talks about (their workplace narrows down who they are)."""
    names = patient_name_spans(doc)
    if not doc.has_patient_context and not names and not health_count(doc.text):
        return
    # The author's own workplace is no patient's: "I work for Kestrel Pharmacy", "our Kettering Mills showroom".
    cued = {m.span(1) for m in EMPLOYER_AFTER_CUE.finditer(doc.text) if not _own_workplace(doc, m.start())}
    by_name = {m.span(1) for m in EMPLOYER_BY_NAME.finditer(doc.text) if not _own_workplace(doc, m.start())}
    taken: list[tuple[int, int]] = []
    for start, end in sorted(cued | by_name, key=lambda span: (span[0], -span[1])):
        if any(t_start <= start < t_end for t_start, t_end in taken):
            continue
        if doc.text[start:end].split()[0] in _NOT_EMPLOYER or doc.in_markup(start) or _is_product_word(doc, start, end):
            continue
        sentence_start, sentence_end = doc.sentence_at(start)
        if is_organisation_name(doc, start, end) and not EMPLOYER_AFTER_CUE.search(doc.text, sentence_start, end):
            continue  # a hospital or a clinic named without a work cue: the organisation, not a workplace
        if not (is_individual_sentence(doc, start) or _near_person(doc, start, names)):
            continue
        if STAFF_FROM.search(doc.text, max(0, start - 50), start):
            continue  # "the night nurse Odessa from Bright Harbor Hospice": where the staff member works
        if any(n_start < end and start < n_end for n_start, n_end in names) or SPONSOR_WORDS.search(doc.text, sentence_start, sentence_end):
            continue  # a name the name rules weigh; "thanks to Pruitt Lumber for sponsoring": a sponsor, no one's employer
        taken.append((start, end))
        yield doc.finding(
            "phi.employer", "phi", start, end, story_severity(doc),
            "A patient's employer, named with their health, narrows down who they are (HIPAA identifier R).",
            "Leave the employer out ('a local plant', 'a poultry processor').",
        )


def _own_workplace(doc: Document, position: int) -> bool:
    return bool(OWN_WORKPLACE_BEFORE.search(doc.text, max(0, position - 12), position))


def _near_person(doc: Document, position: int, people: list[tuple[int, int]]) -> bool:
    """Return whether a patient's name is in the sentence at the position, or the one before or after it."""
    index = doc.sentence_index(position)
    start = doc.sentences[max(index - 1, 0)][0] if doc.sentences else 0
    end = doc.sentences[min(index + 1, len(doc.sentences) - 1)][1] if doc.sentences else len(doc.text)
    return any(p_start < end and start < p_end for p_start, p_end in people)


def patient_links(doc: Document) -> Iterator[Finding]:
    """Flag fundraising and personal profile links and social handles that belong to a patient."""
    for start, end in doc.urls:
        url = doc.text[start:end]
        host = urlsplit(url if "://" in url else "https://" + url).netloc.lower().removeprefix("www.")
        # The service's own name as the first label counts too: "gofund.me", a regional "gofundme.co.uk", a mirror.
        # It is never the organisation's own site, even under its domain ("gofundme.example.com" is the service's page).
        fundraiser = any(host == h or host.endswith("." + h) for h in PATIENT_HOSTS) or host.split(".")[0] in _PATIENT_SERVICES
        if doc.is_own_domain(host) and not fundraiser:
            continue
        profile = any(host == h or host.endswith("." + h) for h in PROFILE_HOSTS) and doc.has_patient_context
        if fundraiser or profile:
            # A medical fundraiser or care journal in a post that speaks of health is a patient's.
            severity = "block" if fundraiser and health_count(doc.text) else contextual_severity(doc)
            yield doc.finding(
                "phi.url", "phi", start, end, severity,
                "A patient's fundraiser, journal or personal profile link identifies them (HIPAA identifier N).",
                "Remove the link.",
            )
    for match in HANDLE.finditer(doc.text):
        if _is_own_handle(doc, match.group(1)) or ACCOUNT_TO_TAG_BEFORE.search(doc.text, max(0, match.start() - 25), match.start()):
            continue  # "post a pic and tag @AlderRidgeTx", "find us on @CountyHealth": an account for everyone to use
        if match.start() <= 2 and not SECOND_PERSON_WORD.search(doc.text) and THIRD_PERSON_WORD.search(doc.text):
            severity: Severity | None = "review"  # "@jaybird yes she still calls me by my dad's name": a friend answered
        else:
            # The handle a reply opens with is the person it answers: when the reply confirms no care and names no patient,
            # their care decides ("@dani If you think someone looked at your records, call the Privacy Office").
            opening = (match.start() <= 2 and is_reply(doc) and not confirmed_care(doc) and not patient_name_spans(doc)
                       and bool(REFUSING_REPLY.search(doc.text) or CONDITIONAL.search(doc.text)))
            severity = story_severity(doc) if doc.has_patient_context and not opening else _handle_severity(doc, match.start(), match.end())
            if opening and severity == "block":
                severity = "review"  # a refusing or conditional reply: the person answered may not be ours at all
        if severity is None:
            continue
        yield doc.finding(
            "phi.handle", "phi", match.start(), match.end(), severity,
            "A social handle in a post about a patient identifies the patient (HIPAA identifier R).",
            "Remove the handle; tag the person only with written authorization.",
        )


def _handle_severity(doc: Document, start: int, end: int) -> Severity | None:
    """Return block for the handle of a person the post talks to about their care, review when it may be one."""
    addressed = start <= 2 or bool(re.search(r"(?i)\b(?:hi|hey|hello|thanks|thank\s+you|congrats|sorry)\s*,?\s*$",
                                             doc.text[max(0, start - 20) : start]))  # fmt: skip
    # "Congrats on the clean colonoscopy, @bill!": the handle closes the greeting it is addressed by.
    addressed = addressed or bool(re.search(r",\s*$", doc.text[max(0, start - 3) : start])
                                  and re.match(r"\s*(?:[!.?]|$)", doc.text[end : end + 2]))
    if addressed and confirmed_care(doc):
        return "block"
    # A reply that talks to the person about care but confirms none (a refusal, advice for anyone, a condition):
    # "@mothof3_ohio I can't tell what's going on from a comment … fever past 3 days = get seen today"
    if addressed and (reply_care_sentences(doc) or second_person_care(doc.text)):
        return "review"  # good wishes about their health confirm no care
    role = person_role(doc, start, end).role
    return {"patient": "block", "uncertain": "review"}.get(role)


SECOND_PERSON_WORD = compile_pattern(r"(?i)\b(?:you|your|yours|you're|u|ur|yall|y'all)\b")
THIRD_PERSON_WORD = compile_pattern(r"(?i)\b(?:she|he|her|him|his|hers|mom|dad|nana|grandma|grandpa|my\s+\w+'s)\b")


ACCOUNT_TO_TAG_BEFORE = compile_pattern(
    r"(?i)\b(?:tag|dm|message|mention)\s+(?:at\s+|on\s+)?$|\bfind\s+us\s+(?:at|on)\s+$"
)


def _is_own_handle(doc: Document, handle: str) -> bool:
    compact = handle.lower()
    if any(compact == own.lower().lstrip("@") for own in doc.config.own_handles):
        return True
    return any(
        "".join(name.lower().split()) in compact for product in doc.config.products for name in product.all_names
    )


def patient_media(doc: Document) -> Iterator[Finding]:
    """Flag patient photos, scans and biometrics referred to in the text without a release on file."""
    severity = "review" if doc.context.media_release_on_file or doc.patient_authorized else "block"
    matches = list(PATIENT_MEDIA.finditer(doc.text))
    matches += [m for m in PATIENT_PHOTO_NOUN.finditer(doc.text) if not MEDIA_REFUSED.search(doc.text, *doc.sentence_at(m.start()))]
    if doc.has_patient_context or health_count(doc.text):
        # "pic of him asleep in it", "clip of Gosia doing her first walk since her relapse": a picture of the person a
        # post about health is about (a named person only when not staff: "pic of Marcus, our EP, at the walk").
        for match in PERSON_MEDIA.finditer(doc.text):
            pronoun = match.group(1).lower() in ("him", "her", "them")
            lower_name = match.group(1).islower() and not pronoun
            if lower_name and fold(match.group(1)) not in name_gazetteers()[0]:
                continue  # "pics of lunch", "video of recess": a lower-case word is a name only when it is a given name
            role = person_role(doc, *match.span(1)).role
            # a lower-case given name is seldom staff written formally: only a name the roles give to staff is let go
            if pronoun or role == "patient" or (lower_name and role != "other"):
                matches.append(match)
    for match in matches:
        yield doc.finding(
            "phi.photo", "phi", match.start(), match.end(), severity,
            "Patient photos, videos and scans are identifiers (Q) and need written authorization.",
            "Attach the patient's authorization or a model release, or use images of non-patients.",
        )
    if doc.context.alt_texts and doc.has_patient_context and severity == "block":
        yield Finding(
            "phi.photo", "phi", 0, 0, "review",
            "Images are attached to a post about a patient; a full-face photo or scan is an identifier (Q).",
            "Confirm the images show no patient, or attach the patient's authorization or model release.",
        )
    if doc.has_patient_context:
        for match in BIOMETRIC.finditer(doc.text):
            yield doc.finding(
                "phi.biometric", "phi", match.start(), match.end(), "review",
                "Biometric identifiers (voice and finger prints, retinal scans) of a patient are PHI (P).",
                "Remove the biometric reference or confirm it is not tied to a patient.",
            )


def confirmed_care(doc: Document) -> list[tuple[int, int]]:
    """Return the phrases of a reply (or any post) that confirm someone is or was our patient."""
    cached = doc.memo.get("confirmed_care")
    if cached is not None:
        return cached  # type: ignore[return-value]
    spans = [m.span() for m in TREATMENT_ALWAYS.finditer(doc.text)]
    if is_reply(doc):
        spans += [m.span() for m in TREATMENT_IN_REPLY.finditer(doc.text)]
        # "your CarrierCheck rerun", "your mom's Somnara mask": the person's own medical product, ours to have sold or run.
        for mention in doc.mentions:
            owner = YOUR_BEFORE.search(doc.text, max(0, mention.start - 30), mention.start)
            if owner and mention.product.regulatory_status not in ("general_wellness_app", "not_a_device") and not (
                    NOT_CARE_AFTER_PRODUCT.match(doc.text, mention.end)):
                spans.append((owner.start(), mention.end))
    covered = list(spans)
    refuses_identity = bool(NO_CONFIRMING_WHO.search(doc.text))
    sentences = set()
    for start, end in reply_care_sentences(doc):
        if not refuses_identity and not any(c_start < end and start < c_end for c_start, c_end in covered):
            spans.append((start, end))
            sentences.add((start, end))
    # "We don't have your records here", "we can't discuss your visit" confirm nothing.
    # "If you think someone looked at your records…", "Si tiene un efecto secundario…": a case, not this person's care.
    found = [(start, end) for start, end in spans if not REPLY_REFUSAL.search(doc.text, doc.sentence_at(start)[0], start)
             and not CONDITIONAL_OPEN.search(doc.text, doc.sentence_at(start)[0], start) and not CONDITIONAL.match(doc.text, start)
             and not GENERAL_ADVICE.search(doc.text, 0, start)
             and not REFUSING_REPLY.search(doc.text, *doc.sentence_at(start))
             and not REFERRAL_BEFORE.search(doc.text, max(0, start - 25), start)
             and not OWN_POST_WARNING.search(doc.text, *doc.sentence_at(start))]
    if found and refuses_anyones_care(doc):
        # "We're sorry your visit didn't meet expectations. … We don't discuss anyone's care here.": a reply that refuses to
        # discuss care confirms nothing with a bare "your visit"; a date, a number or more said about the care still does.
        # A whole sentence read as care says more only with a number that is not a contact ("ED front desk is (608)
        # 555-0100, they'll help once they verify you" refers the person on).
        found = [(start, end) for start, end in found if _said_more(doc.text[start:end]) and not (
            (start, end) in sentences and not any(char.isdigit() for char in CONTACT.sub(" ", doc.text[start:end])))]
    doc.memo["confirmed_care"] = found
    return found


def treatment_relationship(doc: Document) -> Iterator[Finding]:
    """Flag replies and posts that confirm someone is or was our patient."""
    for start, end in confirmed_care(doc):
        yield doc.finding(
            "phi.treatment_relationship", "phi", start, end, "block",
            "Confirming that a person received care from us discloses PHI, even in a reply to their own review.",
            "Reply without confirming any care: 'We never comment on any individual's care in public; "
            "please contact our patient relations team.'",
        )


def quasi_identifiers(doc: Document) -> Iterator[Finding]:
    """Flag rare-case-in-a-small-place statements that identify a patient without any single identifier."""
    matches = [*QUASI_IDENTIFIER.finditer(doc.text)]
    if "(pop" in doc.lower:
        matches += [m for m in QUASI_SMALL_TOWN.finditer(doc.text) if health_count(m.group(0).replace("-", " "))]
    for match in matches:
        yield doc.finding(
            "phi.quasi_identifier", "phi", match.start(), match.end(), "block",
            "A rare condition together with a place identifies the patient (Safe Harbor 'actual knowledge').",
            "Remove the place or the rarity ('a rare genetic condition'), and any date.",
        )
