"""Writes on listening: sources, queries, polling, CSV import, manual entry, alerts and crisis mode."""

from __future__ import annotations

import csv
import io
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncHour
from django.urls import reverse
from django.utils.timezone import now

from socialrx.connectors.errors import ConnectorError, Disconnected, RateLimited, ReauthRequired
from socialrx.connectors.feeds import FeedValidators, fetch_feed
from socialrx.connectors.registry import listening_connector
from socialrx.core.http_urls import is_http_url, require_http_url
from socialrx.core.listening.matcher import QuerySet
from socialrx.core.listening.mention import Mention
from socialrx.core.listening.trends import detect_spikes
from socialrx.server.actions import ActionError, optional_http_url
from socialrx.server.actions.publishing import do_pause_publishing
from socialrx.server.actions.relationships import link_new_mentions
from socialrx.server.lib.access import active_strategy_version, require_capability
from socialrx.server.lib.audit import log
from socialrx.server.lib.fetching import fetch_policy
from socialrx.server.lib.listening_queries import (
    QuerySpec,
    active_query_set,
    any_of,
    default_query_specs,
    query_problem,
)
from socialrx.server.lib.listening_store import StoreReport, process_and_store
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.lib.notify import holders_of, notify
from socialrx.server.models import (
    Alert,
    AlertKind,
    AlertRule,
    AlertStatus,
    ListeningQuery,
    ListeningSource,
    MentionMatch,
    SourceKind,
    StoredMention,
)

MAX_BACKOFF = timedelta(hours=24)
SPIKE_HISTORY = timedelta(days=35)
CSV_FIELDS = ("id", "text", "title", "author", "url", "published", "lang")
SAFETY_WORDS = ('adverse', '"adverse event"', '"side effect"', '"side effects"', "injur*", "harm*", "death*", "died",
                "misdiagnos*", "recall*", "malfunction*", '"patient safety"', "unsafe", "overdose*")  # fmt: skip


@dataclass(frozen=True)
class PollOutcome:
    """One poll of one source: what was stored, or the error and when the next poll is."""

    source_id: int
    ok: bool
    not_modified: bool = False
    stored: int = 0
    error: str = ""
    next_poll_at: datetime | None = None


# Sources


def check_source(kind: str, name: str, url: str, search_query: str) -> None:
    """Validate a source's settings (raise ActionError)."""
    if kind not in SourceKind.values:
        raise ActionError(f"kind: {kind!r} is not one of {', '.join(SourceKind.values)}")
    if not name.strip():
        raise ActionError("name: give the source a name")
    if (kind in (SourceKind.RSS, SourceKind.GOOGLE_ALERTS) or url.strip()) and not is_http_url(url):
        raise ActionError("url: a feed or API host needs an http:// or https:// address")
    if kind == SourceKind.X_SEARCH:
        problems = listening_connector("x_search", bearer_token="-").validate_query(search_query)
        if problems:
            raise ActionError(f"search query: {problems[0]}")


def create_source(user, *, name: str, kind: str, url: str = "", search_query: str = "", poll_minutes: int = 15) -> ListeningSource:
    """Add a listening source; polled sources are due at once."""
    require_capability(user, "manage_listening")
    check_source(kind, name, url, search_query)
    if ListeningSource.objects.filter(name=name.strip()).exists():
        raise ActionError(f"name: there is already a source called {name.strip()!r}")
    with transaction.atomic():
        source = ListeningSource.objects.create(name=name.strip(), kind=kind, url=url.strip(), search_query=search_query.strip(),
                                                poll_minutes=max(5, poll_minutes), created_at=now(), next_poll_at=now())
        log("socialrx.listening.source_add", actor=user, obj=source, data={"kind": kind, "url": source.url})
    return source


def set_source_enabled(user, source_id: int, enabled: bool) -> ListeningSource:
    """Pause or resume polling a source (resuming clears its back-off)."""
    require_capability(user, "manage_listening")
    with transaction.atomic():
        source = ListeningSource.objects.select_for_update().get(pk=source_id)
        source.enabled = enabled
        if enabled:
            source.error_count, source.next_poll_at = 0, now()
        source.save(update_fields=["enabled", "error_count", "next_poll_at"])
        log("socialrx.listening.source_edit", actor=user, obj=source, data={"enabled": enabled})
    return source


