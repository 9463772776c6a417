"""Call-backs within one working day: the form (phone, window, topic), booking, status, change, cancel.

The booking, due time (next working day, Chinese holidays) and phone checks are
the back end's (bot.store.callbacks); here is only the conversation. The phone
defaults to the verified mobile, which never enters the tracker: the slot then
holds VERIFIED and the back end looks the number up. Users who are not
verified can book too (they type a number); nothing about an account is said.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ConversationResumed, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.common import (
    HANDOFF_INTENTS, REPLAY_INTENTS, customer_id, db, entity_value, friendly_failure, is_answer,
    latest_intent, latest_text,
)
from actions.handoff import after_failures
from bot import clock
from bot.claims.working_days import deadline_label
from bot.i18n import EN, language_of
from bot.store import callbacks, customers, handoffs
from bot.store.identity import mask_mobile
from bot.store.models import Callback

VERIFIED = "verified"  # cb_phone: the verified customer's own mobile
FORM_SLOTS = ("cb_phone", "cb_window", "cb_topic")
AUXILIARY_SLOTS = ("cb_other_phone",)
WINDOW_WORDS = [  # Chinese, then English
    ("any", re.compile(r"都(可以|行)|随便|不限|什么时候都|哪个都|均可|无所谓|either|any ?time|whenever|"
                       r"(doesn'?t|does not) matter|no preference|both", re.I)),
    ("morning", re.compile(r"上午|早上|早晨|中午前|午饭前|morning|\bam\b|before (noon|lunch)", re.I)),
    ("afternoon", re.compile(r"下午|午后|傍晚|晚上|下班|afternoon|evening|after (lunch|work)|\bpm\b", re.I)),
]
CANCEL_WORDS = re.compile(r"取消|不用(再)?(打|回)|别打|不要(打|回)|不需要|cancel|(don'?t|do not|no need to) call", re.I)
CHANGE_WORDS = re.compile(r"改|换|调整|变更|修改|change|move|switch|reschedule", re.I)
PHONE_WORDS = re.compile(r"号码|电话|手机|座机|number|phone|mobile|landline", re.I)
OTHER_PHONE_WORDS = re.compile(r"换|别的|另一个|另外|其他|不是这个|不用这个|打我.{0,2}(座机|家里)|"
                               r"another|different|other number|not (this|that) (one|number)|landline", re.I)
TOPIC_MAX = 500
STOP_FORM_WORDS = re.compile(
    r"^(算了|那|哦|嗯)?[，,]?(还是)?(就|先)?(不约了?|不用约了|不想约了|不用了|不要了|不打了|别打了|不需要了|取消(回电)?|"
    r"不用(回电|打电话|打)了?)(吧|啦|呢)?[。！!，,]*(谢谢)?[。！!]*$"
    r"|^(oh,? )?(never ?mind|forget it|no thanks|don'?t bother|no need|i don'?t need (a|the) call(-| )?back)"
    r"[,.! ]*(thanks|thank you)?[.!]*$",
    re.I,
)
# Never an answer, even to "when" or "what about": stop, hand off, a number that picks a button, a file, the mode.
NEVER_ANSWERS = HANDOFF_INTENTS | REPLAY_INTENTS | {"cancel", "upload_document", "elderly_assistance", "elderly_mode_off"}
# Not a topic when asked "what about": small talk and questions about the bot or the call-back itself.
NOT_TOPICS = NEVER_ANSWERS | {"greet", "goodbye", "thank", "help", "bot_challenge", "request_callback", "manage_callback"}


# --- what the back end says (Chinese), in English for English conversations -----------------------

def _en(key: str, **fields: Any) -> str:
    return texts.pick(EN).BACK_END[key].format(**fields)


def _promise_en(callback: Callback) -> str:
    return _en("cb_promise", phone=callbacks.mask_phone(callback.phone), due=deadline_label(callback.due_at, lang=EN),
               window=_en(f"cb_window_{callback.call_window}"))


def booked_text(result: callbacks.CallbackResult, lang: str) -> str:
    if lang != EN:
        return result.message
    key = "cb_kept" if result.kept else "cb_updated" if result.updated else "cb_booked"
    return _en(key, promise=_promise_en(result.callback))


def status_text(callback: Optional[Callback], lang: str) -> str:
    """callbacks.status_text in the user's language."""
    if lang != EN:
        return callbacks.status_text(callback)
    if callback is None:
        return _en("cb_none")
    if callback.status == "open":
        topic = _en("cb_open_topic", topic=callback.topic) if callback.topic else ""
        return _en("cb_open", promise=_promise_en(callback)) + topic
    if callback.status == "done":
        moment = callback.closed_at.astimezone(clock.tz())
        return _en("cb_done", day=f"{moment.day} {moment:%b}", time=f"{moment:%H:%M}")
    return _en("cb_closed")


