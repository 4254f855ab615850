"""PHI rule for patient names: cue patterns, a first-name gazetteer, allow-lists and name propagation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from socialrx.core.compliance.document import PATIENT_NOUN_FOLLOWERS, Document
from socialrx.core.compliance.findings import Finding, Severity
from socialrx.core.compliance.lexicon import NOT_NAME_WORDS, first_names
from socialrx.core.compliance.patterns import compile_pattern
from socialrx.core.compliance.roles import (
    CARE_RECEIVED_AFTER,
    CLINICIAN_AFTER,
    EPONYM_AFTER,
    ORGANISATION_TAILS,
    STAFF_AFTER,
    health_count,
    staff_word_count,
    tagged_people,
)
from socialrx.core.compliance.roles import CLINICIAN_BEFORE as STAFF_BEFORE
from socialrx.core.compliance.rules.phi_scope import in_citation
from socialrx.core.compliance.tokens import COMMON_WORDS, fold, gazetteer, name_gazetteers

# Capital and small letters, accented Latin included ("Ibáñez", "Zoë", "Łukasz").
_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f"
_LOW = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f"
_TOKEN = rf"(?:[{_UP}]')?[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?(?![{_UP}{_LOW}\d])"  # never the start of "VitaBand"
_FULL = rf"{_TOKEN}(?:\s+[A-Z]\.)?(?:\s+{_TOKEN}){{0,2}}"
_HEALTH_VERBS = (
    r"lost|dropped|shed|beat|survived|recovered|underwent|diagnosed|admitted|discharged|walked|walking|"
    r"rang\s+the\s+bell|had\s+surgery|suffered|fought|battled|went\s+home|came\s+in|presented|coded|"
    r"passed\s+away|died|delivered|gave\s+birth|needed|received|started|finished|completed|tested\s+positive|"
    r"losing|dropping|beating|recovering|fighting|battling|healing|coded|crashed|collapsed|fell|broke|"
    r"took\s+(?:her|his|their)\s+first\s+steps|rang\s+the\s+bell|went\s+into|is\s+back|was\s+back"
)
_HEALTH_NOUNS = r"scan|surgery|tumou?r|diagnosis|recovery|stroke|biopsy|results|mri|ct|x-ray|treatment|journey|story|cancer|heart"
Kind = Literal["title", "patient", "health", "weak", "tagged", "tagged_unsure"]
CUE_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    # Elders' honorifics in Spanish, Portuguese and Haitian Creole are titles in any case: "do\u00f1a Chuy", "Seu Joaquim".
    ("title", compile_pattern(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Sr|Sra|Srta|Se\u00f1or|Se\u00f1ora|Se\u00f1orita|Senhor|Senhora|Sig|Signora|Mme|Mlle|Madame|"
                         rf"Monsieur|Herr|Frau|Papa|Manmi|Manman|(?i:don|do\u00f1a|dona|seu|madan|grann|tia|t\u00eda|t\u00edo|s\u00f2|fr\u00e8|tonton|matant))\.?\s+({_FULL})")),
    # A Chinese surname before an elder's kinship honorific: "陈婆婆", "黄伯", "刘公公" (not "公公婆婆", "老太太" or "医生").
    ("title", compile_pattern(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff](?<![老小大阿这那我你他她公婆伯叔姨奶爷太]))"
                         r"(?=(?:婆婆|伯伯|伯|公公|奶奶|爷爷|阿姨|叔叔|太太|阿婆|阿公|姨|婆|公))")),
    # A Korean name (or its initials) before an elder's or a congregant's honorific: "김순자 권사님", "수진씨", "황보 할아버지",
    # "ㄱㅅㅈ 권사님", "K.S.J. 권사님"; never "우리 할머니" (our grandmother) or a pastor (목사님, staff).
    ("title", compile_pattern(
        r"(?<![\uac00-\ud7a3\u3131-\u314e])((?!(?:우리|저희|제|내|친|외|시|옆집|동네|이웃|교회|그|이|저|새|모든|여러|울|한|두|세|어떤)"
        r"(?:\s|권|집|장|할|씨|어|여|성))[\uac00-\ud7a3]{2,4}|[\u3131-\u314e]{2,4}|(?:[A-Z]\.){2,3})\s?"
        r"(?=(?:권사|집사|장로|할머니|할아버지|여사|성도)(?:님)?|씨(?![\uac00-\ud7a3]{2}))")),
    # Arabic honorifics and kunyas: "الحاج محمود", "أم أحمد", "Hajja Nawal", "abu fadi", "teta Wadad".
    ("title", compile_pattern(r"(?:الحاج|الحاجة|الحجة|أم|أبو|ام|ابو|تيتا|ستي|خالتو|عمو)\s+([\u0621-\u064a]{2,}(?:\s[\u0621-\u064a]{2,})?)")),
    # Somali kinship honorifics and the family marker: "Abti Cumar", "Hooyo Xaawo", "Eedo Faadumo", "reer Guuleed".
    ("title", compile_pattern(r"\b(?:Hooyo|Aabo|Abti|Eedo|Adeer|Habo|Ayeeyo|Awoowe|Walaal|(?i:reer))\s+([A-Z][a-z'-]{2,}(?:\s[A-Z][a-z'-]{2,})?)\b")),
    # Written in Latin letters only with the honorific capitalised ("umm" is a filler, "teta" and "amo" are Spanish words).
    ("title", compile_pattern(r"\b(?:Hajja|Hajj|Haji|Umm|Abu|Teta|Sitt|(?i:hajja|haji))\s+([A-Z][a-z'-]{2,}(?:\s[A-Z][a-z'-]{2,})?)\b")),
    # Japanese honorifics after a name and kin words before one: "Arai-san", "Shizu-chan", "西村さん", "孫のカイルくん",
    # "Baachan Haruko Oshiro" (never "Kimura Sensei": a teacher, staff).
    ("title", compile_pattern(r"\b([A-Z][a-z'-]{1,}(?:\s[A-Z][a-z'-]{1,})?)-(?:san|chan|kun|sama)\b")),
    ("title", compile_pattern(r"(?<![\u30a0-\u30ff\u4e00-\u9fff])([\u30a0-\u30ff\u4e00-\u9fff]{1,5})(?=さん|ちゃん|くん|様)")),
    ("title", compile_pattern(r"\b(?:Obaachan|Baachan|Bachan|Obaasan|Ojiichan|Jiichan|Jichan|Ojiisan)\s+"
                         r"([A-Z][a-z'-]{2,}(?:\s[A-Z][a-z'-]{2,})?)\b")),
    # Punjabi and Hindi kin honorifics before a name ("Bibi ji Gurbachan Kaur", "Bapu ji Kartar Singh", "Beji Kamlesh")
    # and "aunty"/"uncle" after one ("Raji aunty", "Harjinder uncle").
    ("title", compile_pattern(r"\b(?:Bibi|Bapu|Beji|Bebe|Biji|Bhua|Massi|Chacha|Chachi|Taya|Tayi|Nani|Dadi)\s+(?:ji\s+)?"
                         r"([A-Z][a-z'-]{2,}(?:\s[A-Z][a-z'-]{2,}){0,2})\b")),
    ("title", compile_pattern(r"(?<![\w@#.])([A-Z][a-z'-]{2,})\s+(?:aunty|auntie|uncle)\b")),
    # A title with one initial: "Mr. T's chart", "mrs. L's device".
    ("title", compile_pattern(r"(?<![\w.])(?i:mr|mrs|ms|miss)\.?\s+([A-Z])(?=['\u2019]s\b)")),
    # Written all in lower case: "mr. bui", "se\u00f1ora n\u00fa\u00f1ez".
    ("title", compile_pattern(r"(?<![\w.])(?:mr|mrs|ms|sra|se\u00f1or|se\u00f1ora|senhora|mme)\.?\s+([^\W\d_]{2,}(?:[-'][^\W\d_]+)?)(?![\w@])")),
    # "pt Rosa", "Pt. Rosa", "patient Rosa"; never "PT Noor Haddad" (a physical therapist) or "our pt" (ours: staff).
    ("patient", compile_pattern(rf"\b(?:(?i:patient)|(?<!our\s)(?<!Our\s)(?:pt|Pt)\.?)[,:]?\s+(?:@\w+\s+\(\s*)?({_FULL})")),
    ("patient", compile_pattern(rf"\b({_FULL}),\s+(?i:(?:our|a|the|my|one\s+of\s+our)\s+(?:[\w-]+\s+){{0,3}}?patients?)\b")),
    # "two pts named laverack", "a resident called Bo": in any case.
    ("patient", compile_pattern(r"(?i:\b(?:pts?|patients?|residents?|clients?)\s+(?:named|called)\s+)([^\W\d_]{2,}(?:[-'][^\W\d_]+)?)(?![\w@])")),
    ("patient", compile_pattern(rf"(?i:\b(?:my|our|his|her)\s+(?:dad|mom|mum|father|mother|wife|husband|son|daughter|"
                           rf"brother|sister|grandma|grandpa|grandmother|grandfather|aunt|uncle|baby|child)),?\s+({_FULL})")),
    ("weak", compile_pattern(rf"(?i:\b(?:meet|introducing|say\s+hello\s+to|welcome\s+back|congrat(?:ulation)?s\s+to|"
                        rf"happy\s+(?:\d+\w*\s+)?birthday|get\s+well(?:\s+soon)?|thank\s+you|thanks|praying\s+for|"
                        rf"shout[\s-]*outs?\s+to|way\s+to\s+go|so\s+proud\s+of|rest\s+easy|rest\s+in\s+peace|rip|remember|"
                        rf"hugs\s+to|prayers\s+for|thinking\s+of|hi|hey|go|keep\s+going)),?\s+({_FULL})")),
    ("weak", compile_pattern(rf"\(({_TOKEN}\s+{_TOKEN})\)")),
    # A patient's papers named for them: "records for Winston Adeyemi-Clarke", "the discharge packet for Harriet Bell".
    ("patient", compile_pattern(rf"(?i:\b(?:medical\s+)?(?:records?|chart|discharge\s+(?:packet|papers|summary|instructions)|"
                           rf"test\s+results|lab\s+results|prescriptions?|refills?|mri|x-?rays?|scans?|biopsy)\s+(?:for|of)\s+)({_FULL})")),
)
HEALTH_SUBJECT = compile_pattern(
    rf"\b({_FULL})\s+(?:(?:was|has\s+been|had|got|is|has|just)\s+)?(?i:{_HEALTH_VERBS})\b"
    rf"|\b({_TOKEN})'s\s+(?i:{_HEALTH_NOUNS})\b"
)
# "Patient Advisory Council", "Patient Experience Week": an organisation or programme, not a named patient.
NOT_A_PERSON_AFTER_PATIENT = compile_pattern(rf"(?i)(?:{PATIENT_NOUN_FOLLOWERS})\b")
EPONYM_DISEASES = frozenset(
    "parkinson parkinsons alzheimer alzheimers crohn crohns hodgkin hodgkins huntington huntingtons graves addison addisons "
    "cushing cushings lyme tourette tourettes asperger aspergers raynaud raynauds sjogren sjogrens meniere menieres guillain "
    "barre gehrig gehrigs kawasaki wilson wilsons bell bells".split()
)
# Initials standing for a person ("W.T.", "G. M.", "j.d.'s wife"), and a family named by its surname ("the Hendersons",
# "the Brennan family"): names only in a post about a patient.
INITIALS = compile_pattern(r"(?<![\w.])([A-Za-z]\.\s?[A-Za-z]\.(?:\s?[A-Za-z]\.)?)(?![\w])")
_NOT_INITIALS = frozenset({"u.s.", "a.i.", "m.d.", "d.o.", "p.a.", "r.n.", "n.p.", "a.m.", "p.m.", "e.g.", "i.e.", "u.k.",
                           "d.c.", "l.a.", "n.y.", "b.c.", "a.d.", "ph.", "q.d.", "b.i.d.", "t.i.d.", "p.o.", "o.r.", "e.r.",
                           "i.v.", "v.s.", "d.o.b.", "s.o.b.",
                           # states written with full stops in datelines and addresses ("PRINCETON, N.J.")
                           "n.j.", "n.c.", "s.c.", "n.h.", "n.m.", "n.d.", "s.d.", "r.i.", "w.v.", "p.r.", "u.n."})
FAMILY_SURNAME = compile_pattern(r"\b[Tt]he\s+((?:[A-Z]')?[A-Z][a-z]+)(?:(s)\b|\s+(?:family|families|household|kids|twins|clan)\b)")
BIGRAM = compile_pattern(rf"\b({_TOKEN})\s+({_TOKEN})\b")
CLINICIAN_BEFORE = compile_pattern(r"(?:\b(?:Dr|Doctor|Prof|Professor|Nurse|NP|PA)\.?\s*)$")


@dataclass(frozen=True)
class NameHit:
    """A candidate patient name in the normalised text and how it was found."""

    start: int
    end: int
    kind: Kind


def patient_names(doc: Document) -> Iterator[Finding]:
    """Flag names of patients and relatives found through patient cues or the tagger, then their other mentions."""
    hits, authorized = patient_name_hits(doc)
    for hit in hits:
        yield _finding(doc, hit, authorized)


# A name spelled letter by letter, fingerspelled or spaced to slip past filters: "D-E-S-M-O-N-D", "h a z e l", "Z d e n k a".
SPELLED = compile_pattern(r"(?<![\w-])(?:[A-Za-z](?:-|\s)){2,}[A-Za-z](?![\w-])")


def spelled_names(doc: Document) -> Iterator[Finding]:
    """Flag names written one letter at a time, when the letters spell a given name or a surname.

    Read on the text as written: normalisation joins spaced letters ("h a z e l" reads "hazel"), and a name that was
    spelled out is one someone meant to hide.
    """
    if not SPELLED.search(doc.original):
        return
    first, last, _ = name_gazetteers()
    severity: Severity = "block" if doc.has_patient_context or health_count(doc.text) else "review"
    for match in SPELLED.finditer(doc.original):
        word = fold(re.sub(r"[\s-]", "", match.group(0)))
        if len(word) < 3 or word in COMMON_WORDS or not (word in first or word in last):
            continue
        yield Finding(  # offsets in the text as written, as every finding's are
            "phi.name", "phi", match.start(), match.end(), severity,
            "A name spelled out letter by letter is still a name (HIPAA identifier A).",
            "Remove the name, however it is written.",
        )


def patient_name_hits(doc: Document) -> tuple[tuple[NameHit, ...], bool]:
    """Return the patient names in the post (each mention once) and whether an authorization covers them."""
    cached = doc.memo.get("patient_names")
    if cached is None:
        cached = _name_hits(doc)
        doc.memo["patient_names"] = cached
    return cached  # type: ignore[return-value]


def patient_name_spans(doc: Document, *, sure_only: bool = False) -> list[tuple[int, int]]:
    """Return the spans of the patient names in the post (only the confident ones with ``sure_only``)."""
    return [(h.start, h.end) for h in patient_name_hits(doc)[0] if not (sure_only and h.kind == "tagged_unsure")]


def _name_hits(doc: Document) -> tuple[tuple[NameHit, ...], bool]:
    hits = _accepted(doc, _candidates(doc))
    authorized = _is_authorized(doc, hits)
    taken: list[tuple[int, int]] = []
    found: list[NameHit] = []
    for hit in sorted(hits, key=lambda h: h.start):
        if any(start < hit.end and hit.start < end for start, end in taken):
            continue
        taken.append((hit.start, hit.end))
        found.append(hit)
    for hit in _tagged(doc):
        if any(start < hit.end and hit.start < end for start, end in taken):
            continue
        taken.append((hit.start, hit.end))
        hits.append(hit)
        found.append(hit)
    listed = list(_coordinated(doc, found, taken))
    found += listed
    hits += listed
    found += _propagated(doc, hits, taken)
    for hit in _possessive_unknown(doc):
        if not any(start < hit.end and hit.start < end for start, end in taken):
            taken.append((hit.start, hit.end))
            found.append(hit)
    return tuple(found), authorized


# Names joined to a patient's name in a list ("Marge, Leon, Dot and Frank O.", "Ruth & Harold Simmons").
_LIST_JOIN = r"(?:\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&|y|e)\s+)"
_LIST_NAME = rf"({_TOKEN}(?:\s+[{_UP}]\.|\s+{_TOKEN})?)"
LIST_AFTER = compile_pattern(rf"{_LIST_JOIN}{_LIST_NAME}(?![\w'])")
LIST_BEFORE = compile_pattern(rf"{_LIST_NAME}{_LIST_JOIN}$")


def _coordinated(doc: Document, found: list[NameHit], taken: list[tuple[int, int]]) -> Iterator[NameHit]:
    """Yield the names listed together with a patient's name: people named in one breath share its role."""
    queue = [hit for hit in found if hit.kind != "tagged_unsure"]
    while queue:
        hit = queue.pop()
        candidates = []
        after = LIST_AFTER.match(doc.text, hit.end)
        if after:
            candidates.append(after.span(1))
        before = LIST_BEFORE.search(doc.text, max(0, hit.start - 40), hit.start)
        if before:
            candidates.append(before.span(1))
        for start, end in candidates:
            trimmed = _trim(doc.text, NameHit(start, end, hit.kind))
            if trimmed is None or any(t_start < trimmed.end and trimmed.start < t_end for t_start, t_end in taken):
                continue
            if _is_allowed(doc, trimmed) or doc.in_hashtag(trimmed.start):
                continue
            taken.append((trimmed.start, trimmed.end))
            queue.append(trimmed)
            yield trimmed


