"""socialrx defaults for what a written strategy usually leaves unsaid.

The default strategy (`healthcare-ai.yaml`) carries the same values and marks them
"socialrx default"; the Markdown importer fills them in so that importing the seed
document gives the default strategy back. Every figure a document does state wins.
"""

from __future__ import annotations

from dataclasses import dataclass

# Imported organisations are assumed to be US healthcare until they say otherwise.
DEFAULT_TIMEZONE = "America/New_York"
# A placeholder web domain, `<organisation-name>.example`, until the real one is set.
PLACEHOLDER_DOMAIN_SUFFIX = ".example"

# Posting hours per network, in the strategy's timezone; replaced by learned best hours.
POSTING_TIMES: dict[str, tuple[str, ...]] = {
    "linkedin": ("09:00",),
    "x": ("08:00", "12:30"),
    "doximity": ("07:30",),
    "youtube": ("11:00",),
}

# Networks without a publishing API: socialrx prepares the post and a person places it.
MANUAL_NETWORKS = frozenset({"doximity", "sermo"})

# Networks whose every content type is a video unless it says otherwise.
VIDEO_NETWORKS = frozenset({"youtube", "tiktok"})

# Cadence of a content type whose line states no frequency, by the first word found in its
# name and description (checked in this order); otherwise weekly. Video networks publish
# longer pieces, so their unstated content types are monthly.
UNSTATED_CADENCE_BY_WORD: tuple[tuple[str, str], ...] = (
    ("live-tweet", "daily"),
    ("real-time", "daily"),
    ("chat", "weekly"),
    ("takeaway", "2 per week"),
    ("sharing", "3 per week"),
    ("conference", "monthly"),
    ("cme", "monthly"),
    ("case stud", "bi-weekly"),
)
UNSTATED_CADENCE = "weekly"
UNSTATED_VIDEO_CADENCE = "monthly"

# Days between two plays for each influencer tier: executives monthly, clinical experts every
# six weeks, journalists every three weeks (news moves faster).
PLAY_INTERVAL_DAYS: dict[int, int] = {1: 30, 2: 45, 3: 21}
DEFAULT_PLAY_INTERVAL_DAYS = 30

# A community routine with no stated frequency is monthly; sharing news is weekly and
# reaches beyond the groups the organisation owns.
ROUTINE_CADENCE = "monthly"
SHARING_ROUTINE_CADENCE = "weekly"

# Other names of well-known competitors, so listening also catches them.
COMPETITOR_ALIASES: dict[str, tuple[str, ...]] = {
    "ibm watson health": ("Watson Health",),
    "google cloud healthcare": ("Google Health",),
    "microsoft healthcare": ("Microsoft Cloud for Healthcare",),
    "amazon healthcare": ("AWS for Health", "Amazon Health"),
    "philips healthcare ai": ("Philips Healthcare",),
}


@dataclass(frozen=True)
class CrisisStepDefaults:
    """Who runs a kind of crisis step, who signs it off, and how soon it must be done."""

    words: tuple[str, ...]
    owner_roles: tuple[str, ...]
    sign_off_roles: tuple[str, ...]
    target_minutes: int


# Crisis steps are recognised by a word in their name or description, checked in this order.
# An empty sign-off means "the people the step's description names" (legal, clinical, executive).
CRISIS_STEPS: tuple[CrisisStepDefaults, ...] = (
    CrisisStepDefaults(("immediate", "acknowledge", "assess"), ("social_media_manager",), ("social_media_manager",), 60),
    CrisisStepDefaults(("coordination", "alignment", "escalat"), ("social_media_manager",), (), 240),
    CrisisStepDefaults(
        ("communication", "statement", "updates"),
        ("social_media_manager", "community_manager"),
        ("social_media_manager",),
        480,
    ),
    CrisisStepDefaults(("solution", "corrective", "remediat"), ("executive",), ("executive",), 4320),
    CrisisStepDefaults(("follow-up", "follow up", "monitoring"), ("community_manager",), ("social_media_manager",), 10080),
)
# People a crisis step's description may name, and the role each one is.
CRISIS_PEOPLE: tuple[tuple[str, str], ...] = (
    ("legal", "legal"),
    ("clinical", "healthcare_content_specialist"),
    ("medical", "healthcare_content_specialist"),
    ("regulatory", "healthcare_content_specialist"),
    ("executive", "executive"),
)
# Roles that act only in a crisis, added when the protocol needs them and the team lacks them.
CRISIS_ONLY_ROLES: dict[str, dict] = {
    "legal": {"key": "legal", "name": "Legal", "employment": "on-call", "crisis_only": True,
              "responsibilities": ["Crisis sign-off"]},
    "executive": {"key": "executive", "name": "Executive", "employment": "on-call", "crisis_only": True,
                  "responsibilities": ["Crisis sign-off"]},
}  # fmt: skip

# The review workflow built on a team like the seed's: the Healthcare Content Specialist checks
# clinical accuracy and regulatory compliance, the Social Media Manager gives final approval.
REVIEW_TASKS: tuple[dict, ...] = (
    {"key": "clinical", "name": "Clinical accuracy", "capability": "review_clinical", "due_hours": 24},
    {"key": "regulatory", "name": "Regulatory compliance", "capability": "review_regulatory", "due_hours": 24},
    {"key": "final", "name": "Final approval", "capability": "approve_final", "due_hours": 8},
)
# Posts of a pillar about customers' or patients' stories need the patient's authorization on file.
PATIENT_STORY_PILLAR_WORDS = ("customer", "patient", "stories", "story", "testimonial")
PATIENT_STORY_RULE: dict = {
    "name": "Customer stories need the patient-authorization check",
    "tasks": [{"key": "patient_authorization", "name": "Patient authorization on file",
               "capability": "review_regulatory", "due_hours": 24}],
}  # fmt: skip
# Paid posts, when the strategy has a paid budget, need the ads owner's sign-off.
PAID_RULE: dict = {
    "name": "Paid posts need the ads owner",
    "when": {"paid": True},
    "tasks": [{"key": "ads_owner", "name": "Ads owner sign-off", "capability": "manage_publishing", "due_hours": 24}],
}
CRISIS_REVIEW_TASKS: tuple[dict, ...] = (
    {"key": "crisis_clinical", "name": "Clinical accuracy (expedited)", "capability": "review_clinical", "due_hours": 1},
    {"key": "crisis_legal", "name": "Legal sign-off", "capability": "sign_off_legal", "due_hours": 1},
    {"key": "crisis_final", "name": "Final approval (expedited)", "capability": "approve_final", "due_hours": 1},
)
