"""Build the compliance evaluation corpus from the writer sources.

Read every ``src/<writer>.txt``, check each header and span, and write
``train.jsonl``, ``test.jsonl`` and the counts of ``README.md`` next to this file.  Any mistake stops the
build with ``file:line: message`` and nothing is written.

Usage: ``python3 tests/data/compliance/build.py [--check | --stats]``;
``--check`` compares the committed JSONL with a fresh build instead of writing
it, ``--stats`` prints the count tables of the data card (README.md).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
SOURCE_DIR = CORPUS_DIR / "src"
SPLITS = ("train", "test")
STATS_BEGIN = "<!-- stats:begin -->"
STATS_END = "<!-- stats:end -->"

RULES = {
    "R01": "R01_cure_claim",
    "R02": "R02_guarantee",
    "R03": "R03_absolute_performance",
    "R04": "R04_unsupported_superlative",
    "R05": "R05_unsupported_comparative",
    "R06": "R06_fda_approved_for_cleared",
    "R07": "R07_fda_implied_endorsement",
    "R08": "R08_beyond_indication",
    "R09": "R09_investigational_as_available",
    "R10": "R10_absolute_safety",
    "R11": "R11_benefit_without_risk",
    "R12": "R12_missing_risk_link",
    "R13": "R13_missing_established_name",
    "R14": "R14_uncited_statistic",
    "R15": "R15_unsubstantiated_evidence_claim",
    "R16": "R16_nonhuman_evidence_extrapolation",
    "R17": "R17_wellness_disease_claim",
    "R18": "R18_ai_capability_overclaim",
    "R19": "R19_undisclosed_material_connection",
    "R20": "R20_inadequate_disclosure",
    "R21": "R21_atypical_testimonial",
    "R22": "R22_patient_testimonial_needs_authorization",
    "R23": "R23_patient_media",
    "R24": "R24_review_response_confirms_patient",
    "R25": "R25_unsupported_expert_endorsement",
    "R26": "R26_misinformation_risk",
    "R27": "R27_unsupported_economic_claim",
    "R30": "R30_quasi_identifier_combination",
}
REVIEW_RULES = {"R04", "R14", "R15", "R25", "R27"}

PHI_TYPES = {
    "NAME", "USERNAME", "GEO", "FACILITY", "DATE", "AGE_90_PLUS", "PHONE", "FAX", "EMAIL", "SSN",
    "MRN", "HEALTH_PLAN_ID", "ACCOUNT_NUMBER", "LICENSE_NUMBER", "VEHICLE_ID", "DEVICE_ID", "URL",
    "IP_ADDRESS", "BIOMETRIC", "PHOTO", "OTHER_ID",
}
ENTITY_TYPES = PHI_TYPES | {"ORGANIZATION"}
PHI_ROLES = {"patient", "relative"}
ENTITY_ROLES = {
    "staff", "clinician", "clinician-author", "customer", "commenter", "organisation", "event",
    "public-figure", "author",
}

PLATFORMS = {"linkedin", "x", "doximity", "youtube"}
RELATIONSHIPS = {
    "brand", "employee", "clinician", "paid_influencer", "paid_advisor", "paid_consultant",
    "brand_partner", "gifted_user", "investor", "patient_advocate",
}
REGISTERS = {
    "clinician", "relative", "hospital_marketing", "medtech_marketing", "influencer", "reply",
    "thread", "informal", "obfuscated", "non_native", "compliance_aware", "patient", "academic",
}
PRODUCT_STATUSES = {
    "510k_cleared", "de_novo_granted", "pma_approved", "investigational", "preclinical",
    "general_wellness_app",
}
RX_STATUS = re.compile(r"rx_drug_approved\(established_name=[a-z][a-z-]*\)")
RULE_NEEDS_STATUS = {
    "R06": ("510k_cleared", "de_novo_granted", "general_wellness_app", "investigational", "preclinical"),
    "R09": ("investigational", "preclinical"),
    "R17": ("general_wellness_app",),
    "R13": ("rx_drug_approved",),
}
X_LIMIT = 280
WRITER_NAME = re.compile(r"[a-z][a-z0-9_]*")
PHI_OPEN = re.compile(r"\[\[([A-Z_0-9]+):([a-z-]+)\|")
CLAIM_OPEN = re.compile(r"\{\{(R\d\d(?:_[a-z_]+)?(?:,R\d\d(?:_[a-z_]+)?)*)\|")
MARKER_TOKENS = ("[[", "]]", "{{", "}}")
TITLE = re.compile(r"(?i)(Mr|Mrs|Ms|Mx|Dr|Miss)\.?\s")
CUE_WORD = re.compile(r"(?i)(mrn|dob|d\.o\.b\.|serial|s/n|sn|acct|account|ssn|tel|phone|fax|member id|id|#)\b")


class CorpusError(Exception):
    """A mistake in a source file, reported as ``file:line: message``."""


@dataclass
class Post:
    """One post as read from a source file, before its spans are resolved."""

    path: Path
    line: int
    header: dict[str, str]
    verdict: str
    body_lines: list[tuple[int, str]] = field(default_factory=list)


def fail(path: Path, line: int, message: str) -> CorpusError:
    """Return a CorpusError naming the source file and line."""
    return CorpusError(f"{path.parent.name}/{path.name}:{line}: {message}")


def parse_key_values(path: Path, line: int, text: str) -> dict[str, str]:
    """Parse ``key=value`` words; ``products=`` takes the rest of the line."""
    values: dict[str, str] = {}
    rest = text.strip()
    while rest:
        if rest.startswith("products="):
            values["products"] = rest[len("products="):].strip()
            break
        word, _, rest = rest.partition(" ")
        rest = rest.strip()
        key, sep, value = word.partition("=")
        if not sep or not value:
            raise fail(path, line, f"expected key=value, got {word!r}")
        if key in values:
            raise fail(path, line, f"key {key!r} given twice")
        values[key] = value
    return values


def parse_products(path: Path, line: int, text: str) -> dict[str, str]:
    """Parse ``Name:status;Name:status`` into a product registry for one post."""
    products: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(";"))):
        name, sep, status = item.rpartition(":")
        name = name.strip()
        if not sep or not name:
            raise fail(path, line, f"product {item!r} must be Name:status")
        if status not in PRODUCT_STATUSES and not RX_STATUS.fullmatch(status):
            raise fail(path, line, f"unknown regulatory status {status!r} for {name!r}")
        if name in products:
            raise fail(path, line, f"product {name!r} listed twice")
        products[name] = status
    return products


def read_source(path: Path) -> tuple[dict[str, str], list[Post]]:
    """Split one writer file into its file header and its posts."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if not lines or not lines[0].startswith("#! "):
        raise fail(path, 1, "first line must be the file header '#! split=… platform=… rel=… register=…'")
    defaults = parse_key_values(path, 1, lines[0][3:])
    posts: list[Post] = []
    for number, text in enumerate(lines[1:], start=2):
        if text.startswith("## "):
            verdict, _, rest = text[3:].strip().partition(" ")
            posts.append(Post(path, number, parse_key_values(path, number, rest), verdict))
        elif text.startswith("#%"):
            continue
        elif posts:
            posts[-1].body_lines.append((number, text))
        elif text.strip():
            raise fail(path, number, "text before the first '## ' post header")
    return defaults, posts


