"""Counter slots offered to the user: the next free ones, later days, or the day and time named.

"帮我约周四下午" and "next Friday at 2pm" are read by bot.claims.visit_wish; this
module turns the free slots (bot.store.appointments) into the buttons, each
booking its slot (or moving an appointment) when pressed.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import FrozenSet, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions import texts
from actions.choices import offered_buttons, parse_payload
from actions.common import latest_intent, latest_text, payload
from bot import clock
from bot.claims import service_centre, visit_wish
from bot.claims.wording import pick
from bot.claims.working_days import day_label
from bot.i18n import DEFAULT_LANGUAGE, EN
from bot.nlu.normalizer import normalize_text
from bot.store import appointments
from bot.store.appointments import FreeSlot

MAX_CHOICES = 8
PER_DAY = 3  # a few slots of each day, so the buttons reach several days
SLOT_PAYLOAD = "/book_appointment"
# A typed reply to the slots that the NLU reads as one of these ("周四下午" looks like "下午好") goes to
# the booking actions (data/rules/services.yml); when it names no day or time it gets what the intent
# gets anywhere else. An `inform` naming none gets the slots again.
NOT_A_DAY = {"nlu_fallback": "action_two_stage_fallback", "greet": "action_greet_menu",
             "choose_number": "action_pick_number", "out_of_scope": "utter_out_of_scope",
             "goodbye": "utter_goodbye", "affirm": "utter_anything_else", "deny": "utter_anything_else"}
REPLY_INTENTS = ("inform", *NOT_A_DAY)
WISH_WORDS = {  # the texts of booking by a named day and time, and of later days
    "zh": {
        "more_title": "看更多日子",
        "more_intro": "再往后几天可以预约的时间：",
        "say_a_day": "\n想约别的日子或时间，直接告诉我，比如“帮我约周三下午”。",
        "next_days": "最近几天的",
        "at": " {time}",
        "after": " {time}以后",
        "before": " {time}以前",
        "window": " {time}至{end}",
        "until": "至",
        "parts": {"am": "上午", "pm": "下午"},
        "wish_slots": "{when}还可以约这些时间，选一个就行：",
        "wish_nearest": "{when}约不上（已约满或不在营业时间），离它最近的空位是：",
        "wish_full": "{when}已经约满了。",
        "not_read": "没看出您想约哪天、几点。下面是最近可以预约的时间，选一个就行：",
    },
    "en": {
        "more_title": "Show later days",
        "more_intro": "Times you can book on later days:",
        "say_a_day": "\nFor another day or time, just tell me, e.g. “book me in on Wednesday afternoon”.",
        "next_days": "the next few days",
        "at": " at {time}",
        "after": " after {time}",
        "before": " before {time}",
        "window": " between {time} and {end}",
        "until": " to ",
        "parts": {"am": " in the morning", "pm": " in the afternoon"},
        "wish_slots": "For {when}, these times still have places. Just pick one:",
        "wish_nearest": "Sorry, {when} can't be booked (full, or outside opening hours). The nearest free times:",
        "wish_full": "Sorry, there's nothing free for {when}.",
        "not_read": "Sorry, I couldn't tell which day or time you'd like. Here are the next times you can book. Just pick one:",
    },
}

def slot_en(moment: datetime) -> str:
    return service_centre.slot_label(moment, service_centre.centre(), lang=EN)


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
        label = free.label if lang != EN else slot_en(free.start)
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


@dataclass(frozen=True)
class Offer:
    """The slot buttons of the bot's answer before the user's latest message."""
    starts: FrozenSet[datetime]  # the slots offered
    appointment_id: Optional[int] = None  # the appointment they would move, if any

    @property
    def days(self) -> FrozenSet[date]:
        return frozenset(start.date() for start in self.starts)


def last_offer(tracker: Tracker) -> Optional[Offer]:
    """The slots the bot offered just before the user's latest message, if it did."""
    starts, moving = set(), None
    for button in offered_buttons(tracker):
        entities = _slot_entities(str(button.get("payload") or ""))
        if entities is not None:
            starts.add(entities["slot_time"])
            moving = entities.get("appointment_id", moving)
    return Offer(frozenset(starts), moving) if starts else None


def named_slot(tracker: Tracker) -> Optional[datetime]:
    """The one offered slot a reply names exactly ("十点半那个", "周四10:30"), as if its button were pressed."""
    offered = last_offer(tracker)
    wish = wish_of(tracker) if offered else None
    if not wish or wish.at is None or wish.bound:
        return None
    named = [start for start in offered.starts
             if start.time().replace(tzinfo=None) == wish.at and (wish.day is None or start.date() == wish.day)]
    return named[0] if len(named) == 1 else None


def _slot_entities(value: str) -> Optional[dict]:
    """The entities of a slot's button payload ('/book_appointment{"slot_time": …}'), else None."""
    parsed = parse_payload(value)
    if not parsed or parsed["intent"] != SLOT_PAYLOAD.lstrip("/"):
        return None
    entities = {entity["entity"]: entity["value"] for entity in parsed["entities"]}
    try:
        moment = datetime.fromisoformat(entities["slot_time"])
    except (ValueError, KeyError, TypeError):
        return None
    return None if entities.get("choice") == "more" else {**entities, "slot_time": moment}


