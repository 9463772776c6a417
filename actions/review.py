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
from bot.claims.wording import pick
from bot.documents import intake
from bot.documents.inspect import MAX_BYTES
from bot.i18n import EN, language_of
from bot.store import policies
from bot.store.models import Claim

# This module's own sentences, per language.
WORDS = {
    "zh": {"submit": "确认提交 {case}", "already": "案件 {case} 的材料已经提交过了。\n", "case": "案件 {case}：",
           "kind_list": "{kind}理赔一般需要这些材料：\n",
           "in_progress": "这类理赔一般需要这些材料（报案完成后我会按您的情况给出完整清单）：\n"},
    EN: {"submit": "Confirm and submit {case}", "already": "The materials of case {case} have already been submitted.\n",
         "case": "Case {case}: ", "kind_list": "{kind}: a claim usually needs these materials:\n",
         "in_progress": "A claim like this usually needs these materials (once the report is done I will give you the "
                        "full list for your case):\n"},
}

# bot.documents.intake and .inspect word their results in Chinese; English is told from the result's codes.
INTAKE_EN = {
    intake.NOT_FOUND: "I couldn't find that case, or it isn't in your name. Please check the case number (for example "
                      "C-1003) and tell me again.",
    intake.UPLOAD_MISSING: "This file did not arrive completely: please send it again.",
    intake.CLOSED: "This case is {status}: no more materials can be added. If you need anything, please contact an advisor.",
    intake.DUPLICATE: "This file was already received ({name}): no need to send it again.",
    "duplicate_unusable": "This file was already received ({name}), but it cannot be used: {reason}",
    intake.TYPE_NEEDED: "File received. Which material is it?",
    intake.ATTACHED: "Received: {name}.",
    intake.UNUSABLE: "Received {name}, but {reason}",
    "not_on_checklist": " It is not on this case's required list, but we have kept it too.",
    intake.SUBMITTED: "The materials are complete and have been sent to the insurer. The insurer should decide within 30 "
                      "days of complete materials; we will tell you of any progress.",
    intake.INCOMPLETE: "The materials are not complete yet, so they cannot be submitted: that saves the insurer asking "
                       "for more again and again.",
    intake.NOT_ALLOWED: "This case is now \"{status}\": no more materials need to be submitted.",
}
RETAKE_EN = "Please lay the document flat, filling the frame, in good light, hold the phone steady and take it again."
INSPECTION_EN = {
    "empty": "this file is empty (0 bytes) and may not have been sent properly. Please take the photo or choose the file again.",
    "too_big": "the file is too large ({mb:.1f} MB); files can be at most 20 MB. Send photos straight from the camera "
               "(not \"original\"); a PDF can be split into several files or sent as screenshots of its pages.",
    "too_many_pixels": "this image is too large to open. Please send a screenshot, or a photo in the phone's normal mode.",
    "wrong_format": "this file is not a photo or a PDF, so we cannot open it (only JPG and PNG photos and PDF files). "
                    "Please send a photo or a screenshot.",
    "heic": "this is an iPhone HEIC photo, which we cannot open yet. Please send a screenshot, or set Settings > Camera "
            "> Formats to \"Most Compatible\" and take it again.",
    "corrupted": "this image file is damaged and cannot be opened (it may not have arrived completely). Please take or "
                 "send it again.",
    "pdf_corrupted": "this PDF is damaged and cannot be opened (it may not have downloaded or arrived completely). "
                     "Please download it again, or send screenshots of each page.",
    "encrypted": "this PDF has an opening password, so the insurer cannot read it. Please export it again without the "
                 "password, or send screenshots of each page.",
    "too_small": "the photo is too small ({width}×{height} pixels) to read the text. " + RETAKE_EN
                 + " Please send the original, not a thumbnail.",
    "blurry": "the photo is too blurry or dark to read the text. " + RETAKE_EN + " Wait until it is in focus, and avoid glare.",
}


def inspection_en(inspection) -> str:
    """The English for a file's problem (bot.documents.inspect words it in Chinese)."""
    problem = inspection.problem
    if problem == "wrong_format" and inspection.kind == "heic":
        problem = "heic"
    elif problem == "corrupted" and inspection.kind == "pdf":
        problem = "pdf_corrupted"
    elif problem == "too_big" and inspection.size_bytes <= MAX_BYTES:
        problem = "too_many_pixels"
    text = INSPECTION_EN.get(problem, INSPECTION_EN["corrupted"])
    return text.format(mb=inspection.size_bytes / 1024 / 1024, width=inspection.width, height=inspection.height)


