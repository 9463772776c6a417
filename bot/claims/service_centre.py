"""The offline service centre: what users are told, and counter slots (pure).

Slots are 30 minutes long, on Chinese working days (bot.claims.working_days)
within the centre's opening hours, from the next slot that has not started up
to `booking_days` days ahead. Everything takes the moment it is about
(timezone-aware) and the settings; nothing reads the clock or the database.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import List, Optional, Tuple

from bot.claims.materials import age_on
from bot.claims.working_days import day_label, is_working_day
from bot.claims.working_hours import Hours, parse_hours
from bot.i18n import DEFAULT_LANGUAGE, EN
from bot.settings import SERVICE_CENTRE_DEFAULTS, Settings, load_settings

SLOT_MINUTES = 30
SLOT = timedelta(minutes=SLOT_MINUTES)
ELDERLY_AGE = 60
PRIORITY_COUNTER = ("您已年满60周岁，到了服务中心可以直接去“长者优先”窗口办理，不用排队取号；"
                    "行动不便的话，工作人员会到座位上为您办理。")
PRIORITY_COUNTER_EN = ("As you are 60 or over, you can go straight to the seniors' priority counter at the service centre, "
                       "with no need to take a ticket; if it's hard for you to get about, staff will come to your seat.")
# The default centre in English; a centre configured in the environment is shown as configured.
ENGLISH_DEFAULTS = {
    "name": "Claims Service Centre (Beijing)",
    "address": "Claims Service Centre, 2nd floor, Hua'an Building, 88 Jianguo Road, Chaoyang District, Beijing",
    "transport": ("Metro lines 1 and 10 to Guomao, exit C, then about 5 minutes on foot; buses to Guomao stop. "
                  "Paid parking under the building; step-free ramp and lift at the entrance"),
    "bring": ("Your ID card (the original)", "Your medical insurance card (social security card)",
              "The originals of your claim documents (invoices, medical records, discharge summary, etc.)",
              "Reading glasses (if you need them)",
              "If a family member comes for you: their ID card and a letter of authority signed by the insured person"),
}


class SlotError(ValueError):
    """A time that cannot be booked; the message is for the user."""


@dataclass(frozen=True)
class Centre:
    name: str
    address: str
    hours: Hours
    transport: str
    bring: Tuple[str, ...]
    capacity: int  # people per slot
    booking_days: int  # how far ahead one can book


def centre(settings: Optional[Settings] = None) -> Centre:
    settings = settings or load_settings()
    if settings.service_centre_slot_capacity < 1 or settings.service_centre_booking_days < 1:
        raise ValueError("service-centre slot capacity and booking days must be at least 1")
    return Centre(settings.service_centre_name, settings.service_centre_address,
                  parse_hours(settings.service_centre_hours, settings.timezone), settings.service_centre_transport,
                  tuple(settings.service_centre_bring), settings.service_centre_slot_capacity,
                  settings.service_centre_booking_days)


def shown_text(place: Centre, field: str, lang: str):
    """A configured text as the user reads it: the default centre has an English version."""
    value = getattr(place, field)
    default = SERVICE_CENTRE_DEFAULTS[field]
    is_default = value == (tuple(default.split(";")) if field == "bring" else default)
    return ENGLISH_DEFAULTS[field] if lang == EN and is_default else value


def info_text(place: Optional[Centre] = None, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """Address, hours, transport and what to bring, as one message."""
    place = place or centre()
    bring = "\n".join(f"{number}. {item}" for number, item in enumerate(shown_text(place, "bring", lang), start=1))
    if lang == EN:
        return (f"{shown_text(place, 'name', lang)}\nAddress: {shown_text(place, 'address', lang)}\n"
                f"Opening hours: working days {place.hours.label} (closed at weekends and on public holidays; "
                f"open on make-up working days)\nGetting there: {shown_text(place, 'transport', lang)}\n"
                f"Please bring:\n{bring}")
    return (f"{place.name}\n地址：{place.address}\n"
            f"营业时间：工作日 {place.hours.label}（周末和法定节假日休息，调休上班日照常营业）\n"
            f"交通：{place.transport}\n请带上：\n{bring}")


def slots_on(day: date, place: Centre) -> List[datetime]:
    """Every slot start of a day the centre is open (none on days off)."""
    if not is_working_day(day):
        return []
    start = datetime.combine(day, place.hours.opens, tzinfo=place.hours.zone)
    end = datetime.combine(day, place.hours.closes, tzinfo=place.hours.zone)
    slots = []
    while start + SLOT <= end:
        slots.append(start)
        start += SLOT
    return slots


def last_bookable_day(now: datetime, place: Centre) -> date:
    return now.astimezone(place.hours.zone).date() + timedelta(days=place.booking_days)


def bookable_slots(now: datetime, place: Optional[Centre] = None) -> List[datetime]:
    """Slots not yet started, today up to `booking_days` days ahead."""
    place = place or centre()
    today = now.astimezone(place.hours.zone).date()
    days = (today + timedelta(days=offset) for offset in range(place.booking_days + 1))
    return [slot for day in days for slot in slots_on(day, place) if slot > now]


def check_slot(slot: datetime, now: datetime, place: Optional[Centre] = None, *,
               lang: str = DEFAULT_LANGUAGE) -> datetime:
    """The slot in the centre's zone if it can be booked now; SlotError (for the user) otherwise."""
    place = place or centre()
    if slot.tzinfo is None:
        raise ValueError("slot must be timezone-aware")
    slot = slot.astimezone(place.hours.zone)
    en = lang == EN
    if slot <= now:
        raise SlotError("That time has already passed; please pick a later one." if en
                        else "这个时间已经过去了，请选一个以后的时间。")
    if slot.date() > last_bookable_day(now, place):
        raise SlotError(f"You can book up to {place.booking_days} days ahead; please pick an earlier day." if en
                        else f"只能预约{place.booking_days}天以内的时间，请选早一点的日子。")
    if not is_working_day(slot.date()):
        raise SlotError(f"The service centre is closed on {day_label(slot.date(), lang=lang)} (weekend or public "
                        "holiday); please pick a working day." if en
                        else f"{day_label(slot.date())}服务中心休息（周末或法定节假日），请选一个工作日。")
    if slot not in slots_on(slot.date(), place):
        raise SlotError(f"The service centre is open {place.hours.label}, in half-hour slots; please pick a time "
                        "on the hour or half hour." if en
                        else f"服务中心的营业时间是 {place.hours.label}，每半小时一个时段，请选整点或半点开始的时间。")
    return slot


