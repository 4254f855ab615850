"""A learned reader of whole posts: must a post the rules send to review be blocked, must one they block be, must one
they pass be read by a reviewer?

The rules and the span readers (`phi_model`, `claim_model`) find identifiers and claims; whether an identifier is a
patient's is often decided by the whole post ("bell day for walt", "her scan came back clear"), and a rule that is unsure
asks for review. On posts written by people the rules were not written for, about one post in eight that must be blocked
stops at review, and a rule sure that a name is a patient's is sometimes wrong. This reader weighs what the checker found
(each rule and severity, the span readers' confidences, the post's health words, reply, author and platform) with the
post's words, in three logistic regressions trained by scripts/train_post_reader.py on the train split, as checked with
span readers that never saw their writers. Another regression, fitted to every train post, reads the post's character
n-grams ("lefse", "aspen wing", misspellings and names the word lists do not hold); its score is one more feature of
the others, counted with the post's words:

- on a post at review, when the first is sure the post must be blocked, the post's review findings of the family that
  decides (its patient identifiers, else its claims) block, each saying why;
- on a post blocked only by decisions about whose an identifier is (a name, date, place, handle…; never a number, a
  contact, a photo, a claim or a disclosure), when the second finds the post unlike those that must be blocked, those
  findings go to review, each saying why. A reviewer still reads it;
- on a post nothing was found in, when the third (over the posts the checker passes) finds it like those that must be
  blocked, a finding for the whole post (``post_reader.unflagged``, at review) asks a reviewer to read it.

A rule an organisation set itself keeps its severity; ``post_reader`` set to anything but block turns the reader off,
``post_reader.release`` the release, and ``post_reader.unflagged`` sets the severity of the whole-post finding ("off":
none); it is not added to a post whose findings the organisation's settings switched off.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.resources import files

from socialrx.core.compliance.claim_model import claim_spans
from socialrx.core.compliance.config import ComplianceConfig
from socialrx.core.compliance.document import Document
from socialrx.core.compliance.findings import Finding, Severity
from socialrx.core.compliance.phi_model import patient_spans
from socialrx.core.compliance.roles import health_count, is_reply
from socialrx.core.compliance.rules.phi import relative_date

MODEL_FILE = "data/post_reader.json"
RULE = "post_reader"  # the key an organisation's rule_severity uses to turn the reader off
RELEASE_RULE = "post_reader.release"  # and its second regression alone
UNFLAGGED_RULE = "post_reader.unflagged"  # the finding the third regression adds to a post nothing was found in
_WORD = re.compile(r"[a-z][a-z']*")
GRAMS = "grams"  # the feature holding the n-gram regression's score
GRAM_SIZES = (3, 4, 5)  # the lengths of the character n-grams the n-gram regression reads
# The n-gram sum is scaled by one over the square root of the post's n-gram count, and of no fewer than this many: a
# short post ("New dashboard!", 33 n-grams; a tenth of the corpus's posts have under 170) is little evidence.
GRAMS_FLOOR = 150
_override: dict[str, Model | None] = {}
# Review findings that stay at review: a photo the rules leave to a reviewer (a media release on file), the learned PHI
# reader's unsure spans ("Lou Gehrig's disease"), and "FDA approved" said of no registered product (whether it is
# right depends on the product's status, which no reading of the post tells); the reader's sure spans and the rules'
# identifiers may block.
_NEVER = frozenset({"phi.photo", "phi.learned_possible", "claims.fda_status"})
# Blocking identifiers whose block is a decision about whose they are (a patient's, or staff's, an event's, a customer's),
# which the reader may send to review; a number, contact, photo, link, claim or disclosure block always stands.
ROLE_DECIDED = frozenset({
    "phi.name", "phi.date", "phi.geo", "phi.facility", "phi.employer", "phi.age", "phi.handle",
    "phi.treatment_relationship", "phi.learned", "phi.learned_possible"})


@dataclass(frozen=True)
class Model:
    """The reader's two logistic regressions over named features (weights and intercept each) and their thresholds: the
    probabilities from which a post at review blocks, and below which a post blocked on role decisions goes to review."""

    weights: dict[str, float]
    intercept: float
    escalate_at: float
    escalate_without_health_at: float
    # The second regression, over posts the rules block on role decisions alone: below this probability that the post
    # must be blocked, it goes to review instead (no weights: never).
    release_weights: dict[str, float] = field(default_factory=dict)
    release_intercept: float = 0.0
    release_below: float = 0.0
    # The n-gram regression, over every labelled post, reads the post's character n-grams (``char_grams``): its score
    # joins the other regressions' features as ``grams``, and counts as the post's own words (none: not read).
    grams: dict[str, float] = field(default_factory=dict)
    grams_intercept: float = 0.0
    # The third regression, over posts the checker passes: from this probability that the post must be blocked, a
    # reviewer reads it (no weights: never).
    unflagged_weights: dict[str, float] = field(default_factory=dict)
    unflagged_intercept: float = 0.0
    unflagged_at: float = 1.0

    def grams_score(self, text: str) -> float:
        """Return the n-gram regression's log-odds that a post with this text must be blocked."""
        found = char_grams(text)
        weights = self.grams
        return self.grams_intercept + sum(weights.get(gram, 0.0) for gram in found) / math.sqrt(max(len(found), GRAMS_FLOOR))

    def read(self, doc: Document, findings: tuple[Finding, ...] | list[Finding]) -> dict[str, float]:
        """Return the post's features (``features``) with the n-gram regression's score when the model has one."""
        result = features(doc, findings)
        if self.grams:
            result[GRAMS] = self.grams_score(doc.text)
        return result

    def probability(self, features: dict[str, float]) -> float:
        """Return the model's probability that a post with these features must be blocked."""
        return self.decide(features, plain=False)[1]

    def decide(self, features: dict[str, float], plain: bool) -> tuple[bool, float]:
        """Return whether a post with these features blocks, and the model's probability that it must.

        ``plain`` marks identifiers in a post without any of the health words the rules know: the rules alone never
        block those ("Renata won the pie contest on Labor Day"), so the reader must be surer, and the post's own words,
        not only the identifiers found in it, must point to a patient.
        """
        weights = self.weights
        words = structure = 0.0
        for name, value in features.items():
            weight = weights.get(name, 0.0) * value
            if name.startswith("word:") or name == GRAMS:
                words += weight
            else:
                structure += weight
        probability = _logistic(self.intercept + words + structure)
        if plain:
            return probability >= self.escalate_without_health_at and words > 0, probability
        return probability >= self.escalate_at, probability

    def release_probability(self, features: dict[str, float]) -> float:
        """Return the second regression's probability that a post the rules block on role decisions must be blocked."""
        return _logistic(_linear(self.release_weights, self.release_intercept, features))

    def unflagged_probability(self, features: dict[str, float]) -> float:
        """Return the third regression's probability that a post the checker passes must be blocked."""
        return _logistic(_linear(self.unflagged_weights, self.unflagged_intercept, features))

    @classmethod
    def from_json(cls, data: dict) -> Model:
        """Return the model a training script wrote (see ``to_json``)."""
        release = data.get("release") or {}
        grams = data.get("grams") or {}
        unflagged = data.get("unflagged") or {}
        return cls(_weights(data), float(data["intercept"]), float(data["escalate_at"]), float(data["escalate_without_health_at"]),
                   _weights(release), float(release.get("intercept", 0.0)), float(release.get("release_below", 0.0)),
                   _weights(grams), float(grams.get("intercept", 0.0)),
                   _weights(unflagged), float(unflagged.get("intercept", 0.0)), float(unflagged.get("unflagged_at", 1.0)))

    def to_json(self) -> dict:
        """Return the model as the JSON object shipped in the package."""
        # Intercepts are rounded too, so that training twice on the same posts writes the same bytes.
        return {"intercept": round(self.intercept, 9), "escalate_at": self.escalate_at,
                "escalate_without_health_at": self.escalate_without_health_at,
                "weights": {name: round(weight, 6) for name, weight in sorted(self.weights.items())},
                "release": {"intercept": round(self.release_intercept, 9), "release_below": self.release_below,
                            "weights": {name: round(weight, 6) for name, weight in sorted(self.release_weights.items())}},
                "grams": {"intercept": round(self.grams_intercept, 9),
                          "weights": {gram: round(weight, 4) for gram, weight in sorted(self.grams.items())}},
                "unflagged": {"intercept": round(self.unflagged_intercept, 9), "unflagged_at": self.unflagged_at,
                              "weights": {name: round(weight, 6) for name, weight in sorted(self.unflagged_weights.items())}}}


