"""PHI rule from the learned reader (`phi_model`): spans writers label as a patient's name, place, date or age.

A span the model is fairly sure of asks for review. Two different kinds of identifier it is sure of in one post that
speaks of health (a name and a date, a place and an age) are the combination Safe Harbor is about, and block; a sure
span also joins the rules' weak identifiers into such a combination (`engine`); a name, date or age it is very sure of
blocks on its own, unless the rules give that name to someone else. The rules' own evidence that a span is
someone else's wins: staff and clinicians, events' dates, the organisation's places, links, hashtags, spokespeople and
product names are never read as a patient's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialrx.core.compliance.document import Document
from socialrx.core.compliance.findings import Finding, Severity
from socialrx.core.compliance.phi_model import PatientSpan, faint_spans, patient_spans
from socialrx.core.compliance.roles import CLINICIAN_AFTER as CREDENTIAL_AFTER
from socialrx.core.compliance.roles import (
    EPONYM_AFTER,
    health_count,
    staff_cue_around,
    staff_word_count,
    tagged_people,
    workplace_birthday,
)
from socialrx.core.compliance.rules.phi import _MONTH, AGE_GATE, OWN_ADDRESS_BEFORE
from socialrx.core.compliance.rules.phi_names import (
    SIGNATURE_BEFORE,
    WROTE_IN_PAST,
    patient_name_spans,
    placeholder_name,
    staff_anywhere,
    staff_roll_call,
)
from socialrx.core.compliance.rules.phi_scope import (
    in_citation,
    in_event_announcement,
    invited_to_hear,
    is_event_or_period_date,
    is_organisation_name,
    is_thread_counter,
)
from socialrx.core.compliance.tokens import countries_only, fold, name_gazetteers

# Thresholds on the model's confidence, chosen on writer folds of the train split (scripts/train_phi_tagger.py --cv).
# Review from 0.4 since the post-level reader (post_reader) weighs each post at review: on held-out writers, with that
# reader, PHI span recall 0.835 -> 0.845, block recall 0.884 -> 0.886, clean posts blocked 0.041 -> 0.042 and clean posts
# sent to review +0.9 points, against 0.6 (scripts/train_post_reader.py --cv).
REVIEW_AT = 0.4
BLOCK_AT = 0.8
# A single name, date or age the model is this sure of, in a post that speaks of health, blocks on its own (writer folds:
# block recall 0.855 -> 0.868 for clean posts blocked 0.037 -> 0.043; see scripts/train_phi_tagger.py).
SINGLE_BLOCK_AT = 0.9
# Words the reader's best reading leaves out but gives at least this probability of being a patient's identifier are
# shown to the reviewer of a post that goes to review or is blocked anyway (``faint_identifiers``). On held-out writers
# of the train split (11,684 posts; fold readers, post reader off) they cover 258 of the 9,915 PHI spans that nothing else
# found (PHI span recall 0.840 -> 0.866); 299 of their 812 findings lie on a patient's identifier; no verdict changes.
FAINT_AT = 0.1
FAINT_RULE = "phi.learned_faint"
_DATE_SHAPE = re.compile(
    rf"\b{_MONTH}\b|(?i:\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\b)|\d{{1,2}}\s*[/.-]\s*\d{{1,2}}"
    r"|\d(?:st|nd|rd|th)\b|(?i:\b(?:first|second|third|fourth|fifth|\w+teenth|twentieth|thirtieth)\b)|'\d\d\b"
    r"|(?i:\beve\b|christmas|thanksgiving|easter|new\s+year|hanukkah|diwali|eid|ramadan)"
)
_LETTERS = re.compile(r"[^\W\d_][^\W_]*")
_WHAT = {"NAME": "name", "PLACE": "place", "DATE": "date", "AGE": "age over 89"}
_FIX = {
    "NAME": "Remove the name or describe the person generically ('a patient in her 60s'), or file a HIPAA authorization.",
    "PLACE": "Name the state or region only, or drop the place.",
    "DATE": "Keep only the year, or drop the date ('recently').",
    "AGE": "Say '90 or older' instead of the exact age.",
}


def learned_identifiers(doc: Document) -> Iterator[Finding]:
    """Flag the spans the learned reader takes for a patient's or relative's identifier.

    Identifiers in a post without any health information never block, however many (they may still ask for review).
    """
    spans = [span for span in patient_spans(doc) if span.confidence >= REVIEW_AT and not _excluded(doc, span)]
    sure = {span.kind for span in spans if span.confidence >= BLOCK_AT}
    health = bool(health_count(doc.text)) and not doc.patient_authorized
    combined = len(sure) >= 2 and health
    for span in spans:
        # Only a span it is sure of may join an identifier the rules found into a combination (see the engine).
        rule = "phi.learned" if span.confidence >= BLOCK_AT else "phi.learned_possible"
        severity: Severity = "block" if (combined and span.confidence >= BLOCK_AT) or (
            health and span.confidence >= SINGLE_BLOCK_AT and _alone_blocks(doc, span)) else "review"
        yield doc.finding(
            rule, "phi", span.start, span.end, severity,
            f"Reads as a patient's or relative's {_WHAT[span.kind]} (learned from labelled posts; "
            f"confidence {span.confidence:.2f}). Identifiers like this one are HIPAA Safe Harbor identifiers.",
            _FIX[span.kind],
        )


def _alone_blocks(doc: Document, span: PatientSpan) -> bool:
    """Return whether a single sure span may block on its own: a name, date or age the rules do not give to someone else.

    A place alone never does (a hospital or a town is as often the organisation's as a patient's); nor does a name the
    role decision gives to staff, an event or an organisation ("Sarah from Radiology presented…"), or an eponym.
    """
    if span.kind == "PLACE":
        return False
    if span.kind == "NAME":
        if EPONYM_AFTER.match(doc.text[span.end : span.end + 30]):
            return False  # "Lou Gehrig's disease"
        return not any(person.start < span.end and span.start < person.end and person.decision.role == "other"
                       for person in tagged_people(doc))
    return True


def _excluded(doc: Document, span: PatientSpan) -> bool:
    """Return whether the span sits in a link or hashtag, names a spokesperson, product or member of staff, or is an
    event's date or the organisation's place."""
    if doc.in_markup(span.start) or in_citation(doc, span.start):
        return True  # a link, a hashtag, a source: "Hartwell-Nakamura et al., Pain Med 2023"
    words = {word.lower().strip(".,'") for word in doc.text[span.start : span.end].split()}
    if words and (words <= doc.config.spokespeople_tokens or words <= doc.config.product_tokens):
        return True
    text = doc.text
    sentence_start, sentence_end = doc.sentence_at(span.start)
    sentence = text[sentence_start:sentence_end]
    if staff_word_count(sentence) and not health_count(sentence):
        return True  # "She joins us from Tamarack on Oct. 3rd", "Great panel with Imelda Hart": staff and events
    if span.kind in ("NAME", "DATE", "AGE") and workplace_birthday(doc) and not patient_name_spans(doc):
        return True  # "ravi's birthday is 10/14 and he's working it": a colleague's birthday
    if span.kind == "NAME":
        # staff_cue_around covers titles before the name ("Dr.", "Prof."); credentials after it are phi_names' list.
        return (placeholder_name(text[span.start : span.end]) or staff_cue_around(doc, span.start, span.end) or bool(CREDENTIAL_AFTER.match(text[span.end : span.end + 14]))
                or bool(WROTE_IN_PAST.match(text, span.end)) or staff_anywhere(doc, text[span.start : span.end])
                or _signs_off(text, span) or staff_roll_call(doc, span.start, span.end))
    if span.kind == "DATE":
        return (is_thread_counter(doc, span.start, span.end) or is_event_or_period_date(doc, span.start, span.end)
                or invited_to_hear(doc, span.start))
    if span.kind == "PLACE":
        return bool(OWN_ADDRESS_BEFORE.search(text, max(0, span.start - 45), span.start)) or is_organisation_name(
            doc, span.start, span.end) or in_event_announcement(doc, span.start, span.end)
    return False


def _signs_off(text: str, span: PatientSpan) -> bool:
    """Return whether a name closes the post after a dash or caret ("… ran an hr behind –Bree"): the agent signing."""
    return bool(SIGNATURE_BEFORE.search(text, max(0, span.start - 6), span.start)) and not text[span.end :].strip(" .!\n")


def faint_identifiers(doc: Document) -> Iterator[Finding]:
    """Yield, at review, the words the learned reader's best reading leaves out but gives at least FAINT_AT probability of
    being a patient's or relative's identifier, when they have the shape of one (a listed name, a capitalised or listed
    place, a written date, an age over 89) and the rules give them to nobody else. The engine adds them only to a post a reviewer
    reads anyway (at review or blocked), never to one it passes: they point the reviewer at what else may identify the
    patient and never change a verdict."""
    for span in faint_spans(doc, FAINT_AT):
        if _shaped(doc.text[span.start : span.end], span.kind) and not _excluded(doc, span):
            yield doc.finding(
                FAINT_RULE, "phi", span.start, span.end, "review",
                f"May also be a patient's or relative's {_WHAT[span.kind]} (the learned reader is unsure: "
                f"{span.confidence:.2f}). Check it before this post goes out.",
                _FIX[span.kind],
            )


def _shaped(text: str, kind: str) -> bool:
    """Return whether a faint span looks like an identifier of its kind: a listed given name or surname, a capitalised or
    listed place, a written date, an age over 89 (not a company, a common word, an emoji or a bare number)."""
    if kind == "DATE":
        return bool(_DATE_SHAPE.search(text))
    if kind == "AGE":
        return bool(AGE_GATE.search(text))
    given, surnames, places = name_gazetteers()
    letters = _LETTERS.findall(text)
    words = [fold(word) for word in letters]
    if kind == "PLACE":
        return any(word[:1].isupper() for word in letters) or any(word in places for word in words)
    if countries_only(letters):
        return False  # "India's No.1": a country, though "India" is a given name too
    return any(word in given or word in surnames for word in words)
