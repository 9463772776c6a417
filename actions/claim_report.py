"""Claim report: the policy question, the summary to confirm, submission and cancellation."""
from __future__ import annotations

from datetime import date
from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.common import customer_id, db, friendly_failure, payload
from actions.policy_terms import policy_title
from bot.claims import labels, materials
from bot.claims.money import to_money, yuan
from bot.documents import intake
from bot.store import claims, policies

FORM_SLOTS = [
    "claim_policy", "incident_type", "incident_date", "hospital", "hospital_grade",
    "hospital_ownership", "diagnosis", "claim_amount", "claim_confirmed", "claim_correcting", "pending_facts",
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


def reset_form() -> List[EventType]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS]


class ActionAskClaimPolicy(Action):
    """Offer the verified customer's and family's policies as buttons."""

    def name(self) -> Text:
        return "action_ask_claim_policy"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        with db() as session:
            visible = policies.visible_policies(session, customer_id(tracker))
            buttons = [
                {"title": f"{n}. {policy_title(session, p)}", "payload": payload("inform", policy_number=p.policy_number)}
                for n, p in enumerate(visible, start=1)
            ]
        if not buttons:
            dispatcher.utter_message(text="您名下暂时没有可以报案的保单。如果保单是在其他平台买的，请联系顾问帮您添加。")
            return []
        dispatcher.utter_message(text="这次要用哪一份保单报案？（也可以回复序号）", buttons=buttons)
        return []


class ActionAskClaimConfirmed(Action):
    """Show everything collected and ask to confirm, or which field to correct."""

    def name(self) -> Text:
        return "action_ask_claim_confirmed"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if tracker.get_slot("claim_correcting"):
            buttons = [{"title": f"修改{label}", "payload": payload("inform", form_field=slot)} for slot, label in FIELD_LABELS.items()]
            buttons.append({"title": "没问题，提交", "payload": "/affirm"})
            dispatcher.utter_message(text="请问哪一项需要修改？也可以直接告诉我正确的内容，例如“金额是9000”。", buttons=buttons)
            return []
        with db() as session:
            policy = policies.get_visible_policy(session, customer_id(tracker), tracker.get_slot("claim_policy"))
            title = policy_title(session, policy) if policy else tracker.get_slot("claim_policy")
        incident = date.fromisoformat(tracker.get_slot("incident_date"))
        summary = "\n".join(
            [
                "请核对报案信息：",
                f"保单：{title}",
                f"出险原因：{labels.INCIDENT_TYPES.get(tracker.get_slot('incident_type'), '')}",
                f"出险日期：{incident:%Y年%m月%d日}",
                f"医院：{tracker.get_slot('hospital')}（{labels.hospital_label(tracker.get_slot('hospital_grade'), tracker.get_slot('hospital_ownership'))}）",
                f"诊断/伤情：{tracker.get_slot('diagnosis')}",
                f"金额：约{yuan(to_money(tracker.get_slot('claim_amount')))}",
            ]
        )
        buttons = [
            {"title": "确认提交", "payload": "/affirm"},
            {"title": "需要修改", "payload": "/deny"},
            {"title": "不办了", "payload": "/cancel"},
        ]
        dispatcher.utter_message(text=summary, buttons=buttons)
        return []


class ActionSubmitClaim(Action):
    """Create the claim with a case number and list the materials to prepare."""

    def name(self) -> Text:
        return "action_submit_claim"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        cid = customer_id(tracker)
        with db() as session:
            policy = policies.get_visible_policy(session, cid, tracker.get_slot("claim_policy"))
            if policy is None:  # the form validated it; only a data change can get here
                dispatcher.utter_message(text="这份保单现在查不到了，报案没有提交。请联系顾问核实。")
                return reset_form()
            incident_type = tracker.get_slot("incident_type")
            grade = tracker.get_slot("hospital_grade")
            claim = claims.create_claim(
                session,
                policy=policy,
                insured_id=policy.insured_id,
                reporter_id=cid,
                incident_type=incident_type,
                incident_date=date.fromisoformat(tracker.get_slot("incident_date")),
                hospital_name=tracker.get_slot("hospital"),
                hospital_grade=None if grade == "unknown" else grade,
                hospital_ownership=tracker.get_slot("hospital_ownership"),
                diagnosis=tracker.get_slot("diagnosis"),
                amount_claimed=to_money(tracker.get_slot("claim_amount")),
            )
            case_number = claim.case_number
            session.flush()
            session.refresh(claim)  # load the policy and insured the checklist facts need
            checklist = materials.checklist_for(intake.facts_of(claim))
        dispatcher.utter_message(
            text=f"报案成功！您的案件号是 {case_number}，请记好，查询进度时报这个号码就可以。"
        )
        dispatcher.utter_message(text="接下来请准备以下材料（拍照清晰即可）：\n" + materials.format_checklist(checklist))
        dispatcher.utter_message(text="每收到一份，我们先帮您预审；齐了再一次提交给保险公司，避免来回补材料。" + texts.HOW_TO_SEND)
        return reset_form() + [SlotSet("current_claim", case_number)]


class ActionCancelClaimReport(Action):
    """The user stopped the report: nothing is saved, the answers are cleared."""

    def name(self) -> Text:
        return "action_cancel_claim_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=texts.CLAIM_REPORT_CANCELLED)
        return reset_form() + [SlotSet("pending_task", None), ActiveLoop(None), SlotSet("requested_slot", None)]
