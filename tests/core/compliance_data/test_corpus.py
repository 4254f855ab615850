"""The compliance evaluation corpus: committed JSONL matches its sources, splits by writer, meets its targets."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parents[2] / "data" / "compliance"
BUILD_SCRIPT = CORPUS_DIR / "build.py"


def load_build_module():
    spec = importlib.util.spec_from_file_location("compliance_corpus_build", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = load_build_module()


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[dict]]:
    return build.build_corpus()


def committed(split: str) -> list[dict]:
    lines = (CORPUS_DIR / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_committed_jsonl_equals_a_fresh_build(corpus):
    """train.jsonl and test.jsonl are byte-for-byte what build.py makes from src/."""
    for split, records in corpus.items():
        assert (CORPUS_DIR / f"{split}.jsonl").read_text(encoding="utf-8") == build.render(records)


def test_readme_counts_are_those_of_the_build(corpus):
    """The Counts section of the data card is exactly what build.py writes there."""
    readme = CORPUS_DIR / "README.md"
    expected = build.readme_with_stats(readme.read_text(encoding="utf-8"), build.stats_markdown(corpus))
    assert readme.read_text(encoding="utf-8") == expected


def test_build_check_runs_as_a_command():
    """`python3 build.py --check` exits 0 and reports the post count of each split."""
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "train:" in result.stdout and "test:" in result.stdout


def test_train_and_test_writers_are_disjoint():
    """No writer has posts in both splits, and every record's split matches its file."""
    writers = {split: {record["writer"] for record in committed(split)} for split in build.SPLITS}
    assert writers["train"].isdisjoint(writers["test"])
    for split in build.SPLITS:
        assert {record["split"] for record in committed(split)} == {split}


def test_counts_meet_the_targets():
    """At least 1,100 posts from 12+ writers, 450+ held out by writer, about 45/15/40 block/review/pass.

    The train split grows as writers are added (each is first scored as unseen, then used for development); the
    test split grows only by new held-out writers (five first, 473 posts; four more in the fifth round, 808 posts; four
    more in the tenth, 1,165 posts; four more in the twelfth, 1,522 posts; four more in the sixteenth, 1,898 posts; four
    more in the twenty-eighth, 2,281 posts; two more in the thirty-fifth, when the share fell to 14.6%, 2,501 posts), so
    its share moves between the first 30% and the floor of 15% below which new test writers are due.
    """
    records = committed("train") + committed("test")
    assert len(records) >= 1100
    assert len({record["writer"] for record in records}) >= 12
    # The held-out side is measured by its own size: 450+ posts from 5+ writers, and at least 15% of the corpus.
    test = committed("test")
    assert len(test) >= 450 and len({record["writer"] for record in test}) >= 5
    assert 0.15 <= len(test) / len(records) <= 0.35
    verdicts = Counter(record["expect_verdict"] for record in records)
    assert 0.40 <= verdicts["block"] / len(records) <= 0.50
    assert 0.12 <= verdicts["review"] / len(records) <= 0.20
    assert 0.35 <= verdicts["pass"] / len(records) <= 0.48


def test_every_rule_and_common_identifier_appears_in_both_splits():
    """Each text rule and each frequent PHI type is represented in train and in test."""
    frequent_types = {"NAME", "USERNAME", "GEO", "FACILITY", "DATE", "AGE_90_PLUS", "PHONE", "EMAIL", "MRN",
                      "HEALTH_PLAN_ID", "ACCOUNT_NUMBER", "LICENSE_NUMBER", "DEVICE_ID", "URL", "IP_ADDRESS"}
    for split in build.SPLITS:
        records = committed(split)
        rules = {claim["rule"] for record in records for claim in record["claims"]}
        types = {span["type"] for record in records for span in record["phi"]}
        assert set(build.RULES.values()) <= rules, sorted(set(build.RULES.values()) - rules)
        assert frequent_types <= types, sorted(frequent_types - types)


def test_labels_are_consistent_with_the_verdict():
    """Spans lie inside the text without outer spaces; PHI roles are patient or relative; verdict follows the spans."""
    for record in committed("train") + committed("test"):
        text = record["text"]
        for span in record["phi"] + record["entities"] + record["claims"]:
            covered = text[span["start"]:span["end"]]
            assert covered and covered == covered.strip(), (record["id"], span)
        assert {span["role"] for span in record["phi"]} <= build.PHI_ROLES
        assert record["expect_verdict"] == build.expected_verdict(record["phi"], record["claims"])
        assert record["expect_block"] is (record["expect_verdict"] == "block")


def write_source(tmp_path: Path, body: str) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    (source / "writer_one.txt").write_text(
        "#! split=train platform=x rel=brand register=reply\n" + body, encoding="utf-8"
    )
    return source


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("## block\nMeet [[NAME:patient|Ann Lee]] today\n", None),
        ("## pass\nMeet [[NAME:patient|Ann Lee]] today\n", "src/writer_one.txt:2: header says pass but the spans make it block"),
        ("## block\nMeet [[NAME:patient|Ann Lee today\n", "src/writer_one.txt:3: span opened here is never closed"),
        ("## block\nIt {{R99|cures}} all\n", "src/writer_one.txt:3: unknown rule 'R99'"),
        ("## block\nCall [[PHONE:neighbour|555-0100]]\n", "src/writer_one.txt:3: unknown role 'neighbour'"),
        ("## block\nMRN [[MRN:patient|MRN 4471902]]\n", "src/writer_one.txt:3: span 'MRN 4471902' must not include"),
        ("## block\nHi [[NAME:patient|Mr. Patel]]\n", "src/writer_one.txt:3: name 'Mr. Patel' must not include the title"),
        ("## block platform=tiktok\nHi [[NAME:patient|Ann]]\n", "src/writer_one.txt:2: platform='tiktok' is not one of"),
        ("## block\nX is {{R06|FDA approved}}\n", "src/writer_one.txt:2: R06_fda_approved_for_cleared needs a product"),
    ],
)
def test_source_mistakes_are_reported_with_file_and_line(tmp_path, body, message):
    """A bad header or span stops the build with file:line and the reason; a good post builds."""
    source = write_source(tmp_path, body)
    if message is None:
        assert len(build.build_corpus(source)["train"]) == 1
        return
    with pytest.raises(build.CorpusError) as error:
        build.build_corpus(source)
    assert str(error.value).startswith(message)


def test_a_product_keeps_one_regulatory_status(tmp_path):
    """A product listed with two different statuses is an error naming the earlier post."""
    source = write_source(
        tmp_path, "## pass products=Acme AI:510k_cleared\nOne\n## pass products=Acme AI:pma_approved\nTwo\n"
    )
    with pytest.raises(build.CorpusError, match="Acme AI is pma_approved here but 510k_cleared in writer_one-001"):
        build.build_corpus(source)


def test_duplicate_text_across_writers_is_refused(tmp_path):
    """The same post text twice (ignoring case and spacing) is an error naming the first copy."""
    source = write_source(tmp_path, "## pass\nHello  world\n## pass\nhello world\n")
    with pytest.raises(build.CorpusError, match="same text as writer_one-001"):
        build.build_corpus(source)
