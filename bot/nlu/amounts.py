"""Money amounts: "¥13,418", "1.3万元", "一万三千四百一十八元", "三千多", "大概五千".

In free text a number must carry a money marker (currency sign, 元/块, a
Chinese unit 百/千/万, or a cue such as 花了/费用/一共) so phone numbers, years
and case numbers are left alone. `bare=True` is for a reply to "how much?".
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from bot.nlu.candidates import Candidate
from bot.nlu.numerals import BIG_UNITS, CN_NUMERAL_CHARS, DIGITS, parse_number

_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_RUN = re.compile(rf"(?<![\d.,])(?:{_ARABIC}|[{CN_NUMERAL_CHARS}])+")
_MONEY_UNITS_IN_RUN = set("百佰千仟万亿")
_STARTS = set("0123456789十拾") | (set(DIGITS) - {"零", "〇"})

_CURRENCY = re.compile(r"(?:[¥￥]|RMB|CNY|人民币)\s*$", re.IGNORECASE)
_APPROX_BEFORE = re.compile(r"(?:大概|大约|约|差不多|将近|接近|估计|大致)\s*$")
_CUE = re.compile(
    r"(?:花了|花费|花掉|花销|费用|金额|总额|一共|共计|总共|合计|自付|自费|付了|交了|"
    r"支付|缴了|垫付|[药医疗院诊术查]费|账单)"
    r"(?:了|是|为|有|大概|大约|约|差不多|将近|接近|:|：|\s)*$"
)
_ORDINAL_BEFORE = re.compile(r"第\s*$")
_SUFFIX = re.compile(
    r"(?P<latin>[kKwW](?![A-Za-z]))?"
    r"(?P<more>多|余|来(?=\s*(?:块|元)))?"
    r"(?P<big>万(?!一))?"
    r"(?P<unit>\s*(?:元整|元|块钱|块|圆))?"
    r"(?P<around>左右|上下|出头)?"
)
_LATIN = {"k": 1000, "w": 10_000}
# A quantity of something other than money.
_COUNTER = re.compile(
    r"\s*(?:[天岁次个年月日号周位张片粒盒支瓶克斤米层楼床人家项条份间倍度级期%％]"
    r"|小时|分钟|秒|公斤|毫升|公里|[A-Za-z])"
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
        candidate = _amount_at(text, match, bare)
        if candidate is not None:
            found.append(candidate)
    return found


def _amount_at(text: str, match: re.Match, bare: bool) -> Candidate | None:
    run = match.group()
    if run[0] not in _STARTS:
        return None  # "万一", "千万别", "百分之": not amounts
    value = parse_number(run)
    if value is None:
        return None
    start, end = match.span()
    before, after = text[:start], text[end:]
    if re.match(r"[.,]\d", after):
        return None  # "2022.11.6", "1,2,3": part of something else

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
    if suffix.group("big"):
        value *= BIG_UNITS["万"]
    if not suffix.group("unit") and _COUNTER.match(after[suffix.end():]):
        return None  # "3天", "一百多岁", "80%"
    parts = [g for g in ("latin", "more", "big", "unit") if suffix.group(g)]
    end += suffix.end(parts[-1]) if parts else 0

    has_marker = bool(
        currency
        or suffix.group("unit")
        or suffix.group("latin")
        or suffix.group("big")
        or _MONEY_UNITS_IN_RUN.intersection(run)
        or _CUE.search(before)
    )
    if not has_marker and not (bare and _BARE_TAIL.fullmatch(after[suffix.end():])):
        return None
    approximate = bool(
        suffix.group("more") or suffix.group("around") or _APPROX_BEFORE.search(before)
    )
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        return None
    return Candidate(start, end, "amount", format_amount(value), approximate)
