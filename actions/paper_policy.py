"""Paper policies by post: choose the policy, the delivery address one question at a time, confirm, request.

The checks of each field, one open request per policy and the status texts
(in the user's language) are the back end's (bot.store.mailings). Here: the conversation, and reading
a whole address typed in one answer ("北京市朝阳区建国路88号") into its parts.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.common import customer_id, db, entity_value, friendly_failure, is_answer, latest_intent, latest_text, payload
from actions.handoff import after_failures
from actions.policy_terms import match_policy
from actions.review import done_with_pending
from bot.i18n import EN, language_of
from bot.store import customers, mailings, policies
from bot.store.identity import mask_mobile
from bot.store.models import OPEN_MAILING_STATUSES, MailingRequest

SELF = "self"  # pp_recipient / pp_mobile: the verified customer's own name or mobile
REPEAT = "repeat"  # pp_confirmed: the policy already has an open request, nothing to ask
ADDRESS_SLOTS = ("pp_province", "pp_city", "pp_district", "pp_street")
FORM_SLOTS = ("pp_policy", "pp_recipient", "pp_mobile") + ADDRESS_SLOTS + ("pp_confirmed",)
MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
# Typed instead of pressing "寄给我本人" / "用 138****8000".
SELF_RECIPIENT = re.compile(r"^(寄给|给|就|收件人是?)?(我|我本人|本人|我自己|自己)(吧|的)?$|寄给我|我本人|我自己|"
                            r"^(send it )?(to )?(me|myself)[.!]?$|send it to me|\bmyself\b", re.I)
SELF_MOBILE = re.compile(r"我的|本人|我自己|自己的|这个|验证过|留的|原来的|就用|用我|\bmy\b|\bmine\b|this one|"
                         r"same (one|number)|verified", re.I)
CONFIRM_WORDS = re.compile(r"确认|没问题|对的|正确|可以|好的|寄吧|是的|confirm|correct|that'?s right|looks good|"
                           r"send it|\byes\b", re.I)
CHANGE_ADDRESS = re.compile(r"改|不对|错了|有误|重新|换(个|一个)?地址|change|wrong|not right|incorrect|"
                            r"another address", re.I)
# "纸质保单不用寄了", "取消纸质保单": a request in progress is cancelled (paper_policy_status).
CANCEL_WORDS = re.compile(r"取消|不要了|不用寄|别寄|不需要了|不用了|cancel|don'?t (post|send|need)|no longer need", re.I)
PROVINCE_RE = re.compile(
    r"^(?P<province>(?:北京|天津|上海|重庆)市?|[\u4e00-\u9fff]{2,3}省|内蒙古(?:自治区)?|广西(?:壮族自治区)?|"
    r"西藏(?:自治区)?|宁夏(?:回族自治区)?|新疆(?:维吾尔自治区)?|香港(?:特别行政区)?|澳门(?:特别行政区)?)"
)
CITY_RE = re.compile(r"^(?P<city>[\u4e00-\u9fff]{2,10}?(?:市|自治州|地区|盟))")
DISTRICT_RE = re.compile(r"^(?P<district>[\u4e00-\u9fff]{1,10}?(?:区|县|市|旗))")


def split_address(text: str) -> Optional[Dict[str, str]]:
    """"北京市朝阳区建国路88号" -> province 北京市, city 北京市, district 朝阳区, street 建国路88号; None if unsure."""
    rest = re.sub(r"\s+", "", text or "")
    match = PROVINCE_RE.match(rest)
    if not match:
        return None
    province = match.group("province")
    rest = rest[match.end():]
    if province.startswith(MUNICIPALITIES):
        province = province if province.endswith("市") else province + "市"
        city = province
        if rest.startswith(province):  # "北京市北京市朝阳区"
            rest = rest[len(province):]
    else:
        city_match = CITY_RE.match(rest)
        if not city_match:
            return None
        city, rest = city_match.group("city"), rest[city_match.end():]
    district_match = DISTRICT_RE.match(rest)
    if not district_match:
        return None
    district, street = district_match.group("district"), rest[district_match.end():]
    if len(street) < 5:
        return None
    return {"pp_province": province, "pp_city": city, "pp_district": district, "pp_street": street}


# --- the back end's field checks (Chinese), in English for English conversations -------------------

def _en(key: str, **fields: Any) -> str:
    return texts.pick(EN).BACK_END[key].format(**fields)


def printable_policies(session, cid: int) -> List:
    return [p for p in policies.visible_policies(session, cid) if p.source == "ours"]


class ValidatePaperPolicyForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_paper_policy_form"

    async def get_validation_events(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = await super().get_validation_events(dispatcher, tracker, domain)
        return after_failures(dispatcher, tracker, events)

    def _asked(self, tracker: Tracker, slot: str) -> bool:
        return tracker.get_slot("requested_slot") == slot and is_answer(tracker)

    # --- policy ---
    async def extract_pp_policy(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        chosen = entity_value(tracker, "policy_number")
        if chosen:
            return {"pp_policy": chosen}
        cid = customer_id(tracker)
        if cid is None or tracker.get_slot("pp_policy"):
            return {}
        with db() as session:
            options = printable_policies(session, cid)
            if len(options) == 1:
                return {"pp_policy": options[0].policy_number}
            if not self._asked(tracker, "pp_policy"):
                return {}
            titles = [mailings.title(p, language_of(tracker)) for p in options]
            return {"pp_policy": match_policy(latest_text(tracker), options, titles) or "?"}

    def validate_pp_policy(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value is None:
            return {"pp_policy": None}
        cid = customer_id(tracker)
        lang = language_of(tracker)
        tx = texts.pick(lang)
        with db() as session:
            policy = policies.get_visible_policy(session, cid, str(value)) if cid is not None else None
            if policy is None or policy.source != "ours":
                dispatcher.utter_message(text=tx.PP_POLICY_UNCLEAR)
                return {"pp_policy": None}
            existing = mailings.open_request(session, policy.id)
            if existing is not None:  # a repeat: say where the first one is, ask nothing more
                dispatcher.utter_message(text=tx.PP_ALREADY + tx.GAP + mailings.status_text(existing, lang=lang))
                return {"pp_policy": policy.policy_number, **{s: "-" for s in FORM_SLOTS[1:-1]}, "pp_confirmed": REPEAT}
        return {"pp_policy": policy.policy_number}

    # --- recipient, mobile ---
    async def extract_pp_recipient(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if not self._asked(tracker, "pp_recipient"):
            return {}
        text = latest_text(tracker)
        if entity_value(tracker, "choice") == SELF or SELF_RECIPIENT.search(text) or (
                entity_value(tracker, "relationship") == SELF and len(text) <= 8):
            return {"pp_recipient": SELF}
        return {"pp_recipient": text[:40]}

    def validate_pp_recipient(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return self._field("pp_recipient", "recipient", value, dispatcher, tracker)

    async def extract_pp_mobile(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if not self._asked(tracker, "pp_mobile"):
            return {}
        if entity_value(tracker, "choice") == SELF or (
                entity_value(tracker, "mobile") is None and SELF_MOBILE.search(latest_text(tracker))):
            return {"pp_mobile": SELF}
        return {"pp_mobile": str(entity_value(tracker, "mobile") or latest_text(tracker))[:40]}

    def validate_pp_mobile(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return self._field("pp_mobile", "mobile", value, dispatcher, tracker)

    def _field(self, slot: str, field: str, value: Any, dispatcher: CollectingDispatcher,
               tracker: Tracker) -> Dict[Text, Any]:
        if value is None:  # cleared on purpose ("地址要改"): nothing to say, the form asks again
            return {slot: None}
        if value in (SELF, "-"):
            return {slot: value}
        try:
            return {slot: mailings.check_field(field, str(value or ""))}
        except mailings.MailingError as problem:
            english = language_of(tracker) == EN
            dispatcher.utter_message(text=_en(f"pp_field_{field}") if english else str(problem))
            return {slot: None}

    # --- address: the whole of it in one answer, or part by part ---
    async def extract_pp_province(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if not self._asked(tracker, "pp_province"):
            return {}
        text = latest_text(tracker)
        whole = split_address(text)
        if whole:
            return whole
        bare = re.sub(r"[\s。，,]|市$", "", text)
        if bare in MUNICIPALITIES:  # "北京市" alone: the city is the same, ask the district next
            return {"pp_province": bare + "市", "pp_city": bare + "市"}
        return {"pp_province": text[:40]}

    def validate_pp_province(self, value, dispatcher, tracker, domain):
        return self._field("pp_province", "province", value, dispatcher, tracker)

    async def extract_pp_city(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return {"pp_city": latest_text(tracker)[:40]} if self._asked(tracker, "pp_city") else {}

    def validate_pp_city(self, value, dispatcher, tracker, domain):
        return self._field("pp_city", "city", value, dispatcher, tracker)

    async def extract_pp_district(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return {"pp_district": latest_text(tracker)[:40]} if self._asked(tracker, "pp_district") else {}

    def validate_pp_district(self, value, dispatcher, tracker, domain):
        return self._field("pp_district", "district", value, dispatcher, tracker)

    async def extract_pp_street(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return {"pp_street": latest_text(tracker)[:130]} if self._asked(tracker, "pp_street") else {}

    def validate_pp_street(self, value, dispatcher, tracker, domain):
        return self._field("pp_street", "street", value, dispatcher, tracker)

    # --- confirmation ---
    async def extract_pp_confirmed(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "pp_confirmed":
            return {}
        intent = latest_intent(tracker)
        text = latest_text(tracker)
        change = intent == "deny" or (intent not in ("affirm", "cancel") and CHANGE_ADDRESS.search(text))
        if intent == "affirm" and not change or (is_answer(tracker) and not change and CONFIRM_WORDS.search(text)):
            return {"pp_confirmed": "yes"}
        if change:  # the address is asked again
            return {"pp_confirmed": None, **{slot: None for slot in ADDRESS_SLOTS}}
        if is_answer(tracker):
            dispatcher.utter_message(text=texts.pick(language_of(tracker)).PP_CONFIRM_UNCLEAR)
            return {"pp_confirmed": None}
        return {}

    def validate_pp_confirmed(self, value, dispatcher, tracker, domain):
        return {"pp_confirmed": value if value in ("yes", REPEAT) else None}


def _resolved(tracker: Tracker, session) -> Dict[str, str]:
    """The address with "myself" replaced by the verified customer's name and mobile."""
    customer = customers.get_customer(session, customer_id(tracker))
    recipient, mobile = tracker.get_slot("pp_recipient"), tracker.get_slot("pp_mobile")
    return {
        "recipient": customer.name if recipient == SELF else recipient,
        "mobile": customer.mobile if mobile == SELF else mobile,
        **{slot[3:]: tracker.get_slot(slot) for slot in ADDRESS_SLOTS},
    }


