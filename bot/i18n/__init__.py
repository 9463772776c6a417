"""Which language a conversation is in, and Simplified -> Traditional for replies.

Three reply languages: "zh-Hans" (the default), "zh-Hant" and "en".

A message tells two things, kept apart because a short Chinese reply ("好的")
does not show its script: the *language* ("zh" or "en") and, for Chinese, the
*script* ("zh-Hans" or "zh-Hant"). Rasa keeps them in the slots `language`
and `chinese_script` (filled from the entities of the same names, set by
bot.nlu.language.LanguageDetector); a user who fixed a language (/lang en,
"please reply in English") has it in `language_fixed`: "en", "zh-Hans" or
"zh-Hant" when the request named the script ("說繁體", "/lang zh-hant", the
web page's 简 button), "zh" when it did not ("请用中文": Chinese, in the
script of the user's latest message).
`reply_language()` turns those three into the language to answer in; the
gateway keeps the same three per conversation and uses the same function.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Dict, List, Mapping, Optional, Tuple

ZH_HANS, ZH_HANT, EN = "zh-Hans", "zh-Hant", "en"
LANGUAGES = (ZH_HANS, ZH_HANT, EN)
DEFAULT_LANGUAGE = ZH_HANS
LANGUAGE_NAMES = {ZH_HANS: "简体中文", ZH_HANT: "繁體中文", EN: "English"}

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z']+")
# Latin words Chinese users type too: they do not switch the conversation to English.
NEUTRAL_WORDS = {"ok", "okay", "hi", "hello", "hey", "bye", "yes", "no", "ya", "yeah", "app", "pdf", "id", "vip"}


@lru_cache(maxsize=4)
def _opencc(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def detect(text: Optional[str]) -> Tuple[Optional[str], Optional[str]]:
    """(language, script) of a user message; None where the message does not show it.

    language: "zh" or "en"; script: "zh-Hans" or "zh-Hant" (only for Chinese
    whose characters differ between the scripts). Button payloads ("/inform{...}"),
    numbers, emoji and words like "ok" show neither.
    """
    text = (text or "").strip()
    if not text or text.startswith("/"):
        return None, None
    cjk = len(_CJK.findall(text))
    words = [w for w in _WORD.findall(text) if w.lower() not in NEUTRAL_WORDS]
    latin = sum(len(w) for w in words)
    if cjk and latin <= 4 * cjk:
        return "zh", _script(text)
    if words and (latin >= 4 or len(words) >= 2):
        return EN, None
    return None, None


def _script(text: str) -> Optional[str]:
    chinese = "".join(_CJK.findall(text))
    if _opencc("t2s").convert(chinese) != chinese:
        return ZH_HANT
    if _opencc("s2t").convert(chinese) != chinese:
        return ZH_HANS
    return None


_ASK_EN = re.compile(r"(英文|英语|英語|english|/lang\s+en)", re.I)
_ASK_HANT = re.compile(r"(繁体|繁體|正体|正體|traditional|/lang\s+(zh[-_]?(hant|tw|hk)|tw|hk))", re.I)
_ASK_ZH = re.compile(r"(中文|简体|簡體|普通话|普通話|汉语|漢語|chinese|/lang\s+(zh|cn))", re.I)


# "/lang", "/lang en", "/lang zh-hant": the language command every channel passes on as text.
LANG_COMMAND = re.compile(r"^\s*/lang(\s+\S+)?\s*$", re.I)
# The entities bot.nlu.language adds to every message (facts about the message, not about a claim).
LANGUAGE_ENTITIES = ("language", "chinese_script", "language_request")


def is_language_command(text: Optional[str]) -> bool:
    return bool(LANG_COMMAND.match(text or ""))


def requested_language(text: Optional[str]) -> Optional[str]:
    """The reply language a user asks for ("/lang en", "请用英文回复", "說繁體"), else None."""
    text = text or ""
    if _ASK_HANT.search(text):
        return ZH_HANT
    if _ASK_EN.search(text):
        return EN
    if _ASK_ZH.search(text):
        return ZH_HANS if "zh-hans" in text.lower() or "简" in text else (_script(text) or ZH_HANS)
    return None


# Words that name a script in a language request; "/lang zh" is the 简 button's (web page, Telegram).
_NAMES_SCRIPT = re.compile(r"繁体|繁體|繁中|简体|簡體|简中|正体|正體|traditional|simplified|zh[-_]?(hans|hant|tw|hk|cn)"
                           r"|^\s*/lang\s+(zh|cn|tw|hk)\s*$", re.I)
CHINESE = "zh"  # `language_fixed`: Chinese, in the script the user writes


def fixed_language(language: str, request: Optional[str]) -> str:
    """The `language_fixed` value of a request for the reply language `language`, worded `request`."""
    if language == EN:
        return EN
    return language if _NAMES_SCRIPT.search(request or "") else CHINESE


def reply_language(language: Optional[str], script: Optional[str], fixed: Optional[str] = None) -> str:
    """The language to answer in: the fixed one, else the user's latest; Chinese in the user's script."""
    if fixed in LANGUAGES:
        return fixed
    if (fixed or language) == EN:
        return EN
    return script if script in (ZH_HANS, ZH_HANT) else DEFAULT_LANGUAGE


def language_of_slots(slots: Mapping[str, Any]) -> str:
    return reply_language(slots.get("language"), slots.get("chinese_script"), slots.get("language_fixed"))


def language_of(tracker: Any) -> str:
    """The reply language of a rasa_sdk (or Rasa) tracker."""
    get = tracker.get_slot
    return reply_language(get("language"), get("chinese_script"), get("language_fixed"))


def is_english(language: Optional[str]) -> bool:
    return language == EN


# Terms OpenCC's Taiwan phrases get wrong for insurance claims (kept as the mainland/HK word).
# OpenCC's Taiwan phrases turn 审核 (claim review) into 稽核 (audit), 程序 (procedure) into 程式
# (computer program), 文件 (documents) into 檔案 (computer files) and 社区 (a community clinic) into 社群 (a social group).
_HANT_FIXES: Dict[str, str] = {"稽核": "審核", "程式": "程序", "檔案": "文件", "社群": "社區"}


def to_script(text: Optional[str], language: Optional[str]) -> Optional[str]:
    """`text` (Simplified) as the user reads it: Traditional for zh-Hant, else unchanged."""
    if not text or language != ZH_HANT:
        return text
    converted = _opencc("s2twp").convert(text)
    for wrong, right in _HANT_FIXES.items():
        converted = converted.replace(wrong, right)
    return converted


def localise_message(message: Dict[str, Any], language: Optional[str]) -> Dict[str, Any]:
    """A bot message (text + buttons) in the user's script; button payloads are never changed."""
    if language != ZH_HANT:
        return message
    out = dict(message)
    if out.get("text"):
        out["text"] = to_script(out["text"], language)
    if out.get("buttons"):
        out["buttons"] = localise_buttons(out["buttons"], language)
    return out


def localise_buttons(buttons: List[Dict[str, Any]], language: Optional[str]) -> List[Dict[str, Any]]:
    if language != ZH_HANT:
        return buttons
    return [{**b, "title": to_script(b.get("title"), language)} for b in buttons]
