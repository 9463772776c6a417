"""Elderly mode ("simple mode" in English): one thing at a time, choices by number, plain words."""
from __future__ import annotations

from typing import Dict, List

from actions.texts_en.general import Button

# --- elderly mode ------------------------------------------------------------------------------
ELDERLY_ON = (
    "All right, I've switched on simple mode: I'll say one thing at a time and ask one question at a time. "
    "When there are choices, you can just reply with a number."
)
ELDERLY_ON_AUTO = (
    "To make things easier, I've switched on simple mode: one thing at a time, and you can reply with a number to choose. "
    'If you\'d rather not type, say "call me" and an advisor will phone you. '
    'If you don\'t want simple mode, say "turn off simple mode".'
)
ELDERLY_OFFER = "If you'd rather not type, an advisor can phone you, or you can talk to a real advisor now."
ELDERLY_OFFER_BUTTONS: List[Button] = [
    {"title": "Please phone me", "payload": "/request_callback"},
    {"title": "Talk to a real advisor now", "payload": "/request_human"},
    {"title": "I'll carry on myself", "payload": "/help"},
]
ELDERLY_OFF = 'All right, simple mode is off. Say "simple mode" any time to switch it back on.'
ELDERLY_OFF_ALREADY = 'You\'re already in normal mode. Say "simple mode" any time to switch it on.'
ELDERLY_STEP_DONE = "Thank you, I've noted that."
ELDERLY_STRUGGLE = "Don't worry if this one is hard to fill in. An advisor can phone you and fill it in with you."
ELDERLY_STRUGGLE_BUTTONS: List[Button] = [
    {"title": "Please phone me", "payload": "/request_callback"},
    {"title": "Talk to a real advisor", "payload": "/request_human"},
]
ELDERLY_REPLY_DIGIT = "Please reply {digits}, or tap your choice."
# Insurance words replaced by plain words in simple mode (the term stays in brackets the first time).
# Matched whole-word and case-insensitively (actions/elderly.py).
PLAIN_WORDS: Dict[str, str] = {  # noun phrases that read right after "the", "your" or "a"
    "deductible": "amount you pay yourself first",
    "waiting period": "start-up period when the policy can't pay out yet",
    "reimbursement share": "share you get back",
    "reimbursement ratio": "share you get back",
    "pre-existing condition": "health problem you had before buying the insurance",
    "sum insured": "most the policy can pay",
    "insured person": "person the policy covers",
    "policyholder": "person who bought the insurance",
    "incident": "illness or injury",
    "adjudicated": "checked",
    "claim form": "claim application form",
    "outside the social insurance list": "not paid by public medical insurance",
    "social medical insurance": "public medical insurance",
}
NUMBER_NOT_OFFERED = "There were no choices to pick from just now. Please just tell me what you'd like to do."
NUMBER_OUT_OF_RANGE = "There's no option {number}. Please reply with one of these numbers: {digits}."
