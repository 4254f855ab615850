"""Run every compliance rule over a post and decide block, review, info or pass."""

from __future__ import annotations

from dataclasses import replace

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.document import Document
from socialrx.core.compliance.findings import SEVERITY_RANK, CheckResult, Finding, worst_severity
from socialrx.core.compliance.patterns import compile_pattern
from socialrx.core.compliance.post_reader import escalated, released, unflagged
from socialrx.core.compliance.roles import health_count
from socialrx.core.compliance.rules import PHI_RULES, RULES
from socialrx.core.compliance.rules.phi import relative_date
from socialrx.core.compliance.rules.phi_learned import faint_identifiers
from socialrx.core.compliance.rules.phi_names import patient_name_hits

_DEFAULT_CONFIG = ComplianceConfig()
_DEFAULT_CONTEXT = CheckContext()


def check_text(
    text: str,
    *,
    config: ComplianceConfig | None = None,
    channel: str | None = None,
    context: CheckContext | None = None,
) -> CheckResult:
    """Return the verdict and findings for one post's text under an organisation's configuration."""
    config = config or _DEFAULT_CONFIG
    doc = Document(text, config, context or _DEFAULT_CONTEXT, channel)
    found = _without_quoted_examples(doc, [finding for rule in RULES for finding in rule(doc)])
    enabled = _enabled(found, config)
    silenced = len(enabled) < len(found)  # a learned finding the organisation switched off
    raw = _combined_identifiers(doc, enabled)
    if not doc.has_patient_context and any(f.family == "phi" and f.severity == "block" for f in raw):
        # The post discloses a patient without the cue words the identifier rules wait for ("bell day for walt …
        # last infusion 10/14"): every identifier in it is weighed again as in a post about a patient.
        again = doc.as_patient_post()
        raw += _combined_identifiers(again, _enabled([finding for rule in PHI_RULES for finding in rule(again)], config))
    findings: dict[tuple[str, int, int], Finding] = {}
    for finding in _merged_learned(raw, config):
        configured = _with_configured_severity(finding, config)
        if configured is None:
            silenced = True
            continue
        key = (configured.rule, configured.start, configured.end)
        # The same identifier found on both readings keeps the severer one.
        if key not in findings or SEVERITY_RANK[configured.severity] > SEVERITY_RANK[findings[key].severity]:
            findings[key] = configured
    ordered = tuple(sorted(findings.values(), key=lambda f: (f.start, f.end, f.rule)))
    verdict = worst_severity(ordered)
    if verdict == "review":
        # The rules are unsure; the post-level reader may be sure that the post as a whole must not go out.
        ordered = escalated(doc, ordered, config)
    elif verdict == "block":
        # Or sure that a post the rules block on whose-identifier decisions alone is unlike those that must be blocked.
        ordered = released(doc, ordered, config)
    elif not silenced:
        # Or sure that a post nothing was found in is like those that must not go out: a reviewer reads it (not when
        # the organisation's own settings switched off what was found).
        ordered = unflagged(doc, ordered, config)
    verdict = worst_severity(ordered)
    if verdict in ("review", "block"):
        # A reviewer reads this post: show them what else the learned reader half-reads as the patient's.
        ordered = _with_faint(doc, ordered, verdict, config)
    return CheckResult(verdict=verdict, findings=ordered)


def _with_faint(doc: Document, findings: tuple[Finding, ...], verdict: str, config: ComplianceConfig) -> tuple[Finding, ...]:
    """Return the findings with the learned reader's faint identifiers that no identifier finding covers (at their
    configured severity, never severer than the post's verdict; none when the organisation turned them off)."""
    if config.severity_for("phi.learned", "review") == "off":
        return findings  # the organisation turned the learned reader off, its faint reading with it
    phi = [f for f in findings if f.family == "phi"]
    added = []
    for finding in faint_identifiers(doc):
        if any(f.start < finding.end and finding.start < f.end for f in phi):
            continue
        configured = _with_configured_severity(finding, config)
        if configured is None:
            continue
        if SEVERITY_RANK[configured.severity] > SEVERITY_RANK[verdict]:
            configured = replace(configured, severity=verdict)
        added.append(configured)
    if not added:
        return findings
    return tuple(sorted((*findings, *added), key=lambda f: (f.start, f.end, f.rule)))


