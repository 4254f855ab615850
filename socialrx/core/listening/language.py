"""Identify the language of a short text offline from its function words and accented letters."""

from collections.abc import Sequence

UNDETERMINED = "und"

_FUNCTION_WORDS = {
    "en": "the and of to in is are was were be been it this that with for on at by from as an have has had not "
    "but or you we they he she his her their our my your will would can could should what which who how "
    "about today new its than more just all",
    "es": "el la los las de del que y en un una es son por para con no se su sus al lo como más pero muy "
    "este esta estos también hoy nuevo nueva sobre entre ya hay fue ser está están nos",
    "fr": "le la les de des du et en un une est sont pour par avec ne pas se sur au aux ce cette qui que "
    "dans mais plus ou nous vous ils elle très aussi été être sont aujourd hui nouveau nouvelle leur",
    "de": "der die das und ist sind nicht ein eine einen dem den des mit für auf im zu von sich auch es "
    "wir sie ich werden wird wurde bei nach aus oder aber über heute neue neuen noch mehr",
    "pt": "o a os as de do da dos das e em um uma é são para por com não se seu sua ao na no nas nos "
    "que mais mas muito também hoje novo nova sobre entre foi ser está estão pelo pela",
    "it": "il lo la i gli le di del della dei delle e è sono per con non si un una uno che in nel nella "
    "al alla ma più anche molto oggi nuovo nuova sulla sul tra questo questa è stato",
    "nl": "de het een en van is zijn niet met voor op aan dat die er ook maar bij naar uit dit wij ze "
    "hij zij wordt werd nog meer vandaag nieuwe over",
}
_LETTERS = {"es": "ñ¿¡", "fr": "çœèêëîïû", "de": "äöüß", "pt": "ãõç", "it": "ìò", "nl": "ĳ"}

FUNCTION_WORDS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in FUNCTION_WORDS.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _lang)
_SHARES_OF = {word: tuple((lang, 1.0 / len(langs)) for lang in langs) for word, langs in _LANGUAGES_OF.items()}
_LETTER_LANGUAGES = {letter: lang for lang, letters in _LETTERS.items() for letter in letters}


def detect_language(tokens: Sequence[str], text: str = "") -> str:
    """Return the ISO 639-1 code of the likeliest language of ``tokens`` (case-folded), or ``und``.

    A function word scores one point for each language it belongs to, divided by how many
    share it; a language's distinctive accented letters in ``text`` add half a point each.
    The best language must lead the next by a clear margin.
    """
    scores: dict[str, float] = {}
    shares_of = _SHARES_OF
    for token in tokens:
        if token in shares_of:
            for lang, share in shares_of[token]:
                scores[lang] = scores.get(lang, 0.0) + share
    if text and not text.isascii():
        for character in set(text.casefold()) & _LETTER_LANGUAGES.keys():
            lang = _LETTER_LANGUAGES[character]
            scores[lang] = scores.get(lang, 0.0) + 0.5
    if not scores:
        return UNDETERMINED
    if len(scores) == 1:
        [(best, best_score)] = scores.items()
        return best if best_score >= 1.0 else UNDETERMINED
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    best, best_score = ranked[0]
    runner_up = ranked[1][1]
    return best if best_score >= 1.0 and best_score > runner_up + 0.4 else UNDETERMINED
