"""Score the compliance checker on the TEST split of the writer corpus (posts written independently of its rules).

Run: .venv/bin/python bench/compliance_quality.py [tests/data/compliance/test.jsonl]

Only records whose "split" is "test" are scored; any others in the file are skipped and counted. Each post is
checked as `socialrx check --file` checks it: its own product registry and author relationship, and the
organisation's domain (example.com) as our own.

Definitions:
- Block recall: of the posts labelled `expect_verdict: block`, the share the checker blocks.
- PHI span recall: a labelled `phi` span counts as found when a finding of the `phi` family overlaps it.
- Clean posts blocked: of the posts labelled `pass`, the share the checker blocks.
- Precision: of the posts the checker blocks, the share labelled block.
- Review recall (information): of the posts labelled `review`, the share sent to review or block.
Goals from issue 16: block recall >= 0.97, PHI span recall >= 0.95, clean posts blocked <= 0.05.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.document import Document
from socialrx.core.compliance.engine import check_text
from socialrx.core.compliance.findings import CheckResult

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATH = ROOT / "tests" / "data" / "compliance" / "test.jsonl"
OWN_DOMAINS = ["example.com"]
GOALS = {"block_recall": (">=", 0.97), "phi_span_recall": (">=", 0.95), "clean_blocked": ("<=", 0.05)}


def row_document(row: dict[str, Any]) -> Document:
    """Return a labelled post as the checker reads it: its registry, author relationship and our domain."""
    config = ComplianceConfig.from_dict({"products": row.get("products") or {}, "own_domains": OWN_DOMAINS})
    context = CheckContext(author_relationship=row.get("author_relationship"), is_reply=bool(row.get("is_reply")))
    return Document(row["text"], config, context, row.get("platform"))


def check_row(row: dict[str, Any]) -> CheckResult:
    """Return the checker's result for one labelled post, with its registry and author relationship."""
    doc = row_document(row)
    return check_text(row["text"], config=doc.config, channel=row.get("platform"), context=doc.context)


def expected(row: dict[str, Any]) -> str:
    """Return the labelled verdict (block, review or pass)."""
    return row.get("expect_verdict") or ("block" if row.get("expect_block") else "pass")


def score(rows: list[dict[str, Any]], results: list[CheckResult]) -> dict[str, float]:
    """Return the figures for a set of posts."""
    pairs = list(zip(rows, results, strict=True))
    should = [r for row, r in pairs if expected(row) == "block"]
    clean = [r for row, r in pairs if expected(row) == "pass"]
    review = [r for row, r in pairs if expected(row) == "review"]
    blocked = [expected(row) == "block" for row, r in pairs if r.verdict == "block"]
    spans = [(s, r) for row, r in pairs for s in row.get("phi", ())]
    found = sum(any(f.family == "phi" and f.start < s["end"] and s["start"] < f.end for f in r.findings) for s, r in spans)
    return {
        "posts": len(rows),
        "block_posts": len(should),
        "clean_posts": len(clean),
        "phi_spans": len(spans),
        "block_recall": sum(r.verdict == "block" for r in should) / max(len(should), 1),
        "phi_span_recall": found / max(len(spans), 1),
        "clean_blocked": sum(r.verdict == "block" for r in clean) / max(len(clean), 1),
        "precision": sum(blocked) / max(len(blocked), 1),
        "review_recall": sum(r.verdict in ("review", "block") for r in review) / max(len(review), 1),
    }


def report(title: str, figures: dict[str, float]) -> None:
    """Print the headline figures with their goals."""
    print(f"\n{title}: {figures['posts']:.0f} posts ({figures['block_posts']:.0f} to block, "
          f"{figures['clean_posts']:.0f} clean), {figures['phi_spans']:.0f} PHI spans")  # fmt: skip
    for key in ("block_recall", "phi_span_recall", "clean_blocked", "precision", "review_recall"):
        goal = GOALS.get(key)
        if goal is None:
            print(f"  {key:<16} {figures[key]:6.3f}   (information)")
            continue
        sign, target = goal
        met = figures[key] >= target if sign == ">=" else figures[key] <= target
        print(f"  {key:<16} {figures[key]:6.3f}   goal {sign} {target:.2f}  {'PASS' if met else 'FAIL'}")


