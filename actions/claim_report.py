"""Claim report: the policy question, the summary to confirm, submission and cancellation."""
from __future__ import annotations

import hashlib
import logging
from datetime import date
from typing import List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import claim_insured, texts
from actions.common import customer_id, database_unreachable, db, friendly_failure, payload
from actions.policy_terms import policy_title
from bot.claims import labels, materials
from bot.claims.hospital_stay import hospital_stay
from bot.claims.money import to_money, yuan
from bot.claims.wording import day, pick
from bot.documents import intake
from bot.i18n import EN, language_of
from bot.store import claims, policies

logger = logging.getLogger(__name__)

FORM_SLOTS = [
    "claim_policy", "incident_type", "incident_date", "hospital", "hospital_grade",
    "hospital_ownership", "diagnosis", "claim_amount", "claim_confirmed", "claim_correcting", "pending_facts",
    "asked_facts",
]
FIELD_LABELS = {
    "claim_policy": "保单",
    "incident_type": "出险原因",
    "incident_date": "出险日期",
    "hospital": "医院",
    "hospital_grade": "医院等级",
    "diagnosis": "诊断/伤情",
    "claim_amount": "金额",
}
FIELD_LABELS_EN = {
    "claim_policy": "Policy",
    "incident_type": "Cause",
    "incident_date": "Date",
    "hospital": "Hospital",
    "hospital_grade": "Hospital grade",
    "diagnosis": "Diagnosis/injury",
    "claim_amount": "Amount",
}
# What the report's own steps say, per language (the form questions are in actions/texts/ and texts_en/).
WORDS = {
    "zh": {
        "no_policies": "您名下暂时没有可以报案的保单。如果保单是在其他平台买的，请联系顾问帮您添加。",
        "which_policy": "这次要用哪一份保单报案？（也可以回复序号）",
        "fix": "修改{label}", "fine": "没问题，提交",
        "which_field": "请问哪一项需要修改？也可以直接告诉我正确的内容，例如“金额是9000”。",
        "summary": "请核对报案信息：", "line": "{label}：{value}", "hospital": "{name}（{kind}）", "about": "约{amount}",
        "confirm": "确认提交", "change": "需要修改", "stop": "不办了",
        "policy_gone": "这份保单现在查不到了，报案没有提交。请联系顾问核实。",
        "reported": "报案成功！您的案件号是 {case}，请记好，查询进度时报这个号码就可以。",
        "prepare": "接下来请准备以下材料（拍照清晰即可）：\n",
        "precheck": "每收到一份，我们先帮您预审；齐了再一次提交给保险公司，避免来回补材料。",
    },
    EN: {
        "no_policies": "There is no policy in your name to report a claim on yet. If the policy was bought on another "
                       "platform, please ask an advisor to add it.",
        "which_policy": "Which policy is this claim for? (You can also reply with its number.)",
        "fix": "Change {label}", "fine": "All fine, submit",
        "which_field": "Which item needs changing? You can also just tell me the right value, for example "
                       "\"the amount is 9000\".",
        "summary": "Please check the claim report:", "line": "{label}: {value}", "hospital": "{name} ({kind})",
        "about": "about {amount}", "confirm": "Confirm and submit", "change": "Change something", "stop": "Cancel",
        "policy_gone": "This policy can no longer be found, so the claim was not submitted. Please contact an advisor.",
        "reported": "Claim reported! Your case number is {case}: please note it, it is all you need to check progress.",
        "prepare": "Next, please prepare these materials (clear photos are enough):\n",
        "precheck": "We check each one as it arrives, then send them all to the insurer in one go, so you are not "
                    "asked for more again and again.",
    },
}


def reset_form() -> List[EventType]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS]


