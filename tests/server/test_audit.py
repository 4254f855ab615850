"""The audit log: append-only, hash-chained, and checked by verify_chain()."""

from __future__ import annotations

import pytest
from django.db import connection

from socialrx.server.lib.audit import GENESIS_HASH, log, verify_chain
from socialrx.server.models import AuditEvent, AuditHead, AuditLogIsAppendOnly


def raw_sql(sql: str, params: list) -> None:
    """Run SQL past the model, as someone with database access could."""
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=AuditEvent._meta.db_table), params)


@pytest.fixture
def three_events(manager) -> list[AuditEvent]:
    """Three events after the manager's own creation event."""
    return [
        log("socialrx.token.create", actor=manager, obj=manager, data={"name": "first"}),
        log("socialrx.strategy.activate", actor=manager, revision_hash="ab" * 32),
        log("socialrx.user.roles", actor=None, data={"roles": ["Viewer"]}),
    ]


@pytest.mark.django_db
def test_empty_log_is_intact():
    """An empty audit log verifies as intact with nothing checked."""
    report = verify_chain()
    assert (report.ok, report.checked) == (True, 0)


def test_log_appends_a_chained_event(manager):
    """log() records actor, object and data, and links the event to the one before it."""
    previous = AuditEvent.objects.order_by("-id").first()
    event = log("socialrx.user.roles", actor=manager, obj=manager, revision_hash="f" * 64, data={"roles": ["Viewer"]})
    assert event.prev_hash == previous.entry_hash
    assert (event.action, event.actor, event.actor_label) == ("socialrx.user.roles", manager, "manager")
    assert (event.object_type, event.object_id, event.object_repr) == ("user", str(manager.pk), "manager")
    assert event.data == {"roles": ["Viewer"]}
    assert event.occurred_at.tzinfo is not None
    assert AuditHead.objects.get(pk=1).last_hash == event.entry_hash


@pytest.mark.django_db
def test_first_event_follows_the_genesis_hash():
    """The first event of a new log follows the all-zero genesis hash."""
    event = log("socialrx.strategy.upload", data={"number": 1})
    assert event.prev_hash == GENESIS_HASH
    assert event.actor_label == "system"
    assert event.actor is None


def test_log_records_the_system_without_an_actor(three_events):
    """An event without an actor is recorded as done by the system."""
    assert (three_events[2].actor, three_events[2].actor_label) == (None, "system")


def test_intact_chain_verifies(three_events):
    """verify_chain() checks every event and finds the chain intact."""
    report = verify_chain()
    assert report.ok is True
    assert report.checked == AuditEvent.objects.count() == 4


def test_data_is_stored_in_canonical_json(manager):
    """Values that JSON cannot hold (dates, sets of strings) are stored as text and still verify."""
    from datetime import date

    event = log("socialrx.token.create", actor=manager, data={"when": date(2025, 10, 1), "b": 1, "a": 2})
    assert AuditEvent.objects.get(pk=event.pk).data == {"a": 2, "b": 1, "when": "2025-10-01"}
    assert verify_chain().ok is True


def test_edited_entry_is_detected(three_events):
    """Changing an entry's data with raw SQL breaks the chain at that entry."""
    target = three_events[1]
    raw_sql("UPDATE {table} SET actor_label = %s WHERE id = %s", ["someone-else", target.pk])
    report = verify_chain()
    assert report.ok is False
    assert report.first_bad_id == target.pk
    assert report.problem == f"entry {target.pk} was changed after it was written"


def test_edited_entry_with_a_recomputed_hash_is_detected(three_events):
    """Rewriting an entry and its own hash still breaks the link from the next entry."""
    target = three_events[0]
    raw_sql("UPDATE {table} SET data = %s, entry_hash = %s WHERE id = %s", ['{"name": "x"}', "e" * 64, target.pk])
    report = verify_chain()
    assert report.ok is False
    assert report.first_bad_id == target.pk


def test_deleted_entry_is_detected(three_events):
    """Deleting an entry from the middle breaks the link of the entry after it."""
    raw_sql("DELETE FROM {table} WHERE id = %s", [three_events[1].pk])
    report = verify_chain()
    assert report.ok is False
    assert report.first_bad_id == three_events[2].pk
    assert report.problem == f"entry {three_events[2].pk} does not follow the entry before it"


def test_deleted_newest_entry_is_detected(three_events):
    """Deleting the newest entry is caught by the head hash."""
    raw_sql("DELETE FROM {table} WHERE id = %s", [three_events[2].pk])
    report = verify_chain()
    assert report.ok is False
    assert report.problem == "the newest entries are missing from the log"


def test_saving_an_existing_event_is_refused(three_events):
    """AuditEvent.save() on a stored event raises and the stored row stays as it was."""
    event = AuditEvent.objects.get(pk=three_events[0].pk)
    event.actor_label = "someone-else"
    with pytest.raises(AuditLogIsAppendOnly, match="cannot be changed"):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).actor_label == "manager"
    assert verify_chain().ok is True


def test_deleting_an_event_is_refused(three_events):
    """AuditEvent.delete() raises and the event stays."""
    with pytest.raises(AuditLogIsAppendOnly, match="cannot be deleted"):
        three_events[0].delete()
    assert AuditEvent.objects.filter(pk=three_events[0].pk).exists()


@pytest.mark.django_db
def test_unknown_action_is_refused():
    """An action name that is not registered is refused and nothing is written."""
    with pytest.raises(ValueError, match="unknown audit action 'socialrx.post.teleport'"):
        log("socialrx.post.teleport")
    assert AuditEvent.objects.count() == 0


def test_actions_write_one_event_each(manager):
    """Creating a person writes exactly one audit event."""
    assert list(AuditEvent.objects.values_list("action", "object_repr")) == [("socialrx.user.create", "manager")]
