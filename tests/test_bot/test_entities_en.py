"""English entity extraction: the same labels and values as Chinese, side by side where both exist.

The reference time is Tuesday 2026-11-24 10:00 Asia/Shanghai throughout (as in test_entities.py).
"""
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from bot.nlu.entities import extract_entities, parse_amount, parse_date
from bot.nlu.numerals_en import parse_english_number
# The Chinese tests' frozen clock and helpers (frozen_clock is autouse: importing it applies it here too).
from tests.test_bot.test_entities import TODAY, frozen_clock, of_type, pairs  # noqa: F401


# --- number words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, value",
    [("ten thousand", 10000), ("three thousand four hundred and eighteen", 3418), ("twenty-five", 25),
     ("a thousand", 1000), ("eight grand", 8000), ("twelve hundred", 1200), ("five hundred thousand", 500000),
     ("one million two hundred thousand", 1200000), ("one two", None), ("thousand", None),
     ("one thousand two thousand", None), ("twenty twelve", None), ("a", None), ("hundred hundred", None)],
)
def test_english_number_words(words, value):
    assert parse_english_number(words) == (None if value is None else Decimal(value))


# --- amount ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, approximate, surface",
    [
        ("13,418 yuan", "13418.00", False, "13,418 yuan"),
        ("RMB 3.4k", "3400.00", False, "RMB 3.4k"),
        ("¥8000 at the hospital", "8000.00", False, "¥8000"),
        ("CNY 1,200.50", "1200.50", False, "CNY 1,200.50"),
        ("ten thousand", "10000.00", False, "ten thousand"),
        ("about 8 grand", "8000.00", True, "8 grand"),
        ("2.5 thousand", "2500.00", False, "2.5 thousand"),
        ("1.2 million", "1200000.00", False, "1.2 million"),
        ("8k rmb", "8000.00", False, "8k rmb"),
        ("3418 RMB", "3418.00", False, "3418 RMB"),
        ("3418yuan", "3418.00", False, "3418yuan"),
        ("I paid 8000 for the surgery", "8000.00", False, "8000"),
        ("the bill came to about 8000", "8000.00", True, "8000"),
        ("it cost me roughly 3,000", "3000.00", True, "3,000"),
        ("around ten thousand yuan", "10000.00", True, "ten thousand yuan"),
        ("over 20 thousand", "20000.00", True, "20 thousand"),
        ("5000 yuan or so", "5000.00", True, "5000 yuan"),
        ("8000 in total", "8000.00", False, "8000"),
        ("three thousand four hundred and eighteen yuan", "3418.00", False,
         "three thousand four hundred and eighteen yuan"),
        ("花了八千", "8000.00", False, "八千"),  # Chinese beside it, unchanged
    ],
)
def test_english_amount(text, value, approximate, surface):
    (entity,) = [e for e in extract_entities(text) if e["entity"] == "amount"]
    assert entity["value"] == value
    assert entity["approximate"] is approximate
    assert text[entity["start"]:entity["end"]] == surface


@pytest.mark.parametrize(
    "text",
    ["call me on 13800138000", "Nov 6 2022", "11/06/2022", "2022-11-06", "case C-1001", "case number 1001",
     "3 days in hospital", "I spent 3 days in hospital", "I have two kids", "a thousand times", "in 2022",
     "ID 110105197903140026", "the 2nd", "at 8:30", "5mg twice a day", "one", "paid on Nov 6",
     "twenty twelve"],
)
def test_not_an_english_amount(text):
    assert of_type(text, "amount") == []


@pytest.mark.parametrize(
    "reply, expected",
    [
        ("8000", (Decimal("8000.00"), False)), ("about 8000", (Decimal("8000.00"), True)),
        ("about 8k", (Decimal("8000.00"), True)), ("eight thousand", (Decimal("8000.00"), False)),
        ("roughly 3,000 yuan", (Decimal("3000.00"), True)), ("3000-ish", (Decimal("3000.00"), True)),
        ("around 5000 or so", (Decimal("5000.00"), True)), ("RMB 13,418.00", (Decimal("13418.00"), False)),
        ("3000 to 5000", None), ("I don't know", None), ("three days", None),
        ("大概8000吧", (Decimal("8000.00"), True)),
    ],
)
def test_parse_english_amount(reply, expected):
    assert parse_amount(reply) == expected