def _tagged(doc: Document) -> Iterator[NameHit]:
    """Yield the tagger's person names whose own context makes them a patient or relative (or possibly one)."""
    for person in tagged_people(doc):
        if person.decision.role == "other":
            continue
        kind: Kind = "tagged" if person.decision.role == "patient" else "tagged_unsure"
        trimmed = _trim(doc.text, NameHit(person.start, person.end, kind))
        if trimmed is not None and not _is_allowed(doc, trimmed):
            yield trimmed


def _possessive_unknown(doc: Document) -> Iterator[NameHit]:
    """Yield any capitalised word before "'s" and a personal health word ("Pree's IVIG moved", "Odalys's biopsy").

    A name the gazetteers may not know, so only asked about (review); never a disease's, a product's, a place's or an
    everyday word, and never a company's or a place's health word ("Pfizer's vaccine", "Mercy's clinic").
    """
    text = doc.text
    if "'" not in text and "\u2019" not in text:
        return
    health_words = gazetteer("health_words")
    for match in POSSESSIVE_UNKNOWN.finditer(text):
        word = fold(match.group(1))
        if word in EPONYM_DISEASES or word in health_words or word in COMMON_WORDS:
            continue
        if word in doc.config.product_tokens or word in name_gazetteers()[2] or doc.in_hashtag(match.start()):
            continue
        following = [w for w in match.group(2, 3) if w]
        if word in _KIN_WORDS or any(w[:1].isupper() and w[1:].islower() for w in following):
            continue  # "Dad's hearing aid" (the writer's own parent, not a name), "Foundation's Donor Briefing Breakfast"
        if ORGANISATION_NOUN_AFTER.match(text, match.end(1) + 2):
            continue  # "Epic's sepsis model", "Harborview's cardiac imaging team"
        if any(fold(w) in health_words and fold(w) not in _INSTITUTIONAL_HEALTH for w in following):
            hit = NameHit(*match.span(1), "tagged_unsure")
            if not _is_allowed(doc, hit):
                yield hit


