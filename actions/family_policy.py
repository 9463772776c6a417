"""Adding a policy bought on another platform, for the user or a family member (`family_policy_form`).

One question at a time; each answer is checked by bot.claims.family_policy
with a friendly error; the last three terms can be skipped. A summary to
confirm or correct comes before anything is stored.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.common import (
    customer_id, db, entity_value, friendly_failure, is_answer, latest_intent, latest_text,
)
from actions.handoff import after_failures
from bot.claims import family_policy as fp
from bot.claims import labels
from bot.claims.wording import day, pick, stored
from bot.i18n import EN, language_of
from bot.store import external_policies

# slot -> (fact name for the store, label in the summary, validator taking (answer, tracker, lang))
FIELDS: Dict[str, tuple] = {
    "fp_insurer": ("insurer", "保险公司", lambda v, t, lang: fp.validate_insurer(v, lang=lang)),
    "fp_product": ("product_name", "产品名称", lambda v, t, lang: fp.validate_product_name(v, lang=lang)),
    "fp_policy_number": ("policy_number", "保单号", lambda v, t, lang: fp.validate_policy_number(v, lang=lang)),
    "fp_insured_name": ("insured_name", "被保险人", lambda v, t, lang: fp.validate_insured_name(v, lang=lang)),
    "fp_relationship": ("relationship", "与您的关系", lambda v, t, lang: fp.validate_relationship(v, lang=lang)),
    "fp_policy_type": ("policy_type", "保险类型", lambda v, t, lang: fp.validate_policy_type(v, lang=lang)),
    "fp_start_date": ("start_date", "生效日期", lambda v, t, lang: fp.validate_start_date(v, lang=lang)),
    "fp_end_date": ("end_date", "到期日期",
                    lambda v, t, lang: fp.validate_end_date(v, t.get_slot("fp_start_date"), lang=lang)),
    "fp_deductible": ("annual_deductible", "年免赔额", lambda v, t, lang: fp.validate_deductible(v, lang=lang)),
    "fp_ratio": ("ratio_with_social", "社保结算后赔付比例", lambda v, t, lang: fp.validate_ratio(v, lang=lang)),
    "fp_hospital_requirement": ("hospital_requirement", "医院要求",
                                lambda v, t, lang: fp.validate_hospital_requirement(v, lang=lang)),
}
LABELS_EN = {
    "fp_insurer": "Insurer", "fp_product": "Product", "fp_policy_number": "Policy number",
    "fp_insured_name": "Insured person", "fp_relationship": "Relationship to you", "fp_policy_type": "Type",
    "fp_start_date": "Start date", "fp_end_date": "End date", "fp_deductible": "Annual deductible",
    "fp_ratio": "Share paid after social insurance", "fp_hospital_requirement": "Hospital rules",
}
DATE_SLOTS = ("fp_start_date", "fp_end_date")
FORM_SLOTS = list(FIELDS) + ["fp_confirmed", "fp_insured_gender"]
HOSPITAL_REQUIREMENTS = {"public_grade2_plus": "二级及以上公立医院", "any": "不限医院"}
HOSPITAL_REQUIREMENTS_EN = {"public_grade2_plus": "public hospitals of grade 2 or above", "any": "any hospital"}
# The form's own sentences, per language (the questions are in actions/texts/ and texts_en/).
WORDS = {
    "zh": {"skipped": "不清楚（已跳过）", "lifetime": "终身", "fix": "修改{label}", "which_field": "请问哪一项需要修改？",
           "confirm_unclear": "请点“确认添加”，或点“需要修改”改正某一项。", "summary": "请核对要添加的保单：",
           "line": "{label}：{value}", "confirm": "确认添加", "change": "需要修改", "stop": "不添加了",
           "duplicate": "保单号 {number} 已经登记过了{where}，不用重复添加。", "where": "（{title}）",
           "failed": "这份保单没能添加：{problem}。需要的话，顾问可以帮您登记。",
           "cancelled": "好的，这份保单没有添加，您填写的内容也没有保存。"},
    EN: {"skipped": "not known (skipped)", "lifetime": "lifetime", "fix": "Change {label}",
         "which_field": "Which item needs changing?",
         "confirm_unclear": "Please tap \"Confirm and add\", or \"Change something\" to correct an item.",
         "summary": "Please check the policy to add:", "line": "{label}: {value}", "confirm": "Confirm and add",
         "change": "Change something", "stop": "Don't add it",
         "duplicate": "Policy number {number} is already registered{where}: no need to add it again.", "where": " ({title})",
         "failed": "This policy could not be added{problem}. If you like, an advisor can register it for you.",
         "cancelled": "All right, the policy was not added and nothing you entered was kept."},
}


def field_labels(lang: Optional[str] = None) -> Dict[str, str]:
    return LABELS_EN if lang == EN else {slot: label for slot, (_, label, _) in FIELDS.items()}


def _answer(tracker: Tracker, slot: str) -> Any:
    """The button's choice, a date the extractor read, or the words typed."""
    chosen = entity_value(tracker, "choice")
    if chosen is not None:
        return chosen
    if slot in DATE_SLOTS and entity_value(tracker, "date"):
        return entity_value(tracker, "date")
    return latest_text(tracker)


