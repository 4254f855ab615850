"""The healthcare lexicon layer: words and phrases whose meaning in healthcare differs from VADER's.

Valences use VADER's −4…+4 scale. A phrase with valence 0 neutralises a word VADER scores but
that is only a topic in healthcare ("health care", "critical care", "cancer screening").
"""

HEALTHCARE_WORDS: dict[str, float] = {
    "breach": -2.2,
    "breaches": -2.2,
    "recall": -1.6,
    "recalls": -1.6,
    "recalled": -1.6,
    "misdiagnosis": -2.4,
    "misdiagnosed": -2.4,
    "misdiagnoses": -2.4,
    "malpractice": -2.5,
    "ransomware": -2.6,
    "outbreak": -1.8,
    "overdose": -2.4,
    "unsafe": -2.1,
    "hallucination": -1.6,
    "hallucinations": -1.6,
    "fda-cleared": 1.6,
    "fda-approved": 1.8,
}

HEALTHCARE_PHRASES: dict[tuple[str, ...], float] = {
    ("adverse", "event"): -2.2,
    ("adverse", "events"): -2.2,
    ("side", "effect"): -1.2,
    ("side", "effects"): -1.2,
    ("data", "breach"): -2.6,
    ("false", "positive"): -1.5,
    ("false", "positives"): -1.5,
    ("false", "negative"): -1.8,
    ("false", "negatives"): -1.8,
    ("tested", "positive"): -1.0,
    ("tests", "positive"): -1.0,
    ("fda", "cleared"): 1.6,
    ("fda", "clearance"): 1.5,
    ("improved", "outcomes"): 2.4,
    ("better", "outcomes"): 2.2,
    ("health", "care"): 0.0,
    ("patient", "care"): 0.0,
    ("primary", "care"): 0.0,
    ("urgent", "care"): 0.0,
    ("intensive", "care"): 0.0,
    ("critical", "care"): 0.0,
    ("emergency", "department"): 0.0,
    ("emergency", "room"): 0.0,
    ("emergency", "medicine"): 0.0,
    ("cancer", "screening"): 0.0,
    ("cancer", "care"): 0.0,
    ("cancer", "detection"): 0.0,
    ("cancer", "research"): 0.0,
    ("patient", "safety"): 0.0,
}
