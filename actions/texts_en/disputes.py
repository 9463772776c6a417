"""Appeals against a claim decision: the appeal button, the dispute form, and a won appeal."""
from __future__ import annotations

from typing import List, Tuple

from actions.texts_en.claims import HOW_TO_SEND
from actions.texts_en.general import Button, _choice


def dispute_button(case_number: str) -> Button:
    return {"title": "I disagree, I'd like to appeal", "payload": f'/dispute_decision{{"case_number":"{case_number}"}}'}


# --- help mediate: disputes -----------------------------------------------------------------
DISPUTE_GROUND_BUTTONS: List[Tuple[str, str]] = [
    ("emergency_admission", "Emergency / ambulance"),
    ("misapplied_clause", "Wrong clause applied"),
    ("wrong_amount", "Amount is wrong"),
    ("waiting_period", "Waiting period is wrong"),
    ("pre_existing", "Not a pre-existing condition"),
    ("other", "Something else"),
]
DISPUTE_GROUNDS_DONE = "done"
ASK_DISPUTE_CASE = "Which claim decision would you like to appeal?"
NO_DISPUTABLE_CLAIMS = (
    "The insurer hasn't decided any of your claims yet, so there's nothing to appeal for now. "
    "If you're wondering how a claim is going, I can check that for you."
)
ASK_DISPUTE_GROUNDS = (
    'What do you think the insurer got wrong? You can pick more than one, then tap "Done". '
    "Or just tell me in a sentence."
)
DISPUTE_GROUNDS_PICKED = 'Picked so far: {picked}. Any other reasons? When you\'re finished, tap "Done".'
DISPUTE_GROUNDS_UNCLEAR = (
    "Please tap the buttons below to pick your reasons (more than one is fine), or use a key word like "
    '"emergency", "clause", "amount", "waiting period" or "pre-existing".'
)
DISPUTE_STATEMENT_TOO_SHORT = (
    "Could you tell me a little more about what happened and why, in your own words (at least {min} characters)? "
    'For example "An ambulance took me to this hospital, I couldn\'t choose where to go". '
    "Your advisor will use this to write the appeal."
)
DISPUTE_STATEMENT_TOO_LONG = (
    "Thank you, that's very detailed! Please keep it under {max} characters, with the most important events and reasons. "
    "You can tell the advisor the rest later."
)
ASK_DISPUTE_EVIDENCE = (
    "Do you have anything that backs this up? For example the ambulance record, the emergency department notes "
    "or the itemised bill. " + HOW_TO_SEND + ' If you don\'t have any, tap "Skip".'
)
DISPUTE_EVIDENCE_RECEIVED = 'Got your evidence: {names}. Anything else? When you\'ve sent it all, tap "That\'s all my evidence".'
DISPUTE_EVIDENCE_SKIP: Button = _choice("Skip", "skip")
DISPUTE_EVIDENCE_DONE: Button = _choice("That's all my evidence", "done")
DISPUTE_EVIDENCE_UNCLEAR = (
    "Please send a photo or PDF of your evidence. When you've sent it all, tap \"That's all my evidence\"; "
    'if you don\'t have any, tap "Skip".'
)
DISPUTE_ALREADY_OPEN = (
    "Case {case} is already being appealed and an advisor is on it. "
    'If you\'d like to add something, type "talk to a person" and tell the advisor directly.'
)
DISPUTE_NOT_DECIDED = (
    "The insurer hasn't decided case {case} yet. Once the decision is out, you can appeal if you disagree with it."
)
DISPUTE_CONFIRM_BUTTONS: List[Button] = [
    {"title": "Submit my appeal", "payload": "/affirm"},
    {"title": "Change my reasons", "payload": "/deny"},
    {"title": "Don't appeal", "payload": "/cancel"},
]
DISPUTE_CONFIRM_UNCLEAR = 'Please tap "Submit my appeal", or "Change my reasons" to edit them.'
DISPUTE_SUBMITTED = (
    "Your appeal is registered (case {case}). What happens next: a claims advisor will write up the appeal from your "
    "reasons and evidence and send it to the insurer for you, usually within 1-2 working days. Insurers normally reply "
    "within 15-30 days of receiving an appeal, and we'll let you know here as soon as there's news."
)
DISPUTE_CANCELLED = (
    "All right, no appeal this time, and nothing you entered was submitted. "
    'If you change your mind, just say "I want to appeal".'
)

# --- after a won dispute ---------------------------------------------------------------------
DISPUTE_WON_NOTE = {
    "overturned": "Case {case}: after your appeal, the insurer changed its decision on {day:%-d %b %Y} and agreed to pay {amount}.",
    "partly_overturned": (
        "Case {case}: after your appeal, the insurer partly changed its decision on {day:%-d %b %Y} "
        "and paid {amount} more."
    ),
}
ORIGINAL_DECISION = "Here is the insurer's original decision and the reasons it gave at the time, for comparison:\n"

# --- moved from the actions (dispute) -------------------------------------------------------------
CASE_NOT_FOUND = "I couldn't find that case, or it isn't in your name. Please check the case number (for example C-1003) and tell me again."
DISPUTE_CASE_UNCLEAR = "I couldn't tell which case you mean. Please tap a button below, or tell me the case number (for example C-1001)."
DISPUTE_DONE_TITLE = "Done"
DISPUTE_GROUND_TITLES = dict(DISPUTE_GROUND_BUTTONS)
DISPUTE_SUMMARY = (
    "Please check your appeal:\nCase: {case}\nReasons: {grounds}\nIn your words: {statement}\nEvidence: {evidence}"
)
DISPUTE_NO_EVIDENCE = "none yet (you can also send it to the advisor later)"