def intake_message(result, lang: str, status: str = "") -> str:
    """An upload's or submission's result in the user's language (`result.message` is the Chinese)."""
    if lang != EN:
        return result.message
    outcome = result.outcome
    name = MATERIALS[result.doc_type].name_in(lang) if getattr(result, "doc_type", None) in MATERIALS else ""
    inspection = getattr(result, "inspection", None)
    if outcome == intake.REFUSED and inspection is not None:
        text = inspection_en(inspection)
        return text[0].upper() + text[1:]
    if outcome == intake.UNUSABLE and inspection is not None:
        return INTAKE_EN[outcome].format(name=name, reason=inspection_en(inspection))
    if outcome == intake.DUPLICATE and result.review is not None and result.doc_type in {
            u.item.code for u in result.review.unusable}:
        return INTAKE_EN["duplicate_unusable"].format(name=name, reason=pick(_REVIEW_NO_REASON, lang))
    text = INTAKE_EN.get(outcome, result.message).format(name=name, status=status)
    if outcome == intake.ATTACHED and result.review is not None and result.doc_type not in {
            item.code for item in result.review.items}:
        text += INTAKE_EN["not_on_checklist"]
    if outcome == intake.INCOMPLETE and result.review is not None:
        text += "\n" + format_review(result.review, lang=lang)
    return text


_REVIEW_NO_REASON = {"zh": "", EN: "it is too small, blurry or dark to read. " + RETAKE_EN}


def done_with_pending(tracker: Tracker, task: str) -> List[EventType]:
    """Forget the facts remembered through verification once the request has been served.

    `pending_task` itself stays: the rule that resumed the request was learned
    with it set, and clearing it here would leave that rule without a next step.
    """
    if tracker.get_slot("pending_task") != task or not tracker.get_slot("pending_facts"):
        return []
    return [SlotSet("pending_facts", None)]


def submit_button(case_number: str, lang: Optional[str] = None) -> texts.Button:
    return {"title": pick(WORDS, lang)["submit"].format(case=case_number),
            "payload": payload("submit_claim", case_number=case_number)}


