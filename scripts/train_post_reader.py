"""Train the post-level reader shipped in socialrx/core/compliance/data/post_reader.json, or measure it.

Run: .venv/bin/python scripts/train_post_reader.py [--cv] [--no-train] [--fold-models DIR]

The reader decides whether a post the checker sends to review must be blocked, and whether one it blocks on decisions
about whose an identifier is must be (`socialrx.core.compliance.post_reader`). It learns from the TRAIN split only (the
test split is never read), from the posts as the checker reads posts it has never seen: the train writers are split
into five folds, and each fold's posts are checked with the learned PHI and claim readers trained on the other four
folds (stacking). The posts the checker sends to review are the first regression's examples, the posts it blocks on
role decisions alone the second's; the label is whether writers labelled the post block. Words count as features when
posts of at least three writers use them. ``--cv`` first measures the reader itself on held-out writers (a second,
nested use of the same folds) at several thresholds; ``--fold-models DIR`` keeps the fold readers there to reuse them
(empty the folder whenever the corpus or the span readers' features change: a kept fold reader is never retrained).

Result on the 10,144 train posts of 120 writers (December 2026), all on held-out writers. The checker without this
reader: block recall 0.850, clean posts blocked 0.046; of the posts it sends to review that the reader may act on, 386
are labelled block, 1,620 review and 625 clean. Posts this reader blocks, by threshold (a third of the gain comes from
posts with health words or claims, two thirds from identifiers in posts without the health words the rules know):

    threshold   health words or claims: to block / clean / review   identifiers, no health words: to block / clean
    0.70        69 / 12 / 5                                         126 / 10
    0.75        61 / 10 / 3                                         119 /  8
    0.80        56 /  8 / 1   (shipped)                             118 /  5
    0.85        49 /  7 / 0                                         108 /  3   (shipped)
    0.90        38 /  4 / 0                                          98 /  2

Shipped: 164 more posts to block blocked (block recall 0.850 -> 0.887) for 11 more clean posts (0.046 -> 0.049).

Of the posts blocked on role decisions alone (1,649 labelled block, 115 clean, 16 review), the second regression sends
to review, below a probability of 0.05 / 0.1 / 0.2 / 0.3 (shipped) / 0.4 / 0.5 that the post must be blocked:
0 / 0 / 2 / 4 / 7 / 14 posts to block and 3 / 8 / 16 / 25 / 33 / 35 clean posts.

Both: block recall 0.850 -> 0.886, clean posts blocked 0.046 -> 0.042 on held-out writers. On the test split
(bench/compliance_quality.py): block recall 0.806 -> 0.863, clean posts blocked 0.075 -> 0.068, precision 0.915 -> 0.927.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

import crf_training  # noqa: E402
import train_claim_tagger  # noqa: E402
import train_phi_tagger  # noqa: E402
from compliance_quality import expected, row_document  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from socialrx.core.compliance import claim_model, phi_model, post_reader  # noqa: E402
from socialrx.core.compliance.engine import check_text  # noqa: E402

Example = tuple[dict[str, float], str, str, int, bool]  # features, labelled verdict, writer, fold, identifiers without health words
TRAIN = ROOT / "tests" / "data" / "compliance" / "train.jsonl"
MODEL = ROOT / "socialrx" / "core" / "compliance" / "data" / "post_reader.json"
C = 1.0  # inverse regularisation, chosen on the nested writer folds
MIN_WRITERS = 3  # a word is a feature when posts of this many writers use it
ESCALATE_AT = 0.8
ESCALATE_WITHOUT_HEALTH_AT = 0.85
RELEASE_BELOW = 0.3
RELEASE_THRESHOLDS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98)


def stacked_examples(rows: list[dict], fold_models: Path) -> tuple[list[Example], list[Example]]:
    """Return the examples of each post the checker sends to review that the reader may block, and of each post it blocks
    on role decisions alone (features, labelled verdict, writer, fold, identifiers without health words), each fold's
    posts checked with span readers trained on the other folds and without the post reader."""
    parts = crf_training.folds(rows)
    examples, blocked = [], []
    post_reader.use_model(None)
    try:
        for index, held in enumerate(parts):
            phi_path, claim_path = fold_models / f"phi{index}.crfsuite", fold_models / f"claim{index}.crfsuite"
            rest = [row for other, part in enumerate(parts) if other != index for row in part]
            if not phi_path.exists():
                train_phi_tagger.train(rest, phi_path)
            if not claim_path.exists():
                train_claim_tagger.train(rest, claim_path)
            phi_model.use_model(str(phi_path))
            claim_model.use_model(str(claim_path))
            for row in held:
                doc = row_document(row)
                result = check_text(row["text"], config=doc.config, channel=row.get("platform"), context=doc.context)
                chosen = post_reader.candidates(doc, result.findings, doc.config) if result.verdict == "review" else []
                if chosen:
                    examples.append((post_reader.features(doc, result.findings), expected(row), row["writer"], index,
                                     post_reader.plain(doc, chosen)))
                elif result.verdict == "block" and post_reader.release_candidates(result.findings, doc.config):
                    blocked.append((post_reader.features(doc, result.findings), expected(row), row["writer"], index, False))
            print(f"fold {index + 1}/{len(parts)} checked ({len(held)} posts)", file=sys.stderr)
    finally:
        phi_model.use_shipped_model()
        claim_model.use_shipped_model()
        post_reader.use_shipped_model()
    return examples, blocked


def fit(examples: list[Example], blocked: list[Example] = ()) -> post_reader.Model:
    """Return the reader: one regression fitted to the posts at review, one to the posts blocked on role decisions."""
    weights, intercept = regression(examples)
    release_weights, release_intercept = regression(blocked) if blocked else ({}, 0.0)
    return post_reader.Model(weights, intercept, ESCALATE_AT, ESCALATE_WITHOUT_HEALTH_AT, release_weights, release_intercept,
                             RELEASE_BELOW if blocked else 0.0)


def regression(examples: list[Example] | tuple[Example, ...]) -> tuple[dict[str, float], float]:
    """Return the weights and intercept of a logistic regression fitted to the examples (is the post labelled block?),
    over the words of at least MIN_WRITERS writers."""
    writers: dict[str, set[str]] = {}
    for features, _, writer, _, _ in examples:
        for name in features:
            if name.startswith("word:"):
                writers.setdefault(name, set()).add(writer)
    kept = [{k: v for k, v in features.items() if not k.startswith("word:") or len(writers[k]) >= MIN_WRITERS}
            for features, _, _, _, _ in examples]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(kept)
    labels = [label == "block" for _, label, _, _, _ in examples]
    fitted = LogisticRegression(C=C, max_iter=5000).fit(matrix, labels)
    weights = {name: float(w) for name, w in zip(vectorizer.feature_names_, fitted.coef_[0], strict=True) if abs(w) > 1e-6}
    return weights, float(fitted.intercept_[0])


def cross_validate(rows: list[dict], examples: list[Example], blocked: list[Example]) -> None:
    """Print, per threshold, what the reader adds on held-out writers: posts to block it blocks, clean and review posts."""
    block = sum(expected(row) == "block" for row in rows)
    clean = sum(expected(row) == "pass" for row in rows)
    print(f"{len(rows)} train posts ({block} to block, {clean} clean); at review on held-out writers: "
          f"{dict(Counter(label for _, label, _, _, _ in examples))}")
    decided, released = [], []
    for index in range(5):
        model = fit([e for e in examples if e[3] != index], [e for e in blocked if e[3] != index])
        for features, label, _, _, _ in (e for e in blocked if e[3] == index):
            released.append((model.release_probability(features), label))
        for features, label, _, _, plain in (e for e in examples if e[3] == index):
            for threshold in THRESHOLDS:
                trial = dataclasses.replace(model, escalate_at=threshold, escalate_without_health_at=threshold)
                decided.append((threshold, trial.decide(features, plain)[0], label, plain))
    for plain, title in ((False, "posts with health words, or claims"), (True, "identifiers in posts without health words")):
        print(f"{title}: {dict(Counter(label for t, _, label, p in decided if p == plain and t == THRESHOLDS[0]))}")
        print(f"{'threshold':>9} {'to block':>9} {'+recall':>8} {'clean':>6} {'+clean':>7} {'review':>7}")
        for threshold in THRESHOLDS:
            counts = Counter(label for t, blocks, label, p in decided if blocks and t == threshold and p == plain)
            print(f"{threshold:9.2f} {counts['block']:9d} {counts['block'] / block:8.3f} {counts['pass']:6d} "
                  f"{counts['pass'] / clean:7.3f} {counts['review']:7d}")
    print(f"blocked on role decisions alone: {dict(Counter(label for _, label in released))}")
    print(f"{'below':>9} {'to block':>9} {'-recall':>8} {'clean':>6} {'-clean':>7} {'review':>7}")
    for threshold in RELEASE_THRESHOLDS:
        counts = Counter(label for p, label in released if p < threshold)
        print(f"{threshold:9.2f} {counts['block']:9d} {counts['block'] / block:8.3f} {counts['pass']:6d} "
              f"{counts['pass'] / clean:7.3f} {counts['review']:7d}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv", action="store_true", help="measure on held-out writers before training the shipped model")
    parser.add_argument("--no-train", action="store_true", help="with --cv, do not write the shipped model")
    parser.add_argument("--fold-models", type=Path,
                        help="keep (and reuse) the fold span readers in this folder; empty it when the corpus or features change")
    parser.add_argument("--model", type=Path, default=MODEL)
    args = parser.parse_args()
    rows = [json.loads(line) for line in TRAIN.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in rows if row.get("split") == "train"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.fold_models or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        examples, blocked = stacked_examples(rows, folder)
    if args.cv:
        cross_validate(rows, examples, blocked)
    if not args.no_train:
        model = fit(examples, blocked)
        args.model.write_text(json.dumps(model.to_json(), indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"trained on {len(examples)} posts at review and {len(blocked)} blocked on role decisions -> {args.model} "
              f"({len(model.weights)} + {len(model.release_weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
