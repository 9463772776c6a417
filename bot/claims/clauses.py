"""Policy clauses as the explanations quote them: exactly as stored, never paraphrased.

Payout, rejection and coverage answers all rest on the policy's own wording,
so they share one clause type and one way of citing and quoting it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional


@dataclass(frozen=True)
class ClauseText:
    """One clause of one policy (bot.store.models.Clause)."""

    clause_id: str  # "2.4"
    title: str  # "医院范围"
    text: str


def ref(clause: ClauseText) -> str:
    """第2.4条“医院范围”"""
    return f"第{clause.clause_id}条“{clause.title}”"


def cite(clause_id: Optional[str], clause: Optional[ClauseText]) -> str:
    """The reference, with the title when the policy's text is known; "" without a clause id."""
    if clause is not None:
        return ref(clause)
    return f"第{clause_id}条" if clause_id else ""


def quote(clause: ClauseText) -> str:
    """The reference followed by the whole text, unchanged."""
    return f"{ref(clause)}：“{clause.text}”"


def find(clauses: Iterable[ClauseText], title: str = "", text: str = "") -> Optional[ClauseText]:
    """The first clause whose title matches the `title` regex or whose text matches `text`."""
    for clause in clauses:
        if (title and re.search(title, clause.title)) or (text and re.search(text, clause.text)):
            return clause
    return None
