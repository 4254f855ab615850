"""Train the post-level reader shipped in socialrx/core/compliance/data/post_reader.json, or measure it.

Run: .venv/bin/python scripts/train_post_reader.py [--cv] [--no-train] [--no-grams] [--fold-models DIR]

The reader decides whether a post the checker sends to review must be blocked, and whether one it blocks on decisions
about whose an identifier is must be (`socialrx.core.compliance.post_reader`). It learns from the TRAIN split only (the
test split is never read), from the posts as the checker reads posts it has never seen: the train writers are split
into five folds, and each fold's posts are checked with the learned PHI and claim readers trained on the other four
folds (stacking). The posts the checker sends to review are the first regression's examples, the posts it blocks on
role decisions alone the second's; the label is whether writers labelled the post block. Words count as features when
posts of at least three writers use them. A third regression, over every train post, reads character n-grams (3 to 5
letters of each word with its edges, of at least three writers); each example's n-gram score, one more feature of the
first two, comes from an n-gram regression fitted to the other folds. ``--cv`` first measures the reader itself on
held-out writers (a second, nested use of the same folds; a held-out fold is also kept out of the n-gram regressions
its examples are read with) at several thresholds; ``--no-grams`` leaves the n-gram regression out, to measure what it
adds; ``--fold-models DIR`` keeps the fold readers there to reuse them (empty the folder whenever the corpus or the
span readers' features change: a kept fold reader is never retrained).

Result on the 13,368 train posts of 152 writers (December 2026; 5,934 labelled block, 4,849 clean), all on held-out
writers. Of the posts the checker sends to review that the reader may act on, 488 are labelled block, 2,139 review and
909 clean. Posts this reader blocks, by threshold (with the n-gram regression):

    threshold   health words or claims: to block / clean        identifiers, no health words: to block / clean
    0.70        138 / 18                                        201 / 20
    0.80        125 / 12   (shipped)                            187 / 19
    0.85        112 / 10                                        175 / 14   (shipped)
    0.90        103 /  8                                        162 / 11

Of the posts blocked on role decisions alone (2,180 labelled block, 137 clean, 20 review), the second regression sends
to review at the shipped 0.3: 14 posts to block and 65 clean ones.

Of the posts the checker passes with nothing found (264 labelled block, 312 review, 3,393 clean), the third sends to
review, from a probability of 0.3 / 0.5 / 0.7 (shipped) / 0.9 that the post must be blocked: 137 / 100 / 73 / 38 posts
to block, 26 / 15 / 9 / 1 labelled review and 96 / 34 / 11 / 4 clean ones (0.2% of clean posts at 0.7).

What the n-gram regression adds was last measured with ``--no-grams`` on the 11,684 train posts of an earlier corpus:
block recall +0.060 with it, +0.044 without, for about the same clean posts blocked. On the test split
(bench/compliance_quality.py; 2,501 posts of 27 writers): block recall 0.893, clean posts blocked 0.055 (52 of 938),
precision 0.941.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

import crf_training  # noqa: E402
import train_claim_tagger  # noqa: E402
import train_phi_tagger  # noqa: E402
from compliance_quality import expected, row_document  # noqa: E402
from scipy import sparse  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.feature_extraction.text import CountVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from socialrx.core.compliance import claim_model, phi_model, post_reader  # noqa: E402
from socialrx.core.compliance.engine import check_text  # noqa: E402


class Example(NamedTuple):
    """A post the reader learns from, as the checker read it with span readers that never saw its writer."""

    features: dict[str, float]
    label: str  # the labelled verdict
    writer: str
    fold: int
    plain: bool  # identifiers without health words
    text: str  # as the checker reads it (Document.text), for the n-gram regression
TRAIN = ROOT / "tests" / "data" / "compliance" / "train.jsonl"
MODEL = ROOT / "socialrx" / "core" / "compliance" / "data" / "post_reader.json"
C = 1.0  # inverse regularisation, chosen on the nested writer folds
MIN_WRITERS = 3  # a word is a feature when posts of this many writers use it
ESCALATE_AT = 0.8
ESCALATE_WITHOUT_HEALTH_AT = 0.85
RELEASE_BELOW = 0.3
GRAMS_C = 3.0  # the n-gram regression's inverse regularisation, chosen on the nested writer folds
GRAMS_KEEP = 0.1  # n-gram weights smaller than this are dropped from the shipped model (about 28,000 are kept)
RELEASE_THRESHOLDS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
UNFLAGGED_AT = 0.7  # the third regression sends a passed post to review from here (held-out: 0.5% of clean posts)
UNFLAGGED_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98)


def stacked_examples(rows: list[dict], fold_models: Path) -> tuple[list[Example], list[Example], list[Example], list[Example]]:
    """Return the examples of each post the checker sends to review that the reader may block, of each post it blocks
    on role decisions alone, of each post it passes, and of every post (for the n-gram regression), each fold's posts
    checked with span readers trained on the other folds and without the post reader."""
    parts = crf_training.folds(rows)
    examples, blocked, passed, posts = [], [], [], []
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
                example = Example(post_reader.features(doc, result.findings), expected(row), row["writer"], index,
                                  bool(chosen) and post_reader.plain(doc, chosen), doc.text)
                posts.append(example)
                if chosen:
                    examples.append(example)
                elif result.verdict == "block" and post_reader.release_candidates(result.findings, doc.config):
                    blocked.append(example)
                elif result.verdict == "pass":
                    passed.append(example)
            print(f"fold {index + 1}/{len(parts)} checked ({len(held)} posts)", file=sys.stderr)
    finally:
        phi_model.use_shipped_model()
        claim_model.use_shipped_model()
        post_reader.use_shipped_model()
    return examples, blocked, passed, posts


def grams_regression(posts: list[Example]) -> post_reader.Model:
    """Return a model holding only the n-gram regression fitted to the posts (is the post labelled block?): each post's
    distinct character n-grams (``post_reader.char_grams``) that posts of at least MIN_WRITERS writers have, scaled by
    one over the square root of the post's n-gram count (at least ``post_reader.GRAMS_FLOOR``), weights below GRAMS_KEEP
    dropped."""
    grams = [post_reader.char_grams(post.text) for post in posts]
    writers: dict[str, set[str]] = {}
    for found, post in zip(grams, posts, strict=True):
        for gram in found:
            writers.setdefault(gram, set()).add(post.writer)
    kept = [{gram for gram in found if len(writers[gram]) >= MIN_WRITERS} for found in grams]
    vectorizer = CountVectorizer(analyzer=lambda found: found, binary=True)
    scale = [1.0 / max(len(found), post_reader.GRAMS_FLOOR) ** 0.5 for found in grams]
    matrix = sparse.diags(scale) @ vectorizer.fit_transform(kept).astype(float)
    fitted = LogisticRegression(C=GRAMS_C, max_iter=5000).fit(matrix.tocsr(), [post.label == "block" for post in posts])
    weights = {gram: float(w) for gram, w in zip(vectorizer.get_feature_names_out(), fitted.coef_[0], strict=True)
               if abs(w) >= GRAMS_KEEP}
    return post_reader.Model({}, 0.0, 1.0, 1.0, grams=weights, grams_intercept=float(fitted.intercept_[0]))


def with_grams(groups: list[list[Example]], posts: list[Example], held: int | None = None) -> list[list[Example]]:
    """Return each group of examples with the n-gram regression's score among their features, each example's from a
    regression fitted to the posts of the other folds (and not of fold ``held``, kept out for measuring)."""
    scored: list[list[Example]] = [[] for _ in groups]
    for fold in sorted({example.fold for group in groups for example in group}):
        grams = grams_regression([post for post in posts if post.fold not in (fold, held)])
        for group, out in zip(groups, scored, strict=True):
            out.extend(example._replace(features={**example.features, post_reader.GRAMS: grams.grams_score(example.text)})
                       for example in group if example.fold == fold)
    return scored


def fit(examples: list[Example], blocked: list[Example] = (), grams: post_reader.Model | None = None,
        passed: list[Example] = ()) -> post_reader.Model:
    """Return the reader: one regression fitted to the posts at review, one to the posts blocked on role decisions, one
    to the posts passed (their features holding the n-gram score of regressions that never saw their folds), and the
    n-gram regression."""
    weights, intercept = regression(examples)
    release_weights, release_intercept = regression(blocked) if blocked else ({}, 0.0)
    unflagged_weights, unflagged_intercept = regression(passed) if passed else ({}, 0.0)
    return post_reader.Model(weights, intercept, ESCALATE_AT, ESCALATE_WITHOUT_HEALTH_AT, release_weights, release_intercept,
                             RELEASE_BELOW if blocked else 0.0, grams.grams if grams else {},
                             grams.grams_intercept if grams else 0.0, unflagged_weights, unflagged_intercept,
                             UNFLAGGED_AT if passed else 1.0)


def regression(examples: list[Example] | tuple[Example, ...]) -> tuple[dict[str, float], float]:
    """Return the weights and intercept of a logistic regression fitted to the examples (is the post labelled block?),
    over the words of at least MIN_WRITERS writers."""
    writers: dict[str, set[str]] = {}
    for example in examples:
        for name in example.features:
            if name.startswith("word:"):
                writers.setdefault(name, set()).add(example.writer)
    kept = [{k: v for k, v in example.features.items() if not k.startswith("word:") or len(writers[k]) >= MIN_WRITERS}
            for example in examples]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(kept)
    labels = [example.label == "block" for example in examples]
    fitted = LogisticRegression(C=C, max_iter=5000).fit(matrix, labels)
    weights = {name: float(w) for name, w in zip(vectorizer.feature_names_, fitted.coef_[0], strict=True) if abs(w) > 1e-6}
    return weights, float(fitted.intercept_[0])


def cross_validate(rows: list[dict], examples: list[Example], blocked: list[Example], passed: list[Example],
                   posts: list[Example] | None) -> None:
    """Print, per threshold, what the reader adds on held-out writers: posts to block it blocks, clean and review posts.
    Each held-out fold is kept out of everything its examples are read with, the n-gram regressions included."""
    block = sum(expected(row) == "block" for row in rows)
    clean = sum(expected(row) == "pass" for row in rows)
    print(f"{len(rows)} train posts ({block} to block, {clean} clean); at review on held-out writers: "
          f"{dict(Counter(example.label for example in examples))}")
    decided, released, unflagged = [], [], []
    for index in range(5):
        groups = with_grams([examples, blocked, passed], posts, held=index) if posts else [examples, blocked, passed]
        scored, scored_blocked, scored_passed = groups
        model = fit([e for e in scored if e.fold != index], [e for e in scored_blocked if e.fold != index],
                    passed=[e for e in scored_passed if e.fold != index])
        for example in (e for e in scored_blocked if e.fold == index):
            released.append((model.release_probability(example.features), example.label))
        for example in (e for e in scored_passed if e.fold == index):
            unflagged.append((model.unflagged_probability(example.features), example.label))
        for example in (e for e in scored if e.fold == index):
            for threshold in THRESHOLDS:
                trial = dataclasses.replace(model, escalate_at=threshold, escalate_without_health_at=threshold)
                decided.append((threshold, trial.decide(example.features, example.plain)[0], example.label, example.plain))
        print(f"fold {index + 1}/5 measured", file=sys.stderr)
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
    print(f"passed with nothing found: {dict(Counter(label for _, label in unflagged))}; sent to review from")
    print(f"{'from':>9} {'to block':>9} {'share':>8} {'clean':>6} {'share':>7} {'review':>7}")
    for threshold in UNFLAGGED_THRESHOLDS:
        counts = Counter(label for p, label in unflagged if p >= threshold)
        print(f"{threshold:9.2f} {counts['block']:9d} {counts['block'] / block:8.3f} {counts['pass']:6d} "
              f"{counts['pass'] / clean:7.3f} {counts['review']:7d}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv", action="store_true", help="measure on held-out writers before training the shipped model")
    parser.add_argument("--no-train", action="store_true", help="with --cv, do not write the shipped model")
    parser.add_argument("--fold-models", type=Path,
                        help="keep (and reuse) the fold span readers in this folder; empty it when the corpus or features change")
    parser.add_argument("--no-grams", action="store_true", help="without the n-gram regression (to measure what it adds)")
    parser.add_argument("--model", type=Path, default=MODEL)
    args = parser.parse_args()
    rows = [json.loads(line) for line in TRAIN.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in rows if row.get("split") == "train"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.fold_models or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        examples, blocked, passed, posts = stacked_examples(rows, folder)
    if args.cv:
        cross_validate(rows, examples, blocked, passed, None if args.no_grams else posts)
    if not args.no_train:
        if args.no_grams:
            model = fit(examples, blocked, passed=passed)
        else:
            scored, scored_blocked, scored_passed = with_grams([examples, blocked, passed], posts)
            model = fit(scored, scored_blocked, grams_regression(posts), scored_passed)
        args.model.write_text(json.dumps(model.to_json(), indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"trained on {len(examples)} posts at review, {len(blocked)} blocked on role decisions and {len(passed)} passed "
              f"-> {args.model} ({len(model.weights)} + {len(model.release_weights)} + {len(model.unflagged_weights)} weights, "
              f"{len(model.grams)} n-grams)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
