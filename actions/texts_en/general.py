"""Basics every topic uses: buttons, the menu, greetings, fallbacks, the identity check."""
from __future__ import annotations

from typing import Dict, List

Button = Dict[str, str]

HOTLINE = "400-800-1234 (weekdays 9:00-18:00)"
GAP = " "  # between sentences joined in code (Chinese needs none)

NEED_IDENTITY = "To keep your personal details safe, I need to check who you are before we look at policies and claims."
ACTION_FAILED = (
    "Sorry, something went wrong on our side just now. Everything you've entered is still here. "
    'Please send it again in a moment, or type "talk to a person".'
)
CLAIM_REPORT_CANCELLED = "All right, I've cancelled this claim report and nothing was submitted. You can start again any time."
ASK_REPHRASE = (
    "Sorry, I didn't quite get that. Could you say it another way? "
    'For example "I want to make a claim" or "what documents do I need".'
)
DEFAULT_FALLBACK = "Sorry, I still can't work out what you mean. You could put it another way, or let a real advisor help you."

MENU = (
    "Here's what I can do for you:\n1. Make a claim (I'll help you apply)\n2. Check how your claim is going\n"
    "3. Tell you which documents to prepare\n4. Explain the insurer's decision on a claim\n"
    "Just tell me what you need, or tap a button below."
)
MENU_BUTTONS: List[Button] = [
    {"title": "Make a claim", "payload": "/report_claim"},
    {"title": "Check my claim", "payload": "/ask_claim_status"},
    {"title": "Documents I need", "payload": "/ask_required_documents"},
    {"title": "Talk to an advisor", "payload": "/request_human"},
]

HUMAN_BUTTON: Button = {"title": "Talk to an advisor", "payload": "/request_human"}
HELP_BUTTON: Button = {"title": "What can you do?", "payload": "/help"}


def _inform(title: str, payload: str) -> Button:
    return {"title": title, "payload": f"/inform{payload}"}


def _choice(title: str, value: str) -> Button:
    """A button answering the form's current question (entity `choice`)."""
    return _inform(title, f'{{"choice":"{value}"}}')


# --- moved from the actions (general, identity) ---------------------------------------------------
LIST_SEP = ", "
GREET_NAMED = "Hello, {name}!"
GREET_ANON = "Hello, I'm the claims assistant. I help you with health insurance claims, free of charge."
ASK_AFFIRMATION = 'Did you mean "{intent}"?'
AFFIRM_YES = "Yes"
AFFIRM_NO = "No"
INTENT_DESCRIPTIONS = {
    "greet": "say hello",
    "goodbye": "end the chat",
    "affirm": "say yes",
    "deny": "say no",
    "thank": "say thank you",
    "help": "find out what I can do",
    "bot_challenge": "check whether I'm a bot",
    "inform": "give some information",
    "cancel": "cancel what we're doing",
    "report_claim": "make a claim",
    "ask_claim_status": "check how a claim is going",
    "ask_required_documents": "find out which documents to prepare",
    "upload_document": "send claim documents",
    "ask_coverage": "ask what your policy covers",
    "explain_decision": "have a claim decision explained",
    "dispute_decision": "appeal a claim decision",
    "request_human": "talk to an advisor",
    "request_callback": "book a call from an advisor",
    "elderly_assistance": "use simple mode",
    "service_center": "visit the service centre",
    "add_family_policy": "add a family member's policy",
    "submit_claim": "send in your claim documents",
    "glossary": "find out what an insurance word means",
    "complain": "make a complaint",
    "elderly_mode_off": "turn off simple mode",
    "manage_callback": "check or change a call-back",
    "book_appointment": "book a visit to the service centre",
    "manage_appointment": "check or change a service-centre visit",
    "request_paper_policy": "order a paper policy",
    "paper_policy_status": "see where your paper policy is",
}
BAD_MOBILE = "That mobile number doesn't look right: it should be 11 digits starting with 1, for example 13800138000. Please try again."
BAD_ID_LAST4 = (
    "Please enter the last 4 characters of the ID number: 3 digits, then a digit or an X, for example 0026 or 003X."
)
IDENTITY_MISMATCH = (
    "The mobile number and the last 4 ID characters don't match (you can try {left} more times). "
    "Please start again with the mobile number."
)
VERIFIED_HELLO = "Thank you, you're verified. Hello, {name}!"
# "取消报案" / "撤案" with no form in progress: a claim already reported is withdrawn by an advisor.
WITHDRAW_CLAIM = ("To withdraw a claim that is already reported, an advisor has to do it with the insurer, and the "
                  "same treatment usually cannot be claimed again afterwards. To withdraw, tap \"Talk to an advisor\" "
                  "and they will confirm with you; to see how the claim is going, tap \"Claim status\".")
WITHDRAW_BUTTONS: List[Button] = [HUMAN_BUTTON, {"title": "Claim status", "payload": "/ask_claim_status"}]
