"""Listening: sources that are polled, saved queries, stored mentions and their matches, alert rules and alerts."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SourceKind(models.TextChoices):
    RSS = "rss", "RSS / Atom feed"
    GOOGLE_ALERTS = "google_alerts", "Google Alerts feed"
    X_SEARCH = "x_search", "X recent search"
    CSV = "csv", "CSV import"
    MANUAL = "manual", "Manual entry"


POLLED_KINDS = (SourceKind.RSS, SourceKind.GOOGLE_ALERTS, SourceKind.X_SEARCH)


class ListeningSource(models.Model):
    """Where mentions come from; polled sources remember their validators, errors and next poll."""

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    url = models.CharField(max_length=500, blank=True, help_text="feed address, or API host override for X")
    search_query = models.CharField(max_length=512, blank=True, help_text="X search query")
    enabled = models.BooleanField(default=True)
    poll_minutes = models.PositiveIntegerField(default=15)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    since_id = models.CharField(max_length=40, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    mention_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_polled(self) -> bool:
        return self.kind in POLLED_KINDS

    @property
    def health(self) -> str:
        """Return ``ok``, ``failing``, ``paused``, ``waiting`` (never fetched) or ``manual``."""
        if not self.is_polled:
            return "manual"
        if not self.enabled:
            return "paused"
        if self.error_count:
            return "failing"
        return "ok" if self.last_success_at else "waiting"


class QueryKind(models.TextChoices):
    KEY_TERMS = "key_terms", "Key terms"
    COMPETITOR = "competitor", "Competitor"
    CUSTOM = "custom", "Custom"


class ListeningQuery(models.Model):
    """A saved boolean query (socialrx.core.listening syntax); competitors' queries make share of voice."""

    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    text = models.TextField()
    kind = models.CharField(max_length=20, choices=QueryKind.choices, default=QueryKind.CUSTOM)
    is_own_brand = models.BooleanField(default=False)
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class StoredMention(models.Model):
    """One mention as stored: unique per source and external id (a feed entry id, post id or URL)."""

    source = models.ForeignKey(ListeningSource, on_delete=models.CASCADE, related_name="mentions")
    external_id = models.CharField(max_length=300)
    url = models.CharField(max_length=1000, blank=True)
    site = models.CharField(max_length=200, blank=True, db_index=True)
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    author = models.CharField(max_length=200, blank=True, db_index=True)
    lang = models.CharField(max_length=8, blank=True)
    published_at = models.DateTimeField(db_index=True)
    fetched_at = models.DateTimeField()
    story_id = models.CharField(max_length=24, db_index=True)
    is_copy = models.BooleanField(default=False)
    sentiment = models.FloatField(default=0.0)
    queries = models.ManyToManyField(ListeningQuery, through="MentionMatch", related_name="mentions")

    class Meta:
        ordering = ["-published_at"]
        constraints = [models.UniqueConstraint(fields=["source", "external_id"], name="one_mention_per_source_id")]

    def __str__(self) -> str:
        return (self.title or self.text)[:80]

    @property
    def sentiment_label(self) -> str:
        if self.sentiment >= 0.05:
            return "positive"
        return "negative" if self.sentiment <= -0.05 else "neutral"


class MentionMatch(models.Model):
    """A mention matched by a query; time and sentiment are copied so charts need no join."""

    mention = models.ForeignKey(StoredMention, on_delete=models.CASCADE, related_name="matches")
    query = models.ForeignKey(ListeningQuery, on_delete=models.CASCADE, related_name="matches")
    published_at = models.DateTimeField()
    sentiment = models.FloatField(default=0.0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mention", "query"], name="one_match_per_mention_query")]
        indexes = [models.Index(fields=["query", "published_at"], name="match_query_time")]


class AlertKind(models.TextChoices):
    VOLUME_SPIKE = "volume_spike", "Volume spike"
    NEGATIVE_SPIKE = "negative_spike", "Negative-sentiment spike"
    WATCHED_TERMS = "watched_terms", "Watched terms (safety queue)"


class AlertRule(models.Model):
    """When to raise an alert: a spike test on a query's hourly counts, or a watched-terms query."""

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    query = models.ForeignKey(ListeningQuery, null=True, blank=True, on_delete=models.CASCADE, related_name="alert_rules",
                              help_text="empty: every mention")
    terms = models.TextField(blank=True, help_text="watched-terms rules: a query, e.g. adverse NEAR/5 product")
    min_count = models.PositiveIntegerField(default=10)
    p_threshold = models.FloatField(default=1e-4)
    cooldown_hours = models.PositiveIntegerField(default=6)
    deadline_hours = models.PositiveIntegerField(default=24, help_text="watched terms: safety queue deadline")
    offers_crisis = models.BooleanField(default=False, help_text="offer 'enter crisis mode' on its alerts")
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class AlertStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"


class Alert(models.Model):
    """One alert raised by a rule: a spike hour, or a mention with watched terms."""

    rule = models.ForeignKey(AlertRule, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    hour = models.DateTimeField(help_text="spike hour, or the mention's time")
    mention = models.ForeignKey(StoredMention, null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts")
    count = models.PositiveIntegerField(default=0)
    baseline = models.FloatField(default=0.0)
    p_value = models.FloatField(default=1.0)
    message = models.CharField(max_length=300)
    status = models.CharField(max_length=20, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    raised_at = models.DateTimeField(db_index=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    crisis_entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+")
    crisis_entered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        constraints = [models.UniqueConstraint(fields=["rule", "hour", "mention"], name="one_alert_per_rule_hour_mention"),
                       models.UniqueConstraint(fields=["rule", "hour"], condition=models.Q(mention__isnull=True),
                                               name="one_spike_alert_per_rule_hour")]

    def __str__(self) -> str:
        return self.message
