"""Entity candidates found by the rule finders, and overlap resolution."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

# Lower number wins an overlap. Structured identifiers are the least ambiguous;
# free words (relationship, incident) lose to anything more specific, e.g.
# "肿瘤" inside the hospital name "北京肿瘤医院".
PRIORITY = {
    "id_number": 0,
    "mobile": 1,
    "case_number": 2,
    "date": 3,
    "amount": 4,
    "hospital": 5,
    "hospital_grade": 6,
    "hospital_ownership": 7,
    "incident_type": 8,
    "relationship": 9,
}


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    value: str
    approximate: bool | None = None  # only meaningful for amounts

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


def resolve(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Keep a non-overlapping subset: higher priority first, then longer, then earlier."""
    ranked = sorted(
        candidates,
        key=lambda c: (PRIORITY[c.label], -(c.end - c.start), c.start),
    )
    kept: list[Candidate] = []
    for candidate in ranked:
        if not any(candidate.overlaps(other) for other in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)