def shown(slot: str, value: Any, lang: Optional[str] = None) -> str:
    words = pick(WORDS, lang)
    if value in (None, "") or value == fp.SKIP:
        return words["skipped"]
    if slot == "fp_end_date" and str(value) == fp.LIFETIME_END.isoformat():
        return words["lifetime"]
    if slot in DATE_SLOTS:
        return day(date.fromisoformat(str(value)), lang)
    if slot == "fp_ratio":
        return f"{float(value) * 100:.0f}%"
    if slot == "fp_deductible":
        return f"¥{float(value):,.2f}"
    tables = {"fp_relationship": labels.table(labels.RELATIONSHIPS, lang),
              "fp_policy_type": labels.table(labels.POLICY_TYPES, lang),
              "fp_hospital_requirement": HOSPITAL_REQUIREMENTS_EN if lang == EN else HOSPITAL_REQUIREMENTS}
    return tables.get(slot, {}).get(value, str(value))


class ValidateFamilyPolicyForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_family_policy_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        slot = tracker.get_slot("requested_slot")
        if slot == "fp_confirmed":
            return self._confirmation(dispatcher, tracker)
        if slot not in FIELDS or not is_answer(tracker):
            return []  # activation, or a question of its own: nothing to fill
        events = self._answer_events(dispatcher, tracker, slot)
        return after_failures(dispatcher, tracker, events)

    @staticmethod
    def _answer_events(dispatcher: CollectingDispatcher, tracker: Tracker, slot: str) -> List[EventType]:
        check = FIELDS[slot][2](_answer(tracker, slot), tracker, language_of(tracker))
        if not check.ok:
            dispatcher.utter_message(text=check.error)
            return [SlotSet(slot, None)]
        if check.note:
            dispatcher.utter_message(text=check.note)
        events = [SlotSet(slot, check.slot_value())]
        if slot == "fp_relationship":
            events.append(SlotSet("fp_insured_gender", fp.relative_gender(latest_text(tracker))))
        return events

    @staticmethod
    def _confirmation(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        field = entity_value(tracker, "form_field")
        if field in FIELDS:
            return [SlotSet(field, None), SlotSet("fp_confirmed", None)]
        intent = latest_intent(tracker)
        lang = language_of(tracker)
        words = pick(WORDS, lang)
        if intent in ("affirm", "submit_claim"):
            return [SlotSet("fp_confirmed", True)]
        if intent == "deny":
            buttons = [{"title": words["fix"].format(label=label), "payload": f'/inform{{"form_field":"{slot}"}}'}
                       for slot, label in field_labels(lang).items()]
            dispatcher.utter_message(text=words["which_field"], buttons=buttons)
            return [SlotSet("fp_confirmed", None)]
        if is_answer(tracker):
            dispatcher.utter_message(text=words["confirm_unclear"])
            return [SlotSet("fp_confirmed", None)]
        return []


class ActionAskFpConfirmed(Action):
    """The summary of the family policy, to confirm or correct."""

    def name(self) -> Text:
        return "action_ask_fp_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        words = pick(WORDS, lang)
        lines = [words["summary"]] + [words["line"].format(label=label, value=shown(slot, tracker.get_slot(slot), lang))
                                      for slot, label in field_labels(lang).items()]
        buttons = [
            {"title": words["confirm"], "payload": "/affirm"},
            {"title": words["change"], "payload": "/deny"},
            {"title": words["stop"], "payload": "/cancel"},
        ]
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
        return []


def reset_form() -> List[EventType]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS]


class ActionSaveFamilyPolicy(Action):
    def name(self) -> Text:
        return "action_save_family_policy"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        facts = {fact: tracker.get_slot(slot) for slot, (fact, _, _) in FIELDS.items()}
        facts["insured_gender"] = tracker.get_slot("fp_insured_gender")
        lang = language_of(tracker)
        words, tx = pick(WORDS, lang), texts.pick(lang)
        try:
            with db() as session:
                policy = external_policies.add_external_policy(session, customer_id(tracker), facts)
                number = policy.policy_number
        except external_policies.DuplicatePolicy as duplicate:
            where = words["where"].format(title=duplicate.title) if duplicate.title else ""
            dispatcher.utter_message(text=words["duplicate"].format(number=duplicate.policy_number, where=where))
            return reset_form()
        except ValueError as problem:
            reason = str(problem)
            if lang == EN:  # the store words its reasons in Chinese
                reason = f" ({stored(reason, lang)})" if stored(reason, lang) else ""
            dispatcher.utter_message(text=words["failed"].format(problem=reason), buttons=[tx.HUMAN_BUTTON])
            return reset_form()
        dispatcher.utter_message(text=tx.FAMILY_POLICY_ADDED.format(number=number))
        return reset_form()


class ActionCancelFamilyPolicy(Action):
    def name(self) -> Text:
        return "action_cancel_family_policy"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=pick(WORDS, language_of(tracker))["cancelled"])
        return reset_form() + [ActiveLoop(None), SlotSet("requested_slot", None)]

