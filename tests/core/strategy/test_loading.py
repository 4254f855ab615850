"""Loading strategy files: the default loads, dumps round-trip, and every bad input is named precisely."""

from __future__ import annotations

import pytest

from socialrx.core.strategy import (
    Strategy,
    StrategyError,
    default_strategy,
    default_strategy_text,
    dump_strategy,
    load_strategy,
    load_strategy_file,
    strategy_hash,
)

MINIMAL = """\
organisation:
  name: Example Health
platforms:
  - key: linkedin
    name: LinkedIn
    content_types:
      - {key: article, name: Articles, cadence: weekly}
content_pillars:
  - {key: education, name: Education, share: 60}
  - {key: news, name: News, share: 40}
"""


def issues_of(text: str) -> list:
    with pytest.raises(StrategyError) as caught:
        load_strategy(text, source="strategy.yaml")
    return list(caught.value.issues)


def only_issue(text: str):
    issues = issues_of(text)
    assert len(issues) == 1, issues
    return issues[0]


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def test_default_strategy_loads() -> None:
    """The shipped default strategy validates and names the seed's four platforms."""
    strategy = default_strategy()
    assert isinstance(strategy, Strategy)
    assert [p.key for p in strategy.platforms] == ["linkedin", "x", "doximity", "youtube"]


def test_dump_then_load_gives_an_equal_strategy() -> None:
    """Dumping the default strategy to YAML and loading it back gives an equal strategy and hash."""
    strategy = default_strategy()
    again = load_strategy(dump_strategy(strategy), source="dumped.yaml")
    assert again == strategy
    assert strategy_hash(again) == strategy_hash(strategy)


def test_minimal_strategy_loads_with_defaults() -> None:
    """A strategy needs only an organisation, platforms and pillars; the rest has defaults."""
    strategy = load_strategy(MINIMAL)
    assert strategy.organisation.timezone == "UTC"
    assert strategy.platform("linkedin").content_types[0].cadence.per_week() == (1.0, 1.0)


def test_bad_yaml_syntax_names_file_and_line() -> None:
    """A YAML syntax error is reported with the file and the line where parsing failed."""
    text = MINIMAL.replace("  - {key: news, name: News, share: 40}", "  - {key: news, name: News, share: 40")
    issue = only_issue(text)
    assert issue.file == "strategy.yaml"
    assert issue.line is not None and issue.line >= line_of(MINIMAL, "key: news")
    assert issue.message.startswith("not valid YAML")
    assert str(issue).startswith(f"strategy.yaml:{issue.line}: (document): not valid YAML")


@pytest.mark.parametrize("text", ["- a\n- b\n", "just a string\n", ""])
def test_document_that_is_not_a_mapping(text: str) -> None:
    """A file whose top level is not a mapping of sections is refused at line 1."""
    issue = only_issue(text)
    assert (issue.line, issue.path) == (1, "")
    assert "must be a YAML mapping" in issue.message


def test_unknown_field_suggests_the_right_spelling() -> None:
    """A misspelt field is reported at its own line with the field it probably means."""
    text = MINIMAL.replace("    name: LinkedIn", "    name: LinkedIn\n    posting_tims: ['09:00']")
    issue = only_issue(text)
    assert issue.line == line_of(text, "posting_tims")
    assert issue.path == "platforms[0].posting_tims"
    assert issue.message == "unknown field (did you mean 'posting_times'?)"


def test_missing_required_field() -> None:
    """A missing required field names the mapping that lacks it."""
    text = MINIMAL.replace("  - {key: news, name: News, share: 40}", "  - {key: news, share: 40}")
    issue = only_issue(text)
    assert (issue.line, issue.path) == (line_of(text, "key: news"), "content_pillars[1].name")
    assert issue.message == "required field is missing"


