"""Which claim a description means (bot.claims.claim_cues): state, person, most recent, other words."""
from datetime import datetime

import pytest

from bot.claims.claim_cues import ClaimFacts, describe, fitting, statuses_named

CLAIMS = [
    ClaimFacts("C-1", "rejected", "self", "F", describe("C-1", "王丽", "右手肌腱断裂", "华康医院", "已拒赔"),
               datetime(2026, 10, 1)),
    ClaimFacts("C-2", "paid", "self", "F", describe("C-2", "王丽", "急性阑尾炎", "第一人民医院", "已赔付"),
               datetime(2026, 11, 1)),
    ClaimFacts("C-3", "under_review", "parent", "F", describe("C-3", "刘秀英", "肺炎", "中山医院", "保险公司审核中"),
               datetime(2026, 11, 20)),
    ClaimFacts("C-4", "rejected", "parent", "M", describe("C-4", "王建华", "骨折", "中山医院", "已拒赔"),
               datetime(2026, 9, 1)),
]


@pytest.mark.parametrize("words, cases", [
    ("阑尾炎", ["C-2"]), ("被拒", ["C-1", "C-4"]), ("我妈", ["C-3"]), ("我爸被拒", ["C-4"]), ("父母", ["C-3", "C-4"]),
    ("中山医院", ["C-3", "C-4"]), ("华康", ["C-1"]), ("最近", ["C-3"]), ("上次", ["C-3"]), ("我", ["C-1", "C-2"]), ("我自己被拒", ["C-1"]),
    ("还没到账", ["C-3"]), ("赔了", ["C-2"]), ("刘秀英", ["C-3"]), ("c-4", ["C-4"]), ("my mum's", ["C-3"]),
    ("rejected", ["C-1", "C-4"]), ("the appendicitis", []), ("我妈骨折", []), ("我同事", []), ("", []),
])
def test_a_claim_fits_every_cue_of_the_description(words, cases):
    assert [c.case_number for c in fitting(CLAIMS, words)] == cases


def test_a_question_about_payment_names_no_state():
    assert statuses_named("赔了吗") is None and statuses_named("为什么被拒") == ("rejected",)
