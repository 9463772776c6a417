"""Claim status: the timeline with dates, the stage in plain words, what comes next and how long."""
from __future__ import annotations

from typing import List, Optional, Text

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
from bot.claims.wording import EN, day, pick, short_day, stored
from bot.documents import intake
from bot.i18n import language_of
from bot.store import claims as claim_store
from bot.store.models import Claim


WORDS = {
    "zh": {"head": "案件 {case}（{name} · {what} · {date}出险）", "stage": "当前阶段：{stage}", "timeline": "进展记录：",
           "event": "  {day} {kind}{detail}", "detail": "：{note}", "next": "下一步：{step}", "usual": "通常需要：{time}",
           "basis": ""},
    EN: {"head": "Case {case} ({name} · {what} · incident on {date})", "stage": "Stage: {stage}", "timeline": "Timeline:",
         "event": "  {day} {kind}{detail}", "detail": ": {note}", "next": "Next: {step}", "usual": "Usually takes: {time}",
         "basis": "Legal time limit: {basis}"},
}


def format_progress(claim: Claim, events: List[TimelineEvent], notes: List[str], progress: ClaimProgress, *,
                    lang: Optional[str] = None) -> str:
    """The timeline with dates, the stage, the next step; English adds the legal clock behind a deadline."""
    words = pick(WORDS, lang)
    what = claim.diagnosis or labels.label(labels.INCIDENT_TYPES, claim.incident_type, lang)
    lines = [
        words["head"].format(case=claim.case_number, name=claim.insured.name, what=what, date=day(claim.incident_date, lang)),
        words["stage"].format(stage=progress.stage),
        words["timeline"],
    ]
    now = clock.now()
    local = now.tzinfo
    for event, note in zip(events, notes):
        note = stored(note, lang)  # the notes are stored in Chinese: English shows the event's kind only
        detail = words["detail"].format(note=note) if note else ""
        kind = labels.label(labels.EVENT_KINDS, event.kind, lang, event.kind)
        lines.append(words["event"].format(day=short_day(event.at.astimezone(local), lang, now.year), kind=kind, detail=detail))
    lines.append(words["next"].format(step=progress.next_step))
    lines.append(words["usual"].format(time=progress.usual_time))
    if words["basis"] and progress.legal_basis and not progress.overdue:
        lines.append(words["basis"].format(basis=progress.legal_basis))
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
            recorded = claim_store.timeline(session, claim)
            timeline = [TimelineEvent(e.kind, e.at) for e in recorded]
            review = intake.claim_review(session, claim)
            lang = language_of(tracker)
            tx = texts.pick(lang)
            progress = claim_progress(claim.status, timeline, review.complete, lang=lang)
            dispatcher.utter_message(text=format_progress(claim, timeline, [e.note for e in recorded], progress, lang=lang))
            if progress.overdue:
                dispatcher.utter_message(text=tx.OVERDUE.format(basis=progress.legal_basis), buttons=[tx.HUMAN_BUTTON])
            if claim.status in intake.SUBMITTABLE:
                say_review(dispatcher, claim, review, lang=lang)
        return events + [SlotSet("current_claim", claim.case_number)]