def _source_named(name: str, kind: str) -> ListeningSource:
    source, _ = ListeningSource.objects.get_or_create(name=name, defaults={"kind": kind, "created_at": now()})
    return source


# Queries


def _check_query(key: str, name: str, text: str) -> None:
    if not key.strip() or not name.strip():
        raise ActionError("name: give the query a name")
    problem = query_problem(text)
    if problem is not None:
        raise QueryTextError(problem.message, problem.position, problem.caret)


class QueryTextError(ActionError):
    """Query text that does not parse; carries the position and a caret display."""

    def __init__(self, message: str, position: int, caret: str) -> None:
        super().__init__(f"query: {message} (at character {position})")
        self.position = position
        self.caret = caret


def save_query(user, *, key: str, name: str, text: str, kind: str = "custom", enabled: bool = True,
               query_id: int | None = None) -> ListeningQuery:
    """Create or edit a saved query after checking its syntax."""
    require_capability(user, "manage_listening")
    from django.utils.text import slugify

    key = slugify(key or name)
    _check_query(key, name, text)
    stamp = now()
    with transaction.atomic():
        if query_id is None:
            if ListeningQuery.objects.filter(key=key).exists():
                raise ActionError(f"name: a query with the key {key!r} exists already")
            query = ListeningQuery.objects.create(key=key, name=name.strip(), text=text.strip(), kind=kind,
                                                  enabled=enabled, created_at=stamp, updated_at=stamp)
        else:
            query = ListeningQuery.objects.select_for_update().get(pk=query_id)
            query.name, query.text, query.enabled, query.updated_at = name.strip(), text.strip(), enabled, stamp
            query.save(update_fields=["name", "text", "enabled", "updated_at"])
        log("socialrx.listening.query_save", actor=user, obj=query, data={"text": query.text, "enabled": enabled})
    return query


def _create_default(spec: QuerySpec, stamp: datetime) -> bool:
    _, created = ListeningQuery.objects.get_or_create(
        key=spec.key,
        defaults={"name": spec.name, "text": spec.text, "kind": spec.kind, "is_own_brand": spec.is_own_brand,
                  "created_at": stamp, "updated_at": stamp},
    )
    return created


def ensure_default_queries(user=None) -> int:
    """Create the strategy's default queries and alert rules that are missing; return how many queries were added."""
    if user is not None:
        require_capability(user, "manage_listening")
    version = active_strategy_version()
    if version is None:
        return 0
    strategy = strategy_of(version)
    stamp = now()
    with transaction.atomic():
        added = sum(_create_default(spec, stamp) for spec in default_query_specs(strategy))
        _ensure_default_rules(strategy, stamp)
        if added:
            log("socialrx.listening.queries_default", actor=user, data={"added": added})
    return added


def _ensure_default_rules(strategy, stamp: datetime) -> None:
    own = ListeningQuery.objects.filter(key="key-terms").first()
    products = [name for product in strategy.products for name in (product.name, *product.aliases)]
    names = products or [strategy.organisation.name]
    rules = (
        ("Volume spike: all mentions", AlertKind.VOLUME_SPIKE, None, "", False),
        ("Negative spike: key terms", AlertKind.NEGATIVE_SPIKE, own, "", True),
        ("Safety words near our products", AlertKind.WATCHED_TERMS, None,
         f"({' OR '.join(SAFETY_WORDS)}) NEAR/6 ({any_of(names)})", True),
    )
    for name, kind, query, terms, crisis in rules:
        AlertRule.objects.get_or_create(name=name, defaults={"kind": kind, "query": query, "terms": terms,
                                                             "offers_crisis": crisis, "created_at": stamp,
                                                             "min_count": 5 if kind == AlertKind.NEGATIVE_SPIKE else 10})


# Ingest


def ingest(source: ListeningSource, mentions: Sequence[Mention], *, actor=None, action: str = "") -> StoreReport:
    """Process and store mentions from ``source``; raise watched-term alerts on the new ones."""
    with transaction.atomic():
        report = process_and_store(source, mentions, active_query_set(), now())
        if report.new_ids:
            _watch_terms(report.new_ids)
            link_new_mentions(report.new_ids)
        if action:
            log(action, actor=actor, obj=source, data={"received": report.received, "stored": report.stored})
    return report


