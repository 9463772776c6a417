"""Money amounts: "¥13,418", "1.3万元", "一万三千四百一十八元", "三千多", "大概五千".

In free text a number must carry a money marker (currency sign, 元/块, a
Chinese unit 百/千/万, or a cue such as 花了/费用/一共) so phone numbers, years
and case numbers are left alone. `bare=True` is for a reply to "how much?".

English works the same way: "13,418 yuan", "RMB 3.4k", "8k rmb", "ten thousand",
"2.5 thousand", "about 8 grand", "paid 8000"; "about"/"around"/"roughly"/"over"
and "or so"/"-ish" mark an approximate amount like 大概/多/左右.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from bot.nlu.candidates import Candidate
from bot.nlu.numerals import BIG_UNITS, CN_NUMERAL_CHARS, DIGITS, parse_number
from bot.nlu.numerals_en import NUMBER_WORDS, SCALES, parse_english_number

_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_RUN = re.compile(rf"(?<![\d.,])(?:{_ARABIC}|[{CN_NUMERAL_CHARS}])+")
_MONEY_UNITS_IN_RUN = set("百佰千仟万亿")
_STARTS = set("0123456789十拾") | (set(DIGITS) - {"零", "〇"})

_CURRENCY = re.compile(r"(?:[¥￥]|RMB|CNY|人民币)\s*$", re.IGNORECASE)
# Another currency named: the amount is not in yuan ("$500", "300美元", "HK$2,000", "500 euros").
FOREIGN_CURRENCY = re.compile(r"[$€£₩]|(?<![A-Za-z])(?:USD|HKD|MOP|TWD|NTD|EUR|GBP|JPY|SGD|AUD|CAD|KRW)(?![A-Za-z])"
                              r"|美元|美金|港币|港元|港纸|澳门币|澳币|新台币|台币|欧元|英镑|日元|日币|韩元|新加坡元|新币"
                              r"|(?<![A-Za-z])(?:dollars?|bucks|euros?|pounds? sterling|yen)(?![A-Za-z])", re.IGNORECASE)


def names_foreign_currency(text: str) -> bool:
    """Whether `text` gives an amount in a currency other than the yuan."""
    return bool(FOREIGN_CURRENCY.search(text or ""))
_APPROX_EN = (r"about|around|roughly|approximately|approx\.?|nearly|almost|close to|some|maybe|"
              r"probably|an estimated|estimated|more than|over|just over|a bit over|a little over|"
              r"upwards of|at least|just under|under|less than|~")
_APPROX_BEFORE = re.compile(r"(?:大概|大约|约|差不多|将近|接近|估计|大致)\s*$")
_APPROX_BEFORE_EN = re.compile(rf"(?<![A-Za-z])(?:{_APPROX_EN})\s*$", re.IGNORECASE)
# English cues are looked for only this far back: enough for "the bill came to about",
# and it keeps long texts with many numbers fast.
_EN_WINDOW = 60
_CUE = re.compile(
    r"(?:花了|花费|花掉|花销|费用|金额|总额|一共|共计|总共|合计|自付|自费|付了|交了|"
    r"支付|缴了|垫付|[药医疗院诊术查]费|账单)"
    r"(?:了|是|为|有|大概|大约|约|差不多|将近|接近|:|：|\s)*$"
)
# "I paid 8000", "the bill was about 8000", "it cost me 8000", "total: 8000".
_CUE_EN = re.compile(
    r"(?<![A-Za-z])(?:spent|spend|spending|paid|pay|paying|cost|costs|costed|costing|charged|"
    r"bills?|fees?|expenses?|totall?ed|total|came to|comes to|amounted to|amounts? to|amount|"
    r"out of pocket|sum|price|payout)"
    rf"(?:\s+(?:me|us|him|her|them|was|were|is|are|of|to|it|about|for|only|just|{_APPROX_EN})"
    r"|\s*[:=]|\s)*$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(r"\s+(?:in total|in all|altogether|all together|all in|out of pocket|in (?:medical )?"
                        r"(?:bills|fees|costs|expenses))(?![A-Za-z])", re.IGNORECASE)
_ORDINAL_BEFORE = re.compile(r"第\s*$")
_SUFFIX = re.compile(
    r"(?P<latin>[kKwW](?![A-Za-z]))?"
    r"(?P<scale>\s*(?i:hundred|thousand|grand|million)(?![A-Za-z]))?"
    r"(?P<more>多|余|来(?=\s*(?:块|元)))?"
    r"(?P<big>万(?!一))?"
    r"(?P<unit>\s*(?:元整|元|块钱|块|圆|(?i:yuan|rmb|cny|kuai)(?![A-Za-z])))?"
    r"(?P<around>左右|上下|出头|(?i:\s*or so|\s*-?ish|-odd|\s+odd)(?![A-Za-z]))?"
)
_LATIN = {"k": 1000, "w": 10_000}
# A quantity of something other than money.
_COUNTER = re.compile(
    r"\s*(?:[天岁次个年月日号周位张片粒盒支瓶克斤米层楼床人家项条份间倍度级期%％]"
    r"|小时|分钟|秒|公斤|毫升|公里)"
    r"|[A-Za-z]"  # glued letters: "5mg", "2nd", "3pm"
    r"|\s+(?i:days?|weeks?|months?|years?|yrs?|hours?|hrs?|minutes?|mins?|seconds?|nights?|times?|"
    r"people|persons?|patients?|kids?|children|pills?|tablets?|capsules?|boxes?|bottles?|doses?|"
    r"visits?|sessions?|floors?|beds?|rooms?|steps?|pages?|items?|percent|per\s?cent|mg|kg|g|ml|"
    r"km|cm|mm|meters?|metres?|miles?|am|pm|o'clock|degrees?|stitches|teeth|tooth|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    r"july|august|september|october|november|december)(?![A-Za-z])"
)
# What may follow a number without any money marker in a bare reply ("8000吧").
_BARE_TAIL = re.compile(r"\s*(?:吧|啊|呀|呢|的样子)?[\s。.!！?？~]*")
_CENT = Decimal("0.01")
# Larger than any medical bill or sum insured (claims store NUMERIC(12,2)); also beyond it Decimal's
# 28 digits cannot keep the cents, and quantize raises: such a run of digits is not an amount.
MAX_AMOUNT = Decimal("1e12")


def format_amount(value: Decimal) -> str:
    return str(value.quantize(_CENT, rounding=ROUND_HALF_UP))


def find_amounts(text: str, bare: bool = False) -> list[Candidate]:
    found = []
    for match in _RUN.finditer(text):
        run = match.group()
        if run[0] not in _STARTS:
            continue  # "万一", "千万别", "百分之": not amounts
        found.append(_amount_at(text, match.span(), parse_number(run),
                                bool(_MONEY_UNITS_IN_RUN.intersection(run)), bare))
    for match in NUMBER_WORDS.finditer(text):
        words = match.group().lower().replace("-", " ").split()
        found.append(_amount_at(text, match.span(), parse_english_number(match.group()),
                                bool(SCALES.keys() & set(words)), bare))
    return [candidate for candidate in found if candidate is not None]


def _amount_at(text: str, span: tuple[int, int], value: Decimal | None, unit_in_run: bool,
               bare: bool) -> Candidate | None:
    """The amount a number run at `span` stands for, judged by the text around it."""
    if value is None:
        return None
    start, end = span
    before, after = text[:start], text[end:]
    if re.match(r"[.,:]\d", after):
        return None  # "2022.11.6", "1,2,3", "8:30": part of something else

    currency = _CURRENCY.search(before)
    if currency:
        start = currency.start()
        before = before[: currency.start()]
    elif before and before[-1].isascii() and (before[-1].isalpha() or before[-1] in "-_#/"):
        return None  # "C-1001", "A123"
    if _ORDINAL_BEFORE.search(before):
        return None

    suffix = _SUFFIX.match(after)
    if suffix.group("latin"):
        value *= _LATIN[suffix.group("latin").lower()]
    if suffix.group("scale"):
        value *= SCALES[suffix.group("scale").strip().lower()]
    if suffix.group("big"):
        value *= BIG_UNITS["万"]
    if not suffix.group("unit") and _COUNTER.match(after[suffix.end():]):
        return None  # "3天", "一百多岁", "80%", "3 days"
    parts = [g for g in ("latin", "scale", "more", "big", "unit") if suffix.group(g)]
    end += suffix.end(parts[-1]) if parts else 0

    has_marker = bool(
        currency
        or suffix.group("unit")
        or suffix.group("latin")
        or suffix.group("scale")
        or suffix.group("big")
        or unit_in_run
        or _CUE.search(before)
        or _CUE_EN.search(before[-_EN_WINDOW:])
        or _CUE_AFTER.match(after[suffix.end():])
    )
    if not has_marker and not (bare and _BARE_TAIL.fullmatch(after[suffix.end():])):
        return None
    approximate = bool(
        suffix.group("more") or suffix.group("around") or _APPROX_BEFORE.search(before)
        or _APPROX_BEFORE_EN.search(before[-_EN_WINDOW:])
    )
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        return None
    return Candidate(start, end, "amount", format_amount(value), approximate)