def _candidates(doc: Document) -> list[NameHit]:
    text = doc.text
    hits = [NameHit(*m.span(1), kind) for kind, pattern in CUE_PATTERNS for m in pattern.finditer(text)]
    names = first_names()
    for match in HEALTH_SUBJECT.finditer(text):
        group = 1 if match.group(1) else 2
        if fold(match.group(group).split()[0]) in names:
            hits.append(NameHit(*match.span(group), "health"))
    for match in INITIALS.finditer(text):
        if match.group(1).lower().replace(" ", "") not in _NOT_INITIALS and not doc.in_hashtag(match.start()):
            hits.append(NameHit(*match.span(1), "weak"))
    surnames = gazetteer("surnames")
    for match in FAMILY_SURNAME.finditer(text):
        # A surname we know, or any capitalised word when the sentence speaks of health ("the Okonjo family ... flu").
        sentence_start, sentence_end = doc.sentence_at(match.start())
        ill = not match.group(2) and fold(match.group(1)) not in doc.config.product_tokens and health_count(
            text[sentence_start:sentence_end]) > 0
        if ill or fold(match.group(1)) in surnames:
            hits.append(NameHit(*match.span(1), "health" if ill else "weak"))
    for match in NAME_FROM_PLACE.finditer(text):
        # "Lula from Ocean Park took her first steps after the vent": one person, placed by their town.
        if fold(match.group(1)) in names and fold(match.group(1)) not in _WORD_NAMES:
            sentence_start, sentence_end = doc.sentence_at(match.start())
            sentence = text[sentence_start:sentence_end]
            if staff_word_count(sentence) or DEPARTMENT_AFTER.match(text, match.end()):
                continue  # "Sarah from Radiology presented", "Marco from the sales team"
            # Weak: only in a post about a patient ("Jenna from Millbrook ran the flu shot clinic" is a volunteer).
            hits.append(NameHit(*match.span(1), "weak"))
    if doc.has_patient_context:
        for match in BIGRAM.finditer(text):
            if fold(match.group(1)) in names:
                hits.append(NameHit(match.start(), match.end(), "weak"))
        # A known first name alone as the subject of a clause ("Rosie didn't know me", "Gerald slept", "Roz's ring").
        for match in NAME_SUBJECT.finditer(text):
            if fold(match.group(1)) in names and fold(match.group(1)) not in _WORD_NAMES:
                hits.append(NameHit(*match.span(1), "weak"))
    return hits