def resolve_rules(path: Path, line: int, codes: str) -> list[str]:
    """Turn ``R01`` or ``R01_cure_claim`` (comma-separated) into full rule ids."""
    rules = []
    for code in codes.split(","):
        short = code[:3]
        if short not in RULES or code not in (short, RULES[short]):
            raise fail(path, line, f"unknown rule {code!r}")
        rules.append(short)
    return rules


def open_marker(path: Path, line: int, raw: str, at: int) -> tuple[dict, int]:
    """Parse the opening of a ``[[TYPE:role|`` or ``{{Rnn|`` marker at ``raw[at]``."""
    if raw.startswith("[[", at):
        match = PHI_OPEN.match(raw, at)
        if not match:
            raise fail(path, line, f"bad span opening {raw[at:at + 30]!r}; expected [[TYPE:role|")
        kind, role = match.group(1), match.group(2)
        if role in PHI_ROLES and kind not in PHI_TYPES:
            raise fail(path, line, f"unknown PHI type {kind!r}")
        if role in ENTITY_ROLES and kind not in ENTITY_TYPES:
            raise fail(path, line, f"unknown entity type {kind!r}")
        if role not in PHI_ROLES | ENTITY_ROLES:
            raise fail(path, line, f"unknown role {role!r}")
        return {"close": "]]", "type": kind, "role": role}, match.end()
    match = CLAIM_OPEN.match(raw, at)
    if not match:
        raise fail(path, line, f"bad span opening {raw[at:at + 30]!r}; expected {{{{Rnn|")
    return {"close": "}}", "rules": resolve_rules(path, line, match.group(1))}, match.end()


