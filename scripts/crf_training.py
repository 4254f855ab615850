"""What the learned readers' training scripts share (train_phi_tagger.py, train_claim_tagger.py): writer folds,
training a CRFsuite model from labelled posts, the writer-fold evaluation loop and the command line."""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pycrfsuite

PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 120, "feature.possible_transitions": True}


def train(rows: list[dict], path: Path, example: Callable[[dict], tuple[list[list[str]], list[str]]]) -> None:
    """Train a model on the posts (``example`` gives each post's token features and labels) and write it to path."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for row in rows:
        if row.get("text", "").strip():
            xseq, yseq = example(row)
            if xseq:
                trainer.append(xseq, yseq)
    trainer.set_params(PARAMS)
    trainer.train(str(path))


def folds(rows: list[dict], count: int = 5) -> list[list[dict]]:
    """Split the posts into folds by writer (a writer's posts are never on both sides)."""
    writers = sorted({row["writer"] for row in rows})
    random.Random(7).shuffle(writers)
    fold_of = {writer: index % count for index, writer in enumerate(writers)}
    return [[row for row in rows if fold_of[row["writer"]] == index] for index in range(count)]


def cross_validate(rows: list[dict], train_model: Callable[[list[dict], Path], None], settings: list,
                   score: Callable[[object, Path, list[dict]], None]) -> None:
    """For each writer fold, train a model on the other folds, then ``score(setting, model_path, held_out_rows)`` for
    each setting (the script switches its reader to the model and thresholds a setting names, and tallies)."""
    parts = folds(rows)
    with tempfile.TemporaryDirectory() as tmp:
        for index, held in enumerate(parts):
            model = Path(tmp) / f"fold{index}.crfsuite"
            train_model([row for other, part in enumerate(parts) if other != index for row in part], model)
            for setting in settings:
                score(setting, model, held)
            print(f"fold {index + 1}/{len(parts)} done ({len(held)} posts)", file=sys.stderr)


def main(description: str, corpus: Path, default_model: Path, train_model: Callable[[list[dict], Path], None],
         measure: Callable[[list[dict]], None]) -> int:
    """The training scripts' command line: ``--cv`` measures on held-out writers first, then the model is trained on the
    whole train split and written (unless ``--no-train``)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--cv", action="store_true", help="measure on held-out writers before training the shipped model")
    parser.add_argument("--model", type=Path, default=default_model)
    parser.add_argument("--no-train", action="store_true", help="with --cv, do not write the shipped model")
    args = parser.parse_args()
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in rows if row.get("split") == "train"]
    if args.cv:
        measure(rows)
    if not args.no_train:
        train_model(rows, args.model)
        print(f"trained on {len(rows)} posts -> {args.model} ({args.model.stat().st_size // 1024} KiB)")
    return 0