# --- date -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "zh, en, iso",
    [
        ("今天", "today", "2026-11-24"), ("昨天", "yesterday", "2026-11-23"),
        ("昨晚", "last night", "2026-11-23"), ("前天", "the day before yesterday", "2026-11-22"),
        ("3天前", "3 days ago", "2026-11-21"), ("三天前", "three days ago", "2026-11-21"),
        ("一周前", "a week ago", "2026-11-17"), ("两周前", "two weeks ago", "2026-11-10"),
        ("上周五", "last Friday", "2026-11-20"), ("上周一", "last Monday", "2026-11-16"),
        ("上周一", "Monday last week", "2026-11-16"), ("本周一", "this Monday", "2026-11-23"),
        ("周五", "Friday", "2026-11-20"), ("周五", "on Friday", "2026-11-20"), ("周一", "on Mon", "2026-11-23"),
        ("2022年11月6日", "Nov 6 2022", "2022-11-06"), ("2022年11月6日", "November 6, 2022", "2022-11-06"),
        ("2022年11月6日", "Nov. 6th, 2022", "2022-11-06"), ("2022年11月6日", "6 Nov 2022", "2022-11-06"),
        ("2022年11月6日", "the 6th of November, 2022", "2022-11-06"),
        ("11月6号", "6th of November", "2026-11-06"), ("11月6号", "Nov 6", "2026-11-06"),
        ("11月30号", "Nov 30", "2025-11-30"),  # no year: the latest one not after today
        ("2月29日", "Feb 29", "2024-02-29"), ("去年11月3号", "Nov 3 last year", "2025-11-03"),
        ("上个月3号", "the 3rd of last month", "2026-10-03"), ("2022-11-06", "2022-11-06", "2022-11-06"),
        ("2022/11/6", "11/06/2022", "2022-11-06"),  # month first, as the Chinese "11/6"
        ("2022/11/25", "25/11/2022", "2022-11-25"),  # 25 cannot be a month: day first
    ],
)
def test_english_date_beside_chinese(zh, en, iso):
    assert pairs(zh) == [("date", iso)]
    assert pairs(en) == [("date", iso)]


@pytest.mark.parametrize(
    "text",
    ["Feb 30", "Feb 30 2022", "02/30/2022", "13/13/2022", "every Monday", "on Mondays", "I sat down",
     "we wed in May", "last week", "a few days ago", "November 2022", "2022"],
)
def test_not_an_english_date(text):
    assert of_type(text, "date") == []


@pytest.mark.parametrize(
    "reply, expected",
    [
        ("yesterday", date(2026, 11, 23)), ("last Friday I think", date(2026, 11, 20)),
        ("Nov 6", date(2026, 11, 6)), ("the 6th", date(2026, 11, 6)), ("6th", date(2026, 11, 6)),
        ("on the 25th.", date(2026, 10, 25)), ("Feb 30", None), ("yesterday or the day before yesterday", None),
        ("I can't remember", None), ("6", None),
    ],
)
def test_parse_english_date(reply, expected):
    assert parse_date(reply, TODAY) == expected


# --- case number ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, surface",
    [("case number 1001", "1001"), ("claim no. 1001", "1001"), ("case #1001", "1001"),
     ("my case number is C-1001", "C-1001"), ("案件号1001", "1001")],
)
def test_english_case_number(text, surface):
    (entity,) = extract_entities(text)
    assert (entity["entity"], entity["value"]) == ("case_number", "C-1001")
    assert text[entity["start"]:entity["end"]] == surface


# --- hospital and word entities --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("My mom was admitted to Peking Union Medical College Hospital",
         "Peking Union Medical College Hospital"),
        ("I went to Beijing Chaoyang Hospital yesterday", "Beijing Chaoyang Hospital"),
        ("taken to chaoyang hospital", "chaoyang hospital"), ("St. Mary's Hospital", "St. Mary's Hospital"),
        ("Beijing Children's Hospital", "Beijing Children's Hospital"),
        ("the Haidian Maternity and Child Health Hospital", "Haidian Maternity and Child Health Hospital"),
        ("a shot at the community health centre", "community health centre"),
        ("Beijing Cancer Hospital", "Beijing Cancer Hospital"),  # cancer inside the name is no illness
        ("昨天在朝阳医院住院", "朝阳医院"),
    ],
)
def test_english_hospital(text, name):
    assert of_type(text, "hospital") == [name]
    assert of_type(text, "incident_type") == []


@pytest.mark.parametrize(
    "text",
    ["I was in hospital", "the hospital", "a big public hospital", "a 3A hospital", "the children's hospital",
     "which hospital", "my mom's hospital", "the nearest clinic", "去医院"],
)
def test_not_an_english_hospital_name(text):
    assert of_type(text, "hospital") == []


