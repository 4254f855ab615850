"""Roles (from the strategy's team structure) as Django groups with capabilities."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission


@dataclass(frozen=True)
class RoleDefinition:
    key: str
    name: str
    capabilities: frozenset[str]
    description: str


_EVERYONE = {"view_dashboards"}

ROLES: tuple[RoleDefinition, ...] = (
    RoleDefinition(
        "social_media_manager",
        "Social Media Manager",
        frozenset(
            _EVERYONE
            | {
                "manage_strategy", "manage_calendar", "compose_posts", "comment_posts", "approve_final", "manage_publishing",
                "pause_publishing", "manage_accounts", "manage_listening", "answer_inbox",
                "manage_relationships", "manage_crisis", "import_analytics", "view_audit", "manage_team",
            }
        ),  # fmt: skip
        "Owns the strategy, the calendar, final approval and reports.",
    ),
    RoleDefinition(
        "content_creator",
        "Content Creator",
        frozenset(_EVERYONE | {"compose_posts", "comment_posts"}),
        "Drafts posts and media, repurposes long content.",
    ),
    RoleDefinition(
        "healthcare_content_specialist",
        "Healthcare Content Specialist",
        frozenset(_EVERYONE | {"review_clinical", "review_regulatory", "override_compliance", "comment_posts", "view_audit"}),
        "Clinical-accuracy and regulatory review; can block and can override findings with a reason.",
    ),
    RoleDefinition(
        "community_manager",
        "Community Manager",
        frozenset(_EVERYONE | {"compose_posts", "comment_posts", "answer_inbox", "manage_listening", "manage_relationships"}),
        "Engagement inbox, groups, listening and influencer relations.",
    ),
    RoleDefinition(
        "legal",
        "Legal",
        frozenset(_EVERYONE | {"sign_off_legal", "view_audit"}),
        "Signs off crisis steps (crisis only).",
    ),
    RoleDefinition(
        "executive",
        "Executive",
        frozenset(_EVERYONE | {"sign_off_executive", "pause_publishing", "view_audit"}),
        "Signs off crisis steps and may pause publishing (crisis only).",
    ),
    RoleDefinition("viewer", "Viewer", frozenset(_EVERYONE), "Read-only dashboards (executives, agencies)."),
)
ROLE_BY_KEY = {role.key: role for role in ROLES}
ROLE_BY_NAME = {role.name: role for role in ROLES}


def role_keys_of(user) -> list[str]:
    """Return the role keys a user holds, in the order of ROLES."""
    names = {g.name for g in user.groups.all()} if user.is_authenticated else set()
    return [role.key for role in ROLES if role.name in names]


def sync_roles() -> None:
    """Create or update one group per role with exactly its capabilities."""
    permissions = {p.codename: p for p in Permission.objects.filter(content_type__app_label="socialrx")}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.set([permissions[c] for c in sorted(role.capabilities) if c in permissions])


def sync_roles_after_migrate(sender, **kwargs) -> None:
    sync_roles()