POSSESSIVE_UNKNOWN = compile_pattern(rf"(?<![\w@#.])([{_UP}][a-z\u00df-\u00ff]{{2,}})['\u2019]s\s+(?:([a-z][\w-]*)\s+)?([\w-]+)")
# The last word of an event's or a place's name: "Health & Safety Fair", "Quillan Bay Marina Park", "Starlight Gala".
PLACE_TAIL = compile_pattern(
    r"\s(?:Fair|Walk|Gala|Festival|Expo|Summit|Conference|Breakfast|Luncheon|Classic|Tournament|Awards?|Park|Bay|Lake|"
    r"Beach|Commons|Plaza|Square|Field|Fields|Hall|Center|Centre|Marina|Pier|Harbor|Harbour|Gardens?|Station|Library|"
    r"Stadium|Arena|Pavilion)$"
)
# A signature closing a post: "– Priya Sandoval", "–DW", "~ Nell".
SIGNATURE_BEFORE = compile_pattern(r"(?:^|\n|[.!?)\U0001F300-\U0001FAFF]\s*|\s)(?:[-\u2013\u2014~]{1,2}|\^)\s*$")
ORGANISATION_NOUN_AFTER = compile_pattern(
    r"(?i)\s+(?:[\w-]+\s+){0,2}(?:model|ai|app|tool|team|program|programme|study|trial|center|centre|unit|department|screen|platform|"
    r"service|services|line|initiative|foundation|fund|award|drive|campaign|week|month|day)\b"
)
ORGANISATION_OWN_AFTER = compile_pattern(
    r"(?i)['\u2019]s\s+(?:[\w-]+\s+)?(?:help\s*line|hotline|warm\s*line|crisis\s+line|foundation|fund|initiative|campaign|"
    r"website|podcast|newsletter)\b"
)
_KIN_WORDS = frozenset(
    "mom mum mama momma mommy dad daddy papa pops grandma grandpa granny gran nana nan grandad granddad abuela abuelo "
    "auntie aunt uncle baby hubby wifey sis bro".split()
)
# Health words a company or a place has too ("Pfizer's vaccine", "Mercy's clinic", "Epic's sepsis model").
_INSTITUTIONAL_HEALTH = frozenset(
    "vaccine vaccines clinic clinics hospital lab labs screening screenings patient patients medication medications "
    "prescription therapy therapist record records portal chart appointment appointments visit visits er ed icu "
    "nicu picu ward oncology dental dentist".split()
)
DEPARTMENT_AFTER = compile_pattern(r"[\w' -]{0,30}?\b(?i:team|department|dept|office|desk|unit|lab|group|program|crew|staff)\b")
NAME_FROM_PLACE = compile_pattern(rf"(?<![\w@#.])({_TOKEN})\s+(?:from|of|out\s+of)\s+(?:the\s+)?(?-i:[A-Z])[a-z]")
NAME_SUBJECT = compile_pattern(
    rf"(?<![\w@#.])({_TOKEN})(?=['\u2019]s\s+[a-z]|\s+(?:is|was|has|had|did|does|didn't|doesn't|can't|couldn't|won't|wasn't|"
    r"isn't|can|could|would|will|still|just|never|always|slept|sleeps|knew|knows|loves|loved|asked|says|said|got|gets|"
    r"went|goes|came|comes|took|takes|ate|eats|sang|sings|taught|teaches|wore|wears|cried|smiled|laughed|walked|talked|"
    r"told|remembers|remembered|forgot|forgets|turned|turns|needs|needed|wants|wanted|called|calls)\b)"
)
# First names that are also everyday words at the start of a sentence ("Bill was sent", "Grant was awarded").
_WORD_NAMES = frozenset({"bill", "grant", "pat", "sue", "don", "jack", "ray", "will", "may", "mark", "hope", "faith", "joy"})