class ActionAskPpPolicy(Action):
    def name(self) -> Text:
        return "action_ask_pp_policy"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        tx = texts.pick(lang)
        with db() as session:
            options = printable_policies(session, customer_id(tracker))
            buttons = [{"title": mailings.title(p, lang),
                        "payload": payload("inform", policy_number=p.policy_number)} for p in options]
        if not buttons:
            dispatcher.utter_message(text=tx.PP_NO_POLICIES)
            return []
        dispatcher.utter_message(text=tx.PP_ASK_POLICY, buttons=buttons)
        return []


class ActionAskPpRecipient(Action):
    def name(self) -> Text:
        return "action_ask_pp_recipient"

    async def run(self, dispatcher, tracker, domain):
        tx = texts.pick(language_of(tracker))
        name = tracker.get_slot("customer_name")
        buttons = [{**tx.PP_RECIPIENT_SELF, "title": tx.PP_RECIPIENT_SELF_TITLE.format(name=name)}] if name else []
        dispatcher.utter_message(text=tx.PP_ASK_RECIPIENT, buttons=buttons)
        return []


class ActionAskPpMobile(Action):
    def name(self) -> Text:
        return "action_ask_pp_mobile"

    @friendly_failure
    async def run(self, dispatcher, tracker, domain):
        with db() as session:
            customer = customers.get_customer(session, customer_id(tracker))
            mobile = mask_mobile(customer.mobile) if customer else ""
        tx = texts.pick(language_of(tracker))
        buttons = [{**tx.PP_MOBILE_SELF, "title": tx.PP_MOBILE_SELF_TITLE.format(mobile=mobile)}] if mobile else []
        dispatcher.utter_message(text=tx.PP_ASK_MOBILE, buttons=buttons)
        return []


