"""Rule-based entity extraction (bot.nlu.entities) and its Rasa component.

The reference time is Tuesday 2026-11-24 10:00 Asia/Shanghai throughout.
"""
from datetime import date, datetime
from decimal import Decimal

import pytest

from bot import clock
from bot.nlu.entities import extract_entities, parse_amount, parse_date, valid_id_number

NOW = datetime(2026, 11, 24, 10, 0)
TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def frozen_clock():
    with clock.freeze(NOW) as moment:
        yield moment


def pairs(text):
    return [(e["entity"], e["value"]) for e in extract_entities(text)]


def of_type(text, label):
    return [e["value"] for e in extract_entities(text) if e["entity"] == label]


# --- amount -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, approximate, surface",
    [
        ("¥13,418", "13418.00", False, "¥13,418"),
        ("￥13418.00", "13418.00", False, "￥13418.00"),
        ("一共13418元", "13418.00", False, "13418元"),
        ("13,418块", "13418.00", False, "13,418块"),
        ("自付RMB 3,000", "3000.00", False, "RMB 3,000"),
        ("一万三千四百一十八元", "13418.00", False, "一万三千四百一十八元"),
        ("大概1.3万", "13000.00", True, "1.3万"),
        ("1.3万元", "13000.00", False, "1.3万元"),
        ("花了八千", "8000.00", False, "八千"),
        ("八千块", "8000.00", False, "八千块"),
        ("三千多", "3000.00", True, "三千多"),
        ("大概五千", "5000.00", True, "五千"),
        ("五千左右", "5000.00", True, "五千"),
        ("两万", "20000.00", False, "两万"),
        ("十万", "100000.00", False, "十万"),
        ("费用是8000", "8000.00", False, "8000"),
        ("医药费３０００元", "3000.00", False, "３０００元"),
        ("三十多万", "300000.00", True, "三十多万"),
        ("一万三", "13000.00", False, "一万三"),
        ("壹万叁仟肆佰壹拾捌元整", "13418.00", False, "壹万叁仟肆佰壹拾捌元整"),
        ("一万出头", "10000.00", True, "一万"),
    ],
)
def test_amount(text, value, approximate, surface):
    (entity,) = [e for e in extract_entities(text) if e["entity"] == "amount"]
    assert entity["value"] == value
    assert entity["approximate"] is approximate
    assert text[entity["start"]:entity["end"]] == surface


@pytest.mark.parametrize(
    "text",
    ["13800138000", "2022年", "C-1001", "住院3天", "今年一百多岁", "报销比例80%", "万一出事",
     "千万别忘了", "排在第一百", "我有3个孩子", "1998", "一九九八年"],
)
def test_not_an_amount(text):
    assert of_type(text, "amount") == []


# --- date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, iso",
    [
        ("今天", "2026-11-24"), ("昨天", "2026-11-23"), ("前天", "2026-11-22"),
        ("大前天", "2026-11-21"), ("3天前", "2026-11-21"), ("三天前", "2026-11-21"),
        ("上周五", "2026-11-20"), ("上星期五", "2026-11-20"), ("上礼拜五", "2026-11-20"),
        ("本周一", "2026-11-23"), ("周五", "2026-11-20"), ("上个月3号", "2026-10-03"),
        ("去年11月3号", "2025-11-03"), ("2022-11-06", "2022-11-06"), ("2022/11/6", "2022-11-06"),
        ("2022.11.6", "2022-11-06"), ("2022年11月6日", "2022-11-06"),
        ("2022年11月6号", "2022-11-06"), ("11月6号", "2026-11-06"), ("十一月六日", "2026-11-06"),
        ("11月30号", "2025-11-30"),  # no year: the latest one not after today
        ("2月29日", "2024-02-29"), ("两周前", "2026-11-10"), ("二〇二二年十一月六日", "2022-11-06"),
    ],
)
def test_date(text, iso):
    assert pairs(text) == [("date", iso)]


@pytest.mark.parametrize(
    "text",
    ["2月30日", "2023年2月29日", "这个月31号", "2022-13-01", "十一月初六", "住6号床", "一周一次",
     "每周一复查", "2022年"],
)
def test_not_a_date(text):
    assert of_type(text, "date") == []


# --- mobile, id_number, case_number ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["13800138000", "电话138 0013 8000", "138-0013-8000", "+86 13800138000", "8613800138000"],
)
def test_mobile(text):
    assert pairs(text) == [("mobile", "13800138000")]


@pytest.mark.parametrize("text", ["12800138000", "138001380001", "1380013800", "110105197903140026"])
def test_not_a_mobile(text):
    assert of_type(text, "mobile") == []


DEMO_IDS = ["110105197903140026", "11010819560722003X", "310115198806051018", "110108201509180044"]