def check_span_text(path: Path, line: int, marker: dict, span_text: str) -> None:
    """Refuse empty spans, outer spaces, cue words inside IDs and titles inside names."""
    if not span_text.strip() or span_text != span_text.strip():
        raise fail(path, line, f"span {span_text!r} is empty or has outer spaces")
    kind = marker.get("type")
    if kind and kind != "NAME" and CUE_WORD.match(span_text):
        raise fail(path, line, f"span {span_text!r} must not include its cue word")
    if kind == "NAME" and TITLE.match(span_text):
        raise fail(path, line, f"name {span_text!r} must not include the title")


def body_lines(post: Post) -> list[tuple[int, str]]:
    """Return the post's lines without leading and trailing blank lines."""
    lines = post.body_lines
    while lines and not lines[-1][1].strip():
        lines = lines[:-1]
    while lines and not lines[0][1].strip():
        lines = lines[1:]
    if not lines:
        raise fail(post.path, post.line, "post has no text")
    return lines


def resolve_spans(post: Post) -> tuple[str, list[dict], list[dict], list[dict]]:
    """Strip the markup from a post body and return its text, PHI, entities and claims."""
    text = ""
    stack: list[dict] = []
    phi, entities, claims = [], [], []
    for index, (line, raw) in enumerate(body_lines(post)):
        text += "\n" if index else ""
        at = 0
        while at < len(raw):
            if raw.startswith(("[[", "{{"), at):
                marker, at = open_marker(post.path, line, raw, at)
                stack.append({**marker, "start": len(text), "line": line})
                continue
            if not raw.startswith(("]]", "}}"), at):
                text += raw[at]
                at += 1
                continue
            if not stack or stack[-1]["close"] != raw[at:at + 2]:
                raise fail(post.path, line, f"unmatched {raw[at:at + 2]!r}")
            marker = stack.pop()
            check_span_text(post.path, line, marker, text[marker["start"]:])
            span = {"start": marker["start"], "end": len(text)}
            if "rules" in marker:
                claims.extend({**span, "rule": RULES[code]} for code in marker["rules"])
            else:
                target = phi if marker["role"] in PHI_ROLES else entities
                target.append({**span, "type": marker["type"], "role": marker["role"]})
            at += 2
    if stack:
        raise fail(post.path, stack[-1]["line"], "span opened here is never closed")
    for token in MARKER_TOKENS:
        if token in text:
            raise fail(post.path, post.line, f"post text contains the marker characters {token!r}")
    return text, phi, entities, claims


def expected_verdict(phi: list[dict], claims: list[dict]) -> str:
    """Return block, review or pass as the labelling guide defines them."""
    rules = {claim["rule"][:3] for claim in claims}
    if phi or rules - REVIEW_RULES:
        return "block"
    return "review" if rules else "pass"


def check_products(post: Post, products: dict[str, str], claims: list[dict]) -> None:
    """Refuse status rules that the post's product registry cannot support."""
    statuses = {status.split("(")[0] for status in products.values()}
    for claim in claims:
        needed = RULE_NEEDS_STATUS.get(claim["rule"][:3])
        if needed and not statuses & set(needed):
            raise fail(post.path, post.line, f"{claim['rule']} needs a product with status {needed}")


def build_record(writer: str, number: int, defaults: dict[str, str], post: Post) -> dict:
    """Turn one parsed post into its JSONL record, checking header and verdict."""
    header = {**{k: v for k, v in defaults.items() if k != "split"}, **post.header}
    unknown = set(header) - {"platform", "rel", "register", "products"}
    if unknown:
        raise fail(post.path, post.line, f"unknown header keys {sorted(unknown)}")
    for key, allowed in (("platform", PLATFORMS), ("rel", RELATIONSHIPS), ("register", REGISTERS)):
        if header.get(key) not in allowed:
            raise fail(post.path, post.line, f"{key}={header.get(key)!r} is not one of {sorted(allowed)}")
    if post.verdict not in ("block", "review", "pass"):
        raise fail(post.path, post.line, f"verdict {post.verdict!r} must be block, review or pass")
    products = parse_products(post.path, post.line, header.get("products", ""))
    text, phi, entities, claims = resolve_spans(post)
    check_products(post, products, claims)
    if header["platform"] == "x" and header["register"] != "thread" and len(text) > X_LIMIT:
        raise fail(post.path, post.line, f"x post of {len(text)} characters is over {X_LIMIT} and not a thread")
    derived = expected_verdict(phi, claims)
    if derived != post.verdict:
        raise fail(post.path, post.line, f"header says {post.verdict} but the spans make it {derived}")
    return {
        "id": f"{writer}-{number:03d}",
        "writer": writer,
        "split": defaults["split"],
        "register": header["register"],
        "platform": header["platform"],
        "author_relationship": header["rel"],
        "products": products,
        "text": text,
        "phi": sorted(phi, key=lambda s: (s["start"], s["end"])),
        "entities": sorted(entities, key=lambda s: (s["start"], s["end"])),
        "claims": sorted(claims, key=lambda s: (s["start"], s["end"], s["rule"])),
        "expect_block": derived == "block",
        "expect_verdict": derived,
    }