def _accepted(doc: Document, hits: list[NameHit]) -> list[NameHit]:
    accepted = []
    for hit in hits:
        trimmed = _trim(doc.text, hit)
        if trimmed is None or (trimmed.kind == "weak" and not doc.has_patient_context) or doc.in_hashtag(trimmed.start):
            continue
        if _is_allowed(doc, trimmed) or (hit.kind == "patient" and NOT_A_PERSON_AFTER_PATIENT.match(doc.text, trimmed.start)):
            continue
        accepted.append(trimmed)
    return accepted


def _trim(text: str, hit: NameHit) -> NameHit | None:
    tokens = [(m.start() + hit.start, m.end() + hit.start) for m in re.finditer(r"\S+", text[hit.start : hit.end])]
    while tokens and text[tokens[0][0] : tokens[0][1]].lower().strip(".,") in NOT_NAME_WORDS:
        tokens.pop(0)
    while tokens and text[tokens[-1][0] : tokens[-1][1]].lower().strip(".,") in NOT_NAME_WORDS:
        tokens.pop()
    if not tokens:
        return None
    return NameHit(tokens[0][0], tokens[-1][1], hit.kind)


_CAPITALISED_BEFORE = compile_pattern(rf"(?:[{_UP}][{_LOW}]+|&)\s+$")


# Surnames of made-up people in templates and training: "Patient: JANE SAMPLE", "Pat Sample", "ZZTEST, PATIENT" (never
# "Doe": the alias of a real patient not yet identified, whose other details still are hers).
PLACEHOLDER_SURNAMES = frozenset({"sample", "test", "testpatient", "placeholder", "example", "dummy", "fake", "zztest",
                                  "zzztest", "testing"})


def placeholder_name(name: str) -> bool:
    """Return whether a name is a template's or a training system's made-up person."""
    words = [fold(word.strip(".,'\u2019")) for word in name.split()]
    # "Test, Patient Zzz", "Xxx Xxx": a made-up surname, or a letter typed over and over
    return any(word in PLACEHOLDER_SURNAMES for word in words[1:] or words) or any(re.fullmatch(r"(.)\1{2,}", word) for word in words)


