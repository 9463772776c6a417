"""Uploads no claim holds are deleted after the retention period; a claim's documents stay
(bot/documents/retention.py, the gateway's daily job and `python -m bot clean-uploads`)."""
from __future__ import annotations

import asyncio
import os
import time
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from bot.__main__ import main
from bot.documents import staging
from bot.documents.retention import run_retention
from bot.gateway.app import upload_retention
from bot.store.db import session_scope
from bot.store.models import Claim, Document

DAY = 24 * 3600


def age(path, days: float) -> None:
    then = time.time() - days * DAY
    os.utime(path, (then, then))


@pytest.fixture
def uploads(seeded_url, tmp_path, monkeypatch):
    """Staged files: a claim's old invoice, an old photo no claim holds, a recent one, an old one sent
    again today, and two unfinished writes (old and new)."""
    root = tmp_path / "uploads"
    monkeypatch.setenv("CLAIMS_UPLOADS_DIR", str(root))
    monkeypatch.setenv("DATABASE_URL", seeded_url)  # for the command line
    tokens = {name: staging.stage(name.encode() * 100, f"{name}.jpg")
              for name in ("invoice", "old photo", "recent photo", "sent again")}
    for name in ("invoice", "old photo", "sent again"):
        path = staging.path_for(tokens[name])
        age(path, 40)
        age(path.with_name(path.name + ".json"), 0 if name == "sent again" else 40)
    with session_scope(seeded_url) as session:
        claim = session.scalar(select(Claim).where(Claim.case_number == "C-1003"))
        session.add(Document(claim_id=claim.id, doc_type="invoice", filename="invoice.jpg", sha256=tokens["invoice"]))
    folder = staging.path_for(tokens["invoice"]).parent
    (folder / ".staging-old").write_bytes(b"half")
    age(folder / ".staging-old", 1)
    (folder / ".staging-new").write_bytes(b"half")
    return SimpleNamespace(root=root, url=seeded_url, tokens=tokens, folder=folder)


def present(uploads) -> set:
    return {name for name, token in uploads.tokens.items() if staging.load(token) is not None}


def test_old_uploads_no_claim_holds_are_deleted_with_their_notes(uploads):
    result = run_retention(uploads.url, uploads.root, 30)
    assert present(uploads) == {"invoice", "recent photo", "sent again"}
    gone = staging.path_for(uploads.tokens["old photo"])
    assert not gone.with_name(gone.name + ".json").exists()
    assert (result.deleted, result.freed_bytes, result.kept_for_claims, result.kept_recent) == (1, 900, 1, 2)
    assert sorted(p.name for p in uploads.folder.glob(".staging-*")) == [".staging-new"]
    assert result.partial_writes == 1


def test_a_dry_run_and_retention_off_delete_nothing(uploads, capsys):
    assert run_retention(uploads.url, uploads.root, 0) is None
    assert main(["clean-uploads", "--dry-run"]) == 0
    assert "would delete 1 uploads older than 30 days" in capsys.readouterr().out
    assert present(uploads) == set(uploads.tokens)
    assert main(["clean-uploads", "--days", "60"]) == 0  # nothing is that old
    assert "deleted 0 uploads older than 60 days" in capsys.readouterr().out
    assert present(uploads) == set(uploads.tokens)


async def test_the_gateway_process_cleans_up_at_start(uploads):
    settings = SimpleNamespace(database_url=uploads.url, uploads_dir=uploads.root, upload_retention_days=30)
    lifetime = upload_retention(settings, None)
    await lifetime.__anext__()
    for _ in range(100):
        if "old photo" not in present(uploads):
            break
        await asyncio.sleep(0.05)
    assert present(uploads) == {"invoice", "recent photo", "sent again"}
    with pytest.raises(StopAsyncIteration):
        await lifetime.__anext__()  # the app's shutdown stops the daily task