@pytest.mark.parametrize("number", DEMO_IDS + ["11010819560722003x"])
def test_valid_id_numbers(number):
    assert valid_id_number(number)
    assert pairs(f"身份证号{number}。") == [("id_number", number.upper())]


@pytest.mark.parametrize(
    "number",
    ["110105197903140027", "11010819560722003Y", "1101051979031400", "1101051979031400261",
     "11010519790314002X", "", None],
)
def test_invalid_id_numbers(number):
    assert not valid_id_number(number)
    assert pairs(f"身份证{number}") == []  # and not a mobile, amount or date either


@pytest.mark.parametrize(
    "text, surface",
    [("C-1001", "C-1001"), ("c1001", "c1001"), ("案件C 1001", "C 1001"), ("案件号1001", "1001"),
     ("报案号：1001", "1001"), ("理赔号是C-1001", "C-1001")],
)
def test_case_number(text, surface):
    (entity,) = extract_entities(text)
    assert (entity["entity"], entity["value"]) == ("case_number", "C-1001")
    assert text[entity["start"]:entity["end"]] == surface


@pytest.mark.parametrize("text", ["1001", "ABC1001", "维生素C", "C-12", "编号1001"])
def test_not_a_case_number(text):
    assert of_type(text, "case_number") == []


# --- hospital and its attributes -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("北京朝阳医院", "北京朝阳医院"), ("昨天在朝阳医院住院", "朝阳医院"),
        ("120把我送到了北京华康医院", "北京华康医院"), ("我妈去协和医院看病", "协和医院"),
        ("上周五住进了海淀区妇幼保健院", "海淀区妇幼保健院"), ("在社区卫生服务中心打针", "社区卫生服务中心"),
        ("某某诊所", "某某诊所"), ("就诊于北京大学第三医院", "北京大学第三医院"),
        ("2022年11月6日在協和醫院就診", "协和医院"), ("住的县医院", "县医院"),
        ("去了一家华康医院", "华康医院"),
    ],
)
def test_hospital(text, name):
    assert of_type(text, "hospital") == [name]


@pytest.mark.parametrize(
    "text",
    ["去医院", "公立医院", "三甲医院", "那家医院", "私人诊所", "住院三天", "大医院", "需要医院盖章吗",
     "说医院不符合条件", "在中医院", "那家私立医院"],
)
def test_not_a_hospital_name(text):
    assert of_type(text, "hospital") == []


@pytest.mark.parametrize(
    "text, label, value",
    [
        ("三甲医院", "hospital_grade", "3A"), ("三级甲等", "hospital_grade", "3A"),
        ("三级医院", "hospital_grade", "3"), ("是三乙", "hospital_grade", "3"),
        ("二甲", "hospital_grade", "2"), ("二级甲等医院", "hospital_grade", "2"),
        ("一级医院", "hospital_grade", "1"), ("没有等级", "hospital_grade", "unrated"),
        ("未定级", "hospital_grade", "unrated"),
        ("公立医院", "hospital_ownership", "public"), ("私立的", "hospital_ownership", "private"),
        ("民营医院", "hospital_ownership", "private"), ("私人医院", "hospital_ownership", "private"),
        ("不是公立，是私营", "hospital_ownership", "private"),
        ("非公立医院", "hospital_ownership", "private"),
        ("摔伤了", "incident_type", "accident"), ("出了车祸", "incident_type", "accident"),
        ("被狗咬了", "incident_type", "accident"), ("意外", "incident_type", "accident"),
        ("发烧", "incident_type", "illness"), ("阑尾炎", "incident_type", "illness"),
        ("生病了", "incident_type", "illness"), ("不是意外，是生病", "incident_type", "illness"),
        ("本人", "relationship", "self"), ("我自己", "relationship", "self"),
        ("我老婆", "relationship", "spouse"), ("爱人", "relationship", "spouse"),
        ("我老伴", "relationship", "spouse"), ("心梗", "incident_type", "illness"),
        ("我妈", "relationship", "parent"), ("父亲", "relationship", "parent"),
        ("女儿", "relationship", "child"), ("孩子", "relationship", "child"),
    ],
)
def test_word_entities(text, label, value):
    assert pairs(text) == [(label, value)]


@pytest.mark.parametrize(
    "text",
    ["三级伤残", "一级护理", "二甲双胍", "我买了意外险", "没有受伤", "不是公立", "钱是自己付的",
     "重疾险", "儿媳妇", "不是三甲", "生孩子能报销吗"],
)
def test_look_alikes_are_not_extracted(text):
    assert pairs(text) == []


