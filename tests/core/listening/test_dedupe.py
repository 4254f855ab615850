"""De-duplication: exact and near copies become one story, with stable ids."""

from datetime import UTC, datetime

from socialrx.core.listening.dedupe import Deduplicator, story_id_for
from socialrx.core.listening.mention import Mention

WHEN = datetime(2025, 3, 1, tzinfo=UTC)
ARTICLE = (
    "Regional hospital network reports that its sepsis prediction model cut time to antibiotics by "
    "forty minutes across twelve emergency departments during the first year of deployment"
)


def mention(mention_id: str, text: str, url: str = "") -> Mention:
    return Mention(id=mention_id, text=text, published=WHEN, url=url)


def test_exact_copies_share_a_story():
    """Copies that differ only in handles, links, hashtags, case and punctuation are one story."""
    dedupe = Deduplicator()
    first = dedupe.add(mention("a", "Epic announced HIPAA update today"))
    copy = dedupe.add(mention("b", "@someone epic announced HIPAA update today! https://t.co/xyz #HealthTech"))
    other = dedupe.add(mention("c", "Epic announced an EHR update today"))
    assert first.is_copy is False and copy.is_copy is True
    assert copy.story_id == first.story_id == story_id_for("a")
    assert other.story_id != first.story_id
    assert dedupe.copies(first.story_id) == ("a", "b")


def test_near_duplicate_syndicated_copy_joins_the_story():
    """Syndicated copies with a site tagline or one edited word are near copies of the article."""
    dedupe = Deduplicator()
    original = dedupe.add(mention("a", ARTICLE))
    syndicated = dedupe.add(mention("b", ARTICLE + " Reported by Health News Wire"))
    edited = dedupe.add(mention("e", ARTICLE.replace("forty", "40")))
    assert edited.story_id == original.story_id and edited.is_copy
    unrelated = dedupe.add(mention("c", ARTICLE.split(" cut ")[0] + " was withdrawn after a data breach exposed records"))
    assert syndicated.story_id == original.story_id and syndicated.is_copy
    assert unrelated.story_id != original.story_id


def test_same_url_is_the_same_story():
    """Two items with the same canonical URL are one story even if their snippets differ."""
    dedupe = Deduplicator()
    first = dedupe.add(mention("a", "snippet one", url="https://real.site/a"))
    assert dedupe.add(mention("b", "a different snippet", url="https://real.site/a")).story_id == first.story_id


def test_rerun_gives_same_ids_and_no_duplicates():
    """Feeding the same mentions again, or to a new deduplicator, gives the same story ids."""
    items = [mention(str(i), text) for i, text in enumerate([ARTICLE, ARTICLE + " Updated", "short note", ARTICLE])]
    first_run = Deduplicator()
    ids = [first_run.add(item).story_id for item in items]
    assert [first_run.add(item).story_id for item in items] == ids
    assert first_run.copies(ids[0]) == ("0", "1", "3")
    assert [Deduplicator().add(item).story_id for item in items[:1]] == ids[:1]
    second_run = Deduplicator()
    assert [second_run.add(item).story_id for item in items] == ids


def test_empty_texts_do_not_collapse_together():
    """Mentions without words or URL stay separate stories."""
    dedupe = Deduplicator()
    assert dedupe.add(mention("a", "😀")).story_id != dedupe.add(mention("b", "😀")).story_id
