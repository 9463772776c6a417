"""A claim's documents, submission and status; decisions explained; cover questions; family policies."""
from __future__ import annotations

from typing import List

from actions.texts_en.general import Button

# --- help review: materials, uploads, submission, status ------------------------------
HOW_TO_SEND = (
    "Just send me a photo or a PDF of each document (in the web chat tap 📎, in Telegram send the picture or file, "
    "in the terminal chat type /file followed by the file's path). One document at a time, with all four corners in the picture."
)
ASK_CLAIM_KIND = "Which kind of claim would you like the document list for?"
ALREADY_REPORTED_BUTTON: Button = {"title": "Already reported, check my documents", "payload": "/ask_claim_status"}
GENERAL_CHECKLIST_NOTE = (
    "If you've already reported a claim, once I've checked who you are I can go through your case item by item: "
    "what has arrived and what's still missing, all in one go."
)
NO_CLAIMS = "You don't have any claims with us yet. If you like, I can help you make one right now."
REPORT_BUTTON: Button = {"title": "Make a claim", "payload": "/report_claim"}
CHOOSE_CLAIM = "You have {count} claims with us. Which one do you mean? Tap one below, or reply with its number or case number."
READY_TO_SUBMIT = "All the required documents are here. Once you confirm, we'll send them to the insurer."
AFTER_VERIFICATION = "Let's check who you are first; right after that I'll {task}."
AFTER_FORM = "Let's finish {form} first, then I'll {task} straight away."
BACK_TO_FORM = "Let's carry on where we left off."
TASK_NAMES = {
    "report_claim": "help you make your claim",
    "ask_claim_status": "check how your claim is going",
    "upload_document": "take your documents",
    "submit_claim": "send your documents to the insurer",
    "explain_decision": "explain the claim decision",
    "ask_coverage": "answer your question about your cover",
    "add_family_policy": "add your family member's policy",
    "dispute_decision": "help you appeal",
    "request_callback": "book a call from an advisor",
    "book_appointment": "book a visit to the service centre",
    "manage_appointment": "look up your service-centre visit",
    "request_paper_policy": "order your paper policy",
    "paper_policy_status": "see where your paper policy is",
}
FORM_NAMES = {"claim_report_form": "this claim report", "family_policy_form": "adding this family policy",
              "dispute_form": "this appeal", "callback_form": "booking the call-back",
              "paper_policy_form": "the paper policy request"}
FORM_TASKS = {"claim_report_form": "report_claim", "family_policy_form": "add_family_policy",
              "dispute_form": "dispute_decision", "callback_form": "request_callback",
              "paper_policy_form": "request_paper_policy"}
OVERDUE = "⚠ The insurer has gone past its deadline: {basis}. We can ask a claims advisor to chase them for you."

# --- help interpret ---------------------------------------------------------------------
NOT_DECIDED = (
    "The insurer hasn't made a decision on case {case} yet. Once they have, I'll explain it to you item by item. "
    "For now, you can check how it's going."
)
FIGURES_DISAGREE = (
    "For case {case}, the amounts the insurer recorded don't add up to what they paid, so I won't guess a figure for you. "
    "I'll ask a claims advisor to check the original decision letter and go through it with you item by item."
)
NO_POLICIES = (
    "I can't find any policies in your name yet. If you bought one on another platform, "
    "you can add it first and then I'll look at your cover with you."
)
ADD_FAMILY_BUTTON: Button = {"title": "Add a policy from elsewhere", "payload": "/add_family_policy"}
ASK_COVERAGE_TOPIC = (
    "What would you like to know about your policy? You can also just ask, "
    'for example "Am I covered at a private hospital?"'
)
# The payloads are the Chinese questions the NLU and actions/choices.py know; only the titles change.
COVERAGE_TOPIC_BUTTONS: List[Button] = [
    {"title": "How much deductible is left", "payload": "How much of my deductible is left?"},
    {"title": "Are outpatient visits covered", "payload": "Are outpatient visits covered?"},
    {"title": "Are private hospitals covered", "payload": "Can I claim for a private hospital?"},
    {"title": "Is the waiting period over", "payload": "Is my waiting period over?"},
    {"title": "How much cover is left", "payload": "How much of my sum insured is left?"},
]
COVERAGE_UNKNOWN = (
    "Some questions can't be answered for certain from the policy record, and I won't decide for the insurer. "
    "If you like, an advisor can check the full policy wording for you."
)
FAMILY_POLICY_ADDED = (
    "Policy {number} has been added (marked as bought on another platform). You can now use it to ask about cover, "
    "make a claim or check a claim. If some terms like the deductible or the reimbursement share weren't filled in, "
    "I'll tell you which answers an advisor needs to check."
)
