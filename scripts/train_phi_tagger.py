"""Train the patient-identifier CRF shipped in socialrx/core/compliance/data/phi_tagger.crfsuite, or measure it.

Run: .venv/bin/python scripts/train_phi_tagger.py [--cv] [--model PATH]

The model learns, from the TRAIN split of the writer corpus only (the test split is never read), which words writers
label as a patient's or relative's NAME, PLACE (GEO and FACILITY), DATE or AGE (90 and over); every other token,
staff and organisation names included, is O. ``--cv`` measures it first on writers it has not seen: the train
writers are split into five folds; for each, a model is trained on the other four and the held-out posts are scored by
the rules alone and by the rules with the model's spans, at several confidence thresholds.

Result on the 6,314 train posts of 80 writers (December 2026), rules alone against rules with the model (review at
0.6; two sure kinds, or a sure span with a rule's identifier, block at 0.8), and with a single sure name, date or age
blocking on its own at 0.95 / 0.9 (shipped) / 0.85:

    rules alone        block recall 0.844  PHI span recall 0.781  clean blocked 0.036  clean to review 0.169
    + model            block recall 0.855  PHI span recall 0.851  clean blocked 0.037  clean to review 0.208
    + one >= 0.95      block recall 0.865  PHI span recall 0.853  clean blocked 0.041  clean to review 0.205
    + one >= 0.9       block recall 0.868  PHI span recall 0.853  clean blocked 0.043  clean to review 0.202
    + one >= 0.85      block recall 0.868  PHI span recall 0.853  clean blocked 0.043  clean to review 0.202

A missed identifier is a disclosure; a false block is a post its author rewords or a reviewer releases.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

import crf_training  # noqa: E402
from compliance_quality import check_row, expected, row_document  # noqa: E402

from socialrx.core.compliance import phi_model  # noqa: E402
from socialrx.core.compliance.rules import phi_learned  # noqa: E402

TRAIN = ROOT / "tests" / "data" / "compliance" / "train.jsonl"
MODEL = ROOT / "socialrx" / "core" / "compliance" / "data" / "phi_tagger.crfsuite"
KIND_OF = {"NAME": "NAME", "GEO": "PLACE", "FACILITY": "PLACE", "DATE": "DATE", "AGE_90_PLUS": "AGE"}
DEFAULT_THRESHOLDS = (phi_learned.REVIEW_AT, phi_learned.BLOCK_AT, phi_learned.SINGLE_BLOCK_AT)


def example(row: dict) -> tuple[list[list[str]], list[str]]:
    """Return one post's token features and BIO labels (labels drawn from the phi spans, in original offsets)."""
    doc = row_document(row)
    tokens = doc.tokens
    spans = [(s["start"], s["end"], KIND_OF[s["type"]]) for s in row.get("phi", ()) if s["type"] in KIND_OF]
    labels, previous = [], None
    for token in tokens:
        start, end = doc.view.original_span(token.start, token.end)
        kind = next((k for s_start, s_end, k in spans if s_start < end and start < s_end), None)
        span = next(((s_start, s_end) for s_start, s_end, k in spans if s_start < end and start < s_end), None)
        if kind is None:
            labels.append("O")
        else:
            labels.append(("I-" if previous == span else "B-") + kind)
        previous = span
    return phi_model.features(doc, tokens), labels


def train(rows: list[dict], path: Path) -> None:
    """Train a model on the posts and write it to path."""
    crf_training.train(rows, path, example)


def cross_validate(rows: list[dict]) -> None:
    """Print the checker's figures on held-out writers: rules alone, and rules with a model trained without them.

    The rules were developed on these writers, so the rules-alone figures are optimistic; what the folds measure
    honestly is what the model adds and what it costs, at each set of confidence thresholds.
    """
    settings = [(None, None, None), (0.6, 0.8, 1.01), (0.6, 0.8, 0.95), (0.6, 0.8, 0.9), (0.6, 0.8, 0.85)]
    counts = {setting: [0] * 7 for setting in settings}

    def score(setting: tuple, model: Path, held: list[dict]) -> None:
        phi_model.use_model(None if setting[0] is None else str(model))
        if setting[0] is not None:
            phi_learned.REVIEW_AT, phi_learned.BLOCK_AT, phi_learned.SINGLE_BLOCK_AT = setting
        tally = counts[setting]
        for row in held:
            result, label = check_row(row), expected(row)
            tally[0] += label == "block"
            tally[1] += label == "block" and result.verdict == "block"
            tally[2] += label == "pass"
            tally[3] += label == "pass" and result.verdict == "block"
            tally[4] += label == "pass" and result.verdict == "review"
            tally[5] += len(row.get("phi", ()))
            tally[6] += sum(any(f.family == "phi" and f.start < p["end"] and p["start"] < f.end for f in result.findings)
                            for p in row.get("phi", ()))

    crf_training.cross_validate(rows, train, settings, score)
    phi_model.use_shipped_model()
    phi_learned.REVIEW_AT, phi_learned.BLOCK_AT, phi_learned.SINGLE_BLOCK_AT = DEFAULT_THRESHOLDS
    for setting, c in counts.items():
        name = "rules alone" if setting[0] is None else f"+model review>={setting[0]} block>={setting[1]} one>={setting[2]}"
        print(f"{name:<34} block recall {c[1] / c[0]:.3f}  PHI span recall {c[6] / c[5]:.3f}  "
              f"clean blocked {c[3] / c[2]:.3f}  clean to review {c[4] / c[2]:.3f}")


if __name__ == "__main__":
    sys.exit(crf_training.main(__doc__.splitlines()[0], TRAIN, MODEL, train, cross_validate))
