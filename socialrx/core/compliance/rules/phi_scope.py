"""Decide whether a date or facility name is about an individual patient or about an organisation.

Safe Harbor identifiers are those of an individual. In a post that mentions a patient somewhere, a hospital
named as a customer, a report's publication month or a conference date is still not PHI. These helpers
keep the date and facility rules to the sentences that talk about one person.
"""

from __future__ import annotations

import re

from socialrx.core.compliance.document import PATIENT_NOUN, Document
from socialrx.core.compliance.patterns import compile_pattern
from socialrx.core.compliance.roles import PUBLIC_INVITE

# Words that make a sentence about one person even when no cue word is in it ("he had surgery on 3/4").
INDIVIDUAL_WORDS = compile_pattern(
    r"(?i)\b(?:he|she|him|his|hers?|herself|himself)\b|\b(?:admitted|discharged|diagnosed|readmitted|presented|"
    r"surgery|born|died|passed\s+away|birthday|turned|appointment|follow-?up|delivered|transferred)\b"
)
# Markers that turn "a patient" into any patient: rates, shares, conditions and consent language.
GENERIC_MARKERS = compile_pattern(
    r"(?i)\d(?:[\d.,]*)\s*%|\bpercent\b|\bone\s+in\s+\w+\b|\bper\b|\bevery\b|\beach\b|\bany\b|\bwhen(?:ever)?\b|"
    r"\bif\b|\bconsent\b|\bwho\s+(?:meets?|met|has|have|had|needs?)\b|\bfor\s+whom\b"
)
GENERIC_DETERMINER = compile_pattern(r"(?i)\b(?:a|the|every|each|any)\s+$")
# Words that, continuing a capitalised name, make it an organisation or a document rather than a care site.
ORGANISATION_WORDS = compile_pattern(
    r"(?:Associations?|Group|Society|College|Foundation|Alliance|Network|Partners|Report|Journal|Review|Study|"
    r"Survey|Council|Board|Committee|Conference|Summit|Congress|Symposium|Forum|Week|Month|Awards?|Informatics|"
    r"Innovation|Ventures|Labs?|Quality|Improvement|Research|Press|News|Magazine|Podcast|Webinar|Collaborative|"
    r"Consortium|Coalition|Academy|Agency|Department\s+of|Systems?\s+Engineering|[Nn]ewsletters?|[Bb]logs?|[Ww]ebsite|[Cc]hannel|"
    r"[Aa]pp|[Aa]rticles?|[Gg]uides?|[Vv]ideos?|[Ss]tudies|[Rr]esearchers?)\b"
)
_NAME_CONTINUATION = compile_pattern(r"(?:'s)?(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w'&-]*)*")
# Cues before a name that make it the source of a figure or a partner organisation, not a care site.
SOURCE_BEFORE = compile_pattern(
    r"(?i)(?:\bsource\s*:|\baccording\s+to|\bby\s+the|\bsurvey\s+by|\bpublished\s+by|\bpartnered\s+with|"
    r"\bpartnership\s+with|\bsponsored\s+by|\bhosted\s+by|\bpresented\s+at|\bfunded\s+by)\s*$"
)
CITATION_INSIDE = compile_pattern(r"(?i)\bsource\s*:|\bet\s+al\b|\bdoi\b|\bPMID\b|\breport\b|\bjournal\b|\bpublished\b|"
                             r"\bsurvey\b|\bstudy\b|\bdata\s+on\s+file\b|\bpress\s+release\b")
