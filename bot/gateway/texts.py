"""What the gateway itself says to users (not the dialogue's words), in each reply language.

Chinese is written once, in Simplified; Traditional is converted (bot.i18n.to_script).
Button payloads are the same in every language.
"""
from __future__ import annotations

from typing import Dict, List

from bot.i18n import EN, to_script

REQUEST_HUMAN = "/request_human"

ZH: Dict[str, str] = {
    # An empty message is a slip of the thumb: told what to type, never counted as "not understood".
    "empty_message": "您好像还没有输入内容。请直接打字告诉我您想办的事，比如“我要报案”“查理赔进度”“找人工顾问”。",
    # Rasa (or the action server behind it) did not answer in time: said at once, with an advisor offer.
    "bot_unavailable": ("抱歉，系统这会儿有点忙，没能及时回复您。您的消息已经保存，刚才填写的内容也都还在。"
                        "请稍等一会儿再发一次；着急的话可以点“找人工顾问”。"),
    # Rasa is slow (past RASA_TIMEOUT) but working: its answer will still come to this conversation.
    "bot_slow": ("抱歉，这次回复有点慢，您的消息我已经收到，正在处理，处理好会直接发到这里，不用重发。"
                 "着急的话可以点“找人工顾问”。"),
    # After bot_slow the answer did not come after all (an action failed or timed out, Rasa went away).
    "late_failed": ("抱歉，您刚才那条消息最终没能处理完成，是我们系统的问题。之前填写的内容都还在，"
                    "请把刚才那条消息再发一次；着急的话可以点“找人工顾问”。"),
    # The advisor offer works while the bot is down: the gateway queues the hand-off itself.
    "handoff_while_down": "好的，已为您转接人工顾问，请在这里稍候，顾问会直接在这个对话里回复您。",
    # An advisor closed the conversation; the bot then says what it can do next.
    "advisor_closed": "顾问已结束本次人工服务，感谢您的耐心。之后有问题可以随时问我。",
    # The console handed the conversation to another advisor (e.g. at the end of a shift).
    "advisor_changed": "已为您转给另一位顾问继续处理，请稍候，顾问会直接在这里回复您。",
    "advisor_button": "找人工顾问",
}

ENGLISH: Dict[str, str] = {
    "empty_message": ("It looks like your message was empty. Just type what you would like to do, "
                      "for example “report a claim”, “claim status” or “talk to an advisor”."),
    "bot_unavailable": ("Sorry, the system is busy and could not answer in time. Your message has been saved, "
                        "and so has everything you filled in. Please send it again in a moment; "
                        "if it is urgent, tap “Talk to an advisor”."),
    "bot_slow": ("Sorry, this is taking longer than usual. I have your message and am still working on it; "
                 "the answer will appear here, no need to send it again. If it is urgent, tap “Talk to an advisor”."),
    "late_failed": ("Sorry, your last message could not be processed after all; the fault is on our side. "
                    "Everything you filled in before is kept. Please send that message again; "
                    "if it is urgent, tap “Talk to an advisor”."),
    "handoff_while_down": ("All right, I have passed you to an advisor. Please wait here: "
                           "the advisor will reply in this conversation."),
    "advisor_closed": ("The advisor has ended this conversation. Thank you for your patience. "
                       "You can ask me anything again at any time."),
    "advisor_changed": "Another advisor is taking over your conversation. Please wait: they will reply here.",
    "advisor_button": "Talk to an advisor",
}


def text(key: str, language: str) -> str:
    """The text `key` in the reply language ("zh-Hans", "zh-Hant" or "en")."""
    return ENGLISH[key] if language == EN else to_script(ZH[key], language)


def message(key: str, language: str, buttons: List[Dict[str, str]] = ()) -> dict:
    """A bot message of the text `key`, with buttons (title keys of this catalogue, payloads as given)."""
    result: dict = {"text": text(key, language)}
    if buttons:
        result["buttons"] = [{"title": text(b["title"], language), "payload": b["payload"]} for b in buttons]
    return result


def advisor_offer(key: str, language: str) -> dict:
    """The text `key` with the "talk to an advisor" button (it works while the bot is down too)."""
    return message(key, language, [{"title": "advisor_button", "payload": REQUEST_HUMAN}])
