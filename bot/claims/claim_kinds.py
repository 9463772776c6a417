"""Which checklist a question is about, from its words: "住院理赔要什么材料" -> illness_inpatient.

Chinese and English words alike ("documents for a hospital stay after an accident" -> accident_inpatient).
"""
from __future__ import annotations

import re
from typing import Optional

DEATH = re.compile(r"身故|去世|过世|死亡|走了|\b(death|died|passed away|deceased)\b", re.I)
DISABILITY = re.compile(r"伤残|残疾|致残|\bdisab(led|ility)\b", re.I)
CRITICAL = re.compile(r"重疾|重大疾病|癌|肿瘤|白血病|critical illness|\b(cancer|tumou?r|leukaemia|leukemia)\b", re.I)
ACCIDENT = re.compile(r"意外|摔|骨折|车祸|撞|割伤|烫伤|扭伤|受伤|被狗咬|"
                      r"\b(accident|fell|fall|fracture|broke|injur(y|ed|ies)|hurt|cut|burn(ed|t)?|sprain(ed)?|bitten)\b", re.I)
INPATIENT = re.compile(r"住院|出院|手术|\b(hospital stay|in-?patient|admitted|discharged?|surgery|operation)\b", re.I)
OUTPATIENT = re.compile(r"门诊|急诊|看病|拿药|\b(out-?patient|clinic|doctor'?s visit|emergency room|a&e|medicine)\b", re.I)


def kind_from_text(text: Optional[str]) -> Optional[str]:
    """A claim kind (bot.claims.materials.CLAIM_TYPES) when the words say enough, else None.

    The setting (inpatient or outpatient) must be named; the cause defaults to
    illness, since an accident is almost always mentioned when it happened.
    """
    text = text or ""
    for pattern, kind in ((DEATH, "death"), (DISABILITY, "disability"), (CRITICAL, "critical_illness")):
        if pattern.search(text):
            return kind
    setting = "inpatient" if INPATIENT.search(text) else "outpatient" if OUTPATIENT.search(text) else None
    if setting is None:
        return None
    return f"{'accident' if ACCIDENT.search(text) else 'illness'}_{setting}"
