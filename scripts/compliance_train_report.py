"""Score the compliance checker on the TRAIN split of the writer corpus, with per-post detail for development.

Run: .venv/bin/python scripts/compliance_train_report.py [--misses] [--fp] [--blockmiss] [--writer NAME ...]

Only records whose "split" is "train" are read; the test split is never opened (see the corpus README).
Prints the same aggregate figures as bench/compliance_quality.py, then optionally the missed PHI spans
(--misses) and the clean or review posts the checker blocks, with the blocking findings (--fp).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from compliance_quality import check_row, expected, per_register, phi_types, report, score  # noqa: E402

TRAIN = ROOT / "tests" / "data" / "compliance" / "train.jsonl"


def main() -> int:
    """Print train-split figures and, on request, the misses and false blocks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="print PHI spans no phi finding overlaps")
    parser.add_argument("--fp", action="store_true", help="print pass/review posts that are blocked")
    parser.add_argument("--blockmiss", action="store_true", help="print block posts that are not blocked")
    parser.add_argument("--writer", action="append", default=None, help="only this writer (repeatable)")
    args = parser.parse_args()
    rows = [json.loads(line) for line in TRAIN.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in rows if row.get("split") == "train" and (args.writer is None or row["writer"] in args.writer)]
    results = [check_row(row) for row in rows]
    report("Train split", score(rows, results))
    per_register(rows, results)
    phi_types(rows, results)
    entity_hits = [
        (row, span) for row, result in zip(rows, results, strict=True) for span in row.get("entities", ())
        if any(f.family == "phi" and f.severity == "block" and f.start < span["end"] and span["start"] < f.end
               for f in result.findings)
    ]
    total = sum(len(row.get("entities", ())) for row in rows)
    print(f"\n  non-PHI entity spans hit by a blocking PHI finding: {len(entity_hits)}/{total}")
    for row, span in entity_hits if args.fp else ():
        print(f"ENT {row['id']} {span['type']}:{span['role']} [{row['text'][span['start']:span['end']]}]")
    for row, result in zip(rows, results, strict=True):
        text = row["text"]
        if args.misses:
            for span in row.get("phi", ()):
                if not any(f.family == "phi" and f.start < span["end"] and span["start"] < f.end for f in result.findings):
                    ctx = text[max(0, span["start"] - 60) : span["end"] + 40].replace("\n", " ")
                    print(f"MISS {row['id']} {span['type']}:{span['role']} [{text[span['start']:span['end']]}]  ...{ctx}...")
        if args.fp and expected(row) != "block" and result.verdict == "block":
            blocking = [f"{f.rule}[{text[f.start:f.end]}]" for f in result.findings if f.severity == "block"]
            print(f"FP {row['id']} ({expected(row)}) {' '.join(blocking)}\n   {text[:300]!r}")
        if args.blockmiss and expected(row) == "block" and result.verdict != "block":
            labels = [f"{s['type']}[{text[s['start']:s['end']]}]" for s in row.get("phi", ())]
            labels += [f"{c['rule'][:3]}[{text[c['start']:c['end']]}]" for c in row.get("claims", ())]
            print(f"BM {row['id']} got {result.verdict}: {' '.join(labels)}\n   {text[:300]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