# Sentences that announce an event or a period: their dates belong to the event, not to a patient.
EVENT_ANNOUNCEMENT = compile_pattern(
    r"(?i)\b(?:join\s+us|register|webinar|conference|summit|symposium|congress|keynote|booth|session|panel|forum|expo|"
    # Spanish: "Clínica de vacunas … martes 19 de agosto", "feria de salud", "jornada", "taller", "charla"
    r"cl[i\u00ed]nica\s+de\s+vacunas|feria|jornada|"
    # Korean: a health fair (박람회), an event (행사), a recruitment (모집), a seminar, a lecture, a clinic day.
    r"박람회|행사|모집|세미나|강의|설명회|클리닉|"
    r"(?:shot|flu|vaccine|vaccination|screening|sports\s+physicals?|immuni[sz]ation|booster|blood\s+pressure|bp)\s+(?:clinic|day|night|event|drive)s?|"
    r"\w+\s+safety\s+day|(?:[\w-]+\s+)?clinic\s+days?|"
    # "ACTIVE SHOOTER DRILL thurs 11/6", "Next Calm Response class: Oct 14, Room 2B", "Next camp: … 9th Feb", "eye camp report"
    r"(?:fire|active[\s-]shooter|shooter|disaster|duress|lockdown|evacuation|safety|mass[\s-]casualty|tornado|hazmat|decon|"
    r"code\s+(?:silver|gray|grey|pink|orange|black|red|blue))\s+drills?|moulage|mock\s+codes?|next\s+(?:[\w-]+\s+){0,3}(?:class|session|training|course|workshop|camp|clinic|screening)|"
    r"(?:health|eye|medical|screening|vaccination|dental|diabetes|netra)\s+camps?|camp\s+report|"
    r"workshop|meetup|livestream|podcast|episode|replay|recorded\s+live|live\s+(?:q&a|ama|event|session)|ama|town\s+hall|"
    # "the regional sepsis collaborative is september 22-23", "live on YouTube Wed Nov 5 at 5pm", "grand rounds 3/4"
    r"collaborative|grand\s+rounds|journal\s+club|retreat|luncheon|live\s+on\s+(?:youtube|instagram|linkedin|x|tiktok|zoom|facebook)|"
    r"fair|festival|gala|walk|run|5k|open\s+house|ribbon[\s-]cutting|published|study\s+period|enrol(?:l)?ment|enrolled|go-?live|"
    r"went\s+live|launch(?:ed|es)?|rolled\s+out|deployed|pilot|quarter|fiscal|poster|abstract|save\s+the\s+date|"
    r"presents?\s+(?:our|the|at|a|new)|presenting\s+(?:our|at|my)|case\s+series|RSNA|HIMSS|ASCO|SIIM|ViVE|HLTH|"
    # "our summer wellness series starts 6/14", "the class kicks off March 3"
    r"(?:series|class|classes|program|programme|season|course|group|clinic|drive|fair)\s+(?:starts|begins|kicks\s+off|opens|runs))\b"
)
STUDY_PERIOD = compile_pattern(r"(?i)\b(from|between|since|through|until|during)\b[^.!?;]{0,40}$")
# "from 3/1 to 4/30", "between May 2 and June 9": the other end of a period right after the date.
PERIOD_END = compile_pattern(r"(?i)\s*(?:to|through|thru|until|till|and|&|[-\u2013\u2014])\s*\S")
PERIOD_CLOSE = compile_pattern(r"(?i)(?:\b(?:to|through|thru|until|till|and)|[-\u2013\u2014&])\s*$")
# A thread counter such as "3/8" alone at the very start or end of a post.
THREAD_COUNTER = compile_pattern(r"(?:^|[.!?:)\]\n]\s*|\n\s*)(\d{1,2})\s*/\s*(\d{1,2})\s*$|^\s*(\d{1,2})\s*/\s*(\d{1,2})(?=\s*\n|\s+[A-Z])")


def is_individual_sentence(doc: Document, position: int) -> bool:
    """Return whether the sentence at the position talks about one patient."""
    start, end = doc.sentence_at(position)
    cues = [(c_start, c_end) for c_start, c_end in doc.patient_cues if c_start < end and start < c_end]
    if any(not _is_generic_cue(doc, c_start, c_end, start, end) for c_start, c_end in cues):
        return True
    return bool(INDIVIDUAL_WORDS.search(doc.text, start, end))


def _is_generic_cue(doc: Document, cue_start: int, cue_end: int, start: int, end: int) -> bool:
    if not PATIENT_NOUN.fullmatch(doc.text, cue_start, cue_end):
        return False
    if not GENERIC_DETERMINER.search(doc.text, max(start, cue_start - 12), cue_start):
        return False
    return bool(GENERIC_MARKERS.search(doc.text, start, end))


def is_thread_counter(doc: Document, start: int, end: int) -> bool:
    """Return whether an 'n/m' span is a thread position marker at the start or end of the post."""
    counters = doc.memo.get("thread_counters")
    if counters is None:  # read once per post: every date and number asks
        counters = {}
        for match in THREAD_COUNTER.finditer(doc.text):
            first = 1 if match.group(1) else 3
            counters.setdefault((match.start(first), match.end(first + 1)), int(match.group(first)) <= int(match.group(first + 1)))
        doc.memo["thread_counters"] = counters
    return counters.get((start, end), False)  # type: ignore[union-attr]


