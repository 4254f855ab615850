"""Sentences, words, statistics and citations: the text units repurposing works with."""

from __future__ import annotations

import re

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each even few for from further had has have having
    he her here hers him his how however i if in into is it its itself just let like may me might more most much must
    my no nor not now of off on once one only or other our ours out over own per really said same say says she
    should so some such than that the their theirs them then there these they this those through to too under
    until up us very was we well were what when where which while who whom why will with within without would yes
    yet you your yours going get got know think thing things actually kind lot lots okay right see sort want way
    source um uh yeah mean really just today new use used using can't don't it's we're that's i'm you're""".split()
)
ABBREVIATIONS = frozenset(
    "al dr mr mrs ms prof vs fig figs e.g i.e etc approx no vol pp st jr sr inc ltd co dept est jan feb mar apr jun "
    "jul aug sep sept oct nov dec u.s u.k".split()
)
UNCOUNTABLE = frozenset("diabetes news series species status bias lens herpes rabies scabies mumps measles".split())
"""Words ending in s that are not plurals, so folding must leave them alone."""
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
_WORD = re.compile(r"[a-z][a-z0-9'\-]*[a-z0-9]|[a-z]")
_YEAR = r"(?:19|20)\d{2}[a-z]?"
INLINE_CITATION = re.compile(
    rf"\((?:[^()]*?(?:{_YEAR}|et al\.?)[^()]*?|[^()]*?\b(?:journal|study|survey|report|trial|JAMA|NEJM|Lancet|BMJ|CDC|WHO|FDA)\b[^()]*?)\)"
    rf"|\baccording to\b[^.;]+|\b(?:reported|published|found) (?:in|by)\b[^.;]+|\b(?:per|from) (?:the )?(?:{_YEAR} )?"
    r"[A-Z][\w&.-]*(?: [A-Z][\w&.-]*)* (?:study|survey|report|trial|analysis|review)\b",
)
FOOTNOTE_MARKER = re.compile(r"\[(\d{1,3}|[a-z]{1,3}\d*)\]|(?<=[a-z.,;)])[\u00b9\u00b2\u00b3\u2070-\u2079]+")
_NUMBER = re.compile(
    r"(?<![\w.])(?:\$|€|£)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?(?:%|percent|per cent|x\b|-fold|fold\b|times\b|million|billion|"
    r"thousand|hours?|minutes?|days?|weeks?|months?|patients?|points?|in \d+))?"
)


def split_sentences(text: str) -> list[str]:
    """Return the sentences of ``text``: break after . ! ? unless the word before is an abbreviation or initial."""
    sentences: list[str] = []
    pending = ""
    for piece in _SENTENCE_BREAK.split(text.strip()):
        pending = f"{pending} {piece}".strip() if pending else piece.strip()
        last_word = pending.rsplit(None, 1)[-1].rstrip(".").lower() if pending else ""
        if last_word in ABBREVIATIONS or re.fullmatch(r"[a-z]", last_word):
            continue
        sentences.append(pending)
        pending = ""
    if pending:
        sentences.append(pending)
    return [sentence for sentence in sentences if sentence]


def content_words(text: str) -> list[str]:
    """Return the lowercase content words of ``text``, stop words removed and plurals folded."""
    return [_fold(word) for word in _WORD.findall(text.lower()) if word not in STOPWORDS and len(word) > 2]


def _fold(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics")) and word not in UNCOUNTABLE:
        return word[:-1]
    return word


def statistics_in(text: str) -> list[str]:
    """Return the figures ``text`` states (percentages, counts, amounts), ignoring years and citation markers."""
    hidden = _masked(text)
    found = []
    for match in _NUMBER.finditer(hidden):
        figure = match.group(0).strip()
        if re.fullmatch(_YEAR, figure) or re.fullmatch(r"\d", figure):
            continue
        found.append(figure)
    return found


def _masked(text: str) -> str:
    """Return ``text`` with citations and footnote markers blanked, so their years and numbers are not figures."""
    for pattern in (INLINE_CITATION, FOOTNOTE_MARKER):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def inline_citations(text: str) -> list[str]:
    """Return the citations written in the sentence itself: "(Smith et al., 2023)", "according to the CDC"."""
    return [match.group(0).strip() for match in INLINE_CITATION.finditer(text)]


def footnote_labels(text: str) -> list[str]:
    """Return the footnote labels marked in ``text``: ``[3]`` gives ``3``, superscript ``²`` gives ``2``."""
    labels = []
    for match in FOOTNOTE_MARKER.finditer(text):
        labels.append(match.group(1) or match.group(0).translate(str.maketrans("\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079", "1230456789")))
    return labels


def without_footnote_markers(text: str) -> str:
    """Return ``text`` with its footnote markers removed."""
    return re.sub(r"\s+([.,;:])", r"\1", FOOTNOTE_MARKER.sub("", text)).strip()

