"""A post found to disclose a patient is read again as one, and the sixth-round generalisations (birth dates, negations,
quoted questions, Chinese honorifics, fundraisers under the organisation's domain, the organisation's own town)."""

from __future__ import annotations

from socialrx.core.compliance.config import ComplianceConfig
from socialrx.core.compliance.engine import check_text
from tests.core.compliance.helpers import check

STAFF_ROOM = "Our team meeting moved to room 12 this week. Bring your ideas for the spring health fair!"


def _spans(text: str, family: str = "phi") -> dict[str, str]:
    return {text[f.start : f.end]: f.severity for f in check(text).findings if f.family == family}


def test_post_blocked_for_a_patient_date_also_flags_its_room():
    """No cue word says 'patient', but a care date is blocked: the chair number in the same post is then the patient's."""
    text = "bell day for walt in chair 7!! 6 cycles of folfox, last infusion 10/14 and he drove himself home"
    spans = _spans(text)
    assert spans.get("10/14") == "block"
    assert "7" in spans or "chair 7" in spans


def test_second_reading_never_runs_on_a_clean_post(rules_only):
    """A post with nothing blocked is not read again: a staff room number stays unblocked by the rules. (The post-level
    reader may still block it; `test_post_reader.py` counts it among the hand-written clean posts it may block.)"""
    assert check(STAFF_ROOM).verdict != "block"


def test_date_after_dob_is_always_an_identifier():
    for text in ("ok gerald got it - dob 9/30/40, plan starts next month", "verified u w/ dob 3.7.58",
                 "fecha de nacimiento: 12/01/1939"):
        assert check(text).verdict == "block", text


def test_company_born_on_a_date_is_not_a_birth_date():
    assert check("Our company was born on March 3, 2019 in a garage.").verdict != "block"


def test_cant_guarantee_and_is_not_lists_negate_claims():
    assert "claims.guarantee" not in {f.rule for f in check("We can't guarantee any number, but you will learn a lot.").findings}
    text = "What it is not: a melasma cure, a facelift, or anything permanent."
    assert "claims.cure" not in {f.rule for f in check(text).findings}


def test_claim_inside_a_quoted_question_is_asked_not_made():
    text = 'WeChat question of the week: "Bitter melon cure diabetes?" It is a healthy food, but no.'
    assert "claims.cure" not in {f.rule for f in check(text).findings}
    assert "claims.cure" in {f.rule for f in check("Bitter melon can cure diabetes, try it!").findings}


def test_chinese_surname_before_elder_honorific_is_a_name():
    text = "新年快乐 陈婆婆 turn 96 today and still walk to her diabetes check by herself!"
    assert "陈" in _spans(text)
    assert "公" not in _spans("Flu shots for our 公公婆婆 this Saturday, walk-in 9 to 1.")


def test_fundraiser_under_the_organisations_domain_is_still_a_patients():
    config = ComplianceConfig.from_dict({"own_domains": ["example.com"]})
    text = "please share, one of our young pts is fighting hodgkin's: gofundme.example.com/f/shawnie-vs-hodgkins"
    result = check_text(text, config=config)
    assert any(f.rule == "phi.url" and f.severity == "block" for f in result.findings)
    own = check_text("Read our annual report at example.com/report", config=config)
    assert not any(f.rule == "phi.url" for f in own.findings)


def test_visit_us_in_a_town_is_the_organisations_place():
    text = "The leading Medicare agency for families in the valley. Visit us in Pinecrest Landing."
    assert "Pinecrest Landing" not in _spans(text)
