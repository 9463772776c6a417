"""A hospital stay read from how the user described the treatment (the checklist's stay items)."""
import pytest

from bot.claims.hospital_stay import hospital_stay


@pytest.mark.parametrize("text, stay", [
    ("急性阑尾炎，做了手术，住院5天", True),
    ("肺炎，住了一周", True),
    ("急诊后住院观察两天", True),
    ("出院了，还要复查", True),
    ("was admitted for 3 days", True),
    ("手掌割伤，缝了5针", False),
    ("急诊看了一下，没住院", False),
    ("感冒发烧，门诊开药", False),
    ("broken wrist, cast at A&E, not admitted", False),
    ("住院部复查", None),  # the department, not a stay
    ("骨折", None),
    ("appendicitis surgery", None),
    ("", None),
])
def test_a_stay_a_visit_or_not_said(text, stay):
    assert hospital_stay(text) is stay
