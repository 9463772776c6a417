"""The offline service centre: where and when, and counter appointments (book, reschedule, cancel, ask).

Slots, capacity (enforced by the database) and the texts about the centre are
the back end's (bot.claims.service_centre, bot.store.appointments). A slot that
fills up while the user chooses gets "刚被约满了" and fresh choices; the slots offered
are actions.visit_slots'.
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
from actions.visit_slots import (
    WISH_WORDS, is_reply, last_offer, named_slot, not_a_day, offer, offer_slots, slot_en, wish_of,
)
from bot import clock
from bot.claims import service_centre
from bot.claims.materials import format_checklist
from bot.documents.intake import SUBMITTABLE
from bot.claims.wording import pick
from bot.i18n import EN, language_of
from bot.store import appointments, customers
from bot.store import claims as claim_store
from bot.store.models import Appointment, Claim

CANCEL_WORDS = re.compile(r"取消|不去了|去不了|来不了|不约了|cancel|can'?t (come|make it|go)|not (coming|going)", re.I)
CHANGE_WORDS = re.compile(r"改|换|调整|推迟|提前|改期|change|move|reschedule|earlier|later|another (time|day)", re.I)


# --- what the back end says (Chinese), in English for English conversations -----------------------

def _en(key: str, **fields) -> str:
    return texts.pick(EN).BACK_END[key].format(**fields)


def describe(appointment: Appointment, lang: str) -> str:
    if lang != EN:
        return appointments.describe(appointment)
    return f"{slot_en(appointment.slot_start)} · {_en('sc_purpose_' + appointment.purpose)}"


def confirmation_en(session, appointment: Appointment, opening: str) -> str:
    """appointments' booking confirmation, in English."""
    place = service_centre.centre()
    birth = customers.get_customer(session, appointment.customer_id).birth_date
    text = _en("sc_confirmation", opening=opening, slot=slot_en(appointment.slot_start),
               purpose=_en("sc_purpose_" + appointment.purpose), name=service_centre.shown_text(place, "name", EN),
               address=service_centre.shown_text(place, "address", EN))
    sentence = service_centre.priority_counter_sentence(birth, clock.today(), lang=EN)
    return text.replace("\nTo change", f"\n{sentence}\nTo change") if sentence else text


def upcoming_text(session, cid: int, lang: str) -> str:
    if lang != EN:
        return appointments.upcoming_text(session, cid)
    found = appointments.upcoming(session, cid)
    if not found:
        return _en("sc_none")
    place = service_centre.centre()
    lines = "\n".join(f"{number}. {describe(a, EN)}" for number, a in enumerate(found, start=1))
    return _en("sc_upcoming", name=service_centre.shown_text(place, "name", EN), lines=lines,
               address=service_centre.shown_text(place, "address", EN))


def materials_to_bring(session, claim: Claim, lang: str) -> str:
    if lang != EN:
        return appointments.materials_to_bring(session, claim)
    from bot.documents.intake import claim_review  # noqa: PLC0415 - as appointments.materials_to_bring does

    result = claim_review(session, claim)
    text = _en("sc_bring", case=claim.case_number, checklist=format_checklist(list(result.items), lang=EN))
    outstanding = [item.name_in(EN) for item in result.missing] + [u.item.name_in(EN) for u in result.unusable]
    return text + (_en("sc_bring_missing", missing=", ".join(outstanding)) if outstanding else "")


def problem_text(problem: Exception, lang: str) -> str:
    """An appointment the back end refused, in the user's language."""
    said = str(problem)
    if lang != EN:
        return said
    if said == appointments.FULL:
        return _en("sc_full")
    # AppointmentError carries only its Chinese sentence: tell the three other refusals apart by their words.
    return _en("sc_already" if "重复" in said else "sc_same" if "不用改" in said else "sc_not_changeable")


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
        lang = language_of(tracker)
        tx = texts.pick(lang)
        text = service_centre.info_text(lang=lang)
        cid = customer_id(tracker)
        if cid is not None:
            with db() as session:
                birth = customers.get_customer(session, cid).birth_date
            sentence = service_centre.priority_counter_sentence(birth, clock.today(), lang=lang)
            text += "\n" + sentence if sentence else ""
        elif tracker.get_slot("elderly_mode"):
            text += "\n" + tx.SC_PRIORITY_COUNTER_ANY
        dispatcher.utter_message(text=text, buttons=tx.SC_BUTTONS)
        return []


