"""Personal numbers never reach a log file whole.

Mobiles, ID numbers and bank-card numbers are masked in every log record of
the process (message, arguments, extra fields, exception and stack text) with
`bot.store.identity.mask_personal_numbers`, the function that masks
transcripts: `13800138000` → `138****8000`.

`install()` wraps `logging.Logger.makeRecord`, so every record is masked
when it is made, whichever logger or handler it goes to, including handlers
added later (Rasa and rasa-sdk configure logging after our modules load) and
Rasa's structlog events (rendered to a JSON string, then logged through the
standard library). It is idempotent and is called in every process:

- the gateway and the CLI: `bot/__main__.py`, right after logging is set up;
- the action server: `actions/__init__.py` (rasa-sdk imports it first);
- the Rasa server: `bot/nlu/components.py`, which Rasa imports when it loads
  the model (as `bot/rasa_patches.py` is installed).

`PersonalNumberFilter` does the same as a `logging.Filter`, for handlers
configured by hand.
"""
from __future__ import annotations

import logging
import re
import traceback
from typing import Any

from bot.store.identity import mask_personal_numbers

# JSON renderers (structlog's JSONRenderer) write Chinese as \uXXXX: "我13800138000" becomes
# "\u621113800138000", where the escape's hex digits would hide the number from the masks.
_JSON_ESCAPE = re.compile(r"(\\u[0-9a-fA-F]{4})")
_ESCAPED_FULLWIDTH_DIGIT = re.compile(r"\\u[fF][fF]1([0-9])")
# Full-width digits (１３８…) are read as digits by the entity extractor: log them as ASCII to mask them.
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# A mobile typed with spaces or dashes: 138 0013 8000, 138-0013-8000.
_SPACED_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9][ -][0-9]{4}[ -][0-9]{4}(?![0-9])")

# Attributes every LogRecord has; anything else came from `extra=` and is masked when it is text.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}
_MARK = "_personal_numbers_masked"


def mask_text(text: str) -> str:
    """`mask_personal_numbers`, also through JSON escapes, full-width digits and spaced mobiles."""
    if not text or not any(ch.isdigit() for ch in text):
        return text
    text = _ESCAPED_FULLWIDTH_DIGIT.sub(lambda m: m.group(1), text).translate(_FULLWIDTH_DIGITS)
    parts = _JSON_ESCAPE.split(text)
    for index in range(0, len(parts), 2):  # the odd parts are the escapes themselves
        part = _SPACED_MOBILE.sub(lambda m: mask_personal_numbers(re.sub("[ -]", "", m.group())), parts[index])
        parts[index] = mask_personal_numbers(part)
    return "".join(parts)


def mask_record(record: logging.LogRecord) -> logging.LogRecord:
    """Mask a record in place: the formatted message (arguments folded in), extras, exception and stack text."""
    if getattr(record, _MARK, False):
        return record
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a bad format string: keep what there is, masked
        message = f"{record.msg!s} {record.args!r}"
    record.msg, record.args = mask_text(message), ()
    if record.exc_info and not record.exc_text:
        record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
    if record.exc_text:
        record.exc_text = mask_text(record.exc_text)
    if record.stack_info:
        record.stack_info = mask_text(record.stack_info)
    for key, value in list(vars(record).items()):
        if key not in _STANDARD and isinstance(value, str):
            setattr(record, key, mask_text(value))
    setattr(record, _MARK, True)
    return record


class PersonalNumberFilter(logging.Filter):
    """A filter that masks, never drops: attach it to a handler configured by hand."""

    def filter(self, record: logging.LogRecord) -> bool:
        mask_record(record)
        return True


def _masking_make_record(make_record):
    def masked_make_record(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        return mask_record(make_record(self, *args, **kwargs))  # after `extra=` is applied

    masked_make_record.masks_personal_numbers = True  # type: ignore[attr-defined]
    masked_make_record.__wrapped__ = make_record  # type: ignore[attr-defined]
    return masked_make_record


def install() -> None:
    """Mask every log record made in this process from now on (idempotent).

    `Logger.makeRecord` is wrapped (rather than the record factory) so that the
    fields given with `extra=` are masked too: they are set after the factory runs.
    """
    if not installed():
        logging.Logger.makeRecord = _masking_make_record(logging.Logger.makeRecord)  # type: ignore[method-assign]
    # Records made before install() or by a logger class of its own still pass the handlers' filter.
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, PersonalNumberFilter) for f in handler.filters):
            handler.addFilter(PersonalNumberFilter())


def installed() -> bool:
    return bool(getattr(logging.Logger.makeRecord, "masks_personal_numbers", False))