def is_event_or_period_date(doc: Document, start: int, end: int | None = None) -> bool:
    """Return whether a date belongs to an event announcement, a study period, a citation or a press dateline."""
    if in_citation(doc, start) or in_dateline(doc, start):
        return True
    if end is not None and NOT_A_DAY_AFTER.match(doc.text, end):
        return True  # "a home visit on the 14th floor", "her 9th grade teacher": an ordinal, but no day
    sentence_start, sentence_end = doc.sentence_at(start)
    period = STUDY_PERIOD.search(doc.text, max(sentence_start, start - 45), start)
    if period:
        # "pt from Kittery Point, STEMI on 9/17" is no period; "from 3/1 to 4/30" and "between ... and ..." are.
        word = period.group(1).lower()
        ranged = (word not in ("from", "between") or end is None or bool(PERIOD_END.match(doc.text, end))
                  or bool(PERIOD_CLOSE.search(doc.text, max(sentence_start, start - 12), start)))
        if ranged and not INDIVIDUAL_WORDS.search(doc.text, sentence_start, sentence_end):
            return True
    if end is not None and TIME_RANGE_AFTER.match(doc.text, end) and not PERSON_PRONOUN.search(doc.text, sentence_start, sentence_end):
        # "tues 7/22, 5-8pm", "our next weight-loss surgery seminar is Thursday, Feb. 5, 6–7:30 pm": opening hours of
        # something, not anyone's date (unless the sentence speaks of him or her)
        return True
    if EVENT_ANNOUNCEMENT.search(doc.text, sentence_start, sentence_end):
        return not INDIVIDUAL_WORDS.search(doc.text, sentence_start, sentence_end)
    if ORGANISATION_BORN.search(doc.text, max(sentence_start, start - 50), start):
        return True  # "Our company was born on March 3": the organisation's birthday, nobody's birth date
    if EMPLOYMENT_BEFORE.search(doc.text, max(sentence_start, start - 70), start):
        return True  # "He started here as a CNA on August 4, 2009", "Lupe Serrano retires on June 30": a career with us
    return end is not None and public_event_time(doc, start, end)


# A date in a career: "started here as a CNA on August 4, 2009", "retires on June 30", "her last shift is Friday" ("started
# with us April 2nd" may be a client's first visit).
EMPLOYMENT_BEFORE = compile_pattern(
    r"(?i)\b(?:(?:started|began)\s+(?:here|working|work|at\s+(?:our|the)\s+[^.!?]{0,30}?|as\s+an?\s+[\w-]+(?:\s+[\w-]+)?)"
    r"(?:\s+[^.!?]{0,25}?)?|retires?|retiring|retired|was\s+hired|got\s+hired|joined\s+(?:us|our\s+\w+|the\s+team))\s+(?:on|in)\s*$"
    r"|\b(?:his|her|their)\s+last\s+(?:day|shift)\s+(?:here\s+)?(?:is|was|will\s+be)\s*(?:on\s+)?$"
)
PERSON_PRONOUN = compile_pattern(r"(?i)\b(?:he|she|him|his|her|hers|herself|himself)\b")
# What an ordinal counts when it is no day of a month: a floor, a grade, a street, a percentile.
NOT_A_DAY_AFTER = compile_pattern(
    r"(?i)\s*(?:floor|fl\.|grade|graders?|street|st\.|avenue|ave\.?|percentile|place|row|ward|precinct|district|inning|round|"
    r"anniversary|edition)\b"
)
# A time range right after a date: "7/22, 5-8pm", "Sat 4th October, 8.30–12.30", "April 19 from 10 to 2".
TIME_RANGE_AFTER = compile_pattern(
    r"(?i),?\s*(?:from\s+|between\s+)?\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a|p)?\s*(?:[\u2013\u2014-]|to|and)\s*\d{1,2}(?:[:.]\d\d)?"
    r"\s*(?:am|pm|a|p)?\b(?!\s*(?:yrs?|years?|weeks?|days?|months?|lbs?|kg|%))"
)


