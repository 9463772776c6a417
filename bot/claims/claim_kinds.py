"""Which checklist a question is about, from its words: "住院理赔要什么材料" -> illness_inpatient."""
from __future__ import annotations

import re
from typing import Optional

DEATH = re.compile(r"身故|去世|过世|死亡|走了")
DISABILITY = re.compile(r"伤残|残疾|致残")
CRITICAL = re.compile(r"重疾|重大疾病|癌|肿瘤|白血病")
ACCIDENT = re.compile(r"意外|摔|骨折|车祸|撞|割伤|烫伤|扭伤|受伤|被狗咬")
INPATIENT = re.compile(r"住院|出院|手术")
OUTPATIENT = re.compile(r"门诊|急诊|看病|拿药")


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