def per_register(rows: list[dict[str, Any]], results: list[CheckResult]) -> None:
    """Print block recall, PHI span recall, clean-blocked rate and precision for each register ('-' where a register has
    no post to block, no PHI span, no clean post or no blocked post)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        groups[row.get("register") or "?"].append(index)
    print(f"\n  {'register':<22} {'posts':>5} {'block rec':>9} {'PHI rec':>8} {'clean blk':>9} {'precision':>9}")
    for register, indexes in sorted(groups.items()):
        figures = score([rows[i] for i in indexes], [results[i] for i in indexes])
        blocked = sum(results[i].verdict == "block" for i in indexes)
        print(f"  {register:<22} {figures['posts']:5.0f} {_cell(figures['block_recall'], figures['block_posts'], 9)} "
              f"{_cell(figures['phi_span_recall'], figures['phi_spans'], 8)} "
              f"{_cell(figures['clean_blocked'], figures['clean_posts'], 9)} {_cell(figures['precision'], blocked, 9)}")


def _cell(share: float, count: float, width: int) -> str:
    """Return a share for the table, or '-' when it is a share of nothing."""
    return f"{share:{width}.3f}" if count else f"{'-':>{width}}"


def phi_types(rows: list[dict[str, Any]], results: list[CheckResult]) -> None:
    """Print PHI span recall per identifier type."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row, result in zip(rows, results, strict=True):
        for span in row.get("phi", ()):
            hit = any(f.family == "phi" and f.start < span["end"] and span["start"] < f.end for f in result.findings)
            counts[span["type"]][0] += hit
            counts[span["type"]][1] += 1
    print("\n  PHI span recall by type: " + ", ".join(
        f"{kind} {hit}/{total}" for kind, (hit, total) in sorted(counts.items(), key=lambda item: -item[1][1])))


def false_block_rules(rows: list[dict[str, Any]], results: list[CheckResult]) -> None:
    """Print, for clean and review-only posts that are blocked, how many posts each blocking rule blocks (counts only)."""
    counts: dict[str, int] = defaultdict(int)
    for row, result in zip(rows, results, strict=True):
        if expected(row) != "block" and result.verdict == "block":
            for rule in sorted({f.rule for f in result.findings if f.severity == "block"}):
                counts[rule] += 1
    if counts:
        print("\n  posts not to block, blocked, by blocking rule: " + ", ".join(
            f"{rule} {count}" for rule, count in sorted(counts.items(), key=lambda item: -item[1])))


def post_reader_acts(rows: list[dict[str, Any]], results: list[CheckResult]) -> None:
    """Print how many posts the post-level reader blocked from review, sent from block to review and sent to review when
    nothing was found in them, by label."""
    for verb, marker in (("blocked from review", "Blocked: read as a whole"), ("sent to review from block", "Sent to review rather"),
                         ("sent to review with nothing found", "No rule matched, but read as a whole")):
        counts: dict[str, int] = defaultdict(int)
        for row, result in zip(rows, results, strict=True):
            if any(marker in f.message for f in result.findings):
                counts[expected(row)] += 1
        print(f"\n  post-level reader, {verb}: " + ", ".join(f"{counts[label]} labelled {label}" for label in ("block", "review", "pass")))


def main() -> int:
    """Score the test split and print the figures; always exit 0."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH
    if not path.exists():
        print(f"{path} does not exist: the writer corpus's test split is needed")
        return 0
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in records if row.get("split") == "test"]
    if len(rows) < len(records):
        print(f"skipped {len(records) - len(rows)} records that are not in the test split")
    if not rows:
        print("no test-split records to score")
        return 0
    results = [check_row(row) for row in rows]
    report(f"Test split of {path.name}", score(rows, results))
    per_register(rows, results)
    phi_types(rows, results)
    false_block_rules(rows, results)
    post_reader_acts(rows, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
