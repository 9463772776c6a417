"""The language of a conversation, as the gateway, the channels and the advisor console need it.

Rasa keeps the same three facts in slots (bot.i18n); this copy lets code outside the
dialogue (the gateway's own texts, Telegram's help, the console's badge) answer in the
user's language without asking Rasa. The gateway notes every user message
(note_user_language); action_set_language records a language the user fixed
(set_conversation_language).
"""
from __future__ import annotations

import json
from typing import Optional, Union

from sqlalchemy.orm import Session

from bot.i18n import (
    CHINESE, DEFAULT_LANGUAGE, EN, LANGUAGES, ZH_HANS, ZH_HANT, detect, fixed_language, is_language_command,
    reply_language, requested_language,
)
from bot.store.models import Conversation


def set_conversation_language(
    session: Session, sender_id: str, language: str, fixed: Union[str, bool, None] = True,
) -> None:
    """Record the reply language `language` ("zh-Hans", "zh-Hant" or "en") the user chose.

    `fixed`: a `language_fixed` value (bot.i18n: "en", "zh-Hans", "zh-Hant", or "zh" for
    Chinese in the user's script), or True for `language` itself, keeps it whatever the user
    writes next; None/False lets the latest message decide again. A conversation the gateway has not
    seen (e.g. `rasa shell`) is left alone.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; one of {', '.join(LANGUAGES)}")
    conversation = session.get(Conversation, sender_id)
    if conversation is None:
        return
    if fixed is True:
        fixed = language
    if fixed not in (None, False, CHINESE, *LANGUAGES):
        raise ValueError(f"fixed must be 'zh', one of {', '.join(LANGUAGES)} or None, not {fixed!r}")
    conversation.language_fixed = fixed or None
    if language in (ZH_HANS, ZH_HANT):
        conversation.language_script = language
    conversation.language = language
    session.flush()


def note_user_language(session: Session, sender_id: str, text: Optional[str]) -> str:
    """Update the conversation's language from a user message; return the language to reply in.

    What the message shows (bot.i18n.detect) replaces what was known; a message that shows
    nothing (a button payload, "ok", a number) keeps it. A "/lang …" command fixes the language
    here too, so the gateway's own texts follow it even while the bot is down.
    """
    conversation = session.get(Conversation, sender_id)
    if conversation is None:
        return reply_language(*detect(text))
    command = (text or "").strip()
    if is_language_command(command):
        requested = requested_language(command)
        if requested is not None:
            set_conversation_language(session, sender_id, requested, fixed_language(requested, command))
        return language_of_conversation(conversation)
    language, script = detect(text) if not command.startswith("/") else payload_language(command)
    if language is None and script is None:
        return language_of_conversation(conversation)
    if script is not None:
        conversation.language_script = script
    if language is None:  # the stored reply language tells which language the user wrote last
        language = EN if conversation.language == EN else "zh"
    conversation.language = reply_language(language, conversation.language_script, conversation.language_fixed)
    session.flush()
    return conversation.language


def payload_language(payload: str):
    """(language, script) a button payload or a channel's first message carries as entities:
    '/greet{"language": "en"}' (a hint from the browser or the Telegram client), else (None, None)."""
    _, brace, entities = payload.partition("{")
    try:
        values = json.loads(brace + entities) if brace else {}
    except ValueError:
        return None, None
    if not isinstance(values, dict):
        return None, None
    language, script = values.get("language"), values.get("chinese_script")
    return (language if language in ("zh", EN) else None), (script if script in (ZH_HANS, ZH_HANT) else None)


def stored_language(session: Session, sender_id: str) -> Optional[str]:
    """The conversation's reply language as clients get it: None while the user has not shown one."""
    return getattr(session.get(Conversation, sender_id), "language", None)


def language_of_conversation(conversation: Optional[Conversation]) -> str:
    """The reply language of a conversation (the default while the user has not shown one)."""
    return (conversation.language if conversation is not None else None) or DEFAULT_LANGUAGE


def conversation_language(session: Session, sender_id: str) -> str:
    return language_of_conversation(session.get(Conversation, sender_id))
