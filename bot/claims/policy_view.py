"""A plain view of one policy, as coverage answers need it (built by bot.store.views).

Kept apart from the ORM so the rules stay pure and testable with hand-made
policies; the store side adds what needs a query (this policy year's
deductible used and amounts paid).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Optional, Tuple

from bot.claims import labels
from bot.claims.clauses import ClauseText, find

VERDICTS = ("covered", "not_covered", "conditional", "unknown")


@dataclass(frozen=True)
class CoverageTerms:
    """One coverage of a policy (bot.store.models.Coverage)."""

    code: str
    name: str
    sum_insured: Decimal
    annual_deductible: Decimal = Decimal("0.00")
    ratio_with_social: Decimal = Decimal("1.00")
    ratio_without_social: Decimal = Decimal("1.00")
    hospital_requirement: str = "any"  # any | public_grade2_plus
    general_ward_only: bool = False
    waiting_days_illness: int = 0
    waiting_days_accident: int = 0
    exclusions: Tuple[str, ...] = ()
    emergency_exception: bool = False


@dataclass(frozen=True)
class PolicyView:
    policy_number: str
    product_name: str
    insurer: str
    policy_type: str  # medical | accident | critical_illness | other
    insured_name: str
    relation: str  # the insured's relation to the asking user: self | spouse | parent | child | other
    source: str  # ours | external (bought on another platform)
    status: str  # active | lapsed
    start_date: date
    end_date: date  # last day covered
    coverages: Tuple[CoverageTerms, ...]
    clauses: Tuple[ClauseText, ...]
    policy_year: Tuple[date, date]  # [first day, first day of the next) around today
    deductible_used: Decimal = Decimal("0.00")  # this policy year
    paid_this_year: Decimal = Decimal("0.00")  # payouts on claims of this policy year
    paid_total: Decimal = Decimal("0.00")  # payouts since the policy started
    insured_id: Optional[int] = None  # tells two insured people apart when names match

    @property
    def main(self) -> Optional[CoverageTerms]:
        """The coverage claims are filed against by default (the first)."""
        return self.coverages[0] if self.coverages else None

    @property
    def title(self) -> str:
        return self.title_in()

    def title_in(self, lang: Optional[str] = None) -> str:
        return labels.policy_title(self.insured_name, self.product_name, self.policy_type, self.source, lang=lang)

    def clause(self, title: str = "", text: str = "") -> Optional[ClauseText]:
        """The first clause whose title (or else text) matches; see bot.claims.clauses.find."""
        return find(self.clauses, title=title) or (find(self.clauses, text=text) if text else None)


@dataclass(frozen=True)
class Answer:
    """One policy's answer to one topic; `clause` is what the answer rests on, when stored."""

    topic: str
    verdict: str  # one of VERDICTS
    text: str
    clause: Optional[ClauseText] = None


@dataclass(frozen=True)
class WaitingStatus:
    """The illness waiting period on a given day.

    It covers `days` days counting the start day: [start, start + days). The
    last day inside is start + days - 1 and illness is covered from start + days,
    the same rule as bot.claims.report_rules.check_incident_date (an incident
    before start + days is inside). 张伟: 2026-10-01 + 90 days -> last day
    2026-12-29, covered from 2026-12-30.
    """

    days: int
    start: date
    covered_from: date
    today: date

    @property
    def last_day(self) -> Optional[date]:
        return self.covered_from - timedelta(days=1) if self.days else None

    @property
    def inside(self) -> bool:
        return self.start <= self.today < self.covered_from

    @property
    def days_left(self) -> int:
        """Days still inside, today included (0 once it is over)."""
        return max((self.covered_from - max(self.today, self.start)).days, 0)


def waiting_status(start: date, days: int, today: date) -> WaitingStatus:
    return WaitingStatus(days, start, start + timedelta(days=days), today)
