"""Measured data: daily network figures, post metrics, web traffic, ad spend, CRM leads, series, imports, reports.

Every imported row has a natural key (a unique constraint), so importing the same rows again
updates nothing and duplicates nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.timezone import now


class AnalyticsImport(models.Model):
    """One imported export file: what it was, who imported it and what it changed."""

    file_name = models.CharField(max_length=255)
    format = models.CharField(max_length=40)
    content_hash = models.CharField(max_length=64, unique=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_updated = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    imported_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.format})"


class NetworkDay(models.Model):
    """Account-wide figures of one network on one day; None where no export reported the figure."""

    network = models.CharField(max_length=20)
    day = models.DateField()
    followers = models.PositiveIntegerField(null=True, blank=True)
    new_followers = models.IntegerField(null=True, blank=True)
    impressions = models.PositiveBigIntegerField(null=True, blank=True)
    engagements = models.PositiveBigIntegerField(null=True, blank=True)
    clicks = models.PositiveBigIntegerField(null=True, blank=True)
    video_views = models.PositiveBigIntegerField(null=True, blank=True)
    watch_time_hours = models.FloatField(null=True, blank=True)
    viewed_share = models.FloatField(null=True, blank=True, help_text="view-weighted average share of a video watched")
    page_views = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["network", "day"]
        constraints = [models.UniqueConstraint(fields=["network", "day"], name="network_day_unique")]
        indexes = [models.Index(fields=["day", "network"], name="network_day_by_day")]

    def __str__(self) -> str:
        return f"{self.network} {self.day}"


class PostStat(models.Model):
    """A published post's latest counts (the newest snapshot), with the plan labels it was published under."""

    network = models.CharField(max_length=20)
    platform_post_id = models.CharField(max_length=200)
    published_at = models.DateTimeField(null=True, blank=True)
    title = models.CharField(max_length=300, blank=True)
    pillar = models.CharField(max_length=60, blank=True)
    series = models.CharField(max_length=60, blank=True)
    campaign = models.CharField(max_length=200, blank=True)
    impressions = models.PositiveBigIntegerField(default=0)
    engagements = models.PositiveBigIntegerField(default=0)
    clicks = models.PositiveBigIntegerField(default=0)
    views = models.PositiveBigIntegerField(default=0)
    watch_time_hours = models.FloatField(default=0)
    viewed_share = models.FloatField(null=True, blank=True, help_text="average share of the video watched")
    measured_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network", "platform_post_id"], name="post_stat_unique")]
        indexes = [models.Index(fields=["published_at", "network"], name="post_stat_by_time")]

    def __str__(self) -> str:
        return f"{self.network} post {self.platform_post_id}"


class PostSnapshot(models.Model):
    """A post's cumulative counts as measured on one day (from an export or a connector's fetch_metrics)."""

    post = models.ForeignKey(PostStat, on_delete=models.CASCADE, related_name="snapshots")
    day = models.DateField()
    impressions = models.PositiveBigIntegerField(default=0)
    engagements = models.PositiveBigIntegerField(default=0)
    clicks = models.PositiveBigIntegerField(default=0)
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "day"], name="post_snapshot_unique")]

    def __str__(self) -> str:
        return f"{self.post} on {self.day}"


class WebTraffic(models.Model):
    """Sessions of one source/medium and campaign (GA4), over a day or an export period."""

    key = models.CharField(max_length=64, unique=True, help_text="hash of the row's natural key")
    day = models.DateField(null=True, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True)
    medium = models.CharField(max_length=100, blank=True)
    channel_group = models.CharField(max_length=100, blank=True)
    campaign = models.CharField(max_length=200, blank=True)
    sessions = models.PositiveIntegerField(default=0)
    engaged_sessions = models.PositiveIntegerField(default=0)
    key_events = models.FloatField(default=0)
    revenue = models.FloatField(default=0)

    class Meta:
        indexes = [models.Index(fields=["day"], name="web_traffic_by_day")]

    def __str__(self) -> str:
        return f"{self.source}/{self.medium} {self.day or self.period_start}"


class AdSpend(models.Model):
    """What one campaign spent and earned on one day."""

    platform = models.CharField(max_length=20)
    campaign = models.CharField(max_length=200)
    day = models.DateField()
    spend = models.DecimalField(max_digits=12, decimal_places=2)
    impressions = models.PositiveBigIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    leads = models.FloatField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "campaign", "day"], name="ad_spend_unique")]
        indexes = [models.Index(fields=["day", "platform"], name="ad_spend_by_day")]

    def __str__(self) -> str:
        return f"{self.platform} {self.campaign} {self.day}"


class Lead(models.Model):
    """A CRM lead with its opportunity and won revenue, if any."""

    lead_id = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(db_index=True)
    opportunity_id = models.CharField(max_length=100, blank=True)
    opportunity_created_at = models.DateTimeField(null=True, blank=True)
    won_at = models.DateTimeField(null=True, blank=True, db_index=True)
    revenue = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    is_social = models.BooleanField(default=False, help_text="has at least one social-network touch")

    def __str__(self) -> str:
        return f"lead {self.lead_id}"


class LeadTouch(models.Model):
    """One marketing touch of a lead, with its UTM values and the attribution channel they map to."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="touches")
    at = models.DateTimeField()
    source = models.CharField(max_length=200, blank=True)
    medium = models.CharField(max_length=100, blank=True)
    campaign = models.CharField(max_length=200, blank=True)
    content = models.CharField(max_length=200, blank=True, help_text="utm_content: the post the link came from")
    channel = models.CharField(max_length=60)
    network = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["lead", "at", "id"]

    def __str__(self) -> str:
        return f"{self.lead} via {self.channel} at {self.at:%Y-%m-%d %H:%M}"


class SeriesSource(models.TextChoices):
    MANUAL = "manual", "Entered by hand"
    GA4_EVENTS = "ga4_events", "GA4 events export"


class SeriesValue(models.Model):
    """A named series' value over [start, end]: a GA4 event count, or a monthly figure entered by hand.

    Series are named `manual.<name>` or `ga4_event.<event name>`; custom KPIs of the strategy read them.
    """

    series = models.CharField(max_length=120)
    start = models.DateField()
    end = models.DateField()
    value = models.FloatField()
    source = models.CharField(max_length=20, choices=SeriesSource.choices)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    recorded_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["series", "start"]
        constraints = [models.UniqueConstraint(fields=["series", "start", "end"], name="series_value_unique")]
        indexes = [models.Index(fields=["start", "series"], name="series_value_by_start")]

    def __str__(self) -> str:
        return f"{self.series} {self.start}..{self.end} = {self.value:g}"


class ReportRecipient(models.Model):
    """An address the monthly report is e-mailed to (a person who opted in, or an outside address)."""

    email = models.EmailField(unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    added_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.email


class MonthlyReport(models.Model):
    """A monthly report that was generated and sent, with the strategy version it used."""

    month = models.DateField(unique=True)
    strategy_label = models.CharField(max_length=20)
    recipients = models.JSONField(default=list)
    pages = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"report {self.month:%Y-%m}"
