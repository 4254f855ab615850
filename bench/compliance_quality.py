"""Score the compliance checker on the labelled development posts.

Run: .venv/bin/python bench/compliance_quality.py [path/to/compliance-dev.jsonl]

Definitions (matching the file's labels):
- PHI span recall: a labelled `phi` span counts as found when any finding of the `phi` family overlaps it.
- Blocked share: of the posts with `expect_block: true`, the share whose verdict is `block`.
- Post-level precision: of the posts whose verdict is `block`, the share with `expect_block: true`.
Also printed, for information: claim-span recall (any finding overlapping a labelled `claims` span), the
false-block rate on the compliant posts, and the same figures for the held-out split alone.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.engine import check_text
from socialrx.core.compliance.findings import CheckResult

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "shared" / "data" / "compliance-dev.jsonl"
# The dev file's product statuses that are not registry statuses, mapped onto the nearest registry status.
STATUS_ALIASES = {"general_wellness_app": "not_a_device", "preclinical": "investigational"}
# The organisation behind the posts publishes from example.com (its IFU, safety and contact pages).
OWN_DOMAINS = ["example.com"]
TARGETS = {"phi_span_recall": 0.95, "blocked_share": 1.0, "post_precision": 0.85}


def product_from_label(name: str, label: str) -> dict[str, Any]:
    """Return registry data for a product label such as 'rx_drug_approved(established_name=x)'."""
    match = re.fullmatch(r"(\w+)(?:\(established_name=([^)]+)\))?", label)
    if match is None:
        raise ValueError(f"unreadable product status {label!r} for {name}")
    status = STATUS_ALIASES.get(match.group(1), match.group(1))
    return {"name": name, "regulatory_status": status, "established_name": match.group(2)}


def check_row(row: dict[str, Any]) -> CheckResult:
    """Return the checker's result for one labelled post."""
    config = ComplianceConfig.from_dict(
        {"products": [product_from_label(n, s) for n, s in row["products"].items()], "own_domains": OWN_DOMAINS}
    )
    context = CheckContext(author_relationship=row.get("author_relationship"))
    return check_text(row["text"], config=config, channel=row.get("platform"), context=context)


def overlaps(span: dict[str, Any], result: CheckResult, families: set[str]) -> bool:
    """Return whether any finding of the given families overlaps a labelled span."""
    return any(f.family in families and f.start < span["end"] and span["start"] < f.end for f in result.findings)


def score(rows: list[dict[str, Any]], results: list[CheckResult]) -> dict[str, float]:
    """Return recall, blocked share, precision and the informational figures for a set of posts."""
    phi = [(s, r) for row, r in zip(rows, results, strict=True) for s in row["phi"]]
    claims = [(s, r) for row, r in zip(rows, results, strict=True) for s in row["claims"]]
    should = [r for row, r in zip(rows, results, strict=True) if row["expect_block"]]
    clean = [r for row, r in zip(rows, results, strict=True) if not row["expect_block"]]
    blocked = [row["expect_block"] for row, r in zip(rows, results, strict=True) if r.verdict == "block"]
    return {
        "phi_span_recall": sum(overlaps(s, r, {"phi"}) for s, r in phi) / max(len(phi), 1),
        "blocked_share": sum(r.verdict == "block" for r in should) / max(len(should), 1),
        "post_precision": sum(blocked) / max(len(blocked), 1),
        "claim_span_recall": sum(overlaps(s, r, {"claims", "disclosure", "phi"}) for s, r in claims) / max(len(claims), 1),
        "false_block_rate": sum(r.verdict == "block" for r in clean) / max(len(clean), 1),
        "phi_spans": len(phi),
        "posts": len(rows),
    }


def report(title: str, figures: dict[str, float]) -> None:
    """Print one block of figures with PASS/FAIL against the targets."""
    print(f"\n{title}: {int(figures['posts'])} posts, {int(figures['phi_spans'])} PHI spans")
    for key in ("phi_span_recall", "blocked_share", "post_precision"):
        target = TARGETS[key]
        verdict = "PASS" if figures[key] >= target else "FAIL"
        print(f"  {key:<18} {figures[key]:6.3f}   target >= {target:.2f}  ratio {figures[key] / target:5.2f}  {verdict}")
    print(f"  {'claim_span_recall':<18} {figures['claim_span_recall']:6.3f}   (information)")
    print(f"  {'false_block_rate':<18} {figures['false_block_rate']:6.3f}   (information, compliant posts blocked)")


def main() -> int:
    """Score the file and print the figures; always exit 0."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = [check_row(row) for row in rows]
    report(f"All posts in {path.name}", score(rows, results))
    held = [(row, r) for row, r in zip(rows, results, strict=True) if row.get("split") == "heldout"]
    if held:
        report("Held-out split only", score([h[0] for h in held], [h[1] for h in held]))
    misses = [row["id"] for row, r in zip(rows, results, strict=True) if (r.verdict == "block") != row["expect_block"]]
    print(f"\nposts whose block decision disagrees with the label: {', '.join(misses) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