def day_problem(day: date, now: datetime, place: Optional[Centre] = None, *,
                lang: str = DEFAULT_LANGUAGE) -> Optional[str]:
    """Why no slot of `day` can be booked now (passed, too far ahead, closed), for the user; None if some can."""
    place = place or centre()
    starts = slots_on(day, place)
    probe = starts[-1] if starts else datetime.combine(day, place.hours.opens, tzinfo=place.hours.zone)
    try:
        check_slot(probe, now, place, lang=lang)
    except SlotError as problem:
        return str(problem)
    return None


def slot_label(slot: datetime, place: Optional[Centre] = None, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """"11月25日（周三）09:30-10:00"; English "Wed 25 Nov 09:30-10:00"."""
    zone = place.hours.zone if place else slot.tzinfo
    local = slot.astimezone(zone)
    gap = " " if lang == EN else ""
    return f"{day_label(local.date(), lang=lang)}{gap}{local:%H:%M}-{local + SLOT:%H:%M}"


def is_elderly(birth_date: date, today: date) -> bool:
    return age_on(birth_date, today) >= ELDERLY_AGE


def priority_counter_sentence(birth_date: Optional[date], today: date, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """The priority-counter sentence for users aged 60 or over; "" for everyone else (and unknown ages)."""
    if not (birth_date and is_elderly(birth_date, today)):
        return ""
    return PRIORITY_COUNTER_EN if lang == EN else PRIORITY_COUNTER