# A post teaching privacy, whose quoted words are examples of what not to write: '"She's Deaf, 93, on 4 North" identifies
# someone', 'That includes "the sweetest 94-year-old in bed 3"'.
PRIVACY_TEACHING = compile_pattern(
    r"(?i)\b(?:identif(?:y|ies|ied|ying|iers?)|de-?identif\w*|privacy|hipaa|written\s+authori[sz]ation|phi)\b"
)
# The identifiers such an example is made of (a number, contact or record is never let go: it is one, quoted or not).
_EXAMPLE_RULES = frozenset({"phi.name", "phi.age", "phi.facility", "phi.date", "phi.geo", "phi.learned", "phi.learned_possible"})


def _without_quoted_examples(doc: Document, found: list[Finding]) -> list[Finding]:
    """Drop the name, age, room, date and place findings inside a quotation of a post that teaches privacy."""
    if ('"' not in doc.text and "\u201c" not in doc.text) or not PRIVACY_TEACHING.search(doc.text):
        return found
    examples = []
    for match in QUOTATION.finditer(doc.text):
        inside = [f for f in found if f.family == "phi" and match.start() < f.start and f.end < match.end()]
        # A short example ('"She's Deaf, 93, on 4 North"'), not a record pasted in quotes ('"Eustace P., ninety-four,
        # Harbor View Manor, room 212, fall on Christmas Eve"'), which discloses whatever the post says of it.
        kinds = {f.rule for f in inside if not f.rule.startswith("phi.learned")}  # the learned reader's spans repeat the rules'
        if len(kinds) <= 2 and all(f.rule in _EXAMPLE_RULES for f in inside):
            examples.append(match.span())
    return [f for f in found if not (f.family == "phi" and any(q_start < f.start and f.end < q_end for q_start, q_end in examples))]


QUOTATION = compile_pattern(r"[\"\u201c][^\"\u201c\u201d\n]{3,120}[\"\u201d]")


def _enabled(raw: list[Finding], config: ComplianceConfig) -> list[Finding]:
    """Drop the learned reader's findings when the organisation turned those rules off (they then combine with nothing)."""
    return [f for f in raw if not (f.rule.startswith(_LEARNED) and config.severity_for(f.rule, f.severity) == "off")]


def _merged_learned(raw: list[Finding], config: ComplianceConfig) -> list[Finding]:
    """Fold the learned reader's spans into the rules' findings on the same identifier.

    One identifier or claim is shown once, with the rule's own message; when the learned PHI reader is surer (block
    against the rule's review), the rule's finding takes its severity (a claim rule's severity stands). Spans no rule
    found stay as ``phi.learned`` / ``claims.learned`` findings. The
    organisation's severity for the learned rules applies first (turned off, they change nothing).
    """
    if not any(f.rule.startswith(_LEARNED) for f in raw):
        return raw
    learned = [configured for f in raw if f.rule.startswith(_LEARNED)
               for configured in [_with_configured_severity(f, config)] if configured is not None]
    merged = [f for f in raw if not f.rule.startswith(_LEARNED)]
    for finding in learned:
        # A learned claim is the rule's claim when any claim or disclosure rule flagged the same words, or the words
        # right beside them ("Results" before a rule's "guaranteed with": one phrase).
        families = ("phi",) if finding.family == "phi" else ("claims", "disclosure")
        slack = 0 if finding.family == "phi" else 2
        overlapping = [i for i, other in enumerate(merged) if other.family in families and other.start < finding.end + slack
                       and finding.start < other.end + slack]
        if not overlapping:
            merged.append(finding)
            continue
        # The learned PHI reader may be surer than a rule about an identifier; a claim rule's severity is its own
        # decision (an uncited statistic asks for review, 'FDA approved' of no named product asks for review).
        for index in overlapping if finding.family == "phi" else ():
            if SEVERITY_RANK[finding.severity] > SEVERITY_RANK[merged[index].severity]:
                merged[index] = replace(merged[index], severity=finding.severity)
    return merged


