"""The service centre (visits) and paper policies by post."""
from __future__ import annotations

from typing import List

from actions.texts_en.general import Button, _choice

# --- service centre ----------------------------------------------------------------------------
SC_BUTTONS: List[Button] = [
    {"title": "Book a visit", "payload": "/book_appointment"},
    {"title": "When is my visit?", "payload": "/manage_appointment"},
]
SC_CHOOSE_SLOT = "Here are the next times you can book (half an hour each). Just pick one:"
SC_CHOOSE_NEW_SLOT = "Which time would you like instead? Pick a new slot:"
SC_NO_SLOTS = "All slots for the next few days are full. You can book a call from an advisor, or just come in and take a ticket."
SC_SLOT_GONE = "Sorry, that slot has just filled up. These times still have places, please pick another:"
SC_MANAGE_BUTTONS = "To change the time or cancel, tap a button below."
SC_NOTHING_TO_CANCEL = "You don't have a visit booked at the service centre."
SC_PRIORITY_COUNTER_ANY = "Customers aged 60 or over can go straight to the seniors' priority counter at the service centre, with no need to take a ticket."
SC_WHICH = "You have more than one visit booked. Which one do you mean?"

# --- paper policy by post -----------------------------------------------------------------------
PP_ASK_POLICY = "Which policy would you like a paper copy of?"
PP_NO_POLICIES = "You don't have any policies taken out through us, so there's no paper policy we can print."
PP_ASK_RECIPIENT = "Who should we address it to?"
PP_RECIPIENT_SELF: Button = _choice("Send it to me", "self")
PP_ASK_MOBILE = "What's the recipient's mobile number? The courier will call this number."
PP_MOBILE_SELF: Button = _choice("Use my verified mobile", "self")
PP_CONFIRM = (
    "Please check the delivery details:\nPolicy: {policy}\nSend to: {address}\n"
    "Postage is free, and it's usually sent within 3 working days."
)
PP_CONFIRM_BUTTONS: List[Button] = [
    {"title": "Yes, send it", "payload": "/affirm"},
    {"title": "Change the address", "payload": "/deny"},
    {"title": "Don't send it", "payload": "/cancel"},
]
PP_CONFIRM_UNCLEAR = 'Please tap "Yes, send it", or "Change the address" to enter the address again.'
PP_CANCELLED = 'All right, we won\'t send it, and nothing was registered. Whenever you need one, say "I want a paper policy".'
PP_NO_REQUESTS = 'You haven\'t asked for a paper policy yet. If you\'d like one, just say "I want a paper policy"; postage is free.'
PP_NOTHING_TO_CANCEL = "You have no paper-policy request in progress, so there's nothing to cancel."
PP_WHICH_TO_CANCEL = "Which policy's paper copy should I cancel?"
PP_ALREADY = "A paper copy of this policy is already on its way, so there's no need to ask again."

# --- moved from the actions (paper policy, service centre) ----------------------------------------
PP_POLICY_UNCLEAR = "I couldn't tell which policy you mean. Please tap one of the buttons below."
PP_RECIPIENT_SELF_TITLE = "Send it to me ({name})"
PP_MOBILE_SELF_TITLE = "Use {mobile}"
PP_REQUEST_BUTTON: Button = {"title": "Order a paper policy", "payload": "/request_paper_policy"}
SC_SEATS_LEFT = "{slot} · {count} places left"
SC_CHANGE_TIME_TITLE = "Change the time"
SC_CANCEL_TITLE = "Cancel the visit"
SC_PICK_TITLE = "{verb}: {appointment}"
SC_VERBS = {"cancel": "Cancel", "change": "Change the time"}

# --- English only: what the back end (bot/store) says in Chinese, rendered by the actions ----------
BACK_END = {
    # call-backs (bot.store.callbacks)
    "cb_bad_phone": ("That phone number doesn't look right. A mobile number has 11 digits, for example 13800138000; "
                     "for a landline please add the area code, for example 010-12345678 or 0755-1234567."),
    "cb_no_phone": "Please give me a number we can reach you on (a mobile, or a landline with its area code).",
    "cb_promise": "an advisor will call you on {phone} {due}, {window}",
    "cb_window_morning": "in the morning if at all possible",
    "cb_window_afternoon": "in the afternoon if at all possible",
    "cb_window_any": "at a time the advisor arranges",
    "cb_booked": "All set, your call-back is booked: {promise}. Please keep your phone nearby.",
    "cb_updated": "You'd already booked a call-back, so I've updated it: {promise}.",
    "cb_kept": "You've already booked a call-back, same number and time of day: {promise}.",
    "cb_changed": "Done: {promise}.",
    "cb_cancelled": 'I\'ve cancelled your call-back. If you need one later, just say "book a call-back".',
    "cb_none": 'You don\'t have a call-back booked. If you\'d like one, say "book a call-back" and an advisor will phone you within one working day.',
    "cb_open": "Your call-back is being arranged: {promise}.",
    "cb_open_topic": " Topic: {topic}.",
    "cb_done": "An advisor already called you on {day} at {time}. If you need more help, you can book another call-back.",
    "cb_closed": "Your earlier call-back was cancelled. You can book a new one whenever you like.",
    "cb_not_open": "This call-back is no longer open.",
    # service-centre visits (bot.store.appointments)
    "sc_full": "That slot is already full; please pick another time.",
    "sc_booked": "Booked!",
    "sc_moved": "Done, your {old} visit is cancelled. The new time:",
    "sc_confirmation": ("{opening} {slot}, {purpose}.\nWhere: {name}, {address}. Please arrive 10 minutes early "
                        "and bring your ID card (the original).\nTo change the time or cancel, just tell me."),
    "sc_cancelled": "I've cancelled your {slot} visit. You can book again whenever you like.",
    "sc_none": "You don't have a visit booked at the service centre. Tell me which day suits you and I'll book a time.",
    "sc_upcoming": "Your visits to {name}:\n{lines}\nAddress: {address}",
    "sc_already": "You've already booked {slot}, so there's no need to book it again.",
    "sc_same": "Your visit is already at {slot}, so there's nothing to change.",
    "sc_not_changeable": "This visit can't be changed any more (it was cancelled or its time has passed). You can book a new one.",
    "sc_purpose_consultation": "claims advice",
    "sc_purpose_materials": "sorting out your documents in person",
    "sc_purpose_filing": "handing in a claim at the counter",
    "sc_purpose_other": "something else",
    "sc_bring": "For case {case}, please bring the originals of these documents to the counter:\n{checklist}",
    "sc_bring_missing": "\nWe haven't yet received a usable copy of {missing}, so please be sure to bring them.",
    # paper policies: the field checks (bot.store.mailings writes its status texts in both languages itself)
    "pp_field_recipient": "Please give the recipient's real name (2 to 20 characters, no digits), for example Wang Li.",
    "pp_field_mobile": "The recipient's mobile number doesn't look right. Please enter 11 digits, for example 13800138000.",
    "pp_field_province": "Please give the province (2 to 20 characters), for example Zhejiang.",
    "pp_field_city": "Please give the city (2 to 30 characters), for example Hangzhou.",
    "pp_field_district": "Please give the district or county (2 to 30 characters), for example Xihu District.",
    "pp_field_street": ("Please give the street address, with the street, estate, building and flat number "
                        "(5 to 120 characters)."),
    "pp_failed": "Sorry, I couldn't register this request. Please check the details, or talk to an advisor.",
}