def char_grams(text: str) -> set[str]:
    """Return the post's character n-grams: of each lower-cased word padded with a space on both sides, every run of
    GRAM_SIZES characters (a padded word has at least three). Read the same way in training."""
    return {padded[i : i + size] for padded in (f" {word} " for word in text.lower().split()) for size in GRAM_SIZES
            for i in range(len(padded) - size + 1)}


def _linear(weights: dict[str, float], intercept: float, features: dict[str, float]) -> float:
    """Return a regression's log-odds for the features."""
    return intercept + sum(weights.get(name, 0.0) * value for name, value in features.items())


def _weights(part: dict) -> dict[str, float]:
    """Return one regression's weights as written in the model JSON (none when the part is absent)."""
    return {str(name): float(weight) for name, weight in (part.get("weights") or {}).items()}


def _logistic(total: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, total))))


@cache
def _shipped() -> Model:
    return Model.from_json(json.loads(files("socialrx.core.compliance").joinpath(MODEL_FILE).read_text(encoding="utf-8")))


def use_model(model: Model | None) -> None:
    """Read with another model, or with none (``None``): for the training script's writer-fold evaluation."""
    _override["model"] = model


def use_shipped_model() -> None:
    """Go back to the model shipped in the package."""
    _override.pop("model", None)


