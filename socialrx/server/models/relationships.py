"""Relationships: organisations, contacts with handles, interactions, collaborations, groups, events, brand counters."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Organisation(models.Model):
    """A health system, publication, university or company our contacts work for."""

    name = models.CharField(max_length=200, unique=True)
    website = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ContactKind(models.TextChoices):
    INFLUENCER = "influencer", "Influencer"
    JOURNALIST = "journalist", "Journalist"
    PARTNER = "partner", "Partner"
    OTHER = "other", "Other"


class ContactPreference(models.TextChoices):
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    LINKEDIN = "linkedin", "LinkedIn message"
    X = "x", "X direct message"
    NONE = "none", "Do not contact"


class Contact(models.Model):
    """An influencer, journalist or partner, with the strategy tier they belong to."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=ContactKind.choices, default=ContactKind.INFLUENCER)
    tier = models.PositiveSmallIntegerField(null=True, blank=True, help_text="strategy influencer tier level")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts")
    role = models.CharField(max_length=200, blank=True)
    email = models.CharField(max_length=254, blank=True)
    topics = models.JSONField(default=list, blank=True)
    consent = models.BooleanField(default=False, help_text="agreed to be contacted and to be listed here")
    contact_preference = models.CharField(max_length=10, choices=ContactPreference.choices, default=ContactPreference.EMAIL)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["tier", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "organisation"], name="one_contact_per_name_org")]

    def __str__(self) -> str:
        return self.name


class ContactHandle(models.Model):
    """A contact's handle on one network, normalised (no '@', lower case) so mentions can be linked by author."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="handles")
    network = models.CharField(max_length=20)
    handle = models.CharField(max_length=200, db_index=True)

    class Meta:
        ordering = ["network"]
        constraints = [models.UniqueConstraint(fields=["network", "handle"], name="one_contact_per_handle")]

    def __str__(self) -> str:
        return f"{self.network}:{self.handle}"


class InteractionKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    INTERVIEW = "interview", "Interview"
    CO_AUTHORED = "co_authored", "Co-authored piece"
    STORY_TIP = "story_tip", "Story tip"
    COMMENT = "comment", "Comment"
    MESSAGE = "message", "Message"
    MENTION = "mention", "Public mention"
    EVENT = "event", "Event"


class Direction(models.TextChoices):
    INBOUND = "inbound", "They reached out"
    OUTBOUND = "outbound", "We reached out"
    MUTUAL = "mutual", "Together"


class Interaction(models.Model):
    """Something that happened between us and a contact: logged by hand or linked from a mention or inbox item."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="interactions")
    kind = models.CharField(max_length=12, choices=InteractionKind.choices)
    direction = models.CharField(max_length=8, choices=Direction.choices, default=Direction.OUTBOUND)
    happened_at = models.DateTimeField(db_index=True)
    summary = models.CharField(max_length=500)
    url = models.CharField(max_length=1000, blank=True)
    play = models.CharField(max_length=200, blank=True, help_text="the tier play this interaction carried out")
    mention = models.ForeignKey("socialrx.StoredMention", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    inbox_item = models.ForeignKey("socialrx.InboxItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-happened_at"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "mention"], name="one_interaction_per_contact_mention"),
            models.UniqueConstraint(fields=["contact", "inbox_item"], name="one_interaction_per_contact_inbox_item"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.contact}: {self.summary[:60]}"


class CollaborationKind(models.TextChoices):
    GUEST_INTERVIEW = "guest_interview", "Guest interview"
    CO_AUTHORED_ARTICLE = "co_authored_article", "Co-authored article"
    SPEAKING_SLOT = "speaking_slot", "Speaking slot"
    ADVISORY_BOARD = "advisory_board", "Advisory board"


class CollaborationStage(models.TextChoices):
    IDEA = "idea", "Idea"
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DECLINED = "declined", "Declined"


class Collaboration(models.Model):
    """A collaboration in the pipeline with a contact, moving through stages."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="collaborations")
    kind = models.CharField(max_length=20, choices=CollaborationKind.choices)
    title = models.CharField(max_length=200)
    stage = models.CharField(max_length=12, choices=CollaborationStage.choices, default=CollaborationStage.IDEA)
    due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "title"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class GroupRole(models.TextChoices):
    OWNER = "owner", "Owner"
    MODERATOR = "moderator", "Moderator"
    CONTRIBUTOR = "contributor", "Contributor"
    MEMBER = "member", "Member"


class CommunityGroup(models.Model):
    """An online group (e.g. a LinkedIn group) and our role in it; owned groups get the strategy's routines."""

    name = models.CharField(max_length=200, unique=True)
    network = models.CharField(max_length=20, default="linkedin")
    role = models.CharField(max_length=12, choices=GroupRole.choices)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GroupMemberCount(models.Model):
    """A group's member count on one day."""

    group = models.ForeignKey(CommunityGroup, on_delete=models.CASCADE, related_name="member_counts")
    day = models.DateField()
    members = models.PositiveIntegerField()

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["group", "day"], name="one_member_count_per_group_day")]


class RoutineMark(models.Model):
    """A routine occurrence (planned slot) marked done by hand."""

    slot_id = models.CharField(max_length=120, unique=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    marked_at = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)


class EventKind(models.TextChoices):
    CONFERENCE = "conference", "Conference"
    WEBINAR = "webinar", "Webinar"
    LINKEDIN_LIVE = "linkedin_live", "LinkedIn Live"


class Event(models.Model):
    """A conference, webinar or LinkedIn Live with its promotion, live coverage and recap plan."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=14, choices=EventKind.choices, default=EventKind.CONFERENCE)
    start = models.DateField()
    end = models.DateField()
    location = models.CharField(max_length=200, blank=True)
    hashtags = models.JSONField(default=list, blank=True)
    platforms = models.JSONField(default=list, blank=True, help_text="networks to cover it on (empty: all)")
    ad_campaign = models.CharField(max_length=200, blank=True, help_text="the paid campaign promoting it")
    speakers = models.JSONField(default=list, blank=True, help_text="who speaks for us (names)")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["start"]
        constraints = [models.UniqueConstraint(fields=["name", "start"], name="one_event_per_name_start")]

    def __str__(self) -> str:
        return self.name


class SpeakingRequest(models.Model):
    """An invitation to speak that reached us (counted against the strategy's speaking_requests KPI)."""

    received_on = models.DateField(db_index=True)
    requester = models.CharField(max_length=200)
    event_name = models.CharField(max_length=200, blank=True)
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="speaking_requests")
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_on"]

    def __str__(self) -> str:
        return f"{self.requester} ({self.received_on})"


class MediaMention(models.Model):
    """Press coverage of us (counted against the strategy's media_mention_growth KPI)."""

    published_on = models.DateField(db_index=True)
    outlet = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=1000, blank=True)
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="media_mentions")
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-published_on"]
        constraints = [models.UniqueConstraint(fields=["outlet", "title", "published_on"], name="one_media_mention")]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.title}"
