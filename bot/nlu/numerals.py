"""Numbers written with Arabic digits, Chinese numerals, or a mix ("1.3万", "3千5").

Our own small parser rather than cn2an: it returns exact Decimals (cn2an gives
floats) and rejects digit strings such as "一九九八" that are not quantities.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3,
    "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7,
    "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_TOKEN = re.compile(rf"\d+(?:\.\d+)?|[{CN_NUMERAL_CHARS}]")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def parse_number(text: str) -> Decimal | None:
    """Value of a numeral string, or None if it is not one well-formed quantity."""
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    tokens = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() != pos:
            return None
        tokens.append(match.group())
        pos = match.end()
    if not tokens or pos != len(text):
        return None
    try:
        return _evaluate(tokens)
    except InvalidOperation:
        return None


def _evaluate(tokens: list[str]) -> Decimal | None:
    total = Decimal(0)     # everything before the last 万/亿
    section = Decimal(0)   # the part below 万 being built
    number: Decimal | None = None
    last_unit = 0          # unit just applied, for "三千四" = 3400
    abbreviated = False    # a digit directly after a unit, without 零
    for token in tokens:
        if token in ("零", "〇"):
            if number is not None:
                return None
            abbreviated = False
            last_unit = 0
        elif token[0].isdigit() or token in DIGITS:
            if number is not None:
                return None  # "一九九八", "12 3": digit strings, not quantities
            number = Decimal(token) if token[0].isdigit() else Decimal(DIGITS[token])
            abbreviated = last_unit > 0
        elif token in SMALL_UNITS:
            unit = SMALL_UNITS[token]
            section += (Decimal(1) if number is None else number) * unit
            number, last_unit, abbreviated = None, unit, False
        else:
            unit = BIG_UNITS[token]
            if number is None and section == 0 and total == 0:
                return None
            part = section + (number or 0)
            # "一亿三千万": 万 scales only the part after 亿.
            total = total + part * unit if total >= unit * 10_000 else (total + part) * unit
            section, number, last_unit, abbreviated = Decimal(0), None, unit, False
    if number is not None:
        # Colloquial "一万三" = 13000, "两百五" = 250: the digit fills the next unit down.
        section += number * last_unit / 10 if abbreviated else number
    return total + section


def parse_int(text: str) -> int | None:
    """Small whole number ("11", "十一", "二十五"), or None."""
    value = parse_number(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)
