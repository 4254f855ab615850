"""Generalisations drawn from the twenty-first round of unseen writers (a Korean-American church's parish nurse, an
urgent-care PA creator, a health plan's care managers, a hospital ASL interpreter): Korean names before honorifics,
ages, dates, rooms, health words, claims, endorsements, disclosures, review-only claims and denials; names spelled
letter by letter; Vietnamese dates; 'your work note'; a bare 'No.' after a claim is the only one that denies it;
'PAIN SCALE 1-10' is no date. The texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from socialrx.core.compliance.config import CheckContext, ComplianceConfig
from socialrx.core.compliance.engine import check_text
from socialrx.core.compliance.roles import health_count
from tests.core.compliance.helpers import check, rules

EMPLOYEE = CheckContext(author_relationship="employee")
PAID = CheckContext(author_relationship="paid_influencer")


def _found(text: str, products: dict[str, str] | None = None, context: CheckContext = EMPLOYEE) -> set[str]:
    config = ComplianceConfig.from_dict({"products": products or {}, "own_domains": ["example.com"]})
    return {f.rule for f in check_text(text, config=config, context=context).findings}


def test_korean_identifiers_block():
    text = "오늘 혈압 체크에서 박말순 권사님 (93세) 170 나오셔서 아드님께 전화드렸어요. 4월 9일 병원 예약 잡았어요."
    found = {f.rule: text[f.start:f.end] for f in check(text, context=EMPLOYEE).findings}
    assert check(text, context=EMPLOYEE).verdict == "block"
    assert found.get("phi.name") == "박말순" and "phi.age" in found and "phi.date" in found


@pytest.mark.parametrize("text", ["우리 할머니 요즘 건강하세요", "90세 넘으신 어르신들도 독감주사 맞으셔도 돼요"])
def test_korean_words_before_honorifics_are_no_names(text):
    assert "phi.name" not in rules(text, context=EMPLOYEE)


def test_korean_rooms_and_health_words():
    assert health_count("아버님 퇴원하시고 혈압은 제가 재드릴게요")
    assert "phi.facility" in rules("정옥자 권사님 요양원 305호로 옮기셨어요", context=EMPLOYEE)
    assert "phi.facility" not in rules("3호선 타고 오세요", context=EMPLOYEE)


@pytest.mark.parametrize("text,rule", [
    ("새로 들어온 BaroCuff 혈압계 FDA 승인 받은 거라 정확해요", "claims.fda_status"),
    ("BaroCuff는 FDA 인증 받은 혈압계예요", "claims.fda_endorsement"),
    ("BaroCuff 100% 정확해요", "claims.absolute_accuracy"),
    ("병원 간호사가 재는 것보다 더 정확하대요", "claims.superiority"),
    ("태블릿으로 10분이면 의사 없이도 치매 진단 끝", "claims.ai_overclaim"),
    ("매일 드시면 독감주사 안 맞으셔도 돼요", "claims.misinformation"),
    ("이 홍삼 먹고 관절염 다 나았어요", "claims.cure"),
])
def test_claims_in_korean(text, rule):
    assert rule in _found(text, {"BaroCuff": "510k_cleared"})


def test_a_korean_denial_after_the_claim():
    text = 'BaroCuff는 "FDA 승인"이 아니라 FDA 510(k) cleared (K250004) 제품이에요.'
    assert "claims.fda_status" not in _found(text, {"BaroCuff": "510k_cleared"})


@pytest.mark.parametrize("text,rule", [
    ("교회 다니는 분들 10명 중 6명이 고혈압이에요", "claims.uncited_statistic"),
    ("과학적으로 증명된 걷기 운동!", "claims.evidence"),
    ("독감주사 한 번이면 병원비 수천 불 아껴요", "claims.economic"),
    ("의사 선생님들도 다 추천하는 혈압 관리법", "claims.expert_endorsement"),
    ("동네에서 제일 빠른 무료 독감 클리닉", "claims.superlative"),
])
def test_review_claims_in_korean(text, rule):
    assert rule in rules(text)


def test_korean_endorsement_and_disclosures():
    assert "disclosure.material_connection" in _found("BaroCuff 진짜 최고예요 꼭 사두세요", {"BaroCuff": "510k_cleared"}, PAID)
    assert "disclosure.inadequate" in _found("홍삼 매일 드세요 #홍보대사", {}, PAID)
    assert "disclosure.material_connection" not in _found("[광고] BaroCuff 진짜 최고예요", {"BaroCuff": "510k_cleared"}, PAID)


@pytest.mark.parametrize("text,name", [
    ("ED bay 4 at 3am, he fingerspelled R-O-S-A-L-I-N-D twice before anyone looked up", "R-O-S-A-L-I-N-D"),
    ("m a r g o t in 14 asked for her daughter again tonight", "m a r g o t"),
])
def test_names_spelled_letter_by_letter(text, name):
    assert name in {text[f.start:f.end] for f in check(text, context=EMPLOYEE).findings if f.rule == "phi.name"}


def test_spelled_letters_that_are_no_name():
    assert "phi.name" not in rules("remember the F-A-S-T signs and the A B C of CPR", context=EMPLOYEE)


def test_vietnamese_birth_date():
    text = "@tranvan.b Dạ chú, em đọc lại: sinh ngày 12 tháng 4 năm 1949, PCP là bác sĩ Võ."
    assert "phi.date" in rules(text, context=CheckContext(author_relationship="brand", is_reply=True))


def test_your_work_note_confirms_care():
    assert "phi.treatment_relationship" in rules("@ricky_t sending your work note over now!",
                                                 context=CheckContext(author_relationship="employee", is_reply=True))


def test_only_a_bare_no_denies_a_claim():
    assert "claims.guarantee" in rules("Guaranteed approval. No health questions. Call today!")
    assert "claims.guarantee" not in rules("Guaranteed results? No. Nobody can promise that.")


def test_a_range_on_a_scale_is_no_date():
    text = "our charge nurse learned PAIN SCALE 1-10 in ASL and uses it with every Deaf pt"
    assert "phi.date" not in rules(text, context=EMPLOYEE)
