"""Guess which material a photo or file is, from its caption or file name.

Each material has keywords (bot.claims.materials). Chinese keywords match
anywhere; ASCII ones ("ct", "invoice", "120") only as whole words, so
"picture.jpg" is not a CT report and "IMG_120.jpg" not a 120 record. A
keyword found inside a longer one at the same place does not count ("诊断"
inside "病理诊断"). One material left: that is the guess; none or several: no guess.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import List, Optional, Pattern, Tuple

from bot.claims.materials import CATALOGUE


@lru_cache(maxsize=None)
def _patterns() -> Tuple[Tuple[str, str, Pattern[str]], ...]:
    found = []
    for material in CATALOGUE:
        for keyword in material.keywords:
            keyword = keyword.lower()
            if keyword.isascii():
                word = "0-9a-z_" if keyword.isdigit() else "0-9a-z"  # digits: "IMG_120" is a file number
                pattern = re.compile(rf"(?<![{word}]){re.escape(keyword)}(?![{word}])")
            else:
                pattern = re.compile(re.escape(keyword))
            found.append((material.code, keyword, pattern))
    return tuple(found)


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def candidate_doc_types(text: Optional[str]) -> List[str]:
    """Codes of every material the text names, in catalogue order (may be several)."""
    text = _normalise(text or "")
    if not text:
        return []
    spans = [(code, m.start(), m.end()) for code, _, pattern in _patterns() for m in pattern.finditer(text)]
    codes: List[str] = []
    for code, start, end in spans:
        inside_longer = any(s <= start and end <= e and e - s > end - start for _, s, e in spans)
        if not inside_longer and code not in codes:
            codes.append(code)
    return codes


def guess_doc_type(text: Optional[str]) -> Optional[str]:
    """The material code the caption or file name names, or None when unsure or ambiguous."""
    codes = candidate_doc_types(text)
    return codes[0] if len(codes) == 1 else None
