"""ID-number and mobile helpers used by the store.

The full resident ID number is never stored: only an HMAC of it (to detect
duplicates), its last 4 characters (to verify the caller) and a masked form
(to show it back).
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from datetime import date

from bot.settings import load_settings

# GB 11643-1999: weights of the first 17 digits and the check character by sum mod 11.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")
_MOBILE_RE = re.compile(r"^1\d{10}$")
# Marks Customer.id_number_hash of a person whose ID number we do not have (see placeholder_id_hash).
PLACEHOLDER_PREFIX = "noid:"


def normalize_id_number(id_number: str) -> str:
    """Full-width digits and a lower-case x are common in typed input."""
    return unicodedata.normalize("NFKC", id_number or "").strip().replace(" ", "").upper()


def normalize_mobile(mobile: str | None) -> str:
    """Digits only, without a +86 / 0086 country prefix."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", mobile or ""))
    for prefix in ("0086", "86"):
        if len(digits) == 11 + len(prefix) and digits.startswith(prefix):
            return digits[len(prefix):]
    return digits


def is_valid_mobile(mobile: str | None) -> bool:
    return bool(_MOBILE_RE.match(normalize_mobile(mobile)))


def id_checksum_ok(id_number: str) -> bool:
    """True when an 18-character ID number has a valid GB 11643 check character."""
    value = normalize_id_number(id_number)
    if not _ID_RE.match(value):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11] == value[17]


def id_birth_date(id_number: str) -> date | None:
    """The birth date encoded in positions 7-14, or None if it is not a real date."""
    value = normalize_id_number(id_number)
    try:
        return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def id_gender(id_number: str) -> str:
    """'M' or 'F' from the 17th digit (odd for men)."""
    return "M" if int(normalize_id_number(id_number)[16]) % 2 else "F"


def hash_id_number(id_number: str) -> str:
    """Keyed hash, so a leaked table cannot be reversed by hashing every plausible ID."""
    secret = load_settings().id_hash_secret.encode("utf-8")
    message = normalize_id_number(id_number).encode("ascii")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def placeholder_id_hash() -> str:
    """A stand-in for `Customer.id_number_hash` when we do not have the person's ID number.

    "noid:" and 58 random hex characters (63 in all): unique like a real hash,
    yet never equal to one (an HMAC here is 64 hex characters, without a colon),
    derived from nothing about the person and not an ID number in any form.
    Replace it with `hash_id_number()` once the real ID number is known.
    """
    return PLACEHOLDER_PREFIX + secrets.token_hex(29)


def is_placeholder_id_hash(digest: str | None) -> bool:
    return (digest or "").startswith(PLACEHOLDER_PREFIX)


def id_last4(id_number: str) -> str:
    return normalize_id_number(id_number)[-4:]


def normalize_last4(value: str | None) -> str:
    return normalize_id_number(value or "")


def mask_id_number(id_number: str) -> str:
    """"110105197903140026" -> "1101**********0026"."""
    value = normalize_id_number(id_number)
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_mobile(mobile: str | None) -> str:
    """"13800138000" -> "138****8000"."""
    value = normalize_mobile(mobile)
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


# Numbers that identify a person, as they appear in free text (messages, statements).
_MOBILE_IN_TEXT = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
# ID numbers (15 or 18 characters, the last may be X) and bank cards (16-19 digits).
_LONG_NUMBER_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15,19})(?![0-9A-Za-z])")


def mask_personal_numbers(text: str) -> str:
    """Mobiles, ID numbers and bank-card numbers in free text, masked: transcripts, advisors
    and logs never see them whole ("13800138000" -> "138****8000")."""
    text = _LONG_NUMBER_IN_TEXT.sub(lambda m: mask_id_number(m.group()), text)
    return _MOBILE_IN_TEXT.sub(lambda m: mask_mobile(m.group()), text)
