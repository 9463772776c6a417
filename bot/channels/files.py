"""What every channel does with a file a user sends: stage it, then tell the dialogue.

A channel never decides which claim a file belongs to: it stages the bytes
(bot.documents.staging) and sends the conversation an `upload_document`
message carrying the token. The action that receives it knows the verified
customer and the claim, and runs the checks (bot.documents.intake).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from bot.documents import staging
from bot.documents.inspect import MAX_BYTES
from bot.i18n import DEFAULT_LANGUAGE, EN, ZH_HANS, ZH_HANT

UPLOAD_MARK = "📎"


class FileProblem(Exception):
    """The file could not be read at all; the message says why, for the user."""


def upload_message(token: str) -> str:
    """The message a channel sends to Rasa for a staged file (an intent with its entity)."""
    return "/upload_document" + json.dumps({"upload_token": token})


NOTE_WORDS = {  # the note's words, in the conversation's language: the user sees it in their history
    ZH_HANS: ("文件", "（说明：{note}）"), ZH_HANT: ("文件", "（說明：{note}）"), EN: ("file", " (note: {note})"),
}


def upload_note(filename: Optional[str], caption: Optional[str] = None, language: str = DEFAULT_LANGUAGE) -> str:
    """How an upload appears in the transcript (what the user and an advisor see): "📎 发票.jpg（说明：住院发票）",
    "📎 bill.pdf (note: hospital bill)"."""
    unnamed, with_note = NOTE_WORDS.get(language, NOTE_WORDS[DEFAULT_LANGUAGE])
    name = staging.clean_filename(filename) or unnamed
    note = staging.clean_caption(caption)
    return f"{UPLOAD_MARK} {name}" + (with_note.format(note=note) if note else "")


def read_path(path: Path) -> bytes:
    """A file from disk, at most one byte past the limit (enough for the checks to say "too big")."""
    if not path.is_file():
        raise FileProblem(f"找不到文件：{path}")
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise FileProblem(f"读不了这个文件：{error.strerror}") from error


def stage_path(path: Path, caption: Optional[str] = None) -> str:
    """Stage a file from disk (in this process; clients of a running gateway use POST /api/upload)."""
    return staging.stage(read_path(path), path.name, caption)
