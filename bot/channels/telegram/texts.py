"""What the Telegram channel says by itself (everything else comes from the dialogue).

Chinese here (Simplified), English in texts_en.py under the same names; `pick(language)`
gives the texts a chat reads, Traditional converted (bot.i18n.to_script).
"""
from __future__ import annotations

import sys
from functools import lru_cache
from types import SimpleNamespace
from typing import Any, Optional

from bot.gateway.routes import RASA_DOWN  # said when a gateway raises RasaUnavailable (the real one apologises itself)
from bot.i18n import DEFAULT_LANGUAGE, EN, ZH_HANT, to_script

# Commands registered with setMyCommands: (command, description shown in Telegram's menu).
COMMANDS = (
    ("start", "开始 / 主菜单"),
    ("help", "我能帮您做什么"),
    ("human", "转人工顾问"),
    ("elder", "老年人帮办（字大、慢慢来）"),
    ("elder_off", "关闭长辈模式"),
    ("cancel", "取消正在办的事"),
    ("lang", "语言 / Language（简体 · 繁體 · English）"),
)

HELP = (
    "在Telegram里还可以用这些命令：\n"
    "/start 主菜单\n"
    "/human 转人工顾问\n"
    "/elder 老年人帮办（字大、慢慢来）\n"
    "/elder_off 关闭长辈模式\n"
    "/cancel 取消正在办的事\n"
    "/lang 换语言（/lang en 英文，/lang zh-hant 繁体）\n"
    "材料直接发照片或PDF文件就行，一次一份，拍清楚四个角。"
)
UNKNOWN_COMMAND = "这个命令我不认识。直接打字告诉我您要办什么就行，或者发 /help 看看我能做什么。"

SHARE_CONTACT_BUTTON_NAME = "分享我的手机号"
SHARE_CONTACT_BUTTON = "📱 " + SHARE_CONTACT_BUTTON_NAME
SHARE_CONTACT_HINT = f"也可以点下面的“{SHARE_CONTACT_BUTTON_NAME}”按钮，或者直接输入。"
NOT_YOUR_CONTACT = f"请分享您自己的联系人：点下面的“{SHARE_CONTACT_BUTTON_NAME}”按钮即可，或者直接输入您的手机号。"
CONTACT_WITHOUT_NUMBER = "这张联系人卡片里没有手机号，请直接输入您的手机号。"

FILE_TOO_BIG = ("这个文件超过20MB，Telegram不允许机器人下载这么大的文件。"
                "请压缩后再发，或者分页拍照，一张一张发给我。")
FILE_FAILED = "文件没有收到，请再发一次。"

VOICE = ("抱歉，我暂时还听不了语音消息。麻烦您打字告诉我；"
         "如果打字不方便，可以预约顾问给您回电话，我们用电话帮您办。")
CALLBACK_BUTTON = {"title": "预约顾问回电", "payload": "/request_callback"}
# How a message the channel answers by itself appears in the transcript advisors read.
TRANSCRIPT_NOTES = {"voice": "🎤（语音消息）", "sticker": "（表情贴纸）", "location": "📍（位置）", "video": "🎬（视频）",
                    "animation": "（动图）", "poll": "（投票）", "other": "（机器人看不懂的消息）"}

OTHER = {
    "sticker": "收到您的表情啦😊 有理赔方面的事，直接打字告诉我就行。",
    "location": "收到位置了，不过我暂时用不上位置信息。需要找服务网点的话，直接打字问我“附近的服务中心”就行。",
    "video": "抱歉，我暂时看不了视频。理赔材料请拍照片或发PDF文件给我。",
    "animation": "收到啦😊 有理赔方面的事，直接打字告诉我就行。",
    "poll": "抱歉，我暂时处理不了投票。有理赔方面的事，直接打字告诉我就行。",
}
OTHER_DEFAULT = "抱歉，这种消息我暂时看不懂。请直接打字告诉我您要办什么，材料请发照片或PDF文件。"
EDITED = "修改后的消息我收不到，请把改好的内容重新发一条给我。"
GROUPS = "为了保护您的个人信息，请私聊我办理理赔，不要在群里发。"

