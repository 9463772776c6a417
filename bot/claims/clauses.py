"""Policy clauses as the explanations quote them: exactly as stored, never paraphrased.

Payout, rejection and coverage answers all rest on the policy's own wording,
so they share one clause type and one way of citing and quoting it. In
English the reference carries an English title when the clause's title is a
common one; the wording itself stays the policy's own (Chinese) text, marked
as such, since a translation could not be relied on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from bot.claims.wording import EN, key

# Common clause titles in English (the policies' own titles are Chinese).
TITLES_EN = {
    "医院范围": "Hospital scope", "紧急情况": "Emergencies", "等待期": "Waiting period", "责任免除": "Exclusions",
    "年免赔额": "Annual deductible", "免赔额": "Deductible", "费用范围": "Scope of costs",
    "赔付比例与计算": "Payout ratio and calculation", "赔付比例": "Payout ratio",
    "保险期间与续保": "Policy period and renewal", "保险期间": "Policy period", "续保": "Renewal",
    "一般医疗保险金": "General medical benefit", "意外医疗保险金": "Accident medical benefit",
    "重大疾病保险金": "Critical illness benefit", "少儿住院医疗保险金": "Children's inpatient medical benefit",
}


@dataclass(frozen=True)
class ClauseText:
    """One clause of one policy (bot.store.models.Clause)."""

    clause_id: str  # "2.4"
    title: str  # "医院范围"
    text: str


def ref(clause: ClauseText, *, lang: Optional[str] = None) -> str:
    """第2.4条“医院范围” / clause 2.4 "Hospital scope" """
    if key(lang) == EN:
        title = TITLES_EN.get(clause.title)
        return f'clause {clause.clause_id} "{title}"' if title else f"clause {clause.clause_id}"
    return f"第{clause.clause_id}条“{clause.title}”"


def cite(clause_id: Optional[str], clause: Optional[ClauseText], *, lang: Optional[str] = None) -> str:
    """The reference, with the title when the policy's text is known; "" without a clause id."""
    if clause is not None:
        return ref(clause, lang=lang)
    if not clause_id:
        return ""
    return f"clause {clause_id}" if key(lang) == EN else f"第{clause_id}条"


def quote(clause: ClauseText, *, lang: Optional[str] = None) -> str:
    """The reference followed by the whole text, unchanged."""
    if key(lang) == EN:
        return f"{ref(clause, lang=lang)}, in the policy's own words (Chinese original): “{clause.text}”"
    return f"{ref(clause)}：“{clause.text}”"


def find(clauses: Iterable[ClauseText], title: str = "", text: str = "") -> Optional[ClauseText]:
    """The first clause whose title matches the `title` regex or whose text matches `text`."""
    for clause in clauses:
        if (title and re.search(title, clause.title)) or (text and re.search(text, clause.text)):
            return clause
    return None