def problem_text(problem: callbacks.CallbackError, lang: str) -> str:
    """A refused phone number, window or change, in the user's language."""
    if lang != EN:
        return str(problem)
    known = {callbacks.BAD_PHONE: _en("cb_bad_phone"), callbacks.NO_PHONE: _en("cb_no_phone"),
             callbacks.BAD_WINDOW: texts.pick(EN).CB_WINDOW_UNCLEAR}
    return known.get(str(problem), _en("cb_not_open"))


def _stops_form(tracker: Tracker) -> bool:
    """A short "不约了" / "算了不用了" while the form asks (the `cancel` intent goes by its rule)."""
    return (bool(tracker.get_slot("requested_slot")) and latest_intent(tracker) != "cancel"
            and bool(STOP_FORM_WORDS.match(latest_text(tracker))))


def window_of(text: str) -> Optional[str]:
    for window, words in WINDOW_WORDS:
        if words.search(text or ""):
            return window
    return None


def _customer_mobile(tracker: Tracker) -> Optional[str]:
    cid = customer_id(tracker)
    if cid is None:
        return None
    with db() as session:
        customer = customers.get_customer(session, cid)
        return customer.mobile if customer is not None else None


def _open_callback(session, tracker: Tracker):
    return callbacks.current_callback(session, customer_id=customer_id(tracker), sender_id=tracker.sender_id)


class ValidateCallbackForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_callback_form"

    async def get_validation_events(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if _stops_form(tracker):
            # "不约了" reads as another intent (e.g. an appointment's): stop here, book nothing.
            # The form ends (requested_slot None); action_submit_callback then finds no answers.
            dispatcher.utter_message(text=texts.pick(language_of(tracker)).CB_FORM_CANCELLED)
            return _forget_answers() + [SlotSet("form_failures", None), SlotSet("requested_slot", None)]
        events = await super().get_validation_events(dispatcher, tracker, domain)
        recent = tracker.slots_to_validate()
        events += [SlotSet(slot, tracker.get_slot(slot)) for slot in AUXILIARY_SLOTS if slot in recent]
        return after_failures(dispatcher, tracker, events)

    def _asked(self, tracker: Tracker, slot: str) -> bool:
        return tracker.get_slot("requested_slot") == slot and is_answer(tracker)

    @staticmethod
    def _requested(tracker: Tracker, slot: str) -> bool:
        return tracker.get_slot("requested_slot") == slot

    # --- phone ---
    async def extract_cb_phone(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if not self._asked(tracker, "cb_phone"):
            return {}
        choice = entity_value(tracker, "choice")
        intent = latest_intent(tracker)
        offered_default = customer_id(tracker) is not None and not tracker.get_slot("cb_other_phone")
        if offered_default and (choice == "default_phone" or intent == "affirm"):
            return {"cb_phone": VERIFIED}
        typed = entity_value(tracker, "mobile")
        if choice == "other_phone" or (offered_default and (intent == "deny" or (
                typed is None and OTHER_PHONE_WORDS.search(latest_text(tracker))))):
            return {"cb_phone": None, "cb_other_phone": True}
        return {"cb_phone": str(entity_value(tracker, "mobile") or latest_text(tracker))[:40] or "?"}

    def validate_cb_phone(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value is None:
            return {"cb_phone": None}
        if value == VERIFIED:
            return {"cb_phone": VERIFIED if customer_id(tracker) is not None else None}
        try:
            return {"cb_phone": callbacks.parse_phone(str(value))}
        except callbacks.CallbackError as problem:
            dispatcher.utter_message(text=problem_text(problem, language_of(tracker)))
            return {"cb_phone": None}

    # --- window ---
    async def extract_cb_window(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        choice = entity_value(tracker, "choice")
        if choice in callbacks.WINDOW_LABELS:
            return {"cb_window": choice}
        if not self._requested(tracker, "cb_window"):
            return {}
        window = window_of(latest_text(tracker))
        intent = latest_intent(tracker)
        # "下午" / "上午" often read as a greeting (下午好): a time of day answers the question all the same.
        if window is not None and intent not in NEVER_ANSWERS and intent not in ("manage_callback", "request_callback"):
            return {"cb_window": window}
        return {"cb_window": "?"} if is_answer(tracker) else {}

    def validate_cb_window(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value is None:  # cleared before the form (a fresh call-back): nothing to say, the form asks
            return {"cb_window": None}
        if value not in callbacks.WINDOW_LABELS:
            dispatcher.utter_message(text=texts.pick(language_of(tracker)).CB_WINDOW_UNCLEAR)
            return {"cb_window": None}
        return {"cb_window": value}

    # --- topic ---
    async def extract_cb_topic(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if not self._requested(tracker, "cb_topic") or _stops_form(tracker):
            return {}
        # Asked "what about", "理赔进度" or "材料还缺什么" is the topic, not a question to answer now.
        if latest_intent(tracker) in NOT_TOPICS:
            return {}
        return {"cb_topic": str(entity_value(tracker, "choice") or latest_text(tracker))[: TOPIC_MAX + 1]}

    def validate_cb_topic(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value is None:  # cleared before the form: the form asks
            return {"cb_topic": None}
        topic = re.sub(r"\s+", " ", str(value or "")).strip()
        if not topic:
            dispatcher.utter_message(text=texts.pick(language_of(tracker)).CB_ASK_TOPIC)
            return {"cb_topic": None}
        return {"cb_topic": topic[:TOPIC_MAX]}


class ActionAskCbPhone(Action):
    def name(self) -> Text:
        return "action_ask_cb_phone"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        tx = texts.pick(language_of(tracker))
        mobile = None if tracker.get_slot("cb_other_phone") else _customer_mobile(tracker)
        if mobile:
            dispatcher.utter_message(text=tx.CB_DEFAULT_PHONE.format(mobile=mask_mobile(mobile)),
                                     buttons=tx.CB_DEFAULT_PHONE_BUTTONS)
        else:
            dispatcher.utter_message(text=tx.CB_ASK_PHONE)
        return []


class ActionAskCbWindow(Action):
    def name(self) -> Text:
        return "action_ask_cb_window"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        tx = texts.pick(language_of(tracker))
        dispatcher.utter_message(text=tx.CB_ASK_WINDOW, buttons=tx.CB_WINDOW_BUTTONS)
        return []


class ActionAskCbTopic(Action):
    def name(self) -> Text:
        return "action_ask_cb_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        tx = texts.pick(language_of(tracker))
        dispatcher.utter_message(text=tx.CB_ASK_TOPIC, buttons=tx.CB_TOPIC_BUTTONS)
        return []


class ActionPrepareCallback(Action):
    """Before the form: fresh answers, or the open call-back's window and topic when only the number changes."""

    def name(self) -> Text:
        return "action_prepare_callback"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        other_phone = entity_value(tracker, "choice") == "other_phone"
        with db() as session:
            current = _open_callback(session, tracker)
            window, topic = (current.call_window, current.topic or None) if current is not None else (None, None)
        if current is not None and other_phone:
            return [SlotSet("cb_phone", None), SlotSet("cb_other_phone", True), SlotSet("cb_window", window),
                    SlotSet("cb_topic", topic)]
        if current is not None:
            dispatcher.utter_message(text=texts.pick(language_of(tracker)).CB_UPDATE_EXISTING)
        return [SlotSet("cb_phone", None), SlotSet("cb_other_phone", other_phone), SlotSet("cb_window", None),
                SlotSet("cb_topic", None)]


def _forget_answers() -> List[EventType]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS + AUXILIARY_SLOTS]


class ActionSubmitCallback(Action):
    """The back end books (or updates) the call-back; the user hears the date, weekday and time."""

    def name(self) -> Text:
        return "action_submit_callback"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        phone = tracker.get_slot("cb_phone")
        if phone is None or tracker.get_slot("cb_window") is None:
            return _forget_answers()  # the form was stopped ("不约了"): nothing to book, it was said already
        try:
            with db() as session:
                result = callbacks.request_callback(
                    session, customer_id=customer_id(tracker), sender_id=tracker.sender_id,
                    phone=None if phone == VERIFIED else phone, window=tracker.get_slot("cb_window") or "any",
                    topic=tracker.get_slot("cb_topic") or "",
                )
                message = booked_text(result, lang)
        except callbacks.CallbackError as problem:
            dispatcher.utter_message(text=problem_text(problem, lang))
            return _forget_answers()
        dispatcher.utter_message(text=message + texts.pick(lang).CB_CHANGE_HINT)
        return _forget_answers()


class ActionManageCallback(Action):
    """"顾问什么时候给我打电话", "改成下午", "取消回电"."""

    def name(self) -> Text:
        return "action_manage_callback"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        tx = texts.pick(lang)
        choice = entity_value(tracker, "choice")
        text = latest_text(tracker)
        with db() as session:
            current = _open_callback(session, tracker)
            if current is None:
                recent = callbacks.recent_callback(session, customer_id=customer_id(tracker),
                                                   sender_id=tracker.sender_id)
                dispatcher.utter_message(text=status_text(recent, lang), buttons=[tx.CALLBACK_BUTTON])
                return []
            wants_cancel = choice == "cancel" or (choice is None and CANCEL_WORDS.search(text))
            window = choice if choice in callbacks.WINDOW_LABELS else None
            if window is None and choice is None and CHANGE_WORDS.search(text) and not PHONE_WORDS.search(text):
                window = window_of(text)
            try:
                if wants_cancel:
                    said = callbacks.cancel_callback(session, current)
                    dispatcher.utter_message(text=_en("cb_cancelled") if lang == EN else said)
                elif window is not None:
                    said = callbacks.change_callback(session, current, window=window)
                    dispatcher.utter_message(text=_en("cb_changed", promise=_promise_en(current)) if lang == EN else said)
                elif choice is None and CHANGE_WORDS.search(text):
                    dispatcher.utter_message(text=status_text(current, lang))
                    dispatcher.utter_message(text=tx.CB_MANAGE, buttons=tx.CB_MANAGE_BUTTONS)
                else:
                    dispatcher.utter_message(text=status_text(current, lang), buttons=tx.CB_MANAGE_BUTTONS)
            except callbacks.CallbackError as problem:
                dispatcher.utter_message(text=problem_text(problem, lang))
        return []


class ActionRequestCallback(Action):
    """A call-back in one step, to the verified mobile: the hand-off's button while advisors hold the
    conversation (run by the gateway), and "预约回电" in the middle of another form."""

    def name(self) -> Text:
        return "action_request_callback"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        tx = texts.pick(lang)
        events: List[EventType] = [ConversationResumed()] if tracker.is_paused() else []
        cid = customer_id(tracker)
        if cid is None:  # the button is offered to verified users only; the form asks anyone for a number
            dispatcher.utter_message(text=tx.CB_AFTER_FORM)
            return events
        form = tracker.active_loop.get("name") or tracker.get_slot("interrupted_form")
        topic = texts.FORM_NAMES.get(form or "", "")  # the topic is for the advisor: always Chinese
        with db() as session:
            waiting = handoffs.conversation_handoff(session, tracker.sender_id)
            moved = waiting is not None and waiting.status == "queued"
            if moved:  # nobody took it yet: the call-back replaces waiting in the chat
                handoffs.finish(session, waiting, "closed")
            result = callbacks.request_callback(session, customer_id=cid, sender_id=tracker.sender_id,
                                                window="any", topic=texts.CB_CONTINUE_TOPIC.format(form=topic) if topic else "",
                                                keep=True)
            message = booked_text(result, lang)
        dispatcher.utter_message(text=(tx.CALLBACK_MOVED + tx.GAP if moved else "") + message + tx.CB_CHANGE_HINT)
        return events


class ActionCancelCallbackForm(Action):
    """"不约了" while the call-back form asks: nothing is booked."""

    def name(self) -> Text:
        return "action_cancel_callback_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=texts.pick(language_of(tracker)).CB_FORM_CANCELLED)
        return _forget_answers()
