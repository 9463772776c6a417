"""Greeting menu and fallback wording."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUttered, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.common import friendly_failure, latest_intent
from actions.handoff import hand_off

TWO_STAGE_FALLBACK = "action_two_stage_fallback"

# Plain-language names of what each intent asks for (used in "did you mean ...?").
INTENT_DESCRIPTIONS = {
    "greet": "打招呼",
    "goodbye": "结束对话",
    "affirm": "确认",
    "deny": "否定",
    "thank": "感谢",
    "help": "了解我能做什么",
    "bot_challenge": "确认是不是机器人",
    "inform": "提供信息",
    "cancel": "取消正在办理的事",
    "report_claim": "报案理赔",
    "ask_claim_status": "查询理赔进度",
    "ask_required_documents": "了解需要准备的材料",
    "upload_document": "上传理赔材料",
    "ask_coverage": "咨询保单保障范围",
    "explain_decision": "解释理赔结果",
    "dispute_decision": "对理赔结果提出异议",
    "request_human": "转人工顾问",
    "request_callback": "预约顾问回电",
    "elderly_assistance": "长辈简易服务",
    "service_center": "线下服务中心",
    "add_family_policy": "添加家人保单",
    "submit_claim": "提交理赔材料",
    "glossary": "了解保险名词的意思",
    "complain": "投诉",
    "elderly_mode_off": "关闭长辈模式",
    "manage_callback": "查询或修改回电预约",
    "book_appointment": "预约去服务中心",
    "manage_appointment": "查看或修改到店预约",
    "request_paper_policy": "申请纸质保单",
    "paper_policy_status": "查询纸质保单寄送进度",
}

class ActionGreetMenu(Action):
    def name(self) -> Text:
        return "action_greet_menu"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        name = tracker.get_slot("customer_name") if tracker.get_slot("verified") else None
        dispatcher.utter_message(text=f"{name}，您好！" if name else "您好，我是理赔小助手，免费帮您办理健康险理赔。")
        dispatcher.utter_message(text=texts.MENU, buttons=texts.MENU_BUTTONS)
        return []


class ActionDefaultAskAffirmation(Action):
    """First stage of the two-stage fallback, in words a user understands."""

    def name(self) -> Text:
        return "action_default_ask_affirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        ranking = [
            r for r in tracker.latest_message.get("intent_ranking") or []
            if r.get("name") in INTENT_DESCRIPTIONS and r.get("name") not in ("inform", "affirm", "deny")
        ]
        if not ranking:
            dispatcher.utter_message(text=texts.ASK_REPHRASE)
            return []
        guess = ranking[0]["name"]
        dispatcher.utter_message(
            text=f"请问您是想“{INTENT_DESCRIPTIONS[guess]}”吗？",
            buttons=[
                {"title": "是的", "payload": f"/{guess}"},
                {"title": "不是", "payload": "/out_of_scope"},
            ],
        )
        return []


class ActionDefaultAskRephrase(Action):
    """Second stage of the two-stage fallback."""

    def name(self) -> Text:
        return "action_default_ask_rephrase"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=texts.ASK_REPHRASE)
        return []


class ActionDefaultFallback(Action):
    """Two fallbacks in a row (end of the two-stage fallback): an advisor takes over.

    Also Rasa's core fallback (no rule fits the dialogue): there one miss is
    not yet a pattern, so offer a person and forget the message.
    """

    def name(self) -> Text:
        return "action_default_fallback"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if tracker.active_loop.get("name") == TWO_STAGE_FALLBACK:
            return hand_off(dispatcher, tracker, "fallback")
        dispatcher.utter_message(text=texts.DEFAULT_FALLBACK, buttons=[texts.HUMAN_BUTTON, texts.HELP_BUTTON])
        return [UserUtteranceReverted()]


# Facts that only make sense as part of a claim: a message with them is a claim report.
CLAIM_FACTS = ("date", "hospital", "amount", "incident_type", "hospital_grade", "hospital_ownership")


class ActionRouteStrayAnswer(Action):
    """An answer outside any form: a claim narrative starts the report, anything else gets the menu.

    "我上周五手割伤了，120送到了华康医院" reads like a form answer to the classifier,
    but the user means "please file this claim". We replay the message as
    report_claim, so the usual rules (verification first) take it from there.
    """

    def name(self) -> Text:
        return "action_route_stray_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        found = {e.get("entity") for e in tracker.latest_message.get("entities") or []}
        if not found.intersection(CLAIM_FACTS):
            dispatcher.utter_message(text=texts.MENU, buttons=texts.MENU_BUTTONS)
            return []
        parse_data = dict(tracker.latest_message)
        parse_data["intent"] = {"name": "report_claim", "confidence": 1.0}
        return [UserUtteranceReverted(), UserUttered(tracker.latest_message.get("text"), parse_data)]
