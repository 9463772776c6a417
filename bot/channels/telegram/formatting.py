"""Pure helpers of the Telegram channel: splitting, keyboards, button data, contacts, secrets.

Messages are sent as plain text (no parse_mode): Telegram then shows every
character as written, so nothing needs escaping and a "*" or "_" in a reply
can never break a message.
"""
from __future__ import annotations

import hashlib
import hmac
import re
from collections import OrderedDict
from typing import Iterable, List, Optional, Sequence

from bot.store.identity import mask_mobile

MAX_TEXT = 4096  # Telegram's limit for one message, in UTF-16 code units
MAX_CALLBACK_BYTES = 64  # Telegram's limit for an inline button's callback_data
SHORT_PREFIX = "#"  # callback_data that stands for a longer payload kept server-side
SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as a webhook secret_token
MOBILE_IN_TEXT = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _fit(text: str, limit: int) -> int:
    """The longest prefix length (in characters) of `text` that fits `limit` UTF-16 units."""
    end = min(len(text), limit)
    while utf16_len(text[:end]) > limit:
        end -= max(1, (utf16_len(text[:end]) - limit) // 2)
    return end


def split_text(text: str, limit: int = MAX_TEXT) -> List[str]:
    """Split a long reply into messages Telegram accepts, on line breaks when possible.

    A break is taken at the last newline of the piece if that keeps the piece at
    least half full, otherwise at the last space or Chinese full stop, otherwise
    exactly at the limit. Nothing is dropped but the newline a piece ends on.
    """
    pieces: List[str] = []
    rest = text
    while utf16_len(rest) > limit:
        end = _fit(rest, limit)
        head = rest[:end]
        newline = head.rfind("\n")
        if newline >= end // 2:
            pieces.append(head[:newline])
            rest = rest[newline + 1:]
            continue
        soft = max(head.rfind(" "), head.rfind("。"), head.rfind("，"))
        cut = soft + 1 if soft >= end // 2 else end
        pieces.append(head[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return [piece for piece in pieces if piece.strip()]


def contact_mobile(phone_number: Optional[str]) -> str:
    """A shared contact's number as the 11 digits the identity form expects ("+86 138-0013-8000" -> "13800138000")."""
    digits = re.sub(r"\D", "", phone_number or "")
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


def mask_mobiles(text: str) -> str:
    """Every mobile number in a log line masked (138****8000)."""
    return MOBILE_IN_TEXT.sub(lambda m: mask_mobile(re.sub(r"\D", "", m.group())[-11:]), text)


def secret_ok(header: Optional[str], secret: str) -> bool:
    """Whether the X-Telegram-Bot-Api-Secret-Token header carries our secret (constant-time)."""
    if not secret or header is None:
        return False
    return hmac.compare_digest(header.encode("utf-8"), secret.encode("utf-8"))


def short_id(payload: str) -> str:
    return SHORT_PREFIX + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


class CallbackData:
    """Button payloads <-> Telegram callback_data (at most 64 bytes).

    Short payloads travel as they are. Longer ones travel as "#" + 24 hex
    digits of their sha256 and are remembered here (the newest `capacity`);
    after a restart, `lookup` finds them again among the buttons the
    conversation's transcript keeps (the caller passes those payloads in).
    """

    def __init__(self, capacity: int = 5000):
        self.capacity = capacity
        self._payloads: "OrderedDict[str, str]" = OrderedDict()

    def encode(self, payload: str) -> str:
        if len(payload.encode("utf-8")) <= MAX_CALLBACK_BYTES and not payload.startswith(SHORT_PREFIX):
            return payload
        key = short_id(payload)
        self._payloads[key] = payload
        self._payloads.move_to_end(key)
        while len(self._payloads) > self.capacity:
            self._payloads.popitem(last=False)
        return key

    def decode(self, data: str) -> Optional[str]:
        """The payload, or None for a short id that is not (or no longer) in memory."""
        if not data.startswith(SHORT_PREFIX):
            return data
        return self._payloads.get(data)

    def lookup(self, data: str, known_payloads: Iterable[str]) -> Optional[str]:
        """The payload among `known_payloads` whose short id is `data` (remembered again when found)."""
        for payload in known_payloads:
            if short_id(payload) == data:
                self.encode(payload)
                return payload
        return None


def keyboard_rows(buttons: Sequence[dict], columns: int = 2, short: int = 8) -> List[List[dict]]:
    """Buttons in rows: two per row when every title is short, one per row otherwise."""
    per_row = columns if all(len(b.get("title", "")) <= short for b in buttons) else 1
    return [list(buttons[i:i + per_row]) for i in range(0, len(buttons), per_row)]
