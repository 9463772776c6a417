"""Whether the treatment was a hospital stay, read from how the user described it.

The claim form asks for the diagnosis in the user's words ("右手割伤，缝了5针",
"急性阑尾炎，做了手术，住院5天"); the materials checklist depends on the stay
(a discharge summary and an itemised bill only after one). None when the words
do not tell: the checklist then lists those items with their condition.
"""
from __future__ import annotations

import re
from typing import Optional

from bot.nlu.normalizer import normalize_text

_NO_STAY = re.compile(r"(没|没有|未|不用|不需要|无需|不必|没能)\s*(住院|住下)|不住院|"
                      r"\b(not|wasn'?t|weren'?t|never|didn'?t (need to )?(be|get)) (admitted|hospitali[sz]ed)\b|"
                      r"\bno (hospital )?stay\b|\bdidn'?t stay\b", re.IGNORECASE)
_STAY = re.compile(r"住院(?!部)|入院|出院|住了\s*(\d+|[一二两三四五六七八九十几]+)\s*(天|晚|周|个?星期)|"
                   r"\b(admitted|hospitali[sz]ed|inpatient|discharged)\b|\bstayed\b.*\b(nights?|days?|weeks?)\b",
                   re.IGNORECASE)
_VISIT = re.compile(r"门诊|急诊|缝了?\s*(\d+|[一二两三四五六七八九十几]+)?\s*针|包扎|开了?药|拿了?药|"
                    r"\b(outpatient|out-patient|a&e|clinic|stitches|stitched|dressed)\b", re.IGNORECASE)


def hospital_stay(text: Optional[str]) -> Optional[bool]:
    """True for a stay ("住院5天", "admitted"), False for a visit ("门诊", "缝了5针", "没住院"), None if unsaid."""
    text = normalize_text(text or "")
    if _NO_STAY.search(text):
        return False
    if _STAY.search(text):
        return True
    if _VISIT.search(text):
        return False
    return None
