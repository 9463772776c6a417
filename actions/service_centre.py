"""The offline service centre: where and when, and counter appointments (book, reschedule, cancel, ask).

Slots, capacity (enforced by the database) and the texts about the centre are
the back end's (bot.claims.service_centre, bot.store.appointments). A slot that
fills up while the user chooses gets "刚被约满了" and fresh choices.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.common import customer_id, db, entity_value, friendly_failure, latest_intent, latest_text, payload
from actions.review import done_with_pending
from bot import clock
from bot.claims import service_centre, visit_wish
from bot.claims.materials import format_checklist
from bot.documents.intake import SUBMITTABLE
from bot.claims.wording import pick
from bot.claims.working_days import day_label
from bot.i18n import DEFAULT_LANGUAGE, EN, language_of
from bot.nlu.normalizer import normalize_text
from bot.store import appointments, customers
from bot.store import claims as claim_store
from bot.store.appointments import FreeSlot
from bot.store.models import Appointment, Claim

MAX_CHOICES = 8
PER_DAY = 3  # a few slots of each day, so the buttons reach several days
CANCEL_WORDS = re.compile(r"取消|不去了|去不了|不约了|cancel|can'?t (come|make it|go)|not (coming|going)", re.I)
WISH_WORDS = {  # the texts of booking by a named day and time, and of later days
    "zh": {
        "more_title": "看更多日子",
        "more_intro": "再往后几天可以预约的时间：",
        "say_a_day": "\n想约别的日子或时间，直接告诉我，比如“帮我约周三下午”。",
        "next_days": "最近几天的",
        "at": " {time}",
        "parts": {"am": "上午", "pm": "下午"},
        "wish_slots": "{when}还可以约这些时间，选一个就行：",
        "wish_nearest": "{when}约不上（已约满或不在营业时间），离它最近的空位是：",
        "wish_full": "{when}已经约满了。",
    },
    "en": {
        "more_title": "Show later days",
        "more_intro": "Times you can book on later days:",
        "say_a_day": "\nFor another day or time, just tell me, e.g. “book me in on Wednesday afternoon”.",
        "next_days": "the next few days",
        "at": " at {time}",
        "parts": {"am": " in the morning", "pm": " in the afternoon"},
        "wish_slots": "For {when}, these times still have places. Just pick one:",
        "wish_nearest": "Sorry, {when} can't be booked (full, or outside opening hours). The nearest free times:",
        "wish_full": "Sorry, there's nothing free for {when}.",
    },
}
CHANGE_WORDS = re.compile(r"改|换|调整|推迟|提前|改期|change|move|reschedule|earlier|later|another (time|day)", re.I)


# --- what the back end says (Chinese), in English for English conversations -----------------------

def _en(key: str, **fields) -> str:
    return texts.pick(EN).BACK_END[key].format(**fields)


def _slot_en(moment: datetime) -> str:
    return service_centre.slot_label(moment, service_centre.centre(), lang=EN)


def describe(appointment: Appointment, lang: str) -> str:
    if lang != EN:
        return appointments.describe(appointment)
    return f"{_slot_en(appointment.slot_start)} · {_en('sc_purpose_' + appointment.purpose)}"


def confirmation_en(session, appointment: Appointment, opening: str) -> str:
    """appointments' booking confirmation, in English."""
    place = service_centre.centre()
    birth = customers.get_customer(session, appointment.customer_id).birth_date
    text = _en("sc_confirmation", opening=opening, slot=_slot_en(appointment.slot_start),
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


def _spread(free: List[FreeSlot]) -> List[FreeSlot]:
    """At most MAX_CHOICES slots, PER_DAY of each day, so the buttons reach several days."""
    per_day: dict = {}
    shown = []
    for slot in free:
        day = slot.start.date()
        if per_day.get(day, 0) >= PER_DAY:
            continue
        per_day[day] = per_day.get(day, 0) + 1
        shown.append(slot)
        if len(shown) >= MAX_CHOICES:
            break
    return shown


def _buttons(shown: List[FreeSlot], appointment_id: Optional[int], lang: str) -> List[texts.Button]:
    """One button a slot: day, time and seats left."""
    tx = texts.pick(lang)
    buttons = []
    for free in shown:
        entities = {"slot_time": free.start.isoformat()}
        if appointment_id is not None:
            entities["appointment_id"] = appointment_id
        label = free.label if lang != EN else _slot_en(free.start)
        buttons.append({"title": tx.SC_SEATS_LEFT.format(slot=label, count=free.remaining),
                        "payload": payload("book_appointment", **entities)})
    return buttons


def _more_button(every: List[FreeSlot], shown: List[FreeSlot], appointment_id: Optional[int],
                 lang: str) -> List[texts.Button]:
    """看更多日子, when a day after the last one shown has a free slot (`every`: all free slots)."""
    last = max(free.start for free in shown)
    if not [free for free in every if free.start.date() > last.date()]:
        return []
    entities = {"choice": "more", "slot_time": last.isoformat()}
    if appointment_id is not None:
        entities["appointment_id"] = appointment_id
    return [{"title": pick(WISH_WORDS, lang)["more_title"], "payload": payload("book_appointment", **entities)}]


def offer_slots(dispatcher: CollectingDispatcher, session, intro: str, appointment_id: Optional[int] = None,
                lang: str = DEFAULT_LANGUAGE, *, after: Optional[date] = None) -> None:
    """The next free slots (of the days after `after`) under the text `intro`."""
    tx = texts.pick(lang)
    every = appointments.free_slots(session, clock.now())
    shown = _spread([free for free in every if after is None or free.start.date() > after])
    if not shown:
        dispatcher.utter_message(text=tx.SC_NO_SLOTS, buttons=[tx.CALLBACK_BUTTON])
        return
    buttons = _buttons(shown, appointment_id, lang) + _more_button(every, shown, appointment_id, lang)
    dispatcher.utter_message(text=intro + pick(WISH_WORDS, lang)["say_a_day"], buttons=buttons)


def wish_of(tracker: Tracker) -> visit_wish.VisitWish:
    """The day and time the user's request named ("约周三上午"), also when it waited for verification."""
    text = latest_text(tracker)
    if latest_intent(tracker) not in ("book_appointment", "manage_appointment"):  # the turn after verification
        waited = tracker.get_slot("pending_task") == "book_appointment"
        text = (tracker.get_slot("pending_question") or "") if waited else ""
    return visit_wish.wish_in(normalize_text(text), clock.today())


def _when(wish: visit_wish.VisitWish, lang: str) -> str:
    """"12月3日（周四）上午", "最近几天的下午", "Thu 3 Dec at 10:30"."""
    words = pick(WISH_WORDS, lang)
    when = day_label(wish.day, lang=lang) if wish.day else words["next_days"]
    if wish.at is not None:
        return when + words["at"].format(time=f"{wish.at:%H:%M}")
    return when + words["parts"][wish.part] if wish.part else when


def _fitting(free: List[FreeSlot], wish: visit_wish.VisitWish) -> List[FreeSlot]:
    """The free slots the wish allows, nearest to its time first when it names one."""
    zone = service_centre.centre().hours.zone
    local = {slot.start: slot.start.astimezone(zone) for slot in free}
    if wish.at is not None:
        minutes = wish.at.hour * 60 + wish.at.minute
        if wish.day:
            return sorted(free, key=lambda slot: abs(local[slot.start].hour * 60 + local[slot.start].minute - minutes))
        exact = [slot for slot in free if local[slot.start].time() == wish.at]
        if exact:
            return exact
    if wish.part is not None:
        return [slot for slot in free if (local[slot.start].hour < 12) == (wish.part == visit_wish.AM)]
    return free


def offer_wished(dispatcher: CollectingDispatcher, session, wish: visit_wish.VisitWish,
                 appointment_id: Optional[int], lang: str, general_intro: str) -> None:
    """Slots of the day and time asked for; why not, and the next free slots, when there are none."""
    words = pick(WISH_WORDS, lang)
    now = clock.now()
    problem = service_centre.day_problem(wish.day, now, lang=lang) if wish.day else None
    if problem:
        dispatcher.utter_message(text=problem)
        offer_slots(dispatcher, session, general_intro, appointment_id, lang)
        return
    every = appointments.free_slots(session, now)
    fitting = _fitting([free for free in every if wish.day is None or free.start.date() == wish.day], wish)
    if not fitting:
        dispatcher.utter_message(text=words["wish_full"].format(when=_when(wish, lang)))
        offer_slots(dispatcher, session, general_intro, appointment_id, lang)
        return
    exact = wish.at is None or fitting[0].start.astimezone(service_centre.centre().hours.zone).time() == wish.at
    shown = sorted(fitting[:MAX_CHOICES] if wish.day else _spread(fitting), key=lambda slot: slot.start)
    if wish.at is not None and exact and wish.day:  # the time asked for first: "1" books it
        shown.remove(fitting[0])
        shown.insert(0, fitting[0])
    intro = words["wish_slots"] if exact else words["wish_nearest"]
    buttons = _buttons(shown, appointment_id, lang) + _more_button(every, shown, appointment_id, lang)
    dispatcher.utter_message(text=intro.format(when=_when(wish, lang)), buttons=buttons)


def offer(dispatcher: CollectingDispatcher, session, tracker: Tracker, intro: str,
          appointment_id: Optional[int], lang: str) -> None:
    """The slots the user's words ask for, else the next free ones."""
    wish = wish_of(tracker)
    if wish:
        offer_wished(dispatcher, session, wish, appointment_id, lang, intro)
    else:
        offer_slots(dispatcher, session, intro, appointment_id, lang)


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
        lang = language_of(tracker)
        cid = customer_id(tracker)
        picked = entity_value(tracker, "slot_time")
        more = entity_value(tracker, "choice") == "more"
        slot = _parse_slot(picked) if picked and not more else None
        moving = entity_value(tracker, "appointment_id")
        with db() as session:
            if more:
                after = _parse_slot(picked) if picked else None
                offer_slots(dispatcher, session, pick(WISH_WORDS, lang)["more_intro"], moving, lang,
                            after=after.astimezone(clock.tz()).date() if after else None)
                return events
            if slot is None:
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
                        opening = _en("sc_moved", old=_slot_en(appointment.slot_start))
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
            if picked is not None:
                found = [a for a in found if a.id == int(picked)] or found
            wants_cancel = choice == "cancel" or CANCEL_WORDS.search(text)
            wants_change = choice == "change" or (not wants_cancel and CHANGE_WORDS.search(text))
            if (wants_cancel or wants_change) and len(found) > 1:
                verb = "cancel" if wants_cancel else "change"
                dispatcher.utter_message(text=tx.SC_WHICH, buttons=_appointment_buttons(found, verb, lang))
                return events
            if wants_cancel:
                slot = _slot_en(found[0].slot_start) if lang == EN else ""
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