def say_review(dispatcher: CollectingDispatcher, claim: Claim, review: Review, how_to_send: bool = True, *,
               lang: Optional[str] = None) -> None:
    """The one complete list, and the way forward: send what is missing (and how), or submit."""
    words, tx = pick(WORDS, lang), texts.pick(lang)
    listed = format_review(review, lang=lang)
    if claim.status not in intake.SUBMITTABLE:
        dispatcher.utter_message(text=words["already"].format(case=claim.case_number) + listed)
        return
    if review.complete:
        dispatcher.utter_message(text=listed)
        dispatcher.utter_message(text=tx.READY_TO_SUBMIT, buttons=[submit_button(claim.case_number, lang)])
        return
    dispatcher.utter_message(text=words["case"].format(case=claim.case_number) + listed)
    if how_to_send:
        dispatcher.utter_message(text=tx.HOW_TO_SEND)


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
        lang = language_of(tracker)
        tx = texts.pick(lang)
        if tracker.active_loop.get("name") == "claim_report_form":
            return self._for_report_in_progress(dispatcher, tracker, cid, lang)
        if cid is not None and kind is None:
            with db() as session:
                choice = choose_claim(session, tracker, dispatcher, cid, "ask_required_documents",
                                      fits=lambda c: c.status in intake.SUBMITTABLE)
                if choice.claim is None:
                    return []
                say_review(dispatcher, choice.claim, intake.claim_review(session, choice.claim), lang=lang)
                return [SlotSet("current_claim", choice.claim.case_number)]
        kind = kind or kind_from_text(latest_text(tracker))
        kinds = labels.table(labels.CLAIM_KINDS, lang)
        if kind is None:
            buttons = [{"title": label, "payload": payload("ask_required_documents", claim_kind=code)}
                       for code, label in kinds.items()]
            if cid is None:
                buttons.append(tx.ALREADY_REPORTED_BUTTON)
            dispatcher.utter_message(text=tx.ASK_CLAIM_KIND, buttons=buttons)
            return []
        facts = ClaimFacts(kind, insured_is_minor=None)
        dispatcher.utter_message(text=pick(WORDS, lang)["kind_list"].format(kind=kinds[kind])
                                 + format_checklist(checklist_for(facts), lang=lang))
        if cid is None:
            dispatcher.utter_message(text=tx.GENERAL_CHECKLIST_NOTE, buttons=[tx.ALREADY_REPORTED_BUTTON])
        return []

    @staticmethod
    def _for_report_in_progress(dispatcher: CollectingDispatcher, tracker: Tracker, cid: Optional[int],
                                lang: str) -> List[EventType]:
        """Mid-report: the list for what is being reported so far; the full list comes with the case number."""
        policy_type = "medical"
        if cid is not None and tracker.get_slot("claim_policy"):
            with db() as session:
                policy = policies.get_visible_policy(session, cid, tracker.get_slot("claim_policy"))
                policy_type = policy.policy_type if policy else policy_type
        facts = claim_facts(policy_type, tracker.get_slot("incident_type") or "illness", insured_is_minor=None)
        dispatcher.utter_message(text=pick(WORDS, lang)["in_progress"] + format_checklist(checklist_for(facts), lang=lang))
        dispatcher.utter_message(text=texts.pick(lang).BACK_TO_FORM)
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
        lang = language_of(tracker)
        tx = texts.pick(lang)
        with db() as session:
            choice = choose_claim(session, tracker, dispatcher, customer_id(tracker), "upload_document",
                                  fits=lambda c: c.status not in intake.NO_MORE_UPLOADS)
            if choice.claim is None:
                return events + [SlotSet("pending_upload", token)]
            claim = choice.claim
            events.append(SlotSet("current_claim", claim.case_number))
            if not token:
                say_review(dispatcher, claim, intake.claim_review(session, claim), lang=lang)
                if claim.status in intake.SUBMITTABLE:
                    return events
                dispatcher.utter_message(text=tx.HOW_TO_SEND)
                return events
            result = intake.attach(session, customer_id(tracker), claim.case_number, token,
                                   doc_type if doc_type in MATERIALS else None)
            status = labels.label(labels.CLAIM_STATUSES, claim.status, lang, claim.status)
            message = intake_message(result, lang, status)
            if result.outcome == intake.TYPE_NEEDED:
                buttons = [{"title": MATERIALS[code].name_in(lang), "payload": payload("upload_document", doc_type=code)}
                           for code in result.candidates]
                dispatcher.utter_message(text=message, buttons=buttons)
                return events + [SlotSet("pending_upload", token)]
            dispatcher.utter_message(text=message)
            if tracker.active_loop.get("name") == "dispute_form":  # evidence for a dispute: no checklist
                return events + [SlotSet("pending_upload", None)] + dispute_evidence(tracker, result)
            if result.review is not None:
                say_review(dispatcher, claim, result.review, how_to_send=False, lang=lang)
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
        lang = language_of(tracker)
        with db() as session:
            choice = choose_claim(session, tracker, dispatcher, cid, "submit_claim",
                                  fits=lambda c: c.status in intake.SUBMITTABLE)
            if choice.claim is None:
                return events
            case_number = choice.claim.case_number
            status = labels.label(labels.CLAIM_STATUSES, choice.claim.status, lang, choice.claim.status)
            result = intake.submit(session, cid, case_number)
        message = intake_message(result, lang, status)
        dispatcher.utter_message(text=pick(WORDS, lang)["case"].format(case=case_number) + message)
        if result.outcome == intake.INCOMPLETE:
            dispatcher.utter_message(text=texts.pick(lang).HOW_TO_SEND)
        return events + [SlotSet("current_claim", case_number)]


OTHER_TASK = {"zh": "办这件事", EN: "help with that"}
OTHER_FORM = {"zh": "这件事", EN: "this"}


class ActionDoAfterForm(Action):
    """A request that must wait until the form in progress (verification, a report ...) is done."""

    def name(self) -> Text:
        return "action_do_after_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        tx = texts.pick(language_of(tracker))
        task = tx.TASK_NAMES.get(latest_intent(tracker) or "", pick(OTHER_TASK, language_of(tracker)))
        form = tracker.active_loop.get("name")
        if form == "identity_form":
            dispatcher.utter_message(text=tx.AFTER_VERIFICATION.format(task=task))
        elif tx.FORM_TASKS.get(form) == latest_intent(tracker):
            dispatcher.utter_message(text=tx.BACK_TO_FORM)
        else:
            form_name = tx.FORM_NAMES.get(form, pick(OTHER_FORM, language_of(tracker)))
            dispatcher.utter_message(text=tx.AFTER_FORM.format(form=form_name, task=task))
        return []
