"""The audit chain resists someone who can write to the database but holds neither the key nor the anchors."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from socialrx.server.lib.audit import (
    Anchor,
    AnchorFileError,
    _entry_hash,
    log,
    parse_anchor,
    read_anchors,
    verify_chain,
    write_anchor,
)
from socialrx.server.models import AuditEvent, AuditHead


def raw_sql(sql: str, params: list) -> None:
    """Run SQL past the model, as someone with database access could."""
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=AuditEvent._meta.db_table, head=AuditHead._meta.db_table), params)


def unkeyed_hash(event: AuditEvent) -> str:
    """The hash an attacker without the key can compute."""
    payload = {"prev": event.prev_hash, "action": event.action, "actor_id": event.actor_id, "actor": event.actor_label,
               "at": event.occurred_at.isoformat(), "object_type": event.object_type, "object_id": event.object_id,
               "object_repr": event.object_repr, "revision_hash": event.revision_hash, "data": event.data}  # fmt: skip
    return hashlib.sha256(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


@pytest.fixture
def events(manager) -> list[AuditEvent]:
    return [log("socialrx.token.create", actor=manager, data={"n": n}) for n in range(4)]


@pytest.fixture
def anchors_at(tmp_path, settings):
    settings.SOCIALRX_AUDIT_ANCHOR_FILE = str(tmp_path / "anchors.jsonl")
    return tmp_path / "anchors.jsonl"


def test_deleting_a_person_keeps_the_chain_and_their_name(make_user):
    """Deleting a person leaves their id and name on their events, and the chain still verifies."""
    person = make_user("content_creator", username="leaver")
    event = log("socialrx.token.create", actor=person, obj=person)
    get_user_model().objects.filter(pk=person.pk).delete()
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_id, stored.actor_label) == (person.pk, "leaver")
    assert verify_chain().ok is True


def test_removing_every_entry_but_the_head_is_detected(events):
    """Deleting all entries while the head row stays is reported, not called intact."""
    raw_sql("DELETE FROM {table}", [])
    report = verify_chain()
    assert report.ok is False
    assert report.problem == "the newest entries are missing from the log"


def test_rewritten_entry_with_recomputed_hashes_is_detected(events):
    """Rewriting an entry and every hash after it, without the key, does not verify."""
    target = AuditEvent.objects.get(pk=events[1].pk)
    rows = list(AuditEvent.objects.filter(pk__gte=target.pk).order_by("id"))
    rows[0].data = {"n": "forged"}
    previous = rows[0].prev_hash
    for row in rows:
        row.prev_hash = previous
        row.entry_hash = unkeyed_hash(row)
        raw_sql("UPDATE {table} SET data = %s, prev_hash = %s, entry_hash = %s WHERE id = %s",
                [json.dumps(row.data), row.prev_hash, row.entry_hash, row.pk])
        previous = row.entry_hash
    raw_sql("UPDATE {head} SET last_hash = %s", [previous])
    report = verify_chain()
    assert report.ok is False
    assert report.first_bad_id == target.pk


def test_the_key_decides_the_hash(events, settings):
    """The same entry hashed with another key gives another hash, so the chain fails under a wrong key."""
    event = AuditEvent.objects.get(pk=events[0].pk)
    assert _entry_hash(event) == event.entry_hash
    settings.SOCIALRX_AUDIT_KEY = "another key"
    assert verify_chain().ok is False


def test_unkeyed_entries_may_only_come_first(events):
    """Entries from before the chain was keyed verify; an unkeyed entry after keyed ones is refused."""
    raw_sql("UPDATE {table} SET scheme = 1 WHERE id = %s", [events[-1].pk])
    last = AuditEvent.objects.get(pk=events[-1].pk)
    raw_sql("UPDATE {table} SET entry_hash = %s WHERE id = %s", [unkeyed_hash(last), last.pk])
    raw_sql("UPDATE {head} SET last_hash = %s", [unkeyed_hash(last)])
    report = verify_chain()
    assert (report.ok, report.first_bad_id) == (False, last.pk)
    assert report.problem == f"entry {last.pk} is unkeyed but follows keyed entries"


def test_legacy_unkeyed_log_still_verifies(events):
    """A log written before the key existed (every entry unkeyed) verifies and is counted as legacy."""
    previous = "0" * 64
    for row in AuditEvent.objects.order_by("id"):
        row.scheme, row.prev_hash = 1, previous
        row.entry_hash = unkeyed_hash(row)
        raw_sql("UPDATE {table} SET scheme = 1, prev_hash = %s, entry_hash = %s WHERE id = %s",
                [row.prev_hash, row.entry_hash, row.pk])
        previous = row.entry_hash
    raw_sql("UPDATE {head} SET last_hash = %s", [previous])
    report = verify_chain()
    assert (report.ok, report.legacy) == (True, AuditEvent.objects.count())


def test_anchor_catches_entries_removed_from_the_end(events, anchors_at):
    """Removing the newest entries and moving the head back is caught by the anchor written before."""
    anchor = write_anchor()
    assert anchor.entry_id == events[-1].pk and read_anchors() == [anchor]
    new_last = AuditEvent.objects.get(pk=events[-2].pk)
    raw_sql("DELETE FROM {table} WHERE id = %s", [events[-1].pk])
    raw_sql("UPDATE {head} SET last_hash = %s", [new_last.entry_hash])
    report = verify_chain()
    assert report.ok is False
    assert report.problem.startswith(f"entry {events[-1].pk}, anchored at ")


def test_anchor_is_not_repeated_for_the_same_head(events, anchors_at):
    """Anchoring twice without new entries records the head once."""
    write_anchor()
    write_anchor()
    assert len(read_anchors()) == 1
    assert verify_chain().anchors == 1


def test_damaged_anchor_file_names_the_line(anchors_at):
    """A line that is not an anchor is reported with the file and its line number."""
    anchors_at.write_text('{"id": 1, "hash": "aa", "at": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(AnchorFileError, match=r"anchors.jsonl, line 2: not an anchor"):
        read_anchors()


def test_anchor_given_by_hand_is_checked(events):
    """An ID:HASH anchor that disagrees with the stored entry fails the check."""
    assert verify_chain(anchors=[parse_anchor(f"{events[0].pk}:{events[0].entry_hash}")]).ok is True
    report = verify_chain(anchors=[Anchor(events[0].pk, "f" * 64, "the given anchor")])
    assert report.ok is False and report.first_bad_id == events[0].pk
    with pytest.raises(AnchorFileError, match="is not an anchor like"):
        parse_anchor("12:short")