def build_corpus(source_dir: Path = SOURCE_DIR) -> dict[str, list[dict]]:
    """Read every writer file and return the records of each split, in id order."""
    corpus: dict[str, list[dict]] = {split: [] for split in SPLITS}
    seen_texts: dict[str, str] = {}
    statuses: dict[str, tuple[str, str]] = {}
    for path in sorted(source_dir.glob("*.txt")):
        writer = path.stem
        if not WRITER_NAME.fullmatch(writer):
            raise fail(path, 1, f"writer file name {writer!r} must be lower_snake_case")
        defaults, posts = read_source(path)
        if defaults.get("split") not in SPLITS:
            raise fail(path, 1, f"split must be one of {SPLITS}")
        for number, post in enumerate(posts, start=1):
            record = build_record(writer, number, defaults, post)
            key = " ".join(record["text"].lower().split())
            if key in seen_texts:
                raise fail(path, post.line, f"same text as {seen_texts[key]}")
            seen_texts[key] = record["id"]
            for name, status in record["products"].items():
                first = statuses.setdefault(name, (status, record["id"]))
                if first[0] != status:
                    raise fail(path, post.line, f"{name} is {status} here but {first[0]} in {first[1]}")
            corpus[defaults["split"]].append(record)
    return corpus


def render(records: list[dict]) -> str:
    """Serialise records as JSONL, one record a line."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def count_table(title: str, counts: dict[str, Counter]) -> list[str]:
    """Render one markdown table of counts per key, with a column per split and a total."""
    keys = sorted(set().union(*counts.values()))
    lines = [f"| {title} | train | test | total |", "|---|---:|---:|---:|"]
    for key in keys:
        train, test = counts["train"][key], counts["test"][key]
        lines.append(f"| {key} | {train} | {test} | {train + test} |")
    return lines + [""]


def stats_markdown(corpus: dict[str, list[dict]]) -> str:
    """Return the data card's count tables for the corpus."""
    tables = {
        "posts": lambda r: ["posts"],
        "expect_verdict": lambda r: [r["expect_verdict"]],
        "writer": lambda r: [r["writer"]],
        "register": lambda r: [r["register"]],
        "platform": lambda r: [r["platform"]],
        "PHI type (spans)": lambda r: [span["type"] for span in r["phi"]],
        "PHI role (spans)": lambda r: [span["role"] for span in r["phi"]],
        "non-PHI entity role (spans)": lambda r: [span["role"] for span in r["entities"]],
        "claim rule (spans)": lambda r: [claim["rule"] for claim in r["claims"]],
    }
    lines: list[str] = []
    for title, keys_of in tables.items():
        counts = {split: Counter(key for record in records for key in keys_of(record))
                  for split, records in corpus.items()}
        lines += count_table(title, counts)
    return "\n".join(lines)


def readme_with_stats(readme: str, stats: str) -> str:
    """Return the data card with its count section replaced by ``stats``."""
    head, begin, rest = readme.partition(STATS_BEGIN)
    _, end, tail = rest.partition(STATS_END)
    if not begin or not end:
        raise CorpusError(f"README.md: missing the {STATS_BEGIN} / {STATS_END} markers")
    return f"{head}{STATS_BEGIN}\n{stats}\n{STATS_END}{tail}"


def expected_files(corpus: dict[str, list[dict]]) -> dict[Path, str]:
    """Return the content every built file should have: both splits and the data card."""
    files = {CORPUS_DIR / f"{split}.jsonl": render(records) for split, records in corpus.items()}
    readme = CORPUS_DIR / "README.md"
    files[readme] = readme_with_stats(readme.read_text(encoding="utf-8"), stats_markdown(corpus))
    return files


def main(argv: list[str]) -> int:
    """Write (or with --check, compare) the splits and the data card's counts."""
    try:
        corpus = build_corpus()
        files = expected_files(corpus)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if "--stats" in argv:
        print(stats_markdown(corpus))
        return 0
    stale = [path.name for path, content in files.items()
             if not path.exists() or path.read_text(encoding="utf-8") != content]
    if "--check" not in argv:
        for path, content in files.items():
            path.write_text(content, encoding="utf-8")
    for split, records in corpus.items():
        print(f"{split}: {len(records)} posts")
    if stale and "--check" in argv:
        print(f"out of date: {', '.join(stale)}; run build.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