def add_manual_mention(user, *, text: str, url: str = "", author: str = "", title: str = "",
                       published: datetime | None = None) -> StoreReport:
    """Store one mention typed in by a person (source "Manual entry")."""
    require_capability(user, "manage_listening")
    if not text.strip():
        raise ActionError("text: paste what was said")
    url = optional_http_url(url)
    stamp = published or now()
    mention = Mention(id=url or f"manual-{stamp.timestamp():.6f}", text=text, published=stamp, title=title,
                      author=author, url=url, source="manual")
    return ingest(_source_named("Manual entry", SourceKind.MANUAL), [mention], actor=user,
                  action="socialrx.listening.mention_add")


def _parse_published(value: str) -> datetime:
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("add a time zone (e.g. 2024-06-01T09:00:00Z)")
    return moment


def _csv_mentions(content: str, mapping: Mapping[str, str], source_key: str) -> list[Mention]:
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    headers = reader.fieldnames or []
    missing = [f"column {column!r} (for {field})" for field, column in mapping.items() if column and column not in headers]
    if missing:
        raise ActionError(f"the file has no {', '.join(missing)}; its columns are {', '.join(headers) or 'none'}")
    mentions, errors = [], []
    for number, row in enumerate(reader, start=2):
        value = {field: (row.get(column) or "").strip() for field, column in mapping.items() if column}
        try:
            if not value.get("text"):
                raise ValueError(f"column {mapping['text']!r}: text is empty")
            published = _parse_published(value.get("published", ""))
            link = require_http_url(value.get("url", ""), field=f"column {mapping.get('url')!r}", blank=True)
            mentions.append(Mention(id=value.get("id") or value.get("url") or f"row-{number}", text=value["text"],
                                    published=published, title=value.get("title", ""), author=value.get("author", ""),
                                    url=link, lang=value.get("lang", ""), source=source_key))
        except ValueError as error:
            column = mapping.get("published") if "column" not in str(error) else ""
            errors.append(f"row {number}" + (f", column {column!r}" if column else "") + f": {error}")
    if errors:
        raise ActionError(f"{len(errors)} row(s) could not be read; nothing was imported. " + "; ".join(errors[:20]))
    return mentions


def import_mentions_csv(user, *, source_name: str, content: str, mapping: Mapping[str, str]) -> StoreReport:
    """Import a CSV of mentions with a column mapping, all or nothing; errors name the row and column."""
    require_capability(user, "manage_listening")
    unknown = sorted(set(mapping) - set(CSV_FIELDS))
    if unknown:
        raise ActionError(f"mapping: unknown field(s) {', '.join(unknown)}; use {', '.join(CSV_FIELDS)}")
    if not mapping.get("text") or not mapping.get("published"):
        raise ActionError("mapping: choose the columns holding the text and the publication time")
    mentions = _csv_mentions(content, mapping, "csv")
    source = _source_named(source_name.strip() or "CSV import", SourceKind.CSV)
    return ingest(source, mentions, actor=user, action="socialrx.listening.import")


# Polling


def _fetch(source: ListeningSource) -> tuple[list[Mention], bool]:
    if source.kind == SourceKind.X_SEARCH:
        token = getattr(settings, "SOCIALRX_X_BEARER_TOKEN", "") or os.environ.get("SOCIALRX_X_BEARER_TOKEN", "")
        if not token:
            raise Disconnected("no X search token: set SOCIALRX_X_BEARER_TOKEN")
        connector = listening_connector("x_search", bearer_token=token, base_url=source.url or None,
                                        policy=fetch_policy())
        result = connector.search(source.search_query, since_id=source.since_id)
        source.since_id = result.newest_id
        return list(result.mentions), False
    result = fetch_feed(source.url, FeedValidators(source.etag, source.last_modified), source=source.kind,
                        policy=fetch_policy())
    source.etag, source.last_modified = result.validators.etag, result.validators.last_modified
    return list(result.mentions), result.not_modified


