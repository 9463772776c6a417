"""The English catalogue: the same names as actions/texts.py, in English.

Every public name of texts.py is defined here too, with the same {placeholders},
the same button payloads and the same dict keys (tests/test_actions/test_texts_en.py).
Only what the user reads changes: slot values and payloads stay canonical.
"""
from __future__ import annotations

from typing import Dict, List, Tuple

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


# English addresses are asked part by part (actions/paper_policy.py reads a whole address in Chinese only).
PP_ASK_PROVINCE_TEXT = (
    "Where should we post it? First, which province is it in "
    "(or a city like Beijing, Shanghai, Tianjin or Chongqing)? I'll ask for the city, district and street next."
)

FORM_QUESTIONS: Dict[Tuple[str, str], Tuple[str, List[Button]]] = {
    ("identity_form", "mobile"): ("Please enter the mobile number you gave when you took out the policy (11 digits).", []),
    ("identity_form", "id_last4"): (
        "Please enter the last 4 characters of the ID card number of the insured person or the policyholder "
        "(if the last one is an X, just type X).", []),
    ("claim_report_form", "incident_type"): (
        "Was this because of an accident or an illness?",
        [_inform("Accident or injury", '{"incident_type":"accident"}'), _inform("Illness", '{"incident_type":"illness"}')],
    ),
    ("claim_report_form", "incident_date"): (
        'Which day did it happen (or when did you first see a doctor)? You can say "yesterday", "Nov 3" or "3 November 2026".', []),
    ("claim_report_form", "hospital"): (
        'Which hospital did you go to? Please give me its full name, for example "Beijing Chaoyang Hospital".', []),
    ("claim_report_form", "hospital_grade"): (
        'What kind of hospital is it, and what grade? If you\'re not sure, that\'s fine, just pick "Not sure".',
        [
            _inform("Public, grade 3A", '{"hospital_grade":"3A","hospital_ownership":"public"}'),
            _inform("Public, grade 2", '{"hospital_grade":"2","hospital_ownership":"public"}'),
            _inform("Public, grade 1 / community", '{"hospital_grade":"1","hospital_ownership":"public"}'),
            _inform("Private hospital", '{"hospital_ownership":"private"}'),
            _inform("Not sure", '{"hospital_grade":"unknown"}'),
        ],
    ),
    ("claim_report_form", "diagnosis"): (
        "What did the doctor diagnose, or what was the injury? For example "
        '"acute appendicitis, had an operation" or "cut my right hand, needed stitches".', []),
    ("claim_report_form", "claim_amount"): (
        'Roughly how much were the medical bills in total? A rough figure is fine, for example "8,000" or "13,418 yuan".', []),
    ("family_policy_form", "fp_insurer"): (
        'Which insurance company issued this policy? It\'s at the top of the e-policy, for example "ZhongAn Online P&C Insurance".', []),
    ("family_policy_form", "fp_product"): ('What is the product called? For example "Zunxiang e-Sheng 2023".', []),
    ("family_policy_form", "fp_policy_number"): (
        "What's the policy number? It's on the first page of the e-policy, made up of letters and digits.", []),
    ("family_policy_form", "fp_insured_name"): ("What's the name of the insured person (the person the policy covers)?", []),
    ("family_policy_form", "fp_relationship"): (
        "Who is the insured person to you?",
        [_choice("Myself", "self"), _choice("My spouse", "spouse"), _choice("My parent", "parent"), _choice("My child", "child")],
    ),
    ("family_policy_form", "fp_policy_type"): (
        "What kind of insurance is it?",
        [_choice("Medical", "medical"), _choice("Accident", "accident"), _choice("Critical illness", "critical_illness"),
         _choice("Other", "other")],
    ),
    ("family_policy_form", "fp_start_date"): ('From which day does the policy cover you? For example "1 March 2026".', []),
    ("family_policy_form", "fp_end_date"): (
        "Until which day does it cover you? A one-year policy usually ends the day before the same date next year, "
        'for example "28 February 2027".', []),
    ("family_policy_form", "fp_deductible"): (
        'How much is the yearly deductible? If you\'re not sure, tap "Don\'t know" to skip it.',
        [_choice("No deductible", "0"), _choice("10,000 yuan", "10000"), _choice("Don't know", "不知道")],
    ),
    ("family_policy_form", "fp_ratio"): (
        "After social medical insurance has paid its part, what share does this policy reimburse? "
        "You can skip this if you're not sure.",
        [_choice("100%", "1.00"), _choice("80%", "0.80"), _choice("Don't know", "不知道")],
    ),
    ("dispute_form", "dispute_statement"): (
        "In your own words, please tell me what happened and why you feel the decision isn't fair. "
        "Your advisor will use this to write the appeal.", []),
    ("paper_policy_form", "pp_province"): (PP_ASK_PROVINCE_TEXT, []),
    ("paper_policy_form", "pp_city"): ('Which city? For example "Hangzhou".', []),
    ("paper_policy_form", "pp_district"): ('Which district or county? For example "Xihu District".', []),
    ("paper_policy_form", "pp_street"): (
        'And the street address: street, estate, building and flat number, for example "Flat 201, Building 3, 90 Wensan Road".', []),
    ("family_policy_form", "fp_hospital_requirement"): (
        "Does the policy say which hospitals you may use?",
        [_choice("Public hospitals, grade 2 or above", "public_grade2_plus"), _choice("Any hospital", "any"),
         _choice("Don't know", "不知道")],
    ),
}

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


def dispute_button(case_number: str) -> Button:
    return {"title": "I disagree, I'd like to appeal", "payload": f'/dispute_decision{{"case_number":"{case_number}"}}'}


FAMILY_POLICY_ADDED = (
    "Policy {number} has been added (marked as bought on another platform). You can now use it to ask about cover, "
    "make a claim or check a claim. If some terms like the deductible or the reimbursement share weren't filled in, "
    "I'll tell you which answers an advisor needs to check."
)

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
CB_UPDATE_EXISTING = "You already have a call-back booked; what you enter now will update it."
CB_CHANGE_HINT = '\nTo change the time or number, or to cancel, just say "change my call-back" or "cancel my call-back".'
CB_AFTER_FORM = 'Let\'s finish what we\'re doing first. Then say "book a call-back" and I\'ll arrange for an advisor to phone you.'
SC_PRIORITY_COUNTER_ANY = "Customers aged 60 or over can go straight to the seniors' priority counter at the service centre, with no need to take a ticket."
SC_WHICH = "You have more than one visit booked. Which one do you mean?"
CB_FORM_CANCELLED = 'All right, no call-back this time. Whenever you need one, say "book a call-back".'

# --- moved from the actions (general, identity, dispute, paper policy, service centre) ------------
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
CASE_NOT_FOUND = "I couldn't find that case, or it isn't in your name. Please check the case number (for example C-1003) and tell me again."
DISPUTE_CASE_UNCLEAR = "I couldn't tell which case you mean. Please tap a button below, or tell me the case number (for example C-1001)."
DISPUTE_DONE_TITLE = "Done"
DISPUTE_GROUND_TITLES = dict(DISPUTE_GROUND_BUTTONS)
DISPUTE_SUMMARY = (
    "Please check your appeal:\nCase: {case}\nReasons: {grounds}\nIn your words: {statement}\nEvidence: {evidence}"
)
DISPUTE_NO_EVIDENCE = "none yet (you can also send it to the advisor later)"
CB_CONTINUE_TOPIC = "Carry on with: {form}"
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