def _is_allowed(doc: Document, hit: NameHit) -> bool:
    name = doc.text[hit.start : hit.end]
    if placeholder_name(name):
        return True
    if ORGANISATION_OWN_AFTER.match(doc.text, hit.end):
        return True  # "Ruby Thread's help line is (555) 318-0422", "Alder Ridge's foundation": an organisation's
    if PLACE_TAIL.search(" " + name) and _CAPITALISED_BEFORE.search(doc.text[max(0, hit.start - 20) : hit.start]):
        return True  # "Quillan Bay Marina Park", "Health & Safety Fair": the end of a longer place or event name
    if SIGNATURE_BEFORE.search(doc.text, max(0, hit.start - 6), hit.start) and not doc.text[hit.end :].strip(" .!\n"):
        return True  # "– Priya Sandoval" closing the post: its author signing
    tokens = {token.lower().strip(".") for token in name.split()}
    if tokens <= doc.config.spokespeople_tokens or tokens <= doc.config.product_tokens:
        return True
    if STAFF_BEFORE.search(name.split()[0] + " ") or STAFF_AFTER.match(doc.text, hit.end):
        return not CARE_RECEIVED_AFTER.match(doc.text, hit.end)  # "Councilman Ruiz was seen in our ED": a patient too
    if fold(name) in HISTORICAL_FIGURES or fold(doc.text[hit.start : hit.end + 30]).startswith(HISTORICAL_FIGURES):
        return True  # "reading Florence Nightingale on my lunch break"
    if WROTE_IN_PAST.match(doc.text, hit.end):
        return True  # "Francis Peabody wrote in 1927 that …", "Osler (1892)": an author of the past, quoted
    if fold(name) in ("pearl", "pearls") and TEACHING_BEFORE_PEARL.search(doc.text, max(0, hit.start - 20), hit.start):
        return True  # "Case pearl (details altered):", "clinical pearls": a teaching point, not Pearl
    if hit.kind not in ("title", "patient") and staff_roll_call(doc, hit.start, hit.end):
        return True  # "Happy Nurses Week to the night crew: Jo-Anne Whitlock, 30 years on L&D …": the people thanked are staff
    if " " not in name and _names_a_site(doc.text, name):
        return True  # "Westgate Urgent Care will close … Thank you, Westgate": the clinic, named by its first word
    if EPONYM_AFTER.match(doc.text[hit.end : hit.end + 30]) or _organisation_name(name) or fold(name.split()[-1]) in EPONYM_DISEASES:
        return True  # "Lou Gehrig's disease", "Michael J. Fox Foundation", "Parkinson's"
    if staff_anywhere(doc, name):
        return True
    if in_citation(doc, hit.start):
        return True  # "(Halvorsen et al., J Mens Health Res 2024)": an author or a journal, never a patient
    if name.split()[-1] in _DOCUMENT_WORDS:
        return True  # "the Annual Data Report": a publication
    if _simulated_patient(doc):
        return True  # "SBAR practice from sim lab (fake patient, our manikin is named Stan)"
    if " " not in name and fold(name) in gazetteer("health_words"):
        return True  # "Bipolar & Beyond" (a group's name): a health word, never a person's name
    if (name.split()[-1] in _OBSERVANCE_WORDS and not NUMBER_AFTER.match(doc.text, hit.end)) or OBSERVANCE_AFTER.match(doc.text, hit.end):
        return True  # "National Blue & Green Day", "Donate Life Month": an observance or an event, not a person
    if SELF_INTRODUCTION.search(doc.text, max(0, hit.start - 15), hit.start) and doc.text[hit.end : hit.end + 2] not in ("'s", "\u2019s"):
        return True  # "I'm Marisol Ochoa-Treviño. I cleaned houses, then…": the author, introducing herself
    if name.isupper() and name.isalpha() and 3 <= len(name) <= 5 and not doc.text.isupper():
        return True  # "avoided AKI", "COPD": an abbreviation in a post written in ordinary case
    if hit.kind != "patient" and _in_title_case_line(doc.text, hit.start) and not any(
            fold(word) in name_gazetteers()[0] for word in name.split()):
        return True  # "How to Go Up and Down Stairs on Crutches (Without Panicking)": a headline's words, not a name
    if ORGANISATION_AMPERSAND.match(doc.text, hit.end) and fold(name.split()[0]) not in name_gazetteers()[0]:
        return True  # "Ferrisport Barge & Rail": a firm's name
    return bool(CLINICIAN_AFTER.match(doc.text[hit.end : hit.end + 12])) or _listed_after_staff(doc.text, hit.start)


WROTE_IN_PAST = compile_pattern(
    r"\s*(?:\(\s*1[5-9]\d\d\s*\)|,?\s+(?:wrote|said|observed|taught|argued|noted|warned|put\s+it)\s+(?:back\s+)?in\s+1[5-9]\d\d\b)"
)
TEACHING_BEFORE_PEARL = compile_pattern(
    r"(?i)\b(?:case|clinical|teaching|board|diagnostic|quick|night|icu|er|ed|ekg|ecg|derm|peds|pharm|nursing|medicine|"
    r"today'?s|tonight'?s|a|one|another|the|this|my|our)\s+$"
)
_DOCUMENT_WORDS = frozenset({"Report", "Review", "Survey", "Study", "Guide", "Guidelines", "Journal", "Index", "Atlas", "Registry"})
NUMBER_AFTER = compile_pattern(r"\s*\d")  # "Maria Lopez Day 3 of chemo": a count of days, not an observance
SIMULATED_PATIENT = compile_pattern(
    r"(?i)\b(?:manikin|mannequin|sim\s+lab|simulation\s+lab|fake\s+patient|standardi[sz]ed\s+patient|sim\s+patient|practice\s+patient)\b"
)
_OBSERVANCE_WORDS = frozenset({"Day", "Week", "Month", "Walk", "Run", "Gala", "Fair", "Festival", "Drive", "5K", "Awareness"})
OBSERVANCE_AFTER = compile_pattern(
    r"(?:\s*(?:&|and)\s+[A-Z][\w'-]*)*(?:\s+[A-Z][\w'-]*)?\s+(?:Day|Week|Month|Walk|Run|Gala|Fair|Festival|Drive|5K|Awareness)\b(?!\s*\d)"
)
SELF_INTRODUCTION = compile_pattern(r"(?i)\b(?:I['\u2019]m|I\s+am|my\s+name\s+is|me\s+llamo|soy)\s+$")