ORGANISATION_BORN = compile_pattern(
    r"(?i)\b(?:our|the|this|my)\s+(?:[\w-]+\s+)?(?:company|startup|start-up|practice|clinic|business|firm|agency|foundation|"
    r"podcast|brand|idea|program|programme|team|lab|organi[sz]ation|nonprofit|pharmacy|shop|store)\s+(?:was\s+)?"
    r"(?:born|founded|started|launched|opened|incorporated)\s+(?:on|in)?\s*(?:\w+\s+){0,2}$"
    # "the clinic will close on May 30", "our Birch St office reopens Monday, June 2": a site's own date
    r"|\b(?:clinic|office|hospital|pharmacy|center|centre|site|location|practice|branch|lab|campus|entrance|unit|lobby|care)s?\s+"
    r"(?:will\s+(?:be\s+)?|is\s+|are\s+)?(?:clos\w*|open\w*|reopen\w*|mov\w*|relocat\w*)\s+(?:on\s+|until\s+|through\s+)?(?:\w+,?\s+){0,2}$"
)


PLACE_EVENT = compile_pattern(
    r"(?i)\b(?:conference|summit|symposium|collaborative|webinar|workshop|meetup|expo|forum|congress|retreat|luncheon|fair|"
    r"festival|gala|town\s+hall|open\s+house|(?:shot|flu|vaccine|vaccination|screening|bp|blood\s+pressure)\s+(?:clinic|day|night|"
    r"event|drive)s?)\b"
)
NOT_EVENT_PLACE = compile_pattern(r"(?i)\b(?:lives?|lived|living|home|house|moved|grew\s+up|from|native|hometown)\b")
# An invitation to hear a speaker or join an event, right before its date or place: "hear her on", "hear her on March 3
# at", "join us in".
HEAR_OR_JOIN = compile_pattern(
    r"(?i)\b(?:hear|join)\s+(?:her|him|them|us|me)(?:\s+(?:speak|talk|present|live))?(?:\s+on\s*$|"
    r"(?:\s+on\s+[^.;!?\n]{1,25}?)?\s+(?:at|in)\s*$)"
)


def in_event_announcement(doc: Document, start: int, end: int) -> bool:
    """Return whether a place lies in a sentence announcing an event about no one in particular ("the regional sepsis
    collaborative is september 22-23 in Lake Sorrel"), the event's name not being the place itself, or right after an
    invitation to hear a speaker or join an event ("hear her on March 3 at Lakeside General")."""
    sentence_start, sentence_end = doc.sentence_at(start)
    if invited_to_hear(doc, start):
        return True  # "hear her on March 3 at Lakeside General": where the speaker speaks
    sentence = doc.text[sentence_start:start] + " " + doc.text[end:sentence_end]
    # "Thursday, May 7, 6–8pm at The Linden Room in Harlan Mills", "tours at Cedar Ford are every other Tues": where
    # something open to all happens, at its hours
    if INDIVIDUAL_WORDS.search(sentence) or NOT_EVENT_PLACE.search(sentence):
        return False
    return bool(PLACE_EVENT.search(sentence)) or bool(SCHEDULE.search(sentence) and not SOMEONES.search(sentence)
                                                     and not is_individual_sentence(doc, start))


# Someone's own habits, not a schedule open to all: "mom's halo drops GPS every night 1-3am", "Clem, 91, walks 18 every Friday".
SOMEONES = compile_pattern(
    r"(?i)\b(?:my|mom|mum|mom's|mum's|dad|dad's|grandma|grandpa|nana|papa|wife|husband|son|daughter)\b|(?-i:[A-Z][a-z]+),\s*\d{2,3}\b"
)


_WEEKDAY = r"(?:mon|tues?|wed|weds|thu|thurs?|fri|sat|sun)(?:day|nesday|urday|sday)?s?"
# Opening hours and a recurring schedule: "6–8pm", "9am to noon", "every other Tues", "mon–fri".
SCHEDULE = compile_pattern(
    r"(?i)\b\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a|p)?\s*[\u2013\u2014-]\s*\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)\b"
    r"|\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\s*(?:[\u2013\u2014-]|to)\s*(?:\d{1,2}(?::\d\d)?\s*(?:am|pm)?|noon)\b"
    rf"|\bevery\s+(?:other\s+)?{_WEEKDAY}\b|\b{_WEEKDAY}\s*[\u2013\u2014-]\s*{_WEEKDAY}\b"
)


