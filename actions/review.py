"""Help review: the materials checklist, uploads checked on arrival, submission to the insurer.

The answer is always one complete list (received ✓, missing ✗, unusable ⚠),
never a drip-feed: Insurance Law art. 22 asks the insurer to name everything
missing at once, and we hold ourselves to the same.
"""
from __future__ import annotations

from typing import List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.claim_choice import choose_claim
from actions.common import customer_id, db, entity_value, friendly_failure, latest_intent, latest_text, payload
from bot.claims import labels
from bot.claims.claim_kinds import kind_from_text
from bot.claims.materials import CLAIM_TYPES, MATERIALS, ClaimFacts, checklist_for, claim_facts, format_checklist
from bot.claims.review import Review, format_review
from bot.documents import intake
from bot.store import policies
from bot.store.models import Claim


def done_with_pending(tracker: Tracker, task: str) -> List[EventType]:
    """Forget the facts remembered through verification once the request has been served.

    `pending_task` itself stays: the rule that resumed the request was learned
    with it set, and clearing it here would leave that rule without a next step.
    """
    if tracker.get_slot("pending_task") != task or not tracker.get_slot("pending_facts"):
        return []
    return [SlotSet("pending_facts", None)]


def submit_button(case_number: str) -> texts.Button:
    return {"title": f"确认提交 {case_number}", "payload": payload("submit_claim", case_number=case_number)}


def say_review(dispatcher: CollectingDispatcher, claim: Claim, review: Review, how_to_send: bool = True) -> None:
    """The one complete list, and the way forward: send what is missing (and how), or submit."""
    if claim.status not in intake.SUBMITTABLE:
        dispatcher.utter_message(text=f"案件 {claim.case_number} 的材料已经提交过了。\n" + format_review(review))
        return
    if review.complete:
        dispatcher.utter_message(text=format_review(review))
        dispatcher.utter_message(text=texts.READY_TO_SUBMIT, buttons=[submit_button(claim.case_number)])
        return
    dispatcher.utter_message(text=f"案件 {claim.case_number}：" + format_review(review))
    if how_to_send:
        dispatcher.utter_message(text=texts.HOW_TO_SEND)


class ActionRequiredDocuments(Action):
    """The claim's own list when we know the user, else the checklist for a kind of claim."""

    def name(self) -> Text:
        return "action_required_documents"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        kind = entity_value(tracker, "claim_kind")
        if kind not in CLAIM_TYPES:
            kind = None
        cid = customer_id(tracker)
        if tracker.active_loop.get("name") == "claim_report_form":
            return self._for_report_in_progress(dispatcher, tracker, cid)
        if cid is not None and kind is None:
            with db() as session:
                choice = choose_claim(session, tracker, dispatcher, cid, "ask_required_documents",
                                      fits=lambda c: c.status in intake.SUBMITTABLE)
                if choice.claim is None:
                    return []
                say_review(dispatcher, choice.claim, intake.claim_review(session, choice.claim))
                return [SlotSet("current_claim", choice.claim.case_number)]
        kind = kind or kind_from_text(latest_text(tracker))
        if kind is None:
            buttons = [{"title": label, "payload": payload("ask_required_documents", claim_kind=code)}
                       for code, label in labels.CLAIM_KINDS.items()]
            if cid is None:
                buttons.append(texts.ALREADY_REPORTED_BUTTON)
            dispatcher.utter_message(text=texts.ASK_CLAIM_KIND, buttons=buttons)
            return []
        facts = ClaimFacts(kind, insured_is_minor=None)
        dispatcher.utter_message(
            text=f"{labels.CLAIM_KINDS[kind]}理赔一般需要这些材料：\n" + format_checklist(checklist_for(facts)))
        if cid is None:
            dispatcher.utter_message(text=texts.GENERAL_CHECKLIST_NOTE, buttons=[texts.ALREADY_REPORTED_BUTTON])
        return []

    @staticmethod
    def _for_report_in_progress(dispatcher: CollectingDispatcher, tracker: Tracker, cid: Optional[int]) -> List[EventType]:
        """Mid-report: the list for what is being reported so far; the full list comes with the case number."""
        policy_type = "medical"
        if cid is not None and tracker.get_slot("claim_policy"):
            with db() as session:
                policy = policies.get_visible_policy(session, cid, tracker.get_slot("claim_policy"))
                policy_type = policy.policy_type if policy else policy_type
        facts = claim_facts(policy_type, tracker.get_slot("incident_type") or "illness", insured_is_minor=None)
        dispatcher.utter_message(
            text="这类理赔一般需要这些材料（报案完成后我会按您的情况给出完整清单）：\n" + format_checklist(checklist_for(facts)))
        dispatcher.utter_message(text=texts.BACK_TO_FORM)
        return []


