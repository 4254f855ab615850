"""Every compliance rule, registered in one list."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from socialrx.core.compliance.document import Document
from socialrx.core.compliance.findings import Finding
from socialrx.core.compliance.rules import (
    accessibility,
    claims,
    claims_learned,
    claims_products,
    disclosure,
    phi,
    phi_ids,
    phi_learned,
    phi_names,
    platform,
)

Rule = Callable[[Document], Iterable[Finding]]

RULES: tuple[Rule, ...] = (
    phi_names.patient_names,
    phi_names.spelled_names,
    phi_ids.phone_numbers,
    phi_ids.local_phone_numbers,
    phi_ids.machine_fields,
    phi_ids.machine_records,
    phi_ids.emails,
    phi_ids.social_security_numbers,
    phi_ids.record_numbers,
    phi_ids.cued_identifiers,
    phi_ids.device_identifiers,
    phi_ids.ip_addresses,
    phi.dates,
    phi.ages_over_89,
    phi.places,
    phi.facilities,
    phi.employers,
    phi.patient_links,
    phi.patient_media,
    phi.treatment_relationship,
    phi.quasi_identifiers,
    phi_learned.learned_identifiers,
    claims.fda_status,
    claims.fda_endorsement,
    claims.cures,
    claims.guarantees,
    claims.absolute_accuracy,
    claims.absolute_safety,
    claims.ai_overclaims,
    claims.product_autonomy,
    claims.misinformation,
    claims.superiority,
    claims.expert_endorsements,
    claims.uncited_statistics,
    claims.evidence_claims,
    claims.economic_claims,
    claims.nonhuman_evidence,
    claims_products.benefit_without_risk,
    claims_products.established_names,
    claims_products.investigational_promotion,
    claims_products.wellness_disease_claims,
    claims_products.off_label,
    claims_learned.learned_claims,
    disclosure.material_connection,
    disclosure.buried_disclosure,
    disclosure.atypical_results,
    disclosure.patient_story,
    accessibility.alt_texts,
    accessibility.all_caps,
    accessibility.hashtag_case,
    accessibility.emoji_only_lines,
    platform.length_limit,
    platform.paid_promotion_setting,
)
# The identifier rules: run a second time on a post first read without patient cues once it turns out to disclose one.
PHI_RULES: tuple[Rule, ...] = tuple(rule for rule in RULES if rule.__module__.rsplit(".", 1)[-1] in ("phi", "phi_ids", "phi_names", "phi_learned"))