class ActionAskPpConfirmed(Action):
    def name(self) -> Text:
        return "action_ask_pp_confirmed"

    @friendly_failure
    async def run(self, dispatcher, tracker, domain):
        lang = language_of(tracker)
        tx = texts.pick(lang)
        with db() as session:
            policy = policies.get_visible_policy(session, customer_id(tracker), tracker.get_slot("pp_policy"))
            text = tx.PP_CONFIRM.format(policy=mailings.title(policy, lang),
                                        address=mailings.address_text(_resolved(tracker, session), lang=lang))
        dispatcher.utter_message(text=text, buttons=tx.PP_CONFIRM_BUTTONS)
        return []


def _forget() -> List[EventType]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS]


class ActionSubmitPaperPolicy(Action):
    def name(self) -> Text:
        return "action_submit_paper_policy"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = done_with_pending(tracker, "request_paper_policy") + _forget()
        if tracker.get_slot("pp_confirmed") != "yes":
            return events  # a repeat request: where the first one is was said already
        cid = customer_id(tracker)
        lang = language_of(tracker)
        try:
            with db() as session:
                policy = policies.get_visible_policy(session, cid, tracker.get_slot("pp_policy"))
                message = mailings.request_paper_copy(session, cid, policy, sender_id=tracker.sender_id, lang=lang,
                                                      **_resolved(tracker, session)).message
        except mailings.MailingError as problem:
            message = str(problem) if lang != EN else _en("pp_failed")
        dispatcher.utter_message(text=message)
        return events