def backoff_delay(source: ListeningSource, error: ConnectorError, at: datetime) -> datetime:
    """Return when to poll again after an error: the rate-limit reset, or doubling delays up to a day."""
    if isinstance(error, RateLimited):
        return max(error.reset_at, at + timedelta(minutes=1))
    if isinstance(error, Disconnected | ReauthRequired):
        return at + MAX_BACKOFF
    delay = timedelta(minutes=source.poll_minutes) * (2 ** min(source.error_count, 10))
    return at + min(delay, MAX_BACKOFF)


logger = logging.getLogger(__name__)


def poll_source(source: ListeningSource) -> PollOutcome:
    """Fetch one source once, store what is new, and record its health (success or back-off)."""
    started = now()
    source.last_fetched_at = started
    try:
        mentions, not_modified = _fetch(source)
    except ConnectorError as error:
        source.error_count += 1
        source.last_error, source.last_error_at = error.message[:500], started
        source.next_poll_at = backoff_delay(source, error, started)
        source.save(update_fields=["last_fetched_at", "error_count", "last_error", "last_error_at", "next_poll_at"])
        logger.warning("listening source %s failed (%s in a row), next poll %s: %s", source.pk, source.error_count,
                       source.next_poll_at.isoformat(), source.last_error[:300])
        return PollOutcome(source.pk, False, error=source.last_error, next_poll_at=source.next_poll_at)
    report = ingest(source, mentions, action="socialrx.listening.fetch" if mentions and not not_modified else "")
    source.error_count, source.last_error, source.last_success_at = 0, "", started
    source.next_poll_at = started + timedelta(minutes=source.poll_minutes)
    source.save(update_fields=["last_fetched_at", "error_count", "last_error", "last_success_at", "next_poll_at",
                               "etag", "last_modified", "since_id"])
    logger.info("listening source %s polled: %s", source.pk, "not modified" if not_modified else f"{report.stored} new")
    return PollOutcome(source.pk, True, not_modified, report.stored, next_poll_at=source.next_poll_at)


def _claim(source_id: int, at: datetime) -> bool:
    """Move a due source's next poll forward so no other worker polls it now; return whether we got it."""
    lease = at + timedelta(minutes=10)
    due = Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=at)
    return ListeningSource.objects.filter(due, pk=source_id, enabled=True).update(next_poll_at=lease) == 1


def poll_due_sources(*, force: bool = False) -> list[PollOutcome]:
    """Poll every enabled feed and search source that is due (all of them with ``force``)."""
    at = now()
    sources = ListeningSource.objects.filter(enabled=True, kind__in=[SourceKind.RSS, SourceKind.GOOGLE_ALERTS,
                                                                      SourceKind.X_SEARCH])
    if force:
        sources.update(next_poll_at=at)
    outcomes = []
    for source_id in list(sources.values_list("pk", flat=True)):
        if _claim(source_id, at):
            outcomes.append(poll_source(ListeningSource.objects.get(pk=source_id)))
    if outcomes:
        evaluate_spike_alerts()
    return outcomes


def poll_now(user, source_id: int) -> PollOutcome:
    """Poll one source at once on a person's request."""
    require_capability(user, "manage_listening")
    return poll_source(ListeningSource.objects.get(pk=source_id))


# Alerts


def _alert_url(alert: Alert) -> str:
    return reverse("listening-alert", args=[alert.pk])


def _raise_alert(rule: AlertRule, **values) -> Alert | None:
    try:
        with transaction.atomic():
            alert = Alert.objects.create(rule=rule, kind=rule.kind, raised_at=now(), **values)
    except IntegrityError:
        return None
    log("socialrx.listening.alert", obj=alert, data={"rule": rule.name, "count": alert.count,
                                                     "baseline": round(alert.baseline, 2)})
    notify(holders_of("manage_listening"), kind="listening_alert", message=alert.message, url=_alert_url(alert))
    return alert


def hourly_series(rule: AlertRule, since: datetime) -> list[tuple[datetime, int]]:
    """Return a rule's hourly mention counts since ``since`` (negative mentions only for negative spikes)."""
    if rule.query_id:
        rows = MentionMatch.objects.filter(query_id=rule.query_id, published_at__gte=since)
    else:
        rows = StoredMention.objects.filter(published_at__gte=since, is_copy=False)
    if rule.kind == AlertKind.NEGATIVE_SPIKE:
        rows = rows.filter(sentiment__lte=-0.05)
    counts = rows.annotate(hour=TruncHour("published_at")).values("hour").annotate(n=Count("pk")).order_by("hour")
    return [(row["hour"], row["n"]) for row in counts]


