"""Mobile numbers, PRC ID numbers (GB 11643) and claim case numbers."""
from __future__ import annotations

import re

from bot.nlu.candidates import Candidate

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_ID_SHAPE = re.compile(r"\d{17}[\dXx]")

# Not glued to other digits/letters, so pieces of longer numbers never match.
_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(
    r"(?<![\d+])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![\d])"
)
# "C-1001", "c1001", "C 1001"; or digits after an explicit case-number cue.
_CASE = re.compile(r"(?<![0-9A-Za-z])[Cc][-\s]?(\d{3,10})(?![\dA-Za-z])")
_CASE_CUE = re.compile(
    r"(?:案件|报案|理赔|赔案|案)(?:编号|号码|号)\s*(?:是|为|:|：)?\s*"
    r"(?P<num>(?:[Cc][-\s]?)?(?P<digits>\d{3,10}))(?![\dA-Za-z])"
)
# "case number 1001", "claim no. 1001", "case #1001", "my case number is C-1001".
_CASE_CUE_EN = re.compile(
    r"(?<![A-Za-z])(?:case|claim)\s*(?:number|no\.?|num\.?|#|reference|ref\.?)\s*(?:is|was|:)?\s*"
    r"(?P<num>(?:[Cc][-\s]?)?(?P<digits>\d{3,10}))(?![\dA-Za-z])",
    re.IGNORECASE,
)


def valid_id_number(value: str) -> bool:
    """18-char PRC resident ID with a correct GB 11643 check character."""
    if not isinstance(value, str) or not _ID_SHAPE.fullmatch(value):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value, _ID_WEIGHTS))
    return _ID_CHECK_CHARS[total % 11] == value[17].upper()


def find_id_numbers(text: str) -> list[Candidate]:
    return [
        Candidate(m.start(), m.end(), "id_number", m.group().upper())
        for m in _ID.finditer(text)
        if valid_id_number(m.group())
    ]


def find_mobiles(text: str) -> list[Candidate]:
    return [
        Candidate(m.start(), m.end(), "mobile", "".join(m.groups()))
        for m in _MOBILE.finditer(text)
    ]


def find_case_numbers(text: str) -> list[Candidate]:
    found = [
        Candidate(m.start(), m.end(), "case_number", f"C-{m.group(1)}")
        for m in _CASE.finditer(text)
    ]
    found += [
        Candidate(m.start("num"), m.end("num"), "case_number", f"C-{m.group('digits')}")
        for cue in (_CASE_CUE, _CASE_CUE_EN)
        for m in cue.finditer(text)
    ]
    return found