class ActionReceiveDocument(Action):
    """A file arrived (a staged upload's token), or the user asks how to send one."""

    def name(self) -> Text:
        return "action_receive_document"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        pending = tracker.get_slot("pending_facts") or {}
        token = entity_value(tracker, "upload_token") or pending.get("upload_token") or tracker.get_slot("pending_upload")
        doc_type = entity_value(tracker, "doc_type")
        events = done_with_pending(tracker, "upload_document")
        with db() as session:
            choice = choose_claim(session, tracker, dispatcher, customer_id(tracker), "upload_document",
                                  fits=lambda c: c.status not in intake.NO_MORE_UPLOADS)
            if choice.claim is None:
                return events + [SlotSet("pending_upload", token)]
            claim = choice.claim
            events.append(SlotSet("current_claim", claim.case_number))
            if not token:
                say_review(dispatcher, claim, intake.claim_review(session, claim))
                if claim.status in intake.SUBMITTABLE:
                    return events
                dispatcher.utter_message(text=texts.HOW_TO_SEND)
                return events
            result = intake.attach(session, customer_id(tracker), claim.case_number, token,
                                   doc_type if doc_type in MATERIALS else None)
            if result.outcome == intake.TYPE_NEEDED:
                buttons = [{"title": MATERIALS[code].name, "payload": payload("upload_document", doc_type=code)}
                           for code in result.candidates]
                dispatcher.utter_message(text=result.message, buttons=buttons)
                return events + [SlotSet("pending_upload", token)]
            dispatcher.utter_message(text=result.message)
            if tracker.active_loop.get("name") == "dispute_form":  # evidence for a dispute: no checklist
                return events + [SlotSet("pending_upload", None)] + dispute_evidence(tracker, result)
            if result.review is not None:
                say_review(dispatcher, claim, result.review, how_to_send=False)
        return events + [SlotSet("pending_upload", None)]


def dispute_evidence(tracker: Tracker, result: intake.IntakeResult) -> List[EventType]:
    """Remember the name of a file kept as evidence for the dispute in progress (listed in the letter)."""
    if result.outcome not in (intake.ATTACHED, intake.UNUSABLE, intake.DUPLICATE) or result.doc_type not in MATERIALS:
        return []
    names = list(tracker.get_slot("dispute_evidence") or [])
    name = MATERIALS[result.doc_type].name
    return [SlotSet("dispute_evidence", names + [name])] if name not in names else []


class ActionSubmitMaterials(Action):
    """Submit a claim whose required materials are all there; otherwise the list of what is not."""

    def name(self) -> Text:
        return "action_submit_materials"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = done_with_pending(tracker, "submit_claim")
        cid = customer_id(tracker)
        with db() as session:
            choice = choose_claim(session, tracker, dispatcher, cid, "submit_claim",
                                  fits=lambda c: c.status in intake.SUBMITTABLE)
            if choice.claim is None:
                return events
            case_number = choice.claim.case_number
            result = intake.submit(session, cid, case_number)
        dispatcher.utter_message(text=f"案件 {case_number}：{result.message}")
        if result.outcome == intake.INCOMPLETE:
            dispatcher.utter_message(text=texts.HOW_TO_SEND)
        return events + [SlotSet("current_claim", case_number)]


class ActionDoAfterForm(Action):
    """A request that must wait until the form in progress (verification, a report ...) is done."""

    def name(self) -> Text:
        return "action_do_after_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        task = texts.TASK_NAMES.get(latest_intent(tracker) or "", "办这件事")
        form = tracker.active_loop.get("name")
        if form == "identity_form":
            dispatcher.utter_message(text=texts.AFTER_VERIFICATION.format(task=task))
        elif texts.FORM_TASKS.get(form) == latest_intent(tracker):
            dispatcher.utter_message(text=texts.BACK_TO_FORM)
        else:
            dispatcher.utter_message(text=texts.AFTER_FORM.format(form=texts.FORM_NAMES.get(form, "这件事"), task=task))
        return []
