"""Sending a stored file back: to advisors (a claim's documents, anything a user sent) and to the user
who sent it. The type sent is the one detected from the content at upload, never the file name's, and
the browser is told not to guess it (`nosniff`) nor to keep a copy (`no-store`)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from aiohttp import web

from bot.documents import staging
from bot.store.transcripts import message_with_file

# Shown in the browser; anything else is downloaded.
INLINE_TYPES = {"image/jpeg", "image/png", "application/pdf"}


@dataclass(frozen=True)
class StoredFile:
    path: Path
    type: Optional[str]  # detected at upload; None: unknown
    filename: str


def stored_file(sha256: Optional[str], detected_type: Optional[str], fallback_name: str) -> Optional[StoredFile]:
    """The file in the uploads folder, or None if it is not there (paper copies, demo rows, cleaned up)."""
    try:
        staged = staging.load(sha256) if sha256 else None
    except staging.InvalidToken:
        return None
    if staged is None:
        return None
    return StoredFile(staged.path, detected_type, staged.filename or fallback_name)


def sent_file(session, message_id: int, sender_id: Optional[str] = None) -> Optional[StoredFile]:
    """The file that came with user message `message_id` (only in conversation `sender_id`, if given)."""
    message = message_with_file(session, message_id, sender_id)
    if message is None:
        return None
    return stored_file(message.file_sha256, message.file_type, f"file-{message.id}")


def file_response(stored: StoredFile) -> web.FileResponse:
    inline = stored.type in INLINE_TYPES
    return web.FileResponse(stored.path, headers={
        "Content-Type": stored.type if inline else "application/octet-stream",
        "Content-Disposition": f"{'inline' if inline else 'attachment'}; filename*=UTF-8''{quote(stored.filename)}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
    })
