"""The offline service centre: where and when, and counter appointments (book, reschedule, cancel, ask).

Slots, capacity (enforced by the database) and the texts about the centre are
the back end's (bot.claims.service_centre, bot.store.appointments). A slot that
fills up while the user chooses gets "刚被约满了" and fresh choices.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.common import customer_id, db, entity_value, friendly_failure, latest_text, payload
from actions.review import done_with_pending
from bot import clock
from bot.claims import service_centre
from bot.documents.intake import SUBMITTABLE
from bot.store import appointments, customers
from bot.store import claims as claim_store
from bot.store.models import Appointment, Claim

MAX_CHOICES = 8
PER_DAY = 3  # a few slots of each day, so the buttons reach several days
CANCEL_WORDS = re.compile(r"取消|不去了|去不了|不约了")
CHANGE_WORDS = re.compile(r"改|换|调整|推迟|提前|改期")


def slot_buttons(session, appointment_id: Optional[int] = None) -> List[texts.Button]:
    """The next free slots as buttons: day, time and seats left."""
    per_day: dict = {}
    buttons = []
    for free in appointments.free_slots(session, clock.now()):
        day = free.start.date()
        if per_day.get(day, 0) >= PER_DAY:
            continue
        per_day[day] = per_day.get(day, 0) + 1
        entities = {"slot_time": free.start.isoformat()}
        if appointment_id is not None:
            entities["appointment_id"] = appointment_id
        buttons.append({"title": f"{free.label} · 还剩{free.remaining}个位置",
                        "payload": payload("book_appointment", **entities)})
        if len(buttons) >= MAX_CHOICES:
            break
    return buttons


def offer_slots(dispatcher: CollectingDispatcher, session, intro: str, appointment_id: Optional[int] = None) -> None:
    buttons = slot_buttons(session, appointment_id)
    if not buttons:
        dispatcher.utter_message(text=texts.SC_NO_SLOTS, buttons=[texts.CALLBACK_BUTTON])
        return
    dispatcher.utter_message(text=intro, buttons=buttons)


def claim_to_bring(session, tracker: Tracker, cid: int) -> Optional[Claim]:
    """The claim the visit is for: the one in focus, else the latest still waiting for materials."""
    current = tracker.get_slot("current_claim")
    claim = claim_store.get_visible_claim(session, cid, current) if current else None
    if claim is not None:
        return claim
    return next((c for c in claim_store.visible_claims(session, cid) if c.status in SUBMITTABLE), None)


def _parse_slot(value) -> Optional[datetime]:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=clock.tz())


class ActionServiceCentre(Action):
    """Address, opening hours, transport and what to bring; the priority counter for elderly users."""

    def name(self) -> Text:
        return "action_service_centre"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        text = service_centre.info_text()
        cid = customer_id(tracker)
        if cid is not None:
            with db() as session:
                birth = customers.get_customer(session, cid).birth_date
            sentence = service_centre.priority_counter_sentence(birth, clock.today())
            text += "\n" + sentence if sentence else ""
        elif tracker.get_slot("elderly_mode"):
            text += "\n" + texts.SC_PRIORITY_COUNTER_ANY
        dispatcher.utter_message(text=text, buttons=texts.SC_BUTTONS)
        return []


class ActionBookAppointment(Action):
    """Show free slots, or book (or move) the one picked."""

    def name(self) -> Text:
        return "action_book_appointment"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = done_with_pending(tracker, "book_appointment")
        cid = customer_id(tracker)
        slot = _parse_slot(entity_value(tracker, "slot_time")) if entity_value(tracker, "slot_time") else None
        moving = entity_value(tracker, "appointment_id")
        with db() as session:
            if slot is None:
                offer_slots(dispatcher, session, texts.SC_CHOOSE_SLOT)
                return events
            try:
                if moving is not None:
                    appointment = appointments.get_appointment(session, cid, int(moving))
                    if appointment is None:
                        dispatcher.utter_message(text=texts.SC_NOTHING_TO_CANCEL)
                        return events
                    result = appointments.reschedule(session, appointment, slot)
                else:
                    claim = claim_to_bring(session, tracker, cid)
                    purpose = "materials" if claim is not None and claim.status in SUBMITTABLE else "consultation"
                    result = appointments.book(session, cid, slot, purpose, claim.id if claim else None,
                                               sender_id=tracker.sender_id)
            except (appointments.AppointmentError, service_centre.SlotError) as problem:
                session.rollback()
                if str(problem) == appointments.FULL or isinstance(problem, service_centre.SlotError):
                    offer_slots(dispatcher, session, texts.SC_SLOT_GONE, moving)
                else:
                    dispatcher.utter_message(text=str(problem))
                return events
            dispatcher.utter_message(text=result.message)
            claim = result.appointment.claim
            if claim is not None:
                dispatcher.utter_message(text=appointments.materials_to_bring(session, claim))
        return events


def _appointment_buttons(found: List[Appointment], choice: str, title: str) -> List[texts.Button]:
    return [{"title": f"{title}：{appointments.describe(a)}", "payload": payload("manage_appointment", choice=choice, appointment_id=a.id)}
            for a in found]


class ActionManageAppointment(Action):
    """"我约的是几点", change or cancel the appointment."""

    def name(self) -> Text:
        return "action_manage_appointment"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = done_with_pending(tracker, "manage_appointment")
        cid = customer_id(tracker)
        choice = entity_value(tracker, "choice")
        picked = entity_value(tracker, "appointment_id")
        text = latest_text(tracker) if choice is None else ""
        with db() as session:
            found = appointments.upcoming(session, cid)
            if not found:
                dispatcher.utter_message(text=appointments.upcoming_text(session, cid),
                                         buttons=[texts.SC_BUTTONS[0]])
                return events
            if picked is not None:
                found = [a for a in found if a.id == int(picked)] or found
            wants_cancel = choice == "cancel" or CANCEL_WORDS.search(text)
            wants_change = choice == "change" or (not wants_cancel and CHANGE_WORDS.search(text))
            if (wants_cancel or wants_change) and len(found) > 1:
                verb = "cancel" if wants_cancel else "change"
                dispatcher.utter_message(text=texts.SC_WHICH, buttons=_appointment_buttons(
                    found, verb, "取消" if wants_cancel else "改时间"))
                return events
            if wants_cancel:
                dispatcher.utter_message(text=appointments.cancel(session, found[0]))
            elif wants_change:
                offer_slots(dispatcher, session, texts.SC_CHOOSE_NEW_SLOT, found[0].id)
            else:
                buttons = [
                    {"title": "改时间", "payload": payload("manage_appointment", choice="change", appointment_id=found[0].id)},
                    {"title": "取消预约", "payload": payload("manage_appointment", choice="cancel", appointment_id=found[0].id)},
                ]
                claim = found[0].claim
                if claim is None:
                    dispatcher.utter_message(text=appointments.upcoming_text(session, cid), buttons=buttons)
                else:  # the choices come last, where a reply of "1" or "2" is read against them
                    dispatcher.utter_message(text=appointments.upcoming_text(session, cid))
                    dispatcher.utter_message(text=appointments.materials_to_bring(session, claim))
                    dispatcher.utter_message(text=texts.SC_MANAGE_BUTTONS, buttons=buttons)
        return events
