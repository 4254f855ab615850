"""All models of socialrx, one module per domain word."""

from .analytics import (
    AdSpend,
    AnalyticsImport,
    Lead,
    LeadTouch,
    MonthlyReport,
    NetworkDay,
    PostSnapshot,
    PostStat,
    ReportRecipient,
    WebTraffic,
)
from .audit import AuditEvent, AuditHead, AuditLogIsAppendOnly
from .calendar import CalendarFeedToken
from .posts import CHANNELS, Post, PostStatus, Revision, Variant
from .publishing import (
    CONNECTOR_KEY_BY_CHANNEL,
    NETWORKS,
    AccountStatus,
    JobStatus,
    ManualPublishTask,
    ManualTaskStatus,
    NewsletterSubscriber,
    OAuthConnection,
    OutboxEntry,
    PublishAccount,
    PublishingSwitch,
    PublishJob,
)
from .reviews import Comment, Notification, ReviewDecision, ReviewTask, ReviewWorkflow, WorkflowStatus
from .strategy import StrategyVersion
from .team import CAPABILITIES, ApiToken, Capability, Profile

__all__ = [
    "AdSpend",
    "AnalyticsImport",
    "Lead",
    "LeadTouch",
    "MonthlyReport",
    "NetworkDay",
    "PostSnapshot",
    "PostStat",
    "ReportRecipient",
    "WebTraffic",
    "CHANNELS",
    "Comment",
    "Notification",
    "Post",
    "PostStatus",
    "PublishingSwitch",
    "CONNECTOR_KEY_BY_CHANNEL",
    "NETWORKS",
    "AccountStatus",
    "JobStatus",
    "ManualPublishTask",
    "ManualTaskStatus",
    "NewsletterSubscriber",
    "OAuthConnection",
    "OutboxEntry",
    "PublishAccount",
    "PublishJob",
    "Revision",
    "ReviewDecision",
    "ReviewTask",
    "ReviewWorkflow",
    "Variant",
    "WorkflowStatus",
    "CAPABILITIES",
    "ApiToken",
    "AuditEvent",
    "AuditHead",
    "AuditLogIsAppendOnly",
    "CalendarFeedToken",
    "Capability",
    "Profile",
    "StrategyVersion",
]