class ActionCancelPaperPolicy(Action):
    def name(self) -> Text:
        return "action_cancel_paper_policy"

    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=texts.pick(language_of(tracker)).PP_CANCELLED)
        return _forget()


class ActionPaperPolicyStatus(Action):
    """"我的纸质保单寄出了吗": each request's status in plain words, with the tracking number once posted;
    "纸质保单不用寄了": cancels it until it is posted."""

    def name(self) -> Text:
        return "action_paper_policy_status"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = done_with_pending(tracker, "paper_policy_status")
        lang = language_of(tracker)
        tx = texts.pick(lang)
        wants_cancel = entity_value(tracker, "choice") == "cancel" or bool(CANCEL_WORDS.search(latest_text(tracker)))
        with db() as session:
            found = mailings.requests_of(session, customer_id(tracker))
            latest = {}
            for request in found:  # newest first: one line per policy
                latest.setdefault(request.policy_id, request)
            if wants_cancel and latest:
                _cancel(dispatcher, session, list(latest.values()), entity_value(tracker, "policy_number"), lang)
                return events
            lines = [mailings.status_text(r, lang=lang) for r in latest.values()]
        if not lines:
            dispatcher.utter_message(text=tx.PP_NO_REQUESTS, buttons=[tx.PP_REQUEST_BUTTON])
            return events
        dispatcher.utter_message(text="\n".join(lines))
        return events


def _cancel(dispatcher: CollectingDispatcher, session, latest: List[MailingRequest], policy_number: Optional[str],
            lang: str) -> None:
    """Cancel the one request in progress (the one of `policy_number`), or ask which."""
    tx = texts.pick(lang)
    going = [r for r in latest if r.status in OPEN_MAILING_STATUSES
             and (policy_number is None or r.policy.policy_number == policy_number)]
    if not going:
        lines = "\n".join(mailings.status_text(r, lang=lang) for r in latest)
        dispatcher.utter_message(text=tx.PP_NOTHING_TO_CANCEL + "\n" + lines)
    elif len(going) > 1:
        dispatcher.utter_message(text=tx.PP_WHICH_TO_CANCEL, buttons=[
            {"title": mailings.title(r.policy, lang),
             "payload": payload("paper_policy_status", choice="cancel", policy_number=r.policy.policy_number)}
            for r in going])
    else:
        dispatcher.utter_message(text=mailings.cancel(session, going[0], lang=lang))
