"""Complaint words force the `complain` intent, whatever the classifier thought.

A user who writes "我要投诉", "你们是骗子" or "this is a scam, I'll report you to
the regulator" in the middle of a form must reach
a person at once (priority 1), even if DIET reads the message as an answer or
as something unclear. Runs after the FallbackClassifier (config.yml), so it
also overrides `nlu_fallback`.
"""
# No `from __future__ import annotations`: Rasa checks these type hints at graph-validation time.
import re
from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu.forced_intents import ForcedIntentClassifier

COMPLAIN_INTENT = "complain"
COMPLAINT_WORDS = re.compile(
    r"投诉|骗子|骗人|诈骗|忽悠|坑人|黑心|银保监|保监会|金融监管|监管局|监管部门|"
    r"(?<![\d.,¥])(?<!RMB )(?<!CNY )12378(?![\d.]|\s*(?:元|块|(?i:yuan|rmb|kuai)))|曝光|"
    r"律师函|找律师|请律师|起诉|告你们|上法院|打官司|媒体|记者|消协|315晚会|3·15|黑猫"
)
# English: whole words only. "report" alone is no complaint ("I want to report a claim"):
# only reporting *you* is.
COMPLAINT_WORDS_EN = re.compile(
    r"(?<![A-Za-z])(?:"
    r"complain\w*|complaints?|scam\w*|fraud\w*|rip[\s-]?off|ripped me off|ripping (?:me|us) off|"
    r"cheat(?:s|ed|ing|ers?)?|con artists?|liars?|you lied|"
    r"report (?:you|your company|your firm|this company|this to the)|reporting you|"
    r"regulators?|regulatory (?:authority|commission|body)|cbirc|nfra|"
    r"sue (?:you|your|the company|them)|suing (?:you|your)|lawsuit|legal action|"
    r"(?:get|hire|call|contact|find|see) (?:a|my) lawyer|my lawyers?|lawyer['’]?s letter|"
    r"take you to court|see you in court|go to court|"
    r"journalists?|reporters?|the press|the media|social media|go public|expose you|name and shame|"
    r"consumers?['’]? (?:association|council|protection)|ombudsman|"
    r"(?:terrible|awful|horrible|worst|appalling|pathetic|disgusting|shameful|lousy|useless|bad) "
    r"(?:service|customer service|company|insurer|insurance company|experience|treatment|attitude)"
    r")(?![A-Za-z])",
    re.IGNORECASE,
)


def is_complaint(text: str) -> bool:
    return bool(COMPLAINT_WORDS.search(text or "") or COMPLAINT_WORDS_EN.search(text or ""))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ComplaintKeywordClassifier(ForcedIntentClassifier):
    """Sets the intent to `complain` (confidence 1.0) when the text has a complaint word."""

    def intent_for(self, text: str) -> Optional[str]:
        return COMPLAIN_INTENT if is_complaint(text) else None
