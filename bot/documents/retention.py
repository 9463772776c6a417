"""Uploads no claim holds are deleted after `UPLOAD_RETENTION_DAYS` (default 30; 0 keeps them all).

A claim's documents are part of its record and stay as long as the claim. Every other staged
file (sent before verification and never attached, a photo sent to an advisor, an unusable or
duplicate copy, a file for a claim report that was never confirmed) is personal data the service
no longer needs once the conversation is over; the law asks that it be kept no longer than its
purpose needs (PIPL art. 19). The 📎 note stays in the transcript; opening the file then says it
was cleaned up (404).

A file's age is that of its newest copy: staging the same bytes again rewrites its note, so a
file sent again today is not deleted tomorrow. Temporary files of a write that never finished are
removed after an hour. Only counts are logged, never file names (they can name a person).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Iterable, Optional, Set

from sqlalchemy import select

from bot.documents.staging import TOKEN_RE
from bot.store.models import Document

log = logging.getLogger(__name__)

PARTIAL_WRITE_AGE = timedelta(hours=1)
PARTIAL_PREFIX = ".staging-"


@dataclass
class Cleanup:
    deleted: int = 0  # files (each with its note)
    freed_bytes: int = 0
    kept_for_claims: int = 0
    kept_recent: int = 0
    partial_writes: int = 0


def claim_files(session) -> Set[str]:
    """The sha256 of every file a claim holds."""
    return set(session.scalars(select(Document.sha256).where(Document.sha256.is_not(None))))


def clean_uploads(root: Path, keep: Set[str], older_than: timedelta, dry_run: bool = False) -> Cleanup:
    """Delete the files under `root` older than `older_than` whose sha256 is not in `keep`."""
    result = Cleanup()
    now = time.time()  # file times are the machine's, not the (possibly frozen) business clock
    for folder in _folders(root):
        for path in folder.iterdir():
            if path.name.startswith(PARTIAL_PREFIX):
                if _age_s(now, path) > PARTIAL_WRITE_AGE.total_seconds():
                    result.partial_writes += 1
                    _remove(path, dry_run)
                continue
            if not TOKEN_RE.fullmatch(path.name):
                continue  # notes go with their file
            note = path.with_name(path.name + ".json")
            if path.name in keep:
                result.kept_for_claims += 1
            elif _age_s(now, path, note) <= older_than.total_seconds():
                result.kept_recent += 1
            else:
                result.deleted += 1
                result.freed_bytes += _size(path)
                _remove(path, dry_run)
                _remove(note, dry_run)
    return result


def run_retention(database_url: Optional[str], root: Path, days: int, dry_run: bool = False) -> Optional[Cleanup]:
    """The cleanup with the claims database's documents kept; None when retention is off (0 days)."""
    if days <= 0 or not root.is_dir():
        return None
    from bot.store.db import session_scope

    with session_scope(database_url) as session:
        keep = claim_files(session)
    result = clean_uploads(root, keep, timedelta(days=days), dry_run)
    log.info("uploads older than %d days no claim holds: %d %s (%.1f MB); %d kept for claims, %d recent, "
             "%d unfinished writes removed", days, result.deleted, "would be deleted" if dry_run else "deleted",
             result.freed_bytes / 1e6, result.kept_for_claims, result.kept_recent, result.partial_writes)
    return result


def _folders(root: Path) -> Iterable[Path]:
    if not root.is_dir():
        return []
    return [folder for folder in root.iterdir() if folder.is_dir() and len(folder.name) == 2]


def _age_s(now: float, *paths: Path) -> float:
    times = [path.stat().st_mtime for path in paths if path.exists()]
    return now - max(times) if times else 0.0


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _remove(path: Path, dry_run: bool) -> None:
    if not dry_run:
        path.unlink(missing_ok=True)
