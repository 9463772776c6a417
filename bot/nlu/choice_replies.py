"""Replies that pick one of the buttons just offered, read from the words alone (no Rasa imports).

"1", "第二个", "option 2", "the second one" (`chosen_number`); a lone case number
("C-1001", `names_a_case_only`); a description of one option ("阑尾炎那个",
"被拒的那个", "the one for my mum", `described_choice`); and the chat commands
the channels may send as text ("/elder"). bot.nlu.choices turns them into
intents; actions/choices.py picks the button.
"""
from __future__ import annotations

import re
from typing import Optional

from bot.nlu.normalizer import normalize_text
from bot.nlu.numerals_en import ORDINALS

COMMANDS = {"/elder": "elderly_assistance", "/elder_on": "elderly_assistance", "/elder_off": "elderly_mode_off"}
CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NUMBER_ONLY = re.compile(
    r"^\s*(?:我选|我要|选择|选|回复|就|要)?\s*(?:第)?\s*([1-9]|[一二两三四五六七八九])\s*(?:个|号|项|条)?\s*(?:吧|呀|啊)?\s*[。.!！]?\s*$"
)

ENGLISH_NUMBERS = {**{w: n for n, w in enumerate(
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"), start=1)}, **ORDINALS}
_ENGLISH_NUMBER = "|".join(sorted(ENGLISH_NUMBERS, key=len, reverse=True))
# "2", "option 2", "number two", "the second one", "2nd", "I'll take option 3 please".
ENGLISH_NUMBER_ONLY = re.compile(
    r"^\s*(?:(?:i(?:['’]ll| will)? (?:take|choose|pick|go with|want)|i['’]d like|let['’]s go with|go with|choose|select|"
    r"pick|take|give me)\s+)?(?:the\s+)?(?:(?:option|number|choice|button|item)\s*(?:#|no\.)?\s*|#\s*|no\.\s*)?"
    rf"(?P<n>[1-9](?:st|nd|rd|th)?|{_ENGLISH_NUMBER})(?:\s+(?:one|option|choice|button|item))?"
    r"(?:\s*,?\s*(?:please|pls|thanks|thank you))?\s*[.!]?\s*$",
    re.IGNORECASE,
)


def chosen_number(text: Optional[str]) -> Optional[int]:
    """The number a short reply picks ("2", "第二个", "选3", "option 2", "the second one"), else None."""
    match = NUMBER_ONLY.match(text or "")
    if match:
        value = match.group(1)
        return int(value) if value.isdigit() else CHINESE_DIGITS[value]
    match = ENGLISH_NUMBER_ONLY.match(text or "")
    if match:
        value = match.group("n").lower()
        return int(value[0]) if value[0].isdigit() else ENGLISH_NUMBERS[value]
    return None


# A lone case number ("C-1001", "是C-1001", "案件号C1001") answers claim buttons the same way: the dialogue
# picks the button carrying it (actions/choices.py), or reads it as a status question when none does.
CASE_ONLY = re.compile(r"^\s*(?:是|就是|选|要|查一?下?)?\s*(?:这个|那个)?\s*(?:案件号?|案子|理赔号|case(?: number| no\.?)?)?"
                       r"\s*[:：#]?\s*[Cc][-\s]?\d{3,10}\s*(?:这个|那个|这件|吧|呀|please)?\s*[。.!！]?\s*$", re.IGNORECASE)


def names_a_case_only(text: Optional[str]) -> bool:
    return bool(CASE_ONLY.match(text or ""))


# A reply that describes one of the options ("阑尾炎那个", "被拒的那个", "我妈的", "the rejected one", "the one for
# my mum"): the dialogue picks the option it fits (actions/choices.py), or reads the message as the model did
# when nothing was offered.
DESCRIBED_ZH = re.compile(
    r"^\s*(?:帮我|麻烦)?(?:我(?:说|问|要|选|查|指)的是?|我?(?:要|选|查|问|说|看)(?:一下|下)?|就是?|是)?\s*(?P<what>[^\s，,。？?！!]{1,16}?)"
    r"\s*的?\s*(?:那个|那一个|那件|那笔|那份|那单|那次|那张)\s*(?:案件|案子|理赔|单子)?\s*(?:吧|呀|啊|呢)?\s*[。.!！]?\s*$")
# "我妈的", "被拒的", "我的": only with a word of whose claim or of its state ("是的", "好的" are answers).
OF_WHOM_ZH = re.compile(r"^\s*(?:是|就是|查|要|选)?\s*(?P<what>[^\s，,。？?！!]{1,8}?)\s*的\s*(?:案件|案子|理赔|那单)?"
                        r"\s*(?:吧|呀)?\s*[。.!！]?\s*$")
DESCRIBED_EN = re.compile(
    r"^\s*(?:i mean |i want |i'?d like |i'?ll take |it'?s |give me |check )?"
    r"(?:the (?P<what>[\w' -]{2,30}?) one|the one (?:for|about|of|with|from|at) (?P<whose>[\w' -]{2,30}?)|"
    r"(?P<mine>mine|my (?:own|[\w-]+'s))(?: claim| one)?)(?: please)?\s*[.!]?\s*$", re.IGNORECASE)
NOT_A_DESCRIPTION = re.compile(r"^(?:这|那|哪|这一|那一|other|same|right|wrong|next|first|last|this|that|only|new)$",
                               re.IGNORECASE)
# Not a description: a question ("我想问一下那个"), a refusal ("不是那份") or a request ("催一下我的理赔").
NOT_DESCRIBING = re.compile(r"想|问|请|怎么|什么|为什么|吗|^(?:不|别|没)|催|报|办|改|取消|撤|补|how|what|why|which|^(?:not|no)\b",
                            re.IGNORECASE)
OF_WHOM_WORDS = re.compile(r"我|妈|爸|母|父|老婆|老公|妻|丈夫|爱人|老伴|孩子|儿|女|拒|赔|到账|审|最近|最新")


def described_choice(text: Optional[str]) -> Optional[str]:
    """The words that describe one option ("阑尾炎", "被拒", "my mum"), else None."""
    text = normalize_text(text or "")  # Traditional and full-width too ("闌尾炎那個")
    if chosen_number(text) is not None or len(text) > 60:
        return None
    match = DESCRIBED_ZH.match(text) or DESCRIBED_EN.match(text)
    if match is None:
        match = OF_WHOM_ZH.match(text)
        if match is None or not OF_WHOM_WORDS.search(match.group("what")):
            return None
    what = next(value for value in match.groups() if value).strip()
    return None if NOT_A_DESCRIPTION.match(what) or NOT_DESCRIBING.search(what) else what


def command_intent(text: Optional[str]) -> Optional[str]:
    return COMMANDS.get((text or "").strip().lower())
