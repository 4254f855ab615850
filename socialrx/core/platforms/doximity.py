"""Doximity: a manual channel with house length guidance (platform-facts §4).

Doximity has no public posting API, so socialrx prepares the copy and a checklist and a
person posts it or hands it to the Doximity account team. The reference gives no length
limit; the numbers below are the team's guidance for a "professional summary for a medical
audience" (seed strategy, "Content Repurposing"), so they warn and never block.
"""

from socialrx.core.platforms.issues import PlatformIssue
from socialrx.core.platforms.utm import untagged_link_issues

SUMMARY_GUIDANCE_CHARACTERS = 1500
"""Summaries longer than this are flagged for review: clinicians read them between patients."""

TITLE_GUIDANCE_CHARACTERS = 100


def doximity_issues(text: str, title: str = "") -> list[PlatformIssue]:
    """Return the manual-posting notice, length guidance and links missing UTM tags."""
    issues = [
        PlatformIssue(
            "platform.doximity.manual",
            "Doximity has no posting API: a person posts this copy by hand or sends it to the Doximity account team.",
            "info",
        )
    ]
    if not text.strip():
        issues.append(PlatformIssue("platform.doximity.empty", "The summary is empty.", "block"))
    if len(text) > SUMMARY_GUIDANCE_CHARACTERS:
        issues.append(
            PlatformIssue(
                "platform.doximity.long",
                f"The summary is {len(text):,} characters; the guidance is at most {SUMMARY_GUIDANCE_CHARACTERS:,}.",
                "review",
                "text",
                SUMMARY_GUIDANCE_CHARACTERS,
                len(text),
            )
        )
    if len(title) > TITLE_GUIDANCE_CHARACTERS:
        issues.append(
            PlatformIssue(
                "platform.doximity.title_long",
                f"The title is {len(title)} characters; the guidance is at most {TITLE_GUIDANCE_CHARACTERS}.",
                "review",
                "title",
            )
        )
    return issues + untagged_link_issues(text, channel="doximity")
