"""What each form asks: FORM_QUESTIONS, a question and its buttons per (form, slot)."""
from __future__ import annotations

from typing import Dict, List, Tuple

from actions.texts_en.general import Button, _choice, _inform

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