def evaluate_spike_alerts(*, lookback: timedelta = timedelta(hours=48)) -> list[Alert]:
    """Run spike detection for every spike rule; raise one alert per new spike hour within ``lookback``."""
    at = now()
    raised: list[Alert] = []
    for rule in AlertRule.objects.filter(enabled=True, kind__in=[AlertKind.VOLUME_SPIKE, AlertKind.NEGATIVE_SPIKE]):
        series = hourly_series(rule, at - SPIKE_HISTORY - lookback)
        cooldown = timedelta(hours=rule.cooldown_hours)
        for spike in detect_spikes(series, p_threshold=rule.p_threshold, min_count=rule.min_count, cooldown=cooldown):
            recent = Alert.objects.filter(rule=rule, hour__gt=spike.hour - cooldown, hour__lte=spike.hour)
            if spike.hour < at - lookback or recent.exists():
                continue
            what = "negative mentions" if rule.kind == AlertKind.NEGATIVE_SPIKE else "mentions"
            scope = rule.query.name if rule.query_id else "all sources"
            message = f"{rule.name}: {spike.count} {what} in the hour from {spike.hour:%b %d %H:00} UTC ({scope}; usually {spike.baseline:.1f})"
            alert = _raise_alert(rule, hour=spike.hour, count=spike.count, baseline=spike.baseline,
                                 p_value=spike.p_value, message=message[:300])
            if alert is not None:
                raised.append(alert)
    return raised


def _watch_terms(mention_ids: Sequence[int]) -> list[Alert]:
    from socialrx.server.actions.inbox import open_safety_item

    rules = list(AlertRule.objects.filter(enabled=True, kind=AlertKind.WATCHED_TERMS).exclude(terms=""))
    valid = {str(rule.pk): rule.terms for rule in rules if query_problem(rule.terms) is None}
    if not valid:
        return []
    query_set, by_id = QuerySet(valid), {str(rule.pk): rule for rule in rules}
    raised = []
    for row in StoredMention.objects.filter(pk__in=mention_ids).select_related("source"):
        mention = Mention(id=str(row.pk), text=f"{row.title} {row.text}", published=row.published_at, author=row.author,
                          url=row.url, lang=row.lang, source=row.source.kind, site=row.site)
        for rule_id in query_set.match(mention):
            rule = by_id[rule_id]
            alert = _raise_alert(rule, hour=row.published_at, mention=row, count=1,
                                 message=f"{rule.name}: {(row.title or row.text)[:200]}")
            if alert is not None:
                open_safety_item(row, alert, hours=rule.deadline_hours)
                raised.append(alert)
    return raised


def acknowledge_alert(user, alert_id: int) -> Alert:
    """Mark an alert as seen by a person."""
    require_capability(user, "manage_listening")
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert_id)
        if alert.status == AlertStatus.OPEN:
            alert.status, alert.acknowledged_by, alert.acknowledged_at = AlertStatus.ACKNOWLEDGED, user, now()
            alert.save(update_fields=["status", "acknowledged_by", "acknowledged_at"])
            log("socialrx.listening.alert_ack", actor=user, obj=alert)
    return alert


def enter_crisis_mode(user, alert_id: int) -> Alert:
    """Pause all scheduled publishing in crisis mode because of an alert (needs the crisis permission)."""
    require_capability(user, "manage_crisis")
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert_id)
        if not alert.rule.offers_crisis:
            raise ActionError("This alert's rule does not offer crisis mode.")
        do_pause_publishing(user, f"Crisis mode from listening alert #{alert.pk}: {alert.message}"[:300], crisis=True)
        alert.crisis_entered_by, alert.crisis_entered_at = user, now()
        alert.status, alert.acknowledged_by = AlertStatus.ACKNOWLEDGED, alert.acknowledged_by or user
        alert.acknowledged_at = alert.acknowledged_at or alert.crisis_entered_at
        alert.save(update_fields=["crisis_entered_by", "crisis_entered_at", "status", "acknowledged_by", "acknowledged_at"])
        log("socialrx.listening.crisis", actor=user, obj=alert, data={"alert": alert.pk, "rule": alert.rule.name})
    return alert