def staff_anywhere(doc: Document, name: str) -> bool:
    """Return whether any mention of the name is a member of staff (asked once per name and post)."""
    known: dict[str, bool] = doc.memo.setdefault("staff_names", {})  # type: ignore[assignment]
    if name not in known:
        known[name] = _staff_mention(doc.text, name)
    return known[name]


def _staff_mention(text: str, name: str) -> bool:
    # Staff anywhere in the post: "our aide Lupe … can't remember Lupe's name" keeps Lupe staff at each mention.
    for start in _occurrences(text, name):
        end = start + len(name)
        surname = _NEXT_TOKEN.match(text, end)
        # "Priya Raman, PharmD, our district manager … Priya started as a tech": every mention is the staff member.
        if CLINICIAN_AFTER.match(text[end : end + 12]) or (surname and CLINICIAN_AFTER.match(text[surname.end() : surname.end() + 12])):
            return True
        if surname and STAFF_AFTER.match(text, surname.end()) and not CARE_RECEIVED_AFTER.match(text, surname.end()):
            return True  # "Kenji Moriuchi, our adult day coordinator … the elders call him Kenji-san"
        # 'Harold "Hal" Jeffcoat of Environmental Services … Hal started here in 1984': the nickname of a staff member
        quoted = _QUOTED_NICKNAME_SURNAME.match(text, end)
        if quoted and STAFF_AFTER.match(text, quoted.end()):
            return True
        if CLINICIAN_BEFORE.search(text[max(0, start - 12) : start]):
            return True
        if STAFF_BEFORE.search(text[max(0, start - 40) : start]):
            return True
    return False


ORGANISATION_AMPERSAND = compile_pattern(rf"\s*&\s*{_TOKEN}")
_LINE_WORD = compile_pattern(r"[^\W\d_][\w'\u2019-]*")
_TITLE_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to vs via with your our my".split())


def _simulated_patient(doc: Document) -> bool:
    """Return whether the post is about a simulated patient (asked once per post, not once per name)."""
    found = doc.memo.get("simulated_patient")
    if found is None:
        found = doc.memo["simulated_patient"] = SIMULATED_PATIENT.search(doc.text) is not None
    return found  # type: ignore[return-value]