def invited_to_hear(doc: Document, start: int) -> bool:
    """Return whether a date or place follows an invitation to hear a speaker or join an event ("hear her on March 3 at
    Lakeside General"): the event's, not a patient's."""
    return bool(HEAR_OR_JOIN.search(doc.text, max(doc.sentence_at(start)[0], start - 70), start))


def public_event_time(doc: Document, start: int, end: int) -> bool:
    """Return whether a date is an event's: in a post inviting the public, in a sentence about no one in particular.

    "Walk-ins Sat 9-12", "Come find us at the IBD Walk on Saturday, Sept 13": the date of the clinic or the walk.
    """
    sentence_start, sentence_end = doc.sentence_at(start)
    return bool(PUBLIC_INVITE.search(doc.text)) and not INDIVIDUAL_WORDS.search(doc.text, sentence_start, sentence_end)


# A press release's dateline at the start of a line: "— DURHAM, N.C., Jan. 13, 2026 —", "BOSTON, March 3, 2026 /PRNewswire/ --".
DATELINE = compile_pattern(
    r"(?m)^[ \t]*[\u2014\u2013-]*[ \t]*[A-Z][A-Z .'-]{2,40}(?:,[ \t]*[A-Z][A-Za-z.]{1,14}(?:[ \t][A-Z][A-Za-z.]{1,14})?)?,[ \t]*"
    r"[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?[ \t]*(?:/[^/\n]{1,40}/[ \t]*)?(?:[\u2014\u2013]|--?)"
)


def in_dateline(doc: Document, position: int) -> bool:
    """Return whether the position lies in a press release's dateline (the organisation's city and release date)."""
    line_start = doc.text.rfind("\n", 0, position) + 1
    match = DATELINE.match(doc.text, line_start)
    return bool(match) and position < match.end()


# A reference written out of brackets: "Hartwell-Nakamura et al., Pain Med 2023;24:903-917", "Lean et al. Lancet 2018".
REFERENCE = compile_pattern(
    r"[A-Z][\w'\u2019-]+(?:\s+(?:and|&)\s+[A-Z][\w'\u2019-]+)?\s+et\s+al\.?,?\s+[^\n]{0,80}?\b(?:19|20)\d{2}\b"
    r"(?:\s*;\s*\d+(?:\(\d+\))?\s*:\s*[\w\u2013-]+)?"
)


def in_citation(doc: Document, position: int) -> bool:
    """Return whether the position lies inside a parenthesised source or citation, or a reference written out."""
    references = doc.memo.get("references")
    if references is None:
        references = doc.memo["references"] = tuple(m.span() for m in REFERENCE.finditer(doc.text)) if "et al" in doc.text else ()
    if any(start <= position < end for start, end in references):  # type: ignore[attr-defined]
        return True
    opening = doc.text.rfind("(", max(0, position - 200), position)
    if opening < 0 or ")" in doc.text[opening:position]:
        return False
    closing = doc.text.find(")", position)
    inside = doc.text[opening : closing if closing >= 0 else len(doc.text)]
    return bool(CITATION_INSIDE.search(inside))


def is_organisation_name(doc: Document, start: int, end: int) -> bool:
    """Return whether a facility-like name is an organisation, a document or a cited source."""
    if doc.in_hashtag(start) or in_citation(doc, start):
        return True
    continuation = _NAME_CONTINUATION.match(doc.text, end)
    tail = doc.text[end : continuation.end()] if continuation else ""
    if ORGANISATION_WORDS.search(doc.text[start:end] + tail):
        return True
    if re.match(r"(?i)(?:['\u2019]s)?\s+(?:newsletter|blog|website|site|app|channel|podcast|video|article|study|guide|magazine|"
                r"report|webinar|study|researchers?|experts?|foundation)\b", doc.text[end : end + 30]):
        return True  # "the Mayo Clinic newsletter": a publication, not a place of care
    if tail.startswith("'s") and re.match(r"'s\s+(?:\d{4}\s+)?(?:evaluation|study|report|data|survey|analysis|team)",
                                          doc.text[end : end + 40]):
        return True
    return bool(SOURCE_BEFORE.search(doc.text, max(0, start - 25), start))