class ActionAskClaimPolicy(Action):
    """Offer the verified customer's and family's policies as buttons."""

    def name(self) -> Text:
        return "action_ask_claim_policy"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        words = pick(WORDS, lang)
        relation = claim_insured.named_relative(tracker)
        with db() as session:
            visible = policies.visible_policies(session, customer_id(tracker))
            if relation and visible:
                theirs = claim_insured.relatives_policies(session, customer_id(tracker), visible, relation)
                visible = theirs + [policy for policy in visible if policy not in theirs]  # theirs first
                if not theirs:
                    dispatcher.utter_message(text=claim_insured.words(lang)["none_of_theirs"].format(
                        who=claim_insured.who(relation, lang)))
            buttons = [
                {"title": f"{n}. {policy_title(session, p, lang=lang)}",
                 "payload": payload("inform", policy_number=p.policy_number)}
                for n, p in enumerate(visible, start=1)
            ]
        if not buttons:
            dispatcher.utter_message(text=words["no_policies"])
            return []
        dispatcher.utter_message(text=words["which_policy"], buttons=buttons)
        return []


class ActionAskClaimConfirmed(Action):
    """Show everything collected and ask to confirm, or which field to correct."""

    def name(self) -> Text:
        return "action_ask_claim_confirmed"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        words, field_labels = pick(WORDS, lang), pick({"zh": FIELD_LABELS, EN: FIELD_LABELS_EN}, lang)
        if tracker.get_slot("claim_correcting"):
            buttons = [{"title": words["fix"].format(label=label), "payload": payload("inform", form_field=slot)}
                       for slot, label in field_labels.items()]
            buttons.append({"title": words["fine"], "payload": "/affirm"})
            dispatcher.utter_message(text=words["which_field"], buttons=buttons)
            return []
        title = self._policy_title(tracker, lang)
        slot = tracker.get_slot
        kind = labels.hospital_label(slot("hospital_grade"), slot("hospital_ownership"), lang=lang)
        values = {
            "claim_policy": title,
            "incident_type": labels.label(labels.INCIDENT_TYPES, slot("incident_type"), lang),
            "incident_date": day(date.fromisoformat(slot("incident_date")), lang),
            "hospital": words["hospital"].format(name=slot("hospital"), kind=kind),
            "diagnosis": slot("diagnosis"),
            "claim_amount": words["about"].format(amount=yuan(to_money(slot("claim_amount")))),
        }
        summary = "\n".join([words["summary"]] + [words["line"].format(label=field_labels[name], value=value)
                                                  for name, value in values.items()])
        buttons = [
            {"title": words["confirm"], "payload": "/affirm"},
            {"title": words["change"], "payload": "/deny"},
            {"title": words["stop"], "payload": "/cancel"},
        ]
        dispatcher.utter_message(text=summary, buttons=buttons)
        return []

    @staticmethod
    def _policy_title(tracker: Tracker, lang: str) -> str:
        """The policy's title; its number while the database cannot be reached, so that the summary
        still comes after a failed submission (ActionSubmitClaim asks to confirm again)."""
        number = tracker.get_slot("claim_policy")
        try:
            with db() as session:
                policy = policies.get_visible_policy(session, customer_id(tracker), number)
                return policy_title(session, policy, lang=lang) if policy else number
        except Exception as error:  # noqa: BLE001 - only an unreachable database is tolerated
            if not database_unreachable(error):
                raise
            logger.warning("claim summary without the policy title: database unreachable (%s)", type(error).__name__)
            return number


FORM = "claim_report_form"
SUBMIT = "action_submit_claim"


def confirm_again(tracker: Tracker) -> List[EventType]:
    """After a failed submission: back to the confirmation question (the answers are all kept)."""
    if not tracker.get_slot("claim_policy"):
        return []
    return [SlotSet("claim_confirmed", None), ActiveLoop(FORM), SlotSet("requested_slot", "claim_confirmed")]