EXPIRED_BUTTON = "这个按钮已经过期了，请直接打字告诉我您的选择。"
# Over the per-chat rate limit (RATE_LIMIT_PER_MINUTE), said once per burst; {seconds} is filled in.
TOO_FAST = "您发得太快了，请 {seconds} 秒后再发。这段时间发来的消息我没有收到，到时请重新发一次。"
ERROR = "抱歉，刚才出了点问题，请稍后再发一次。如果一直不行，可以发 /human 找人工顾问。"

ADVISOR_PREFIX = "【人工顾问】"
CHOOSE = "请选择："

# /lang without a language: each choice in its own language; the payloads are the command itself.
LANG_CHOOSE = "请选择回复语言 · 請選擇回覆語言 · Which language should I reply in?"
LANG_BUTTONS = ({"title": "简体中文", "payload": "/lang zh"}, {"title": "繁體中文", "payload": "/lang zh-hant"},
                {"title": "English", "payload": "/lang en"})
# What the transcript (read by advisors, in Chinese) notes for a message the channel answered itself.
TRANSCRIPT_NOTES["lang"] = "/lang（选择语言）"
TRANSCRIPT_NOTES.update({  # {…} filled in by the channel
    "edited": "✏️（改了一条已发的消息，机器人收不到修改）{text}", "unknown_command": "{command}（未知命令）",
    "expired_button": "（点了一个已过期的按钮）", "not_your_contact": "📇（分享了别人的联系人）",
    "contact_without_number": "📇（分享的联系人没有号码）",
    "file_too_big": "📎 {name}（超过20MB，没有收下）", "file_failed": "📎 {name}（下载失败，没有收下）",
})

# Everything above a chat reads (TRANSCRIPT_NOTES is for advisors and stays Chinese).
NAMES = ("COMMANDS", "HELP", "UNKNOWN_COMMAND", "SHARE_CONTACT_BUTTON_NAME", "SHARE_CONTACT_BUTTON", "SHARE_CONTACT_HINT",
         "NOT_YOUR_CONTACT", "CONTACT_WITHOUT_NUMBER", "FILE_TOO_BIG", "FILE_FAILED", "VOICE", "CALLBACK_BUTTON", "OTHER",
         "OTHER_DEFAULT", "EDITED", "GROUPS", "EXPIRED_BUTTON", "TOO_FAST", "ERROR", "RASA_DOWN", "ADVISOR_PREFIX", "CHOOSE",
         "LANG_CHOOSE", "LANG_BUTTONS")
OWN_SCRIPTS = {"LANG_CHOOSE", "LANG_BUTTONS"}  # each language named in its own script: never converted


@lru_cache(maxsize=4)
def pick(language: Optional[str]) -> SimpleNamespace:
    """The channel's texts in a reply language ("zh-Hans", "zh-Hant", "en"); payloads and commands unchanged."""
    if language == EN:
        from bot.channels.telegram import texts_en as source
    else:
        source = sys.modules[__name__]
    return SimpleNamespace(**{name: getattr(source, name) if name in OWN_SCRIPTS else _in_script(getattr(source, name), language)
                              for name in NAMES})


def _in_script(value: Any, language: Optional[str]) -> Any:
    if isinstance(value, str):
        return value if value.startswith("/") else to_script(value, language)
    if isinstance(value, dict):
        return {key: _in_script(item, language) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return type(value)(_in_script(item, language) for item in value)
    return value


def language_from_code(code: Optional[str]) -> Optional[str]:
    """The reply language a Telegram client's `language_code` suggests ("en-GB" → "en", "zh-hant"/"zh-tw"/"zh-hk"
    → Traditional, "zh-hans" → Simplified); None when it suggests none of ours."""
    code = (code or "").lower().replace("_", "-")
    if code.startswith("en"):
        return EN
    if code in ("zh-hant", "zh-tw", "zh-hk", "zh-mo") or code.startswith("zh-hant"):
        return ZH_HANT
    return DEFAULT_LANGUAGE if code.startswith("zh") else None

