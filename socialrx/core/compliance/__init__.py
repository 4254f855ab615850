"""Pre-publication compliance checks: PHI, claims, disclosures, accessibility and platform rules.

Entry point: `engine.check_text`; configuration in `config`; findings and JSON in `findings`.
"""
