"""Revision snapshots: the exact content a review approves, and its hash."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def content_hash(snapshot: dict[str, Any]) -> str:
    """Return the SHA-256 of a snapshot in canonical JSON (key order and spacing do not matter)."""
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # surrogatepass: text decoded from JSON escapes may hold a lone surrogate; hash it rather than fail.
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
