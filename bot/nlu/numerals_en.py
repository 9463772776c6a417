"""English number words: "ten thousand", "three thousand four hundred and eighteen", "twenty-five".

The English counterpart of bot.nlu.numerals: exact Decimals, and None for
anything that is not one well-formed quantity ("one two", "thousand hundred").
"""
from __future__ import annotations

import re
from decimal import Decimal

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
# Scale words after digits too ("2.5 thousand", "8 grand"); "grand" is 1000 yuan in speech.
SCALES = {"hundred": 100, "thousand": 1000, "grand": 1000, "million": 1_000_000}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9,
}

_WORD = "|".join(sorted([*ONES, *TENS, *SCALES], key=len, reverse=True))
# A run of number words: "a thousand", "twenty-five", "one hundred and five".
NUMBER_WORDS = re.compile(
    rf"(?<![A-Za-z])(?:(?:a|an)\s+(?=(?:hundred|thousand|grand|million)(?![A-Za-z])))?"
    rf"(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*(?![A-Za-z])",
    re.IGNORECASE,
)


def parse_english_number(text: str) -> Decimal | None:
    """Value of a run of English number words, or None if it is not one quantity."""
    words = [w for w in re.split(r"[\s-]+", text.strip().lower()) if w != "and"]
    if words and words[0] in ("a", "an"):
        if len(words) == 1:
            return None
        words[0] = "one"
    total = section = 0           # section: the part below the last thousand/million
    last = ""                     # kind of the previous word: "one", "teen", "tens", "hundred", "big"
    last_big = 10 ** 12           # thousand/million must come in falling order
    for word in words:
        if word in ONES:
            kind = "teen" if ONES[word] >= 10 else "one"
            if last in ("one", "teen") or (last == "tens" and kind == "teen"):
                return None  # "one two", "twenty twelve": digit strings, not one number
            section += ONES[word]
        elif word in TENS:
            if last in ("one", "teen", "tens"):
                return None
            section += TENS[word]
            kind = "tens"
        elif SCALES.get(word) == 100:
            if not 0 < section < 100:
                return None  # "hundred", "one hundred hundred"
            section *= 100
            kind = "hundred"
        elif word in SCALES:
            scale = SCALES[word]
            if section == 0 or scale >= last_big:
                return None  # "thousand", "one thousand two thousand"
            total, section, last_big = total + section * scale, 0, scale
            kind = "big"
        else:
            return None
        last = kind
    if not last:
        return None
    return Decimal(total + section)