# --- whole sentences, overlaps, offsets -------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("昨天在朝阳医院住院花了八千",
         [("date", "2026-11-23"), ("hospital", "朝阳医院"), ("amount", "8000.00")]),
        ("我妈上周五在海淀区妇幼保健院看病，花了¥13,418，是三甲医院",
         [("relationship", "parent"), ("date", "2026-11-20"), ("hospital", "海淀区妇幼保健院"),
          ("amount", "13418.00"), ("hospital_grade", "3A")]),
        ("手机13800138000，身份证11010819560722003X，案件号C-1001",
         [("mobile", "13800138000"), ("id_number", "11010819560722003X"),
          ("case_number", "C-1001")]),
        ("北京肿瘤医院是公立三级医院",  # 肿瘤 inside the name is no illness
         [("hospital", "北京肿瘤医院"), ("hospital_ownership", "public"), ("hospital_grade", "3")]),
        ("孩子摔倒骨折了，去了儿童医院",
         [("relationship", "child"), ("incident_type", "accident"),
          ("incident_type", "accident"), ("hospital", "儿童医院")]),
    ],
)
def test_sentences(text, expected):
    assert pairs(text) == expected


def test_entity_dict_shape_and_offsets():
    text = "２０２２年１１月６日在協和醫院花了８０００元"  # full-width, traditional
    entities = extract_entities(text)
    assert entities[0] == {
        "entity": "date", "value": "2022-11-06", "start": 0, "end": 10,
        "confidence_entity": 1.0, "extractor": "ClaimsEntityExtractor",
    }
    assert [text[e["start"]:e["end"]] for e in entities] == ["２０２２年１１月６日", "協和醫院", "８０００元"]
    assert entities[2]["approximate"] is False and "approximate" not in entities[1]
    starts = [e["start"] for e in entities]
    assert starts == sorted(starts)
    assert all(a["end"] <= b["start"] for a, b in zip(entities, entities[1:]))


def test_explicit_now_overrides_clock():
    assert pairs("昨天") == [("date", "2026-11-23")]
    assert [e["value"] for e in extract_entities("昨天", now=datetime(2025, 3, 1))] == ["2025-02-28"]


def test_empty_text():
    assert extract_entities("") == []


# --- whole-reply parsers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "reply, expected",
    [
        ("8000", (Decimal("8000.00"), False)), ("八千", (Decimal("8000.00"), False)),
        ("1.3万", (Decimal("13000.00"), False)), ("三千多", (Decimal("3000.00"), True)),
        ("大概8000吧", (Decimal("8000.00"), True)), ("￥13,418.00", (Decimal("13418.00"), False)),
        ("８０００", (Decimal("8000.00"), False)), ("花了八千块", (Decimal("8000.00"), False)),
        ("13800138000", None), ("2022-11-06", None), ("3000到5000", None), ("不知道", None),
        ("三天", None), ("", None),
    ],
)
def test_parse_amount(reply, expected):
    assert parse_amount(reply) == expected


@pytest.mark.parametrize(
    "reply, expected",
    [
        ("昨天", date(2026, 11, 23)), ("11月6号", date(2026, 11, 6)), ("6号", date(2026, 11, 6)),
        ("25号", date(2026, 10, 25)), ("11.6", date(2026, 11, 6)), ("上周五吧", date(2026, 11, 20)),
        ("2022年11月6号", date(2022, 11, 6)), ("2月30日", None), ("昨天或者前天", None),
        ("不记得了", None), ("十一月初六", None),
    ],
)
def test_parse_date(reply, expected):
    assert parse_date(reply, TODAY) == expected


# --- Rasa component ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extractor():
    from bot.nlu.components import ClaimsEntityExtractor

    return ClaimsEntityExtractor.create({}, None, None, None)


def test_component_appends_entities(extractor):
    from rasa.shared.nlu.training_data.message import Message

    earlier = {"entity": "x", "value": "y", "start": 0, "end": 1, "extractor": "Other"}
    message = Message(data={"text": "昨天在朝阳医院住院花了三千多", "entities": [earlier]})
    extractor.process([message])
    entities = message.get("entities")
    assert entities[0] == earlier
    assert [(e["entity"], e["value"]) for e in entities[1:]] == [
        ("date", "2026-11-23"), ("hospital", "朝阳医院"), ("amount", "3000.00")]
    assert entities[-1]["approximate"] is True
    assert {e["extractor"] for e in entities[1:]} == {"ClaimsEntityExtractor"}
    assert "entities" in message.output_properties


def test_component_uses_message_time(extractor):
    from rasa.shared.nlu.training_data.message import Message

    moment = datetime(2025, 3, 1, 12, 0, tzinfo=clock.tz())
    message = Message(data={"text": "昨天"}, time=int(moment.timestamp()))
    extractor.process([message])
    assert [e["value"] for e in message.get("entities")] == ["2025-02-28"]
