"""Human advisors: the hand-off, the return to the bot, and call-backs."""
from __future__ import annotations

from typing import List

from actions.texts_en.general import Button, _choice

# --- human advisors: hand-off, return to the bot, call-backs ------------------------------
HANDOFF_INTROS = {
    "request_human": "Of course, I'm bringing in a real claims advisor to help you.",
    "complaint": (
        "I'm really sorry about the trouble you've had. We take your feedback seriously, "
        "and a claims advisor will deal with it first."
    ),
    "elderly": "Of course. A claims advisor will help you one to one, and you'll be looked after first. Take your time.",
    "fallback": "Sorry, I keep missing what you mean, so I'm bringing in a real claims advisor to help you.",
    "form_failures": (
        "This one seems tricky to fill in, so I'm bringing in a real claims advisor to help. "
        "Everything you've already entered is kept."
    ),
    "verification_failed": (
        "The mobile number and the last 4 ID characters didn't match three times in a row, so to keep your account safe "
        "I'll stop checking for now. Perhaps a different number was given when the policy was taken out; "
        "I've asked a real claims advisor to verify you."
    ),
    "dispute": "Your appeal has gone to a claims advisor, who will deal with it first.",
}
HANDOFF_WAIT = "The advisor's reply will come right here, so please keep this chat open. Expected wait: {wait}."
HANDOFF_CLOSED = "{wait}. The advisor's reply will come right here."
CALLBACK_OFFER = "If you'd rather not wait, you can also book a call from an advisor."
CALLBACK_BUTTON: Button = {"title": "Book a call-back", "payload": "/request_callback"}
BACK_TO_BOT = "The advisor has handed the chat back to me. I'm here whenever you need me."
VERIFIED_BY_ADVISOR = "The advisor has confirmed who you are, so there's no need to verify again."
CONTINUE_FORM = {
    "claim_report_form": (
        "What you entered for your claim report is still saved, so you can carry on if you like.",
        {"title": "Continue my claim", "payload": "/report_claim"}),
    "family_policy_form": (
        "What you entered for your family member's policy is still saved.",
        {"title": "Continue adding the policy", "payload": "/add_family_policy"}),
    "dispute_form": ("What you entered for your appeal is still saved.", {"title": "Continue my appeal", "payload": "/dispute_decision"}),
}
CALLBACK_MOVED = "I've taken you out of the queue; an advisor will call you instead."

# --- call-backs --------------------------------------------------------------------------------
CB_DEFAULT_PHONE = "Shall the advisor call you on {mobile}?"
CB_DEFAULT_PHONE_BUTTONS: List[Button] = [_choice("Yes, call this number", "default_phone"),
                                          _choice("Use another number", "other_phone")]
CB_ASK_PHONE = (
    "Which number should the advisor call? A mobile number, or a landline with its area code (for example 010-12345678)."
)
CB_ASK_WINDOW = "When would you like the advisor to call?"
CB_WINDOW_BUTTONS: List[Button] = [_choice("Morning", "morning"), _choice("Afternoon", "afternoon"),
                                   _choice("Either is fine", "any")]
CB_WINDOW_UNCLEAR = "Please choose morning, afternoon, or either."
CB_ASK_TOPIC = "What would you like to talk to the advisor about? Tap an option below, or just tell me."
# Payloads carry the canonical (Chinese) topic values the advisor console shows.
CB_TOPIC_BUTTONS: List[Button] = [
    _choice("How my claim is going", "理赔进度"), _choice("Documents", "理赔材料"), _choice("The claim decision", "理赔结果"),
    _choice("Something else", "其他"),
]
CB_ACCOUNT_ONLY_AFTER_VERIFY = "The advisor will check who you are first, before talking about your policies and claims."
CB_MANAGE = "What would you like to change?"
CB_MANAGE_BUTTONS: List[Button] = [
    {"title": "Call me in the morning", "payload": '/manage_callback{"choice":"morning"}'},
    {"title": "Call me in the afternoon", "payload": '/manage_callback{"choice":"afternoon"}'},
    {"title": "Use another number", "payload": '/request_callback{"choice":"other_phone"}'},
    {"title": "Cancel the call-back", "payload": '/manage_callback{"choice":"cancel"}'},
]
CB_UPDATE_EXISTING = "You already have a call-back booked; what you enter now will update it."
CB_CHANGE_HINT = '\nTo change the time or number, or to cancel, just say "change my call-back" or "cancel my call-back".'
CB_AFTER_FORM = 'Let\'s finish what we\'re doing first. Then say "book a call-back" and I\'ll arrange for an advisor to phone you.'
CB_FORM_CANCELLED = 'All right, no call-back this time. Whenever you need one, say "book a call-back".'

# --- moved from the actions (call-backs) ----------------------------------------------------------
CB_CONTINUE_TOPIC = "Carry on with: {form}"