def test_wrong_type() -> None:
    """A value of the wrong type is reported with its path and pydantic's explanation."""
    text = MINIMAL.replace("share: 40", "share: forty")
    issue = only_issue(text)
    assert (issue.line, issue.path) == (line_of(text, "share: forty"), "content_pillars[1].share")
    assert "valid number" in issue.message


def test_bad_cadence_phrase() -> None:
    """An unreadable cadence says which phrase it could not read and what to write instead."""
    text = MINIMAL.replace("cadence: weekly", "cadence: now and then")
    issue = only_issue(text)
    assert issue.line == line_of(text, "now and then")
    assert issue.path == "platforms[0].content_types[0].cadence"
    assert "cannot read cadence 'now and then'" in issue.message and "'3-4 per week'" in issue.message


def test_bad_deadline() -> None:
    """A follower-target deadline that is not a date, quarter, month or year is refused."""
    text = MINIMAL.replace("    name: LinkedIn", "    name: LinkedIn\n    follower_target: {value: 500, by: Q5 2025}")
    issue = only_issue(text)
    assert (issue.line, issue.path) == (line_of(text, "Q5 2025"), "platforms[0].follower_target.by")
    assert "cannot read deadline 'Q5 2025'" in issue.message


def test_unknown_timezone() -> None:
    """An unknown time zone is refused with an example of an IANA name."""
    text = MINIMAL.replace("  name: Example Health", "  name: Example Health\n  timezone: Mars/Olympus")
    issue = only_issue(text)
    assert (issue.line, issue.path) == (line_of(text, "Mars/Olympus"), "organisation.timezone")
    assert "unknown time zone 'Mars/Olympus'" in issue.message


def test_pillar_shares_must_sum_to_100() -> None:
    """Pillar shares that do not add up to 100% are reported on the content_pillars section."""
    text = MINIMAL.replace("share: 40", "share: 35")
    issue = only_issue(text)
    assert (issue.line, issue.path) == (line_of(text, "content_pillars:"), "content_pillars")
    assert issue.message == "shares sum to 95%, must be 100%"
    assert str(issue) == f"strategy.yaml:{issue.line}: content_pillars: shares sum to 95%, must be 100%"


def test_duplicate_keys_are_reported_not_silently_overwritten() -> None:
    """A key written twice in one mapping is an error at the second occurrence."""
    text = MINIMAL.replace("  name: Example Health", "  name: Example Health\n  name: Other Health")
    issue = only_issue(text)
    assert (issue.line, issue.path) == (line_of(text, "Other Health"), "organisation.name")
    assert issue.message == "duplicate key 'name' (first written on line 2)"


def test_duplicate_platform_keys() -> None:
    """Two platforms with the same key are refused."""
    text = MINIMAL.replace("content_pillars:", "  - {key: linkedin, name: LinkedIn again}\ncontent_pillars:")
    issue = only_issue(text)
    assert issue.path == "platforms"
    assert issue.message == "key 'linkedin' appears more than once"


def test_reference_to_undefined_platform() -> None:
    """A series item on a platform the strategy does not define is reported at that value."""
    text = MINIMAL + "series:\n  - key: tips\n    name: Tips\n    items:\n      - {platform: tiktok, cadence: weekly}\n"
    issue = only_issue(text)
    assert issue.line == line_of(text, "platform: tiktok")
    assert issue.path == "series.tips.items.platform"
    assert issue.message == "'tiktok' is not defined (known: linkedin)"


def test_reference_to_undefined_pillar() -> None:
    """A content type tied to an unknown pillar is reported at that pillar name."""
    text = MINIMAL.replace("cadence: weekly}", "cadence: weekly, pillar: opinion}")
    issue = only_issue(text)
    assert issue.line == line_of(text, "pillar: opinion")
    assert issue.path == "platforms.linkedin.content_types.article.pillar"
    assert issue.message.startswith("'opinion' is not defined (known: education, news)")