def model() -> Model | None:
    """Return the model in use, or None when an evaluation switched it off."""
    return _override["model"] if "model" in _override else _shipped()


def features(doc: Document, findings: tuple[Finding, ...] | list[Finding]) -> dict[str, float]:
    """Return a post's features: what the checker found, the span readers' confidences, the post's facts and words."""
    result: dict[str, float] = {}
    phi_review: set[str] = set()
    for finding in findings:
        result[f"rule:{finding.rule}:{finding.severity}"] = 1.0
        key = f"family:{finding.family}:{finding.severity}"
        result[key] = min(result.get(key, 0.0) + 1.0, 5.0)
        if finding.family == "phi" and finding.severity == "review":
            phi_review.add(finding.rule)
    result[f"phi_review_kinds:{min(len(phi_review), 3)}"] = 1.0
    for span in patient_spans(doc):
        key = f"phi_reader:{span.kind}"
        result[key] = max(result.get(key, 0.0), span.confidence)
    for claim in claim_spans(doc):
        key = f"claim_reader:{claim.kind}"
        result[key] = max(result.get(key, 0.0), claim.confidence)
    result[f"health:{min(health_count(doc.text), 4)}"] = 1.0
    if doc.has_patient_context:
        result["patient_context"] = 1.0
    if is_reply(doc):
        result["reply"] = 1.0
    result[f"author:{doc.context.author_relationship}"] = 1.0
    result[f"platform:{doc.channel}"] = 1.0
    if doc.mentions:
        # A registered product named in the post (not a registry being configured: an organisation's registry holds
        # all its products, the corpus's each post's own).
        result["products"] = 1.0
    for word in set(_WORD.findall(doc.text.lower())):
        result["word:" + word] = 1.0
    return result


def candidates(doc: Document, findings: tuple[Finding, ...] | list[Finding], config: ComplianceConfig) -> list[Finding]:
    """Return the review findings that would block if the reader is sure: the deciding family's, as far as allowed.

    The deciding family is the patient identifiers when the post has any at review, else its claims and disclosures.
    Identifiers never block in a post with a patient's written authorization, nor does the handle a reply answers, a
    relative date ("today"), a photo with a media release on file, or a span the learned PHI reader is unsure of (the
    rules' own limits); no "FDA approved" said of no registered product blocks; nor does any rule an organisation set
    to something else.
    """
    phi = [f for f in findings if f.family == "phi" and f.severity == "review"]
    if phi:
        if doc.patient_authorized:
            return []
        answered = is_reply(doc)
        chosen = [f for f in phi if f.rule not in _NEVER and not (
            answered and f.rule == "phi.handle" and not doc.original[: f.start].strip()) and not (
            f.rule == "phi.date" and relative_date(doc.original[f.start : f.end]))]
    else:
        chosen = [f for f in findings if f.family in ("claims", "disclosure") and f.severity == "review" and f.rule not in _NEVER]
    return [f for f in chosen if config.severity_for(f.rule, "block") == "block"]


