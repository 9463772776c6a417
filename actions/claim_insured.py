"""Whose claim a report is, when the request names a relative ("我妈上周住院了，帮我报案").

A claim filed on the wrong person's policy is rejected, so a human advisor
would catch it at once. When the request names one relative (spouse, parent
or child; bot.claims.family_policy reads the words), the report uses that
relative's only policy, leads the policy question with their policies, or,
when none of theirs is on file, says so before the user picks one of their
own, and how to add the relative's policy (bought on any platform).
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from rasa_sdk import Tracker

from actions.asked_facts import FORM, QUESTION_INTENT, REQUEST_INTENT
from actions.common import event_intent, latest_intent, latest_text
from bot.claims.family_policy import relations_in
from bot.claims.wording import pick
from bot.i18n import EN
from bot.store import customers

Relation = Tuple[str, Optional[str]]  # (spouse / parent / child, "F" / "M" or None)
FAMILY = ("spouse", "parent", "child")
SELF_DESCRIPTIONS = ("老人",)  # "我是老人，住院能报吗" is about the user
VERIFICATION_ANSWER = re.compile(r"^\s*[\dXx\s-]{4,13}\s*$")  # a mobile number or the last 4 ID characters
WITH_THE_USER = re.compile(r"我和|我跟|和我|跟我|我俩|\b(?:me and|and me|and I|both of us)\b", re.I)

WORDS = {
    "zh": {
        "who": {("parent", "F"): "您母亲", ("parent", "M"): "您父亲", ("parent", None): "您父母",
                ("spouse", "F"): "您妻子", ("spouse", "M"): "您丈夫", ("spouse", None): "您爱人",
                ("child", "F"): "您女儿", ("child", "M"): "您儿子", ("child", None): "您孩子"},
        "theirs": "将为{who}的保单报案：{title}",
        "no_cover_of_theirs": "您问的是{who}的情况，但您这里还没有{who}的保单：您自己的保单只保您本人，不能用来报{who}的费用。"
                              "把{who}的保单（在哪个平台买的都可以）添加进来以后，我就能对照条款告诉您能不能报。",
        "none_of_theirs": "您说的是{who}看病，但您这里还没有{who}的保单，理赔要用被保险人本人的保单，用别人的保单会被拒赔。"
                          "{who}的保单（在哪个平台买的都可以）可以先添加进来：说“不办了”结束这次报案，再说“添加家人保单”。"
                          "如果这次其实是您本人看病，请在下面选您的保单。",
    },
    EN: {
        "who": {("parent", "F"): "your mother", ("parent", "M"): "your father", ("parent", None): "your parent",
                ("spouse", "F"): "your wife", ("spouse", "M"): "your husband", ("spouse", None): "your spouse",
                ("child", "F"): "your daughter", ("child", "M"): "your son", ("child", None): "your child"},
        "theirs": "I'll report the claim on {who}'s policy: {title}",
        "no_cover_of_theirs": "You are asking about {who}, but there is no policy of {who}'s here yet: your own policies "
                              "cover you only and cannot pay {who}'s bills. Add {who}'s policy (bought on any platform) "
                              "and I can tell you from its terms what it pays.",
        "none_of_theirs": "You said this is about {who}, but there is no policy of {who}'s here yet. A claim must use "
                          "the insured person's own policy; one on someone else's policy is rejected. You can add "
                          "{who}'s policy first (bought on any platform): say \"cancel\" to stop this report, then "
                          "\"add a family policy\". If you were the patient after all, please pick your policy below.",
    },
}


def _started_this_turn(tracker: Tracker) -> bool:
    """Whether the claim form became active after the user's latest message (its first question)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "active_loop" and event.get("name") == FORM:
            return True
    return False


def named_relative(tracker: Tracker) -> Optional[Relation]:
    """The one relative the report request names, in this message or in the one that waited for verification;
    only while the report starts, so it is said once."""
    if not _started_this_turn(tracker):
        return None
    if latest_intent(tracker) == REQUEST_INTENT:
        return relative_in(latest_text(tracker)) or relative_in(_question_just_before(tracker))
    if tracker.get_slot("pending_task") == REQUEST_INTENT:  # the turn right after verification
        return relative_in(tracker.get_slot("pending_question") or "")
    return None


def _question_just_before(tracker: Tracker) -> str:
    """The coverage question answered right before this report request ("我妈住院了能报吗", then "那帮我报案"),
    with only verification answers or thanks in between; else ""."""
    said = [e for e in tracker.events if e.get("event") == "user"][:-1]
    for event in reversed(said):
        intent = event_intent(event)
        if intent in ("affirm", "thank") or VERIFICATION_ANSWER.match(event.get("text") or ""):
            continue
        return (event.get("text") or "") if intent == QUESTION_INTENT else ""
    return ""


def relative_in(text: str) -> Optional[Relation]:
    """The one relative the words are about ("我妈住院了" → parent, F), else None."""
    if WITH_THE_USER.search(text):
        return None  # "我和我妈都住院了": whose claim is not one person's
    named = {kind for word, kind in relations_in(text).items() if word not in SELF_DESCRIPTIONS}
    codes = {code for code, _ in named}
    if len(codes) != 1 or not codes <= set(FAMILY):
        return None  # none, "self" as well ("我和我妈"), or two relatives
    genders = {gender for _, gender in named}
    return codes.pop(), genders.pop() if len(genders) == 1 else None


def relatives_policies(session, customer: int, visible: List, relation: Relation) -> List:
    """The policies of `visible` that insure a relative of that kind (and sex, when the words told it)."""
    code, gender = relation
    ids = {person.id for person, kind in customers.family_of(session, customer)
           if kind == code and gender in (None, person.gender)}
    return [policy for policy in visible if policy.insured_id in ids]


def who(relation: Relation, lang: Optional[str]) -> str:
    return pick(WORDS, lang)["who"][relation]


def words(lang: Optional[str]) -> dict:
    return pick(WORDS, lang)