def test_reference_to_undefined_role() -> None:
    """A crisis step owned by a role the team does not have is reported at that role."""
    text = MINIMAL + (
        "roles:\n  - {key: manager, name: Manager}\n"
        "crisis:\n  protocol:\n    - {order: 1, name: Respond, owner_roles: [press_officer]}\n"
    )
    issue = only_issue(text)
    assert issue.line == line_of(text, "press_officer")
    assert issue.path == "crisis.protocol.1.roles"
    assert issue.message == "'press_officer' is not defined (known: manager)"


def test_crisis_steps_out_of_order() -> None:
    """Crisis steps must be numbered 1..n in order."""
    text = MINIMAL + "crisis:\n  protocol:\n    - {order: 1, name: Respond}\n    - {order: 3, name: Fix}\n"
    issue = only_issue(text)
    assert (issue.line, issue.path) == (line_of(text, "  protocol:"), "crisis.protocol")
    assert issue.message == "protocol steps must be numbered 1..2 in order, found [1, 3]"


def test_several_errors_are_all_reported_in_line_order() -> None:
    """Every field error in a file is reported at once, sorted by line, duplicates included."""
    text = (
        MINIMAL.replace("  name: Example Health", "  name: Example Health\n  timezone: Nowhere/City")
        .replace("cadence: weekly", "cadence: whenever")
        .replace("share: 40", "share: lots")
        .replace("    name: LinkedIn", "    name: LinkedIn\n    name: LinkedIn")
    )
    issues = issues_of(text)
    assert [i.path for i in issues] == [
        "organisation.timezone",
        "platforms[0].name",
        "platforms[0].content_types[0].cadence",
        "content_pillars[1].share",
    ]
    assert [i.line for i in issues] == sorted(i.line for i in issues)
    assert len(str(StrategyError(issues)).splitlines()) == 4


def test_load_strategy_file_names_the_file(tmp_path) -> None:
    """Loading from a path names that path in every issue; an unreadable path is an issue too."""
    path = tmp_path / "mine.yaml"
    path.write_text(MINIMAL.replace("share: 40", "share: 30"), encoding="utf-8")
    with pytest.raises(StrategyError) as caught:
        load_strategy_file(path)
    assert caught.value.issues[0].file == str(path)
    with pytest.raises(StrategyError, match="cannot read the file"):
        load_strategy_file(tmp_path / "absent.yaml")


def test_default_strategy_text_is_the_shipped_file() -> None:
    """The default text loads to the cached default strategy."""
    assert load_strategy(default_strategy_text()) == default_strategy()


BILLION_LAUGHS = """\
organisation:
  name: Example Health
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
"""


def test_alias_bomb_is_refused_fast_naming_file_and_line() -> None:
    """A few hundred bytes of nested aliases (a 'billion laughs') are refused in well under a second."""
    import time

    started = time.process_time()
    issue = only_issue(BILLION_LAUGHS)
    assert time.process_time() - started < 1.0
    assert issue.file == "strategy.yaml" and issue.line == line_of(BILLION_LAUGHS, "f: &f")
    assert "aliases" in issue.message and "expand" in issue.message


def test_self_referencing_alias_is_refused() -> None:
    """An anchor that contains an alias to itself is refused instead of recursing."""
    issue = only_issue("organisation: &o\n  name: Example Health\n  self: *o\n")
    assert issue.line == 1 and "refers to itself" in issue.message


def test_modest_anchors_and_aliases_still_load() -> None:
    """Reusing a small block through an anchor and an alias is ordinary YAML and keeps working."""
    text = """\
organisation:
  name: Example Health
platforms:
  - key: linkedin
    name: LinkedIn
    content_types: &types
      - {key: article, name: Articles, cadence: weekly}
  - key: x
    name: X
    content_types: *types
content_pillars:
  - {key: education, name: Education, share: 60}
  - {key: news, name: News, share: 40}
"""
    strategy = load_strategy(text, source="strategy.yaml")
    assert [p.key for p in strategy.platforms] == ["linkedin", "x"]
