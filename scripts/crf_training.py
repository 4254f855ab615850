"""What the learned readers' training scripts share (train_phi_tagger.py, train_claim_tagger.py): writer folds and
training a CRFsuite model from labelled posts."""

from __future__ import annotations

import random
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