class ActionBookAppointment(Action):
    """Show free slots, or book (or move) the one picked."""

    def name(self) -> Text:
        return "action_book_appointment"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = done_with_pending(tracker, "book_appointment")
        elsewhere = not_a_day(tracker)
        if elsewhere:
            return events + elsewhere
        lang = language_of(tracker)
        cid = customer_id(tracker)
        picked = entity_value(tracker, "slot_time")
        more = entity_value(tracker, "choice") == "more"
        slot = _parse_slot(picked) if picked and not more else None
        moving = entity_value(tracker, "appointment_id")
        if not picked and not more:
            slot = named_slot(tracker)  # "十点半那个": the one offered slot it names, as if pressed
            if slot is not None and moving is None:
                moving = last_offer(tracker).appointment_id
        with db() as session:
            if more:
                after = _parse_slot(picked) if picked else None
                offer_slots(dispatcher, session, pick(WISH_WORDS, lang)["more_intro"], moving, lang,
                            after=after.astimezone(clock.tz()).date() if after else None)
                return events
            if slot is None:
                offered = last_offer(tracker)
                if moving is None and offered is not None:  # a day typed after slots that move an appointment
                    moving = offered.appointment_id
                offer(dispatcher, session, tracker, texts.pick(lang).SC_CHOOSE_SLOT, moving, lang)
                return events
            opening = _en("sc_booked") if lang == EN else ""
            try:
                if moving is not None:
                    appointment = appointments.get_appointment(session, cid, int(moving))
                    if appointment is None:
                        dispatcher.utter_message(text=texts.pick(lang).SC_NOTHING_TO_CANCEL)
                        return events
                    if lang == EN:
                        opening = _en("sc_moved", old=slot_en(appointment.slot_start))
                    result = appointments.reschedule(session, appointment, slot)
                else:
                    claim = claim_to_bring(session, tracker, cid)
                    purpose = "materials" if claim is not None and claim.status in SUBMITTABLE else "consultation"
                    result = appointments.book(session, cid, slot, purpose, claim.id if claim else None,
                                               sender_id=tracker.sender_id)
            except (appointments.AppointmentError, service_centre.SlotError) as problem:
                session.rollback()
                if str(problem) == appointments.FULL or isinstance(problem, service_centre.SlotError):
                    offer_slots(dispatcher, session, texts.pick(lang).SC_SLOT_GONE, moving, lang=lang)
                else:
                    dispatcher.utter_message(text=problem_text(problem, lang))
                return events
            dispatcher.utter_message(text=confirmation_en(session, result.appointment, opening) if lang == EN
                                     else result.message)
            claim = result.appointment.claim
            if claim is not None:
                dispatcher.utter_message(text=materials_to_bring(session, claim, lang))
        return events


def _appointment_buttons(found: List[Appointment], choice: str, lang: str) -> List[texts.Button]:
    tx = texts.pick(lang)
    return [{"title": tx.SC_PICK_TITLE.format(verb=tx.SC_VERBS[choice], appointment=describe(a, lang)),
             "payload": payload("manage_appointment", choice=choice, appointment_id=a.id)}
            for a in found]


class ActionManageAppointment(Action):
    """"我约的是几点", change or cancel the appointment."""

    def name(self) -> Text:
        return "action_manage_appointment"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = done_with_pending(tracker, "manage_appointment")
        elsewhere = not_a_day(tracker)
        if elsewhere:
            return events + elsewhere
        lang = language_of(tracker)
        tx = texts.pick(lang)
        cid = customer_id(tracker)
        choice = entity_value(tracker, "choice")
        picked = entity_value(tracker, "appointment_id")
        text = latest_text(tracker) if choice is None else ""
        with db() as session:
            found = appointments.upcoming(session, cid)
            if not found:
                dispatcher.utter_message(text=upcoming_text(session, cid, lang), buttons=[tx.SC_BUTTONS[0]])
                return events
            offered = last_offer(tracker)
            if picked is None and offered is not None:  # a day typed after the slots it offered
                picked = offered.appointment_id
            if picked is not None:
                found = [a for a in found if a.id == int(picked)] or found
            wants_cancel = choice == "cancel" or CANCEL_WORDS.search(text)
            wants_change = choice == "change" or (not wants_cancel and (
                CHANGE_WORDS.search(text) or (is_reply(tracker) and bool(wish_of(tracker)))))
            if (wants_cancel or wants_change) and len(found) > 1:
                verb = "cancel" if wants_cancel else "change"
                dispatcher.utter_message(text=tx.SC_WHICH, buttons=_appointment_buttons(found, verb, lang))
                return events
            if wants_cancel:
                slot = slot_en(found[0].slot_start) if lang == EN else ""
                said = appointments.cancel(session, found[0])
                dispatcher.utter_message(text=_en("sc_cancelled", slot=slot) if lang == EN else said)
            elif wants_change:
                offer(dispatcher, session, tracker, tx.SC_CHOOSE_NEW_SLOT, found[0].id, lang)
            else:
                buttons = [
                    {"title": tx.SC_CHANGE_TIME_TITLE,
                     "payload": payload("manage_appointment", choice="change", appointment_id=found[0].id)},
                    {"title": tx.SC_CANCEL_TITLE,
                     "payload": payload("manage_appointment", choice="cancel", appointment_id=found[0].id)},
                ]
                claim = found[0].claim
                if claim is None:
                    dispatcher.utter_message(text=upcoming_text(session, cid, lang), buttons=buttons)
                else:  # the choices come last, where a reply of "1" or "2" is read against them
                    dispatcher.utter_message(text=upcoming_text(session, cid, lang))
                    dispatcher.utter_message(text=materials_to_bring(session, claim, lang))
                    dispatcher.utter_message(text=tx.SC_MANAGE_BUTTONS, buttons=buttons)
        return events