def plain(doc: Document, chosen: list[Finding]) -> bool:
    """Return whether the chosen findings are identifiers in a post without any of the health words the rules know."""
    return chosen[0].family == "phi" and not health_count(doc.text)


def escalated(doc: Document, findings: tuple[Finding, ...], config: ComplianceConfig) -> tuple[Finding, ...]:
    """Return the findings of a post at review, with its candidates (``candidates``) blocking when the reader is sure."""
    reader = model()
    if reader is None or config.severity_for(RULE, "block") != "block":
        return findings
    chosen = candidates(doc, findings, config)
    if not chosen:
        return findings
    blocks, probability = reader.decide(reader.read(doc, findings), plain(doc, chosen))
    if not blocks:
        return findings
    return _restated(findings, chosen, "block", f" Blocked: read as a whole, the post is like those that must not be published "
                     f"(post-level reader learned from labelled posts; confidence {probability:.2f}).")


def release_candidates(findings: tuple[Finding, ...] | list[Finding], config: ComplianceConfig) -> list[Finding]:
    """Return the blocking findings the reader may send to review: all of a blocked post's, when every one is a role
    decision the organisation left at its default (none when anything else blocks)."""
    blocking = [f for f in findings if f.severity == "block"]
    if not blocking or any(f.rule not in ROLE_DECIDED or _configured(config, f.rule) for f in blocking):
        return []
    return blocking


def released(doc: Document, findings: tuple[Finding, ...], config: ComplianceConfig) -> tuple[Finding, ...]:
    """Return the findings of a blocked post, its role-decided blocks at review when the second regression finds the post
    unlike those that must be blocked."""
    reader = model()
    if reader is None or not reader.release_weights or config.severity_for(RELEASE_RULE, "block") != "block":
        return findings
    chosen = release_candidates(findings, config)
    if not chosen:
        return findings
    probability = reader.release_probability(reader.read(doc, findings))
    if probability >= reader.release_below:
        return findings
    return _restated(findings, chosen, "review", f" Sent to review rather than blocked: read as a whole, the post is unlike those "
                     f"that must not be published (post-level reader learned from labelled posts; probability that it must "
                     f"be blocked {probability:.2f}).")


def unflagged(doc: Document, findings: tuple[Finding, ...], config: ComplianceConfig) -> tuple[Finding, ...]:
    """Return the findings of a post the checker passes, with a finding for the whole post (``UNFLAGGED_RULE``, at
    review unless the organisation set that rule's severity) when the third regression finds it like posts that must be
    blocked: no rule matched, yet a reviewer should read it before it goes out. (The engine does not ask when the
    organisation's own settings switched off a finding of the post.)"""
    reader = model()
    if reader is None or not reader.unflagged_weights or config.severity_for(RULE, "block") != "block":
        return findings
    severity = config.rule_severity.get(UNFLAGGED_RULE, "review")
    if severity not in ("block", "review", "info"):
        return findings  # "off"
    read = reader.read(doc, findings)
    probability = reader.unflagged_probability(read)
    if probability < reader.unflagged_at:
        return findings
    claims = max((v for k, v in read.items() if k.startswith("claim_reader:")), default=0.0)
    patients = max((v for k, v in read.items() if k.startswith("phi_reader:")), default=0.0)
    return (*findings, Finding(
        UNFLAGGED_RULE, "claims" if claims > patients else "phi", 0, 0, severity,  # type: ignore[arg-type]
        f"No rule matched, but read as a whole the post is like those that must not be published (post-level reader "
        f"learned from labelled posts; probability {probability:.2f}). Read it for a patient's identifiers, care or story, "
        f"and for claims the product's status and evidence do not allow.",
        "If it is about a real patient, remove what identifies them or attach their authorization; word any claim as the "
        "product's clearance and cited evidence allow.",
    ))


def _restated(findings: tuple[Finding, ...], chosen: list[Finding], severity: Severity, why: str) -> tuple[Finding, ...]:
    """Return the findings with the chosen ones at the reader's severity, their messages saying why."""
    return tuple(replace(f, severity=severity, message=f.message + why) if f in chosen else f for f in findings)


def _configured(config: ComplianceConfig, rule: str) -> bool:
    """Return whether the organisation set this rule's severity itself (its choice stands)."""
    return rule in config.rule_severity or rule.split(".", 1)[0] in config.rule_severity