def _combined_identifiers(doc: Document, raw: list[Finding]) -> list[Finding]:
    """Block weak identifiers that name one person together: a name (or a span the learned reader takes for a patient's)
    with a place, date, age or number.

    Each alone may be someone else's (review); a name beside a town, a date or an age over 89 in one post is
    the combination Safe Harbor is about. Posts whose patients have a written authorization stay in review.
    """
    weak = [f for f in raw if f.family == "phi" and f.severity == "review" and (f.rule in _COMBINABLE or _personal_contact(doc, f))
            and not (f.rule == "phi.date" and relative_date(doc.original[f.start : f.end]))]
    # The learned reader's span over an identifier a rule found is the same identifier, not a second one.
    weak = [f for f in weak if not f.rule.startswith(_LEARNED[0]) or not any(
        not o.rule.startswith(_LEARNED[0]) and o.family == "phi" and o.start < f.end and f.start < o.end for o in raw)]
    kinds = {f.rule for f in weak}
    if not weak or patient_name_hits(doc)[1]:
        return raw
    # A reply that confirms care makes the person it speaks to a patient, with their handle and dates.
    confirmed = any(f.rule == "phi.treatment_relationship" and f.severity == "block" for f in raw)
    if confirmed:
        return [replace(f, severity="block") if f in weak else f for f in raw]
    if not health_count(doc.text):
        return raw  # identifiers without any health information are no PHI, however many
    # A handle answered at the start of a reply is the commenter's, whatever else the post names.
    weak = [f for f in weak if f.rule != "phi.handle"]
    kinds = {f.rule for f in weak}
    # A name, or a span the learned reader takes for a patient's (it reads names, places, dates and ages), with another kind.
    if kinds & _READ_AS_PATIENTS and len(kinds) >= 2:
        return [replace(f, severity="block") if f in weak else f for f in raw]
    # Without a name, two kinds in one sentence ("her cardiology appt in Port Ellis on 4/12") still point at one person.
    combined: set[int] = set()
    for i, first in enumerate(weak):
        sentence = doc.sentence_at(first.start)
        for j, second in enumerate(weak):
            if first.rule != second.rule and doc.sentence_at(second.start) == sentence:
                combined |= {i, j}
    if not combined:
        return raw
    chosen = [weak[i] for i in combined]
    return [replace(f, severity="block") if f in chosen else f for f in raw]


def _personal_contact(doc: Document, finding: Finding) -> bool:
    """Return whether a phone number or e-mail is given as a person's own ('his cell is …', 'gave the number …')."""
    return finding.rule in ("phi.phone", "phi.email") and bool(
        PERSONAL_CONTACT_BEFORE.search(doc.original, max(0, finding.start - 40), finding.start))


PERSONAL_CONTACT_BEFORE = compile_pattern(
    r"(?i)\b(?:his|her|their|\w+['\u2019]s)\s+(?:own\s+)?(?:cell|mobile|phone|number|cell\s+phone|home\s+phone|e-?mail)"
    r"(?:\s+(?:number|address))?\s*(?:is|was|:)?\s*:?\s*$"
    r"|\bgave\s+(?:us\s+|me\s+)?(?:(?:the|her|his|their|a)\s+(?:phone\s+)?number\s*:?\s*)?$"
)
_LEARNED = ("phi.learned", "claims.learned")
_READ_AS_PATIENTS = frozenset({"phi.name", "phi.learned", "phi.learned_possible"})
_COMBINABLE = _READ_AS_PATIENTS | frozenset({
    "phi.geo", "phi.date", "phi.age", "phi.facility", "phi.employer", "phi.device_id", "phi.handle", "phi.health_plan_id",
    "phi.medical_record_number", "phi.account_number", "phi.license_number", "phi.other_id"})
# Phones, e-mails and links are left out unless given as a person's own ('his cell is …', `_personal_contact`): an
# organisation posts its own next to its staff's names every day.


def _with_configured_severity(finding: Finding, config: ComplianceConfig) -> Finding | None:
    severity = config.severity_for(finding.rule, finding.severity)
    if severity == "off":
        return None
    if severity == finding.severity:
        return finding
    return replace(finding, severity=severity)
