"""Claim status: the timeline with dates, the stage in plain words, what comes next and how long."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.claim_choice import choose_claim
from actions.common import customer_id, db, friendly_failure
from actions.review import done_with_pending, say_review
from bot import clock
from bot.claims import labels
from bot.claims.status import ClaimProgress, TimelineEvent, claim_progress
from bot.documents import intake
from bot.store import claims as claim_store
from bot.store.models import Claim


def format_progress(claim: Claim, events: List[TimelineEvent], notes: List[str], progress: ClaimProgress) -> str:
    lines = [
        f"案件 {claim.case_number}（{claim.insured.name} · {claim.diagnosis or labels.INCIDENT_TYPES.get(claim.incident_type, '')}"
        f" · {claim.incident_date:%Y年%m月%d日}出险）",
        f"当前阶段：{progress.stage}",
        "进展记录：",
    ]
    local = clock.now().tzinfo
    for event, note in zip(events, notes):
        detail = f"：{note}" if note else ""
        lines.append(f"  {event.at.astimezone(local):%m月%d日} {labels.EVENT_KINDS.get(event.kind, event.kind)}{detail}")
    lines.append(f"下一步：{progress.next_step}")
    lines.append(f"通常需要：{progress.usual_time}")
    return "\n".join(lines)


class ActionClaimStatus(Action):
    def name(self) -> Text:
        return "action_claim_status"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = done_with_pending(tracker, "ask_claim_status")
        with db() as session:
            # A status question without a case number is a fresh question: offer every claim.
            choice = choose_claim(session, tracker, dispatcher, customer_id(tracker), "ask_claim_status", use_current=False)
            claim = choice.claim
            if claim is None:
                return events
            stored = claim_store.timeline(session, claim)
            timeline = [TimelineEvent(e.kind, e.at) for e in stored]
            review = intake.claim_review(session, claim)
            progress = claim_progress(claim.status, timeline, review.complete)
            dispatcher.utter_message(text=format_progress(claim, timeline, [e.note for e in stored], progress))
            if progress.overdue:
                dispatcher.utter_message(text=texts.OVERDUE.format(basis=progress.legal_basis), buttons=[texts.HUMAN_BUTTON])
            if claim.status in intake.SUBMITTABLE:
                say_review(dispatcher, claim, review)
        return events + [SlotSet("current_claim", claim.case_number)]
