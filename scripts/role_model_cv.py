"""Experiment: would a learned role model beat the hand-weighted patient/other decision for tagged names?

Run: .venv/bin/python scripts/role_model_cv.py [--no-hand]

For every person the tagger finds in the TRAIN split (the test split is never read), the label is "P" when the name
overlaps a labelled PHI name and "O" otherwise. A maximum-entropy classifier (CRFsuite on one-item sequences) is
trained on window words (four each side), the sentence's words, post-level cues and, unless --no-hand, the
hand-weighted scores of ``roles.person_role``. Folds are by writer (six folds), so every prediction is for writers the
model did not see. The script prints true/false positives and false negatives of the model and of the hand decision
(patient or uncertain counts as "P"). Result on 2,122 train posts (December 2026): the model ties the hand decision
with its scores and loses without them, so roles.py keeps the hand-weighted decision.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from compliance_quality import row_document  # noqa: E402

from socialrx.core.compliance import roles  # noqa: E402
from socialrx.core.compliance.document import Document  # noqa: E402
from socialrx.core.compliance.tokens import TOKEN, fold  # noqa: E402

TRAIN = ROOT / "tests" / "data" / "compliance" / "train.jsonl"
Example = tuple[dict[str, float], str, str]


def features(doc: Document, mention: roles.PersonMention, hand: bool) -> dict[str, float]:
    """Return the classifier's features for one tagged person."""
    text, decision = doc.text, mention.decision
    found: dict[str, float] = {"bias": 1.0}
    if hand:
        found[f"ps={min(decision.patient_score, 6)}"] = 1.0
        found[f"os={min(decision.other_score, 6)}"] = 1.0
    left = [fold(m.group(0)) for m in TOKEN.finditer(text[max(0, mention.start - 60) : mention.start])][-4:]
    right = [fold(m.group(0)) for m in TOKEN.finditer(text[mention.end : mention.end + 60])][:4]
    for index, word in enumerate(reversed(left)):
        found[f"L{index}={word}"] = found[f"L={word}"] = 1.0
    for index, word in enumerate(right):
        found[f"R{index}={word}"] = found[f"R={word}"] = 1.0
    start, end = doc.sentence_at(mention.start)
    for word in {fold(m.group(0)) for m in TOKEN.finditer(text[start:end])}:
        found[f"S={word}"] = 0.3
    found["reply"] = float(roles.is_reply(doc))
    found["context"] = float(doc.has_patient_context)
    found["capital"] = float(text[mention.start].isupper())
    found["post_health"] = min(roles.health_count(text), 4) / 4
    return found


def examples(hand: bool) -> dict[str, list[Example]]:
    """Return each train writer's tagged people as (features, label, hand decision)."""
    by_writer: dict[str, list[Example]] = defaultdict(list)
    for line in TRAIN.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        doc = row_document(row)
        for mention in roles.tagged_people(doc):
            start, end = doc.view.original_span(mention.start, mention.end)
            label = "P" if any(s["type"] == "NAME" and s["start"] < end and start < s["end"] for s in row["phi"]) else "O"
            by_writer[row["writer"]].append((features(doc, mention, hand), label, mention.decision.role))
    return by_writer


def main() -> int:
    """Print writer-fold figures of the learned model and the hand decision."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-hand", action="store_true", help="leave the hand-weighted scores out of the features")
    args = parser.parse_args()
    data = examples(hand=not args.no_hand)
    writers = sorted(data)
    random.Random(1).shuffle(writers)
    folds = [writers[i::6] for i in range(6)]
    with tempfile.TemporaryDirectory() as tmp:
        model_path = str(Path(tmp) / "role.crfsuite")
        for c2 in (0.01, 0.1, 1.0):
            model = {"tp": 0, "fp": 0, "fn": 0}
            hand = {"tp": 0, "fp": 0, "fn": 0}
            for held in folds:
                trainer = pycrfsuite.Trainer(verbose=False)
                for writer in writers:
                    if writer not in held:
                        for found, label, _ in data[writer]:
                            trainer.append([found], [label])
                trainer.set_params({"c1": 0.0, "c2": c2, "max_iterations": 200})
                trainer.train(model_path)
                tagger = pycrfsuite.Tagger()
                tagger.open(model_path)
                for writer in held:
                    for found, label, role in data[writer]:
                        tagger.set([found])
                        for counts, predicted in ((model, tagger.marginal("P", 0) >= 0.5), (hand, role != "other")):
                            counts["tp"] += predicted and label == "P"
                            counts["fp"] += predicted and label == "O"
                            counts["fn"] += (not predicted) and label == "P"
            print(f"c2={c2:<5} model tp={model['tp']} fp={model['fp']} fn={model['fn']} | hand tp={hand['tp']} fp={hand['fp']} fn={hand['fn']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