def _in_title_case_line(text: str, position: int) -> bool:
    """Return whether the line holding a position is written in title case (a headline, a video title): four words or
    more, all but the small ones capitalised."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return _title_case(text[start : end if end >= 0 else len(text)])


@lru_cache(maxsize=1024)
def _title_case(line: str) -> bool:
    # Cached: a post's every candidate name asks about its line, and a one-line post is one line.
    if len(FIELD_LABEL.findall(line)) >= 2:
        return False  # "Patient: Kenji Arakawa | Registry ID: PR/2024/07731": a pasted record's fields, not a headline
    words = [w for w in _LINE_WORD.findall(line) if w.lower() not in _TITLE_SMALL_WORDS]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.85 * len(words)


FIELD_LABEL = compile_pattern(r"(?:^|[|;,\t]\s*)[A-Z][\w/ ]{0,24}:\s")
_QUOTED_NICKNAME_SURNAME = compile_pattern(rf"[\"\u201d']\s+{_TOKEN}")


def _listed_after_staff(text: str, start: int) -> bool:
    """Return whether a name ends a list opened by a staff word ("our clinical reviewers Ana Ruiz, Bo Lindqvist and Chidi Okeke")."""
    for _ in range(8):
        before = LIST_BEFORE.search(text, max(0, start - 40), start)
        if before is None:
            return False
        start = before.start(1)
        if CLINICIAN_BEFORE.search(text[max(0, start - 30) : start]) or STAFF_BEFORE.search(text[max(0, start - 40) : start]):
            return True
    return False


# People of medicine's history whom posts quote and celebrate; never a patient of the author.
HISTORICAL_FIGURES = tuple(
    fold(name) for name in (
        "Florence Nightingale", "Clara Barton", "Mary Seacole", "Hippocrates", "Louis Pasteur", "Marie Curie",
        "Jonas Salk", "Albert Sabin", "Virginia Apgar", "Edward Jenner", "Joseph Lister", "Ignaz Semmelweis",
        "Elizabeth Blackwell", "Rebecca Lee Crumpler", "Charles Drew", "William Osler", "Cicely Saunders",
        "Henrietta Lacks", "Alexander Fleming", "Dorothea Dix", "Harvey Cushing", "Rene Laennec", "Wilhelm Roentgen",
    )
)


def _organisation_name(name: str) -> bool:
    """Return whether a capitalised name ends with a practice, business or venue word ("Lantern Pediatrics")."""
    last = name.split()[-1].strip(".,!?")
    return len(name.split()) > 1 and last[:1].isupper() and fold(last) in ORGANISATION_TAILS


_NEXT_TOKEN = compile_pattern(rf"\s+{_TOKEN}")
SITE_AFTER = compile_pattern(
    r"\s+(?:(?:Urgent|Primary|Family|Immediate|Express|Walk-in|Community|Medical|Health|Surgery|Surgical|Specialty|Care|"
    r"Outpatient|Rehab|Cancer|Heart|Women'?s|Children'?s)\s+)*(?:Care|Clinic|Hospital|Center|Centre|Campus|Office|Pharmacy|"
    r"Pediatrics|Imaging|Lab|Labs|Health|Medical|Urgent\s+Care)\b"
)


ROLL_CALL = compile_pattern(
    r"(?i)\bhappy\s+(?:nurses?|doctors?|pharmacists?|pharmacy|techs?|hospital|rt|respiratory\s+care|lab|ems|staff|volunteers?|pt|ot|"
    r"\w+\s+nurses?)\s*['\u2019]?\s*(?:week|day|month)\b|\bmeet\s+(?:our|the)\s+(?:\w+\s+){0,2}(?:team|crew|staff|nurses|"
    r"providers|therapists)\b|\b(?:shout-?outs?|thank\s+you|thanks|hugs|kudos|props)\s+to\s+(?:the|our)\s+(?:\w+\s+){0,2}"
    r"(?:crew|team|staff|nurses|therapists)\b"
    # "hand hygiene champions of the month:", "Employee of the Quarter", "DAISY Award honorees"
    r"|\b(?:champions?|employees?|nurses?|volunteers?|team\s+members?|stars?|mvps?)\s+of\s+the\s+(?:month|week|quarter|year)\b"
    r"|\baward\s+(?:winners?|recipients?|honou?rees?|nominees?)\b"
)
THANKS_AFTER_NAMES = compile_pattern(
    r"(?:\s*(?:,|and|&)\s*[A-Z][a-z]+)*\s*[:\u2014\u2013-]\s*(?:thank\s+you|thanks|we\s+love\s+you|you\s+rock)\b"
)


def staff_roll_call(doc: Document, start: int, end: int) -> bool:
    """Return whether a name is one of the people a staff-appreciation post thanks ("Happy Nurses Week to the night crew:",
    "Our therapists are the story. Jonah, Mireille: thank you."), with no patient cue in its sentence."""
    sentence_start, sentence_end = doc.sentence_at(start)
    if any(c_start < sentence_end and sentence_start < c_end for c_start, c_end in doc.patient_cues):
        return False
    for match in ROLL_CALL.finditer(doc.text, 0, start):
        between = doc.text[match.end() : start]
        # in the same paragraph, or in the list that follows the greeting's colon ("… to the night crew:\n\nJo-Anne …")
        if "\n\n" not in between or (between.count("\n\n") == 1 and between.split("\n\n")[0].rstrip().endswith(":")):
            return True
    return bool(THANKS_AFTER_NAMES.match(doc.text, end)) and bool(staff_word_count(doc.text))


def _names_a_site(text: str, name: str) -> bool:
    """Return whether the word also opens the name of a clinic or hospital site in the same post ("Westgate Urgent Care")."""
    return any(SITE_AFTER.match(text, start + len(name)) for start in _occurrences(text, name))


def _occurrences(text: str, name: str) -> Iterator[int]:
    """Yield where the name occurs as a whole word (a plain search: a pattern per name would crowd out re's cache)."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not text[start - 1].isalnum() and text[start - 1] != "_") and (
                end == len(text) or not text[end].isalnum() and text[end] != "_"):
            yield start
        start = text.find(name, start + 1)


def _is_authorized(doc: Document, hits: list[NameHit]) -> bool:
    if doc.patient_authorized:
        return True
    authorized = {name.lower() for name in doc.config.authorized_patient_stories}
    return any(doc.text[hit.start : hit.end].lower() in authorized for hit in hits)


def _propagated(doc: Document, hits: list[NameHit], taken: list[tuple[int, int]]) -> Iterator[NameHit]:
    kinds: dict[str, Kind] = {}
    for hit in hits:
        for token in doc.text[hit.start : hit.end].split():
            if len(token) >= 3 and token.lower() not in NOT_NAME_WORDS and not token.endswith("."):
                sure = kinds.get(token) == "patient" or hit.kind != "tagged_unsure"
                kinds[token] = "patient" if sure else "tagged_unsure"
    for token in sorted(kinds):
        for found in _occurrences(doc.text, token):
            span = (found, found + len(token))
            if any(start < span[1] and span[0] < end for start, end in taken):
                continue
            taken.append(span)
            yield NameHit(*span, kinds[token])


def _care_sentence(doc: Document, hit: NameHit) -> bool:
    """Return whether a titled name shares its sentence with a health word ("don Beto … está en su diálisis")."""
    sentence_start, sentence_end = doc.sentence_at(hit.start)
    return health_count(doc.text[sentence_start:hit.start] + " " + doc.text[hit.end:sentence_end]) > 0


def _finding(doc: Document, hit: NameHit, authorized: bool) -> Finding:
    severity: Severity = "block" if hit.kind != "title" or doc.has_patient_context or _care_sentence(doc, hit) else "review"
    if hit.kind == "tagged_unsure":
        severity = "review"
    if authorized:
        return doc.finding(
            "phi.name", "phi", hit.start, hit.end, "review",
            "A patient is named; an authorization is on file, so privacy review must confirm it covers this post.",
            "Attach the authorization ID to the review and check the post matches what the patient agreed to.",
        )
    return doc.finding(
        "phi.name", "phi", hit.start, hit.end, severity,
        "This looks like the name of a patient or a patient's relative (HIPAA identifier A).",
        "Remove the name or describe the person generically ('a patient in her 60s'); "
        "a named story needs a written HIPAA authorization on file.",
    )
