"""Answers to the questions of `family_policy_form`: adding a family policy bought elsewhere.

One `validate_<field>(answer, ...) -> FieldCheck` per question. `error` says
what a valid answer looks like; `note` is an accepted-but-worth-knowing
warning (an already-ended policy). The last three questions may be skipped
("不知道", "跳过"): their validators then return the `SKIP` sentinel, which
bot.store.external_policies reads as "unknown" and never turns into a number.
Buttons may send the stored codes themselves ("parent", "medical", "any").
English answers are read too ("my mum", "critical illness", "lifetime", "don't know"),
and every validator takes `lang` for its messages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Dict, Optional, Tuple

from bot import clock
from bot.claims.family_policy_words import WORDS
from bot.claims.money import yuan
from bot.claims.wording import day, pick
from bot.nlu.entities import parse_amount, parse_date
from bot.nlu.normalizer import normalize_chars
from bot.nlu.numerals import parse_number

SKIP = "__skipped__"
# A whole-life policy ("终身") has no end date; this one stands for it (render it as "终身").
LIFETIME_END = date(9999, 12, 31)
EARLIEST_START = date(1980, 1, 1)  # domestic commercial insurance resumed in 1980
MAX_DEDUCTIBLE = Decimal("100000")
MAX_TERM_YEARS = 100
RELATIONSHIPS = ("self", "spouse", "parent", "child")
POLICY_TYPES = ("medical", "accident", "critical_illness", "other")
HOSPITAL_REQUIREMENTS = ("public_grade2_plus", "any")

_SKIP_WORDS = ("不知道", "不清楚", "不记得", "记不清", "记不得", "忘了", "不晓得", "不确定", "没注意",
               "跳过", "略过", "先不填", "不填", "下一个", "下一步")
_SKIP_EN = re.compile(r"\b(don'?t know|do not know|not sure|no idea|unknown|can'?t remember|"
                      r"don'?t remember|skip|next|not known)\b", re.I)
_EDGE_PUNCT = " \t\n。.，,！!？?~、；;：:\"'“”‘’"

# word -> (relationship code, gender if the word tells it); "unsupported": a relative we cannot add.
_RELATION_WORDS: Dict[str, Tuple[str, Optional[str]]] = {
    **{w: ("self", None) for w in ("本人", "自己", "我自己")},
    **{w: ("spouse", "F") for w in ("老婆", "妻子", "媳妇", "太太", "孩子他妈", "孩子妈", "婆娘")},
    **{w: ("spouse", "M") for w in ("老公", "丈夫", "先生", "孩子他爸", "孩子爸")},
    **{w: ("spouse", None) for w in ("配偶", "爱人", "老伴")},
    **{w: ("parent", "F") for w in ("妈", "妈妈", "母亲", "老妈", "娘", "岳母", "婆婆", "丈母娘")},
    **{w: ("parent", "M") for w in ("爸", "爸爸", "父亲", "老爸", "爹", "岳父", "公公", "老丈人")},
    **{w: ("parent", None) for w in ("父母", "爸妈", "老人")},
    **{w: ("child", "F") for w in ("女儿", "闺女", "姑娘")},
    **{w: ("child", "M") for w in ("儿子",)},
    **{w: ("child", None) for w in ("子女", "孩子", "小孩", "宝宝", "儿女", "娃")},
    **{w: ("unsupported", None) for w in (
        "爷爷", "奶奶", "外公", "外婆", "姥姥", "姥爷", "孙子", "孙女", "外孙", "哥", "姐", "弟", "妹",
        "叔", "阿姨", "舅", "姑妈", "姨妈", "伯", "侄", "儿媳", "女婿", "朋友", "同事")},
}
_RELATION_ORDER = sorted(_RELATION_WORDS, key=len, reverse=True)
# English relation words (whole words only: "son" is not in "person").
_RELATION_WORDS_EN: Dict[str, Tuple[str, Optional[str]]] = {
    **{w: ("self", None) for w in ("me", "myself", "self", "mine", "i am", "it's me")},
    **{w: ("spouse", "F") for w in ("wife",)},
    **{w: ("spouse", "M") for w in ("husband",)},
    **{w: ("spouse", None) for w in ("spouse", "partner")},
    **{w: ("parent", "F") for w in ("mother", "mom", "mum", "mommy", "mummy", "mother-in-law")},
    **{w: ("parent", "M") for w in ("father", "dad", "daddy", "father-in-law")},
    **{w: ("parent", None) for w in ("parent", "parents")},
    **{w: ("child", "F") for w in ("daughter",)},
    **{w: ("child", "M") for w in ("son",)},
    **{w: ("child", None) for w in ("child", "children", "kid", "kids", "baby")},
    **{w: ("unsupported", None) for w in (
        "grandmother", "grandma", "granny", "grandfather", "grandpa", "grandson", "granddaughter", "grandchild",
        "brother", "sister", "uncle", "aunt", "auntie", "cousin", "nephew", "niece", "friend", "colleague",
        "son-in-law", "daughter-in-law")},
}
_RELATION_EN = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _RELATION_WORDS_EN), key=len, reverse=True))
                          + r")(?![\w-])", re.I)
# "她叫", "我妈的名字是": words before the name itself.
_NAME_PREFIX = re.compile(rf"^(?:我的?)?(?:{'|'.join(_RELATION_ORDER)}|[他她])?的?(?:(?:名字|姓名)\s*(?:叫做|叫|是|[:：])?|叫做|叫|是)\s*")
_NAME_PREFIX_EN = re.compile(r"^(?:(?:his|her|my|the insured'?s?|(?:my )?\w+'s) (?:full )?name is|(?:she|he)(?: is|'s) "
                             r"called|(?:she|he) is|it'?s|name\s*:)\s*", re.I)

_TYPE_WORDS = (  # first kind found wins: "意外医疗险" is accident cover, "防癌医疗险" medical
    ("accident", ("意外",)),
    ("critical_illness", ("重疾", "重大疾病", "防癌险", "癌症险", "大病险")),
    ("medical", ("医疗", "住院", "报销", "门诊", "百万")),
    ("other", ("其他", "其它", "别的", "寿险", "人寿", "年金", "养老", "教育金", "储蓄")),
)
_ANY_HOSPITAL = ("不限", "没有要求", "没要求", "无要求", "没限制", "没有限制", "都可以", "都行", "任何医院",
                 "随便", "民营也", "私立也")
_GRADE2_PLUS = ("二级", "2级", "三级", "3级", "二甲", "三甲", "公立")
_TYPE_WORDS_EN = (
    ("accident", re.compile(r"\baccident", re.I)),
    ("critical_illness", re.compile(r"critical|\bcancer\b|serious illness|\bci\b", re.I)),
    ("medical", re.compile(r"medical|health|hospital|reimburs|inpatient|outpatient", re.I)),
    ("other", re.compile(r"\bother\b|\blife\b|annuity|pension|education|savings", re.I)),
)
_ANY_HOSPITAL_EN = re.compile(r"\bany\b|no (requirement|restriction|limit|rule)|not restricted|private (is|are) (fine|ok)"
                              r"|all hospitals", re.I)
_GRADE2_PLUS_EN = re.compile(r"grade ?(2|3|ii|iii|two|three)|tier ?(2|3)|\bpublic\b|3a\b", re.I)
_LIFETIME_EN = re.compile(r"life-?time|whole life|for life|\blife\b", re.I)
_TERM_EN = re.compile(r"(?:for )?(\d{1,3}|one|two|three|five|ten|twenty|thirty) ?-?years?", re.I)
_NUMBERS_EN = {"one": 1, "two": 2, "three": 3, "five": 5, "ten": 10, "twenty": 20, "thirty": 30}
_NO_DEDUCTIBLE_EN = re.compile(r"^(none|no|nil|zero|0|no deductible|there is none|there isn'?t one|no excess)$", re.I)
_FULL_EN = re.compile(r"\b(full|all of it|everything|in full)\b", re.I)

@dataclass(frozen=True)
class FieldCheck:
    value: Any = None
    error: Optional[str] = None
    note: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def slot_value(self) -> Any:
        """The value as a Rasa slot can hold it (Decimal and date as strings)."""
        return str(self.value) if isinstance(self.value, (Decimal, date)) else self.value


def _clean(text: Any) -> str:
    return normalize_chars(str(text or "")).strip(_EDGE_PUNCT)


def is_skip(text: Any) -> bool:
    body = _clean(text)
    return body == SKIP or any(word in body for word in _SKIP_WORDS) or bool(_SKIP_EN.search(body))


def _free_name(text: Any, what: str, lang: Optional[str]) -> FieldCheck:
    body = re.sub(r"\s+", " ", _clean(text))
    if is_skip(body) or not 2 <= len(body) <= 50 or not any(ch.isalpha() for ch in body):
        w = pick(WORDS, lang)
        what, example = w[what]
        return FieldCheck(error=w["free_name"].format(what=what, example=example))
    return FieldCheck(body)


def validate_insurer(text: Any, *, lang: Optional[str] = None) -> FieldCheck:
    return _free_name(text, "insurer", lang)


def validate_product_name(text: Any, *, lang: Optional[str] = None) -> FieldCheck:
    return _free_name(text, "product", lang)


def validate_policy_number(text: Any, *, lang: Optional[str] = None) -> FieldCheck:
    body = re.sub(r"^(?:保单号码?|保单编号|合同号)\s*(?:是|为|:|：)?", "", _clean(text))
    body = re.sub(r"^(?:(?:the|my|our) )?policy (?:number|no\.?)\s*(?:is|:)?\s*", "", body, flags=re.I)
    body = re.sub(r"[—–－‐]", "-", re.sub(r"\s+", "", body)).upper()
    if not (6 <= len(body) <= 32 and re.fullmatch(r"[A-Z0-9-]+", body) and re.search(r"\d", body)):
        return FieldCheck(error=pick(WORDS, lang)["policy_number"])
    return FieldCheck(body)


def relations_in(text: str) -> Dict[str, Tuple[str, Optional[str]]]:
    """The relation words in `text`, longest first ("孩子他妈" is not "孩子"); English words whole."""
    found = {}
    for word in _RELATION_ORDER:
        if word in text:
            found[word] = _RELATION_WORDS[word]
            text = text.replace(word, "\0")
    for match in _RELATION_EN.finditer(text):
        word = match.group(1).lower()
        found[word] = _RELATION_WORDS_EN[word]
    return found


def validate_relationship(text: Any, *, lang: Optional[str] = None) -> FieldCheck:
    body = _clean(text)
    if body in RELATIONSHIPS:
        return FieldCheck(body)
    codes = {code for code, _ in relations_in(body).values()}
    if "unsupported" in codes:
        return FieldCheck(error=pick(WORDS, lang)["relation_unsupported"])
    if not codes and re.sub(r"[是就的给我本人买]", "", body) == "" and "我" in body:
        codes = {"self"}
    if len(codes) != 1:
        return FieldCheck(error=pick(WORDS, lang)["relation_unclear"])
    return FieldCheck(codes.pop())


def relative_gender(text: Any) -> Optional[str]:
    """'F' / 'M' when the relation word tells it ("我妈", "老公"), else None ("父母", "孩子")."""
    genders = {gender for _, gender in relations_in(_clean(text)).values()}
    return genders.pop() if len(genders) == 1 and None not in genders else None


def validate_insured_name(text: Any, *, lang: Optional[str] = None) -> FieldCheck:
    w = pick(WORDS, lang)
    body = re.sub(_NAME_PREFIX_EN, "", re.sub(_NAME_PREFIX, "", _clean(text)))
    body = re.sub(r"\s+", " ", body)
    if not re.search(r"[A-Za-z]", body):
        body = body.replace(" ", "")  # "李 雷"
    hanzi = body.replace("·", "")
    if re.fullmatch(r"[\u4e00-\u9fff]+(?:·[\u4e00-\u9fff]+)*", body) and 2 <= len(hanzi) <= 10:
        if body.lstrip("我") in _RELATION_WORDS:
            return FieldCheck(error=w["name_is_relation"])
        return FieldCheck(body)
    if re.fullmatch(r"[A-Za-z][A-Za-z .'-]{1,49}", body) and sum(ch.isalpha() for ch in body) >= 2:
        if _RELATION_EN.fullmatch(re.sub(r"^my ", "", body, flags=re.I)):  # "my mum" is not a name
            return FieldCheck(error=w["name_is_relation"])
        return FieldCheck(body)
    return FieldCheck(error=w["name"])


def validate_policy_type(text: Any, *, lang: Optional[str] = None) -> FieldCheck:
    body = _clean(text)
    if body in POLICY_TYPES:
        return FieldCheck(body)
    for kind, words in _TYPE_WORDS:
        if any(word in body for word in words):
            return FieldCheck(kind)
    for kind, pattern in _TYPE_WORDS_EN:
        if pattern.search(body):
            return FieldCheck(kind)
    return FieldCheck(error=pick(WORDS, lang)["policy_type"])


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _as_date(value: Any, today: date) -> Optional[date]:
    """A date, an ISO string from the entity extractor, or a typed reply."""
    if isinstance(value, date):
        return value
    body = _clean(value)
    try:
        return date.fromisoformat(body)
    except ValueError:
        return parse_date(body, today)


def validate_start_date(value: Any, today: Optional[date] = None, *, lang: Optional[str] = None) -> FieldCheck:
    w = pick(WORDS, lang)
    today = today or clock.today()
    start = _as_date(value, today)
    if start is None or start < EARLIEST_START:
        return FieldCheck(error=w["start"])
    if start > today:
        return FieldCheck(error=w["start_future"].format(today=day(today, lang)))
    return FieldCheck(start)


def _years(body: str) -> Optional[float]:
    """A term in years: "1年", "保30年", "30 years", "for one year"."""
    term = re.fullmatch(r"(?:保障?|保险期间)?(\d{1,3}|[一二两三四五六七八九十百]+)\s*年期?", body)
    if term:
        return parse_number(term.group(1))
    term = _TERM_EN.fullmatch(body)
    if term:
        number = term.group(1).lower()
        return _NUMBERS_EN.get(number) or parse_number(number)
    return None


def validate_end_date(value: Any, start: Any, today: Optional[date] = None, *, lang: Optional[str] = None) -> FieldCheck:
    """The last day covered: a date, "终身", or a term from the start ("1年", "保30年")."""
    w = pick(WORDS, lang)
    today = today or clock.today()
    begin, body = _as_date(start, today), _clean(value)
    years = _years(body)
    if re.search(r"终身|一辈子|终生", body) or _LIFETIME_EN.search(body):
        end = LIFETIME_END
    elif years is not None and 0 < years <= MAX_TERM_YEARS and begin:
        end = _add_years(begin, int(years)) - timedelta(days=1)
    else:
        end = _as_date(value, today)
    if end is None or begin is None:
        return FieldCheck(error=w["end"])
    if end <= begin:
        return FieldCheck(error=w["end_before_start"].format(start=day(begin, lang)))
    if end != LIFETIME_END and end > _add_years(begin, MAX_TERM_YEARS):
        return FieldCheck(error=w["end_too_far"])
    if end < today:
        return FieldCheck(end, note=w["ended"].format(end=day(end, lang)))
    return FieldCheck(end)


def validate_deductible(text: Any, *, lang: Optional[str] = None) -> FieldCheck:
    """Annual deductible in yuan; 0 for "没有免赔"; SKIP when unknown."""
    if is_skip(text):
        return FieldCheck(SKIP)
    w, body = pick(WORDS, lang), _clean(text)
    if re.sub(r"免赔额?|的|是|为|元|块|额|啊|呀", "", body) in ("没有", "没", "无", "零", "0", "不扣", "不设", "没得"):
        return FieldCheck(Decimal("0.00"))
    if _NO_DEDUCTIBLE_EN.match(re.sub(r"\s*(yuan|rmb)$", "", body, flags=re.I)):
        return FieldCheck(Decimal("0.00"))
    parsed = parse_amount(body)
    if parsed is None:
        return FieldCheck(error=w["deductible"])
    amount, approximate = parsed
    if amount > MAX_DEDUCTIBLE:
        return FieldCheck(error=w["deductible_big"].format(amount=yuan(amount)))
    note = w["approximate"].format(amount=yuan(amount)) if approximate else None
    return FieldCheck(amount, note=note)


def _ratio_values(body: str) -> set:
    if re.search(r"全额|全赔|全部报|全报", body) or _FULL_EN.search(body):
        return {Decimal(1)}
    values, rest = set(), body
    for pattern, scale in ((r"(\d+(?:\.\d+)?)\s*%", 100), (r"百分之([\d.零一二两三四五六七八九十百]+)", 100),
                           (r"([\d一二三四五六七八九十])成([\d一二三四五六七八九])?", 10)):
        for match in re.finditer(pattern, rest):
            whole = parse_number(match.group(1))
            tail = parse_number(match.group(2)) / 10 if match.lastindex == 2 and match.group(2) else 0
            values.add(None if whole is None else (whole + tail) / scale)
        rest = re.sub(pattern, " ", rest)
    for match in re.finditer(r"\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+", rest):
        number = parse_number(match.group())
        values.add(number if number is None or number <= 1 else number / 100)
    return values


def validate_ratio(text: Any, *, lang: Optional[str] = None) -> FieldCheck:
    """Share paid after settling through social insurance, 0-1 ("100%", "百分之六十", "0.6"); SKIP when unknown."""
    if is_skip(text):
        return FieldCheck(SKIP)
    values = _ratio_values(_clean(text))
    value = values.pop() if len(values) == 1 else None
    try:
        ratio = Decimal(value).quantize(Decimal("0.01")) if value is not None else None
    except InvalidOperation:
        ratio = None
    if ratio is None or not 0 < ratio <= 1:
        return FieldCheck(error=pick(WORDS, lang)["ratio"])
    return FieldCheck(ratio)


def validate_hospital_requirement(text: Any, *, lang: Optional[str] = None) -> FieldCheck:
    """"public_grade2_plus" (二级及以上公立) or "any" (不限); SKIP when unknown."""
    if is_skip(text):
        return FieldCheck(SKIP)
    body = _clean(text)
    if body in HOSPITAL_REQUIREMENTS:
        return FieldCheck(body)
    kinds = {kind for kind, words in (("any", _ANY_HOSPITAL), ("public_grade2_plus", _GRADE2_PLUS))
             if any(word in body for word in words)}
    kinds |= {kind for kind, pattern in (("any", _ANY_HOSPITAL_EN), ("public_grade2_plus", _GRADE2_PLUS_EN))
              if pattern.search(body)}
    if len(kinds) != 1:
        return FieldCheck(error=pick(WORDS, lang)["hospital"])
    return FieldCheck(kinds.pop())
