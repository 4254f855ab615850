"""Train the claim CRF shipped in socialrx/core/compliance/data/claim_tagger.crfsuite, or measure it.

Run: .venv/bin/python scripts/train_claim_tagger.py [--cv] [--no-train] [--model PATH]

The model learns, from the TRAIN split of the writer corpus only (the test split is never read), which words writers
label as a claim: BLOCK for the rules that block (R01-R03, R05-R13, R16-R21, R26), REVIEW for the review-only ones
(R04, R14, R15, R25, R27). The privacy rules (R22-R24, R30: patient stories, media, replies confirming care, rare cases
in small places) are left to the PHI rules and the learned PHI reader. ``--cv`` measures it first on writers it has not seen: the train writers are split into five
folds; for each, a model is trained on the other four and the held-out posts are scored by the rules alone and by the
rules with the model's spans, at several confidence thresholds.

Result on the 4,797 train posts of 64 writers (December 2026), rules alone against rules with the model at the shipped
thresholds (review at 0.6, block at 0.9): block recall 0.854 -> 0.863, clean posts blocked 0.043 -> 0.043, clean posts
sent to review 0.173 -> 0.192; at block 0.8: 0.867 and 0.047.
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

from socialrx.core.compliance import claim_model  # noqa: E402
from socialrx.core.compliance.rules import claims_learned  # noqa: E402

TRAIN = ROOT / "tests" / "data" / "compliance" / "train.jsonl"
MODEL = ROOT / "socialrx" / "core" / "compliance" / "data" / "claim_tagger.crfsuite"
REVIEW_RULES = {"R04", "R14", "R15", "R25", "R27"}
# Patient stories, media, replies confirming care and rare-case combinations are the PHI rules' to decide.
PRIVACY_RULES = {"R22", "R23", "R24", "R30"}
DEFAULT_THRESHOLDS = (claims_learned.REVIEW_AT, claims_learned.BLOCK_AT)


def example(row: dict) -> tuple[list[list[str]], list[str]]:
    """Return one post's token features and BIO labels (labels drawn from the claim spans, in original offsets)."""
    doc = row_document(row)
    tokens = doc.tokens
    spans = [(c["start"], c["end"], "REVIEW" if c["rule"][:3] in REVIEW_RULES else "BLOCK") for c in row.get("claims", ())
             if c["rule"][:3] not in PRIVACY_RULES]
    labels, previous = [], None
    for token in tokens:
        start, end = doc.view.original_span(token.start, token.end)
        hits = [(s_start, s_end, kind) for s_start, s_end, kind in spans if s_start < end and start < s_end]
        if not hits:
            labels.append("O")
            previous = None
            continue
        # A word under a blocking claim and a review-level one (R08 and R14 on one phrase) is the blocking claim's.
        s_start, s_end, kind = min(hits, key=lambda hit: (hit[2] != "BLOCK", hit[0]))
        labels.append(("I-" if previous == (s_start, s_end) else "B-") + kind)
        previous = (s_start, s_end)
    return claim_model.features(doc, tokens), labels


def train(rows: list[dict], path: Path) -> None:
    """Train a model on the posts and write it to path."""
    crf_training.train(rows, path, example)


SETTINGS = [(None, None), (0.6, 0.9), (0.6, 0.8)]


def cross_validate(rows: list[dict]) -> None:
    """Print the checker's figures on held-out writers: rules alone, and rules with a model trained without them."""
    counts = {setting: [0] * 8 for setting in SETTINGS}

    def score(setting: tuple, model: Path, held: list[dict]) -> None:
        claim_model.use_model(None if setting[0] is None else str(model))
        if setting[0] is not None:
            claims_learned.REVIEW_AT, claims_learned.BLOCK_AT = setting
        tally = counts[setting]
        for row in held:
            result, label = check_row(row), expected(row)
            tally[0] += label == "block"
            tally[1] += label == "block" and result.verdict == "block"
            tally[2] += label == "pass"
            tally[3] += label == "pass" and result.verdict == "block"
            tally[4] += label == "pass" and result.verdict == "review"
            tally[5] += label == "review"
            tally[6] += label == "review" and result.verdict == "block"
            tally[7] += label == "block" and result.verdict != "pass"

    crf_training.cross_validate(rows, train, SETTINGS, score)
    claim_model.use_shipped_model()
    claims_learned.REVIEW_AT, claims_learned.BLOCK_AT = DEFAULT_THRESHOLDS
    for setting, c in counts.items():
        name = "rules alone" if setting[0] is None else f"+model review>={setting[0]} block>={setting[1]}"
        print(f"{name:<34} block recall {c[1] / c[0]:.3f}  block caught (block or review) {c[7] / c[0]:.3f}  "
              f"clean blocked {c[3] / c[2]:.3f}  clean to review {c[4] / c[2]:.3f}  review posts blocked {c[6] / c[5]:.3f}")


if __name__ == "__main__":
    sys.exit(crf_training.main(__doc__.splitlines()[0], TRAIN, MODEL, train, cross_validate))