def is_reply(tracker: Tracker) -> bool:
    """A typed answer to the slots offered ("周四下午"), which the NLU read as something else."""
    return (latest_intent(tracker) not in ("book_appointment", "manage_appointment")
            and tracker.latest_action_name == "action_listen")


def not_a_day(tracker: Tracker) -> List[EventType]:
    """The usual answer to a typed reply that names no day or time ("你好" after the slots), else []."""
    intent = latest_intent(tracker)
    if intent in NOT_A_DAY and is_reply(tracker) and not wish_of(tracker):
        return [FollowupAction(NOT_A_DAY[intent])]
    return []


def wish_of(tracker: Tracker) -> visit_wish.VisitWish:
    """The day and time the user named ("约周三上午"), also when the request waited for verification.

    A time alone ("下午三点") after one day's slots is that day's.
    """
    text = latest_text(tracker)
    if latest_intent(tracker) not in ("book_appointment", "manage_appointment") and not is_reply(tracker):
        waited = tracker.get_slot("pending_task") == "book_appointment"  # the turn after verification
        text = (tracker.get_slot("pending_question") or "") if waited else ""
    wish = visit_wish.wish_in(normalize_text(text), clock.today())
    offered = last_offer(tracker)
    if wish and wish.day is None and offered is not None and len(offered.days) == 1:
        return replace(wish, day=next(iter(offered.days)))
    return wish


def _when(wish: visit_wish.VisitWish, lang: str) -> str:
    """"12月3日（周四）上午", "最近几天的下午", "Thu 3 Dec at 10:30", "12月2日（周三）至12月4日（周五） 10:00以后",
    "12月3日（周四） 10:00至11:00", "Thu 3 Dec between 10:00 and 11:00"."""
    words = pick(WISH_WORDS, lang)
    when = day_label(wish.day, lang=lang) if wish.day else words["next_days"]
    if wish.until:
        when += words["until"] + day_label(wish.until, lang=lang)
    if wish.at is not None and wish.end is not None:
        return when + words["window"].format(time=f"{wish.at:%H:%M}", end=f"{wish.end:%H:%M}")
    if wish.at is not None:
        return when + words[wish.bound or "at"].format(time=f"{wish.at:%H:%M}")
    return when + words["parts"][wish.part] if wish.part else when


def _fitting(free: List[FreeSlot], wish: visit_wish.VisitWish) -> List[FreeSlot]:
    """The free slots the wish allows, nearest to its time first when it names one."""
    zone = service_centre.centre().hours.zone
    local = {slot.start: slot.start.astimezone(zone) for slot in free}
    if wish.at is not None and wish.bound:  # "十点以后": every slot on that side of the time
        free = [slot for slot in free if (local[slot.start].time() >= wish.at) == (wish.bound == visit_wish.AFTER)
                and (wish.end is None or local[slot.start].time() < wish.end)]  # "十点到十一点": not 11:00
    elif wish.at is not None:
        minutes = wish.at.hour * 60 + wish.at.minute
        if wish.day and not wish.until:
            return sorted(free, key=lambda slot: abs(local[slot.start].hour * 60 + local[slot.start].minute - minutes))
        exact = [slot for slot in free if local[slot.start].time() == wish.at]
        if exact:
            return exact
    if wish.part is not None:
        return [slot for slot in free if (local[slot.start].hour < 12) == (wish.part == visit_wish.AM)]
    return free


def _days_problem(wish: visit_wish.VisitWish, now: datetime, lang: str) -> Optional[str]:
    """Why none of the days asked for can be booked (the first one's reason), else None."""
    if wish.day is None:
        return None
    last = wish.until or wish.day
    problems = [service_centre.day_problem(wish.day + timedelta(days=n), now, lang=lang)
                for n in range((last - wish.day).days + 1)]
    return problems[0] if all(problems) else None


def offer_wished(dispatcher: CollectingDispatcher, session, wish: visit_wish.VisitWish,
                 appointment_id: Optional[int], lang: str, general_intro: str) -> None:
    """Slots of the day and time asked for; why not, and the next free slots, when there are none."""
    words = pick(WISH_WORDS, lang)
    now = clock.now()
    problem = _days_problem(wish, now, lang)
    if problem:
        dispatcher.utter_message(text=problem)
        offer_slots(dispatcher, session, general_intro, appointment_id, lang)
        return
    every = appointments.free_slots(session, now)
    fitting = _fitting([free for free in every if wish.covers(free.start.date())], wish)
    if not fitting:
        dispatcher.utter_message(text=words["wish_full"].format(when=_when(wish, lang)))
        offer_slots(dispatcher, session, general_intro, appointment_id, lang)
        return
    one_day = wish.day is not None and wish.until is None
    exact = (wish.at is None or wish.bound is not None
             or fitting[0].start.astimezone(service_centre.centre().hours.zone).time() == wish.at)
    shown = sorted(fitting[:MAX_CHOICES] if one_day else _spread(fitting), key=lambda slot: slot.start)
    if wish.at is not None and wish.bound is None and exact and one_day:  # the time asked for first: "1" books it
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
        offer_slots(dispatcher, session, pick(WISH_WORDS, lang)["not_read"] if is_reply(tracker) else intro,
                    appointment_id, lang)