@pytest.mark.parametrize(
    "zh, en, label, value",
    [
        ("三甲医院", "a grade 3A hospital", "hospital_grade", "3A"),
        ("三级甲等", "class A tertiary", "hospital_grade", "3A"),
        ("三甲", "it's 3A.", "hospital_grade", "3A"),
        ("三甲", "tertiary grade A", "hospital_grade", "3A"),
        ("三级医院", "a tertiary hospital", "hospital_grade", "3"),
        ("是三乙", "grade 3B", "hospital_grade", "3"),
        ("二甲", "grade II", "hospital_grade", "2"),
        ("二级医院", "secondary hospital", "hospital_grade", "2"),
        ("一级医院", "a level 1 hospital", "hospital_grade", "1"),
        ("没有等级", "it is unrated", "hospital_grade", "unrated"),
        ("公立医院", "a public hospital", "hospital_ownership", "public"),
        ("公立", "state-run", "hospital_ownership", "public"),
        ("私立的", "it's private", "hospital_ownership", "private"),
        ("民营医院", "a privately run clinic", "hospital_ownership", "private"),
        ("非公立医院", "non-public", "hospital_ownership", "private"),
        ("不是公立，是私营", "not public, it's private", "hospital_ownership", "private"),
        ("摔伤了", "I fell down the stairs", "incident_type", "accident"),
        ("出了车祸", "car accident", "incident_type", "accident"),
        ("受伤", "he got injured", "incident_type", "accident"),
        ("骨折", "a fracture", "incident_type", "accident"),
        ("被狗咬了", "bitten by a dog", "incident_type", "accident"),
        ("发烧", "a high fever", "incident_type", "illness"),
        ("生病了", "I got sick", "incident_type", "illness"),
        ("癌症", "cancer", "incident_type", "illness"),
        ("不是意外，是生病", "it was not an accident, it was an illness", "incident_type", "illness"),
        ("本人", "myself", "relationship", "self"),
        ("本人", "self", "relationship", "self"),
        ("我老婆", "my wife", "relationship", "spouse"),
        ("丈夫", "husband", "relationship", "spouse"),
        ("我妈", "my mum", "relationship", "parent"),
        ("父亲", "my dad", "relationship", "parent"),
        ("父母", "parents", "relationship", "parent"),
        ("女儿", "my daughter", "relationship", "child"),
        ("孩子", "the kid", "relationship", "child"),
    ],
)
def test_english_word_entities_beside_chinese(zh, en, label, value):
    assert pairs(zh) == [(label, value)]
    assert pairs(en) == [(label, value)]


@pytest.mark.parametrize(
    "text",
    ["grade 3 disability", "a grade 2 burn", "Room 3A", "private room", "public holiday", "I bought accident insurance",
     "critical illness cover", "I wasn't injured", "I wasn’t injured", "it is not an accident", "no injury",
     "I accidentally deleted it", "I paid it myself", "my mother-in-law", "my son-in-law", "childbirth",
     "grandmother", "moment", "I'll call", "the app crashed", "primary school", "secondary cause",
     "I want to report a claim"],
)
def test_english_look_alikes_are_not_extracted(text):
    assert pairs(text) == []


# --- whole sentences -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Yesterday my mom was taken to Beijing Chaoyang Hospital, it cost about 8000 yuan",
         [("date", "2026-11-23"), ("relationship", "parent"), ("hospital", "Beijing Chaoyang Hospital"),
          ("amount", "8000.00")]),
        ("My son broke his arm last Friday and we paid RMB 3.4k at a public grade 3A hospital",
         [("relationship", "child"), ("incident_type", "accident"), ("date", "2026-11-20"),
          ("amount", "3400.00"), ("hospital_ownership", "public"), ("hospital_grade", "3A")]),
        ("phone 13800138000, case number C-1001, 13,418 yuan on Nov 6 2022",
         [("mobile", "13800138000"), ("case_number", "C-1001"), ("amount", "13418.00"),
          ("date", "2022-11-06")]),
        ("我妈上周五在海淀区妇幼保健院看病，花了¥13,418，是三甲医院",
         [("relationship", "parent"), ("date", "2026-11-20"), ("hospital", "海淀区妇幼保健院"),
          ("amount", "13418.00"), ("hospital_grade", "3A")]),
    ],
)
def test_english_sentences(text, expected):
    assert pairs(text) == expected


def test_offsets_point_into_the_original_text():
    text = "Paid ￥８０００ at Chaoyang Hospital on Nov 6"  # full-width digits stay length-preserving
    entities = extract_entities(text)
    assert [text[e["start"]:e["end"]] for e in entities] == ["￥８０００", "Chaoyang Hospital", "Nov 6"]
    assert entities[0]["value"] == "8000.00" and entities[0]["approximate"] is False


# --- fuzz: English-looking input never breaks extraction --------------------------------------

_PIECES = ["about", "ten", "thousand", "a", "and", "hundred", "grand", "k", "8", "3.4", "13,418", "yuan", "RMB", "¥",
           "Nov", "6", "2022", "6th", "of", "last", "Friday", "days", "ago", "the", "day", "before", "yesterday",
           "/", "-", ".", ",", "'s", "Hospital", "Chaoyang", "grade", "3A", "III", "tertiary", "public", "not",
           "accident", "sick", "my", "wife", "mother-in-law", "case", "number", "#", "C-1001", "13800138000", "or so",
           "ish", "paid", "cost", "complaint", "option", "second", "one", "二", "万", "元", "号"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25), st.sampled_from([" ", "", "  "]))
def test_english_fuzz_never_raises_and_entities_are_sane(pieces, joiner):
    text = joiner.join(pieces)
    previous_end = 0
    for entity in extract_entities(text):
        assert previous_end <= entity["start"] < entity["end"] <= len(text)
        previous_end = entity["end"]
        if entity["entity"] == "amount":
            assert Decimal(entity["value"]) >= 0
        if entity["entity"] == "date":
            date.fromisoformat(entity["value"])
    amount = parse_amount(text)
    assert amount is None or amount[0] >= 0
    parse_date(text, TODAY)
