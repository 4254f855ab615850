"""Offline language identification from function words and accented letters."""

import pytest

from socialrx.core.listening.language import detect_language
from socialrx.core.listening.tokens import tokenize


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The new model is great for clinicians and their patients", "en"),
        ("El nuevo modelo es muy útil para los médicos", "es"),
        ("Le nouveau modèle est très utile pour les médecins", "fr"),
        ("Das neue Modell ist sehr nützlich für die Ärzte", "de"),
        ("O novo modelo é muito útil para os médicos", "pt"),
        ("Il nuovo modello è molto utile per i medici", "it"),
        ("Het nieuwe model is erg nuttig voor de artsen", "nl"),
    ],
)
def test_detects_common_languages(text, lang):
    """Sentences in each supported language are identified."""
    assert detect_language(tokenize(text), text) == lang


def test_undetermined_without_evidence():
    """Text with no function words is undetermined rather than guessed."""
    assert detect_language(tokenize("Epic HIPAA lol"), "Epic HIPAA lol") == "und"
    assert detect_language([], "") == "und"
