"""Staging of uploaded files: the channel stores the bytes, the action attaches them.

A channel (web upload, Telegram, terminal) calls `stage()` with the raw bytes
and gets a token: the file's sha256 in hex. The bytes are stored by content
under `<CLAIMS_UPLOADS_DIR>/<first 2 hex>/<sha256>` with a JSON note beside it
(`<sha256>.json`: file name and caption as sent). Storing the same bytes again
keeps one copy and the newest note. Tokens are checked to be 64 lower-case hex
characters before any path is built from them, so no token can leave the folder.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from bot import clock
from bot.settings import load_settings

TOKEN_RE = re.compile(r"[0-9a-f]{64}")
MAX_FILENAME, MAX_CAPTION = 255, 1000


class InvalidToken(ValueError):
    """Not an upload token (64 lower-case hex characters)."""


@dataclass(frozen=True)
class StagedFile:
    token: str  # sha256 of the content, hex
    path: Path
    size_bytes: int
    filename: Optional[str]
    caption: Optional[str]

    def read(self) -> bytes:
        return self.path.read_bytes()


def uploads_dir() -> Path:
    return load_settings().uploads_dir


def path_for(token: str) -> Path:
    """Where the bytes of `token` live; raises InvalidToken for anything but a sha256 hex."""
    if not isinstance(token, str) or not TOKEN_RE.fullmatch(token):
        raise InvalidToken("upload token must be 64 lower-case hex characters")
    return uploads_dir() / token[:2] / token


def _clean(text: Optional[str], limit: int, basename: bool = False) -> Optional[str]:
    """Printable text only; file names lose any folder part ("../../x.jpg" -> "x.jpg")."""
    if text is None:
        return None
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C").strip()
    if basename:
        text = re.split(r"[\\/]", text)[-1].strip()
    return text[:limit] or None


def clean_filename(filename: Optional[str]) -> Optional[str]:
    """The file name as stored in the note: printable, without any folder part, at most 255 characters."""
    return _clean(filename, MAX_FILENAME, basename=True)


def clean_caption(caption: Optional[str]) -> Optional[str]:
    return _clean(caption, MAX_CAPTION)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".staging-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def stage(data: bytes, filename: Optional[str] = None, caption: Optional[str] = None) -> str:
    """Store an upload as sent (nothing is checked here) and return its token."""
    token = hashlib.sha256(data).hexdigest()
    path = path_for(token)
    if not path.is_file() or path.stat().st_size != len(data):
        _write_atomically(path, data)
    note = {
        "filename": clean_filename(filename),
        "caption": clean_caption(caption),
        "size_bytes": len(data),
        "staged_at": clock.now().isoformat(),
    }
    _write_atomically(path.with_name(token + ".json"), json.dumps(note, ensure_ascii=False).encode("utf-8"))
    return token


def load(token: str) -> Optional[StagedFile]:
    """The staged upload, or None if nothing was staged under this token."""
    path = path_for(token)
    if not path.is_file():
        return None
    note_path = path.with_name(token + ".json")
    note = json.loads(note_path.read_text(encoding="utf-8")) if note_path.is_file() else {}
    return StagedFile(token, path, path.stat().st_size, note.get("filename"), note.get("caption"))