def submitted_since_user_message(tracker: Tracker) -> bool:
    """Whether action_submit_claim ran after the user's latest message (the form reopened by confirm_again)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") == SUBMIT:
            return True
    return False


def submission_key(tracker: Tracker, user_event: Optional[dict]) -> Optional[str]:
    """The key of a submission: the conversation and the time of the message that confirmed it
    (None without a time: Rasa stamps every event, hand-made trackers may not)."""
    stamp = user_event.get("timestamp") if user_event else None
    if stamp is None:
        return None
    return hashlib.sha256(f"{tracker.sender_id}:{stamp}".encode()).hexdigest()[:40]


def failed_submission_keys(tracker: Tracker) -> List[str]:
    """The keys of this conversation's submissions that failed and reopened the confirmation
    (confirm_again): their COMMIT may have happened after all.

    Rasa logs an action, then the events it returned: an `active_loop` of the form among
    action_submit_claim's own events is that reopening.
    """
    keys, in_submit, confirmed_by = [], False, None
    for event in tracker.events:
        kind = event.get("event")
        if kind == "user":
            confirmed_by = event
        elif kind == "action":
            in_submit = event.get("name") == SUBMIT
        elif in_submit and kind == "active_loop" and event.get("name") == FORM:
            keys.append(submission_key(tracker, confirmed_by))
    return [key for key in keys if key]


def told_stay(tracker: Tracker) -> Optional[bool]:
    """A hospital stay as the user told it: in the diagnosis, else in the request that waited for verification
    ("上个月住院了，想报销")."""
    stay = hospital_stay(tracker.get_slot("diagnosis"))
    if stay is None and tracker.get_slot("pending_task") == "report_claim":
        stay = hospital_stay(tracker.get_slot("pending_question"))
    return stay


class ActionSubmitClaim(Action):
    """Create the claim with a case number and list the materials to prepare.

    If that fails (e.g. the database is unreachable), the apology is followed by the summary to
    confirm again; a claim whose COMMIT did happen after all is found by its submission key,
    not made twice.
    """

    def name(self) -> Text:
        return SUBMIT

    @friendly_failure(failure_events=confirm_again)
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        cid = customer_id(tracker)
        lang = language_of(tracker)
        words = pick(WORDS, lang)
        latest_user_event = next((e for e in reversed(tracker.events) if e.get("event") == "user"), None)
        with db() as session:
            policy = policies.get_visible_policy(session, cid, tracker.get_slot("claim_policy"))
            if policy is None:  # the form validated it; only a data change can get here
                dispatcher.utter_message(text=words["policy_gone"])
                return reset_form()
            grade = tracker.get_slot("hospital_grade")
            facts = dict(
                policy=policy,
                insured_id=policy.insured_id,
                reporter_id=cid,
                incident_type=tracker.get_slot("incident_type"),
                incident_date=date.fromisoformat(tracker.get_slot("incident_date")),
                hospital_name=tracker.get_slot("hospital"),
                hospital_grade=None if grade == "unknown" else grade,
                hospital_ownership=tracker.get_slot("hospital_ownership"),
                diagnosis=tracker.get_slot("diagnosis"),
                amount_claimed=to_money(tracker.get_slot("claim_amount")),
                inpatient=told_stay(tracker),  # the checklist's stay items
            )
            # Confirmed again after a failed submission whose COMMIT did happen: that claim, not a second.
            claim = (claims.by_submission_keys(session, failed_submission_keys(tracker))
                     or claims.create_claim(session, **facts, submission_key=submission_key(tracker, latest_user_event)))
            case_number = claim.case_number
            session.flush()
            session.refresh(claim)  # load the policy and insured the checklist facts need
            checklist = materials.checklist_for(intake.facts_of(claim))
        dispatcher.utter_message(text=words["reported"].format(case=case_number))
        dispatcher.utter_message(text=words["prepare"] + materials.format_checklist(checklist, lang=lang))
        separator = " " if lang == EN else ""
        dispatcher.utter_message(text=words["precheck"] + separator + texts.pick(lang).HOW_TO_SEND)
        # The request told before verification is used up: a later report reads only its own words.
        return reset_form() + [SlotSet("current_claim", case_number), SlotSet("pending_question", None)]


class ActionCancelClaimReport(Action):
    """The user stopped the report: nothing is saved, the answers are cleared."""

    def name(self) -> Text:
        return "action_cancel_claim_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=texts.pick(language_of(tracker)).CLAIM_REPORT_CANCELLED)
        return reset_form() + [SlotSet("pending_task", None), ActiveLoop(None), SlotSet("requested_slot", None)]
